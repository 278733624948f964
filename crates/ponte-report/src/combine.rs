//! Programme reports: the exact [`Report`]s of several teams for one period, added up
//! cell by cell into one exact report, before anything is suppressed.
//!
//! Why exact counts are added and suppression comes after: a count hidden in each
//! team's table (3 here, 4 there) may be 7 in the sum and publishable, and a sum of
//! suppressed tables would lose it; worse, suppressing each team apart and then
//! adding would publish totals that give hidden team cells back. So each team hands
//! over its exact counts (sealed to the coordinator, see `ponte-device`'s
//! `programme`), [`combine`] adds them, and [`Report::publish`] suppresses the sum as
//! it does one team's report, with the by-team table in the same set of constraints.
//!
//! A person belongs to one team's records, so persons of different teams are
//! different people and every count adds up: the combined report is the report
//! [`crate::compute()`] would make over the union of the teams' records (checked by
//! the tests below), with the teams' places and nationalities as the union of their
//! codes. Two teams with a place of the same name are one column: places are named by
//! their names, as in one team's report.

use std::collections::BTreeMap;

use crate::ReportError;
use crate::compute::UNKNOWN;
use crate::table::{Cell, FORMAT, ProgrammeTeam, Report, Row, Table, Unit, fill_shares};

/// Id of the table of headline counts by team.
pub const BY_TEAM: &str = "programme.team";
/// Dimension of [`BY_TEAM`]'s columns: the teams' names.
pub const TEAM_DIMENSION: &str = "team";

/// One team's exact report, under the name the programme knows the team by.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// The team's name in the programme (a column of [`BY_TEAM`]); unique.
    pub name: &'a str,
    /// Its exact report ([`crate::compute()`], not published).
    pub report: &'a Report,
}

/// The headline rows of [`BY_TEAM`]: (indicator, unit, table it is the total of).
const HEADLINES: &[(&str, Unit, &str)] = &[
    ("reached", Unit::Persons, "persons.sex"),
    ("contacts", Unit::Persons, "contacts.listening_point"),
    ("referrals", Unit::Referrals, "referrals.destination"),
];

