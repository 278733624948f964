//! Merging the changes pulled for one record into its document, so that what one
//! member sends cannot stop the others: a change that does not merge, inflates past
//! the limit, declares more operations than a change or a record may hold, was written
//! by another device than the one that pushed it, nests the record too deep or breaks
//! its shape is refused with a [`Rejection`], and the rest applied.
//!
//! Checked on each entry before Automerge reads it ([`ponte_doc::screen`]): its size
//! once inflated, the operations its run-length-encoded columns declare
//! ([`ponte_doc::MAX_CHANGE_OPS`] a change entry, whole documents in it included;
//! [`ponte_doc::MAX_RECORD_OPS`] a snapshot; [`ponte_doc::MAX_LIVE_VALUES`] map values
//! shown: Automerge builds every declared operation before anything else can look at
//! it, and a few dozen bytes can declare ten million), and that every change in it was
//! written by the device that pushed it (a device writes as its own id, see
//! [`RecordDoc::new`]); a snapshot holds every member's changes and is exempt from the
//! last. A batch is merged at once only if it holds a change's worth and the record
//! has room for it (else change by change). Checked on the merged record: that it reads within
//! [`ponte_doc::MAX_DEPTH`], keeps its shape ([`ponte_model::validate::structure`]:
//! rules between fields are left out, since merging two valid edits can break them)
//! and stays loadable ([`RecordDoc::fits`]: bytes and operations, so a record is never
//! filled past what its next load takes).
//! A record judged against what was already wrong with it before: a record already
//! off its shape does not make every later change refused.

use std::fmt;

use ponte_doc::{DocError, RecordDoc};
use ponte_model::{Kind, ValidationError};
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

/// Why a pulled change or snapshot was refused (quarantined): never applied, and
/// sync goes on. [`Rejection::code`] is stable, and is what it serializes as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rejection {
    /// Not Automerge changes or a document this record can take (garbage, a damaged
    /// or forged chunk, a format no device writes).
    Unmergeable,
    /// Nests the record deeper than [`ponte_doc::MAX_DEPTH`].
    TooDeep,
    /// Gives the record a key, a type or an entry id its format does not have
    /// ([`ponte_model::validate::structure`]).
    OffSchema,
    /// Holds a change written by another device than the one that pushed it.
    WrongAuthor,
    /// Inflates past [`ponte_doc::MAX_INFLATED`], declares more operations than
    /// [`ponte_doc::MAX_CHANGE_OPS`] (a change entry) or [`ponte_doc::MAX_RECORD_OPS`]
    /// (a snapshot) or more live map values than [`ponte_doc::MAX_LIVE_VALUES`], or
    /// would make the record's document too large to load again (in bytes, operations
    /// or live values).
    TooLarge,
    /// Opens with no key this device holds for it (another team's, a removed device's
    /// after a new generation, or garbage).
    Unreadable,
    /// A change or snapshot of a record this device has no key entry for.
    UnknownRecord,
    /// A tombstone without the supervisor's signature.
    ForgedTombstone,
    /// A change of who may read a record (a key entry) without the signature of a
    /// device allowed to make it (`super::authority`).
    ForgedAccess,
}

impl Rejection {
    /// The stable kebab-case code, e.g. `"wrong-author"`.
    pub const fn code(self) -> &'static str {
        match self {
            Rejection::Unmergeable => "unmergeable",
            Rejection::TooDeep => "too-deep",
            Rejection::OffSchema => "off-schema",
            Rejection::WrongAuthor => "wrong-author",
            Rejection::TooLarge => "too-large",
            Rejection::Unreadable => "unreadable",
            Rejection::UnknownRecord => "unknown-record",
            Rejection::ForgedTombstone => "forged-tombstone",
            Rejection::ForgedAccess => "forged-access",
        }
    }

    /// Every reason, in the order [`Rejections`] counts them.
    pub const ALL: [Rejection; 9] = [
        Rejection::Unmergeable,
        Rejection::TooDeep,
        Rejection::OffSchema,
        Rejection::WrongAuthor,
        Rejection::TooLarge,
        Rejection::Unreadable,
        Rejection::UnknownRecord,
        Rejection::ForgedTombstone,
        Rejection::ForgedAccess,
    ];
}

/// How many pulled entries were refused, by reason. Serializes as a map from each
/// reason's code to its count, leaving out the reasons that did not occur.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rejections([u32; Rejection::ALL.len()]);

impl Rejections {
    /// Counts one refusal.
    pub fn add(&mut self, r: Rejection) {
        if let Some(at) = Rejection::ALL.iter().position(|x| *x == r) {
            self.0[at] = self.0[at].saturating_add(1);
        }
    }

    /// Adds another tally to this one.
    pub fn absorb(&mut self, other: Rejections) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine = mine.saturating_add(theirs);
        }
    }

    /// The reasons that occurred, with their counts.
    pub fn iter(&self) -> impl Iterator<Item = (Rejection, u32)> + '_ {
        Rejection::ALL
            .iter()
            .zip(self.0)
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| (*r, n))
    }

    /// Refusals in all.
    pub fn total(&self) -> usize {
        self.0.iter().map(|n| *n as usize).sum()
    }
}

