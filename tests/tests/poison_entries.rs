//! A breached relay writes entries of its own into a team's log: a real change of the
//! supervisor's replayed as another member's, the same change moved to another record,
//! garbage, a forged tombstone, a change of a record nobody has. The devices refuse each
//! one with its code, keep every record as it was, note it in the audit log, and go on
//! syncing (security finding 7).
//!
//! Real relay binary and `ponte` devices; the breach is played by writing the relay's
//! SQLite file while it is stopped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_tests::{
    Device, Relay, device_id_named, forge_entry as forge, hex_bytes, one_line_error, team,
};
use serde_json::{Value, json};

fn show(device: &Device, id: &str) -> Value {
    let mut v = device.json(&["person", "show", id], None);
    v.as_object_mut().unwrap().remove("updated");
    v
}

#[test]
fn entries_a_breached_relay_writes_are_refused_with_their_codes_and_sync_goes_on() {
    let mut relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, member) = (&devices[0], &devices[1]);
    let target = sup.add("person", &json!({"alias": "Target", "notes": "kept"}));
    let other = sup.add("person", &json!({"alias": "Bystander"}));
    sup.json(&["sync"], None);
    member.json(&["sync"], None);
    let before = (show(member, &target), show(member, &other));
    let third_id = device_id_named(sup, "phone 1");

    relay.kill();
    {
        let conn = rusqlite::Connection::open(relay.db()).unwrap();
        // The supervisor's first change of the target, as the relay stored it.
        let (change, sup_author): (Vec<u8>, Vec<u8>) = conn
            .query_row(
                "SELECT ciphertext, author FROM entries WHERE record_id = ?1 AND kind = 0 ORDER BY seq LIMIT 1",
                [hex_bytes(&target)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        // Replayed as a third member's own: a change written by someone else.
        forge(
            &conn,
            &hex_bytes(&target),
            &hex_bytes(&third_id),
            0,
            &change,
        );
        // Moved to another record: it does not open there.
        forge(&conn, &hex_bytes(&other), &sup_author, 0, &change);
        // Garbage.
        forge(&conn, &hex_bytes(&target), &sup_author, 0, &[7u8; 90]);
        // A tombstone without the supervisor's signature.
        forge(
            &conn,
            &hex_bytes(&target),
            &sup_author,
            2,
            &[0, 0, 0, 1, 9, 9, 9],
        );
        // A change of a record no device has.
        forge(&conn, &[0x42; 16], &sup_author, 0, &change);
    }
    relay.restart();

    let report = member.json(&["sync"], None);
    let by = &report["applied"]["rejected_by"];
    assert_eq!(by["wrong-author"], 1, "{report}");
    assert_eq!(by["unreadable"], 2, "{report}");
    assert_eq!(by["forged-tombstone"], 1, "{report}");
    assert_eq!(by["unknown-record"], 1, "{report}");
    assert_eq!(report["applied"]["rejected"], 5, "{report}");
    assert_eq!((show(member, &target), show(member, &other)), before);
    let audit = member.json(&["audit"], None);
    let noted = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "quarantine")
        .map(|e| e["detail"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert_eq!(noted.len(), 1, "{audit}");
    assert!(noted[0].contains("wrong-author=1"), "{noted:?}");

    // Sync goes on: the supervisor pulled only the entry not under its own name, and
    // refused it.
    let report = sup.json(&["sync"], None);
    assert_eq!(
        report["applied"]["rejected_by"],
        json!({"wrong-author": 1}),
        "{report}"
    );
    // The relay now refuses changes to the target as "erased", on its forged
    // tombstone alone: the supervisor's edit is kept, not dropped, and sync says so.
    sup.json(
        &["person", "edit", &target, "--json", "-"],
        Some(&json!({"notes": "kept, then edited"}).to_string()),
    );
    sup.json(
        &["person", "edit", &other, "--json", "-"],
        Some(&json!({"notes": "still syncing"}).to_string()),
    );
    for _ in 0..2 {
        let out = sup.run(&["sync"], None);
        let line = one_line_error(&out);
        assert!(line.contains("showed no erasure signed"), "{line}");
    }
    assert_eq!(show(sup, &target)["notes"], "kept, then edited");
    // Everything else still travels.
    let report = member.json(&["sync"], None);
    assert_eq!(report["applied"]["rejected"], 0, "{report}");
    assert_eq!(show(member, &other)["notes"], "still syncing");
    assert_eq!(show(member, &target), before.0);
}
