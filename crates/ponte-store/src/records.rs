//! Records: creating, editing, reading and listing them, each write in one
//! transaction with its summary, outbox entries and audit entry.

use ponte_crypto::{self as crypto, SecretKey};
use ponte_doc::{Conflict, RecordDoc, merge_patch};
use ponte_model::{
    Kind,
    summary::{Query, Summary},
};
use rusqlite::{Connection, TransactionBehavior, params};
use serde_json::Value;

use crate::aad::{change_aad, summary_aad};
use crate::audit::{self, AuditAction};
use crate::generations::{self, Generation};
use crate::keys::Keys;
use crate::row::{load_in, seal_summary};
use crate::sync::{self, EntryKind};
use crate::{RecordId, Result, Store, StoreError, time};

/// Keys a client may send back from [`Record::to_output`] that are computed, not stored.
/// (`conflicts` is what a device adds to a shown record: fields two devices set
/// while apart, see [`Store::get_with_conflicts`]; `restricted_to`, the devices a
/// need-to-know record is restricted to, see [`Store::readers`].)
pub const OUTPUT_ONLY_KEYS: &[&str] = &[
    "id",
    "kind",
    "risk",
    "updated",
    "timeline",
    "conflicts",
    "restricted_to",
];

/// A decrypted record.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its id.
    pub id: RecordId,
    /// Its kind.
    pub kind: Kind,
    /// Its fields, as in `docs/records.md`.
    pub json: Value,
    /// Creation time, ms since the epoch.
    pub created_ms: i64,
    /// Last update time, ms since the epoch.
    pub updated_ms: i64,
}

impl Record {
    /// The record as the CLI and the app show it: its fields plus the output-only
    /// keys `id`, `kind`, `updated` and, for a person, the `risk` (derived and effective)
    /// and the `timeline` (case steps, referral outcomes, follow-ups done, oldest first).
    pub fn to_output(&self) -> Value {
        let mut out = self.json.clone();
        if let Value::Object(map) = &mut out {
            map.insert("id".into(), Value::String(self.id.to_hex()));
            map.insert("kind".into(), Value::String(self.kind.as_str().into()));
            map.insert(
                "updated".into(),
                Value::String(time::date_of(self.updated_ms)),
            );
            if self.kind == Kind::Person {
                let (derived, effective) = ponte_model::screening::effective_risk(&self.json);
                map.insert(
                    "risk".into(),
                    serde_json::json!({"derived": derived, "effective": effective}),
                );
                map.insert(
                    "timeline".into(),
                    Value::Array(ponte_model::case::timeline(&self.json)),
                );
            }
        }
        out
    }
}

/// One line of a list: a record's id and its decrypted summary.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Record id.
    pub id: RecordId,
    /// Decrypted summary.
    pub summary: Summary,
    /// Last update time, ms since the epoch.
    pub updated_ms: i64,
}

