//! The roster chain and roles on the relay: any supervisor of the roster in force
//! (a deputy too) signs the next one and administers the team; nobody else signs,
//! no version is skipped or replayed; the recovery kit signs the one roster that
//! hands the team to a new device, and otherwise only reads rosters; the history is
//! served in order and in pages (`/v2/rosters`).

use ponte_proto::{
    CreateInvite, EntryKind, LeaveNotice, Notices, PendingJoins, RecordId, Role, RosterBody,
    RosterChain, SignedRoster, TeamId, TokenHash, encode, paths,
};

use crate::support::{
    Backend, Client, Device, Reply, Team, TestRelay, change, entry, idle, join, on_both_backends,
    random, sha256,
};

on_both_backends!(
    a_deputy_signs_the_next_roster_and_administers_the_team,
    rosters_signed_outside_the_chain_are_refused,
    the_recovery_kit_hands_the_team_to_a_new_device,
    the_roster_history_is_served_in_order_and_in_pages,
);

fn notices_target(team: TeamId) -> String {
    format!("{}?team={team}", paths::NOTICES)
}

fn invite_body(team: TeamId, client: &Client) -> (ponte_proto::InviteToken, Vec<u8>) {
    let token = ponte_proto::InviteToken(random());
    let body = CreateInvite {
        team_id: team,
        token_hash: TokenHash(sha256(token.as_bytes())),
        expires_at: client.clock.now_ms() + 60_000,
    };
    (token, encode(&body).unwrap())
}

fn notice_body(team: TeamId) -> Vec<u8> {
    encode(&LeaveNotice {
        team_id: team,
        sealed: b"sealed notice".to_vec(),
    })
    .unwrap()
}

fn tombstone_body(team: TeamId) -> Vec<u8> {
    encode(&ponte_proto::SyncRequest {
        team_id: team,
        cursor: 0,
        push: vec![entry(
            RecordId(random()),
            EntryKind::Tombstone,
            b"gone".to_vec(),
        )],
        pull_limit: 10,
    })
    .unwrap()
}

async fn latest(c: &Client, device: &Device, team: &Team) -> SignedRoster {
    c.send(device, "GET", &team.roster_target(), vec![])
        .await
        .decode()
}

/// Every roster after `since`, page by page; also returns the pages' sizes.
async fn history(c: &Client, device: &Device, team: &Team, since: u64) -> Vec<RosterChain> {
    let mut pages = Vec::new();
    let mut since = since;
    loop {
        let page: RosterChain = c
            .send(device, "GET", &team.rosters_target(since), vec![])
            .await
            .decode();
        let more = page.more;
        if let Some(last) = page.rosters.last() {
            since = last.version;
        }
        pages.push(page);
        if !more {
            return pages;
        }
    }
}

