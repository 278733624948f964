//! Audit trails: each device's audit entries, shipped to the supervisors.
//!
//! A device's trail is one record of kind [`Kind::Audit`] whose id is the first 16
//! bytes of `sha256("ponte/audit-trail/v1" || team id || device id)` ([`trail_id`]). It
//! is restricted from its first entry to the device itself and the supervisors of the
//! roster (its key entry wraps the data key for them only, as a need-to-know record's),
//! so no other member's device ever holds it, and the relay holds only sealed entries
//! of a restricted record.
//!
//! [`Store::ship_audit_trail`] appends every entry of the local log newer than the last
//! one shipped as one *round*: a text value under the number of its first entry (`n`,
//! from 1, without gaps across rounds), one line an entry ([`encode_round`]). Before
//! appending, it checks that the local log still holds the last shipped `(seq, chain)`,
//! kept in the sealed setting `audit-trail-shipped`, that the trail's last entry is
//! that same `seq` (the position belongs to this trail, not to an older copy of the
//! store), and verifies the log from there on only; a log deleted and started again,
//! or rewritten, gets a marker entry (`audit-broken`, `log-restarted shipped=<s>
//! now=<head>`) and the new log is shipped from its first entry; a log that does not
//! verify gets one marker (`audit-broken`, `log-unreadable at=<seq>`) while it stays
//! so. The position is never guessed from the trail: a trail here without the sealed
//! position (the setting deleted with the log) is a log that cannot show it continues
//! what was shipped, and gets the same `log-restarted` marker, the new log shipped
//! from its first entry. A trail missing here although the setting says one was
//! shipped starts again with a `trail-restarted` marker. Writing the trail is not
//! itself audited.
//!
//! Why one text value a round and no hash per entry: a round is one small Automerge
//! change whatever its length (a map key per entry, or a hash per entry, cost some
//! 245 bytes an entry on the wire; a line costs 25 to 40). The trail's numbering, the
//! seals and the check that every change of it is its device's (`only_device`) catch
//! what a per-entry hash would: nobody but its readers can write it, and a reader
//! writing under another's name is seen by its Automerge actor.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ponte_crypto::{self as crypto, SecretKey};
use ponte_doc::RecordDoc;
use ponte_model::Kind;
use ponte_model::validate::is_audit_word;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::access::{self, Access, Reader};
use crate::audit::{self, AuditEntry};
use crate::generations::{self, Generation};
use crate::keys::Keys;
use crate::records::push_change;
use crate::row::{RecordRow, open_row, read_row, record_row_columns, seal_summary};
use crate::sync::settings::{open_setting, seal_setting};
use crate::sync::{self, EntryKind};
use crate::{RecordId, Result, Store, StoreError, time};

/// Domain of [`trail_id`].
const TRAIL_CONTEXT: &[u8] = b"ponte/audit-trail/v1";
/// Sealed setting: this device has shipped a trail in its team.
const SHIPPED: &str = "audit-trail-shipped";
/// At most this many local entries are appended per round (the rest go next round),
/// so one round's change stays small.
pub const MAX_SHIP: usize = 200;
/// The longest `detail` shipped (a longer one is cut, on a character boundary).
pub const MAX_DETAIL: usize = 1000;

/// Action of a marker entry: the local log no longer matches what was shipped, or
/// does not verify.
pub const AUDIT_BROKEN: &str = "audit-broken";
/// Action of the first entry of a trail started again after one was shipped.
pub const TRAIL_RESTARTED: &str = "trail-restarted";

/// The id of `device`'s audit trail in team `team_id`.
pub fn trail_id(team_id: &[u8; 16], device: &[u8; 16]) -> RecordId {
    let hash = crypto::sha256(&[TRAIL_CONTEXT, team_id.as_slice(), device.as_slice()].concat());
    let mut id = [0u8; 16];
    id.copy_from_slice(&hash[..16]);
    RecordId(id)
}

