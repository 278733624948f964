//! The working day's PIN: an unlocked store sealed in memory under a short PIN, so that
//! a lock during the day (idle, window hidden, the worker's screen) drops the store and
//! its keys but the PIN can rebuild it until the day ends.
//!
//! How: while the store is open, [`Store::pin_key`] derives a key from the PIN
//! (PBKDF2-HMAC-SHA256, a fresh random salt, [`PIN_KDF_ITERATIONS`] rounds). At a lock,
//! [`Store::seal_under`] wraps the device master key with it (AES-256-GCM, bound to the
//! device id and the day's end) into a [`SealedStore`] and drops the store: its
//! connection closes and every key, the PIN's key included, is zeroized. Nothing is
//! written to disk: the sealed key lives only in this process, so killing the process
//! loses it (the passphrase is needed again) and there is no counter on disk to reset.
//! [`SealedStore::open`] with the right PIN unwraps the master key and rebuilds a store
//! the way [`Store::reopen`] does (a new connection, team keys read from the keyring);
//! a wrong PIN counts, and after [`PIN_TRIES`] wrong PINs, or once the day's end has
//! passed, the sealed key is destroyed: only the passphrase opens the store again.
//!
//! The trade-off (ARCHITECTURE.md, "The working day's PIN"): a PIN has little entropy.
//! Against someone holding the phone and using the app, 5 tries out of 10^6 PINs is a
//! small chance; against someone with a dump of the process's memory it is no
//! protection worth counting on (the salt and the sealed key are both in the dump, and
//! every PIN of 6 digits can be tried offline in hours on one core, minutes on a GPU).
//! The round count makes that cost what a passphrase's derivation costs, no less.

use std::path::{Path, PathBuf};

use ponte_crypto::{self as crypto, SecretKey};
use zeroize::Zeroize;

use crate::keys::{self, Keys};
use crate::schema::get_meta;
use crate::{Store, StoreError};

/// Fewest digits of a PIN.
pub const PIN_MIN_DIGITS: usize = 6;
/// Most digits of a PIN.
pub const PIN_MAX_DIGITS: usize = 12;
/// Wrong PINs in a row before the sealed key is destroyed.
pub const PIN_TRIES: u32 = 5;
/// PBKDF2 rounds of the PIN's key: the floor of the passphrase's
/// ([`ponte_crypto::PBKDF2_ITERATIONS`], about 75 ms here, a few tenths of a second on a
/// phone), paid at `set_pin` and at each PIN unlock. More would slow every reopening
/// and still not save a 6-digit PIN from a memory dump; fewer would make that dump
/// cheaper for nothing.
pub const PIN_KDF_ITERATIONS: u32 = crypto::PBKDF2_ITERATIONS;

