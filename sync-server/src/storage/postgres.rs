//! [`Storage`] on PostgreSQL: for several relay processes behind one load balancer.
//!
//! Seqs stay strictly increasing per team across processes because every push
//! locks the team's row (`SELECT ... FOR UPDATE`), reads the head there, appends
//! and writes the new head in the same transaction: pushes to one team are
//! serialised by the database, pushes to different teams run in parallel. A push
//! takes a few round trips whatever its size (look-ups with `= ANY`, one `UNNEST`
//! insert) and commits before the page is read, so the lock is not held while
//! entries are sent. The page is read in a read-only REPEATABLE READ transaction,
//! so the head and the page come from one snapshot.
//!
//! Erasure deletes the rows; PostgreSQL frees their space at the next VACUUM
//! (autovacuum), and until then the dead tuples are unreachable through SQL but
//! still on disk, as they are in its WAL. `docs/protocol.md` says what an operator
//! does about that.

use std::collections::HashMap;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime, Transaction};
use ponte_proto::{
    AgreementPublicKey, DeviceId, Entry, EntryId, JoinMac, Nonce, Notice, PendingJoin, ProtoError,
    Pushed, RecordId, Role, SigningPublicKey, TeamId, TokenHash,
};
use tokio_postgres::{IsolationLevel, NoTls, Row};

use super::{
    Created, DeviceLookup, DeviceStatus, JoinOutcome, NewTeam, NoticeStored, Plan, PreparedEntry,
    PullRequest, RosterPage, RosterStored, RosterUpdate, Storage, StorageError, StoredKind,
    SyncOutcome, TEAM_GONE, check_covers, fits, next_cursor, plan_entry, role_code, role_from_code,
    stored_roles, to_i64, to_u64,
};

