//! `ponte report` end to end: a generated data set imported through the CLI, with
//! every expected count computed here from the generator's own description of each
//! person (not by `ponte-report`), then compared with the JSON, CSV and XLSX the
//! binary writes; suppression checked on the real export; edge cases (no sex,
//! erased persons, a referral without consent) through the CLI; exports audited.
//!
//! No report shows counts from 1 to 4 (the threshold is 5 at least), so the exact
//! counts are checked on a second device that holds the data set five times over:
//! each of its counts is five times the data set's, 0 or at least 5, and nothing is
//! hidden.
//!
//! `PONTE_UPDATE_DOCS=1` copies the charts of the generated data set to `docs/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/report_json.rs"]
mod report_json;

use report_json::{cell, jsonl};
use std::collections::{BTreeMap, BTreeSet};

use ponte_tests::{Device, Rng};
use serde_json::{Value, json};

const FROM: &str = "2026-01-01";
const TO: &str = "2026-06-30";
/// How many times the exact-count device holds the data set: the lowest threshold, so
/// that none of its counts is hidden.
const FIVE: u64 = 5;
/// Aliases carry this marker: no report file may contain it.
const MARKER: &str = "QXMARKERQX";

/// A screening template and what it means, known by construction:
/// (screening JSON, effective risk, screened, answers as (item, yes)).
type Template = (Value, &'static str, bool, Vec<(&'static str, bool)>);

fn templates() -> Vec<Template> {
    vec![
        (json!({}), "not_screened", false, vec![]),
        (
            json!({"s603": {"pay": {"answer": "yes"}, "hours": {"answer": "yes"}}}),
            "high",
            true,
            vec![("s603.pay", true), ("s603.hours", true)],
        ),
        (
            json!({"s603": {"pay": {"answer": "yes"}, "safety": {"answer": "no"}}}),
            "medium",
            true,
            vec![("s603.pay", true), ("s603.safety", false)],
        ),
        (
            json!({"s603": {"pay": {"answer": "no"}, "degrading": {"answer": "no"}}, "ilo": {"deception": {"answer": "no"}}}),
            "low",
            true,
            vec![
                ("s603.pay", false),
                ("s603.degrading", false),
                ("ilo.deception", false),
            ],
        ),
        (
            json!({"ilo": {"debt_bondage": {"answer": "yes"}}, "s603": {"hours": {"answer": "unknown"}}}),
            "high",
            true,
            vec![("ilo.debt_bondage", true)],
        ),
        (
            json!({"s603": {"pay": {"answer": "no"}}, "override": {"level": "medium", "reason": "seen at the farm"}}),
            "medium",
            true,
            vec![("s603.pay", false)],
        ),
        (
            json!({"ilo": {"isolation": {"answer": "yes"}, "deception": {"answer": "yes"}}}),
            "medium",
            true,
            vec![("ilo.isolation", true), ("ilo.deception", true)],
        ),
        (
            json!({"s603": {"pay": {"answer": "yes"}, "hours": {"answer": "no"}, "safety": {"answer": "yes"}}}),
            "high",
            true,
            vec![
                ("s603.pay", true),
                ("s603.hours", false),
                ("s603.safety", true),
            ],
        ),
        (
            json!({"s603": {"degrading": {"answer": "yes"}}, "ilo": {"withholding_wages": {"answer": "yes"}}}),
            "high",
            true,
            vec![("s603.degrading", true), ("ilo.withholding_wages", true)],
        ),
        (
            json!({"ilo": {"excessive_overtime": {"answer": "yes"}, "abusive_conditions": {"answer": "no"}, "intimidation_threats": {"answer": "yes"}}}),
            "medium",
            true,
            vec![
                ("ilo.excessive_overtime", true),
                ("ilo.abusive_conditions", false),
                ("ilo.intimidation_threats", true),
            ],
        ),
        (
            json!({"s603": {"safety": {"answer": "no"}, "hours": {"answer": "yes"}},
                   "ilo": {"retention_of_documents": {"answer": "no"}, "abuse_of_vulnerability": {"answer": "yes"}}}),
            "high",
            true,
            vec![
                ("s603.safety", false),
                ("s603.hours", true),
                ("ilo.retention_of_documents", false),
                ("ilo.abuse_of_vulnerability", true),
            ],
        ),
        (
            json!({"s603": {"pay": {"answer": "no"}},
                   "ilo": {"physical_sexual_violence": {"answer": "no"}, "isolation": {"answer": "no"},
                           "restriction_of_movement": {"answer": "no"}, "deception": {"answer": "no"}}}),
            "low",
            true,
            vec![
                ("s603.pay", false),
                ("ilo.physical_sexual_violence", false),
                ("ilo.isolation", false),
                ("ilo.restriction_of_movement", false),
                ("ilo.deception", false),
            ],
        ),
    ]
}

