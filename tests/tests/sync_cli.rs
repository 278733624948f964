//! Blind sync end to end: real `ponte` devices, a real `sync-server` process, real
//! HTTP on loopback. What the relay stores never holds a record's content; edits made
//! offline on three devices converge; erasure, enrolment and revocation hold.
//!
//! Nothing waits for time to pass: where expiry matters, the relay runs in this process
//! on a clock the test moves (`sync_server::Clock`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_tests::{Device, Relay, count_occurrences, one_line_error, team};
use serde_json::{Value, json};

fn edit(device: &Device, id: &str, patch: &Value) {
    device.json(
        &["person", "edit", id, "--json", "-"],
        Some(&patch.to_string()),
    );
}

fn show(device: &Device, id: &str) -> Value {
    let mut v = device.json(&["person", "show", id], None);
    // `updated` is the local time of the last local write: it differs per device.
    v.as_object_mut().unwrap().remove("updated");
    v
}

fn sync(device: &Device) -> Value {
    device.json(&["sync"], None)
}

#[test]
fn three_devices_converge_after_concurrent_offline_edits_in_any_order() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (a, b, c) = (&devices[0], &devices[1], &devices[2]);
    let id = a.add(
        "person",
        &json!({"alias": "Karim", "notes": "Met at the pick-up point."}),
    );
    sync(a);
    sync(b);
    sync(c);
    assert_eq!(show(b, &id)["alias"], "Karim");

    // Offline: each device edits different fields; two append to the same note.
    edit(
        a,
        &id,
        &json!({"sector": "agriculture", "notes": "Met at the pick-up point. Paid by the crate."}),
    );
    edit(
        b,
        &id,
        &json!({"nationality": "MA", "notes": "Met at the pick-up point. Sleeps in the fields."}),
    );
    edit(
        c,
        &id,
        &json!({"housing": "informal_settlement", "encounters": {"c1": {"date": "2026-11-20"}}}),
    );
    edit(
        a,
        &id,
        &json!({"encounters": {"a1": {"date": "2026-11-21"}}}),
    );
    let new_on_b = b.add("person", &json!({"alias": "Omar"}));

    // Sync in an unusual order, then everyone once more.
    for device in [c, b, a, c, b] {
        sync(device);
    }
    let reference = show(a, &id);
    assert_eq!(reference["sector"], "agriculture");
    assert_eq!(reference["nationality"], "MA");
    assert_eq!(reference["housing"], "informal_settlement");
    let notes = reference["notes"].as_str().unwrap();
    assert!(
        notes.contains("Paid by the crate.") && notes.contains("Sleeps in the fields."),
        "{notes}"
    );
    let encounters = reference["encounters"].as_object().unwrap();
    assert!(encounters.contains_key("a1") && encounters.contains_key("c1"));
    for device in [b, c] {
        assert_eq!(show(device, &id), reference, "devices disagree");
        assert_eq!(show(device, &new_on_b)["alias"], "Omar");
    }
    assert_eq!(show(a, &new_on_b)["alias"], "Omar");
    // Nothing changed since: a reconnect is one round trip.
    let idle = sync(a);
    assert_eq!(idle["round_trips"], 1, "{idle}");
    assert_eq!(idle["pulled"], 0);
}

const MARKERS: &[&str] = &[
    "ZQXRELAYALIAS",
    "ZQXRELAYNOTES",
    "ZQXRELAYSCREEN",
    "ZQXRELAYNAME",
];

#[test]
fn marker_strings_never_reach_the_relay_storage_or_log_sqlite() {
    markers_never_reach(&Relay::start());
}

#[test]
fn marker_strings_never_reach_the_relay_storage_or_log_postgres() {
    markers_never_reach(&Relay::start_postgres());
}

