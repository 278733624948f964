//! The duress passphrase through the `ponte` binary. After `ponte duress set`,
//! unlocking with the duress passphrase succeeds and lists no person, no marker
//! written before is found in any file left under the device's folder, the real
//! passphrase opens nothing, and the store now there counts wrong passphrases and
//! erases itself at the limit like any other. A store without a duress passphrase
//! behaves as before; the real passphrase cannot be the duress one.
//!
//! In a team, through a real relay: the device's next sync after a duress unlock
//! answers exactly what a store without a team answers, and leaves the supervisor a
//! sealed "duress used" notice that `ponte devices` shows on that device, once; the
//! relay holds none of it in the clear; the supervisor revokes the device in one
//! command and its notices go with it; a device removed before its notice went out is
//! refused and keeps nothing; a relay down at the first try gets the notice at a later
//! sync. Every supervisor reads the notice, a deputy included, and its size on the
//! relay is the same whatever the number of supervisors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use ponte_tests::{
    Device, PASSPHRASE, Relay, count_occurrences, device_id_named, files_under, one_line_error,
    run_with, team,
};
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
    // Past the delay (the clock 2 s ahead), the right passphrase opens the store whole.
    let out = at(&device, &["person", "list"], PASSPHRASE, 2);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
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

// ---------------------------------------------------------------------------------
// The "duress used" notice to the supervisor.

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// The notices the relay keeps: (device id hex, sealed bytes).
fn relay_notices(relay: &Relay) -> Vec<(String, Vec<u8>)> {
    let conn = rusqlite::Connection::open_with_flags(
        relay.db(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut stmt = conn
        .prepare("SELECT device_id, sealed FROM notices ORDER BY received_at")
        .unwrap();
    stmt.query_map([], |r| {
        let id: Vec<u8> = r.get(0)?;
        Ok((
            id.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            r.get(1)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// What `ponte sync` answers on a store that never had a team.
fn teamless_sync() -> Output {
    Device::new().run(&["sync"], None)
}

/// The two commands answered alike: exit status, standard output and error, byte for
/// byte.
#[track_caller]
fn assert_same_answer(out: &Output, reference: &Output) {
    assert_eq!(out.status.code(), reference.status.code());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&reference.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&reference.stderr)
    );
}

/// The row of `id` in the supervisor's `ponte devices`, if listed.
fn device_row(supervisor: &Device, id: &str) -> Option<Value> {
    let listed = supervisor.json(&["devices"], None);
    listed
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device"] == id)
        .cloned()
}

/// The notice a duress unlock left waiting in the store at `home` (opened with the
/// duress passphrase, now the store's own).
fn waiting_notice(home: &Path) -> bool {
    ponte_store::Store::open(home, DURESS)
        .unwrap()
        .duress_notice()
        .unwrap()
        .is_some()
}

/// The member uses its duress passphrase: the store is replaced, nothing sent yet.
fn duress_unlock(member: &Device) -> (i64, i64) {
    let before = now_ms();
    assert_eq!(
        stdout_json(&with(member, &["person", "list"], DURESS, "en")),
        json!([])
    );
    (before, now_ms())
}

#[test]
fn the_supervisor_sees_the_duress_notice_after_the_affected_devices_next_sync() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (supervisor, member) = (&devices[0], &devices[1]);
    let member_id = device_id_named(supervisor, "phone 0");
    let supervisor_id = device_id_named(supervisor, "supervisor");
    stdout_json(&duress_set(member, DURESS, "en"));
    let row = device_row(supervisor, &member_id).unwrap();
    assert_eq!(
        (&row["name"], &row["role"], &row["notices"]),
        (&json!("phone 0"), &json!("operator"), &json!([]))
    );
    // A breached relay's own "notice" for the member opens for nobody: not shown.
    {
        let conn = rusqlite::Connection::open(relay.db()).unwrap();
        conn.busy_timeout(Duration::from_secs(5)).unwrap();
        let id: Vec<u8> = (0..16)
            .map(|i| u8::from_str_radix(&member_id[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        let team: Vec<u8> = conn
            .query_row("SELECT team_id FROM teams", [], |r| r.get(0))
            .unwrap();
        conn.execute(
            "INSERT INTO notices (team_id, device_id, received_at, sealed) VALUES (?1, ?2, 0, ?3)",
            rusqlite::params![team, id, vec![7u8; 200]],
        )
        .unwrap();
    }
    assert_eq!(
        device_row(supervisor, &member_id).unwrap()["notices"],
        json!([])
    );

    let (before, after) = duress_unlock(member);
    assert_eq!(
        relay_notices(&relay).len(),
        1,
        "nothing sent at the unlock itself"
    );
    assert!(waiting_notice(member.home()));
    // The next sync answers what a store without a team answers, and sends the notice.
    let reference = teamless_sync();
    assert!(!reference.status.success());
    let out = with(member, &["sync"], DURESS, "en");
    assert_same_answer(&out, &reference);
    let kept = relay_notices(&relay);
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().all(|(id, _)| *id == member_id));

    let row = device_row(supervisor, &member_id).unwrap();
    assert_eq!(
        (&row["name"], &row["role"]),
        (&json!("phone 0"), &json!("operator"))
    );
    let notices = row["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1, "{row}");
    assert_eq!(notices[0]["kind"], "duress");
    let at = notices[0]["at_ms"].as_i64().unwrap();
    assert!(at >= before && at <= after, "{at} not in {before}..{after}");
    assert_eq!(
        device_row(supervisor, &supervisor_id).unwrap()["notices"],
        json!([])
    );

    // Nothing of it in the clear on the relay: not the word, not the notice's own
    // bytes (kind 1, then the time), not in its log.
    let plain: Vec<u8> = [&[1u8][..], &(at as u64).to_be_bytes()].concat();
    for (path, bytes) in relay.storage_bytes() {
        for needle in [&b"duress"[..], &b"DURESS"[..], &plain] {
            assert_eq!(
                count_occurrences(&bytes, needle),
                0,
                "{needle:?} in {}",
                path.display()
            );
        }
    }
    assert_eq!(count_occurrences(&relay.log(), b"duress"), 0);

    // The kept key is gone: nothing waits, and the next sync sends nothing.
    assert!(!waiting_notice(member.home()));
    assert_same_answer(&with(member, &["sync"], DURESS, "en"), &reference);
    assert_eq!(relay_notices(&relay).len(), 2);
    assert_eq!(
        device_row(supervisor, &member_id).unwrap()["notices"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // One step: the supervisor revokes the device; its notices go with it.
    let revoked = supervisor.json(&["revoke", &member_id], None);
    assert_eq!(revoked["revoked"], member_id.as_str());
    assert!(device_row(supervisor, &member_id).is_none());
    assert!(relay_notices(&relay).is_empty());
}

#[test]
fn every_supervisor_sees_the_notice_a_deputy_included_and_its_size_does_not_tell_how_many() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (supervisor, deputy, member) = (&devices[0], &devices[1], &devices[2]);
    let deputy_id = device_id_named(supervisor, "phone 0");
    let member_id = device_id_named(supervisor, "phone 1");
    // A notice sealed while the team had one supervisor, for the size.
    stdout_json(&duress_set(member, DURESS, "en"));
    supervisor.json(&["team", "role", &deputy_id, "supervisor"], None);
    deputy.json(&["sync"], None);
    assert_eq!(deputy.json(&["status"], None)["role"], "supervisor");
    // The member's next sync brings the new roster, and with it the deputy's key into
    // what a duress unlock keeps ready.
    member.json(&["sync"], None);
    duress_unlock(member);
    with(member, &["sync"], DURESS, "en");
    let kept = relay_notices(&relay);
    assert_eq!(kept.len(), 1);
    for reader in [supervisor, deputy] {
        let notices = device_row(reader, &member_id).unwrap()["notices"].clone();
        assert_eq!(notices.as_array().unwrap().len(), 1, "{notices}");
        assert_eq!(notices[0]["kind"], "duress");
    }

    // One supervisor or two: a notice has the same size on the relay.
    let other = team(&relay, 1);
    stdout_json(&duress_set(&other[1], DURESS, "en"));
    duress_unlock(&other[1]);
    with(&other[1], &["sync"], DURESS, "en");
    let sizes: Vec<usize> = relay_notices(&relay)
        .iter()
        .map(|(_, sealed)| sealed.len())
        .collect();
    assert_eq!(sizes.len(), 2);
    assert_eq!(sizes[0], sizes[1]);
}

#[test]
fn a_device_removed_before_its_notice_went_out_is_refused_and_keeps_nothing() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (supervisor, member) = (&devices[0], &devices[1]);
    let member_id = device_id_named(supervisor, "phone 0");
    stdout_json(&duress_set(member, DURESS, "en"));
    supervisor.json(&["revoke", &member_id], None);
    duress_unlock(member);
    let reference = teamless_sync();
    assert_same_answer(&with(member, &["sync"], DURESS, "en"), &reference);
    // Refused for good (device-revoked): nothing kept on the relay, nothing left
    // waiting on the device.
    assert!(relay_notices(&relay).is_empty());
    assert!(!waiting_notice(member.home()));
    for row in supervisor.json(&["devices"], None).as_array().unwrap() {
        assert_eq!(row["notices"], json!([]), "{row}");
    }
}

#[test]
fn a_relay_down_at_the_first_try_gets_the_notice_at_a_later_sync() {
    let mut relay = Relay::start();
    let devices = team(&relay, 1);
    let (supervisor, member) = (&devices[0], &devices[1]);
    let member_id = device_id_named(supervisor, "phone 0");
    stdout_json(&duress_set(member, DURESS, "en"));
    relay.kill();
    let (before, after) = duress_unlock(member);
    let reference = teamless_sync();
    assert_same_answer(&with(member, &["sync"], DURESS, "en"), &reference);
    assert!(waiting_notice(member.home()), "kept for the next try");
    relay.restart();
    assert!(relay_notices(&relay).is_empty());
    assert_same_answer(&with(member, &["sync"], DURESS, "en"), &reference);
    assert_eq!(relay_notices(&relay).len(), 1);
    assert!(!waiting_notice(member.home()));
    let row = device_row(supervisor, &member_id).unwrap();
    let at = row["notices"][0]["at_ms"].as_i64().unwrap();
    assert_eq!(row["notices"][0]["kind"], "duress");
    assert!(at >= before && at <= after);
}
