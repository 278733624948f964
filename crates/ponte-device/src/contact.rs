//! Quick contacts: a first meeting with a worker written down in a few taps (alias or a
//! description, the place from the team's list, a language, what was handed out or
//! said, whether they agree to be contacted again and how, with their phone number
//! when the way is a call), and the day it becomes an intake.
//!
//! A quick contact is a `person` record with a `first_contact` object, so the intake
//! that may follow continues on the same record: [`intake`] writes the day it started
//! (`intake_started`) and a case event `intake_started` with who and when, and the
//! person's page and list show it as an intake from then on
//! (`ponte_model::record::stage`). The record's shape is `ponte-model`'s; here: reading
//! what was typed, the checks that need the store (the place exists and is in use),
//! and the order of the checks. Bad input writes nothing, and no error carries a value.

use ponte_model::validate::{ALIAS_MAX, PHONE_MAX};
use ponte_model::{Date, Kind, record, vocab};
use ponte_store::{RecordId, Store, StoreError};
use serde_json::{Map, Value, json};

use crate::case::check_date;
use crate::records::parse_id;
use crate::{Failure, Result};

/// The alias (or description) is empty or longer than 80 characters.
pub const BAD_ALIAS: &str = "contact-bad-alias";
/// Whether the person agrees to be contacted again was not said.
pub const NO_RECONTACT: &str = "contact-no-recontact";
/// The answer to "contacted again?" is not `yes` or `no`.
pub const BAD_RECONTACT: &str = "contact-bad-recontact";
/// The language is not a language tag of the list.
pub const BAD_LANGUAGE: &str = "contact-bad-language";
/// Something handed out that is not a material of the list (`$item`: its position).
pub const BAD_MATERIAL: &str = "contact-bad-material";
/// A way to contact the person again that is not one of the list (`$item`: its
/// position).
pub const BAD_WAY: &str = "contact-bad-way";
/// Ways to contact the person again, but the person did not agree to be contacted
/// again (answered no, or was not asked).
pub const WAY_WITHOUT_YES: &str = "contact-way-without-yes";
/// The phone number is longer than 40 characters.
pub const BAD_PHONE: &str = "contact-bad-phone";
/// A phone number, but a call or a message is not among the ways agreed.
pub const PHONE_WITHOUT_WAY: &str = "contact-phone-without-way";
/// No place of the team's list has that id.
pub const UNKNOWN_PLACE: &str = "place-unknown";
/// The place is retired: a new record may not name it (old ones still do).
pub const PLACE_RETIRED: &str = "place-retired";
/// No person with that id.
pub const UNKNOWN_PERSON: &str = "contact-unknown-person";
/// The person is already an intake (`intake_started`, or no quick contact at all).
pub const ALREADY_INTAKE: &str = "contact-already-intake";

/// Every code of this module (the locale tests check each has a message).
pub const CODES: &[&str] = &[
    BAD_ALIAS,
    NO_RECONTACT,
    BAD_RECONTACT,
    BAD_LANGUAGE,
    BAD_MATERIAL,
    BAD_WAY,
    WAY_WITHOUT_YES,
    BAD_PHONE,
    PHONE_WITHOUT_WAY,
    UNKNOWN_PLACE,
    PLACE_RETIRED,
    UNKNOWN_PERSON,
    ALREADY_INTAKE,
];

/// A quick contact as typed on a command line or a form.
#[derive(Debug, Clone, Default)]
pub struct QuickContact<'a> {
    /// The name the person gave, or a description ("man in the red cap").
    pub alias: &'a str,
    /// The place of the team's list (record id, or its name), if said.
    pub place: Option<&'a str>,
    /// The language spoken (a language tag), if said.
    pub language: Option<&'a str>,
    /// What was handed out: material codes.
    pub given: &'a [String],
    /// What was said, as a short note.
    pub said: Option<&'a str>,
    /// Agrees to be contacted again; `None` when the question was not answered (refused
    /// by [`add`]; a group session's follow-up records it as not asked).
    pub recontact: Option<bool>,
    /// How the person agreed to be contacted again: `recontact_ways` codes
    /// (`at_place`, `phone`, `mediator`, `sportello`). Only with a yes
    /// ([`WAY_WITHOUT_YES`]).
    pub recontact_how: &'a [String],
    /// The person's phone number (kept as the person's `phone`): only with the way
    /// `phone` ([`PHONE_WITHOUT_WAY`]). Blank is none.
    pub phone: Option<&'a str>,
    /// The day (`YYYY-MM-DD`); default today.
    pub date: Option<&'a str>,
    /// Who met the person; default this device's name in its team.
    pub by: Option<&'a str>,
}

