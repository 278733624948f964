//! Referral sheets and consent withdrawal: the device's side of `ponte-sheet`.
//!
//! A sheet is made from the person, their referral entry, the service that referral
//! names and the referring team this device is set up with ([`set_sender`]). The rules
//! of what a sheet may carry are `ponte-sheet`'s; here: the order of the checks (the
//! worker language before anything is decrypted), which record is missing, and the
//! audit entry. Every sheet made is audited (`referral_sheet`: referral entry, copy,
//! language, service id) before its bytes are handed back; a sheet refused for want of
//! consent is audited as `refused`. Neither entry holds record content. The front end
//! writes the file.
//!
//! Withdrawing a consent ([`withdraw_consent_by`], GDPR art. 7(3)) sets its `withdrawn`
//! date, who recorded it (`withdrawn_by`) and when it was written (`withdrawn_at`,
//! milliseconds since the epoch: the timeline orders the steps of one day by it), once:
//! referrals made under it stay on record as made, a referral dated after it is
//! refused by validation (`referral-without-consent`), and no service sheet is made
//! under it any more. A
//! second withdrawal is refused ([`ALREADY_WITHDRAWN`]) rather than moving the date,
//! and no edit may remove or change a withdrawal (`ponte_model::validate::history`):
//! a person who agrees again gives a new consent, a new entry. The person's timeline
//! shows the withdrawal (`ponte_model::case::timeline`).

use std::path::{Path, PathBuf};

use ponte_model::{Date, Kind, record};
use ponte_sheet::{Sender, SheetError};
use ponte_store::{AuditAction, RecordId, Store, StoreError, time};
use serde_json::{Value, json};

use crate::records::parse_id;
use crate::{Failure, Result};

/// The person does not exist (or the id is not a person's).
pub const UNKNOWN_PERSON: &str = "sheet-unknown-person";
/// The service the referral names does not exist.
pub const UNKNOWN_SERVICE: &str = "sheet-unknown-service";
/// The referral names no service of the directory.
pub const NO_SERVICE: &str = "sheet-no-service";
/// The referring team and its contact are not set on this device.
pub const NO_SENDER: &str = "sheet-no-sender";
/// The referring team, operator or contact is empty or too long.
pub const BAD_SENDER: &str = "sheet-bad-sender";
/// The person has no consent with that entry id.
pub const UNKNOWN_CONSENT: &str = "consent-unknown";
/// A withdrawal date that is not a date.
pub const BAD_DATE: &str = "consent-bad-date";
/// The consent is withdrawn already: a withdrawal is not moved (a new consent is a new
/// entry).
pub const ALREADY_WITHDRAWN: &str = "consent-already-withdrawn";

/// A referral without a consent covering its destination on its day (the app's
/// referral form, `case::referral_add`).
pub const CONSENT_MISSING: &str = "consent-missing";
/// A field to share that a referral consent cannot name (not one of
/// `ponte_model::vocab::SHARE_FIELDS`): `$item` its position, `$share` the code as
/// typed when it looks like a code (else `…`).
pub const BAD_SHARE: &str = "consent-bad-share";
/// A destination or fields to share on a consent that is not a referral's:
/// `$purpose`, and `$value` the destination or first field as typed (a code-like
/// value, else `…`).
pub const NOT_REFERRAL: &str = "consent-not-referral";

const SENDER: &str = "referral_sender";
/// The longest team or operator name, and contact, in characters.
pub const MAX_SENDER_CHARS: usize = 200;

impl From<SheetError> for Failure {
    fn from(e: SheetError) -> Failure {
        Failure::code(e.code())
    }
}

/// Which sheet: the service's (Italian) or the worker's copy in a worker language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient<'a> {
    /// For the receiving service, in Italian.
    Service,
    /// For the worker, in one of `ponte_i18n::WORKER_LOCALES`.
    Worker(&'a str),
}

/// A sheet made: the PDF and what it was, for the front end's answer.
#[derive(Debug, Clone)]
pub struct Made {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The language it is written in.
    pub language: &'static str,
}

/// Set the referring team, operator (optional) and contact printed on every sheet.
pub fn set_sender(
    store: &mut Store,
    team: &str,
    operator: Option<&str>,
    contact: &str,
) -> Result<()> {
    let ok = |s: &str| !s.trim().is_empty() && s.chars().count() <= MAX_SENDER_CHARS;
    let operator = operator.map(str::trim).filter(|o| !o.is_empty());
    if !ok(team) || !ok(contact) || operator.is_some_and(|o| !ok(o)) {
        return Err(Failure::code(BAD_SENDER));
    }
    let value = json!({"team": team.trim(), "operator": operator, "contact": contact.trim()});
    store.set_setting(SENDER, value.to_string().as_bytes())?;
    Ok(())
}

