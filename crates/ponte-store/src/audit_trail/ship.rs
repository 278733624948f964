//! Shipping: the local log's new entries appended to this device's trail as one
//! round, markers where the log does not continue what was shipped, and the trail
//! made (restricted) on first use.

use ponte_crypto::{self as crypto, SecretKey};
use ponte_doc::RecordDoc;
use ponte_model::Kind;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::{Map, Value, json};

use super::round::last_of;
use super::{
    AUDIT_BROKEN, MAX_DETAIL, MAX_SHIP, TRAIL_RESTARTED, TrailEntry, encode_round, trail_entries,
    trail_id,
};
use crate::access::{self, Access, Reader};
use crate::audit::{self, AuditEntry};
use crate::generations::{self, Generation};
use crate::keys::Keys;
use crate::records::push_change;
use crate::row::{open_row, read_row, seal_summary};
use crate::sync::settings::{open_setting, seal_setting};
use crate::sync::{self, EntryKind};
use crate::{RecordId, Result, Store, StoreError, time};

/// Sealed setting: this device has shipped a trail in its team.
const SHIPPED: &str = "audit-trail-shipped";

impl TrailEntry {
    pub(super) fn marker(action: &str, detail: Option<String>) -> TrailEntry {
        TrailEntry {
            n: 0,
            seq: 0,
            at: time::now_ms(),
            action: action.to_owned(),
            kind: None,
            record: None,
            detail,
        }
    }

    fn of_log(entry: &AuditEntry) -> TrailEntry {
        let action = serde_json::to_value(entry.action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        TrailEntry {
            n: 0,
            seq: entry.seq,
            at: entry.at_ms,
            action,
            kind: entry.kind.clone(),
            record: entry.record.clone(),
            detail: entry.detail.as_deref().map(cut),
        }
    }
}

/// `detail` cut to [`MAX_DETAIL`] bytes on a character boundary.
pub(super) fn cut(detail: &str) -> String {
    let mut end = detail.len().min(MAX_DETAIL);
    while !detail.is_char_boundary(end) {
        end -= 1;
    }
    detail[..end].to_owned()
}

/// A log entry's sequence number and chain value.
type Position = (i64, [u8; 32]);

/// The last shipped log entry, as the sealed setting [`SHIPPED`] keeps it: its
/// sequence number and chain value, `(0, zeros)` for a trail that holds nothing of
/// the log yet (`None`: a trail was shipped, the position is not known, as a store of
/// an earlier version kept it).
fn shipped(tx: &Connection, keys: &Keys) -> Result<Option<Option<Position>>> {
    let Some(value) = open_setting(tx, &keys.master, SHIPPED)? else {
        return Ok(None);
    };
    let position = <[u8; 40]>::try_from(value.as_slice()).ok().map(|b| {
        let mut seq = [0u8; 8];
        seq.copy_from_slice(&b[..8]);
        let mut chain = [0u8; 32];
        chain.copy_from_slice(&b[8..]);
        (i64::from_be_bytes(seq), chain)
    });
    Ok(Some(position))
}

fn seal_shipped(tx: &Connection, keys: &Keys, (seq, chain): Position) -> Result<()> {
    let value = [seq.to_be_bytes().as_slice(), &chain].concat();
    seal_setting(tx, &keys.master, SHIPPED, &value)
}

/// The position of a trail that holds nothing of the log yet.
const NOTHING_SHIPPED: Position = (0, [0; 32]);

/// What one round of shipping did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shipped {
    /// Entries appended to the trail (markers included).
    pub appended: usize,
    /// Of which markers (`audit-broken`, `trail-restarted`).
    pub markers: usize,
}

