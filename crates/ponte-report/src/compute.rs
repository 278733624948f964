//! From decrypted records to a [`Report`] of exact counts. The definitions are in the
//! crate docs; each function here says which one it implements.

use std::collections::{BTreeMap, BTreeSet};

use ponte_model::record::{self, answer, bool_at, date_at, int_at, str_at};
use ponte_model::screening::{self, Answer, RiskLevel};
use ponte_model::{Date, vocab};
use serde_json::Value;

use crate::table::{Cell, FORMAT, Group, Period, Report, Row, Share, Table, Unit};
use crate::{Dataset, Params, ReportError};

/// Code of a missing category (nationality, sector, listening point, age band,
/// outcome, outreach type).
pub const UNKNOWN: &str = "unknown";
/// Code of a missing sex.
pub const NOT_STATED: &str = "not_stated";
/// Sex categories, in column order.
pub const SEXES: &[&str] = &["female", "male", "other", NOT_STATED];
/// Age bands at the period's last day, in column order.
pub const AGE_BANDS: &[&str] = &["under_18", "18_60", "over_60", UNKNOWN];
/// The person breakdowns, in table order.
pub const PERSON_DIMENSIONS: &[&str] = &[
    "sex",
    "age_band",
    "nationality",
    "sector",
    "listening_point",
];
/// Screening groups reported, with their items.
pub const SCREENING_GROUPS: &[(&str, &[&str])] = &[
    (screening::GROUP_603BIS, screening::INDICES_603BIS),
    (screening::GROUP_ILO, screening::ILO_INDICATORS),
];
const RISKS: [RiskLevel; 4] = [
    RiskLevel::NotScreened,
    RiskLevel::Low,
    RiskLevel::Medium,
    RiskLevel::High,
];
const CONSENT_PURPOSES: &[&str] = vocab::CONSENT_PURPOSES;

/// What one person contributes to the report.
#[derive(Debug, Default)]
struct Facts {
    /// Category per [`PERSON_DIMENSIONS`].
    categories: [String; 5],
    reached: bool,
    /// Reached, and the first contact ever falls in the period.
    first_contact: bool,
    /// Month of the first contact, when `first_contact`.
    first_month: Option<(u16, u8)>,
    /// Months (within the period) in which the person was reached.
    months: BTreeSet<(u16, u8)>,
    risk: RiskLevel,
    screened: bool,
    /// (group index, item index, answered yes).
    answers: Vec<(usize, usize, bool)>,
    taken_in_charge: bool,
    /// (destination, outcome) of referrals dated in the period.
    referrals: Vec<(String, String)>,
    /// Purposes of consents given in the period.
    consents: Vec<String>,
    followups_done: u64,
    followups_overdue: u64,
    /// The case's steps (`case_events`), see [`case_facts`].
    case: CaseFacts,
    /// (destination, outcome) of referral outcome steps dated in the period.
    outcome_steps: Vec<(String, String)>,
    /// The person's first contact with the team, when it falls in the period.
    contact: Option<Contact>,
}

/// A person's first contact with the team (see [`first_contact`]).
#[derive(Debug)]
struct Contact {
    month: (u16, u8),
    /// The place's name (or old label), `unknown` when none.
    place: String,
    /// A quick contact (`first_contact`), not a first meeting at an intake.
    quick: bool,
    /// What a quick contact was given (material codes of the vocabulary, each once).
    given: Vec<String>,
}

/// Where records were, as report columns. A record names a place of the team's list
/// (`place_id`) or, written before the list, a free-text `listening_point` label. Names
/// and labels that differ only in case and spaces ([`record::label_key`]: "Borgo
/// Hermada", "borgo hermada", "BORGO  HERMADA ") are one column, so old labels and two
/// places named alike before the list refused it do not split a count. The column is
/// named after a place of the team's list with that key if there is one, else after
/// the spelling of the label found most often (then the first in sort order), its
/// spaces tidied.
struct Places<'a> {
    /// Place record id (hex) to name.
    by_id: &'a BTreeMap<String, String>,
    /// Label key to the column's name.
    names: BTreeMap<String, String>,
}

/// A name with its spaces tidied (trimmed, runs made one space), its case kept.
fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl<'a> Places<'a> {
    fn new(data: &'a Dataset) -> Places<'a> {
        // Per key, each spelling: (a place of the list, how often it is written).
        let mut spellings: BTreeMap<String, BTreeMap<String, (bool, u64)>> = BTreeMap::new();
        let mut add = |name: &str, place: bool| {
            let key = record::label_key(name);
            if key.is_empty() {
                return;
            }
            let seen = spellings
                .entry(key)
                .or_default()
                .entry(tidy(name))
                .or_default();
            seen.0 |= place;
            seen.1 += 1;
        };
        for name in data.places.values() {
            add(name, true);
        }
        let labelled = data.persons.iter().flat_map(|p| {
            std::iter::once(&p.json)
                .chain(record::at(&p.json, "first_contact"))
                .chain(entries(&p.json, "encounters"))
        });
        for v in labelled.chain(&data.outreach) {
            if let Some(label) = str_at(v, "listening_point") {
                add(label, false);
            }
        }
        let names = spellings
            .into_iter()
            .filter_map(|(key, seen)| {
                let best = seen
                    .into_iter()
                    .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))?;
                Some((key, best.0))
            })
            .collect();
        Places {
            by_id: &data.places,
            names,
        }
    }

    /// The column of the place a record or an encounter names: the name of its
    /// `place_id` in the team's list, else its old `listening_point` label, as its
    /// column names it; `None` when it names none.
    fn of(&self, v: &Value) -> Option<String> {
        let raw = record::place_name(v, &|id: &str| self.by_id.get(id).map(String::as_str))?;
        let key = record::label_key(raw);
        if key.is_empty() {
            return None;
        }
        Some(self.names.get(&key).cloned().unwrap_or_else(|| tidy(raw)))
    }
}

/// [`Places::of`], or [`UNKNOWN`].
fn place_or_unknown(v: &Value, places: &Places<'_>) -> String {
    places.of(v).unwrap_or_else(|| UNKNOWN.to_owned())
}

/// A person's first contact with the team: a quick contact's `first_contact` (its
/// date and place, else the person's place); otherwise the first meeting at an intake,
/// the earliest encounter (its place, else the person's) or, with no encounters, the
/// record's creation (the person's place). `None` when it is outside the period.
fn first_contact(
    person: &Value,
    created: Option<Date>,
    places: &Places<'_>,
    from: Date,
    to: Date,
) -> Option<Contact> {
    let own = places.of(person);
    let (day, place, quick) = if let Some(day) = date_at(person, "first_contact.date") {
        let at = record::at(person, "first_contact").and_then(|c| places.of(c));
        (day, at.or(own), true)
    } else {
        let earliest = entries(person, "encounters")
            .filter_map(|e| Some((date_at(e, "date")?, e)))
            .min_by_key(|(d, _)| *d);
        match earliest {
            Some((day, e)) => (day, places.of(e).or(own), false),
            None => (date_at(person, "created").or(created)?, own, false),
        }
    };
    (from <= day && day <= to).then(|| Contact {
        month: month(day),
        place: place.unwrap_or_else(|| UNKNOWN.to_owned()),
        quick,
        given: if quick {
            record::codes(person, "first_contact.given")
                .into_iter()
                .filter(|m| vocab::is_material(m))
                .map(str::to_owned)
                .collect()
        } else {
            Vec::new()
        },
    })
}