/// The referring team printed on sheets, if set.
pub fn sender(store: &Store) -> Option<Sender> {
    let bytes = store.setting(SENDER).ok().flatten()?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    Some(Sender {
        team: record::str_at(&v, "team")?.to_owned(),
        operator: record::str_at(&v, "operator").map(str::to_owned),
        contact: record::str_at(&v, "contact")?.to_owned(),
    })
}

/// A record of `kind`, with a missing one (or one of another kind) as `missing`.
fn load(
    store: &mut Store,
    id: &str,
    kind: Kind,
    missing: &str,
) -> Result<(ponte_store::RecordId, Value)> {
    let id = parse_id(id)?;
    match store.get(&id, Some(kind)) {
        Ok(r) => Ok((id, r.json)),
        Err(StoreError::NotFound | StoreError::WrongKind) => Err(Failure::code(missing)),
        Err(e) => Err(e.into()),
    }
}

fn today() -> Result<Date> {
    Date::parse(&time::date_of(time::now_ms())).ok_or_else(|| Failure::code(BAD_DATE))
}

/// Check the worker language of a copy (before a passphrase is asked for).
pub fn check_recipient(copy: Recipient<'_>) -> Result<()> {
    match copy {
        Recipient::Worker(lang) if !ponte_i18n::WORKER_LOCALES.contains(&lang) => {
            Err(SheetError::BadLanguage.into())
        }
        _ => Ok(()),
    }
}

/// Make the referral sheet `copy` for referral entry `referral` of `person`, and audit
/// it. The worker language is checked first, then the sender, then the records.
pub fn sheet(store: &mut Store, person: &str, referral: &str, copy: Recipient<'_>) -> Result<Made> {
    check_recipient(copy)?;
    crate::roles::require(
        store,
        crate::roles::Action::ReferralSheet,
        &format!("person={} referral={}", person.trim(), referral.trim()),
    )?;
    let from = sender(store).ok_or_else(|| Failure::code(NO_SENDER))?;
    let (person_id, p) = load(store, person, Kind::Person, UNKNOWN_PERSON)?;
    let entry = record::entries(&p, "referrals")
        .into_iter()
        .find(|(id, _)| *id == referral)
        .map(|(_, e)| e)
        .ok_or(SheetError::UnknownReferral)?;
    let service_id =
        record::str_at(entry, "service_id").ok_or_else(|| Failure::code(NO_SERVICE))?;
    let (service_id, service) = load(store, service_id, Kind::Service, UNKNOWN_SERVICE)?;
    let (name, made) = match copy {
        Recipient::Service => (
            "service",
            ponte_sheet::service_sheet(&p, referral, &service, &from, today()?),
        ),
        Recipient::Worker(lang) => (
            "worker",
            ponte_sheet::worker_copy(&p, referral, &service, &from, lang),
        ),
    };
    let sheet = match made {
        Ok(sheet) => sheet,
        Err(e @ (SheetError::NoConsent | SheetError::ConsentWithdrawn)) => {
            store.audit_record(
                AuditAction::Refused,
                Kind::Person,
                &person_id,
                &format!(
                    "referral-sheet referral={referral} copy={name} reason={}",
                    e.code()
                ),
            )?;
            return Err(e.into());
        }
        Err(e) => return Err(e.into()),
    };
    let pdf = ponte_sheet::pdf::render(&sheet)?;
    store.audit_record(
        AuditAction::ReferralSheet,
        Kind::Person,
        &person_id,
        &format!(
            "referral-sheet referral={referral} copy={name} language={} service={}",
            sheet.locale,
            service_id.to_hex()
        ),
    )?;
    Ok(Made {
        pdf,
        language: sheet.locale,
    })
}

/// Withdraw consent entry `consent` of `person` on `date` (`YYYY-MM-DD`; today when
/// `None`), recorded by this device's name in its team (if any): [`withdraw_consent_by`].
pub fn withdraw_consent(
    store: &mut Store,
    person: &str,
    consent: &str,
    date: Option<&str>,
) -> Result<Date> {
    withdraw_consent_by(store, person, consent, date, None)
}

