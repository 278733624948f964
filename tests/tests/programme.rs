//! `ponte programme` end to end: three real teams on a real relay record people,
//! referrals and outreach through the `ponte` binary (one team also through a
//! member's phone, synced), each supervisor publishes the period's package to a
//! coordinator, and the coordinator's combined report is checked against the sums
//! this test computes from what it recorded, before suppression (threshold 0) and
//! with the default threshold (suppression holds on the combined tables). Also: a
//! member's device is refused, forged, tampered, unknown-team and other-coordinator
//! packages are refused with nothing kept, and no marker put in a record reaches a
//! package or any file of the coordinator.

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
           "place": NOTE_MARKER,
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
        &out_s,
    ];
    args.extend_from_slice(extra);
    coordinator.json(&args, None)
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

    // The exact combined report equals the sums computed here.
    let exact_path = dir.path().join("exact.json");
    let summary = programme_report(&coordinator, &["--threshold", "0"], "json", &exact_path);
    assert_eq!(summary["suppression"]["threshold"], 0);
    let exact: Value = serde_json::from_slice(&std::fs::read(&exact_path).unwrap()).unwrap();
    assert_eq!(exact["team"], "FAMI Lazio");
    let named: Vec<(String, bool)> = exact["teams"]
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
    // Every expected cell, and every cell of those rows the test does not expect is 0.
    let rows: std::collections::BTreeSet<(String, String)> = want
        .keys()
        .map(|(t, i, _)| (t.clone(), i.clone()))
        .collect();
    for (table, indicator) in &rows {
        for (col, got) in row_cells(&exact, table, indicator) {
            let w = want
                .get(&(table.clone(), indicator.clone(), col.clone()))
                .copied()
                .unwrap_or(0);
            assert_eq!(got, Some(w), "{table} / {indicator} / {col}");
        }
    }
    // The place every team has is one column, its count the three teams' sum.
    let stazione = all
        .iter()
        .filter(|p| p.reached() && p.place.as_deref() == Some("Stazione"))
        .count() as u64;
    assert!(stazione > 0);
    assert_eq!(
        cell(&exact, "persons.listening_point", "reached", "Stazione"),
        Some(Some(stazione))
    );
    // The fourth team's January package is not in this period's report.
    assert_eq!(cell(&exact, "programme.team", "reached", "Terracina"), None);

    // With the default threshold: every shown count of people is 0 or at least 5,
    // and no line of the combined tables has exactly one hidden member (which the
    // others would give back by subtraction).
    let published_path = dir.path().join("published.json");
    let summary = programme_report(&coordinator, &[], "json", &published_path);
    assert_eq!(summary["suppression"]["threshold"], 5);
    let published: Value =
        serde_json::from_slice(&std::fs::read(&published_path).unwrap()).unwrap();
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
    // Published counts are the exact ones where shown.
    for (table, indicator) in &rows {
        for (col, got) in row_cells(&published, table, indicator) {
            if let Some(n) = got {
                assert_eq!(
                    Some(Some(n)),
                    cell(&exact, table, indicator, &col),
                    "{table} / {indicator} / {col}"
                );
            }
        }
    }

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