impl Store {
    /// Create a record after validating it; returns its new id.
    pub fn create(&mut self, kind: Kind, fields: &Value) -> Result<RecordId> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = create_in(&tx, &self.keys, &self.device_id, kind, fields)?;
        tx.commit()?;
        Ok(id)
    }

    /// Merge-patch a record (RFC 7396) after validating the result.
    pub fn edit(&mut self, id: &RecordId, expected: Option<Kind>, patch: &Value) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        edit_in(&tx, &self.keys, &self.device_id, id, expected, patch)?;
        tx.commit()?;
        Ok(())
    }

    /// Merge-patch a record with the patch `decide` makes from its current fields, in
    /// one transaction: a rule checked on the record (a case closed twice, an outcome
    /// that cannot follow the current one) holds for the record the edit applies to,
    /// whatever another handle (the app's background sync) commits meanwhile. An error
    /// of `decide` writes nothing.
    pub fn edit_with<E: From<StoreError>>(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        decide: impl FnOnce(&Value) -> std::result::Result<Value, E>,
    ) -> std::result::Result<(), E> {
        fn patch(patch: &Value) -> Write<'_> {
            Write::Patch(patch)
        }
        self.write_with(id, expected, decide, patch)
    }

    /// Step counts of a record (a tally) by the `(dotted path, delta)` steps `decide`
    /// makes from its current fields, in one transaction: the counts are counters
    /// ([`RecordDoc::add_at`]), so steps taken on two devices while apart add up once
    /// merged. Each count becomes its value as read plus its delta, never below 0 (a
    /// -1 on 0 does nothing). The result is validated (problems already in the
    /// record, such as counts a merge left inconsistent, do not refuse it), queued
    /// and audited like an edit. An error of `decide` writes nothing.
    pub fn tally_with<E: From<StoreError>>(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        decide: impl FnOnce(&Value) -> std::result::Result<Vec<(String, i64)>, E>,
    ) -> std::result::Result<(), E> {
        #[allow(clippy::ptr_arg)] // the type `decide` answers
        fn add(steps: &Vec<(String, i64)>) -> Write<'_> {
            Write::Add(steps)
        }
        self.write_with(id, expected, decide, add)
    }

    /// [`Store::edit_with`] and [`Store::tally_with`]: in one transaction, load the
    /// record, check its kind, let `decide` make the change from its fields and write
    /// it as `write` says. An error of `decide` writes nothing.
    fn write_with<T, E: From<StoreError>>(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        decide: impl FnOnce(&Value) -> std::result::Result<T, E>,
        write: fn(&T) -> Write<'_>,
    ) -> std::result::Result<(), E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let (loaded, _) = load_in(&tx, &self.keys, &self.device_id, id)?;
        if expected.is_some_and(|k| k != loaded.kind) {
            return Err(StoreError::WrongKind.into());
        }
        let change = decide(&loaded.doc.to_json())?;
        write_in(
            &tx,
            &self.keys,
            &self.device_id,
            id,
            expected,
            write(&change),
        )?;
        tx.commit().map_err(StoreError::from)?;
        Ok(())
    }

    /// Decrypt one record, logging the view in the audit log.
    pub fn get(&mut self, id: &RecordId, expected: Option<Kind>) -> Result<Record> {
        Ok(self.get_inner(id, expected, false)?.0)
    }

    /// Decrypt one record with the fields two or more devices set while apart (each
    /// value and the device id that wrote it as the Automerge actor), logging the view
    /// in the audit log.
    pub fn get_with_conflicts(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
    ) -> Result<(Record, Vec<Conflict>)> {
        self.get_inner(id, expected, true)
    }

    fn get_inner(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        with_conflicts: bool,
    ) -> Result<(Record, Vec<Conflict>)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (record, _) = load_in(&tx, &self.keys, &self.device_id, id)?;
        if expected.is_some_and(|k| k != record.kind) {
            return Err(StoreError::WrongKind);
        }
        let conflicts = if with_conflicts {
            record.doc.conflicts()
        } else {
            Vec::new()
        };
        let record = Record {
            id: *id,
            kind: record.kind,
            json: record.doc.to_json(),
            created_ms: record.created_ms,
            updated_ms: record.updated_ms,
        };
        audit::append(
            &tx,
            &self.keys.audit,
            AuditAction::View,
            Some(record.kind),
            Some(id),
            None,
        )?;
        tx.commit()?;
        Ok((record, conflicts))
    }

    /// Resolve a conflict: `decide` gets the record's fields and its conflicts and
    /// answers a dotted path and the value to write there, which is written over every
    /// value at that path ([`RecordDoc::put_at`]: the conflict ends on every device
    /// once synced), validated and audited like an edit, in one transaction. An error
    /// of `decide` writes nothing.
    pub fn resolve_with<E: From<StoreError>>(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        decide: impl FnOnce(&Value, &[Conflict]) -> std::result::Result<(String, Value), E>,
    ) -> std::result::Result<(), E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let (loaded, _) = load_in(&tx, &self.keys, &self.device_id, id)?;
        if expected.is_some_and(|k| k != loaded.kind) {
            return Err(StoreError::WrongKind.into());
        }
        let (path, value) = decide(&loaded.doc.to_json(), &loaded.doc.conflicts())?;
        let write = Write::Put {
            path: &path,
            value: &value,
        };
        write_in(&tx, &self.keys, &self.device_id, id, expected, write)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(())
    }

    /// Every record of `kind`, decrypted, for computing aggregates on the device
    /// (reports). Not audited per record: the caller records what leaves the device
    /// with [`Store::audit_export`].
    pub fn records(&self, kind: Kind) -> Result<Vec<Record>> {
        let ids: Vec<[u8; 16]> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM records WHERE kind = ?1")?;
            let rows = stmt.query_map([kind.as_u8()], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let id = RecordId(id);
            let (loaded, _) = load_in(&self.conn, &self.keys, &self.device_id, &id)?;
            out.push(Record {
                id,
                kind: loaded.kind,
                json: loaded.doc.to_json(),
                created_ms: loaded.created_ms,
                updated_ms: loaded.updated_ms,
            });
        }
        Ok(out)
    }

    /// Summaries of every record matching `query`, newest update first.
    pub fn list(&self, query: &Query) -> Result<Vec<Listed>> {
        let mut stmt = self.conn.prepare_cached(match query.kind {
            Some(_) => "SELECT id, kind, summary, updated FROM summaries WHERE kind = ?1",
            None => "SELECT id, kind, summary, updated FROM summaries WHERE ?1 IS NULL OR 1",
        })?;
        let kind_param = query.kind.map(|k| i64::from(k.as_u8()));
        let mut rows = stmt.query([kind_param])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id = RecordId(row.get::<_, [u8; 16]>(0)?);
            let kind = Kind::from_u8(row.get::<_, u8>(1)?).ok_or(StoreError::Corrupt)?;
            if kind == Kind::Audit {
                // Audit trails are never listed nor searched.
                continue;
            }
            let sealed = row.get_ref(2)?.as_blob().map_err(|_| StoreError::Corrupt)?;
            let plain = crypto::open(&self.keys.index, &summary_aad(&id, kind), sealed)?;
            let summary: Summary =
                serde_json::from_slice(&plain).map_err(|_| StoreError::Corrupt)?;
            if summary.matches(query) {
                out.push(Listed {
                    id,
                    summary,
                    updated_ms: row.get(3)?,
                });
            }
        }
        out.sort_by_key(|b| std::cmp::Reverse(b.updated_ms));
        Ok(out)
    }

    /// Number of records of each kind (no decryption).
    pub fn count(&self, kind: Kind) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM records WHERE kind = ?1",
            [kind.as_u8()],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// Drop output-only keys a client may have copied from a shown record.
