//! Merging the changes pulled for one record into its document, so that what one
//! member sends cannot stop the others: a change that does not merge, or leaves the
//! record unreadable, is rejected and the rest applied.

use ponte_doc::RecordDoc;
use ponte_model::Kind;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::Result;

/// One decrypted change or snapshot pulled for a record.
pub(super) struct Pulled {
    /// The device the relay says pushed it.
    pub(super) author: [u8; 16],
    /// A whole document (snapshot) rather than one change.
    pub(super) snapshot: bool,
    /// The Automerge bytes.
    pub(super) bytes: Zeroizing<Vec<u8>>,
}

/// What merging a record's pulled changes did.
pub(super) struct Merged {
    /// The document changed.
    pub(super) changed: bool,
    /// Changes rejected.
    pub(super) rejected: usize,
    /// The merged record as JSON, when it was read while checking it (saves reading
    /// it again for the summary).
    pub(super) json: Option<Value>,
}

/// Merges `changes` into `doc` (a record of `kind`, edited here as `device`).
/// `fresh` gives the document as this device held it before the batch, to start
/// again from when the batch as a whole leaves the record unsound.
pub(super) fn merge_pulled(
    doc: &mut RecordDoc,
    device: &[u8; 16],
    _kind: Kind,
    changes: &[Pulled],
    fresh: impl FnOnce() -> Result<RecordDoc>,
) -> Result<Merged> {
    let mut out = Merged {
        changed: false,
        rejected: 0,
        json: None,
    };
    let mut batch = Zeroizing::new(Vec::with_capacity(
        changes.iter().map(|c| c.bytes.len()).sum(),
    ));
    for change in changes {
        batch.extend_from_slice(&change.bytes);
    }
    let merged = doc.merge_bytes(&batch).is_ok();
    // Another device's change may nest the record too deep to read (a poison
    // entry): the merged document is read once, bounded, and kept for the summary.
    let read = doc.to_json_checked();
    let sound = read.is_ok();
    out.json = read.ok();
    if merged && sound {
        out.changed = true;
    } else if !sound {
        // Start again from what this device held, and keep the changes that leave
        // the record sound; the others are rejected and sync goes on.
        *doc = fresh()?;
        out.json = None;
        for change in changes {
            let mut trial = doc.fork(device);
            if trial.merge_bytes(&change.bytes).is_ok() && trial.to_json_checked().is_ok() {
                *doc = trial;
                out.changed = true;
            } else {
                out.rejected += 1;
            }
        }
    } else {
        // Find the bad ones: merge one by one (the summary is read afterwards).
        out.json = None;
        for change in changes {
            if doc.merge_bytes(&change.bytes).is_ok() {
                out.changed = true;
            } else {
                out.rejected += 1;
            }
        }
    }
    Ok(out)
}
