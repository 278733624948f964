//! Validation of records given as JSON.
//!
//! [`validate`] checks a record of a given [`Kind`] against the formats in
//! `docs/records.md` and reports **every** problem it finds, sorted by path, each
//! `(path, code)` pair once. A [`ValidationError`] is a stable [`ErrorCode`] plus a JSON
//! path such as `consents.c1.language` or `languages[2]`; the UI translates the code
//! (Fluent id `validation-<code>`) and points at the field. [`structure`] runs the same
//! rules and keeps only the problems of shape: what a device checks on a record after
//! merging changes from other devices. [`history`] checks an edit against the record it
//! changes: the entries of a person's history (case events, referral outcome steps,
//! follow-ups done, a consent's withdrawal) are only added, never changed or removed.
//!
//! **Invariant:** an error never carries a field value, not even a fragment: values are
//! names, phone numbers and notes about exploitation, and errors travel to logs. That is
//! why this module walks the [`Value`] by hand instead of deserializing typed structs
//! (serde's messages quote the offending input). A key the format does not have is
//! never named either: an unknown field is reported at `<parent>.*` (or `*` for the
//! record itself), an unknown material as `materials.*`, whatever its shape. The keys
//! that do appear in paths are the format's own field names and the entry ids of the
//! collections that `docs/records.md` keys by entry id (`consents`, `encounters`,
//! `referrals`, `followups`, an outreach's `groups`), and the country codes of an
//! outreach's `nationalities`; an entry id of the wrong shape ([`is_entry_id`]) is
//! written `*` too.
//!
//! Conventions shared by every kind:
//! - `null` for an optional field is the same as leaving it out;
//! - unknown keys are [`ErrorCode::UnknownField`];
//! - string lengths count Unicode scalar values (`char`s), not bytes;
//! - dates are `YYYY-MM-DD` and must exist in the calendar ([`ErrorCode::InvalidDate`]),
//!   with a year in 1900..=2100 ([`ErrorCode::OutOfRange`]);
//! - required text must not be blank ([`ErrorCode::Empty`]); optional free text may be
//!   `""`, but a code never may;
//! - sets of codes (`languages`, `needs`, `team`) are arrays that may hold duplicates:
//!   concurrent edits merged by Automerge can produce them, and summaries dedupe;
//! - collections (`consents`, `encounters`, `referrals`, `followups`, `case_events`,
//!   `case_goals`, a referral's `outcomes`, an outreach's `groups`) are objects keyed by a client-chosen entry id, so entries added offline on two devices both survive a merge.

use crate::Kind;
use crate::date::Date;
use crate::record;
use crate::screening::{self, Answer, RiskLevel};
use crate::vocab;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;
use std::ops::RangeInclusive;

/// Maximum length of a person's alias.
pub const ALIAS_MAX: usize = 80;
/// Maximum length of `notes`, `note` and `goals` fields.
pub const NOTES_MAX: usize = 20_000;
/// Maximum length of other free text (an override reason).
pub const TEXT_MAX: usize = 2_000;
/// Maximum length of a phone number.
pub const PHONE_MAX: usize = 40;
/// Maximum length of a team-defined code (`listening_point`) or a `text_version`.
pub const LABEL_MAX: usize = 64;
/// Maximum length of a person's name as recorded for staff (`recorded_by`,
/// `assigned_to`, each `team` member).
pub const NAME_MAX: usize = 80;
/// Maximum length of places, service names, addresses, hours, contacts, employer area.
pub const PLACE_MAX: usize = 200;
/// Maximum number of team members on an outreach session.
pub const TEAM_MAX: usize = 20;
/// Maximum number of items in a set of codes (`languages`, `needs`).
pub const CODES_MAX: usize = 100;
/// Maximum number of entries in one collection.
pub const ENTRIES_MAX: usize = 10_000;
/// Maximum people met in one outreach session (each count).
pub const PEOPLE_MAX: i64 = 10_000;
/// Maximum count of one material handed out in one session.
pub const MATERIAL_MAX: i64 = 100_000;
/// Maximum number of people linked as asking for a follow-up in one group session.
pub const FOLLOW_UP_MAX: usize = 200;
/// The largest time a step was written at (`done_at`, `withdrawn_at`), in milliseconds
/// since the epoch: 13 digits, the width of the time in an entry id.
pub const WRITTEN_AT_MAX: i64 = 9_999_999_999_999;

/// One problem found in a record: what is wrong and where, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[error("{code} at {}", if path.is_empty() { "the record" } else { path.as_str() })]
pub struct ValidationError {
    /// What is wrong.
    pub code: ErrorCode,
    /// Where: a JSON path such as `consents.c1.language` or `languages[2]`; empty for the
    /// record itself.
    pub path: String,
}

/// What is wrong with a field. Translated as the Fluent message `validation-<code>`.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// An object was expected (the record itself, a group, a collection or an entry).
    NotAnObject,
    /// A key that the format does not have.
    UnknownField,
    /// A required field is missing or `null`.
    Required,
    /// The value has the wrong JSON type (e.g. a number where text is expected, or a
    /// number with a fraction where an integer is expected).
    WrongType,
    /// Text longer than the field allows.
    TooLong,
    /// Required text is blank, or a code is `""`.
    Empty,
    /// A code that is not in the field's vocabulary.
    InvalidCode,
    /// Not a `YYYY-MM-DD` calendar date.
    InvalidDate,
    /// A number or a date's year outside the allowed range, or counts that do not add up.
    OutOfRange,
    /// A referral without a matching referral consent given on or before its date.
    ReferralWithoutConsent,
    /// A risk override without a reason.
    OverrideReasonRequired,
    /// An entry id or a record id of the wrong shape.
    InvalidId,
    /// An array or collection with more items than allowed.
    TooMany,
    /// A field that must be absent given another field (a consent destination when the
    /// purpose is not `referral`, a close reason when the case is not closed).
    NotAllowed,
    /// An edit that changes or removes an entry of the person's history (a case event,
    /// a referral outcome step, a follow-up done, a consent's withdrawal): see
    /// [`history`].
    KeptAsHistory,
    /// A time of day that is not `HH:MM` on a 24-hour clock (an appointment's `time`).
    InvalidTime,
}

