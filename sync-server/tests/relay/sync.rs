//! Push and pull: paging, cursors, idempotent retries, compaction, erasure.

use std::io::{Read as _, Write as _};

use ponte_proto::{
    EntryKind, NewEntry, Pushed, RecordId, SyncRequest, SyncResponse, decode, encode, paths,
};
use sync_server::Limits;

use crate::support::{
    Backend, Device, Team, TestRelay, change, count_in_files, entry, on_both_backends, random, seqs,
};

on_both_backends!(
    push_pull_round_trip_and_paging,
    own_entries_are_not_sent_back,
    retried_push_is_idempotent,
    cursor_semantics,
    pull_pages_stay_within_the_byte_budget,
    snapshot_compacts_superseded_entries,
    snapshot_cannot_cover_entries_the_log_does_not_have,
    tombstone_erases_a_record_and_its_bytes,
    only_the_supervisor_erases,
    a_members_junk_snapshot_destroys_no_history,
    key_entries_are_stored_and_served,
    idle_sync_is_one_small_round_trip,
);

async fn push_pull_round_trip_and_paging(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (a, b) = (team.member(c).await, team.member(c).await);
    let records: Vec<RecordId> = (0..3).map(|_| RecordId(random())).collect();
    let push: Vec<NewEntry> = (0..25)
        .map(|i| change(records[i % 3], format!("ciphertext {i}")))
        .collect();

    let pushed = c.sync(&a, team.id, 0, push.clone(), 0).await;
    assert_eq!(seqs(&pushed), (1..=25).collect::<Vec<_>>());
    assert_eq!((pushed.head, pushed.cursor, pushed.more), (25, 25, false));
    assert_eq!(pushed.roster_version, team.version);

    let mut cursor = 0;
    let mut pages = Vec::new();
    let mut pulled = Vec::new();
    loop {
        let page = c.sync(&b, team.id, cursor, vec![], 10).await;
        pages.push((page.entries.len(), page.more, page.cursor));
        pulled.extend(page.entries);
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(pages, [(10, true, 10), (10, true, 20), (5, false, 25)]);
    for (i, (got, sent)) in pulled.iter().zip(&push).enumerate() {
        assert_eq!(got.seq, i as u64 + 1);
        assert_eq!(
            (got.record_id, got.kind, &got.ciphertext),
            (sent.record_id, sent.kind, &sent.ciphertext)
        );
        assert_eq!(got.author_device, a.id);
    }
    assert_eq!(pulled.len(), 25);
}

async fn own_entries_are_not_sent_back(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (a, b) = (team.member(c).await, team.member(c).await);
    let r = RecordId(random());
    c.sync(
        &a,
        team.id,
        0,
        vec![change(r, "a1"), change(r, "a2"), change(r, "a3")],
        0,
    )
    .await;
    c.sync(&b, team.id, 0, vec![change(r, "b1"), change(r, "b2")], 0)
        .await;

    // A pushes once more and pulls in the same round trip: it gets B's two entries,
    // not its own four, and a cursor past all of them.
    let response = c.sync(&a, team.id, 0, vec![change(r, "a4")], 100).await;
    assert_eq!(seqs(&response), [6]);
    let got: Vec<_> = response
        .entries
        .iter()
        .map(|e| (e.seq, e.ciphertext.as_slice()))
        .collect();
    assert_eq!(got, [(4, &b"b1"[..]), (5, &b"b2"[..])]);
    assert_eq!(
        (response.cursor, response.head, response.more),
        (6, 6, false)
    );
}

async fn retried_push_is_idempotent(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (a, b) = (team.member(c).await, team.member(c).await);
    let r = RecordId(random());
    let batch = vec![change(r, "x"), change(r, "y"), change(r, "z")];

    let first = c.sync(&a, team.id, 0, batch.clone(), 0).await;
    assert_eq!(seqs(&first), [1, 2, 3]);
    // The answer was lost; the device pushes the same batch again.
    let retry = c.sync(&a, team.id, 0, batch.clone(), 0).await;
    assert_eq!(seqs(&retry), [1, 2, 3]);
    assert_eq!(retry.head, 3);
    // A batch mixing a new entry with an old one, and a duplicate within a batch.
    let mixed = c
        .sync(
            &a,
            team.id,
            0,
            vec![
                change(r, "w"),
                change(r, "x"),
                change(r, "v"),
                change(r, "v"),
            ],
            0,
        )
        .await;
    assert_eq!(seqs(&mixed), [4, 1, 5, 5]);
    // Another device pushing identical bytes gets the existing entry too.
    let other = c.sync(&b, team.id, 0, vec![change(r, "y")], 0).await;
    assert_eq!(seqs(&other), [2]);

    let all = c.pull_all(&team.supervisor, team.id, 0).await;
    let texts: Vec<_> = all.iter().map(|e| e.ciphertext.as_slice()).collect();
    assert_eq!(texts, [&b"x"[..], b"y", b"z", b"w", b"v"]);
}

async fn cursor_semantics(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (a, b) = (team.member(c).await, team.member(c).await);
    let r = RecordId(random());
    c.sync(
        &a,
        team.id,
        0,
        (1..=5).map(|i| change(r, format!("e{i}"))).collect(),
        0,
    )
    .await;

    let after3 = c.sync(&b, team.id, 3, vec![], 100).await;
    assert_eq!(
        after3.entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [4, 5]
    );
    assert_eq!((after3.cursor, after3.more), (5, false));

    let up_to_date = c.sync(&b, team.id, 5, vec![], 100).await;
    assert!(up_to_date.entries.is_empty());
    assert_eq!(
        (up_to_date.cursor, up_to_date.head, up_to_date.more),
        (5, 5, false)
    );

    // A cursor beyond the head (say the relay was restored from a backup) is told
    // where the log really is.
    let ahead = c.sync(&b, team.id, 100, vec![], 100).await;
    assert!(ahead.entries.is_empty());
    assert_eq!(ahead.cursor, 5);

    // pull_limit 0 pulls nothing and keeps the cursor, but says more is due.
    let none = c.sync(&b, team.id, 2, vec![], 0).await;
    assert!(none.entries.is_empty());
    assert_eq!((none.cursor, none.more), (2, true));

    // A cursor no log can reach is malformed, not a server error.
    let request = SyncRequest {
        team_id: team.id,
        cursor: u64::MAX,
        push: vec![],
        pull_limit: 10,
    };
    c.sync_reply(&b, &request)
        .await
        .assert_refused(400, "malformed");
}

async fn pull_pages_stay_within_the_byte_budget(backend: Backend) {
    let limits = Limits {
        pull_byte_budget: 1000,
        ..Limits::default()
    };
    let relay = TestRelay::start_with(backend, limits).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (a, b) = (team.member(c).await, team.member(c).await);
    let r = RecordId(random());
    let mut push: Vec<NewEntry> = (0..5u8).map(|i| change(r, vec![i; 400])).collect();
    push.push(change(r, vec![9; 3000]));
    c.sync(&a, team.id, 0, push, 0).await;

    let mut cursor = 0;
    let mut sizes = Vec::new();
    loop {
        let page = c.sync(&b, team.id, cursor, vec![], 100).await;
        sizes.push(
            page.entries
                .iter()
                .map(|e| e.ciphertext.len())
                .collect::<Vec<_>>(),
        );
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    // Two 400-byte entries fit in 1000 bytes, three do not; an entry bigger than
    // the whole budget still goes, alone.
    assert_eq!(
        sizes,
        [vec![400, 400], vec![400, 400], vec![400], vec![3000]]
    );
}

async fn snapshot_compacts_superseded_entries(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    // Compaction deletes entries: the relay takes snapshots from the supervisor only.
    let (r, s) = (RecordId(random()), RecordId(random()));
    let first = c
        .sync(
            &team.supervisor,
            team.id,
            0,
            vec![
                change(r, "r1"),
                change(r, "r2"),
                change(r, "r3"),
                change(s, "s1"),
                entry(r, EntryKind::Key, "r data key"),
            ],
            0,
        )
        .await;
    assert_eq!(seqs(&first), [1, 2, 3, 4, 5]);

    // A snapshot of R covering seq 3, then one more change of R.
    let second = c
        .sync(
            &team.supervisor,
            team.id,
            5,
            vec![
                entry(r, EntryKind::Snapshot { covers: 3 }, "r@3"),
                change(r, "r4"),
            ],
            0,
        )
        .await;
    assert_eq!(seqs(&second), [6, 7]);
    let late_joiner = team.member(c).await;
    let log: Vec<_> = c
        .pull_all(&late_joiner, team.id, 0)
        .await
        .into_iter()
        .map(|e| (e.seq, e.kind, e.ciphertext))
        .collect();
    assert_eq!(
        log,
        [
            (4, EntryKind::Change, b"s1".to_vec()),
            (5, EntryKind::Key, b"r data key".to_vec()),
            (6, EntryKind::Snapshot { covers: 3 }, b"r@3".to_vec()),
            (7, EntryKind::Change, b"r4".to_vec()),
        ]
    );

    // A newer snapshot supersedes the older one and the change after it; the key
    // entry of R and the other record are untouched.
    let third = c
        .sync(
            &team.supervisor,
            team.id,
            7,
            vec![entry(r, EntryKind::Snapshot { covers: 7 }, "r@7")],
            0,
        )
        .await;
    assert_eq!(seqs(&third), [8]);
    let log: Vec<_> = c
        .pull_all(&late_joiner, team.id, 0)
        .await
        .into_iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(log, [4, 5, 8]);
}

async fn snapshot_cannot_cover_entries_the_log_does_not_have(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (a, b) = (team.member(c).await, team.member(c).await);
    let r = RecordId(random());
    c.sync(
        &a,
        team.id,
        0,
        vec![change(r, "1"), change(r, "2"), change(r, "3")],
        0,
    )
    .await;

    // The snapshot would get seq 5 and claims to cover seq 5: refused, and the whole
    // batch with it (a push is all or nothing).
    let request = SyncRequest {
        team_id: team.id,
        cursor: 3,
        push: vec![
            change(r, "4"),
            entry(r, EntryKind::Snapshot { covers: 5 }, "snap"),
        ],
        pull_limit: 0,
    };
    c.sync_reply(&team.supervisor, &request)
        .await
        .assert_refused(400, "bad-covers");
    let log = c.pull_all(&b, team.id, 0).await;
    assert_eq!(log.len(), 3);
    assert_eq!(c.sync(&b, team.id, 0, vec![], 0).await.head, 3);
}

const MARKER_R: &str = "ZQXERASEDMARKER-record-r";
const MARKER_S: &str = "ZQXKEPTMARKER-record-s";

async fn tombstone_erases_a_record_and_its_bytes(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (r, s) = (RecordId(random()), RecordId(random()));
    // Small and large ciphertexts (the large one spills to SQLite overflow pages and
    // PostgreSQL's TOAST table).
    let big = MARKER_R.repeat(2000).into_bytes();
    let old_change = change(r, format!("{MARKER_R} change 1"));
    c.sync(
        &team.supervisor,
        team.id,
        0,
        vec![
            old_change.clone(),
            change(r, big),
            entry(
                r,
                EntryKind::Snapshot { covers: 2 },
                format!("{MARKER_R} snapshot"),
            ),
            entry(r, EntryKind::Key, format!("{MARKER_R} key")),
            change(s, format!("{MARKER_S} change")),
        ],
        0,
    )
    .await;
    assert!(
        relay.count_stored(MARKER_R.as_bytes()).await > 0,
        "the search must find what is stored"
    );

    let tombstone = entry(r, EntryKind::Tombstone, "tombstone");
    let erased = c
        .sync(&team.supervisor, team.id, 5, vec![tombstone.clone()], 0)
        .await;
    assert_eq!(seqs(&erased), [6]);

    assert_eq!(
        relay.count_stored(MARKER_R.as_bytes()).await,
        0,
        "erased ciphertext still stored"
    );
    assert!(
        relay.count_stored(MARKER_S.as_bytes()).await > 0,
        "the other record must survive"
    );

    let late_joiner = team.member(c).await;
    let log: Vec<_> = c
        .pull_all(&late_joiner, team.id, 0)
        .await
        .into_iter()
        .map(|e| (e.seq, e.record_id, e.kind))
        .collect();
    assert_eq!(
        log,
        [(5, s, EntryKind::Change), (6, r, EntryKind::Tombstone)]
    );

    // Later entries for R are refused one by one; the rest of the batch is stored.
    let late = c
        .sync(
            &team.supervisor,
            team.id,
            6,
            vec![
                change(r, "late change"),
                entry(r, EntryKind::Snapshot { covers: 6 }, "late snapshot"),
                entry(r, EntryKind::Key, "late key"),
                old_change,
                change(s, "s2"),
            ],
            0,
        )
        .await;
    assert_eq!(
        late.pushed,
        [
            Pushed::RecordErased,
            Pushed::RecordErased,
            Pushed::RecordErased,
            Pushed::RecordErased,
            Pushed::Stored { seq: 7 }
        ]
    );
    // Erasing again (a retry, or a second device of the supervisor's) changes nothing.
    let again = c
        .sync(
            &team.supervisor,
            team.id,
            7,
            vec![tombstone, entry(r, EntryKind::Tombstone, "other")],
            0,
        )
        .await;
    assert_eq!(seqs(&again), [6, 6]);
    assert_eq!(again.head, 7);
}

/// PostgreSQL keeps deleted rows on disk until VACUUM: `docs/protocol.md` tells an
/// operator to run `VACUUM FULL entries` to purge erased ciphertext from the table
/// files. This checks that it does (the WAL is another matter, documented there).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_vacuum_full_purges_erased_bytes_from_table_files() {
    let relay = TestRelay::start(Backend::Postgres).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let a = team.member(c).await;
    let r = RecordId(random());
    let big = MARKER_R.repeat(2000);
    c.sync(
        &a,
        team.id,
        0,
        vec![change(r, format!("{MARKER_R} small")), change(r, big)],
        0,
    )
    .await;
    let cluster = relay.cluster().unwrap();
    let sql = crate::support::sql(cluster).await;
    let base = cluster.data_dir().join("base");
    sql.batch_execute("CHECKPOINT").await.unwrap();
    assert!(
        count_in_files(&base, MARKER_R.as_bytes()) > 0,
        "the search must find what is stored"
    );

    c.sync(
        &team.supervisor,
        team.id,
        2,
        vec![entry(r, EntryKind::Tombstone, "tomb")],
        0,
    )
    .await;
    assert_eq!(relay.count_stored(MARKER_R.as_bytes()).await, 0);
    sql.batch_execute("VACUUM FULL entries").await.unwrap();
    sql.batch_execute("CHECKPOINT").await.unwrap();
    assert_eq!(
        count_in_files(&base, MARKER_R.as_bytes()),
        0,
        "erased ciphertext left in the table files"
    );
}

async fn only_the_supervisor_erases(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let a = team.member(c).await;
    let r = RecordId(random());
    c.sync(&a, team.id, 0, vec![change(r, "keep me")], 0).await;
    let request = SyncRequest {
        team_id: team.id,
        cursor: 1,
        push: vec![
            change(r, "also refused"),
            entry(r, EntryKind::Tombstone, "tomb"),
        ],
        pull_limit: 0,
    };
    c.sync_reply(&a, &request)
        .await
        .assert_refused(403, "not-supervisor");
    let log = c.pull_all(&team.supervisor, team.id, 0).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].ciphertext, b"keep me");
}

