//! Outreach counting at the pick-up point, end to end through the `ponte` binary: +1 /
//! -1 taps (the total follows the sex taps, nothing goes below 0), bad codes refused
//! with one translated line and nothing written; team members picked from the signed
//! roster of a real team on a real relay (a stranger's device refused); a group
//! session with a person linked as asking for a follow-up; and the funder report's
//! outreach numbers, computed here independently from what was tapped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use ponte_tests::{Device, Relay, one_line_error, team};
use serde_json::{Value, json};

/// Written in notes: never in an error line.
const MARKER: &str = "QXTALLYMARKERQX";

fn show(d: &Device, id: &str) -> Value {
    let mut v = d.json(&["outreach", "show", id], None);
    v.as_object_mut().unwrap().remove("updated");
    v
}

/// What the test expects, kept by its own rules: a sex tap moves the total by what the
/// count really moved; no count below 0.
#[derive(Debug, Default, Clone, PartialEq)]
struct Model {
    total: i64,
    women: i64,
    men: i64,
    not_stated: i64,
    minors: i64,
    nationalities: BTreeMap<String, i64>,
    materials: BTreeMap<String, i64>,
}

impl Model {
    fn bump(n: &mut i64, by: i64) -> i64 {
        let before = *n;
        *n = (*n + by).max(0);
        *n - before
    }

    /// Applies the taps of one `ponte outreach tally` command line.
    fn tap(&mut self, args: &[&str]) {
        for pair in args.chunks(2) {
            let (flag, value) = (pair[0], pair[1]);
            match flag {
                "--women" => self.total += Self::bump(&mut self.women, value.parse().unwrap()),
                "--men" => self.total += Self::bump(&mut self.men, value.parse().unwrap()),
                "--not-stated" => {
                    self.total += Self::bump(&mut self.not_stated, value.parse().unwrap())
                }
                "--minors" => {
                    Self::bump(&mut self.minors, value.parse().unwrap());
                }
                "--nationality" => {
                    let (code, n) = value.split_once('=').unwrap();
                    let count = self.nationalities.entry(code.to_uppercase()).or_insert(0);
                    Self::bump(count, n.parse().unwrap());
                }
                "--material" => {
                    let (code, n) = value.split_once('=').unwrap();
                    let count = self.materials.entry(code.to_owned()).or_insert(0);
                    Self::bump(count, n.parse().unwrap());
                }
                other => panic!("no such flag {other}"),
            }
        }
    }

    fn printed(&self, id: &str) -> Value {
        json!({
            "outreach": id,
            "people_met": {
                "total": self.total, "women": self.women, "men": self.men,
                "not_stated": self.not_stated,
                "sex_not_counted": self.total - self.women - self.men - self.not_stated,
                "minors": self.minors,
            },
            "nationalities": self.nationalities,
            "materials": self.materials,
        })
    }
}

/// A record as a device wrote it before places and members came from lists (or as an
/// older device syncs it): stored as it is, past the device's rules. Answers its id.
fn old_record(d: &Device, kind: ponte_model::Kind, fields: &Value) -> String {
    let mut store = ponte_device::session::unlock(d.home(), ponte_tests::PASSPHRASE).unwrap();
    store.create(kind, fields).unwrap().to_hex()
}

fn tally(d: &Device, id: &str, taps: &[&str]) -> Value {
    let mut args = vec!["outreach", "tally", id];
    args.extend_from_slice(taps);
    d.json(&args, None)
}

/// A refused command: one translated line (in `lang`) containing `says`, never the
/// marker, and the record as it was.
fn refused(d: &Device, id: &str, args: &[&str], lang: &str, says: &str) {
    let before = show(d, id);
    let mut all = vec!["--lang", lang];
    all.extend_from_slice(args);
    let line = one_line_error(&d.run(&all, None));
    assert!(line.contains(says), "{args:?}: {line}");
    assert!(!line.contains(MARKER), "{line}");
    assert_eq!(show(d, id), before, "{args:?} changed the record");
}

