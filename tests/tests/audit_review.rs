//! Audit review end to end: real `ponte` devices, a real relay. Every device ships its
//! audit entries at each sync into its own trail, restricted to itself and the
//! supervisors; the supervisor's `ponte audit review` lists who did what to which
//! record and when, and flags a device whose log was deleted (`broken`) or whose trail
//! never arrived (`missing`). Only a supervisor reviews; a mediator's device holds
//! nothing of another device's trail; the relay holds none of the trail's content.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/breached_relay.rs"]
mod breached_relay;

use breached_relay::audit_trail_entries;
use ponte_store::sync::EntryKind;
use ponte_store::{Store, trail_id};
use ponte_tests::{
    Device, Relay, count_occurrences, device_id_named, markers_left, one_line_error, team,
};
use serde_json::{Value, json};

fn sync(device: &Device) -> Value {
    device.json(&["sync"], None)
}

fn review(device: &Device, filters: &[&str]) -> Value {
    let mut args = vec!["audit", "review"];
    args.extend_from_slice(filters);
    device.json(&args, None)
}

/// The device's own audit log, as `ponte audit` prints it.
fn log(device: &Device) -> Vec<Value> {
    device.json(&["audit"], None)["entries"]
        .as_array()
        .unwrap()
        .clone()
}

fn bytes_of(hex: &str) -> [u8; 16] {
    let v: Vec<u8> = (0..32)
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    v.try_into().unwrap()
}

/// Rows that name the record in the device's database, read as a file.
fn rows_naming(device: &Device, id: &[u8; 16]) -> i64 {
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
        [id.as_slice()],
        |r| r.get(0),
    )
    .unwrap()
}

fn status_of<'a>(review: &'a Value, device: &str) -> &'a Value {
    review["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device"] == device)
        .unwrap_or_else(|| panic!("no {device} in {review}"))
}

fn rows(review: &Value) -> &Vec<Value> {
    review["entries"].as_array().unwrap()
}

/// How many times the device audited a review (a `team` note `audit-review ...`).
fn reviews_audited(device: &Device) -> usize {
    log(device)
        .iter()
        .filter(|e| {
            e["action"] == "team"
                && e["detail"]
                    .as_str()
                    .is_some_and(|d| d.starts_with("audit-review "))
        })
        .count()
}

