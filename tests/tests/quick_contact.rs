//! Quick contacts and the team's places, end to end through the `ponte` binary: a
//! quick contact recorded in one command becomes an intake on the same record; places
//! made on one device reach another through a real relay, and a retired place still
//! names the records made there (in `show`, lists and reports) while new contacts
//! refuse it; the report counts first contacts by place name and month as the test
//! computes them; how the person agreed to be contacted again is kept after a yes only;
//! bad input gets one translated line and writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/report_json.rs"]
mod report_json;

use report_json::cell;
use std::collections::BTreeMap;

use ponte_tests::{Device, Relay, one_line_error, team};
use serde_json::{Value, json};

/// Written in what was said: never in an error line.
const MARKER: &str = "QXCONTACTMARKERQX";

fn show(d: &Device, id: &str) -> Value {
    d.json(&["person", "show", id], None)
}

/// The person as stored: what `show` gives without the day of the last update.
fn stored(d: &Device, id: &str) -> Value {
    let mut v = show(d, id);
    v.as_object_mut().unwrap().remove("updated");
    v
}

/// A record as a device wrote it before places came from the list (or as an older
/// device syncs it): stored as it is, past the device's rules. Answers its id.
fn old_record(d: &Device, fields: &Value) -> String {
    let mut store = ponte_device::session::unlock(d.home(), ponte_tests::PASSPHRASE).unwrap();
    store
        .create(ponte_model::Kind::Person, fields)
        .unwrap()
        .to_hex()
}

fn place(d: &Device, name: &str, kind: &str) -> String {
    d.add("place", &json!({"name": name, "type": kind}))
}

/// `ponte contact add` with `args` after the alias; answers the new id.
fn contact(d: &Device, alias: &str, args: &[&str]) -> String {
    let mut all = vec!["contact", "add", "--alias", alias];
    all.extend_from_slice(args);
    d.json(&all, None)["id"].as_str().unwrap().to_owned()
}

/// The `person list` row of `id`.
fn row(d: &Device, kind: &str, id: &str) -> Value {
    d.json(&[kind, "list"], None)
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} not listed"))
}

fn count(d: &Device, kind: &str) -> usize {
    d.json(&[kind, "list"], None).as_array().unwrap().len()
}

#[test]
fn a_quick_contact_becomes_an_intake_on_the_same_record() {
    let d = Device::new();
    let roundabout = place(&d, "Rotonda di Borgo Hermada", "pickup_point");
    let said = format!("asked about pay {MARKER}");
    let id = contact(
        &d,
        "man in the red cap",
        &[
            "--place",
            &roundabout,
            "--language",
            "pa-Guru",
            "--given",
            "rights_leaflet,helpline_card",
            "--said",
            &said,
            "--recontact",
            "yes",
            "--date",
            "2026-11-20",
            "--by",
            "Anna",
        ],
    );
    let p = show(&d, &id);
    assert_eq!(
        p["first_contact"],
        json!({"date": "2026-11-20", "place_id": roundabout, "language": "pa-Guru",
               "given": ["rights_leaflet", "helpline_card"], "said": said,
               "recontact": true, "recontact_date": "2026-11-20", "by": "Anna"})
    );
    assert_eq!(p["status"]["code"], "contacted");
    assert_eq!(p["place_id"], json!(roundabout));
    assert_eq!(p["languages"], json!(["pa-Guru"]));
    assert!(p.get("intake_started").is_none());
    let listed = row(&d, "person", &id);
    assert_eq!(
        (&listed["stage"], &listed["place_id"]),
        (&json!("contact"), &json!(roundabout))
    );

    // The intake starts on the same record, with who and when in the timeline.
    let started = d.json(
        &[
            "contact",
            "intake",
            &id,
            "--by",
            "Harjit",
            "--date",
            "2026-11-21",
        ],
        None,
    );
    assert_eq!(started["intake_started"], "2026-11-21");
    let p = show(&d, &id);
    assert_eq!(p["intake_started"], "2026-11-21");
    let steps: Vec<(&str, &str, &str, &str)> = p["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["date"].as_str().unwrap(),
                t["what"].as_str().unwrap(),
                t["kind"].as_str().unwrap_or(""),
                t["by"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("2026-11-20", "first_contact", "", "Anna"),
            ("2026-11-21", "case", "intake_started", "Harjit")
        ]
    );
    assert_eq!(row(&d, "person", &id)["stage"], "intake");
    assert_eq!(count(&d, "person"), 1, "the same record, not a new one");

    // Once is enough: a second intake is refused and changes nothing.
    let before = stored(&d, &id);
    let again = one_line_error(&d.run(&["contact", "intake", &id], None));
    assert!(again.contains("already an intake"), "{again}");
    assert_eq!(stored(&d, &id), before);
    // An old record (an intake from the start) is not a quick contact either.
    let old = old_record(&d, &json!({"alias": "B", "listening_point": "lp-1"}));
    assert_eq!(row(&d, "person", &old)["stage"], "intake");
    one_line_error(&d.run(&["contact", "intake", &old], None));

    // The interview goes on with `person edit`, and the shown record is accepted back.
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&json!({"sex": "male", "nationality": "IN"}).to_string()),
    );
    let shown = show(&d, &id);
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&shown.to_string()),
    );
    assert_eq!(show(&d, &id)["nationality"], "IN");
}