async fn a_deputy_signs_the_next_roster_and_administers_the_team(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let deputy = Device::new();
    let mediator = Device::new();
    team.members.push(deputy.roster_entry(Role::Supervisor));
    team.members.push(mediator.roster_entry(Role::Mediator));
    team.publish(c).await.assert_status(204);

    // The first supervisor is away: the deputy invites, sees the join and approves it
    // with a roster it signs itself.
    let (token, body) = invite_body(team.id, c);
    c.send(&deputy, "POST", paths::INVITES, body)
        .await
        .assert_status(201);
    let newcomer = Device::new();
    join(c, team.id, token, &newcomer).await.assert_status(202);
    let pending: PendingJoins = c
        .send(&deputy, "GET", &team.pending_target(), vec![])
        .await
        .decode();
    assert_eq!(pending.joins.len(), 1);
    assert_eq!(pending.joins[0].device_id, newcomer.id);
    team.members.push(newcomer.roster_entry(Role::Operator));
    let next = team.sign_body(&team.roster_body_by(team.version + 1, &deputy), &deputy);
    team.put_roster(c, &deputy, next.clone())
        .await
        .assert_status(204);
    team.version += 1;
    assert_eq!(latest(c, &newcomer, &team).await, next);
    c.send(&newcomer, "POST", paths::SYNC, idle(team.id))
        .await
        .assert_status(200);
    // The first supervisor may post the next one after the deputy's.
    team.publish(c).await.assert_status(204);

    // Any supervisor reads the notices and erases; a mediator or an operator does
    // none of a supervisor's work, but syncs and leaves notices.
    c.send(&mediator, "POST", paths::NOTICES, notice_body(team.id))
        .await
        .assert_status(204);
    for supervisor in [&team.supervisor, &deputy] {
        let notices: Notices = c
            .send(supervisor, "GET", &notices_target(team.id), vec![])
            .await
            .decode();
        assert_eq!(notices.notices.len(), 1);
        assert_eq!(notices.notices[0].device_id, mediator.id);
    }
    c.send(&deputy, "POST", paths::SYNC, tombstone_body(team.id))
        .await
        .assert_status(200);
    for ordinary in [&mediator, &newcomer] {
        let (_, invite) = invite_body(team.id, c);
        c.send(ordinary, "POST", paths::INVITES, invite)
            .await
            .assert_refused(403, "not-supervisor");
        c.send(ordinary, "GET", &team.pending_target(), vec![])
            .await
            .assert_refused(403, "not-supervisor");
        c.send(ordinary, "GET", &notices_target(team.id), vec![])
            .await
            .assert_refused(403, "not-supervisor");
        c.send(ordinary, "POST", paths::SYNC, tombstone_body(team.id))
            .await
            .assert_refused(403, "not-supervisor");
        let body = team.roster_body_by(team.version + 1, ordinary);
        team.put_roster(c, ordinary, team.sign_body(&body, ordinary))
            .await
            .assert_refused(403, "not-supervisor");
        let push = vec![change(RecordId(random()), b"a change".to_vec())];
        let synced = c.sync(ordinary, team.id, 0, push, 10).await;
        assert_eq!(synced.pushed.len(), 1);
    }
}

async fn rosters_signed_outside_the_chain_are_refused(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let deputy = Device::new();
    let operator = Device::new();
    let mediator = Device::new();
    team.members.push(deputy.roster_entry(Role::Supervisor));
    team.members.push(operator.roster_entry(Role::Operator));
    team.members.push(mediator.roster_entry(Role::Mediator));
    team.publish(c).await.assert_status(204);
    let before = latest(c, &operator, &team).await;

    // Signed by an operator or a mediator of the roster in force (or by a stranger
    // naming itself): refused, whoever sends it.
    for signer in [&operator, &mediator, &Device::new()] {
        let mut body = team.roster_body_by(team.version + 1, signer);
        body.devices.iter_mut().for_each(|d| {
            if d.device_id == signer.id {
                d.role = Role::Supervisor;
            }
        });
        team.put_roster(c, &team.supervisor, team.sign_body(&body, signer))
            .await
            .assert_refused(400, "bad-roster-signature");
    }
    // Naming the supervisor but signed with another key.
    let body = team.roster_body(team.version + 1);
    team.put_roster(c, &deputy, team.sign_body(&body, &deputy))
        .await
        .assert_refused(400, "bad-roster-signature");
    // Rolled back (a version already stored, signed by a supervisor) or gapped.
    team.put_roster(c, &team.supervisor, team.signed_roster(team.version))
        .await
        .assert_refused(409, "stale-roster");
    team.put_roster(c, &deputy, team.signed_roster(team.version - 1))
        .await
        .assert_refused(409, "stale-roster");
    team.put_roster(c, &team.supervisor, team.signed_roster(team.version + 2))
        .await
        .assert_refused(400, "bad-roster");
    // A signed roster that claims a recovery without the kit.
    let mut body = team.roster_body(team.version + 1);
    body.epoch += 1;
    body.recovered_by = Some(team.supervisor.id);
    team.put_roster(c, &team.supervisor, team.sign_body(&body, &team.supervisor))
        .await
        .assert_refused(400, "bad-roster");
    assert_eq!(latest(c, &operator, &team).await, before);

    // The deputy takes over: the first supervisor is no longer in the roster.
    let mut body = team.roster_body_by(team.version + 1, &deputy);
    body.devices.retain(|d| d.device_id != team.supervisor.id);
    let handover = team.sign_body(&body, &deputy);
    team.put_roster(c, &deputy, handover.clone())
        .await
        .assert_status(204);
    let removed = &team.supervisor;
    // Its old key signs nothing any more, even sent by the deputy; and it may not
    // post at all (it may still read the roster that removed it).
    let mut body: RosterBody = handover.decode_body().unwrap();
    body.version += 1;
    body.signer = removed.id;
    body.devices.push(removed.roster_entry(Role::Supervisor));
    let comeback = team.sign_body(&body, removed);
    team.put_roster(c, &deputy, comeback.clone())
        .await
        .assert_refused(400, "bad-roster-signature");
    team.put_roster(c, removed, comeback)
        .await
        .assert_refused(403, "device-revoked");
    c.send(removed, "POST", paths::INVITES, invite_body(team.id, c).1)
        .await
        .assert_refused(403, "device-revoked");
    assert_eq!(latest(c, removed, &team).await, handover);
}

