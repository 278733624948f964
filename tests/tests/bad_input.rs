//! Bad input an exploratory tester typed, end to end through the `ponte` binary: an
//! invite's lifetime the relay would refuse (or that overflowed), a store made by a
//! newer version, a report period outside the years records hold, fields to share a
//! consent cannot name, a quick contact dated after today, a year of birth after this
//! year. Each is refused with one translated line, before anything is sent or written,
//! and changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_tests::{Device, one_line_error};
use serde_json::{Value, json};

/// Written in a record: never in an error line.
const MARKER: &str = "QXBADINPUTMARKERQX";

/// The person as stored: what `show` gives without the day of the last update.
fn stored(d: &Device, id: &str) -> Value {
    let mut v = d.json(&["person", "show", id], None);
    v.as_object_mut().unwrap().remove("updated");
    v
}

#[test]
fn an_invite_lifetime_the_relay_would_refuse_is_refused_before_anything_is_sent() {
    let d = Device::new();
    let limit = ponte_proto::limits::MAX_INVITE_LIFETIME_MS / 1000;
    let over = (limit + 1).to_string();
    let max = u64::MAX.to_string();
    for ttl in ["0", over.as_str(), max.as_str()] {
        let line = one_line_error(&d.run(&["invite", "--ttl-seconds", ttl], None));
        assert!(
            line.contains("at least 1 second and at most 30 days"),
            "{ttl}: {line}"
        );
        assert!(!line.contains("Internal error"), "{line}");
    }
    let line = one_line_error(&d.run(&["--lang", "it", "invite", "--ttl-seconds", "0"], None));
    assert!(line.contains("al massimo 30 giorni"), "{line}");
    let line = one_line_error(&d.run(&["--lang", "ar", "invite", "--ttl-seconds", "0"], None));
    assert!(line.contains("30 يومًا"), "{line}");
    // The limit itself passes the check: this device is in no team, which is the next.
    let line = one_line_error(&d.run(&["invite", "--ttl-seconds", &limit.to_string()], None));
    assert!(!line.contains("30 days"), "{line}");
}

#[test]
fn a_store_of_a_newer_version_is_named_so_and_left_as_it_is() {
    let d = Device::new();
    d.add("person", &json!({"alias": MARKER}));
    let db = d.home().join("ponte.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'schema'",
        [99_i64.to_be_bytes().to_vec()],
    )
    .unwrap();
    drop(conn);
    let before = d.files();
    let line = one_line_error(&d.run(&["person", "list"], None));
    assert!(
        line.contains("made by a newer version of Ponte") && line.contains("update Ponte"),
        "{line}"
    );
    assert!(!line.contains("damaged"), "{line}");
    // A wrong passphrase is not even tried, so not counted.
    let mut wrong = d.command(&["person", "list"]);
    wrong.env("PONTE_PASSPHRASE", "not the passphrase at all");
    let line = one_line_error(&ponte_tests::run_with(wrong, None));
    assert!(line.contains("newer version"), "{line}");
    let line = one_line_error(&d.run(&["--lang", "it", "status"], None));
    assert!(line.contains("versione più recente di Ponte"), "{line}");
    let line = one_line_error(&d.run(&["--lang", "ar", "status"], None));
    assert!(line.contains("إصدار أحدث"), "{line}");
    assert!(d.files() == before, "the store's files changed");
}

