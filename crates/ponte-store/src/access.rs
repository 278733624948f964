//! Need-to-know records: who may read a record.
//!
//! A record is open to the team (its key entries carry its data key sealed with the
//! team key) or restricted to listed devices (its key entries carry the data key
//! sealed to each listed device's X25519 key, inside the same team-key seal, padded
//! to the same size: see `sync::team_keys`). Restricting, changing the list or
//! lifting it starts a new data-key generation ([`Store::restrict`]): a fresh key,
//! the record's whole document sealed with it for the readers, so a device taken off
//! the list reads nothing written afterwards.
//!
//! Each change of who may read a record raises its *access serial*, carried in the key
//! entry: generations are ordered by `(serial, epoch)`, so the latest decision on
//! access wins over a lazy generation started after a team key rotation, which keeps
//! the serial and the list (`crate::generations`). A record's serial and readers are
//! kept in `records.access`, sealed with the index key (NULL: open, serial 0).
//!
//! Readers' X25519 keys come from the verified roster this device holds (the sealed
//! `roster` setting, written by the sync crate once it has checked the chain): a
//! device no longer in the roster is not wrapped for again, and every supervisor of
//! the roster is always a reader, so a deputy can manage the record. A store with no
//! roster (no team) uses the keys it was given.
//!
//! A device the key entry does not list keeps nothing of the record: the sync apply
//! deletes what it had (audited as "restricted") and remembers the record's id in the
//! sealed `withheld` setting, so the record's later entries are skipped without being
//! reported as refused.

use std::collections::BTreeSet;

use ponte_crypto::{self as crypto, SecretKey};
use ponte_model::Kind;
use ponte_proto::{Role, SignedRoster};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use zeroize::Zeroizing;

use crate::aad::{access_aad, change_aad};
use crate::audit::{self, AuditAction};
use crate::generations::{self, Generation};
use crate::keys::Keys;
use crate::row::{load_in, open_row, read_row};
use crate::sync::settings::{open_setting, seal_setting};
use crate::sync::{EntryKind, Grant, MAX_READERS, key_entry, push_entry};
use crate::{RecordId, Result, Store, StoreError, time};

/// A device a restricted record is readable by: its id and X25519 public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reader {
    /// The device id.
    pub device_id: [u8; 16],
    /// Its X25519 public key (all zeros when not known here: it is then taken from
    /// the roster when the record is next wrapped).
    pub agreement_pk: [u8; 32],
}

/// Who may read a record's current generation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Access {
    /// Raised by every change of who may read the record.
    pub(crate) serial: u32,
    /// `None`: the whole team.
    pub(crate) readers: Option<Vec<Reader>>,
}

impl Access {
    /// The grant a key entry of this access carries.
    pub(crate) fn grant(&self) -> Grant<'_> {
        match &self.readers {
            None => Grant::Team,
            Some(readers) => Grant::Only(readers),
        }
    }
}

/// Seals an access for `records.access` (NULL for an open record never restricted).
pub(crate) fn seal_access(keys: &Keys, id: &RecordId, access: &Access) -> Result<Option<Vec<u8>>> {
    if access.serial == 0 && access.readers.is_none() {
        return Ok(None);
    }
    let mut plain = Zeroizing::new(access.serial.to_be_bytes().to_vec());
    if let Some(readers) = &access.readers {
        plain.push(1);
        for r in readers {
            plain.extend_from_slice(&r.device_id);
            plain.extend_from_slice(&r.agreement_pk);
        }
    } else {
        plain.push(0);
    }
    Ok(Some(crypto::seal(&keys.index, &access_aad(id), &plain)?))
}

