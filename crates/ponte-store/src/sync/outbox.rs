//! The outbox: sealed entries waiting to be pushed, in order, with their kinds'
//! on-disk codes.

use ponte_proto::limits;
use rusqlite::{Connection, params};

use super::EntryKind;
use crate::{RecordId, Result, Store, StoreError};

/// An entry waiting in the outbox.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// Local outbox position; entries are pushed in this order.
    pub local_seq: i64,
    /// Record it belongs to.
    pub record_id: RecordId,
    /// Kind.
    pub kind: EntryKind,
    /// Sealed payload.
    pub ciphertext: Vec<u8>,
}

/// An entry kind as the outbox stores it: `(kind, covers)` columns. The codes are on
/// disk and must never change: 1 key, 2 change, 3 snapshot (with its `covers`),
/// 4 tombstone.
pub(super) fn entry_code(kind: EntryKind) -> (i64, Option<i64>) {
    match kind {
        EntryKind::Key => (1, None),
        EntryKind::Change => (2, None),
        EntryKind::Snapshot { covers } => (3, Some(i64::try_from(covers).unwrap_or(i64::MAX))),
        EntryKind::Tombstone => (4, None),
    }
}

/// The entry kind of stored `(kind, covers)` columns ([`entry_code`] reversed).
pub(crate) fn entry_kind(code: i64, covers: Option<i64>) -> Result<EntryKind> {
    Ok(match code {
        1 => EntryKind::Key,
        2 => EntryKind::Change,
        3 => EntryKind::Snapshot {
            covers: covers.and_then(|c| u64::try_from(c).ok()).unwrap_or(0),
        },
        4 => EntryKind::Tombstone,
        _ => return Err(StoreError::Corrupt),
    })
}

/// Queues a sealed entry inside the caller's transaction. An entry larger than the
/// relay takes ([`limits::MAX_CIPHERTEXT_BYTES`]) is refused
/// ([`StoreError::TooLargeToSync`]): queued, it would block every later push.
pub(crate) fn push_entry(
    tx: &Connection,
    id: &RecordId,
    kind: EntryKind,
    ciphertext: &[u8],
    now: i64,
) -> Result<()> {
    if ciphertext.len() > limits::MAX_CIPHERTEXT_BYTES {
        return Err(StoreError::TooLargeToSync);
    }
    let (code, covers) = entry_code(kind);
    tx.execute(
        "INSERT INTO outbox(record_id, kind, covers, change, created) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![&id.0, code, covers, ciphertext, now],
    )?;
    Ok(())
}

impl Store {
    /// Up to `limit` outbox entries, oldest first.
    pub fn outgoing(&self, limit: usize) -> Result<Vec<Outgoing>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, record_id, kind, covers, change FROM outbox ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, [u8; 16]>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Vec<u8>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (local_seq, id, code, covers, ciphertext) = row?;
            out.push(Outgoing {
                local_seq,
                record_id: RecordId(id),
                kind: entry_kind(code, covers)?,
                ciphertext,
            });
        }
        Ok(out)
    }

    /// Number of Automerge changes waiting for sync.
    pub fn outbox_len(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