/// One entry of a trail, as a round's line gives it (`docs/records.md`, kind `audit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    /// Its number in the trail, from 1.
    pub n: u64,
    /// The local log's sequence number (0 for a marker).
    pub seq: i64,
    /// Time, ms since the epoch.
    pub at: i64,
    /// What happened: an audit action (`view`, `edit`, ...) or a marker.
    pub action: String,
    /// Kind of record, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Record id (hex), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Detail (never record content).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl TrailEntry {
    fn marker(action: &str, detail: Option<String>) -> TrailEntry {
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
fn cut(detail: &str) -> String {
    let mut end = detail.len().min(MAX_DETAIL);
    while !detail.is_char_boundary(end) {
        end -= 1;
    }
    detail[..end].to_owned()
}

/// A round's text: one line per entry, each ended by `\n`, numbers in decimal.
///
/// - A full line: `<seq - previous seq> <at - previous at> <action> <kind|-> <record|->`
///   and, if the entry has a detail, a space and the detail (`\` written `\\`, a line
///   break `\n`). The previous values are 0 on a round's first line.
/// - A short line, for an entry with the same action and kind as the line before, the
///   next `seq` and no detail (a run of views, an import's creates): `<at - previous at>
///   <record|->`.
///
/// A record id is its 16 bytes in unpadded URL-safe base64 (22 characters); `-` is none.
/// `n` is not written: the round's key gives its first.
pub fn encode_round(entries: &[TrailEntry]) -> String {
    let mut out = String::new();
    let mut prev: Option<&TrailEntry> = None;
    for e in entries {
        let (seq, at) = prev.map_or((0, 0), |p| (p.seq, p.at));
        let dat = e.at.saturating_sub(at);
        let record = e
            .record
            .as_deref()
            .and_then(|r| hex::decode(r).ok())
            .filter(|b| b.len() == 16)
            .map_or_else(|| "-".to_owned(), |b| URL_SAFE_NO_PAD.encode(b));
        let short = e.detail.is_none()
            && prev.is_some_and(|p| {
                p.action == e.action && p.kind == e.kind && Some(e.seq) == p.seq.checked_add(1)
            });
        if short {
            out.push_str(&format!("{dat} {record}\n"));
        } else {
            let kind = e.kind.as_deref().unwrap_or("-");
            out.push_str(&format!(
                "{} {dat} {} {kind} {record}",
                e.seq.saturating_sub(seq),
                e.action
            ));
            if let Some(detail) = &e.detail {
                out.push(' ');
                out.push_str(&detail.replace('\\', "\\\\").replace('\n', "\\n"));
            }
            out.push('\n');
        }
        prev = Some(e);
    }
    out
}

/// The entries of the round whose first is number `first`, or `None` if a line does
/// not read ([`encode_round`] says how they are written).
pub fn decode_round(first: u64, text: &str) -> Option<Vec<TrailEntry>> {
    let word = |s: &str| (!s.is_empty() && is_audit_word(s)).then(|| s.to_owned());
    let opt_word = |s: &str| {
        if s == "-" {
            Some(None)
        } else {
            word(s).map(Some)
        }
    };
    let record = |s: &str| -> Option<Option<String>> {
        if s == "-" {
            return Some(None);
        }
        let bytes = URL_SAFE_NO_PAD.decode(s).ok().filter(|b| b.len() == 16)?;
        Some(Some(hex::encode(bytes)))
    };
    let mut out: Vec<TrailEntry> = Vec::new();
    for line in text.split_terminator('\n') {
        let n = first.checked_add(u64::try_from(out.len()).ok()?)?;
        let prev = out.last();
        let (seq, at) = prev.map_or((0, 0), |p| (p.seq, p.at));
        let fields: Vec<&str> = line.splitn(6, ' ').collect();
        let entry = match fields.as_slice() {
            [dat, rec] => {
                let p = prev?;
                TrailEntry {
                    n,
                    seq: p.seq.checked_add(1)?,
                    at: at.checked_add(dat.parse().ok()?)?,
                    action: p.action.clone(),
                    kind: p.kind.clone(),
                    record: record(rec)?,
                    detail: None,
                }
            }
            [dseq, dat, action, kind, rec, rest @ ..] => {
                let detail = match rest.first() {
                    Some(d) => Some(unescape(d)?),
                    None => None,
                };
                TrailEntry {
                    n,
                    seq: seq.checked_add(dseq.parse().ok()?)?,
                    at: at.checked_add(dat.parse().ok()?)?,
                    action: word(action)?,
                    kind: opt_word(kind)?,
                    record: record(rec)?,
                    detail,
                }
            }
            _ => return None,
        };
        if entry.seq < 0 || entry.at < 0 {
            return None;
        }
        out.push(entry);
    }
    (!out.is_empty() && text.ends_with('\n')).then_some(out)
}

/// A detail as a line holds it, read back (`None`: a lone or unknown escape).
fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// A trail's entries from its JSON, sorted by `n`, and how many rounds could not be
/// read.
pub fn trail_entries(json: &Value) -> (Vec<TrailEntry>, usize) {
    let mut out = Vec::new();
    let mut malformed = 0;
    if let Some(map) = json.get("rounds").and_then(Value::as_object) {
        for (key, value) in map {
            let round = key
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .zip(value.as_str())
                .and_then(|(n, text)| decode_round(n, text));
            match round {
                Some(entries) => out.extend(entries),
                None => malformed += 1,
            }
        }
    }
    out.sort_by_key(|e| e.n);
    (out, malformed)
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

/// A trail this device holds, opened.
#[derive(Debug, Clone)]
pub struct HeldTrail {
    /// The record's id.
    pub id: RecordId,
    /// The device it names (`None`: not a device id).
    pub device: Option<[u8; 16]>,
    /// Its entries, sorted by `n`.
    pub entries: Vec<TrailEntry>,
    /// Entries that could not be read.
    pub malformed: usize,
    /// Whether every change of its history was written by the device it names.
    pub only_device: bool,
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

    /// Every audit trail this device holds (on a supervisor's: every device's that
    /// reached it; on another's: its own), opened.
    pub fn audit_trails(&self) -> Result<Vec<HeldTrail>> {
        let rows: Vec<([u8; 16], RecordRow)> = {
            let mut stmt = self.conn.prepare(concat!(
                "SELECT id, ",
                record_row_columns!(),
                " FROM records WHERE kind = ?1"
            ))?;
            let rows = stmt.query_map([Kind::Audit.as_u8()], |r| {
                Ok((r.get(0)?, RecordRow::from_sql(r, 1)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::with_capacity(rows.len());
        for (id, row) in rows {
            let id = RecordId(id);
            let (mut loaded, _) = open_row(&self.keys, &self.device_id, &id, &row)?;
            let json = loaded.doc.to_json();
            let device = json
                .get("device")
                .and_then(Value::as_str)
                .and_then(|s| hex::decode(s).ok())
                .and_then(|b| <[u8; 16]>::try_from(b).ok());
            let saved = loaded.doc.save();
            let only_device =
                device.is_some_and(|d| ponte_doc::only_authored_by(&saved, &d).unwrap_or(false));
            let (entries, malformed) = trail_entries(&json);
            out.push(HeldTrail {
                id,
                device,
                entries,
                malformed,
                only_device,
            });
        }
        Ok(out)
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

/// The number of a trail's last entry (0: none) and that entry, from its last round
/// (a round that does not read counts its lines).
fn last_of(json: &Value) -> (u64, Option<TrailEntry>) {
    let last = json
        .get("rounds")
        .and_then(Value::as_object)
        .and_then(|rounds| {
            rounds
                .iter()
                .filter_map(|(key, v)| Some((key.parse::<u64>().ok()?, v.as_str()?)))
                .max_by_key(|(n, _)| *n)
        });
    let Some((first, text)) = last else {
        return (0, None);
    };
    match decode_round(first, text) {
        Some(mut entries) => {
            let e = entries.pop();
            (e.as_ref().map_or(first, |e| e.n), e)
        }
        None => {
            let lines = u64::try_from(text.split_terminator('\n').count()).unwrap_or(0);
            (first.saturating_add(lines.saturating_sub(1)), None)
        }
    }
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn entry(n: u64, action: &str) -> TrailEntry {
        TrailEntry {
            n,
            seq: i64::try_from(n).unwrap(),
            at: 1_700_000_000_000 + i64::try_from(n).unwrap() * 7,
            action: action.to_owned(),
            kind: Some("person".into()),
            record: Some("cd".repeat(16)),
            detail: None,
        }
    }

    #[test]
    fn rounds_read_back_what_was_written_in_a_line_an_entry() {
        let mut marker =
            TrailEntry::marker(AUDIT_BROKEN, Some("log-restarted shipped=3 now=1".into()));
        marker.at = 1_700_000_000_100;
        let mut odd = entry(0, "team");
        odd.kind = None;
        odd.record = None;
        odd.detail = Some("two\nlines \\ and\\n spaces ".into());
        odd.at = 1_699_999_999_000;
        let mut empty = entry(0, "search");
        empty.detail = Some(String::new());
        let mut entries = vec![entry(1, "view"), entry(2, "view"), entry(3, "view")];
        entries.push(TrailEntry {
            seq: 5,
            ..entry(4, "edit")
        });
        entries.push(marker);
        entries.push(TrailEntry { seq: 1, ..odd });
        entries.push(TrailEntry { seq: 2, ..empty });
        entries.push(TrailEntry {
            seq: 3,
            ..entry(0, "create")
        });
        entries.push(TrailEntry {
            seq: 4,
            record: Some("ef".repeat(16)),
            ..entry(0, "create")
        });
        for (i, e) in entries.iter_mut().enumerate() {
            e.n = 41 + i as u64;
        }
        let text = encode_round(&entries);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), entries.len(), "{text}");
        // Same action and kind, the next seq, no detail: the time and the id only.
        let id = URL_SAFE_NO_PAD.encode([0xcd; 16]);
        assert_eq!(lines[0], format!("1 1700000000007 view person {id}"));
        assert_eq!(lines[1], format!("7 {id}"));
        assert_eq!(lines[3], format!("2 7 edit person {id}"));
        assert_eq!(
            lines[4],
            "-5 72 audit-broken - - log-restarted shipped=3 now=1"
        );
        assert_eq!(
            lines[5],
            "1 -1100 team - - two\\nlines \\\\ and\\\\n spaces "
        );
        assert_eq!(lines[6], format!("1 1000 search person {id} "));
        assert_eq!(decode_round(41, &text), Some(entries.clone()));
        // One entry of 22 + 2 bytes for a run of views.
        assert!(lines[2].len() < 30);

        // A line that does not read makes the round unreadable.
        for bad in [
            "",
            "1 2 view person\n",
            "1 2 View person - \n",
            "1 2 view person AAAA\n",
            "7 -\n",
            "x 2 view - -\n",
            "1 2 view - - bad\\escape\n",
            "1 -5 view - -\n",
            "1 2 view - -",
        ] {
            assert_eq!(decode_round(1, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn entries_read_back_sorted_and_bad_rounds_counted() {
        let mut map = Map::new();
        map.insert("4".into(), Value::String(encode_round(&[entry(4, "edit")])));
        map.insert(
            "1".into(),
            Value::String(encode_round(&[
                entry(1, "view"),
                entry(2, "view"),
                entry(3, "view"),
            ])),
        );
        map.insert("9".into(), json!("garbage"));
        map.insert("x".into(), Value::String(encode_round(&[entry(1, "view")])));
        map.insert("12".into(), json!(12));
        let (entries, malformed) = trail_entries(&json!({ "rounds": map }));
        assert_eq!(
            entries.iter().map(|e| e.n).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert_eq!(entries[3].action, "edit");
        assert_eq!(malformed, 3);
        let (n, last) = last_of(&json!({ "rounds": map }));
        // "12" is not text and "x" not a number: the highest round is "9", unreadable,
        // one line.
        assert_eq!((n, last), (9, None));
        map.remove("12");
        map.remove("9");
        map.remove("x");
        assert_eq!(
            last_of(&json!({ "rounds": map })),
            (4, Some(entry(4, "edit")))
        );
        assert_eq!(last_of(&json!({})), (0, None));
    }

    #[test]
    fn trail_ids_differ_by_team_and_device() {
        let a = trail_id(&[1; 16], &[2; 16]);
        assert_eq!(a, trail_id(&[1; 16], &[2; 16]));
        assert_ne!(a, trail_id(&[1; 16], &[3; 16]));
        assert_ne!(a, trail_id(&[4; 16], &[2; 16]));
        let hash = crypto::sha256(&[TRAIL_CONTEXT, &[1; 16], &[2; 16]].concat());
        assert_eq!(a.0, hash[..16]);
    }

    fn trail_bytes(store: &Store, id: &RecordId) -> (i64, i64) {
        store
            .conn
            .query_row(
                "SELECT (SELECT length(body) FROM records WHERE id = ?1),
                        (SELECT COALESCE(SUM(length(change)), 0) FROM outbox WHERE record_id = ?1)",
                [&id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }

    #[test]
    fn shipping_appends_each_entry_once_marks_a_lost_log_and_grows_some_thirty_bytes_an_entry() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::init(dir.path(), "correct horse battery", &Default::default()).unwrap();
        let team = [9u8; 16];
        let trail = trail_id(&team, &store.device_id());
        let service = json!({"name": "Sportello", "type": "legal_aid"});
        let record = store.create(Kind::Service, &service).unwrap();
        let logged = store.audit_log().unwrap().len();
        let first = store.ship_audit_trail(&team).unwrap();
        assert_eq!(
            first,
            Shipped {
                appended: logged,
                markers: 0
            }
        );
        assert_eq!(
            store.audit_log().unwrap().len(),
            logged,
            "shipping is not audited"
        );
        assert_eq!(store.ship_audit_trail(&team).unwrap(), Shipped::default());

        // 100 views: what one entry adds to the sealed document and to the relay.
        let (body, queued) = trail_bytes(&store, &trail);
        for _ in 0..100 {
            store.get(&record, None).unwrap();
        }
        let shipped = store.ship_audit_trail(&team).unwrap();
        assert_eq!(shipped.appended, 100);
        let (body_after, queued_after) = trail_bytes(&store, &trail);
        let per_entry_body = (body_after - body) / 100;
        let per_entry_sent = (queued_after - queued) / 100;
        // A run of views of one record: 24 bytes a line (the time since the one before,
        // the record's id); the stored document compresses what repeats.
        assert!(per_entry_body <= 40, "{per_entry_body}");
        assert!((20..=40).contains(&per_entry_sent), "{per_entry_sent}");

        // Nobody lists it, shows it or erases it.
        assert!(
            store
                .list(&Default::default())
                .unwrap()
                .iter()
                .all(|l| l.id != trail)
        );
        assert!(matches!(
            store.get(&trail, None),
            Err(StoreError::AuditTrail)
        ));
        assert!(matches!(
            store.erase(&trail, None),
            Err(StoreError::AuditTrail)
        ));

        // The log deleted: one marker while it stays so, then the restart, then the new
        // log from its first entry.
        store
            .conn
            .execute_batch("DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';")
            .unwrap();
        assert_eq!(
            store.ship_audit_trail(&team).unwrap(),
            Shipped {
                appended: 1,
                markers: 1
            }
        );
        assert_eq!(store.ship_audit_trail(&team).unwrap(), Shipped::default());
        store.get(&record, None).unwrap();
        assert_eq!(
            store.ship_audit_trail(&team).unwrap(),
            Shipped {
                appended: 2,
                markers: 1
            }
        );
        let held = store.audit_trails().unwrap();
        assert_eq!(held.len(), 1);
        let t = &held[0];
        assert!(t.only_device);
        assert_eq!(t.malformed, 0);
        let n = logged + 100 + 3;
        assert_eq!(t.entries.len(), n);
        assert!(
            t.entries
                .iter()
                .enumerate()
                .all(|(i, e)| e.n == i as u64 + 1)
        );
        let tail: Vec<(&str, Option<&str>, i64)> = t.entries[n - 3..]
            .iter()
            .map(|e| (e.action.as_str(), e.detail.as_deref(), e.seq))
            .collect();
        let last_seq = i64::try_from(logged + 100).unwrap();
        let restarted = format!("log-restarted shipped={last_seq} now=1");
        assert_eq!(
            tail,
            [
                (AUDIT_BROKEN, Some("log-unreadable at=0"), 0),
                (AUDIT_BROKEN, Some(restarted.as_str()), 0),
                ("view", None, 1),
            ]
        );

        // The trail lost here although one was shipped: it starts again, marked.
        store
            .conn
            .execute_batch(&format!(
                "DELETE FROM records WHERE id = x'{0}'; DELETE FROM summaries WHERE id = x'{0}';",
                trail.to_hex()
            ))
            .unwrap();
        let again = store.ship_audit_trail(&team).unwrap();
        assert_eq!(
            again,
            Shipped {
                appended: 2,
                markers: 1
            }
        );
        let held = store.audit_trails().unwrap();
        assert_eq!(held[0].entries[0].action, TRAIL_RESTARTED);
        assert_eq!(held[0].entries[1].seq, 1);
    }

    /// The trail's entries after the first `skip`, as (action, detail, seq).
    fn tail(store: &Store, skip: usize) -> Vec<(String, Option<String>, i64)> {
        let held = store.audit_trails().unwrap();
        assert!(
            held[0]
                .entries
                .iter()
                .enumerate()
                .all(|(i, e)| e.n == i as u64 + 1)
        );
        held[0].entries[skip..]
            .iter()
            .map(|e| (e.action.clone(), e.detail.clone(), e.seq))
            .collect()
    }

    fn view(seq: i64) -> (String, Option<String>, i64) {
        ("view".into(), None, seq)
    }

    #[test]
    fn a_log_deleted_with_its_shipped_position_is_marked_not_continued() {
        // Regression: with the sealed position deleted too, the position was taken from
        // the trail's last entry, and a new log's first entries, numbered as the ones
        // shipped, were skipped without a marker.
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::init(dir.path(), "correct horse battery", &Default::default()).unwrap();
        let team = [9u8; 16];
        let service = json!({"name": "Sportello", "type": "legal_aid"});
        let record = store.create(Kind::Service, &service).unwrap();
        for _ in 0..3 {
            store.get(&record, None).unwrap();
        }
        let shipped = store.ship_audit_trail(&team).unwrap().appended;
        let last_shipped = i64::try_from(shipped).unwrap();
        store
            .conn
            .execute_batch(
                "DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';
                 DELETE FROM keyring WHERE name = 'setting/audit-trail-shipped';",
            )
            .unwrap();
        for _ in 0..4 {
            store.get(&record, None).unwrap();
        }
        assert_eq!(
            store.ship_audit_trail(&team).unwrap(),
            Shipped {
                appended: 5,
                markers: 1
            }
        );
        let restarted = format!("log-restarted shipped={last_shipped} now=4");
        let mut expected = vec![(AUDIT_BROKEN.to_owned(), Some(restarted), 0)];
        expected.extend((1..=4).map(view));
        assert_eq!(tail(&store, shipped), expected);
        // From there on the new log ships as any, the marker not repeated.
        assert_eq!(store.ship_audit_trail(&team).unwrap(), Shipped::default());
        store.get(&record, None).unwrap();
        assert_eq!(
            store.ship_audit_trail(&team).unwrap(),
            Shipped {
                appended: 1,
                markers: 0
            }
        );
        assert_eq!(tail(&store, shipped + 5), [view(5)]);

        // Deleted again, synced before any new entry: the log does not verify (one
        // marker, not repeated), then the new log ships after the restart marker.
        store
            .conn
            .execute_batch(
                "DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';
                 DELETE FROM keyring WHERE name = 'setting/audit-trail-shipped';",
            )
            .unwrap();
        for _ in 0..2 {
            let round = store.ship_audit_trail(&team).unwrap();
            assert!(round.markers == round.appended && round.appended <= 1);
        }
        store.get(&record, None).unwrap();
        store.ship_audit_trail(&team).unwrap();
        assert_eq!(
            tail(&store, shipped + 6),
            [
                (
                    AUDIT_BROKEN.to_owned(),
                    Some("log-unreadable at=0".into()),
                    0
                ),
                (
                    AUDIT_BROKEN.to_owned(),
                    Some("log-restarted shipped=5 now=1".into()),
                    0
                ),
                view(1),
            ]
        );
    }

    #[test]
    fn a_shipped_position_from_an_older_copy_of_the_store_does_not_continue_the_trail() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::init(dir.path(), "correct horse battery", &Default::default()).unwrap();
        let team = [9u8; 16];
        let service = json!({"name": "Sportello", "type": "legal_aid"});
        let record = store.create(Kind::Service, &service).unwrap();
        let first = store.ship_audit_trail(&team).unwrap().appended;
        let setting = |store: &Store| -> Vec<u8> {
            store
                .conn
                .query_row(
                    "SELECT wrapped FROM keyring WHERE name = 'setting/audit-trail-shipped'",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let older = setting(&store);
        for _ in 0..2 {
            store.get(&record, None).unwrap();
        }
        store.ship_audit_trail(&team).unwrap();
        // The log still holds the older position, but the trail went on past it: the
        // log is shipped again from its start, after a marker, not appended as new.
        store
            .conn
            .execute(
                "UPDATE keyring SET wrapped = ?1 WHERE name = 'setting/audit-trail-shipped'",
                [&older],
            )
            .unwrap();
        let head = i64::try_from(first + 2).unwrap();
        assert_eq!(
            store.ship_audit_trail(&team).unwrap(),
            Shipped {
                appended: first + 3,
                markers: 1
            }
        );
        let (action, detail, _) = tail(&store, first + 2).remove(0);
        assert_eq!(action, AUDIT_BROKEN);
        assert_eq!(
            detail.as_deref(),
            Some(format!("log-restarted shipped={head} now={head}").as_str())
        );
    }

    #[test]
    fn the_log_is_verified_from_the_last_shipped_entry_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::init(dir.path(), "correct horse battery", &Default::default()).unwrap();
        let service = json!({"name": "Sportello", "type": "legal_aid"});
        let record = store.create(Kind::Service, &service).unwrap();
        for _ in 0..4 {
            store.get(&record, None).unwrap();
        }
        let all = store.audit_log().unwrap();
        let chain_at = |store: &Store, seq: i64| -> [u8; 32] {
            let c: Vec<u8> = store
                .conn
                .query_row("SELECT chain FROM audit WHERE seq = ?1", [seq], |r| {
                    r.get(0)
                })
                .unwrap();
            c.try_into().unwrap()
        };
        let at3 = (3, chain_at(&store, 3));
        let after = audit::read_verified_after(&store.conn, &store.keys.audit, at3).unwrap();
        assert_eq!(after, all[3..].to_vec());
        // Another chain value where the position is: refused there.
        let wrong = (3, [7; 32]);
        assert!(matches!(
            audit::read_verified_after(&store.conn, &store.keys.audit, wrong),
            Err(StoreError::AuditBroken { seq: 3 })
        ));
        // An entry after it swapped for an earlier one: refused at it.
        store
            .conn
            .execute(
                "UPDATE audit SET entry = (SELECT entry FROM audit WHERE seq = 2) WHERE seq = 5",
                [],
            )
            .unwrap();
        assert!(matches!(
            audit::read_verified_after(&store.conn, &store.keys.audit, at3),
            Err(StoreError::AuditBroken { seq: 5 })
        ));
        // The device's own view of its log reads it whole, and refuses it too.
        assert!(store.audit_log().is_err());
    }

    #[test]
    fn details_are_cut_on_a_character_boundary() {
        let long = "é".repeat(MAX_DETAIL);
        let cut = cut(&long);
        assert!(cut.len() <= MAX_DETAIL);
        assert!(long.starts_with(&cut));
        assert_eq!(super::cut("short"), "short");
    }
}
