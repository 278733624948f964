//! Crypto-shredding: deleting a record (or the whole device's data) so that neither
//! its keys nor its ciphertext survive in free pages or old WAL frames.

use ponte_model::Kind;
use rusqlite::{OptionalExtension, TransactionBehavior};

use crate::audit::{self, AuditAction};
use crate::sync::{self, EntryKind};
use crate::{RecordId, Result, Store, StoreError, time};

impl Store {
    /// Erase a record by crypto-shredding: its wrapped data key, body, summary and
    /// pending changes are deleted (zeroed in place), then the WAL is truncated.
    pub fn erase(&mut self, id: &RecordId, expected: Option<Kind>) -> Result<()> {
        self.erase_with(id, expected, None)
    }

    /// [`Store::erase`], queueing `tombstone` (a sealed tombstone payload, and the
    /// signature it seals, kept among the signed erasures) in the same transaction if
    /// given.
    pub(crate) fn erase_with(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        tombstone: Option<(&[u8], &[u8])>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let kind: Option<u8> = tx
            .query_row("SELECT kind FROM records WHERE id = ?1", [&id.0], |r| {
                r.get(0)
            })
            .optional()?;
        let kind = Kind::from_u8(kind.ok_or(StoreError::NotFound)?).ok_or(StoreError::Corrupt)?;
        if kind == Kind::Audit {
            // A device's audit trail is not erased through the record commands.
            return Err(StoreError::AuditTrail);
        }
        if expected.is_some_and(|k| k != kind) {
            return Err(StoreError::WrongKind);
        }
        tx.execute("DELETE FROM records WHERE id = ?1", [&id.0])?;
        tx.execute("DELETE FROM summaries WHERE id = ?1", [&id.0])?;
        tx.execute("DELETE FROM outbox WHERE record_id = ?1", [&id.0])?;
        tx.execute("DELETE FROM record_sync WHERE id = ?1", [&id.0])?;
        tx.execute("DELETE FROM record_keys WHERE id = ?1", [&id.0])?;
        if let Some((payload, signature)) = tombstone {
            sync::push_entry(&tx, id, EntryKind::Tombstone, payload, time::now_ms())?;
            sync::remember_signed(&tx, &self.keys, &[(*id, signature.to_vec())])?;
        }
        audit::append(
            &tx,
            &self.keys.audit,
            AuditAction::Erase,
            Some(kind),
            Some(id),
            None,
        )?;
        tx.commit()?;
        self.checkpoint()?;
        Ok(())
    }

    /// Destroy this device's data (a revoked device): this handle is dropped, then the
    /// key and the files are destroyed as a panic wipe does ([`crate::panic::destroy`]).
    pub fn wipe(self) -> Result<()> {
        let home = self.home.clone();
        drop(self);
        crate::panic::destroy(&home).map(|_| ())
    }

    /// Copy every WAL frame into the database and truncate the WAL to zero bytes.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
