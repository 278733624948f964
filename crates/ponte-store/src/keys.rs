//! The store's keys: the passphrase rule, the master key wrapped in `meta`, the keys
//! derived from it, and the keyring of team and device keys it wraps.

use ponte_crypto::{self as crypto, SecretKey, TeamKey};
use rusqlite::{Connection, OptionalExtension, params};
use zeroize::Zeroizing;

use crate::aad::{keyring_aad, master_aad};
use crate::duress;
use crate::schema::{get_meta, put_meta};
use crate::{Result, Store, StoreError};

/// Minimum passphrase length in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The PBKDF2 round counts a store may keep in `meta`: from
/// [`ponte_crypto::PBKDF2_ITERATIONS`] (fewer would make guessing the passphrase
/// cheaper) to four times that (about 0.3 s of unlocking here, a few seconds on a slow
/// phone). The count is in the clear in the file: one outside this range was written
/// by someone else, so [`Store::open`] reports the store damaged
/// ([`StoreError::Corrupt`]) without deriving anything, rather than hang for hours on
/// 2^32-1 rounds or accept a lowered count.
pub const KDF_ITERATIONS: std::ops::RangeInclusive<u32> =
    crypto::PBKDF2_ITERATIONS..=4 * crypto::PBKDF2_ITERATIONS;

/// Settings for [`Store::init`].
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// PBKDF2 rounds, within [`KDF_ITERATIONS`] ([`Store::init`] refuses others).
    pub kdf_iterations: u32,
}

impl Default for InitOptions {
    fn default() -> Self {
        InitOptions {
            kdf_iterations: crypto::PBKDF2_ITERATIONS,
        }
    }
}

/// The unlocked keys of a store handle.
pub(crate) struct Keys {
    /// The device master key: wraps the keyring.
    pub(crate) master: SecretKey,
    /// Team keys, one per epoch.
    pub(crate) team: Vec<TeamKey>,
    /// Seals the summaries (HKDF of the master key).
    pub(crate) index: SecretKey,
    /// Seals the audit log (HKDF of the master key).
    pub(crate) audit: SecretKey,
}

impl Keys {
    /// The master key's derived keys, with these team keys.
    fn derive(master: SecretKey, team: Vec<TeamKey>) -> Keys {
        Keys {
            index: crypto::hkdf(&master, b"ponte", b"ponte/index/v1"),
            audit: crypto::hkdf(&master, b"ponte", b"ponte/audit/v1"),
            master,
            team,
        }
    }

    /// The team key of `epoch`.
    pub(crate) fn team(&self, epoch: u32) -> Result<&TeamKey> {
        self.team
            .iter()
            .find(|k| k.epoch == epoch)
            .ok_or(StoreError::Corrupt)
    }

    /// The team key of the newest epoch (new records use it).
    pub(crate) fn current_team(&self) -> Result<&TeamKey> {
        self.team
            .iter()
            .max_by_key(|k| k.epoch)
            .ok_or(StoreError::Corrupt)
    }

    /// The same master key with the team keys read afresh from `conn`'s keyring.
    pub(crate) fn reload(&self, conn: &Connection) -> Result<Keys> {
        let master = SecretKey::from_bytes(*self.master.expose());
        let team = load_team_keys(conn, &master)?;
        Ok(Keys::derive(master, team))
    }

    /// Keys of a fixed master key with these team keys (unit tests).
    #[cfg(test)]
    pub(crate) fn for_tests(team: Vec<TeamKey>) -> Keys {
        Keys::derive(SecretKey::from_bytes([1; 32]), team)
    }

    /// The keys of `master` with the team keys read from `conn`'s keyring (the store
    /// reopened with the working day's PIN, `pin`).
    pub(crate) fn from_master(master: SecretKey, conn: &Connection) -> Result<Keys> {
        let team = load_team_keys(conn, &master)?;
        Ok(Keys::derive(master, team))
    }
}

/// `iterations` if it is within [`KDF_ITERATIONS`], else [`StoreError::Corrupt`].
fn checked_iterations(iterations: u32) -> Result<u32> {
    if KDF_ITERATIONS.contains(&iterations) {
        Ok(iterations)
    } else {
        Err(StoreError::Corrupt)
    }
}

/// Errs if the passphrase is too short.
pub(crate) fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

/// Generates a new device's keys inside the caller's transaction: random device id,
/// KDF salt, master key wrapped by the passphrase's key, first team key and device
/// key pairs wrapped by the master key, and a duress verifier nobody can match
/// (`duress`).
pub(crate) fn create_keyring(
    tx: &Connection,
    passphrase: &str,
    options: &InitOptions,
) -> Result<([u8; 16], Keys)> {
    let salt: [u8; crypto::SALT_LEN] = crypto::random_array()?;
    let iterations = checked_iterations(options.kdf_iterations)?;
    let kek = crypto::derive_kek(passphrase.as_bytes(), &salt, iterations)
        .map_err(|_| StoreError::Corrupt)?;
    write_keyring(tx, &salt, &kek, iterations)
}