#[test]
fn bad_input_gets_a_translated_error_and_writes_nothing() {
    let d = Device::new();
    let used = place(&d, "Sabaudia", "listening_point");
    let unknown = "0123456789abcdef0123456789abcdef";
    let said = format!("--said={MARKER}");
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["--place", unknown, "--recontact", "no"],
            "no place with that id",
            "Nella lista dei luoghi",
        ),
        (
            &["--language", "klingon", "--recontact", "no"],
            "language code",
            "La lingua",
        ),
        (&["--place", &used], "contacted again", "ricontattata"),
        (
            &["--recontact", "maybe"],
            "yes or no",
            "deve essere yes o no",
        ),
        (
            &["--given", "food,cash", "--recontact", "yes"],
            "Item 2",
            "La voce 2",
        ),
        (
            &["--recontact", "yes", "--date", "2026-02-30"],
            "real day",
            "giorno esistente",
        ),
    ];
    for (args, en, it) in cases {
        let mut all = vec!["contact", "add", "--alias", "x", &said];
        all.extend_from_slice(args);
        let line = one_line_error(&d.run(&all, None));
        assert!(line.contains(en) && !line.contains(MARKER), "{line}");
        let mut cmd = d.command(&all);
        cmd.env("PONTE_LANG", "it");
        let line = one_line_error(&ponte_tests::run_with(cmd, None));
        assert!(line.contains(it), "{line}");
    }
    let empty = one_line_error(&d.run(
        &["contact", "add", "--alias", " ", "--recontact", "no"],
        None,
    ));
    assert!(empty.contains("name or a short description"), "{empty}");
    assert_eq!(count(&d, "person"), 0, "nothing was written");
    let bad_place = d.run(
        &["place", "add", "--json", "-"],
        Some(&json!({"name": "x", "type": "bus_stop"}).to_string()),
    );
    assert!(one_line_error(&bad_place).contains("type"));
    assert_eq!(count(&d, "place"), 1);
}

