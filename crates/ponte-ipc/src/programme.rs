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
    /// The periods whose report was made: their packages and threshold are fixed, and
    /// a package arriving later for one of them is refused.
    #[serde(default)]
    pub reported: Vec<Period>,
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

/// Arguments of `programme_init`: make this device (in no team) a programme's
/// coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitArgs {
    /// The programme's name.
    pub name: String,
}

/// The coordinator's public code, to hand to the teams' supervisors (on paper or as a
/// QR code): it holds public keys only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoordinatorKey {
    /// The programme's name.
    pub name: String,
    /// The coordinator's fingerprint (hex), to compare with what a team was given.
    pub fingerprint: String,
    /// The code (`ponteprog1:...`).
    pub code: String,
    /// QR modules per side.
    pub qr_width: usize,
    /// QR modules, row by row: `true` is dark.
    pub qr_modules: Vec<bool>,
}

/// Arguments of `programme_add_team`: pin a team by the code its supervisor printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddTeamArgs {
    /// The team code (`ponteteam1:...`).
    pub code: String,
    /// The team's name in the programme; `None` or blank: the name in the code.
    #[serde(default)]
    pub name: Option<String>,
}

/// A package file picked on the device: its name (for errors) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageBytes {
    /// The file's name, as picked.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Arguments of `programme_import_files`: package files picked in the screen (the
/// screens read a picked file's bytes; they never see its path, and the contract
/// takes none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFilesArgs {
    /// The files.
    pub files: Vec<PackageBytes>,
}

/// Arguments of `programme_team_code`: a team supervisor's code for the coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TeamCodeArgs {
    /// The team's name as the coordinator will see it first (may be empty).
    #[serde(default)]
    pub name: String,
}

/// A team supervisor's team code with its QR code, for the programme coordinator to
/// pin the team: it holds the team id and this device's public signing key, no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCodeView {
    /// Team id (hex).
    pub team: String,
    /// The code (`ponteteam1:...`).
    pub code: String,
    /// QR modules per side.
    pub qr_width: usize,
    /// QR modules, row by row: `true` is dark.
    pub qr_modules: Vec<bool>,
}

/// Arguments of `programme_publish`: the team's counts for a period, sealed to a
/// coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishArgs {
    /// The coordinator's code (`ponteprog1:...`).
    pub coordinator: String,
    /// First day (`YYYY-MM-DD`).
    pub from: String,
    /// Last day (`YYYY-MM-DD`).
    pub to: String,
}

/// A package written by `programme_publish`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedPackage {
    /// Where the file was written.
    pub path: String,
    /// The programme's name, as the coordinator's code gives it.
    pub programme: String,
    /// The coordinator's fingerprint (hex), to compare with the one on paper.
    pub fingerprint: String,
}