fn strip_output_keys(fields: &Value) -> Value {
    let mut fields = fields.clone();
    if let Value::Object(map) = &mut fields {
        for key in OUTPUT_ONLY_KEYS {
            map.remove(*key);
        }
    }
    fields
}

/// A record's rules, with those that need today's date (a year of birth not after this
/// year): today being [`time::latest_today`].
fn rules(kind: Kind, value: &Value) -> std::result::Result<(), Vec<ponte_model::ValidationError>> {
    match ponte_model::date::Date::parse(&time::latest_today()) {
        Some(today) => ponte_model::validate::validate_on(kind, value, today),
        None => ponte_model::validate::validate(kind, value),
    }
}

fn validate(kind: Kind, value: &Value) -> Result<()> {
    rules(kind, value).map_err(StoreError::Invalid)
}

/// An edit is refused only for problems it introduces. Merging two devices' valid
/// edits can make a record invalid (one closes the case with a reason while the other
/// reopens it; one withdraws a consent while the other refers on it); such a record
/// must stay editable, so that someone can fix it and edit everything else meanwhile.
fn validate_edit(kind: Kind, before: &Value, after: &Value, resolved: Option<&str>) -> Result<()> {
    // A person's history is only added to, whoever edits (`ponte-device` checks it
    // first, with the edit's other rules; this keeps any other caller to it too); a
    // conflict resolved at `resolved` may set the value there.
    if let Err(kept) = ponte_model::validate::history(before, after) {
        let kept: Vec<_> = kept
            .into_iter()
            .filter(|e| Some(e.path.as_str()) != resolved)
            .collect();
        if !kept.is_empty() {
            return Err(StoreError::Invalid(kept));
        }
    }
    let Err(problems) = rules(kind, after) else {
        return Ok(());
    };
    let existing = rules(kind, before).err().unwrap_or_default();
    let new: Vec<_> = problems
        .into_iter()
        .filter(|p| !existing.contains(p))
        .collect();
    if new.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(new))
    }
}

