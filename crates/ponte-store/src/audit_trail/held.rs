//! The trails this device holds, opened.

use ponte_model::Kind;
use serde_json::Value;

use super::{TrailEntry, trail_entries};
use crate::row::{RecordRow, open_row, record_row_columns};
use crate::{RecordId, Result, Store};

/// A trail this device holds, opened.
#[derive(Debug, Clone)]
pub struct HeldTrail {
    /// The record's id.
    pub id: RecordId,
    /// The device it names (`None`: not a device id).
    pub device: Option<[u8; 16]>,
    /// Its entries, sorted by `n`.
    pub entries: Vec<TrailEntry>,
    /// Entries that could not be read.
    pub malformed: usize,
    /// Whether every change of its history was written by the device it names.
    pub only_device: bool,
}

impl Store {
    /// Every audit trail this device holds (on a supervisor's: every device's that
    /// reached it; on another's: its own), opened.
    pub fn audit_trails(&self) -> Result<Vec<HeldTrail>> {
        let rows: Vec<([u8; 16], RecordRow)> = {
            let mut stmt = self.conn.prepare(concat!(
                "SELECT id, ",
                record_row_columns!(),
                " FROM records WHERE kind = ?1"
            ))?;
            let rows = stmt.query_map([Kind::Audit.as_u8()], |r| {
                Ok((r.get(0)?, RecordRow::from_sql(r, 1)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::with_capacity(rows.len());
        for (id, row) in rows {
            let id = RecordId(id);
            let (mut loaded, _) = open_row(&self.keys, &self.device_id, &id, &row)?;
            let json = loaded.doc.to_json();
            let device = json
                .get("device")
                .and_then(Value::as_str)
                .and_then(|s| hex::decode(s).ok())
                .and_then(|b| <[u8; 16]>::try_from(b).ok());
            let saved = loaded.doc.save();
            let only_device =
                device.is_some_and(|d| ponte_doc::only_authored_by(&saved, &d).unwrap_or(false));
            let (entries, malformed) = trail_entries(&json);
            out.push(HeldTrail {
                id,
                device,
                entries,
                malformed,
                only_device,
            });
        }
        Ok(out)
    }
}