impl QuickContact<'_> {
    /// The ways to contact the person again, trimmed, each once, in the order given.
    fn ways(&self) -> Vec<&str> {
        let mut ways: Vec<&str> = Vec::new();
        for way in self.recontact_how.iter().map(|w| w.trim()) {
            if !ways.contains(&way) {
                ways.push(way);
            }
        }
        ways
    }

    /// The phone number, trimmed; blank is none.
    fn phone(&self) -> Option<&str> {
        self.phone.map(str::trim).filter(|p| !p.is_empty())
    }
}

/// The answer to "may we contact you again?" as typed: `yes` or `no`.
pub fn recontact(answer: &str) -> Result<bool> {
    match answer.trim() {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(Failure::code(BAD_RECONTACT)),
    }
}

/// A place of the team's list that a new record may name: it exists, is a place, and
/// is not retired. Given by its id, or by its name (compared as every place label is:
/// `place::resolve`; no place in use of that name is `place::UNKNOWN_NAME`).
pub fn check_place(store: &mut Store, place: &str) -> Result<RecordId> {
    let Some(id) = RecordId::parse(place.trim()) else {
        return crate::place::named(store, place);
    };
    let found = store.get(&id, Some(Kind::Place)).map_err(|e| match e {
        StoreError::NotFound | StoreError::WrongKind => Failure::code(UNKNOWN_PLACE),
        other => other.into(),
    })?;
    if record::at(&found.json, "retired").is_some() {
        return Err(Failure::code(PLACE_RETIRED));
    }
    Ok(id)
}

/// What can be checked without the store, before a passphrase is asked for: alias,
/// answer, how to contact again and the phone, language, materials, who, date. Answers
/// the day.
pub fn check(c: &QuickContact<'_>) -> Result<Date> {
    check_as(c, true)
}

/// [`check`]; `answered`: the answer to "contacted again?" is required.
pub(crate) fn check_as(c: &QuickContact<'_>, answered: bool) -> Result<Date> {
    let alias = c.alias.trim();
    if alias.is_empty() || alias.chars().count() > ALIAS_MAX {
        return Err(Failure::code(BAD_ALIAS));
    }
    if answered && c.recontact.is_none() {
        return Err(Failure::code(NO_RECONTACT));
    }
    if let Some(n) = c
        .recontact_how
        .iter()
        .position(|w| !vocab::is_recontact_way(w.trim()))
    {
        return Err(Failure::with_args(
            BAD_WAY,
            &[("item", (n + 1).to_string())],
        ));
    }
    let ways = c.ways();
    if !ways.is_empty() && c.recontact != Some(true) {
        return Err(Failure::code(WAY_WITHOUT_YES));
    }
    if let Some(phone) = c.phone() {
        if phone.chars().count() > PHONE_MAX {
            return Err(Failure::code(BAD_PHONE));
        }
        if !ways.contains(&"phone") {
            return Err(Failure::code(PHONE_WITHOUT_WAY));
        }
    }
    if let Some(lang) = c.language
        && !vocab::is_language_tag(lang.trim())
    {
        return Err(Failure::code(BAD_LANGUAGE));
    }
    if let Some(n) = c.given.iter().position(|m| !vocab::is_material(m.trim())) {
        return Err(Failure::with_args(
            BAD_MATERIAL,
            &[("item", (n + 1).to_string())],
        ));
    }
    if let Some(by) = c.by {
        crate::case::check_name(by)?;
    }
    // A contact already made: not dated after today.
    crate::case::check_past_date(c.date)
}

/// Who: the name given, or this device's name in its team, or nobody (a quick contact
/// does not need it).
fn who(store: &Store, by: Option<&str>) -> Result<Option<String>> {
    match by {
        Some(name) => Ok(Some(crate::case::check_name(name)?.to_owned())),
        None => Ok(crate::team::view(store)
            .map(|t| t.device_name)
            .filter(|n| !n.trim().is_empty())),
    }
}

/// Record a quick contact: a new person with its `first_contact`, status `contacted`,
/// the place as their listening point (`place_id`), the language among theirs, the
/// phone number as theirs (`phone`), and an encounter on the day at the place. Answers
/// the new record's id. The answer to "contacted again?" is required
/// ([`NO_RECONTACT`]).
pub fn add(store: &mut Store, c: &QuickContact<'_>) -> Result<RecordId> {
    add_as(store, c, true)
}

