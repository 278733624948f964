//! The unlock attempt limit against the real `ponte` binary: the growing delay after
//! the third wrong passphrase in a row, the warning before the last tries, the store
//! destroyed at the limit (keys first, then the files) with an error that says why,
//! a counter that a killed process does not reset, one guess at a time however many
//! `ponte` processes try together, and the limit as a team setting the supervisor
//! signs into the roster.
//!
//! The clock is moved with libfaketime (`scripts/setup` installs it): each attempt
//! runs one minute later than the one before, past any delay.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use ponte_tests::{
    Device, Relay, files_under, markers_left, one_line_error, run_with, team, wait_until,
};

const WRONG: &str = "wrong horse battery staple";
const LIBFAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

/// `ponte ARGS` with `passphrase`, its clock `offset_s` seconds ahead, in `lang`, not
/// yet run.
fn command_at(
    device: &Device,
    args: &[&str],
    passphrase: &str,
    offset_s: u64,
    lang: &str,
) -> Command {
    assert!(
        Path::new(LIBFAKETIME).exists(),
        "libfaketime is missing: run scripts/setup (Debian package faketime)"
    );
    let mut cmd: Command = device.command(args);
    cmd.env("PONTE_PASSPHRASE", passphrase)
        .env("PONTE_LANG", lang)
        .env("LD_PRELOAD", LIBFAKETIME)
        .env("FAKETIME", format!("+{offset_s}s"))
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    cmd
}

/// `ponte ARGS` with `passphrase`, its clock `offset_s` seconds ahead, in `lang`.
fn at(device: &Device, args: &[&str], passphrase: &str, offset_s: u64, lang: &str) -> Output {
    run_with(command_at(device, args, passphrase, offset_s, lang), None)
}

/// A wrong passphrase `n` minutes from now: its one-line error.
fn wrong_at(device: &Device, minute: u64) -> (String, Option<i32>) {
    let out = at(device, &["person", "list"], WRONG, minute * 61, "en");
    (one_line_error(&out), out.status.code())
}

#[test]
fn ten_wrong_passphrases_erase_the_store_and_the_right_one_is_told_why() {
    let device = Device::new();
    let markers = ["LIMITMARKER-ALIAS-7731", "LIMITMARKER-NOTE-7732"];
    device.add(
        "person",
        &serde_json::json!({"alias": markers[0], "notes": markers[1]}),
    );
    for n in 1..=10u64 {
        let (line, code) = wrong_at(&device, n);
        match n {
            1..=6 => {
                assert!(line.contains("Wrong passphrase. Nothing"), "{n}: {line}");
                assert_eq!(code, Some(3));
            }
            7..=9 => {
                let left = 10 - n;
                let tries = if left == 1 {
                    "1 try left"
                } else {
                    &format!("{left} tries left")
                };
                assert!(
                    line.contains(tries) && line.contains("before this device erases itself"),
                    "{n}: {line}"
                );
                assert_eq!(code, Some(3));
            }
            _ => {
                assert!(line.contains("erased after 10 wrong passphrases"), "{line}");
                assert_eq!(code, Some(5));
            }
        }
    }
    // The right passphrase now: the store is gone and the error says why.
    let out = at(
        &device,
        &["person", "list"],
        ponte_tests::PASSPHRASE,
        11 * 61,
        "en",
    );
    let line = one_line_error(&out);
    assert!(line.contains("erased after 10 wrong passphrases"), "{line}");
    assert_eq!(out.status.code(), Some(5));
    let out = at(
        &device,
        &["person", "list"],
        ponte_tests::PASSPHRASE,
        11 * 61,
        "it",
    );
    let line = one_line_error(&out);
    assert!(
        line.contains("cancellato dopo 10 frasi segrete errate"),
        "{line}"
    );
    assert!(!device.home().join("ponte.db").exists());
    let left = markers_left(device.home(), &markers);
    assert!(left.is_empty(), "{left:?}");
    // What is left says nothing but why.
    for (path, _) in files_under(device.home()) {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        assert_eq!(name, "ponte.erased", "{}", path.display());
    }
}

