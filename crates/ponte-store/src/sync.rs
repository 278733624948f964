//! The store's side of sync, transport-free: what to push (the outbox, already
//! sealed), applying what was pulled in one transaction with the cursor, team keys,
//! and small sealed settings.
//!
//! Entry payloads (what the relay stores, opaque to it):
//!
//! | kind | ciphertext |
//! |---|---|
//! | key | `epoch (u32 BE) ‖ seal(team key[epoch], aad(record, epoch), kind ‖ data key)` |
//! | change | `seal(data key, aad(record, kind, epoch), Automerge change)` |
//! | snapshot | `seal(data key, aad(record, kind, epoch), whole Automerge document)` |
//! | tombstone | `epoch ‖ seal(team key[epoch], aad(record), supervisor's Ed25519 signature of the erasure)` |
//!
//! A device learns a record from its key entry (pushed before the record's first
//! change), so it never needs the relay to tell it a record's kind.

use std::collections::HashMap;

use ponte_crypto::{self as crypto, SecretKey, TeamKey};
use ponte_doc::RecordDoc;
use ponte_model::Kind;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use zeroize::Zeroizing;

use crate::{
    Keys, RecordId, Result, Store, StoreError, audit, change_aad, keyring_aad, seal_summary, time,
};

/// Kind of a sync entry, as stored in the outbox and on the relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A record's data key, wrapped by the team key.
    Key,
    /// An Automerge change.
    Change,
    /// A whole Automerge document covering the record's entries up to `covers`.
    Snapshot {
        /// Highest relay seq of the record the snapshot includes.
        covers: u64,
    },
    /// The record was erased by the supervisor.
    Tombstone,
}

