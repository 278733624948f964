//! `ponte programme` end to end: three real teams on a real relay record people,
//! referrals and outreach through the `ponte` binary (one team also through a
//! member's phone, synced), each supervisor publishes the period's package to a
//! coordinator, and the coordinator's combined report is checked against the sums
//! this test computes from what it recorded: every shown count is the test's sum,
//! every sum from 1 to 4 is hidden, no line gives a hidden cell back. No export of
//! exact counts exists (a threshold under 5 is refused). Also: a member's device is
//! refused, forged, tampered, unknown-team and other-coordinator packages are refused
//! with nothing kept, no marker put in a record reaches a package or any file of the
//! coordinator; a team that reached fewer than 5 people sends no package; and a
//! late team's hidden counts cannot be had by comparing the period's report before
//! and after its package (differencing).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/report_json.rs"]
mod report_json;

use report_json::{cell, jsonl};
use std::collections::BTreeMap;
use std::path::Path;

use ponte_tests::{Device, Relay, Rng, markers_left, one_line_error, team};
use serde_json::{Value, json};

const FROM: &str = "2026-01-01";
const TO: &str = "2026-03-31";
/// Names and notes carry this: no package and no file of the coordinator may.
const MARKER: &str = "QXPROGMARKERQX";
const NOTE_MARKER: &str = "QXNOTEMARKERQX";