/// One generated person, as the generator knows them.
#[derive(Debug, Clone)]
struct Person {
    sex: Option<&'static str>,
    birth_year: Option<i64>,
    nationality: Option<&'static str>,
    sector: Option<&'static str>,
    listening_point: Option<&'static str>,
    created: String,
    encounters: Vec<String>,
    template: usize,
    taken_in_charge: Option<String>,
    /// (purpose, destination, given, date)
    consents: Vec<(&'static str, Option<&'static str>, bool, String)>,
    /// (destination, date, outcome)
    referrals: Vec<(&'static str, String, Option<&'static str>)>,
    /// (due, done)
    followups: Vec<(String, Option<String>)>,
}

fn pick<T: Copy>(rng: &mut Rng, list: &[T]) -> T {
    list[usize::try_from(rng.below(list.len() as u64)).unwrap()]
}

/// A day from 2025-10 to 2026-09, around the period.
fn day(rng: &mut Rng) -> String {
    let m = rng.below(12);
    let (y, m) = if m < 3 { (2025, 10 + m) } else { (2026, m - 2) };
    format!("{y}-{m:02}-{:02}", 1 + rng.below(28))
}

fn in_period(d: &str) -> bool {
    (FROM..=TO).contains(&d)
}

fn generate(rng: &mut Rng, n: usize) -> Vec<Person> {
    let templates = templates().len() as u64;
    (0..n)
        .map(|_| {
            let mut p = Person {
                sex: (rng.below(100) < 80).then(|| pick(rng, &["female", "male", "male", "other"])),
                birth_year: (rng.below(100) < 85)
                    .then(|| 1950 + i64::try_from(rng.below(62)).unwrap()),
                nationality: (rng.below(100) < 90)
                    .then(|| pick(rng, &["IN", "PK", "MA", "SN", "NG", "BD", "AL"])),
                sector: (rng.below(100) < 75).then(|| {
                    pick(
                        rng,
                        &["agriculture", "agriculture", "logistics", "construction"],
                    )
                }),
                listening_point: (rng.below(100) < 80)
                    .then(|| pick(rng, &["lp-sabaudia", "lp-latina", "lp-fondi"])),
                created: day(rng),
                encounters: (0..rng.below(4)).map(|_| day(rng)).collect(),
                template: usize::try_from(rng.below(templates)).unwrap(),
                taken_in_charge: (rng.below(100) < 40).then(|| day(rng)),
                consents: Vec::new(),
                referrals: Vec::new(),
                followups: Vec::new(),
            };
            for _ in 0..rng.below(3) {
                let dest = pick(
                    rng,
                    &[
                        "trade_union",
                        "legal_aid",
                        "health",
                        "antitrafficking_helpline",
                        "labour_inspectorate",
                    ],
                );
                let date = day(rng);
                // The consent rule: a referral needs a given referral consent for its
                // destination dated on or before it; consent on the same day.
                p.consents
                    .push(("referral", Some(dest), true, date.clone()));
                let outcome = (rng.below(100) < 85).then(|| {
                    pick(
                        rng,
                        &["pending", "accepted", "completed", "declined", "no_show"],
                    )
                });
                p.referrals.push((dest, date, outcome));
            }
            if rng.below(100) < 50 {
                p.consents
                    .push(("intake", None, rng.below(100) < 85, day(rng)));
            }
            if rng.below(100) < 20 {
                p.consents.push(("reporting", None, true, day(rng)));
            }
            for _ in 0..rng.below(3) {
                let due = day(rng);
                let done = (rng.below(100) < 50).then(|| day(rng));
                p.followups.push((due, done));
            }
            p
        })
        .collect()
}

