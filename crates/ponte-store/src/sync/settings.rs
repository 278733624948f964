//! Small secret settings (team configuration, invite secrets), sealed with the master
//! key in the keyring as `setting/<name>` at epoch 0.

use ponte_crypto as crypto;
use rusqlite::{OptionalExtension, params};
use zeroize::Zeroizing;

use crate::aad::keyring_aad;
use crate::{Result, Store, StoreError};

impl Store {
    /// A small secret setting sealed with the master key (team configuration, invite
    /// secrets). `None` if never set.
    pub fn setting(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        open_setting(&self.conn, &self.keys.master, name)
    }

    /// Store a sealed setting (replacing it).
    pub fn set_setting(&mut self, name: &str, value: &[u8]) -> Result<()> {
        seal_setting(&self.conn, &self.keys.master, name, value)
    }
}

/// The setting `name` opened with the master key, on `conn` (a transaction of the
/// caller's, or the store's connection); `None` if never set.
pub(crate) fn open_setting(
    conn: &rusqlite::Connection,
    master: &crypto::SecretKey,
    name: &str,
) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let full = format!("setting/{name}");
    let sealed: Option<Vec<u8>> = conn
        .query_row(
            "SELECT wrapped FROM keyring WHERE name = ?1 AND epoch = 0",
            [&full],
            |r| r.get(0),
        )
        .optional()?;
    sealed
        .map(|s| crypto::open(master, &keyring_aad(&full, 0), &s))
        .transpose()
        .map_err(StoreError::from)
}

/// Seals `value` with the master key as the setting `name` (replacing it), on `conn`
/// (a transaction of the caller's, or the store's connection).
pub(crate) fn seal_setting(
    conn: &rusqlite::Connection,
    master: &crypto::SecretKey,
    name: &str,
    value: &[u8],
) -> Result<()> {
    let full = format!("setting/{name}");
    let sealed = crypto::seal(master, &keyring_aad(&full, 0), value)?;
    conn.execute(
        "INSERT INTO keyring(name, epoch, wrapped) VALUES (?1, 0, ?2)
         ON CONFLICT(name, epoch) DO UPDATE SET wrapped = excluded.wrapped",
        params![full, sealed],
    )?;
    Ok(())
}