impl EntryKind {
    pub(crate) fn code(self) -> (i64, Option<i64>) {
        match self {
            EntryKind::Key => (1, None),
            EntryKind::Change => (2, None),
            EntryKind::Snapshot { covers } => (3, Some(i64::try_from(covers).unwrap_or(i64::MAX))),
            EntryKind::Tombstone => (4, None),
        }
    }
    fn from_code(code: i64, covers: Option<i64>) -> Result<EntryKind> {
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
}

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

/// Verifies a tombstone's signature: (record id, signature) -> valid. The store does
/// not know the roster; the sync engine does.
pub type TombstoneCheck<'a> = &'a (dyn Fn(&RecordId, &[u8]) -> bool + Sync);

fn key_entry_aad(id: &RecordId, epoch: u32) -> Vec<u8> {
    [
        b"ponte/key-entry/v1".as_slice(),
        &id.0,
        &epoch.to_be_bytes(),
    ]
    .concat()
}

fn tombstone_aad(id: &RecordId) -> Vec<u8> {
    [b"ponte/tombstone/v1".as_slice(), &id.0].concat()
}

/// What the supervisor signs to erase a record: binds team and record.
pub fn tombstone_signing_input(team_id: &[u8; 16], id: &RecordId) -> Vec<u8> {
    [b"ponte/erase/v1".as_slice(), team_id, &id.0].concat()
}

pub(crate) fn key_entry(
    team: &TeamKey,
    id: &RecordId,
    kind: Kind,
    data_key: &SecretKey,
) -> Result<Vec<u8>> {
    let mut plain = Zeroizing::new(Vec::with_capacity(33));
    plain.push(kind.as_u8());
    plain.extend_from_slice(data_key.expose());
    let sealed = crypto::seal(team.key(), &key_entry_aad(id, team.epoch), &plain)?;
    Ok([team.epoch.to_be_bytes().as_slice(), &sealed].concat())
}

fn split_epoch(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (head, rest) = bytes.split_at_checked(4)?;
    Some((u32::from_be_bytes(head.try_into().ok()?), rest))
}

pub(crate) fn push_entry(
    tx: &Connection,
    id: &RecordId,
    kind: EntryKind,
    ciphertext: &[u8],
    now: i64,
) -> Result<()> {
    let (code, covers) = kind.code();
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
                kind: EntryKind::from_code(code, covers)?,
                ciphertext,
            });
        }
        Ok(out)
    }

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
                    note_seq(
                        &tx,
                        &RecordId(id),
                        EntryKind::from_code(code, covers)?,
                        *seq,
                    )?;
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

    /// Queue a snapshot of every record with at least `threshold` changes on the relay
    /// since its last snapshot, so the relay can drop them (compaction) and a new
    /// device downloads one entry per record instead of its history. A snapshot covers
    /// only seqs this device has certainly applied: at most its cursor. Returns how
    /// many were queued.
    pub fn queue_snapshots(&mut self, threshold: u32) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let cursor: i64 = tx
            .query_row(
                "SELECT value FROM sync_state WHERE key = 'cursor'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        let due: Vec<([u8; 16], i64)> = {
            let mut stmt = tx.prepare(
                "SELECT id, MIN(last_seq, ?2) FROM record_sync
                 WHERE since_snapshot >= ?1 AND id NOT IN (SELECT record_id FROM outbox)",
            )?;
            let rows =
                stmt.query_map(params![threshold, cursor], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let now = time::now_ms();
        let mut queued = 0;
        for (id, covers) in due {
            let id = RecordId(id);
            let Some(row) = crate::read_row(&tx, &id)? else {
                continue;
            };
            let (mut loaded, data_key) = crate::open_row(&self.keys, &self.device_id, &id, &row)?;
            let covers = u64::try_from(covers).unwrap_or(0);
            if covers == 0 {
                continue;
            }
            let sealed = crypto::seal(
                &data_key,
                &change_aad(&id, loaded.kind, loaded.epoch),
                &loaded.doc.save(),
            )?;
            push_entry(&tx, &id, EntryKind::Snapshot { covers }, &sealed, now)?;
            tx.execute(
                "UPDATE record_sync SET since_snapshot = 0 WHERE id = ?1",
                [&id.0],
            )?;
            queued += 1;
        }
        tx.commit()?;
        Ok(queued)
    }

    /// Every team key this device holds, by epoch (to seal them to a new device).
    pub fn team_keys(&self) -> Vec<(u32, SecretKey)> {
        self.keys
            .team
            .iter()
            .map(|k| (k.epoch, SecretKey::from_bytes(*k.key().expose())))
            .collect()
    }

    /// The current team key epoch.
    pub fn team_epoch(&self) -> Result<u32> {
        Ok(self.keys.current_team()?.epoch)
    }

    /// Take a team's keys in place of this device's own (on joining, when the
    /// supervisor's roster approves it).
    ///
    /// Records made on this device before that (offline before joining, or while it
    /// waited for approval) are sealed under its own team key: each one's data key is
    /// wrapped again under the team's current key and its body sealed again, and its
    /// pending entries are replaced by a key entry and the whole document, so the
    /// team receives the record as it is. All in one transaction.
    pub fn adopt_team_keys(&mut self, keys: Vec<(u32, SecretKey)>) -> Result<()> {
        let adopted: Vec<TeamKey> = keys
            .into_iter()
            .map(|(e, k)| TeamKey::from_parts(e, k))
            .collect();
        let current = adopted
            .iter()
            .max_by_key(|k| k.epoch)
            .ok_or(StoreError::Corrupt)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let rows: Vec<(RecordId, crate::RecordRow)> = {
            let mut stmt = tx.prepare(concat!(
                "SELECT id, ",
                crate::record_row_columns!(),
                " FROM records"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok((RecordId(r.get(0)?), crate::RecordRow::from_sql(r, 1)?))
            })?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        // Everything pending was sealed for no team: the records go out whole instead.
        tx.execute("DELETE FROM outbox", [])?;
        tx.execute("DELETE FROM record_sync", [])?;
        let now = time::now_ms();
        for (id, row) in rows {
            let kind = row.kind().ok_or(StoreError::Corrupt)?;
            let old_aad = crypto::record_aad(&id.0, kind.as_u8(), row.epoch);
            let data_key =
                crypto::unwrap_key(self.keys.team(row.epoch)?.key(), &old_aad, &row.wrapped)?;
            let doc = crypto::open(&data_key, &old_aad, &row.body)?;
            let new_aad = crypto::record_aad(&id.0, kind.as_u8(), current.epoch);
            tx.execute(
                "UPDATE records SET epoch = ?2, wrapped_key = ?3, body = ?4 WHERE id = ?1",
                params![
                    &id.0,
                    current.epoch,
                    crypto::wrap_key(current.key(), &new_aad, &data_key)?,
                    crypto::seal(&data_key, &new_aad, &doc)?
                ],
            )?;
            push_entry(
                &tx,
                &id,
                EntryKind::Key,
                &key_entry(current, &id, kind, &data_key)?,
                now,
            )?;
            // A whole document merges like a change on the receiving side.
            let change = crypto::seal(&data_key, &change_aad(&id, kind, current.epoch), &doc)?;
            push_entry(&tx, &id, EntryKind::Change, &change, now)?;
        }
        tx.execute("DELETE FROM keyring WHERE name = 'team'", [])?;
        for key in &adopted {
            let sealed = crypto::seal(
                &self.keys.master,
                &keyring_aad("team", key.epoch),
                key.key().expose(),
            )?;
            tx.execute(
                "INSERT INTO keyring(name, epoch, wrapped) VALUES ('team', ?1, ?2)",
                params![key.epoch, sealed],
            )?;
        }
        tx.commit()?;
        self.keys.team = adopted;
        Ok(())
    }

    /// Add team keys received later (after a rotation); existing epochs are kept.
    pub fn add_team_keys(&mut self, keys: Vec<(u32, SecretKey)>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added = Vec::new();
        for (epoch, key) in keys {
            if self.keys.team.iter().any(|k| k.epoch == epoch) {
                continue;
            }
            let sealed =
                crypto::seal(&self.keys.master, &keyring_aad("team", epoch), key.expose())?;
            tx.execute(
                "INSERT INTO keyring(name, epoch, wrapped) VALUES ('team', ?1, ?2)",
                params![epoch, sealed],
            )?;
            added.push(TeamKey::from_parts(epoch, key));
        }
        tx.commit()?;
        self.keys.team.extend(added);
        Ok(())
    }

    /// A new team key with the next epoch (after a revocation); new records use it.
    pub fn rotate_team_key(&mut self) -> Result<u32> {
        let epoch = self.keys.current_team()?.epoch + 1;
        let key = SecretKey::generate()?;
        self.add_team_keys(vec![(epoch, key)])?;
        Ok(epoch)
    }

    /// A small secret setting sealed with the master key (team configuration, invite
    /// secrets). `None` if never set.
    pub fn setting(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let sealed: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT wrapped FROM keyring WHERE name = ?1 AND epoch = 0",
                [format!("setting/{name}")],
                |r| r.get(0),
            )
            .optional()?;
        sealed
            .map(|s| {
                crypto::open(
                    &self.keys.master,
                    &keyring_aad(&format!("setting/{name}"), 0),
                    &s,
                )
            })
            .transpose()
            .map_err(StoreError::from)
    }

    /// Store a sealed setting (replacing it).
    pub fn set_setting(&mut self, name: &str, value: &[u8]) -> Result<()> {
        let full = format!("setting/{name}");
        let sealed = crypto::seal(&self.keys.master, &keyring_aad(&full, 0), value)?;
        self.conn.execute(
            "INSERT INTO keyring(name, epoch, wrapped) VALUES (?1, 0, ?2)
             ON CONFLICT(name, epoch) DO UPDATE SET wrapped = excluded.wrapped",
            params![full, sealed],
        )?;
        Ok(())
    }

    /// Erase a record and queue its tombstone (supervisor): `signature` is the
    /// supervisor's signature of [`tombstone_signing_input`].
    pub fn erase_for_team(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        signature: &[u8],
    ) -> Result<()> {
        let team = self.keys.current_team()?;
        let sealed = crypto::seal(team.key(), &tombstone_aad(id), signature)?;
        let payload = [team.epoch.to_be_bytes().as_slice(), &sealed].concat();
        self.erase_with(id, expected, Some(&payload))
    }
}

