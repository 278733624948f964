//! Device settings kept sealed in the store.

use ponte_store::Store;

use crate::Result;

const LISTENING_POINT: &str = "listening_point";

/// Today's place (the record id of a place of the team's list), if one was chosen. A
/// device set up before places were a list may still hold a typed label here; the
/// writers and the screens read it through [`todays_place`].
pub fn listening_point(store: &Store) -> Option<String> {
    store
        .setting(LISTENING_POINT)
        .ok()
        .flatten()
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
}

/// Choose today's place (empty: none): a place of the team's list in use, by its id or
/// its name (`place-unknown`, `place-unknown-name` or `place-retired` otherwise); its id
/// is kept.
pub fn set_listening_point(store: &mut Store, point: &str) -> Result<()> {
    let point = point.trim();
    let id = if point.is_empty() {
        String::new()
    } else {
        crate::contact::check_place(store, point)?.to_hex()
    };
    store.set_setting(LISTENING_POINT, id.as_bytes())?;
    Ok(())
}

/// The id of today's place, for a new record or entry and for the screens: the chosen
/// place when it is still in use (a label kept from before places were a list
/// resolved by its name), or `None` when none was chosen or it is no longer on the
/// list. Read from the places' summaries: nothing is decrypted or audited.
pub fn todays_place(store: &Store) -> Option<String> {
    let point = listening_point(store).filter(|p| !p.trim().is_empty())?;
    match ponte_store::RecordId::parse(point.trim()) {
        Some(id) => {
            let places = crate::place::listed(store).ok()?;
            crate::place::in_use(&places, &id).then(|| id.to_hex())
        }
        None => crate::place::named(store, &point)
            .ok()
            .map(|id| id.to_hex()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ponte_model::Kind;
    use serde_json::json;

    #[test]
    fn todays_place_is_a_place_of_the_list_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        assert_eq!(todays_place(&store), None);
        let place = json!({"name": "Borgo Hermada", "type": "pickup_point"});
        let id = crate::records::create(&mut store, Kind::Place, &place)
            .unwrap()
            .to_hex();
        // Chosen by name or id: its id is kept and given back.
        set_listening_point(&mut store, " borgo hermada ").unwrap();
        assert_eq!(listening_point(&store).as_deref(), Some(id.as_str()));
        assert_eq!(todays_place(&store).as_deref(), Some(id.as_str()));
        // A name not on the list is refused, and the choice stays as it was.
        assert!(set_listening_point(&mut store, "Latina nord").is_err());
        assert_eq!(todays_place(&store).as_deref(), Some(id.as_str()));
        // A label kept from before places were a list reads as its place.
        store
            .set_setting(LISTENING_POINT, b"BORGO HERMADA")
            .unwrap();
        assert_eq!(todays_place(&store).as_deref(), Some(id.as_str()));
        // Retired: no longer today's place.
        crate::place::retire(&mut store, &id, None).unwrap();
        assert_eq!(todays_place(&store), None);
        assert!(set_listening_point(&mut store, &id).is_err());
    }
}
