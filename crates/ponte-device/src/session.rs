//! Creating and unlocking the encrypted store. Locking is dropping the [`Store`]: its
//! keys zeroize on drop.

use std::path::Path;

use ponte_store::{InitOptions, Store, StoreError};

use crate::Result;

/// Whether a store exists in `home`.
pub fn exists(home: &Path) -> bool {
    Store::exists(home)
}

/// Create the store in `home` (refused if one is there).
pub fn init(home: &Path, passphrase: &str) -> Result<Store> {
    if Store::exists(home) {
        return Err(StoreError::AlreadyInitialized.into());
    }
    let store = Store::init(home, passphrase, &InitOptions::default())?;
    // A store made where one expired: the note saying so is no longer true.
    crate::lease::forget(home);
    Ok(store)
}

/// Unlock the store in `home`, under the unlock attempt rule (`ponte_store::unlock`):
/// a wrong passphrase is counted, warns when few tries are left
/// (`wrong-passphrase-final-tries`), and after the third in a row the next attempt
/// waits (`unlock-delayed`); at the team's limit the store is destroyed
/// (`erased-after-failures`, also the answer afterwards). Then the key lease
/// ([`crate::lease::check`]): after expiry the store is destroyed (`lease-expired`,
/// also the answer afterwards). Whenever the store that was there is gone (destroyed
/// by one of those rules, or replaced by an empty one because the duress passphrase
/// was entered), the front end's files beside it go too
/// ([`crate::prefs::front_end_files`]: exported workbooks and referral sheets);
/// nothing tells the caller that a duress unlock happened.
pub fn unlock(home: &Path, passphrase: &str) -> Result<Store> {
    check_present(home)?;
    let before = Store::device_id_in(home);
    let opened = Store::open(home, passphrase)
        .map_err(crate::Failure::from)
        .and_then(|store| crate::lease::check(home, store));
    match &opened {
        Ok(store) if before.is_some_and(|id| id != store.device_id()) => {
            crate::panic::remove_front_end_files(home);
        }
        Err(e) if is_destroyed(e) => {
            crate::panic::remove_front_end_files(home);
        }
        _ => {}
    }
    opened
}

/// Whether `failure` says the store was destroyed by a rule of the device.
fn is_destroyed(failure: &crate::Failure) -> bool {
    matches!(
        failure.as_code(),
        "erased-after-failures" | crate::lease::LEASE_EXPIRED
    )
}

/// Set (or replace) the duress passphrase of an unlocked store
/// ([`Store::set_duress`]): refused when too short (`passphrase-too-short`) or when it
/// is the store's passphrase (`duress-same-as-passphrase`). Not audited. The duress
/// kit (what the "duress used" notice to the supervisor takes) is brought up to date
/// too (`ponte_sync::notice::refresh_kit`; every sync does it again).
pub fn set_duress(store: &mut Store, duress: &str) -> Result<()> {
    store.set_duress(duress)?;
    Ok(ponte_sync::notice::refresh_kit(store)?)
}

/// Whether there is a store to unlock in `home`, before a passphrase is asked for:
/// `erased-after-failures` where one was destroyed for too many wrong passphrases,
/// `lease-expired` where its key lease ran out, `not-initialized` where there is none.
pub fn check_present(home: &Path) -> Result<()> {
    if Store::exists(home) {
        return Ok(());
    }
    if let Some(expired) = crate::lease::expired_note(home) {
        return Err(expired);
    }
    Err(match ponte_store::unlock::erased_after(home) {
        Some(attempts) => StoreError::ErasedAfterFailures { attempts },
        None => StoreError::NotInitialized,
    }
    .into())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn init_twice_and_unlock_of_nothing_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        assert_eq!(
            unlock(&home, "correct horse battery")
                .unwrap_err()
                .as_code(),
            "not-initialized"
        );
        drop(init(&home, "correct horse battery").unwrap());
        assert_eq!(
            init(&home, "correct horse battery").unwrap_err().as_code(),
            "already-initialized"
        );
        assert_eq!(
            unlock(&home, "wrong horse battery").unwrap_err().as_code(),
            "wrong-passphrase"
        );
        unlock(&home, "correct horse battery").unwrap();
    }
}
