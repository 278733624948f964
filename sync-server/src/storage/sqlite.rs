//! [`Storage`] on one SQLite file: the zero-setup default for a single relay
//! process.
//!
//! The file runs in WAL mode with `synchronous=FULL` (a push is acknowledged only
//! once durable: the device then forgets its outbox) and `secure_delete=ON`, so
//! deleted cells are zeroed; an erasure also checkpoints and truncates the WAL, so
//! the erased ciphertext is in neither file afterwards.
//!
//! Connections, all used from `spawn_blocking`:
//! - **one writer**. Pushes are *group-committed*: a push joins a queue, and whichever
//!   blocking task holds the writer next runs every queued push in one transaction
//!   (each in its own savepoint, so one push's failure undoes only that push) and
//!   one `fsync`, then answers each. Under load many pushes share a commit; alone, a
//!   push commits by itself as before.
//! - **a few readers** (WAL lets them read while the writer writes): pulls, device
//!   look-ups, rosters. A push's pull page is read after its commit, on a reader.
//!
//! Request nonces are checked in memory (a map of the unexpired ones, loaded from
//! the file at start), and written to the file with the next group commit, or by a
//! background flush within [`NONCE_FLUSH`]: a request with an effect (a push) has its
//! nonce committed with that effect; the nonce of a read-only request may be lost if
//! the relay crashes within that interval, after which a captured copy of that read
//! could be answered once more, with the same ciphertext, until its time window
//! closes.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Duration;

use ponte_proto::{
    AgreementPublicKey, DeviceId, Entry, JoinMac, Nonce, PendingJoin, ProtoError, Pushed, RecordId,
    SigningPublicKey, TeamId, TokenHash,
};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{
    Created, DeviceLookup, DeviceStatus, JoinOutcome, NewTeam, Plan, PreparedEntry, PullRequest,
    RosterStored, RosterUpdate, Storage, StorageError, StoredKind, SyncOutcome, TEAM_GONE,
    TeamKeys, check_covers, fits, next_cursor, plan_entry, to_i64, to_u64,
};

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

/// Embedded migrations, applied in order; `PRAGMA user_version` counts them.
const MIGRATIONS: &[&str] = &[SCHEMA_V1];

/// Pending request nonces are written to the file at least this often.
pub const NONCE_FLUSH: Duration = Duration::from_millis(250);

/// Read-only connections.
const READERS: usize = 4;

/// The SQLite backend.
#[derive(Clone, Debug)]
pub struct SqliteStorage {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    /// Copies the WAL into the main file, beside the writer.
    checkpointer: Mutex<Connection>,
    next_reader: AtomicUsize,
    /// Pushes waiting for the next group commit.
    queue: Mutex<Vec<PushJob>>,
    nonces: Mutex<Nonces>,
}

/// One queued push and where its outcome goes.
struct PushJob {
    team: TeamId,
    author: DeviceId,
    push: Vec<PreparedEntry>,
    reply: tokio::sync::oneshot::Sender<Result<Appended, StorageError>>,
}

impl std::fmt::Debug for PushJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushJob")
            .field("entries", &self.push.len())
            .finish()
    }
}

/// What a push did.
#[derive(Debug)]
struct Appended {
    pushed: Vec<Pushed>,
    erased: bool,
}

/// Unexpired nonces by device, and those not yet written to the file.
#[derive(Debug, Default)]
struct Nonces {
    seen: HashMap<(DeviceId, Nonce), u64>,
    pending: Vec<(DeviceId, Nonce, u64)>,
    inserts: usize,
}

impl SqliteStorage {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrate(&mut conn)?;
        let nonces = load_nonces(&conn)?;
        let readers = (0..READERS)
            .map(|_| open_reader(path).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        let checkpointer = Connection::open(path)?;
        checkpointer.busy_timeout(Duration::from_secs(5))?;
        let inner = Arc::new(Inner {
            writer: Mutex::new(conn),
            readers,
            checkpointer: Mutex::new(checkpointer),
            next_reader: AtomicUsize::new(0),
            queue: Mutex::new(Vec::new()),
            nonces: Mutex::new(nonces),
        });
        spawn_upkeep(Arc::downgrade(&inner), path.to_owned());
        Ok(Self { inner })
    }

