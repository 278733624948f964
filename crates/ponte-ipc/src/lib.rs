//! What the app's screens and its shell say to each other.
//!
//! The screens (`app-ui`, compiled to wasm32) call the shell's commands through Tauri's
//! IPC; both sides use these types, so a renamed field breaks the build instead of a
//! screen. Every command's name is a constant in [`cmd`], next to its argument and answer
//! types. Errors cross as an [`IpcError`]: a stable code and arguments, translated by the
//! screens as the Fluent message `app-error-<code>` where the app words it apart from the
//! CLI, else `error-<code>`. An error never carries record content.

pub mod audit;
pub mod case;
pub mod cmd;
pub mod conflict;
pub mod contact;
pub mod outreach;
pub mod programme;
pub mod restrict;
pub mod roles;

pub use roles::{Action, Role};

use ponte_i18n::{Arg, Translator};
use ponte_model::summary::Summary;
use serde::{Deserialize, Serialize};

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
    /// For a file of several items (an import): the failing lines (1-based), each with
    /// its own error.
    #[serde(default)]
    pub lines: Vec<(usize, IpcError)>,
}

impl IpcError {
    /// An error with a code and no arguments.
    pub fn code(code: impl Into<String>) -> IpcError {
        IpcError {
            code: code.into(),
            ..IpcError::default()
        }
    }

    /// An error with a code and arguments.
    pub fn with_args(code: impl Into<String>, args: &[(&str, String)]) -> IpcError {
        IpcError {
            code: code.into(),
            args: args
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
            ..IpcError::default()
        }
    }

    /// The error as one line in `tr`'s language: `error-<code>` with its arguments (a
    /// number-like argument is passed as a number, for plurals), the validation
    /// problems as "path: problem, ..." and an import's lines as "line N: problem; ...".
    /// A code without a message becomes `error-unknown` naming the code.
    pub fn message(&self, tr: &Translator) -> String {
        let id = format!("error-{}", self.code);
        self.render(tr, &id, IpcError::message)
            .unwrap_or_else(|| self.unknown(tr))
    }

    /// The error as the app's screens show it: `app-error-<code>` where the locales
    /// word it for the app (the text of `error-<code>` tells a terminal user which
    /// command or flag to use), else the text of [`IpcError::message`]. Arguments and
    /// problems are handled as there; an import's lines are worded for the app too.
    pub fn message_in_app(&self, tr: &Translator) -> String {
        let app = format!("app-error-{}", self.code);
        let shared = format!("error-{}", self.code);
        self.render(tr, &app, IpcError::message_in_app)
            .or_else(|| self.render(tr, &shared, IpcError::message_in_app))
            .unwrap_or_else(|| self.unknown(tr))
    }

    /// A code no locale has a message for (the locale tests make this impossible for
    /// known codes), named.
    fn unknown(&self, tr: &Translator) -> String {
        tr.t("error-unknown", &[("code", Arg::Str(self.code.clone()))])
    }

    /// The message `id` with this error's arguments, problems and lines (each line's
    /// error rendered by `line_message`); `None` when no bundle has `id`.
    fn render(
        &self,
        tr: &Translator,
        id: &str,
        line_message: fn(&IpcError, &Translator) -> String,
    ) -> Option<String> {
        let mut args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(k, v)| match v.parse::<i64>() {
                Ok(n) => (k.as_str(), Arg::from(n)),
                Err(_) => (k.as_str(), Arg::Str(v.clone())),
            })
            .collect();
        if !self.problems.is_empty() {
            args.retain(|(k, _)| *k != "count" && *k != "problems");
            args.push(("problems", Arg::Str(problems_text(tr, &self.problems))));
            args.push(("count", self.problems.len().into()));
        }
        if !self.lines.is_empty() {
            let parts: Vec<String> = self
                .lines
                .iter()
                .map(|(line, e)| {
                    let what = if e.problems.is_empty() {
                        line_message(e, tr)
                    } else {
                        problems_text(tr, &e.problems)
                    };
                    tr.t(
                        "import-line",
                        &[("line", (*line).into()), ("problem", what.into())],
                    )
                })
                .collect();
            args.retain(|(k, _)| *k != "count" && *k != "lines");
            args.push(("count", self.lines.len().into()));
            args.push(("lines", Arg::Str(parts.join("; "))));
        }
        let text = tr.t(id, &args);
        // `t` answers the id itself when no bundle has the message.
        (text != id).then_some(text)
    }
}

