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
        let sealed: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT wrapped FROM keyring WHERE name = ?1 AND epoch = 0",
                [format!("setting/{name}")],
                |r| r.get(0),
            )
            .optional()?;
        sealed
            .map(|s| {
                crypto::open(
                    &self.keys.master,
                    &keyring_aad(&format!("setting/{name}"), 0),
                    &s,
                )
            })
            .transpose()
            .map_err(StoreError::from)
    }

    /// Store a sealed setting (replacing it).
    pub fn set_setting(&mut self, name: &str, value: &[u8]) -> Result<()> {
        let full = format!("setting/{name}");
        let sealed = crypto::seal(&self.keys.master, &keyring_aad(&full, 0), value)?;
        self.conn.execute(
            "INSERT INTO keyring(name, epoch, wrapped) VALUES (?1, 0, ?2)
             ON CONFLICT(name, epoch) DO UPDATE SET wrapped = excluded.wrapped",
            params![full, sealed],
        )?;
        Ok(())
    }
}