/// One person as the test knows them.
#[derive(Debug, Clone)]
struct Person {
    sex: &'static str,
    nationality: &'static str,
    place: Option<String>,
    encounters: Vec<String>,
    /// (destination, date)
    referrals: Vec<(&'static str, String)>,
}

fn pick<T: Clone>(rng: &mut Rng, list: &[T]) -> T {
    list[usize::try_from(rng.below(list.len() as u64)).unwrap()].clone()
}

/// A day from 2025-11 to 2026-05, around the period.
fn day(rng: &mut Rng) -> String {
    let m = rng.below(7);
    let (y, m) = if m < 2 { (2025, 11 + m) } else { (2026, m - 1) };
    format!("{y}-{m:02}-{:02}", 1 + rng.below(28))
}

fn in_period(d: &str) -> bool {
    (FROM..=TO).contains(&d)
}

fn generate(rng: &mut Rng, places: &[String], n: usize) -> Vec<Person> {
    (0..n)
        .map(|_| Person {
            sex: pick(rng, &["female", "male", "male", "other"]),
            nationality: pick(rng, &["IN", "PK", "MA", "NG", "BD"]),
            place: (rng.below(100) < 85).then(|| pick(rng, places)),
            encounters: (0..1 + rng.below(3)).map(|_| day(rng)).collect(),
            referrals: (0..rng.below(3))
                .map(|_| (pick(rng, &["trade_union", "legal_aid", "health"]), day(rng)))
                .collect(),
        })
        .collect()
}

impl Person {
    fn to_json(&self) -> Value {
        let mut v = json!({
            "alias": format!("{MARKER} worker"),
            "sex": self.sex,
            "nationality": self.nationality,
            "notes": NOTE_MARKER,
        });
        if let Some(p) = &self.place {
            v["listening_point"] = json!(p);
        }
        v["encounters"] = self
            .encounters
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("e{i}"), json!({"date": d, "note": NOTE_MARKER})))
            .collect::<serde_json::Map<_, _>>()
            .into();
        v["consents"] = self
            .referrals
            .iter()
            .enumerate()
            .map(|(i, (dest, date))| {
                (
                    format!("c{i}"),
                    json!({"purpose": "referral", "destination": dest, "given": true,
                           "language": "pa", "date": date}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        v["referrals"] = self
            .referrals
            .iter()
            .enumerate()
            .map(|(i, (dest, date))| (format!("r{i}"), json!({"destination": dest, "date": date})))
            .collect::<serde_json::Map<_, _>>()
            .into();
        v
    }

    fn reached(&self) -> bool {
        self.encounters.iter().any(|d| in_period(d))
    }

    /// First contact in the period: the earliest encounter is in it.
    fn contact(&self) -> bool {
        self.encounters.iter().min().is_some_and(|d| in_period(d))
    }

    fn place(&self) -> String {
        self.place.clone().unwrap_or_else(|| "unknown".into())
    }
}

/// One outreach session: (date, place, total, women, men).
type Session = (String, String, u64, u64, u64);

fn sessions(rng: &mut Rng, places: &[String], n: usize) -> Vec<Session> {
    (0..n)
        .map(|_| {
            let total = 2 + rng.below(20);
            let women = rng.below(total / 2 + 1);
            let men = rng.below(total - women + 1);
            (day(rng), pick(rng, places), total, women, men)
        })
        .collect()
}

fn session_json(s: &Session) -> Value {
    json!({"date": s.0, "outreach_type": "street", "listening_point": s.1,
           "notes": NOTE_MARKER,
           "people_met": {"total": s.2, "women": s.3, "men": s.4}})
}

/// Every `(table, indicator, column) -> value` of a row of a table.
fn row_cells(report: &Value, table: &str, indicator: &str) -> BTreeMap<String, Option<u64>> {
    let t = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == table)
        .unwrap_or_else(|| panic!("no table {table}"));
    let cols = t["columns"].as_array().unwrap();
    let mut out = BTreeMap::new();
    for c in cols {
        let c = c.as_str().unwrap();
        out.insert(c.to_owned(), cell(report, table, indicator, c).unwrap());
    }
    if let Some(total) = cell(report, table, indicator, "total") {
        out.insert("total".into(), total);
    }
    out
}

/// A team of the programme: its devices, its name, and what it recorded.
struct Team {
    devices: Vec<Device>,
    name: String,
    people: Vec<Person>,
    sessions: Vec<Session>,
}

fn make_team(relay: &Relay, members: usize, name: &str, seed: u64, places: &[String]) -> Team {
    let devices = team(relay, members);
    // The team's places first: records name them by the list's names, which the
    // import resolves to the places; the members get the list by syncing.
    for place in places {
        devices[0].add("place", &json!({"name": place, "type": "listening_point"}));
    }
    if members > 0 {
        for d in &devices {
            d.json(&["sync"], None);
        }
    }
    let mut rng = Rng::new(seed);
    let people = generate(&mut rng, places, 40);
    let outreach = sessions(&mut rng, places, 8);
    let imported = devices[0].json(
        &["person", "import", "--jsonl", "-"],
        Some(&jsonl(people.iter().map(Person::to_json))),
    );
    assert_eq!(imported["created"], people.len());
    devices[0].json(
        &["outreach", "import", "--jsonl", "-"],
        Some(&jsonl(outreach.iter().map(session_json))),
    );
    Team {
        devices,
        name: name.to_owned(),
        people,
        sessions: outreach,
    }
}

fn path_str(p: &Path) -> String {
    p.to_str().unwrap().to_owned()
}

fn publish(device: &Device, code: &str, from: &str, to: &str, out: &Path) -> Value {
    device.json(
        &[
            "programme",
            "publish",
            "--coordinator",
            code,
            "--from",
            from,
            "--to",
            to,
            "--out",
            &path_str(out),
        ],
        None,
    )
}

fn programme_report(coordinator: &Device, extra: &[&str], format: &str, out: &Path) -> Value {
    let out_s = path_str(out);
    coordinator.json(&report_args(extra, format, &out_s), None)
}

/// A programme report of the period that must be refused: its one error line, and no
/// file written.
fn refused_report(coordinator: &Device, extra: &[&str], out: &Path) -> String {
    let out_s = path_str(out);
    let err = one_line_error(&coordinator.run(&report_args(extra, "json", &out_s), None));
    assert!(!out.exists(), "a refused report wrote {out_s}");
    err
}

fn report_args<'a>(extra: &[&'a str], format: &'a str, out: &'a str) -> Vec<&'a str> {
    let mut args = vec![
        "programme",
        "report",
        "--from",
        FROM,
        "--to",
        TO,
        "--format",
        format,
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    args
}