#[test]
fn taps_count_up_and_down_never_below_zero_and_bad_codes_write_nothing() {
    let d = Device::new();
    let id = d.add(
        "outreach",
        &json!({"date": "2026-11-24", "outreach_type": "street",
                "people_met": {"total": 0}, "notes": MARKER}),
    );
    let mut model = Model::default();
    let steps: &[&[&str]] = &[
        &["--women", "+1"],
        // A girl: her sex and "minor" in one call.
        &["--women", "+1", "--minors", "+1"],
        &[
            "--men",
            "+1",
            "--nationality",
            "NG=+1",
            "--material",
            "rights_leaflet=+2",
        ],
        &[
            "--not-stated",
            "+1",
            "--nationality",
            "ng=+1",
            "--nationality",
            "IN=+1",
        ],
        &["--men", "+3"],
        // An undo, then one more than there is: the floor at 0.
        &["--men", "-1"],
        &["--men", "-5"],
        &["--men", "-1"],
        &["--material", "rights_leaflet=-5", "--material", "water=+10"],
        &["--nationality", "IN=-1"],
    ];
    for taps in steps {
        model.tap(taps);
        assert_eq!(tally(&d, &id, taps), model.printed(&id), "after {taps:?}");
    }
    assert_eq!((model.total, model.men, model.women), (3, 0, 2));
    assert_eq!(
        d.json(&["outreach", "counts", &id], None),
        model.printed(&id)
    );
    let stored = show(&d, &id);
    assert_eq!(
        stored["people_met"],
        json!({"total": 3, "women": 2, "men": 0, "not_stated": 1, "minors": 1})
    );
    assert_eq!(stored["nationalities"], json!({"NG": 2, "IN": 0}));
    assert_eq!(
        stored["materials"],
        json!({"rights_leaflet": 0, "water": 10})
    );

    // Refused, with one translated line, and nothing written.
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["--nationality", "XX=+1"],
            "en",
            "country code of two letters",
        ),
        (
            &["--nationality", "XX=+1"],
            "it",
            "codice di paese di due lettere",
        ),
        (&["--nationality", "XX=+1"], "ar", "رمز بلد من حرفين"),
        (
            &["--material", "drugs=+1"],
            "en",
            "The material must be one of",
        ),
        (
            &["--material", "drugs=+1"],
            "it",
            "Il materiale deve essere uno tra",
        ),
        (&["--women", "1.5"], "en", "+N or -N"),
        (&["--women", "abc"], "it", "+N o -N"),
        (&["--nationality", "NG"], "en", "CODE=+N"),
        (
            &["--minors", "+4"],
            "en",
            "cannot be more minors than people met",
        ),
        (
            &["--minors", "+4"],
            "it",
            "I minori non possono essere più delle persone",
        ),
        (&["--women", "+10001"], "en", "cannot go above 10,000"),
        // A valid tap beside a bad one: nothing of either is written.
        (
            &["--women", "+1", "--material", "drugs=+1"],
            "en",
            "The material must be one of",
        ),
    ];
    for (extra, lang, says) in cases {
        let mut args = vec!["outreach", "tally", id.as_str()];
        args.extend_from_slice(extra);
        refused(&d, &id, &args, lang, says);
    }
    // No taps at all; an outreach id that is not one; a person's id.
    refused(&d, &id, &["outreach", "tally", &id], "en", "+N or -N");
    let person = d.add("person", &json!({"alias": "Karim"}));
    let line = one_line_error(&d.run(&["outreach", "tally", &person, "--women", "+1"], None));
    assert!(line.contains("no outreach session with that id"), "{line}");

    // The shown record is accepted back by `outreach edit`, unchanged.
    let shown = d.json(&["outreach", "show", &id], None);
    d.json(
        &["outreach", "edit", &id, "--json", "-"],
        Some(&shown.to_string()),
    );
    assert_eq!(show(&d, &id)["people_met"], stored["people_met"]);
}