    /// Runs `f` on the writer in a blocking task.
    async fn write<T, F>(&self, f: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || f(&mut lock(&inner.writer))).await?
    }

    /// Runs `f` on a reader in a blocking task: a free one if there is one.
    async fn read<T, F>(&self, f: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || {
            for reader in &inner.readers {
                if let Ok(mut conn) = reader.try_lock() {
                    return f(&mut conn);
                }
            }
            let i = inner.next_reader.fetch_add(1, Ordering::Relaxed) % inner.readers.len();
            f(&mut lock(&inner.readers[i]))
        })
        .await?
    }
}

/// Locks a connection. A panic while holding it cannot leave a half-done
/// transaction behind (it rolls back on drop), so a poisoned lock is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn open_reader(path: &Path) -> Result<Connection, StorageError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "query_only", "ON")?;
    stable_plans(&conn)?;
    // Pages of the main file are read through a mapping instead of a copy per read.
    conn.pragma_update(None, "mmap_size", 256i64 << 20)?;
    Ok(conn)
}

impl Inner {
    /// Group commit: runs every queued push in one transaction on the writer and
    /// answers each. Returns at once if another task already took the queue.
    fn commit_queued(&self) {
        let mut conn = lock(&self.writer);
        let jobs = std::mem::take(&mut *lock(&self.queue));
        if jobs.is_empty() {
            return;
        }
        let nonces = std::mem::take(&mut lock(&self.nonces).pending);
        match run_batch(&mut conn, &nonces, &jobs) {
            Ok(outcomes) => {
                let erased = outcomes
                    .iter()
                    .any(|o| matches!(o, Ok(Appended { erased: true, .. })));
                if erased && let Err(error) = truncate_wal(&conn) {
                    tracing::warn!(%error, "wal checkpoint after erasure failed");
                }
                for (job, outcome) in jobs.into_iter().zip(outcomes) {
                    // The request may have gone (client disconnected): nothing to do.
                    let _ = job.reply.send(outcome);
                }
            }
            Err(error) => {
                lock(&self.nonces).pending.extend(nonces);
                let message = error.to_string();
                for job in jobs {
                    let _ = job.reply.send(Err(StorageError::Batch(message.clone())));
                }
            }
        }
    }

    /// Writes the pending nonces, if any.
    fn flush_nonces(&self) -> Result<(), StorageError> {
        let mut conn = lock(&self.writer);
        let nonces = std::mem::take(&mut lock(&self.nonces).pending);
        if nonces.is_empty() {
            return Ok(());
        }
        let result = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            write_nonces(&tx, &nonces)?;
            tx.commit()?;
            Ok(())
        })();
        if result.is_err() {
            lock(&self.nonces).pending.extend(nonces);
        }
        result
    }
}

