//! The report over generated data: every additive claim holds, suppression leaves no
//! small count and no single hidden member in any line, and every file format reads
//! back to the same numbers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use ponte_i18n::Translator;
use ponte_model::Date;
use ponte_report::{Cell, Dataset, Input, Params, Published, Report, Unit};
use proptest::prelude::*;
use serde_json::{Value, json};

/// xorshift: data sets are replayable from the proptest seed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[usize::try_from(self.below(list.len() as u64)).unwrap()]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn day(rng: &mut Rng) -> String {
    // 2025-10 .. 2026-09, around a 2026-01-01..2026-06-30 period.
    let month = rng.below(12);
    let (y, m) = if month < 3 {
        (2025, 10 + month)
    } else {
        (2026, month - 2)
    };
    format!("{y}-{m:02}-{:02}", 1 + rng.below(28))
}

fn dataset(seed: u64, persons: usize, sessions: usize) -> Dataset {
    let mut rng = Rng(seed | 1);
    let mut out = Dataset::default();
    for _ in 0..persons {
        let mut p = json!({"alias": "x"});
        if rng.chance(80) {
            p["sex"] = json!(rng.pick(&["female", "male", "male", "other"]));
        }
        if rng.chance(85) {
            p["birth_year"] = json!(1950 + rng.below(60));
        }
        if rng.chance(90) {
            p["nationality"] = json!(rng.pick(&["IN", "PK", "MA", "SN", "NG", "BD", "AL"]));
        }
        if rng.chance(70) {
            p["sector"] =
                json!(rng.pick(&["agriculture", "agriculture", "logistics", "construction"]));
        }
        if rng.chance(75) {
            p["listening_point"] = json!(rng.pick(&["lp-a", "lp-b", "lp-c"]));
        }
        let mut enc = serde_json::Map::new();
        for i in 0..rng.below(4) {
            enc.insert(format!("e{i}"), json!({"date": day(&mut rng)}));
        }
        p["encounters"] = Value::Object(enc);
        if rng.chance(50) {
            p["created"] = json!(day(&mut rng));
        }
        if rng.chance(40) {
            p["plan"] = json!({"taken_in_charge": day(&mut rng)});
        }
        let answers = ["yes", "no", "unknown"];
        let mut s603 = serde_json::Map::new();
        let mut ilo = serde_json::Map::new();
        if rng.chance(60) {
            for item in ponte_model::screening::INDICES_603BIS {
                if rng.chance(70) {
                    s603.insert((*item).into(), json!({"answer": rng.pick(&answers)}));
                }
            }
            for item in ponte_model::screening::ILO_INDICATORS {
                if rng.chance(40) {
                    ilo.insert((*item).into(), json!({"answer": rng.pick(&answers)}));
                }
            }
        }
        p["screening"] = json!({"s603": s603, "ilo": ilo});
        let mut consents = serde_json::Map::new();
        let mut referrals = serde_json::Map::new();
        for i in 0..rng.below(3) {
            let dest = rng.pick(&[
                "trade_union",
                "legal_aid",
                "health",
                "antitrafficking_helpline",
            ]);
            consents.insert(
                format!("c{i}"),
                json!({"purpose": "referral", "destination": dest, "given": rng.chance(85), "language": "en", "date": day(&mut rng)}),
            );
            if rng.chance(70) {
                referrals.insert(
                    format!("r{i}"),
                    json!({"destination": dest, "date": day(&mut rng),
                           "outcome": if rng.chance(80) { json!(rng.pick(&["pending", "accepted", "completed", "declined", "no_show"])) } else { Value::Null }}),
                );
            }
        }
        if rng.chance(50) {
            consents.insert(
                "ci".into(),
                json!({"purpose": rng.pick(&["intake", "reporting"]), "given": true, "language": "en", "date": day(&mut rng)}),
            );
        }
        p["consents"] = Value::Object(consents);
        p["referrals"] = Value::Object(referrals);
        let mut followups = serde_json::Map::new();
        for i in 0..rng.below(3) {
            let mut f = json!({"due": day(&mut rng)});
            if rng.chance(50) {
                f["done"] = json!(day(&mut rng));
            }
            followups.insert(format!("f{i}"), f);
        }
        p["followups"] = Value::Object(followups);
        out.persons.push(Input {
            json: p,
            created: Date::parse(&day(&mut rng)),
        });
    }
    for _ in 0..sessions {
        let total = rng.below(30);
        let women = rng.below(total + 1);
        let men = rng.below(total - women + 1);
        let mut s = json!({
            "date": day(&mut rng),
            "outreach_type": rng.pick(&["street", "fixed_desk", "group_session", "accompaniment"]),
            "people_met": {"total": total, "women": women, "men": men, "minors": rng.below(total / 4 + 1)}
        });
        if rng.chance(85) {
            s["listening_point"] = json!(rng.pick(&["lp-a", "lp-b", "lp-c"]));
        }
        out.outreach.push(s);
    }
    out
}

