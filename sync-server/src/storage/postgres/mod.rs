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
//!
//! The parts, one job each:
//! - [`schema`]: the tables and their migrations;
//! - [`writes`]: pushes (under the team's row lock) and every other write;
//! - [`reads`]: pulls and look-ups, and row mappings;
//! - [`nonces`]: request nonces;
//! - [`upkeep`]: purging what expired.

mod nonces;
mod reads;
mod schema;
mod upkeep;
mod writes;

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use ponte_proto::{DeviceId, Nonce, Notice, PendingJoin, ProtoError, TeamId, TokenHash};
use tokio_postgres::{NoTls, Row};

use super::{
    Created, DeviceLookup, JoinOutcome, NewTeam, NoticeStored, PreparedEntry, PullRequest,
    RosterPage, RosterStored, RosterUpdate, Storage, StorageError, SyncOutcome,
};

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
        schema::migrate(&storage.pool).await?;
        Ok(storage)
    }
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
        writes::create_team(&mut self.pool.get().await?, team).await
    }

    async fn lookup_device(
        &self,
        team: TeamId,
        device: DeviceId,
    ) -> Result<Option<DeviceLookup>, StorageError> {
        reads::lookup_device(&self.pool.get().await?, team, device).await
    }

    async fn remember_nonce(
        &self,
        device: DeviceId,
        nonce: Nonce,
        expires_at: u64,
        now: u64,
    ) -> Result<bool, StorageError> {
        nonces::remember_nonce(&self.pool.get().await?, device, nonce, expires_at, now).await
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
        let appended = if push.is_empty() {
            None
        } else {
            Some(writes::push(&mut client, &team, &author, &push).await?)
        };
        let mut outcome = reads::pull(&mut client, &team, pull).await?;
        if let Some(appended) = appended {
            outcome.pushed = appended.pushed;
            outcome.erased = appended.erased;
        }
        Ok(outcome)
    }

    async fn put_roster(
        &self,
        team: TeamId,
        roster: RosterUpdate,
    ) -> Result<RosterStored, StorageError> {
        writes::put_roster(&mut self.pool.get().await?, team, roster).await
    }

    async fn roster(&self, team: TeamId) -> Result<Option<Vec<u8>>, StorageError> {
        reads::roster(&self.pool.get().await?, team).await
    }

    async fn rosters(
        &self,
        team: TeamId,
        since: u64,
        budget: usize,
    ) -> Result<RosterPage, StorageError> {
        reads::rosters(&mut self.pool.get().await?, team, since, budget).await
    }

    async fn create_invite(
        &self,
        team: TeamId,
        token_hash: TokenHash,
        expires_at: u64,
    ) -> Result<Created, StorageError> {
        writes::create_invite(&self.pool.get().await?, team, token_hash, expires_at).await
    }

    async fn join(
        &self,
        team: TeamId,
        join: PendingJoin,
        now: u64,
    ) -> Result<JoinOutcome, StorageError> {
        writes::join(&mut self.pool.get().await?, team, join, now).await
    }

    async fn pending(&self, team: TeamId) -> Result<Vec<PendingJoin>, StorageError> {
        reads::pending(&self.pool.get().await?, team).await
    }

    async fn leave_notice(
        &self,
        team: TeamId,
        device: DeviceId,
        sealed: Vec<u8>,
        now: u64,
        max: usize,
    ) -> Result<NoticeStored, StorageError> {
        writes::leave_notice(&mut self.pool.get().await?, team, device, sealed, now, max).await
    }

    async fn notices(&self, team: TeamId) -> Result<Vec<Notice>, StorageError> {
        reads::notices(&self.pool.get().await?, team).await
    }

    async fn purge_expired(&self, now: u64) -> Result<u64, StorageError> {
        upkeep::purge_expired(&mut self.pool.get().await?, now).await
    }
}