/// Creates a record inside the caller's transaction: row, summary, key entry and
/// first change in the outbox, audit entry.
pub(crate) fn create_in(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    kind: Kind,
    fields: &Value,
) -> Result<RecordId> {
    let mut fields = strip_output_keys(fields);
    if !fields.is_object() {
        return Err(StoreError::Invalid(vec![ponte_model::ValidationError {
            code: ponte_model::ErrorCode::NotAnObject,
            path: String::new(),
        }]));
    }
    let now = time::now_ms();
    if let (Kind::Person, Value::Object(map)) = (kind, &mut fields) {
        map.entry("created")
            .or_insert_with(|| Value::String(time::date_of(now)));
    }
    // A permit's expiry adds its renewal follow-up, a referral's appointment its check
    // (`ponte_model::case`).
    if kind == Kind::Person
        && let Some(followups) = ponte_model::case::followups_patch(None, &fields, None)
    {
        merge_patch(&mut fields, &followups);
    }
    validate(kind, &fields)?;
    let id = RecordId::generate()?;
    let team = keys.current_team()?;
    let record_aad = crypto::record_aad(&id.0, kind.as_u8(), team.epoch);
    let data_key = SecretKey::generate()?;
    let wrapped = crypto::wrap_key(team.key(), &record_aad, &data_key)?;
    let mut doc = RecordDoc::with_containers(device, ponte_model::containers(kind), &fields)?;
    // Tallied counts are counters from the start (`ponte_model::counters`).
    let counters: Vec<(String, i64)> = ponte_model::counters(kind)
        .iter()
        .map(|path| ((*path).to_owned(), 0))
        .collect();
    if !counters.is_empty() {
        doc.add_at(&counters)?;
    }
    let change = doc.take_change();
    let body = crypto::seal(&data_key, &record_aad, &doc.save())?;
    let summary = seal_summary(keys, &id, kind, &doc.to_json())?;
    tx.execute(
        "INSERT INTO records(id, kind, epoch, created, updated, wrapped_key, body)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
        params![&id.0, kind.as_u8(), team.epoch, now, wrapped, body],
    )?;
    tx.execute(
        "INSERT INTO summaries(id, kind, updated, summary) VALUES (?1, ?2, ?3, ?4)",
        params![&id.0, kind.as_u8(), now, summary],
    )?;
    let key_entry = sync::key_entry(team, &id, kind, 0, &data_key, sync::Grant::Team, None)?;
    sync::push_entry(tx, &id, EntryKind::Key, &key_entry, now)?;
    push_change(tx, &data_key, &id, kind, team.epoch, &change, now)?;
    audit::append(
        tx,
        &keys.audit,
        AuditAction::Create,
        Some(kind),
        Some(&id),
        None,
    )?;
    Ok(id)
}

/// Merge-patches a record inside the caller's transaction: row, summary, change in
/// the outbox, audit entry. An edit that changes nothing writes nothing.
pub(crate) fn edit_in(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
    expected: Option<Kind>,
    patch: &Value,
) -> Result<()> {
    write_in(tx, keys, device, id, expected, Write::Patch(patch))
}

