//! What a duress unlock carries into the new store so that the device can leave its
//! supervisor one sealed "duress used" notice (the notice itself is `ponte-sync`'s).
//!
//! Every store, from `init`, holds three things for it, whether or not a duress
//! passphrase was ever set, all the same size whatever they hold:
//!
//! - the **kit key**: 32 random bytes, a sealed keyring setting (`setting/duress-kit`,
//!   with the master key). [`Store::set_duress`] seals the same 32 bytes as the duress
//!   verifier's value, with the key the duress passphrase derives (`duress`): the
//!   real passphrase and the duress one both reach it, nothing else does.
//! - the **kit** (`meta.duress_kit`): what sending the notice takes (the device's
//!   signing key, ids, relay, the supervisor's public key: opaque bytes here, written
//!   by the device services with [`Store::set_duress_kit`]), padded to
//!   [`KIT_PADDED`] bytes and sealed with the kit key. Empty (all padding) until a
//!   member's device writes one.
//! - the **pending notice** (`meta.duress_notice`): a time and a padded kit, sealed
//!   with the master key; the time is 0 and the kit empty unless this store was made
//!   by a duress unlock, which opens the old store's kit with the verifier's value
//!   (`duress::check`) and writes it here, with the time, in the new store's creating
//!   transaction. [`Store::clear_duress_notice`] empties it once the notice is sent
//!   (or refused for good), with the WAL truncated so the old signing key is not left
//!   in an old frame.
//!
//! What a disk image shows: the same rows of the same sizes in every store. Only two
//! images of one store taken before and after can tell that the notice row was
//! rewritten (as they can tell any row was). Someone holding an image from before a
//! duress unlock *and* the duress passphrase (which an operator may be forced to give)
//! can open the kit: the device's signing key, its ids, the relay and the supervisor's
//! public key, never a team key or a record; with it they can speak to the relay as
//! that device until the supervisor revokes it, and read nothing.

use ponte_crypto::{self as crypto, SecretKey};
use rusqlite::{Connection, TransactionBehavior};
use zeroize::Zeroizing;

use crate::schema::{get_meta, put_meta};
use crate::sync::settings::seal_setting;
use crate::{Result, Store, StoreError};

/// `meta` key of the sealed kit.
const KIT_KEY: &str = "duress_kit";
/// `meta` key of the sealed pending notice.
const NOTICE_KEY: &str = "duress_notice";
/// Keyring setting holding the kit key.
const KIT_KEY_SETTING: &str = "duress-kit";
/// Bytes of a padded kit: a 4-byte length, the kit, zeros. Small enough that both rows
/// stay on `meta`'s one page, which the panic wipe overwrites in place (a `meta` row over
/// about 1,000 bytes would spill to overflow pages): a kit is about 150 bytes and the
/// relay URL.
pub const KIT_PADDED: usize = 512;
/// Largest kit [`Store::set_duress_kit`] keeps.
pub const MAX_DURESS_KIT_BYTES: usize = KIT_PADDED - 4;

fn kit_aad(device_id: &[u8; 16]) -> Vec<u8> {
    [b"ponte/duress-kit/v1".as_slice(), device_id].concat()
}

fn notice_aad(device_id: &[u8; 16]) -> Vec<u8> {
    [b"ponte/duress-notice/v1".as_slice(), device_id].concat()
}

/// `kit` padded to [`KIT_PADDED`] bytes (`None` if it does not fit).
fn pad(kit: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let len = u32::try_from(kit.len())
        .ok()
        .filter(|_| kit.len() <= MAX_DURESS_KIT_BYTES)?;
    let mut padded = Zeroizing::new(Vec::with_capacity(KIT_PADDED));
    padded.extend_from_slice(&len.to_be_bytes());
    padded.extend_from_slice(kit);
    padded.resize(KIT_PADDED, 0);
    Some(padded)
}

/// The kit inside a padded one (`None` when empty or malformed).
fn unpad(padded: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let (len, rest) = padded.split_first_chunk::<4>()?;
    let len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
    (len > 0 && len <= rest.len()).then(|| Zeroizing::new(rest[..len].to_vec()))
}

