//! The team's list of places (listening points, pick-up points...): what an operator
//! does to it beyond the generic record operations (`records`: add, edit, show, list,
//! erase, import of `place` records).
//!
//! Who may change the list: as for the referral directory (`service`), any device of
//! the team adds, edits, retires and reinstates a place (each change syncs like any
//! other record); only the supervisor erases one, everywhere (the team's erase rule,
//! `records::erase`). A place no longer used is **retired**, not erased: the records
//! that name it keep resolving to its name, in lists and in reports, while new quick
//! contacts refuse it (`contact::check_place`) and the screens leave it out of their
//! pickers.
//!
//! **One name, one place.** A place in use may not have the name of another place in
//! use, compared as `ponte_model::record::label_key` does (trimmed, lowercased, spaces
//! collapsed): "Borgo Hermada" and "borgo  hermada" would split every report in two.
//! Adding, importing, renaming and reinstating a place are checked
//! ([`DUPLICATE_NAME`]); a retired place's name is free for a new one. Only a name that
//! changes, or a place coming back in use, is checked, so two places named alike
//! before this rule stay editable (retire one of them).

use ponte_model::summary::Query;
use ponte_model::{Date, Kind, record};
use ponte_store::{RecordId, Store};
use serde_json::{Value, json};

use crate::case::check_date;
use crate::contact::UNKNOWN_PLACE;
use crate::records::parse_id;
use crate::{Failure, Result};

/// A place of the team's list has that name already, and both are in use.
pub const DUPLICATE_NAME: &str = "place-duplicate-name";

/// A place of the team's list as its summary gives it (no record is decrypted).
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    /// `None`: a place an import is about to add.
    id: Option<RecordId>,
    /// Its name's [`record::label_key`].
    key: String,
    retired: bool,
}

/// Every place of the team's list, retired or not.
pub(crate) fn listed(store: &Store) -> Result<Vec<Listed>> {
    let query = Query {
        kind: Some(Kind::Place),
        ..Query::default()
    };
    Ok(store
        .list(&query)?
        .into_iter()
        .map(|l| Listed {
            id: Some(l.id),
            key: record::label_key(&l.summary.title),
            retired: l.summary.retired,
        })
        .collect())
}

/// Whether `id` is a place of `places`.
pub(crate) fn is_place(places: &[Listed], id: &RecordId) -> bool {
    places.iter().any(|p| p.id.as_ref() == Some(id))
}

/// Checks a place as it would be saved (`after`) against the places in use: `id` and
/// `before` (as it is now) are `None` for a new place. Refused ([`DUPLICATE_NAME`])
/// when it is in use and another place in use has a name with the same key; a name
/// that does not change on a place that stays in use is not checked (see the module
/// docs). A name that is missing or blank is validation's to refuse.
pub(crate) fn check_unique(
    places: &[Listed],
    id: Option<&RecordId>,
    before: Option<&Value>,
    after: &Value,
) -> Result<()> {
    let in_use = |v: &Value| record::at(v, "retired").is_none();
    let key = |v: &Value| record::str_at(v, "name").map(record::label_key);
    let Some(name) = key(after).filter(|k| !k.is_empty()) else {
        return Ok(());
    };
    if !in_use(after) || before.is_some_and(|b| in_use(b) && key(b).as_ref() == Some(&name)) {
        return Ok(());
    }
    let other = |p: &Listed| match (&p.id, id) {
        (Some(p), Some(id)) => p != id,
        _ => true,
    };
    if places
        .iter()
        .any(|p| !p.retired && other(p) && p.key == name)
    {
        return Err(Failure::code(DUPLICATE_NAME));
    }
    Ok(())
}

/// The key of a new place `fields` would take among the places in use, for an import
/// that adds several: `None` when it is retired or has no name.
pub(crate) fn listed_new(fields: &Value) -> Option<Listed> {
    let name = record::str_at(fields, "name")?;
    Some(Listed {
        id: None,
        key: record::label_key(name),
        retired: record::at(fields, "retired").is_some(),
    })
}

