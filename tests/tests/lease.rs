//! The key lease against the real `ponte` binary and a real relay: a member that has
//! not completed a sync for the team's `lease_days` is erased at its next unlock (keys
//! first, then the files) and told why; the days left are reported before that; a clock
//! set back does not extend the lease; a supervisor's device has a lease too, since the
//! team's recovery kit can replace it.
//!
//! The clock is moved with libfaketime (`scripts/setup` installs it), only for commands
//! that stay on the device: a sync runs at the real time, as the relay's does.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

use ponte_tests::{Device, Relay, markers_left, one_line_error, run_with, team};

const LIBFAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
const DAY_S: i64 = 86_400;

/// `ponte ARGS` with its clock `days` ahead (behind when negative), in `lang`.
fn on_day(device: &Device, args: &[&str], days: i64, lang: &str) -> Output {
    assert!(
        Path::new(LIBFAKETIME).exists(),
        "libfaketime is missing: run scripts/setup (Debian package faketime)"
    );
    let mut cmd: Command = device.command(args);
    cmd.env("PONTE_LANG", lang)
        .env("LD_PRELOAD", LIBFAKETIME)
        .env("FAKETIME", format!("{:+}s", days * DAY_S))
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    run_with(cmd, None)
}

/// `ponte status` on `day`: its JSON.
fn status_on(device: &Device, days: i64) -> serde_json::Value {
    let out = on_day(device, &["status"], days, "en");
    assert!(
        out.status.success(),
        "day {days}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_device_that_does_not_sync_for_the_lease_is_erased_a_supervisor_s_too() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (supervisor, late, kept) = (&devices[0], &devices[1], &devices[2]);
    let markers = ["LEASEMARKER-ALIAS-4417", "LEASEMARKER-NOTE-4418"];
    late.add(
        "person",
        &serde_json::json!({"alias": markers[0], "notes": markers[1]}),
    );
    late.json(&["sync"], None);
    kept.json(&["sync"], None);

    // Right after a sync: the whole default lease; the supervisor's too (its team has
    // a recovery kit).
    let now = late.json(&["status"], None);
    assert_eq!(now["role"], "operator");
    assert_eq!(now["lease_days_left"], 14, "{now}");
    let sup = supervisor.json(&["status"], None);
    assert_eq!(sup["role"], "supervisor");
    assert_eq!(sup["lease_exempt"], false);
    assert_eq!(sup["lease_days_left"], 14, "{sup}");

    // Day 13: still opens, one day left.
    let day13 = status_on(kept, 13);
    assert_eq!(day13["lease_days_left"], 1, "{day13}");
    let out = on_day(kept, &["person", "list"], 13, "en");
    assert!(out.status.success());

    // Day 15: the lease (14 days) ran out. The unlock erases the store and says why.
    let out = on_day(late, &["person", "list"], 15, "en");
    let line = one_line_error(&out);
    assert!(
        line.contains("had not synced") && line.contains("14 days") && line.contains("enrol"),
        "{line}"
    );
    assert_eq!(out.status.code(), Some(5));
    assert!(!late.home().join("ponte.db").exists());
    let left = markers_left(late.home(), &markers);
    assert!(left.is_empty(), "{left:?}");
    // Every later attempt says the same, in the device's language too.
    let line = one_line_error(&late.run(&["person", "list"], None));
    assert!(line.contains("had not synced"), "{line}");
    let line = one_line_error(&on_day(late, &["status"], 15, "it"));
    assert!(line.contains("14 giorni"), "{line}");

    // A supervisor's device that stops syncing is erased too: the team's recovery kit
    // brings a new supervisor (tests/tests/team_roles.rs).
    let line = one_line_error(&on_day(supervisor, &["person", "list"], 400, "en"));
    assert!(line.contains("had not synced"), "{line}");
    // A new store can be made where the old one expired.
    late.json(&["init"], None);
    let fresh = late.json(&["status"], None);
    assert!(fresh["team"].is_null() && fresh["lease_days_left"].is_null());
}

#[test]
fn setting_the_clock_back_does_not_extend_the_lease() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (supervisor, member) = (&devices[0], &devices[1]);
    let set = supervisor.json(&["team", "settings", "--lease-days", "12"], None);
    assert_eq!(set["lease_days"], 12);
    let markers = ["CLOCKBACKMARKER-9061"];
    member.add("person", &serde_json::json!({"alias": markers[0]}));
    member.json(&["sync"], None);
    assert_eq!(member.json(&["status"], None)["lease_days_left"], 12);

    // Day 10 is seen (two days left), then the clock goes back to day 1, and further
    // back: the lease is still judged from day 10.
    assert_eq!(status_on(member, 10)["lease_days_left"], 2);
    assert_eq!(status_on(member, 1)["lease_days_left"], 2);
    assert_eq!(status_on(member, -30)["lease_days_left"], 2);
    // Back at the real time: still two days, not twelve.
    assert_eq!(member.json(&["status"], None)["lease_days_left"], 2);

    // Once past day 12 by the clock, even for one unlock, the store is gone, whatever
    // the clock says afterwards.
    let line = one_line_error(&on_day(member, &["person", "list"], 13, "en"));
    assert!(line.contains("12 days"), "{line}");
    let line = one_line_error(&on_day(member, &["person", "list"], 1, "en"));
    assert!(line.contains("12 days"), "{line}");
    let left = markers_left(member.home(), &markers);
    assert!(left.is_empty(), "{left:?}");
}