/// Writes the kit row: `kit` (empty: none) padded and sealed with `kit_key`.
fn put_kit(conn: &Connection, device_id: &[u8; 16], kit_key: &SecretKey, kit: &[u8]) -> Result<()> {
    let padded = pad(kit).ok_or(StoreError::Corrupt)?;
    put_meta(
        conn,
        KIT_KEY,
        &crypto::seal(kit_key, &kit_aad(device_id), &padded)?,
    )
}

/// Writes the pending-notice row, sealed with `master`: `carried` (the old store's
/// kit and the time of the duress unlock) or nothing.
pub(crate) fn put_notice(
    conn: &Connection,
    device_id: &[u8; 16],
    master: &SecretKey,
    carried: Option<(&[u8], i64)>,
) -> Result<()> {
    let (kit, at) = carried.unwrap_or((&[], 0));
    let padded = pad(kit).ok_or(StoreError::Corrupt)?;
    let mut plain = Zeroizing::new(Vec::with_capacity(8 + KIT_PADDED));
    plain.extend_from_slice(&at.to_be_bytes());
    plain.extend_from_slice(&padded);
    put_meta(
        conn,
        NOTICE_KEY,
        &crypto::seal(master, &notice_aad(device_id), &plain)?,
    )
}

/// A new store's rows (inside its creating transaction): a random kit key in the
/// keyring, an empty kit, no pending notice.
pub(crate) fn create(conn: &Connection, device_id: &[u8; 16], master: &SecretKey) -> Result<()> {
    let kit_key = SecretKey::generate()?;
    seal_setting(conn, master, KIT_KEY_SETTING, kit_key.expose())?;
    put_kit(conn, device_id, &kit_key, &[])?;
    put_notice(conn, device_id, master, None)
}

/// What the duress passphrase reaches in the store it destroys: the kit, opened with
/// the verifier's value (the kit key). `None` when there is none or it does not open
/// (a duress passphrase set before kits existed).
pub(crate) fn open_kit(
    conn: &Connection,
    device_id: &[u8; 16],
    kit_key: &[u8; 32],
) -> Option<Zeroizing<Vec<u8>>> {
    let sealed = get_meta(conn, KIT_KEY).ok()?;
    let key = SecretKey::from_bytes(*kit_key);
    let padded = crypto::open(&key, &kit_aad(device_id), &sealed).ok()?;
    unpad(&padded)
}

