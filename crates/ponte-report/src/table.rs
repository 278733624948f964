//! The report as data: tables of counts keyed by codes, serde-serializable so the app
//! can render the same struct the CLI exports.
//!
//! A [`Report`] straight from [`crate::compute()`] holds exact counts and stays inside
//! the team (the app's Reports screen). Only [`Report::publish`] makes a [`Published`]
//! report, with small counts suppressed, and only a [`Published`] report can be
//! rendered to a file ([`crate::render`]): the type system keeps raw counts from
//! leaving by mistake.

use serde::{Deserialize, Serialize};

/// Version tag of the JSON format.
pub const FORMAT: &str = "ponte-report/1";

/// The text that stands for a suppressed cell in CSV and XLSX, whether it was hidden
/// because it is small (primary) or to protect a small one (complementary). One marker
/// for both on purpose: telling them apart would tell a reader which hidden cells are
/// under the threshold, and with a published total that can pin them down.
pub const MARKER: &str = "x";

/// One count, or nothing when it is suppressed (`null` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    /// The count.
    Count(u64),
    /// Not published.
    Suppressed,
}

impl Cell {
    /// The count, if published.
    pub fn count(self) -> Option<u64> {
        match self {
            Cell::Count(n) => Some(n),
            Cell::Suppressed => None,
        }
    }
}

/// What a row counts. Every unit but [`Unit::Sessions`] counts people or events of
/// people, and is subject to suppression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Distinct persons (person records).
    Persons,
    /// Anonymous people met at outreach sessions (contacts: one person met twice counts twice).
    Contacts,
    /// Referrals.
    Referrals,
    /// Consents.
    Consents,
    /// Follow-ups.
    Followups,
    /// Outreach sessions: the team's activity, not people; never suppressed.
    Sessions,
}

impl Unit {
    /// Whether small counts of this unit could single someone out.
    pub fn sensitive(self) -> bool {
        self != Unit::Sessions
    }
}

/// One indicator across the categories of a table's dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Indicator code, e.g. `reached.first_contact`.
    pub indicator: String,
    /// What it counts.
    pub unit: Unit,
    /// One cell per column of the table.
    pub cells: Vec<Cell>,
    /// The indicator over the whole period, when the cells add up to it; absent when
    /// they do not (persons reached per month: one person can be reached in two
    /// months); `null` when it is suppressed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub total: Option<Cell>,
}

/// A `total` key that is there is a cell (`null` = suppressed); only a missing key is
/// `None`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Cell>, D::Error> {
    Cell::deserialize(d).map(Some)
}

/// Rows that add up: for every column, and for the totals, `total = sum(parts)`.
/// Suppression uses these; a reader can too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Indicator code of the row that is the sum.
    pub total: String,
    /// Indicator codes of the rows that add up to it.
    pub parts: Vec<String>,
}

/// A percentage computed from two published rows (screening prevalence); missing where
/// either count is suppressed or the denominator is zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// Code, e.g. `screening.s603.pay.prevalence`.
    pub indicator: String,
    /// Indicator code of the numerator row.
    pub numerator: String,
    /// Indicator code of the denominator row.
    pub denominator: String,
    /// Percent per column.
    pub cells: Vec<Option<f64>>,
    /// Percent over the period.
    pub total: Option<f64>,
}

/// A table: indicators (rows) broken down by one dimension (columns).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Table code, e.g. `persons.sex`.
    pub id: String,
    /// Dimension code of the columns: `sex`, `age_band`, `nationality`, `sector`,
    /// `listening_point`, `destination`, `outreach_type`, `month`.
    pub dimension: String,
    /// Category codes of the columns.
    pub columns: Vec<String>,
    /// The indicators.
    pub rows: Vec<Row>,
    /// Which rows add up to which.
    pub groups: Vec<Group>,
    /// Percentages derived from the rows.
    pub shares: Vec<Share>,
}

impl Table {
    /// The row of an indicator.
    pub fn row(&self, indicator: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.indicator == indicator)
    }

    /// The cell of an indicator in a column (by category code), or its total for `"total"`.
    pub fn cell(&self, indicator: &str, column: &str) -> Option<Cell> {
        let row = self.row(indicator)?;
        if column == "total" {
            return row.total;
        }
        let i = self.columns.iter().position(|c| c == column)?;
        row.cells.get(i).copied()
    }
}

/// The period a report covers, both days included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, `YYYY-MM-DD`.
    pub to: String,
}

/// How small counts were hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    /// Counts from 1 to `threshold - 1` of people were hidden (0 and 1 hide nothing).
    pub threshold: u64,
    /// Cells hidden because they were small.
    pub primary: usize,
    /// Cells hidden so that a total cannot give a small one back.
    pub complementary: usize,
    /// How CSV and XLSX show a hidden cell ([`MARKER`]); JSON uses `null`.
    pub marker: String,
}

/// Indicators for one period and one team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`FORMAT`].
    pub format: String,
    /// The team's id (or what the caller names the data's owner).
    pub team: String,
    /// The period.
    pub period: Period,
    /// Day the report was made, `YYYY-MM-DD`.
    pub generated: String,
    /// `None` for exact counts (inside the team only); set by [`Report::publish`].
    pub suppression: Option<Suppression>,
    /// A programme report's teams ([`crate::combine()`]): each with whether its figures
    /// are in the report; empty (and absent from JSON) for one team's report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<ProgrammeTeam>,
    /// The tables.
    pub tables: Vec<Table>,
}

/// A team of a programme report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeTeam {
    /// The name the programme knows the team by (a column of the by-team table).
    pub name: String,
    /// The team's id (hex).
    pub team: String,
    /// Whether the team's figures for the period are in the report (`false`: its
    /// report for the period has not been received).
    pub included: bool,
}

impl Report {
    /// A table by id.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The report as it may leave the team: every count of people from 1 to
    /// `threshold - 1` hidden, plus the complementary cells that stop any published
    /// total from giving a hidden count back (see [`crate::suppress`]).
    pub fn publish(&self, threshold: u64) -> Published {
        Published(crate::suppress::suppress(self, threshold))
    }
}

/// A report with small counts suppressed: the only kind the renderers accept.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Published(Report);

impl Published {
    /// The suppressed report.
    pub fn report(&self) -> &Report {
        &self.0
    }

    /// The suppression threshold.
    pub fn threshold(&self) -> u64 {
        self.0.suppression.as_ref().map_or(0, |s| s.threshold)
    }
}

impl std::ops::Deref for Published {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.0
    }
}

/// Percent `num / den`, one decimal, when both are published and `den > 0`.
pub(crate) fn percent(num: Cell, den: Cell) -> Option<f64> {
    match (num, den) {
        (Cell::Count(n), Cell::Count(d)) if d > 0 => {
            #[allow(clippy::cast_precision_loss)]
            let p = (n as f64) * 100.0 / (d as f64);
            Some((p * 10.0).round() / 10.0)
        }
        _ => None,
    }
}

/// Recompute every table's shares from its (possibly suppressed) rows.
pub(crate) fn fill_shares(table: &mut Table) {
    let mut shares = std::mem::take(&mut table.shares);
    for share in &mut shares {
        let (Some(num), Some(den)) = (table.row(&share.numerator), table.row(&share.denominator))
        else {
            continue;
        };
        share.cells = num
            .cells
            .iter()
            .zip(&den.cells)
            .map(|(n, d)| percent(*n, *d))
            .collect();
        share.total = match (num.total, den.total) {
            (Some(n), Some(d)) => percent(n, d),
            _ => None,
        };
    }
    table.shares = shares;
}
