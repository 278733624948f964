//! Notices a device leaves its supervisor (`/v2/notices`): only a device of the team's
//! latest roster may leave one, small and a few at most; only the supervisor reads
//! them; they are stored as the opaque bytes sent and go with a device the roster
//! removes.

use ponte_proto::{LeaveNotice, Notices, TeamId, encode, limits, paths};

use crate::support::{Backend, Client, Device, Reply, Team, TestRelay, on_both_backends};

on_both_backends!(
    a_member_leaves_a_notice_only_the_supervisor_reads,
    a_notice_from_outside_the_team_or_a_removed_device_is_refused,
    notices_are_small_and_few,
    a_removed_devices_notices_go_with_it,
);

fn leave_body(team: TeamId, sealed: &[u8]) -> Vec<u8> {
    encode(&LeaveNotice {
        team_id: team,
        sealed: sealed.to_vec(),
    })
    .unwrap()
}

async fn leave(client: &Client, device: &Device, team: TeamId, sealed: &[u8]) -> Reply {
    client
        .send(device, "POST", paths::NOTICES, leave_body(team, sealed))
        .await
}

fn target(team: TeamId) -> String {
    format!("{}?team={team}", paths::NOTICES)
}

async fn notices(client: &Client, team: &Team) -> Notices {
    client
        .send(&team.supervisor, "GET", &target(team.id), Vec::new())
        .await
        .decode()
}

/// Bytes standing for a sealed notice; a marker the storage must hold only as sent.
const SEALED: &[u8] = b"ZQXNOTICESEALEDBYTES-opaque-to-the-relay";

async fn a_member_leaves_a_notice_only_the_supervisor_reads(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let member = team.member(c).await;
    let before = c.clock.now_ms();
    leave(c, &member, team.id, SEALED).await.assert_status(204);
    let got = notices(c, &team).await;
    assert_eq!(got.notices.len(), 1);
    let notice = &got.notices[0];
    assert_eq!(notice.device_id, member.id);
    assert_eq!(notice.sealed, SEALED);
    assert!(notice.received_at >= before && notice.received_at <= c.clock.now_ms());
    // A member may not read them.
    c.send(&member, "GET", &target(team.id), Vec::new())
        .await
        .assert_refused(403, "not-supervisor");
    // Another team's supervisor sees none of them, and cannot ask for this team's.
    let other = Team::create(c).await;
    assert!(notices(c, &other).await.notices.is_empty());
    c.send(&other.supervisor, "GET", &target(team.id), Vec::new())
        .await
        .assert_refused(401, "unknown-device");
    if relay.cluster().is_none() {
        assert!(relay.count_stored(SEALED).await >= 1);
    }
}

async fn a_notice_from_outside_the_team_or_a_removed_device_is_refused(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let member = team.member(c).await;
    // A device the team never had.
    let stranger = Device::new();
    leave(c, &stranger, team.id, SEALED)
        .await
        .assert_refused(401, "unknown-device");
    // Someone who learnt the member's id but holds another key.
    let impostor = Device::with_id(member.id);
    leave(c, &impostor, team.id, SEALED)
        .await
        .assert_refused(401, "bad-signature");
    // Unsigned.
    let unsigned = c
        .send_raw("POST", paths::NOTICES, &[], leave_body(team.id, SEALED))
        .await;
    unsigned.assert_refused(401, "bad-signature");
    // A removed device.
    team.remove(c, &member).await;
    leave(c, &member, team.id, SEALED)
        .await
        .assert_refused(403, "device-revoked");
    assert!(notices(c, &team).await.notices.is_empty());
}

async fn notices_are_small_and_few(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let member = team.member(c).await;
    leave(c, &member, team.id, &[])
        .await
        .assert_refused(400, "malformed");
    leave(
        c,
        &member,
        team.id,
        &vec![7; limits::MAX_NOTICE_SEALED_BYTES + 1],
    )
    .await
    .assert_refused(413, "too-large");
    for _ in 0..limits::MAX_NOTICES_PER_DEVICE {
        leave(c, &member, team.id, &[7; limits::MAX_NOTICE_SEALED_BYTES])
            .await
            .assert_status(204);
    }
    leave(c, &member, team.id, SEALED)
        .await
        .assert_refused(409, "notice-limit");
    // Another device of the team has its own count.
    let other = team.member(c).await;
    leave(c, &other, team.id, SEALED).await.assert_status(204);
    assert_eq!(
        notices(c, &team).await.notices.len(),
        limits::MAX_NOTICES_PER_DEVICE + 1
    );
}

async fn a_removed_devices_notices_go_with_it(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let member = team.member(c).await;
    let other = team.member(c).await;
    leave(c, &member, team.id, SEALED).await.assert_status(204);
    leave(c, &other, team.id, b"other's notice")
        .await
        .assert_status(204);
    team.remove(c, &member).await;
    let left = notices(c, &team).await;
    assert_eq!(left.notices.len(), 1);
    assert_eq!(left.notices[0].device_id, other.id);
}

/// A relay file made before notices existed (schema 1) gets the table (and the later
/// schema versions) at start and keeps what it held.
#[test]
fn an_existing_sqlite_relay_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("relay.sqlite3");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        drop(sync_server::storage::SqliteStorage::open(&path).unwrap());
    });
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP INDEX notices_device; DROP TABLE notices; DROP TABLE rosters;
         ALTER TABLE devices DROP COLUMN role; PRAGMA user_version = 1;
         INSERT INTO teams (team_id, supervisor, supervisor_pk, roster_version, roster, created_at)
         VALUES (x'01', x'02', x'03', 1, x'04', 0);",
    )
    .unwrap();
    drop(conn);
    runtime.block_on(async {
        drop(sync_server::storage::SqliteStorage::open(&path).unwrap());
    });
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 3);
    let notices: i64 = conn
        .query_row("SELECT COUNT(*) FROM notices", [], |r| r.get(0))
        .unwrap();
    let teams: i64 = conn
        .query_row("SELECT COUNT(*) FROM teams", [], |r| r.get(0))
        .unwrap();
    assert_eq!((notices, teams), (0, 1));
}

/// The same on PostgreSQL: a database at schema 1 gets the table when a relay connects.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_postgres_relay_is_migrated() {
    let cluster = tokio::task::spawn_blocking(crate::support::PgCluster::start)
        .await
        .unwrap();
    drop(
        sync_server::storage::PostgresStorage::connect(&cluster.url(), 2)
            .await
            .unwrap(),
    );
    let client = crate::support::sql(&cluster).await;
    client
        .batch_execute(
            "DROP TABLE notices; DROP TABLE rosters; ALTER TABLE devices DROP COLUMN role;
             DELETE FROM ponte_schema WHERE version >= 2;",
        )
        .await
        .unwrap();
    drop(
        sync_server::storage::PostgresStorage::connect(&cluster.url(), 2)
            .await
            .unwrap(),
    );
    let n: i64 = client
        .query_one("SELECT COUNT(*) FROM notices", &[])
        .await
        .unwrap()
        .get(0);
    let version: i64 = client
        .query_one("SELECT MAX(version) FROM ponte_schema", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!((n, version), (0, 3));
}