async fn key_entries_are_stored_and_served(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let a = team.member(c).await;
    // The team key sealed to A: record id = A's device id.
    let to_a = RecordId(a.id.0);
    let pushed = c
        .sync(
            &team.supervisor,
            team.id,
            0,
            vec![entry(to_a, EntryKind::Key, "sealed team key")],
            0,
        )
        .await;
    assert_eq!(seqs(&pushed), [1]);
    let got = c.sync(&a, team.id, 0, vec![], 100).await;
    assert_eq!(got.entries.len(), 1);
    let key = &got.entries[0];
    assert_eq!(
        (key.record_id, key.kind, key.author_device),
        (to_a, EntryKind::Key, team.supervisor.id)
    );
    assert_eq!(key.ciphertext, b"sealed team key");
}

/// DESIGN.md: reconnecting with nothing changed is one round trip under 1 KiB each
/// way. Measured on the socket, headers included.
async fn idle_sync_is_one_small_round_trip(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let a = team.member(c).await;
    let r = RecordId(random());
    let head = c
        .sync(&a, team.id, 0, vec![change(r, "something")], 0)
        .await
        .head;

    let body = encode(&SyncRequest {
        team_id: team.id,
        cursor: head,
        push: vec![],
        pull_limit: 1000,
    })
    .unwrap();
    let host = c.base.trim_start_matches("http://").to_owned();
    let request = raw_request(&a, c.clock.now_ms(), &host, &body);
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&host).unwrap();
        stream.write_all(&request).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        (request.len(), response)
    })
    .await
    .unwrap();
    let (sent, received) = (response.0, response.1);
    assert!(sent < 1024, "request is {sent} bytes");
    assert!(
        received.len() < 1024,
        "response is {} bytes",
        received.len()
    );
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    let split = received.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let reply: SyncResponse = decode(&received[split..]).unwrap();
    assert!(reply.entries.is_empty() && !reply.more);
    assert_eq!(reply.cursor, head);
}

