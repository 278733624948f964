//! A supervisor's phone is seized and the team removes it. Whoever holds the phone
//! keeps its signing key; with a breached relay they serve the team an erasure signed
//! by it. Every device that learned the removal refuses it, while the erasures the
//! removed supervisor made before it left still apply where the roster that removed it
//! vouched for them. And a supervisor that hands its role over vouches for its own.
//!
//! Real relay binary and `ponte` devices; the breach is played by writing the relay's
//! SQLite file while it is stopped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_tests::{Device, Relay, aliases, copy_home, device_id_named, hex_bytes, team};
use serde_json::{Value, json};

fn sync(device: &Device) -> Value {
    device.json(&["sync"], None)
}

/// The tombstone a device queued for `record` (its outbox, read from its file):
/// exactly what it would push to the relay.
fn queued_tombstone(home: &std::path::Path, record: &str) -> Vec<u8> {
    let conn = rusqlite::Connection::open(home.join(ponte_store::DB_FILE)).unwrap();
    conn.query_row(
        "SELECT change FROM outbox WHERE record_id = ?1 AND kind = ?2",
        rusqlite::params![
            hex_bytes(record),
            ponte_store::sync::EntryKind::Tombstone.code()
        ],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_removed_supervisors_key_cannot_erase_through_a_breached_relay() {
    let mut relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, deputy, operator) = (&devices[0], &devices[1], &devices[2]);
    let deputy_id = device_id_named(sup, "phone 0");
    sup.json(&["team", "role", &deputy_id, "supervisor"], None);
    let erased = sup.add("person", &json!({"alias": "erased before the seizure"}));
    let target = sup.add("person", &json!({"alias": "target of the forgery"}));
    sup.add("person", &json!({"alias": "bystander"}));
    sync(sup);
    sync(deputy);
    sync(operator);
    assert_eq!(aliases(operator).len(), 3);

    // The supervisor erases a record for the team; the deputy receives the erasure,
    // the operator is away and does not.
    sup.json(&["person", "erase", &erased], None);
    sync(sup);
    sync(deputy);
    assert!(!aliases(deputy).contains(&"erased before the seizure".to_owned()));

    // The supervisor's phone is seized, unlocked under threat: its files are the
    // attacker's. The deputy removes it from the team.
    let seized = tempfile::tempdir().unwrap();
    copy_home(sup.home(), seized.path());
    let sup_id = sup.device_id();
    deputy.json(&["revoke", &sup_id], None);

    // The attacker erases the target with the seized key. The relay refuses the
    // removed device, so the attacker breaches the relay and writes the tombstone
    // into the team's log as if the supervisor had pushed it before its removal.
    let attacker = Device {
        dir: seized,
        bin: ponte_tests::workspace_bin("ponte"),
    };
    attacker.json(&["person", "erase", &target], None);
    let tombstone = queued_tombstone(attacker.home(), &target);
    relay.forge_entries(&[(&hex_bytes(&target), &hex_bytes(&sup_id), 2, &tombstone)]);

    // The operator comes back: the removal is in the chain before the entries, so
    // the forged erasure is refused and the target kept; the erasure the supervisor
    // made before its removal, vouched for by the roster that removed it, applies.
    let report = sync(operator);
    assert_eq!(
        report["applied"]["rejected_by"]["forged-tombstone"], 1,
        "{report}"
    );
    assert_eq!(report["applied"]["erased"], 1, "{report}");
    assert_eq!(aliases(operator), ["bystander", "target of the forgery"]);
    let shown = operator.json(&["person", "show", &target], None);
    assert_eq!(shown["alias"], "target of the forgery");
    // The deputy refuses it too, and the refusal is in both audit logs.
    let report = sync(deputy);
    assert_eq!(
        report["applied"]["rejected_by"]["forged-tombstone"], 1,
        "{report}"
    );
    assert_eq!(aliases(deputy), ["bystander", "target of the forgery"]);
    for device in [operator, deputy] {
        let audit = device.json(&["audit"], None);
        assert!(
            audit["entries"].as_array().unwrap().iter().any(|e| {
                e["action"] == "quarantine"
                    && e["detail"]
                        .as_str()
                        .is_some_and(|d| d.contains("forged-tombstone=1"))
            }),
            "{audit}"
        );
    }
    // The supervisors are told: the operator's log, shipped at its next sync, says it
    // refused an entry from the relay; its log itself is intact.
    sync(operator);
    sync(deputy);
    let review = deputy.json(&["audit", "review"], None);
    let operator_id = operator.device_id();
    let row = review["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device"] == operator_id.as_str())
        .unwrap();
    assert_eq!(
        (&row["state"], &row["refused"]),
        (&json!("ok"), &json!(1)),
        "{review}"
    );
}

#[test]
fn a_supervisor_that_hands_over_vouches_for_its_own_erasures() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, heir, away) = (&devices[0], &devices[1], &devices[2]);
    let erased = sup.add("person", &json!({"alias": "to erase"}));
    sup.add("person", &json!({"alias": "kept"}));
    sync(sup);
    sync(heir);
    sync(away);
    assert_eq!(aliases(away), ["kept", "to erase"]);
    // The supervisor erases, then hands its role over before the third phone syncs.
    sup.json(&["person", "erase", &erased], None);
    sync(sup);
    let heir_id = device_id_named(sup, "phone 0");
    sup.json(&["team", "handover", &heir_id], None);
    // The third phone meets the handover first, then the erasure of a supervisor
    // that is one no more: the handover roster vouched for it, so it applies.
    let report = sync(away);
    assert_eq!(report["applied"]["erased"], 1, "{report}");
    assert_eq!(report["applied"]["rejected"], 0, "{report}");
    assert_eq!(aliases(away), ["kept"]);
}
