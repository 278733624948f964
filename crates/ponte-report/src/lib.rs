//! Ponte's funder reports: the indicators a programme (FAMI and others) asks for every
//! month or quarter, computed on the supervisor's device from decrypted records, so the
//! relay never sees them.
//!
//! This crate owns:
//!
//! - [`compute()`]: from person and outreach records (as `serde_json::Value`, the
//!   formats of `docs/records.md`) to a [`Report`] of exact counts for a period and a
//!   team: tables of indicators broken down by sex, age band, nationality, sector and
//!   listening point, plus referrals by destination and outcome, outreach by listening
//!   point and type, and a month-by-month table;
//! - [`suppress`]: small-count suppression with complementary suppression, through
//!   [`Report::publish`], which makes the only type the renderers take ([`Published`]);
//! - [`render`]: JSON, CSV and XLSX files (one sheet per breakdown, with an "About"
//!   sheet), and [`chart`]: SVG and PNG charts (people reached per month, referrals by
//!   destination, indicator prevalence);
//! - [`combine()`]: a programme's report, the exact reports of several teams for one
//!   period added up before suppression, with a table of headline counts by team.
//!
//! It deliberately does **not** read the store, files, the clock or the environment:
//! the caller (the `ponte report` subcommand, later the app's Reports screen) decrypts
//! the records, says who the team is and what day it is, passes the font for chart
//! text, writes the files and records the export in the audit log (who: the device;
//! when; which team, period, format and threshold). The font is passed in rather than
//! embedded because a library reads no files, a build must not depend on what the
//! build machine has installed, and a phone has no system font path: the app will ship
//! its own font, the CLI reads DejaVu Sans (`fonts-dejavu-core`) or `--font FILE`.
//!
//! # Definitions
//!
//! A period is `from..=to`, both days included; every date is a record's own
//! `YYYY-MM-DD` date. Only records that exist count: an erased person is gone from the
//! store and from every figure.
//!
//! | indicator | in the period means |
//! |---|---|
//! | `reached` | the person has an encounter dated in the period; a person with no encounters at all counts when created in the period (`created`, else the day the record was made on the device) |
//! | `reached.first_contact` | reached, and the earliest encounter ever is in the period (or, with no encounters, the creation): a new person |
//! | `reached.repeat` | reached, with an encounter before the period: `reached = first_contact + repeat` |
//! | `risk.<level>` | reached, by effective risk level (override if any): `reached = sum of levels` |
//! | `screened` | reached, and the derived level is not `not_screened` (something answered yes or no) |
//! | `screening.<group>.<item>.answered/.yes/.no` | reached persons whose answer to the 603-bis index or ILO indicator is yes or no (`unknown` and missing are not answers); `prevalence` = yes / answered, in percent |
//! | `taken_in_charge` | `plan.taken_in_charge` is in the period |
//! | `referrals` | referrals (not persons) whose `date` is in the period; by `destination` and `outcome` (`unknown` when not recorded) |
//! | `consents_given.<purpose>` | consents with `given: true` whose `date` is in the period |
//! | `followups.done` | follow-ups whose `done` date is in the period |
//! | `followups.overdue` | follow-ups overdue at the period's last day: `due` before it and not done on or before it |
//! | `sessions` | outreach sessions dated in the period |
//! | `people_met.*` | sums of the sessions' anonymous counts (`women`, `men`, the rest `sex_not_stated`, which takes in the `not_stated` tapped at the tally and any people of a total counted without their sex; `minors`, the rest `adults_or_not_stated`). These are contacts, not people: one worker met at two sessions counts twice, and a person with a record is also among the people met, so the two are reported side by side and never added |
//! | `nationality_seen` | sums of the sessions' `nationalities` counts (main nationalities seen, tallied apart from the people met), by country code |
//! | `group_sessions`, `group_attendance`, `group_follow_up` | the sessions' group sessions by `topic`: how many (activity, never suppressed), their `attendance`, and the people linked as asking for an individual follow-up (each once per group session) |
//! | `contacts` | persons whose first contact with the team is in the period, once each: a quick contact's `first_contact.date`; for a person without one, the earliest encounter (with no encounters, the creation). `contacts.quick` (a quick contact, even one that later became an intake) + `contacts.intake` (first met at an intake) = `contacts`; by place (`contacts.listening_point`: the quick contact's place, else the first encounter's, else the person's) and by month (`contacts.month`) |
//!
//! Breakdowns of persons use the person's own fields: `sex` (`not_stated` when
//! missing), age band from `birth_year` at the period's last day (`under_18`, `18_60`,
//! `over_60`, `unknown` when missing), `nationality`, `sector` and `listening_point`
//! (`unknown` when missing). A listening point is a place's name: the name of the place
//! of the team's list a record names by `place_id` ([`Dataset::places`]), else its
//! old `listening_point` label, so two spellings never split a place; names and old
//! labels that differ only in case and spaces (`ponte_model::record::label_key`) are
//! one column, named after the team's place with that key, else after the spelling
//! written most often. Events
//! (referrals, consents, follow-ups) are broken down by their person. Sex, age band and sector columns are always the full lists;
//! nationality and listening point columns are the codes found among the people
//! counted, so a column never reveals a record outside the report. In the month table a
//! person reached in two months counts in both, so its `reached` row has no total.
//!
//! # Suppression
//!
//! Anything that leaves the team is a [`Published`] report: counts of people from 1
//! to `threshold - 1` are hidden (default [`DEFAULT_THRESHOLD`], 5), and further cells
//! are hidden so that no hidden count can be worked out from the published totals,
//! even by combining rows, columns and tables, and so that published zeros never tell
//! that a hidden line is all in one category. See [`suppress`] for the rule and why
//! zeros and session counts are published.
//!
//! A hidden cell is `null` in JSON and `x` ([`MARKER`]) in CSV and XLSX, the same for a
//! small cell and for a cell hidden to protect one. Not `<5`: a complementary cell is
//! often 5 or more, so `<5` would be false, and a different marker for it would tell
//! which hidden cells are small (a row total of 5 with one `<5` and one `>=5` cell
//! gives both back: 0 and 5).
//!
//! Every export names its team, period and threshold: JSON fields, CSV comment lines,
//! the XLSX "About" sheet and each chart's subtitle. Codes stay codes in JSON and CSV;
//! only labels meant for people (sheet names, headers, chart titles) are translated,
//! through `locales/<lang>/report.ftl`.