/// Why a PIN was refused or no longer opens anything. Carries no PIN.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PinError {
    /// Fewer than [`PIN_MIN_DIGITS`] digits.
    #[error("PIN too short")]
    TooShort {
        /// The fewest digits.
        min: usize,
    },
    /// More than [`PIN_MAX_DIGITS`] digits.
    #[error("PIN too long")]
    TooLong {
        /// The most digits.
        max: usize,
    },
    /// Something other than the digits 0 to 9.
    #[error("PIN not only digits")]
    NotDigits,
    /// One digit repeated, or a run up or down (`111111`, `123456`, `987654`).
    #[error("PIN too simple")]
    TooSimple,
    /// The PIN is the store's passphrase (a memory dump would give the passphrase).
    #[error("PIN same as the passphrase")]
    SameAsPassphrase,
    /// Wrong PIN; `left` more wrong PINs are allowed.
    #[error("wrong PIN ({left} tries left)")]
    Wrong {
        /// Wrong PINs still allowed before the sealed key is destroyed.
        left: u32,
    },
    /// [`PIN_TRIES`] wrong PINs: the sealed key was destroyed; only the passphrase
    /// opens the store.
    #[error("too many wrong PINs")]
    TriesSpent,
    /// The working day is over: the sealed key was destroyed.
    #[error("PIN expired")]
    Expired,
    /// No PIN is set, or nothing is sealed under one.
    #[error("no PIN set")]
    NotSet,
    /// The store itself failed (gone, damaged).
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PinError {
    /// Stable code, translated through Fluent as `error-<code>` (a store error keeps
    /// its own code).
    pub fn code(&self) -> &'static str {
        match self {
            PinError::TooShort { .. } => "pin-too-short",
            PinError::TooLong { .. } => "pin-too-long",
            PinError::NotDigits => "pin-not-digits",
            PinError::TooSimple => "pin-too-simple",
            PinError::SameAsPassphrase => "pin-same-as-passphrase",
            PinError::Wrong { .. } => "wrong-pin",
            PinError::TriesSpent => "pin-tries-spent",
            PinError::Expired => "pin-expired",
            PinError::NotSet => "pin-not-set",
            PinError::Store(e) => e.code(),
        }
    }

    /// Every code of this module's own (the locale tests check each is translated).
    pub const CODES: &'static [&'static str] = &[
        "pin-too-short",
        "pin-too-long",
        "pin-not-digits",
        "pin-too-simple",
        "pin-same-as-passphrase",
        "wrong-pin",
        "pin-tries-spent",
        "pin-expired",
        "pin-not-set",
    ];
}

/// Checks the PIN rule: [`PIN_MIN_DIGITS`] to [`PIN_MAX_DIGITS`] ASCII digits, not one
/// digit repeated and not a run up or down by one (the PINs tried first).
pub fn check_pin(pin: &str) -> Result<(), PinError> {
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinError::NotDigits);
    }
    if pin.len() < PIN_MIN_DIGITS {
        return Err(PinError::TooShort {
            min: PIN_MIN_DIGITS,
        });
    }
    if pin.len() > PIN_MAX_DIGITS {
        return Err(PinError::TooLong {
            max: PIN_MAX_DIGITS,
        });
    }
    let digits = pin.as_bytes();
    let steps = |step: i16| {
        digits
            .windows(2)
            .all(|w| i16::from(w[1]) - i16::from(w[0]) == step)
    };
    if steps(0) || steps(1) || steps(-1) {
        return Err(PinError::TooSimple);
    }
    Ok(())
}

/// The key derived from a PIN, kept while the store is open so a lock can seal it at
/// once (no derivation when the window hides). Zeroized on drop; prints nothing.
pub struct PinKey {
    salt: [u8; crypto::SALT_LEN],
    kek: SecretKey,
}

impl std::fmt::Debug for PinKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinKey(<redacted>)")
    }
}

impl Drop for PinKey {
    fn drop(&mut self) {
        self.salt.zeroize();
    }
}

/// What the sealed key is bound to: the device and the end of the day.
fn pin_aad(device_id: &[u8; 16], until_ms: i64) -> Vec<u8> {
    [
        b"ponte/pin/v1".as_slice(),
        device_id,
        &until_ms.to_be_bytes(),
    ]
    .concat()
}

impl Store {
    /// The key of `pin` for this store, after the PIN rule ([`check_pin`]); a PIN long
    /// enough to be a passphrase is refused if it is this store's passphrase
    /// ([`PinError::SameAsPassphrase`]: a memory dump would give it away).
    pub fn pin_key(&self, pin: &str) -> Result<PinKey, PinError> {
        check_pin(pin)?;
        if pin.chars().count() >= keys::MIN_PASSPHRASE_CHARS && self.is_passphrase(pin)? {
            return Err(PinError::SameAsPassphrase);
        }
        let salt: [u8; crypto::SALT_LEN] =
            crypto::random_array().map_err(|_| StoreError::Corrupt)?;
        let kek = crypto::derive_kek(pin.as_bytes(), &salt, PIN_KDF_ITERATIONS)
            .map_err(|_| StoreError::Corrupt)?;
        Ok(PinKey { salt, kek })
    }

