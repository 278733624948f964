//! The database layout: the tables (see the crate docs for what each holds), the
//! connection settings, the schema version and the `meta` key-value table.

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::{Result, StoreError};

const SCHEMA_VERSION: i64 = 4;

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE keyring (name TEXT NOT NULL, epoch INTEGER NOT NULL, wrapped BLOB NOT NULL,
    PRIMARY KEY (name, epoch)) WITHOUT ROWID;
CREATE TABLE records (
    rid INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE,
    kind INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE summaries (
    rid INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE,
    kind INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    summary BLOB NOT NULL
);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id BLOB NOT NULL,
    kind INTEGER NOT NULL,
    covers INTEGER,
    change BLOB NOT NULL,
    created INTEGER NOT NULL
);
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE record_sync (
    id BLOB PRIMARY KEY,
    last_seq INTEGER NOT NULL,
    since_snapshot INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX outbox_record ON outbox(record_id);
CREATE TABLE audit (seq INTEGER PRIMARY KEY, entry BLOB NOT NULL, chain BLOB NOT NULL);
";

/// Version 2: a record's data-key generations other than its current one (the
/// current one is `records.epoch` and `records.wrapped_key`), each wrapped under the
/// team key of its epoch like `records.wrapped_key`.
const RECORD_KEYS: &str = "
CREATE TABLE record_keys (
    rid INTEGER PRIMARY KEY,
    id BLOB NOT NULL,
    epoch INTEGER NOT NULL,
    wrapped BLOB NOT NULL
);
CREATE INDEX record_keys_id ON record_keys(id);
";

/// Version 3: who may read a record (`records.access`: NULL for a record open to the
/// team that was never restricted, else its access serial and list of devices sealed
/// with the index key, see `crate::access`).
const ACCESS: &str = "ALTER TABLE records ADD COLUMN access BLOB;";

/// Version 4: the outbox stores an entry's kind under the code the relay stores it
/// under (`ponte_proto::EntryKind::code`: 0 change, 1 snapshot, 2 tombstone, 3 key),
/// no longer under its own (1 key, 2 change, 3 snapshot, 4 tombstone). A code that
/// was never written stays unreadable (-1).
const OUTBOX_CODES: &str = "
UPDATE outbox SET kind = CASE kind WHEN 1 THEN 3 WHEN 2 THEN 0 WHEN 3 THEN 1 WHEN 4 THEN 2
    ELSE -1 END;
";

/// The steps from each version to the next: `STEPS[v - 1]` brings version `v` to
/// `v + 1`. A new store runs them all after `SCHEMA`.
const STEPS: [&str; 3] = [RECORD_KEYS, ACCESS, OUTBOX_CODES];

/// Creates the tables in a new database and records the schema version, inside the
/// caller's transaction.
pub(crate) fn create(tx: &Connection) -> Result<()> {
    tx.execute_batch(SCHEMA)?;
    for step in STEPS {
        tx.execute_batch(step)?;
    }
    put_meta(tx, "schema", &SCHEMA_VERSION.to_be_bytes())
}

/// The steps that bring a store at `schema` (as `meta` holds it) to this version; none
/// for this version or one this code does not know.
fn upgrades(schema: &[u8]) -> &'static [&'static str] {
    let version = <[u8; 8]>::try_from(schema).map(i64::from_be_bytes);
    match version {
        Ok(v) if (1..SCHEMA_VERSION).contains(&v) => usize::try_from(v - 1)
            .ok()
            .and_then(|from| STEPS.get(from..))
            .unwrap_or(&[]),
        _ => &[],
    }
}

/// Whether `schema` (as `meta` holds it) is a version later than this one: a store a
/// newer Ponte made, which this build must neither read nor change.
fn is_newer(schema: &[u8]) -> bool {
    <[u8; 8]>::try_from(schema)
        .map(i64::from_be_bytes)
        .is_ok_and(|v| v > SCHEMA_VERSION)
}

/// Brings an older store up to this version's schema (in one transaction), then errs
/// unless the database has it: [`StoreError::NewerVersion`] for a store of a later
/// version (nothing is written), [`StoreError::Corrupt`] for any other. The version
/// is read again once the write lock is held (`BEGIN IMMEDIATE`): of two processes
/// opening an older store at once, the second finds it upgraded and runs no step twice
/// (a step such as the outbox's new codes would change the data again).
pub(crate) fn check_version(conn: &Connection) -> Result<()> {
    let seen = get_meta(conn, "schema")?;
    if is_newer(&seen) {
        return Err(StoreError::NewerVersion);
    }
    if !upgrades(&seen).is_empty() {
        upgrade(conn)?;
    }
    if get_meta(conn, "schema")? != SCHEMA_VERSION.to_be_bytes() {
        return Err(StoreError::Corrupt);
    }
    Ok(())
}

/// Runs the steps the store still needs, under the write lock, with the version read
/// under it (whatever a caller saw before).
pub(crate) fn upgrade(conn: &Connection) -> Result<()> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let steps = upgrades(&get_meta(&tx, "schema")?);
    for step in steps {
        tx.execute_batch(step)?;
    }
    if !steps.is_empty() {
        put_meta(&tx, "schema", &SCHEMA_VERSION.to_be_bytes())?;
    }
    tx.commit()?;
    Ok(())
}

/// Connection settings every handle on the store uses.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // secure_delete: freed cells are zeroed, so an erased record's key and ciphertext
    // do not linger in free pages. synchronous=FULL: a commit is on disk when it returns.
    conn.execute_batch(
        "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    // One plan per statement whatever the bound values: without this, the bundled
    // SQLite (built with STAT4) re-prepares a cached statement with a range on an
    // indexed column at every run.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// A `meta` value; a missing key means a corrupt store.
pub(crate) fn get_meta(conn: &Connection, key: &str) -> Result<Vec<u8>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::Corrupt)
}

/// Sets a `meta` value (replacing it).
pub(crate) fn put_meta(conn: &Connection, key: &str, value: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::{InitOptions, Store};

    const PASS: &str = "correct horse battery";

    #[test]
    fn only_a_later_version_is_newer() {
        for (version, newer) in [
            (1, false),
            (SCHEMA_VERSION, false),
            (SCHEMA_VERSION + 1, true),
            (99, true),
        ] {
            assert_eq!(is_newer(&i64::to_be_bytes(version)), newer, "{version}");
        }
        assert!(!is_newer(b"junk"), "not a version: damage, not newer");
    }

    #[test]
    fn a_store_of_a_newer_version_is_refused_as_such_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("h");
        drop(Store::init(&home, PASS, &InitOptions::default()).unwrap());
        let conn = Connection::open(Store::db_path(&home)).unwrap();
        put_meta(&conn, "schema", &99_i64.to_be_bytes()).unwrap();
        drop(conn);
        let files = |home: &std::path::Path| {
            let mut all: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(home)
                .unwrap()
                .map(|e| e.unwrap().path())
                .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
                .collect();
            all.sort();
            all
        };
        let before = files(&home);
        for passphrase in [PASS, "a wrong passphrase"] {
            let e = Store::open(&home, passphrase).unwrap_err();
            assert!(matches!(e, StoreError::NewerVersion), "{e:?}");
            assert_eq!(e.code(), "store-newer-version");
        }
        assert_eq!(files(&home), before, "nothing written, no attempt counted");
        // Damage is still damage.
        let conn = Connection::open(Store::db_path(&home)).unwrap();
        put_meta(&conn, "schema", b"junk").unwrap();
        drop(conn);
        assert!(matches!(
            Store::open(&home, PASS).unwrap_err(),
            StoreError::Corrupt
        ));
    }
}
