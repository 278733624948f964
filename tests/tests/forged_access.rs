//! Who may change who reads a record, tried as a member and a removed phone would.
//! Every member holds the team key, so a member can write a key entry any device
//! opens. Here a mediator restricts a record to itself (to make every other device,
//! the supervisor's included, delete it), a listed operator lifts a restriction it may
//! not lift, and the copy of a removed phone does the first through a breached relay.
//! Each forged entry is made by the attacker's own store (the store's restrict, which
//! signs with the attacker's key, without the role check its front ends make) and
//! pushed as the attacker can: through its ordinary sync, or written into the relay's
//! file. Every receiving device refuses it (`forged-access`), keeps the record and its
//! access, and the supervisor's own decisions still go through.
//!
//! Real relay binary and `ponte` devices.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use ponte_store::sync::EntryKind;
use ponte_store::{Reader, RecordId, Store};
use ponte_tests::{
    Device, PASSPHRASE, Relay, aliases, copy_home, device_id_named, hex_bytes, team,
};
use serde_json::{Value, json};

fn sync(device: &Device) -> Value {
    device.json(&["sync"], None)
}

fn forged(report: &Value) -> u64 {
    report["applied"]["rejected_by"]["forged-access"]
        .as_u64()
        .unwrap_or(0)
}

fn record(hex: &str) -> RecordId {
    RecordId(hex_bytes(hex).try_into().unwrap())
}

/// The attacker's store changes who reads `record` (to `readers`, or the whole team)
/// as the store alone lets it, and keeps only the key entry in its outbox: what a
/// member can push through its ordinary sync (the relay takes snapshots from
/// supervisors only).
fn forge_access(home: &Path, hex: &str, readers: Option<&[[u8; 16]]>) -> Vec<u8> {
    let mut store = Store::open(home, PASSPHRASE).unwrap();
    let readers: Option<Vec<Reader>> = readers.map(|ids| {
        ids.iter()
            .map(|id| Reader {
                device_id: *id,
                agreement_pk: [0; 32],
            })
            .collect()
    });
    store
        .restrict(&record(hex), None, readers.as_deref())
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(home.join(ponte_store::DB_FILE)).unwrap();
    conn.execute(
        "DELETE FROM outbox WHERE record_id = ?1 AND kind <> ?2",
        rusqlite::params![hex_bytes(hex), EntryKind::Key.code()],
    )
    .unwrap();
    conn.query_row(
        "SELECT change FROM outbox WHERE record_id = ?1 AND kind = ?2",
        rusqlite::params![hex_bytes(hex), EntryKind::Key.code()],
        |r| r.get(0),
    )
    .unwrap()
}

fn id_bytes(hex: &str) -> [u8; 16] {
    hex_bytes(hex).try_into().unwrap()
}

#[test]
fn a_member_cannot_restrict_a_record_away_or_lift_a_restriction() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, mediator, operator) = (&devices[0], &devices[1], &devices[2]);
    let mediator_id = device_id_named(sup, "phone 0");
    let operator_id = device_id_named(sup, "phone 1");
    sup.json(&["team", "role", &mediator_id, "mediator"], None);
    let target = sup.add("person", &json!({"alias": "target of the forgery"}));
    let secret = sup.add("person", &json!({"alias": "need to know"}));
    sup.json(&["person", "restrict", &secret, "--to", &operator_id], None);
    sync(sup);
    sync(mediator);
    sync(operator);
    assert_eq!(aliases(mediator), ["target of the forgery"]);
    assert_eq!(aliases(operator), ["need to know", "target of the forgery"]);

    // The mediator restricts the target to itself: without the check, every other
    // device would delete the record.
    forge_access(mediator.home(), &target, Some(&[id_bytes(&mediator_id)]));
    let pushed = sync(mediator);
    assert!(pushed["pushed"].as_u64().unwrap() >= 1, "{pushed}");
    for device in [sup, operator] {
        let report = sync(device);
        assert_eq!(forged(&report), 1, "{report}");
        assert_eq!(report["applied"]["withheld"], 0, "{report}");
        assert!(aliases(device).contains(&"target of the forgery".to_owned()));
        let shown = device.json(&["person", "show", &target], None);
        assert!(shown.get("restricted_to").is_none(), "{shown}");
    }

    // The listed operator lifts the restriction with a key of its own choosing: the
    // mediator must not get the record, the supervisor keeps it restricted.
    forge_access(operator.home(), &secret, None);
    sync(operator);
    let report = sync(mediator);
    assert_eq!(forged(&report), 1, "{report}");
    assert_eq!(aliases(mediator), ["target of the forgery"]);
    let report = sync(sup);
    assert_eq!(forged(&report), 1, "{report}");
    let shown = sup.json(&["person", "show", &secret], None);
    assert!(shown["restricted_to"].is_array(), "{shown}");

    // What the forging operator writes next is sealed with the key it chose, which no
    // other device took: the mediator reads none of it (nor does the team: the
    // forger's own edits are lost, nobody else's).
    operator.json(
        &["person", "edit", &secret, "--json", "-"],
        Some(&json!({"notes": "after the forged lift"}).to_string()),
    );
    sync(operator);
    let report = sync(mediator);
    assert_eq!(report["applied"]["created"], 0, "{report}");
    assert_eq!(aliases(mediator), ["target of the forgery"]);
    sync(sup);
    let shown = sup.json(&["person", "show", &secret], None);
    assert!(shown.get("notes").is_none(), "{shown}");

    // The supervisor's own decision still goes through: lifted, the mediator gets the
    // record whole.
    sup.json(&["person", "restrict", &secret, "--open"], None);
    sync(sup);
    let report = sync(mediator);
    assert_eq!(forged(&report), 0, "{report}");
    assert_eq!(aliases(mediator), ["need to know", "target of the forgery"]);

    // The refusals are in the devices' audit trails: the supervisor's review shows
    // each device that refused an entry.
    sync(operator);
    sync(sup);
    let review = sup.json(&["audit", "review"], None);
    let refused = |id: &str| {
        review["devices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["device"] == id)
            .map(|d| d["refused"].clone())
    };
    assert_eq!(refused(&operator_id), Some(json!(1)), "{review}");
}

#[test]
fn a_removed_phone_cannot_restrict_a_record_away_through_a_breached_relay() {
    let mut relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, removed, operator) = (&devices[0], &devices[1], &devices[2]);
    let target = sup.add("person", &json!({"alias": "target of the forgery"}));
    sync(sup);
    sync(removed);
    sync(operator);

    // The phone is taken; the supervisor removes it and the team key rotates.
    let seized = tempfile::tempdir().unwrap();
    copy_home(removed.home(), seized.path());
    let removed_id = removed.device_id();
    sup.json(&["revoke", &removed_id], None);
    sync(sup);

    // Whoever holds the copy restricts the target to it under the old team key and
    // writes the entry into the relay's log as if the phone had pushed it.
    let entry = forge_access(seized.path(), &target, Some(&[id_bytes(&removed_id)]));
    relay.forge_entries(&[(&hex_bytes(&target), &hex_bytes(&removed_id), 3, &entry)]);

    for device in [operator, sup] {
        let report = sync(device);
        assert_eq!(forged(&report), 1, "{report}");
        assert_eq!(report["applied"]["withheld"], 0, "{report}");
        assert_eq!(aliases(device), ["target of the forgery"]);
    }
}