/// The error line of a refused import, and that nothing of the period was kept.
fn refused_import(coordinator: &Device, files: &[&Path]) -> String {
    let mut args = vec!["programme".to_owned(), "import".to_owned()];
    args.extend(files.iter().map(|f| path_str(f)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    one_line_error(&coordinator.run(&args, None))
}

fn periods_received(coordinator: &Device) -> usize {
    coordinator.json(&["programme", "list"], None)["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["periods"].as_array().unwrap().len())
        .sum()
}

#[test]
fn three_teams_publish_and_the_coordinator_adds_them_up_then_suppresses() {
    let relay = Relay::start();
    let places = |t: &str| -> Vec<String> {
        vec![
            format!("{t} centro"),
            format!("{t} campi"),
            "Stazione".into(),
        ]
    };
    let mut teams = vec![
        make_team(&relay, 1, "Latina", 11, &places("Latina")),
        make_team(&relay, 0, "Fondi", 22, &places("Fondi")),
        make_team(&relay, 0, "Sabaudia", 33, &places("Sabaudia")),
    ];

    // Team Latina's member records people on their phone; after both sync, the
    // supervisor's device holds them and publishes them with the rest.
    let mut rng = Rng::new(44);
    let from_member = generate(&mut rng, &places("Latina"), 6);
    for p in &from_member {
        teams[0].devices[1].add("person", &p.to_json());
    }
    teams[0].devices[1].json(&["sync"], None);
    teams[0].devices[0].json(&["sync"], None);
    teams[0].people.extend(from_member);

    // The coordinator: a store of its own, in no team.
    let coordinator = Device::new();
    let init = coordinator.json(&["programme", "init", "--name", "FAMI Lazio"], None);
    let dir = tempfile::tempdir().unwrap();
    let qr = dir.path().join("coordinator.png");
    let key = coordinator.json(&["programme", "key", "--qr", &path_str(&qr)], None);
    assert_eq!(key["code"], init["code"]);
    assert!(std::fs::read(&qr).unwrap().starts_with(b"\x89PNG"));
    let code = key["code"].as_str().unwrap().to_owned();
    assert!(code.starts_with("ponteprog1:"), "{code}");
    let fingerprint = key["fingerprint"].as_str().unwrap().to_owned();

    // Each supervisor's team code, pinned by the coordinator.
    let mut team_ids = Vec::new();
    for t in &teams {
        let tc = t.devices[0].json(&["programme", "team-code", "--name", &t.name], None);
        let pinned = coordinator.json(
            &["programme", "add-team", tc["code"].as_str().unwrap()],
            None,
        );
        assert_eq!(pinned["name"], t.name.as_str());
        assert_eq!(pinned["team"], tc["team"]);
        team_ids.push(tc["team"].as_str().unwrap().to_owned());
    }

    // A member's device can neither publish nor give a team code; both refusals are
    // in its audit log.
    let member = &teams[0].devices[1];
    let refused = member.run(
        &[
            "programme",
            "publish",
            "--coordinator",
            &code,
            "--from",
            FROM,
            "--to",
            TO,
            "--out",
            &path_str(&dir.path().join("member.json")),
        ],
        None,
    );
    assert!(
        one_line_error(&refused).contains("Only the team's supervisor"),
        "{refused:?}"
    );
    assert!(!dir.path().join("member.json").exists());
    let refused = member.run(&["programme", "team-code"], None);
    assert!(one_line_error(&refused).contains("Only the team's supervisor"));
    let audit = member.json(&["audit"], None).to_string();
    assert!(
        audit.contains(&format!(
            "programme publish refused=not-supervisor team={}",
            team_ids[0]
        )),
        "{audit}"
    );

    // Each supervisor publishes the period; the package is audited without counts.
    let mut packages = Vec::new();
    for (t, id) in teams.iter().zip(&team_ids) {
        let out = dir.path().join(format!("{}.ponte-programme.json", t.name));
        let done = publish(&t.devices[0], &code, FROM, TO, &out);
        assert_eq!(done["team"], id.as_str());
        assert_eq!(done["coordinator"], fingerprint.as_str());
        let bytes = std::fs::read(&out).unwrap();
        for m in [MARKER, NOTE_MARKER, "Stazione", "centro"] {
            assert_eq!(
                ponte_tests::count_occurrences(&bytes, m.as_bytes()),
                0,
                "{m} in the package of {}",
                t.name
            );
        }
        let audit = t.devices[0].json(&["audit"], None).to_string();
        assert!(
            audit.contains(&format!(
                "programme publish team={id} from={FROM} to={TO} coordinator={fingerprint}\""
            )),
            "{audit}"
        );
        packages.push(out);
    }

    // Refused packages, and nothing kept when one file of a batch is refused.
    let text = std::fs::read_to_string(&packages[1]).unwrap();
    let mut tampered: Value = serde_json::from_str(&text).unwrap();
    let body = tampered["body"].as_str().unwrap().to_owned();
    let flipped = if body.starts_with('A') { "B" } else { "A" };
    tampered["body"] = json!(format!("{flipped}{}", &body[1..]));
    let tampered_path = dir.path().join("tampered.json");
    std::fs::write(&tampered_path, tampered.to_string()).unwrap();
    let err = refused_import(&coordinator, &[&packages[0], &tampered_path]);
    assert!(err.contains("forged or altered"), "{err}");
    assert_eq!(
        periods_received(&coordinator),
        0,
        "a refused batch kept something"
    );

    // Forged: Fondi's package passed off as Latina's.
    let mut forged: Value = serde_json::from_str(&text).unwrap();
    forged["team"] = json!(team_ids[0]);
    let forged_path = dir.path().join("forged.json");
    std::fs::write(&forged_path, forged.to_string()).unwrap();
    let err = refused_import(&coordinator, &[&forged_path]);
    assert!(err.contains("forged or altered"), "{err}");

    // A period moved in the file: the signature no longer holds.
    let mut moved: Value = serde_json::from_str(&text).unwrap();
    moved["to"] = json!("2026-06-30");
    let moved_path = dir.path().join("moved.json");
    std::fs::write(&moved_path, moved.to_string()).unwrap();
    assert!(refused_import(&coordinator, &[&moved_path]).contains("forged or altered"));

    // Not a package at all.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, b"{\"hello\": 1}").unwrap();
    assert!(refused_import(&coordinator, &[&junk]).contains("not a programme package"));

    // Sealed to another coordinator.
    let other = Device::new();
    let other_code = other.json(&["programme", "init", "--name", "Other"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let elsewhere = dir.path().join("elsewhere.json");
    publish(&teams[0].devices[0], &other_code, FROM, TO, &elsewhere);
    let err = refused_import(&coordinator, &[&elsewhere]);
    assert!(err.contains("another programme coordinator"), "{err}");

    // A team the programme does not know yet; once pinned, its package (of another
    // period) is accepted, and for the report's period it is named as missing.
    let fourth = team(&relay, 0);
    let early = dir.path().join("early.json");
    publish(&fourth[0], &code, "2026-01-01", "2026-01-31", &early);
    let err = refused_import(&coordinator, &[&early]);
    assert!(err.contains("does not know"), "{err}");
    assert_eq!(periods_received(&coordinator), 0);
    let tc = fourth[0].json(&["programme", "team-code", "--name", "Terracina"], None);
    coordinator.json(
        &["programme", "add-team", tc["code"].as_str().unwrap()],
        None,
    );

    // The three packages and the fourth team's, at once.
    let mut args = vec!["programme".to_owned(), "import".to_owned()];
    args.extend(packages.iter().map(|p| path_str(p)));
    args.push(path_str(&early));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let imported = coordinator.json(&args, None);
    let statuses: Vec<&str> = imported["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["added"; 4]);
    assert_eq!(periods_received(&coordinator), 4);

    // A newer package of a team for the period replaces the older; the older one
    // again is not kept.
    let again = dir.path().join("again.json");
    publish(&teams[2].devices[0], &code, FROM, TO, &again);
    let imported = coordinator.json(&["programme", "import", &path_str(&again)], None);
    assert_eq!(imported["imported"][0]["status"], "replaced");
    let imported = coordinator.json(&["programme", "import", &path_str(&packages[2])], None);
    assert_eq!(imported["imported"][0]["status"], "older");
    assert_eq!(periods_received(&coordinator), 4);

    // No report of exact counts: a threshold under 5 is refused, and nothing written.
    for low in ["0", "1", "4"] {
        let out = dir.path().join(format!("threshold-{low}.json"));
        let err = refused_report(&coordinator, &["--threshold", low], &out);
        assert!(err.contains("at least 5"), "{err}");
    }

    // The combined report, small counts suppressed at the default threshold: every
    // count it shows is the sum computed here from what the teams recorded.
    let published_path = dir.path().join("published.json");
    let summary = programme_report(&coordinator, &[], "json", &published_path);
    assert_eq!(summary["suppression"]["threshold"], 5);
    let published: Value =
        serde_json::from_slice(&std::fs::read(&published_path).unwrap()).unwrap();
    assert_eq!(published["team"], "FAMI Lazio");
    let named: Vec<(String, bool)> = published["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_owned(),
                t["included"] == true,
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            ("Latina".to_owned(), true),
            ("Fondi".to_owned(), true),
            ("Sabaudia".to_owned(), true),
            ("Terracina".to_owned(), false),
        ]
    );

    let all: Vec<&Person> = teams.iter().flat_map(|t| &t.people).collect();
    let mut want: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    let mut put = |table: &str, indicator: &str, col: &str, n: u64| {
        *want
            .entry((table.into(), indicator.into(), col.into()))
            .or_default() += n;
    };
    for p in &all {
        for col in [p.sex, "total"] {
            put("persons.sex", "reached", col, u64::from(p.reached()));
        }
        for col in [p.nationality, "total"] {
            put(
                "persons.nationality",
                "reached",
                col,
                u64::from(p.reached()),
            );
        }
        for col in [p.place(), "total".into()] {
            put(
                "persons.listening_point",
                "reached",
                &col,
                u64::from(p.reached()),
            );
            put(
                "contacts.listening_point",
                "contacts",
                &col,
                u64::from(p.contact()),
            );
        }
        for (dest, date) in &p.referrals {
            for col in [*dest, "total"] {
                put(
                    "referrals.destination",
                    "referrals",
                    col,
                    u64::from(in_period(date)),
                );
            }
        }
    }
    for t in &teams {
        for s in &t.sessions {
            let inside = u64::from(in_period(&s.0));
            for col in [s.1.as_str(), "total"] {
                put("outreach.listening_point", "sessions", col, inside);
                put("outreach.listening_point", "people_met", col, inside * s.2);
                put(
                    "outreach.listening_point",
                    "people_met.women",
                    col,
                    inside * s.3,
                );
            }
        }
        let reached = t.people.iter().filter(|p| p.reached()).count() as u64;
        let contacts = t.people.iter().filter(|p| p.contact()).count() as u64;
        let referrals = t
            .people
            .iter()
            .flat_map(|p| &p.referrals)
            .filter(|r| in_period(&r.1))
            .count() as u64;
        put("programme.team", "reached", &t.name, reached);
        put("programme.team", "contacts", &t.name, contacts);
        put("programme.team", "referrals", &t.name, referrals);
        put("programme.team", "reached", "total", reached);
        put("programme.team", "contacts", "total", contacts);
        put("programme.team", "referrals", "total", referrals);
    }
    // Every cell of the rows the test knows: shown, it is the test's sum (0 for a
    // column the test does not expect); a count of people from 1 to 4 is never shown
    // (sessions, the teams' activity, always are).
    let rows: std::collections::BTreeSet<(String, String)> = want
        .keys()
        .map(|(t, i, _)| (t.clone(), i.clone()))
        .collect();
    let (mut shown, mut small) = (0, 0);
    for (table, indicator) in &rows {
        let people = indicator != "sessions";
        for (col, got) in row_cells(&published, table, indicator) {
            let w = want
                .get(&(table.clone(), indicator.clone(), col.clone()))
                .copied()
                .unwrap_or(0);
            match got {
                Some(n) => {
                    assert_eq!(n, w, "{table} / {indicator} / {col}");
                    shown += 1;
                }
                None if people && (1..5).contains(&w) => small += 1,
                None => {}
            }
            assert!(
                !people || !(1..5).contains(&w) || got.is_none(),
                "{table} / {indicator} / {col}: {w} shown"
            );
        }
    }
    assert!(
        shown > 40 && small > 0,
        "{shown} cells shown, {small} small ones hidden: the check checked little"
    );
    // Each team's headline figures, all large, are shown exactly; the total of
    // people reached is the three teams' sum.
    let mut reached_sum = 0;
    for t in &teams {
        let reached = t.people.iter().filter(|p| p.reached()).count() as u64;
        assert!(reached >= 5, "{}: {reached}", t.name);
        assert_eq!(
            cell(&published, "programme.team", "reached", &t.name),
            Some(Some(reached)),
            "{}",
            t.name
        );
        reached_sum += reached;
    }
    assert_eq!(
        cell(&published, "persons.sex", "reached", "total"),
        Some(Some(reached_sum))
    );
    // The place every team has is one column, its count (where shown) the three
    // teams' sum.
    let stazione = all
        .iter()
        .filter(|p| p.reached() && p.place.as_deref() == Some("Stazione"))
        .count() as u64;
    assert!(stazione > 0);
    match cell(&published, "persons.listening_point", "reached", "Stazione") {
        Some(Some(n)) => assert_eq!(n, stazione),
        Some(None) => {}
        None => panic!("no Stazione column"),
    }
    // The fourth team's January package is not in this period's report.
    assert_eq!(
        cell(&published, "programme.team", "reached", "Terracina"),
        None
    );

    // Every shown count of people is 0 or at least 5 (the by-team table's too), and no
    // line of the combined tables has exactly one hidden member (which the others
    // would give back by subtraction).
    let mut hidden = 0;
    for t in published["tables"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        let cols: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        for row in t["rows"].as_array().unwrap() {
            let ind = row["indicator"].as_str().unwrap();
            let sensitive = row["unit"] != "sessions";
            let mut members: Vec<Option<u64>> = row["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(Value::as_u64)
                .collect();
            if let Some(total) = row.get("total") {
                members.push(total.as_u64());
                assert_ne!(
                    members.iter().filter(|m| m.is_none()).count(),
                    1,
                    "{id} / {ind}: one hidden cell in a row with a total"
                );
            }
            for (i, v) in members.iter().enumerate() {
                hidden += usize::from(v.is_none());
                if let Some(n) = v
                    && sensitive
                {
                    assert!(*n == 0 || *n >= 5, "{id} / {ind} / {i}: {n} shown");
                }
            }
        }
        for g in t["groups"].as_array().unwrap() {
            let total = g["total"].as_str().unwrap();
            for col in cols.iter().copied().chain(["total"]) {
                let Some(top) = cell(&published, id, total, col) else {
                    continue;
                };
                let parts: Vec<Option<u64>> = g["parts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| cell(&published, id, p.as_str().unwrap(), col).unwrap())
                    .collect();
                let n = parts.iter().filter(|p| p.is_none()).count() + usize::from(top.is_none());
                assert_ne!(n, 1, "{id} / {total} / {col}: one hidden member");
            }
        }
    }
    assert!(
        hidden > 0,
        "nothing was small enough to hide: the check checked nothing"
    );
    assert_eq!(
        published["suppression"]["primary"].as_u64().unwrap()
            + published["suppression"]["complementary"].as_u64().unwrap(),
        hidden as u64
    );

    // CSV names the teams included and missing; XLSX is written too.
    let csv_path = dir.path().join("programme.csv");
    programme_report(&coordinator, &[], "csv", &csv_path);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(
        csv.contains("# teams_included,Latina,Fondi,Sabaudia\r\n"),
        "{csv}"
    );
    assert!(csv.contains("# teams_missing,Terracina\r\n"), "{csv}");
    let xlsx_path = dir.path().join("programme.xlsx");
    let charts = dir.path().join("charts");
    let summary = programme_report(
        &coordinator,
        &["--charts", &path_str(&charts)],
        "xlsx",
        &xlsx_path,
    );
    assert_eq!(summary["charts"].as_array().unwrap().len(), 6, "{summary}");
    {
        use calamine::{Data, Reader, Xlsx};
        let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx_path).unwrap();
        let names = wb.sheet_names();
        assert_eq!(
            names.len(),
            published["tables"].as_array().unwrap().len() + 1
        );
        assert_eq!(names[1], "By team");
        let about = wb.worksheet_range(&names[0]).unwrap();
        let about: Vec<(String, String)> = about
            .rows()
            .map(|r| {
                (
                    r[0].to_string(),
                    r.get(1).map(ToString::to_string).unwrap_or_default(),
                )
            })
            .collect();
        assert!(
            about.contains(&("Team".into(), "FAMI Lazio".into())),
            "{about:?}"
        );
        assert!(
            about.contains(&("Teams included".into(), "Latina, Fondi, Sabaudia".into())),
            "{about:?}"
        );
        assert!(
            about
                .iter()
                .any(|(k, v)| k.starts_with("Teams missing") && v == "Terracina"),
            "{about:?}"
        );
        // The by-team sheet shows what the JSON shows, hidden cells as "x".
        let by_team = wb.worksheet_range(&names[1]).unwrap();
        let cols = row_cells(&published, "programme.team", "reached");
        for (c, name) in ["Latina", "Fondi", "Sabaudia"].iter().enumerate() {
            assert_eq!(by_team.get((1, 2 + c)), Some(&Data::String((*name).into())));
            let want = match cols[*name] {
                Some(n) => Data::Float(n as f64),
                None => Data::String("x".into()),
            };
            assert_eq!(by_team.get((2, 2 + c)), Some(&want), "{name}");
        }
    }

    // The period's report is made: another threshold for it is refused (two
    // suppressions of one period could be set against each other), the same one is
    // not.
    let err = refused_report(
        &coordinator,
        &["--threshold", "6"],
        &dir.path().join("six.json"),
    );
    assert!(
        err.contains("already made") && err.contains("threshold 5"),
        "{err}"
    );
    let listed = coordinator.json(&["programme", "list"], None);
    assert_eq!(listed["reported"], json!([{"from": FROM, "to": TO}]));

    // A period nobody sent is refused, naming it.
    let err = one_line_error(&coordinator.run(
        &[
            "programme",
            "report",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-30",
            "--format",
            "json",
            "--out",
            &path_str(&dir.path().join("none.json")),
        ],
        None,
    ));
    assert!(err.contains("2026-04-01"), "{err}");

    // The coordinator's exports are audited, with no count in the entry.
    let audit = coordinator.json(&["audit"], None).to_string();
    assert!(
        audit.contains(&format!(
            "programme report from={FROM} to={TO} format=json threshold=5 teams=3 missing=1"
        )),
        "{audit}"
    );

    // No marker of a record anywhere at the coordinator, in its outputs or in a
    // package.
    let left = markers_left(coordinator.home(), &[MARKER, NOTE_MARKER]);
    assert!(left.is_empty(), "{left:?}");
    let left = markers_left(dir.path(), &[MARKER, NOTE_MARKER]);
    assert!(left.is_empty(), "{left:?}");
}

/// `n` people reached in the period, of one sex and nationality, as JSON Lines.
fn people(prefix: &str, n: usize, sex: &str, nationality: &str) -> String {
    people_on(prefix, n, sex, nationality, "2026-02-10")
}

/// `n` people met once, on `day`.
fn people_on(prefix: &str, n: usize, sex: &str, nationality: &str, day: &str) -> String {
    jsonl((0..n).map(|i| {
        json!({"alias": format!("{prefix} {i} {MARKER}"), "sex": sex, "nationality": nationality,
               "encounters": {"e": {"date": day}}})
    }))
}

fn import_people(device: &Device, lines: &str) {
    device.json(&["person", "import", "--jsonl", "-"], Some(lines));
}

/// The tables of a report's JSON (what two reports of one period must share).
fn tables(path: &Path) -> Value {
    let report: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    report["tables"].clone()
}

/// The differencing attack of a coordinator, played through the CLI: the period is
/// reported with two teams, then a third team's package arrives (a small team: one
/// woman among six people). Were it added, the period's report again would show one
/// woman more, and its nationality column one person of a nationality nobody else
/// has: the late team's hidden counts, by subtraction. The rule (one published set
/// per period) refuses the package, a newer package of a team in the report, and a
/// report of the period at another threshold; every report of the period the
/// coordinator can still make has the same figures, so nothing differences out.
/// Before that: a team that reached fewer than 5 people sends no package at all.
#[test]
fn a_late_teams_hidden_counts_cannot_be_had_by_differencing() {
    let relay = Relay::start();
    let (a, b, c) = (team(&relay, 0), team(&relay, 0), team(&relay, 0));
    let (a, b, c) = (&a[0], &b[0], &c[0]);
    import_people(a, &people("a", 25, "male", "PK"));
    import_people(a, &people("a-f", 12, "female", "IN"));
    import_people(b, &people("b", 20, "male", "PK"));
    import_people(b, &people("b-f", 9, "female", "IN"));
    // The late team: two people so far.
    import_people(c, &people("c", 2, "male", "PK"));

    let coordinator = Device::new();
    let code = coordinator.json(&["programme", "init", "--name", "FAMI Lazio"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    for (device, name) in [(a, "A"), (b, "B"), (c, "C")] {
        let tc = device.json(&["programme", "team-code", "--name", name], None);
        coordinator.json(
            &["programme", "add-team", tc["code"].as_str().unwrap()],
            None,
        );
    }
    let dir = tempfile::tempdir().unwrap();

    // Two people reached: a package would be their profile. Refused, audited, no file.
    let too_few = dir.path().join("c-too-few.json");
    let out = c.run(
        &[
            "programme",
            "publish",
            "--coordinator",
            &code,
            "--from",
            FROM,
            "--to",
            TO,
            "--out",
            &path_str(&too_few),
        ],
        None,
    );
    let err = one_line_error(&out);
    assert!(err.contains("fewer than 5 people"), "{err}");
    assert!(!too_few.exists());
    let audit = c.json(&["audit"], None).to_string();
    assert!(
        audit.contains(&format!(
            "programme publish refused=too-few team={} from={FROM} to={TO}",
            c.json(&["programme", "team-code"], None)["team"]
                .as_str()
                .unwrap()
        )),
        "{audit}"
    );

    // The coordinator reports the period with A and B.
    let (pa, pb) = (dir.path().join("a.json"), dir.path().join("b.json"));
    publish(a, &code, FROM, TO, &pa);
    publish(b, &code, FROM, TO, &pb);
    coordinator.json(
        &["programme", "import", &path_str(&pa), &path_str(&pb)],
        None,
    );
    let first = dir.path().join("ab.json");
    let summary = programme_report(&coordinator, &[], "json", &first);
    assert_eq!(summary["suppression"]["threshold"], 5);
    let ab: Value = serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    assert_eq!(
        cell(&ab, "persons.sex", "reached", "female"),
        Some(Some(21))
    );
    assert_eq!(cell(&ab, "persons.sex", "reached", "male"), Some(Some(45)));
    assert_eq!(cell(&ab, "persons.nationality", "reached", "NG"), None);

    // Team C reaches four more people, one of them a woman from Nigeria: six now, a
    // package may leave. What C's package would add, by the test's own count: one
    // woman, five men, one person from Nigeria.
    import_people(c, &people("c-more", 3, "male", "PK"));
    import_people(c, &people("c-f", 1, "female", "NG"));
    let late = dir.path().join("c.json");
    publish(c, &code, FROM, TO, &late);
    let err = refused_import(&coordinator, &[&late]);
    assert!(
        err.contains("c.json") && err.contains("already made") && err.contains(FROM),
        "{err}"
    );
    assert_eq!(
        periods_received(&coordinator),
        2,
        "the late package was kept"
    );

    // Nor can a team of the report change it: A records one more person and sends a
    // newer package.
    import_people(a, &people("a-late", 1, "female", "NG"));
    let newer = dir.path().join("a-newer.json");
    publish(a, &code, FROM, TO, &newer);
    let err = refused_import(&coordinator, &[&newer]);
    assert!(err.contains("already made"), "{err}");
    // The package of A the report used, imported again, changes nothing.
    let again = coordinator.json(&["programme", "import", &path_str(&pa)], None);
    assert_eq!(again["imported"][0]["status"], "older");

    // Other thresholds: under 5 refused outright; above it, refused for this period.
    for threshold in ["0", "4", "6", "7"] {
        let out = dir.path().join(format!("t{threshold}.json"));
        let err = refused_report(&coordinator, &["--threshold", threshold], &out);
        assert!(
            err.contains("at least 5") || err.contains("already made"),
            "{threshold}: {err}"
        );
    }

    // Every report of the period the coordinator can make now: the same figures,
    // without C (listed as missing). Any difference between them is 0, so C's one
    // woman and one person from Nigeria cannot be worked out.
    let mut made = vec![first.clone()];
    for name in ["again.json", "again-2.json"] {
        let out = dir.path().join(name);
        let summary = programme_report(&coordinator, &[], "json", &out);
        let teams: Vec<(&str, bool)> = summary["teams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["name"].as_str().unwrap(), t["included"] == true))
            .collect();
        assert_eq!(teams, [("A", true), ("B", true), ("C", false)]);
        made.push(out);
    }
    for path in &made[1..] {
        assert_eq!(
            tables(path),
            tables(&first),
            "{path:?} differs from ab.json"
        );
    }
    let women_told: Vec<Option<Option<u64>>> = made
        .iter()
        .map(|p| {
            let r: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
            cell(&r, "persons.sex", "reached", "female")
        })
        .collect();
    assert!(
        women_told.iter().all(|w| *w == Some(Some(21))),
        "{women_told:?}"
    );

    // What stays possible: C takes part in the next period. In the second quarter
    // only C met people (five); A and B reached nobody, and a package that counts no
    // one's record may leave.
    import_people(c, &people_on("c-q2", 5, "male", "PK", "2026-04-15"));
    let (from2, to2) = ("2026-04-01", "2026-06-30");
    let mut files = Vec::new();
    for (device, name) in [(a, "a2"), (b, "b2"), (c, "c2")] {
        let out = dir.path().join(format!("{name}.json"));
        publish(device, &code, from2, to2, &out);
        files.push(path_str(&out));
    }
    let mut args = vec!["programme", "import"];
    args.extend(files.iter().map(String::as_str));
    let imported = coordinator.json(&args, None);
    assert_eq!(imported["imported"].as_array().unwrap().len(), 3);
    let out = dir.path().join("q2.json");
    let summary = coordinator.json(
        &[
            "programme",
            "report",
            "--from",
            from2,
            "--to",
            to2,
            "--format",
            "json",
            "--out",
            &path_str(&out),
        ],
        None,
    );
    assert!(
        summary["teams"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["included"] == true),
        "{summary}"
    );
    let q2: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    for (team, n) in [("A", 0), ("B", 0), ("C", 5), ("total", 5)] {
        assert_eq!(
            cell(&q2, "programme.team", "reached", team),
            Some(Some(n)),
            "{team}"
        );
    }
}

#[test]
fn a_team_device_cannot_become_a_coordinator_and_codes_are_checked() {
    let relay = Relay::start();
    let devices = team(&relay, 0);
    let err = one_line_error(&devices[0].run(&["programme", "init", "--name", "X"], None));
    assert!(err.contains("cannot be a programme coordinator"), "{err}");
    let plain = Device::new();
    let err = one_line_error(&plain.run(&["programme", "key"], None));
    assert!(err.contains("not a programme coordinator"), "{err}");
    plain.json(&["programme", "init", "--name", "P"], None);
    let err = one_line_error(&plain.run(&["programme", "add-team", "ponteteam1:xx"], None));
    assert!(err.contains("not a team code"), "{err}");
    let err = one_line_error(&devices[0].run(
        &[
            "programme",
            "publish",
            "--coordinator",
            "ponteprog1:nope",
            "--from",
            FROM,
            "--to",
            TO,
            "--out",
            "/nonexistent/x",
        ],
        None,
    ));
    assert!(err.contains("not a coordinator code"), "{err}");
}
