//! The duress passphrase: a second passphrase that, entered at unlock, destroys the
//! real store and opens a fresh, empty one in its place.
//!
//! Every store keeps a verifier in `meta`, whether or not a duress passphrase was
//! set: `duress_salt` (16 random bytes, kept for the row's shape) and `duress_check`
//! (32 random bytes sealed with AES-256-GCM, aad = `ponte/duress/v1` and the device
//! id). [`Store::set_duress`] seals it with the key PBKDF2 derives from the duress
//! passphrase with the store's own salt and round count; `init` seals it with a random
//! key nobody knows. The two look the same: same rows, same sizes, random bytes either
//! way, so nothing in the file tells a store with a duress passphrase from one without.
//!
//! [`Store::open`] derives one key from what was typed (`keys::unlock`). If it opens
//! the master key, that is a normal unlock. Else, if it opens `duress_check`
//! ([`check`]), the store is destroyed the way a panic wipe does it
//! ([`crate::panic::destroy`]: key material first, then the files, the attempt
//! counter's file with them) and a new store is made in the same home ([`replace`]):
//! new device id, master key, team and device keys, no team, no record, no audit entry,
//! the attempt counter at zero. Its passphrase is the one just typed: the key already
//! derived wraps its master key, with the same salt, so an unlock costs one derivation
//! whichever passphrase was typed. Nothing is audited.
//!
//! The verifier's sealed value is the store's duress kit key once a duress passphrase
//! is set (`duress_kit`): the duress unlock opens the kit with it and carries it into
//! the new store, for the "duress used" notice to the supervisor.
//!
//! What this does not hide: someone holding a copy of the files from before the duress
//! unlock and one from after sees a new device id (the store was replaced, as after a
//! panic wipe and a new `init`) with the old store's KDF salt (it was replaced
//! through the duress passphrase). Someone with only the files as they are afterwards
//! sees a new store.

use ponte_crypto::{self as crypto, SecretKey};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use zeroize::Zeroizing;

use crate::aad::master_aad;
use crate::duress_kit;
use crate::keys::{self, Keys};
use crate::schema::{get_meta, put_meta};
use crate::{Result, Store, StoreError};

/// `meta` key of the verifier's KDF salt.
pub(crate) const SALT_KEY: &str = "duress_salt";
/// `meta` key of the sealed check value.
pub(crate) const CHECK_KEY: &str = "duress_check";
/// Bytes of the random value sealed in the check.
const CHECK_LEN: usize = 32;

fn check_aad(device_id: &[u8; 16]) -> Vec<u8> {
    [b"ponte/duress/v1".as_slice(), device_id].concat()
}

/// Writes the verifier, sealed with `key` (random at `init`, the duress passphrase's
/// key after [`Store::set_duress`]); its value is the kit key (`duress_kit`) after
/// [`Store::set_duress`], random bytes before.
fn put_verifier(
    conn: &Connection,
    device_id: &[u8; 16],
    salt: &[u8; crypto::SALT_LEN],
    key: &SecretKey,
    value: &[u8; CHECK_LEN],
) -> Result<()> {
    let sealed = crypto::seal(key, &check_aad(device_id), value.as_slice())?;
    put_meta(conn, SALT_KEY, salt)?;
    put_meta(conn, CHECK_KEY, &sealed)?;
    Ok(())
}

/// The verifier of a store without a duress passphrase: a random salt and a random
/// value sealed with a random key that is then dropped.
pub(crate) fn put_dummy(conn: &Connection, device_id: &[u8; 16]) -> Result<()> {
    let salt: [u8; crypto::SALT_LEN] = crypto::random_array()?;
    let value: Zeroizing<[u8; CHECK_LEN]> = Zeroizing::new(crypto::random_array()?);
    put_verifier(conn, device_id, &salt, &SecretKey::generate()?, &value)
}

/// Whether `conn`'s store has a verifier (stores made before it existed do not; they
/// get a dummy one at their next unlock).
pub(crate) fn has_verifier(conn: &Connection) -> bool {
    get_meta(conn, SALT_KEY).is_ok() && get_meta(conn, CHECK_KEY).is_ok()
}