/// [`create_keyring`] with the passphrase's key already derived (with `salt` and
/// `iterations`): the store made in place of one opened with its duress passphrase
/// reuses the key that check derived. Returns the device id and the unlocked keys.
pub(crate) fn write_keyring(
    tx: &Connection,
    salt: &[u8; crypto::SALT_LEN],
    kek: &SecretKey,
    iterations: u32,
) -> Result<([u8; 16], Keys)> {
    let iterations = checked_iterations(iterations)?;
    let device_id: [u8; 16] = crypto::random_array()?;
    let master = SecretKey::generate()?;
    let team = TeamKey::generate(1)?;
    let signing = crypto::SigningKey::generate()?;
    let agreement = crypto::AgreementKey::generate()?;
    put_meta(tx, "device_id", &device_id)?;
    put_meta(tx, "kdf_salt", salt)?;
    put_meta(tx, "kdf_iterations", &iterations.to_be_bytes())?;
    put_meta(
        tx,
        "master_key",
        &crypto::wrap_key(kek, &master_aad(&device_id), &master)?,
    )?;
    wrap_into_keyring(tx, &master, "team", 1, team.key().expose())?;
    wrap_into_keyring(tx, &master, "signing", 0, signing.pkcs8())?;
    wrap_into_keyring(tx, &master, "agreement", 0, agreement.to_bytes().as_ref())?;
    duress::put_dummy(tx, &device_id)?;
    crate::duress_kit::create(tx, &device_id, &master)?;
    Ok((device_id, Keys::derive(master, vec![team])))
}

/// The PBKDF2 round count kept in `meta`, checked against [`KDF_ITERATIONS`] before
/// any derivation: a tampered count neither hangs the unlock nor weakens the key.
pub(crate) fn stored_iterations(conn: &Connection) -> Result<u32> {
    checked_iterations(u32::from_be_bytes(
        get_meta(conn, "kdf_iterations")?
            .try_into()
            .map_err(|_| StoreError::Corrupt)?,
    ))
}

/// What a typed passphrase opened.
pub(crate) enum Unlocked {
    /// The store's passphrase: its device id and keys.
    Real([u8; 16], Keys),
    /// The store's duress passphrase (`duress`): its derived key, for the new store.
    Duress(duress::Candidate),
}

/// Derives the key of `passphrase` once (store salt and round count), then unwraps the
/// master key and loads the keyring, or finds the duress passphrase with the same key
/// (`duress::check`: one derivation either way, so the time taken does not tell them
/// apart). Anything else is [`StoreError::WrongPassphrase`].
pub(crate) fn unlock(conn: &Connection, passphrase: &str) -> Result<Unlocked> {
    let device_id: [u8; 16] = get_meta(conn, "device_id")?
        .try_into()
        .map_err(|_| StoreError::Corrupt)?;
    let salt: [u8; crypto::SALT_LEN] = get_meta(conn, "kdf_salt")?
        .try_into()
        .map_err(|_| StoreError::Corrupt)?;
    let iterations = stored_iterations(conn)?;
    let wrapped_master = get_meta(conn, "master_key")?;
    let kek = crypto::derive_kek(passphrase.as_bytes(), &salt, iterations)
        .map_err(|_| StoreError::Corrupt)?;
    match crypto::unwrap_key(&kek, &master_aad(&device_id), &wrapped_master) {
        Ok(master) => {
            drop(kek);
            if !duress::has_verifier(conn) {
                duress::put_dummy(conn, &device_id)?;
            }
            let team = load_team_keys(conn, &master)?;
            Ok(Unlocked::Real(device_id, Keys::derive(master, team)))
        }
        Err(_) => {
            let candidate = duress::check(conn, &device_id, kek, salt, iterations);
            if candidate.matched() {
                Ok(Unlocked::Duress(candidate))
            } else {
                Err(StoreError::WrongPassphrase)
            }
        }
    }
}

/// Seals `secret` with the master key into the keyring as `name` at `epoch`.
pub(crate) fn wrap_into_keyring(
    conn: &Connection,
    master: &SecretKey,
    name: &str,
    epoch: u32,
    secret: &[u8],
) -> Result<()> {
    let sealed = crypto::seal(master, &keyring_aad(name, epoch), secret)?;
    conn.execute(
        "INSERT INTO keyring(name, epoch, wrapped) VALUES (?1, ?2, ?3)",
        params![name, epoch, sealed],
    )?;
    Ok(())
}