/// How an edit reaches the document.
enum Write<'a> {
    /// A JSON merge patch ([`RecordDoc::apply_patch`]).
    Patch(&'a Value),
    /// One value written over every value at a dotted path ([`RecordDoc::put_at`]).
    Put { path: &'a str, value: &'a Value },
    /// Counts stepped ([`RecordDoc::add_at`]).
    Add(&'a [(String, i64)]),
}

/// The patch that sets `value` at the dotted `path`.
fn nested(path: &str, value: &Value) -> Value {
    path.rsplit('.').fold(
        value.clone(),
        |inner, key| serde_json::json!({ key: inner }),
    )
}

/// An edit inside the caller's transaction (see [`edit_in`]).
fn write_in(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
    expected: Option<Kind>,
    write: Write<'_>,
) -> Result<()> {
    let patch = match write {
        Write::Patch(patch) => strip_output_keys(patch),
        Write::Put { path, value } => nested(path, value),
        Write::Add(_) => Value::Object(serde_json::Map::new()),
    };
    if !patch.is_object() {
        return Err(StoreError::Invalid(vec![ponte_model::ValidationError {
            code: ponte_model::ErrorCode::NotAnObject,
            path: String::new(),
        }]));
    }
    let (mut loaded, data_key) = load_in(tx, keys, device, id)?;
    if expected.is_some_and(|k| k != loaded.kind) {
        return Err(StoreError::WrongKind);
    }
    let current = loaded.doc.to_json();
    let mut merged = current.clone();
    merge_patch(&mut merged, &patch);
    if let Write::Add(steps) = write {
        for (path, delta) in steps {
            ponte_doc::add_json(&mut merged, path, *delta);
        }
    }
    // A changed permit expiry adds or moves its renewal follow-up, a referral's
    // appointment its check (`ponte_model::case`), in the same change.
    let mut patch = patch;
    let mut followups = None;
    if loaded.kind == Kind::Person
        && let Some(more) = ponte_model::case::followups_patch(
            Some(&current),
            &merged,
            ponte_model::date::Date::parse(&time::date_of(time::now_ms())),
        )
    {
        merge_patch(&mut merged, &more);
        merge_patch(&mut patch, &more);
        followups = Some(more);
    }
    // A conflict resolved keeps one of the values two devices wrote, each with its own
    // history step: the value there may differ from the history's current one.
    let resolved = match write {
        Write::Put { path, .. } => Some(path),
        _ => None,
    };
    validate_edit(loaded.kind, &current, &merged, resolved)?;
    match write {
        Write::Patch(_) => loaded.doc.apply_patch(&patch)?,
        Write::Add(steps) => {
            loaded.doc.add_at(steps)?;
            if let Some(followups) = followups {
                loaded.doc.apply_patch(&followups)?;
            }
        }
        Write::Put { path, value } => {
            loaded.doc.put_at(path, value)?;
            // The follow-ups the value brings (a permit's expiry, an appointment), as a patch.
            if let Some(followups) = followups {
                loaded.doc.apply_patch(&followups)?;
            }
        }
    }
    let change = loaded.doc.take_change();
    if change.is_empty() {
        return Ok(());
    }
    let now = time::now_ms();
    let saved = loaded.doc.save();
    // After a team key rotation, the first change starts a new data-key generation.
    let current = Generation {
        epoch: loaded.epoch,
        key: data_key,
    };
    let g = generations::for_sealing(tx, keys, id, loaded.kind, current, &saved, now)?;
    let record_aad = crypto::record_aad(&id.0, loaded.kind.as_u8(), g.epoch);
    let body = crypto::seal(&g.key, &record_aad, &saved)?;
    let summary = seal_summary(keys, id, loaded.kind, &loaded.doc.to_json())?;
    tx.execute(
        "UPDATE records SET body = ?2, updated = ?3 WHERE id = ?1",
        params![&id.0, body, now],
    )?;
    tx.execute(
        "UPDATE summaries SET summary = ?2, updated = ?3 WHERE id = ?1",
        params![&id.0, summary, now],
    )?;
    push_change(tx, &g.key, id, loaded.kind, g.epoch, &change, now)?;
    audit::append(
        tx,
        &keys.audit,
        AuditAction::Edit,
        Some(loaded.kind),
        Some(id),
        None,
    )?;
    Ok(())
}

/// Seals an Automerge change with the record's data key and queues it (nothing if
/// the change is empty).
pub(crate) fn push_change(
    tx: &Connection,
    data_key: &SecretKey,
    id: &RecordId,
    kind: Kind,
    epoch: u32,
    change: &[u8],
    now: i64,
) -> Result<()> {
    if change.is_empty() {
        return Ok(());
    }
    // Held to the limits every other device holds a pulled change to
    // (`ponte_doc::MAX_CHANGE_OPS`): refused here, in the edit's transaction, rather
    // than queued for devices that would quarantine it.
    if ponte_doc::screen(change, &[], false).is_err() {
        return Err(StoreError::TooLargeToSync);
    }
    let sealed = crypto::seal(data_key, &change_aad(id, kind, epoch), change)?;
    sync::push_entry(tx, id, EntryKind::Change, &sealed, now)
}