fn raw_request(device: &Device, now: u64, host: &str, body: &[u8]) -> Vec<u8> {
    let auth = device.sign_request("POST", paths::SYNC, now, body);
    let mut request = format!(
        "POST {} HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/octet-stream\r\ncontent-length: {}\r\nconnection: close\r\n",
        paths::SYNC,
        body.len()
    );
    for (name, value) in auth.headers() {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A member pushes a "snapshot" of junk that claims to cover the whole history of a
/// record: the relay refuses it (only the supervisor's snapshots may drop entries), the
/// history stays, and a device joining later receives every entry of the record.
async fn a_members_junk_snapshot_destroys_no_history(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (a, b) = (team.member(c).await, team.member(c).await);
    let r = RecordId(random());
    let history = c
        .sync(
            &a,
            team.id,
            0,
            vec![
                entry(r, EntryKind::Key, "r data key"),
                change(r, "r1"),
                change(r, "r2"),
            ],
            0,
        )
        .await;
    assert_eq!(seqs(&history), [1, 2, 3]);
    let junk = SyncRequest {
        team_id: team.id,
        cursor: 3,
        push: vec![entry(r, EntryKind::Snapshot { covers: 3 }, "junk")],
        pull_limit: 0,
    };
    c.sync_reply(&b, &junk)
        .await
        .assert_refused(403, "not-supervisor");
    let late_joiner = team.member(c).await;
    let log: Vec<_> = c
        .pull_all(&late_joiner, team.id, 0)
        .await
        .into_iter()
        .map(|e| (e.seq, e.kind, e.ciphertext))
        .collect();
    assert_eq!(
        log,
        [
            (1, EntryKind::Key, b"r data key".to_vec()),
            (2, EntryKind::Change, b"r1".to_vec()),
            (3, EntryKind::Change, b"r2".to_vec()),
        ]
    );
}
