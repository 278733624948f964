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
use crate::access;
use crate::keys::Keys;
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
    let entry = key_entry(team, id, kind, access.serial, &fresh.key, access.grant())?;
    push_entry(tx, id, EntryKind::Key, &entry, now)?;
    Ok(fresh)
}