/// Withdraw consent entry `consent` of `person` on `date` (`YYYY-MM-DD`; today when
/// `None`), recorded by `by` (default: this device's name in its team; outside a team
/// nobody is named). Refused when the consent is withdrawn already
/// ([`ALREADY_WITHDRAWN`]), and by validation when the date is before the consent was
/// given, or before a referral already made under it (`referral-without-consent`): a
/// withdrawal cannot undo what was done while the consent held. The check and the
/// write are one transaction.
pub fn withdraw_consent_by(
    store: &mut Store,
    person: &str,
    consent: &str,
    date: Option<&str>,
    by: Option<&str>,
) -> Result<Date> {
    let date = match date {
        Some(d) => Date::parse(d.trim()).ok_or_else(|| Failure::code(BAD_DATE))?,
        None => today()?,
    };
    let by = crate::case::who_if_known(store, by)?;
    let id = parse_id(person)?;
    let missing = [StoreError::NotFound.code(), StoreError::WrongKind.code()];
    store
        .edit_with(&id, Some(Kind::Person), |p| {
            let (_, c) = record::entries(p, "consents")
                .into_iter()
                .find(|(c, _)| *c == consent)
                .ok_or_else(|| Failure::code(UNKNOWN_CONSENT))?;
            if record::at(c, "withdrawn").is_some() {
                return Err(Failure::code(ALREADY_WITHDRAWN));
            }
            let mut withdrawal = json!({
                "withdrawn": date.to_string(),
                "withdrawn_at": time::now_ms().max(0),
            });
            if let Some(by) = &by {
                withdrawal["withdrawn_by"] = json!(by);
            }
            Ok(json!({"consents": {consent: withdrawal}}))
        })
        .map_err(|f: Failure| {
            if missing.contains(&f.as_code()) {
                Failure::code(UNKNOWN_PERSON)
            } else {
                f
            }
        })?;
    Ok(date)
}

/// A consent as the screens take it: what for, where to (a referral consent), the
/// worker language it was read in, and for a referral what the person agrees to share
/// beyond the name and languages every sheet carries.
#[derive(Debug, Clone, Default)]
pub struct NewConsent<'a> {
    /// `intake` or `referral` (`consent_purposes`).
    pub purpose: &'a str,
    /// A referral consent's destination (`service_types` code).
    pub destination: Option<&'a str>,
    /// The worker language the consent text was read in.
    pub language: &'a str,
    /// For a referral: the fields of `ponte_model::vocab::SHARE_FIELDS` ticked.
    pub share: &'a [String],
}

/// The version of the consent text a purpose's consent was given on (the text the
/// screens show); `None` for a purpose no screen asks.
pub fn consent_text_version(purpose: &str) -> Option<&'static str> {
    match purpose {
        "intake" => Some("consent-intake-v1"),
        "referral" => Some("consent-referral-v1"),
        _ => None,
    }
}

/// What every referral sheet carries, shared or not.
const ALWAYS_SHARED: [&str; 2] = ["alias", "languages"];

/// Record a consent given today; answers its entry id. A referral consent shares the
/// name and languages and the fields ticked, in the order of
/// `ponte_model::vocab::SHARE_FIELDS`; a field not of that list is refused
/// ([`BAD_SHARE`]), and so is a destination or a field to share on any other consent
/// ([`NOT_REFERRAL`]). A purpose no screen asks is `usage`; the rest (a referral
/// consent without a destination, a language) is validation's. A refused consent
/// writes nothing.
pub fn consent_add(store: &mut Store, person: &str, c: &NewConsent<'_>) -> Result<String> {
    let (entry, consent) = consent_entry(c)?;
    crate::case::step_edit(store, person, |_| {
        Ok(json!({"consents": {&entry: consent}}))
    })?;
    Ok(entry)
}

/// A new person whose interview starts with the intake consent, given in `language`
/// before the record existed: the person and the consent written together (one
/// change, so no person is ever stored without the consent it was interviewed
/// under); answers its id.
pub fn intake_create(store: &mut Store, fields: &Value, language: &str) -> Result<RecordId> {
    let (entry, consent) = consent_entry(&NewConsent {
        purpose: "intake",
        destination: None,
        language,
        share: &[],
    })?;
    let mut fields = fields.clone();
    let Some(map) = fields.as_object_mut() else {
        return Err(Failure::code(crate::failure::USAGE));
    };
    let consents = map.entry("consents").or_insert_with(|| json!({}));
    let Some(consents) = consents.as_object_mut() else {
        return Err(Failure::code(crate::failure::USAGE));
    };
    consents.insert(entry, consent);
    crate::records::create(store, Kind::Person, &fields)
}