/// [`add`]; with `answered` false, a contact whose answer to "contacted again?" is
/// `None` is recorded without one (not asked), never as a yes.
pub(crate) fn add_as(store: &mut Store, c: &QuickContact<'_>, answered: bool) -> Result<RecordId> {
    let date = check_as(c, answered)?;
    let place = match c.place {
        Some(p) => Some(check_place(store, p)?.to_hex()),
        None => None,
    };
    let by = who(store, c.by)?;
    let day = date.to_string();
    let mut first = Map::new();
    first.insert("date".into(), json!(day));
    if let Some(recontact) = c.recontact {
        first.insert("recontact".into(), json!(recontact));
        first.insert("recontact_date".into(), json!(day));
    }
    let ways = c.ways();
    if !ways.is_empty() {
        first.insert("recontact_how".into(), json!(ways));
    }
    let mut person = json!({
        "alias": c.alias.trim(),
        "created": day,
        "status": {"code": "contacted"},
    });
    let mut encounter = json!({"date": day});
    if let Some(place) = &place {
        first.insert("place_id".into(), json!(place));
        person["place_id"] = json!(place);
        encounter["place_id"] = json!(place);
    }
    if let Some(lang) = c.language.map(str::trim) {
        first.insert("language".into(), json!(lang));
        person["languages"] = json!([lang]);
    }
    if !c.given.is_empty() {
        let given: Vec<&str> = c.given.iter().map(|m| m.trim()).collect();
        first.insert("given".into(), json!(given));
    }
    if let Some(said) = c.said.filter(|s| !s.trim().is_empty()) {
        first.insert("said".into(), json!(said));
    }
    if let Some(phone) = c.phone() {
        person["phone"] = json!(phone);
    }
    if let Some(by) = by {
        first.insert("by".into(), json!(by));
    }
    person["first_contact"] = Value::Object(first);
    person["encounters"] = json!({ crate::case::new_entry("e")?: encounter });
    Ok(store.create(Kind::Person, &person)?)
}

