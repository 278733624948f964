//! A record's data-key generations.
//!
//! A record is sealed with a data key wrapped under a team key. When the supervisor
//! removes a device the team key is rotated, but a copy of the removed device still
//! holds the data keys of every record it had. So the first time this device seals
//! anything for a record after it holds a newer team key than the record's (an edit,
//! a snapshot), it starts a new generation: a fresh data key, wrapped under the
//! current team key and announced to the team by a key entry sealed with it, and
//! seals the record's body, that change and every later one with it. Nothing sealed
//! after that can be opened with a key the removed device held.
//!
//! The record's current generation is `records.epoch` and `records.wrapped_key`; the
//! others (older ones, or another device's started at the same epoch) are in
//! `record_keys`, kept to open what was sealed with them. Lazy by design: a rotation
//! itself costs nothing per record, and a record nobody touches afterwards holds
//! nothing new that needs protecting (see ARCHITECTURE.md, "Data-key generations").

use ponte_crypto::{self as crypto, SecretKey};
use ponte_model::Kind;
use rusqlite::{Connection, params};
use zeroize::Zeroizing;

use crate::aad::change_aad;
use crate::access::{self, Access};
use crate::keys::{Keys, signing_key_in};
use crate::sync::{EntryKind, key_entry, push_entry};
use crate::{RecordId, Result};

/// One data key of a record and the team epoch it is wrapped under.
pub(crate) struct Generation {
    /// Team key epoch.
    pub(crate) epoch: u32,
    /// The data key.
    pub(crate) key: SecretKey,
}

impl Generation {
    /// The same key as `other` (the generation is already known).
    pub(crate) fn same_key(&self, other: &SecretKey) -> bool {
        self.key.same_as(other)
    }
}

