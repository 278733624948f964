//! Programme reports across teams, on the coordinator's device: what it holds, the
//! packages it imports and the combined report it shows.
//!
//! The rules (what a package must be to be kept, how the teams' counts are added up
//! and suppressed, what is audited) are `ponte_device::programme`'s; these are the
//! types that cross IPC.

use serde::{Deserialize, Serialize};

use crate::ReportView;

/// A period of days, both included (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
}

/// A team the coordinator has pinned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    /// Team id (hex).
    pub team: String,
    /// Its name in the programme.
    pub name: String,
    /// How many supervisor device keys are pinned for it.
    pub keys: usize,
    /// The periods whose package was received, in order.
    pub periods: Vec<Period>,
}

/// What a coordinator holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// The programme's name.
    pub name: String,
    /// The coordinator's fingerprint (hex), as packages and audit entries name it.
    pub fingerprint: String,
    /// The pinned teams.
    pub teams: Vec<TeamRow>,
}

/// Arguments of `programme_import`: package files chosen on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportArgs {
    /// Paths of the package files.
    pub paths: Vec<String>,
}

/// What became of one imported package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    /// Team id (hex).
    pub team: String,
    /// The team's name in the programme.
    pub name: String,
    /// First day of the package's period.
    pub from: String,
    /// Last day of the package's period.
    pub to: String,
    /// `added`, `replaced` (an older package of that team and period), or `older`
    /// (one as new or newer is kept; this one was not).
    pub status: String,
}

/// A team of a programme report, and whether its figures are in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamIncluded {
    /// The team's name in the programme.
    pub name: String,
    /// Team id (hex).
    pub team: String,
    /// `false`: no package for the period was received.
    pub included: bool,
}

/// The programme's report for a period as a screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    /// The combined report, suppressed and labelled (its first table is by team).
    pub report: ReportView,
    /// Every pinned team, included or missing.
    pub teams: Vec<TeamIncluded>,
}