/// Remember the highest relay seq of a record and how many changes it has on the
/// relay since its last snapshot (what [`Store::queue_snapshots`] reads).
fn note_seq(tx: &Connection, id: &RecordId, kind: EntryKind, seq: u64) -> Result<()> {
    let seq = i64::try_from(seq).unwrap_or(i64::MAX);
    match kind {
        EntryKind::Tombstone => {
            tx.execute("DELETE FROM record_sync WHERE id = ?1", [&id.0])?;
        }
        EntryKind::Key | EntryKind::Change | EntryKind::Snapshot { .. } => {
            let (bump, reset) = match kind {
                EntryKind::Change => (1, false),
                EntryKind::Snapshot { .. } => (0, true),
                _ => (0, false),
            };
            tx.prepare_cached(
                "INSERT INTO record_sync(id, last_seq, since_snapshot) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq),
                   since_snapshot = CASE WHEN ?4 THEN 0 ELSE since_snapshot + ?3 END",
            )?
            .execute(params![&id.0, seq, bump, reset])?;
        }
    }
    Ok(())
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
        job.row = crate::read_row(tx, &job.id)?;
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
    row: Option<crate::RecordRow>,
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
    // Decrypted changes of the record, merged together at the end: Automerge applies
    // a batch in one pass over the document instead of one pass per change.
    let mut changes: Vec<Zeroizing<Vec<u8>>> = Vec::new();
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
                    let (loaded, data_key) = crate::open_row(keys, device, id, row)?;
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
                    Ok(bytes) => changes.push(bytes),
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
        let mut batch = Zeroizing::new(Vec::with_capacity(changes.iter().map(|c| c.len()).sum()));
        for change in &changes {
            batch.extend_from_slice(change);
        }
        if o.doc.merge_bytes(&batch).is_ok() {
            changed = true;
        } else {
            // Find the bad ones: merge one by one.
            for change in &changes {
                if o.doc.merge_bytes(change).is_ok() {
                    changed = true;
                } else {
                    rejected += 1;
                }
            }
        }
    }
    let Some(mut o) = open.filter(|_| changed) else {
        return Ok((Outcome::Nothing, rejected));
    };
    let record_aad = crypto::record_aad(&id.0, o.kind.as_u8(), o.epoch);
    let body = crypto::seal(&o.data_key, &record_aad, &o.doc.save())?;
    let summary = seal_summary(keys, id, o.kind, &o.doc.to_json())?;
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

fn open_key_entry(keys: &Keys, id: &RecordId, ciphertext: &[u8]) -> Option<(Kind, u32, SecretKey)> {
    let (epoch, sealed) = split_epoch(ciphertext)?;
    let team = keys.team(epoch).ok()?;
    let plain = crypto::open(team.key(), &key_entry_aad(id, epoch), sealed).ok()?;
    let (kind, key) = plain.split_first()?;
    let kind = Kind::from_u8(*kind)?;
    let key: [u8; 32] = key.try_into().ok()?;
    Some((kind, epoch, SecretKey::from_bytes(key)))
}

fn tombstone_valid(
    keys: &Keys,
    id: &RecordId,
    ciphertext: &[u8],
    check: TombstoneCheck<'_>,
) -> bool {
    let Some((epoch, sealed)) = split_epoch(ciphertext) else {
        return false;
    };
    let Ok(team) = keys.team(epoch) else {
        return false;
    };
    crypto::open(team.key(), &tombstone_aad(id), sealed)
        .is_ok_and(|signature| check(id, &signature))
}