impl Store {
    /// Append the local audit log's new entries to this device's trail in team
    /// `team_id` (creating it, restricted to this device and the supervisors, on first
    /// use), as the module docs say, in one transaction. Not audited.
    pub fn ship_audit_trail(&mut self, team_id: &[u8; 16]) -> Result<Shipped> {
        let me = Reader {
            device_id: self.device_id,
            agreement_pk: self.agreement_key()?.public_key(),
        };
        let id = trail_id(team_id, &self.device_id);
        self.rewrap_trail(&id, &me)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row = read_row(&tx, &id)?;
        let opened = row
            .as_ref()
            .map(|row| open_row(&self.keys, &self.device_id, &id, row))
            .transpose()?;
        let trail_json = opened.as_ref().map(|(loaded, _)| loaded.doc.to_json());
        let (last_n, last) = trail_json.as_ref().map_or((0, None), last_of);
        let position = shipped(&tx, &self.keys)?;
        let mut new = Vec::new();
        let from = match (&trail_json, position) {
            (None, Some(_)) => {
                new.push(TrailEntry::marker(TRAIL_RESTARTED, None));
                ShipFrom::Start
            }
            (None, None) => ShipFrom::Start,
            (Some(_), Some(Some(position))) => ShipFrom::Shipped {
                position,
                trail: last.as_ref().map(|e| e.seq).filter(|seq| *seq > 0),
            },
            // A trail here but not the position it reached (the sealed setting deleted,
            // or kept as an earlier version did): never guessed from the trail, which
            // says what was shipped but not that the log still holds it.
            (Some(json), _) if last_n > 0 => ShipFrom::Unknown {
                trail: last_logged(json),
            },
            (Some(_), _) => ShipFrom::Start,
        };
        let created = opened.is_none();
        let pending = new.last().or(last.as_ref()).cloned();
        let (logged, now_at) = log_entries(&tx, &self.keys, from, pending.as_ref())?;
        new.extend(logged);
        if new.is_empty() {
            return Ok(Shipped::default());
        }
        let markers = new.iter().filter(|e| e.seq == 0).count();
        let appended = new.len();
        let mut added = Map::new();
        added.insert((last_n + 1).to_string(), Value::String(encode_round(&new)));
        let now = time::now_ms();
        match opened {
            None => {
                let fields = json!({"device": hex::encode(self.device_id), "rounds": added});
                create_trail(&tx, &self.keys, &self.device_id, &id, &me, &fields, now)?;
            }
            Some((mut loaded, data_key)) => {
                loaded.doc.apply_patch(&json!({ "rounds": added }))?;
                let change = loaded.doc.take_change();
                let saved = loaded.doc.save();
                let current = Generation {
                    epoch: loaded.epoch,
                    key: data_key,
                };
                let g = generations::for_sealing(
                    &tx,
                    &self.keys,
                    &id,
                    Kind::Audit,
                    current,
                    &saved,
                    now,
                )?;
                let aad = crypto::record_aad(&id.0, Kind::Audit.as_u8(), g.epoch);
                tx.execute(
                    "UPDATE records SET body = ?2, updated = ?3 WHERE id = ?1",
                    params![&id.0, crypto::seal(&g.key, &aad, &saved)?, now],
                )?;
                tx.execute(
                    "UPDATE summaries SET updated = ?2 WHERE id = ?1",
                    params![&id.0, now],
                )?;
                push_change(&tx, &g.key, &id, Kind::Audit, g.epoch, &change, now)?;
            }
        }
        match now_at {
            Some(at) => seal_shipped(&tx, &self.keys, at)?,
            // A trail made with nothing of the log (it did not verify): the setting
            // still says one was shipped, so losing the trail is seen.
            None if created && position.is_none() => {
                seal_shipped(&tx, &self.keys, NOTHING_SHIPPED)?;
            }
            // Nothing new shipped: the position stays. Where it is not known, it stays
            // so, and the marker that says it is not repeated while nothing ships.
            None => {}
        }
        tx.commit()?;
        Ok(Shipped { appended, markers })
    }

    /// Re-wraps this device's trail when the supervisors of the roster are no longer
    /// its readers (a deputy added, a supervisor removed or handed over): a new
    /// data-key generation for this device and the supervisors now, as
    /// [`Store::restrict`] makes, not audited.
    fn rewrap_trail(&mut self, id: &RecordId, me: &Reader) -> Result<()> {
        let exists = read_row(&self.conn, id)?.is_some();
        if !exists {
            return Ok(());
        }
        let sealed = access::read_access(&self.conn, id)?;
        let held = access::open_access(&self.keys, id, sealed.as_deref())?;
        let mut held: Vec<[u8; 16]> = held
            .readers
            .unwrap_or_default()
            .iter()
            .map(|r| r.device_id)
            .collect();
        held.sort_unstable();
        let wanted: Vec<[u8; 16]> =
            access::readers_for(&self.conn, &self.keys, Some(me), &[], false)?
                .iter()
                .map(|r| r.device_id)
                .collect();
        if held == wanted {
            return Ok(());
        }
        self.restrict_with(id, Some(Kind::Audit), Some(&[]), access::Why::Trail)
    }
}

/// Where the local log's entries to ship start.
enum ShipFrom {
    /// Its first entry (no trail here yet).
    Start,
    /// After the last one shipped, if the log still holds it and the trail's last
    /// entry (`trail`: its `seq`, if a log entry) is that one; else a marker and from
    /// the log's first entry.
    Shipped {
        position: Position,
        trail: Option<i64>,
    },
    /// A trail here whose position is not known (`trail`: the `seq` of its last log
    /// entry, 0 none): a marker, then from the log's first entry.
    Unknown { trail: i64 },
}

/// The `seq` of the last log entry (not a marker) a trail holds, 0 if none.
fn last_logged(json: &Value) -> i64 {
    let (entries, _) = trail_entries(json);
    entries
        .iter()
        .rev()
        .find(|e| e.seq > 0)
        .map_or(0, |e| e.seq)
}

/// The marker for a log that does not continue what was shipped up to `shipped`; the
/// head is added once the log is read.
fn restarted(shipped: i64) -> TrailEntry {
    TrailEntry::marker(
        AUDIT_BROKEN,
        Some(format!("log-restarted shipped={shipped} now=")),
    )
}