/// What a person's case history adds: the case in charge at the period's end, taken in
/// charge, closed (with the reason of the last closing) and reopened in the period.
#[derive(Debug, Default)]
struct CaseFacts {
    in_charge_at_end: bool,
    taken: bool,
    closed: Option<String>,
    reopened: bool,
}

/// [`CaseFacts`] of a person. Taken in charge: `plan.taken_in_charge` or a
/// `taken_in_charge` event. Closed at the end: the last `closed` or `reopened` event on
/// or before `to` is a closing (same day: entry order); with no such event, the status.
fn case_facts(person: &Value, from: Date, to: Date) -> CaseFacts {
    let inside = |d: Date| from <= d && d <= to;
    let mut events: Vec<(Date, &str, &Value)> = record::entries(person, "case_events")
        .into_iter()
        .filter_map(|(_, e)| Some((date_at(e, "date")?, str_at(e, "kind")?, e)))
        .collect();
    events.sort_by_key(|(d, _, _)| *d);
    let plan = date_at(person, "plan.taken_in_charge");
    let taken_by_end = plan.is_some_and(|d| d <= to)
        || events
            .iter()
            .any(|(d, k, _)| *k == "taken_in_charge" && *d <= to);
    let open_close: Vec<&(Date, &str, &Value)> = events
        .iter()
        .filter(|(_, k, _)| matches!(*k, "closed" | "reopened"))
        .collect();
    let closed_at_end = if open_close.is_empty() {
        str_at(person, "status.code") == Some("closed")
    } else {
        open_close
            .iter()
            .rev()
            .find(|(d, _, _)| *d <= to)
            .is_some_and(|(_, k, _)| *k == "closed")
    };
    CaseFacts {
        in_charge_at_end: taken_by_end && !closed_at_end,
        taken: plan.is_some_and(inside)
            || events
                .iter()
                .any(|(d, k, _)| *k == "taken_in_charge" && inside(*d)),
        closed: events
            .iter()
            .rev()
            .find(|(d, k, _)| *k == "closed" && inside(*d))
            .map(|(_, _, e)| code_or(e, "reason", UNKNOWN)),
        reopened: events
            .iter()
            .any(|(d, k, _)| *k == "reopened" && inside(*d)),
    }
}

impl Facts {
    fn contributes(&self) -> bool {
        self.reached
            || self.taken_in_charge
            || !self.referrals.is_empty()
            || !self.consents.is_empty()
            || self.followups_done > 0
            || self.followups_overdue > 0
            || self.case.in_charge_at_end
            || self.case.taken
            || self.case.closed.is_some()
            || self.case.reopened
            || !self.outcome_steps.is_empty()
            || self.contact.is_some()
    }
}

/// The code at `path`, or `missing` (`unknown`, `not_stated`) when there is none.
fn code_or(value: &Value, path: &str, missing: &str) -> String {
    str_at(value, path).unwrap_or(missing).to_owned()
}

/// Entries of a collection (`encounters`, `referrals`, ...) that are objects, by entry id.
fn entries<'a>(person: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    record::entries(person, key).into_iter().map(|(_, e)| e)
}

fn month(d: Date) -> (u16, u8) {
    (d.year(), d.month())
}

/// Age band from `birth_year` at the period's last day: the age the person reaches
/// in that year; `unknown` when missing or after that year.
pub fn age_band(birth_year: Option<i64>, to: Date) -> &'static str {
    match birth_year {
        Some(y) if y <= i64::from(to.year()) => match i64::from(to.year()) - y {
            0..=17 => "under_18",
            18..=60 => "18_60",
            _ => "over_60",
        },
        _ => UNKNOWN,
    }
}

fn facts(
    person: &Value,
    created: Option<Date>,
    places: &Places<'_>,
    from: Date,
    to: Date,
) -> Facts {
    let inside = |d: Date| from <= d && d <= to;
    let mut f = Facts {
        categories: [
            code_or(person, "sex", NOT_STATED),
            age_band(int_at(person, "birth_year"), to).into(),
            code_or(person, "nationality", UNKNOWN),
            code_or(person, "sector", UNKNOWN),
            place_or_unknown(person, places),
        ],
        contact: first_contact(person, created, places, from, to),
        ..Facts::default()
    };

    // Reached: an encounter in the period; with no encounters at all, created in it.
    let encounters: Vec<Date> = entries(person, "encounters")
        .filter_map(|e| date_at(e, "date"))
        .collect();
    if let Some(first) = encounters.iter().min().copied() {
        f.months = encounters
            .iter()
            .filter(|d| inside(**d))
            .map(|d| month(*d))
            .collect();
        f.reached = !f.months.is_empty();
        f.first_contact = f.reached && first >= from;
        f.first_month = f.first_contact.then(|| month(first));
    } else if let Some(day) = date_at(person, "created").or(created)
        && inside(day)
    {
        f.reached = true;
        f.first_contact = true;
        f.first_month = Some(month(day));
        f.months.insert(month(day));
    }

    let (derived, effective) = screening::effective_risk(person);
    f.risk = effective;
    f.screened = derived != RiskLevel::NotScreened;
    if let Some(screening) = record::at(person, "screening") {
        for (g, (group, items)) in SCREENING_GROUPS.iter().enumerate() {
            for (i, item) in items.iter().enumerate() {
                match answer(screening, group, item) {
                    Some(Answer::Yes) => f.answers.push((g, i, true)),
                    Some(Answer::No) => f.answers.push((g, i, false)),
                    Some(Answer::Unknown) | None => {}
                }
            }
        }
    }

    f.taken_in_charge = date_at(person, "plan.taken_in_charge").is_some_and(inside);
    f.referrals = entries(person, "referrals")
        .filter(|r| date_at(r, "date").is_some_and(inside))
        .map(|r| {
            (
                code_or(r, "destination", UNKNOWN),
                code_or(r, "outcome", UNKNOWN),
            )
        })
        .collect();
    f.consents = entries(person, "consents")
        .filter(|c| bool_at(c, "given") == Some(true))
        .filter(|c| date_at(c, "date").is_some_and(inside))
        .map(|c| code_or(c, "purpose", UNKNOWN))
        .collect();
    f.case = case_facts(person, from, to);
    for r in entries(person, "referrals") {
        let destination = code_or(r, "destination", UNKNOWN);
        for o in entries(r, "outcomes") {
            if date_at(o, "date").is_some_and(inside) {
                f.outcome_steps
                    .push((destination.clone(), code_or(o, "outcome", UNKNOWN)));
            }
        }
    }
    for fu in entries(person, "followups") {
        let done = date_at(fu, "done");
        if done.is_some_and(inside) {
            f.followups_done += 1;
        }
        let open_at_end = done.is_none_or(|d| d > to);
        if open_at_end && date_at(fu, "due").is_some_and(|due| due < to) {
            f.followups_overdue += 1;
        }
    }
    f
}

/// One person indicator: code, unit, and what a person adds to it.
struct Indicator {
    code: String,
    unit: Unit,
    count: Box<dyn Fn(&Facts) -> u64>,
}

fn indicator(code: &str, unit: Unit, count: impl Fn(&Facts) -> u64 + 'static) -> Indicator {
    Indicator {
        code: code.to_owned(),
        unit,
        count: Box::new(count),
    }
}

