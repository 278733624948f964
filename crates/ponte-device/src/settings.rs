//! Device settings kept sealed in the store.

use ponte_store::Store;

use crate::Result;

const LISTENING_POINT: &str = "listening_point";

/// Today's place (the record id of a place of the team's list), if one was chosen. A
/// device set up before places were a list may still hold a typed label here; the
/// writers resolve it by name (`todays_place`).
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

/// The id of today's place, for a new record or entry: the chosen place when it is
/// still in use (a label kept from before places were a list resolved by its name), or
/// `None` when none was chosen or it is no longer on the list.
pub(crate) fn todays_place(store: &mut Store) -> Option<String> {
    let point = listening_point(store).filter(|p| !p.trim().is_empty())?;
    crate::contact::check_place(store, &point)
        .ok()
        .map(|id| id.to_hex())
}