/// A code as typed, to be named in an error: itself when it looks like a code (a
/// short run of letters, digits, `_` and `-`), else `…` (never anything else typed).
fn typed_code(value: &str) -> String {
    let value = value.trim();
    let code_like = !value.is_empty()
        && value.chars().count() <= 40
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if code_like {
        value.to_owned()
    } else {
        "…".to_owned()
    }
}

/// The fields to share as typed, blank ones left out.
fn share_typed<'a>(c: &'a NewConsent<'_>) -> impl Iterator<Item = &'a str> {
    c.share.iter().map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// What a consent names beyond its purpose and language: a destination and fields to
/// share only on a referral consent ([`NOT_REFERRAL`]), and only fields a referral
/// may share ([`BAD_SHARE`]).
fn check_consent(c: &NewConsent<'_>) -> Result<()> {
    if c.purpose != "referral" {
        let extra = c
            .destination
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .or_else(|| share_typed(c).next());
        if let Some(extra) = extra {
            return Err(Failure::with_args(
                NOT_REFERRAL,
                &[
                    ("purpose", typed_code(c.purpose)),
                    ("value", typed_code(extra)),
                ],
            ));
        }
        return Ok(());
    }
    let bad = c
        .share
        .iter()
        .map(|s| s.trim())
        .enumerate()
        .find(|(_, s)| !s.is_empty() && !ponte_model::vocab::is_share_field(s));
    if let Some((n, share)) = bad {
        return Err(Failure::with_args(
            BAD_SHARE,
            &[("item", (n + 1).to_string()), ("share", typed_code(share))],
        ));
    }
    Ok(())
}

/// A consent given today, as [`consent_add`] writes it: its entry id and fields.
fn consent_entry(c: &NewConsent<'_>) -> Result<(String, Value)> {
    let version =
        consent_text_version(c.purpose).ok_or_else(|| Failure::code(crate::failure::USAGE))?;
    check_consent(c)?;
    let today = today()?;
    let entry = crate::case::new_entry("c")?;
    let mut consent = json!({
        "purpose": c.purpose,
        "given": true,
        "language": c.language.trim(),
        "text_version": version,
        "date": today.to_string(),
    });
    if c.purpose == "referral" {
        if let Some(destination) = c.destination {
            consent["destination"] = json!(destination.trim());
        }
        let shared: Vec<&str> = ALWAYS_SHARED
            .into_iter()
            .chain(
                ponte_model::vocab::SHARE_FIELDS
                    .iter()
                    .copied()
                    .filter(|f| !ALWAYS_SHARED.contains(f) && share_typed(c).any(|s| s == *f)),
            )
            .collect();
        consent["share"] = json!(shared);
    }
    Ok((entry, consent))
}

/// The folder a sheet for `out` goes into: its parent, or the working folder; a
/// folder that does not exist is the `write-output` error, before anything is done.
pub fn sheet_dir(out: &Path) -> Result<PathBuf> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(Failure::code(crate::failure::WRITE_OUTPUT))
    }
}

/// Where a front end's sheet goes in the exports folder `dir` (the app's: it names no
/// path): `ponte-sheet-<service|worker>-<language>-<n>.pdf`, with the first number `n`
/// not taken. The name carries no personal data, no record id and no date: the copy,
/// the language and a number.
pub fn sheet_path(dir: &Path, copy: Recipient<'_>, language: &str) -> Result<PathBuf> {
    let which = match copy {
        Recipient::Service => "service",
        Recipient::Worker(_) => "worker",
    };
    (1..=u32::MAX)
        .map(|n| dir.join(format!("ponte-sheet-{which}-{language}-{n}.pdf")))
        .find(|p| !p.exists())
        .ok_or_else(|| Failure::code(crate::failure::WRITE_OUTPUT))
}

/// Write a sheet's `bytes` to `out`: through a temporary file beside it, synced, then
/// renamed, mode 0600 where there are modes (a sheet holds personal data). Nothing is
/// left at `out` or beside it when it fails.
pub fn write_sheet(out: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let failed = || Failure::code(crate::failure::WRITE_OUTPUT);
    let dir = sheet_dir(out)?;
    let tmp = dir.join(format!(".ponte-sheet-{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if written.and_then(|()| std::fs::rename(&tmp, out)).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return Err(failed());
    }
    Ok(())
}
