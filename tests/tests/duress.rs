//! The duress passphrase through the `ponte` binary. After `ponte duress set`,
//! unlocking with the duress passphrase succeeds and lists no person, no marker
//! written before is found in any file left under the device's folder, the real
//! passphrase opens nothing, and the store now there counts wrong passphrases and
//! erases itself at the limit like any other. A store without a duress passphrase
//! behaves as before; the real passphrase cannot be the duress one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use ponte_tests::{Device, PASSPHRASE, count_occurrences, files_under, one_line_error, run_with};
use serde_json::{Value, json};

const DURESS: &str = "blue umbrella at dawn";
const MARKERS: &[&str] = &["ZQXDURESSALIAS", "ZQXDURESSNOTES", "ZQXDURESSEDIT"];
const LIBFAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

/// `ponte ARGS` with `passphrase`, in `lang`.
fn with(device: &Device, args: &[&str], passphrase: &str, lang: &str) -> Output {
    let mut cmd: Command = device.command(args);
    cmd.env("PONTE_PASSPHRASE", passphrase)
        .env("PONTE_LANG", lang);
    run_with(cmd, None)
}

/// `ponte ARGS` with `passphrase`, its clock `offset_s` seconds ahead.
fn at(device: &Device, args: &[&str], passphrase: &str, offset_s: u64) -> Output {
    assert!(
        Path::new(LIBFAKETIME).exists(),
        "libfaketime is missing: run scripts/setup (Debian package faketime)"
    );
    let mut cmd: Command = device.command(args);
    cmd.env("PONTE_PASSPHRASE", passphrase)
        .env("LD_PRELOAD", LIBFAKETIME)
        .env("FAKETIME", format!("+{offset_s}s"))
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    run_with(cmd, None)
}

/// `ponte duress set` with `duress` in `PONTE_DURESS_PASSPHRASE`.
fn duress_set(device: &Device, duress: &str, lang: &str) -> Output {
    let mut cmd = device.command(&["duress", "set"]);
    cmd.env("PONTE_DURESS_PASSPHRASE", duress)
        .env("PONTE_LANG", lang);
    run_with(cmd, None)
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_no_markers(dir: &Path, when: &str) {
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

/// A device with a few people holding markers, one edited.
fn device_with_people() -> Device {
    let device = Device::new();
    let first = device.add(
        "person",
        &json!({"alias": "ZQXDURESSALIAS 0", "nationality": "BD",
                "notes": "Documents kept by the employer. ZQXDURESSNOTES 0"}),
    );
    device.json(
        &["person", "edit", &first, "--json", "-"],
        Some(&json!({"notes": "ZQXDURESSEDIT"}).to_string()),
    );
    for i in 1..4 {
        device.add(
            "person",
            &json!({"alias": format!("ZQXDURESSALIAS {i}"),
                    "notes": format!("ZQXDURESSNOTES {i}")}),
        );
    }
    device
}

/// The median wall time of `n` runs of `ponte person list` with `passphrase`.
fn unlock_time(device: &Device, passphrase: &str, n: usize) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let started = Instant::now();
            let out = with(device, &["person", "list"], passphrase, "en");
            let took = started.elapsed();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            took
        })
        .collect();
    times.sort();
    times[n / 2]
}