fn markers_never_reach(relay: &Relay) {
    let devices = team(relay, 1);
    let (a, b) = (&devices[0], &devices[1]);
    let id = a.add(
        "person",
        &json!({"alias": "ZQXRELAYALIAS", "notes": "ZQXRELAYNOTES", "nationality": "SN",
                "screening": {"ilo": {"debt_bondage": {"answer": "yes", "note": "ZQXRELAYSCREEN"}}}}),
    );
    a.add(
        "service",
        &json!({"name": "ZQXRELAYNAME", "type": "legal_aid"}),
    );
    sync(a);
    sync(b);
    edit(b, &id, &json!({"sector": "agriculture"}));
    sync(b);
    sync(b);
    assert_eq!(
        show(b, &id)["notes"],
        "ZQXRELAYNOTES",
        "the record did travel"
    );
    // Positive control: the search does see what the relay stores (the random record
    // id, which it may know).
    let id_bytes: Vec<u8> = (0..32)
        .step_by(2)
        .map(|i| u8::from_str_radix(&id[i..i + 2], 16).unwrap())
        .collect();
    let storage = relay.storage_bytes();
    let seen: usize = storage
        .iter()
        .map(|(_, b)| count_occurrences(b, &id_bytes))
        .sum();
    assert!(
        seen > 0,
        "the record id is not found in the relay's storage: the search sees nothing"
    );
    // Each device's audit trail (kind `audit`) went too, as a restricted record: its
    // entries (actions, links) are not in the clear. (The PostgreSQL dump shows ids
    // in hex: `tests/tests/audit_review.rs` checks the viewed record's hex id on a
    // SQLite relay.)
    let hex_bytes = |hex: &str| -> [u8; 16] {
        let v: Vec<u8> = (0..32)
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        v.try_into().unwrap()
    };
    let team_id = hex_bytes(a.json(&["status"], None)["team"].as_str().unwrap());
    let b_id = hex_bytes(b.json(&["status"], None)["device"].as_str().unwrap());
    let trail = ponte_store::trail_id(&team_id, &b_id);
    let trail_seen: usize = storage
        .iter()
        .map(|(_, b)| count_occurrences(b, &trail.0))
        .sum();
    assert!(
        trail_seen > 0,
        "the member's audit trail is not on the relay"
    );
    let mut searched = 0;
    for (path, bytes) in storage {
        searched += bytes.len();
        for marker in MARKERS.iter().chain(&[
            "agriculture",
            "debt_bondage",
            "Karim",
            "\"action\"",
            "\"link\"",
        ]) {
            assert_eq!(
                count_occurrences(&bytes, marker.as_bytes()),
                0,
                "{marker} in {}",
                path.display()
            );
        }
    }
    assert!(searched > 0);
    let log = relay.log();
    for marker in MARKERS {
        assert_eq!(
            count_occurrences(&log, marker.as_bytes()),
            0,
            "{marker} in the relay log"
        );
    }
}

