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

use ponte_model::{Date, Kind};
use ponte_store::{RecordId, Store};
use serde_json::json;

use crate::case::check_date;
use crate::contact::UNKNOWN_PLACE;
use crate::records::parse_id;
use crate::{Failure, Result};

/// Edit place `id` with `patch`; a missing place (or another kind) is
/// [`UNKNOWN_PLACE`].
fn edit_place(store: &mut Store, id: &str, patch: &serde_json::Value) -> Result<RecordId> {
    let id = parse_id(id).map_err(|_| Failure::code(UNKNOWN_PLACE))?;
    store
        .edit(&id, Some(Kind::Place), patch)
        .map_err(|e| match e {
            ponte_store::StoreError::NotFound | ponte_store::StoreError::WrongKind => {
                Failure::code(UNKNOWN_PLACE)
            }
            other => other.into(),
        })?;
    Ok(id)
}

/// Retire a place from the day given (default today). Retiring a retired place moves
/// its day.
pub fn retire(store: &mut Store, id: &str, date: Option<&str>) -> Result<Date> {
    let day = check_date(date)?;
    edit_place(store, id, &json!({"retired": day.to_string()}))?;
    Ok(day)
}

/// Put a retired place back in use.
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
}