impl serde::Serialize for Rejections {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        for (r, n) in self.iter() {
            map.serialize_entry(r.code(), &n)?;
        }
        map.end()
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What merging a record's pulled changes did.
#[derive(Default)]
pub(super) struct Merged {
    /// The document changed.
    pub(super) changed: bool,
    /// Why each refused change was refused, in pull order.
    pub(super) rejected: Vec<Rejection>,
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
    kind: Kind,
    changes: &[Pulled],
    fresh: impl FnOnce() -> Result<RecordDoc>,
) -> Result<Merged> {
    let mut out = Merged::default();
    // Size and author first, without Automerge.
    let mut verdicts: Vec<Option<Rejection>> = changes.iter().map(screen).collect();
    let admitted: Vec<(usize, &Pulled)> = changes
        .iter()
        .enumerate()
        .filter(|(i, _)| verdicts.get(*i).is_some_and(Option::is_none))
        .collect();
    if admitted.is_empty() {
        out.rejected = verdicts.into_iter().flatten().collect();
        return Ok(out);
    }
    // The usual case: all at once (Automerge applies a batch in one pass over the
    // document), read once, bounded, and kept for the summary. A batch of more than a
    // change's worth of operations, or more than the record has room for, is refused
    // whole before Automerge reads it, and taken change by change below.
    let mut batch = Zeroizing::new(Vec::with_capacity(
        admitted.iter().map(|(_, c)| c.bytes.len()).sum(),
    ));
    for (_, change) in &admitted {
        batch.extend_from_slice(&change.bytes);
    }
    if doc.merge_bytes(&batch).is_ok()
        && let Ok(json) = doc.to_json_checked()
        && ponte_model::validate::structure(kind, &json).is_ok()
        && doc.fits()
    {
        out.changed = true;
        out.json = Some(json);
        out.rejected = verdicts.into_iter().flatten().collect();
        return Ok(out);
    }
    // Something in the batch is bad: start again from what this device held and keep
    // the changes that leave the record as sound as it was; the others are refused.
    *doc = fresh()?;
    let mut state = Shape::of(doc, kind);
    // Snapshots first, as in a whole batch: a change may depend on what only a
    // snapshot holds any more, and a trial does not keep changes still waiting.
    let mut admitted = admitted;
    admitted.sort_by_key(|(_, c)| !c.snapshot);
    for (i, change) in admitted {
        let mut trial = doc.fork(device);
        match judge(&mut trial, change, kind, &state) {
            Ok(after) => {
                *doc = trial;
                state = after;
                out.changed = true;
            }
            Err(rejection) => {
                if let Some(verdict) = verdicts.get_mut(i) {
                    *verdict = Some(rejection);
                }
            }
        }
    }
    out.json = Some(state.json);
    out.rejected = verdicts.into_iter().flatten().collect();
    Ok(out)
}

/// What can be told of a change before Automerge reads it: whether it inflates past
/// the limit or declares too many operations, is not Automerge bytes, or (unless a
/// snapshot) holds a change written by another device than its author.
fn screen(change: &Pulled) -> Option<Rejection> {
    match ponte_doc::screen(&change.bytes, &change.author, change.snapshot) {
        Ok(true) => None,
        Ok(false) if change.snapshot => None,
        Ok(false) => Some(Rejection::WrongAuthor),
        Err(DocError::TooLarge) => Some(Rejection::TooLarge),
        Err(_) => Some(Rejection::Unmergeable),
    }
}

/// Merges `change` into `trial` and judges the result against `before`: what the
/// record was like without it.
fn judge(
    trial: &mut RecordDoc,
    change: &Pulled,
    kind: Kind,
    before: &Shape,
) -> Result<Shape, Rejection> {
    trial.merge_bytes(&change.bytes).map_err(|e| match e {
        DocError::TooLarge => Rejection::TooLarge,
        _ => Rejection::Unmergeable,
    })?;
    let after = Shape::of(trial, kind);
    if after.too_deep && !before.too_deep {
        return Err(Rejection::TooDeep);
    }
    if after.problems.iter().any(|p| !before.problems.contains(p)) {
        return Err(Rejection::OffSchema);
    }
    if !trial.fits() {
        return Err(Rejection::TooLarge);
    }
    Ok(after)
}

/// A record as read, and what is wrong with its shape.
struct Shape {
    /// It nests deeper than [`ponte_doc::MAX_DEPTH`] (read with the deep parts null).
    too_deep: bool,
    /// Its problems of shape (codes and paths, never values).
    problems: Vec<ValidationError>,
    /// The record as JSON.
    json: Value,
}

impl Shape {
    fn of(doc: &RecordDoc, kind: Kind) -> Shape {
        let (json, too_deep) = match doc.to_json_checked() {
            Ok(json) => (json, false),
            Err(_) => (doc.to_json(), true),
        };
        let problems = ponte_model::validate::structure(kind, &json)
            .err()
            .unwrap_or_default();
        Shape {
            too_deep,
            problems,
            json,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
