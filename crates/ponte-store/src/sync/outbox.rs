//! The outbox: sealed entries waiting to be pushed, in order, each with its kind
//! stored under the code the relay uses ([`EntryKind::code`]).

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

/// An entry kind as the outbox stores it: `(kind, covers)` columns, the codes the
/// relay stores it under too ([`EntryKind::code`], [`EntryKind::covers`]; the
/// outbox moved to them in schema version 4).
pub(super) fn entry_code(kind: EntryKind) -> (i64, Option<i64>) {
    let covers = kind.covers().map(|c| i64::try_from(c).unwrap_or(i64::MAX));
    (i64::from(kind.code()), covers)
}

/// The entry kind of stored `(kind, covers)` columns ([`entry_code`] reversed): an
/// unknown code or a snapshot without `covers` is corrupt.
pub(crate) fn entry_kind(code: i64, covers: Option<i64>) -> Result<EntryKind> {
    let code = u8::try_from(code).map_err(|_| StoreError::Corrupt)?;
    let covers = covers
        .map(|c| u64::try_from(c).map_err(|_| StoreError::Corrupt))
        .transpose()?;
    EntryKind::from_code(code, covers).ok_or(StoreError::Corrupt)
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::InitOptions;

    const PASS: &str = "outbox test passphrase";

    #[test]
    fn stored_kinds_read_back_and_corrupt_ones_are_refused() {
        let kinds = [
            EntryKind::Change,
            EntryKind::Snapshot { covers: 9 },
            EntryKind::Tombstone,
            EntryKind::Key,
        ];
        for kind in kinds {
            let (code, covers) = entry_code(kind);
            assert_eq!(entry_kind(code, covers).unwrap(), kind);
        }
        let corrupt = |code, covers| matches!(entry_kind(code, covers), Err(StoreError::Corrupt));
        assert!(corrupt(1, None), "a snapshot without covers");
        assert!(corrupt(1, Some(-1)));
        assert!(corrupt(4, None));
        assert!(corrupt(-1, None));
    }

    /// A store of schema version 3 with entries of each kind queued under the
    /// outbox's old codes (1 key, 2 change, 3 snapshot, 4 tombstone) opens at
    /// version 4 and pushes them as they were queued, in order.
    #[test]
    fn queued_entries_keep_their_kinds_across_the_code_migration() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let id = RecordId([7; 16]);
        let queued = [
            EntryKind::Key,
            EntryKind::Change,
            EntryKind::Snapshot { covers: 41 },
            EntryKind::Tombstone,
            EntryKind::Change,
        ];
        let before = {
            let store = Store::init(home, PASS, &InitOptions::default()).unwrap();
            store.conn.execute("DELETE FROM outbox", []).unwrap();
            for (n, kind) in (0u8..).zip(queued) {
                push_entry(&store.conn, &id, kind, &[n; 3], 1).unwrap();
            }
            store.outgoing(100).unwrap()
        };
        // As version 3 wrote them.
        let conn = Connection::open(home.join(crate::DB_FILE)).unwrap();
        conn.execute_batch(
            "UPDATE outbox SET kind = CASE kind WHEN 0 THEN 2 WHEN 1 THEN 3 WHEN 2 THEN 4
                 WHEN 3 THEN 1 END;
             UPDATE meta SET value = x'0000000000000003' WHERE key = 'schema';",
        )
        .unwrap();
        let old: Vec<(i64, Option<i64>)> = conn
            .prepare("SELECT kind, covers FROM outbox ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        assert_eq!(
            old,
            [(1, None), (2, None), (3, Some(41)), (4, None), (2, None)]
        );
        drop(conn);

        // Two processes open the version 3 store at once: both saw version 3, the
        // first upgrades, the second (its upgrade after the first's) runs no step
        // again.
        let late = Connection::open(home.join(crate::DB_FILE)).unwrap();
        let seen = crate::schema::get_meta(&late, "schema").unwrap();
        assert_eq!(seen, 3_i64.to_be_bytes());
        let mut store = Store::open(home, PASS).unwrap();
        crate::schema::upgrade(&late).unwrap();
        drop(late);
        let schema = crate::schema::get_meta(&store.conn, "schema").unwrap();
        assert_eq!(schema, 4_i64.to_be_bytes());
        let after = store.outgoing(100).unwrap();
        let kinds: Vec<EntryKind> = after.iter().map(|o| o.kind).collect();
        assert_eq!(kinds, queued);
        for (a, b) in after.iter().zip(&before) {
            assert_eq!(
                (a.local_seq, a.record_id, &a.ciphertext),
                (b.local_seq, b.record_id, &b.ciphertext)
            );
        }
        // The relay took them: each leaves the outbox, read under its new code.
        let pushed: Vec<(i64, Option<u64>)> = (1u64..)
            .zip(&after)
            .map(|(seq, o)| (o.local_seq, Some(seq)))
            .collect();
        let cursor = store.cursor().unwrap();
        store
            .sync_commit(
                &pushed,
                &[],
                cursor,
                &crate::sync::without_roster(|_, _| false),
            )
            .unwrap();
        assert_eq!(store.outbox_len().unwrap(), 0);
    }
}
