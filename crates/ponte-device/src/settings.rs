//! Device settings kept sealed in the store.

use ponte_store::Store;

use crate::failure::BAD_SETTING;
use crate::{Failure, Result};

/// The longest listening-point code accepted, in characters.
pub const MAX_LISTENING_POINT_CHARS: usize = 64;
const LISTENING_POINT: &str = "listening_point";

/// Today's listening point (a team code), if one was chosen.
pub fn listening_point(store: &Store) -> Option<String> {
    store
        .setting(LISTENING_POINT)
        .ok()
        .flatten()
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
}

/// Choose today's listening point (empty: none).
pub fn set_listening_point(store: &mut Store, point: &str) -> Result<()> {
    let point = point.trim();
    if point.chars().count() > MAX_LISTENING_POINT_CHARS {
        return Err(Failure::code(BAD_SETTING));
    }
    store.set_setting(LISTENING_POINT, point.as_bytes())?;
    Ok(())
}
