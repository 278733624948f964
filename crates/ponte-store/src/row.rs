//! A record's row in the `records` and `summaries` tables: reading it sealed, opening
//! it with the keys, and sealing its summary.

use ponte_crypto::{self as crypto, SecretKey};
use ponte_doc::RecordDoc;
use ponte_model::Kind;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use zeroize::Zeroizing;

use crate::aad::summary_aad;
use crate::keys::Keys;
use crate::{RecordId, Result, StoreError};

/// A record opened: its document and the clear columns of its row.
pub(crate) struct Loaded {
    pub(crate) kind: Kind,
    pub(crate) epoch: u32,
    pub(crate) doc: RecordDoc,
    pub(crate) created_ms: i64,
    pub(crate) updated_ms: i64,
}

/// A record's row as stored: sealed, not yet opened.
pub(crate) struct RecordRow {
    kind: u8,
    pub(crate) epoch: u32,
    pub(crate) wrapped: Vec<u8>,
    pub(crate) body: Vec<u8>,
    created_ms: i64,
    updated_ms: i64,
}

/// The columns [`RecordRow::from_sql`] reads, in its order, as a literal for
/// `concat!` (the statements stay constant strings, prepared once).
macro_rules! record_row_columns {
    () => {
        "kind, epoch, wrapped_key, body, created, updated"
    };
}
pub(crate) use record_row_columns;

impl RecordRow {
    /// The record's kind, if the stored code is one.
    pub(crate) fn kind(&self) -> Option<Kind> {
        Kind::from_u8(self.kind)
    }

    /// A row selected with [`record_row_columns`] starting at column `at`.
    pub(crate) fn from_sql(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<RecordRow> {
        Ok(RecordRow {
            kind: r.get(at)?,
            epoch: r.get(at + 1)?,
            wrapped: r.get(at + 2)?,
            body: r.get(at + 3)?,
            created_ms: r.get(at + 4)?,
            updated_ms: r.get(at + 5)?,
        })
    }
}

/// Reads a record's sealed row (`None` if there is no such record).
pub(crate) fn read_row(tx: &Connection, id: &RecordId) -> Result<Option<RecordRow>> {
    Ok(tx
        .prepare_cached(concat!(
            "SELECT ",
            record_row_columns!(),
            " FROM records WHERE id = ?1"
        ))?
        .query_row([&id.0], |r| RecordRow::from_sql(r, 0))
        .optional()?)
}

/// Unwraps a row's data key and opens its document (no database access: this is the
/// CPU-bound part of loading, which sync runs on several threads).
pub(crate) fn open_row(
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
    row: &RecordRow,
) -> Result<(Loaded, SecretKey)> {
    let kind = row.kind().ok_or(StoreError::Corrupt)?;
    let record_aad = crypto::record_aad(&id.0, kind.as_u8(), row.epoch);
    let data_key = crypto::unwrap_key(keys.team(row.epoch)?.key(), &record_aad, &row.wrapped)?;
    let plain = crypto::open(&data_key, &record_aad, &row.body)?;
    let doc = RecordDoc::load_local(&plain, device)?;
    Ok((
        Loaded {
            kind,
            epoch: row.epoch,
            doc,
            created_ms: row.created_ms,
            updated_ms: row.updated_ms,
        },
        data_key,
    ))
}

/// Reads and opens a record; [`StoreError::NotFound`] if there is none. An audit
/// trail is refused ([`StoreError::AuditTrail`]): this is how every record command
/// (show, edit, restrict, resolve) reads, and none of them handles a trail, which
/// only `crate::audit_trail` reads and writes.
pub(crate) fn load_in(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
) -> Result<(Loaded, SecretKey)> {
    let row = read_row(tx, id)?.ok_or(StoreError::NotFound)?;
    if row.kind() == Some(Kind::Audit) {
        return Err(StoreError::AuditTrail);
    }
    open_row(keys, device, id, &row)
}

/// The record's summary (what lists and search read), sealed with the index key.
pub(crate) fn seal_summary(
    keys: &Keys,
    id: &RecordId,
    kind: Kind,
    json: &Value,
) -> Result<Vec<u8>> {
    let summary = ponte_model::summary::summarize(kind, json);
    let plain = Zeroizing::new(serde_json::to_vec(&summary).map_err(|_| StoreError::Corrupt)?);
    Ok(crypto::seal(&keys.index, &summary_aad(id, kind), &plain)?)
}