/// Turn a quick contact into an intake: `intake_started` is the day (not before the
/// contact), a case event `intake_started` says who and when. The interview then
/// continues on the same record. Refused when the person is already an intake
/// ([`ALREADY_INTAKE`]: started before, or never a quick contact).
pub fn intake(
    store: &mut Store,
    person: &str,
    by: Option<&str>,
    date: Option<&str>,
) -> Result<Date> {
    let day = check_date(date)?;
    let id = parse_id(person)?;
    let who = who(store, by)?;
    let entry = crate::case::new_entry("ev")?;
    let missing = [StoreError::NotFound.code(), StoreError::WrongKind.code()];
    store
        .edit_with(&id, Some(Kind::Person), |p| {
            if !record::is_contact(p) {
                return Err(Failure::code(ALREADY_INTAKE));
            }
            if record::date_at(p, "first_contact.date").is_some_and(|d| day < d) {
                return Err(Failure::code(crate::case::DATE_BEFORE));
            }
            let mut event = json!({"date": day.to_string(), "kind": "intake_started"});
            if let Some(who) = &who {
                event["by"] = json!(who);
            }
            Ok(json!({
                "intake_started": day.to_string(),
                "case_events": {&entry: event},
            }))
        })
        .map_err(|f: Failure| {
            if missing.contains(&f.as_code()) {
                Failure::code(UNKNOWN_PERSON)
            } else {
                f
            }
        })?;
    Ok(day)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        (dir, store)
    }

    #[test]
    fn a_contact_becomes_an_intake_once() {
        let (_dir, mut s) = store();
        let place = s
            .create(
                Kind::Place,
                &json!({"name": "Borgo Hermada", "type": "pickup_point"}),
            )
            .unwrap()
            .to_hex();
        let given = vec!["rights_leaflet".to_owned()];
        let ways = vec![
            " phone".to_owned(),
            "at_place".to_owned(),
            "phone".to_owned(),
        ];
        let c = QuickContact {
            alias: " red cap ",
            place: Some(&place),
            language: Some("pa"),
            given: &given,
            said: Some("asked about pay"),
            recontact: Some(true),
            recontact_how: &ways,
            phone: Some(" +39 333 123 4567 "),
            date: Some("2026-11-20"),
            by: Some("Anna"),
        };
        let id = add(&mut s, &c).unwrap();
        let p = s.get(&id, Some(Kind::Person)).unwrap().json;
        assert_eq!(p["alias"], "red cap");
        assert_eq!(p["first_contact"]["place_id"], json!(place));
        assert_eq!(p["first_contact"]["recontact"], true);
        assert_eq!(
            p["first_contact"]["recontact_how"],
            json!(["phone", "at_place"]),
            "trimmed, each once"
        );
        assert_eq!(p["phone"], "+39 333 123 4567", "the person's own phone");
        assert!(p["first_contact"].get("phone").is_none());
        assert_eq!(record::stage(&p), "contact");
        let hex = id.to_hex();
        assert_eq!(
            intake(&mut s, &hex, None, Some("2026-11-19"))
                .unwrap_err()
                .as_code(),
            crate::case::DATE_BEFORE
        );
        intake(&mut s, &hex, None, Some("2026-11-21")).unwrap();
        let p = s.get(&id, Some(Kind::Person)).unwrap().json;
        assert_eq!(p["intake_started"], "2026-11-21");
        assert_eq!(record::stage(&p), "intake");
        assert_eq!(
            intake(&mut s, &hex, None, None).unwrap_err().as_code(),
            ALREADY_INTAKE
        );
    }

    #[test]
    fn bad_input_is_refused_before_anything_is_written() {
        let (_dir, mut s) = store();
        let ok = QuickContact {
            alias: "x",
            recontact: Some(false),
            ..QuickContact::default()
        };
        let bad_material = vec!["food".to_owned(), "cash".to_owned()];
        let phone = vec!["phone".to_owned()];
        let at_place = vec!["at_place".to_owned()];
        let bad_way = vec!["phone".to_owned(), "pigeon".to_owned()];
        let long_phone = "1".repeat(PHONE_MAX + 1);
        let cases: [(QuickContact<'_>, &str); 12] = [
            (
                QuickContact {
                    alias: " ",
                    ..ok.clone()
                },
                BAD_ALIAS,
            ),
            (
                QuickContact {
                    recontact: None,
                    ..ok.clone()
                },
                NO_RECONTACT,
            ),
            (
                QuickContact {
                    language: Some("xx-yy"),
                    ..ok.clone()
                },
                BAD_LANGUAGE,
            ),
            (
                QuickContact {
                    given: &bad_material,
                    ..ok.clone()
                },
                BAD_MATERIAL,
            ),
            (
                QuickContact {
                    place: Some("0123456789abcdef0123456789abcdef"),
                    ..ok.clone()
                },
                UNKNOWN_PLACE,
            ),
            (
                QuickContact {
                    place: Some("Sabaudia"),
                    ..ok.clone()
                },
                crate::place::UNKNOWN_NAME,
            ),
            (
                QuickContact {
                    recontact: Some(true),
                    recontact_how: &bad_way,
                    ..ok.clone()
                },
                BAD_WAY,
            ),
            (
                QuickContact {
                    recontact_how: &phone,
                    phone: Some("+39 333 123 4567"),
                    ..ok.clone()
                },
                WAY_WITHOUT_YES,
            ),
            (
                QuickContact {
                    recontact: None,
                    recontact_how: &at_place,
                    ..ok.clone()
                },
                NO_RECONTACT,
            ),
            (
                QuickContact {
                    recontact: Some(true),
                    recontact_how: &at_place,
                    phone: Some("+39 333 123 4567"),
                    ..ok.clone()
                },
                PHONE_WITHOUT_WAY,
            ),
            (
                QuickContact {
                    recontact: Some(true),
                    phone: Some("333"),
                    ..ok.clone()
                },
                PHONE_WITHOUT_WAY,
            ),
            (
                QuickContact {
                    recontact: Some(true),
                    recontact_how: &phone,
                    phone: Some(&long_phone),
                    ..ok.clone()
                },
                BAD_PHONE,
            ),
        ];
        for (c, code) in cases {
            let refused = add(&mut s, &c).unwrap_err();
            assert_eq!(refused.as_code(), code);
            let ipc = refused.as_ipc();
            assert!(
                ipc.args.iter().all(|(_, v)| !v.contains("333")),
                "no phone number in an error: {ipc:?}"
            );
        }
        let refused = add(
            &mut s,
            &QuickContact {
                recontact: Some(true),
                recontact_how: &bad_way,
                ..ok.clone()
            },
        )
        .unwrap_err();
        assert_eq!(refused.as_ipc().args, [("item".to_owned(), "2".to_owned())]);
        // Not asked (a group session's follow-up): no way either.
        let unasked = QuickContact {
            recontact: None,
            recontact_how: &at_place,
            ..ok.clone()
        };
        assert_eq!(
            check_as(&unasked, false).unwrap_err().as_code(),
            WAY_WITHOUT_YES
        );
        assert_eq!(recontact("maybe").unwrap_err().as_code(), BAD_RECONTACT);
        assert!(s.list(&ponte_model::Query::default()).unwrap().is_empty());
        let retired = s
            .create(
                Kind::Place,
                &json!({"name": "old", "type": "other", "retired": "2026-01-01"}),
            )
            .unwrap()
            .to_hex();
        let c = QuickContact {
            place: Some(&retired),
            ..ok
        };
        assert_eq!(add(&mut s, &c).unwrap_err().as_code(), PLACE_RETIRED);
    }
}
