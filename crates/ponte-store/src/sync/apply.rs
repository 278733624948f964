//! Committing a sync round trip: dropping the outbox entries the relay took, applying
//! the pulled entries (merged on several threads) and moving the cursor, all in one
//! transaction.

use std::collections::HashMap;

use ponte_crypto::{self as crypto, SecretKey};
use ponte_doc::RecordDoc;
use ponte_model::Kind;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::EntryKind;
use super::erasure::{TombstoneCheck, tombstone_valid};
use super::merge::{self, Pulled};
use super::outbox::entry_kind;
use super::snapshots::note_seq;
use super::team_keys::open_key_entry;
use crate::aad::change_aad;
use crate::audit;
use crate::keys::Keys;
use crate::row::{RecordRow, open_row, read_row, seal_summary};
use crate::{RecordId, Result, Store, time};

/// An entry pulled from the relay.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Relay seq.
    pub seq: u64,
    /// Record it belongs to.
    pub record_id: RecordId,
    /// Device that pushed it.
    pub author: [u8; 16],
    /// Kind.
    pub kind: EntryKind,
    /// Sealed payload.
    pub ciphertext: Vec<u8>,
}

/// What applying a pulled batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    /// Records created on this device.
    pub created: usize,
    /// Records whose document changed.
    pub updated: usize,
    /// Records erased on the supervisor's order.
    pub erased: usize,
    /// Entries that could not be used (unknown record, undecryptable, forged
    /// tombstone); counted, never applied.
    pub rejected: usize,
}

impl Store {
    /// The relay cursor this device has applied up to.
    pub fn cursor(&self) -> Result<u64> {
        let v: Option<i64> = self
            .conn
            .query_row(
                "SELECT value FROM sync_state WHERE key = 'cursor'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.and_then(|c| u64::try_from(c).ok()).unwrap_or(0))
    }

    /// Commit one sync round trip in one transaction: drop the outbox entries the
    /// relay stored (`pushed`: local seqs), apply the pulled entries, then move the
    /// cursor. A crash before the commit leaves everything as it was: the push is
    /// retried (the relay deduplicates) and the pull repeated.
    ///
    /// `pushed` pairs each outbox entry the relay took care of with the seq it got
    /// (`None`: refused because the record was erased).
    pub fn sync_commit(
        &mut self,
        pushed: &[(i64, Option<u64>)],
        incoming: &[Incoming],
        new_cursor: u64,
        tombstone_ok: TombstoneCheck<'_>,
    ) -> Result<Applied> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut find =
                tx.prepare_cached("SELECT record_id, kind, covers FROM outbox WHERE seq = ?1")?;
            let mut del = tx.prepare_cached("DELETE FROM outbox WHERE seq = ?1")?;
            for (local, relay_seq) in pushed {
                let found = find
                    .query_row([local], |r| {
                        Ok((
                            r.get::<_, [u8; 16]>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, Option<i64>>(2)?,
                        ))
                    })
                    .optional()?;
                del.execute([local])?;
                if let (Some((id, code, covers)), Some(seq)) = (found, relay_seq) {
                    note_seq(&tx, &RecordId(id), entry_kind(code, covers)?, *seq)?;
                }
            }
        }
        let applied = apply(&tx, &self.keys, &self.device_id, incoming, tombstone_ok)?;
        for entry in incoming {
            note_seq(&tx, &entry.record_id, entry.kind, entry.seq)?;
        }
        tx.execute(
            "INSERT INTO sync_state(key, value) VALUES ('cursor', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [i64::try_from(new_cursor).unwrap_or(i64::MAX)],
        )?;
        tx.commit()?;
        if applied.erased > 0 {
            self.checkpoint()?;
        }
        Ok(applied)
    }
}

