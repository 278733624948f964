//! The file's layout and settings: tables and their migrations (`user_version`),
//! the pragmas of the writer and of the readers, and query-planner stability.

use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, TransactionBehavior};

use crate::storage::{StorageError, role_code, stored_roles};

/// Schema version 1. Ids are BLOBs of their raw bytes; times are unix ms.
const SCHEMA_V1: &str = "
CREATE TABLE teams (
    team_id        BLOB PRIMARY KEY,
    supervisor     BLOB NOT NULL,
    supervisor_pk  BLOB NOT NULL,
    head           INTEGER NOT NULL DEFAULT 0,
    roster_version INTEGER NOT NULL,
    roster         BLOB NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE TABLE devices (
    team_id    BLOB NOT NULL REFERENCES teams(team_id),
    device_id  BLOB NOT NULL,
    signing_pk BLOB NOT NULL,
    active     INTEGER NOT NULL,
    PRIMARY KEY (team_id, device_id)
);
CREATE TABLE entries (
    team_id    BLOB NOT NULL REFERENCES teams(team_id),
    seq        INTEGER NOT NULL,
    record_id  BLOB NOT NULL,
    entry_id   BLOB NOT NULL,
    author     BLOB NOT NULL,
    kind       INTEGER NOT NULL,
    covers     INTEGER,
    ciphertext BLOB NOT NULL,
    UNIQUE (team_id, seq),
    UNIQUE (team_id, entry_id)
);
CREATE INDEX entries_record ON entries (team_id, record_id, kind);
CREATE TABLE invites (
    team_id    BLOB NOT NULL REFERENCES teams(team_id),
    token_hash BLOB NOT NULL,
    expires_at INTEGER NOT NULL,
    used_by    BLOB,
    used_pk    BLOB,
    PRIMARY KEY (team_id, token_hash)
);
CREATE TABLE pending_joins (
    team_id      BLOB NOT NULL REFERENCES teams(team_id),
    device_id    BLOB NOT NULL,
    signing_pk   BLOB NOT NULL,
    agreement_pk BLOB NOT NULL,
    name_sealed  BLOB NOT NULL,
    mac          BLOB NOT NULL,
    token_hash   BLOB NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (team_id, device_id)
);
CREATE TABLE nonces (
    device_id  BLOB NOT NULL,
    nonce      BLOB NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, nonce)
);
CREATE INDEX nonces_expiry ON nonces (expires_at);
";

/// Schema version 2: notices devices leave their supervisor (opaque, sealed to it).
const SCHEMA_V2: &str = "
CREATE TABLE notices (
    team_id     BLOB NOT NULL REFERENCES teams(team_id),
    device_id   BLOB NOT NULL,
    received_at INTEGER NOT NULL,
    sealed      BLOB NOT NULL
);
CREATE INDEX notices_device ON notices (team_id, device_id);
";

/// Schema version 3: each device's role in the latest roster (the relay enforces
/// what a role may call), and every roster a team stored (`GET /v2/rosters`). A
/// team's latest roster becomes the first row of its history; the roles are filled
/// from it ([`fill_roles`]).
const SCHEMA_V3: &str = "
ALTER TABLE devices ADD COLUMN role INTEGER;
CREATE TABLE rosters (
    team_id BLOB NOT NULL REFERENCES teams(team_id),
    version INTEGER NOT NULL,
    signed  BLOB NOT NULL,
    PRIMARY KEY (team_id, version)
);
INSERT INTO rosters (team_id, version, signed) SELECT team_id, roster_version, roster FROM teams;
";

/// Embedded migrations, applied in order; `PRAGMA user_version` counts them.
const MIGRATIONS: &[&str] = &[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3];

/// The schema version that added roles: migrating past it fills them.
const ROLES_VERSION: usize = 3;

