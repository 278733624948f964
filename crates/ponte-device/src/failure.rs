//! What went wrong, as a code plus arguments: the one mapping of every error of the
//! store, sync and report crates to what the front ends show.

use ponte_i18n::Translator;
use ponte_ipc::IpcError;
use ponte_model::ValidationError;
use ponte_report::ReportError;
use ponte_store::{ItemError, StoreError};
use ponte_sync::SyncError;

pub(crate) const USAGE: &str = "usage";
pub(crate) const BAD_ID: &str = "bad-id";
pub(crate) const BAD_JSON: &str = "bad-json";
pub(crate) const BAD_FILTER: &str = "bad-filter";
pub(crate) const BAD_KIND: &str = "bad-kind";
pub(crate) const READ_INPUT: &str = "read-input";
pub(crate) const WRITE_OUTPUT: &str = "write-output";
pub(crate) const LOCKED: &str = "locked";
pub(crate) const IO: &str = "io";
pub(crate) const QR: &str = "qr";
pub(crate) const QR_UNREADABLE: &str = "qr-unreadable";
pub(crate) const QR_TOO_LARGE: &str = "qr-too-large";
pub(crate) const BAD_RELAY: &str = "bad-relay";
pub(crate) const BAD_RELAY_CODE: &str = "bad-relay-code";
pub(crate) const NOT_SUPERVISOR: &str = "not-supervisor";
pub(crate) const IMPORT: &str = "import";
pub(crate) const REPORT_BAD_DATE: &str = "report-bad-date";
pub(crate) const REPORT_BAD_THRESHOLD: &str = "report-bad-threshold";
pub(crate) const REPORT_NO_FONT: &str = "report-no-font";
pub(crate) const REPORT_WRITE: &str = "report-write";
pub(crate) const NO_PASSPHRASE: &str = "no-passphrase";
pub(crate) const PASSPHRASE_MISMATCH: &str = "passphrase-mismatch";
pub(crate) const BAD_SETTING: &str = "bad-setting";
pub(crate) const BAD_UNLOCK_ATTEMPTS: &str = "bad-unlock-attempts";
pub(crate) const BAD_LEASE_DAYS: &str = "bad-lease-days";
pub(crate) const BAD_ROLE: &str = "bad-role";
pub(crate) const ROLE_REFUSED: &str = "role-refused";

/// A failed device service: a stable code (Fluent id `error-<code>`), its arguments,
/// validation problems and, for an import, the failing lines. Never record content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(IpcError);

impl Failure {
    /// A failure with a code and no arguments.
    pub fn code(code: &str) -> Failure {
        Failure(IpcError::code(code))
    }

    /// A failure with a code and arguments.
    pub fn with_args(code: &str, args: &[(&str, String)]) -> Failure {
        Failure(IpcError::with_args(code, args))
    }

    /// The usage failure (bad or missing arguments).
    pub fn usage() -> Failure {
        Failure::code(USAGE)
    }

    /// Its stable code.
    pub fn as_code(&self) -> &str {
        &self.0.code
    }

    /// It, as it crosses IPC.
    pub fn as_ipc(&self) -> &IpcError {
        &self.0
    }

    /// One translated line (the CLI's error message).
    pub fn message(&self, tr: &Translator) -> String {
        self.0.message(tr)
    }

    /// A JSON syntax error: where, never what.
    pub fn bad_json(e: &serde_json::Error) -> Failure {
        Failure::with_args(
            BAD_JSON,
            &[
                ("line", e.line().to_string()),
                ("column", e.column().to_string()),
            ],
        )
    }

    /// An import that failed: each line (1-based) with its error.
    pub(crate) fn import(lines: Vec<(usize, Failure)>) -> Failure {
        let mut e = IpcError::with_args(IMPORT, &[("count", lines.len().to_string())]);
        e.lines = lines.into_iter().map(|(n, f)| (n, f.0)).collect();
        Failure(e)
    }

    /// A record's validation problems (codes at paths, never a value).
    pub(crate) fn invalid(problems: &[ValidationError]) -> Failure {
        Failure(invalid(problems))
    }