fn len(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Every person indicator, in row order, with the groups that add up and the shares.
fn person_indicators() -> (Vec<Indicator>, Vec<Group>, Vec<Share>) {
    let mut rows = vec![
        indicator("reached", Unit::Persons, |f| u64::from(f.reached)),
        indicator("reached.first_contact", Unit::Persons, |f| {
            u64::from(f.reached && f.first_contact)
        }),
        indicator("reached.repeat", Unit::Persons, |f| {
            u64::from(f.reached && !f.first_contact)
        }),
    ];
    for level in RISKS {
        rows.push(indicator(
            &format!("risk.{}", level.as_str()),
            Unit::Persons,
            move |f| u64::from(f.reached && f.risk == level),
        ));
    }
    rows.push(indicator("screened", Unit::Persons, |f| {
        u64::from(f.reached && f.screened)
    }));
    rows.push(indicator("taken_in_charge", Unit::Persons, |f| {
        u64::from(f.taken_in_charge)
    }));
    rows.push(indicator("referrals", Unit::Referrals, |f| {
        len(f.referrals.len())
    }));
    rows.push(indicator("consents_given", Unit::Consents, |f| {
        len(f.consents.len())
    }));
    for purpose in CONSENT_PURPOSES {
        rows.push(indicator(
            &format!("consents_given.{purpose}"),
            Unit::Consents,
            move |f| len(f.consents.iter().filter(|p| p == purpose).count()),
        ));
    }
    rows.push(indicator("followups.done", Unit::Followups, |f| {
        f.followups_done
    }));
    rows.push(indicator("followups.overdue", Unit::Followups, |f| {
        f.followups_overdue
    }));

    let mut groups = vec![
        Group {
            total: "reached".into(),
            parts: vec!["reached.first_contact".into(), "reached.repeat".into()],
        },
        Group {
            total: "reached".into(),
            parts: RISKS
                .iter()
                .map(|l| format!("risk.{}", l.as_str()))
                .collect(),
        },
        Group {
            total: "consents_given".into(),
            parts: CONSENT_PURPOSES
                .iter()
                .map(|p| format!("consents_given.{p}"))
                .collect(),
        },
    ];
    let mut shares = Vec::new();
    for (g, (group, items)) in SCREENING_GROUPS.iter().enumerate() {
        for (i, item) in items.iter().enumerate() {
            let base = format!("screening.{group}.{item}");
            let answered = move |f: &Facts| {
                len(f
                    .answers
                    .iter()
                    .filter(|(ag, ai, _)| *ag == g && *ai == i)
                    .count())
            };
            let with = move |yes: bool| {
                move |f: &Facts| {
                    len(f
                        .answers
                        .iter()
                        .filter(|(ag, ai, y)| *ag == g && *ai == i && *y == yes)
                        .count())
                }
            };
            rows.push(indicator(
                &format!("{base}.answered"),
                Unit::Persons,
                move |f| {
                    if f.reached { answered(f) } else { 0 }
                },
            ));
            let yes = with(true);
            rows.push(indicator(&format!("{base}.yes"), Unit::Persons, move |f| {
                if f.reached { yes(f) } else { 0 }
            }));
            let no = with(false);
            rows.push(indicator(&format!("{base}.no"), Unit::Persons, move |f| {
                if f.reached { no(f) } else { 0 }
            }));
            groups.push(Group {
                total: format!("{base}.answered"),
                parts: vec![format!("{base}.yes"), format!("{base}.no")],
            });
            shares.push(Share {
                indicator: format!("{base}.prevalence"),
                numerator: format!("{base}.yes"),
                denominator: format!("{base}.answered"),
                cells: Vec::new(),
                total: None,
            });
        }
    }
    (rows, groups, shares)
}

/// Columns of a dimension: fixed lists where the vocabulary is short (so a column's
/// presence says nothing about the data), otherwise the codes that occur among the
/// people counted, sorted, then `unknown`.
fn columns(dimension: usize, people: &[Facts]) -> Vec<String> {
    let fixed: Option<Vec<&str>> = match PERSON_DIMENSIONS.get(dimension) {
        Some(&"sex") => Some(SEXES.to_vec()),
        Some(&"age_band") => Some(AGE_BANDS.to_vec()),
        Some(&"sector") => Some(vocab::SECTORS.iter().copied().chain([UNKNOWN]).collect()),
        _ => None,
    };
    let mut cols: Vec<String> = match fixed {
        Some(list) => list.into_iter().map(str::to_owned).collect(),
        None => {
            let seen: BTreeSet<&str> = people
                .iter()
                .map(|f| f.categories[dimension].as_str())
                .filter(|c| *c != UNKNOWN)
                .collect();
            seen.into_iter()
                .map(str::to_owned)
                .chain([UNKNOWN.to_owned()])
                .collect()
        }
    };
    // A code outside a fixed list (an old or foreign record) still gets a column.
    for f in people {
        let c = &f.categories[dimension];
        if !cols.contains(c) {
            cols.push(c.clone());
        }
    }
    cols
}

/// Adds counts into a table row by row and column by column.
struct Builder {
    table: Table,
}

impl Builder {
    fn new(id: &str, dimension: &str, columns: Vec<String>) -> Builder {
        Builder {
            table: Table {
                id: id.into(),
                dimension: dimension.into(),
                columns,
                rows: Vec::new(),
                groups: Vec::new(),
                shares: Vec::new(),
            },
        }
    }

    fn row(&mut self, indicator: &str, unit: Unit, with_total: bool) -> usize {
        self.table.rows.push(Row {
            indicator: indicator.into(),
            unit,
            cells: vec![Cell::Count(0); self.table.columns.len()],
            total: with_total.then_some(Cell::Count(0)),
        });
        self.table.rows.len() - 1
    }

    fn add(&mut self, row: usize, column: &str, n: u64) {
        if n == 0 {
            return;
        }
        let col = match self.table.columns.iter().position(|c| c == column) {
            Some(i) => i,
            None => {
                self.table.columns.push(column.to_owned());
                for r in &mut self.table.rows {
                    r.cells.push(Cell::Count(0));
                }
                self.table.columns.len() - 1
            }
        };
        if let Some(r) = self.table.rows.get_mut(row) {
            if let Some(Cell::Count(c)) = r.cells.get_mut(col) {
                *c += n;
            }
            if let Some(Cell::Count(t)) = &mut r.total {
                *t += n;
            }
        }
    }

    fn finish(mut self) -> Table {
        crate::table::fill_shares(&mut self.table);
        self.table
    }
}

fn month_code((y, m): (u16, u8)) -> String {
    format!("{y:04}-{m:02}")
}

/// Every month the period touches, as `YYYY-MM`.
fn months(from: Date, to: Date) -> Vec<(u16, u8)> {
    let mut out = Vec::new();
    let mut cur = month(from);
    while cur <= month(to) {
        out.push(cur);
        cur = if cur.1 == 12 {
            (cur.0 + 1, 1)
        } else {
            (cur.0, cur.1 + 1)
        };
    }
    out
}

/// Compute the report for `params` over `data`. Exact counts: publish before export.
pub fn compute(data: &Dataset, params: &Params) -> Result<Report, ReportError> {
    let (from, to) = (params.from, params.to);
    if from > to {
        return Err(ReportError::BadPeriod);
    }
    let places = Places::new(data);
    let people: Vec<Facts> = data
        .persons
        .iter()
        .map(|p| facts(&p.json, p.created, &places, from, to))
        .filter(Facts::contributes)
        .collect();

    let mut tables = Vec::new();
    let (indicators, groups, shares) = person_indicators();
    for (d, dimension) in PERSON_DIMENSIONS.iter().enumerate() {
        let mut b = Builder::new(
            &format!("persons.{dimension}"),
            dimension,
            columns(d, &people),
        );
        let rows: Vec<usize> = indicators
            .iter()
            .map(|i| b.row(&i.code, i.unit, true))
            .collect();
        for f in &people {
            for (ind, row) in indicators.iter().zip(&rows) {
                b.add(*row, &f.categories[d], (ind.count)(f));
            }
        }
        b.table.groups = groups.clone();
        b.table.shares = shares.clone();
        tables.push(b.finish());
    }

    tables.push(referrals_table(&people));
    tables.push(cases_by_listening_point(&people));
    tables.push(closures_by_reason(&people));
    let sessions = outreach_in_period(data, &places, from, to);
    tables.push(outreach_by_listening_point(&sessions));
    tables.push(outreach_by_type(&sessions));
    tables.push(outreach_by_nationality(&sessions));
    tables.push(groups_by_topic(&sessions));
    tables.push(materials_table(&sessions, &people));
    tables.push(months_table(&people, &sessions, from, to));
    tables.push(contacts_by_place(&people));
    tables.push(contacts_by_month(&people, from, to));

    Ok(Report {
        format: FORMAT.into(),
        team: params.team.clone(),
        period: Period {
            from: params.from.to_string(),
            to: params.to.to_string(),
        },
        generated: params.generated.to_string(),
        suppression: None,
        teams: Vec::new(),
        tables,
    })
}

/// A total row `total` and one row per outcome code (`<prefix>.<outcome>`, unknown
/// codes in `<prefix>.unknown`), counting the `(destination, outcome)` pairs `pairs`
/// gives for each person, grouped so the parts add up to the total.
fn outcome_rows(
    b: &mut Builder,
    total: &str,
    prefix: &str,
    people: &[Facts],
    pairs: impl Fn(&Facts) -> &Vec<(String, String)>,
) {
    let total_row = b.row(total, Unit::Referrals, true);
    let outcomes: Vec<&str> = vocab::REFERRAL_OUTCOMES
        .iter()
        .copied()
        .chain([UNKNOWN])
        .collect();
    let rows: BTreeMap<&str, usize> = outcomes
        .iter()
        .map(|o| (*o, b.row(&format!("{prefix}.{o}"), Unit::Referrals, true)))
        .collect();
    for f in people {
        for (dest, outcome) in pairs(f) {
            b.add(total_row, dest, 1);
            let row = rows
                .get(outcome.as_str())
                .or_else(|| rows.get(UNKNOWN))
                .copied()
                .unwrap_or(total_row);
            b.add(row, dest, 1);
        }
    }
    b.table.groups.push(Group {
        total: total.into(),
        parts: outcomes.iter().map(|o| format!("{prefix}.{o}")).collect(),
    });
}

/// Referrals dated in the period by destination (columns) and outcome (rows).
fn referrals_table(people: &[Facts]) -> Table {
    let seen: BTreeSet<&str> = people
        .iter()
        .flat_map(|f| f.referrals.iter().map(|(d, _)| d.as_str()))
        .collect();
    let mut columns: Vec<String> = vocab::SERVICE_TYPES
        .iter()
        .filter(|t| seen.contains(**t))
        .map(|t| (*t).to_owned())
        .collect();
    columns.extend(
        seen.iter()
            .filter(|s| !vocab::SERVICE_TYPES.contains(s))
            .map(|s| (*s).to_owned()),
    );
    let mut b = Builder::new("referrals.destination", "destination", columns);
    // Referrals made in the period by their outcome now, then the outcome steps
    // recorded in the period (a referral's history), by outcome.
    outcome_rows(&mut b, "referrals", "referrals.outcome", people, |f| {
        &f.referrals
    });
    outcome_rows(&mut b, "referrals.steps", "referrals.step", people, |f| {
        &f.outcome_steps
    });
    b.finish()
}

/// Cases by listening point: in charge at the period's end, taken in charge, closed and
/// reopened in the period (persons).
fn cases_by_listening_point(people: &[Facts]) -> Table {
    let lp = PERSON_DIMENSIONS
        .iter()
        .position(|d| *d == "listening_point")
        .unwrap_or(0);
    let mut b = Builder::new(
        "cases.listening_point",
        "listening_point",
        columns(lp, people),
    );
    let in_charge = b.row("cases.in_charge", Unit::Persons, true);
    let taken = b.row("cases.taken_in_charge", Unit::Persons, true);
    let closed = b.row("cases.closed", Unit::Persons, true);
    let reopened = b.row("cases.reopened", Unit::Persons, true);
    for f in people {
        let col = &f.categories[lp];
        b.add(in_charge, col, u64::from(f.case.in_charge_at_end));
        b.add(taken, col, u64::from(f.case.taken));
        b.add(closed, col, u64::from(f.case.closed.is_some()));
        b.add(reopened, col, u64::from(f.case.reopened));
    }
    b.finish()
}

/// Cases closed in the period by the reason of their last closing (persons).
fn closures_by_reason(people: &[Facts]) -> Table {
    let mut columns: Vec<String> = vocab::CLOSE_REASONS
        .iter()
        .map(|r| (*r).to_owned())
        .collect();
    columns.push(UNKNOWN.to_owned());
    let mut b = Builder::new("cases.close_reason", "close_reason", columns);
    let closed = b.row("cases.closed", Unit::Persons, true);
    for f in people {
        if let Some(reason) = &f.case.closed {
            b.add(closed, reason, 1);
        }
    }
    b.finish()
}

/// An outreach session dated in the period, reduced to what the report counts.
struct Session {
    month: (u16, u8),
    listening_point: String,
    outreach_type: String,
    total: u64,
    women: u64,
    men: u64,
    minors: u64,
    /// Main nationalities seen: country code -> count.
    nationalities: Vec<(String, u64)>,
    /// Group sessions: topic, attendance, people linked as asking for a follow-up.
    groups: Vec<(String, u64, u64)>,
    /// Materials handed out (the tally): material code -> count.
    materials: Vec<(String, u64)>,
}

fn outreach_in_period(data: &Dataset, places: &Places<'_>, from: Date, to: Date) -> Vec<Session> {
    data.outreach
        .iter()
        .filter_map(|o| {
            let day = date_at(o, "date").filter(|d| from <= *d && *d <= to)?;
            let n = |path: &str| record::at(o, path).and_then(Value::as_u64).unwrap_or(0);
            let total = n("people_met.total");
            let women = n("people_met.women").min(total);
            Some(Session {
                month: month(day),
                listening_point: place_or_unknown(o, places),
                outreach_type: code_or(o, "outreach_type", UNKNOWN),
                total,
                // Validation keeps these within the total; clamp anything older anyway.
                women,
                men: n("people_met.men").min(total.saturating_sub(women)),
                minors: n("people_met.minors").min(total),
                nationalities: record::at(o, "nationalities")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter(|(c, _)| vocab::is_country(c))
                    .filter_map(|(c, n)| Some((c.clone(), n.as_u64()?)))
                    .collect(),
                materials: record::at(o, "materials")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter(|(m, _)| vocab::is_material(m))
                    .filter_map(|(m, n)| Some((m.clone(), n.as_u64()?)))
                    .collect(),
                groups: record::entries(o, "groups")
                    .into_iter()
                    .map(|(_, g)| {
                        let attendance = record::at(g, "attendance")
                            .and_then(Value::as_u64)
                            .unwrap_or(0);
                        // Each person once per group session, whatever a merge left.
                        let asked = record::codes(g, "follow_up").len() as u64;
                        (code_or(g, "topic", UNKNOWN), attendance, asked)
                    })
                    .collect(),
            })
        })
        .collect()
}

fn outreach_by_listening_point(sessions: &[Session]) -> Table {
    let seen: BTreeSet<&str> = sessions
        .iter()
        .map(|s| s.listening_point.as_str())
        .filter(|c| *c != UNKNOWN)
        .collect();
    let columns = seen
        .into_iter()
        .map(str::to_owned)
        .chain([UNKNOWN.to_owned()])
        .collect();
    let mut b = Builder::new("outreach.listening_point", "listening_point", columns);
    let sessions_row = b.row("sessions", Unit::Sessions, true);
    let met = b.row("people_met", Unit::Contacts, true);
    let women = b.row("people_met.women", Unit::Contacts, true);
    let men = b.row("people_met.men", Unit::Contacts, true);
    let sex_ns = b.row("people_met.sex_not_stated", Unit::Contacts, true);
    let minors = b.row("people_met.minors", Unit::Contacts, true);
    let others = b.row("people_met.adults_or_not_stated", Unit::Contacts, true);
    for s in sessions {
        let lp = s.listening_point.as_str();
        b.add(sessions_row, lp, 1);
        b.add(met, lp, s.total);
        b.add(women, lp, s.women);
        b.add(men, lp, s.men);
        b.add(sex_ns, lp, s.total - s.women - s.men);
        b.add(minors, lp, s.minors);
        b.add(others, lp, s.total - s.minors);
    }
    b.table.groups = vec![
        Group {
            total: "people_met".into(),
            parts: vec![
                "people_met.women".into(),
                "people_met.men".into(),
                "people_met.sex_not_stated".into(),
            ],
        },
        Group {
            total: "people_met".into(),
            parts: vec![
                "people_met.minors".into(),
                "people_met.adults_or_not_stated".into(),
            ],
        },
    ];
    b.finish()
}

fn outreach_by_type(sessions: &[Session]) -> Table {
    let columns = vocab::OUTREACH_TYPES
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    let mut b = Builder::new("outreach.outreach_type", "outreach_type", columns);
    let sessions_row = b.row("sessions", Unit::Sessions, true);
    let met = b.row("people_met", Unit::Contacts, true);
    for s in sessions {
        b.add(sessions_row, &s.outreach_type, 1);
        b.add(met, &s.outreach_type, s.total);
    }
    b.finish()
}

/// The main nationalities seen at the sessions (counted apart from the people met:
/// not everyone's nationality is seen, so this table has its own indicator).
fn outreach_by_nationality(sessions: &[Session]) -> Table {
    let seen: BTreeSet<&str> = sessions
        .iter()
        .flat_map(|s| s.nationalities.iter().map(|(c, _)| c.as_str()))
        .collect();
    let columns = seen.into_iter().map(str::to_owned).collect();
    let mut b = Builder::new("outreach.nationality", "nationality", columns);
    let row = b.row("nationality_seen", Unit::Contacts, true);
    for s in sessions {
        for (country, n) in &s.nationalities {
            b.add(row, country, *n);
        }
    }
    b.finish()
}

/// Group sessions by topic: how many, the attendance, and how many people asked for
/// an individual follow-up.
fn groups_by_topic(sessions: &[Session]) -> Table {
    let columns = vocab::GROUP_TOPICS
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    let mut b = Builder::new("outreach.group_topic", "group_topic", columns);
    let held = b.row("group_sessions", Unit::Sessions, true);
    let attendance = b.row("group_attendance", Unit::Contacts, true);
    let asked = b.row("group_follow_up", Unit::Contacts, true);
    for s in sessions {
        for (topic, n, follow_up) in &s.groups {
            b.add(held, topic, 1);
            b.add(attendance, topic, *n);
            b.add(asked, topic, *follow_up);
        }
    }
    b.finish()
}

/// Materials handed out in the period, by material: counted at the outreach sessions
/// (the tally) and given at quick contacts (each material once per contact), and their
/// sum. A small count is suppressed as the people met are.
fn materials_table(sessions: &[Session], people: &[Facts]) -> Table {
    let columns = vocab::MATERIALS.iter().map(|m| (*m).to_owned()).collect();
    let mut b = Builder::new("outreach.materials", "material", columns);
    let all = b.row("materials", Unit::Contacts, true);
    let tallied = b.row("materials.outreach", Unit::Contacts, true);
    let given = b.row("materials.contacts", Unit::Contacts, true);
    for s in sessions {
        for (material, n) in &s.materials {
            b.add(all, material, *n);
            b.add(tallied, material, *n);
        }
    }
    for c in people.iter().filter_map(|f| f.contact.as_ref()) {
        for material in &c.given {
            b.add(all, material, 1);
            b.add(given, material, 1);
        }
    }
    b.table.groups = vec![Group {
        total: "materials".into(),
        parts: vec!["materials.outreach".into(), "materials.contacts".into()],
    }];
    b.finish()
}

/// Per month of the period: sessions, anonymous people met, persons reached in the
/// month (no total: one person can be reached in several months) and first contacts.
fn months_table(people: &[Facts], sessions: &[Session], from: Date, to: Date) -> Table {
    let columns = months(from, to).into_iter().map(month_code).collect();
    let mut b = Builder::new("months", "month", columns);
    let sessions_row = b.row("sessions", Unit::Sessions, true);
    let met = b.row("people_met", Unit::Contacts, true);
    let reached = b.row("reached", Unit::Persons, false);
    let first = b.row("reached.first_contact", Unit::Persons, true);
    for s in sessions {
        let m = month_code(s.month);
        b.add(sessions_row, &m, 1);
        b.add(met, &m, s.total);
    }
    for f in people {
        for m in &f.months {
            b.add(reached, &month_code(*m), 1);
        }
        if let Some(m) = f.first_month.filter(|_| f.reached && f.first_contact) {
            b.add(first, &month_code(m), 1);
        }
    }
    b.finish()
}

/// The rows of a contacts table: every first contact, and the two kinds that add up
/// to it.
fn contact_rows(b: &mut Builder) -> [usize; 3] {
    let all = b.row("contacts", Unit::Persons, true);
    let quick = b.row("contacts.quick", Unit::Persons, true);
    let intake = b.row("contacts.intake", Unit::Persons, true);
    b.table.groups.push(Group {
        total: "contacts".into(),
        parts: vec!["contacts.quick".into(), "contacts.intake".into()],
    });
    [all, quick, intake]
}

fn add_contact(b: &mut Builder, rows: [usize; 3], column: &str, c: &Contact) {
    b.add(rows[0], column, 1);
    b.add(if c.quick { rows[1] } else { rows[2] }, column, 1);
}

/// First contacts in the period by place (its name, so two spellings never split a
/// place; the old label for records without a place id).
fn contacts_by_place(people: &[Facts]) -> Table {
    let seen: BTreeSet<&str> = people
        .iter()
        .filter_map(|f| f.contact.as_ref())
        .map(|c| c.place.as_str())
        .filter(|p| *p != UNKNOWN)
        .collect();
    let columns = seen
        .into_iter()
        .map(str::to_owned)
        .chain([UNKNOWN.to_owned()])
        .collect();
    let mut b = Builder::new("contacts.listening_point", "listening_point", columns);
    let rows = contact_rows(&mut b);
    for c in people.iter().filter_map(|f| f.contact.as_ref()) {
        add_contact(&mut b, rows, &c.place, c);
    }
    b.finish()
}

/// First contacts in the period by month.
fn contacts_by_month(people: &[Facts], from: Date, to: Date) -> Table {
    let columns = months(from, to).into_iter().map(month_code).collect();
    let mut b = Builder::new("contacts.month", "month", columns);
    let rows = contact_rows(&mut b);
    for c in people.iter().filter_map(|f| f.contact.as_ref()) {
        add_contact(&mut b, rows, &month_code(c.month), c);
    }
    b.finish()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::Input;
    use serde_json::json;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn params() -> Params {
        Params {
            from: date("2026-01-01"),
            to: date("2026-03-31"),
            team: "team-a".into(),
            generated: date("2026-04-02"),
        }
    }

    fn person(json: Value) -> Input {
        Input {
            json,
            created: Some(date("2025-06-01")),
        }
    }

    fn report(persons: Vec<Value>, outreach: Vec<Value>) -> Report {
        let data = Dataset {
            persons: persons.into_iter().map(person).collect(),
            outreach,
            ..Dataset::default()
        };
        compute(&data, &params()).unwrap()
    }

    /// `check(report, table, indicator, column, expected)`: one cell of the raw report.
    fn check(r: &Report, table: &str, indicator: &str, column: &str, expected: u64) {
        let t = r.table(table).unwrap_or_else(|| panic!("no table {table}"));
        let got = t
            .cell(indicator, column)
            .unwrap_or_else(|| panic!("no cell {table} {indicator} {column}"));
        assert_eq!(
            got,
            Cell::Count(expected),
            "{table} / {indicator} / {column}"
        );
    }

    /// Contacts: a quick contact counts at its own date and place (the place's name
    /// via its id); an intake at its first encounter; the old label when no id.
    #[test]
    fn first_contacts_by_place_name_and_month() {
        let sabaudia = "0123456789abcdef0123456789abcdef";
        let data = Dataset {
            persons: [
                json!({"alias": "a", "first_contact": {"date": "2026-01-10", "recontact": true,
                        "place_id": sabaudia}, "intake_started": "2026-02-01"}),
                json!({"alias": "b", "place_id": sabaudia, "first_contact": {"date": "2026-02-10",
                        "recontact": false}}),
                json!({"alias": "c", "listening_point": "Sabaudia", "encounters": {
                        "e2": {"date": "2026-03-01"}, "e1": {"date": "2026-02-11", "listening_point": "Latina"}}}),
                // First met before the period: no contact in it.
                json!({"alias": "d", "first_contact": {"date": "2025-12-31", "recontact": true}}),
                json!({"alias": "e", "listening_point": "Latina", "created": "2026-03-05"}),
            ]
            .into_iter()
            .map(person)
            .collect(),
            outreach: vec![json!({"date": "2026-01-05", "outreach_type": "street",
                "place_id": sabaudia, "listening_point": "sabaudia typo", "people_met": {"total": 3}})],
            places: [(sabaudia.to_owned(), "Sabaudia".to_owned())].into(),
        };
        let r = compute(&data, &params()).unwrap();
        let t = "contacts.listening_point";
        check(&r, t, "contacts", "Sabaudia", 2);
        check(&r, t, "contacts.quick", "Sabaudia", 2);
        check(&r, t, "contacts", "Latina", 2);
        check(&r, t, "contacts.intake", "Latina", 2);
        check(&r, t, "contacts", "total", 4);
        check(&r, "contacts.month", "contacts", "2026-01", 1);
        check(&r, "contacts.month", "contacts", "2026-02", 2);
        check(&r, "contacts.month", "contacts.intake", "2026-03", 1);
        check(&r, "contacts.month", "contacts.quick", "total", 2);
        // The session is grouped under the place's name, not its old label.
        check(&r, "outreach.listening_point", "sessions", "Sabaudia", 1);
        check(&r, "persons.listening_point", "reached", "Sabaudia", 1);
    }

    /// Old labels and places named alike before the list refused it: one column, named
    /// after the team's place, else the spelling most often written.
    #[test]
    fn labels_differing_in_case_and_spaces_are_one_column() {
        let (a, b) = (
            "0123456789abcdef0123456789abcdef",
            "fedcba9876543210fedcba9876543210",
        );
        let data = Dataset {
            persons: [
                json!({"alias": "a", "place_id": a, "created": "2026-01-10"}),
                json!({"alias": "b", "place_id": b, "created": "2026-01-10"}),
                json!({"alias": "c", "listening_point": "Borgo Hermada ", "created": "2026-01-10"}),
                json!({"alias": "d", "listening_point": "BORGO  HERMADA", "created": "2026-01-10"}),
                json!({"alias": "e", "listening_point": "latina", "created": "2026-01-10"}),
                json!({"alias": "f", "listening_point": " Latina", "created": "2026-01-10"}),
                json!({"alias": "g", "listening_point": "Latina", "created": "2026-01-10"}),
            ]
            .into_iter()
            .map(person)
            .collect(),
            outreach: vec![json!({"date": "2026-01-05", "outreach_type": "street",
                "listening_point": "borgo hermada", "people_met": {"total": 3}})],
            places: [
                (a.to_owned(), "Borgo Hermada".to_owned()),
                (b.to_owned(), "borgo hermada".to_owned()),
            ]
            .into(),
        };
        let r = compute(&data, &params()).unwrap();
        let t = "persons.listening_point";
        let columns = &r.tables.iter().find(|x| x.id == t).unwrap().columns;
        assert_eq!(columns, &["Borgo Hermada", "Latina", "unknown"]);
        check(&r, t, "reached", "Borgo Hermada", 4);
        check(&r, t, "reached", "Latina", 3);
        check(
            &r,
            "contacts.listening_point",
            "contacts",
            "Borgo Hermada",
            4,
        );
        check(
            &r,
            "outreach.listening_point",
            "sessions",
            "Borgo Hermada",
            1,
        );
    }

    fn encounter(d: &str) -> Value {
        json!({"date": d})
    }

    #[test]
    fn reached_first_contact_and_repeat() {
        let r = report(
            vec![
                // First contact: first encounter ever in the period.
                json!({"alias": "a", "sex": "female", "encounters": {"e1": encounter("2026-02-03")}}),
                // Repeat: met before the period and again in it.
                json!({"alias": "b", "sex": "female", "encounters": {"e1": encounter("2025-12-30"), "e2": encounter("2026-01-15")}}),
                // Not reached: every encounter outside the period.
                json!({"alias": "c", "sex": "male", "encounters": {"e1": encounter("2025-12-30"), "e2": encounter("2026-04-01")}}),
                // No encounters, created in the period: reached, first contact.
                json!({"alias": "d", "sex": "male", "created": "2026-03-31"}),
                // Created in the period but its encounters are outside: not reached.
                json!({"alias": "e", "created": "2026-02-01", "encounters": {"e1": encounter("2026-04-02")}}),
                // No encounters, no `created`: the device's creation day (2025) counts.
                json!({"alias": "f"}),
                // A null entry is absent.
                json!({"alias": "g", "encounters": {"e1": null}}),
            ],
            vec![],
        );
        check(&r, "persons.sex", "reached", "total", 3);
        check(&r, "persons.sex", "reached", "female", 2);
        check(&r, "persons.sex", "reached", "male", 1);
        check(&r, "persons.sex", "reached.first_contact", "female", 1);
        check(&r, "persons.sex", "reached.repeat", "female", 1);
        check(&r, "persons.sex", "reached.first_contact", "male", 1);
        check(&r, "persons.sex", "reached", NOT_STATED, 0);
        check(&r, "months", "reached", "2026-01", 1);
        check(&r, "months", "reached", "2026-02", 1);
        check(&r, "months", "reached", "2026-03", 1);
        check(&r, "months", "reached.first_contact", "2026-02", 1);
        check(&r, "months", "reached.first_contact", "2026-03", 1);
        check(&r, "months", "reached.first_contact", "total", 2);
        assert_eq!(
            r.table("months").unwrap().row("reached").unwrap().total,
            None
        );
    }

    #[test]
    fn a_person_without_sex_is_not_stated_and_age_bands_are_at_the_period_end() {
        let people: Vec<Value> = [
            (json!(null), json!(2009)), // 17 in 2026
            (json!("female"), json!(2008)), // 18
            (json!("male"), json!(1966)), // 60
            (json!("other"), json!(1965)), // 61
            (json!(null), json!(null)),
            (json!(null), json!(2027)), // born after the period: unknown
        ]
        .into_iter()
        .map(|(sex, year)| {
            json!({"alias": "p", "sex": sex, "birth_year": year, "encounters": {"e": encounter("2026-01-10")}})
        })
        .collect();
        let r = report(people, vec![]);
        check(&r, "persons.sex", "reached", NOT_STATED, 3);
        check(&r, "persons.sex", "reached", "female", 1);
        check(&r, "persons.sex", "reached", "other", 1);
        check(&r, "persons.age_band", "reached", "under_18", 1);
        check(&r, "persons.age_band", "reached", "18_60", 2);
        check(&r, "persons.age_band", "reached", "over_60", 1);
        check(&r, "persons.age_band", "reached", UNKNOWN, 2);
        check(&r, "persons.nationality", "reached", UNKNOWN, 6);
        check(&r, "persons.sector", "reached", UNKNOWN, 6);
    }

    #[test]
    fn events_count_by_their_own_dates() {
        let r = report(
            vec![json!({
                "alias": "a", "nationality": "IN", "sector": "agriculture", "listening_point": "lp-1",
                "plan": {"taken_in_charge": "2026-03-01"},
                "consents": {
                    "c1": {"purpose": "referral", "destination": "trade_union", "given": true, "language": "pa", "date": "2026-01-05"},
                    "c2": {"purpose": "intake", "given": true, "language": "pa", "date": "2025-12-01"},
                    "c3": {"purpose": "reporting", "given": false, "language": "pa", "date": "2026-01-05"}
                },
                "referrals": {
                    "r1": {"destination": "trade_union", "date": "2026-01-06", "outcome": "accepted"},
                    "r2": {"destination": "trade_union", "date": "2026-02-06"},
                    "r3": {"destination": "trade_union", "date": "2026-04-06", "outcome": "completed"}
                },
                "followups": {
                    "f1": {"due": "2026-02-01", "done": "2026-02-02"},
                    "f2": {"due": "2026-02-01"},
                    "f3": {"due": "2026-03-01", "done": "2026-04-10"},
                    "f4": {"due": "2026-03-31"},
                    "f5": {"due": "2025-01-01", "done": "2025-01-02"},
                    "f6": {"due": "2024-05-01"}
                }
            })],
            vec![],
        );
        for table in [
            "persons.nationality",
            "persons.sector",
            "persons.listening_point",
        ] {
            let col = match table {
                "persons.nationality" => "IN",
                "persons.sector" => "agriculture",
                _ => "lp-1",
            };
            check(&r, table, "taken_in_charge", col, 1);
            check(&r, table, "reached", col, 0);
            check(&r, table, "referrals", col, 2);
            check(&r, table, "consents_given", col, 1);
            check(&r, table, "consents_given.referral", col, 1);
            check(&r, table, "consents_given.intake", col, 0);
            check(&r, table, "consents_given.reporting", col, 0);
            check(&r, table, "followups.done", col, 1);
            // f2 (open), f3 (done after the end), f6 (long overdue); not f4 (due on the last day).
            check(&r, table, "followups.overdue", col, 3);
        }
        let t = r.table("persons.nationality").unwrap();
        assert_eq!(t.columns, vec!["IN".to_owned(), UNKNOWN.to_owned()]);
        check(&r, "referrals.destination", "referrals", "trade_union", 2);
        check(
            &r,
            "referrals.destination",
            "referrals.outcome.accepted",
            "trade_union",
            1,
        );
        check(
            &r,
            "referrals.destination",
            "referrals.outcome.unknown",
            "trade_union",
            1,
        );
        check(
            &r,
            "referrals.destination",
            "referrals.outcome.completed",
            "total",
            0,
        );
    }

    #[test]
    fn screening_counts_reached_persons_and_their_answers() {
        let screened = |answer: &str| {
            json!({
                "alias": "s", "encounters": {"e": encounter("2026-01-10")},
                "screening": {"s603": {"pay": {"answer": answer}, "hours": {"answer": "unknown"}},
                              "ilo": {"debt_bondage": {"answer": "yes"}}}
            })
        };
        let mut not_reached = screened("yes");
        not_reached["encounters"] = json!({"e": encounter("2025-01-10")});
        let overridden = json!({
            "alias": "o", "encounters": {"e": encounter("2026-01-11")},
            "screening": {"s603": {"pay": {"answer": "no"}}, "override": {"level": "medium", "reason": "r"}}
        });
        let r = report(
            vec![
                screened("yes"),
                screened("yes"),
                screened("no"),
                not_reached,
                overridden,
                json!({"alias": "n", "encounters": {"e": encounter("2026-01-12")}}),
            ],
            vec![],
        );
        let t = "persons.sex";
        check(&r, t, "reached", "total", 5);
        check(&r, t, "screened", "total", 4);
        check(&r, t, "screening.s603.pay.answered", "total", 4);
        check(&r, t, "screening.s603.pay.yes", "total", 2);
        check(&r, t, "screening.s603.pay.no", "total", 2);
        check(&r, t, "screening.s603.hours.answered", "total", 0);
        check(&r, t, "screening.ilo.debt_bondage.yes", "total", 3);
        check(&r, t, "risk.high", "total", 3);
        check(&r, t, "risk.medium", "total", 1);
        check(&r, t, "risk.not_screened", "total", 1);
        let share = r
            .table(t)
            .unwrap()
            .shares
            .iter()
            .find(|s| s.indicator == "screening.s603.pay.prevalence")
            .unwrap();
        assert_eq!(share.total, Some(50.0));
    }

    #[test]
    fn outreach_sessions_and_anonymous_counts() {
        let session = |d: &str,
                       lp: Option<&str>,
                       kind: &str,
                       total: u64,
                       women: u64,
                       men: u64,
                       minors: u64| {
            let mut s = json!({"date": d, "outreach_type": kind,
                "people_met": {"total": total, "women": women, "men": men, "minors": minors}});
            if let Some(lp) = lp {
                s["listening_point"] = json!(lp);
            }
            s
        };
        let r = report(
            vec![],
            vec![
                session("2026-01-10", Some("lp-1"), "street", 14, 2, 10, 1),
                session("2026-02-10", Some("lp-1"), "fixed_desk", 3, 0, 3, 0),
                session("2026-02-11", None, "street", 7, 0, 0, 0),
                session("2026-05-11", Some("lp-2"), "street", 70, 0, 0, 0),
            ],
        );
        let t = "outreach.listening_point";
        check(&r, t, "sessions", "lp-1", 2);
        check(&r, t, "sessions", UNKNOWN, 1);
        check(&r, t, "people_met", "total", 24);
        check(&r, t, "people_met.women", "lp-1", 2);
        check(&r, t, "people_met.men", "lp-1", 13);
        check(&r, t, "people_met.sex_not_stated", "lp-1", 2);
        check(&r, t, "people_met.sex_not_stated", UNKNOWN, 7);
        check(&r, t, "people_met.minors", "total", 1);
        check(&r, t, "people_met.adults_or_not_stated", "total", 23);
        assert!(!r.table(t).unwrap().columns.contains(&"lp-2".to_owned()));
        check(&r, "outreach.outreach_type", "sessions", "street", 2);
        check(&r, "outreach.outreach_type", "people_met", "fixed_desk", 3);
        check(&r, "months", "people_met", "2026-02", 10);
        check(&r, "months", "sessions", "total", 3);
    }

    #[test]
    fn outreach_nationalities_and_group_sessions() {
        let p = "0123456789abcdef0123456789abcdef";
        let q = "fedcba9876543210fedcba9876543210";
        let r = report(
            vec![],
            vec![
                json!({"date": "2026-01-10", "outreach_type": "street",
                       "people_met": {"total": 9, "women": 2, "men": 3, "not_stated": 4},
                       "nationalities": {"NG": 3, "IN": 2},
                       "groups": {"g1": {"topic": "rights", "attendance": 12,
                                         "follow_up": [p, q, p]},
                                  "g2": {"topic": "job_placement_protocol", "attendance": 5}}}),
                json!({"date": "2026-02-10", "outreach_type": "street",
                       "people_met": {"total": 4}, "nationalities": {"NG": 1},
                       "groups": {"g1": {"topic": "rights", "attendance": 3, "follow_up": [q]}}}),
                json!({"date": "2026-05-10", "outreach_type": "street",
                       "people_met": {"total": 4}, "nationalities": {"PK": 1}}),
            ],
        );
        let t = "outreach.listening_point";
        // The tapped "not stated" and the total counted without a sex, together.
        check(&r, t, "people_met.sex_not_stated", "total", 8);
        let n = "outreach.nationality";
        check(&r, n, "nationality_seen", "NG", 4);
        check(&r, n, "nationality_seen", "IN", 2);
        check(&r, n, "nationality_seen", "total", 6);
        assert!(!r.table(n).unwrap().columns.contains(&"PK".to_owned()));
        let g = "outreach.group_topic";
        check(&r, g, "group_sessions", "rights", 2);
        check(&r, g, "group_sessions", "total", 3);
        check(&r, g, "group_attendance", "rights", 15);
        check(&r, g, "group_attendance", "job_placement_protocol", 5);
        check(&r, g, "group_follow_up", "rights", 3);
        check(&r, g, "group_follow_up", "health", 0);
    }

    #[test]
    fn materials_handed_out_at_sessions_and_quick_contacts() {
        let r = report(
            vec![
                json!({"alias": "a", "first_contact": {"date": "2026-01-12",
                       "given": ["rights_leaflet", "water", "rights_leaflet", "not-a-material"]}}),
                json!({"alias": "b", "first_contact": {"date": "2026-02-01", "given": ["water"]}}),
                // Outside the period: not counted.
                json!({"alias": "c", "first_contact": {"date": "2025-12-31", "given": ["food"]}}),
            ],
            vec![
                json!({"date": "2026-01-10", "outreach_type": "street", "people_met": {"total": 9},
                       "materials": {"rights_leaflet": 7, "water": 3, "food": 0}}),
                json!({"date": "2026-02-10", "outreach_type": "street", "people_met": {"total": 4},
                       "materials": {"water": 5, "helpline_card": 2}}),
                json!({"date": "2026-05-10", "outreach_type": "street", "people_met": {"total": 4},
                       "materials": {"food": 40}}),
            ],
        );
        let t = "outreach.materials";
        check(&r, t, "materials.outreach", "rights_leaflet", 7);
        check(&r, t, "materials.outreach", "water", 8);
        check(&r, t, "materials.outreach", "helpline_card", 2);
        check(&r, t, "materials.outreach", "food", 0);
        check(&r, t, "materials.contacts", "rights_leaflet", 1);
        check(&r, t, "materials.contacts", "water", 2);
        check(&r, t, "materials.contacts", "total", 3);
        check(&r, t, "materials", "water", 10);
        check(&r, t, "materials", "total", 20);
        let table = r.table(t).unwrap();
        assert_eq!(table.dimension, "material");
        assert_eq!(table.columns.len(), vocab::MATERIALS.len());
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused() {
        let mut p = params();
        p.to = date("2025-12-31");
        assert_eq!(
            compute(&Dataset::default(), &p),
            Err(ReportError::BadPeriod)
        );
    }

    #[test]
    fn months_cover_the_period_across_a_year_end() {
        assert_eq!(
            months(date("2025-11-15"), date("2026-02-01"))
                .into_iter()
                .map(month_code)
                .collect::<Vec<_>>(),
            vec!["2025-11", "2025-12", "2026-01", "2026-02"]
        );
    }

    #[test]
    fn cases_in_charge_closures_by_reason_and_outcome_steps() {
        let ev = |d: &str, k: &str, r: Option<&str>| json!({"date": d, "kind": k, "reason": r});
        let r = report(
            vec![
                // Taken before the period, closed in it, reopened in it: in charge.
                json!({"alias": "a", "listening_point": "lp1",
                    "plan": {"taken_in_charge": "2025-12-01"},
                    "case_events": {"e1": ev("2026-01-10", "closed", Some("moved_away")),
                                    "e2": ev("2026-02-10", "reopened", None)}}),
                // Taken in the period, closed twice: the last closing's reason counts.
                json!({"alias": "b", "listening_point": "lp1",
                    "case_events": {"e1": ev("2026-01-05", "taken_in_charge", None),
                                    "e2": ev("2026-01-10", "closed", Some("lost_contact")),
                                    "e3": ev("2026-01-20", "reopened", None),
                                    "e4": ev("2026-03-01", "closed", Some("referred_on"))}}),
                // Old record closed by status only, no history: not in charge.
                json!({"alias": "c", "plan": {"taken_in_charge": "2025-10-01"},
                    "status": {"code": "closed", "reason": "other"},
                    "referrals": {"r1": {"destination": "health", "date": "2025-12-01",
                        "outcomes": {"o1": {"date": "2025-12-02", "outcome": "pending"},
                                     "o2": {"date": "2026-01-03", "outcome": "accepted"},
                                     "o3": {"date": "2026-02-03", "outcome": "completed"}}}}}),
            ],
            vec![],
        );
        check(&r, "cases.listening_point", "cases.in_charge", "lp1", 1);
        check(
            &r,
            "cases.listening_point",
            "cases.taken_in_charge",
            "lp1",
            1,
        );
        check(&r, "cases.listening_point", "cases.closed", "lp1", 2);
        check(&r, "cases.listening_point", "cases.reopened", "lp1", 2);
        check(&r, "cases.listening_point", "cases.in_charge", "unknown", 0);
        check(&r, "cases.close_reason", "cases.closed", "moved_away", 1);
        check(&r, "cases.close_reason", "cases.closed", "referred_on", 1);
        check(&r, "cases.close_reason", "cases.closed", "lost_contact", 0);
        check(&r, "referrals.destination", "referrals.steps", "health", 2);
        check(
            &r,
            "referrals.destination",
            "referrals.step.accepted",
            "health",
            1,
        );
        check(
            &r,
            "referrals.destination",
            "referrals.step.pending",
            "health",
            0,
        );
    }
}