/// One transaction: the pending nonces, then each push in a savepoint.
fn run_batch(
    conn: &mut Connection,
    nonces: &[(DeviceId, Nonce, u64)],
    jobs: &[PushJob],
) -> Result<Vec<Result<Appended, StorageError>>, StorageError> {
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    write_nonces(&tx, nonces)?;
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs {
        let savepoint = tx.savepoint()?;
        match push_in(&savepoint, &job.team, &job.author, &job.push) {
            Ok(appended) => {
                savepoint.commit()?;
                outcomes.push(Ok(appended));
            }
            // Dropping the savepoint rolls this push back, and only this one.
            Err(error) => outcomes.push(Err(error)),
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

fn write_nonces(conn: &Connection, nonces: &[(DeviceId, Nonce, u64)]) -> Result<(), StorageError> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO nonces (device_id, nonce, expires_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (device_id, nonce) DO UPDATE SET expires_at = excluded.expires_at",
    )?;
    for (device, nonce, expires_at) in nonces {
        insert.execute(params![&device.0[..], &nonce.0[..], to_i64(*expires_at)?])?;
    }
    Ok(())
}

/// The nonces in the file, so a restart does not forget them (expired ones are
/// purged every minute, and compared with the request's time when checked).
fn load_nonces(conn: &Connection) -> Result<Nonces, StorageError> {
    let mut stmt = conn.prepare("SELECT device_id, nonce, expires_at FROM nonces")?;
    let mut seen = HashMap::new();
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, Vec<u8>>(0)?,
            row.get::<_, Vec<u8>>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (device, nonce, expires_at) = row?;
        seen.insert(
            (
                fixed(&device, DeviceId::from_slice, "device id")?,
                fixed(&nonce, Nonce::from_slice, "nonce")?,
            ),
            to_u64(expires_at)?,
        );
    }
    Ok(Nonces {
        seen,
        ..Nonces::default()
    })
}

/// Until the storage is dropped, every [`NONCE_FLUSH`]: writes pending nonces, then
/// copies what the WAL holds into the main file (a passive checkpoint, on its own
/// connection, so the writer does not wait for it).
fn spawn_upkeep(inner: Weak<Inner>, path: PathBuf) {
    let spawned = std::thread::Builder::new()
        .name("sqlite-upkeep".into())
        .spawn(move || {
            loop {
                std::thread::sleep(NONCE_FLUSH);
                let Some(inner) = inner.upgrade() else { return };
                if let Err(error) = inner.flush_nonces() {
                    tracing::warn!(%error, "nonce flush failed");
                }
                let checkpoint = lock(&inner.checkpointer).query_row(
                    "PRAGMA wal_checkpoint(PASSIVE)",
                    [],
                    |_| Ok(()),
                );
                if let Err(error) = checkpoint {
                    tracing::warn!(%error, "wal checkpoint failed");
                }
            }
        });
    if let Err(error) = spawned {
        // Nonces are then written with the next push or purge, and the writer
        // checkpoints by itself once the WAL is large.
        tracing::warn!(%error, db = %path.display(), "no upkeep thread");
    }
}

/// One plan per statement whatever the bound values: without this, the bundled
/// SQLite (built with STAT4) re-prepares a cached statement with a range on an
/// indexed column (every pull) at every run.
fn stable_plans(conn: &Connection) -> Result<(), StorageError> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

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
    // `spawn_upkeep`); the writer checkpoints only if the WAL passes 64 MiB.
    conn.pragma_update(None, "wal_autocheckpoint", 16384i64)?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let secure: i64 = conn.pragma_query_value(None, "secure_delete", |row| row.get(0))?;
    if secure != 1 {
        return Err(StorageError::Config("secure_delete is off".into()));
    }
    Ok(())
}

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
    }
    tx.commit()?;
    Ok(())
}

/// Converts a BLOB column to a fixed-size id.
fn fixed<T>(
    bytes: &[u8],
    make: fn(&[u8]) -> Result<T, ProtoError>,
    what: &'static str,
) -> Result<T, StorageError> {
    make(bytes).map_err(|_| StorageError::Corrupt(what))
}