/// Add up the exact reports of `parts` (same format and period, none suppressed, team
/// names unique) into one exact report owned by `owner`, dated `generated`, with a
/// [`BY_TEAM`] table first and every team in `teams`, included.
pub fn combine(parts: &[Part<'_>], owner: &str, generated: &str) -> Result<Report, ReportError> {
    let first = parts.first().ok_or(ReportError::Combine)?;
    let mut names: Vec<&str> = parts.iter().map(|p| p.name).collect();
    names.sort_unstable();
    names.dedup();
    let consistent = parts.iter().all(|p| {
        p.report.format == FORMAT
            && p.report.suppression.is_none()
            && p.report.period == first.report.period
    });
    if !consistent || names.len() != parts.len() {
        return Err(ReportError::Combine);
    }

    // Tables in the order they first appear, each the sum of its namesakes.
    let mut order: Vec<String> = Vec::new();
    let mut by_id: BTreeMap<String, Table> = BTreeMap::new();
    for part in parts {
        for table in &part.report.tables {
            match by_id.get_mut(&table.id) {
                Some(sum) => add_table(sum, table)?,
                None => {
                    order.push(table.id.clone());
                    by_id.insert(table.id.clone(), table.clone());
                }
            }
        }
    }
    let mut tables = vec![by_team(parts)];
    for id in order {
        if let Some(mut t) = by_id.remove(&id) {
            reorder(&mut t);
            fill_shares(&mut t);
            tables.push(t);
        }
    }
    Ok(Report {
        format: FORMAT.into(),
        team: owner.to_owned(),
        period: first.report.period.clone(),
        generated: generated.to_owned(),
        suppression: None,
        teams: parts
            .iter()
            .map(|p| ProgrammeTeam {
                name: p.name.to_owned(),
                team: p.report.team.clone(),
                included: true,
            })
            .collect(),
        tables,
    })
}

/// `sum += other`, column by column (by code) and row by row (by indicator); a column
/// or a row only `other` has is added.
fn add_table(sum: &mut Table, other: &Table) -> Result<(), ReportError> {
    if sum.dimension != other.dimension {
        return Err(ReportError::Combine);
    }
    for col in &other.columns {
        if !sum.columns.contains(col) {
            sum.columns.push(col.clone());
            for row in &mut sum.rows {
                row.cells.push(Cell::Count(0));
            }
        }
    }
    for row in &other.rows {
        let at = match sum.rows.iter().position(|r| r.indicator == row.indicator) {
            Some(i) => i,
            None => {
                sum.rows.push(Row {
                    indicator: row.indicator.clone(),
                    unit: row.unit,
                    cells: vec![Cell::Count(0); sum.columns.len()],
                    total: row.total.map(|_| Cell::Count(0)),
                });
                sum.rows.len() - 1
            }
        };
        let target = sum.rows.get_mut(at).ok_or(ReportError::Combine)?;
        if target.unit != row.unit || target.total.is_some() != row.total.is_some() {
            return Err(ReportError::Combine);
        }
        for (col, cell) in other.columns.iter().zip(&row.cells) {
            let i = sum
                .columns
                .iter()
                .position(|c| c == col)
                .ok_or(ReportError::Combine)?;
            let slot = target.cells.get_mut(i).ok_or(ReportError::Combine)?;
            *slot = add(*slot, *cell)?;
        }
        if let (Some(t), Some(o)) = (target.total.as_mut(), row.total) {
            *t = add(*t, o)?;
        }
    }
    for g in &other.groups {
        if !sum.groups.contains(g) {
            sum.groups.push(g.clone());
        }
    }
    for s in &other.shares {
        if !sum.shares.iter().any(|x| x.indicator == s.indicator) {
            sum.shares.push(s.clone());
        }
    }
    Ok(())
}

fn add(a: Cell, b: Cell) -> Result<Cell, ReportError> {
    match (a, b) {
        (Cell::Count(a), Cell::Count(b)) => Ok(Cell::Count(a.saturating_add(b))),
        _ => Err(ReportError::Combine),
    }
}

/// Put the columns of a summed table in the order [`crate::compute()`] gives them:
/// nationalities and places sorted with `unknown` last, destinations in the
/// vocabulary's order then the others sorted; fixed lists (sex, age band, sector,
/// months...) are the same in every team's report and stay as they are.
fn reorder(t: &mut Table) {
    let rank = |c: &str| -> (usize, String) {
        match t.dimension.as_str() {
            "nationality" | "listening_point" => (usize::from(c == UNKNOWN), c.to_owned()),
            "destination" => (
                ponte_model::vocab::SERVICE_TYPES
                    .iter()
                    .position(|s| *s == c)
                    .unwrap_or(usize::MAX),
                c.to_owned(),
            ),
            _ => (0, String::new()),
        }
    };
    let mut order: Vec<usize> = (0..t.columns.len()).collect();
    // Stable: the fixed lists keep their order.
    order.sort_by_key(|i| t.columns.get(*i).map(|c| rank(c)));
    if order.iter().enumerate().all(|(n, i)| n == *i) {
        return;
    }
    let pick = |v: &Vec<Cell>| -> Vec<Cell> {
        order
            .iter()
            .map(|i| v.get(*i).copied().unwrap_or(Cell::Count(0)))
            .collect()
    };
    for row in &mut t.rows {
        row.cells = pick(&row.cells);
    }
    t.columns = order
        .iter()
        .filter_map(|i| t.columns.get(*i).cloned())
        .collect();
}

/// The headline counts of each team (persons reached, first contacts, referrals), a
/// column per team and the total: in the same constraints as every other table, so
/// suppression protects a small team's figures like any small cell.
fn by_team(parts: &[Part<'_>]) -> Table {
    let rows = HEADLINES
        .iter()
        .map(|(indicator, unit, table)| {
            let cells: Vec<Cell> = parts
                .iter()
                .map(|p| {
                    p.report
                        .table(table)
                        .and_then(|t| t.cell(indicator, "total"))
                        .unwrap_or(Cell::Count(0))
                })
                .collect();
            let total = cells.iter().filter_map(|c| c.count()).sum();
            Row {
                indicator: (*indicator).to_owned(),
                unit: *unit,
                cells,
                total: Some(Cell::Count(total)),
            }
        })
        .collect();
    Table {
        id: BY_TEAM.into(),
        dimension: TEAM_DIMENSION.into(),
        columns: parts.iter().map(|p| p.name.to_owned()).collect(),
        rows,
        groups: Vec::new(),
        shares: Vec::new(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::{Dataset, Input, Params, compute};
    use ponte_model::Date;
    use serde_json::{Value, json};

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn params(team: &str) -> Params {
        Params {
            from: date("2026-01-01"),
            to: date("2026-03-31"),
            team: team.into(),
            generated: date("2026-04-02"),
        }
    }

    fn dataset(persons: Vec<Value>, outreach: Vec<Value>) -> Dataset {
        Dataset {
            persons: persons
                .into_iter()
                .map(|json| Input {
                    json,
                    created: Some(date("2025-06-01")),
                })
                .collect(),
            outreach,
            ..Dataset::default()
        }
    }

    fn team_a() -> Dataset {
        dataset(
            vec![
                json!({"alias": "a1", "sex": "female", "nationality": "NG", "birth_year": 1990,
                       "listening_point": "Latina", "sector": "agriculture",
                       "encounters": {"e1": {"date": "2026-01-10"}},
                       "screening": {"s603": {"pay": {"answer": "yes"}}},
                       "referrals": {"r1": {"destination": "legal_aid", "date": "2026-02-01", "outcome": "accepted"}},
                       "consents": {"c1": {"purpose": "referral", "given": true, "date": "2026-02-01"}}}),
                json!({"alias": "a2", "sex": "male", "nationality": "IN", "created": "2026-02-03",
                       "first_contact": {"date": "2026-02-03", "recontact": true,
                                         "given": ["rights_leaflet", "water"]},
                       "listening_point": "Latina"}),
                json!({"alias": "a3", "sex": "male", "encounters": {"e1": {"date": "2025-11-10"},
                       "e2": {"date": "2026-03-10"}},
                       "followups": {"f1": {"due": "2026-02-01"}}}),
            ],
            vec![
                json!({"date": "2026-01-05", "outreach_type": "street", "listening_point": "Latina",
                        "people_met": {"total": 12, "women": 4, "men": 6, "minors": 1},
                        "nationalities": {"IN": 5}, "materials": {"rights_leaflet": 9}}),
            ],
        )
    }

    fn team_b() -> Dataset {
        dataset(
            vec![
                json!({"alias": "b1", "sex": "female", "nationality": "MA", "birth_year": 2010,
                       "listening_point": "Fondi", "sector": "logistics",
                       "encounters": {"e1": {"date": "2026-03-01"}},
                       "screening": {"ilo": {"deception": {"answer": "no"}}},
                       "referrals": {"r1": {"destination": "health", "date": "2026-03-02"},
                                     "r2": {"destination": "trade_union", "date": "2026-03-03"}}}),
                json!({"alias": "b2", "nationality": "NG", "created": "2026-02-20",
                       "plan": {"taken_in_charge": "2026-02-21"}}),
            ],
            vec![
                json!({"date": "2026-02-05", "outreach_type": "fixed_desk", "listening_point": "Fondi",
                       "people_met": {"total": 7, "women": 7},
                       "nationalities": {"MA": 3, "IN": 1},
                       "materials": {"rights_leaflet": 4, "helpline_card": 6}}),
                json!({"date": "2026-04-05", "outreach_type": "street",
                       "people_met": {"total": 30}}),
            ],
        )
    }

    fn union(a: Dataset, b: Dataset) -> Dataset {
        Dataset {
            persons: a.persons.into_iter().chain(b.persons).collect(),
            outreach: a.outreach.into_iter().chain(b.outreach).collect(),
            places: a.places.into_iter().chain(b.places).collect(),
        }
    }

    #[test]
    fn combining_two_teams_is_computing_over_the_union_of_their_records() {
        let a = compute(&team_a(), &params("aa")).unwrap();
        let b = compute(&team_b(), &params("bb")).unwrap();
        let both = compute(&union(team_a(), team_b()), &params("programme")).unwrap();
        let sum = combine(
            &[
                Part {
                    name: "Latina",
                    report: &a,
                },
                Part {
                    name: "Fondi",
                    report: &b,
                },
            ],
            "programme",
            "2026-04-02",
        )
        .unwrap();
        assert_eq!(sum.tables.first().unwrap().id, BY_TEAM);
        assert_eq!(sum.tables[1..], both.tables[..]);
        assert_eq!(sum.period, both.period);
        assert!(sum.suppression.is_none());
        let names: Vec<(&str, &str, bool)> = sum
            .teams
            .iter()
            .map(|t| (t.name.as_str(), t.team.as_str(), t.included))
            .collect();
        assert_eq!(names, [("Latina", "aa", true), ("Fondi", "bb", true)]);
        // Materials handed out add up across the teams (9 + 4 tallied, 1 given).
        let materials = sum.table("outreach.materials").unwrap();
        assert_eq!(
            materials.cell("materials", "rights_leaflet"),
            Some(crate::table::Cell::Count(14))
        );
        // Nationality columns are the union, in the order one report gives them.
        assert_eq!(
            sum.table("persons.nationality").unwrap().columns,
            ["IN", "MA", "NG", "unknown"]
        );
    }

    #[test]
    fn the_by_team_table_holds_each_teams_headlines_and_adds_up() {
        let a = compute(&team_a(), &params("aa")).unwrap();
        let b = compute(&team_b(), &params("bb")).unwrap();
        let parts = [
            Part {
                name: "Latina",
                report: &a,
            },
            Part {
                name: "Fondi",
                report: &b,
            },
        ];
        let sum = combine(&parts, "p", "2026-04-02").unwrap();
        let t = sum.table(BY_TEAM).unwrap();
        let at = |i: &str, c: &str| t.cell(i, c).unwrap();
        assert_eq!(at("reached", "Latina"), Cell::Count(3));
        assert_eq!(at("reached", "Fondi"), Cell::Count(2));
        assert_eq!(at("reached", "total"), Cell::Count(5));
        assert_eq!(at("referrals", "Fondi"), Cell::Count(2));
        assert_eq!(at("referrals", "total"), Cell::Count(3));
        assert_eq!(at("contacts", "Latina"), Cell::Count(2));
        assert_eq!(
            sum.table("persons.sex").unwrap().cell("reached", "total"),
            Some(Cell::Count(5))
        );
        // Published: the by-team table is suppressed with the rest (Fondi's 2 hidden,
        // and with it another team's cell, so the total cannot give it back).
        let published = sum.publish(3);
        let t = published.table(BY_TEAM).unwrap();
        assert_eq!(t.cell("reached", "Fondi"), Some(Cell::Suppressed));
        let hidden = t.rows[0]
            .cells
            .iter()
            .filter(|c| **c == Cell::Suppressed)
            .count();
        assert!(hidden >= 2 || t.rows[0].total == Some(Cell::Suppressed));
    }

    #[test]
    fn mismatched_or_suppressed_reports_are_not_combined() {
        let a = compute(&team_a(), &params("aa")).unwrap();
        let mut other = params("bb");
        other.to = date("2026-06-30");
        let b = compute(&team_b(), &other).unwrap();
        let part = |name, report| Part { name, report };
        assert_eq!(
            combine(&[part("A", &a), part("B", &b)], "p", "d").unwrap_err(),
            ReportError::Combine
        );
        let published = a.publish(5).report().clone();
        assert_eq!(
            combine(&[part("A", &published)], "p", "d").unwrap_err(),
            ReportError::Combine
        );
        assert_eq!(
            combine(&[part("A", &a), part("A", &a)], "p", "d").unwrap_err(),
            ReportError::Combine
        );
        assert_eq!(combine(&[], "p", "d").unwrap_err(), ReportError::Combine);
    }

    /// One generated person: sex, nationality, place, encounter days, referrals
    /// (destination, day), and an outreach session (place, day, total).
    type Gen = (
        usize,
        usize,
        usize,
        Vec<u32>,
        Vec<(usize, u32)>,
        (usize, u32, u64),
    );

    /// 2025-11-01 plus `n` days (`n` under 180): around the period.
    fn day(n: u32) -> String {
        let (mut y, mut m, mut left) = (2025u32, 11u32, n);
        loop {
            let len = match m {
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if left < len {
                return format!("{y:04}-{m:02}-{:02}", left + 1);
            }
            left -= len;
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    }

    fn generated(people: &[Gen]) -> Dataset {
        const SEXES: [&str; 3] = ["female", "male", "other"];
        const NATIONS: [&str; 4] = ["IN", "MA", "NG", "PK"];
        const PLACES: [&str; 3] = ["Latina", "Fondi", "Stazione"];
        const DESTS: [&str; 3] = ["trade_union", "legal_aid", "health"];
        let persons = people
            .iter()
            .map(|(sex, nat, place, encounters, referrals, _)| {
                let mut v = json!({"alias": "p", "sex": SEXES[*sex], "nationality": NATIONS[*nat],
                                   "listening_point": PLACES[*place]});
                v["encounters"] = encounters
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (format!("e{i}"), json!({"date": day(*d)})))
                    .collect::<serde_json::Map<_, _>>()
                    .into();
                v["referrals"] = referrals
                    .iter()
                    .enumerate()
                    .map(|(i, (dest, d))| {
                        (
                            format!("r{i}"),
                            json!({"destination": DESTS[*dest], "date": day(*d)}),
                        )
                    })
                    .collect::<serde_json::Map<_, _>>()
                    .into();
                v
            })
            .collect::<Vec<_>>();
        let outreach = people
            .iter()
            .map(|(.., (place, d, total))| {
                json!({"date": day(*d), "outreach_type": "street",
                       "listening_point": PLACES[*place], "people_met": {"total": total},
                       "nationalities": {NATIONS[*place]: total / 2}})
            })
            .collect();
        dataset(persons, outreach)
    }

    fn person() -> impl Strategy<Value = Gen> {
        (
            0..3usize,
            0..4usize,
            0..3usize,
            proptest::collection::vec(0..180u32, 0..3),
            proptest::collection::vec((0..3usize, 0..180u32), 0..3),
            (0..3usize, 0..180u32, 0..30u64),
        )
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// However the people are split among teams, adding the teams' reports is
        /// computing the report over all of them.
        #[test]
        fn any_split_adds_up_to_the_report_over_everyone(
            people in proptest::collection::vec(person(), 0..24),
            cuts in proptest::collection::vec(0..3usize, 24),
        ) {
            let names = ["A", "B", "C"];
            let teams: Vec<Vec<Gen>> = (0..3)
                .map(|t| {
                    people
                        .iter()
                        .zip(&cuts)
                        .filter(|(_, c)| **c == t)
                        .map(|(p, _)| p.clone())
                        .collect()
                })
                .collect();
            let reports: Vec<Report> = teams
                .iter()
                .zip(names)
                .map(|(t, n)| compute(&generated(t), &params(n)).unwrap())
                .collect();
            let parts: Vec<Part<'_>> = reports
                .iter()
                .zip(names)
                .map(|(report, name)| Part { name, report })
                .collect();
            let sum = combine(&parts, "p", "2026-04-02").unwrap();
            let all = compute(&generated(&people), &params("p")).unwrap();
            prop_assert_eq!(&sum.tables[1..], &all.tables[..]);
            let by_team = sum.table(BY_TEAM).unwrap();
            for (row, table) in [("reached", "persons.sex"), ("referrals", "referrals.destination")] {
                prop_assert_eq!(
                    by_team.cell(row, "total"),
                    all.table(table).unwrap().cell(row, "total")
                );
            }
        }
    }
}