/// What the second derivation of a typed passphrase found.
pub(crate) struct Candidate {
    salt: [u8; crypto::SALT_LEN],
    key: SecretKey,
    iterations: u32,
    matched: bool,
    /// The old store's duress kit, opened with the verifier's value (`duress_kit`).
    kit: Option<Zeroizing<Vec<u8>>>,
}

impl Candidate {
    /// The passphrase is the store's duress passphrase.
    pub(crate) fn matched(&self) -> bool {
        self.matched
    }
}

/// Checks the key derived from a typed passphrase (with the store's own salt and round
/// count, the one derivation of every unlock) against the duress verifier. The real
/// passphrase and the duress one cost the same single derivation, so the time of an
/// unlock does not tell which was typed. A store without a duress passphrase has a
/// verifier nothing matches.
pub(crate) fn check(
    conn: &Connection,
    device_id: &[u8; 16],
    key: SecretKey,
    salt: [u8; crypto::SALT_LEN],
    iterations: u32,
) -> Candidate {
    let value: Option<Zeroizing<[u8; CHECK_LEN]>> = get_meta(conn, CHECK_KEY)
        .ok()
        .and_then(|sealed| crypto::open(&key, &check_aad(device_id), &sealed).ok())
        .and_then(|value| value.as_slice().try_into().ok().map(Zeroizing::new));
    let kit = value
        .as_ref()
        .and_then(|value| duress_kit::open_kit(conn, device_id, value));
    Candidate {
        salt,
        key,
        iterations,
        matched: value.is_some(),
        kit,
    }
}

/// After the store in `home` was destroyed: a new store there whose passphrase is the
/// duress passphrase (its key and salt reused from `candidate`), opened, holding the
/// old store's duress kit (if it had one) as its pending notice, with the time
/// (`duress_kit`).
pub(crate) fn replace(home: &Path, candidate: Candidate) -> Result<(Connection, [u8; 16], Keys)> {
    let Candidate {
        salt,
        key,
        iterations,
        kit,
        ..
    } = candidate;
    let at = crate::time::now_ms();
    let (device_id, keys) = Store::create_file(home, |tx| {
        let (device_id, keys) = keys::write_keyring(tx, &salt, &key, iterations)?;
        if let Some(kit) = &kit {
            duress_kit::put_notice(tx, &device_id, &keys.master, Some((kit.as_slice(), at)))?;
        }
        Ok((device_id, keys))
    })?;
    drop(kit);
    let conn = Store::connect(home)?;
    conn.execute_batch("PRAGMA journal_mode = WAL;")?;
    crate::unlock::reset_counter(&conn, home)?;
    Ok((conn, device_id, keys))
}

impl Store {
    /// Sets (or replaces) this device's duress passphrase: entered at unlock, it
    /// destroys this store and opens an empty new one (see the module docs). Refused
    /// when shorter than the passphrase rule allows
    /// ([`StoreError::PassphraseTooShort`]) or when it is the store's passphrase
    /// ([`StoreError::DuressSameAsPassphrase`]: checked by deriving it with the real
    /// salt, the passphrase itself is never kept). Nothing is audited: the log is
    /// readable by whoever unlocks with the real passphrase, perhaps under threat.
    pub fn set_duress(&mut self, duress: &str) -> Result<()> {
        keys::check_passphrase(duress)?;
        let iterations = keys::stored_iterations(&self.conn)?;
        let salt: [u8; crypto::SALT_LEN] = get_meta(&self.conn, "kdf_salt")?
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        let wrapped_master = get_meta(&self.conn, "master_key")?;
        let real = crypto::derive_kek(duress.as_bytes(), &salt, iterations)
            .map_err(|_| StoreError::Corrupt)?;
        if crypto::unwrap_key(&real, &master_aad(&self.device_id), &wrapped_master).is_ok() {
            return Err(StoreError::DuressSameAsPassphrase);
        }
        // The verifier is sealed with the duress passphrase's key under the store's own
        // salt: unlocking derives once and checks both. `duress_salt` stays random (the
        // row keeps its shape; no derivation uses it any more).
        let duress_salt: [u8; crypto::SALT_LEN] = crypto::random_array()?;
        // Its value is the kit key: the duress unlock opens the kit with it.
        let kit_key = self.duress_kit_key()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        put_verifier(&tx, &self.device_id, &duress_salt, &real, kit_key.expose())?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const PASS: &str = "correct horse battery";
    const DURESS: &str = "blue umbrella morning";

    fn verifier(home: &Path) -> (Vec<u8>, Vec<u8>) {
        let conn = Connection::open(Store::db_path(home)).unwrap();
        (
            get_meta(&conn, SALT_KEY).unwrap(),
            get_meta(&conn, CHECK_KEY).unwrap(),
        )
    }

    #[test]
    fn every_store_has_a_verifier_of_the_same_shape() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        let (salt, check) = verifier(home);
        assert_eq!(salt.len(), crypto::SALT_LEN);
        store.set_duress(DURESS).unwrap();
        let (new_salt, new_check) = verifier(home);
        assert_eq!(new_salt.len(), salt.len());
        assert_eq!(new_check.len(), check.len());
        assert_ne!(new_salt, salt);
        assert_ne!(new_check, check);
    }

