//! A seized phone: the panic wipe through the `ponte` binary. After `ponte panic`
//! (no passphrase, no question) no file is left under the device's folder, no marker
//! written before is found in anything left, and the right passphrase opens nothing;
//! also while another process holds the store open, or holds its write lock, and even
//! for a copy of the database taken through a handle kept open across the wipe.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, BufReader, Read as _, Seek as _, Write as _};
use std::process::Stdio;

use ponte_tests::{Device, Relay, count_occurrences, files_under, one_line_error, team};
use serde_json::{Value, json};

const MARKERS: &[&str] = &["ZQXPANICALIAS", "ZQXPANICNOTES", "ZQXPANICEDIT"];

fn person(i: usize) -> Value {
    json!({
        "alias": format!("ZQXPANICALIAS {i}"),
        "nationality": "BD",
        "notes": format!("Documents kept by the employer. ZQXPANICNOTES {i}"),
    })
}

/// No marker in any file left under `dir`.
fn assert_no_markers(dir: &std::path::Path, when: &str) {
    for (path, bytes) in files_under(dir) {
        for marker in MARKERS {
            let n = count_occurrences(&bytes, marker.as_bytes());
            assert_eq!(
                n,
                0,
                "{marker} found {n} times in {} {when}",
                path.display()
            );
        }
    }
}

/// `ponte panic` without a passphrase anywhere; its JSON answer.
fn panic_wipe(device: &Device) -> Value {
    let mut cmd = device.command(&["panic"]);
    cmd.env_remove("PONTE_PASSPHRASE");
    let out = ponte_tests::run_with(cmd, None);
    assert!(
        out.status.success(),
        "panic failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The right passphrase opens nothing: the store is not there.
fn assert_not_initialised(device: &Device) {
    let out = device.run(&["person", "list"], None);
    let line = one_line_error(&out);
    assert!(line.contains("no Ponte store"), "{line}");
}

#[test]
fn panic_after_writes_and_a_sync_leaves_no_file_and_nothing_that_opens() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (supervisor, phone) = (&devices[0], &devices[1]);
    let first = phone.add("person", &person(0));
    phone.json(
        &["person", "edit", &first, "--json", "-"],
        Some(&json!({"notes": "ZQXPANICEDIT"}).to_string()),
    );
    phone.json(&["sync"], None);
    // More after the sync: the outbox holds changes not sent yet.
    for i in 1..4 {
        phone.add("person", &person(i));
    }
    assert!(!phone.files().is_empty());

    let started = std::time::Instant::now();
    let wiped = panic_wipe(phone);
    let took = started.elapsed();
    assert_eq!(wiped["wiped"], true, "{wiped}");
    assert_eq!(wiped["key"], "erased", "{wiped}");
    assert_eq!(wiped["files_left"], 0, "{wiped}");
    eprintln!("panic wipe took {took:?} (benchmarked in docs/BENCHMARKS.md)");
    let left: Vec<_> = files_under(phone.home())
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert!(left.is_empty(), "files left: {left:?}");
    assert_no_markers(phone.home(), "after panic");
    assert_not_initialised(phone);

    // A second panic has nothing to destroy: one translated line, not a success.
    let mut again = phone.command(&["panic"]);
    again.env_remove("PONTE_PASSPHRASE");
    let line = one_line_error(&ponte_tests::run_with(again, None));
    assert!(line.contains("no Ponte store"), "{line}");
    let mut italian = phone.command(&["panic"]);
    italian.env("PONTE_LANG", "it");
    let line = one_line_error(&ponte_tests::run_with(italian, None));
    assert!(!line.contains("no Ponte store"), "untranslated: {line}");

    // What was synced before stays with the team.
    supervisor.json(&["sync"], None);
    let listed = supervisor.json(&["person", "list"], None);
    assert!(listed.to_string().contains("ZQXPANICALIAS 0"), "{listed}");
}

/// A `ponte batch` holding the store open (waiting on its stdin), with a live WAL.
fn batch_holding(device: &Device) -> std::process::Child {
    let mut child = device
        .command(&["batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.as_mut().unwrap();
    let add = json!({"op": "add", "kind": "person", "record": person(9)});
    writeln!(stdin, "{add}").unwrap();
    stdin.flush().unwrap();
    let mut acks = BufReader::new(child.stdout.as_mut().unwrap());
    let mut ack = String::new();
    acks.read_line(&mut ack).unwrap();
    assert!(ack.contains("\"ok\":true"), "{ack}");
    let names: Vec<String> = device
        .files()
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("-wal")),
        "expected a live WAL, saw {names:?}"
    );
    child
}

/// The database's bytes as they are now through `held` (a handle opened before the
/// wipe, so the inode outlives the unlink), written as a store of its own: it must
/// not open with the right passphrase, and holds no marker.
fn assert_copy_does_not_open(held: &mut std::fs::File, what: &str) {
    let mut bytes = Vec::new();
    held.rewind().unwrap();
    held.read_to_end(&mut bytes).unwrap();
    for marker in MARKERS {
        assert_eq!(count_occurrences(&bytes, marker.as_bytes()), 0, "{what}");
    }
    let copy = Device::uninitialised();
    std::fs::write(copy.home().join("ponte.db"), &bytes).unwrap();
    let out = copy.run(&["person", "list"], None);
    let line = one_line_error(&out);
    assert!(!line.contains("no Ponte store"), "{what}: {line}");
}

#[test]
fn panic_while_another_process_holds_the_store_still_destroys_the_key() {
    // Open in another process (no transaction): the key is erased the normal way.
    let device = Device::new();
    let mut batch = batch_holding(&device);
    let mut held = std::fs::File::open(device.home().join("ponte.db")).unwrap();
    let wiped = panic_wipe(&device);
    assert_eq!(
        (wiped["wiped"].clone(), wiped["key"].clone()),
        (json!(true), json!("erased")),
        "{wiped}"
    );
    assert_not_initialised(&device);
    assert_copy_does_not_open(&mut held, "a handle kept open across the wipe");
    // The batch goes on writing into what is no longer there, then ends.
    drop(batch.stdin.take());
    batch.wait().unwrap();
    assert!(files_under(device.home()).is_empty());
    assert_no_markers(device.home(), "after panic and the batch's end");

    // Its write lock held by someone else for longer than the wipe waits: the key is
    // overwritten in place instead, through the same inode every handle sees.
    let device = Device::new();
    let mut batch = batch_holding(&device);
    let mut held = std::fs::File::open(device.home().join("ponte.db")).unwrap();
    let locker = rusqlite::Connection::open(device.home().join("ponte.db")).unwrap();
    locker.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let wiped = panic_wipe(&device);
    assert_eq!(
        (wiped["wiped"].clone(), wiped["key"].clone()),
        (json!(true), json!("overwritten")),
        "{wiped}"
    );
    assert_not_initialised(&device);
    assert_copy_does_not_open(&mut held, "a database overwritten in place");
    drop(locker);
    drop(batch.stdin.take());
    let _ = batch.wait();
    assert_no_markers(device.home(), "after an overwrite in place");
}