async fn the_recovery_kit_hands_the_team_to_a_new_device(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let kit = Device::new();
    let operator = Device::new();
    team.members.push(kit.roster_entry(Role::Recovery));
    team.members.push(operator.roster_entry(Role::Operator));
    team.publish(c).await.assert_status(204);

    // The kit reads the roster and its history, and does nothing else.
    assert_eq!(
        latest(c, &kit, &team).await,
        team.signed_roster(team.version)
    );
    let chain = history(c, &kit, &team, 0).await;
    assert_eq!(chain.len(), 1);
    assert_eq!(chain[0].rosters.len(), 2);
    let refusals: [(&str, String, Vec<u8>); 6] = [
        ("POST", paths::SYNC.to_owned(), idle(team.id)),
        ("POST", paths::SYNC.to_owned(), tombstone_body(team.id)),
        ("POST", paths::NOTICES.to_owned(), notice_body(team.id)),
        ("GET", notices_target(team.id), vec![]),
        ("POST", paths::INVITES.to_owned(), invite_body(team.id, c).1),
        ("GET", team.pending_target(), vec![]),
    ];
    for (method, target, body) in refusals {
        c.send(&kit, method, &target, body)
            .await
            .assert_refused(403, "not-supervisor");
    }

    // Every supervisor device is lost. A new device uses the kit: the roster it
    // signs names the new device, rotates the key and drops the used kit.
    let heir = Device::new();
    let new_kit = Device::new();
    let recovery = |edit: &dyn Fn(&mut RosterBody)| {
        let mut body = RosterBody {
            epoch: team.epoch + 1,
            recovered_by: Some(heir.id),
            devices: vec![
                heir.roster_entry(Role::Supervisor),
                operator.roster_entry(Role::Operator),
                new_kit.roster_entry(Role::Recovery),
            ],
            ..team.roster_body_by(team.version + 1, &kit)
        };
        edit(&mut body);
        team.sign_body(&body, &kit)
    };
    let keep_kit = |b: &mut RosterBody| b.devices.push(kit.roster_entry(Role::Recovery));
    let bad: [&dyn Fn(&mut RosterBody); 4] = [
        &|b| b.recovered_by = None,
        &|b| b.epoch = team.epoch,
        &|b| b.recovered_by = Some(operator.id),
        &|b| {
            b.devices.retain(|d| d.role != Role::Recovery);
            keep_kit(b);
        },
    ];
    for edit in bad {
        team.put_roster(c, &kit, recovery(edit))
            .await
            .assert_refused(400, "bad-roster");
    }
    // An operator may not post it for the kit.
    team.put_roster(c, &operator, recovery(&|_| {}))
        .await
        .assert_refused(403, "not-supervisor");
    let recovered = recovery(&|_| {});
    team.put_roster(c, &kit, recovered.clone())
        .await
        .assert_status(204);

    // The used kit is unknown from now on; the old supervisor is revoked; the new
    // supervisor administers; the operator sees the recovery and keeps syncing.
    c.send(&kit, "GET", &team.roster_target(), vec![])
        .await
        .assert_refused(401, "unknown-device");
    c.send(&kit, "POST", paths::SYNC, idle(team.id))
        .await
        .assert_refused(401, "unknown-device");
    c.send(&team.supervisor, "POST", paths::SYNC, idle(team.id))
        .await
        .assert_refused(403, "device-revoked");
    c.send(&heir, "POST", paths::INVITES, invite_body(team.id, c).1)
        .await
        .assert_status(201);
    let seen = latest(c, &operator, &team).await;
    assert_eq!(seen, recovered);
    let body = seen.decode_body().unwrap();
    assert_eq!((body.signer, body.recovered_by), (kit.id, Some(heir.id)));
    c.send(&operator, "POST", paths::SYNC, idle(team.id))
        .await
        .assert_status(200);
    // The new kit reads, and could sign once in turn; the old kit can never again.
    assert_eq!(latest(c, &new_kit, &team).await, recovered);
    let again = RosterBody {
        version: body.version + 1,
        epoch: body.epoch + 1,
        signer: kit.id,
        ..body
    };
    team.put_roster(c, &heir, team.sign_body(&again, &kit))
        .await
        .assert_refused(400, "bad-roster-signature");
}