/// The team keys in the keyring, unwrapped with the master key.
fn load_team_keys(conn: &Connection, master: &SecretKey) -> Result<Vec<TeamKey>> {
    let mut team = Vec::new();
    let mut stmt = conn.prepare("SELECT epoch, wrapped FROM keyring WHERE name = 'team'")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    for row in rows {
        let (epoch, wrapped) = row?;
        let bytes = crypto::open(master, &keyring_aad("team", epoch), &wrapped)?;
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        team.push(TeamKey::from_parts(epoch, SecretKey::from_bytes(key)));
    }
    Ok(team)
}

impl Store {
    /// The device's Ed25519 signing key.
    pub fn signing_key(&self) -> Result<crypto::SigningKey> {
        signing_key_in(&self.conn, &self.keys)
    }

    /// The device's X25519 key (team keys are sealed to it).
    pub fn agreement_key(&self) -> Result<crypto::AgreementKey> {
        let bytes = self.keyring_secret("agreement", 0)?;
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        Ok(crypto::AgreementKey::from_bytes(key))
    }

    fn keyring_secret(&self, name: &str, epoch: u32) -> Result<Zeroizing<Vec<u8>>> {
        keyring_secret_in(&self.conn, &self.keys, name, epoch)
    }
}

/// The device's Ed25519 signing key, read in `conn` (a transaction under way).
pub(crate) fn signing_key_in(conn: &Connection, keys: &Keys) -> Result<crypto::SigningKey> {
    let bytes = keyring_secret_in(conn, keys, "signing", 0)?;
    Ok(crypto::SigningKey::from_pkcs8(&bytes)?)
}

fn keyring_secret_in(
    conn: &Connection,
    keys: &Keys,
    name: &str,
    epoch: u32,
) -> Result<Zeroizing<Vec<u8>>> {
    {
        let sealed: Vec<u8> = conn
            .query_row(
                "SELECT wrapped FROM keyring WHERE name = ?1 AND epoch = ?2",
                params![name, epoch],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::Corrupt)?;
        Ok(crypto::open(
            &keys.master,
            &keyring_aad(name, epoch),
            &sealed,
        )?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    const PASS: &str = "correct horse battery";

    fn store_with(iterations: u32) -> Result<tempfile::TempDir> {
        let dir = tempfile::tempdir().unwrap();
        let options = InitOptions {
            kdf_iterations: iterations,
        };
        Store::init(dir.path(), PASS, &options)?;
        Ok(dir)
    }

    /// Writes `value` as the stored round count, as someone with the file could.
    fn tamper(dir: &tempfile::TempDir, value: &[u8]) {
        let conn = Connection::open(Store::db_path(dir.path())).unwrap();
        let changed = conn
            .execute(
                "UPDATE meta SET value = ?1 WHERE key = 'kdf_iterations'",
                params![value],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }

    #[test]
    fn a_round_count_outside_the_range_is_damage_and_costs_nothing() {
        let dir = store_with(crypto::PBKDF2_ITERATIONS).unwrap();
        let max = *KDF_ITERATIONS.end();
        for rounds in [u32::MAX, max + 1, crypto::PBKDF2_ITERATIONS - 1, 1000, 1, 0] {
            tamper(&dir, &rounds.to_be_bytes());
            let started = Instant::now();
            let opened = Store::open(dir.path(), PASS);
            assert!(
                matches!(opened, Err(StoreError::Corrupt)),
                "{rounds} rounds: {opened:?}"
            );
            // Refused before deriving: 2^32-1 rounds would take about nine minutes.
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{rounds} rounds took {:?}",
                started.elapsed()
            );
        }
        // Not four bytes: damage too.
        tamper(&dir, &[0xff; 8]);
        assert!(matches!(
            Store::open(dir.path(), PASS),
            Err(StoreError::Corrupt)
        ));
        // Put back, the store opens: nothing else was harmed.
        tamper(&dir, &crypto::PBKDF2_ITERATIONS.to_be_bytes());
        Store::open(dir.path(), PASS).unwrap();
    }

    #[test]
    fn a_round_count_inside_the_range_is_used() {
        // A changed count within the range derives another key: the passphrase no
        // longer unwraps the master key (and nothing is deleted).
        let dir = store_with(crypto::PBKDF2_ITERATIONS).unwrap();
        tamper(&dir, &(crypto::PBKDF2_ITERATIONS + 1).to_be_bytes());
        assert!(matches!(
            Store::open(dir.path(), PASS),
            Err(StoreError::WrongPassphrase)
        ));
        tamper(&dir, &crypto::PBKDF2_ITERATIONS.to_be_bytes());
        Store::open(dir.path(), PASS).unwrap();
    }

    #[test]
    fn init_takes_only_counts_that_open_will_take() {
        let max = *KDF_ITERATIONS.end();
        let dir = store_with(max).unwrap();
        Store::open(dir.path(), PASS).unwrap();
        for rounds in [max + 1, crypto::PBKDF2_ITERATIONS - 1] {
            assert!(
                matches!(store_with(rounds), Err(StoreError::Corrupt)),
                "{rounds}"
            );
        }
    }
}
