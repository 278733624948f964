//! [`Storage`] on one SQLite file: the zero-setup default for a single relay
//! process.
//!
//! One connection behind a mutex, used from `spawn_blocking`: SQLite serialises
//! writers anyway, and a relay's transactions are short. The file runs in WAL mode
//! with `synchronous=FULL` (a push is acknowledged only once durable: the device
//! then forgets its outbox) and `secure_delete=ON`, so deleted cells are zeroed; an
//! erasure also checkpoints and truncates the WAL, so the erased ciphertext is in
//! neither file afterwards.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use ponte_proto::{
    AgreementPublicKey, DeviceId, Entry, JoinMac, Nonce, PendingJoin, ProtoError, Pushed, RecordId,
    SigningPublicKey, TeamId, TokenHash,
};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{
    Created, DeviceLookup, DeviceStatus, JoinOutcome, NewTeam, Plan, PreparedEntry, PullRequest,
    RosterStored, RosterUpdate, Storage, StorageError, StoredKind, SyncOutcome, TeamKeys,
    check_covers, next_cursor, page, plan_entry, to_i64, to_u64,
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

/// The SQLite backend.
#[derive(Clone, Debug)]
pub struct SqliteStorage {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteStorage {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` on the connection in a blocking task.
    async fn run<T, F>(&self, f: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock cannot leave a half-done transaction
            // behind (it rolls back on drop), so a poisoned lock is still usable.
            let mut conn = conn.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut conn)
        })
        .await?
    }
}

fn configure(conn: &Connection) -> Result<(), StorageError> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StorageError::Config(format!(
            "journal_mode is {mode}, not wal"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
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
        self.run(move |conn| {
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
        self.run(move |conn| {
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
        self.run(move |conn| {
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
        self.run(move |conn| {
            let changed = conn
                .prepare_cached(
                    "INSERT INTO nonces (device_id, nonce, expires_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (device_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
                 WHERE nonces.expires_at < ?4",
                )?
                .execute(params![
                    &device.0[..],
                    &nonce.0[..],
                    to_i64(expires_at)?,
                    to_i64(now)?
                ])?;
            Ok(changed == 1)
        })
        .await
    }

    async fn sync(
        &self,
        team: TeamId,
        author: DeviceId,
        push: Vec<PreparedEntry>,
        pull: PullRequest,
    ) -> Result<SyncOutcome, StorageError> {
        self.run(move |conn| {
            let behavior = if push.is_empty() {
                TransactionBehavior::Deferred
            } else {
                TransactionBehavior::Immediate
            };
            let tx = conn.transaction_with_behavior(behavior)?;
            let outcome = sync_in(&tx, &team, &author, push, &pull)?;
            tx.commit()?;
            if outcome.erased {
                truncate_wal(conn)?;
            }
            Ok(outcome)
        })
        .await
    }

    async fn put_roster(
        &self,
        team: TeamId,
        roster: RosterUpdate,
    ) -> Result<RosterStored, StorageError> {
        self.run(move |conn| {
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
        self.run(move |conn| {
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
        self.run(move |conn| {
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
        self.run(move |conn| {
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
        self.run(move |conn| {
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
        self.run(move |conn| {
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

/// The body of a sync transaction: append, then read a page.
fn sync_in(
    tx: &Transaction<'_>,
    team: &TeamId,
    author: &DeviceId,
    push: Vec<PreparedEntry>,
    pull: &PullRequest,
) -> Result<SyncOutcome, StorageError> {
    let (head, roster_version): (i64, i64) = tx
        .prepare_cached("SELECT head, roster_version FROM teams WHERE team_id = ?1")?
        .query_row([&team.0[..]], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or(StorageError::Corrupt(
            "team of an authenticated device is gone",
        ))?;
    let mut head = to_u64(head)?;
    let mut pushed = Vec::with_capacity(push.len());
    let mut erased = false;
    if !push.is_empty() {
        let mut existing =
            tx.prepare_cached("SELECT seq FROM entries WHERE team_id = ?1 AND entry_id = ?2")?;
        let mut tombstone = tx.prepare_cached(
            "SELECT seq FROM entries WHERE team_id = ?1 AND record_id = ?2 AND kind = 2 LIMIT 1",
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO entries (team_id, seq, record_id, entry_id, author, kind, covers, ciphertext)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut compact = tx.prepare_cached(
            "DELETE FROM entries WHERE team_id = ?1 AND record_id = ?2 AND kind IN (0, 1) AND seq <= ?3",
        )?;
        let mut erase = tx.prepare_cached(
            "DELETE FROM entries WHERE team_id = ?1 AND record_id = ?2 AND seq < ?3",
        )?;
        for entry in push {
            let (kind, covers) = StoredKind::split(entry.kind);
            let found: Option<i64> = existing
                .query_row(params![&team.0[..], &entry.entry_id.0[..]], |row| {
                    row.get(0)
                })
                .optional()?;
            let erased_at: Option<i64> = tombstone
                .query_row(params![&team.0[..], &entry.record_id.0[..]], |row| {
                    row.get(0)
                })
                .optional()?;
            let plan = plan_entry(
                kind,
                found.map(to_u64).transpose()?,
                erased_at.map(to_u64).transpose()?,
            );
            match plan {
                Plan::Existing(seq) => pushed.push(Pushed::Stored { seq }),
                Plan::Erased => pushed.push(Pushed::RecordErased),
                Plan::Append => {
                    let seq = head + 1;
                    check_covers(covers, seq)?;
                    let covers = covers.map(to_i64).transpose()?;
                    insert.execute(params![
                        &team.0[..],
                        to_i64(seq)?,
                        &entry.record_id.0[..],
                        &entry.entry_id.0[..],
                        &author.0[..],
                        kind as i64,
                        covers,
                        &entry.ciphertext
                    ])?;
                    match (kind, covers) {
                        (StoredKind::Snapshot, Some(covers)) => {
                            compact.execute(params![
                                &team.0[..],
                                &entry.record_id.0[..],
                                covers
                            ])?;
                        }
                        (StoredKind::Tombstone, _) => {
                            erase.execute(params![
                                &team.0[..],
                                &entry.record_id.0[..],
                                to_i64(seq)?
                            ])?;
                            erased = true;
                        }
                        _ => {}
                    }
                    head = seq;
                    pushed.push(Pushed::Stored { seq });
                }
            }
        }
        tx.execute(
            "UPDATE teams SET head = ?2 WHERE team_id = ?1",
            params![&team.0[..], to_i64(head)?],
        )?;
    }

    let cursor = to_i64(pull.cursor)?;
    let due: Vec<(u64, usize)> = tx
        .prepare_cached(
            "SELECT seq, length(ciphertext) FROM entries
             WHERE team_id = ?1 AND seq > ?2 AND seq <= ?3 AND author <> ?4
             ORDER BY seq LIMIT ?5",
        )?
        .query_map(
            params![
                &team.0[..],
                cursor,
                to_i64(head)?,
                &pull.requester.0[..],
                i64::from(pull.limit) + 1
            ],
            |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)),
        )?
        .map(|row| {
            let (seq, len) = row?;
            Ok((
                to_u64(seq)?,
                usize::try_from(len).map_err(|_| StorageError::Corrupt("length"))?,
            ))
        })
        .collect::<Result<_, StorageError>>()?;
    let (taken, more) = page(&due, pull.limit, pull.byte_budget);
    let last = taken
        .checked_sub(1)
        .and_then(|i| due.get(i))
        .map(|&(seq, _)| seq);
    let mut entries = Vec::with_capacity(taken);
    if let Some(last) = last {
        let mut stmt = tx.prepare_cached(
            "SELECT seq, record_id, author, kind, covers, ciphertext FROM entries
             WHERE team_id = ?1 AND seq > ?2 AND seq <= ?3 AND author <> ?4
             ORDER BY seq",
        )?;
        let rows = stmt.query_map(
            params![&team.0[..], cursor, to_i64(last)?, &pull.requester.0[..]],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, Vec<u8>>(1)?,
                    row.get::<_, Vec<u8>>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, Option<i64>>(4)?,
                    row.get::<_, Vec<u8>>(5)?,
                ))
            },
        )?;
        for row in rows {
            let (seq, record, author, kind, covers, ciphertext) = row?;
            entries.push(Entry {
                seq: to_u64(seq)?,
                record_id: fixed(&record, RecordId::from_slice, "record id")?,
                author_device: fixed(&author, DeviceId::from_slice, "device id")?,
                kind: StoredKind::join(kind, covers)?,
                ciphertext,
            });
        }
    }
    Ok(SyncOutcome {
        pushed,
        entries,
        more,
        cursor: next_cursor(pull.cursor, last, more, head),
        head,
        roster_version: to_u64(roster_version)?,
        erased,
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