#[test]
fn sessions_recorded_before_the_tally_stay_valid_and_keep_their_total() {
    let d = Device::new();
    // A total typed as one number, named team members, a typed place, no sex counts.
    let old = old_record(
        &d,
        ponte_model::Kind::Outreach,
        &json!({"date": "2026-11-20", "outreach_type": "street", "team": ["Anna", "Harjit"],
                "place": "Rotonda Borgo", "people_met": {"total": 10, "women": 2, "minors": 1}}),
    );
    // Shown, it is accepted back unchanged: its typed names and place stay.
    let shown = d.json(&["outreach", "show", &old], None);
    d.json(
        &["outreach", "edit", &old, "--json", "-"],
        Some(&shown.to_string()),
    );
    assert_eq!(show(&d, &old)["place"], "Rotonda Borgo");
    // A new session may not type them: no roster here to pick from, no such place.
    for (typed, says) in [
        (json!({"team": ["Anna"]}), "no team list yet"),
        (json!({"place": "Rotonda Borgo"}), "no place in use named"),
    ] {
        let mut new = json!({"date": "2026-11-21", "outreach_type": "street",
                             "people_met": {"total": 1}});
        new.as_object_mut()
            .unwrap()
            .extend(typed.as_object().unwrap().clone());
        let line =
            one_line_error(&d.run(&["outreach", "add", "--json", "-"], Some(&new.to_string())));
        assert!(line.contains(says), "{line}");
    }
    assert_eq!(
        d.json(&["outreach", "list"], None)
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let after = tally(&d, &old, &["--not-stated", "+1", "--men", "+2"]);
    assert_eq!(
        after["people_met"],
        json!({"total": 13, "women": 2, "men": 2, "not_stated": 1,
               "sex_not_counted": 8, "minors": 1})
    );
    assert_eq!(show(&d, &old)["team"], json!(["Anna", "Harjit"]));
    // Taking away more than was tapped never eats into the typed total.
    let after = tally(&d, &old, &["--men", "-9"]);
    assert_eq!(after["people_met"]["total"], 11);
    assert_eq!(after["people_met"]["sex_not_counted"], 8);
}

/// A report cell: `Some(n)`, or `None` when hidden.
fn cell(report: &Value, table: &str, indicator: &str, column: &str) -> Option<u64> {
    let t = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == table)
        .unwrap_or_else(|| panic!("no table {table}"));
    let row = t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == indicator)
        .unwrap_or_else(|| panic!("no row {table} {indicator}"));
    let v = if column == "total" {
        &row["total"]
    } else {
        let i = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c == column)
            .unwrap_or_else(|| panic!("no column {table} {column}"));
        &row["cells"][i]
    };
    v.as_u64()
}

fn report(d: &Device, suppress: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    d.json(
        &[
            "report",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
            "--suppress",
            suppress,
        ],
        None,
    );
    serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap()
}

