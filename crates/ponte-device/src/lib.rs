//! Ponte's device services: what a device does, written once for its two front ends,
//! the app's Tauri shell (`ponte-app`) and the headless `ponte` CLI (`ponte-cli`).
//!
//! Every rule a device enforces lives here or below (store, sync, report): who may
//! export a report and how it is audited, which relay URL a team may use, when a sync
//! wipes the device, how an import is checked line by line, how big a QR picture may
//! be. The front ends only parse their input, call these functions and present the
//! answer: the CLI prints JSON and one translated line per error, the shell returns
//! `ponte-ipc` types to the screens.
//!
//! Every failure is a [`Failure`]: a stable code with arguments, validation problems
//! (field paths and codes, never values) and, for a file of items, the failing lines.
//! It converts into the [`ponte_ipc::IpcError`] the screens receive and renders as a
//! translated line for the CLI ([`Failure::message`]); nothing in it is record content.
//!
//! | module | job |
//! |---|---|
//! | [`session`] | create, unlock (and, by dropping the store, lock) the encrypted store |
//! | [`panic`](mod@panic) | the panic wipe: the key first, then every file, no passphrase |
//! | [`prefs`] | the files beside the store: preferences in the clear (language, auto-lock, each held to its rule) and the exports folder, removed by every wipe |
//! | [`lease`] | the key lease: a member that has not synced for the team's days is wiped at unlock |
//! | [`lock`] | the lock rules of a running front end: idle, suspend, hidden window, the working day's PIN, the worker's screen |
//! | [`records`] | add, edit, show, list, erase, import, batch operations on records |
//! | [`team`] | create a team (relay rule, relay code), invite, join, approve, devices, revoke, team settings |
//! | [`sync`] | one sync with its wipe rule; the "duress used" notice sent at the next contact with the relay |
//! | [`report`] | the funder report: supervisor rule, period and threshold checks, audit entry, rendering |
//! | [`case`] | the case moves on: taken in charge, goals set, done or dropped, closed with a reason, reopened; referral outcome steps; follow-ups done, moved, due (with what each is) |
//! | [`referral`] | referral sheets (service's and worker's copy, audited, and where the app's goes and how it is named) and consent withdrawal |
//! | [`conflict`] | fields two devices set while apart: each value with its device, and the one kept |
//! | [`outreach`] | outreach counting: the +1 / -1 tally, members from the signed roster, group sessions and their follow-ups |
//! | [`qr`] | the invite as a QR code (modules, PNG) and reading one from a picture, size-checked |
//! | [`settings`] | device settings kept sealed in the store (today's listening point) |
//! | [`restrict`] | need-to-know records: who may read a record (named from the roster), restricting and lifting |
//! | [`roles`] | what each role may do, checked before every action |
//! | [`contact`] | quick contacts (a first meeting in a few taps) and the day one becomes an intake |
//! | [`place`] | the team's list of places: retire and reinstate, and who may change the list |
//! | [`audit_review`] | this device's own audit log; each device's audit trail shipped at every sync; the supervisor's review of every device's trail and its state |
//! | [`programme`] | programme reports across teams: the coordinator's keys, team codes, sealed and signed packages of exact counts, their import and the combined, suppressed report |

pub mod audit_review;
pub mod case;
pub mod conflict;
pub mod contact;
mod failure;
pub mod lease;
pub mod lock;
pub mod outreach;
pub mod panic;
pub mod place;
pub mod prefs;
pub mod programme;
pub mod qr;
pub mod records;
pub mod referral;
pub mod report;
pub mod restrict;
pub mod roles;
pub mod session;
pub mod settings;
pub mod sync;
pub mod team;

pub use failure::Failure;