/// Opens `records.access` as stored.
pub(crate) fn open_access(keys: &Keys, id: &RecordId, sealed: Option<&[u8]>) -> Result<Access> {
    let Some(sealed) = sealed else {
        return Ok(Access::default());
    };
    let plain = crypto::open(&keys.index, &access_aad(id), sealed)?;
    let (head, rest) = plain.split_at_checked(5).ok_or(StoreError::Corrupt)?;
    let serial = u32::from_be_bytes(head[..4].try_into().map_err(|_| StoreError::Corrupt)?);
    let readers = match head[4] {
        0 => None,
        1 if rest.len() % 48 == 0 => Some(
            rest.chunks_exact(48)
                .map(|c| {
                    let (device, pk) = c.split_at(16);
                    Ok(Reader {
                        device_id: device.try_into().map_err(|_| StoreError::Corrupt)?,
                        agreement_pk: pk.try_into().map_err(|_| StoreError::Corrupt)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?,
        ),
        _ => return Err(StoreError::Corrupt),
    };
    Ok(Access { serial, readers })
}

/// A record's stored access, sealed (`None`: no such record or NULL).
pub(crate) fn read_access(conn: &Connection, id: &RecordId) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT access FROM records WHERE id = ?1")?
        .query_row([&id.0], |r| r.get::<_, Option<Vec<u8>>>(0))
        .optional()?
        .flatten())
}

/// The devices of the verified roster this store holds, with their key and whether
/// each is a supervisor (`None`: no roster, no team).
fn roster_devices(conn: &Connection, keys: &Keys) -> Result<Option<Vec<(Reader, bool)>>> {
    let Some(bytes) = open_setting(conn, &keys.master, "roster")? else {
        return Ok(None);
    };
    let roster: SignedRoster = ponte_proto::decode(&bytes).map_err(|_| StoreError::Corrupt)?;
    let body = roster.decode_body().map_err(|_| StoreError::Corrupt)?;
    Ok(Some(
        body.devices
            .iter()
            .filter(|d| d.role != Role::Recovery)
            .map(|d| {
                (
                    Reader {
                        device_id: d.device_id.0,
                        agreement_pk: d.agreement_pk.0,
                    },
                    d.role == Role::Supervisor,
                )
            })
            .collect(),
    ))
}

/// Why a record gets a new generation through [`Store::restrict_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    /// A supervisor's decision: restrict, change the list, lift.
    Decision,
    /// This device's audit trail, re-wrapped for the roster's supervisors.
    Trail,
    /// A restricted record re-wrapped for the roster's supervisors by a listed
    /// supervisor's device.
    Rewrap,
}

/// The readers to wrap a record's new generation for: the ones asked for, this device,
/// and (with a roster) every supervisor, with keys from the roster; a device no longer
/// in the roster is left out, and so is one whose key is not known. Sorted by id.
pub(crate) fn readers_for(
    conn: &Connection,
    keys: &Keys,
    me: Option<&Reader>,
    asked: &[Reader],
    strict: bool,
) -> Result<Vec<Reader>> {
    let mut out: Vec<Reader> = Vec::new();
    let mut add = |r: Reader| {
        if !out.iter().any(|o| o.device_id == r.device_id) {
            out.push(r);
        }
    };
    if let Some(me) = me {
        add(*me);
    }
    match roster_devices(conn, keys)? {
        Some(roster) => {
            for r in asked {
                match roster.iter().find(|(d, _)| d.device_id == r.device_id) {
                    Some((d, _)) => add(*d),
                    None if strict => return Err(StoreError::NotInRoster),
                    None => {}
                }
            }
            roster
                .iter()
                .filter(|(_, supervisor)| *supervisor)
                .for_each(|(d, _)| add(*d));
        }
        None => asked
            .iter()
            .filter(|r| r.agreement_pk != [0; 32])
            .for_each(|r| add(*r)),
    }
    if out.len() > MAX_READERS {
        return Err(StoreError::TooManyReaders);
    }
    if out.is_empty() {
        // An empty list would read as "the whole team".
        return Err(StoreError::NotInRoster);
    }
    out.sort_by_key(|r| r.device_id);
    Ok(out)
}

/// Readers known only by id (from a key entry): keys filled in when next wrapped.
pub(crate) fn unkeyed(ids: &[[u8; 16]]) -> Vec<Reader> {
    ids.iter()
        .map(|id| Reader {
            device_id: *id,
            agreement_pk: [0; 32],
        })
        .collect()
}

/// The ids of records restricted to other devices, sealed as the `withheld` setting.
pub(crate) fn read_withheld(conn: &Connection, keys: &Keys) -> Result<BTreeSet<[u8; 16]>> {
    let Some(plain) = open_setting(conn, &keys.master, "withheld")? else {
        return Ok(BTreeSet::new());
    };
    if plain.len() % 16 != 0 {
        return Err(StoreError::Corrupt);
    }
    Ok(plain
        .chunks_exact(16)
        .filter_map(|c| c.try_into().ok())
        .collect())
}

/// Stores the ids of records restricted to other devices.
pub(crate) fn write_withheld(
    conn: &Connection,
    keys: &Keys,
    ids: &BTreeSet<[u8; 16]>,
) -> Result<()> {
    let plain = Zeroizing::new(ids.iter().flatten().copied().collect::<Vec<u8>>());
    seal_setting(conn, &keys.master, "withheld", &plain)
}

impl Store {
    /// Restrict a record to `readers` (plus this device and, in a team, every
    /// supervisor), change its list, or lift the restriction (`None`), in one
    /// transaction: a new data-key generation is started, announced by a key entry
    /// (for the team, or wrapped for each reader) and followed by the whole document
    /// sealed with it, so a device taken off the list reads nothing written
    /// afterwards, and one added gets the record whole. A record never sent to the
    /// team yet goes out only in its new form (its queued entries are replaced), so
    /// the relay never holds it open. The readers' keys come from the roster; a
    /// device not in it is refused ([`StoreError::NotInRoster`]).
    pub fn restrict(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        readers: Option<&[Reader]>,
    ) -> Result<()> {
        self.restrict_with(id, expected, readers, Why::Decision)
    }

    /// Re-wrap, on a supervisor's device listed as a reader, every restricted record
    /// whose current generation lacks a supervisor of the roster (a deputy named after
    /// the record was restricted): a new generation for the same readers and the
    /// roster's supervisors (a device no longer in the roster left out), with the whole
    /// document sealed under it as a snapshot, as a change of list makes, so the new
    /// supervisor reads the record at its next sync. The readers it adds are the ones
    /// every generation must have; nobody else is added. Only a supervisor's device
    /// does it: the whole document holds other devices' changes, which only a
    /// supervisor's snapshot may carry. Returns how many were re-wrapped. Nothing
    /// without a roster, or on another role's device.
    pub fn rewrap_restricted(&mut self) -> Result<usize> {
        let Some(roster) = roster_devices(&self.conn, &self.keys)? else {
            return Ok(0);
        };
        if !roster
            .iter()
            .any(|(d, supervisor)| *supervisor && d.device_id == self.device_id)
        {
            return Ok(0);
        }
        let supervisors: BTreeSet<[u8; 16]> = roster
            .iter()
            .filter(|(_, supervisor)| *supervisor)
            .map(|(d, _)| d.device_id)
            .collect();
        let rows: Vec<([u8; 16], Vec<u8>)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, access FROM records WHERE access IS NOT NULL AND kind != ?1",
            )?;
            let rows = stmt.query_map([Kind::Audit.as_u8()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let mut rewrapped = 0;
        // This device as a reader, worked out once, when a record needs it.
        let mut me: Option<Reader> = None;
        for (id, sealed) in rows {
            let id = RecordId(id);
            let Some(readers) = open_access(&self.keys, &id, Some(&sealed))?.readers else {
                continue;
            };
            let held: BTreeSet<[u8; 16]> = readers.iter().map(|r| r.device_id).collect();
            if supervisors.is_subset(&held) || !held.contains(&self.device_id) {
                continue;
            }
            let me = match me {
                Some(me) => me,
                None => *me.insert(Reader {
                    device_id: self.device_id,
                    agreement_pk: self.agreement_key()?.public_key(),
                }),
            };
            let wanted = readers_for(&self.conn, &self.keys, Some(&me), &readers, false)?;
            self.restrict_with(&id, None, Some(&wanted), Why::Rewrap)?;
            rewrapped += 1;
        }
        Ok(rewrapped)
    }

    /// [`Store::restrict`], for a decision on access, this device's audit trail
    /// (`crate::audit_trail`, which the record commands refuse, re-wrapped for the
    /// supervisors of the roster, and not audited: writing the trail never is), or a
    /// re-wrap for the roster's supervisors ([`Store::rewrap_restricted`]).
    pub(crate) fn restrict_with(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        readers: Option<&[Reader]>,
        why: Why,
    ) -> Result<()> {
        let trail = why == Why::Trail;
        let signer = self.signing_key()?;
        let me = Reader {
            device_id: self.device_id,
            agreement_pk: self.agreement_key()?.public_key(),
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (mut loaded, old_key) = if trail {
            let row = read_row(&tx, id)?.ok_or(StoreError::NotFound)?;
            open_row(&self.keys, &self.device_id, id, &row)?
        } else {
            load_in(&tx, &self.keys, &self.device_id, id)?
        };
        if expected.is_some_and(|k| k != loaded.kind) {
            return Err(StoreError::WrongKind);
        }
        let before = open_access(&self.keys, id, read_access(&tx, id)?.as_deref())?;
        let access = Access {
            serial: before.serial.checked_add(1).ok_or(StoreError::Corrupt)?,
            readers: readers
                .map(|asked| readers_for(&tx, &self.keys, Some(&me), asked, true))
                .transpose()?,
        };
        let team = self.keys.current_team()?;
        let fresh = Generation {
            epoch: team.epoch,
            key: SecretKey::generate()?,
        };
        // Never sent: nothing of it is on the relay, nor will be under the old key.
        let sent: Option<i64> = tx
            .query_row(
                "SELECT MIN(last_seq, COALESCE((SELECT value FROM sync_state WHERE key = 'cursor'), 0))
                 FROM record_sync WHERE id = ?1",
                [&id.0],
                |r| r.get(0),
            )
            .optional()?;
        if sent.is_none() {
            tx.execute("DELETE FROM outbox WHERE record_id = ?1", [&id.0])?;
        } else {
            let old = Generation {
                epoch: loaded.epoch,
                key: old_key,
            };
            generations::store_other(&tx, &self.keys, id, loaded.kind, &old)?;
        }
        let saved = loaded.doc.save();
        let record_aad = crypto::record_aad(&id.0, loaded.kind.as_u8(), fresh.epoch);
        let now = time::now_ms();
        tx.execute(
            "UPDATE records SET epoch = ?2, wrapped_key = ?3, body = ?4, access = ?5, updated = ?6
             WHERE id = ?1",
            params![
                &id.0,
                fresh.epoch,
                generations::wrap(&self.keys, id, loaded.kind, &fresh)?,
                crypto::seal(&fresh.key, &record_aad, &saved)?,
                seal_access(&self.keys, id, &access)?,
                now
            ],
        )?;
        let entry = key_entry(
            team,
            id,
            loaded.kind,
            access.serial,
            &fresh.key,
            access.grant(),
            Some(&signer),
        )?;
        push_entry(&tx, id, EntryKind::Key, &entry, now)?;
        let whole = crypto::seal(
            &fresh.key,
            &change_aad(id, loaded.kind, fresh.epoch),
            &saved,
        )?;
        if whole.len() > ponte_proto::limits::MAX_CIPHERTEXT_BYTES {
            return Err(StoreError::TooLargeToSync);
        }
        // A record never sent holds only this device's changes: its whole document
        // goes as a change, as a new record's would. Otherwise as a snapshot (which
        // holds the team's changes), covering what this device has applied: the
        // relay drops the changes sealed under the old key.
        let kind = match sent {
            None => EntryKind::Change,
            // A trail is re-wrapped by its own device, whatever its role, and the relay
            // takes snapshots only from supervisors: its whole document (written by
            // that device alone) goes as a change, which drops nothing on the relay.
            Some(_) if why == Why::Trail => EntryKind::Change,
            Some(covers) => EntryKind::Snapshot {
                covers: u64::try_from(covers).unwrap_or(0),
            },
        };
        push_entry(&tx, id, kind, &whole, now)?;
        let detail = match (&access.readers, why) {
            (None, _) => "access=team".to_owned(),
            (Some(r), Why::Rewrap) => {
                format!("access=restricted readers={} for=supervisors", r.len())
            }
            (Some(r), _) => format!("access=restricted readers={}", r.len()),
        };
        if !trail {
            audit::append(
                &tx,
                &self.keys.audit,
                AuditAction::Edit,
                Some(loaded.kind),
                Some(id),
                Some(&detail),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The devices a record is restricted to (sorted ids), or `None` if it is open to
    /// the team. [`StoreError::NotFound`] if this device has no such record.
    pub fn readers(&self, id: &RecordId) -> Result<Option<Vec<[u8; 16]>>> {
        let exists: bool = self
            .conn
            .prepare_cached("SELECT 1 FROM records WHERE id = ?1")?
            .exists([&id.0])?;
        if !exists {
            return Err(StoreError::NotFound);
        }
        let access = open_access(&self.keys, id, read_access(&self.conn, id)?.as_deref())?;
        Ok(access
            .readers
            .map(|r| r.iter().map(|r| r.device_id).collect()))
    }
}
