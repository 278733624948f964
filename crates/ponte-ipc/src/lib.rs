//! What the app's screens and its shell say to each other.
//!
//! The screens (`app-ui`, compiled to wasm32) call the shell's commands through Tauri's
//! IPC; both sides use these types, so a renamed field breaks the build instead of a
//! screen. Every command's name is a constant in [`cmd`], next to its argument and answer
//! types. Errors cross as an [`IpcError`]: a stable code and arguments, translated by the
//! screens as the Fluent message `error-<code>`. An error never carries record content.

use ponte_model::Kind;
use ponte_model::summary::{Query, Summary};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A failed command: a stable code (Fluent id `error-<code>`) and its arguments. For
/// validation failures `problems` lists `(path, code)` pairs; paths name fields, never
/// values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct IpcError {
    /// Stable code, e.g. `wrong-passphrase`, `network`, `invalid`.
    pub code: String,
    /// Message arguments (name, value), e.g. `("min", "12")`.
    #[serde(default)]
    pub args: Vec<(String, String)>,
    /// Validation problems: (JSON path, validation code).
    #[serde(default)]
    pub problems: Vec<(String, String)>,
}

impl IpcError {
    /// An error with a code and no arguments.
    pub fn code(code: impl Into<String>) -> IpcError {
        IpcError {
            code: code.into(),
            ..IpcError::default()
        }
    }
}

/// Everything the top of every screen needs: where the app is, and how sync stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Status {
    /// A store exists on this device.
    pub initialized: bool,
    /// The store is unlocked.
    pub unlocked: bool,
    /// The UI language chosen on this device (`it`, `en`, `ar`, ...).
    pub locale: String,
    /// Lock after this many idle minutes.
    pub autolock_minutes: u32,
    /// The team, when the device is in one (only known while unlocked).
    pub team: Option<Team>,
    /// Sync state.
    pub sync: SyncStatus,
    /// Today's listening point code, if chosen.
    pub listening_point: Option<String>,
    /// This device was removed from its team and wiped.
    pub revoked: bool,
}

/// The team as this device knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Team {
    /// Team id (hex).
    pub team_id: String,
    /// Relay URL.
    pub relay: String,
    /// This device is the supervisor's.
    pub supervisor: bool,
    /// This device's name.
    pub device_name: String,
    /// This device holds the team keys (a joined device waits for approval).
    pub approved: bool,
}

/// How sync stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SyncStatus {
    /// A sync is running now.
    pub running: bool,
    /// When the last sync finished without error (ms since the Unix epoch).
    pub last_ok_ms: Option<i64>,
    /// Local changes not yet on the relay.
    pub pending: usize,
    /// The code of the last sync's error, cleared by the next success.
    pub error: Option<String>,
    /// Entries received by the last successful sync.
    pub last_pulled: usize,
}

/// One row of a list: the record id and its summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// Record id (hex).
    pub id: String,
    /// The record's summary.
    pub summary: Summary,
}

/// An invite for a new device: the code to type and its QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    /// The invite code (`ponte1:...`).
    pub code: String,
    /// QR modules per side.
    pub qr_width: usize,
    /// QR modules, row by row: `true` is dark.
    pub qr_modules: Vec<bool>,
}

/// A device of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRow {
    /// Device id (hex).
    pub id: String,
    /// Its name.
    pub name: String,
    /// It is the supervisor's.
    pub supervisor: bool,
    /// It is this device.
    pub this_device: bool,
}

/// A device that was waiting and has now been approved (or refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approved {
    /// Device id (hex).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it was added.
    pub approved: bool,
}

/// A funder report as the Reports screen shows it: labelled in the UI language,
/// small counts already hidden (`x`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    /// First day of the period.
    pub from: String,
    /// Last day of the period.
    pub to: String,
    /// Counts of people under this number are hidden.
    pub threshold: u64,
    /// How many cells are hidden (small counts, and the cells that would give them back).
    pub hidden: usize,
    /// The tables.
    pub tables: Vec<ReportTable>,
    /// The charts: (title, `data:image/svg+xml;base64,...` URL); empty when no font
    /// was found to lay them out.
    pub charts: Vec<(String, String)>,
}

/// One table of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTable {
    /// Table code, e.g. `persons.sex`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// The rows: label, cells, total (`x` where hidden, empty where there is none).
    pub rows: Vec<(String, Vec<String>, String)>,
}

/// Command names and their arguments. Arguments travel as a JSON object whose keys are
/// the command function's parameter names (Tauri's convention, camelCase).
pub mod cmd {
    use super::{Deserialize, Kind, Query, Serialize, Value};

    /// `status() -> Status`
    pub const STATUS: &str = "status";
    /// `set_prefs(prefs: Prefs) -> Status`
    pub const SET_PREFS: &str = "set_prefs";
    /// `init(passphrase: String) -> Status`
    pub const INIT: &str = "init";
    /// `unlock(passphrase: String) -> Status`
    pub const UNLOCK: &str = "unlock";
    /// `lock() -> Status`
    pub const LOCK: &str = "lock";
    /// `create_team(relay: String, deviceName: String) -> Status`
    pub const CREATE_TEAM: &str = "create_team";
    /// `join_team(code: String, deviceName: String) -> Status`
    pub const JOIN_TEAM: &str = "join_team";
    /// `decode_qr(image: Vec<u8>) -> String` (the invite code in a QR image)
    pub const DECODE_QR: &str = "decode_qr";
    /// `invite() -> Invite`
    pub const INVITE: &str = "invite";
    /// `approve() -> Vec<Approved>`
    pub const APPROVE: &str = "approve";
    /// `devices() -> Vec<DeviceRow>`
    pub const DEVICES: &str = "devices";
    /// `revoke(device: String) -> ()`
    pub const REVOKE: &str = "revoke";
    /// `sync_now() -> Status`
    pub const SYNC_NOW: &str = "sync_now";
    /// `list(query: Query) -> Vec<Row>`
    pub const LIST: &str = "list";
    /// `get(id: String) -> Value`
    pub const GET: &str = "get";
    /// `create(kind: Kind, fields: Value) -> String` (the new id)
    pub const CREATE: &str = "create";
    /// `edit(id: String, patch: Value) -> ()`
    pub const EDIT: &str = "edit";
    /// `erase(id: String) -> ()`
    pub const ERASE: &str = "erase";
    /// `report(from: String, to: String) -> ReportView` (supervisor)
    pub const REPORT: &str = "report";
    /// `report_export(from: String, to: String) -> String` (the XLSX file written; supervisor)
    pub const REPORT_EXPORT: &str = "report_export";

    /// Preferences kept outside the encrypted store (nothing about people).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
    pub struct Prefs {
        /// UI language.
        pub locale: Option<String>,
        /// Auto-lock after this many idle minutes.
        pub autolock_minutes: Option<u32>,
        /// Today's listening point (kept in the store, sealed; needs an unlocked store).
        pub listening_point: Option<String>,
    }

    /// Arguments of `list`.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct ListArgs {
        /// The filter.
        pub query: Query,
    }

    /// Arguments of `create`.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct CreateArgs {
        /// Kind of record.
        pub kind: Kind,
        /// Its fields.
        pub fields: Value,
    }
}
