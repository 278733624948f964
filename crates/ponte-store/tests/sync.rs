//! The store's sync primitives without a relay: entries from one device's outbox,
//! applied on another that holds the same team keys, give the same records; concurrent
//! edits converge; a tombstone erases only when its signature checks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_model::{Kind, summary::Query};
use ponte_store::sync::{EntryKind, Incoming};
use ponte_store::{InitOptions, RecordId, Store};
use serde_json::json;

const PASS: &str = "sync test passphrase";

struct Dev {
    _dir: tempfile::TempDir,
    store: Store,
    /// Relay log position this device has sent up to (a toy in-memory relay).
    sent: usize,
}

fn device() -> Dev {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::init(&dir.path().join("h"), PASS, &InitOptions::default()).unwrap();
    Dev {
        _dir: dir,
        store,
        sent: 0,
    }
}

/// A pair sharing A's team keys.
fn pair() -> (Dev, Dev) {
    let a = device();
    let mut b = device();
    b.store.adopt_team_keys(a.store.team_keys()).unwrap();
    (a, b)
}

type Log = Vec<Incoming>;

/// Push everything in `dev`'s outbox to the toy log.
fn push(dev: &mut Dev, log: &mut Log) {
    let out = dev.store.outgoing(10_000).unwrap();
    let mut seqs = Vec::new();
    for o in out {
        seqs.push((o.local_seq, Some(log.len() as u64 + 1)));
        log.push(Incoming {
            seq: log.len() as u64 + 1,
            record_id: o.record_id,
            author: dev.store.device_id(),
            kind: o.kind,
            ciphertext: o.ciphertext,
        });
    }
    let cursor = dev.store.cursor().unwrap();
    dev.store
        .sync_commit(
            &seqs,
            &[],
            cursor,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
}

/// Pull what others wrote after the device's cursor.
fn pull(dev: &mut Dev, log: &Log, tombstones_ok: bool) -> ponte_store::sync::Applied {
    let cursor = dev.store.cursor().unwrap() as usize;
    let me = dev.store.device_id();
    let batch: Vec<Incoming> = log[cursor..]
        .iter()
        .filter(|e| e.author != me)
        .cloned()
        .collect();
    dev.sent = log.len();
    dev.store
        .sync_commit(
            &[],
            &batch,
            log.len() as u64,
            &ponte_store::sync::without_roster(|_, sig: &[u8]| tombstones_ok && sig == b"signed"),
        )
        .unwrap()
}

fn show(dev: &mut Dev, id: &RecordId) -> serde_json::Value {
    dev.store.get(id, Some(Kind::Person)).unwrap().json
}

#[test]
fn a_record_travels_to_a_device_with_the_team_keys() {
    let (mut a, mut b) = pair();
    let id = a
        .store
        .create(
            Kind::Person,
            &json!({"alias": "Gurpreet", "nationality": "IN"}),
        )
        .unwrap();
    let mut log = Log::new();
    push(&mut a, &mut log);
    assert_eq!(
        log.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EntryKind::Key, EntryKind::Change]
    );
    assert_eq!(a.store.outbox_len().unwrap(), 0);
    let applied = pull(&mut b, &log, false);
    assert_eq!(applied.created, 1);
    assert_eq!(show(&mut b, &id)["alias"], "Gurpreet");
    let listed = b
        .store
        .list(&Query {
            kind: Some(Kind::Person),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(listed[0].summary.title, "Gurpreet");
    // Pulling again is a no-op: the cursor moved with the commit.
    assert_eq!(
        pull(&mut b, &log, false),
        ponte_store::sync::Applied::default()
    );
}

#[test]
fn a_device_without_the_team_key_rejects_everything() {
    let mut a = device();
    let mut stranger = device();
    a.store
        .create(Kind::Person, &json!({"alias": "A"}))
        .unwrap();
    let mut log = Log::new();
    push(&mut a, &mut log);
    let applied = pull(&mut stranger, &log, false);
    assert_eq!(applied.created, 0);
    assert_eq!(applied.rejected, 2);
    assert_eq!(stranger.store.count(Kind::Person).unwrap(), 0);
}

#[test]
fn concurrent_offline_edits_of_different_fields_and_notes_converge() {
    let (mut a, mut b) = pair();
    let id = a
        .store
        .create(
            Kind::Person,
            &json!({"alias": "K", "notes": "Met at dawn."}),
        )
        .unwrap();
    let mut log = Log::new();
    push(&mut a, &mut log);
    pull(&mut b, &log, false);
    a.store
        .edit(
            &id,
            None,
            &json!({"sector": "agriculture", "notes": "Met at dawn. Needs a lawyer."}),
        )
        .unwrap();
    b.store
        .edit(
            &id,
            None,
            &json!({"nationality": "PK", "notes": "Met at dawn. Speaks Urdu."}),
        )
        .unwrap();
    push(&mut a, &mut log);
    push(&mut b, &mut log);
    pull(&mut a, &log, false);
    pull(&mut b, &log, false);
    let (ja, jb) = (show(&mut a, &id), show(&mut b, &id));
    assert_eq!(ja, jb);
    assert_eq!(ja["sector"], "agriculture");
    assert_eq!(ja["nationality"], "PK");
    let notes = ja["notes"].as_str().unwrap();
    assert!(
        notes.contains("Needs a lawyer.") && notes.contains("Speaks Urdu."),
        "{notes}"
    );
}

#[test]
fn a_tombstone_erases_only_with_a_valid_signature() {
    let (mut a, mut b) = pair();
    let id = a
        .store
        .create(Kind::Person, &json!({"alias": "E"}))
        .unwrap();
    let mut log = Log::new();
    push(&mut a, &mut log);
    pull(&mut b, &log, false);
    a.store
        .erase_for_team(&id, Some(Kind::Person), b"signed")
        .unwrap();
    push(&mut a, &mut log);
    assert_eq!(log.last().unwrap().kind, EntryKind::Tombstone);
    // A forged (unsigned) tombstone is rejected and the record stays.
    let before = b.store.cursor().unwrap() as usize;
    let applied = pull(&mut b, &log, false);
    assert_eq!((applied.erased, applied.rejected), (0, 1));
    assert!(b.store.get(&id, None).is_ok());
    // The same entry with its signature accepted erases the record.
    b.store
        .sync_commit(
            &[],
            &log[before..],
            log.len() as u64,
            &ponte_store::sync::without_roster(|_, s: &[u8]| s == b"signed"),
        )
        .unwrap();
    assert!(matches!(
        b.store.get(&id, None),
        Err(ponte_store::StoreError::NotFound)
    ));
}

#[test]
fn a_snapshot_replaces_a_long_history_for_a_new_device() {
    let (mut a, mut b) = pair();
    let id = a
        .store
        .create(Kind::Person, &json!({"alias": "S"}))
        .unwrap();
    let mut log = Log::new();
    for i in 0..40 {
        a.store
            .edit(&id, None, &json!({"notes": format!("edit {i}")}))
            .unwrap();
        push(&mut a, &mut log);
    }
    // The device has applied everything up to the log head.
    let head = log.len() as u64;
    a.store
        .sync_commit(
            &[],
            &[],
            head,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    assert_eq!(a.store.queue_snapshots(32).unwrap(), 1);
    assert_eq!(a.store.queue_snapshots(32).unwrap(), 0, "queued once");
    let out = a.store.outgoing(10).unwrap();
    assert_eq!(out.len(), 1);
    let EntryKind::Snapshot { covers } = out[0].kind else {
        panic!("{:?}", out[0].kind)
    };
    assert_eq!(covers, head);
    push(&mut a, &mut log);
    // What a relay keeps after compaction: the key entry and the snapshot.
    let compacted: Log = log
        .iter()
        .filter(|e| !matches!(e.kind, EntryKind::Change))
        .cloned()
        .collect();
    assert_eq!(compacted.len(), 2);
    let before = b.store.cursor().unwrap();
    assert_eq!(before, 0);
    b.store
        .sync_commit(
            &[],
            &compacted,
            log.len() as u64,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    assert_eq!(show(&mut b, &id), show(&mut a, &id));
    assert_eq!(show(&mut b, &id)["notes"], "edit 39");
}

#[test]
fn a_record_made_invalid_by_a_merge_stays_editable() {
    let (mut a, mut b) = pair();
    let consent = json!({"purpose": "referral", "destination": "legal_aid", "given": true,
        "language": "ar", "date": "2026-11-01"});
    let id = a
        .store
        .create(
            Kind::Person,
            &json!({"alias": "M", "consents": {"c1": consent}}),
        )
        .unwrap();
    let mut log = Log::new();
    push(&mut a, &mut log);
    pull(&mut b, &log, false);
    // A withdraws the consent while B, offline, refers on it: each edit is valid, the
    // merge is a referral without consent.
    a.store
        .edit(&id, None, &json!({"consents": {"c1": null}}))
        .unwrap();
    b.store
        .edit(
            &id,
            None,
            &json!({"referrals": {"r1": {"destination": "legal_aid", "date": "2026-11-10"}}}),
        )
        .unwrap();
    push(&mut b, &mut log);
    push(&mut a, &mut log);
    pull(&mut b, &log, false);
    let merged = show(&mut b, &id);
    assert!(
        ponte_model::validate(Kind::Person, &merged).is_err(),
        "{merged}"
    );
    // An unrelated edit goes through; one that adds a problem is still refused.
    b.store
        .edit(&id, None, &json!({"sector": "agriculture"}))
        .unwrap();
    let refused = b.store.edit(&id, None, &json!({"nationality": "XX"}));
    assert!(
        matches!(refused, Err(ponte_store::StoreError::Invalid(p)) if p.len() == 1 && p[0].path == "nationality")
    );
    // And fixing it works.
    b.store
        .edit(&id, None, &json!({"referrals": {"r1": null}}))
        .unwrap();
    assert!(ponte_model::validate(Kind::Person, &show(&mut b, &id)).is_ok());
}

/// A reopened handle sees what the first wrote, and team keys adopted through one
/// handle reach the other once it is reopened.
#[test]
fn reopen_shares_records_and_picks_up_new_team_keys() {
    let a = device();
    let mut ui = a.store;
    let id = ui
        .create(Kind::Person, &json!({"alias": "Reopen"}))
        .unwrap();
    let mut background = ui.reopen().unwrap();
    assert_eq!(background.get(&id, None).unwrap().json["alias"], "Reopen");
    let epoch = background.rotate_team_key().unwrap();
    assert_ne!(ui.team_epoch().unwrap(), epoch);
    let ui = ui.reopen().unwrap();
    assert_eq!(ui.team_epoch().unwrap(), epoch);
}

/// A batch large enough to be applied on several threads, with a record's entries
/// not next to each other in the log (created, then others, then edited): every
/// record arrives whole, in log order, and a rejected entry is counted.
#[test]
fn a_large_batch_with_interleaved_records_applies_in_order() {
    let (mut a, mut b) = pair();
    let mut log = Log::new();
    let ids: Vec<RecordId> = (0..150)
        .map(|i| {
            a.store
                .create(
                    Kind::Person,
                    &json!({"alias": format!("P{i}"), "notes": "first"}),
                )
                .unwrap()
        })
        .collect();
    push(&mut a, &mut log);
    for (i, id) in ids.iter().enumerate().step_by(3) {
        a.store
            .edit(
                id,
                Some(Kind::Person),
                &json!({"notes": format!("second {i}")}),
            )
            .unwrap();
    }
    push(&mut a, &mut log);
    // An entry for a record nobody has the key of: rejected, not applied.
    log.push(Incoming {
        seq: log.len() as u64 + 1,
        record_id: RecordId([7; 16]),
        author: a.store.device_id(),
        kind: EntryKind::Change,
        ciphertext: vec![1, 2, 3],
    });
    let applied = pull(&mut b, &log, false);
    assert_eq!(applied.created, 150);
    assert_eq!(applied.updated, 0);
    assert_eq!(applied.rejected, 1);
    for (i, id) in ids.iter().enumerate() {
        let shown = show(&mut b, id);
        assert_eq!(shown["alias"], format!("P{i}"));
        let notes = if i % 3 == 0 {
            format!("second {i}")
        } else {
            "first".into()
        };
        assert_eq!(shown["notes"], notes);
    }
}

/// A device that made records before joining (offline, or while waiting for
/// approval) keeps them when it takes the team's keys, and they go to the team whole:
/// the team's devices can open them, the device itself still can after a restart.
#[test]
fn records_made_before_joining_go_to_the_team() {
    let mut a = device();
    let mut b = device();
    let id = b
        .store
        .create(Kind::Person, &json!({"alias": "Before", "notes": "first"}))
        .unwrap();
    b.store
        .edit(
            &id,
            Some(Kind::Person),
            &json!({"notes": "first, then more"}),
        )
        .unwrap();
    b.store.adopt_team_keys(a.store.team_keys()).unwrap();
    let out = b.store.outgoing(100).unwrap();
    assert_eq!(
        out.iter().map(|o| o.kind).collect::<Vec<_>>(),
        [EntryKind::Key, EntryKind::Change],
        "the pending edit is replaced by the record's key and whole document"
    );
    let mut log = Log::new();
    push(&mut b, &mut log);
    let applied = pull(&mut a, &log, false);
    assert_eq!((applied.created, applied.rejected), (1, 0));
    assert_eq!(show(&mut a, &id)["notes"], "first, then more");
    // The team's edits reach the device, which still opens its record.
    a.store
        .edit(&id, Some(Kind::Person), &json!({"alias": "After"}))
        .unwrap();
    push(&mut a, &mut log);
    assert_eq!(pull(&mut b, &log, false).updated, 1);
    let home = b._dir.path().join("h");
    drop(b.store);
    let mut reopened = Store::open(&home, PASS).unwrap();
    let shown = reopened.get(&id, Some(Kind::Person)).unwrap().json;
    assert_eq!(
        (shown["alias"].as_str(), shown["notes"].as_str()),
        (Some("After"), Some("first, then more"))
    );
}

/// Entry kinds waiting in a device's outbox.
fn outbox_kinds(dev: &Dev) -> Vec<EntryKind> {
    dev.store
        .outgoing(100)
        .unwrap()
        .into_iter()
        .map(|o| o.kind)
        .collect()
}

#[test]
fn after_a_rotation_edits_are_sealed_with_a_key_a_removed_device_never_held() {
    // The supervisor `a`, a member `b`, and `removed`, which kept a copy of the
    // team's keys and of every record it had when it was removed.
    let (mut a, mut b) = pair();
    let mut removed = device();
    removed.store.adopt_team_keys(a.store.team_keys()).unwrap();
    let id = a
        .store
        .create(Kind::Person, &json!({"alias": "Old", "notes": "before"}))
        .unwrap();
    let mut log = Log::new();
    push(&mut a, &mut log);
    pull(&mut b, &log, false);
    pull(&mut removed, &log, false);
    assert_eq!(show(&mut removed, &id)["notes"], "before");

    // Revocation: the team key is rotated and reaches the members that stay.
    a.store.rotate_team_key().unwrap();
    b.store.add_team_keys(a.store.team_keys()).unwrap();

    // The member's first edit starts a new generation: a key entry, then the change.
    b.store
        .edit(&id, None, &json!({"notes": "after: moved to Foggia"}))
        .unwrap();
    assert_eq!(outbox_kinds(&b), [EntryKind::Key, EntryKind::Change]);
    push(&mut b, &mut log);
    // A second edit stays in that generation.
    b.store
        .edit(&id, None, &json!({"phone": "+39 333 0000000"}))
        .unwrap();
    assert_eq!(outbox_kinds(&b), [EntryKind::Change]);
    push(&mut b, &mut log);

    // The supervisor takes the member's generation instead of starting its own.
    let applied = pull(&mut a, &log, false);
    assert_eq!(applied.rejected, 0);
    assert_eq!(show(&mut a, &id)["notes"], "after: moved to Foggia");
    a.store
        .edit(&id, None, &json!({"alias": "New alias"}))
        .unwrap();
    assert_eq!(outbox_kinds(&a), [EntryKind::Change]);
    push(&mut a, &mut log);
    // Its snapshot is sealed with the new generation too.
    let head = log.len() as u64;
    a.store
        .sync_commit(
            &[],
            &[],
            head,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    assert_eq!(a.store.queue_snapshots(1).unwrap(), 1);
    push(&mut a, &mut log);

    // The removed device's copy, fed everything (a breached relay), opens none of it.
    let applied = pull(&mut removed, &log, false);
    let after_rotation = log.len() - 2;
    assert_eq!(applied.rejected, after_rotation, "{applied:?}");
    assert_eq!(applied.updated, 0);
    let seen = show(&mut removed, &id);
    assert_eq!(seen["notes"], "before");
    assert_eq!(seen["alias"], "Old");
    assert!(seen.get("phone").is_none());

    // A device joining now reads the record whole, old history and new.
    let mut late = device();
    late.store.adopt_team_keys(a.store.team_keys()).unwrap();
    let applied = pull(&mut late, &log, false);
    assert_eq!(applied.rejected, 0, "{applied:?}");
    assert_eq!(show(&mut late, &id), show(&mut a, &id));
    // And from the compacted log alone (key entries and the snapshot).
    let mut later = device();
    later.store.adopt_team_keys(a.store.team_keys()).unwrap();
    let compacted: Log = log
        .iter()
        .filter(|e| !matches!(e.kind, EntryKind::Change))
        .cloned()
        .collect();
    let applied = later
        .store
        .sync_commit(
            &[],
            &compacted,
            head + 1,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    assert_eq!(applied.rejected, 0, "{applied:?}");
    assert_eq!(show(&mut later, &id), show(&mut a, &id));
}

#[test]
fn two_devices_starting_a_generation_at_once_read_each_other() {
    let (mut a, mut b) = pair();
    let id = a
        .store
        .create(Kind::Person, &json!({"alias": "Both"}))
        .unwrap();
    let mut log = Log::new();
    push(&mut a, &mut log);
    pull(&mut b, &log, false);
    a.store.rotate_team_key().unwrap();
    b.store.add_team_keys(a.store.team_keys()).unwrap();
    // Offline, both edit: each starts its own generation at the new epoch.
    a.store.edit(&id, None, &json!({"notes": "a"})).unwrap();
    b.store.edit(&id, None, &json!({"phone": "b"})).unwrap();
    assert_eq!(outbox_kinds(&a), [EntryKind::Key, EntryKind::Change]);
    assert_eq!(outbox_kinds(&b), [EntryKind::Key, EntryKind::Change]);
    push(&mut a, &mut log);
    push(&mut b, &mut log);
    assert_eq!(pull(&mut a, &log, false).rejected, 0);
    assert_eq!(pull(&mut b, &log, false).rejected, 0);
    assert_eq!(show(&mut a, &id), show(&mut b, &id));
    assert_eq!(show(&mut a, &id)["phone"], "b");
    // Later changes from either open on both, and on a store opened again.
    b.store.edit(&id, None, &json!({"notes": "b2"})).unwrap();
    push(&mut b, &mut log);
    assert_eq!(pull(&mut a, &log, false).rejected, 0);
    assert_eq!(show(&mut a, &id)["notes"], "b2");
    let Dev { _dir, store, .. } = a;
    drop(store);
    let mut again = Store::open(&_dir.path().join("h"), PASS).unwrap();
    assert_eq!(again.get(&id, None).unwrap().json["notes"], "b2");
}

#[test]
fn a_store_of_the_first_schema_opens_and_gains_record_generations() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("h");
    let mut store = Store::init(&home, PASS, &InitOptions::default()).unwrap();
    let id = store
        .create(Kind::Person, &json!({"alias": "Kept"}))
        .unwrap();
    drop(store);
    // What version 1 looked like: no record_keys table (nor the later access column).
    let conn = rusqlite::Connection::open(Store::db_path(&home)).unwrap();
    conn.execute_batch(
        "DROP TABLE record_keys; ALTER TABLE records DROP COLUMN access;
         UPDATE meta SET value = x'0000000000000001' WHERE key = 'schema';",
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(&home, PASS).unwrap();
    assert_eq!(store.get(&id, None).unwrap().json["alias"], "Kept");
    store.rotate_team_key().unwrap();
    store.edit(&id, None, &json!({"notes": "n"})).unwrap();
    drop(store);
    let mut store = Store::open(&home, PASS).unwrap();
    assert_eq!(store.get(&id, None).unwrap().json["notes"], "n");
}

/// The longest note a record takes.
const NOTES_MAX_CHARS: usize = ponte_model::validate::NOTES_MAX;

/// `n` letters that do not compress much (a long, varied note).
fn varied_text(seed: u64, n: usize) -> String {
    // Streams of nearby seeds must not be shifted copies of each other.
    let mut x = seed.wrapping_mul(0xd1b5_4a32_d192_ed03);
    (0..n)
        .map(|_| {
            // splitmix64
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            char::from(b'a' + (z % 26) as u8)
        })
        .collect()
}

#[test]
fn a_record_grown_past_what_one_entry_holds_keeps_syncing_without_a_snapshot() {
    let (mut a, mut b) = pair();
    let encounter = |i: u64| json!({"date": "2026-11-02", "note": varied_text(i, NOTES_MAX_CHARS)});
    // One edit larger than a sync entry may be is refused, and nothing is written.
    let id = a
        .store
        .create(Kind::Person, &json!({"alias": "Long notes"}))
        .unwrap();
    let huge: serde_json::Map<String, serde_json::Value> =
        (0..90).map(|i| (format!("e{i}"), encounter(i))).collect();
    let err = a
        .store
        .edit(&id, None, &json!({"encounters": huge}))
        .unwrap_err();
    assert_eq!(err.code(), "too-large-to-sync");
    assert!(
        a.store
            .get(&id, None)
            .unwrap()
            .json
            .get("encounters")
            .is_none()
    );
    let mut log = Log::new();
    push(&mut a, &mut log);
    // The same notes over ordinary visits: the document outgrows one entry.
    for visit in 0..10u64 {
        let some: serde_json::Map<String, serde_json::Value> = (0..10)
            .map(|i| (format!("v{visit}x{i}"), encounter(visit * 100 + i)))
            .collect();
        a.store
            .edit(&id, None, &json!({"encounters": some}))
            .unwrap();
        push(&mut a, &mut log);
    }
    let head = log.len() as u64;
    a.store
        .sync_commit(
            &[],
            &[],
            head,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    assert_eq!(a.store.queue_snapshots(1).unwrap(), 0);
    let q = a.store.queue_snapshots(1).unwrap();
    if q > 0 {
        let n = a.store.get(&id, None).unwrap().json.to_string().len();
        panic!(
            "snapshot of {} bytes, json {n}",
            a.store.outgoing(1).unwrap()[0].ciphertext.len()
        );
    }
    assert_eq!(a.store.outbox_len().unwrap(), 0);
    // Edits and sync go on, on both devices.
    a.store
        .edit(&id, None, &json!({"phone": "+39 333 1"}))
        .unwrap();
    push(&mut a, &mut log);
    assert_eq!(pull(&mut b, &log, false).rejected, 0);
    assert_eq!(show(&mut b, &id)["phone"], "+39 333 1");
    assert_eq!(show(&mut b, &id), show(&mut a, &id));
}

/// Tally steps taken on two devices while apart add up once synced, with no
/// conflict (a record's counts are counters from its creation); concurrent steps down that leave the merged counts inconsistent are
/// accepted from the other device, read at 0, and the next step counts from there.
#[test]
fn tally_steps_on_two_devices_add_up() {
    let (mut a, mut b) = pair();
    let id = a
        .store
        .create(
            Kind::Outreach,
            &json!({"date": "2026-11-24", "outreach_type": "street",
                    "people_met": {"total": 2, "women": 1, "men": 1}}),
        )
        .unwrap();
    let mut log = Log::new();
    push(&mut a, &mut log);
    pull(&mut b, &log, false);
    let step = |dev: &mut Dev, steps: &[(&str, i64)]| {
        let steps: Vec<(String, i64)> = steps.iter().map(|(p, d)| ((*p).to_owned(), *d)).collect();
        dev.store
            .tally_with::<ponte_store::StoreError>(&id, Some(Kind::Outreach), |_| Ok(steps))
            .unwrap();
    };
    step(&mut a, &[("people_met.women", 3), ("people_met.total", 3)]);
    step(&mut b, &[("people_met.women", 2), ("people_met.total", 2)]);
    push(&mut a, &mut log);
    push(&mut b, &mut log);
    pull(&mut a, &log, false);
    pull(&mut b, &log, false);
    let outreach = |dev: &mut Dev| {
        let (r, conflicts) = dev
            .store
            .get_with_conflicts(&id, Some(Kind::Outreach))
            .unwrap();
        assert_eq!(conflicts, vec![]);
        r.json["people_met"].clone()
    };
    // The counts are counters from the record's creation: the steps add up.
    let summed = outreach(&mut a);
    assert_eq!(outreach(&mut b), summed);
    assert_eq!(
        summed,
        json!({"total": 7, "women": 6, "men": 1, "not_stated": 0, "minors": 0})
    );
    // A -1 on 0 does nothing.
    step(&mut a, &[("people_met.not_stated", -1)]);
    assert_eq!(outreach(&mut a)["not_stated"], 0);
    // Both take the one man out at once, and the total with him: the merge reads men
    // 0 and a total one under the sex counts; it is accepted and stays editable.
    let total = summed["total"].as_i64().unwrap();
    step(&mut a, &[("people_met.men", -1), ("people_met.total", -1)]);
    step(&mut b, &[("people_met.men", -1), ("people_met.total", -1)]);
    push(&mut a, &mut log);
    push(&mut b, &mut log);
    pull(&mut a, &log, false);
    let merged = outreach(&mut a);
    assert_eq!(merged["men"], 0);
    assert_eq!(merged["total"].as_i64().unwrap(), total - 2);
    step(&mut a, &[("people_met.men", 1)]);
    assert_eq!(outreach(&mut a)["men"], 1);
    // A step that adds a problem is refused, and writes nothing.
    let refused = a
        .store
        .tally_with::<ponte_store::StoreError>(&id, Some(Kind::Outreach), |_| {
            Ok(vec![("people_met.minors".to_owned(), total + 10)])
        });
    assert!(matches!(refused, Err(ponte_store::StoreError::Invalid(_))));
    assert_eq!(outreach(&mut a)["minors"], 0);
}