/// The entries of the local log to ship from `from`, with a marker first when the log
/// no longer holds the last shipped entry, when the position is not known or not the
/// trail's, or when the log does not verify (not repeated when `last`, the trail's
/// last entry or a marker already decided this round, is the same), and the position
/// (sequence number, chain value) of the last one.
fn log_entries(
    tx: &Connection,
    keys: &Keys,
    from: ShipFrom,
    last: Option<&TrailEntry>,
) -> Result<(Vec<TrailEntry>, Option<Position>)> {
    let mut out = Vec::new();
    let (start, after) = match from {
        ShipFrom::Start => (NOTHING_SHIPPED, 0),
        ShipFrom::Unknown { trail } => {
            out.push(restarted(trail));
            (NOTHING_SHIPPED, 0)
        }
        ShipFrom::Shipped {
            position,
            trail: None,
        } if position == NOTHING_SHIPPED => (NOTHING_SHIPPED, 0),
        ShipFrom::Shipped {
            position: (seq, chain),
            trail,
        } => {
            let here: Option<Vec<u8>> = tx
                .prepare_cached("SELECT chain FROM audit WHERE seq = ?1")?
                .query_row([seq], |r| r.get(0))
                .optional()?;
            // The trail must end where the position says: a position kept from an
            // older copy of the store does not continue this trail.
            let of_trail = trail.is_none_or(|t| t == seq);
            if here.as_deref() == Some(chain.as_slice()) && of_trail {
                ((seq, chain), seq)
            } else {
                out.push(restarted(trail.unwrap_or(seq)));
                (NOTHING_SHIPPED, 0)
            }
        }
    };
    let log = match audit::read_verified_after(tx, &keys.audit, start) {
        Ok(log) => log,
        Err(StoreError::AuditBroken { seq }) => {
            let detail = format!("log-unreadable at={seq}");
            let same = last.is_some_and(|e| {
                e.action == AUDIT_BROKEN && e.detail.as_deref() == Some(detail.as_str())
            });
            return Ok((
                if same {
                    Vec::new()
                } else {
                    vec![TrailEntry::marker(AUDIT_BROKEN, Some(detail))]
                },
                None,
            ));
        }
        Err(e) => return Err(e),
    };
    if let Some(marker) = out.first_mut() {
        let head = log.last().map_or(0, |e| e.seq);
        if let Some(detail) = &mut marker.detail {
            detail.push_str(&head.to_string());
        }
    }
    let shipped: Vec<&AuditEntry> = log
        .iter()
        .filter(|e| e.seq > after)
        .take(MAX_SHIP)
        .collect();
    let position = match shipped.last() {
        Some(e) => {
            let chain: Vec<u8> = tx
                .prepare_cached("SELECT chain FROM audit WHERE seq = ?1")?
                .query_row([e.seq], |r| r.get(0))?;
            Some((
                e.seq,
                <[u8; 32]>::try_from(chain.as_slice()).map_err(|_| StoreError::Corrupt)?,
            ))
        }
        // Started again (the marker in `out`) from a log with nothing to ship yet: the
        // trail is now at the log's start, and the marker is not repeated.
        None if !out.is_empty() => Some(NOTHING_SHIPPED),
        None => None,
    };
    out.extend(shipped.into_iter().map(TrailEntry::of_log));
    Ok((out, position))
}

/// Creates this device's trail, restricted from its first entry to this device and
/// the supervisors of the roster: row, summary (empty), key entry wrapped for them
/// only, first change.
fn create_trail(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
    me: &Reader,
    fields: &Value,
    now: i64,
) -> Result<()> {
    ponte_model::validate::validate(Kind::Audit, fields).map_err(StoreError::Invalid)?;
    let readers = access::readers_for(tx, keys, Some(me), &[], true)?;
    let access = Access {
        serial: 1,
        readers: Some(readers),
    };
    let team = keys.current_team()?;
    let aad = crypto::record_aad(&id.0, Kind::Audit.as_u8(), team.epoch);
    let data_key = SecretKey::generate()?;
    let mut doc = RecordDoc::with_containers(device, ponte_model::containers(Kind::Audit), fields)?;
    let change = doc.take_change();
    let body = crypto::seal(&data_key, &aad, &doc.save())?;
    tx.execute(
        "INSERT INTO records(id, kind, epoch, created, updated, wrapped_key, body, access)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
        params![
            &id.0,
            Kind::Audit.as_u8(),
            team.epoch,
            now,
            crypto::wrap_key(team.key(), &aad, &data_key)?,
            body,
            access::seal_access(keys, id, &access)?
        ],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO summaries(id, kind, updated, summary) VALUES (?1, ?2, ?3, ?4)",
        params![
            &id.0,
            Kind::Audit.as_u8(),
            now,
            seal_summary(keys, id, Kind::Audit, fields)?
        ],
    )?;
    let entry = sync::key_entry(
        team,
        id,
        Kind::Audit,
        access.serial,
        &data_key,
        access.grant(),
        Some(&crate::keys::signing_key_in(tx, keys)?),
    )?;
    sync::push_entry(tx, id, EntryKind::Key, &entry, now)?;
    push_change(tx, &data_key, id, Kind::Audit, team.epoch, &change, now)
}