impl Person {
    fn to_json(&self) -> Value {
        let mut v = json!({"alias": format!("{MARKER} worker"), "created": self.created});
        let set = |v: &mut Value, k: &str, x: Option<Value>| {
            if let Some(x) = x {
                v[k] = x;
            }
        };
        set(&mut v, "sex", self.sex.map(Value::from));
        set(&mut v, "birth_year", self.birth_year.map(Value::from));
        set(&mut v, "nationality", self.nationality.map(Value::from));
        set(&mut v, "sector", self.sector.map(Value::from));
        set(
            &mut v,
            "listening_point",
            self.listening_point.map(Value::from),
        );
        v["encounters"] = self
            .encounters
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("e{i}"), json!({"date": d, "note": MARKER})))
            .collect::<serde_json::Map<_, _>>()
            .into();
        v["screening"] = templates()[self.template].0.clone();
        if let Some(d) = &self.taken_in_charge {
            v["plan"] = json!({"taken_in_charge": d, "goals": MARKER});
        }
        v["consents"] = self
            .consents
            .iter()
            .enumerate()
            .map(|(i, (purpose, dest, given, date))| {
                let mut c =
                    json!({"purpose": purpose, "given": given, "language": "pa", "date": date});
                if let Some(d) = dest {
                    c["destination"] = json!(d);
                }
                (format!("c{i}"), c)
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        v["referrals"] = self
            .referrals
            .iter()
            .enumerate()
            .map(|(i, (dest, date, outcome))| {
                let mut r = json!({"destination": dest, "date": date});
                if let Some(o) = outcome {
                    r["outcome"] = json!(o);
                }
                (format!("r{i}"), r)
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        v["followups"] = self
            .followups
            .iter()
            .enumerate()
            .map(|(i, (due, done))| {
                let mut f = json!({"due": due});
                if let Some(d) = done {
                    f["done"] = json!(d);
                }
                (format!("f{i}"), f)
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        v
    }

    fn reached(&self) -> bool {
        if self.encounters.is_empty() {
            in_period(&self.created)
        } else {
            self.encounters.iter().any(|d| in_period(d))
        }
    }

    fn first_contact(&self) -> bool {
        self.reached() && self.encounters.iter().all(|d| d.as_str() >= FROM)
    }

    fn category(&self, dimension: &str) -> String {
        let or = |v: Option<&str>, missing: &str| v.unwrap_or(missing).to_owned();
        match dimension {
            "sex" => or(self.sex, "not_stated"),
            "age_band" => match self.birth_year.map(|y| 2026 - y) {
                None => "unknown".into(),
                Some(a) if a < 18 => "under_18".into(),
                Some(a) if a <= 60 => "18_60".into(),
                Some(_) => "over_60".into(),
            },
            "nationality" => or(self.nationality, "unknown"),
            "sector" => or(self.sector, "unknown"),
            "listening_point" => or(self.listening_point, "unknown"),
            _ => unreachable!(),
        }
    }

    /// What this person adds to each person indicator, straight from the definitions.
    fn counts(&self) -> BTreeMap<String, u64> {
        let mut c: BTreeMap<String, u64> = BTreeMap::new();
        let mut add = |k: &str, n: u64| *c.entry(k.to_owned()).or_default() += n;
        let (_, risk, screened, answers) = &templates()[self.template];
        let reached = self.reached();
        add("reached", u64::from(reached));
        add("reached.first_contact", u64::from(self.first_contact()));
        add(
            "reached.repeat",
            u64::from(reached && !self.first_contact()),
        );
        for level in ["not_screened", "low", "medium", "high"] {
            add(
                &format!("risk.{level}"),
                u64::from(reached && *risk == level),
            );
        }
        add("screened", u64::from(reached && *screened));
        for (item, yes) in answers {
            add(&format!("screening.{item}.answered"), u64::from(reached));
            add(
                &format!("screening.{item}.{}", if *yes { "yes" } else { "no" }),
                u64::from(reached),
            );
        }
        add(
            "taken_in_charge",
            u64::from(self.taken_in_charge.as_deref().is_some_and(in_period)),
        );
        add(
            "referrals",
            self.referrals.iter().filter(|r| in_period(&r.1)).count() as u64,
        );
        for purpose in ["intake", "referral", "reporting"] {
            let n = self
                .consents
                .iter()
                .filter(|c| c.0 == purpose && c.2 && in_period(&c.3))
                .count() as u64;
            add(&format!("consents_given.{purpose}"), n);
            add("consents_given", n);
        }
        add(
            "followups.done",
            self.followups
                .iter()
                .filter(|f| f.1.as_deref().is_some_and(in_period))
                .count() as u64,
        );
        add(
            "followups.overdue",
            self.followups
                .iter()
                .filter(|(due, done)| due.as_str() < TO && done.as_deref().is_none_or(|d| d > TO))
                .count() as u64,
        );
        c
    }
}

const DIMENSIONS: [&str; 5] = [
    "sex",
    "age_band",
    "nationality",
    "sector",
    "listening_point",
];

/// Expected `(table, indicator, column) -> count` for the person tables.
fn expected(people: &[Person]) -> BTreeMap<(String, String, String), u64> {
    let mut out = BTreeMap::new();
    for p in people {
        for (indicator, n) in p.counts() {
            for dim in DIMENSIONS {
                let table = format!("persons.{dim}");
                for col in [p.category(dim), "total".to_owned()] {
                    *out.entry((table.clone(), indicator.clone(), col))
                        .or_default() += n;
                }
            }
        }
    }
    out
}

/// One outreach session: (date, listening point, type, total, women, men, minors).
type Session = (
    String,
    Option<&'static str>,
    &'static str,
    u64,
    u64,
    u64,
    u64,
);

fn sessions(rng: &mut Rng, n: usize) -> Vec<Session> {
    (0..n)
        .map(|_| {
            let total = 3 + rng.below(25);
            let women = rng.below(total / 3 + 1);
            let men = rng.below(total - women + 1);
            let minors = rng.below(total / 5 + 1);
            (
                day(rng),
                (rng.below(100) < 85).then(|| pick(rng, &["lp-sabaudia", "lp-latina", "lp-fondi"])),
                pick(rng, &["street", "fixed_desk", "group_session"]),
                total,
                women,
                men,
                minors,
            )
        })
        .collect()
}

fn session_json(s: &Session) -> Value {
    let mut v = json!({
        "date": s.0, "outreach_type": s.2, "notes": MARKER,
        "people_met": {"total": s.3, "women": s.4, "men": s.5, "minors": s.6}
    });
    if let Some(lp) = s.1 {
        v["listening_point"] = json!(lp);
    }
    v
}

type Key = (String, String, String);

/// Every `(table, indicator, column)` with its value (`None` = hidden) and unit.
fn cells(report: &Value) -> Vec<(Key, Option<u64>, String)> {
    let mut out = Vec::new();
    for t in report["tables"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap().to_owned();
        let cols: Vec<String> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        for row in t["rows"].as_array().unwrap() {
            let ind = row["indicator"].as_str().unwrap().to_owned();
            let unit = row["unit"].as_str().unwrap().to_owned();
            for (c, v) in cols.iter().zip(row["cells"].as_array().unwrap()) {
                out.push((
                    (id.clone(), ind.clone(), c.clone()),
                    v.as_u64(),
                    unit.clone(),
                ));
            }
            if let Some(v) = row.get("total") {
                out.push((
                    (id.clone(), ind.clone(), "total".into()),
                    v.as_u64(),
                    unit.clone(),
                ));
            }
        }
    }
    out
}

/// The lines (total, parts) a report's JSON declares: row totals and groups.
fn lines(report: &Value) -> Vec<(Option<u64>, Vec<Option<u64>>)> {
    let mut out = Vec::new();
    for t in report["tables"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        let cols: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        for row in t["rows"].as_array().unwrap() {
            if let Some(total) = row.get("total") {
                out.push((
                    total.as_u64(),
                    row["cells"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(Value::as_u64)
                        .collect(),
                ));
            }
        }
        for g in t["groups"].as_array().unwrap() {
            let total = g["total"].as_str().unwrap();
            for col in cols.iter().copied().chain(["total"]) {
                let parts = g["parts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| cell(report, id, p.as_str().unwrap(), col).unwrap())
                    .collect();
                out.push((cell(report, id, total, col).unwrap(), parts));
            }
        }
    }
    out
}

fn report(device: &Device, extra: &[&str], format: &str, out: &std::path::Path) -> Value {
    let mut args = vec![
        "report", "--from", FROM, "--to", TO, "--format", format, "--out",
    ];
    let out_s = out.to_str().unwrap().to_owned();
    args.push(&out_s);
    args.extend_from_slice(extra);
    device.json(&args, None)
}

/// PNG width and height from the IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The places of the generated data set, made in the team's list of `device` (records
/// name their places by the list's names, which the import resolves to the places).
fn make_places(device: &Device) {
    for name in ["lp-sabaudia", "lp-latina", "lp-fondi"] {
        device.add("place", &json!({"name": name, "type": "listening_point"}));
    }
}

#[test]
fn report_over_a_generated_data_set_matches_counts_computed_independently() {
    let device = Device::new();
    make_places(&device);
    let mut rng = Rng::new(20_260_630);
    let people = generate(&mut rng, 160);
    let outreach = sessions(&mut rng, 30);
    // A person with no sex recorded, reached in the period: counted as not stated.
    let mut no_sex = people[0].clone();
    no_sex.sex = None;
    no_sex.encounters = vec!["2026-03-03".into()];
    let people: Vec<Person> = people.into_iter().chain([no_sex]).collect();

    let imported = device.json(
        &["person", "import", "--jsonl", "-"],
        Some(&jsonl(people.iter().map(Person::to_json))),
    );
    assert_eq!(imported["created"], people.len());
    device.json(
        &["outreach", "import", "--jsonl", "-"],
        Some(&jsonl(outreach.iter().map(session_json))),
    );

    // Erased persons are not counted: three reached people of a nationality nobody
    // else has, added and then erased.
    for _ in 0..3 {
        let mut gone = people[1].clone();
        gone.nationality = Some("FJ");
        gone.encounters = vec!["2026-02-02".into()];
        let id = device.add("person", &gone.to_json());
        device.json(&["person", "erase", &id], None);
    }

    // A referral without consent cannot be recorded: validation refuses it through
    // the CLI, and nothing changes.
    let refused = device.run(
        &["person", "add", "--json", "-"],
        Some(
            &json!({"alias": "r", "encounters": {"e": {"date": "2026-02-02"}},
                     "referrals": {"r1": {"destination": "trade_union", "date": "2026-02-03"}}})
            .to_string(),
        ),
    );
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("referrals.r1") && stderr.contains("no matching referral consent"),
        "{stderr}"
    );

    // The data set five times over, on a device of its own: its report at the
    // default threshold hides nothing, and every count is five times the data set's.
    let fivefold = Device::new();
    make_places(&fivefold);
    let imported = fivefold.json(
        &["person", "import", "--jsonl", "-"],
        Some(&jsonl(
            std::iter::repeat_n(&people, FIVE as usize)
                .flatten()
                .map(Person::to_json),
        )),
    );
    assert_eq!(imported["created"], people.len() * FIVE as usize);
    fivefold.json(
        &["outreach", "import", "--jsonl", "-"],
        Some(&jsonl(
            std::iter::repeat_n(&outreach, FIVE as usize)
                .flatten()
                .map(session_json),
        )),
    );
    let dir = tempfile::tempdir().unwrap();
    let exact_path = dir.path().join("exact.json");
    let summary = report(&fivefold, &[], "json", &exact_path);
    assert_eq!(summary["suppression"]["threshold"], 5);
    assert_eq!(
        (
            &summary["suppression"]["primary"],
            &summary["suppression"]["complementary"]
        ),
        (&json!(0), &json!(0)),
        "nothing is small in the data set five times over"
    );
    let exact: Value = serde_json::from_slice(&std::fs::read(&exact_path).unwrap()).unwrap();

    // Every person count, in every breakdown, as the definitions give it.
    let want = expected(&people);
    for ((table, indicator, column), n) in &want {
        assert_eq!(
            cell(&exact, table, indicator, column),
            Some(Some(FIVE * *n)),
            "{table} / {indicator} / {column}"
        );
    }
    // ... and no count the expectation does not know of is non-zero.
    for ((table, indicator, column), v, _) in cells(&exact) {
        if table.starts_with("persons.") && !indicator.ends_with("prevalence") {
            let w = want
                .get(&(table.clone(), indicator.clone(), column.clone()))
                .copied()
                .unwrap_or(0);
            assert_eq!(v, Some(FIVE * w), "{table} / {indicator} / {column}");
        }
    }
    let not_stated = people
        .iter()
        .filter(|p| p.sex.is_none() && p.reached())
        .count() as u64;
    assert!(not_stated > 0);
    assert_eq!(
        cell(&exact, "persons.sex", "reached", "not_stated"),
        Some(Some(FIVE * not_stated))
    );

    // Referrals by destination and outcome.
    let mut by_dest: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for p in &people {
        for (dest, date, outcome) in &p.referrals {
            if in_period(date) {
                *by_dest.entry((dest, "referrals")).or_default() += 1;
                *by_dest
                    .entry((dest, outcome.unwrap_or("unknown")))
                    .or_default() += 1;
            }
        }
    }
    for ((dest, what), n) in &by_dest {
        let indicator = if *what == "referrals" {
            "referrals".to_owned()
        } else {
            format!("referrals.outcome.{what}")
        };
        assert_eq!(
            cell(&exact, "referrals.destination", &indicator, dest),
            Some(Some(FIVE * *n)),
            "{dest} {what}"
        );
    }

    // Outreach: sessions and anonymous counts by listening point, and per month.
    let in_p: Vec<&Session> = outreach.iter().filter(|s| in_period(&s.0)).collect();
    let mut by_lp: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for s in &in_p {
        let e = by_lp.entry(s.1.unwrap_or("unknown")).or_default();
        e.0 += 1;
        e.1 += s.3;
    }
    for (lp, (n, met)) in &by_lp {
        assert_eq!(
            cell(&exact, "outreach.listening_point", "sessions", lp),
            Some(Some(FIVE * *n))
        );
        assert_eq!(
            cell(&exact, "outreach.listening_point", "people_met", lp),
            Some(Some(FIVE * *met))
        );
    }
    let women: u64 = in_p.iter().map(|s| s.4).sum();
    assert_eq!(
        cell(
            &exact,
            "outreach.listening_point",
            "people_met.women",
            "total"
        ),
        Some(Some(FIVE * women))
    );
    for m in 1..=6 {
        let month = format!("2026-{m:02}");
        let reached = people
            .iter()
            .filter(|p| {
                if p.encounters.is_empty() {
                    p.created.starts_with(&month)
                } else {
                    p.encounters.iter().any(|d| d.starts_with(&month))
                }
            })
            .count() as u64;
        assert_eq!(
            cell(&exact, "months", "reached", &month),
            Some(Some(FIVE * reached)),
            "{month}"
        );
        let met: u64 = in_p
            .iter()
            .filter(|s| s.0.starts_with(&month))
            .map(|s| s.3)
            .sum();
        assert_eq!(
            cell(&exact, "months", "people_met", &month),
            Some(Some(FIVE * met)),
            "{month}"
        );
    }

    // The default export: suppressed at 5, exact where shown, no line giving a
    // hidden cell back.
    let json_path = dir.path().join("report.json");
    let summary = report(&device, &[], "json", &json_path);
    assert_eq!(summary["suppression"]["threshold"], 5);
    let published: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(published["team"], "local");
    assert_eq!(published["period"], json!({"from": FROM, "to": TO}));
    assert_eq!(published["suppression"]["threshold"], 5);
    // Erased persons are in no figure: their nationality is no column, not even a
    // hidden one.
    let nationalities: Vec<&Value> = published["tables"][2]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(published["tables"][2]["id"], "persons.nationality");
    assert!(
        !nationalities.contains(&&json!("FJ")),
        "an erased person's nationality shows: {nationalities:?}"
    );
    // The data set's exact counts: the fivefold device's, divided by five.
    let exact_cells: BTreeMap<_, _> = cells(&exact)
        .into_iter()
        .map(|(k, v, _)| {
            let v = v.map(|n| {
                assert_eq!(n % FIVE, 0, "{k:?}");
                n / FIVE
            });
            (k, v)
        })
        .collect();
    let mut hidden = 0;
    for (key, v, unit) in cells(&published) {
        match v {
            Some(n) => {
                assert_eq!(Some(n), exact_cells[&key], "{key:?} published exactly");
                assert!(
                    unit == "sessions" || n == 0 || n >= 5,
                    "{key:?} = {n} survived suppression"
                );
            }
            None => hidden += 1,
        }
    }
    assert!(hidden > 0, "the generated set has small cells");
    for (total, parts) in lines(&published) {
        let members = std::iter::once(total).chain(parts.iter().copied());
        assert_ne!(
            members.filter(Option::is_none).count(),
            1,
            "a line with one hidden member: {total:?} {parts:?}"
        );
    }

    // CSV: the header lines, and the same cells.
    let csv_path = dir.path().join("report.csv");
    report(&device, &[], "csv", &csv_path);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let mut csv_lines = csv.lines();
    assert_eq!(csv_lines.next(), Some("# ponte report,ponte-report/1"));
    assert_eq!(csv_lines.next(), Some("# team,local"));
    assert_eq!(csv_lines.next(), Some(&*format!("# period,{FROM},{TO}")));
    assert_eq!(csv_lines.next(), Some("# suppression_threshold,5"));
    let published_cells: BTreeMap<_, _> = cells(&published)
        .into_iter()
        .map(|(k, v, _)| (k, v))
        .collect();
    let mut checked = 0;
    for line in csv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[4] == "percent" {
            continue;
        }
        let want = match published_cells[&(f[0].to_owned(), f[3].to_owned(), f[2].to_owned())] {
            Some(n) => n.to_string(),
            None => "x".into(),
        };
        assert_eq!(f[5], want, "{line}");
        checked += 1;
    }
    assert_eq!(checked, published_cells.len());

    // XLSX in Italian, with charts: every table sheet reads back with the JSON's cells.
    let xlsx_path = dir.path().join("report.xlsx");
    let charts = dir.path().join("charts");
    let summary = report(
        &device,
        &["--charts", charts.to_str().unwrap()],
        "xlsx",
        &xlsx_path,
    );
    let it_path = dir.path().join("report-it.xlsx");
    let out = device.run(
        &[
            "--lang",
            "it",
            "report",
            "--from",
            FROM,
            "--to",
            TO,
            "--format",
            "xlsx",
            "--out",
            it_path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success());
    check_xlsx(&xlsx_path, &published, "Sex");
    check_xlsx(&it_path, &published, "Sesso");

    let files: Vec<String> = summary["charts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(files.len(), 6);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        if f.ends_with(".png") {
            assert_eq!(png_size(&bytes), (900, 700), "{f}");
        } else {
            let svg = String::from_utf8(bytes).unwrap();
            // The subtitle says the period as the language writes dates, and no team
            // id; the team and the period as stored are in the file's <desc>.
            assert!(
                svg.contains("1 Jan 2026 to 30 Jun 2026")
                    && svg.contains(&format!("<desc>team local period {FROM}/{TO}</desc>"))
                    && !svg.contains("Team local"),
                "{f}"
            );
        }
    }
    if std::env::var_os("PONTE_UPDATE_DOCS").is_some() {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
        for f in &files {
            let name = std::path::Path::new(f).file_name().unwrap();
            std::fs::copy(f, docs.join(name)).unwrap();
        }
    }

    // Nothing a person wrote reaches a report file.
    for path in [&exact_path, &json_path, &csv_path, &xlsx_path, &it_path] {
        let bytes = std::fs::read(path).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(MARKER),
            "{path:?}"
        );
    }
    for f in &files {
        assert!(
            !String::from_utf8_lossy(&std::fs::read(f).unwrap()).contains(MARKER),
            "{f}"
        );
    }

    // Every export is in the audit log: who (device), when, which period, how.
    let audit = device.json(&["audit"], None);
    let exports: Vec<&Value> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "export")
        .collect();
    assert_eq!(exports.len(), 4);
    let details: BTreeSet<&str> = exports
        .iter()
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert!(
        details.contains(&*format!(
            "report team=local from={FROM} to={TO} format=json threshold=5 charts=0"
        )),
        "{details:?}"
    );
    assert!(
        details.contains(&*format!(
            "report team=local from={FROM} to={TO} format=xlsx threshold=5 charts=3"
        )),
        "{details:?}"
    );
    for e in &exports {
        assert!(
            e["device"].as_str().is_some_and(|d| d.len() == 32) && e["at_ms"].as_i64().is_some()
        );
    }
}

fn check_xlsx(path: &std::path::Path, published: &Value, first_sheet: &str) {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = wb.sheet_names();
    let tables = published["tables"].as_array().unwrap();
    assert_eq!(names.len(), tables.len() + 1);
    assert_eq!(names[1], first_sheet);
    let about = wb.worksheet_range(&names[0]).unwrap();
    let about: Vec<String> = about
        .rows()
        .filter_map(|r| r.get(1).map(ToString::to_string))
        .collect();
    for v in ["local", FROM, TO, "5"] {
        assert!(about.iter().any(|a| a == v), "About lacks {v}: {about:?}");
    }
    for (t, name) in tables.iter().zip(&names[1..]) {
        let range = wb.worksheet_range(name).unwrap();
        let at = |r: usize, c: usize| range.get((r, c)).cloned().unwrap_or(Data::Empty);
        let cols: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        for (i, c) in cols.iter().enumerate() {
            assert_eq!(at(1, 2 + i), Data::String((*c).to_owned()), "{name}");
        }
        for (r, row) in t["rows"].as_array().unwrap().iter().enumerate() {
            assert_eq!(
                at(2 + r, 1),
                Data::String(row["indicator"].as_str().unwrap().to_owned())
            );
            let values = row["cells"]
                .as_array()
                .unwrap()
                .iter()
                .chain(row.get("total"));
            for (c, v) in values.enumerate() {
                let want = match v.as_u64() {
                    Some(n) => Data::Float(n as f64),
                    None => Data::String("x".into()),
                };
                assert_eq!(at(2 + r, 2 + c), want, "{name} row {r} col {c}");
            }
        }
    }
}

#[test]
fn bad_arguments_fail_before_the_passphrase_and_echo_nothing() {
    let device = Device::new();
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("r.json");
    let out = out_path.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["--from", "2026-13-45", "--to", TO], "YYYY-MM-DD"),
        (&["--from", TO, "--to", FROM], "ends before it starts"),
        // No export of unsuppressed or barely suppressed counts: the app's 5 is the
        // floor for the CLI too.
        (
            &["--from", FROM, "--to", TO, "--suppress", "0"],
            "at least 5",
        ),
        (
            &["--from", FROM, "--to", TO, "--suppress", "4"],
            "at least 5",
        ),
        (
            &["--from", FROM, "--to", TO, "--suppress", "101"],
            "at most 100",
        ),
        (
            &[
                "--from",
                FROM,
                "--to",
                TO,
                "--charts",
                out,
                "--font",
                "/nonexistent/font.ttf",
            ],
            "font",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json", "--out", out]);
        let run = device.run(&all, None);
        assert!(!run.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(message), "{stderr}");
        assert!(
            !stderr.contains("2026-13-45"),
            "the value is echoed: {stderr}"
        );
        assert!(!out_path.exists(), "a file was written");
    }
    let audit = device.json(&["audit"], None);
    assert!(
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["action"] != "export")
    );
}

