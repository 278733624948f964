//! The database's tables and their migrations.

use deadpool_postgres::{Pool, Transaction};

use crate::storage::{StorageError, role_code, stored_roles};

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

/// Brings the schema up to date, under an advisory lock (relays starting together
/// migrate once).
pub(super) async fn migrate(pool: &Pool) -> Result<(), StorageError> {
    let mut client = pool.get().await?;
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
        let version = i64::try_from(i + 1).map_err(|_| StorageError::Corrupt("schema version"))?;
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