/// The wrapped generations of a record other than its current one, as stored.
pub(crate) fn read_others(conn: &Connection, id: &RecordId) -> Result<Vec<(u32, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached("SELECT epoch, wrapped FROM record_keys WHERE id = ?1")?;
    let rows = stmt.query_map([&id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Unwraps stored generations (no database access).
pub(crate) fn unwrap_others(
    keys: &Keys,
    id: &RecordId,
    kind: Kind,
    wrapped: &[(u32, Vec<u8>)],
) -> Result<Vec<Generation>> {
    wrapped
        .iter()
        .map(|(epoch, w)| {
            let aad = crypto::record_aad(&id.0, kind.as_u8(), *epoch);
            Ok(Generation {
                epoch: *epoch,
                key: crypto::unwrap_key(keys.team(*epoch)?.key(), &aad, w)?,
            })
        })
        .collect()
}

/// A generation wrapped for storage.
pub(crate) fn wrap(keys: &Keys, id: &RecordId, kind: Kind, g: &Generation) -> Result<Vec<u8>> {
    let aad = crypto::record_aad(&id.0, kind.as_u8(), g.epoch);
    Ok(crypto::wrap_key(keys.team(g.epoch)?.key(), &aad, &g.key)?)
}

/// Stores a generation other than the record's current one.
pub(crate) fn store_other(
    tx: &Connection,
    keys: &Keys,
    id: &RecordId,
    kind: Kind,
    g: &Generation,
) -> Result<()> {
    tx.prepare_cached("INSERT INTO record_keys(id, epoch, wrapped) VALUES (?1, ?2, ?3)")?
        .execute(params![&id.0, g.epoch, wrap(keys, id, kind, g)?])?;
    Ok(())
}

/// Opens a change or snapshot of a record with whichever of its generations sealed
/// it: the current one first, then the others, newest first.
pub(crate) fn open_change<'a>(
    id: &RecordId,
    kind: Kind,
    generations: impl IntoIterator<Item = &'a Generation>,
    ciphertext: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    generations
        .into_iter()
        .find_map(|g| crypto::open(&g.key, &change_aad(id, kind, g.epoch), ciphertext).ok())
}

/// The generation this device must seal a record with now. The record's current one
/// while it is at the team's newest epoch; otherwise a new generation is started in
/// the caller's transaction: its key entry is queued (for the same readers as the
/// current one if the record is restricted, see `crate::access`: the serial is kept,
/// devices no longer in the roster are left out), the old generation kept in
/// `record_keys`, and the row moved to the new one with `body` (the record's saved
/// document) sealed again under it.
pub(crate) fn for_sealing(
    tx: &Connection,
    keys: &Keys,
    id: &RecordId,
    kind: Kind,
    current: Generation,
    body: &[u8],
    now: i64,
) -> Result<Generation> {
    let team = keys.current_team()?;
    if team.epoch <= current.epoch {
        return Ok(current);
    }
    let fresh = Generation {
        epoch: team.epoch,
        key: SecretKey::generate()?,
    };
    let mut access = access::open_access(keys, id, access::read_access(tx, id)?.as_deref())?;
    if let Some(readers) = &access.readers {
        access.readers = Some(access::readers_for(tx, keys, None, readers, false)?);
    }
    store_other(tx, keys, id, kind, &current)?;
    let aad = crypto::record_aad(&id.0, kind.as_u8(), fresh.epoch);
    tx.prepare_cached(
        "UPDATE records SET epoch = ?2, wrapped_key = ?3, body = ?4, access = ?5 WHERE id = ?1",
    )?
    .execute(params![
        &id.0,
        fresh.epoch,
        wrap(keys, id, kind, &fresh)?,
        crypto::seal(&fresh.key, &aad, body)?,
        access::seal_access(keys, id, &access)?
    ])?;
    // A record whose access ever changed: its key entry is signed (`crate::sync`'s
    // `authority`: a reader starting a generation keeps the access it holds).
    let signer = if access == Access::default() {
        None
    } else {
        Some(signing_key_in(tx, keys)?)
    };
    let entry = key_entry(
        team,
        id,
        kind,
        access.serial,
        &fresh.key,
        access.grant(),
        signer.as_ref(),
    )?;
    push_entry(tx, id, EntryKind::Key, &entry, now)?;
    Ok(fresh)
}

impl crate::Store {
    /// Seal again, under a new generation, what this device queued for records whose
    /// generation is older than the team's newest key (edits made before it learned
    /// of a rotation, typically a removal it had not heard of yet): each such record
    /// starts its next generation (as `for_sealing` starts one, its key entry queued first) and
    /// its queued changes and snapshots are opened, sealed again with the new key and
    /// queued after it, in their order. So nothing this device pushes after it learns
    /// of a rotation is sealed with a key a removed device held. A queued entry that
    /// does not open with any of the record's generations is left as it is. Returns how
    /// many records were sealed again. The sync engine calls it before it pushes, and
    /// again when a round brings a new roster.
    pub fn reseal_queued(&mut self) -> Result<usize> {
        let team_epoch = self.keys.current_team()?.epoch;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let stale: Vec<[u8; 16]> = {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT o.record_id FROM outbox o JOIN records r ON r.id = o.record_id
                 WHERE o.kind IN (0, 1) AND r.epoch < ?1",
            )?;
            let rows = stmt.query_map([team_epoch], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let now = crate::time::now_ms();
        for id in &stale {
            reseal_record(&tx, &self.keys, &self.device_id, &RecordId(*id), now)?;
        }
        tx.commit()?;
        Ok(stale.len())
    }
}

/// [`crate::Store::reseal_queued`] for one record, in the caller's transaction.
fn reseal_record(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
    now: i64,
) -> Result<()> {
    let row = crate::row::read_row(tx, id)?.ok_or(crate::StoreError::NotFound)?;
    let (mut loaded, key) = crate::row::open_row(keys, device, id, &row)?;
    let current = Generation {
        epoch: loaded.epoch,
        key,
    };
    let others = unwrap_others(keys, id, loaded.kind, &read_others(tx, id)?)?;
    let queued: Vec<(i64, i64, Option<i64>, Vec<u8>)> = {
        let mut stmt = tx.prepare(
            "SELECT seq, kind, covers, change FROM outbox
             WHERE record_id = ?1 AND kind IN (0, 1) ORDER BY seq",
        )?;
        let rows = stmt.query_map([&id.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    let mut opened = Vec::with_capacity(queued.len());
    for (seq, code, covers, sealed) in queued {
        let generations = std::iter::once(&current).chain(others.iter().rev());
        if let Some(plain) = open_change(id, loaded.kind, generations, &sealed) {
            opened.push((seq, code, covers, plain));
        }
    }
    if opened.is_empty() {
        return Ok(());
    }
    let saved = loaded.doc.save();
    let fresh = for_sealing(tx, keys, id, loaded.kind, current, &saved, now)?;
    let aad = change_aad(id, loaded.kind, fresh.epoch);
    for (seq, code, covers, plain) in opened {
        tx.execute("DELETE FROM outbox WHERE seq = ?1", [seq])?;
        let kind = crate::sync::entry_kind_of(code, covers)?;
        push_entry(tx, id, kind, &crypto::seal(&fresh.key, &aad, &plain)?, now)?;
    }
    Ok(())
}