/// Result of a device service.
pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// Lower-case hex of bytes (device and record ids).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Every code this crate itself can fail with (the locale tests check each has a
/// message in every UI locale); the store's, sync's and report's codes come from
/// their crates' own lists.
pub const CODES: &[&str] = &[
    failure::USAGE,
    failure::BAD_ID,
    failure::BAD_JSON,
    failure::BAD_FILTER,
    failure::BAD_KIND,
    failure::READ_INPUT,
    failure::WRITE_OUTPUT,
    failure::LOCKED,
    failure::IO,
    failure::QR,
    failure::QR_UNREADABLE,
    failure::QR_TOO_LARGE,
    failure::BAD_RELAY,
    failure::BAD_RELAY_CODE,
    failure::NOT_SUPERVISOR,
    failure::IMPORT,
    failure::REPORT_BAD_DATE,
    failure::REPORT_BAD_THRESHOLD,
    failure::REPORT_NO_FONT,
    failure::REPORT_WRITE,
    failure::NO_PASSPHRASE,
    failure::PASSPHRASE_MISMATCH,
    failure::BAD_SETTING,
    failure::BAD_UNLOCK_ATTEMPTS,
    failure::BAD_LEASE_DAYS,
    failure::BAD_ROLE,
    failure::ROLE_REFUSED,
    sync::REVOKED,
    lease::LEASE_EXPIRED,
    // Referral sheets and consent withdrawal (`referral`; the sheet's own codes are
    // `ponte_sheet::SheetError::CODES`).
    referral::UNKNOWN_PERSON,
    referral::UNKNOWN_SERVICE,
    referral::NO_SERVICE,
    referral::NO_SENDER,
    referral::BAD_SENDER,
    referral::UNKNOWN_CONSENT,
    referral::BAD_DATE,
    referral::ALREADY_WITHDRAWN,
    referral::CONSENT_MISSING,
    referral::BAD_SHARE,
    referral::NOT_REFERRAL,
    // The working day's PIN (`lock`): its codes are `ponte_store::pin::PinError::CODES`.
    // The case moves on (`case`).
    case::UNKNOWN_PERSON,
    case::BAD_DATE,
    case::DATE_BEFORE,
    case::DATE_FUTURE,
    case::NO_OPERATOR,
    case::BAD_OPERATOR,
    case::BAD_REASON,
    case::CLOSED,
    case::NOT_CLOSED,
    case::BAD_GOAL,
    case::UNKNOWN_GOAL,
    case::GOAL_NOT_OPEN,
    case::UNKNOWN_REFERRAL,
    case::BAD_OUTCOME,
    case::BAD_STEP,
    case::UNKNOWN_FOLLOWUP,
    case::FOLLOWUP_DONE,
    // Need-to-know records (`restrict`).
    restrict::UNKNOWN_DEVICE,
    restrict::NO_DEVICES,
    restrict::AMBIGUOUS_DEVICE,
    // Conflicting edits of one field (`conflict`).
    conflict::NONE,
    conflict::UNKNOWN_DEVICE,
    // Quick contacts and the team's places (`contact`, `place`).
    contact::BAD_ALIAS,
    contact::NO_RECONTACT,
    contact::BAD_RECONTACT,
    contact::BAD_LANGUAGE,
    contact::BAD_MATERIAL,
    contact::BAD_WAY,
    contact::WAY_WITHOUT_YES,
    contact::BAD_PHONE,
    contact::PHONE_WITHOUT_WAY,
    contact::UNKNOWN_PLACE,
    contact::PLACE_RETIRED,
    contact::UNKNOWN_PERSON,
    contact::ALREADY_INTAKE,
    place::DUPLICATE_NAME,
    // Outreach counting (`outreach`).
    outreach::UNKNOWN_OUTREACH,
    outreach::BAD_TAP,
    outreach::BAD_NATIONALITY,
    outreach::BAD_MATERIAL,
    outreach::TOO_LARGE,
    outreach::MINORS_OVER_TOTAL,
    outreach::NO_ROSTER,
    outreach::NOT_IN_TEAM,
    outreach::BAD_TOPIC,
    outreach::BAD_GROUP,
    outreach::UNKNOWN_GROUP,
    outreach::UNKNOWN_PERSON,
    // Programme reports across teams (`programme`).
    programme::NOT_COORDINATOR,
    programme::ALREADY,
    programme::IN_TEAM,
    programme::BAD_NAME,
    programme::BAD_CODE,
    programme::BAD_TEAM_CODE,
    programme::NO_TEAM,
    programme::NAME_TAKEN,
    programme::BAD_PACKAGE,
    programme::UNKNOWN_TEAM,
    programme::BAD_SIGNATURE,
    programme::OTHER_COORDINATOR,
    programme::NO_PACKAGES,
    programme::TOO_FEW,
    programme::PERIOD_CLOSED,
    programme::PERIOD_REPORTED,
    // The report's threshold (`report`).
    report::LOW_THRESHOLD,
    report::PERIOD_RANGE,
    // Audit review (`audit_review`).
    audit_review::UNKNOWN_DEVICE,
    // Places from the list, team members from the roster (`place::resolve`).
    place::UNKNOWN_NAME,
    place::MISMATCH,
    outreach::MEMBER_UNKNOWN,
];

#[cfg(test)]
mod tests {
    /// A module's own list of codes is in the crate's (which the locale tests read):
    /// a code added to a module and not here would go untranslated unnoticed.
    #[test]
    fn every_module_code_is_in_the_crate_list() {
        for list in [
            super::case::CODES,
            super::conflict::CODES,
            super::contact::CODES,
            super::outreach::CODES,
            super::programme::CODES,
            super::report::CODES,
        ] {
            for code in list {
                assert!(
                    super::CODES.contains(code),
                    "{code} is not in ponte_device::CODES"
                );
            }
        }
    }
}