    /// Whether `candidate` unwraps this store's master key (one derivation).
    fn is_passphrase(&self, candidate: &str) -> Result<bool, StoreError> {
        let salt: [u8; crypto::SALT_LEN] = get_meta(&self.conn, "kdf_salt")?
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        let iterations = keys::stored_iterations(&self.conn)?;
        let wrapped = get_meta(&self.conn, "master_key")?;
        let kek = crypto::derive_kek(candidate.as_bytes(), &salt, iterations)
            .map_err(|_| StoreError::Corrupt)?;
        Ok(crypto::unwrap_key(&kek, &crate::aad::master_aad(&self.device_id), &wrapped).is_ok())
    }

    /// Lock, keeping the master key sealed under `key` until `until_ms` (ms since the
    /// Unix epoch): the store, its connection and every key are dropped (zeroized),
    /// `key` too. On an error the store is dropped all the same (the lock holds).
    pub fn seal_under(self, key: PinKey, until_ms: i64) -> Result<SealedStore, PinError> {
        let sealed = crypto::wrap_key(
            &key.kek,
            &pin_aad(&self.device_id, until_ms),
            &self.keys.master,
        )
        .map_err(|_| StoreError::Corrupt)?;
        Ok(SealedStore {
            home: self.home.clone(),
            device_id: self.device_id,
            salt: key.salt,
            state: Sealed::Ready(sealed),
            until_ms,
            failures: 0,
        })
    }
}

/// The sealed key's state.
enum Sealed {
    /// The master key, wrapped under the PIN's key.
    Ready(Vec<u8>),
    /// Destroyed after [`PIN_TRIES`] wrong PINs.
    Spent,
    /// Destroyed at the day's end.
    Expired,
}

/// A locked store whose master key is sealed in memory under the day's PIN. Holds no
/// key in the clear, no connection and no PIN. Prints nothing.
pub struct SealedStore {
    home: PathBuf,
    device_id: [u8; 16],
    salt: [u8; crypto::SALT_LEN],
    state: Sealed,
    until_ms: i64,
    failures: u32,
}

impl std::fmt::Debug for SealedStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealedStore")
            .field("home", &self.home)
            .field("ready", &self.is_ready())
            .field("until_ms", &self.until_ms)
            .field("failures", &self.failures)
            .finish()
    }
}

impl Drop for SealedStore {
    fn drop(&mut self) {
        self.destroy_as(Sealed::Spent);
        self.salt.zeroize();
    }
}

impl SealedStore {
    /// The PIN can still open it (not spent, not expired; see [`SealedStore::expire`]).
    pub fn is_ready(&self) -> bool {
        matches!(self.state, Sealed::Ready(_))
    }

    /// Wrong PINs left before the sealed key is destroyed (0 once it is).
    pub fn tries_left(&self) -> u32 {
        if self.is_ready() {
            PIN_TRIES.saturating_sub(self.failures)
        } else {
            0
        }
    }

    /// When the PIN stops working (ms since the Unix epoch).
    pub fn until_ms(&self) -> i64 {
        self.until_ms
    }

    /// The home directory of the sealed store.
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// Destroys the sealed key if `now_ms` is at or past the day's end; true if it is
    /// (now or before) no longer usable.
    pub fn expire(&mut self, now_ms: i64) -> bool {
        if now_ms >= self.until_ms {
            self.destroy_as(Sealed::Expired);
        }
        !self.is_ready()
    }

    /// Destroys the sealed key now (the day ended by another clock, a panic wipe).
    pub fn destroy(&mut self) {
        self.destroy_as(Sealed::Expired);
    }

    fn destroy_as(&mut self, why: Sealed) {
        if let Sealed::Ready(bytes) = &mut self.state {
            bytes.zeroize();
            self.state = why;
        }
    }