impl Storage for SqliteStorage {
    async fn create_team(&self, team: NewTeam) -> Result<Created, StorageError> {
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let inserted = tx.execute(
                "INSERT INTO teams (team_id, supervisor, supervisor_pk, roster_version, roster, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, strftime('%s','now') * 1000)
                 ON CONFLICT (team_id) DO NOTHING",
                params![
                    &team.team_id.0[..],
                    &team.supervisor.0[..],
                    &team.supervisor_pk.0[..],
                    to_i64(team.roster.version)?,
                    &team.roster.signed
                ],
            )?;
            if inserted == 0 {
                return Ok(Created::Exists);
            }
            set_devices(&tx, &team.team_id, &team.roster)?;
            tx.commit()?;
            Ok(Created::Created)
        })
        .await
    }

    async fn lookup_device(
        &self,
        team: TeamId,
        device: DeviceId,
    ) -> Result<Option<DeviceLookup>, StorageError> {
        self.read(move |conn| {
            let row = conn
                .prepare_cached(
                    "SELECT t.supervisor, d.signing_pk, d.active, p.signing_pk
                     FROM teams t
                     LEFT JOIN devices d ON d.team_id = t.team_id AND d.device_id = ?2
                     LEFT JOIN pending_joins p ON p.team_id = t.team_id AND p.device_id = ?2
                     WHERE t.team_id = ?1",
                )?
                .query_row(params![&team.0[..], &device.0[..]], |row| {
                    Ok((
                        row.get::<_, Vec<u8>>(0)?,
                        row.get::<_, Option<Vec<u8>>>(1)?,
                        row.get::<_, Option<bool>>(2)?,
                        row.get::<_, Option<Vec<u8>>>(3)?,
                    ))
                })
                .optional()?;
            let Some((supervisor, device_pk, active, pending_pk)) = row else {
                return Ok(None);
            };
            let key = |bytes: &[u8]| fixed(bytes, SigningPublicKey::from_slice, "signing key");
            let status = match (device_pk, active, pending_pk) {
                (Some(pk), Some(true), _) => DeviceStatus::Active(key(&pk)?),
                (Some(pk), _, _) => DeviceStatus::Revoked(key(&pk)?),
                (None, _, Some(pk)) => DeviceStatus::Pending(key(&pk)?),
                (None, _, None) => DeviceStatus::Unknown,
            };
            Ok(Some(DeviceLookup {
                supervisor: fixed(&supervisor, DeviceId::from_slice, "device id")?,
                status,
            }))
        })
        .await
    }

    async fn team_keys(&self, team: TeamId) -> Result<Option<TeamKeys>, StorageError> {
        self.read(move |conn| {
            let row = conn
                .prepare_cached("SELECT supervisor, supervisor_pk, roster_version FROM teams WHERE team_id = ?1")?
                .query_row([&team.0[..]], |row| {
                    Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, Vec<u8>>(1)?, row.get::<_, i64>(2)?))
                })
                .optional()?;
            row.map(|(supervisor, pk, version)| {
                Ok(TeamKeys {
                    supervisor: fixed(&supervisor, DeviceId::from_slice, "device id")?,
                    supervisor_pk: fixed(&pk, SigningPublicKey::from_slice, "signing key")?,
                    roster_version: to_u64(version)?,
                })
            })
            .transpose()
        })
        .await
    }

    async fn remember_nonce(
        &self,
        device: DeviceId,
        nonce: Nonce,
        expires_at: u64,
        now: u64,
    ) -> Result<bool, StorageError> {
        let mut nonces = lock(&self.inner.nonces);
        if nonces
            .seen
            .get(&(device, nonce))
            .is_some_and(|&until| until >= now)
        {
            return Ok(false);
        }
        nonces.seen.insert((device, nonce), expires_at);
        nonces.pending.push((device, nonce, expires_at));
        nonces.inserts += 1;
        if nonces.inserts.is_multiple_of(4096) {
            nonces.seen.retain(|_, until| *until >= now);
        }
        Ok(true)
    }

    async fn sync(
        &self,
        team: TeamId,
        author: DeviceId,
        push: Vec<PreparedEntry>,
        pull: PullRequest,
    ) -> Result<SyncOutcome, StorageError> {
        let (pushed, erased) = if push.is_empty() {
            (Vec::new(), false)
        } else {
            let (reply, answer) = tokio::sync::oneshot::channel();
            lock(&self.inner.queue).push(PushJob {
                team,
                author,
                push,
                reply,
            });
            let inner = Arc::clone(&self.inner);
            tokio::task::spawn_blocking(move || inner.commit_queued()).await?;
            let appended = answer
                .await
                .map_err(|_| StorageError::Batch("push dropped from the queue".into()))??;
            (appended.pushed, appended.erased)
        };
        let page = self
            .read(move |conn| {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
                let page = pull_in(&tx, &team, &pull)?;
                tx.commit()?;
                Ok(page)
            })
            .await?;
        Ok(SyncOutcome {
            pushed,
            erased,
            ..page
        })
    }

    async fn put_roster(
        &self,
        team: TeamId,
        roster: RosterUpdate,
    ) -> Result<RosterStored, StorageError> {
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let updated = tx.execute(
                "UPDATE teams SET roster_version = ?2, roster = ?3 WHERE team_id = ?1 AND roster_version < ?2",
                params![&team.0[..], to_i64(roster.version)?, &roster.signed],
            )?;
            if updated == 0 {
                return Ok(RosterStored::Stale);
            }
            set_devices(&tx, &team, &roster)?;
            tx.commit()?;
            Ok(RosterStored::Stored)
        })
        .await
    }

    async fn roster(&self, team: TeamId) -> Result<Option<Vec<u8>>, StorageError> {
        self.read(move |conn| {
            Ok(conn
                .prepare_cached("SELECT roster FROM teams WHERE team_id = ?1")?
                .query_row([&team.0[..]], |row| row.get(0))
                .optional()?)
        })
        .await
    }

    async fn create_invite(
        &self,
        team: TeamId,
        token_hash: TokenHash,
        expires_at: u64,
    ) -> Result<Created, StorageError> {
        self.write(move |conn| {
            let inserted = conn.execute(
                "INSERT INTO invites (team_id, token_hash, expires_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (team_id, token_hash) DO NOTHING",
                params![&team.0[..], &token_hash.0[..], to_i64(expires_at)?],
            )?;
            Ok(if inserted == 1 {
                Created::Created
            } else {
                Created::Exists
            })
        })
        .await
    }

    async fn join(
        &self,
        team: TeamId,
        join: PendingJoin,
        now: u64,
    ) -> Result<JoinOutcome, StorageError> {
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let invite = tx
                .query_row(
                    "SELECT expires_at, used_by, used_pk FROM invites WHERE team_id = ?1 AND token_hash = ?2",
                    params![&team.0[..], &join.token_hash.0[..]],
                    |row| {
                        Ok((row.get::<_, i64>(0)?, row.get::<_, Option<Vec<u8>>>(1)?, row.get::<_, Option<Vec<u8>>>(2)?))
                    },
                )
                .optional()?;
            let Some((expires_at, used_by, used_pk)) = invite else {
                return Ok(JoinOutcome::BadToken);
            };
            if let Some(used_by) = used_by {
                // The same device retrying (its first answer was lost) is not a reuse.
                let same = used_by == join.device_id.0 && used_pk.as_deref() == Some(&join.signing_pk.0[..]);
                return Ok(if same { JoinOutcome::Accepted } else { JoinOutcome::TokenUsed });
            }
            if to_u64(expires_at)? <= now {
                return Ok(JoinOutcome::Expired);
            }
            let known: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM devices WHERE team_id = ?1 AND device_id = ?2",
                    params![&team.0[..], &join.device_id.0[..]],
                    |row| row.get(0),
                )
                .optional()?;
            if known.is_some() {
                return Ok(JoinOutcome::DeviceExists);
            }
            tx.execute(
                "UPDATE invites SET used_by = ?3, used_pk = ?4 WHERE team_id = ?1 AND token_hash = ?2",
                params![&team.0[..], &join.token_hash.0[..], &join.device_id.0[..], &join.signing_pk.0[..]],
            )?;
            tx.execute(
                "INSERT INTO pending_joins
                 (team_id, device_id, signing_pk, agreement_pk, name_sealed, mac, token_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (team_id, device_id) DO UPDATE SET
                 signing_pk = excluded.signing_pk, agreement_pk = excluded.agreement_pk,
                 name_sealed = excluded.name_sealed, mac = excluded.mac,
                 token_hash = excluded.token_hash, created_at = excluded.created_at",
                params![
                    &team.0[..],
                    &join.device_id.0[..],
                    &join.signing_pk.0[..],
                    &join.agreement_pk.0[..],
                    &join.name_sealed,
                    &join.mac.0[..],
                    &join.token_hash.0[..],
                    to_i64(now)?
                ],
            )?;
            tx.commit()?;
            Ok(JoinOutcome::Accepted)
        })
        .await
    }

    async fn pending(&self, team: TeamId) -> Result<Vec<PendingJoin>, StorageError> {
        self.read(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT device_id, signing_pk, agreement_pk, name_sealed, mac, token_hash
                 FROM pending_joins WHERE team_id = ?1 ORDER BY created_at, device_id",
            )?;
            let rows = stmt.query_map([&team.0[..]], |row| {
                Ok((
                    row.get::<_, Vec<u8>>(0)?,
                    row.get::<_, Vec<u8>>(1)?,
                    row.get::<_, Vec<u8>>(2)?,
                    row.get::<_, Vec<u8>>(3)?,
                    row.get::<_, Vec<u8>>(4)?,
                    row.get::<_, Vec<u8>>(5)?,
                ))
            })?;
            let mut joins = Vec::new();
            for row in rows {
                let (device, signing, agreement, name_sealed, mac, token_hash) = row?;
                joins.push(PendingJoin {
                    device_id: fixed(&device, DeviceId::from_slice, "device id")?,
                    signing_pk: fixed(&signing, SigningPublicKey::from_slice, "signing key")?,
                    agreement_pk: fixed(
                        &agreement,
                        AgreementPublicKey::from_slice,
                        "agreement key",
                    )?,
                    name_sealed,
                    mac: fixed(&mac, JoinMac::from_slice, "mac")?,
                    token_hash: fixed(&token_hash, TokenHash::from_slice, "token hash")?,
                });
            }
            Ok(joins)
        })
        .await
    }

    async fn purge_expired(&self, now: u64) -> Result<u64, StorageError> {
        lock(&self.inner.nonces)
            .seen
            .retain(|_, until| *until >= now);
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || inner.flush_nonces()).await??;
        self.write(move |conn| {
            let now = to_i64(now)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut purged = tx.execute("DELETE FROM nonces WHERE expires_at < ?1", [now])?;
            purged += tx.execute(
                "DELETE FROM invites WHERE expires_at < ?1",
                [now - super::INVITE_GRACE_MS],
            )?;
            purged += tx.execute(
                "DELETE FROM pending_joins WHERE created_at < ?1",
                [now - super::PENDING_TTL_MS],
            )?;
            tx.commit()?;
            Ok(u64::try_from(purged).unwrap_or(u64::MAX))
        })
        .await
    }
}

