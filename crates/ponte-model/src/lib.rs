//! Ponte's domain model: what a record *is*, independent of how it is stored,
//! encrypted or synced.
//!
//! This crate owns:
//!
//! - the four record [`Kind`]s: `person` (one worker and their case), `outreach` (one
//!   session at a listening point), `service` (an entry of the team's referral
//!   directory) and `place` (an entry of the team's list of listening and pick-up
//!   points);
//! - the coded vocabularies ([`vocab`]): every coded field stores a code from one of these
//!   lists and is translated only at display time;
//! - exploitation screening ([`screening`]): the four indices of art. 603-bis c.p., its
//!   aggravating circumstances, the ILO's eleven forced-labour indicators and the rule that
//!   derives a risk level from them (a guide for the team, never a verdict);
//! - validation ([`mod@validate`]) of a record given as a [`serde_json::Value`];
//! - list summaries ([`summary`]): the small per-record digest that lists, search and
//!   filters read instead of the full document;
//! - calendar dates ([`date`]) and JSON merge patch ([`patch`]), the edit format;
//! - a case's steps ([`case`]): the referral outcome transitions and the person's
//!   timeline (case events, referral outcomes, follow-ups) in date order;
//! - reading a record's fields ([`record`]): the lenient accessors that summaries,
//!   reports, validation's consent rule and the screens share.
//!
//! It deliberately does **not** do IO, Automerge, crypto or translation. Records cross its
//! boundary as [`serde_json::Value`] because another crate keeps them as Automerge
//! documents and converts to and from JSON; validating the JSON directly (rather than
//! deserializing into typed structs) lets every error carry a stable code and a JSON path
//! and nothing else.
//!
//! **Invariant:** nothing this crate returns as an error contains a field value. Field
//! values are names, phone numbers, notes about exploitation: an employer or a *caporale*
//! who reads them can hurt someone, and error messages end up in logs and crash reports.
//! Paths echo object keys only when they look like identifiers (see
//! [`validate::is_entry_id`]); any other key is shown as `*`.
//!
//! The record formats are described field by field in `docs/records.md`.

pub mod case;
pub mod date;
pub mod patch;
pub mod record;
pub mod screening;
pub mod summary;
pub mod validate;
pub mod vocab;

use std::fmt;
use std::str::FromStr;

pub use date::Date;

/// Objects every new record of `kind` is created with, empty, as dotted paths (maps,
/// and free text where the last key is a text key such as `notes`).
///
/// Why: two devices that each create the same nested object offline (say both add
/// the first encounter of a person) would each make a new Automerge map at the same
/// key, and Automerge keeps only one of the two, with its contents. Creating the
/// containers once, with the record, makes every later edit land in the same map.
/// Readers omit empty objects, so these do not show.
///
/// Each costs bytes in every record, so collections added later (the case's events
/// and goals) are not made up front: where two devices made the same map, readers
/// show the entries of both and the next write folds them into one (`ponte-doc`'s
/// mapping rules), so no entry is lost either way.
pub fn containers(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Person => &[
            "notes",
            "consents",
            "screening",
            "screening.s603",
            "screening.aggravating",
            "screening.ilo",
            "encounters",
            "referrals",
            "followups",
            "plan",
            "plan.goals",
            "permit",
            "status",
        ],
        Kind::Outreach => &["notes", "people_met", "materials"],
        Kind::Service => &["notes"],
        Kind::Place => &["notes"],
        Kind::Audit => &["rounds"],
    }
}
/// Counts every new record of `kind` holds as counters from the start, as dotted
/// paths (0 where not given): counts tallied with taps, which add up when devices tap
/// the same record while apart (`ponte-doc`'s mapping rules). Made with the record
/// because a count that two devices each start while apart keeps only one device's
/// first steps. Counts of open sets (an outreach's nationalities and materials) start
/// at their first tap.
pub fn counters(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Outreach => &[
            "people_met.total",
            "people_met.women",
            "people_met.men",
            "people_met.not_stated",
            "people_met.minors",
        ],
        Kind::Person | Kind::Service | Kind::Place | Kind::Audit => &[],
    }
}

pub use screening::{Answer, RiskLevel, derive_risk, effective_risk};
pub use summary::{Query, Summary, normalize, summarize};
pub use validate::{ErrorCode, ValidationError, validate, validate_on};

/// The kind of a record. Each kind has its own JSON format (see `docs/records.md`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One worker and their case: profile, consents, screening, plan, encounters,
    /// referrals, follow-ups, status.
    Person,
    /// One outreach session: date, place, team, anonymous counts of people met.
    Outreach,
    /// One entry of the team's referral directory.
    Service,
    /// One entry of the team's list of places (listening points, pick-up points...),
    /// which other records name by id (`place_id`).
    Place,
    /// One device's audit trail: its audit entries as shipped to the supervisors,
    /// restricted to that device and the supervisors. Written only by the device's own
    /// sync (`ponte_store::Store::ship_audit_trail`); no list, search, report or
    /// record command shows, edits or erases it. Not in [`Kind::ALL`], so no name a
    /// user types parses to it.
    Audit,
}

impl Kind {
    /// Every kind a user handles, in [`Kind::as_u8`] order ([`Kind::Audit`] is not
    /// one).
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Outreach, Kind::Service, Kind::Place];

    /// Stable one-byte tag (1, 2, 3, 4), e.g. for AEAD associated data and storage.
    pub const fn as_u8(self) -> u8 {
        match self {
            Kind::Person => 1,
            Kind::Outreach => 2,
            Kind::Service => 3,
            Kind::Place => 4,
            Kind::Audit => 5,
        }
    }

    /// Inverse of [`Kind::as_u8`].
    pub const fn from_u8(tag: u8) -> Option<Kind> {
        match tag {
            1 => Some(Kind::Person),
            2 => Some(Kind::Outreach),
            3 => Some(Kind::Service),
            4 => Some(Kind::Place),
            5 => Some(Kind::Audit),
            _ => None,
        }
    }

    /// Stable lowercase name: `"person"`, `"outreach"`, `"service"`, `"place"`,
    /// `"audit"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Outreach => "outreach",
            Kind::Service => "service",
            Kind::Place => "place",
            Kind::Audit => "audit",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string given to [`Kind::from_str`] names no kind. It does not repeat the string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown record kind")]
pub struct UnknownKind;

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(UnknownKind)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn kind_tags_and_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_u8(k.as_u8()), Some(k));
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
            assert_eq!(k.to_string(), k.as_str());
            let json = serde_json::to_value(k).unwrap();
            assert_eq!(json, serde_json::Value::from(k.as_str()));
        }
        assert_eq!(
            Kind::ALL.map(Kind::as_u8),
            [1, 2, 3, 4],
            "tags are stored: never renumber"
        );
        assert_eq!(Kind::from_u8(0), None);
        assert_eq!(Kind::from_u8(5), Some(Kind::Audit));
        assert_eq!(Kind::Audit.as_str(), "audit");
        assert_eq!(
            "audit".parse::<Kind>(),
            Err(UnknownKind),
            "not a user's kind"
        );
        assert_eq!(Kind::from_u8(6), None);
        assert_eq!("Person".parse::<Kind>(), Err(UnknownKind));
        assert_eq!(UnknownKind.to_string(), "unknown record kind");
    }
}