    /// What an unlock typing `typed` finds: the one derivation, then the check.
    fn derive(conn: &Connection, id: &[u8; 16], typed: &str, iterations: u32) -> Result<Candidate> {
        let salt: [u8; crypto::SALT_LEN] = get_meta(conn, "kdf_salt")?
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        let key = crypto::derive_kek(typed.as_bytes(), &salt, iterations)
            .map_err(|_| StoreError::Corrupt)?;
        Ok(check(conn, id, key, salt, iterations))
    }

    #[test]
    fn only_the_set_passphrase_matches_and_the_real_one_or_a_short_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        let iterations = keys::stored_iterations(&store.conn).unwrap();
        let id = store.device_id;
        // The dummy verifier matches nothing.
        for typed in [PASS, DURESS] {
            assert!(
                !derive(&store.conn, &id, typed, iterations)
                    .unwrap()
                    .matched()
            );
        }
        assert!(matches!(
            store.set_duress(PASS),
            Err(StoreError::DuressSameAsPassphrase)
        ));
        assert!(matches!(
            store.set_duress("short"),
            Err(StoreError::PassphraseTooShort { .. })
        ));
        store.set_duress(DURESS).unwrap();
        assert!(
            derive(&store.conn, &id, DURESS, iterations)
                .unwrap()
                .matched()
        );
        assert!(
            !derive(&store.conn, &id, PASS, iterations)
                .unwrap()
                .matched()
        );
        assert!(
            !derive(&store.conn, &id, "blue umbrella evening", iterations)
                .unwrap()
                .matched()
        );
        // Bound to the device id: the same bytes under another id match nothing.
        assert!(
            !derive(&store.conn, &[0; 16], DURESS, iterations)
                .unwrap()
                .matched()
        );
    }

    #[test]
    fn the_duress_passphrase_replaces_the_store_with_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        let old_id = store.device_id();
        store.set_duress(DURESS).unwrap();
        drop(store);
        let fresh = Store::open(home, DURESS).unwrap();
        assert_ne!(fresh.device_id(), old_id);
        assert!(fresh.audit_log().unwrap().is_empty());
        drop(fresh);
        // The fresh store opens again with the duress passphrase, now its own, and
        // counts the real one as a wrong passphrase.
        drop(Store::open(home, DURESS).unwrap());
        assert!(matches!(
            Store::open(home, PASS),
            Err(StoreError::WrongPassphrase)
        ));
        // It has a dummy verifier of its own: the duress passphrase is no longer one.
        let conn = Connection::open(Store::db_path(home)).unwrap();
        assert!(has_verifier(&conn));
    }

    #[test]
    fn a_store_made_before_the_verifier_gets_one_at_its_next_unlock() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        drop(Store::init(home, PASS, &Default::default()).unwrap());
        let conn = Connection::open(Store::db_path(home)).unwrap();
        conn.execute(
            "DELETE FROM meta WHERE key IN (?1, ?2)",
            [SALT_KEY, CHECK_KEY],
        )
        .unwrap();
        drop(conn);
        assert!(matches!(
            Store::open(home, DURESS),
            Err(StoreError::WrongPassphrase)
        ));
        drop(Store::open(home, PASS).unwrap());
        let conn = Connection::open(Store::db_path(home)).unwrap();
        assert!(has_verifier(&conn));
    }
}