    /// Reopen with `pin` at `now_ms`: the store rebuilt from the unsealed master key
    /// (a new connection, the team keys read from the keyring) and the PIN's key for
    /// the next lock. A wrong PIN counts ([`PinError::Wrong`] with the tries left);
    /// the last one destroys the sealed key ([`PinError::TriesSpent`]); past the day's
    /// end, [`PinError::Expired`]. A PIN that breaks the PIN rule is refused without
    /// counting (it cannot be the one set). After a success the sealed key is gone:
    /// the store is open, and the next lock seals it again.
    pub fn open(&mut self, pin: &str, now_ms: i64) -> Result<(Store, PinKey), PinError> {
        self.expire(now_ms);
        let sealed = match &self.state {
            Sealed::Ready(sealed) => sealed,
            Sealed::Spent => return Err(PinError::TriesSpent),
            Sealed::Expired => return Err(PinError::Expired),
        };
        check_pin(pin)?;
        if !Store::exists(&self.home) {
            // Wiped by another process (a panic wipe from the CLI, a removal).
            self.destroy();
            return Err(StoreError::NotInitialized.into());
        }
        let kek = crypto::derive_kek(pin.as_bytes(), &self.salt, PIN_KDF_ITERATIONS)
            .map_err(|_| StoreError::Corrupt)?;
        let aad = pin_aad(&self.device_id, self.until_ms);
        let Ok(master) = crypto::unwrap_key(&kek, &aad, sealed) else {
            self.failures += 1;
            if self.failures >= PIN_TRIES {
                self.destroy_as(Sealed::Spent);
                return Err(PinError::TriesSpent);
            }
            return Err(PinError::Wrong {
                left: PIN_TRIES - self.failures,
            });
        };
        let conn = Store::connect(&self.home)?;
        let device_id: [u8; 16] = get_meta(&conn, "device_id")?
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        if device_id != self.device_id {
            // Another store now lives in this home (a duress unlock, a new init).
            self.destroy();
            return Err(StoreError::NotInitialized.into());
        }
        let keys = Keys::from_master(master, &conn)?;
        let store = Store {
            conn,
            keys,
            device_id,
            home: self.home.clone(),
        };
        store.keys.current_team()?;
        self.destroy_as(Sealed::Spent);
        let salt = self.salt;
        Ok((store, PinKey { salt, kek }))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::InitOptions;

    const PASS: &str = "correct horse battery";
    const PIN: &str = "480516";
    const DAY_END: i64 = 1_000_000;

    fn open_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::init(dir.path(), PASS, &InitOptions::default()).unwrap();
        (dir, store)
    }

    fn count(store: &Store) -> usize {
        store.count(ponte_model::Kind::Person).unwrap()
    }

    #[test]
    fn the_pin_rule() {
        for good in ["480516", "000001", "135792468024", "987655"] {
            check_pin(good).unwrap_or_else(|e| panic!("{good}: {e}"));
        }
        let code = |pin: &str| check_pin(pin).unwrap_err().code();
        assert_eq!(code("48051"), "pin-too-short");
        assert_eq!(code(""), "pin-too-short");
        assert_eq!(code("4805164805164"), "pin-too-long");
        assert_eq!(code("48o516"), "pin-not-digits");
        assert_eq!(code("４８０５１６"), "pin-not-digits");
        assert_eq!(code("480 516"), "pin-not-digits");
        for simple in [
            "000000",
            "777777777",
            "123456",
            "456789",
            "987654",
            "3210987",
        ] {
            let e = check_pin(simple);
            if simple == "3210987" {
                // Wraps around: not a run.
                assert!(e.is_ok());
            } else {
                assert_eq!(e.unwrap_err().code(), "pin-too-simple", "{simple}");
            }
        }
        for code in PinError::CODES {
            assert!(code.starts_with("pin-") || *code == "wrong-pin");
        }
    }