async fn the_roster_history_is_served_in_order_and_in_pages(backend: Backend) {
    // A small body limit: the history does not fit in one answer.
    let limits = sync_server::Limits {
        max_body_bytes: 2_000,
        ..sync_server::Limits::default()
    };
    let relay = TestRelay::start_with(backend, limits.clone()).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let mut stored = vec![team.signed_roster(1)];
    let mut members = Vec::new();
    for _ in 0..7 {
        let device = Device::new();
        team.members.push(device.roster_entry(Role::Operator));
        stored.push(team.signed_roster(team.version + 1));
        team.publish(c).await.assert_status(204);
        members.push(device);
    }
    assert_eq!(team.version, 8);

    // The pages the relay must answer: consecutive rosters, each page as many as fit
    // in the body limit together.
    let mut expected: Vec<Vec<SignedRoster>> = Vec::new();
    let mut bytes = 0;
    for roster in &stored {
        let len = encode(roster).unwrap().len();
        match expected.last_mut() {
            Some(page) if bytes + len <= limits.max_body_bytes => page.push(roster.clone()),
            _ => {
                expected.push(vec![roster.clone()]);
                bytes = 0;
            }
        }
        bytes += len;
    }
    assert!(expected.len() > 2, "the history must take several pages");

    let pages = history(c, &members[0], &team, 0).await;
    let got: Vec<Vec<SignedRoster>> = pages.iter().map(|p| p.rosters.clone()).collect();
    assert_eq!(got, expected);
    assert!(pages[..pages.len() - 1].iter().all(|p| p.more));
    // From the middle of the chain, and from its end.
    let tail = history(c, &members[0], &team, 5).await;
    let tail: Vec<SignedRoster> = tail.into_iter().flat_map(|p| p.rosters).collect();
    assert_eq!(tail, stored[5..]);
    for since in [8, 9, u64::try_from(i64::MAX).unwrap()] {
        let page: RosterChain = c
            .send(&team.supervisor, "GET", &team.rosters_target(since), vec![])
            .await
            .decode();
        assert_eq!(page, RosterChain::default());
    }
    // `GET /v1/roster` still answers the latest.
    assert_eq!(latest(c, &members[3], &team).await, stored[7]);

    // A removed device and a pending one read the history; a stranger does not.
    team.remove(c, &members[0]).await;
    let chain = history(c, &members[0], &team, 7).await;
    assert_eq!(chain.iter().map(|p| p.rosters.len()).sum::<usize>(), 2);
    let token = team.invite(c, 60_000).await;
    let newcomer = Device::new();
    join(c, team.id, token, &newcomer).await.assert_status(202);
    assert_eq!(history(c, &newcomer, &team, 8).await[0].rosters.len(), 1);
    c.send(&Device::new(), "GET", &team.rosters_target(0), vec![])
        .await
        .assert_refused(401, "unknown-device");

    // A garbled or out-of-range `since`: 400, never 500.
    let base = format!("{}?team={}", paths::ROSTERS, team.id);
    for query in [
        format!("{base}&since=abc"),
        format!("{base}&since=-1"),
        format!("{base}&since=+1"),
        format!("{base}&since="),
        format!("{base}&since=1&since=2"),
        format!("{base}&since={}", u64::MAX),
        format!("{base}&since=18446744073709551616"),
        format!("{base}&since={}", u64::try_from(i64::MAX).unwrap() + 1),
        base.clone(),
        format!("{}?since=0&team={}", paths::ROSTERS, team.id),
    ] {
        let reply: Reply = c.send(&team.supervisor, "GET", &query, vec![]).await;
        reply.assert_refused(400, "malformed");
    }
}

