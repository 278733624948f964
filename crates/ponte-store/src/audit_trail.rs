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
//! one shipped, each numbered (`n`, from 1) and linked to the one before
//! ([`TrailEntry::link_after`]), so whoever reads the trail can check it by itself.
//! Before appending, it checks that the local log still holds the last shipped
//! `(seq, chain)`; a log deleted and started again, or rewritten, gets a marker entry
//! (`audit-broken`, `log-restarted shipped=<s> now=<head>`) and the new log is shipped
//! from its first entry; a log that does not verify gets one marker (`audit-broken`,
//! `log-unreadable at=<seq>`) while it stays so. A trail missing here although the
//! sealed setting `audit-trail-shipped` says one was shipped starts again with a
//! `trail-restarted` marker. Writing the trail is not itself audited.
//!
//! Entries are a map keyed by `n` (not a JSON list as a screen shows them): appending
//! then adds keys to an Automerge map, one small change per round, where a list set by
//! a patch would be rewritten whole every time.

use ponte_crypto::{self as crypto, SecretKey};
use ponte_doc::RecordDoc;
use ponte_model::Kind;
use rusqlite::{Connection, TransactionBehavior, params};
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

/// One entry of a trail, as the record holds it (`docs/records.md`, kind `audit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    /// Its number in the trail, from 1.
    pub n: u64,
    /// The local log's sequence number (0 for a marker).
    pub seq: i64,
    /// The local log's chain value (hex; absent for a marker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
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
    /// `sha256(previous link || canonical bytes of this entry without link)`, hex.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
}

impl TrailEntry {
    /// Canonical bytes: the entry without `link` as compact JSON, fields in the order
    /// `n, seq, chain, at, action, kind, record, detail`, absent ones left out.
    pub fn canonical(&self) -> Vec<u8> {
        let bare = TrailEntry {
            link: String::new(),
            ..self.clone()
        };
        serde_json::to_vec(&bare).unwrap_or_default()
    }

    /// The link this entry has after `prev` (the previous entry's link as bytes;
    /// 32 zero bytes before the first entry).
    pub fn link_after(&self, prev: &[u8; 32]) -> [u8; 32] {
        crypto::sha256(&[prev.as_slice(), &self.canonical()].concat())
    }

    fn marker(action: &str, detail: Option<String>) -> TrailEntry {
        TrailEntry {
            n: 0,
            seq: 0,
            chain: None,
            at: time::now_ms(),
            action: action.to_owned(),
            kind: None,
            record: None,
            detail,
            link: String::new(),
        }
    }