/// Apply pulled entries inside the caller's transaction. Entries of one record are
/// merged into its document together, and the document is saved once.
///
/// Three phases, so the expensive middle one can use every core: read the rows the
/// entries touch (one connection, in order), open, merge, save and seal each record
/// (pure CPU, records split over threads), then write the results in order.
fn apply(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    incoming: &[Incoming],
    tombstone_ok: TombstoneCheck<'_>,
) -> Result<Applied> {
    let mut jobs: Vec<Job<'_>> = Vec::new();
    let mut index: HashMap<RecordId, usize> = HashMap::new();
    for entry in incoming {
        let at = *index.entry(entry.record_id).or_insert_with(|| {
            jobs.push(Job {
                id: entry.record_id,
                entries: Vec::new(),
                row: None,
            });
            jobs.len() - 1
        });
        jobs[at].entries.push(entry);
    }
    for job in &mut jobs {
        job.row = read_row(tx, &job.id)?;
    }
    let outcomes = run_jobs(&jobs, |job| work(keys, device, job, tombstone_ok));
    let mut applied = Applied::default();
    let now = time::now_ms();
    for (job, outcome) in jobs.iter().zip(outcomes) {
        let (outcome, rejected) = outcome?;
        applied.rejected += rejected;
        write(tx, keys, &job.id, outcome, now, &mut applied)?;
    }
    Ok(applied)
}

/// Below this many records one thread does the work: starting threads costs more.
const PARALLEL_FROM: usize = 64;

/// `f` over `jobs`, in order, on up to as many threads as there are cores.
fn run_jobs<T: Send, J: Sync>(jobs: &[J], f: impl Fn(&J) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || jobs.len() < PARALLEL_FROM {
        return jobs.iter().map(&f).collect();
    }
    let chunk = jobs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<T>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// One record's pulled entries, in log order, and its row before them.
struct Job<'a> {
    id: RecordId,
    entries: Vec<&'a Incoming>,
    row: Option<RecordRow>,
}

/// What applying a record's entries comes to.
enum Outcome {
    /// Nothing to write (entries already known, or all rejected).
    Nothing,
    /// A valid tombstone: erase the record; `here` if this device had it.
    Erase { here: bool, kind: Option<Kind> },
    /// The record's new state, sealed.
    Write {
        kind: Kind,
        epoch: u32,
        body: Vec<u8>,
        summary: Vec<u8>,
        /// The wrapped data key of a record new to this device.
        wrapped: Option<Vec<u8>>,
    },
}

struct Open {
    kind: Kind,
    epoch: u32,
    data_key: SecretKey,
    doc: RecordDoc,
    created: bool,
}

