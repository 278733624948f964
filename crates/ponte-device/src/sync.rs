//! One sync with the team's relay, and what a device does when it was removed from its
//! team. The rule: a device wipes itself only on proof it can check, the roster signed
//! by the supervisor (and no older than the one it holds) that no longer lists it. A
//! relay that merely answers "revoked" (a breached relay, or whoever answers at its
//! address) stops the sync with `revocation-unproven` and deletes nothing.

use ponte_store::Store;
use ponte_sync::SyncError;
use ponte_sync::engine::{self, SyncReport};

use crate::{Failure, Result};

/// The code of a sync that found this device removed from its team (and wiped it).
pub const REVOKED: &str = "revoked";

/// Sync once. If the supervisor's signed roster shows this device was removed from its
/// team, the store is wiped (every key, then the files) and the answer is the `revoked`
/// failure; the store handle is consumed either way, and given back after a sync that
/// did not end that way.
pub async fn sync(mut store: Store) -> (Option<Store>, Result<SyncReport>) {
    match engine::sync(&mut store).await {
        Ok(report) => match crate::lease::record_sync(&mut store) {
            // A completed sync renews the key lease.
            Ok(()) => (Some(store), Ok(report)),
            Err(e) => (Some(store), Err(e)),
        },
        Err(SyncError::RemovedFromTeam) => {
            let failure = match store.wipe() {
                Ok(()) => Failure::code(REVOKED),
                Err(e) => e.into(),
            };
            (None, Err(failure))
        }
        Err(e) => (Some(store), Err(e.into())),
    }
}