/// Edit place `id` with `patch`; a missing place (or another kind) is
/// [`UNKNOWN_PLACE`]. Checked like every edit of a place (`records::edit`).
fn edit_place(store: &mut Store, id: &str, patch: &serde_json::Value) -> Result<RecordId> {
    parse_id(id).map_err(|_| Failure::code(UNKNOWN_PLACE))?;
    crate::records::edit(store, id, Some(Kind::Place), patch).map_err(|e| {
        let missing = [
            ponte_store::StoreError::NotFound.code(),
            ponte_store::StoreError::WrongKind.code(),
        ];
        if missing.contains(&e.as_code()) {
            Failure::code(UNKNOWN_PLACE)
        } else {
            e
        }
    })
}

/// Retire a place from the day given (default today). Retiring a retired place moves
/// its day.
pub fn retire(store: &mut Store, id: &str, date: Option<&str>) -> Result<Date> {
    let day = check_date(date)?;
    edit_place(store, id, &json!({"retired": day.to_string()}))?;
    Ok(day)
}

/// Put a retired place back in use; refused ([`DUPLICATE_NAME`]) when a place in use
/// has its name meanwhile.
pub fn reinstate(store: &mut Store, id: &str) -> Result<()> {
    edit_place(store, id, &json!({"retired": null}))?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_retired_and_reinstated() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let id = s
            .create(
                Kind::Place,
                &json!({"name": "Sabaudia", "type": "listening_point"}),
            )
            .unwrap();
        let hex = id.to_hex();
        retire(&mut s, &hex, Some("2026-11-30")).unwrap();
        assert_eq!(s.get(&id, None).unwrap().json["retired"], "2026-11-30");
        reinstate(&mut s, &hex).unwrap();
        assert!(s.get(&id, None).unwrap().json.get("retired").is_none());
        let person = s.create(Kind::Person, &json!({"alias": "a"})).unwrap();
        for bad in [person.to_hex().as_str(), "nope"] {
            assert_eq!(
                retire(&mut s, bad, None).unwrap_err().as_code(),
                UNKNOWN_PLACE
            );
        }
    }

    #[test]
    fn two_places_in_use_never_share_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let place = |name: &str| json!({"name": name, "type": "pickup_point"});
        let add = |s: &mut Store, name: &str| crate::records::create(s, Kind::Place, &place(name));
        let first = add(&mut s, "Borgo Hermada").unwrap().to_hex();
        for same in ["borgo hermada", " BORGO   Hermada "] {
            assert_eq!(add(&mut s, same).unwrap_err().as_code(), DUPLICATE_NAME);
        }
        let other = add(&mut s, "Borgo Hermada 2").unwrap().to_hex();
        let rename = json!({"name": "borgo hermada"});
        assert_eq!(
            crate::records::edit(&mut s, &other, None, &rename)
                .unwrap_err()
                .as_code(),
            DUPLICATE_NAME
        );
        // Its own name, in another case, and its other fields: fine.
        crate::records::edit(&mut s, &first, None, &json!({"name": "BORGO HERMADA"})).unwrap();
        crate::records::edit(&mut s, &first, None, &json!({"municipality": "Terracina"})).unwrap();
        // A retired place's name is free; it comes back only under another name.
        retire(&mut s, &first, None).unwrap();
        let new = add(&mut s, "Borgo Hermada").unwrap();
        assert_eq!(
            reinstate(&mut s, &first).unwrap_err().as_code(),
            DUPLICATE_NAME
        );
        crate::records::edit(&mut s, &new.to_hex(), None, &json!({"name": "Borgo H."})).unwrap();
        reinstate(&mut s, &first).unwrap();
        // An import with two places of one name adds neither.
        let text = "{\"name\":\"Latina\",\"type\":\"pickup_point\"}\n{\"name\":\"latina \",\"type\":\"pickup_point\"}\n";
        let err = crate::records::import(&mut s, Kind::Place, text).unwrap_err();
        assert_eq!(err.as_ipc().lines.len(), 1);
        assert_eq!(err.as_ipc().lines[0].0, 2);
        assert_eq!(err.as_ipc().lines[0].1.code, DUPLICATE_NAME);
    }
}