#[test]
fn every_report_error_is_translated_in_every_ui_locale() {
    // The library's codes, and the ones the CLI adds.
    let cli = ["report-bad-date", "report-no-font", "report-write"];
    for locale in ponte_i18n::UI_LOCALES {
        let tr = ponte_i18n::Translator::new(Some(locale));
        for code in ponte_report::ReportError::CODES.iter().chain(&cli) {
            assert!(
                tr.has(&format!("error-{code}")),
                "{locale} misses error-{code}"
            );
        }
    }
}

/// One rule for the CLI and the app (both call `ponte_device::report`): in a team, only
/// the supervisor's device makes reports. A member's `ponte report` is refused before
/// anything is written, its refusal is in the member's audit log, and the supervisor's
/// report is audited with the same text the Reports screen writes.
#[test]
fn a_members_device_is_refused_the_report_and_the_refusal_is_audited() {
    let relay = ponte_tests::Relay::start();
    let devices = ponte_tests::team(&relay, 1);
    let (supervisor, member) = (&devices[0], &devices[1]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("member.csv");
    let args = [
        "report",
        "--from",
        FROM,
        "--to",
        TO,
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ];
    let refused = member.run(&args, None);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("supervisor"), "{stderr}");
    assert!(!out.exists(), "a refused report wrote a file");

    let details = |device: &Device, action: &str| -> Vec<String> {
        device.json(&["audit"], None)["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == action)
            .map(|e| e["detail"].as_str().unwrap().to_owned())
            .collect()
    };
    let refusals = details(member, "refused");
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert!(
        refusals[0].starts_with("report refused=not-supervisor team=")
            && refusals[0].ends_with(&format!("from={FROM} to={TO} format=csv role=operator")),
        "{}",
        refusals[0]
    );
    assert!(details(member, "export").is_empty());
    // Team actions are in each device's log too (ids and dates only).
    let team_actions = details(supervisor, "team");
    assert!(
        team_actions[0].starts_with("team create team=")
            && team_actions[1] == "recovery-kit printed"
            && team_actions[2].starts_with("invite team=")
            && team_actions[3].starts_with("approve team=")
            && team_actions[3].ends_with(" approved"),
        "{team_actions:?}"
    );
    assert!(
        details(member, "team")[0].starts_with("team join team="),
        "{:?}",
        details(member, "team")
    );

    let ok = dir.path().join("supervisor.csv");
    let summary = report(supervisor, &[], "csv", &ok);
    let team = summary["team"].as_str().unwrap();
    assert_eq!(
        details(supervisor, "export"),
        [format!(
            "report team={team} from={FROM} to={TO} format=csv threshold=5 charts=0"
        )]
    );
}