/// The CPU-bound part: decrypt, merge, save, summarise, seal. No database access.
/// Returns the outcome and how many entries were rejected.
fn work(
    keys: &Keys,
    device: &[u8; 16],
    job: &Job<'_>,
    tombstone_ok: TombstoneCheck<'_>,
) -> Result<(Outcome, usize)> {
    let id = &job.id;
    let mut rejected = 0;
    let mut open: Option<Open> = None;
    let mut changed = false;
    // The record as JSON once merged and checked, for its summary.
    let mut json: Option<serde_json::Value> = None;
    // Decrypted changes of the record, merged together at the end: Automerge applies
    // a batch in one pass over the document instead of one pass per change.
    let mut changes: Vec<Pulled> = Vec::new();
    for entry in &job.entries {
        match entry.kind {
            EntryKind::Key => {
                if open.is_some() || job.row.is_some() {
                    continue;
                }
                match open_key_entry(keys, id, &entry.ciphertext) {
                    Some((kind, epoch, data_key)) => {
                        open = Some(Open {
                            kind,
                            epoch,
                            data_key,
                            doc: RecordDoc::new(device),
                            created: true,
                        });
                        changed = true;
                    }
                    None => rejected += 1,
                }
            }
            EntryKind::Change | EntryKind::Snapshot { .. } => {
                if open.is_none()
                    && let Some(row) = &job.row
                {
                    let (loaded, data_key) = open_row(keys, device, id, row)?;
                    open = Some(Open {
                        kind: loaded.kind,
                        epoch: loaded.epoch,
                        data_key,
                        doc: loaded.doc,
                        created: false,
                    });
                }
                let Some(o) = open.as_mut() else {
                    rejected += 1;
                    continue;
                };
                let aad = change_aad(id, o.kind, o.epoch);
                match crypto::open(&o.data_key, &aad, &entry.ciphertext) {
                    Ok(bytes) => changes.push(Pulled {
                        author: entry.author,
                        snapshot: matches!(entry.kind, EntryKind::Snapshot { .. }),
                        bytes,
                    }),
                    Err(_) => rejected += 1,
                }
            }
            EntryKind::Tombstone => {
                if tombstone_valid(keys, id, &entry.ciphertext, tombstone_ok) {
                    let kind = match (&open, &job.row) {
                        (Some(o), _) => Some(o.kind),
                        (None, Some(row)) => row.kind(),
                        (None, None) => None,
                    };
                    let here = open.is_some() || job.row.is_some();
                    return Ok((Outcome::Erase { here, kind }, rejected));
                }
                rejected += 1;
            }
        }
    }
    if let Some(o) = open.as_mut()
        && !changes.is_empty()
    {
        let fresh = || -> Result<RecordDoc> {
            Ok(match &job.row {
                Some(row) if !o.created => open_row(keys, device, id, row)?.0.doc,
                _ => RecordDoc::new(device),
            })
        };
        let merged = merge::merge_pulled(&mut o.doc, device, o.kind, &changes, fresh)?;
        changed |= merged.changed;
        rejected += merged.rejected;
        json = merged.json;
    }
    let Some(mut o) = open.filter(|_| changed) else {
        return Ok((Outcome::Nothing, rejected));
    };
    let record_aad = crypto::record_aad(&id.0, o.kind.as_u8(), o.epoch);
    let body = crypto::seal(&o.data_key, &record_aad, &o.doc.save())?;
    let json = json.unwrap_or_else(|| o.doc.to_json());
    let summary = seal_summary(keys, id, o.kind, &json)?;
    let wrapped = if o.created {
        Some(crypto::wrap_key(
            keys.team(o.epoch)?.key(),
            &record_aad,
            &o.data_key,
        )?)
    } else {
        None
    };
    Ok((
        Outcome::Write {
            kind: o.kind,
            epoch: o.epoch,
            body,
            summary,
            wrapped,
        },
        rejected,
    ))
}

/// Writes one record's outcome.
fn write(
    tx: &Connection,
    keys: &Keys,
    id: &RecordId,
    outcome: Outcome,
    now: i64,
    applied: &mut Applied,
) -> Result<()> {
    match outcome {
        Outcome::Nothing => {}
        Outcome::Erase { here, kind } => {
            tx.execute("DELETE FROM records WHERE id = ?1", [&id.0])?;
            tx.execute("DELETE FROM summaries WHERE id = ?1", [&id.0])?;
            tx.execute("DELETE FROM outbox WHERE record_id = ?1", [&id.0])?;
            if here {
                audit::append(
                    tx,
                    &keys.audit,
                    audit::AuditAction::Erase,
                    kind,
                    Some(id),
                    Some("by the supervisor"),
                )?;
                applied.erased += 1;
            }
        }
        Outcome::Write {
            kind,
            epoch,
            body,
            summary,
            wrapped: Some(wrapped),
        } => {
            tx.prepare_cached(
                "INSERT INTO records(id, kind, epoch, created, updated, wrapped_key, body) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
            )?
            .execute(params![&id.0, kind.as_u8(), epoch, now, wrapped, body])?;
            tx.prepare_cached(
                "INSERT INTO summaries(id, kind, updated, summary) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![&id.0, kind.as_u8(), now, summary])?;
            applied.created += 1;
        }
        Outcome::Write {
            body,
            summary,
            wrapped: None,
            ..
        } => {
            tx.prepare_cached("UPDATE records SET body = ?2, updated = ?3 WHERE id = ?1")?
                .execute(params![&id.0, body, now])?;
            tx.prepare_cached("UPDATE summaries SET summary = ?2, updated = ?3 WHERE id = ?1")?
                .execute(params![&id.0, summary, now])?;
            applied.updated += 1;
        }
    }
    Ok(())
}