#[test]
fn after_three_wrong_passphrases_the_next_attempt_waits_and_a_refusal_is_not_counted() {
    let device = Device::new();
    for _ in 0..3 {
        let (line, _) = wrong_at(&device, 0);
        assert!(line.contains("Wrong passphrase. Nothing"), "{line}");
    }
    // Refused at once, even with the right passphrase, and not counted: ten refusals
    // would otherwise have reached the limit.
    for _ in 0..10 {
        let out = at(
            &device,
            &["person", "list"],
            ponte_tests::PASSPHRASE,
            0,
            "en",
        );
        let line = one_line_error(&out);
        assert!(line.contains("Wait 1 second before trying again"), "{line}");
        assert_eq!(out.status.code(), Some(3));
    }
    // Two seconds later: a fourth wrong passphrase, then the wait is two seconds.
    let out = at(&device, &["person", "list"], WRONG, 2, "en");
    assert!(one_line_error(&out).contains("Wrong passphrase. Nothing"));
    let out = at(&device, &["person", "list"], WRONG, 2, "it");
    let line = one_line_error(&out);
    assert!(line.contains("Attendi 2 secondi"), "{line}");
    // After the wait the right passphrase opens, and starts the count again.
    let out = at(
        &device,
        &["person", "list"],
        ponte_tests::PASSPHRASE,
        5,
        "en",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for _ in 0..3 {
        let (line, _) = wrong_at(&device, 1);
        assert!(line.contains("Wrong passphrase. Nothing"), "{line}");
    }
}

#[test]
fn killing_ponte_during_the_key_derivation_does_not_give_the_attempt_back() {
    let device = Device::new();
    for _ in 0..2 {
        wrong_at(&device, 0);
    }
    let counter = device.home().join("ponte.attempts");
    let mut cmd = device.command(&["person", "list"]);
    cmd.env("PONTE_PASSPHRASE", WRONG)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    // The third attempt is counted on disk before the derivation starts: kill the
    // process as soon as it is.
    let started = std::time::Instant::now();
    loop {
        let bytes = std::fs::read(&counter).unwrap_or_default();
        if bytes.len() >= 20 && bytes[16..20] == 3u32.to_be_bytes() {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 30,
            "the attempt was never counted"
        );
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "ponte finished before it could be killed"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    // Three failures in a row: the next attempt waits.
    let out = at(
        &device,
        &["person", "list"],
        ponte_tests::PASSPHRASE,
        0,
        "en",
    );
    let line = one_line_error(&out);
    assert!(line.contains("Wait 1 second"), "{line}");
}

/// What a wrong passphrase was told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// Derived and wrong, no warning yet.
    Wrong,
    /// Derived and wrong, with the tries left before the erasure.
    FinalTries(u32),
    /// Refused within the delay, nothing derived.
    Delayed,
    /// The store is erased (by this guess, or before it was looked at).
    Erased,
}

fn answer(out: &Output) -> Answer {
    let line = one_line_error(out);
    let code = out.status.code();
    if line.contains("Wrong passphrase. Nothing") && code == Some(3) {
        return Answer::Wrong;
    }
    if let Some(left) = line
        .strip_prefix("ponte: Wrong passphrase. ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .filter(|_| line.contains("before this device erases itself") && code == Some(3))
    {
        return Answer::FinalTries(left);
    }
    if line.contains("before trying again; this attempt was not counted") && code == Some(3) {
        return Answer::Delayed;
    }
    assert!(
        line.contains("erased after 10 wrong passphrases") && code == Some(5),
        "{code:?} {line}"
    );
    Answer::Erased
}

/// How many of the processes `pids` wait for a `flock` on `dir` (Linux `/proc/locks`:
/// a waiter's line reads `N: -> FLOCK ADVISORY WRITE <pid> <major:minor:inode> ...`).
fn waiting_for_lock(dir: &Path, pids: &[u32]) -> usize {
    use std::os::unix::fs::MetadataExt as _;
    let inode = format!(":{}", std::fs::metadata(dir).unwrap().ino());
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .filter(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            matches!(
                fields.as_slice(),
                [_, "->", "FLOCK", _, _, pid, file, ..]
                    if file.ends_with(&inode)
                        && pid.parse::<u32>().is_ok_and(|p| pids.contains(&p))
            )
        })
        .count()
}

#[test]
fn parallel_unlocks_check_one_guess_at_a_time_and_erase_at_exactly_the_limit() {
    // Regression: `ponte` processes started together each read the same count, wrote
    // it plus one and derived their own guess: bursts of 15 had 71 wrong passphrases
    // checked before the store was erased "at 10".
    const PARALLEL: usize = 15;
    let device = Device::new();
    let mut answers: Vec<Answer> = Vec::new();
    let mut bursts = 0;
    // Each burst a minute after the one before, past any delay: at least one guess of
    // each is derived, so ten bursts are always enough.
    for burst in 1..=10u64 {
        bursts += 1;
        // The store's own lock, held by the test while the burst starts, so that every
        // process has opened the store and waits before the first guess runs.
        let held = std::fs::File::open(device.home()).unwrap();
        held.lock().unwrap();
        let mut children: Vec<Child> = (0..PARALLEL)
            .map(|i| {
                let mut cmd = command_at(
                    &device,
                    &["person", "list"],
                    &format!("{WRONG} {burst}-{i}"),
                    burst * 61,
                    "en",
                );
                cmd.stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped());
                cmd.spawn().unwrap()
            })
            .collect();
        let pids: Vec<u32> = children.iter().map(Child::id).collect();
        wait_until(
            "every process to wait for the store's lock, or one to finish",
            std::time::Duration::from_secs(120),
            || {
                waiting_for_lock(device.home(), &pids) == PARALLEL
                    || children.iter_mut().any(|c| c.try_wait().unwrap().is_some())
            },
        );
        drop(held);
        answers.extend(
            children
                .into_iter()
                .map(|child| answer(&child.wait_with_output().unwrap())),
        );
        if !device.home().join("ponte.db").exists() {
            break;
        }
    }
    let count = |a: Answer| answers.iter().filter(|b| **b == a).count();
    let mut warned: Vec<u32> = answers
        .iter()
        .filter_map(|a| match a {
            Answer::FinalTries(left) => Some(*left),
            _ => None,
        })
        .collect();
    warned.sort_unstable();
    // Nine guesses derived and answered wrong, each told its own count; the tenth
    // erased the store; every other process waited its turn and was refused before
    // deriving (the delay) or found the store erased, never a damaged one.
    assert_eq!(count(Answer::Wrong), 6, "{bursts} bursts: {answers:?}");
    assert_eq!(warned, [1, 2, 3], "{answers:?}");
    assert!(count(Answer::Erased) >= 1, "{answers:?}");
    assert_eq!(
        count(Answer::Delayed) + count(Answer::Erased),
        answers.len() - 9,
        "{answers:?}"
    );
    assert!(!device.home().join("ponte.db").exists());
    // What is left says nothing but why: no file a waiting process opened again.
    let left: Vec<String> = files_under(device.home())
        .into_iter()
        .map(|(path, _)| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["ponte.erased"]);
}

