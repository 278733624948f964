//! A breached relay writes entries of its own into a team's log: a real change of the
//! supervisor's replayed as another member's, the same change moved to another record,
//! garbage, a forged tombstone, a change of a record nobody has. The devices refuse each
//! one with its code, keep every record as it was, note it in the audit log, and go on
//! syncing (security finding 7). And a member pushes, through the honest relay, a
//! change of 73 bytes declaring ten million operations (security review 13, finding
//! 2) and a document of its own pointing past its changes (on which Automerge
//! panicked): every other device refuses them, with a phone's memory, and syncs on.
//!
//! Real relay binary and `ponte` devices; the breach is played by writing the relay's
//! SQLite file while it is stopped, the member by writing its own store as its owner
//! can (with its passphrase) and syncing it with the `ponte` binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../crates/ponte-doc/tests/support/op_bombs.rs"]
mod op_bombs;

use ponte_crypto as crypto;
use ponte_store::Store;
use ponte_tests::{
    Device, PASSPHRASE, Relay, address_space_capped, device_id_named, forge_entry as forge,
    hex_bytes, one_line_error, run_with, team,
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

/// What a device running `ponte` gets here: a phone's memory, less. Applying the ten
/// million operations the attack declares takes some 3 GB (a device with 3 GB aborted);
/// refusing them takes nothing.
const ADDRESS_SPACE: u64 = 1 << 30;

/// `ponte sync` on `device` with its address space capped at [`ADDRESS_SPACE`]: exit 0
/// and the report, or the test fails with what it printed.
fn capped_sync(device: &Device) -> Value {
    let cmd = device.command(&["sync"]);
    let cmd = address_space_capped(&cmd, ADDRESS_SPACE).unwrap_or(cmd);
    let out = run_with(cmd, None);
    assert!(
        out.status.success(),
        "sync failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Queues `automerge` bytes in `device`'s outbox as a change of record `id`, sealed
/// with the record's data key as its own edits are: what a member who holds the key
/// and writes its own store can push (the honest relay takes any member's changes).
fn queue_change(device: &Device, id: &str, automerge: &[u8]) {
    let team_keys = Store::open(device.home(), PASSPHRASE).unwrap().team_keys();
    let conn = rusqlite::Connection::open(Store::db_path(device.home())).unwrap();
    let record: [u8; 16] = hex_bytes(id).try_into().unwrap();
    let (kind, epoch, wrapped): (u8, u32, Vec<u8>) = conn
        .query_row(
            "SELECT kind, epoch, wrapped_key FROM records WHERE id = ?1",
            [record.as_slice()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let team_key = &team_keys.iter().find(|(e, _)| *e == epoch).unwrap().1;
    let record_aad = crypto::record_aad(&record, kind, epoch);
    let data_key = crypto::unwrap_key(team_key, &record_aad, &wrapped).unwrap();
    let change_aad = [b"ponte/change/v1".as_slice(), &record_aad].concat();
    let sealed = crypto::seal(&data_key, &change_aad, automerge).unwrap();
    conn.execute(
        "INSERT INTO outbox(record_id, kind, covers, change, created) VALUES (?1, ?2, NULL, ?3, 0)",
        rusqlite::params![
            record.as_slice(),
            ponte_store::sync::EntryKind::Change.code(),
            sealed
        ],
    )
    .unwrap();
}

#[test]
fn a_members_op_count_bomb_and_panicking_document_are_refused_and_sync_goes_on() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, member, mallory) = (&devices[0], &devices[1], &devices[2]);
    let target = sup.add("person", &json!({"alias": "Target", "notes": "kept"}));
    let other = sup.add(
        "person",
        &json!({"alias": "Bystander", "notes": "also kept"}),
    );
    for device in &devices {
        device.json(&["sync"], None);
    }
    let before = (show(member, &target), show(member, &other));
    assert_eq!(before.0["notes"], "kept");

    // The member writes ten million writes of `notes` into 73 bytes, under its own
    // name (the author rule holds), and pushes them.
    let actor = hex_bytes(&mallory.device_id());
    let bomb = op_bombs::checksummed(
        op_bombs::change(&actor, 10_000_000, op_bombs::Shape::Writes),
        crypto::sha256,
    );
    assert!(bomb.len() <= 73 + actor.len(), "{} bytes", bomb.len());
    queue_change(mallory, &target, &bomb);
    // And its whole document, with a dependency on a change it does not have.
    let dangling = op_bombs::checksummed(
        op_bombs::dangling(&actor, op_bombs::Dangling::Dependency),
        crypto::sha256,
    );
    queue_change(mallory, &target, &dangling);
    let pushed = mallory.json(&["sync"], None);
    assert_eq!(pushed["pushed"], 2, "{pushed}");
    let bomb_seq = pushed["cursor"].as_u64().unwrap();

    for device in [sup, member] {
        let report = capped_sync(device);
        assert_eq!(
            report["applied"]["rejected_by"],
            json!({"too-large": 1, "unmergeable": 1}),
            "{report}"
        );
        // The cursor moved past it: the next sync pulls nothing and refuses nothing.
        assert!(report["cursor"].as_u64().unwrap() >= bomb_seq, "{report}");
        let again = capped_sync(device);
        assert_eq!(again["pulled"], 0, "{again}");
        assert_eq!(again["applied"]["rejected"], 0, "{again}");
        assert_eq!((show(device, &target), show(device, &other)), before);
        let audit = device.json(&["audit"], None);
        let noted: Vec<&str> = audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "quarantine")
            .filter_map(|e| e["detail"].as_str())
            .collect();
        assert!(
            noted
                .iter()
                .any(|d| d.contains("too-large=1") && d.contains("unmergeable=1")),
            "{noted:?}"
        );
    }

    // The record under attack still travels: the supervisor's edit reaches the member.
    sup.json(
        &["person", "edit", &target, "--json", "-"],
        Some(&json!({"notes": "kept, then edited"}).to_string()),
    );
    sup.json(&["sync"], None);
    let report = capped_sync(member);
    assert_eq!(report["applied"]["rejected"], 0, "{report}");
    assert_eq!(show(member, &target)["notes"], "kept, then edited");
    assert_eq!(show(member, &other), before.1);
}