    fn of_log(entry: &AuditEntry, chain: &[u8]) -> TrailEntry {
        let action = serde_json::to_value(entry.action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        TrailEntry {
            n: 0,
            seq: entry.seq,
            chain: Some(hex::encode(chain)),
            at: entry.at_ms,
            action,
            kind: entry.kind.clone(),
            record: entry.record.clone(),
            detail: entry.detail.as_deref().map(cut),
            link: String::new(),
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

/// A trail's entries from its JSON, sorted by `n`, and how many could not be read.
pub fn trail_entries(json: &Value) -> (Vec<TrailEntry>, usize) {
    let mut out = Vec::new();
    let mut malformed = 0;
    if let Some(map) = json.get("entries").and_then(Value::as_object) {
        for (key, value) in map {
            match serde_json::from_value::<TrailEntry>(value.clone()) {
                Ok(e) if key.parse::<u64>().ok() == Some(e.n) => out.push(e),
                _ => malformed += 1,
            }
        }
    }
    out.sort_by_key(|e| e.n);
    (out, malformed)
}

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
        let (held, _) = match &opened {
            Some((loaded, _)) => trail_entries(&loaded.doc.to_json()),
            None => (Vec::new(), 0),
        };
        let mut new = Vec::new();
        if opened.is_none() && open_setting(&tx, &self.keys.master, SHIPPED)?.is_some() {
            new.push(TrailEntry::marker(TRAIL_RESTARTED, None));
        }
        new.extend(log_entries(&tx, &self.keys, &held, new.last())?);
        if new.is_empty() {
            return Ok(Shipped::default());
        }
        let markers = new.iter().filter(|e| e.seq == 0).count();
        let mut n = held.last().map_or(0, |e| e.n);
        let mut prev = held
            .last()
            .and_then(|e| hex::decode(&e.link).ok())
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .unwrap_or([0; 32]);
        let mut added = Map::new();
        for mut e in new {
            n += 1;
            e.n = n;
            prev = e.link_after(&prev);
            e.link = hex::encode(prev);
            let value = serde_json::to_value(&e).map_err(|_| StoreError::Corrupt)?;
            added.insert(n.to_string(), value);
        }
        let appended = added.len();
        let now = time::now_ms();
        match opened {
            None => {
                let fields = json!({"device": hex::encode(self.device_id), "entries": added});
                create_trail(&tx, &self.keys, &self.device_id, &id, &me, &fields, now)?;
                seal_setting(&tx, &self.keys.master, SHIPPED, &[1])?;
            }
            Some((mut loaded, data_key)) => {
                loaded.doc.apply_patch(&json!({ "entries": added }))?;
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
        self.restrict_with(id, Some(Kind::Audit), Some(&[]), true)
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

/// The entries of the local log to append after `held` (the trail's entries), with a
/// marker first when the log no longer holds the last shipped entry or does not
/// verify. `pending` is a marker already decided this round.
fn log_entries(
    tx: &Connection,
    keys: &Keys,
    held: &[TrailEntry],
    pending: Option<&TrailEntry>,
) -> Result<Vec<TrailEntry>> {
    let log = match audit::read_verified(tx, &keys.audit) {
        Ok(log) => log,
        Err(StoreError::AuditBroken { seq }) => {
            let detail = format!("log-unreadable at={seq}");
            let last = pending.or(held.last());
            let same = last.is_some_and(|e| {
                e.action == AUDIT_BROKEN && e.detail.as_deref() == Some(detail.as_str())
            });
            return Ok(if same {
                Vec::new()
            } else {
                vec![TrailEntry::marker(AUDIT_BROKEN, Some(detail))]
            });
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    let mut from = 0;
    if let Some(last) = held.iter().rev().find(|e| e.chain.is_some()) {
        let here: Option<Vec<u8>> = tx
            .prepare_cached("SELECT chain FROM audit WHERE seq = ?1")?
            .query_row([last.seq], |r| r.get(0))
            .ok();
        if here.map(hex::encode) == last.chain {
            from = last.seq;
        } else {
            let head = log.last().map_or(0, |e| e.seq);
            out.push(TrailEntry::marker(
                AUDIT_BROKEN,
                Some(format!("log-restarted shipped={} now={head}", last.seq)),
            ));
        }
    }
    let mut stmt = tx.prepare_cached("SELECT chain FROM audit WHERE seq = ?1")?;
    for entry in log.iter().filter(|e| e.seq > from).take(MAX_SHIP) {
        let chain: Vec<u8> = stmt.query_row([entry.seq], |r| r.get(0))?;
        out.push(TrailEntry::of_log(entry, &chain));
    }
    Ok(out)
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
            chain: Some("ab".repeat(32)),
            at: 1_700_000_000_000,
            action: action.to_owned(),
            kind: Some("person".into()),
            record: Some("cd".repeat(16)),
            detail: None,
            link: String::new(),
        }
    }

    #[test]
    fn links_chain_entries_and_depend_on_every_field() {
        let mut a = entry(1, "view");
        let la = a.link_after(&[0; 32]);
        a.link = hex::encode(la);
        let b = entry(2, "edit");
        let lb = b.link_after(&la);
        // Canonical bytes leave the link out and keep a fixed field order.
        assert_eq!(
            String::from_utf8(a.canonical()).unwrap(),
            format!(
                "{{\"n\":1,\"seq\":1,\"chain\":\"{}\",\"at\":1700000000000,\"action\":\"view\",\"kind\":\"person\",\"record\":\"{}\"}}",
                "ab".repeat(32),
                "cd".repeat(16)
            )
        );
        let expected = crypto::sha256(&[la.as_slice(), &b.canonical()].concat());
        assert_eq!(lb, expected);
        // Another previous link, or any field changed, gives another link.
        assert_ne!(b.link_after(&[0; 32]), lb);
        let mut c = b.clone();
        c.action = "view".into();
        assert_ne!(c.link_after(&la), lb);
        let mut d = b.clone();
        d.at += 1;
        assert_ne!(d.link_after(&la), lb);
    }

    #[test]
    fn entries_read_back_sorted_and_bad_ones_counted() {
        let mut map = Map::new();
        for n in [3u64, 1, 2] {
            map.insert(
                n.to_string(),
                serde_json::to_value(entry(n, "view")).unwrap(),
            );
        }
        map.insert("9".into(), serde_json::to_value(entry(4, "view")).unwrap());
        map.insert("5".into(), json!({"n": "x"}));
        let (entries, malformed) = trail_entries(&json!({ "entries": map }));
        assert_eq!(entries.iter().map(|e| e.n).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(malformed, 2);
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
    fn shipping_appends_each_entry_once_marks_a_lost_log_and_grows_a_few_hundred_bytes_an_entry() {
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
        assert!((50..=400).contains(&per_entry_body), "{per_entry_body}");
        assert!((50..=400).contains(&per_entry_sent), "{per_entry_sent}");

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
        let mut prev = [0u8; 32];
        for e in &t.entries {
            prev = e.link_after(&prev);
            assert_eq!(e.link, hex::encode(prev));
        }
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

    #[test]
    fn details_are_cut_on_a_character_boundary() {
        let long = "é".repeat(MAX_DETAIL);
        let cut = cut(&long);
        assert!(cut.len() <= MAX_DETAIL);
        assert!(long.starts_with(&cut));
        assert_eq!(super::cut("short"), "short");
    }
}