impl Store {
    /// The kit key (made now for a store older than it).
    pub(crate) fn duress_kit_key(&mut self) -> Result<SecretKey> {
        if let Some(bytes) = self.setting(KIT_KEY_SETTING)? {
            let bytes: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| StoreError::Corrupt)?;
            return Ok(SecretKey::from_bytes(bytes));
        }
        let key = SecretKey::generate()?;
        seal_setting(&self.conn, &self.keys.master, KIT_KEY_SETTING, key.expose())?;
        Ok(key)
    }

    /// Keeps `kit` (opaque bytes: what sending a duress notice takes) sealed with the
    /// kit key, replacing the one kept; an empty `kit` keeps none. Writes nothing when
    /// the same kit is kept already. Answers `false` (and keeps none) for a kit over
    /// [`MAX_DURESS_KIT_BYTES`].
    pub fn set_duress_kit(&mut self, kit: &[u8]) -> Result<bool> {
        let fits = kit.len() <= MAX_DURESS_KIT_BYTES;
        let kit = if fits { kit } else { &[] };
        let key = self.duress_kit_key()?;
        let kept = get_meta(&self.conn, KIT_KEY)
            .ok()
            .and_then(|sealed| crypto::open(&key, &kit_aad(&self.device_id), &sealed).ok())
            .map(|padded| unpad(&padded).unwrap_or_default());
        if kept.as_ref().is_some_and(|k| k.as_slice() == kit) {
            return Ok(fits);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        put_kit(&tx, &self.device_id, &key, kit)?;
        tx.commit()?;
        Ok(fits)
    }

    /// The notice a duress unlock left waiting in this store: the old store's kit and
    /// the time of the duress unlock (ms). `None` in every other store.
    pub fn duress_notice(&self) -> Result<Option<(Zeroizing<Vec<u8>>, i64)>> {
        let Ok(sealed) = get_meta(&self.conn, NOTICE_KEY) else {
            return Ok(None);
        };
        let plain = crypto::open(&self.keys.master, &notice_aad(&self.device_id), &sealed)?;
        let (at, padded) = plain.split_first_chunk::<8>().ok_or(StoreError::Corrupt)?;
        Ok(unpad(padded).map(|kit| (kit, i64::from_be_bytes(*at))))
    }

    /// Empties the pending notice (same row, same size), commits, and truncates the
    /// WAL so the kit it held is left in no old frame.
    pub fn clear_duress_notice(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        put_notice(&tx, &self.device_id, &self.keys.master, None)?;
        tx.commit()?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const PASS: &str = "correct horse battery";
    const DURESS: &str = "blue umbrella morning";
    const KIT: &[u8] = b"kit: signing key, ids, relay, supervisor key";

    fn rows(home: &std::path::Path) -> (Vec<u8>, Vec<u8>) {
        let conn = Connection::open(Store::db_path(home)).unwrap();
        (
            get_meta(&conn, KIT_KEY).unwrap(),
            get_meta(&conn, NOTICE_KEY).unwrap(),
        )
    }

    #[test]
    fn padding_round_trips_and_refuses_what_does_not_fit() {
        for kit in [&b""[..], b"x", &[7; MAX_DURESS_KIT_BYTES]] {
            let padded = pad(kit).unwrap();
            assert_eq!(padded.len(), KIT_PADDED);
            assert_eq!(unpad(&padded).unwrap_or_default().as_slice(), kit);
        }
        assert!(pad(&[7; MAX_DURESS_KIT_BYTES + 1]).is_none());
        assert!(unpad(&[0, 0, 9, 0, 1]).is_none());
    }

    #[test]
    fn every_store_has_the_rows_and_a_kit_does_not_change_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        let (kit_before, notice_before) = rows(home);
        assert!(store.duress_notice().unwrap().is_none());
        assert!(store.set_duress_kit(KIT).unwrap());
        store.set_duress(DURESS).unwrap();
        let (kit_after, notice_after) = rows(home);
        assert_eq!(kit_after.len(), kit_before.len());
        assert_ne!(kit_after, kit_before);
        assert_eq!(notice_after, notice_before);
        // The same kit again writes nothing; one too large keeps none.
        assert!(store.set_duress_kit(KIT).unwrap());
        assert_eq!(rows(home).0, kit_after);
        assert!(
            !store
                .set_duress_kit(&[1; MAX_DURESS_KIT_BYTES + 1])
                .unwrap()
        );
        assert_eq!(rows(home).0.len(), kit_before.len());
    }

    #[test]
    fn the_duress_unlock_carries_the_kit_sealed_into_the_new_store_until_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        store.set_duress_kit(KIT).unwrap();
        store.set_duress(DURESS).unwrap();
        drop(store);
        let before = crate::time::now_ms();
        let mut fresh = Store::open(home, DURESS).unwrap();
        let (kit, at) = fresh.duress_notice().unwrap().unwrap();
        assert_eq!(kit.as_slice(), KIT);
        assert!(at >= before && at <= crate::time::now_ms());
        // Not in the clear anywhere in the files.
        for file in std::fs::read_dir(home).unwrap() {
            let bytes = std::fs::read(file.unwrap().path()).unwrap();
            assert!(!bytes.windows(KIT.len()).any(|w| w == KIT));
        }
        let (_, notice) = rows(home);
        fresh.clear_duress_notice().unwrap();
        assert!(fresh.duress_notice().unwrap().is_none());
        let (_, cleared) = rows(home);
        assert_eq!(cleared.len(), notice.len());
        drop(fresh);
        // The new store has its own empty kit: a second duress-free unlock carries
        // nothing, and the real passphrase is a wrong one.
        assert!(
            Store::open(home, DURESS)
                .unwrap()
                .duress_notice()
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_kit_set_after_the_duress_passphrase_is_carried_too_and_none_without_a_kit() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        store.set_duress(DURESS).unwrap();
        drop(store);
        // No kit: the duress unlock carries nothing.
        let fresh = Store::open(home, DURESS).unwrap();
        assert!(fresh.duress_notice().unwrap().is_none());
        drop(fresh);

        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        store.set_duress(DURESS).unwrap();
        store.set_duress_kit(b"first").unwrap();
        store.set_duress_kit(KIT).unwrap();
        drop(store);
        let fresh = Store::open(home, DURESS).unwrap();
        assert_eq!(fresh.duress_notice().unwrap().unwrap().0.as_slice(), KIT);
    }
}
