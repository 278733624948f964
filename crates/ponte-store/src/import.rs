//! Bulk import: many creates and patches applied all together or not at all, with
//! every failing item reported.

use ponte_model::Kind;
use rusqlite::TransactionBehavior;
use serde_json::Value;

use crate::records::{create_in, edit_in};
use crate::{RecordId, Result, Store, StoreError};

/// One item of a bulk import: a new record, or a patch of an existing one.
#[derive(Debug, Clone)]
pub enum ImportItem {
    /// Create a record with these fields.
    Create(Value),
    /// Merge-patch an existing record.
    Patch(RecordId, Value),
}

/// Errors of one import item, with its position in the input (0-based).
#[derive(Debug, Clone)]
pub struct ItemError {
    /// Index in the import list.
    pub index: usize,
    /// Error code (`StoreError::code`).
    pub code: &'static str,
    /// Validation problems, if the code is `invalid`.
    pub problems: Vec<ponte_model::ValidationError>,
}

impl Store {
    /// Apply a whole import in one transaction: either every item is applied or, if
    /// any item fails, none is and every failing item is reported.
    pub fn import(
        &mut self,
        kind: Kind,
        items: &[ImportItem],
    ) -> Result<Vec<RecordId>, Vec<ItemError>> {
        let fail = |e: StoreError| {
            vec![ItemError {
                index: usize::MAX,
                code: e.code(),
                problems: Vec::new(),
            }]
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| fail(e.into()))?;
        let mut ids = Vec::with_capacity(items.len());
        let mut errors = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let result = match item {
                ImportItem::Create(fields) => {
                    create_in(&tx, &self.keys, &self.device_id, kind, fields)
                }
                ImportItem::Patch(id, patch) => {
                    edit_in(&tx, &self.keys, &self.device_id, id, Some(kind), patch).map(|()| *id)
                }
            };
            match result {
                Ok(id) => ids.push(id),
                Err(StoreError::Invalid(problems)) => errors.push(ItemError {
                    index,
                    code: "invalid",
                    problems,
                }),
                Err(e) => errors.push(ItemError {
                    index,
                    code: e.code(),
                    problems: Vec::new(),
                }),
            }
        }
        if !errors.is_empty() {
            // Dropping the transaction rolls it back: nothing of the file is imported.
            return Err(errors);
        }
        tx.commit().map_err(|e| fail(e.into()))?;
        Ok(ids)
    }
}