#[test]
fn a_view_on_a_member_reaches_the_supervisors_review_and_a_deleted_log_is_flagged() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (sup, op) = (&devices[0], &devices[1]);
    let mediator = Device::new();
    let code = sup.json(&["invite"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    mediator.json(&["join", &code, "--name", "mediator phone"], None);
    sup.json(&["approve", "--all", "--role", "mediator"], None);
    sync(&mediator);
    // A member approved that never syncs again: its trail never arrives.
    let silent = Device::new();
    let code = sup.json(&["invite"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    silent.json(&["join", &code, "--name", "silent phone"], None);
    sup.json(&["approve", "--all"], None);

    let team_id = bytes_of(sup.json(&["status"], None)["team"].as_str().unwrap());
    let op_id = device_id_named(sup, "phone 0");
    let med_id = device_id_named(sup, "mediator phone");
    let silent_id = device_id_named(sup, "silent phone");
    let sup_id = sup.json(&["status"], None)["device"]
        .as_str()
        .unwrap()
        .to_owned();

    let person = sup.add("person", &json!({"alias": "Reviewed person"}));
    sync(sup);
    sync(op);
    sync(&mediator);

    // The operator views the person; the time is its own log's.
    op.json(&["person", "show", &person], None);
    let viewed = log(op)
        .into_iter()
        .rfind(|e| e["action"] == "view" && e["record"] == person.as_str())
        .unwrap();
    sync(op);
    // The last entry shipped: entries written after it (the refusal below) are lost
    // with the log.
    let shipped = log(op).last().unwrap()["seq"].as_i64().unwrap();
    sync(sup);

    let by_record = review(sup, &["--record", &person]);
    assert!(
        rows(&by_record)
            .iter()
            .all(|r| r["record"] == person.as_str())
    );
    let view_rows: Vec<&Value> = rows(&by_record)
        .iter()
        .filter(|r| r["action"] == "view" && r["device"] == op_id.as_str())
        .collect();
    assert_eq!(view_rows.len(), 1, "{by_record}");
    assert_eq!(view_rows[0]["at_ms"], viewed["at_ms"]);
    assert_eq!(view_rows[0]["name"], "phone 0");
    assert_eq!(view_rows[0]["kind"], "person");
    // The supervisor's own creation is there too, older.
    let created = rows(&by_record)
        .iter()
        .position(|r| r["action"] == "create" && r["device"] == sup_id.as_str())
        .unwrap();
    let view_at = rows(&by_record)
        .iter()
        .position(|r| r["action"] == "view" && r["device"] == op_id.as_str())
        .unwrap();
    assert!(view_at < created, "newest first: {by_record}");
    let times: Vec<i64> = rows(&by_record)
        .iter()
        .map(|r| r["at_ms"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");

    // Every device's state; the silent member's trail never came.
    assert_eq!(status_of(&by_record, &op_id)["state"], "ok");
    assert_eq!(status_of(&by_record, &op_id)["role"], "operator");
    assert_eq!(
        status_of(&by_record, &op_id)["last_at_ms"]
            .as_i64()
            .unwrap(),
        log(op)
            .iter()
            .map(|e| e["at_ms"].as_i64().unwrap())
            .max()
            .unwrap(),
        "the operator's log has grown by nothing since its sync"
    );
    assert_eq!(status_of(&by_record, &sup_id)["state"], "ok");
    assert_eq!(status_of(&by_record, &med_id)["state"], "ok");
    assert_eq!(status_of(&by_record, &med_id)["role"], "mediator");
    assert_eq!(status_of(&by_record, &silent_id)["state"], "missing");
    assert_eq!(status_of(&by_record, &silent_id)["entries"], 0);
    assert_eq!(
        status_of(&by_record, &silent_id)["problem"],
        "no-trail-received"
    );

    // The device filter, by id, by a prefix and by name.
    let by_device = review(sup, &["--device", &op_id]);
    assert!(!rows(&by_device).is_empty());
    assert!(
        rows(&by_device)
            .iter()
            .all(|r| r["device"] == op_id.as_str())
    );
    assert_eq!(
        rows(&by_device).len(),
        usize::try_from(status_of(&by_device, &op_id)["entries"].as_u64().unwrap()).unwrap()
    );
    assert_eq!(
        review(sup, &["--device", "phone 0"])["entries"],
        by_device["entries"]
    );
    assert_eq!(
        review(sup, &["--device", &op_id[..8]])["entries"],
        by_device["entries"]
    );
    let both = review(sup, &["--device", "phone 0", "--record", &person]);
    assert_eq!(rows(&both).len(), 1, "{both}");
    let unknown = sup.run(&["audit", "review", "--device", "nobody's phone"], None);
    assert!(one_line_error(&unknown).contains("nobody's phone"));
    let bad = sup.run(&["audit", "review", "--record", "not-an-id"], None);
    one_line_error(&bad);

    // Each review is audited once.
    let before = reviews_audited(sup);
    review(sup, &[]);
    assert_eq!(reviews_audited(sup), before + 1);

    // Other roles are refused, and the refusal is audited.
    for device in [op, &mediator] {
        let out = device.run(&["audit", "review"], None);
        assert!(
            one_line_error(&out).contains("Only the team's supervisor"),
            "{out:?}"
        );
        let refused = log(device)
            .into_iter()
            .filter(|e| {
                e["action"] == "refused"
                    && e["detail"]
                        .as_str()
                        .is_some_and(|d| d.starts_with("audit-review refused=not-supervisor"))
            })
            .count();
        assert_eq!(refused, 1);
    }

    // The trail is no record to list, show, edit or erase.
    let op_trail = trail_id(&team_id, &bytes_of(&op_id));
    let op_trail_hex = op_trail.to_hex();
    assert!(rows_naming(sup, &op_trail.0) > 0, "the supervisor holds it");
    let listed = sup.json(&["person", "list"], None);
    assert!(!listed.to_string().contains(&op_trail_hex));
    for args in [
        vec!["person", "show", op_trail_hex.as_str()],
        vec!["person", "erase", op_trail_hex.as_str()],
        vec!["service", "show", op_trail_hex.as_str()],
    ] {
        let out = sup.run(&args, None);
        assert!(one_line_error(&out).contains("audit trail"), "{args:?}");
    }
    let out = sup.run(
        &["person", "edit", &op_trail_hex, "--json", "-"],
        Some(r#"{"alias": "x"}"#),
    );
    assert!(one_line_error(&out).contains("audit trail"));

    // The mediator's device holds nothing of the operator's trail.
    sync(&mediator);
    assert_eq!(rows_naming(&mediator, &op_trail.0), 0);
    assert!(
        rows_naming(op, &op_trail.0) > 0,
        "the operator holds its own"
    );
    assert_eq!(
        markers_left(
            mediator.home(),
            &["\"action\"", "log-restarted", &op_trail_hex]
        ),
        Vec::<String>::new()
    );

    // The operator deletes its audit log. Its next sync ships one marker, and no
    // other while the log stays unreadable.
    {
        let conn = rusqlite::Connection::open(Store::db_path(op.home())).unwrap();
        conn.execute_batch("DELETE FROM audit; DELETE FROM meta WHERE key='audit_head';")
            .unwrap();
    }
    sync(op);
    sync(op);
    sync(sup);
    let flagged = review(sup, &["--device", &op_id]);
    let op_status = status_of(&flagged, &op_id);
    assert_eq!(op_status["state"], "broken", "{flagged}");
    let problem = op_status["problem"].as_str().unwrap();
    assert!(problem.starts_with("audit-broken at n="), "{problem}");
    assert!(problem.ends_with("log-unreadable at=0"), "{problem}");
    let markers = |r: &Value| -> Vec<String> {
        rows(r)
            .iter()
            .filter(|e| e["action"] == "audit-broken")
            .map(|e| e["detail"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(markers(&flagged), ["log-unreadable at=0"]);

    // It views the person again (its log starts over) and syncs: the restart is
    // marked, with the last entry shipped, and the new log ships from its first entry.
    op.json(&["person", "show", &person], None);
    sync(op);
    sync(sup);
    let flagged = review(sup, &["--device", &op_id]);
    assert_eq!(status_of(&flagged, &op_id)["state"], "broken");
    assert_eq!(
        markers(&flagged),
        [
            format!("log-restarted shipped={shipped} now=1"),
            "log-unreadable at=0".to_owned()
        ]
    );
    let views = review(sup, &["--device", &op_id, "--record", &person]);
    assert_eq!(
        rows(&views)
            .iter()
            .filter(|r| r["action"] == "view")
            .count(),
        2,
        "{views}"
    );
    // The other devices' trails still hold.
    assert_eq!(status_of(&flagged, &sup_id)["state"], "ok");
    assert_eq!(status_of(&flagged, &med_id)["state"], "ok");

    // The relay holds the trails' entries, and none of their content.
    let storage = relay.storage_bytes();
    let seen: usize = storage
        .iter()
        .map(|(_, b)| count_occurrences(b, &op_trail.0))
        .sum();
    assert!(seen > 0, "the trail did travel");
    let team_hex = sup.json(&["status"], None)["team"]
        .as_str()
        .unwrap()
        .to_owned();
    let entries = audit_trail_entries(&relay, &team_hex, &op_id);
    assert_eq!(
        entries[0].kind,
        EntryKind::Key,
        "restricted from its first entry"
    );
    assert!(
        entries[1..]
            .iter()
            .all(|e| matches!(e.kind, EntryKind::Change | EntryKind::Snapshot { .. }))
    );
    assert!(entries.iter().all(|e| e.author == bytes_of(&op_id)));
    // Its key entry is a restricted record's: 540 bytes, as for up to 4 readers
    // (the operator and the supervisor here).
    assert_eq!(entries[0].ciphertext.len(), 540);
    // What a trail's rounds hold in the clear: lines such as `1 52 view person <id in
    // base64>`, markers, the person's id (hex in records, base64 in rounds).
    let person_b64 = {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes_of(&person))
    };
    let trail_markers = [" view person ", "audit-broken", "log-unreadable", "rounds"];
    for (path, bytes) in storage {
        for marker in trail_markers
            .iter()
            .chain(&[person.as_str(), person_b64.as_str()])
        {
            assert_eq!(
                count_occurrences(&bytes, marker.as_bytes()),
                0,
                "{marker} in {path:?}"
            );
        }
    }
    {
        let bytes = relay.log();
        let path = "relay log";
        for marker in trail_markers {
            assert_eq!(
                count_occurrences(&bytes, marker.as_bytes()),
                0,
                "{marker} in {path:?}"
            );
        }
    }

    // A deputy named later reads the trails from the devices' next syncs (the first
    // brings the new roster, the second re-wraps each trail for it).
    sup.json(&["team", "role", &med_id, "supervisor"], None);
    for _ in 0..2 {
        sync(op);
        sync(&mediator);
    }
    let deputy = review(&mediator, &["--device", &op_id]);
    let sup_view = review(sup, &["--device", &op_id]);
    assert_eq!(status_of(&deputy, &op_id), status_of(&sup_view, &op_id));
    assert_eq!(deputy["entries"], sup_view["entries"]);
}

#[test]
fn a_log_deleted_with_its_shipped_position_is_flagged_and_its_new_entries_reach_the_review() {
    // Regression: with the sealed setting that keeps the last shipped position deleted
    // too, the position was taken from the trail's last entry: the new log's first
    // entries, numbered as the ones already shipped, were skipped, and the review said
    // `ok`.
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (sup, op) = (&devices[0], &devices[1]);
    let op_id = device_id_named(sup, "phone 0");
    let person = sup.add("person", &json!({"alias": "Watched person"}));
    sync(sup);
    sync(op);
    op.json(&["person", "show", &person], None);
    sync(op);
    let shipped = log(op).last().unwrap()["seq"].as_i64().unwrap();
    sync(sup);
    let before = review(sup, &["--device", &op_id]);
    assert_eq!(status_of(&before, &op_id)["state"], "ok", "{before}");

    // The log, its sealed head and the sealed shipped position, deleted together.
    {
        let conn = rusqlite::Connection::open(Store::db_path(op.home())).unwrap();
        conn.execute_batch(
            "DELETE FROM audit; DELETE FROM meta WHERE key='audit_head';
             DELETE FROM keyring WHERE name='setting/audit-trail-shipped';",
        )
        .unwrap();
    }
    // As many views as entries were shipped: the new log's numbers reach the old ones.
    for _ in 0..shipped {
        op.json(&["person", "show", &person], None);
    }
    let head = log(op).last().unwrap()["seq"].as_i64().unwrap();
    assert!(head >= shipped);
    sync(op);
    sync(sup);
    let flagged = review(sup, &["--device", &op_id]);
    let op_status = status_of(&flagged, &op_id);
    assert_eq!(op_status["state"], "broken", "{flagged}");
    let problem = op_status["problem"].as_str().unwrap();
    assert_eq!(
        problem,
        format!(
            "audit-broken at n={} log-restarted shipped={shipped} now={head}",
            shipped + 1
        ),
        "{flagged}"
    );
    // Every view reached the supervisor: the one shipped before and each one after.
    let views = review(sup, &["--device", &op_id, "--record", &person]);
    let shown = rows(&views)
        .iter()
        .filter(|r| r["action"] == "view")
        .count();
    assert_eq!(i64::try_from(shown).unwrap(), 1 + shipped, "{views}");
    // The supervisor's own trail still holds.
    let sup_id = sup.json(&["status"], None)["device"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(status_of(&flagged, &sup_id)["state"], "ok");
}