/// A team as a relay before roles stored it: the latest roster (version 2, in the
/// layout of then, one supervisor and an operator) and its devices, one of them
/// removed.
struct OldTeam {
    team: Team,
    operator: Device,
    removed: Device,
    roster: SignedRoster,
}

impl OldTeam {
    fn new() -> Self {
        let supervisor = Device::new();
        let operator = Device::new();
        let old = ponte_proto::RosterBodyV2 {
            team_id: TeamId(random()),
            version: 2,
            epoch: 2,
            supervisor: supervisor.id,
            devices: vec![
                supervisor.roster_entry(Role::Supervisor),
                operator.roster_entry(Role::Operator),
            ],
            settings_sealed: Vec::new(),
        };
        let body = encode(&old).unwrap();
        let roster = SignedRoster {
            version: 2,
            signature: supervisor.sign(&ponte_proto::roster_signing_input(&body)),
            body,
        };
        let team = Team {
            id: old.team_id,
            supervisor,
            members: vec![operator.roster_entry(Role::Operator)],
            version: 2,
            epoch: 2,
        };
        Self {
            team,
            operator,
            removed: Device::new(),
            roster,
        }
    }

    /// The devices' rows: (device, signing key, active).
    fn devices(&self) -> Vec<(Vec<u8>, Vec<u8>, bool)> {
        [
            (&self.team.supervisor, true),
            (&self.operator, true),
            (&self.removed, false),
        ]
        .into_iter()
        .map(|(d, active)| (d.id.0.to_vec(), d.signing_pk().0.to_vec(), active))
        .collect()
    }

    /// What the migrated relay must do with it: serve its roster as the first of the
    /// history, know the supervisor as one and the operator as an ordinary device,
    /// take the next roster (a deputy) and let the deputy administer.
    async fn check(mut self, relay: &TestRelay) {
        let c = &relay.client;
        let team = &self.team;
        let chain = history(c, &self.operator, team, 0).await;
        assert_eq!(chain.len(), 1);
        assert_eq!(chain[0].rosters, [self.roster.clone()]);
        assert_eq!(latest(c, &self.removed, team).await, self.roster);
        c.send(&self.removed, "POST", paths::SYNC, idle(team.id))
            .await
            .assert_refused(403, "device-revoked");
        c.send(&self.operator, "POST", paths::SYNC, idle(team.id))
            .await
            .assert_status(200);
        c.send(
            &self.operator,
            "POST",
            paths::INVITES,
            invite_body(team.id, c).1,
        )
        .await
        .assert_refused(403, "not-supervisor");
        c.send(
            &team.supervisor,
            "POST",
            paths::INVITES,
            invite_body(team.id, c).1,
        )
        .await
        .assert_status(201);
        let deputy = Device::new();
        let team = &mut self.team;
        team.members.push(deputy.roster_entry(Role::Supervisor));
        team.publish(c).await.assert_status(204);
        c.send(&deputy, "POST", paths::INVITES, invite_body(team.id, c).1)
            .await
            .assert_status(201);
        let chain = history(c, &self.operator, team, 0).await;
        let versions: Vec<u64> = chain[0].rosters.iter().map(|r| r.version).collect();
        assert_eq!(versions, [2, 3]);
    }
}

