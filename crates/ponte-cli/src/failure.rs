//! What went wrong, as a message id plus arguments, rendered in the user's language.

use ponte_i18n::{Arg, Translator};
use ponte_model::ValidationError;
use ponte_store::{ItemError, StoreError};

/// A failed command.
#[derive(Debug)]
pub enum Failure {
    /// A store error.
    Store(StoreError),
    /// A message id (without the `error-` prefix) and its arguments.
    Message(&'static str, Vec<(&'static str, Arg)>),
    /// A team or sync failure.
    Sync(ponte_sync::SyncError),
    /// Import lines that failed (1-based line numbers).
    Import(Vec<(usize, ItemError)>),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl From<ponte_sync::SyncError> for Failure {
    fn from(e: ponte_sync::SyncError) -> Self {
        match e {
            ponte_sync::SyncError::Store(s) => Failure::Store(s),
            other => Failure::Sync(other),
        }
    }
}

impl Failure {
    pub fn msg(code: &'static str) -> Self {
        Failure::Message(code, Vec::new())
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Message("usage" | "bad-id", _) => 2,
            Failure::Store(StoreError::WrongPassphrase) => 3,
            Failure::Sync(ponte_sync::SyncError::Revoked) => 5,
            Failure::Store(StoreError::Corrupt | StoreError::AuditBroken { .. }) => 4,
            _ => 1,
        }
    }

    pub fn render(&self, tr: &Translator) -> String {
        match self {
            Failure::Store(StoreError::Invalid(problems)) => {
                let list = problems_text(tr, problems);
                tr.t(
                    "error-invalid",
                    &[("count", problems.len().into()), ("problems", list.into())],
                )
            }
            Failure::Store(StoreError::PassphraseTooShort { min }) => {
                tr.t("error-passphrase-too-short", &[("min", (*min).into())])
            }
            Failure::Store(StoreError::AuditBroken { seq }) => {
                tr.t("error-audit-broken", &[("seq", (*seq).into())])
            }
            Failure::Store(e) => tr.t(&format!("error-{}", e.code()), &[]),
            Failure::Message(code, args) => tr.t(&format!("error-{code}"), args),
            Failure::Sync(e) => tr.t(&format!("error-{}", e.code()), &[]),
            Failure::Import(lines) => {
                let parts: Vec<String> = lines
                    .iter()
                    .map(|(line, err)| {
                        let what = if err.problems.is_empty() {
                            tr.t(&format!("error-{}", err.code), &[])
                        } else {
                            problems_text(tr, &err.problems)
                        };
                        tr.t(
                            "import-line",
                            &[("line", (*line).into()), ("problem", what.into())],
                        )
                    })
                    .collect();
                tr.t(
                    "error-import",
                    &[
                        ("count", lines.len().into()),
                        ("lines", parts.join("; ").into()),
                    ],
                )
            }
        }
    }
}

/// "path: problem, path: problem" — paths are field names, never values.
fn problems_text(tr: &Translator, problems: &[ValidationError]) -> String {
    problems
        .iter()
        .map(|p| {
            let what = tr.t(&format!("validation-{}", p.code.as_str()), &[]);
            if p.path.is_empty() {
                what
            } else {
                format!("{}: {what}", p.path)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