#[test]
fn a_report_period_outside_the_years_records_hold_is_refused_and_nothing_is_written() {
    let d = Device::new();
    let dir = tempfile::tempdir().unwrap();
    for (command, format) in [
        (&["report"][..], "json"),
        (&["report"][..], "xlsx"),
        (&["programme", "report"][..], "json"),
    ] {
        for (from, to) in [
            ("0001-01-01", "9999-12-31"),
            ("1899-12-31", "2026-01-31"),
            ("2026-01-01", "2101-01-01"),
        ] {
            let out = dir.path().join(format!("r.{format}"));
            let mut args = command.to_vec();
            args.extend([
                "--from",
                from,
                "--to",
                to,
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ]);
            let line = one_line_error(&d.run(&args, None));
            assert!(line.contains("years 1900 to 2100"), "{args:?}: {line}");
            assert!(!out.exists(), "{args:?}");
        }
    }
    // The widest period accepted is written.
    let out = dir.path().join("wide.json");
    d.json(
        &[
            "report",
            "--from",
            "1900-01-01",
            "--to",
            "2100-12-31",
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.is_file());
}

#[test]
fn a_consent_naming_what_it_cannot_share_is_refused_with_the_code_and_writes_nothing() {
    let d = Device::new();
    let id = d.add("person", &json!({"alias": "C", "notes": MARKER}));
    let before = stored(&d, &id);
    let add = |extra: &[&str]| {
        let mut args = vec!["consent", "add", &id, "--language", "en"];
        args.extend(extra);
        d.run(&args, None)
    };
    let referral = ["--purpose", "referral", "--destination", "health"];
    let with = |base: &[&'static str], share: &'static str| {
        let mut v = base.to_vec();
        v.extend(["--share", share]);
        v
    };
    for (args, want) in [
        (
            with(&referral, "phone,needs,notes"),
            "Field 3 to share (notes)",
        ),
        (with(&referral, "bogus"), "Field 1 to share (bogus)"),
        (with(&referral, "plan"), "Field 1 to share (plan)"),
        (
            with(&referral, "sex,Maria Rossi via Roma 12"),
            "Field 2 to share (…)",
        ),
        (
            with(&["--purpose", "intake"], "phone"),
            "an intake consent does not (phone)",
        ),
        (
            vec!["--purpose", "intake", "--destination", "trade_union"],
            "an intake consent does not (trade_union)",
        ),
    ] {
        let line = one_line_error(&add(&args));
        assert!(line.contains(want), "{args:?}: {line}");
        assert!(!line.contains("Maria") && !line.contains(MARKER), "{line}");
    }
    let mut it = vec!["--lang", "it"];
    it.extend(["consent", "add", &id, "--language", "en"]);
    it.extend(with(&referral, "notes"));
    let line = one_line_error(&d.run(&it, None));
    assert!(
        line.contains("(notes)") && line.contains("consenso"),
        "{line}"
    );
    let mut ar = vec!["--lang", "ar"];
    ar.extend(["consent", "add", &id, "--language", "en"]);
    ar.extend(with(&referral, "notes"));
    let line = one_line_error(&d.run(&ar, None));
    assert!(
        line.contains("(notes)") && line.contains("الإحالة"),
        "{line}"
    );
    assert_eq!(stored(&d, &id), before, "nothing written");
    // What the app's checkboxes send is accepted.
    let out = add(&with(&referral, "phone,needs"));
    assert!(out.status.success(), "{out:?}");
    let out = add(&["--purpose", "intake"]);
    assert!(out.status.success(), "{out:?}");
    let shares: Vec<Value> = stored(&d, &id)["consents"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|c| c.get("share").cloned())
        .collect();
    assert_eq!(shares, [json!(["alias", "languages", "phone", "needs"])]);
}

#[test]
fn a_quick_contact_dated_after_today_is_refused_and_writes_nothing() {
    let d = Device::new();
    let future = ponte_store::time::date_of(ponte_store::time::now_ms() + 2 * 86_400_000);
    for date in ["2100-12-31", future.as_str()] {
        let line = one_line_error(&d.run(
            &[
                "contact",
                "add",
                "--alias",
                MARKER,
                "--recontact",
                "no",
                "--date",
                date,
            ],
            None,
        ));
        assert!(line.contains("cannot be dated after today"), "{line}");
        assert!(!line.contains(MARKER), "{line}");
    }
    assert_eq!(d.json(&["person", "list"], None), json!([]));
    // Today is fine.
    d.json(
        &[
            "contact",
            "add",
            "--alias",
            "Today",
            "--recontact",
            "no",
            "--date",
            &ponte_store::time::date_of(ponte_store::time::now_ms()),
        ],
        None,
    );
}

#[test]
fn a_year_of_birth_after_this_year_is_refused_on_add_and_edit() {
    let d = Device::new();
    let next =
        (ponte_model::date::Date::parse(&ponte_store::time::date_of(ponte_store::time::now_ms()))
            .unwrap()
            .year()
            + 2)
        .to_string();
    let future = json!({"alias": MARKER, "birth_year": next.parse::<u16>().unwrap()});
    let line = one_line_error(&d.run(&["person", "add", "--json", "-"], Some(&future.to_string())));
    assert!(line.contains("birth_year"), "{line}");
    assert!(!line.contains(MARKER), "{line}");
    assert_eq!(d.json(&["person", "list"], None), json!([]));
    let id = d.add("person", &json!({"alias": "A", "birth_year": 1990}));
    let before = stored(&d, &id);
    let line = one_line_error(&d.run(
        &["person", "edit", &id, "--json", "-"],
        Some(&json!({"birth_year": next.parse::<u16>().unwrap()}).to_string()),
    ));
    assert!(line.contains("birth_year"), "{line}");
    assert_eq!(stored(&d, &id), before);
    // This year is a year of birth like any other.
    let this_year = next.parse::<u16>().unwrap() - 2;
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&json!({"birth_year": this_year}).to_string()),
    );
}