impl ErrorCode {
    /// Every code, for checks that each has a translation.
    pub const ALL: [ErrorCode; 16] = [
        ErrorCode::NotAnObject,
        ErrorCode::UnknownField,
        ErrorCode::Required,
        ErrorCode::WrongType,
        ErrorCode::TooLong,
        ErrorCode::Empty,
        ErrorCode::InvalidCode,
        ErrorCode::InvalidDate,
        ErrorCode::OutOfRange,
        ErrorCode::ReferralWithoutConsent,
        ErrorCode::OverrideReasonRequired,
        ErrorCode::InvalidId,
        ErrorCode::TooMany,
        ErrorCode::NotAllowed,
        ErrorCode::KeptAsHistory,
        ErrorCode::InvalidTime,
    ];

    /// The stable kebab-case code, e.g. `"referral-without-consent"`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            ErrorCode::NotAnObject => "not-an-object",
            ErrorCode::UnknownField => "unknown-field",
            ErrorCode::Required => "required",
            ErrorCode::WrongType => "wrong-type",
            ErrorCode::TooLong => "too-long",
            ErrorCode::Empty => "empty",
            ErrorCode::InvalidCode => "invalid-code",
            ErrorCode::InvalidDate => "invalid-date",
            ErrorCode::OutOfRange => "out-of-range",
            ErrorCode::ReferralWithoutConsent => "referral-without-consent",
            ErrorCode::OverrideReasonRequired => "override-reason-required",
            ErrorCode::InvalidId => "invalid-id",
            ErrorCode::TooMany => "too-many",
            ErrorCode::NotAllowed => "not-allowed",
            ErrorCode::KeptAsHistory => "kept-as-history",
            ErrorCode::InvalidTime => "invalid-time",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entry id: 1 to 64 characters of `[A-Za-z0-9_-]`, chosen by the client that adds the
/// entry (e.g. a random or time-based id, so two devices never pick the same one).
pub fn is_entry_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A record id as other records refer to it (`outreach_id`, `service_id`, `place_id`): 32 lowercase
/// hexadecimal digits.
pub fn is_record_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Validates a record of `kind`. `Ok` or every error found, sorted by path.
pub fn validate(kind: Kind, record: &Value) -> Result<(), Vec<ValidationError>> {
    run(kind, record, None, None)
}

/// Like [`validate`], and also checks fields against today's date: a year of birth may
/// not be after `today`'s year.
pub fn validate_on(kind: Kind, record: &Value, today: Date) -> Result<(), Vec<ValidationError>> {
    run(kind, record, None, Some(today))
}

/// Checks only the shape of a record of `kind`, with [`validate`]'s own field rules:
/// no key the format does not have, the right JSON types, entry ids of the right form
/// (the problems [`is_structural`] keeps). `Ok` or every such problem, sorted by path.
///
/// What a device checks on a record after merging other devices' changes. Merging two
/// devices' valid edits can break rules between fields (an entry edited on one device
/// and deleted on the other loses its required fields; two counts raised apart exceed
/// their total) and limits (two appends to a long note; two codes added to an almost
/// full set), so those are left to [`validate`]: refusing such a change would also
/// strand every later change of its author that depends on it. A merge cannot give a
/// record a key, a type or an entry id the format does not have; only a forged change
/// can. Size is bounded for the whole document instead (`ponte_doc::MAX_INFLATED`).
pub fn structure(kind: Kind, record: &Value) -> Result<(), Vec<ValidationError>> {
    run(kind, record, Some(is_structural), None)
}

/// Whether `problem` is one of shape (see [`structure`]): an object, type or entry id
/// that is wrong, or a key the format does not have (also an unknown material,
/// reported as an invalid code at `materials.*`).
pub fn is_structural(problem: &ValidationError) -> bool {
    match problem.code {
        ErrorCode::NotAnObject
        | ErrorCode::UnknownField
        | ErrorCode::WrongType
        | ErrorCode::InvalidId => true,
        // A key the format does not have is written `*` (see `unnamed`).
        ErrorCode::InvalidCode => problem.path == "*" || problem.path.ends_with(".*"),
        _ => false,
    }
}

/// Validates `record`, keeping only the problems `keep` selects (`None`: all). Rules
/// between fields whose problems `keep` drops are not run.
fn run(
    kind: Kind,
    record: &Value,
    keep: Option<fn(&ValidationError) -> bool>,
    today: Option<Date>,
) -> Result<(), Vec<ValidationError>> {
    let mut v = Validator {
        errors: Vec::new(),
        today,
        between_fields: keep.is_none(),
    };
    if let Some(obj) = v.as_object(record, "") {
        match kind {
            Kind::Person => v.person(record, obj),
            Kind::Outreach => v.outreach(obj),
            Kind::Service => v.service(obj),
            Kind::Place => v.place(obj),
            Kind::Audit => v.audit(obj),
        }
    }
    let mut errors = v.errors;
    if let Some(keep) = keep {
        errors.retain(keep);
    }
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
    errors.dedup();
    Err(errors)
}

type Obj = Map<String, Value>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
}
use Need::{Optional, Required};

