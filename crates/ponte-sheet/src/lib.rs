//! Referral sheets (*scheda di invio*): what a receiving service gets on paper when the
//! team refers a person to it, and the worker's own copy.
//!
//! - [`service_sheet`]: in Italian, for the service. The referral (date, type of
//!   service, service, appointment), the referring team and how to reach it, the
//!   person's fields that the covering consent lets the team share with that type of
//!   service (its `share` list, always with the minimum: alias and languages, with
//!   whether a language mediator is needed), and that consent (purpose, date, language
//!   and version of its text, what it lets the team share). Nothing else of the person:
//!   no notes, no screening notes, no field the consent does not name. Refused without
//!   a covering consent and once that consent is withdrawn.
//! - [`worker_copy`]: in one of the worker languages (`ponte_i18n::WORKER_LOCALES`),
//!   right to left for Arabic and Urdu: where to go (the service's name, address and
//!   hours), when, who to ask for, what to bring, the team's phone and the Numero Verde
//!   Antitratta 800 290 290. Nothing of the person.
//!
//! Which consent covers a referral is the model's rule
//! (`ponte_model::record::covering_consent`); this crate adds the sheet's own rules
//! (the service's type must be the referral's destination; a withdrawn consent lets
//! nothing more out) and the rendering: [`pdf::render`] shapes every script with
//! rustybuzz and embeds subsets of the Noto fonts compiled into the crate.
//!
//! It reads no files, keeps no clock (the day the sheet is made is passed in) and logs
//! nothing; errors are codes ([`SheetError::code`]) that carry no record content. The
//! audit entry and the file are the device services' (`ponte_device::referral`).

pub mod content;
pub mod pdf;

pub use content::{Block, Sender, Sheet, service_sheet, worker_copy};

/// A sheet could not be made. No variant carries record content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The person has no referral with that entry id.
    #[error("no such referral")]
    UnknownReferral,
    /// No consent covers the referral (or the service is not of the referral's type).
    #[error("no consent covers the referral")]
    NoConsent,
    /// The consent covering the referral was withdrawn: nothing more goes out under it.
    #[error("the consent was withdrawn")]
    ConsentWithdrawn,
    /// Not one of the worker languages.
    #[error("not a worker language")]
    BadLanguage,
    /// The PDF could not be built.
    #[error("the PDF could not be built")]
    Pdf,
}

impl SheetError {
    /// Stable code, translated as `error-<code>`.
    pub fn code(self) -> &'static str {
        match self {
            SheetError::UnknownReferral => "sheet-unknown-referral",
            SheetError::NoConsent => "sheet-no-consent",
            SheetError::ConsentWithdrawn => "sheet-consent-withdrawn",
            SheetError::BadLanguage => "sheet-bad-language",
            SheetError::Pdf => "sheet-pdf",
        }
    }

    /// Every code [`SheetError::code`] returns.
    pub const CODES: &[&'static str] = &[
        "sheet-unknown-referral",
        "sheet-no-consent",
        "sheet-consent-withdrawn",
        "sheet-bad-language",
        "sheet-pdf",
    ];
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
