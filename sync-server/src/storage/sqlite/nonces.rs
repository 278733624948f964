//! Request nonces: checked in memory, written to the file later, loaded at start.

use std::collections::HashMap;
use std::time::Duration;

use ponte_proto::{DeviceId, Nonce};
use rusqlite::{Connection, TransactionBehavior, params};

use super::queries::fixed;
use super::{Inner, lock};
use crate::storage::{StorageError, to_i64, to_u64};

/// Pending request nonces are written to the file at least this often.
pub const NONCE_FLUSH: Duration = Duration::from_millis(250);

/// A nonce not yet in the file: its device, itself and when it expires.
pub(super) type PendingNonce = (DeviceId, Nonce, u64);

/// Unexpired nonces by device, and those not yet written to the file.
#[derive(Debug, Default)]
pub(super) struct Nonces {
    /// When each nonce seen expires, by device and nonce.
    seen: HashMap<(DeviceId, Nonce), u64>,
    /// Seen, but not yet written to the file.
    pending: Vec<PendingNonce>,
    /// How many nonces were remembered: every 4096th drops the expired ones.
    inserts: usize,
}

impl Nonces {
    /// Records a nonce until `expires_at` and queues it for the file. `false` if
    /// the device already used it and it has not expired (a replay).
    pub(super) fn remember(
        &mut self,
        device: DeviceId,
        nonce: Nonce,
        expires_at: u64,
        now: u64,
    ) -> bool {
        if self
            .seen
            .get(&(device, nonce))
            .is_some_and(|&until| until >= now)
        {
            return false;
        }
        self.seen.insert((device, nonce), expires_at);
        self.pending.push((device, nonce, expires_at));
        self.inserts += 1;
        if self.inserts.is_multiple_of(4096) {
            self.forget_expired(now);
        }
        true
    }

    /// Drops the nonces that expired before `now` from memory.
    pub(super) fn forget_expired(&mut self, now: u64) {
        self.seen.retain(|_, until| *until >= now);
    }

    /// The nonces to write to the file now: no longer pending.
    pub(super) fn take_pending(&mut self) -> Vec<PendingNonce> {
        std::mem::take(&mut self.pending)
    }

    /// Puts back nonces whose write failed, for the next one.
    pub(super) fn restore(&mut self, nonces: Vec<PendingNonce>) {
        self.pending.extend(nonces);
    }
}

impl Inner {
    /// Writes the pending nonces, if any.
    pub(super) fn flush_nonces(&self) -> Result<(), StorageError> {
        let mut conn = lock(&self.writer);
        let nonces = lock(&self.nonces).take_pending();
        if nonces.is_empty() {
            return Ok(());
        }
        let result = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            write_nonces(&tx, &nonces)?;
            tx.commit()?;
            Ok(())
        })();
        if result.is_err() {
            lock(&self.nonces).restore(nonces);
        }
        result
    }
}

/// Writes nonces to the file, in the caller's transaction.
pub(super) fn write_nonces(conn: &Connection, nonces: &[PendingNonce]) -> Result<(), StorageError> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO nonces (device_id, nonce, expires_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (device_id, nonce) DO UPDATE SET expires_at = excluded.expires_at",
    )?;
    for (device, nonce, expires_at) in nonces {
        insert.execute(params![&device.0[..], &nonce.0[..], to_i64(*expires_at)?])?;
    }
    Ok(())
}

/// Deletes the nonces that expired before `now` from the file; returns how many.
pub(super) fn delete_expired(conn: &Connection, now: i64) -> Result<usize, StorageError> {
    Ok(conn.execute("DELETE FROM nonces WHERE expires_at < ?1", [now])?)
}

/// The nonces in the file, so a restart does not forget them (expired ones are
/// purged every minute, and compared with the request's time when checked).
pub(super) fn load_nonces(conn: &Connection) -> Result<Nonces, StorageError> {
    let mut stmt = conn.prepare("SELECT device_id, nonce, expires_at FROM nonces")?;
    let mut seen = HashMap::new();
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, Vec<u8>>(0)?,
            row.get::<_, Vec<u8>>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (device, nonce, expires_at) = row?;
        seen.insert(
            (
                fixed(&device, DeviceId::from_slice, "device id")?,
                fixed(&nonce, Nonce::from_slice, "nonce")?,
            ),
            to_u64(expires_at)?,
        );
    }
    Ok(Nonces {
        seen,
        ..Nonces::default()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::super::SqliteStorage;
    use super::*;
    use crate::storage::Storage;

    const NOW: u64 = 1_700_000_000_000;

    /// Nonces are checked in memory but written to the file, so a restart of the
    /// relay does not forget them.
    #[tokio::test]
    async fn nonces_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("relay.db");
        let expires = u64::MAX >> 2;
        // Whether nonce `n` is new for the device.
        async fn fresh(storage: &SqliteStorage, n: u8, expires_at: u64, now: u64) -> bool {
            storage
                .remember_nonce(DeviceId([9; 16]), Nonce([n; 16]), expires_at, now)
                .await
                .unwrap()
        }
        {
            let storage = SqliteStorage::open(&path).unwrap();
            assert!(fresh(&storage, 1, expires, NOW).await);
            assert!(!fresh(&storage, 1, expires, NOW).await);
            assert!(fresh(&storage, 2, expires, NOW).await);
            // The background flush writes them without any other request.
            tokio::time::sleep(NONCE_FLUSH * 3).await;
        }
        let storage = SqliteStorage::open(&path).unwrap();
        assert!(!fresh(&storage, 1, expires, NOW).await);
        assert!(!fresh(&storage, 2, expires, NOW).await);
        assert!(fresh(&storage, 3, expires, NOW).await);
        // An expired nonce may be used again (the time window refuses the old request).
        assert!(fresh(&storage, 4, NOW - 1, NOW - 2).await);
        assert!(fresh(&storage, 4, NOW + 10, NOW).await);
    }
}
