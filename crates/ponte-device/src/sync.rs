//! One sync with the team's relay, and what a device does when it was removed from its
//! team. The rule: a device wipes itself only on proof it can check, the roster signed
//! by the supervisor (and no older than the one it holds) that no longer lists it. A
//! relay that merely answers "revoked" (a breached relay, or whoever answers at its
//! address) stops the sync with `revocation-unproven` and deletes nothing.

use ponte_store::Store;
use ponte_sync::SyncError;
use ponte_sync::engine::{self, SyncReport};
use ponte_sync::notice;

use crate::{Failure, Result};

/// The code of a sync that found this device removed from its team (and wiped it).
pub const REVOKED: &str = "revoked";

/// What a front end's background round does with a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// A sync ([`sync`]): the device is in a team.
    Sync,
    /// No team, no sync; only the notice a duress unlock left waiting goes out
    /// ([`send_pending_notice`]).
    NoticeOnly,
    /// Nothing to do: no team and no notice waiting (no connection opened for nothing).
    Nothing,
}

/// What the next background round does with `store` (see [`Round`]).
pub fn round(store: &Store) -> Round {
    if crate::team::view(store).is_some() {
        Round::Sync
    } else if matches!(store.duress_notice(), Ok(Some(_))) {
        Round::NoticeOnly
    } else {
        Round::Nothing
    }
}

/// Sync once. If the supervisor's signed roster shows this device was removed from its
/// team, the store is wiped (every key, then the files) and the answer is the `revoked`
/// failure; the store handle is consumed either way, and given back after a sync that
/// did not end that way.
///
/// Before anything else, a notice a duress unlock left waiting is sent
/// ([`send_pending_notice`]); what became of it changes nothing in the answer, which on
/// such a store is the usual `no-team`. Then, on a supervisor's device, the restricted
/// records it reads are re-wrapped for supervisors named since, and its new audit
/// entries are appended to its audit trail ([`crate::audit_review::ship`]), pushed by
/// this round
/// (on a device this sync approves, once the roster it brings is in the store). After
/// a sync that ended well, the duress kit is brought up to date
/// (`ponte_sync::notice::refresh_kit`).
pub async fn sync(mut store: Store) -> (Option<Store>, Result<SyncReport>) {
    send_pending_notice(&mut store).await;
    // This device's new audit entries go into its trail, pushed by this round. A trail
    // that cannot be written (a store error) does not stop the records' sync: the
    // supervisors then see no new entries from this device.
    // On a supervisor's device, the restricted records it reads go to supervisors
    // named since they were restricted (`Store::rewrap_restricted`), in this round
    // too; a re-wrap that fails is tried again at the next round.
    let mut ship = |store: &mut Store| {
        let _ = store.rewrap_restricted();
        let _ = crate::audit_review::ship(store);
    };
    match engine::sync_prepared(&mut store, &mut ship).await {
        Ok(report) => {
            match crate::lease::record_sync(&mut store) {
                // A completed sync renews the key lease, and brings the duress kit up to
                // date (a kit that cannot be written leaves the one kept; the sync itself
                // went well).
                Ok(()) => {
                    let _ = notice::refresh_kit(&mut store);
                    (Some(store), Ok(report))
                }
                Err(e) => (Some(store), Err(e)),
            }
        }
        Err(SyncError::RemovedFromTeam) => {
            let home = store.home().to_path_buf();
            let failure = match store.wipe() {
                Ok(()) => Failure::code(REVOKED),
                Err(e) => e.into(),
            };
            // What the front end exported from the store goes with it.
            crate::panic::remove_front_end_files(&home);
            (None, Err(failure))
        }
        Err(e) => (Some(store), Err(e.into())),
    }
}

/// The device's contact with the relay on a store a duress unlock made: sends the
/// "duress used" notice it carried from the store it replaced, signed as the old
/// device and sealed to the supervisor (`ponte_sync::notice::deliver`), then destroys
/// what it kept for it; a relay out of reach leaves it for the next call. Shows nothing
/// and fails never: the screen of a store with a notice waiting must look like that of
/// any store without a team. [`sync`] calls it first; the app's background loop calls
/// it on a store without a team too (where it does not sync). Does nothing, without a
/// round trip, on a store with no notice waiting.
pub async fn send_pending_notice(store: &mut Store) {
    let _ = notice::deliver(store).await;
}