/// Replaces the team's device list with the roster's: listed devices become
/// active (with the roster's key), all others revoked; their pending joins go.
fn set_devices(
    tx: &Transaction<'_>,
    team: &TeamId,
    roster: &RosterUpdate,
) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE devices SET active = 0 WHERE team_id = ?1",
        [&team.0[..]],
    )?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO devices (team_id, device_id, signing_pk, active) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (team_id, device_id) DO UPDATE SET signing_pk = excluded.signing_pk, active = 1",
    )?;
    let mut clear =
        tx.prepare_cached("DELETE FROM pending_joins WHERE team_id = ?1 AND device_id = ?2")?;
    for (device, key) in &roster.devices {
        upsert.execute(params![&team.0[..], &device.0[..], &key.0[..]])?;
        clear.execute(params![&team.0[..], &device.0[..]])?;
    }
    Ok(())
}

/// Appends a push to the team's log, in the caller's transaction (or savepoint).
fn push_in(
    tx: &Connection,
    team: &TeamId,
    author: &DeviceId,
    push: &[PreparedEntry],
) -> Result<Appended, StorageError> {
    let head: i64 = tx
        .prepare_cached("SELECT head FROM teams WHERE team_id = ?1")?
        .query_row([&team.0[..]], |row| row.get(0))
        .optional()?
        .ok_or(TEAM_GONE)?;
    let mut head = to_u64(head)?;
    let mut pushed = Vec::with_capacity(push.len());
    let mut erased = false;
    let mut existing =
        tx.prepare_cached("SELECT seq FROM entries WHERE team_id = ?1 AND entry_id = ?2")?;
    let mut tombstone = tx.prepare_cached(
        "SELECT seq FROM entries WHERE team_id = ?1 AND record_id = ?2 AND kind = 2 LIMIT 1",
    )?;
    // `DO NOTHING` on a known entry id: the insert itself finds a retried entry, and
    // only then is its seq looked up.
    let mut insert = tx.prepare_cached(
        "INSERT INTO entries (team_id, seq, record_id, entry_id, author, kind, covers, ciphertext)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (team_id, entry_id) DO NOTHING",
    )?;
    let mut compact = tx.prepare_cached(
        "DELETE FROM entries WHERE team_id = ?1 AND record_id = ?2 AND kind IN (0, 1) AND seq <= ?3",
    )?;
    let mut erase = tx
        .prepare_cached("DELETE FROM entries WHERE team_id = ?1 AND record_id = ?2 AND seq < ?3")?;
    // Each record's tombstone seq, looked up once per push (a new record comes as a
    // key entry and a change).
    let mut erased_at: HashMap<RecordId, Option<u64>> = HashMap::new();
    for entry in push {
        let (kind, covers) = StoredKind::split(entry.kind);
        let record = &entry.record_id.0[..];
        let tombstone_seq = match erased_at.get(&entry.record_id) {
            Some(seq) => *seq,
            None => {
                let seq: Option<i64> = tombstone
                    .query_row(params![&team.0[..], record], |row| row.get(0))
                    .optional()?;
                let seq = seq.map(to_u64).transpose()?;
                erased_at.insert(entry.record_id, seq);
                seq
            }
        };
        let mut find_existing = || -> Result<Option<u64>, StorageError> {
            let found: Option<i64> = existing
                .query_row(params![&team.0[..], &entry.entry_id.0[..]], |row| {
                    row.get(0)
                })
                .optional()?;
            found.map(to_u64).transpose()
        };
        // Of an erased record only a retried entry is answered with its seq.
        let plan = if tombstone_seq.is_some() {
            plan_entry(kind, find_existing()?, tombstone_seq)
        } else {
            Plan::Append
        };
        match plan {
            Plan::Existing(seq) => pushed.push(Pushed::Stored { seq }),
            Plan::Erased => pushed.push(Pushed::RecordErased),
            Plan::Append => {
                let seq = head + 1;
                let inserted = insert.execute(params![
                    &team.0[..],
                    to_i64(seq)?,
                    record,
                    &entry.entry_id.0[..],
                    &author.0[..],
                    kind as i64,
                    covers.map(to_i64).transpose()?,
                    &entry.ciphertext
                ])?;
                if inserted == 0 {
                    let seq = find_existing()?.ok_or(StorageError::Corrupt("entry id conflict"))?;
                    pushed.push(Pushed::Stored { seq });
                    continue;
                }
                // Checked after the insert, which is undone with the push if it fails.
                check_covers(covers, seq)?;
                match (kind, covers) {
                    (StoredKind::Snapshot, Some(covers)) => {
                        compact.execute(params![&team.0[..], record, to_i64(covers)?])?;
                    }
                    (StoredKind::Tombstone, _) => {
                        erase.execute(params![&team.0[..], record, to_i64(seq)?])?;
                        erased_at.insert(entry.record_id, Some(seq));
                        erased = true;
                    }
                    _ => {}
                }
                head = seq;
                pushed.push(Pushed::Stored { seq });
            }
        }
    }
    tx.prepare_cached("UPDATE teams SET head = ?2 WHERE team_id = ?1")?
        .execute(params![&team.0[..], to_i64(head)?])?;
    Ok(Appended { pushed, erased })
}

