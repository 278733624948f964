//! What a lost or seized phone gives away: nothing. Marker strings written through
//! the CLI never appear in any file of the device, and bad passphrases or damaged
//! files end in one clear line, never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::Stdio;

use ponte_tests::{Device, RELAY_CODE, Relay, count_occurrences, one_line_error};
use serde_json::json;

const MARKERS: &[&str] = &[
    "ZQXALIASMARKER",
    "ZQXNOTESMARKER",
    "ZQXSCREENINGMARKER",
    "ZQXEDITMARKER",
];

fn assert_no_markers(device: &Device, when: &str) {
    let files = device.files();
    assert!(!files.is_empty(), "no files to search {when}");
    for (path, bytes) in &files {
        for marker in MARKERS {
            let n = count_occurrences(bytes, marker.as_bytes())
                + count_occurrences(bytes, marker.to_lowercase().as_bytes());
            assert_eq!(
                n,
                0,
                "{marker} found {n} times in {} {when}",
                path.display()
            );
        }
    }
}

fn person_with_markers() -> serde_json::Value {
    json!({
        "alias": "ZQXALIASMARKER",
        "nationality": "PK",
        "languages": ["ur", "pa-Arab"],
        "notes": "Met at the pick-up point. ZQXNOTESMARKER",
        "screening": {"s603": {"pay": {"answer": "yes", "note": "3 euro an hour ZQXSCREENINGMARKER"}}}
    })
}

#[test]
fn markers_never_reach_the_disk_through_add_edit_show_and_erase() {
    let device = Device::new();
    let id = device.add("person", &person_with_markers());
    assert_no_markers(&device, "after add");

    let edit = json!({"notes": "Needs a lawyer. ZQXEDITMARKER", "sector": "agriculture"});
    device.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&edit.to_string()),
    );
    assert_no_markers(&device, "after edit");

    let shown = device.json(&["person", "show", &id], None);
    assert_eq!(
        shown["alias"], "ZQXALIASMARKER",
        "show decrypts what was written"
    );
    assert_eq!(shown["notes"], "Needs a lawyer. ZQXEDITMARKER");
    assert_eq!(
        shown["screening"]["s603"]["pay"]["note"],
        "3 euro an hour ZQXSCREENINGMARKER"
    );
    let list = device.json(&["person", "list", "--query", "zqxaliasmarker"], None);
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "search finds the alias"
    );
    assert_no_markers(&device, "after show and list");

    device.json(&["person", "erase", &id], None);
    assert_no_markers(&device, "after erase");
    let out = device.run(&["person", "show", &id], None);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "ponte: No record with this id."
    );
}