    #[test]
    fn the_right_pin_reopens_the_same_store_and_the_key_seals_again() {
        let (_dir, mut store) = open_store();
        let id = store
            .create(
                ponte_model::Kind::Person,
                &serde_json::json!({"alias": "PIN-MARKER"}),
            )
            .unwrap();
        let key = store.pin_key(PIN).unwrap();
        assert!(!format!("{key:?}").contains(PIN));
        let mut sealed = store.seal_under(key, DAY_END).unwrap();
        assert!(sealed.is_ready());
        assert_eq!(sealed.tries_left(), PIN_TRIES);
        assert!(!format!("{sealed:?}").contains(PIN));
        let (store, key) = sealed.open(PIN, 10).unwrap();
        assert_eq!(count(&store), 1);
        let mut store = store;
        assert!(store.get(&id, None).is_ok());
        // Opened: the sealed key is gone; the PIN's key seals the store again.
        assert!(!sealed.is_ready());
        let mut again = store.seal_under(key, DAY_END).unwrap();
        let (store, _key) = again.open(PIN, 20).unwrap();
        assert_eq!(count(&store), 1);
    }

    #[test]
    fn five_wrong_pins_destroy_the_sealed_key_and_the_passphrase_still_opens() {
        let (dir, store) = open_store();
        let key = store.pin_key(PIN).unwrap();
        let mut sealed = store.seal_under(key, DAY_END).unwrap();
        // Not a PIN by the rule: refused, not counted.
        assert_eq!(sealed.open("12", 1).unwrap_err().code(), "pin-too-short");
        for left in (1..PIN_TRIES).rev() {
            match sealed.open("480517", 1) {
                Err(PinError::Wrong { left: l }) => assert_eq!(l, left),
                other => panic!("{:?}", other.map(|_| ())),
            }
            assert_eq!(sealed.tries_left(), left);
        }
        assert!(matches!(
            sealed.open("480517", 1),
            Err(PinError::TriesSpent)
        ));
        assert!(!sealed.is_ready());
        // The right PIN no longer opens anything.
        assert!(matches!(sealed.open(PIN, 1), Err(PinError::TriesSpent)));
        assert_eq!(sealed.tries_left(), 0);
        let store = Store::open(dir.path(), PASS).unwrap();
        assert_eq!(count(&store), 0);
    }

    #[test]
    fn the_seal_expires_at_the_end_of_the_day() {
        let (_dir, store) = open_store();
        let key = store.pin_key(PIN).unwrap();
        let mut sealed = store.seal_under(key, DAY_END).unwrap();
        assert!(!sealed.expire(DAY_END - 1));
        assert!(matches!(sealed.open(PIN, DAY_END), Err(PinError::Expired)));
        assert!(!sealed.is_ready());
        assert!(matches!(sealed.open(PIN, 0), Err(PinError::Expired)));
    }

    #[test]
    fn a_store_wiped_or_replaced_meanwhile_is_not_reopened() {
        let (dir, store) = open_store();
        let key = store.pin_key(PIN).unwrap();
        let mut sealed = store.seal_under(key, DAY_END).unwrap();
        crate::panic::destroy(dir.path()).unwrap();
        assert_eq!(sealed.open(PIN, 1).unwrap_err().code(), "not-initialized");
        assert!(!sealed.is_ready());
        // A new store in the same home: another device id, so another master key.
        let store = Store::init(dir.path(), PASS, &InitOptions::default()).unwrap();
        let key = store.pin_key(PIN).unwrap();
        let mut sealed = store.seal_under(key, DAY_END).unwrap();
        crate::panic::destroy(dir.path()).unwrap();
        Store::init(dir.path(), PASS, &InitOptions::default()).unwrap();
        assert_eq!(sealed.open(PIN, 1).unwrap_err().code(), "not-initialized");
    }

    #[test]
    fn the_passphrase_is_refused_as_a_pin() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::init(dir.path(), "20481357", &InitOptions::default()).unwrap();
        assert!(matches!(
            store.pin_key("20481357"),
            Err(PinError::SameAsPassphrase)
        ));
        store.pin_key("20481358").unwrap();
    }
}
