//! Need-to-know records end to end: real `ponte` devices, a real relay. A record a
//! supervisor restricts reaches only the listed devices; another member's device keeps
//! nothing of it (no row, no key, no marker in its files), deletes the copy it had,
//! cannot open later edits with the key it held, and gets the record back when the
//! restriction is lifted. The relay's entries for a restricted record look like an
//! open record's. Only a supervisor restricts, and only to devices of the roster.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/breached_relay.rs"]
mod breached_relay;

use breached_relay::{record_id, relay_entries};
use ponte_store::Store;
use ponte_store::sync::{EntryKind, Incoming};
use ponte_tests::{
    Device, PASSPHRASE, Relay, copy_home, count_occurrences, device_id_named, markers_left,
    one_line_error, team, team_with_kit,
};
use serde_json::{Value, json};

const ALIAS: &str = "NEED-TO-KNOW-ALIAS-Q7Z";
const NOTES: &str = "NEED-TO-KNOW-NOTES-K4W";
const LATER: &str = "NEED-TO-KNOW-LATER-EDIT-P2X";

fn sync(device: &Device) -> Value {
    device.json(&["sync"], None)
}

fn show(device: &Device, id: &str) -> Value {
    device.json(&["person", "show", id], None)
}

fn edit(device: &Device, id: &str, patch: &Value) {
    device.json(
        &["person", "edit", id, "--json", "-"],
        Some(&patch.to_string()),
    );
}