/// Opens (creating if needed) the writer's connection to the file, configured and
/// with its schema brought up to date.
pub(super) fn open_writer(path: &Path) -> Result<Connection, StorageError> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Opens a read-only connection to the file.
pub(super) fn open_reader(path: &Path) -> Result<Connection, StorageError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "query_only", "ON")?;
    stable_plans(&conn)?;
    // Pages of the main file are read through a mapping instead of a copy per read.
    conn.pragma_update(None, "mmap_size", 256i64 << 20)?;
    Ok(conn)
}

/// One plan per statement whatever the bound values: without this, the bundled
/// SQLite (built with STAT4) re-prepares a cached statement with a range on an
/// indexed column (every pull) at every run.
fn stable_plans(conn: &Connection) -> Result<(), StorageError> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// Sets up the writer's connection: WAL, durable commits, zeroed deletes, foreign
/// keys; fails if the file cannot have WAL or secure deletion.
fn configure(conn: &Connection) -> Result<(), StorageError> {
    conn.busy_timeout(Duration::from_secs(5))?;
    stable_plans(conn)?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StorageError::Config(format!(
            "journal_mode is {mode}, not wal"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 32 MiB of page cache (the default is 2 MiB): the log's indexes stay in memory.
    conn.pragma_update(None, "cache_size", -32768i64)?;
    // Checkpoints run on their own connection in the background (see
    // `upkeep::spawn_upkeep`); the writer checkpoints only if the WAL passes 64 MiB.
    conn.pragma_update(None, "wal_autocheckpoint", 16384i64)?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let secure: i64 = conn.pragma_query_value(None, "secure_delete", |row| row.get(0))?;
    if secure != 1 {
        return Err(StorageError::Config("secure_delete is off".into()));
    }
    Ok(())
}

/// Applies the migrations the file lacks, in one transaction.
fn migrate(conn: &mut Connection) -> Result<(), StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let done = usize::try_from(version).map_err(|_| StorageError::Corrupt("user_version"))?;
    if done > MIGRATIONS.len() {
        return Err(StorageError::Config(format!(
            "schema version {done} is newer than this relay"
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        tx.execute_batch(sql)?;
        let version = i64::try_from(i + 1).map_err(|_| StorageError::Corrupt("user_version"))?;
        tx.pragma_update(None, "user_version", version)?;
        if i + 1 == ROLES_VERSION {
            fill_roles(&tx)?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Gives the active devices of every team the role its latest roster says. A roster
/// that does not decode (the relay never stores one) leaves its devices without a
/// role: ordinary devices, refused what only a supervisor may do.
fn fill_roles(tx: &Connection) -> Result<(), StorageError> {
    let teams: Vec<(Vec<u8>, Vec<u8>)> = tx
        .prepare("SELECT team_id, roster FROM teams")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut set = tx.prepare(
        "UPDATE devices SET role = ?3 WHERE team_id = ?1 AND device_id = ?2 AND active = 1",
    )?;
    for (team, roster) in teams {
        let Some(roles) = stored_roles(&roster) else {
            tracing::warn!("a team's latest roster does not decode: its devices get no role");
            continue;
        };
        for (device, role) in roles {
            set.execute(rusqlite::params![team, &device.0[..], role_code(role)])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use rusqlite::params;

    use super::super::SqliteStorage;
    use super::super::queries::PULL_PAGE;
    use super::*;

    /// A pull's cached statement is not compiled again at every run (it would be, for
    /// its range on seq, without `stable_plans`: 6 % of the relay's CPU under load).
    #[test]
    fn the_pull_statement_is_prepared_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("relay.db");
        drop(SqliteStorage::open(&path).unwrap());
        let conn = open_reader(&path).unwrap();
        for cursor in 0..4i64 {
            let mut stmt = conn.prepare_cached(PULL_PAGE).unwrap();
            let rows = stmt
                .query_map(
                    params![&[1u8; 16][..], cursor, cursor + 100, &[2u8; 16][..], 10],
                    |_| Ok(()),
                )
                .unwrap()
                .count();
            assert_eq!(rows, 0);
            assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
        }
    }
}