/// How the person agreed to be contacted again: the ways (a comma list, or the flag
/// repeated) and their phone number are kept and shown; a way after a no, a phone
/// without the way `phone`, a way not of the list and a phone too long each get one
/// translated line that names no value, and nothing is written.
#[test]
fn how_to_contact_again_is_kept_only_after_a_yes() {
    let d = Device::new();
    let phone = "+39 333 987 6543";
    let long = format!("+39 {}", "1".repeat(40));
    let refused: [(Vec<&str>, &str, &str); 5] = [
        (
            vec!["--recontact", "no", "--recontact-how", "at_place"],
            "only when they agreed to be contacted again",
            "solo se ha accettato di essere ricontattata",
        ),
        (
            vec!["--recontact-how", "phone", "--phone", phone],
            "contacted again",
            "ricontattata",
        ),
        (
            vec!["--recontact", "yes", "--recontact-how", "at_place,pigeon"],
            "Item 2 of how to contact",
            "La voce 2 di come ricontattare",
        ),
        (
            vec![
                "--recontact",
                "yes",
                "--recontact-how",
                "at_place",
                "--phone",
                phone,
            ],
            "agreed to a call or a message",
            "una chiamata o un messaggio",
        ),
        (
            vec![
                "--recontact",
                "yes",
                "--recontact-how",
                "phone",
                "--phone",
                &long,
            ],
            "too long",
            "troppo lungo",
        ),
    ];
    for (args, en, it) in refused {
        let mut all = vec!["contact", "add", "--alias", "x"];
        all.extend_from_slice(&args);
        let line = one_line_error(&d.run(&all, None));
        assert!(
            line.contains(en) && !line.contains("333") && !line.contains("1111"),
            "{line}"
        );
        let mut cmd = d.command(&all);
        cmd.env("PONTE_LANG", "it");
        let line = one_line_error(&ponte_tests::run_with(cmd, None));
        assert!(line.contains(it), "{line}");
    }
    assert_eq!(count(&d, "person"), 0, "nothing was written");

    let id = contact(
        &d,
        "woman with the green scarf",
        &[
            "--recontact",
            "yes",
            "--recontact-how",
            "phone,at_place",
            "--phone",
            phone,
            "--date",
            "2026-11-20",
        ],
    );
    let p = show(&d, &id);
    assert_eq!(p["first_contact"]["recontact"], true);
    assert_eq!(
        p["first_contact"]["recontact_how"],
        json!(["phone", "at_place"])
    );
    assert_eq!(p["phone"], phone, "the person's own phone");
    assert!(p["first_contact"].get("phone").is_none());
    // The listed row finds them by their number, like any person's phone.
    let found = d.json(&["person", "list", "--query", "987 6543"], None);
    assert!(
        found.as_array().unwrap().iter().any(|r| r["id"] == id),
        "{found}"
    );

    // The flag repeated is the same as a comma list; the same way twice is kept once.
    let again = contact(
        &d,
        "man with the bicycle",
        &[
            "--recontact",
            "yes",
            "--recontact-how",
            "mediator",
            "--recontact-how",
            "sportello,mediator",
        ],
    );
    let p = show(&d, &again);
    assert_eq!(
        p["first_contact"]["recontact_how"],
        json!(["mediator", "sportello"])
    );
    assert!(p.get("phone").is_none());
    // A no keeps no way: the answer alone.
    let no = contact(&d, "man in the grey hat", &["--recontact", "no"]);
    let p = show(&d, &no);
    assert_eq!(p["first_contact"]["recontact"], false);
    assert!(p["first_contact"].get("recontact_how").is_none());
}

/// `ponte place add` of `name`: the one translated line of its refusal (en, it).
fn place_refused(d: &Device, name: &str) -> (String, String) {
    let json = json!({"name": name, "type": "pickup_point"}).to_string();
    let en = one_line_error(&d.run(&["place", "add", "--json", "-"], Some(&json)));
    let mut it = d.command(&["place", "add", "--json", "-"]);
    it.env("PONTE_LANG", "it");
    let it = one_line_error(&ponte_tests::run_with(it, Some(&json)));
    (en, it)
}