fn params() -> Params {
    Params {
        from: Date::parse("2026-01-01").unwrap(),
        to: Date::parse("2026-06-30").unwrap(),
        team: "0123456789abcdef0123456789abcdef".into(),
        generated: Date::parse("2026-07-02").unwrap(),
    }
}

/// A quantity's key, independent of the table it is shown in.
fn key(indicator: &str, dimension: &str, column: &str) -> String {
    if column == "total" {
        format!("{indicator}|total")
    } else {
        format!("{indicator}|{dimension}={column}")
    }
}

/// Every line of the report's additive structure, as (total key, part keys): row
/// totals and groups, per column and for the totals.
fn lines(report: &Report) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for t in &report.tables {
        let cols: Vec<&str> = t.columns.iter().map(String::as_str).collect();
        for row in &t.rows {
            if row.total.is_some() {
                out.push((
                    key(&row.indicator, &t.dimension, "total"),
                    cols.iter()
                        .map(|c| key(&row.indicator, &t.dimension, c))
                        .collect(),
                ));
            }
        }
        for g in &t.groups {
            for c in cols.iter().copied().chain(["total"]) {
                out.push((
                    key(&g.total, &t.dimension, c),
                    g.parts.iter().map(|p| key(p, &t.dimension, c)).collect(),
                ));
            }
        }
    }
    out
}

/// Every quantity with its value, checking that a quantity shown in several tables
/// has one value.
fn values(report: &Report) -> HashMap<String, (Cell, Unit)> {
    let mut out: HashMap<String, (Cell, Unit)> = HashMap::new();
    for t in &report.tables {
        for row in &t.rows {
            let cells = t
                .columns
                .iter()
                .map(String::as_str)
                .zip(row.cells.iter().copied());
            for (col, cell) in cells.chain(row.total.map(|c| ("total", c))) {
                let k = key(&row.indicator, &t.dimension, col);
                if let Some((seen, _)) = out.get(&k) {
                    assert_eq!(*seen, cell, "{k} differs between tables");
                }
                out.insert(k, (cell, row.unit));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// On generated data: the raw counts satisfy every line the report declares; the
    /// published report hides every count of people from 1 to t-1, publishes exact
    /// values, and leaves no line with exactly one hidden member.
    #[test]
    fn suppression_holds_on_generated_reports(seed in any::<u64>(), persons in 0usize..120, threshold in 2u64..8) {
        let raw = ponte_report::compute(&dataset(seed, persons, 25), &params()).unwrap();
        let raw_values = values(&raw);
        for (total, parts) in lines(&raw) {
            let sum: u64 = parts.iter().map(|p| raw_values[p].0.count().unwrap()).sum();
            prop_assert_eq!(raw_values[&total].0, Cell::Count(sum), "{} = sum of parts", total);
        }
        let published = raw.publish(threshold);
        let shown = values(&published);
        for (k, (cell, unit)) in &shown {
            let exact = raw_values[k].0.count().unwrap();
            if let Cell::Count(n) = cell {
                prop_assert_eq!(*n, exact, "{} published exactly", k);
                prop_assert!(!unit.sensitive() || *n == 0 || *n >= threshold, "{} = {} under {}", k, n, threshold);
            }
        }
        for (total, parts) in lines(&published) {
            let hidden = std::iter::once(&total).chain(&parts).filter(|k| shown[*k].0 == Cell::Suppressed).count();
            prop_assert!(hidden != 1, "line {} has one hidden member", total);
            let hidden_parts = parts.iter().filter(|k| shown[*k].0 == Cell::Suppressed).count();
            prop_assert!(hidden_parts != 1 || parts.len() < 2, "line {} has one hidden part", total);
        }
    }
}

fn font() -> &'static [u8] {
    let candidates = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ];
    let bytes = candidates
        .iter()
        .find_map(|p| std::fs::read(p).ok())
        .expect("a DejaVu Sans font (Debian: fonts-dejavu-core)");
    Box::leak(bytes.into_boxed_slice())
}

fn published() -> Published {
    ponte_report::compute(&dataset(7, 150, 30), &params())
        .unwrap()
        .publish(5)
}

#[test]
fn json_round_trips_to_the_same_report() {
    let p = published();
    let bytes = ponte_report::render::to_json(&p).unwrap();
    let back: Report = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(&back, p.report());
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["team"], "0123456789abcdef0123456789abcdef");
    assert_eq!(
        v["period"],
        json!({"from": "2026-01-01", "to": "2026-06-30"})
    );
    assert_eq!(v["suppression"]["threshold"], 5);
}

