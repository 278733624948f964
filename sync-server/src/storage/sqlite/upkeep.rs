//! Upkeep: WAL checkpoints (in the background on their own connection, and the
//! truncating one after an erasure) and the background thread.

use std::path::{Path, PathBuf};
use std::sync::Weak;
use std::time::Duration;

use rusqlite::Connection;

use super::nonces::NONCE_FLUSH;
use super::{Inner, lock};
use crate::storage::StorageError;

/// Opens the connection the background checkpoints run on, beside the writer.
pub(super) fn open_checkpointer(path: &Path) -> Result<Connection, StorageError> {
    let checkpointer = Connection::open(path)?;
    checkpointer.busy_timeout(Duration::from_secs(5))?;
    Ok(checkpointer)
}

/// Until the storage is dropped, every [`NONCE_FLUSH`]: writes pending nonces, then
/// copies what the WAL holds into the main file (a passive checkpoint, on its own
/// connection, so the writer does not wait for it).
pub(super) fn spawn_upkeep(inner: Weak<Inner>, path: PathBuf) {
    let spawned = std::thread::Builder::new()
        .name("sqlite-upkeep".into())
        .spawn(move || {
            loop {
                std::thread::sleep(NONCE_FLUSH);
                let Some(inner) = inner.upgrade() else { return };
                if let Err(error) = inner.flush_nonces() {
                    tracing::warn!(%error, "nonce flush failed");
                }
                let checkpoint = lock(&inner.checkpointer).query_row(
                    "PRAGMA wal_checkpoint(PASSIVE)",
                    [],
                    |_| Ok(()),
                );
                if let Err(error) = checkpoint {
                    tracing::warn!(%error, "wal checkpoint failed");
                }
            }
        });
    if let Err(error) = spawned {
        // Nonces are then written with the next push or purge, and the writer
        // checkpoints by itself once the WAL is large.
        tracing::warn!(%error, db = %path.display(), "no upkeep thread");
    }
}

/// Moves every WAL frame into the main file and truncates the WAL to zero bytes, so
/// the frames that held an erased record's ciphertext are gone.
pub(super) fn truncate_wal(conn: &Connection) -> Result<(), StorageError> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
    if busy != 0 {
        // Only this connection uses the file, so this cannot happen; if it did, the
        // next erasure's checkpoint would finish the job. Say so in the log.
        tracing::warn!("wal checkpoint after erasure was blocked");
    }
    Ok(())
}