#[test]
fn members_from_the_roster_a_group_session_with_a_follow_up_and_the_report() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (supervisor, phone) = (&devices[0], &devices[1]);
    let (sup_id, phone_id) = (supervisor.device_id(), phone.device_id());

    let a = phone.add(
        "outreach",
        &json!({"date": "2026-11-24", "outreach_type": "street", "place_type": "pickup_point",
                "people_met": {"total": 0}, "notes": MARKER}),
    );
    // Members picked from the roster, as the roster names them.
    let members = phone.json(
        &["outreach", "members", &a, &phone_id, &sup_id, &phone_id],
        None,
    );
    assert_eq!(
        members["members"],
        json!([{"device": phone_id, "name": "phone 0"},
               {"device": sup_id, "name": "supervisor"}])
    );
    assert_eq!(show(phone, &a)["members"], json!([phone_id, sup_id]));
    // A device of no team, and a typed name, are refused; nothing is written.
    let stranger = Device::new().device_id();
    refused(
        phone,
        &a,
        &["outreach", "members", &a, &sup_id, &stranger],
        "en",
        &format!("Device {} is not a member of the team", &stranger[..8]),
    );
    refused(
        phone,
        &a,
        &["outreach", "members", &a, "Anna"],
        "it",
        "non fa parte dell'équipe",
    );
    // Members typed by name on a new session are the roster's (compared without case
    // and extra spaces); a name not in it is refused, and nothing is written.
    let typed = phone.add(
        "outreach",
        &json!({"date": "2026-10-24", "outreach_type": "street", "people_met": {"total": 0},
                "team": ["Supervisor", " phone  0 "]}),
    );
    let typed_session = show(phone, &typed);
    assert_eq!(typed_session["members"], json!([sup_id, phone_id]));
    assert!(typed_session.get("team").is_none());
    let sessions = phone.json(&["outreach", "list"], None);
    let line = one_line_error(
        &phone.run(
            &["outreach", "add", "--json", "-"],
            Some(
                &json!({"date": "2026-11-24", "outreach_type": "street",
                    "people_met": {"total": 0}, "team": ["supervisor", "Harjit"]})
                .to_string(),
            ),
        ),
    );
    assert!(line.contains("not in the team's roster"), "{line}");
    assert!(!line.contains("Harjit"), "{line}");
    assert_eq!(phone.json(&["outreach", "list"], None), sessions);
    // Outside a team there is no roster to pick from.
    let alone = Device::new();
    let solo = alone.add(
        "outreach",
        &json!({"date": "2026-11-24", "outreach_type": "street", "people_met": {"total": 0}}),
    );
    refused(
        &alone,
        &solo,
        &["outreach", "members", &solo, &sup_id],
        "en",
        "no team list yet",
    );

    // Counts at two sessions, kept by the test.
    let mut at_a = Model::default();
    for taps in [
        &["--women", "+1", "--nationality", "NG=+1"][..],
        &["--women", "+1", "--minors", "+1", "--nationality", "NG=+1"],
        &["--men", "+1", "--nationality", "IN=+1"],
        &["--not-stated", "+1"],
        &["--not-stated", "+1", "--nationality", "NG=+1"],
    ] {
        at_a.tap(taps);
        tally(phone, &a, taps);
    }
    let b = phone.add(
        "outreach",
        &json!({"date": "2026-11-25", "outreach_type": "fixed_desk",
                "people_met": {"total": 6, "women": 1}}),
    );
    let mut at_b = Model {
        total: 6,
        women: 1,
        ..Model::default()
    };
    for taps in [
        &["--men", "+1", "--nationality", "IN=+1"][..],
        &["--not-stated", "+1", "--nationality", "PK=+1"],
    ] {
        at_b.tap(taps);
        tally(phone, &b, taps);
    }

    // Group sessions; a person who asked for an individual follow-up, linked once.
    let rights = phone.json(
        &[
            "outreach",
            "group",
            "add",
            &a,
            "--topic",
            "rights",
            "--attendance",
            "12",
            "--women",
            "3",
            "--men",
            "9",
            "--note",
            MARKER,
        ],
        None,
    )["group"]
        .as_str()
        .unwrap()
        .to_owned();
    let protocol = phone.json(
        &[
            "outreach",
            "group",
            "add",
            &b,
            "--topic",
            "job_placement_protocol",
            "--attendance",
            "7",
        ],
        None,
    )["group"]
        .as_str()
        .unwrap()
        .to_owned();
    let karim = phone.add("person", &json!({"alias": "Karim"}));
    let gurpreet = phone.add("person", &json!({"alias": "Gurpreet"}));
    for (session, group, person) in [
        (&a, &rights, &karim),
        (&a, &rights, &karim),
        (&a, &rights, &gurpreet),
        (&b, &protocol, &karim),
    ] {
        let linked = phone.json(
            &["outreach", "group", "follow-up", session, group, person],
            None,
        );
        assert_eq!(linked["person"], json!(person));
    }
    let shown = show(phone, &a);
    assert_eq!(
        shown["groups"][&rights],
        json!({"topic": "rights", "attendance": 12, "women": 3, "men": 9, "note": MARKER,
               "follow_up": [karim, gurpreet]})
    );
    refused(
        phone,
        &a,
        &[
            "outreach",
            "group",
            "add",
            &a,
            "--topic",
            "weather",
            "--attendance",
            "3",
        ],
        "en",
        "The topic must be one of",
    );
    refused(
        phone,
        &a,
        &[
            "outreach",
            "group",
            "add",
            &a,
            "--topic",
            "health",
            "--attendance",
            "3",
            "--minors",
            "4",
        ],
        "it",
        "non possono essere più dei partecipanti",
    );
    refused(
        phone,
        &a,
        &[
            "outreach",
            "group",
            "follow-up",
            &a,
            &rights,
            &"0".repeat(32),
        ],
        "en",
        "no person with that id",
    );
    refused(
        phone,
        &a,
        &["outreach", "group", "follow-up", &a, "nosuchgroup", &karim],
        "en",
        "no group session with that id",
    );

    // The supervisor gets it all at the next sync, and reports on it.
    phone.json(&["sync"], None);
    supervisor.json(&["sync"], None);
    assert_eq!(show(supervisor, &a), show(phone, &a));

    // No report shows counts of people from 1 to 4 (the threshold is 5 at least):
    // each count below is the test's own where the report shows it, and hidden when
    // it is that small.
    let r = report(supervisor, "5");
    let seen = |table: &str, indicator: &str, column: &str, want: u64| {
        let got = cell(&r, table, indicator, column);
        if (1..5).contains(&want) {
            assert_eq!(got, None, "{table} / {indicator} / {column}: {want} shown");
        } else if let Some(n) = got {
            assert_eq!(n, want, "{table} / {indicator} / {column}");
        }
    };
    let t = "outreach.listening_point";
    let total = at_a.total + at_b.total;
    let sexed = |m: &Model| m.women + m.men;
    assert!(total >= 5);
    assert_eq!(cell(&r, t, "people_met", "total"), Some(total as u64));
    seen(
        t,
        "people_met.sex_not_stated",
        "total",
        (total - sexed(&at_a) - sexed(&at_b)) as u64,
    );
    let mut nationalities: BTreeMap<String, i64> = BTreeMap::new();
    for m in [&at_a, &at_b] {
        for (c, n) in &m.nationalities {
            *nationalities.entry(c.clone()).or_insert(0) += n;
        }
    }
    assert_eq!(nationalities["NG"], 3);
    for (country, n) in &nationalities {
        seen(
            "outreach.nationality",
            "nationality_seen",
            country,
            *n as u64,
        );
    }
    seen(
        "outreach.nationality",
        "nationality_seen",
        "total",
        nationalities.values().sum::<i64>() as u64,
    );
    let g = "outreach.group_topic";
    assert_eq!(cell(&r, g, "group_sessions", "rights"), Some(1));
    assert_eq!(cell(&r, g, "group_sessions", "total"), Some(2));
    assert_eq!(cell(&r, g, "group_attendance", "rights"), Some(12));
    assert_eq!(cell(&r, g, "group_attendance", "total"), Some(19));
    seen(g, "group_follow_up", "rights", 2);
    seen(g, "group_follow_up", "job_placement_protocol", 1);
    seen(g, "group_follow_up", "health", 0);

    // With small counts hidden (the default threshold), the lone follow-up is not
    // published; sessions, the team's activity, are.
    let hidden = report(supervisor, "5");
    assert_eq!(
        cell(&hidden, g, "group_follow_up", "job_placement_protocol"),
        None
    );
    assert_eq!(cell(&hidden, g, "group_sessions", "rights"), Some(1));
    assert_eq!(cell(&hidden, g, "group_attendance", "rights"), Some(12));
}