/// One place, one name: "Borgo Hermada" and "borgo hermada" (trimmed, case-folded,
/// spaces collapsed) cannot both be in use, however the second comes (add, import,
/// rename, reinstate); a retired place's name is free again. Old free-text labels that
/// differ only in case and spaces are one column of the report, under the place's name.
#[test]
fn a_place_named_like_one_in_use_is_refused_and_old_labels_do_not_split_reports() {
    let d = Device::new();
    let hermada = place(&d, "Borgo Hermada", "pickup_point");
    for same in ["borgo hermada", " BORGO   Hermada ", "Borgo\tHermada"] {
        let (en, it) = place_refused(&d, same);
        assert!(en.contains("has this name already"), "{en}");
        assert!(it.contains("già un luogo in uso con questo nome"), "{it}");
    }
    let line = one_line_error(&d.run(
        &["place", "import", "--jsonl", "-"],
        Some("{\"name\": \"Fondi\", \"type\": \"pickup_point\"}\n{\"name\": \"borgo hermada\", \"type\": \"farm\"}\n"),
    ));
    assert!(
        line.contains("line 2") && line.contains("has this name already"),
        "{line}"
    );
    let other = place(&d, "Borgo Hermada nord", "pickup_point");
    let line = one_line_error(&d.run(
        &["place", "edit", &other, "--json", "-"],
        Some(&json!({"name": "BORGO HERMADA"}).to_string()),
    ));
    assert!(line.contains("has this name already"), "{line}");
    assert_eq!(count(&d, "place"), 2);
    // Its own name in another case is still its own.
    d.json(
        &["place", "edit", &hermada, "--json", "-"],
        Some(&json!({"name": "Borgo  Hermada", "municipality": "Terracina"}).to_string()),
    );
    d.json(
        &["place", "edit", &hermada, "--json", "-"],
        Some(&json!({"name": "Borgo Hermada"}).to_string()),
    );

    // Six quick contacts at the place and three old records with free-text labels:
    // one column, "Borgo Hermada", in every table that groups by place.
    for i in 0..6 {
        contact(
            &d,
            &format!("c{i}"),
            &[
                "--place",
                &hermada,
                "--recontact",
                "yes",
                "--date",
                "2026-11-10",
            ],
        );
    }
    for (i, lp) in ["Borgo Hermada ", "BORGO HERMADA", "borgo  hermada"]
        .iter()
        .enumerate()
    {
        old_record(
            &d,
            &json!({"alias": format!("o{i}"), "listening_point": lp, "created": "2026-11-12"}),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
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
        ],
        None,
    );
    let report: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    for table in [
        "persons.listening_point",
        "cases.listening_point",
        "contacts.listening_point",
    ] {
        let t = report["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == table)
            .unwrap();
        let columns: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .filter(|c| *c != "unknown")
            .collect();
        assert_eq!(columns, ["Borgo Hermada"], "{table}");
    }
    assert_eq!(
        cell(
            &report,
            "persons.listening_point",
            "reached",
            "Borgo Hermada"
        ),
        Some(Some(9))
    );
    assert_eq!(
        cell(
            &report,
            "contacts.listening_point",
            "contacts",
            "Borgo Hermada"
        ),
        Some(Some(9))
    );

    // Retired, its name is free; it comes back in use only under another name.
    d.json(&["place", "retire", &hermada], None);
    let new = place(&d, "borgo hermada", "pickup_point");
    let line = one_line_error(&d.run(&["place", "reinstate", &hermada], None));
    assert!(line.contains("has this name already"), "{line}");
    d.json(&["place", "retire", &new], None);
    d.json(&["place", "reinstate", &hermada], None);
    assert!(
        row(&d, "place", &hermada)
            .get("retired")
            .is_none_or(Value::is_null)
    );
}

#[test]
fn places_reach_another_device_through_a_relay_and_a_retired_place_still_resolves() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (supervisor, phone) = (&devices[0], &devices[1]);
    let hermada = place(supervisor, "Borgo Hermada", "pickup_point");
    let sabaudia = place(supervisor, "Sabaudia", "listening_point");
    supervisor.json(&["sync"], None);
    phone.json(&["sync"], None);

    let listed: BTreeMap<String, (String, String)> = phone
        .json(&["place", "list"], None)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                (
                    r["title"].as_str().unwrap().to_owned(),
                    r["place_type"].as_str().unwrap().to_owned(),
                ),
            )
        })
        .collect();
    assert_eq!(
        listed,
        BTreeMap::from([
            (
                hermada.clone(),
                ("Borgo Hermada".into(), "pickup_point".into())
            ),
            (
                sabaudia.clone(),
                ("Sabaudia".into(), "listening_point".into())
            ),
        ])
    );

    // A contact at the pick-up point on the phone; the place is then retired by the
    // supervisor, and the phone learns it at its next sync.
    let met = contact(
        phone,
        "woman with a green scarf",
        &[
            "--place",
            &hermada,
            "--recontact",
            "no",
            "--date",
            "2026-03-02",
        ],
    );
    phone.json(&["sync"], None);
    supervisor.json(&["sync"], None);
    let retired = supervisor.json(&["place", "retire", &hermada, "--date", "2026-03-31"], None);
    assert_eq!(retired["retired"], "2026-03-31");
    supervisor.json(&["sync"], None);
    phone.json(&["sync"], None);

    assert_eq!(row(phone, "place", &hermada)["retired"], true);
    assert!(row(phone, "place", &sabaudia).get("retired").is_none());
    // Still there: the contact made there still resolves to its name.
    let on_phone = show(phone, &met);
    assert_eq!(on_phone["first_contact"]["place_id"], json!(hermada));
    let resolved = phone.json(&["place", "show", &hermada], None);
    assert_eq!(resolved["name"], "Borgo Hermada");
    // A new contact there is refused, and nothing is written.
    let before = count(phone, "person");
    let refused = one_line_error(&phone.run(
        &[
            "contact",
            "add",
            "--alias",
            "y",
            "--place",
            &hermada,
            "--recontact",
            "yes",
        ],
        None,
    ));
    assert!(refused.contains("retired"), "{refused}");
    assert_eq!(count(phone, "person"), before);
    // The supervisor's report still counts the contact under the retired place's name:
    // a column of that name (a column is a name someone was counted under), its one
    // contact hidden as every count from 1 to 4 is.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    supervisor.json(
        &[
            "report",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    let report: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        cell(
            &report,
            "contacts.listening_point",
            "contacts.quick",
            "Borgo Hermada"
        ),
        Some(None)
    );
    // Put back in use, a place takes contacts again.
    phone.json(&["place", "reinstate", &hermada], None);
    contact(phone, "z", &["--place", &hermada, "--recontact", "yes"]);
}