/// The path of `key` inside the object at `parent`, for the format's own field names and
/// the entry ids of collections (keys not in the format go through [`unnamed`]). Keys
/// that do not look like ids are written `*`: an entry id could be anything a buggy
/// client wrote, even a name.
fn join(parent: &str, key: &str) -> String {
    let key = if is_entry_id(key) { key } else { "*" };
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// The path of a key the format does not have, inside the object at `parent`: never
/// its name (a client could put a name or a phone number there), always `*`.
fn unnamed(parent: &str) -> String {
    if parent.is_empty() {
        "*".to_owned()
    } else {
        format!("{parent}.*")
    }
}

fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

fn too_long(s: &str, max: usize) -> bool {
    // A char is at least one byte, so the count is needed only for long byte strings.
    s.len() > max && s.chars().count() > max
}

const PERSON_FIELDS: &[&str] = &[
    "alias",
    "sex",
    "birth_year",
    "nationality",
    "languages",
    "phone",
    "listening_point",
    "sector",
    "employer_area",
    "permit",
    "housing",
    "notes",
    "consents",
    "screening",
    "needs",
    "plan",
    "encounters",
    "referrals",
    "followups",
    "status",
    "created",
    "case_events",
    "case_goals",
    "place_id",
    "first_contact",
    "intake_started",
];
const PERMIT_FIELDS: &[&str] = &["status", "expiry"];
const CONSENT_FIELDS: &[&str] = &[
    "purpose",
    "destination",
    "given",
    "language",
    "text_version",
    "date",
    "recorded_by",
    "share",
    "withdrawn",
    "withdrawn_by",
    "withdrawn_at",
];
const SCREENING_FIELDS: &[&str] = &[
    screening::GROUP_603BIS,
    screening::GROUP_AGGRAVATING,
    screening::GROUP_ILO,
    screening::OVERRIDE,
];
const ITEM_FIELDS: &[&str] = &["answer", "note"];
const OVERRIDE_FIELDS: &[&str] = &["level", "reason"];
const PLAN_FIELDS: &[&str] = &["taken_in_charge", "goals", "assigned_to"];
const ENCOUNTER_FIELDS: &[&str] = &["date", "outreach_id", "listening_point", "note", "place_id"];
const REFERRAL_FIELDS: &[&str] = &[
    "destination",
    "service_id",
    "date",
    "outcome",
    "note",
    "appointment",
    "outcomes",
    "by",
];
const OUTCOME_FIELDS: &[&str] = &["date", "outcome", "note", "by"];
const CASE_EVENT_FIELDS: &[&str] = &["date", "kind", "by", "operator", "reason", "goal", "note"];
const CASE_GOAL_FIELDS: &[&str] = &["text", "state", "set", "done"];
const APPOINTMENT_FIELDS: &[&str] = &["date", "time", "ask_for", "bring"];
const FOLLOWUP_FIELDS: &[&str] = &[
    "due",
    "done",
    "note",
    "kind",
    "done_note",
    "done_by",
    "done_at",
    "referral",
];
const STATUS_FIELDS: &[&str] = &["code", "reason"];
const OUTREACH_FIELDS: &[&str] = &[
    "date",
    "listening_point",
    "place",
    "place_type",
    "outreach_type",
    "team",
    "people_met",
    "languages",
    "materials",
    "notes",
    "members",
    "nationalities",
    "groups",
    "place_id",
];
const PEOPLE_MET_FIELDS: &[&str] = &["total", "women", "men", "not_stated", "minors"];
const GROUP_FIELDS: &[&str] = &[
    "topic",
    "attendance",
    "women",
    "men",
    "minors",
    "note",
    "follow_up",
];
const SERVICE_FIELDS: &[&str] = &[
    "name",
    "type",
    "address",
    "hours",
    "languages",
    "contact",
    "consent_purpose",
    "notes",
];
const PLACE_FIELDS: &[&str] = &["name", "type", "municipality", "retired", "notes"];
/// An audit trail's fields.
const AUDIT_FIELDS: &[&str] = &["device", "rounds"];
/// The longest round of an audit trail (its text: at most 200 entries, each at most
/// about 2,100 bytes, a 1,000-byte detail whose every byte is escaped).
const AUDIT_ROUND_MAX: usize = 512 * 1024;

/// An audit action or a record kind as an audit entry names it.
pub fn is_audit_word(s: &str) -> bool {
    s.len() <= LABEL_MAX
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-')
}

/// A quick contact's fields (`first_contact`).
const FIRST_CONTACT_FIELDS: &[&str] = &[
    "date",
    "place_id",
    "language",
    "given",
    "said",
    "recontact",
    "recontact_date",
    "recontact_how",
    "by",
];

/// A time of day `HH:MM`, 24-hour clock (an appointment's `time`).
fn is_clock_time(t: &str) -> bool {
    let b = t.as_bytes();
    let two = |i: usize| -> Option<u8> {
        let (h, l) = (b.get(i)?, b.get(i + 1)?);
        (h.is_ascii_digit() && l.is_ascii_digit()).then(|| (h - b'0') * 10 + (l - b'0'))
    };
    b.len() == 5 && b[2] == b':' && two(0).is_some_and(|h| h < 24) && two(3).is_some_and(|m| m < 60)
}

fn is_answer(code: &str) -> bool {
    Answer::parse(code).is_some()
}

fn is_risk_level(code: &str) -> bool {
    RiskLevel::parse(code).is_some()
}

struct Validator {
    errors: Vec<ValidationError>,
    today: Option<Date>,
    /// Run the rules between fields (the referral consent rule, the slowest one);
    /// off for [`structure`], which keeps none of their problems.
    between_fields: bool,
}

impl Validator {
    fn err(&mut self, code: ErrorCode, path: &str) {
        self.errors.push(ValidationError {
            code,
            path: path.to_owned(),
        });
    }

    // ---- generic field readers: each reports its own errors and returns the value
    // ---- only when it is valid.

    /// The value of `key`, or `None` when it is absent or `null` (reporting `Required`
    /// if it is required).
    fn get<'a>(
        &mut self,
        obj: &'a Obj,
        path: &str,
        key: &str,
        need: Need,
    ) -> Option<(&'a Value, String)> {
        let p = join(path, key);
        match obj.get(key) {
            None | Some(Value::Null) => {
                if need == Required {
                    self.err(ErrorCode::Required, &p);
                }
                None
            }
            Some(v) => Some((v, p)),
        }
    }

    fn known_fields(&mut self, obj: &Obj, path: &str, allowed: &[&str]) {
        for key in obj.keys() {
            if !allowed.contains(&key.as_str()) {
                self.err(ErrorCode::UnknownField, &unnamed(path));
            }
        }
    }

    fn as_object<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Obj> {
        match v {
            Value::Object(o) => Some(o),
            _ => {
                self.err(ErrorCode::NotAnObject, path);
                None
            }
        }
    }

    /// A nested object with a fixed set of keys.
    fn object<'a>(
        &mut self,
        obj: &'a Obj,
        path: &str,
        key: &str,
        need: Need,
        allowed: &[&str],
    ) -> Option<(&'a Obj, String)> {
        let (v, p) = self.get(obj, path, key, need)?;
        let o = self.as_object(v, &p)?;
        self.known_fields(o, &p, allowed);
        Some((o, p))
    }

    fn as_str<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a str> {
        match v {
            Value::String(s) => Some(s),
            _ => {
                self.err(ErrorCode::WrongType, path);
                None
            }
        }
    }

    fn text_value<'a>(
        &mut self,
        v: &'a Value,
        path: &str,
        max: usize,
        nonblank: bool,
    ) -> Option<&'a str> {
        let s = self.as_str(v, path)?;
        if too_long(s, max) {
            self.err(ErrorCode::TooLong, path);
            return None;
        }
        if nonblank && s.trim().is_empty() {
            self.err(ErrorCode::Empty, path);
            return None;
        }
        Some(s)
    }

    /// Free text. Required text must not be blank; optional text may be `""`.
    fn text<'a>(
        &mut self,
        obj: &'a Obj,
        path: &str,
        key: &str,
        max: usize,
        need: Need,
    ) -> Option<&'a str> {
        let (v, p) = self.get(obj, path, key, need)?;
        self.text_value(v, &p, max, need == Required)
    }

    /// A team-defined code such as a listening point: never blank, at most
    /// [`LABEL_MAX`] characters, not checked against a list.
    fn label<'a>(&mut self, obj: &'a Obj, path: &str, key: &str, need: Need) -> Option<&'a str> {
        let (v, p) = self.get(obj, path, key, need)?;
        self.text_value(v, &p, LABEL_MAX, true)
    }

    fn code_value<'a>(
        &mut self,
        v: &'a Value,
        path: &str,
        valid: fn(&str) -> bool,
    ) -> Option<&'a str> {
        let s = self.as_str(v, path)?;
        if s.is_empty() {
            self.err(ErrorCode::Empty, path);
            None
        } else if !valid(s) {
            self.err(ErrorCode::InvalidCode, path);
            None
        } else {
            Some(s)
        }
    }

    /// A code from a vocabulary.
    fn code<'a>(
        &mut self,
        obj: &'a Obj,
        path: &str,
        key: &str,
        valid: fn(&str) -> bool,
        need: Need,
    ) -> Option<&'a str> {
        let (v, p) = self.get(obj, path, key, need)?;
        self.code_value(v, &p, valid)
    }

    /// An array of codes; duplicates allowed.
    fn codes(&mut self, obj: &Obj, path: &str, key: &str, valid: fn(&str) -> bool) {
        let Some((v, p)) = self.get(obj, path, key, Optional) else {
            return;
        };
        let Value::Array(items) = v else {
            self.err(ErrorCode::WrongType, &p);
            return;
        };
        if items.len() > CODES_MAX {
            self.err(ErrorCode::TooMany, &p);
        }
        for (i, item) in items.iter().enumerate() {
            self.code_value(item, &index(&p, i), valid);
        }
    }

    fn date(&mut self, obj: &Obj, path: &str, key: &str, need: Need) -> Option<Date> {
        let (v, p) = self.get(obj, path, key, need)?;
        let s = self.as_str(v, &p)?;
        let Some(d) = Date::parse(s) else {
            self.err(ErrorCode::InvalidDate, &p);
            return None;
        };
        if !d.in_supported_range() {
            self.err(ErrorCode::OutOfRange, &p);
            return None;
        }
        Some(d)
    }

    fn int(
        &mut self,
        obj: &Obj,
        path: &str,
        key: &str,
        range: RangeInclusive<i64>,
        need: Need,
    ) -> Option<i64> {
        let (v, p) = self.get(obj, path, key, need)?;
        self.int_value(v, &p, range)
    }

    fn int_value(&mut self, v: &Value, path: &str, range: RangeInclusive<i64>) -> Option<i64> {
        let n = match v {
            Value::Number(n) => n,
            _ => {
                self.err(ErrorCode::WrongType, path);
                return None;
            }
        };
        let Some(i) = n.as_i64() else {
            // A u64 above i64::MAX is an integer, just far too big; a float is not one.
            let code = if n.is_u64() {
                ErrorCode::OutOfRange
            } else {
                ErrorCode::WrongType
            };
            self.err(code, path);
            return None;
        };
        if !range.contains(&i) {
            self.err(ErrorCode::OutOfRange, path);
            return None;
        }
        Some(i)
    }

    fn boolean(&mut self, obj: &Obj, path: &str, key: &str, need: Need) -> Option<bool> {
        let (v, p) = self.get(obj, path, key, need)?;
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.err(ErrorCode::WrongType, &p);
                None
            }
        }
    }

    /// A record or device id (32 lowercase hex digits) in an array.
    fn record_id_value<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a str> {
        let s = self.as_str(v, path)?;
        if is_record_id(s) {
            Some(s)
        } else {
            self.err(ErrorCode::InvalidId, path);
            None
        }
    }

    fn record_id<'a>(&mut self, obj: &'a Obj, path: &str, key: &str) -> Option<&'a str> {
        let (v, p) = self.get(obj, path, key, Optional)?;
        let s = self.as_str(v, &p)?;
        if is_record_id(s) {
            Some(s)
        } else {
            self.err(ErrorCode::InvalidId, &p);
            None
        }
    }

    /// A collection: an object keyed by entry id. Returns the entries that are objects,
    /// sorted by id, with their paths; `null` entries are skipped like absent ones.
    fn collection<'a>(
        &mut self,
        obj: &'a Obj,
        path: &str,
        key: &str,
        allowed: &[&str],
    ) -> Vec<(&'a str, &'a Obj, String)> {
        let Some((v, p)) = self.get(obj, path, key, Optional) else {
            return Vec::new();
        };
        let Some(entries) = self.as_object(v, &p) else {
            return Vec::new();
        };
        if entries.len() > ENTRIES_MAX {
            self.err(ErrorCode::TooMany, &p);
        }
        let mut out = Vec::with_capacity(entries.len());
        for (id, entry) in entries {
            let ep = join(&p, id);
            if !is_entry_id(id) {
                self.err(ErrorCode::InvalidId, &ep);
            }
            if entry.is_null() {
                continue;
            }
            if let Some(e) = self.as_object(entry, &ep) {
                self.known_fields(e, &ep, allowed);
                out.push((id.as_str(), e, ep));
            }
        }
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }

    // ---- person

    fn person(&mut self, person: &Value, obj: &Obj) {
        let p = "";
        self.known_fields(obj, p, PERSON_FIELDS);
        self.text(obj, p, "alias", ALIAS_MAX, Required);
        self.code(obj, p, "sex", vocab::is_sex, Optional);
        if let Some(year) = self.int(
            obj,
            p,
            "birth_year",
            i64::from(Date::MIN_YEAR)..=i64::from(Date::MAX_YEAR),
            Optional,
        ) && self.today.is_some_and(|t| year > i64::from(t.year()))
        {
            self.err(ErrorCode::OutOfRange, "birth_year");
        }
        self.code(obj, p, "nationality", vocab::is_country, Optional);
        self.codes(obj, p, "languages", vocab::is_language_tag);
        self.text(obj, p, "phone", PHONE_MAX, Optional);
        self.label(obj, p, "listening_point", Optional);
        self.code(obj, p, "sector", vocab::is_sector, Optional);
        self.text(obj, p, "employer_area", PLACE_MAX, Optional);
        if let Some((permit, pp)) = self.object(obj, p, "permit", Optional, PERMIT_FIELDS) {
            self.code(permit, &pp, "status", vocab::is_permit_status, Optional);
            self.date(permit, &pp, "expiry", Optional);
        }
        self.code(obj, p, "housing", vocab::is_housing, Optional);
        self.text(obj, p, "notes", NOTES_MAX, Optional);
        self.consents(obj);
        self.screening(obj);
        self.codes(obj, p, "needs", vocab::is_need);
        if let Some((plan, pp)) = self.object(obj, p, "plan", Optional, PLAN_FIELDS) {
            self.date(plan, &pp, "taken_in_charge", Optional);
            self.text(plan, &pp, "goals", NOTES_MAX, Optional);
            self.text(plan, &pp, "assigned_to", NAME_MAX, Optional);
        }
        self.encounters(obj);
        self.referrals(person, obj);
        for (_, f, fp) in self.collection(obj, p, "followups", FOLLOWUP_FIELDS) {
            self.date(f, &fp, "due", Required);
            self.date(f, &fp, "done", Optional);
            self.text(f, &fp, "note", NOTES_MAX, Optional);
            self.code(f, &fp, "kind", vocab::is_followup_kind, Optional);
            self.text(f, &fp, "done_note", NOTES_MAX, Optional);
            self.text(f, &fp, "done_by", NAME_MAX, Optional);
            self.int(f, &fp, "done_at", 0..=WRITTEN_AT_MAX, Optional);
            if let Some((v, rp)) = self.get(f, &fp, "referral", Optional)
                && self.as_str(v, &rp).is_some_and(|r| !is_entry_id(r))
            {
                self.err(ErrorCode::InvalidId, &rp);
            }
        }
        if let Some((status, sp)) = self.object(obj, p, "status", Optional, STATUS_FIELDS) {
            let code = self.code(status, &sp, "code", vocab::is_person_status, Required);
            let closed = code == Some("closed");
            let need = if closed { Required } else { Optional };
            let has_reason = self
                .code(status, &sp, "reason", vocab::is_close_reason, need)
                .is_some();
            if has_reason && code.is_some() && !closed {
                self.err(ErrorCode::NotAllowed, &join(&sp, "reason"));
            }
        }
        self.date(obj, p, "created", Optional);
        self.case_history(obj);
        self.record_id(obj, p, "place_id");
        self.first_contact(obj);
    }

    /// A quick contact (`first_contact`) and the day it became an intake
    /// (`intake_started`, not before the contact).
    fn first_contact(&mut self, obj: &Obj) {
        let contact = self.object(obj, "", "first_contact", Optional, FIRST_CONTACT_FIELDS);
        let mut date = None;
        if let Some((c, cp)) = contact {
            date = self.date(c, &cp, "date", Required);
            self.record_id(c, &cp, "place_id");
            self.code(c, &cp, "language", vocab::is_language_tag, Optional);
            self.codes(c, &cp, "given", vocab::is_material);
            self.text(c, &cp, "said", NOTES_MAX, Optional);
            // Absent: not asked (a group session's follow-up may not have asked it).
            self.boolean(c, &cp, "recontact", Optional);
            // How the person agreed to be reached: only with a yes (absent or `false`:
            // `not-allowed`; a `recontact` of the wrong type is reported once, as such).
            self.codes(c, &cp, "recontact_how", vocab::is_recontact_way);
            let has_ways = c
                .get("recontact_how")
                .and_then(Value::as_array)
                .is_some_and(|ways| !ways.is_empty());
            let no_or_not_asked = c
                .get("recontact")
                .is_none_or(|v| v.is_null() || v.as_bool() == Some(false));
            if has_ways && no_or_not_asked {
                self.err(ErrorCode::NotAllowed, &join(&cp, "recontact_how"));
            }
            if let (Some(answered), Some(date)) =
                (self.date(c, &cp, "recontact_date", Optional), date)
                && answered < date
            {
                self.err(ErrorCode::OutOfRange, &join(&cp, "recontact_date"));
            }
            self.text(c, &cp, "by", NAME_MAX, Optional);
        }
        if let (Some(started), Some(date)) = (self.date(obj, "", "intake_started", Optional), date)
            && started < date
        {
            self.err(ErrorCode::OutOfRange, "intake_started");
        }
    }

    /// The case's history (`case_events`) and the plan's goals (`case_goals`).
    fn case_history(&mut self, obj: &Obj) {
        for (_, e, ep) in self.collection(obj, "", "case_events", CASE_EVENT_FIELDS) {
            self.date(e, &ep, "date", Required);
            let kind = self.code(e, &ep, "kind", vocab::is_case_event_kind, Required);
            self.text(e, &ep, "by", NAME_MAX, Optional);
            self.text(e, &ep, "operator", NAME_MAX, Optional);
            let closed = kind == Some("closed");
            let need = if closed { Required } else { Optional };
            let has_reason = self
                .code(e, &ep, "reason", vocab::is_close_reason, need)
                .is_some();
            if has_reason && kind.is_some() && !closed {
                self.err(ErrorCode::NotAllowed, &join(&ep, "reason"));
            }
            if let Some((v, gp)) = self.get(e, &ep, "goal", Optional)
                && self.as_str(v, &gp).is_some_and(|g| !is_entry_id(g))
            {
                self.err(ErrorCode::InvalidId, &gp);
            }
            self.text(e, &ep, "note", NOTES_MAX, Optional);
        }
        for (_, g, gp) in self.collection(obj, "", "case_goals", CASE_GOAL_FIELDS) {
            self.text(g, &gp, "text", TEXT_MAX, Required);
            self.code(g, &gp, "state", vocab::is_goal_state, Required);
            let set = self.date(g, &gp, "set", Optional);
            if let (Some(done), Some(set)) = (self.date(g, &gp, "done", Optional), set)
                && done < set
            {
                self.err(ErrorCode::OutOfRange, &join(&gp, "done"));
            }
        }
    }

    /// Checks the consents. Which of them cover a referral is the consent rule,
    /// [`record::has_referral_consent`], applied in [`Validator::referrals`].
    fn consents(&mut self, obj: &Obj) {
        for (_, c, cp) in self.collection(obj, "", "consents", CONSENT_FIELDS) {
            let purpose = self.code(c, &cp, "purpose", vocab::is_consent_purpose, Required);
            let is_referral = purpose == Some("referral");
            let need = if is_referral { Required } else { Optional };
            let destination = self.code(c, &cp, "destination", vocab::is_service_type, need);
            if destination.is_some() && purpose.is_some() && !is_referral {
                self.err(ErrorCode::NotAllowed, &join(&cp, "destination"));
            }
            self.boolean(c, &cp, "given", Required);
            self.code(c, &cp, "language", vocab::is_language_tag, Required);
            self.text(c, &cp, "text_version", LABEL_MAX, Optional);
            let date = self.date(c, &cp, "date", Required);
            self.text(c, &cp, "recorded_by", NAME_MAX, Optional);
            // What may be shared with the destination: referral consents only.
            if c.get("share").is_some_and(|v| !v.is_null()) && purpose.is_some() && !is_referral {
                self.err(ErrorCode::NotAllowed, &join(&cp, "share"));
            }
            self.codes(c, &cp, "share", vocab::is_share_field);
            // Withdrawn (GDPR art. 7(3)): on or after the day it was given.
            if let (Some(withdrawn), Some(date)) = (self.date(c, &cp, "withdrawn", Optional), date)
                && withdrawn < date
            {
                self.err(ErrorCode::OutOfRange, &join(&cp, "withdrawn"));
            }
            self.text(c, &cp, "withdrawn_by", NAME_MAX, Optional);
            self.int(c, &cp, "withdrawn_at", 0..=WRITTEN_AT_MAX, Optional);
        }
    }

    fn screening(&mut self, obj: &Obj) {
        let Some((s, sp)) = self.object(obj, "", "screening", Optional, SCREENING_FIELDS) else {
            return;
        };
        let groups: [(&str, &[&str]); 3] = [
            (screening::GROUP_603BIS, screening::INDICES_603BIS),
            (screening::GROUP_AGGRAVATING, screening::AGGRAVATING_603BIS),
            (screening::GROUP_ILO, screening::ILO_INDICATORS),
        ];
        for (group, ids) in groups {
            let Some((g, gp)) = self.object(s, &sp, group, Optional, ids) else {
                continue;
            };
            for &id in ids {
                if let Some((item, ip)) = self.object(g, &gp, id, Optional, ITEM_FIELDS) {
                    self.code(item, &ip, "answer", is_answer, Required);
                    self.text(item, &ip, "note", NOTES_MAX, Optional);
                }
            }
        }
        if let Some((o, op)) = self.object(s, &sp, screening::OVERRIDE, Optional, OVERRIDE_FIELDS) {
            self.code(o, &op, "level", is_risk_level, Required);
            let rp = join(&op, "reason");
            match o.get("reason") {
                None | Some(Value::Null) => self.err(ErrorCode::OverrideReasonRequired, &rp),
                Some(Value::String(r)) if r.trim().is_empty() => {
                    self.err(ErrorCode::OverrideReasonRequired, &rp);
                }
                Some(v) => {
                    self.text_value(v, &rp, TEXT_MAX, false);
                }
            }
        }
    }

    fn encounters(&mut self, obj: &Obj) {
        // Two encounters naming the same outreach session are allowed: two operators
        // logging the same meeting offline produce exactly that when their edits merge,
        // and a merged record must stay editable.
        for (_, e, ep) in self.collection(obj, "", "encounters", ENCOUNTER_FIELDS) {
            self.date(e, &ep, "date", Required);
            self.record_id(e, &ep, "outreach_id");
            self.label(e, &ep, "listening_point", Optional);
            self.text(e, &ep, "note", NOTES_MAX, Optional);
            self.record_id(e, &ep, "place_id");
        }
    }

    /// `obj` is the map of `person`, which the consent rule reads.
    fn referrals(&mut self, person: &Value, obj: &Obj) {
        for (_, r, rp) in self.collection(obj, "", "referrals", REFERRAL_FIELDS) {
            let destination = self.code(r, &rp, "destination", vocab::is_service_type, Required);
            self.record_id(r, &rp, "service_id");
            let date = self.date(r, &rp, "date", Required);
            self.code(r, &rp, "outcome", vocab::is_referral_outcome, Optional);
            self.text(r, &rp, "note", NOTES_MAX, Optional);
            self.text(r, &rp, "by", NAME_MAX, Optional);
            // The outcome's history: each step with its date; `outcome` is the current one.
            for (_, o, op) in self.collection(r, &rp, "outcomes", OUTCOME_FIELDS) {
                self.date(o, &op, "date", Required);
                self.code(o, &op, "outcome", vocab::is_referral_outcome, Required);
                self.text(o, &op, "note", NOTES_MAX, Optional);
                self.text(o, &op, "by", NAME_MAX, Optional);
            }
            if let Some((a, ap)) = self.object(r, &rp, "appointment", Optional, APPOINTMENT_FIELDS)
            {
                self.date(a, &ap, "date", Required);
                if let Some((v, tp)) = self.get(a, &ap, "time", Optional)
                    && self.as_str(v, &tp).is_some_and(|t| !is_clock_time(t))
                {
                    self.err(ErrorCode::InvalidTime, &tp);
                }
                self.text(a, &ap, "ask_for", NAME_MAX, Optional);
                self.text(a, &ap, "bring", PLACE_MAX, Optional);
            }
            // Only with consent: a given referral consent for this destination, dated on
            // or before the referral (the rule is `record::has_referral_consent`).
            if let (Some(dest), Some(date)) = (destination, date)
                && self.between_fields
                && !record::has_referral_consent(person, dest, date)
            {
                self.err(ErrorCode::ReferralWithoutConsent, &rp);
            }
        }
    }

    // ---- outreach

    fn outreach(&mut self, obj: &Obj) {
        let p = "";
        self.known_fields(obj, p, OUTREACH_FIELDS);
        self.date(obj, p, "date", Required);
        self.label(obj, p, "listening_point", Optional);
        self.text(obj, p, "place", PLACE_MAX, Optional);
        self.code(obj, p, "place_type", vocab::is_place_type, Optional);
        self.code(obj, p, "outreach_type", vocab::is_outreach_type, Required);
        if let Some((v, tp)) = self.get(obj, p, "team", Optional) {
            if let Value::Array(names) = v {
                if names.len() > TEAM_MAX {
                    self.err(ErrorCode::TooMany, &tp);
                }
                for (i, name) in names.iter().enumerate() {
                    self.text_value(name, &index(&tp, i), NAME_MAX, true);
                }
            } else {
                self.err(ErrorCode::WrongType, &tp);
            }
        }
        if let Some((m, mp)) = self.object(obj, p, "people_met", Required, PEOPLE_MET_FIELDS) {
            let range = 0..=PEOPLE_MAX;
            let total = self.int(m, &mp, "total", range.clone(), Required);
            let women = self.int(m, &mp, "women", range.clone(), Optional);
            let men = self.int(m, &mp, "men", range.clone(), Optional);
            let not_stated = self.int(m, &mp, "not_stated", range.clone(), Optional);
            let minors = self.int(m, &mp, "minors", range, Optional);
            if let Some(total) = total {
                // At most `total`: the rest of the people met were counted without
                // their sex (a total typed as one number, as before the tally).
                if women.unwrap_or(0) + men.unwrap_or(0) + not_stated.unwrap_or(0) > total {
                    self.err(ErrorCode::OutOfRange, &mp);
                }
                if minors.is_some_and(|m| m > total) {
                    self.err(ErrorCode::OutOfRange, &join(&mp, "minors"));
                }
            }
        }
        self.codes(obj, p, "languages", vocab::is_language_tag);
        if let Some((v, mp)) = self.get(obj, p, "materials", Optional)
            && let Some(materials) = self.as_object(v, &mp)
        {
            for (key, count) in materials {
                // A material code is the format's own word; any other key stays unnamed.
                let known = vocab::is_material(key);
                let kp = if known { join(&mp, key) } else { unnamed(&mp) };
                if !known {
                    self.err(ErrorCode::InvalidCode, &kp);
                }
                if !count.is_null() {
                    self.int_value(count, &kp, 0..=MATERIAL_MAX);
                }
            }
        }
        self.text(obj, p, "notes", NOTES_MAX, Optional);
        self.outreach_tally(obj);
        self.record_id(obj, p, "place_id");
    }

    /// What the outreach tally adds: the team members as device ids (`members`), the
    /// main nationalities seen (`nationalities`) and the group sessions (`groups`).
    /// Which device ids are in the team's roster, the device checks (the model has
    /// no roster); here, their shape.
    fn outreach_tally(&mut self, obj: &Obj) {
        let p = "";
        if let Some((v, mp)) = self.get(obj, p, "members", Optional) {
            if let Value::Array(ids) = v {
                if ids.len() > TEAM_MAX {
                    self.err(ErrorCode::TooMany, &mp);
                }
                for (i, id) in ids.iter().enumerate() {
                    self.record_id_value(id, &index(&mp, i));
                }
            } else {
                self.err(ErrorCode::WrongType, &mp);
            }
        }
        if let Some((v, np)) = self.get(obj, p, "nationalities", Optional)
            && let Some(seen) = self.as_object(v, &np)
        {
            for (key, count) in seen {
                // A country code is the format's own word; any other key stays unnamed.
                let known = vocab::is_country(key);
                let kp = if known { join(&np, key) } else { unnamed(&np) };
                if !known {
                    self.err(ErrorCode::InvalidCode, &kp);
                }
                if !count.is_null() {
                    self.int_value(count, &kp, 0..=PEOPLE_MAX);
                }
            }
        }
        for (_, g, gp) in self.collection(obj, p, "groups", GROUP_FIELDS) {
            self.code(g, &gp, "topic", vocab::is_group_topic, Required);
            let range = 0..=PEOPLE_MAX;
            let attendance = self.int(g, &gp, "attendance", range.clone(), Required);
            let women = self.int(g, &gp, "women", range.clone(), Optional);
            let men = self.int(g, &gp, "men", range.clone(), Optional);
            let minors = self.int(g, &gp, "minors", range, Optional);
            if let Some(attendance) = attendance {
                if women.unwrap_or(0) + men.unwrap_or(0) > attendance {
                    self.err(ErrorCode::OutOfRange, &gp);
                }
                if minors.is_some_and(|m| m > attendance) {
                    self.err(ErrorCode::OutOfRange, &join(&gp, "minors"));
                }
            }
            self.text(g, &gp, "note", NOTES_MAX, Optional);
            if let Some((v, fp)) = self.get(g, &gp, "follow_up", Optional) {
                if let Value::Array(ids) = v {
                    if ids.len() > FOLLOW_UP_MAX {
                        self.err(ErrorCode::TooMany, &fp);
                    }
                    for (i, id) in ids.iter().enumerate() {
                        self.record_id_value(id, &index(&fp, i));
                    }
                } else {
                    self.err(ErrorCode::WrongType, &fp);
                }
            }
        }
    }

    // ---- service

    fn service(&mut self, obj: &Obj) {
        let p = "";
        self.known_fields(obj, p, SERVICE_FIELDS);
        self.text(obj, p, "name", PLACE_MAX, Required);
        self.code(obj, p, "type", vocab::is_service_type, Required);
        self.text(obj, p, "address", PLACE_MAX, Optional);
        self.text(obj, p, "hours", PLACE_MAX, Optional);
        self.codes(obj, p, "languages", vocab::is_language_tag);
        self.text(obj, p, "contact", PLACE_MAX, Optional);
        self.code(
            obj,
            p,
            "consent_purpose",
            vocab::is_consent_purpose,
            Optional,
        );
        self.text(obj, p, "notes", NOTES_MAX, Optional);
    }

    // ---- place

    /// An audit trail: its device and its rounds, keyed by the number of their first
    /// entry (not bounded by [`ENTRIES_MAX`]: a trail grows for the device's life, the
    /// document's size is bounded as every record's). A round's lines are read by
    /// `ponte_store::audit_trail`; here it is text of bounded size.
    fn audit(&mut self, obj: &Obj) {
        let p = "";
        self.known_fields(obj, p, AUDIT_FIELDS);
        if let Some((v, dp)) = self.get(obj, p, "device", Required) {
            self.record_id_value(v, &dp);
        }
        let Some((v, rp)) = self.get(obj, p, "rounds", Optional) else {
            return;
        };
        let Some(rounds) = self.as_object(v, &rp) else {
            return;
        };
        for (key, round) in rounds {
            let kp = join(&rp, key);
            if !is_entry_id(key) || !key.bytes().all(|b| b.is_ascii_digit()) {
                self.err(ErrorCode::InvalidId, &kp);
            }
            self.text_value(round, &kp, AUDIT_ROUND_MAX, true);
        }
    }

    fn place(&mut self, obj: &Obj) {
        let p = "";
        self.known_fields(obj, p, PLACE_FIELDS);
        self.text(obj, p, "name", PLACE_MAX, Required);
        self.code(obj, p, "type", vocab::is_place_type, Required);
        self.text(obj, p, "municipality", PLACE_MAX, Optional);
        self.date(obj, p, "retired", Optional);
        self.text(obj, p, "notes", NOTES_MAX, Optional);
    }
}

mod history;
pub use history::history;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