/// A relay file made before roles and the roster history (schema 2) gets both at
/// start: each device the role its team's latest roster says, that roster the first
/// of the history.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sqlite_relay_made_before_roles_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("relay.sqlite3");
    drop(sync_server::SqliteStorage::open(&path).unwrap());
    let old = OldTeam::new();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE rosters; ALTER TABLE devices DROP COLUMN role; PRAGMA user_version = 2;",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO teams (team_id, supervisor, supervisor_pk, roster_version, roster, created_at)
             VALUES (?1, ?2, ?3, 2, ?4, 0)",
            rusqlite::params![
                &old.team.id.0[..],
                &old.team.supervisor.id.0[..],
                &old.team.supervisor.signing_pk().0[..],
                encode(&old.roster).unwrap()
            ],
        )
        .unwrap();
        for (device, key, active) in old.devices() {
            conn.execute(
                "INSERT INTO devices (team_id, device_id, signing_pk, active) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![&old.team.id.0[..], device, key, active],
            )
            .unwrap();
        }
    }
    let relay = TestRelay::start_on(sync_server::SqliteStorage::open(&path).unwrap()).await;
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 3);
    let role = |device: &Device| -> Option<i64> {
        conn.query_row(
            "SELECT role FROM devices WHERE device_id = ?1",
            [&device.id.0[..]],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(
        (
            role(&old.team.supervisor),
            role(&old.operator),
            role(&old.removed)
        ),
        (Some(0), Some(1), None)
    );
    drop(conn);
    old.check(&relay).await;
}

/// The same on PostgreSQL: a database at schema 2 gets roles and the history when a
/// relay connects.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_relay_made_before_roles_is_migrated() {
    let cluster = tokio::task::spawn_blocking(crate::support::PgCluster::start)
        .await
        .unwrap();
    drop(
        sync_server::PostgresStorage::connect(&cluster.url(), 2)
            .await
            .unwrap(),
    );
    let client = crate::support::sql(&cluster).await;
    client
        .batch_execute(
            "DROP TABLE rosters; ALTER TABLE devices DROP COLUMN role;
             DELETE FROM ponte_schema WHERE version = 3;",
        )
        .await
        .unwrap();
    let old = OldTeam::new();
    client
        .execute(
            "INSERT INTO teams (team_id, supervisor, supervisor_pk, roster_version, roster, created_at)
             VALUES ($1, $2, $3, 2, $4, 0)",
            &[
                &&old.team.id.0[..],
                &&old.team.supervisor.id.0[..],
                &&old.team.supervisor.signing_pk().0[..],
                &encode(&old.roster).unwrap(),
            ],
        )
        .await
        .unwrap();
    for (device, key, active) in old.devices() {
        client
            .execute(
                "INSERT INTO devices (team_id, device_id, signing_pk, active) VALUES ($1, $2, $3, $4)",
                &[&&old.team.id.0[..], &device, &key, &active],
            )
            .await
            .unwrap();
    }
    let relay = TestRelay::start_on(
        sync_server::PostgresStorage::connect(&cluster.url(), 8)
            .await
            .unwrap(),
    )
    .await;
    let version: i64 = client
        .query_one("SELECT MAX(version) FROM ponte_schema", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(version, 3);
    let mut roles = Vec::new();
    for device in [&old.team.supervisor, &old.operator, &old.removed] {
        let role: Option<i16> = client
            .query_one(
                "SELECT role FROM devices WHERE device_id = $1",
                &[&&device.id.0[..]],
            )
            .await
            .unwrap()
            .get(0);
        roles.push(role);
    }
    assert_eq!(roles, [Some(0), Some(1), None]);
    old.check(&relay).await;
}