#[test]
fn the_supervisor_sets_the_limit_for_the_team() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (supervisor, member) = (&devices[0], &devices[1]);
    let markers = ["TEAMLIMITMARKER-5519"];
    member.add("person", &serde_json::json!({"alias": markers[0]}));
    member.json(&["sync"], None);

    let shown = supervisor.json(&["team", "settings"], None);
    assert_eq!(
        shown,
        serde_json::json!({"unlock_attempts": 10, "lease_days": 14})
    );
    // Out of range: a clear error, nothing changed.
    for bad in [
        ["--unlock-attempts", "4"],
        ["--unlock-attempts", "51"],
        ["--lease-days", "0"],
    ] {
        let mut args = vec!["team", "settings"];
        args.extend(bad);
        let line = one_line_error(&supervisor.run(&args, None));
        assert!(line.contains("Nothing was changed"), "{line}");
    }
    assert_eq!(supervisor.json(&["team", "settings"], None), shown);
    // A member may look, not change.
    let line = one_line_error(&member.run(&["team", "settings", "--unlock-attempts", "50"], None));
    assert!(line.contains("Only the team's supervisor"), "{line}");

    let set = supervisor.json(&["team", "settings", "--unlock-attempts", "5"], None);
    assert_eq!(
        set,
        serde_json::json!({"unlock_attempts": 5, "lease_days": 14})
    );
    member.json(&["sync"], None);
    assert_eq!(member.json(&["team", "settings"], None), set);
    for n in 1..=5u64 {
        let (line, code) = wrong_at(member, n);
        match n {
            1 => assert!(line.contains("Wrong passphrase. Nothing"), "{line}"),
            2..=4 => assert!(
                line.contains(&format!("{} tr", 5 - n)) && line.contains("erases itself"),
                "{n}: {line}"
            ),
            _ => {
                assert!(line.contains("erased after 5 wrong passphrases"), "{line}");
                assert_eq!(code, Some(5));
            }
        }
    }
    let left = markers_left(member.home(), &markers);
    assert!(left.is_empty(), "{left:?}");

    // Off: no erasure, however many wrong passphrases (the delay still holds).
    let off = supervisor.json(&["team", "settings", "--unlock-attempts", "off"], None);
    assert_eq!(
        off,
        serde_json::json!({"unlock_attempts": null, "lease_days": 14})
    );
    for n in 1..=11u64 {
        let (line, _) = wrong_at(supervisor, n);
        assert!(line.contains("Wrong passphrase. Nothing"), "{n}: {line}");
    }
    let out = at(
        supervisor,
        &["team", "settings"],
        ponte_tests::PASSPHRASE,
        12 * 61,
        "en",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