/// A person who asked for an individual follow-up at a group session, recorded there
/// and then (`group follow-up --alias`): their quick contact is at the session's place,
/// linked to the group, and "may we contact you again?" is what they answered: not
/// asked, nothing is recorded (never a yes). Linking an existing person still works.
#[test]
fn a_group_follow_up_records_the_recontact_answer_given_never_a_yes_unasked() {
    let d = Device::new();
    let place = d.add(
        "place",
        &json!({"name": "Borgo Hermada", "type": "pickup_point"}),
    );
    let session = d.add(
        "outreach",
        &json!({"date": "2026-11-24", "outreach_type": "street",
                "people_met": {"total": 0}, "place_id": place}),
    );
    let group = d.json(
        &[
            "outreach",
            "group",
            "add",
            &session,
            "--topic",
            "rights",
            "--attendance",
            "9",
        ],
        None,
    )["group"]
        .as_str()
        .unwrap()
        .to_owned();
    let follow_up = |alias: &str, extra: &[&str]| -> Value {
        let mut args = vec![
            "outreach",
            "group",
            "follow-up",
            &session,
            &group,
            "--alias",
            alias,
            "--date",
            "2026-11-24",
        ];
        args.extend_from_slice(extra);
        let id = d.json(&args, None)["person"].as_str().unwrap().to_owned();
        d.json(&["person", "show", &id], None)
    };
    let unasked = follow_up("man in the red cap", &["--by", "Anna"]);
    let first = &unasked["first_contact"];
    assert_eq!(first["place_id"], json!(place));
    assert_eq!(first["by"], "Anna");
    assert!(
        first.get("recontact").is_none_or(Value::is_null),
        "not asked is not a yes: {first}"
    );
    assert!(first.get("recontact_date").is_none_or(Value::is_null));
    let no = follow_up("Karim", &["--recontact", "no", "--language", "ar"]);
    assert_eq!(no["first_contact"]["recontact"], false);
    let yes = follow_up("Amadou", &["--recontact", "yes"]);
    assert_eq!(yes["first_contact"]["recontact"], true);
    assert_eq!(yes["first_contact"]["recontact_date"], "2026-11-24");

    // An existing person is still linked by id, as before.
    let gurpreet = d.add("person", &json!({"alias": "Gurpreet"}));
    d.json(
        &[
            "outreach",
            "group",
            "follow-up",
            &session,
            &group,
            &gurpreet,
        ],
        None,
    );
    let linked = show(&d, &session)["groups"][&group]["follow_up"].clone();
    assert_eq!(
        linked,
        json!([unasked["id"], no["id"], yes["id"], gurpreet])
    );

    // A bad answer or an unknown group: one translated line, no person written.
    let people = d.json(&["person", "list"], None).as_array().unwrap().len();
    refused(
        &d,
        &session,
        &[
            "outreach",
            "group",
            "follow-up",
            &session,
            &group,
            "--alias",
            "x",
            "--recontact",
            "maybe",
        ],
        "en",
        "yes or no",
    );
    refused(
        &d,
        &session,
        &[
            "outreach",
            "group",
            "follow-up",
            &session,
            "nosuchgroup",
            "--alias",
            "x",
        ],
        "it",
        "non ha un incontro di gruppo",
    );
    assert_eq!(
        d.json(&["person", "list"], None).as_array().unwrap().len(),
        people
    );
}