/// One person of the report's data set and what the test knows of their first
/// contact: its day, the place name it must be counted under, quick or at an intake.
struct First {
    day: &'static str,
    place: &'static str,
    quick: bool,
}

#[test]
fn reports_count_first_contacts_by_place_name_and_month() {
    const FROM: &str = "2026-01-01";
    const TO: &str = "2026-03-31";
    /// The data set of this test on `d`, `copies` times over (its places made once);
    /// what it recorded, once.
    fn seed(d: &Device, copies: usize) -> Vec<First> {
        let hermada = place(d, "Borgo Hermada", "pickup_point");
        let sabaudia = place(d, "Sabaudia", "listening_point");
        let mut firsts: Vec<First> = Vec::new();
        for copy in 0..copies {
            // Quick contacts (one of them later an intake: it still counts as a quick
            // one).
            let quick = [
                ("2026-01-05", Some(&hermada), "Borgo Hermada"),
                ("2026-01-19", Some(&hermada), "Borgo Hermada"),
                ("2026-01-20", Some(&hermada), "Borgo Hermada"),
                ("2026-02-02", Some(&sabaudia), "Sabaudia"),
                ("2026-02-03", Some(&hermada), "Borgo Hermada"),
                ("2026-03-30", None, "unknown"),
                ("2025-12-31", Some(&hermada), "Borgo Hermada"),
            ];
            for (i, (day, at, name)) in quick.iter().enumerate() {
                let mut args = vec!["--recontact", "yes", "--date", day];
                if let Some(at) = at {
                    args.extend(["--place", at.as_str()]);
                }
                let id = contact(d, &format!("q{copy}-{i}"), &args);
                if i == 0 {
                    d.json(&["contact", "intake", &id, "--date", "2026-02-10"], None);
                }
                firsts.push(First {
                    day,
                    place: name,
                    quick: true,
                });
            }
            // Intakes from the start: the first encounter's place (by id, or the old
            // label, which groups with the place of the same name), else the person's
            // own.
            let intakes = [
                (
                    json!({"alias": "i1", "encounters": {
                        "e1": {"date": "2026-02-14", "place_id": sabaudia},
                        "e2": {"date": "2026-03-01", "place_id": hermada}}}),
                    "2026-02-14",
                    "Sabaudia",
                ),
                (
                    json!({"alias": "i2", "listening_point": "Sabaudia",
                        "encounters": {"e1": {"date": "2026-03-03"}}}),
                    "2026-03-03",
                    "Sabaudia",
                ),
                (
                    json!({"alias": "i3", "place_id": hermada, "created": "2026-01-07"}),
                    "2026-01-07",
                    "Borgo Hermada",
                ),
                (
                    json!({"alias": "i4", "encounters": {
                        "e1": {"date": "2025-11-03", "place_id": hermada},
                        "e2": {"date": "2026-01-03"}}}),
                    "2025-11-03",
                    "Borgo Hermada",
                ),
                (
                    json!({"alias": "i5", "encounters": {"e1": {"date": "2026-03-09",
                        "listening_point": "Latina"}}}),
                    "2026-03-09",
                    "Latina",
                ),
            ];
            // The last one was written before the list (an old label, no place of
            // that name): stored as it was.
            let (new, old) = intakes.split_at(intakes.len() - 1);
            let lines: Vec<String> = new.iter().map(|(p, _, _)| p.to_string()).collect();
            d.json(
                &["person", "import", "--jsonl", "-"],
                Some(&lines.join("\n")),
            );
            old_record(d, &old[0].0);
            for (_, day, name) in &intakes {
                firsts.push(First {
                    day,
                    place: name,
                    quick: false,
                });
            }
        }
        firsts.truncate(firsts.len() / copies);
        firsts
    }
    let d = Device::new();
    let firsts = seed(&d, 1);
    // The same five times over, on a device of its own: every count is five times the
    // test's, 0 or at least 5 (the lowest threshold), so its report hides none and
    // shows the exact counts.
    const FIVE: u64 = 5;
    let fivefold = Device::new();
    seed(&fivefold, FIVE as usize);

    // What the report must say, from the list above.
    let mut want: BTreeMap<(&str, &str, String), u64> = BTreeMap::new();
    for f in firsts.iter().filter(|f| (FROM..=TO).contains(&f.day)) {
        let kind = if f.quick {
            "contacts.quick"
        } else {
            "contacts.intake"
        };
        let month = f.day[..7].to_owned();
        for indicator in ["contacts", kind] {
            for (table, column) in [
                ("contacts.listening_point", f.place.to_owned()),
                ("contacts.listening_point", "total".to_owned()),
                ("contacts.month", month.clone()),
            ] {
                *want.entry((table, indicator, column)).or_default() += 1;
            }
        }
    }
    assert_eq!(
        want[&("contacts.listening_point", "contacts", "total".into())],
        10
    );

    let dir = tempfile::tempdir().unwrap();
    let report = |d: &Device, name: &str| -> Value {
        let out = dir.path().join(name);
        let out_s = out.to_str().unwrap().to_owned();
        d.json(
            &[
                "report", "--from", FROM, "--to", TO, "--format", "json", "--out", &out_s,
            ],
            None,
        );
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap()
    };
    let exact = report(&fivefold, "exact.json");
    assert_eq!(exact["suppression"]["primary"], 0, "a count under 5");
    assert_eq!(exact["suppression"]["complementary"], 0);
    for ((table, indicator, column), n) in &want {
        assert_eq!(
            cell(&exact, table, indicator, column),
            Some(Some(FIVE * *n)),
            "{table} / {indicator} / {column}"
        );
    }
    // Every other cell of the two tables is zero.
    for table in ["contacts.listening_point", "contacts.month"] {
        let t = exact["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == table)
            .unwrap();
        for r in t["rows"].as_array().unwrap() {
            let indicator = r["indicator"].as_str().unwrap();
            for (i, c) in t["columns"].as_array().unwrap().iter().enumerate() {
                let key = (table, indicator, c.as_str().unwrap().to_owned());
                assert_eq!(
                    r["cells"][i].as_u64(),
                    Some(FIVE * want.get(&key).copied().unwrap_or(0)),
                    "{key:?}"
                );
            }
        }
    }

    // Published with the default threshold (5): no count from 1 to 4 shows, in these
    // tables as in the others, and every hidden line has at least two hidden members.
    let published = report(&d, "published.json");
    for ((table, indicator, column), n) in &want {
        let got = cell(&published, table, indicator, column).unwrap();
        if (1..5).contains(n) {
            assert_eq!(got, None, "{table} / {indicator} / {column} published");
        } else if let Some(shown) = got {
            assert_eq!(shown, *n);
        }
    }
}

/// Places from the list, not free text: a place typed by name on a new record lands on
/// the place of that name (compared without case and extra spaces), an unknown name is
/// refused with one translated line naming it and nothing is written, and an old
/// record's free text keeps showing and is accepted back by `person edit` unchanged.
#[test]
fn a_place_typed_on_a_new_record_is_the_lists_or_is_refused() {
    let d = Device::new();
    let hermada = place(&d, "Borgo Hermada", "pickup_point");
    let sabaudia = place(&d, "Sabaudia", "listening_point");
    let imported = d.json(
        &["person", "import", "--jsonl", "-"],
        Some(
            &[
                json!({"alias": "a", "listening_point": "borgo hermada "}),
                json!({"alias": "b", "encounters": {"e1": {"date": "2026-11-02",
                        "listening_point": "SABAUDIA"}}}),
            ]
            .map(|v| v.to_string())
            .join("\n"),
        ),
    );
    let ids: Vec<String> = imported["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap().to_owned())
        .collect();
    let a = show(&d, &ids[0]);
    assert_eq!(a["place_id"], json!(hermada));
    assert!(a.get("listening_point").is_none(), "{a}");
    let b = show(&d, &ids[1]);
    assert_eq!(b["encounters"]["e1"]["place_id"], json!(sabaudia));
    assert!(b["encounters"]["e1"].get("listening_point").is_none());
    // By name on a quick contact too.
    let c = contact(&d, "c", &["--place", " BORGO hermada", "--recontact", "no"]);
    assert_eq!(show(&d, &c)["place_id"], json!(hermada));

    // An unknown name: one translated line naming it, and nothing written (the good
    // line before it neither).
    let people = count(&d, "person");
    let lines = [
        json!({"alias": "ok"}).to_string(),
        json!({"alias": format!("x {MARKER}"), "listening_point": "Borgo Hermeda"}).to_string(),
    ]
    .join("\n");
    for (lang, says) in [
        ("en", "no place in use named"),
        ("it", "non c'è un luogo in uso chiamato"),
        ("ar", "لا يوجد في قائمة أماكن الفريق"),
    ] {
        let mut cmd = d.command(&["person", "import", "--jsonl", "-"]);
        cmd.env("PONTE_LANG", lang);
        let out = ponte_tests::run_with(cmd, Some(&lines));
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says) && err.contains("Borgo Hermeda"), "{err}");
        assert!(!err.contains(MARKER), "{err}");
    }
    for args in [
        &["person", "add", "--json", "-"][..],
        &["person", "import", "--jsonl", "-"],
    ] {
        let line = one_line_error(&d.run(
            args,
            Some(&json!({"alias": "y", "listening_point": "Latina"}).to_string()),
        ));
        assert!(line.contains("Latina"), "{line}");
    }
    let line = one_line_error(&d.run(
        &[
            "contact",
            "add",
            "--alias",
            "z",
            "--place",
            "Latina",
            "--recontact",
            "no",
        ],
        None,
    ));
    assert!(
        line.contains("no place in use named") && line.contains("Latina"),
        "{line}"
    );
    assert_eq!(count(&d, "person"), people);

    // An old record: its free text shows, and the shown record goes back unchanged.
    let old = old_record(
        &d,
        &json!({"alias": "old", "listening_point": "lp-latina-borgo",
                "encounters": {"e1": {"date": "2026-01-05", "listening_point": "lp-latina-borgo"}}}),
    );
    let before = stored(&d, &old);
    assert_eq!(before["listening_point"], "lp-latina-borgo");
    d.json(
        &["person", "edit", &old, "--json", "-"],
        Some(&show(&d, &old).to_string()),
    );
    assert_eq!(stored(&d, &old), before);
    // A new encounter on it names a place of the list; a new typed one is refused.
    d.json(
        &["person", "edit", &old, "--json", "-"],
        Some(
            &json!({"encounters": {"e2": {"date": "2026-11-03", "listening_point": "sabaudia"}}})
                .to_string(),
        ),
    );
    let after = show(&d, &old);
    assert_eq!(after["encounters"]["e2"]["place_id"], json!(sabaudia));
    assert_eq!(after["listening_point"], "lp-latina-borgo");
    let line = one_line_error(
        &d.run(
            &["person", "edit", &old, "--json", "-"],
            Some(
                &json!({"encounters": {"e3": {"date": "2026-11-04", "listening_point": "lp-x"}}})
                    .to_string(),
            ),
        ),
    );
    assert!(line.contains("lp-x"), "{line}");
    assert!(show(&d, &old)["encounters"].get("e3").is_none());
}