    /// One import line's failure from the store.
    pub(crate) fn item(e: ItemError) -> Failure {
        if e.problems.is_empty() {
            Failure::code(e.code)
        } else {
            Failure(invalid(&e.problems))
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.code)
    }
}

impl std::error::Error for Failure {}

impl From<Failure> for IpcError {
    fn from(f: Failure) -> IpcError {
        f.0
    }
}

fn invalid(problems: &[ValidationError]) -> IpcError {
    let mut e = IpcError::with_args("invalid", &[("count", problems.len().to_string())]);
    e.problems = problems
        .iter()
        .map(|p| (p.path.clone(), p.code.as_str().to_owned()))
        .collect();
    e
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure(match &e {
            StoreError::Invalid(problems) => invalid(problems),
            StoreError::PassphraseTooShort { min } => {
                IpcError::with_args(e.code(), &[("min", min.to_string())])
            }
            StoreError::AuditBroken { seq } => {
                IpcError::with_args(e.code(), &[("seq", seq.to_string())])
            }
            StoreError::WrongPassphraseFinalTries { left } => {
                IpcError::with_args(e.code(), &[("left", left.to_string())])
            }
            StoreError::UnlockDelayed { seconds } => {
                IpcError::with_args(e.code(), &[("seconds", seconds.to_string())])
            }
            StoreError::ErasedAfterFailures { attempts } => {
                IpcError::with_args(e.code(), &[("attempts", attempts.to_string())])
            }
            other => IpcError::code(other.code()),
        })
    }
}

impl From<SyncError> for Failure {
    fn from(e: SyncError) -> Failure {
        match e {
            SyncError::Store(s) => s.into(),
            SyncError::BadInviteTtl { max_days } => {
                Failure::with_args(&e.code(), &[("max_days", max_days.to_string())])
            }
            other => Failure::code(&other.code()),
        }
    }
}

impl From<ReportError> for Failure {
    fn from(e: ReportError) -> Failure {
        Failure::code(e.code())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_keep_their_arguments_and_never_values() {
        let f: Failure = StoreError::PassphraseTooShort { min: 12 }.into();
        assert_eq!(f.as_code(), "passphrase-too-short");
        assert_eq!(f.as_ipc().args, vec![("min".to_owned(), "12".to_owned())]);
        let tr = Translator::new(Some("en"));
        assert!(f.message(&tr).contains("12"), "{}", f.message(&tr));
        // The unlock screen's warning carries its numbers across IPC.
        let f: Failure = StoreError::WrongPassphraseFinalTries { left: 2 }.into();
        assert_eq!(f.as_ipc().args, vec![("left".to_owned(), "2".to_owned())]);
        assert!(
            f.message(&tr)
                .contains("2 tries left before this device erases itself")
        );
        let f: Failure = StoreError::UnlockDelayed { seconds: 8 }.into();
        assert!(
            f.message(&tr).contains("Wait 8 seconds"),
            "{}",
            f.message(&tr)
        );
        let f: Failure = StoreError::ErasedAfterFailures { attempts: 10 }.into();
        assert!(f.message(&tr).contains("erased after 10 wrong passphrases"));
    }

    #[test]
    fn an_invite_lifetime_out_of_range_names_the_range() {
        let f: Failure = SyncError::BadInviteTtl { max_days: 30 }.into();
        assert_eq!(f.as_code(), "invite-bad-ttl");
        for (lang, want) in [("en", "30 days"), ("it", "30 giorni"), ("ar", "30")] {
            let text = f.message(&Translator::new(Some(lang)));
            assert!(text.contains(want), "{lang}: {text}");
        }
    }

    #[test]
    fn an_import_names_its_lines_in_the_message() {
        let f = Failure::import(vec![
            (3, Failure::code(BAD_ID)),
            (7, Failure::code("bad-json-line")),
        ]);
        let tr = Translator::new(Some("en"));
        let text = f.message(&tr);
        assert!(text.contains("line 3") && text.contains("line 7"), "{text}");
    }

    #[test]
    fn an_unknown_code_is_named_not_shown_raw() {
        let tr = Translator::new(Some("en"));
        let text = Failure::code("no-such-code-anywhere").message(&tr);
        assert!(text.contains("no-such-code-anywhere") && text != "error-no-such-code-anywhere");
    }
}