fn relay_ciphertexts(relay: &Relay, record_hex: &str) -> Vec<Vec<u8>> {
    let id: Vec<u8> = (0..32)
        .step_by(2)
        .map(|i| u8::from_str_radix(&record_hex[i..i + 2], 16).unwrap())
        .collect();
    let conn = rusqlite::Connection::open_with_flags(
        relay.db(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut stmt = conn
        .prepare("SELECT ciphertext FROM entries WHERE record_id = ?1")
        .unwrap();
    stmt.query_map([id], |r| r.get::<_, Vec<u8>>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn supervisor_erasure_reaches_every_device_and_empties_the_relay() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (a, b, c) = (&devices[0], &devices[1], &devices[2]);
    let id = a.add(
        "person",
        &json!({"alias": "to erase", "notes": "sensitive"}),
    );
    let keep = a.add("person", &json!({"alias": "stays"}));
    sync(a);
    sync(b);
    edit(b, &id, &json!({"sector": "logistics"}));
    sync(b);
    sync(c);
    let before = relay_ciphertexts(&relay, &id);
    assert_eq!(before.len(), 3, "key, change, change");

    // A member cannot erase for the team.
    let out = b.run(&["person", "erase", &id], None);
    assert!(one_line_error(&out).contains("supervisor"));

    a.json(&["person", "erase", &id], None);
    sync(a);
    for device in [b, c] {
        let report = sync(device);
        assert_eq!(report["applied"]["erased"], 1, "{report}");
        let out = device.run(&["person", "show", &id], None);
        assert!(one_line_error(&out).contains("No record"));
        assert_eq!(show(device, &keep)["alias"], "stays");
    }
    // Only the tombstone is left on the relay, and no byte of the erased entries.
    let after = relay_ciphertexts(&relay, &id);
    assert_eq!(after.len(), 1, "only the tombstone remains");
    for (path, bytes) in relay.storage_bytes() {
        for old in &before {
            assert_eq!(
                count_occurrences(&bytes, old),
                0,
                "erased ciphertext survives in {}",
                path.display()
            );
        }
    }
}

fn invite(supervisor: &Device, extra: &[&str]) -> String {
    let mut args = vec!["invite"];
    args.extend_from_slice(extra);
    supervisor.json(&args, None)["code"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A phone used before it joined (an intake at a listening point with no team yet),
/// and again while its join waits for approval: once approved and synced, the team has
/// both records, and an edit from the team reaches the phone.
#[test]
fn records_made_before_joining_reach_the_team() {
    let relay = Relay::start();
    let devices = team(&relay, 0);
    let sup = &devices[0];
    let phone = Device::new();
    let early = phone.add(
        "person",
        &json!({"alias": "Prima del team", "nationality": "IN"}),
    );
    let code = invite(sup, &[]);
    phone.json(&["join", &code, "--name", "phone"], None);
    let waiting = phone.add(
        "person",
        &json!({"alias": "In attesa", "nationality": "PK"}),
    );
    edit(
        &phone,
        &waiting,
        &json!({"notes": "met while waiting for approval"}),
    );
    sup.json(&["approve", "--all"], None);
    let pushed = sync(&phone);
    // A key entry and the whole record, twice; then, the sync having approved it, its
    // audit trail's key entry and first round, in the same call.
    assert_eq!(pushed["pushed"], 6, "{pushed}");
    sync(sup);
    for id in [&early, &waiting] {
        assert_eq!(show(sup, id), show(&phone, id));
    }
    assert_eq!(
        show(sup, &waiting)["notes"],
        "met while waiting for approval"
    );
    edit(
        sup,
        &early,
        &json!({"notes": "seen again by the supervisor"}),
    );
    sync(sup);
    sync(&phone);
    assert_eq!(
        show(&phone, &early)["notes"],
        "seen again by the supervisor"
    );
}

#[test]
fn enrolment_refuses_a_wrong_mac_and_a_reused_token() {
    let relay = Relay::start();
    let devices = team(&relay, 0);
    let sup = &devices[0];
    sup.add("person", &json!({"alias": "team record"}));
    sync(sup);

    // Wrong MAC: the joiner holds a code whose secret was altered.
    let code = invite(sup, &[]);
    let tampered = tamper_secret(&code);
    let intruder = Device::new();
    intruder.json(&["join", &tampered, "--name", "intruder"], None);
    let approvals = sup.json(&["approve", "--all"], None);
    assert_eq!(approvals["approvals"][0]["approved"], false, "{approvals}");
    let out = intruder.run(&["sync"], None);
    assert!(one_line_error(&out).contains("not approved"));
    assert_eq!(intruder.json(&["person", "list"], None), json!([]));

    // Reused token: a second device with a code already used.
    let code = invite(sup, &[]);
    let first = Device::new();
    first.json(&["join", &code, "--name", "first"], None);
    let second = Device::new();
    let out = second.run(&["join", &code, "--name", "second"], None);
    assert!(one_line_error(&out).contains("already used"));

    // The legitimate one is approved and receives the team's records.
    let approvals = sup.json(&["approve", "--all"], None);
    assert!(
        approvals["approvals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "first" && a["approved"] == true)
    );
    sync(&first);
    assert_eq!(
        first
            .json(&["person", "list"], None)
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// A relay served by this process (the `sync-server` library, on SQLite) whose clock
/// the test moves; stopped on drop.
struct ClockedRelay {
    /// Dropped first: stops the server.
    _runtime: tokio::runtime::Runtime,
    url: String,
    clock: sync_server::Clock,
    _dir: tempfile::TempDir,
}

impl ClockedRelay {
    fn start() -> ClockedRelay {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let storage = sync_server::SqliteStorage::open(&dir.path().join("relay.db")).unwrap();
        let clock = sync_server::Clock::system();
        // Closed with the code `team_at` gives, as a relay's default is.
        let creation = sync_server::TeamCreation::with_codes([ponte_tests::RELAY_CODE]).unwrap();
        let relay = std::sync::Arc::new(
            sync_server::Relay::new(storage, sync_server::Limits::default(), clock.clone())
                .with_team_creation(creation),
        );
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        runtime.spawn(sync_server::serve(
            listener,
            relay,
            std::future::pending::<()>(),
        ));
        ClockedRelay {
            _runtime: runtime,
            url,
            clock,
            _dir: dir,
        }
    }
}

/// An invite is refused once the relay's clock is past its expiry, and accepted until
/// then: the relay's clock is moved, so the test does not wait a second of it. The
/// moves stay well inside the window in which the relay accepts a device's signed
/// request time (`ponte_proto::TIME_WINDOW_MS`).
#[test]
fn enrolment_refuses_an_invite_once_the_relay_clock_is_past_its_expiry() {
    let relay = ClockedRelay::start();
    let devices = ponte_tests::team_at(&relay.url, 0, |device| {
        sync(device);
    });
    let sup = &devices[0];
    let (early, late) = (Device::new(), Device::new());
    // Both valid for a minute from now.
    let in_time = invite(sup, &["--ttl-seconds", "60"]);
    let too_late = invite(sup, &["--ttl-seconds", "60"]);

    // Ten seconds on: still valid (with 50 s to spare for a slow machine).
    relay.clock.advance(10_000);
    early.json(&["join", &in_time, "--name", "early"], None);

    // Past the minute: expired.
    relay.clock.advance(51_000);
    let out = late.run(&["join", &too_late, "--name", "late"], None);
    assert!(one_line_error(&out).contains("expired"));

    // Only the one that joined in time is approved.
    let approvals = sup.json(&["approve", "--all"], None);
    let names: Vec<&Value> = approvals["approvals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["name"])
        .collect();
    assert_eq!(names, [&json!("early")], "{approvals}");
    assert_eq!(approvals["approvals"][0]["approved"], true, "{approvals}");
}

/// Flip one bit of the invite secret inside a `ponte1:` code.
fn tamper_secret(code: &str) -> String {
    use base64::Engine as _;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut bytes = engine
        .decode(code.strip_prefix("ponte1:").unwrap())
        .unwrap();
    // Layout (postcard): relay string, team id 16, token 32, secret 32, ...: the
    // secret starts 1 + relay length + 16 + 32 bytes in (relay length < 128).
    let secret_at = 1 + usize::from(bytes[0]) + 16 + 32;
    bytes[secret_at] ^= 0x01;
    format!("ponte1:{}", engine.encode(bytes))
}

#[test]
fn a_revoked_device_is_refused_and_wiped_and_the_key_epoch_changes() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, keep, gone) = (&devices[0], &devices[1], &devices[2]);
    let id = sup.add("person", &json!({"alias": "shared"}));
    sync(sup);
    sync(keep);
    sync(gone);
    assert_eq!(show(gone, &id)["alias"], "shared");
    let gone_id = ponte_tests::device_id_named(sup, "phone 1");
    let revoked = sup.json(&["revoke", &gone_id], None);
    assert_eq!(revoked["key_epoch"], 2);

    let out = gone.run(&["sync"], None);
    assert_eq!(out.status.code(), Some(5));
    assert!(one_line_error(&out).contains("removed from the team"));
    assert!(!gone.home().join("ponte.db").exists(), "local data wiped");
    let out = gone.run(&["person", "list"], None);
    assert!(one_line_error(&out).contains("no Ponte store") || !out.status.success());

    // The team goes on under the new key: a record made after the rotation travels.
    let after = sup.add("person", &json!({"alias": "after rotation"}));
    sync(sup);
    sync(keep);
    assert_eq!(show(keep, &after)["alias"], "after rotation");
    assert_eq!(sup.json(&["devices"], None).as_array().unwrap().len(), 2);
}

#[test]
fn a_long_history_is_compacted_so_a_late_joiner_downloads_one_snapshot() {
    let relay = Relay::start();
    let devices = team(&relay, 0);
    let sup = &devices[0];
    let id = sup.add("person", &json!({"alias": "long history"}));
    // 40 edits, synced one by one: 40 change entries on the relay.
    let ops: String = (0..40)
        .map(|i| {
            json!({"op": "edit", "id": id, "patch": {"notes": format!("visit {i}")}}).to_string()
                + "\n"
        })
        .collect();
    let acks = sup.run(&["batch"], Some(&ops));
    assert!(acks.status.success());
    sync(sup);
    // The sync queued a snapshot and pushed it; the relay dropped what it covers.
    let left = relay_ciphertexts(&relay, &id).len();
    assert!(
        left <= 3,
        "{left} entries left for the record (key, snapshot, maybe one change)"
    );
    let late = Device::new();
    let code = invite(sup, &[]);
    late.json(&["join", &code, "--name", "late"], None);
    sup.json(&["approve", "--all"], None);
    let report = sync(&late);
    // Besides the record, it pulls the entries of the supervisor's audit trail (and
    // keeps nothing of them: the trail is restricted to the supervisors).
    let status = sup.json(&["status"], None);
    let id_bytes = |key: &str| -> [u8; 16] {
        ponte_store::RecordId::parse(status[key].as_str().unwrap())
            .unwrap()
            .0
    };
    let trail = ponte_store::trail_id(&id_bytes("team"), &id_bytes("device"));
    let trail_entries = relay_ciphertexts(&relay, &trail.to_hex()).len() as u64;
    assert!(
        report["pulled"].as_u64().unwrap() <= 3 + trail_entries,
        "{report}"
    );
    assert_eq!(show(&late, &id), show(sup, &id));
    assert_eq!(show(&late, &id)["notes"], "visit 39");
}
