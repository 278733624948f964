//! A removed member who kept a copy of its phone, and a relay that was breached: the
//! copy is fed every entry the relay holds for a record it had, and must not read any
//! edit made after the removal (security finding 2).
//!
//! Real relay binary, real `ponte` devices; the breach is played by reading the relay's
//! SQLite file, and the copy by a copy of the removed device's home taken before it was
//! removed (it never syncs again, so nothing of it is wiped).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/breached_relay.rs"]
mod breached_relay;

use breached_relay::{record_id, relay_entries};
use ponte_store::Store;
use ponte_store::sync::{EntryKind, Incoming};
use ponte_tests::{
    Device, PASSPHRASE, Relay, copy_home, count_occurrences, device_id_named, files_under, team,
};
use serde_json::{Value, json};

const AFTER: &str = "MOVED-TO-FOGGIA-AFTER-REMOVAL";
const AFTER_PHONE: &str = "+39 333 7654321";

fn sync(device: &Device) -> Value {
    device.json(&["sync"], None)
}

fn edit(device: &Device, id: &str, patch: &Value) {
    device.json(
        &["person", "edit", id, "--json", "-"],
        Some(&patch.to_string()),
    );
}

fn show(device: &Device, id: &str) -> Value {
    device.json(&["person", "show", id], None)
}

#[test]
fn a_removed_devices_copy_cannot_read_edits_made_after_its_removal() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, keep, gone) = (&devices[0], &devices[1], &devices[2]);
    let hex = sup.add("person", &json!({"alias": "Old record", "notes": "before"}));
    sync(sup);
    sync(keep);
    sync(gone);
    assert_eq!(show(gone, &hex)["notes"], "before");

    // The member walks away with a copy of its phone, then is removed.
    let kept = tempfile::tempdir().unwrap();
    copy_home(gone.home(), kept.path());
    let gone_id = device_id_named(sup, "phone 1");
    assert_eq!(sup.json(&["revoke", &gone_id], None)["key_epoch"], 2);

    // The team goes on editing the old record: a member, then the supervisor.
    sync(keep);
    edit(keep, &hex, &json!({"notes": AFTER}));
    sync(keep);
    sync(sup);
    edit(sup, &hex, &json!({"phone": AFTER_PHONE}));
    sync(sup);
    sync(keep);
    assert_eq!(show(keep, &hex)["notes"], AFTER);
    assert_eq!(show(keep, &hex)["phone"], AFTER_PHONE);

    // The breach: everything on the relay, fed to the kept copy.
    let entries = relay_entries(&relay);
    let id = record_id(&hex);
    let ours: Vec<&Incoming> = entries.iter().filter(|e| e.record_id == id).collect();
    let keys = ours.iter().filter(|e| e.kind == EntryKind::Key).count();
    assert!(
        keys >= 2,
        "a new generation was announced: {keys} key entries"
    );
    let mut copy = Store::open(kept.path(), PASSPHRASE).unwrap();
    let before = copy.get(&id, None).unwrap().json;
    // Everything after what the copy had already applied: the edits made since.
    let cursor = copy.cursor().unwrap();
    let since: Vec<Incoming> = entries.into_iter().filter(|e| e.seq > cursor).collect();
    assert!(
        since
            .iter()
            .any(|e| e.record_id == id && e.kind == EntryKind::Change)
    );
    let applied = copy
        .sync_commit(
            &[],
            &since,
            since.last().unwrap().seq,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    let after = copy.get(&id, None).unwrap().json;
    assert_eq!(after, before, "the copy learned nothing: {applied:?}");
    assert_eq!(after["notes"], "before");
    assert!(after.get("phone").is_none());
    assert_eq!(applied.updated, 0, "{applied:?}");
    assert!(applied.rejected >= 3, "{applied:?}");
    drop(copy);
    // Nor does the plaintext sit anywhere in what the copy holds now.
    for (path, bytes) in files_under(kept.path()) {
        assert_eq!(count_occurrences(&bytes, AFTER.as_bytes()), 0, "{path:?}");
    }

    // The same entries give a device that joins now the whole record.
    let late = Device::new();
    let code = sup.json(&["invite"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    late.json(&["join", &code, "--name", "late"], None);
    sup.json(&["approve", "--all"], None);
    sync(&late);
    assert_eq!(show(&late, &hex)["notes"], AFTER);
    assert_eq!(show(&late, &hex)["phone"], AFTER_PHONE);
}

/// Review finding: a member edited an old record before it heard of the removal (it
/// had not synced since), and its first sync pushed the edit sealed under the data
/// key the removed device held. Now the relay stores nothing from a device whose
/// roster is behind; the device fetches the roster, seals its queue again under a new
/// generation and pushes that: the removed device's copy reads none of it.
#[test]
fn an_edit_made_before_the_editor_heard_of_the_removal_is_sealed_again() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, keep, gone) = (&devices[0], &devices[1], &devices[2]);
    let hex = sup.add("person", &json!({"alias": "Old record", "notes": "before"}));
    sync(sup);
    sync(keep);
    sync(gone);

    let kept = tempfile::tempdir().unwrap();
    copy_home(gone.home(), kept.path());
    let gone_id = device_id_named(sup, "phone 1");
    sup.json(&["revoke", &gone_id], None);

    // The member is in the field: it edits without having synced since the removal.
    edit(keep, &hex, &json!({"notes": AFTER}));
    let report = sync(keep);
    assert_eq!(report["pending"], 0, "{report}");
    sync(sup);
    assert_eq!(show(sup, &hex)["notes"], AFTER);

    // The breach: every entry of the record, fed to the kept copy.
    let id = record_id(&hex);
    let mut copy = Store::open(kept.path(), PASSPHRASE).unwrap();
    let cursor = copy.cursor().unwrap();
    let since: Vec<Incoming> = relay_entries(&relay)
        .into_iter()
        .filter(|e| e.seq > cursor)
        .collect();
    assert!(
        since
            .iter()
            .any(|e| e.record_id == id && e.kind == EntryKind::Change)
    );
    let applied = copy
        .sync_commit(
            &[],
            &since,
            since.last().unwrap().seq,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    assert_eq!(applied.updated, 0, "{applied:?}");
    assert_eq!(copy.get(&id, None).unwrap().json["notes"], "before");
    drop(copy);
    for (path, bytes) in files_under(kept.path()) {
        assert_eq!(count_occurrences(&bytes, AFTER.as_bytes()), 0, "{path:?}");
    }
}
