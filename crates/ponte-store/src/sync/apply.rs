//! Committing a sync round trip: dropping the outbox entries the relay took, applying
//! the pulled entries (merged on several threads) and moving the cursor, all in one
//! transaction.

use std::collections::{BTreeSet, HashMap};

use ponte_crypto as crypto;
use ponte_doc::RecordDoc;
use ponte_model::Kind;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::EntryKind;
use super::authority::Authority;
use super::erasure::{remember_signed, tombstone_signature};
use super::merge::{self, Pulled, Rejection, Rejections};
use super::outbox::entry_kind;
use super::snapshots::{due_snapshot, note_seq};
use super::team_keys::{KeyEntry, Me, open_key_entry};
use crate::access::{self, Access};
use crate::audit;
use crate::generations::{self, Generation};
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
    /// The rejected entries by reason (quarantined: never applied, sync goes on).
    pub rejected_by: Rejections,
    /// Queued entries the relay refused as belonging to an erased record, with no
    /// erasure signed by the supervisor here to show for it: kept, not dropped.
    pub erasure_unproven: usize,
    /// Records this device held that were restricted to other devices: deleted here.
    pub withheld: usize,
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
    /// (`None`: refused because the record was erased). The relay's word is not
    /// enough to drop a change: an entry refused so stays queued until a tombstone
    /// signed by the supervisor erases the record here (with this pull or a later
    /// one); [`Applied::erasure_unproven`] counts those still waiting after this pull.
    pub fn sync_commit(
        &mut self,
        pushed: &[(i64, Option<u64>)],
        incoming: &[Incoming],
        new_cursor: u64,
        authority: &dyn Authority,
    ) -> Result<Applied> {
        // Opens the key entries of records restricted to listed devices.
        let agreement = self.agreement_key().ok();
        let me = agreement.as_ref().map(|k| (&self.device_id, k));
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut find =
                tx.prepare_cached("SELECT record_id, kind, covers FROM outbox WHERE seq = ?1")?;
            let mut del = tx.prepare_cached("DELETE FROM outbox WHERE seq = ?1")?;
            for (local, relay_seq) in pushed {
                if relay_seq.is_none() {
                    continue;
                }
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
        let (mut applied, withheld, resnaps) =
            apply(&tx, &self.keys, &self.device_id, me, incoming, authority)?;
        // A valid tombstone deleted the queued entries of the record it erased; the
        // ones left were refused on the relay's word alone.
        let mut queued = tx.prepare_cached("SELECT 1 FROM outbox WHERE seq = ?1")?;
        for (local, _) in pushed.iter().filter(|(_, seq)| seq.is_none()) {
            if queued.exists([local])? {
                applied.erasure_unproven += 1;
            }
        }
        drop(queued);
        if applied.rejected > 0 {
            let reasons: Vec<String> = applied
                .rejected_by
                .iter()
                .map(|(r, n)| format!("{}={n}", r.code()))
                .collect();
            audit::append(
                &tx,
                &self.keys.audit,
                audit::AuditAction::Quarantine,
                None,
                None,
                Some(&format!("sync refused {}", reasons.join(" "))),
            )?;
        }
        // Nothing is kept of a record restricted to other devices, not even its seqs.
        for entry in incoming
            .iter()
            .filter(|e| !withheld.contains(&e.record_id.0))
        {
            note_seq(&tx, &entry.record_id, entry.kind, entry.seq)?;
        }
        for id in &resnaps {
            due_snapshot(&tx, id)?;
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
/// Returns what it did, the ids of the records restricted to other devices, and the
/// records due a snapshot (see `Outcome::Write::resnap`).
fn apply(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    me: Me<'_>,
    incoming: &[Incoming],
    authority: &dyn Authority,
) -> Result<(Applied, BTreeSet<[u8; 16]>, Vec<RecordId>)> {
    let mut jobs: Vec<Job<'_>> = Vec::new();
    let mut index: HashMap<RecordId, usize> = HashMap::new();
    for entry in incoming {
        let at = *index.entry(entry.record_id).or_insert_with(|| {
            jobs.push(Job {
                id: entry.record_id,
                entries: Vec::new(),
                row: None,
                others: Vec::new(),
                access: None,
            });
            jobs.len() - 1
        });
        jobs[at].entries.push(entry);
    }
    for job in &mut jobs {
        job.row = read_row(tx, &job.id)?;
        if job.row.is_some() {
            job.others = generations::read_others(tx, &job.id)?;
            job.access = access::read_access(tx, &job.id)?;
        }
    }
    let mut withheld = access::read_withheld(tx, keys)?;
    let outcomes = {
        let withheld = &withheld;
        run_jobs(&jobs, |job| {
            work(keys, device, me, withheld, job, authority)
        })
    };
    let mut applied = Applied::default();
    let now = time::now_ms();
    let before = withheld.clone();
    let mut resnaps = Vec::new();
    let mut signed = Vec::new();
    for (job, outcome) in jobs.iter().zip(outcomes) {
        let (outcome, rejected) = outcome?;
        applied.rejected += rejected.total();
        applied.rejected_by.absorb(rejected);
        if let Outcome::Erase { signature, .. } = &outcome {
            signed.push((job.id, signature.clone()));
        }
        match &outcome {
            Outcome::Withhold { .. } => withheld.insert(job.id.0),
            Outcome::Nothing => false,
            Outcome::Erase { .. } | Outcome::Write { .. } => withheld.remove(&job.id.0),
        };
        if let Outcome::Write { resnap: true, .. } = &outcome {
            resnaps.push(job.id);
        }
        write(tx, keys, &job.id, outcome, now, &mut applied)?;
    }
    if withheld != before {
        access::write_withheld(tx, keys, &withheld)?;
    }
    remember_signed(tx, keys, &signed)?;
    Ok((applied, withheld, resnaps))
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
    /// The record's stored generations other than the current one, wrapped.
    others: Vec<(u32, Vec<u8>)>,
    /// Its stored access (`records.access`), sealed.
    access: Option<Vec<u8>>,
}

/// What applying a record's entries comes to.
enum Outcome {
    /// Nothing to write (entries already known, or all rejected).
    Nothing,
    /// A valid tombstone: erase the record; `here` if this device had it. The
    /// tombstone's signature is kept among the signed erasures.
    Erase {
        here: bool,
        kind: Option<Kind>,
        signature: Vec<u8>,
    },
    /// The record is restricted to other devices: delete whatever this device had of
    /// it (`here`: it had the record) and skip its later entries.
    Withhold { here: bool, kind: Option<Kind> },
    /// The record's new state, sealed.
    Write {
        kind: Kind,
        epoch: u32,
        body: Vec<u8>,
        summary: Vec<u8>,
        /// The record is new to this device.
        created: bool,
        /// The wrapped data key of the current generation, if it is new here (a
        /// record new to this device, or a newer generation another device started).
        wrapped: Option<Vec<u8>>,
        /// Other generations learned here, wrapped, to keep in `record_keys`.
        others: Vec<(u32, Vec<u8>)>,
        /// The record's access, sealed, with `wrapped` (the generation's).
        access: Option<Vec<u8>>,
        /// What this device held of the record goes first (it was restricted to other
        /// devices, then opened to this one again in the same batch).
        replace: bool,
        /// A change sealed before a change of access was merged: the devices given
        /// access by it cannot open that change, so the record is due a snapshot
        /// (sealed under its current generation) at the supervisor's next compaction.
        resnap: bool,
    },
}

struct Open {
    kind: Kind,
    /// Who may read the current generation (its serial orders generations).
    access: Access,
    /// The current generation: seals the body (its epoch is the row's).
    current: Generation,
    /// The record's other generations, to open what was sealed with them.
    others: Vec<Generation>,
    /// How many of `others` (from the end) were learned in this batch.
    learned: usize,
    /// The current generation was learned in this batch.
    switched: bool,
    doc: RecordDoc,
    created: bool,
}

impl Open {
    /// Whether a generation of `serial` and `epoch` is newer than the current one: a
    /// later decision on access first, then a later team key.
    fn older_than(&self, serial: u32, epoch: u32) -> bool {
        (serial, epoch) > (self.access.serial, self.current.epoch)
    }

    /// Takes a generation announced by a key entry: the current one if it is newer
    /// (the old current is kept to open older changes), another one otherwise.
    /// Returns whether it was new here.
    fn learn(&mut self, g: Generation, access: Access) -> bool {
        if self.current.same_key(&g.key) || self.others.iter().any(|o| o.same_key(&g.key)) {
            return false;
        }
        if self.older_than(access.serial, g.epoch) {
            let old = std::mem::replace(&mut self.current, g);
            self.others.push(old);
            self.access = access;
            self.switched = true;
        } else {
            self.others.push(g);
        }
        self.learned += 1;
        true
    }
}

/// Whether a key entry may be taken (see `super::authority`): the compact form of an
/// open record needs no signature; a signed one needs a supervisor's (or, for an audit
/// trail, its device's), or keeps the access `held` here (same serial, no reader added
/// but the roster's supervisors) and is signed by a device it lists (any team device
/// for a record open to the team).
fn authorised(
    authority: &dyn Authority,
    device: &[u8; 16],
    id: &RecordId,
    k: &KeyEntry,
    held: Option<&Access>,
) -> bool {
    let Some(signed) = &k.signed else {
        return true;
    };
    if authority.decides_access(id, &signed.input, &signed.signature) {
        return true;
    }
    let Some(held) = held else {
        // Nothing of the record here: a reader's new generation that lists this device
        // is taken only by a supervisor of the roster, whom every generation lists (a
        // supervisor named since the record's readers were last decided, or after a
        // recovery). It still makes no copy from changes whose history it lacks.
        return k.readers.contains(device)
            && authority.is_supervisor(device)
            && authority.member_signed(Some(&k.readers), &signed.input, &signed.signature);
    };
    if held.serial != k.serial {
        return false;
    }
    match &held.readers {
        None if k.readers.is_empty() => {
            authority.member_signed(None, &signed.input, &signed.signature)
        }
        Some(readers)
            if !k.readers.is_empty()
                && k.readers.iter().all(|r| {
                    readers.iter().any(|h| h.device_id == *r) || authority.is_supervisor(r)
                }) =>
        {
            authority.member_signed(Some(&k.readers), &signed.input, &signed.signature)
        }
        _ => false,
    }
}

/// The CPU-bound part: decrypt, merge, save, summarise, seal. No database access.
/// Returns the outcome and the entries rejected, by reason.
fn work(
    keys: &Keys,
    device: &[u8; 16],
    me: Me<'_>,
    withheld: &BTreeSet<[u8; 16]>,
    job: &Job<'_>,
    authority: &dyn Authority,
) -> Result<(Outcome, Rejections)> {
    let id = &job.id;
    let mut rejected = Rejections::default();
    let mut open: Option<Open> = None;
    let mut changed = false;
    // A key entry restricting the record to other devices was met (newer than what
    // this device held): nothing of the record is kept, unless a later entry opens it
    // to this device again.
    let mut dropped = false;
    // The record as JSON once merged and checked, for its summary.
    let mut json: Option<serde_json::Value> = None;
    // Decrypted changes of the record, merged together at the end: Automerge applies
    // a batch in one pass over the document instead of one pass per change.
    let mut changes: Vec<Pulled> = Vec::new();
    // A change was sealed under an older generation than a change of access.
    let mut resnap = false;
    for entry in &job.entries {
        match entry.kind {
            EntryKind::Key => {
                let Some(k) = open_key_entry(keys, me, id, &entry.ciphertext) else {
                    rejected.add(Rejection::Unreadable);
                    continue;
                };
                if open.is_none() && job.row.is_some() && !dropped {
                    open = Some(open_existing(keys, device, job)?);
                }
                if !authorised(authority, device, id, &k, open.as_ref().map(|o| &o.access)) {
                    // A device that holds nothing of the record and is not given it
                    // loses nothing to it, and keeps nothing of the record (as for one
                    // restricted to others; a later generation for it brings it).
                    // Otherwise refused, and counted.
                    if open.is_some() || k.key.is_some() {
                        rejected.add(Rejection::ForgedAccess);
                    } else {
                        dropped = true;
                    }
                    continue;
                }
                let Some(key) = k.key else {
                    // Restricted to other devices: unless this device already holds
                    // a later generation, it keeps nothing of the record.
                    if open
                        .as_ref()
                        .is_none_or(|o| o.older_than(k.serial, k.epoch))
                    {
                        open = None;
                        changes.clear();
                        json = None;
                        changed = false;
                        dropped = true;
                    }
                    continue;
                };
                let g = Generation {
                    epoch: k.epoch,
                    key,
                };
                let access = Access {
                    serial: k.serial,
                    readers: (!k.readers.is_empty()).then(|| access::unkeyed(&k.readers)),
                };
                match open.as_mut() {
                    // A new generation of a record this device has.
                    Some(o) if o.kind == k.kind => changed |= o.learn(g, access),
                    Some(_) => rejected.add(Rejection::Unreadable),
                    None => {
                        open = Some(Open {
                            kind: k.kind,
                            access,
                            current: g,
                            others: Vec::new(),
                            learned: 0,
                            switched: false,
                            doc: RecordDoc::new(device),
                            created: true,
                        });
                        changed = true;
                    }
                }
            }
            EntryKind::Change | EntryKind::Snapshot { .. } => {
                if open.is_none() && job.row.is_some() && !dropped {
                    open = Some(open_existing(keys, device, job)?);
                }
                let Some(o) = open.as_mut() else {
                    // A record restricted to other devices is skipped, not refused.
                    if !dropped && !withheld.contains(&id.0) {
                        rejected.add(Rejection::UnknownRecord);
                    }
                    continue;
                };
                let current = std::iter::once(&o.current);
                let opened = generations::open_change(id, o.kind, current, &entry.ciphertext)
                    .or_else(|| {
                        let older = o.others.iter().rev();
                        let bytes = generations::open_change(id, o.kind, older, &entry.ciphertext);
                        // Sealed under a generation before a change of access: a device
                        // given access since may not have it (see `resnap`).
                        resnap |= bytes.is_some() && o.access.serial > 0;
                        bytes
                    });
                match opened {
                    Some(bytes) => changes.push(Pulled {
                        author: entry.author,
                        snapshot: matches!(entry.kind, EntryKind::Snapshot { .. }),
                        bytes,
                    }),
                    None => rejected.add(Rejection::Unreadable),
                }
            }
            EntryKind::Tombstone => {
                if let Some(signature) = tombstone_signature(keys, id, &entry.ciphertext, authority)
                {
                    let kind = match (&open, &job.row) {
                        (Some(o), _) => Some(o.kind),
                        (None, Some(row)) => row.kind(),
                        (None, None) => None,
                    };
                    let here = open.is_some() || job.row.is_some();
                    let erase = Outcome::Erase {
                        here,
                        kind,
                        signature,
                    };
                    return Ok((erase, rejected));
                }
                rejected.add(Rejection::ForgedTombstone);
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
        merged.rejected.iter().for_each(|r| rejected.add(*r));
        json = merged.json;
    }
    // A record new here whose changes wait for history this device was never given
    // (sealed under a generation it is not a reader of, e.g. a supervisor that a
    // recovery brought, reached by an operator's edit): nothing is created, rather
    // than a record missing the fields written before.
    if open
        .as_mut()
        .is_some_and(|o| o.created && o.doc.waiting_for_history())
    {
        return Ok((Outcome::Nothing, rejected));
    }
    let replace = dropped && job.row.is_some();
    let Some(mut o) = open.filter(|_| changed || replace) else {
        if dropped {
            let here = job.row.is_some();
            let kind = job.row.as_ref().and_then(RecordRow::kind);
            return Ok((Outcome::Withhold { here, kind }, rejected));
        }
        return Ok((Outcome::Nothing, rejected));
    };
    let record_aad = crypto::record_aad(&id.0, o.kind.as_u8(), o.current.epoch);
    let body = crypto::seal(&o.current.key, &record_aad, &o.doc.save())?;
    let json = json.unwrap_or_else(|| o.doc.to_json());
    let summary = seal_summary(keys, id, o.kind, &json)?;
    let (wrapped, sealed_access) = if o.created || o.switched {
        (
            Some(generations::wrap(keys, id, o.kind, &o.current)?),
            access::seal_access(keys, id, &o.access)?,
        )
    } else {
        (None, None)
    };
    // Every generation of a new record is new here; otherwise the ones learned.
    let fresh = if o.created { o.others.len() } else { o.learned };
    let others = o.others[o.others.len() - fresh.min(o.others.len())..]
        .iter()
        .map(|g| Ok((g.epoch, generations::wrap(keys, id, o.kind, g)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok((
        Outcome::Write {
            kind: o.kind,
            epoch: o.current.epoch,
            body,
            summary,
            created: o.created,
            wrapped,
            others,
            access: sealed_access,
            replace,
            resnap,
        },
        rejected,
    ))
}

/// Opens a record this device has, with its generations, for a batch.
fn open_existing(keys: &Keys, device: &[u8; 16], job: &Job<'_>) -> Result<Open> {
    let row = job.row.as_ref().ok_or(crate::StoreError::NotFound)?;
    let (loaded, key) = open_row(keys, device, &job.id, row)?;
    Ok(Open {
        kind: loaded.kind,
        access: access::open_access(keys, &job.id, job.access.as_deref())?,
        current: Generation {
            epoch: loaded.epoch,
            key,
        },
        others: generations::unwrap_others(keys, &job.id, loaded.kind, &job.others)?,
        learned: 0,
        switched: false,
        doc: loaded.doc,
        created: false,
    })
}

/// Keeps generations learned from the team in `record_keys`.
fn store_others(tx: &Connection, id: &RecordId, others: &[(u32, Vec<u8>)]) -> Result<()> {
    let mut insert =
        tx.prepare_cached("INSERT INTO record_keys(id, epoch, wrapped) VALUES (?1, ?2, ?3)")?;
    for (epoch, wrapped) in others {
        insert.execute(params![&id.0, epoch, wrapped])?;
    }
    Ok(())
}

/// Deletes a record's row, summary, queued entries and data keys (zeroed in place:
/// `secure_delete`).
fn forget(tx: &Connection, id: &RecordId) -> Result<()> {
    tx.execute("DELETE FROM records WHERE id = ?1", [&id.0])?;
    tx.execute("DELETE FROM summaries WHERE id = ?1", [&id.0])?;
    tx.execute("DELETE FROM outbox WHERE record_id = ?1", [&id.0])?;
    tx.execute("DELETE FROM record_keys WHERE id = ?1", [&id.0])?;
    Ok(())
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
        Outcome::Withhold { here, kind } => {
            forget(tx, id)?;
            tx.execute("DELETE FROM record_sync WHERE id = ?1", [&id.0])?;
            if here {
                // Crypto-shredded like an erasure; the log says why, nothing more.
                audit::append(
                    tx,
                    &keys.audit,
                    audit::AuditAction::Erase,
                    kind,
                    Some(id),
                    Some("restricted"),
                )?;
                applied.withheld += 1;
            }
        }
        Outcome::Erase { here, kind, .. } => {
            forget(tx, id)?;
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
            created: true,
            wrapped: Some(wrapped),
            others,
            access,
            replace,
            ..
        } => {
            if replace {
                forget(tx, id)?;
            }
            store_others(tx, id, &others)?;
            tx.prepare_cached(
                "INSERT INTO records(id, kind, epoch, created, updated, wrapped_key, body, access) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![&id.0, kind.as_u8(), epoch, now, wrapped, body, access])?;
            tx.prepare_cached(
                "INSERT INTO summaries(id, kind, updated, summary) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![&id.0, kind.as_u8(), now, summary])?;
            applied.created += 1;
        }
        Outcome::Write {
            epoch,
            body,
            summary,
            wrapped,
            others,
            access,
            ..
        } => {
            store_others(tx, id, &others)?;
            match wrapped {
                Some(wrapped) => tx
                    .prepare_cached(
                        "UPDATE records SET epoch = ?2, wrapped_key = ?3, body = ?4, updated = ?5, access = ?6 WHERE id = ?1",
                    )?
                    .execute(params![&id.0, epoch, wrapped, body, now, access])?,
                None => tx
                    .prepare_cached("UPDATE records SET body = ?2, updated = ?3 WHERE id = ?1")?
                    .execute(params![&id.0, body, now])?,
            };
            tx.prepare_cached("UPDATE summaries SET summary = ?2, updated = ?3 WHERE id = ?1")?
                .execute(params![&id.0, summary, now])?;
            applied.updated += 1;
        }
    }
    Ok(())
}