/// "path: problem, path: problem" (paths name fields, never values).
fn problems_text(tr: &Translator, problems: &[(String, String)]) -> String {
    problems
        .iter()
        .map(|(path, code)| {
            let what = tr.t(&format!("validation-{code}"), &[]);
            if path.is_empty() {
                what
            } else {
                format!("{path}: {what}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
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
    /// Today's place: the record id of a place of the team's list in use, if one was
    /// chosen (`ponte_device::settings::todays_place`).
    pub listening_point: Option<String>,
    /// This device was removed from its team and wiped.
    pub revoked: bool,
    /// Locked with the keys sealed under the working day's PIN: the PIN reopens it.
    #[serde(default)]
    pub pin_ready: bool,
    /// Wrong PINs left before only the passphrase opens (while `pin_ready`).
    #[serde(default)]
    pub pin_tries_left: u32,
    /// Unlocked with a PIN set for the working day (a lock keeps the keys sealed
    /// under it): when the PIN stops working (ms since the Unix epoch).
    #[serde(default)]
    pub pin_until_ms: Option<i64>,
    /// The worker's screen is showing, in this language: nothing else until the PIN
    /// or the passphrase.
    #[serde(default)]
    pub worker_mode: Option<String>,
    /// What this device may do that not every role may (unlocked; worked out by the
    /// device core from its role: everything outside a team or while waiting for
    /// approval). The screens hide what is not here; the core refuses it anyway.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Why this device's store was destroyed, when it was and no new one exists yet
    /// (`erased-after-failures`, `lease-expired`, ...), for the first-run screen.
    #[serde(default)]
    pub erased: Option<IpcError>,
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
    /// Days left on this device's key lease (`None`: the supervisor's device, exempt).
    #[serde(default)]
    pub lease_days_left: Option<u32>,
    /// This device's role (`None` while waiting for approval).
    #[serde(default)]
    pub role: Option<Role>,
    /// Every recovery of the team this device saw (the supervisor role taken over with
    /// the recovery kit), oldest first.
    #[serde(default)]
    pub recoveries: Vec<RecoveryRow>,
    /// A recovery kit made on this device that was not marked printed yet (the
    /// supervisor's device, after creating the team or a new kit).
    #[serde(default)]
    pub recovery_kit_unprinted: bool,
}

/// A recovery of the team, as a device saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RecoveryRow {
    /// When it happened (ms since the Unix epoch, the recovering device's clock).
    pub at_ms: i64,
    /// The device that used the kit and became supervisor (hex).
    pub by: String,
    /// That device's name, if this device can open it.
    pub by_name: String,
}

/// The team's recovery kit, to print for the office safe: the code and its QR code.
/// Shown once; the device does not keep it once marked printed. Its `Debug` does not
/// print the code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryKit {
    /// The kit's code (`ponterec1:...`).
    pub code: String,
    /// QR modules per side.
    pub qr_width: usize,
    /// QR modules, row by row: `true` is dark.
    pub qr_modules: Vec<bool>,
}

impl std::fmt::Debug for RecoveryKit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoveryKit")
            .field("code", &"<redacted>")
            .field("qr_width", &self.qr_width)
            .finish_non_exhaustive()
    }
}