#[test]
fn csv_has_the_header_lines_and_every_cell() {
    let p = published();
    let csv = ponte_report::render::to_csv(&p);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[1], "# team,0123456789abcdef0123456789abcdef");
    assert_eq!(lines[2], "# period,2026-01-01,2026-06-30");
    assert_eq!(lines[3], "# suppression_threshold,5");
    assert_eq!(lines[6], "table,dimension,category,indicator,unit,value");
    let shown = values(&p);
    let mut seen = 0;
    for line in &lines[7..] {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 6, "{line}");
        if f[4] == "percent" {
            continue;
        }
        let expected = match shown[&key(f[3], f[1], f[2])].0 {
            Cell::Count(n) => n.to_string(),
            Cell::Suppressed => "x".to_owned(),
        };
        assert_eq!(f[5], expected, "{line}");
        seen += 1;
    }
    let cells: usize = p
        .tables
        .iter()
        .map(|t| {
            t.rows
                .iter()
                .map(|r| r.cells.len() + usize::from(r.total.is_some()))
                .sum::<usize>()
        })
        .sum();
    assert_eq!(seen, cells);
}

#[test]
fn xlsx_reads_back_with_the_same_cells_in_both_languages() {
    use calamine::{Data, Reader, Xlsx};
    let p = published();
    for lang in ["en", "it"] {
        let tr = Translator::new(Some(lang));
        let bytes = ponte_report::render::to_xlsx(&p, &tr).unwrap();
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names.len(), p.tables.len() + 1);
        let about = wb.worksheet_range(&names[0]).unwrap();
        let about_values: Vec<String> = (0..about.height())
            .map(|r| {
                about
                    .get_value((u32::try_from(r).unwrap(), 1))
                    .map(ToString::to_string)
                    .unwrap_or_default()
            })
            .collect();
        for v in [
            "0123456789abcdef0123456789abcdef",
            "2026-01-01",
            "2026-06-30",
            "5",
        ] {
            assert!(
                about_values.iter().any(|a| a == v),
                "About lacks {v} ({lang})"
            );
        }
        for (t, name) in p.tables.iter().zip(&names[1..]) {
            let range = wb.worksheet_range(name).unwrap();
            let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
            assert_eq!(at(1, 1), Data::String(t.dimension.clone()));
            for (i, col) in t.columns.iter().enumerate() {
                assert_eq!(
                    at(1, 2 + u32::try_from(i).unwrap()),
                    Data::String(col.clone())
                );
            }
            for (r, row) in (2u32..).zip(&t.rows) {
                assert_eq!(at(r, 1), Data::String(row.indicator.clone()), "{name}");
                let cells = row.cells.iter().copied().chain(row.total);
                for (c, cell) in (2u32..).zip(cells) {
                    let expected = match cell {
                        Cell::Count(n) => Data::Float(n as f64),
                        Cell::Suppressed => Data::String("x".into()),
                    };
                    assert_eq!(at(r, c), expected, "{name} {} col {c}", row.indicator);
                }
            }
        }
        let first_sheet = &names[1];
        let expected = if lang == "it" { "Sesso" } else { "Sex" };
        assert_eq!(first_sheet, expected);
    }
}