/// Two devices of a team tap the same session while apart (each without syncing),
/// then sync both ways: the taps add up on both, and no count shows as a conflict.
#[test]
fn taps_on_two_devices_offline_add_up_after_sync() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (a, b) = (&devices[0], &devices[1]);
    let sync = |d: &Device| {
        d.json(&["sync"], None);
    };
    let id = a.add(
        "outreach",
        &json!({"date": "2026-11-24", "outreach_type": "street",
                "people_met": {"total": 0}, "notes": MARKER}),
    );
    sync(a);
    sync(b);
    assert_eq!(show(b, &id)["people_met"]["total"], 0);
    // Apart: each keeps its own tally, computed by the model.
    let (a_taps, b_taps): (&[&str], &[&str]) = (
        &["--women", "+3", "--minors", "+1"],
        &["--women", "+2", "--men", "+1", "--nationality", "NG=+1"],
    );
    let (mut on_a, mut on_b) = (Model::default(), Model::default());
    on_a.tap(a_taps);
    on_b.tap(b_taps);
    assert_eq!(tally(a, &id, a_taps), on_a.printed(&id));
    assert_eq!(tally(b, &id, b_taps), on_b.printed(&id));
    sync(a);
    sync(b);
    sync(a);
    // The sums of both tallies, field by field.
    let mut both = Model::default();
    both.tap(a_taps);
    both.tap(b_taps);
    assert_eq!(
        (both.total, both.women, both.men, both.minors),
        (6, 5, 1, 1)
    );
    for d in [a, b] {
        let shown = show(d, &id);
        assert!(shown.get("conflicts").is_none(), "{shown}");
        assert_eq!(
            shown["people_met"],
            json!({"total": both.total, "women": both.women, "men": both.men,
                   "not_stated": 0, "minors": both.minors})
        );
        assert_eq!(shown["nationalities"], json!({"NG": 1}));
        assert_eq!(
            d.json(&["outreach", "counts", &id], None),
            both.printed(&id)
        );
    }
    // Later taps on each add up too; an undo on one device takes one out on both.
    tally(a, &id, &["--women", "-1"]);
    tally(b, &id, &["--not-stated", "+1"]);
    both.tap(&["--women", "-1", "--not-stated", "+1"]);
    sync(a);
    sync(b);
    sync(a);
    for d in [a, b] {
        assert_eq!(
            d.json(&["outreach", "counts", &id], None),
            both.printed(&id)
        );
        // The shown record goes back through `outreach edit` unchanged.
        let shown = show(d, &id);
        d.json(
            &["outreach", "edit", &id, "--json", "-"],
            Some(&shown.to_string()),
        );
        assert_eq!(show(d, &id), shown);
    }
}

