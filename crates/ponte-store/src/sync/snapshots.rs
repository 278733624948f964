//! Snapshots for compaction: counting each record's changes on the relay and queueing
//! a whole-document snapshot once it has enough.

use ponte_crypto as crypto;
use ponte_proto::limits;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::EntryKind;
use super::outbox::push_entry;
use crate::aad::change_aad;
use crate::generations::{self, Generation};
use crate::row::{open_row, read_row};
use crate::{RecordId, Result, Store, time};

impl Store {
    /// Queue a snapshot of every record with at least `threshold` changes on the relay
    /// since its last snapshot, so the relay can drop them (compaction) and a new
    /// device downloads one entry per record instead of its history. A snapshot covers
    /// only seqs this device has certainly applied: at most its cursor. Returns how
    /// many were queued.
    pub fn queue_snapshots(&mut self, threshold: u32) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let cursor: i64 = tx
            .query_row(
                "SELECT value FROM sync_state WHERE key = 'cursor'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        let due: Vec<([u8; 16], i64)> = {
            let mut stmt = tx.prepare(
                "SELECT id, MIN(last_seq, ?2) FROM record_sync
                 WHERE since_snapshot >= ?1 AND id NOT IN (SELECT record_id FROM outbox)",
            )?;
            let rows =
                stmt.query_map(params![threshold, cursor], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let now = time::now_ms();
        let mut queued = 0;
        for (id, covers) in due {
            let id = RecordId(id);
            let Some(row) = read_row(&tx, &id)? else {
                continue;
            };
            let (mut loaded, data_key) = open_row(&self.keys, &self.device_id, &id, &row)?;
            let covers = u64::try_from(covers).unwrap_or(0);
            if covers == 0 {
                continue;
            }
            let saved = loaded.doc.save();
            // Sealed with the newest generation: a snapshot holds every change, so
            // one under a key a removed device held would give it all of them.
            let current = Generation {
                epoch: loaded.epoch,
                key: data_key,
            };
            let g =
                generations::for_sealing(&tx, &self.keys, &id, loaded.kind, current, &saved, now)?;
            let sealed = crypto::seal(&g.key, &change_aad(&id, loaded.kind, g.epoch), &saved)?;
            if sealed.len() > limits::MAX_CIPHERTEXT_BYTES {
                // Too large for one entry: the record keeps its history on the relay
                // (no snapshot, nothing dropped) and sync goes on.
                tx.execute(
                    "UPDATE record_sync SET since_snapshot = 0 WHERE id = ?1",
                    [&id.0],
                )?;
                continue;
            }
            push_entry(&tx, &id, EntryKind::Snapshot { covers }, &sealed, now)?;
            tx.execute(
                "UPDATE record_sync SET since_snapshot = 0 WHERE id = ?1",
                [&id.0],
            )?;
            queued += 1;
        }
        tx.commit()?;
        Ok(queued)
    }
}

/// Makes a record due a snapshot at the next [`Store::queue_snapshots`], whatever its
/// count of changes (a change sealed before a change of access was merged: the
/// snapshot, under the current generation, brings it to the devices given access).
pub(super) fn due_snapshot(tx: &Connection, id: &RecordId) -> Result<()> {
    tx.prepare_cached(
        "UPDATE record_sync SET since_snapshot = MAX(since_snapshot, ?2) WHERE id = ?1",
    )?
    .execute(params![&id.0, i64::from(u32::MAX)])?;
    Ok(())
}

/// Remember the highest relay seq of a record and how many changes it has on the
/// relay since its last snapshot (what [`Store::queue_snapshots`] reads).
pub(super) fn note_seq(tx: &Connection, id: &RecordId, kind: EntryKind, seq: u64) -> Result<()> {
    let seq = i64::try_from(seq).unwrap_or(i64::MAX);
    match kind {
        EntryKind::Tombstone => {
            tx.execute("DELETE FROM record_sync WHERE id = ?1", [&id.0])?;
        }
        EntryKind::Key | EntryKind::Change | EntryKind::Snapshot { .. } => {
            let (bump, reset) = match kind {
                EntryKind::Change => (1, false),
                EntryKind::Snapshot { .. } => (0, true),
                _ => (0, false),
            };
            tx.prepare_cached(
                "INSERT INTO record_sync(id, last_seq, since_snapshot) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq),
                   since_snapshot = CASE WHEN ?4 THEN 0 ELSE since_snapshot + ?3 END",
            )?
            .execute(params![&id.0, seq, bump, reset])?;
        }
    }
    Ok(())
}