#[test]
fn the_duress_passphrase_opens_an_empty_store_and_leaves_no_marker() {
    let device = device_with_people();
    let before = device.json(&["person", "list"], None);
    assert_eq!(before.as_array().unwrap().len(), 4, "{before}");
    assert!(!device.files().is_empty());

    let set = stdout_json(&duress_set(&device, DURESS, "en"));
    assert_eq!(set, json!({"duress": "set"}));
    // Setting it changed nothing else: the real passphrase opens the same store.
    let normal = unlock_time(&device, PASSPHRASE, 5);
    let listed = device.json(&["person", "list"], None);
    assert_eq!(listed.as_array().unwrap().len(), 4, "{listed}");

    let started = Instant::now();
    let out = with(&device, &["person", "list"], DURESS, "en");
    let duress = started.elapsed();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout_json(&out), json!([]));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!(
        "unlock with the passphrase (median of 5): {normal:?}; with the duress passphrase: {duress:?}"
    );
    // About the time of a normal unlock (both derive twice); generous for a loaded machine.
    assert!(
        duress < normal * 3 + Duration::from_secs(1),
        "{duress:?} vs {normal:?}"
    );

    assert_no_markers(device.home(), "after the duress unlock");
    // The store there behaves like a new one: an empty audit log.
    let audit = device.run(&["audit"], None);
    assert!(
        !audit.status.success(),
        "the test passphrase is no longer the store's"
    );
    let audit = stdout_json(&with(&device, &["audit"], DURESS, "en"));
    assert_eq!(audit["entries"], json!([]), "{audit}");
    // The real passphrase opens nothing: it is a wrong passphrase for the store there.
    let out = with(&device, &["person", "list"], PASSPHRASE, "en");
    let line = one_line_error(&out);
    assert!(line.contains("Wrong passphrase. Nothing"), "{line}");
    assert_eq!(out.status.code(), Some(3));
    // The duress passphrase is now the store's own.
    assert_eq!(
        stdout_json(&with(&device, &["person", "list"], DURESS, "en")),
        json!([])
    );
    assert_no_markers(device.home(), "after using the new store");
}

#[test]
fn the_store_left_by_duress_counts_wrong_passphrases_and_erases_itself_at_the_limit() {
    let device = device_with_people();
    stdout_json(&duress_set(&device, DURESS, "en"));
    assert_eq!(
        stdout_json(&with(&device, &["person", "list"], DURESS, "en")),
        json!([])
    );
    for n in 1..=10u64 {
        let out = at(&device, &["person", "list"], PASSPHRASE, n * 61);
        let line = one_line_error(&out);
        match n {
            1..=6 => assert!(line.contains("Wrong passphrase. Nothing"), "{n}: {line}"),
            7..=9 => assert!(
                line.contains("before this device erases itself"),
                "{n}: {line}"
            ),
            _ => {
                assert!(line.contains("erased after 10 wrong passphrases"), "{line}");
                assert_eq!(out.status.code(), Some(5));
            }
        }
    }
    let out = at(&device, &["person", "list"], DURESS, 11 * 61);
    assert!(one_line_error(&out).contains("erased after 10 wrong passphrases"));
    assert!(!device.home().join("ponte.db").exists());
    assert_no_markers(device.home(), "after the limit on the store left by duress");
}

#[test]
fn without_a_duress_passphrase_a_wrong_one_is_only_counted() {
    let device = device_with_people();
    for _ in 0..3 {
        let out = with(&device, &["person", "list"], DURESS, "en");
        let line = one_line_error(&out);
        assert!(line.contains("Wrong passphrase. Nothing"), "{line}");
    }
    // The fourth within the delay is refused: the three were counted.
    let out = with(&device, &["person", "list"], DURESS, "en");
    assert!(one_line_error(&out).contains("before trying again"));
    std::thread::sleep(Duration::from_millis(1100));
    let listed = device.json(&["person", "list"], None);
    assert_eq!(listed.as_array().unwrap().len(), 4, "{listed}");
}

#[test]
fn the_real_passphrase_or_a_short_one_cannot_be_the_duress_passphrase() {
    let device = device_with_people();
    let out = duress_set(&device, PASSPHRASE, "en");
    let line = one_line_error(&out);
    assert!(line.contains("must differ from the passphrase"), "{line}");
    let line = one_line_error(&duress_set(&device, PASSPHRASE, "it"));
    assert!(line.contains("deve essere diversa"), "{line}");
    let line = one_line_error(&duress_set(&device, "short", "en"));
    assert!(line.contains("too short"), "{line}");
    // The refusals set nothing: the real passphrase still opens everything.
    let listed = device.json(&["person", "list"], None);
    assert_eq!(listed.as_array().unwrap().len(), 4, "{listed}");
    // Without a store, `duress set` asks for nothing and says so.
    let empty = Device::uninitialised();
    let line = one_line_error(&duress_set(&empty, DURESS, "en"));
    assert!(line.contains("no Ponte store"), "{line}");
}