/// The materials handed out, end to end: tallied at two sessions (one outside the
/// period) and given at quick contacts, in the report's `outreach.materials` table as
/// the test adds them up; small counts hidden as the people met are.
#[test]
fn materials_handed_out_are_reported_by_material() {
    let d = Device::new();
    let place = d.add(
        "place",
        &json!({"name": "Borgo Hermada", "type": "pickup_point"}),
    );
    let session = |date: &str| {
        d.add(
            "outreach",
            &json!({"date": date, "outreach_type": "street", "people_met": {"total": 0},
                    "place_id": place}),
        )
    };
    let (a, b, outside) = (
        session("2026-11-10"),
        session("2026-11-20"),
        session("2026-10-31"),
    );
    let mut tallied: BTreeMap<&str, u64> = BTreeMap::new();
    for (id, material, n) in [
        (&a, "rights_leaflet", 7),
        (&a, "water", 3),
        (&b, "water", 4),
        (&b, "rights_leaflet", 2),
        (&b, "helpline_card", 6),
    ] {
        tally(&d, id, &["--material", &format!("{material}=+{n}")]);
        *tallied.entry(material).or_insert(0) += n;
    }
    // A wrong tap taken back: the count is what stays.
    tally(&d, &a, &["--material", "water=+2"]);
    tally(&d, &a, &["--material", "water=-2"]);
    tally(&d, &outside, &["--material", "food=+30"]);
    // Quick contacts in the period, each given some materials (once each).
    let mut given: BTreeMap<&str, u64> = BTreeMap::new();
    for (i, (day, materials)) in [
        ("2026-11-10", "rights_leaflet,water"),
        ("2026-11-11", "rights_leaflet,water"),
        ("2026-11-12", "rights_leaflet,water"),
        ("2026-11-13", "rights_leaflet"),
        ("2026-11-14", "water,rights_leaflet"),
        ("2026-11-15", "water"),
        ("2026-10-30", "food"),
    ]
    .iter()
    .enumerate()
    {
        d.json(
            &[
                "contact",
                "add",
                "--alias",
                &format!("c{i}"),
                "--place",
                "borgo hermada",
                "--recontact",
                "no",
                "--date",
                day,
                "--given",
                materials,
            ],
            None,
        );
        if day.starts_with("2026-11") {
            for m in materials.split(',') {
                *given.entry(m).or_insert(0) += 1;
            }
        }
    }
    let r = report(&d, "5");
    let t = "outreach.materials";
    let table = r["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == t)
        .unwrap();
    assert_eq!(table["dimension"], "material");
    let shown = |want: u64| {
        if (1..5).contains(&want) {
            None
        } else {
            Some(want)
        }
    };
    for material in ponte_model::vocab::MATERIALS {
        let at = |m: &BTreeMap<&str, u64>| m.get(material).copied().unwrap_or(0);
        assert_eq!(
            cell(&r, t, "materials.outreach", material),
            shown(at(&tallied)),
            "{material}"
        );
        assert_eq!(
            cell(&r, t, "materials.contacts", material),
            shown(at(&given)),
            "{material}"
        );
        assert_eq!(
            cell(&r, t, "materials", material),
            shown(at(&tallied) + at(&given)),
            "{material}"
        );
    }
    // 9 rights leaflets and 7 water at the sessions, 5 of each given: all shown.
    assert_eq!(cell(&r, t, "materials", "rights_leaflet"), Some(14));
    assert_eq!(cell(&r, t, "materials.contacts", "water"), Some(5));
    assert_eq!(cell(&r, t, "materials", "food"), Some(0));
    assert_eq!(cell(&r, t, "materials", "total"), Some(9 + 7 + 6 + 5 + 5));

    // In the CSV (codes) and the workbook (labels in the language asked for) as its
    // siblings are.
    let dir = tempfile::tempdir().unwrap();
    let export = |format: &str| {
        let out = dir.path().join(format!("report.{format}"));
        d.json(
            &[
                "--lang",
                "it",
                "report",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
            None,
        );
        out
    };
    let csv = std::fs::read_to_string(export("csv")).unwrap();
    for line in [
        "outreach.materials,material,rights_leaflet,materials,contacts,14",
        "outreach.materials,material,water,materials.contacts,contacts,5",
    ] {
        assert!(csv.lines().any(|l| l == line), "{line} not in the CSV");
    }
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook(export("xlsx")).unwrap();
    let sheets = wb.sheet_names();
    let words: Vec<String> = sheets
        .iter()
        .flat_map(|name| {
            let range = wb.worksheet_range(name).unwrap();
            range
                .cells()
                .map(|(_, _, c)| c.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    // The sheet's name keeps to Excel's rules (no colon).
    assert!(
        sheets.iter().any(|s| s == "Uscite  materiali distribuiti"),
        "{sheets:?}"
    );
    for label in ["Volantini sui diritti", "Dati nei primi contatti"] {
        assert!(
            words.iter().any(|w| w.contains(label)) || sheets.iter().any(|s| s.contains(label)),
            "{label} not in the workbook"
        );
    }
}

#[test]
fn people_are_listed_by_their_place_by_name_or_id_and_older_labels_still_match() {
    let d = Device::new();
    let place = d.json(
        &["place", "add", "--json", "-"],
        Some(r#"{"name": "Borgo Hermada", "type": "pickup_point"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A label typed on a new record becomes its place; one of a place not in the list
    // stays on an older record (made before places were a list).
    let here = d.add(
        "person",
        &json!({"alias": "L", "listening_point": "Borgo Hermada"}),
    );
    d.add("person", &json!({"alias": "elsewhere"}));
    let older = old_record(
        &d,
        ponte_model::Kind::Person,
        &json!({"alias": "old", "listening_point": "Borgo Hermada"}),
    );
    let listed = |filter: &str| -> Vec<String> {
        let mut ids: Vec<String> = d
            .json(&["person", "list", "--listening-point", filter], None)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let mut both = vec![here.clone(), older.clone()];
    both.sort();
    assert_eq!(listed("Borgo Hermada"), both);
    assert_eq!(listed(&place), vec![here]);
    assert_eq!(listed("Sabaudia"), Vec::<String>::new());
}