#[test]
fn every_label_the_report_can_use_is_translated_in_every_ui_locale() {
    use ponte_report::labels::Labels;
    let p = published();
    let mut ids: Vec<String> = Vec::new();
    for t in &p.tables {
        ids.push(Labels::table_id(&t.id));
        for row in &t.rows {
            let (id, item) = Labels::indicator_ids(&row.indicator);
            ids.push(id);
            ids.extend(item);
        }
        for s in &t.shares {
            let (id, item) = Labels::indicator_ids(&s.indicator);
            ids.push(id);
            ids.extend(item);
        }
    }
    let dims: &[(&str, &[&str])] = &[
        ("sex", ponte_report::SEXES),
        ("age_band", ponte_report::AGE_BANDS),
        ("sector", ponte_model::vocab::SECTORS),
        ("outreach_type", ponte_model::vocab::OUTREACH_TYPES),
        ("destination", ponte_model::vocab::SERVICE_TYPES),
        ("nationality", &["unknown"]),
    ];
    for (dim, codes) in dims {
        ids.extend(codes.iter().filter_map(|c| Labels::category_id(dim, c)));
    }
    for l in ponte_i18n::UI_LOCALES {
        let tr = Translator::new(Some(l));
        let missing: Vec<&String> = ids.iter().filter(|id| !tr.has(id)).collect();
        assert!(missing.is_empty(), "{l} misses {missing:?}");
    }
}

#[test]
fn charts_draw_as_svg_and_png_with_team_period_and_threshold() {
    let p = published();
    for lang in ["en", "it"] {
        let tr = Translator::new(Some(lang));
        let charts = ponte_report::chart::charts(&p, &tr, font()).unwrap();
        let names: Vec<&str> = charts.iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "people-reached-per-month",
                "referrals-by-destination",
                "indicator-prevalence"
            ]
        );
        for c in &charts {
            assert!(c.svg.starts_with("<svg"), "{}", c.name);
            for needle in [
                "0123456789abcdef0123456789abcdef",
                "2026-01-01",
                "2026-06-30",
            ] {
                assert!(c.svg.contains(needle), "{} lacks {needle}", c.name);
            }
            let decoder = png::Decoder::new(std::io::Cursor::new(c.png.as_slice()));
            let info = decoder.read_info().unwrap().info().clone();
            assert_eq!(
                (info.width, info.height),
                (ponte_report::chart::WIDTH, ponte_report::chart::HEIGHT)
            );
        }
        let title = if lang == "it" {
            "Persone raggiunte per mese"
        } else {
            "People reached per month"
        };
        assert!(charts[0].svg.contains(title));
    }
}

#[test]
fn a_font_that_is_not_a_font_is_an_error_not_a_panic() {
    let p = published();
    let tr = Translator::new(Some("en"));
    let err = ponte_report::chart::charts(&p, &tr, b"not a font").unwrap_err();
    assert_eq!(err.code(), "report-font");
}

#[test]
fn zeros_beside_a_lone_small_count_do_not_tell_its_category() {
    // One person reached: without a second hidden cell, the published zeros would say
    // that everyone reached is a woman.
    let data = Dataset {
        persons: vec![Input {
            json: json!({"alias": "a", "sex": "female", "encounters": {"e": {"date": "2026-02-01"}}}),
            created: None,
        }],
        outreach: vec![],
        ..Dataset::default()
    };
    let p = ponte_report::compute(&data, &params()).unwrap().publish(5);
    let row = p.table("persons.sex").unwrap().row("reached").unwrap();
    assert_eq!(row.total, Some(Cell::Suppressed));
    let hidden = row.cells.iter().filter(|c| **c == Cell::Suppressed).count();
    assert!(hidden >= 2, "{row:?}");
}