/// The entries after a cursor, up to a head, not by the requester: a pull's page.
const PULL_PAGE: &str = "SELECT seq, record_id, author, kind, covers, ciphertext FROM entries
     WHERE team_id = ?1 AND seq > ?2 AND seq <= ?3 AND author <> ?4
     ORDER BY seq LIMIT ?5";

/// Reads one page of the team's log for `pull`, in the caller's transaction.
fn pull_in(
    tx: &Connection,
    team: &TeamId,
    pull: &PullRequest,
) -> Result<SyncOutcome, StorageError> {
    let (head, roster_version): (i64, i64) = tx
        .prepare_cached("SELECT head, roster_version FROM teams WHERE team_id = ?1")?
        .query_row([&team.0[..]], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or(TEAM_GONE)?;
    let head = to_u64(head)?;
    let cursor = to_i64(pull.cursor)?;
    // One pass: rows come in seq order with their ciphertext; the first that does not
    // fit the page says there is more.
    let mut stmt = tx.prepare_cached(PULL_PAGE)?;
    let mut rows = stmt.query(params![
        &team.0[..],
        cursor,
        to_i64(head)?,
        &pull.requester.0[..],
        i64::from(pull.limit) + 1
    ])?;
    let mut entries = Vec::new();
    let mut bytes = 0usize;
    let mut more = false;
    while let Some(row) = rows.next()? {
        let len = row
            .get_ref(5)?
            .as_blob()
            .map_err(rusqlite::Error::from)?
            .len();
        if !fits(entries.len(), bytes, len, pull.limit, pull.byte_budget) {
            more = true;
            break;
        }
        bytes = bytes.saturating_add(len);
        entries.push(Entry {
            seq: to_u64(row.get(0)?)?,
            record_id: fixed(
                row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?,
                RecordId::from_slice,
                "record id",
            )?,
            author_device: fixed(
                row.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?,
                DeviceId::from_slice,
                "device id",
            )?,
            kind: StoredKind::join(row.get(3)?, row.get(4)?)?,
            ciphertext: row.get(5)?,
        });
    }
    let last = entries.last().map(|e| e.seq);
    Ok(SyncOutcome {
        pushed: Vec::new(),
        entries,
        more,
        cursor: next_cursor(pull.cursor, last, more, head),
        head,
        roster_version: to_u64(roster_version)?,
        erased: false,
    })
}

/// Moves every WAL frame into the main file and truncates the WAL to zero bytes, so
/// the frames that held an erased record's ciphertext are gone.
fn truncate_wal(conn: &Connection) -> Result<(), StorageError> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
    if busy != 0 {
        // Only this connection uses the file, so this cannot happen; if it did, the
        // next erasure's checkpoint would finish the job. Say so in the log.
        tracing::warn!("wal checkpoint after erasure was blocked");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use ponte_proto::{EntryId, EntryKind};

    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    async fn team(storage: &SqliteStorage) -> (TeamId, DeviceId) {
        let team = TeamId([1; 16]);
        let device = DeviceId([2; 16]);
        let key = SigningPublicKey([3; 32]);
        let created = storage
            .create_team(NewTeam {
                team_id: team,
                supervisor: device,
                supervisor_pk: key,
                roster: RosterUpdate {
                    version: 1,
                    signed: vec![0],
                    devices: vec![(device, key)],
                },
            })
            .await
            .unwrap();
        assert_eq!(created, Created::Created);
        (team, device)
    }

    fn entry(n: u8, kind: EntryKind) -> PreparedEntry {
        PreparedEntry {
            record_id: RecordId([n; 16]),
            entry_id: EntryId([n; 32]),
            kind,
            ciphertext: vec![n; 10],
        }
    }

    fn pull(requester: DeviceId) -> PullRequest {
        PullRequest {
            cursor: 0,
            limit: 1000,
            byte_budget: 1 << 20,
            requester,
        }
    }

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

    /// Nonces are checked in memory but written to the file, so a restart of the
    /// relay does not forget them.
    #[tokio::test]
    async fn nonces_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("relay.db");
        let expires = u64::MAX >> 2;
        // Whether nonce `n` is new for the device.
        async fn fresh(storage: &SqliteStorage, n: u8, expires_at: u64, now: u64) -> bool {
            storage
                .remember_nonce(DeviceId([9; 16]), Nonce([n; 16]), expires_at, now)
                .await
                .unwrap()
        }
        {
            let storage = SqliteStorage::open(&path).unwrap();
            assert!(fresh(&storage, 1, expires, NOW).await);
            assert!(!fresh(&storage, 1, expires, NOW).await);
            assert!(fresh(&storage, 2, expires, NOW).await);
            // The background flush writes them without any other request.
            tokio::time::sleep(NONCE_FLUSH * 3).await;
        }
        let storage = SqliteStorage::open(&path).unwrap();
        assert!(!fresh(&storage, 1, expires, NOW).await);
        assert!(!fresh(&storage, 2, expires, NOW).await);
        assert!(fresh(&storage, 3, expires, NOW).await);
        // An expired nonce may be used again (the time window refuses the old request).
        assert!(fresh(&storage, 4, NOW - 1, NOW - 2).await);
        assert!(fresh(&storage, 4, NOW + 10, NOW).await);
    }

    /// Pushes that arrive together share commits: each gets its own seqs, in one
    /// strictly increasing log, and a push that fails (a snapshot covering its own
    /// seq) is undone alone.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_pushes_are_committed_together_and_fail_alone() {
        let dir = tempfile::tempdir().unwrap();
        let storage = SqliteStorage::open(&dir.path().join("relay.db")).unwrap();
        let (team, device) = team(&storage).await;
        let mut tasks = Vec::new();
        for n in 0..40u8 {
            let storage = storage.clone();
            tasks.push(tokio::spawn(async move {
                let push = if n == 13 {
                    vec![
                        entry(200, EntryKind::Change),
                        entry(
                            201,
                            EntryKind::Snapshot {
                                covers: u64::MAX >> 2,
                            },
                        ),
                    ]
                } else {
                    vec![
                        entry(n * 2, EntryKind::Key),
                        entry(n * 2 + 1, EntryKind::Change),
                    ]
                };
                storage
                    .sync(team, device, push, pull(DeviceId([0; 16])))
                    .await
            }));
        }
        let mut seqs = Vec::new();
        for (n, task) in tasks.into_iter().enumerate() {
            match task.await.unwrap() {
                Ok(outcome) => {
                    assert_ne!(n, 13);
                    let got: Vec<u64> = outcome.pushed.iter().filter_map(Pushed::seq).collect();
                    assert_eq!(got.len(), 2);
                    assert_eq!(got[1], got[0] + 1, "a push's entries are consecutive");
                    seqs.extend(got);
                }
                Err(StorageError::CoversBeyondHead { .. }) => assert_eq!(n, 13),
                Err(other) => panic!("push {n}: {other}"),
            }
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=78).collect::<Vec<u64>>());
        let page = storage
            .sync(team, device, vec![], pull(DeviceId([0; 16])))
            .await
            .unwrap();
        assert_eq!(page.head, 78);
        assert_eq!(page.entries.len(), 78);
        assert!(
            page.entries.iter().all(|e| e.record_id.0[0] < 80),
            "the failed push left nothing"
        );
    }
}
