//! One sync with the team's relay, and what a device does when the relay says it was
//! removed from its team.

use ponte_store::Store;
use ponte_sync::SyncError;
use ponte_sync::engine::{self, SyncReport};

use crate::Result;

/// The code of a sync that found this device removed from its team (and wiped it).
pub const REVOKED: &str = "revoked";

/// Sync once. If the relay answers that this device was removed from its team, the
/// store is wiped (every key, then the files) and the answer is the `revoked`
/// failure; the store handle is consumed either way, and given back after a sync that
/// did not end that way.
pub async fn sync(mut store: Store) -> (Option<Store>, Result<SyncReport>) {
    match engine::sync(&mut store).await {
        Ok(report) => (Some(store), Ok(report)),
        Err(SyncError::Revoked) => {
            let wiped = store.wipe();
            let failure = match wiped {
                Ok(()) => SyncError::Revoked.into(),
                Err(e) => e.into(),
            };
            (None, Err(failure))
        }
        Err(e) => (Some(store), Err(e.into())),
    }
}
