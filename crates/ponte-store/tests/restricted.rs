//! Need-to-know records without a relay: a record restricted to listed devices reaches
//! only them, a device left off keeps nothing of it (nor counts its entries as
//! refused), lifting the restriction brings it back, and a store of the previous
//! schema gains the access column.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_model::{Kind, summary::Query};
use ponte_store::sync::{EntryKind, Incoming};
use ponte_store::{InitOptions, Reader, RecordId, Store, StoreError};
use serde_json::json;

const PASS: &str = "restricted test passphrase";

struct Dev {
    _dir: tempfile::TempDir,
    store: Store,
}

fn device() -> Dev {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::init(&dir.path().join("h"), PASS, &InitOptions::default()).unwrap();
    Dev { _dir: dir, store }
}

/// `n` devices sharing the first one's team keys.
fn team(n: usize) -> Vec<Dev> {
    let mut devices = vec![device()];
    for _ in 1..n {
        let mut d = device();
        d.store
            .adopt_team_keys(devices[0].store.team_keys())
            .unwrap();
        devices.push(d);
    }
    devices
}

fn reader(dev: &Dev) -> Reader {
    Reader {
        device_id: dev.store.device_id(),
        agreement_pk: dev.store.agreement_key().unwrap().public_key(),
    }
}

fn push(dev: &mut Dev, log: &mut Vec<Incoming>) {
    let out = dev.store.outgoing(10_000).unwrap();
    let mut seqs = Vec::new();
    for o in out {
        let seq = log.len() as u64 + 1;
        seqs.push((o.local_seq, Some(seq)));
        log.push(Incoming {
            seq,
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

fn pull(dev: &mut Dev, log: &[Incoming]) -> ponte_store::sync::Applied {
    let cursor = dev.store.cursor().unwrap() as usize;
    let me = dev.store.device_id();
    let batch: Vec<Incoming> = log[cursor..]
        .iter()
        .filter(|e| e.author != me)
        .cloned()
        .collect();
    dev.store
        .sync_commit(
            &[],
            &batch,
            log.len() as u64,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap()
}

fn holds(dev: &Dev, id: &RecordId) -> bool {
    let listed = dev.store.list(&Query::default()).unwrap();
    let in_list = listed.iter().any(|l| l.id == *id);
    let conn = rusqlite::Connection::open_with_flags(
        Store::db_path(&dev._dir.path().join("h")),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let rows: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM records WHERE id = ?1)
                  + (SELECT COUNT(*) FROM summaries WHERE id = ?1)
                  + (SELECT COUNT(*) FROM record_keys WHERE id = ?1)
                  + (SELECT COUNT(*) FROM record_sync WHERE id = ?1)
                  + (SELECT COUNT(*) FROM outbox WHERE record_id = ?1)",
            [&id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(in_list, rows > 0, "list and rows agree");
    rows > 0
}

#[test]
fn a_record_restricted_after_sync_leaves_the_unlisted_device_and_comes_back_when_lifted() {
    let mut devs = team(3);
    let mut log = Vec::new();
    let id = devs[0]
        .store
        .create(
            Kind::Person,
            &json!({"alias": "Need to know", "notes": "n0"}),
        )
        .unwrap();
    push(&mut devs[0], &mut log);
    pull(&mut devs[1], &log);
    pull(&mut devs[2], &log);
    assert!(holds(&devs[2], &id));

    let b = reader(&devs[1]);
    devs[0].store.restrict(&id, None, Some(&[b])).unwrap();
    let mut expected = vec![devs[0].store.device_id(), b.device_id];
    expected.sort();
    assert_eq!(devs[0].store.readers(&id).unwrap(), Some(expected.clone()));
    push(&mut devs[0], &mut log);
    let kinds: Vec<EntryKind> = log[2..].iter().map(|e| e.kind).collect();
    assert!(matches!(
        kinds[..],
        [EntryKind::Key, EntryKind::Snapshot { .. }]
    ));
    // The first key entry in the compact form, the restricted one padded.
    assert_eq!(
        (log[0].ciphertext.len(), log[2].ciphertext.len()),
        (66, 540)
    );

    // The device left off deletes its copy, without a refusal.
    let applied = pull(&mut devs[2], &log);
    assert_eq!((applied.withheld, applied.rejected), (1, 0), "{applied:?}");
    assert!(!holds(&devs[2], &id));
    assert!(matches!(
        devs[2].store.get(&id, None),
        Err(StoreError::NotFound)
    ));

    // The listed one reads and edits it; the supervisor sees the edit.
    let applied = pull(&mut devs[1], &log);
    assert_eq!(applied.rejected, 0, "{applied:?}");
    assert_eq!(devs[1].store.readers(&id).unwrap(), Some(expected));
    devs[1]
        .store
        .edit(&id, None, &json!({"notes": "only for b"}))
        .unwrap();
    push(&mut devs[1], &mut log);
    pull(&mut devs[0], &log);
    assert_eq!(
        devs[0].store.get(&id, None).unwrap().json["notes"],
        "only for b"
    );
    // Its later entries are skipped by the device left off, not refused.
    let applied = pull(&mut devs[2], &log);
    assert_eq!(applied, Default::default());
    assert!(!holds(&devs[2], &id));

    // Lifted: the team has it again, as it is now.
    devs[0].store.restrict(&id, None, None).unwrap();
    assert_eq!(devs[0].store.readers(&id).unwrap(), None);
    push(&mut devs[0], &mut log);
    let applied = pull(&mut devs[2], &log);
    assert_eq!((applied.created, applied.rejected), (1, 0), "{applied:?}");
    assert_eq!(
        devs[2].store.get(&id, None).unwrap().json["notes"],
        "only for b"
    );
    assert_eq!(devs[2].store.readers(&id).unwrap(), None);
    pull(&mut devs[1], &log);
    assert_eq!(devs[1].store.readers(&id).unwrap(), None);
}

#[test]
fn a_record_restricted_before_it_was_sent_never_reaches_the_relay_open() {
    let mut devs = team(3);
    let mut log = Vec::new();
    let open = devs[0]
        .store
        .create(Kind::Person, &json!({"alias": "Open"}))
        .unwrap();
    let id = devs[0]
        .store
        .create(Kind::Person, &json!({"alias": "Closed"}))
        .unwrap();
    let b = reader(&devs[1]);
    devs[0].store.restrict(&id, None, Some(&[b])).unwrap();
    push(&mut devs[0], &mut log);
    let of = |r: RecordId| -> Vec<(EntryKind, usize)> {
        log.iter()
            .filter(|e| e.record_id == r)
            .map(|e| (e.kind, e.ciphertext.len()))
            .collect()
    };
    // The same kinds in the same order; the key entries differ only in size (the
    // compact form of a record whose access never changed, the padded one).
    let (o, c) = (of(open), of(id));
    assert_eq!(o.len(), 2);
    assert_eq!(c.len(), 2);
    assert_eq!((o[0].0, c[0].0), (EntryKind::Key, EntryKind::Key));
    assert_eq!((o[1].0, c[1].0), (EntryKind::Change, EntryKind::Change));
    assert_eq!((o[0].1, c[0].1), (66, 540));

    let applied = pull(&mut devs[2], &log);
    assert_eq!(
        (applied.created, applied.withheld, applied.rejected),
        (1, 0, 0)
    );
    assert!(!holds(&devs[2], &id));
    let applied = pull(&mut devs[1], &log);
    assert_eq!((applied.created, applied.rejected), (2, 0), "{applied:?}");
    assert_eq!(
        devs[1].store.get(&id, None).unwrap().json["alias"],
        "Closed"
    );
}

#[test]
fn the_list_is_kept_for_the_generation_after_a_rotation() {
    let mut devs = team(3);
    let mut log = Vec::new();
    let id = devs[0]
        .store
        .create(Kind::Person, &json!({"alias": "Kept list"}))
        .unwrap();
    let b = reader(&devs[1]);
    devs[0].store.restrict(&id, None, Some(&[b])).unwrap();
    push(&mut devs[0], &mut log);
    pull(&mut devs[1], &log);
    pull(&mut devs[2], &log);
    // A rotation, then an edit: the new generation goes to the same list.
    let epoch = devs[0].store.rotate_team_key().unwrap();
    for i in 1..devs.len() {
        let keys = devs[0].store.team_keys();
        devs[i].store.add_team_keys(keys).unwrap();
    }
    devs[0]
        .store
        .edit(&id, None, &json!({"notes": "after rotation"}))
        .unwrap();
    push(&mut devs[0], &mut log);
    let key = log.iter().rev().find(|e| e.kind == EntryKind::Key).unwrap();
    assert_eq!(
        u32::from_be_bytes(key.ciphertext[..4].try_into().unwrap()),
        epoch
    );
    assert_eq!(pull(&mut devs[2], &log), Default::default());
    assert!(!holds(&devs[2], &id));
    assert_eq!(pull(&mut devs[1], &log).rejected, 0);
    assert_eq!(
        devs[1].store.get(&id, None).unwrap().json["notes"],
        "after rotation"
    );
}

#[test]
fn a_store_of_the_second_schema_opens_and_gains_the_access_column() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("h");
    let mut store = Store::init(&home, PASS, &InitOptions::default()).unwrap();
    let id = store
        .create(Kind::Person, &json!({"alias": "Kept"}))
        .unwrap();
    drop(store);
    // What version 2 looked like: no access column.
    let conn = rusqlite::Connection::open(Store::db_path(&home)).unwrap();
    conn.execute_batch(
        "ALTER TABLE records DROP COLUMN access;
         UPDATE meta SET value = x'0000000000000002' WHERE key = 'schema';",
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(&home, PASS).unwrap();
    assert_eq!(store.get(&id, None).unwrap().json["alias"], "Kept");
    assert_eq!(store.readers(&id).unwrap(), None);
    store.restrict(&id, None, Some(&[])).unwrap();
    assert_eq!(store.readers(&id).unwrap(), Some(vec![store.device_id()]));
    drop(store);
    let store = Store::open(&home, PASS).unwrap();
    assert_eq!(store.readers(&id).unwrap(), Some(vec![store.device_id()]));
}

#[test]
fn a_device_taken_off_the_list_deletes_its_copy_and_reads_no_later_change() {
    let mut devs = team(3);
    let mut log = Vec::new();
    let id = devs[0]
        .store
        .create(Kind::Person, &json!({"alias": "Moved", "notes": "first"}))
        .unwrap();
    let (b, c) = (reader(&devs[1]), reader(&devs[2]));
    devs[0].store.restrict(&id, None, Some(&[b])).unwrap();
    push(&mut devs[0], &mut log);
    pull(&mut devs[1], &log);
    assert_eq!(pull(&mut devs[2], &log), Default::default());
    assert!(holds(&devs[1], &id));
    assert!(!holds(&devs[2], &id));

    // The list changes from b to c: b deletes its copy, c gets the record whole.
    devs[0].store.restrict(&id, None, Some(&[c])).unwrap();
    devs[0]
        .store
        .edit(&id, None, &json!({"notes": "for c"}))
        .unwrap();
    push(&mut devs[0], &mut log);
    let applied = pull(&mut devs[1], &log);
    assert_eq!((applied.withheld, applied.rejected), (1, 0), "{applied:?}");
    assert!(!holds(&devs[1], &id));
    let applied = pull(&mut devs[2], &log);
    assert_eq!((applied.created, applied.rejected), (1, 0), "{applied:?}");
    assert_eq!(devs[2].store.get(&id, None).unwrap().json["notes"], "for c");
}

#[test]
fn an_edit_made_before_a_lift_reaches_the_team_through_the_supervisors_next_snapshot() {
    let mut devs = team(3);
    let mut log = Vec::new();
    let id = devs[0]
        .store
        .create(Kind::Person, &json!({"alias": "Concurrent"}))
        .unwrap();
    let b = reader(&devs[1]);
    devs[0].store.restrict(&id, None, Some(&[b])).unwrap();
    push(&mut devs[0], &mut log);
    pull(&mut devs[1], &log);
    pull(&mut devs[2], &log);
    // b edits under the restricted generation while the supervisor lifts it.
    devs[1]
        .store
        .edit(&id, None, &json!({"notes": "made while restricted"}))
        .unwrap();
    push(&mut devs[1], &mut log);
    devs[0].store.restrict(&id, None, None).unwrap();
    push(&mut devs[0], &mut log);
    // The team gets the record, but not b's edit: sealed under a key it never had.
    pull(&mut devs[2], &log);
    assert!(
        devs[2]
            .store
            .get(&id, None)
            .unwrap()
            .json
            .get("notes")
            .is_none()
    );
    // The supervisor merges b's edit and snapshots the record under the open key.
    pull(&mut devs[0], &log);
    assert_eq!(devs[0].store.queue_snapshots(u32::MAX).unwrap(), 1);
    push(&mut devs[0], &mut log);
    assert_eq!(pull(&mut devs[2], &log).rejected, 0);
    assert_eq!(
        devs[2].store.get(&id, None).unwrap().json["notes"],
        "made while restricted"
    );
}