/// A place named by id on a new record is a place in use of the list: `person add`
/// with a retired place's `place_id` (or one no place has) is refused with one
/// translated line and writes nothing, while an older record made there is shown and
/// accepted back by `person edit` unchanged.
#[test]
fn a_retired_place_id_is_refused_on_a_new_record_and_kept_on_an_old_one() {
    let d = Device::new();
    let hermada = place(&d, "Borgo Hermada", "pickup_point");
    let old = d.add(
        "person",
        &json!({"alias": "old", "place_id": hermada,
                "encounters": {"e1": {"date": "2026-01-05", "place_id": hermada}}}),
    );
    d.json(&["place", "retire", &hermada], None);
    let people = count(&d, "person");
    let new = json!({"alias": format!("new {MARKER}"), "place_id": hermada}).to_string();
    for (lang, says) in [
        ("en", "This place is retired"),
        ("it", "Questo luogo non è più in uso"),
    ] {
        let mut cmd = d.command(&["person", "add", "--json", "-"]);
        cmd.env("PONTE_LANG", lang);
        let line = one_line_error(&ponte_tests::run_with(cmd, Some(&new)));
        assert!(line.contains(says) && !line.contains(MARKER), "{line}");
    }
    let nowhere = json!({"alias": "n", "place_id": "0123456789abcdef0123456789abcdef"});
    let line = one_line_error(&d.run(
        &["person", "add", "--json", "-"],
        Some(&nowhere.to_string()),
    ));
    assert!(line.contains("no place with that id"), "{line}");
    assert_eq!(count(&d, "person"), people);

    // The older record goes back as shown, its retired place kept.
    let before = stored(&d, &old);
    d.json(
        &["person", "edit", &old, "--json", "-"],
        Some(&show(&d, &old).to_string()),
    );
    assert_eq!(stored(&d, &old), before);
    assert_eq!(before["place_id"], json!(hermada));
    assert_eq!(before["encounters"]["e1"]["place_id"], json!(hermada));
}