pub mod chart;
pub mod combine;
mod compute;
pub mod labels;
pub mod render;
pub mod suppress;
mod table;

pub use combine::combine;
pub use compute::{
    AGE_BANDS, NOT_STATED, PERSON_DIMENSIONS, SCREENING_GROUPS, SEXES, UNKNOWN, age_band, compute,
};
pub use table::{
    Cell, FORMAT, Group, MARKER, Period, ProgrammeTeam, Published, Report, Row, Share, Suppression,
    Table, Unit,
};

use std::collections::BTreeMap;

use ponte_model::Date;
use serde_json::Value;

/// The default suppression threshold: counts under 5 are hidden.
pub const DEFAULT_THRESHOLD: u64 = 5;

/// One decrypted record.
#[derive(Debug, Clone)]
pub struct Input {
    /// Its fields, as in `docs/records.md`.
    pub json: Value,
    /// The day the record was made on the device, used when a person has no
    /// `created` field of its own.
    pub created: Option<Date>,
}

/// What a report is computed from.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Person records.
    pub persons: Vec<Input>,
    /// Outreach records.
    pub outreach: Vec<Value>,
    /// The team's places (`place` records): record id (hex) to name. Records that name
    /// a place by `place_id` are grouped under its name; the others under their old
    /// `listening_point` label.
    pub places: BTreeMap<String, String>,
}

/// What a report is for.
#[derive(Debug, Clone)]
pub struct Params {
    /// First day of the period.
    pub from: Date,
    /// Last day of the period.
    pub to: Date,
    /// The team's id (shown in every export).
    pub team: String,
    /// Today, as the caller's clock says.
    pub generated: Date,
}

/// A report could not be made. No variant carries record content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The period ends before it starts.
    #[error("the period ends before it starts")]
    BadPeriod,
    /// The font for chart text is not a usable TrueType/OpenType font.
    #[error("the chart font cannot be used")]
    Font,
    /// The spreadsheet could not be built.
    #[error("the spreadsheet could not be built")]
    Xlsx,
    /// A chart could not be drawn.
    #[error("a chart could not be drawn")]
    Chart,
    /// The JSON could not be built.
    #[error("the JSON could not be built")]
    Json,
    /// Reports that cannot be added up: not exact, not of one period or format, or two
    /// teams under one name.
    #[error("the reports cannot be combined")]
    Combine,
}

impl ReportError {
    /// Stable code, translated as `error-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::BadPeriod => "report-bad-period",
            ReportError::Font => "report-font",
            ReportError::Xlsx => "report-xlsx",
            ReportError::Chart => "report-chart",
            ReportError::Json => "report-json",
            ReportError::Combine => "report-combine",
        }
    }

    /// Every code [`ReportError::code`] returns.
    pub const CODES: &'static [&'static str] = &[
        "report-bad-period",
        "report-font",
        "report-xlsx",
        "report-chart",
        "report-json",
        "report-combine",
    ];
}