#[test]
fn markers_never_reach_the_wal_while_a_writer_is_running() {
    let device = Device::new();
    let mut child = device
        .command(&["batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut acks = BufReader::new(child.stdout.take().unwrap()).lines();
    let add = json!({"op": "add", "kind": "person", "record": person_with_markers()});
    writeln!(stdin, "{add}").unwrap();
    let ack: serde_json::Value = serde_json::from_str(&acks.next().unwrap().unwrap()).unwrap();
    assert_eq!(ack["ok"], true, "{ack}");
    let id = ack["id"].as_str().unwrap().to_owned();
    let edit = json!({"op": "edit", "id": id, "patch": {"notes": "ZQXEDITMARKER"}});
    writeln!(stdin, "{edit}").unwrap();
    let ack: serde_json::Value = serde_json::from_str(&acks.next().unwrap().unwrap()).unwrap();
    assert_eq!(ack["ok"], true, "{ack}");
    // The writer is still running: its WAL and shared-memory files exist now.
    let names: Vec<String> = device
        .files()
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("-wal")),
        "expected a live WAL, saw {names:?}"
    );
    assert_no_markers(&device, "with a live WAL");
    let erase = json!({"op": "erase", "id": id});
    writeln!(stdin, "{erase}").unwrap();
    let ack: serde_json::Value = serde_json::from_str(&acks.next().unwrap().unwrap()).unwrap();
    assert_eq!(ack["ok"], true, "{ack}");
    assert_no_markers(&device, "after erase with a live writer");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn erase_leaves_neither_the_wrapped_key_nor_the_ciphertext_on_disk() {
    let device = Device::new();
    let keep = device.add("person", &json!({"alias": "stays"}));
    let id = device.add("person", &person_with_markers());
    // Read the erased record's sealed columns straight from the file.
    let db = device.home().join("ponte.db");
    let conn = sealed_columns(&db, &id);
    device.json(&["person", "erase", &id], None);
    for (path, bytes) in device.files() {
        for (name, secret) in &conn {
            assert_eq!(
                count_occurrences(&bytes, secret),
                0,
                "{name} of the erased record survives in {}",
                path.display()
            );
        }
    }
    // The other record is intact.
    assert_eq!(
        device.json(&["person", "show", &keep], None)["alias"],
        "stays"
    );
}

/// The sealed columns of a record, read straight from the database file.
fn sealed_columns(db: &std::path::Path, id_hex: &str) -> Vec<(&'static str, Vec<u8>)> {
    let id: Vec<u8> = (0..32)
        .step_by(2)
        .map(|i| u8::from_str_radix(&id_hex[i..i + 2], 16).unwrap())
        .collect();
    let conn = rusqlite::Connection::open(db).unwrap();
    let (wrapped, body): (Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT wrapped_key, body FROM records WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let summary: Vec<u8> = conn
        .query_row("SELECT summary FROM summaries WHERE id = ?1", [&id], |r| {
            r.get(0)
        })
        .unwrap();
    let changes: Vec<Vec<u8>> = conn
        .prepare("SELECT change FROM outbox WHERE record_id = ?1")
        .unwrap()
        .query_map([&id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!changes.is_empty(), "a new record has a pending change");
    let mut out = vec![
        ("wrapped data key", wrapped),
        ("body", body),
        ("summary", summary),
    ];
    out.extend(changes.into_iter().map(|c| ("pending change", c)));
    out
}

#[test]
fn wrong_passphrase_is_refused_and_changes_nothing() {
    let device = Device::new();
    let id = device.add("person", &json!({"alias": "A"}));
    let before = stored_rows(device.home());
    for lang in ["en", "it"] {
        let mut cmd = device.command(&["person", "show", &id]);
        cmd.env("PONTE_PASSPHRASE", "not the passphrase")
            .env("PONTE_LANG", lang);
        let out = ponte_tests::run_with(cmd, None);
        assert_eq!(out.status.code(), Some(3));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let expected = if lang == "it" {
            "ponte: Frase segreta errata. Non è stato modificato nulla."
        } else {
            "ponte: Wrong passphrase. Nothing was changed."
        };
        assert_eq!(stderr.trim(), expected);
        assert!(out.stdout.is_empty());
    }
    // Only the unlock attempt counter moved (ponte_store::unlock).
    let after = stored_rows(device.home());
    assert!(before == after, "a failed unlock modified the store");
    device.json(&["person", "show", &id], None);
}

/// Every row of the store but the unlock attempt counter, as bytes.
fn stored_rows(home: &std::path::Path) -> Vec<Vec<u8>> {
    let db = rusqlite::Connection::open(home.join("ponte.db")).unwrap();
    let mut rows = Vec::new();
    for sql in [
        "SELECT key || ':' || hex(value) FROM meta WHERE key != 'unlock_failures' ORDER BY key",
        "SELECT name || ':' || epoch || ':' || hex(wrapped) FROM keyring ORDER BY name, epoch",
        "SELECT hex(id) || ':' || updated || ':' || hex(body) FROM records ORDER BY id",
        "SELECT hex(id) || ':' || hex(summary) FROM summaries ORDER BY id",
        "SELECT seq || ':' || hex(change) FROM outbox ORDER BY seq",
        "SELECT seq || ':' || hex(entry) FROM audit ORDER BY seq",
    ] {
        let mut stmt = db.prepare(sql).unwrap();
        let found = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|r| r.unwrap().into_bytes());
        rows.extend(found);
    }
    rows
}

fn assert_clean_failure(out: &std::process::Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{what}: expected failure");
    assert_eq!(
        stderr.lines().count(),
        1,
        "{what}: one line expected, got {stderr:?}"
    );
    assert!(stderr.starts_with("ponte: "), "{what}: {stderr:?}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{what}: {stderr:?}"
    );
}

#[test]
fn truncated_or_garbled_database_gives_a_clear_error() {
    for case in [
        "truncate-half",
        "truncate-header",
        "zero-header",
        "garbage-pages",
    ] {
        let device = Device::new();
        for i in 0..30 {
            device.add(
                "person",
                &json!({"alias": format!("person {i}"), "notes": "x".repeat(300)}),
            );
        }
        let db = device.home().join("ponte.db");
        let mut bytes = std::fs::read(&db).unwrap();
        match case {
            "truncate-half" => bytes.truncate(bytes.len() / 2),
            "truncate-header" => bytes.truncate(50),
            "zero-header" => bytes[..100].fill(0),
            _ => {
                let len = bytes.len();
                for b in &mut bytes[4096..len - 4096] {
                    *b = b.wrapping_mul(31).wrapping_add(7);
                }
            }
        }
        std::fs::write(&db, &bytes).unwrap();
        let out = device.run(&["person", "list"], None);
        assert_clean_failure(&out, case);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("damaged"), "{case}: {stderr}");
    }
}

fn id_bytes(id_hex: &str) -> Vec<u8> {
    (0..32)
        .step_by(2)
        .map(|i| u8::from_str_radix(&id_hex[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn tampered_or_swapped_ciphertext_is_detected_not_decrypted() {
    let device = Device::new();
    let a = device.add("person", &json!({"alias": "A", "notes": "first"}));
    let b = device.add("person", &json!({"alias": "B", "notes": "second"}));
    let db = device.home().join("ponte.db");
    let body_of = |conn: &rusqlite::Connection, id: &str| -> Vec<u8> {
        conn.query_row(
            "SELECT body FROM records WHERE id = ?1",
            [id_bytes(id)],
            |r| r.get(0),
        )
        .unwrap()
    };
    {
        // One flipped bit in A's sealed body.
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut body = body_of(&conn, &a);
        let mid = body.len() / 2;
        body[mid] ^= 0x01;
        conn.execute(
            "UPDATE records SET body = ?2 WHERE id = ?1",
            rusqlite::params![id_bytes(&a), body],
        )
        .unwrap();
    }
    let out = device.run(&["person", "show", &a], None);
    assert_clean_failure(&out, "flipped bit");
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged"));
    {
        // B's intact body and wrapped key moved into A's row: the associated data binds
        // them to B's id, so A does not decrypt.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "UPDATE records SET body = (SELECT body FROM records WHERE id = ?2),
                 wrapped_key = (SELECT wrapped_key FROM records WHERE id = ?2) WHERE id = ?1",
            rusqlite::params![id_bytes(&a), id_bytes(&b)],
        )
        .unwrap();
    }
    let out = device.run(&["person", "show", &a], None);
    assert_clean_failure(&out, "swapped blob");
    assert_eq!(
        device.json(&["person", "show", &b], None)["alias"],
        "B",
        "B itself is intact"
    );
}

#[test]
fn errors_never_echo_field_values() {
    let device = Device::new();
    let bad = json!({"alias": "ZQXALIASMARKER", "nationality": "ZQXNOTESMARKER", "sex": "ZQXEDITMARKER",
        "languages": ["ZQXSCREENINGMARKER"], "birth_year": "ZQXALIASMARKER"});
    let out = device.run(&["person", "add", "--json", "-"], Some(&bad.to_string()));
    assert_clean_failure(&out, "invalid person");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nationality"), "names the field: {stderr}");
    for marker in MARKERS {
        assert!(!stderr.contains(marker), "{marker} echoed: {stderr}");
    }
    let out = device.run(
        &["person", "add", "--json", "-"],
        Some("{\"alias\": \"ZQXALIASMARKER\""),
    );
    assert_clean_failure(&out, "bad json");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("ZQX"));
    // Nothing was stored by either attempt.
    assert_eq!(device.json(&["person", "list"], None), json!([]));
}

#[test]
fn import_is_all_or_nothing_and_names_the_bad_lines() {
    let device = Device::new();
    let good = json!({"alias": "A"}).to_string();
    let file = format!("{good}\n{}\n\n{good}\nnot json\n", json!({"alias": ""}));
    let out = device.run(&["person", "import", "--jsonl", "-"], Some(&file));
    assert_clean_failure(&out, "import with bad lines");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 5"), "{stderr}");
    assert_eq!(device.json(&["person", "list"], None), json!([]));

    let file = format!("{good}\n{}\n", json!({"alias": ""}));
    let out = device.run(&["person", "import", "--jsonl", "-"], Some(&file));
    assert_clean_failure(&out, "import with an invalid record");
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    assert_eq!(device.json(&["person", "list"], None), json!([]));

    let id = device.add("person", &json!({"alias": "B"}));
    let file = format!("{good}\n{}\n", json!({"id": id, "sector": "agriculture"}));
    let report = device.json(&["person", "import", "--jsonl", "-"], Some(&file));
    assert_eq!(report["created"], 1);
    assert_eq!(report["patched"], 1);
    assert_eq!(
        device.json(&["person", "show", &id], None)["sector"],
        "agriculture"
    );
    assert_eq!(
        device
            .json(&["person", "list"], None)
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[test]
fn the_audit_log_records_every_access_and_verifies() {
    let device = Device::new();
    let id = device.add("person", &json!({"alias": "A"}));
    device.json(
        &["person", "edit", &id, "--json", "-"],
        Some(r#"{"sector": "agriculture"}"#),
    );
    device.json(&["person", "show", &id], None);
    device.json(&["person", "erase", &id], None);
    let audit = device.json(&["audit"], None);
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "edit", "view", "erase"]);
    assert!(
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["record"] == id.as_str())
    );
}

/// Someone with the phone's files (not its passphrase) deletes every audit row and the
/// sealed head with them: the log must not verify as an empty one.
#[test]
fn a_wiped_audit_log_is_reported_as_tampered() {
    let device = Device::new();
    let id = device.add("person", &json!({"alias": "A"}));
    device.json(&["person", "show", &id], None);
    device.json(&["person", "erase", &id], None);
    assert!(device.json(&["audit"], None)["verified"] == true);
    {
        let db = rusqlite::Connection::open(device.home().join("ponte.db")).unwrap();
        db.execute_batch(
            "DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head'; PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    }
    let out = device.run(&["audit"], None);
    assert_eq!(out.status.code(), Some(4), "an emptied log verified");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("audit"), "{stderr}");
}

/// Searches are audited like views: that a search happened, on which filters and with
/// how many results; never the words searched for.
#[test]
fn searches_are_audited_without_their_words() {
    let device = Device::new();
    device.add("person", &json!({"alias": "Karim"}));
    device.json(&["person", "list"], None);
    device.json(
        &["person", "list", "--query", "ZQXSEARCHMARKER karim"],
        None,
    );
    device.json(&["person", "list", "--risk", "high"], None);
    let audit = device.json(&["audit"], None);
    let searches: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "search")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        searches,
        [
            "search kind=person words=2 filters=none results=0",
            "search kind=person words=0 filters=risk results=0",
        ]
    );
    for (path, bytes) in device.files() {
        assert_eq!(
            count_occurrences(&bytes, b"ZQXSEARCHMARKER"),
            0,
            "{}",
            path.display()
        );
    }
}

/// Review finding: the invite's and the recovery kit's QR files were written with
/// `std::fs::write`, readable by every user of the machine (0644 under the usual umask,
/// and an existing file kept its mode), though an invite lets its holder into the team
/// and the kit takes the team over. Both are now 0600, also over a readable file.
#[cfg(unix)]
#[test]
fn invite_and_recovery_kit_qr_files_are_their_owners_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let relay = Relay::start();
    let sup = Device::new();
    let out_dir = tempfile::tempdir().unwrap();
    let path = |name: &str| out_dir.path().join(name);
    let text = |p: std::path::PathBuf| p.to_str().unwrap().to_owned();

    // A file already there, readable by all: each command writes over one like it.
    let readable = |name: &str| {
        std::fs::write(path(name), b"old").unwrap();
        std::fs::set_permissions(path(name), std::fs::Permissions::from_mode(0o644)).unwrap();
    };
    readable("kit-over.png");
    sup.json(
        &[
            "team",
            "create",
            "--name",
            "t",
            "--relay",
            &relay.url,
            "--relay-code",
            "-",
            "--recovery-qr",
            &text(path("kit-over.png")),
        ],
        Some(RELAY_CODE),
    );
    sup.json(
        &["team", "recovery-kit", "--qr", &text(path("kit.png"))],
        None,
    );
    sup.json(&["invite", "--qr", &text(path("invite.png"))], None);
    readable("invite-over.png");
    sup.json(&["invite", "--qr", &text(path("invite-over.png"))], None);
    for name in ["kit-over.png", "kit.png", "invite.png", "invite-over.png"] {
        let file = path(name);
        assert_eq!(mode(&file), 0o600, "{name}");
        assert!(
            std::fs::read(&file).unwrap().starts_with(b"\x89PNG"),
            "{name}"
        );
    }
}

/// Review finding: "no head" counted as tampering only on a store that had held a
/// record, so on a team device without records yet (it joined, then searched) the
/// log deleted with its head verified as an empty one. Joining a team is proof that
/// something was audited.
#[test]
fn a_wiped_audit_log_of_a_team_device_without_records_is_reported_as_tampered() {
    let relay = Relay::start();
    let sup = Device::new();
    sup.json(
        &[
            "team",
            "create",
            "--name",
            "t",
            "--relay",
            &relay.url,
            "--relay-code",
            "-",
        ],
        Some(RELAY_CODE),
    );
    let code = sup.json(&["invite"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let lone = Device::new();
    lone.json(&["join", &code, "--name", "lone"], None);
    lone.json(&["person", "list", "--query", "Mario"], None);
    let audit = lone.json(&["audit"], None);
    assert_eq!(audit["verified"], true);
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["team", "search"]);
    {
        let db = rusqlite::Connection::open(lone.home().join("ponte.db")).unwrap();
        let records: i64 = db
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            records, 0,
            "the device holds a record: not the case under test"
        );
        db.execute_batch(
            "DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head'; PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    }
    let out = lone.run(&["audit"], None);
    let line = one_line_error(&out);
    assert_eq!(
        out.status.code(),
        Some(4),
        "an emptied log verified: {line}"
    );
    assert!(line.contains("audit"), "{line}");
}