/// Schema version 1. Ids are BYTEA of their raw bytes; times are unix ms.
/// Ciphertext does not compress: `STORAGE EXTERNAL` skips the attempt.
const SCHEMA_V1: &str = "
CREATE TABLE teams (
    team_id        BYTEA PRIMARY KEY,
    supervisor     BYTEA NOT NULL,
    supervisor_pk  BYTEA NOT NULL,
    head           BIGINT NOT NULL DEFAULT 0,
    roster_version BIGINT NOT NULL,
    roster         BYTEA NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE TABLE devices (
    team_id    BYTEA NOT NULL REFERENCES teams(team_id),
    device_id  BYTEA NOT NULL,
    signing_pk BYTEA NOT NULL,
    active     BOOLEAN NOT NULL,
    PRIMARY KEY (team_id, device_id)
);
CREATE TABLE entries (
    team_id    BYTEA NOT NULL REFERENCES teams(team_id),
    seq        BIGINT NOT NULL,
    record_id  BYTEA NOT NULL,
    entry_id   BYTEA NOT NULL,
    author     BYTEA NOT NULL,
    kind       SMALLINT NOT NULL,
    covers     BIGINT,
    ciphertext BYTEA NOT NULL,
    PRIMARY KEY (team_id, seq),
    UNIQUE (team_id, entry_id)
);
ALTER TABLE entries ALTER COLUMN ciphertext SET STORAGE EXTERNAL;
CREATE INDEX entries_record ON entries (team_id, record_id, kind);
CREATE TABLE invites (
    team_id    BYTEA NOT NULL REFERENCES teams(team_id),
    token_hash BYTEA NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by    BYTEA,
    used_pk    BYTEA,
    PRIMARY KEY (team_id, token_hash)
);
CREATE TABLE pending_joins (
    team_id      BYTEA NOT NULL REFERENCES teams(team_id),
    device_id    BYTEA NOT NULL,
    signing_pk   BYTEA NOT NULL,
    agreement_pk BYTEA NOT NULL,
    name_sealed  BYTEA NOT NULL,
    mac          BYTEA NOT NULL,
    token_hash   BYTEA NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (team_id, device_id)
);
CREATE TABLE nonces (
    device_id  BYTEA NOT NULL,
    nonce      BYTEA NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (device_id, nonce)
);
CREATE INDEX nonces_expiry ON nonces (expires_at);
";

/// Schema version 2: notices devices leave their supervisor (opaque, sealed to it).
const SCHEMA_V2: &str = "
CREATE TABLE notices (
    team_id     BYTEA NOT NULL REFERENCES teams(team_id),
    device_id   BYTEA NOT NULL,
    received_at BIGINT NOT NULL,
    sealed      BYTEA NOT NULL
);
CREATE INDEX notices_device ON notices (team_id, device_id);
";

/// Schema version 3: each device's role in the latest roster (the relay enforces
/// what a role may call), and every roster a team stored (`GET /v2/rosters`). A
/// team's latest roster becomes the first row of its history; the roles are filled
/// from it (`fill_roles`).
const SCHEMA_V3: &str = "
ALTER TABLE devices ADD COLUMN role SMALLINT;
CREATE TABLE rosters (
    team_id BYTEA NOT NULL REFERENCES teams(team_id),
    version BIGINT NOT NULL,
    signed  BYTEA NOT NULL,
    PRIMARY KEY (team_id, version)
);
INSERT INTO rosters (team_id, version, signed) SELECT team_id, roster_version, roster FROM teams;
";

/// Embedded migrations, applied in order; `ponte_schema` records them.
const MIGRATIONS: &[&str] = &[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3];

/// The schema version that added roles: migrating past it fills them.
const ROLES_VERSION: usize = 3;

/// Key of the advisory lock that serialises migrations of relays starting together.
const MIGRATION_LOCK: i64 = 0x706f_6e74_6531; // "ponte1"

/// The PostgreSQL backend: a small connection pool.
#[derive(Clone, Debug)]
pub struct PostgresStorage {
    pool: Pool,
}

impl PostgresStorage {
    /// Connects with a `postgres://` URL and brings the schema up to date.
    ///
    /// Errors never repeat the URL (it may hold a password).
    pub async fn connect(url: &str, max_connections: usize) -> Result<Self, StorageError> {
        let config: tokio_postgres::Config = url
            .parse()
            .map_err(|_| StorageError::Config("cannot parse the postgres URL".into()))?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(max_connections)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(Duration::from_secs(10)))
            .create_timeout(Some(Duration::from_secs(10)))
            .build()
            .map_err(|e| StorageError::Pool(e.to_string()))?;
        let storage = Self { pool };
        storage.migrate().await?;
        Ok(storage)
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS ponte_schema (version BIGINT PRIMARY KEY)")
            .await?;
        let done: i64 = tx
            .query_one("SELECT COALESCE(MAX(version), 0) FROM ponte_schema", &[])
            .await?
            .try_get(0)?;
        let done = usize::try_from(done).map_err(|_| StorageError::Corrupt("schema version"))?;
        if done > MIGRATIONS.len() {
            return Err(StorageError::Config(format!(
                "schema version {done} is newer than this relay"
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
            tx.batch_execute(sql).await?;
            let version =
                i64::try_from(i + 1).map_err(|_| StorageError::Corrupt("schema version"))?;
            tx.execute(
                "INSERT INTO ponte_schema (version) VALUES ($1)",
                &[&version],
            )
            .await?;
            if i + 1 == ROLES_VERSION {
                fill_roles(&tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Gives the active devices of every team the role its latest roster says. A roster
/// that does not decode (the relay never stores one) leaves its devices without a
/// role: ordinary devices, refused what only a supervisor may do.
async fn fill_roles(tx: &Transaction<'_>) -> Result<(), StorageError> {
    let teams = tx.query("SELECT team_id, roster FROM teams", &[]).await?;
    let set = tx
        .prepare("UPDATE devices SET role = $3 WHERE team_id = $1 AND device_id = $2 AND active")
        .await?;
    for row in teams {
        let team: &[u8] = row.try_get(0)?;
        let roster: &[u8] = row.try_get(1)?;
        let Some(roles) = stored_roles(roster) else {
            tracing::warn!("a team's latest roster does not decode: its devices get no role");
            continue;
        };
        for (device, role) in roles {
            tx.execute(&set, &[&team, &&device.0[..], &role_code(role)])
                .await?;
        }
    }
    Ok(())
}

/// Converts a BYTEA column to a fixed-size id.
fn fixed<T>(
    row: &Row,
    col: usize,
    make: fn(&[u8]) -> Result<T, ProtoError>,
    what: &'static str,
) -> Result<T, StorageError> {
    let bytes: &[u8] = row.try_get(col)?;
    make(bytes).map_err(|_| StorageError::Corrupt(what))
}

impl Storage for PostgresStorage {
    async fn create_team(&self, team: NewTeam) -> Result<Created, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let inserted = tx
            .execute(
                "INSERT INTO teams (team_id, supervisor, supervisor_pk, roster_version, roster, created_at)
                 VALUES ($1, $2, $3, $4, $5, (extract(epoch from now()) * 1000)::bigint)
                 ON CONFLICT (team_id) DO NOTHING",
                &[
                    &&team.team_id.0[..],
                    &&team.creator.0[..],
                    &&team.creator_pk.0[..],
                    &to_i64(team.roster.version)?,
                    &team.roster.signed,
                ],
            )
            .await?;
        if inserted == 0 {
            return Ok(Created::Exists);
        }
        keep_in_history(&tx, &team.team_id, &team.roster).await?;
        set_devices(&tx, &team.team_id, &team.roster).await?;
        tx.commit().await?;
        Ok(Created::Created)
    }

    async fn lookup_device(
        &self,
        team: TeamId,
        device: DeviceId,
    ) -> Result<Option<DeviceLookup>, StorageError> {
        let client = self.pool.get().await?;
        let stmt = client
            .prepare_cached(
                "SELECT d.signing_pk, d.active, d.role, p.signing_pk, t.roster_version
                 FROM teams t
                 LEFT JOIN devices d ON d.team_id = t.team_id AND d.device_id = $2
                 LEFT JOIN pending_joins p ON p.team_id = t.team_id AND p.device_id = $2
                 WHERE t.team_id = $1",
            )
            .await?;
        let Some(row) = client
            .query_opt(&stmt, &[&&team.0[..], &&device.0[..]])
            .await?
        else {
            return Ok(None);
        };
        let device_pk: Option<&[u8]> = row.try_get(0)?;
        let active: Option<bool> = row.try_get(1)?;
        let role: Option<i16> = row.try_get(2)?;
        let pending_pk: Option<&[u8]> = row.try_get(3)?;
        let roster_version: i64 = row.try_get(4)?;
        let key = |bytes: &[u8]| {
            SigningPublicKey::from_slice(bytes).map_err(|_| StorageError::Corrupt("signing key"))
        };
        let (status, role) = match (device_pk, active, pending_pk) {
            (Some(pk), Some(true), _) => (
                DeviceStatus::Active(key(pk)?),
                role.map(|r| role_from_code(i64::from(r))).transpose()?,
            ),
            (Some(pk), _, _) => (DeviceStatus::Revoked(key(pk)?), None),
            (None, _, Some(pk)) => (DeviceStatus::Pending(key(pk)?), None),
            (None, _, None) => (DeviceStatus::Unknown, None),
        };
        Ok(Some(DeviceLookup {
            status,
            role,
            roster_version: u64::try_from(roster_version)
                .map_err(|_| StorageError::Corrupt("roster version"))?,
        }))
    }

    async fn remember_nonce(
        &self,
        device: DeviceId,
        nonce: Nonce,
        expires_at: u64,
        now: u64,
    ) -> Result<bool, StorageError> {
        let client = self.pool.get().await?;
        let stmt = client
            .prepare_cached(
                "INSERT INTO nonces (device_id, nonce, expires_at) VALUES ($1, $2, $3)
                 ON CONFLICT (device_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
                 WHERE nonces.expires_at < $4",
            )
            .await?;
        let changed = client
            .execute(
                &stmt,
                &[
                    &&device.0[..],
                    &&nonce.0[..],
                    &to_i64(expires_at)?,
                    &to_i64(now)?,
                ],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn sync(
        &self,
        team: TeamId,
        author: DeviceId,
        push: Vec<PreparedEntry>,
        pull: PullRequest,
    ) -> Result<SyncOutcome, StorageError> {
        let mut client = self.pool.get().await?;
        // The push commits first, so the team's row lock is held only while entries
        // are appended, not while a page is read.
        let (pushed, erased) = if push.is_empty() {
            (Vec::new(), false)
        } else {
            let tx = client.transaction().await?;
            let row = tx
                .query_opt(
                    "SELECT head FROM teams WHERE team_id = $1 FOR UPDATE",
                    &[&&team.0[..]],
                )
                .await?
                .ok_or(TEAM_GONE)?;
            let appended = push_in(&tx, &team, &author, &push, to_u64(row.try_get(0)?)?).await?;
            tx.commit().await?;
            (appended.pushed, appended.erased)
        };
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let row = tx
            .query_opt(
                "SELECT head, roster_version FROM teams WHERE team_id = $1",
                &[&&team.0[..]],
            )
            .await?
            .ok_or(TEAM_GONE)?;
        let head = to_u64(row.try_get(0)?)?;
        let roster_version = to_u64(row.try_get(1)?)?;

        // Two queries, in the read's snapshot: the due entries' lengths (at most
        // `limit + 1`) decide the page, then the page is read. (One query with a
        // running total in a window was slower here: 23 s against 14 s a round in the
        // load bench's one-team case.)
        let cursor = to_i64(pull.cursor)?;
        let due = tx
            .query(
                "SELECT seq, octet_length(ciphertext) FROM entries
                 WHERE team_id = $1 AND seq > $2 AND seq <= $3 AND author <> $4
                 ORDER BY seq LIMIT $5",
                &[
                    &&team.0[..],
                    &cursor,
                    &to_i64(head)?,
                    &&pull.requester.0[..],
                    &(i64::from(pull.limit) + 1),
                ],
            )
            .await?;
        let (mut taken, mut bytes) = (0usize, 0usize);
        let mut last = None;
        for row in &due {
            let len: i32 = row.try_get(1)?;
            let len = usize::try_from(len).map_err(|_| StorageError::Corrupt("length"))?;
            if !fits(taken, bytes, len, pull.limit, pull.byte_budget) {
                break;
            }
            taken += 1;
            bytes += len;
            last = Some(to_u64(row.try_get(0)?)?);
        }
        let more = taken < due.len();
        let mut entries = Vec::with_capacity(taken);
        if let Some(last) = last {
            let rows = tx
                .query(
                    "SELECT seq, record_id, author, kind, covers, ciphertext FROM entries
                     WHERE team_id = $1 AND seq > $2 AND seq <= $3 AND author <> $4
                     ORDER BY seq",
                    &[
                        &&team.0[..],
                        &cursor,
                        &to_i64(last)?,
                        &&pull.requester.0[..],
                    ],
                )
                .await?;
            for row in rows {
                let kind: i16 = row.try_get(3)?;
                entries.push(Entry {
                    seq: to_u64(row.try_get(0)?)?,
                    record_id: fixed(&row, 1, RecordId::from_slice, "record id")?,
                    author_device: fixed(&row, 2, DeviceId::from_slice, "device id")?,
                    kind: StoredKind::join(i64::from(kind), row.try_get(4)?)?,
                    ciphertext: row.try_get(5)?,
                });
            }
        }
        tx.commit().await?;
        Ok(SyncOutcome {
            pushed,
            entries,
            more,
            cursor: next_cursor(pull.cursor, last, more, head),
            head,
            roster_version,
            erased,
        })
    }

    async fn put_roster(
        &self,
        team: TeamId,
        roster: RosterUpdate,
    ) -> Result<RosterStored, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let updated = tx
            .execute(
                "UPDATE teams SET roster_version = $2, roster = $3
                 WHERE team_id = $1 AND roster_version = $4",
                &[
                    &&team.0[..],
                    &to_i64(roster.version)?,
                    &roster.signed,
                    &to_i64(roster.version.saturating_sub(1))?,
                ],
            )
            .await?;
        if updated == 0 {
            return Ok(RosterStored::Stale);
        }
        keep_in_history(&tx, &team, &roster).await?;
        set_devices(&tx, &team, &roster).await?;
        tx.commit().await?;
        Ok(RosterStored::Stored)
    }

    async fn roster(&self, team: TeamId) -> Result<Option<Vec<u8>>, StorageError> {
        let client = self.pool.get().await?;
        let stmt = client
            .prepare_cached("SELECT roster FROM teams WHERE team_id = $1")
            .await?;
        let row = client.query_opt(&stmt, &[&&team.0[..]]).await?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    async fn rosters(
        &self,
        team: TeamId,
        since: u64,
        budget: usize,
    ) -> Result<RosterPage, StorageError> {
        let mut client = self.pool.get().await?;
        // The sizes decide the page, then the page is read, in one snapshot.
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let since = to_i64(since)?;
        let sizes = tx
            .query(
                "SELECT version, octet_length(signed) FROM rosters
                 WHERE team_id = $1 AND version > $2 ORDER BY version",
                &[&&team.0[..], &since],
            )
            .await?;
        let (mut taken, mut bytes, mut last) = (0usize, 0usize, None);
        for row in &sizes {
            let len: i32 = row.try_get(1)?;
            let len = usize::try_from(len).map_err(|_| StorageError::Corrupt("length"))?;
            if !fits(taken, bytes, len, u32::MAX, budget) {
                break;
            }
            taken += 1;
            bytes += len;
            last = Some(row.try_get::<_, i64>(0)?);
        }
        let mut page = RosterPage {
            rosters: Vec::with_capacity(taken),
            more: taken < sizes.len(),
        };
        if let Some(last) = last {
            for row in tx
                .query(
                    "SELECT signed FROM rosters
                     WHERE team_id = $1 AND version > $2 AND version <= $3 ORDER BY version",
                    &[&&team.0[..], &since, &last],
                )
                .await?
            {
                page.rosters.push(row.try_get(0)?);
            }
        }
        tx.commit().await?;
        Ok(page)
    }

    async fn create_invite(
        &self,
        team: TeamId,
        token_hash: TokenHash,
        expires_at: u64,
    ) -> Result<Created, StorageError> {
        let client = self.pool.get().await?;
        let inserted = client
            .execute(
                "INSERT INTO invites (team_id, token_hash, expires_at) VALUES ($1, $2, $3)
                 ON CONFLICT (team_id, token_hash) DO NOTHING",
                &[&&team.0[..], &&token_hash.0[..], &to_i64(expires_at)?],
            )
            .await?;
        Ok(if inserted == 1 {
            Created::Created
        } else {
            Created::Exists
        })
    }

    async fn join(
        &self,
        team: TeamId,
        join: PendingJoin,
        now: u64,
    ) -> Result<JoinOutcome, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let invite = tx
            .query_opt(
                "SELECT expires_at, used_by, used_pk FROM invites
                 WHERE team_id = $1 AND token_hash = $2 FOR UPDATE",
                &[&&team.0[..], &&join.token_hash.0[..]],
            )
            .await?;
        let Some(invite) = invite else {
            return Ok(JoinOutcome::BadToken);
        };
        let expires_at: i64 = invite.try_get(0)?;
        let used_by: Option<&[u8]> = invite.try_get(1)?;
        let used_pk: Option<&[u8]> = invite.try_get(2)?;
        if let Some(used_by) = used_by {
            // The same device retrying (its first answer was lost) is not a reuse.
            let same = used_by == join.device_id.0 && used_pk == Some(&join.signing_pk.0[..]);
            return Ok(if same {
                JoinOutcome::Accepted
            } else {
                JoinOutcome::TokenUsed
            });
        }
        if to_u64(expires_at)? <= now {
            return Ok(JoinOutcome::Expired);
        }
        let known = tx
            .query_opt(
                "SELECT 1 FROM devices WHERE team_id = $1 AND device_id = $2",
                &[&&team.0[..], &&join.device_id.0[..]],
            )
            .await?;
        if known.is_some() {
            return Ok(JoinOutcome::DeviceExists);
        }
        tx.execute(
            "UPDATE invites SET used_by = $3, used_pk = $4 WHERE team_id = $1 AND token_hash = $2",
            &[
                &&team.0[..],
                &&join.token_hash.0[..],
                &&join.device_id.0[..],
                &&join.signing_pk.0[..],
            ],
        )
        .await?;
        tx.execute(
            "INSERT INTO pending_joins
             (team_id, device_id, signing_pk, agreement_pk, name_sealed, mac, token_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (team_id, device_id) DO UPDATE SET
             signing_pk = EXCLUDED.signing_pk, agreement_pk = EXCLUDED.agreement_pk,
             name_sealed = EXCLUDED.name_sealed, mac = EXCLUDED.mac,
             token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at",
            &[
                &&team.0[..],
                &&join.device_id.0[..],
                &&join.signing_pk.0[..],
                &&join.agreement_pk.0[..],
                &join.name_sealed,
                &&join.mac.0[..],
                &&join.token_hash.0[..],
                &to_i64(now)?,
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(JoinOutcome::Accepted)
    }

    async fn pending(&self, team: TeamId) -> Result<Vec<PendingJoin>, StorageError> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT device_id, signing_pk, agreement_pk, name_sealed, mac, token_hash
                 FROM pending_joins WHERE team_id = $1 ORDER BY created_at, device_id",
                &[&&team.0[..]],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(PendingJoin {
                    device_id: fixed(row, 0, DeviceId::from_slice, "device id")?,
                    signing_pk: fixed(row, 1, SigningPublicKey::from_slice, "signing key")?,
                    agreement_pk: fixed(row, 2, AgreementPublicKey::from_slice, "agreement key")?,
                    name_sealed: row.try_get(3)?,
                    mac: fixed(row, 4, JoinMac::from_slice, "mac")?,
                    token_hash: fixed(row, 5, TokenHash::from_slice, "token hash")?,
                })
            })
            .collect()
    }

    async fn leave_notice(
        &self,
        team: TeamId,
        device: DeviceId,
        sealed: Vec<u8>,
        now: u64,
        max: usize,
    ) -> Result<NoticeStored, StorageError> {
        let max = i64::try_from(max).map_err(|_| StorageError::Corrupt("notice limit"))?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // The device's row lock serialises two notices of one device from two relay
        // processes, so the count holds.
        tx.execute(
            "SELECT 1 FROM devices WHERE team_id = $1 AND device_id = $2 FOR UPDATE",
            &[&&team.0[..], &&device.0[..]],
        )
        .await?;
        let kept: i64 = tx
            .query_one(
                "SELECT COUNT(*) FROM notices WHERE team_id = $1 AND device_id = $2",
                &[&&team.0[..], &&device.0[..]],
            )
            .await?
            .try_get(0)?;
        if kept >= max {
            return Ok(NoticeStored::Full);
        }
        tx.execute(
            "INSERT INTO notices (team_id, device_id, received_at, sealed) VALUES ($1, $2, $3, $4)",
            &[&&team.0[..], &&device.0[..], &to_i64(now)?, &sealed],
        )
        .await?;
        tx.commit().await?;
        Ok(NoticeStored::Stored)
    }

    async fn notices(&self, team: TeamId) -> Result<Vec<Notice>, StorageError> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT device_id, received_at, sealed FROM notices WHERE team_id = $1
                 ORDER BY received_at, device_id",
                &[&&team.0[..]],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Notice {
                    device_id: fixed(row, 0, DeviceId::from_slice, "device id")?,
                    received_at: to_u64(row.try_get(1)?)?,
                    sealed: row.try_get(2)?,
                })
            })
            .collect()
    }

    async fn purge_expired(&self, now: u64) -> Result<u64, StorageError> {
        let now = to_i64(now)?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let mut purged = tx
            .execute("DELETE FROM nonces WHERE expires_at < $1", &[&now])
            .await?;
        purged += tx
            .execute(
                "DELETE FROM invites WHERE expires_at < $1",
                &[&(now - super::INVITE_GRACE_MS)],
            )
            .await?;
        purged += tx
            .execute(
                "DELETE FROM pending_joins WHERE created_at < $1",
                &[&(now - super::PENDING_TTL_MS)],
            )
            .await?;
        tx.commit().await?;
        Ok(purged)
    }
}

/// What a push did.
struct Appended {
    pushed: Vec<Pushed>,
    erased: bool,
}

/// Appends a push in the caller's transaction, which holds the team's row lock and
/// read `head` under it. A handful of round trips whatever the push's size: one
/// look-up of the entry ids already stored, one of the records' tombstones, one
/// insert of every new entry; compaction and erasure (rare) one statement each.
async fn push_in(
    tx: &Transaction<'_>,
    team: &TeamId,
    author: &DeviceId,
    push: &[PreparedEntry],
    mut head: u64,
) -> Result<Appended, StorageError> {
    let team_b = &team.0[..];
    let entry_ids: Vec<&[u8]> = push.iter().map(|e| &e.entry_id.0[..]).collect();
    let records: Vec<&[u8]> = push.iter().map(|e| &e.record_id.0[..]).collect();
    let mut known: HashMap<EntryId, u64> = HashMap::new();
    for row in tx
        .query(
            "SELECT entry_id, seq FROM entries WHERE team_id = $1 AND entry_id = ANY($2)",
            &[&team_b, &entry_ids],
        )
        .await?
    {
        known.insert(
            fixed(&row, 0, EntryId::from_slice, "entry id")?,
            to_u64(row.try_get(1)?)?,
        );
    }
    let mut erased_at: HashMap<RecordId, u64> = HashMap::new();
    for row in tx
        .query(
            "SELECT record_id, min(seq) FROM entries
             WHERE team_id = $1 AND record_id = ANY($2) AND kind = 2 GROUP BY record_id",
            &[&team_b, &records],
        )
        .await?
    {
        erased_at.insert(
            fixed(&row, 0, RecordId::from_slice, "record id")?,
            to_u64(row.try_get(1)?)?,
        );
    }

    let mut pushed = Vec::with_capacity(push.len());
    let mut erased = false;
    // The new rows, as columns for one `UNNEST` insert.
    let (mut seqs, mut ids, mut kinds, mut coverses, mut texts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut new_records: Vec<&[u8]> = Vec::new();
    // Compactions and erasures to run after the insert: (record, kind, seq or covers).
    let mut deletes: Vec<(RecordId, StoredKind, i64)> = Vec::new();
    for entry in push {
        let (kind, covers) = StoredKind::split(entry.kind);
        let plan = plan_entry(
            kind,
            known.get(&entry.entry_id).copied(),
            erased_at.get(&entry.record_id).copied(),
        );
        match plan {
            Plan::Existing(seq) => pushed.push(Pushed::Stored { seq }),
            Plan::Erased => pushed.push(Pushed::RecordErased),
            Plan::Append => {
                let seq = head + 1;
                check_covers(covers, seq)?;
                let seq_i = to_i64(seq)?;
                seqs.push(seq_i);
                new_records.push(&entry.record_id.0[..]);
                ids.push(&entry.entry_id.0[..]);
                kinds.push(kind as i16);
                coverses.push(covers.map(to_i64).transpose()?);
                texts.push(&entry.ciphertext[..]);
                // A later entry of this push with the same id is a retry of this one.
                known.insert(entry.entry_id, seq);
                match (kind, covers) {
                    (StoredKind::Snapshot, Some(covers)) => {
                        deletes.push((entry.record_id, kind, to_i64(covers)?));
                    }
                    (StoredKind::Tombstone, _) => {
                        deletes.push((entry.record_id, kind, seq_i));
                        erased_at.insert(entry.record_id, seq);
                        erased = true;
                    }
                    _ => {}
                }
                head = seq;
                pushed.push(Pushed::Stored { seq });
            }
        }
    }
    if !seqs.is_empty() {
        let insert = tx
            .prepare_cached(
                "INSERT INTO entries (team_id, author, seq, record_id, entry_id, kind, covers, ciphertext)
                 SELECT $1, $2, * FROM UNNEST($3::bigint[], $4::bytea[], $5::bytea[], $6::smallint[], $7::bigint[], $8::bytea[])",
            )
            .await?;
        tx.execute(
            &insert,
            &[
                &team_b,
                &&author.0[..],
                &seqs,
                &new_records,
                &ids,
                &kinds,
                &coverses,
                &texts,
            ],
        )
        .await?;
    }
    // In push order, after every row is in: a snapshot's compaction spares later
    // entries (`seq <= covers`), an erasure spares only its tombstone (`seq < own`).
    for (record, kind, bound) in deletes {
        let sql = if kind == StoredKind::Snapshot {
            "DELETE FROM entries WHERE team_id = $1 AND record_id = $2 AND kind IN (0, 1) AND seq <= $3"
        } else {
            "DELETE FROM entries WHERE team_id = $1 AND record_id = $2 AND seq < $3"
        };
        tx.execute(sql, &[&team_b, &&record.0[..], &bound]).await?;
    }
    tx.execute(
        "UPDATE teams SET head = $2 WHERE team_id = $1",
        &[&team_b, &to_i64(head)?],
    )
    .await?;
    Ok(Appended { pushed, erased })
}

/// Adds a roster to the team's history.
async fn keep_in_history(
    tx: &Transaction<'_>,
    team: &TeamId,
    roster: &RosterUpdate,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO rosters (team_id, version, signed) VALUES ($1, $2, $3)",
        &[&&team.0[..], &to_i64(roster.version)?, &roster.signed],
    )
    .await?;
    Ok(())
}

/// Replaces the team's device list with the roster's: listed devices become
/// active (with the roster's key and role), all others revoked; their pending joins
/// go. A recovery entry the roster no longer lists is forgotten (a used or replaced
/// kit is unknown to the relay from then on).
async fn set_devices(
    tx: &Transaction<'_>,
    team: &TeamId,
    roster: &RosterUpdate,
) -> Result<(), StorageError> {
    tx.execute(
        "DELETE FROM devices WHERE team_id = $1 AND role = $2",
        &[&&team.0[..], &role_code(Role::Recovery)],
    )
    .await?;
    tx.execute(
        "UPDATE devices SET active = FALSE WHERE team_id = $1",
        &[&&team.0[..]],
    )
    .await?;
    let upsert = tx
        .prepare_cached(
            "INSERT INTO devices (team_id, device_id, signing_pk, active, role)
             VALUES ($1, $2, $3, TRUE, $4)
             ON CONFLICT (team_id, device_id) DO UPDATE SET
             signing_pk = EXCLUDED.signing_pk, active = TRUE, role = EXCLUDED.role",
        )
        .await?;
    let clear = tx
        .prepare_cached("DELETE FROM pending_joins WHERE team_id = $1 AND device_id = $2")
        .await?;
    for (device, key, role) in &roster.devices {
        tx.execute(
            &upsert,
            &[&&team.0[..], &&device.0[..], &&key.0[..], &role_code(*role)],
        )
        .await?;
        tx.execute(&clear, &[&&team.0[..], &&device.0[..]]).await?;
    }
    // A removed device's notices go with it.
    tx.execute(
        "DELETE FROM notices WHERE team_id = $1 AND device_id IN
         (SELECT device_id FROM devices WHERE team_id = $1 AND NOT active)",
        &[&&team.0[..]],
    )
    .await?;
    Ok(())
}