/// The team rules as the team screen shows them: the current values, whether this
/// device may change them (the supervisor's), and the ranges the core accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TeamSettingsView {
    /// Wrong passphrases in a row after which a device erases itself (`None`: off).
    pub unlock_attempts: Option<u32>,
    /// Days without a completed sync after which a device is erased at its next
    /// unlock (the key lease; the supervisor's device is exempt).
    pub lease_days: u32,
    /// This device may change them (the supervisor's).
    pub can_change: bool,
    /// The unlock attempt limit's range, both included, and its default.
    pub unlock_attempts_min: u32,
    /// See [`TeamSettingsView::unlock_attempts_min`].
    pub unlock_attempts_max: u32,
    /// See [`TeamSettingsView::unlock_attempts_min`].
    pub unlock_attempts_default: u32,
    /// The key lease's range in days, both included, and its default.
    pub lease_days_min: u32,
    /// See [`TeamSettingsView::lease_days_min`].
    pub lease_days_max: u32,
    /// See [`TeamSettingsView::lease_days_min`].
    pub lease_days_default: u32,
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
    /// It holds the supervisor role.
    pub supervisor: bool,
    /// Its role in the team.
    pub role: Role,
    /// It is this device.
    pub this_device: bool,
    /// What the device sealed to the supervisor, newest first (supervisor only).
    #[serde(default)]
    pub notices: Vec<DeviceNotice>,
}

/// A notice a device left the supervisor through the relay, sealed to the supervisor:
/// the relay cannot read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceNotice {
    /// What happened: `duress` (the duress passphrase was used on the device).
    pub kind: String,
    /// When, by the device's clock (ms since the Unix epoch).
    pub at_ms: i64,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(name: &str) -> IpcError {
        IpcError::with_args("programme-name-taken", &[("name", name.to_owned())])
    }

    #[test]
    fn the_app_shows_its_own_wording_with_the_arguments() {
        for locale in ["en", "it", "ar"] {
            let tr = Translator::new(Some(locale));
            let e = taken("Latina Nord");
            let app = e.message_in_app(&tr);
            assert_eq!(
                app,
                tr.t(
                    "app-error-programme-name-taken",
                    &[("name", "Latina Nord".into())]
                ),
                "{locale}"
            );
            assert!(app.contains("Latina Nord"), "{locale}: {app}");
            assert!(!app.contains("--name"), "{locale}: {app}");
            // The terminal keeps the wording that names its flag.
            let cli = e.message(&tr);
            assert!(
                cli.contains("--name") && cli.contains("Latina Nord"),
                "{cli}"
            );
        }
    }

    #[test]
    fn a_code_the_app_does_not_word_apart_falls_back_to_the_shared_text() {
        let tr = Translator::new(Some("it"));
        assert!(!tr.has("app-error-locked") && tr.has("error-locked"));
        let e = IpcError::code("locked");
        assert_eq!(e.message_in_app(&tr), tr.t("error-locked", &[]));
        // Arguments (a number, for plurals) still reach the shared text.
        let e = IpcError::with_args("erased-after-failures", &[("attempts", "7".into())]);
        let text = e.message_in_app(&tr);
        assert_eq!(text, e.message(&tr));
        assert!(text.contains('7'), "{text}");
        // A code no locale knows is named, as in the CLI.
        let e = IpcError::code("no-such-code");
        assert_eq!(e.message_in_app(&tr), e.message(&tr));
        assert!(e.message_in_app(&tr).contains("no-such-code"));
    }

    #[test]
    fn an_imports_lines_use_the_apps_wording_too() {
        let tr = Translator::new(Some("en"));
        let e = IpcError {
            code: "import".into(),
            lines: vec![(3, taken("Sud"))],
            ..IpcError::default()
        };
        let app = e.message_in_app(&tr);
        assert!(app.contains(&taken("Sud").message_in_app(&tr)), "{app}");
        assert!(!app.contains("--name"), "{app}");
        assert!(e.message(&tr).contains("--name"));
    }
}