fn listed(device: &Device) -> Vec<String> {
    device
        .json(&["person", "list"], None)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The supervisor's device id, as `ponte devices` lists it.
fn supervisor_id(device: &Device) -> String {
    let listed = device.json(&["devices"], None);
    listed
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["role"] == "supervisor")
        .unwrap()["device"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Rows that name the record in the device's database, read as a file (not through
/// the store): records, summaries, data-key generations, sync marks, queued entries.
fn rows_naming(device: &Device, hex: &str) -> i64 {
    let conn = rusqlite::Connection::open_with_flags(
        Store::db_path(device.home()),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    conn.query_row(
        "SELECT (SELECT COUNT(*) FROM records WHERE id = ?1)
              + (SELECT COUNT(*) FROM summaries WHERE id = ?1)
              + (SELECT COUNT(*) FROM record_keys WHERE id = ?1)
              + (SELECT COUNT(*) FROM record_sync WHERE id = ?1)
              + (SELECT COUNT(*) FROM outbox WHERE record_id = ?1)",
        [&record_id(hex).0],
        |r| r.get(0),
    )
    .unwrap()
}

/// What the relay shows of one record's entries: kind, and size for key entries
/// (their content is sealed; a change's size is its content's).
fn shape(entries: &[Incoming], hex: &str) -> Vec<(EntryKind, Option<usize>)> {
    let id = record_id(hex);
    entries
        .iter()
        .filter(|e| e.record_id == id)
        .map(|e| {
            let size = (e.kind == EntryKind::Key).then_some(e.ciphertext.len());
            (e.kind, size)
        })
        .collect()
}

#[test]
fn a_restricted_record_reaches_only_the_listed_operator_and_the_relay_sees_only_a_larger_key_entry()
{
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, listed_op, other) = (&devices[0], &devices[1], &devices[2]);
    let sup_id = supervisor_id(sup);
    let op_id = device_id_named(sup, "phone 0");

    let open = sup.add("person", &json!({"alias": "Open to the team"}));
    let hex = sup.add("person", &json!({"alias": ALIAS, "notes": NOTES}));
    let out = sup.json(&["person", "restrict", &hex, "--to", &op_id], None);
    let mut expected = vec![sup_id.clone(), op_id.clone()];
    expected.sort();
    assert_eq!(out["restricted_to"], json!(expected));
    sync(sup);
    sync(listed_op);
    let pulled = sync(other);
    assert_eq!(pulled["applied"]["rejected"], 0, "{pulled}");

    // The other member's device holds nothing of it.
    assert!(listed(other).contains(&open));
    assert!(!listed(other).contains(&hex));
    let refused = other.run(&["person", "show", &hex], None);
    assert!(one_line_error(&refused).contains("No record with this id"));
    assert_eq!(rows_naming(other, &hex), 0);
    assert_eq!(
        markers_left(other.home(), &[ALIAS, NOTES]),
        Vec::<String>::new()
    );

    // The listed operator reads and edits it; what `show` gives back is accepted.
    let shown = show(listed_op, &hex);
    assert_eq!(shown["alias"], ALIAS);
    assert_eq!(shown["restricted_to"], json!(expected));
    let mut back = shown.clone();
    back["notes"] = json!(format!("{NOTES} {LATER}"));
    edit(listed_op, &hex, &back);
    sync(listed_op);
    sync(sup);
    assert_eq!(show(sup, &hex)["notes"], format!("{NOTES} {LATER}"));
    assert_eq!(show(sup, &hex)["restricted_to"], json!(expected));
    let again = sync(other);
    assert_eq!(again["applied"]["rejected"], 0, "{again}");
    assert_eq!(rows_naming(other, &hex), 0);
    assert_eq!(
        markers_left(other.home(), &[ALIAS, NOTES, LATER]),
        Vec::<String>::new()
    );

    // The relay: the same kinds of entry as an open record's, in the same order, and
    // none of the content; only the key entry's size differs (66 bytes for a record
    // whose access never changed, 540 for one restricted to up to 4 devices:
    // ARCHITECTURE.md, "Need-to-know records", says why).
    let entries = relay_entries(&relay);
    let (a, b) = (shape(&entries, &open), shape(&entries, &hex));
    assert_eq!(
        a[..2],
        [(EntryKind::Key, Some(66)), (EntryKind::Change, None)]
    );
    assert_eq!(
        b[..2],
        [(EntryKind::Key, Some(540)), (EntryKind::Change, None)]
    );
    assert_eq!(b[2..], [(EntryKind::Change, None)], "the operator's edit");
    // The one clear part of a key entry, the team key epoch, is the same too.
    let epoch_of = |hex: &str| {
        let id = record_id(hex);
        let key = entries
            .iter()
            .find(|e| e.record_id == id && e.kind == EntryKind::Key)
            .unwrap();
        key.ciphertext[..4].to_vec()
    };
    assert_eq!(epoch_of(&open), epoch_of(&hex));
    let mut relay_files = relay.storage_bytes();
    relay_files.push(("relay log".into(), relay.log()));
    for (path, bytes) in relay_files {
        for marker in [ALIAS, NOTES, LATER] {
            assert_eq!(count_occurrences(&bytes, marker.as_bytes()), 0, "{path:?}");
        }
    }
}

#[test]
fn a_record_restricted_later_leaves_the_unlisted_copy_and_comes_back_when_lifted() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, listed_op, other) = (&devices[0], &devices[1], &devices[2]);
    let op_id = device_id_named(sup, "phone 0");
    let hex = sup.add("person", &json!({"alias": ALIAS, "notes": NOTES}));
    sync(sup);
    sync(listed_op);
    sync(other);
    assert_eq!(show(other, &hex)["notes"], NOTES);
    assert!(show(other, &hex).get("restricted_to").is_none());

    // A copy of the other member's phone, taken while it held the record open.
    let kept = tempfile::tempdir().unwrap();
    copy_home(other.home(), kept.path());

    sup.json(&["person", "restrict", &hex, "--to", &op_id], None);
    sync(sup);
    let dropped = sync(other);
    assert_eq!(dropped["applied"]["withheld"], 1, "{dropped}");
    assert_eq!(dropped["applied"]["rejected"], 0, "{dropped}");
    assert!(!listed(other).contains(&hex));
    assert_eq!(rows_naming(other, &hex), 0);
    assert_eq!(
        markers_left(other.home(), &[ALIAS, NOTES]),
        Vec::<String>::new()
    );

    // The listed operator edits it after the restriction.
    sync(listed_op);
    edit(listed_op, &hex, &json!({"notes": LATER}));
    sync(listed_op);

    // The copy ignores the key entries and is fed every later change and snapshot of
    // the record: none opens with the data key it held.
    let mut copy = Store::open(kept.path(), PASSPHRASE).unwrap();
    let id = record_id(&hex);
    let before = copy.get(&id, None).unwrap().json;
    let cursor = copy.cursor().unwrap();
    let later: Vec<Incoming> = relay_entries(&relay)
        .into_iter()
        .filter(|e| e.seq > cursor && e.record_id == id && e.kind != EntryKind::Key)
        .collect();
    assert!(
        later.len() >= 2,
        "the snapshot and the edit: {}",
        later.len()
    );
    let last = later.last().unwrap().seq;
    let applied = copy
        .sync_commit(
            &[],
            &later,
            last,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    assert_eq!(applied.updated, 0, "{applied:?}");
    assert_eq!(applied.rejected, later.len(), "{applied:?}");
    assert_eq!(copy.get(&id, None).unwrap().json, before);
    drop(copy);
    assert_eq!(markers_left(kept.path(), &[LATER]), Vec::<String>::new());

    // Lifted: the other member gets the record, as it is now, at its next sync.
    let out = sup.json(&["person", "restrict", &hex, "--open"], None);
    assert_eq!(out["restricted_to"], Value::Null);
    sync(sup);
    let back = sync(other);
    assert_eq!(back["applied"]["created"], 1, "{back}");
    assert_eq!(show(other, &hex)["notes"], LATER);
    assert!(show(other, &hex).get("restricted_to").is_none());
    sync(listed_op);
    assert!(show(listed_op, &hex).get("restricted_to").is_none());
}

#[test]
fn only_a_supervisor_restricts_and_only_to_devices_of_the_team() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (sup, operator) = (&devices[0], &devices[1]);
    let mediator = Device::new();
    let code = sup.json(&["invite"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    mediator.json(&["join", &code, "--name", "mediator phone"], None);
    sup.json(&["approve", "--all", "--role", "mediator"], None);
    sync(&mediator);
    let op_id = device_id_named(sup, "phone 0");
    let hex = sup.add("person", &json!({"alias": "Everyone's"}));
    sync(sup);
    sync(operator);
    sync(&mediator);

    for device in [operator, &mediator] {
        let out = device.run(&["person", "restrict", &hex, "--to", &op_id], None);
        assert!(
            one_line_error(&out).contains("Only the team's supervisor"),
            "{out:?}"
        );
        let out = device.run(&["person", "restrict", &hex, "--open"], None);
        assert!(one_line_error(&out).contains("Only the team's supervisor"));
        assert!(show(device, &hex).get("restricted_to").is_none());
    }
    let unknown = "0123456789abcdef0123456789abcdef";
    let out = sup.run(
        &[
            "person",
            "restrict",
            &hex,
            "--to",
            &format!("{op_id},{unknown}"),
        ],
        None,
    );
    let message = one_line_error(&out);
    assert!(message.contains(unknown), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
    assert!(show(sup, &hex).get("restricted_to").is_none());

    // Nothing of the record went out (the supervisor's sync ships its audit trail):
    // everyone still reads the record after a sync.
    let before = shape(&relay_entries(&relay), &hex);
    sync(sup);
    assert_eq!(shape(&relay_entries(&relay), &hex), before);
    sync(operator);
    sync(&mediator);
    assert_eq!(show(&mediator, &hex)["alias"], "Everyone's");
    assert_eq!(show(operator, &hex)["alias"], "Everyone's");

    // By name, as `ponte devices` lists it (case aside); a name two devices share is
    // refused, naming it, and changes nothing.
    let twin = Device::new();
    let code = sup.json(&["invite"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    twin.json(&["join", &code, "--name", "phone 0"], None);
    sup.json(&["approve", "--all"], None);
    let out = sup.run(&["person", "restrict", &hex, "--to", "PHONE 0"], None);
    let message = one_line_error(&out);
    assert!(message.contains("PHONE 0"), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
    assert!(show(sup, &hex).get("restricted_to").is_none());
    let mediator_id = device_id_named(sup, "mediator phone");
    let out = sup.json(
        &["person", "restrict", &hex, "--to", "Mediator Phone"],
        None,
    );
    let readers = out["restricted_to"].as_array().unwrap();
    assert!(readers.contains(&json!(mediator_id)), "{out}");
    assert!(!readers.contains(&json!(op_id)), "{out}");
}

#[test]
fn a_deputy_named_after_a_restriction_reads_the_record_and_a_recovery_makes_no_partial_copy() {
    let relay = Relay::start();
    let (mut devices, kit) = team_with_kit(&relay, 3);
    let members = devices.split_off(1);
    let sup = devices.remove(0);
    let (listed_op, deputy, other) = (&members[0], &members[1], &members[2]);
    let hex = sup.add("person", &json!({"alias": ALIAS, "notes": NOTES}));
    sup.json(
        &["person", "restrict", &hex, "--to", &listed_op.device_id()],
        None,
    );
    sync(&sup);
    for m in &members {
        sync(m);
    }
    assert_eq!(show(listed_op, &hex)["alias"], ALIAS);

    // A deputy named after the restriction (no new team key): the supervisor's next
    // sync re-wraps the record for it, whole, before anyone edits it.
    sup.json(&["team", "role", &deputy.device_id(), "supervisor"], None);
    sync(deputy);
    assert!(!listed(deputy).contains(&hex));
    sync(&sup);
    sync(deputy);
    let shown = show(deputy, &hex);
    assert_eq!(
        (&shown["alias"], &shown["notes"]),
        (&json!(ALIAS), &json!(NOTES))
    );
    // The listed operator keeps reading and writing; the deputy reads its edits.
    sync(listed_op);
    edit(listed_op, &hex, &json!({"notes": LATER}));
    sync(listed_op);
    sync(deputy);
    assert_eq!(show(deputy, &hex)["notes"], LATER);

    // Every supervisor device is lost (the deputy's too); the recovery kit brings a
    // new supervisor, which is no reader of the record (the kit never was). An
    // operator's edit after the recovery wraps its new data key for the new
    // supervisor, but the history before it was sealed for others: the new supervisor
    // makes no partial copy of the record from that edit alone.
    drop(sup);
    let heir = Device::new();
    let out = heir.run(&["team", "recover", "--name", "office"], Some(&kit));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sync(&heir);
    sync(listed_op);
    edit(listed_op, &hex, &json!({"notes": "after the recovery"}));
    sync(listed_op);
    let report = sync(&heir);
    assert_eq!(report["applied"]["rejected"], 0, "{report}");
    assert!(!listed(&heir).contains(&hex));
    assert_eq!(rows_naming(&heir, &hex), 0);
    assert_eq!(show(listed_op, &hex)["alias"], ALIAS);
    // The member never listed holds nothing of it.
    sync(other);
    assert!(!listed(other).contains(&hex));
    assert_eq!(rows_naming(other, &hex), 0);
}
