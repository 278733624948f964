//! [`Storage`] on one SQLite file: the zero-setup default for a single relay
//! process. This module holds the type and glues its parts into the trait.
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
//! background flush within [`NONCE_FLUSH`](nonces::NONCE_FLUSH): a request with an
//! effect (a push) has its nonce committed with that effect; the nonce of a
//! read-only request may be lost if the relay crashes within that interval, after
//! which a captured copy of that read could be answered once more, with the same
//! ciphertext, until its time window closes.
//!
//! The parts, one job each:
//! - [`schema`]: the file's tables, migrations and connection settings;
//! - [`writer`]: every write, pushes group-committed;
//! - [`nonces`]: request nonces, in memory and deferred to the file;
//! - [`queries`]: pulls and look-ups on the readers, and row mappings;
//! - [`upkeep`]: WAL checkpoints and the background thread.

mod nonces;
mod queries;
mod schema;
mod upkeep;
mod writer;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ponte_proto::{DeviceId, Nonce, Notice, PendingJoin, TeamId, TokenHash};
use rusqlite::Connection;

use self::nonces::Nonces;
use self::writer::PushJob;
use super::{
    Created, DeviceLookup, JoinOutcome, NewTeam, NoticeStored, PreparedEntry, PullRequest,
    RosterPage, RosterStored, RosterUpdate, Storage, StorageError, SyncOutcome,
};

/// Read-only connections.
const READERS: usize = 4;

/// The SQLite backend.
#[derive(Clone, Debug)]
pub struct SqliteStorage {
    inner: Arc<Inner>,
}

/// The connections and in-memory state that every clone of a [`SqliteStorage`]
/// shares.
#[derive(Debug)]
struct Inner {
    /// The one connection that writes.
    writer: Mutex<Connection>,
    /// Read-only connections, for pulls and look-ups.
    readers: Vec<Mutex<Connection>>,
    /// Copies the WAL into the main file, beside the writer.
    checkpointer: Mutex<Connection>,
    /// Which reader to wait for when every reader is busy (round robin).
    next_reader: AtomicUsize,
    /// Pushes waiting for the next group commit.
    queue: Mutex<Vec<PushJob>>,
    /// Request nonces seen, and those not yet in the file.
    nonces: Mutex<Nonces>,
}

impl SqliteStorage {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        let conn = schema::open_writer(path)?;
        let nonces = nonces::load_nonces(&conn)?;
        let readers = (0..READERS)
            .map(|_| schema::open_reader(path).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        let checkpointer = upkeep::open_checkpointer(path)?;
        let inner = Arc::new(Inner {
            writer: Mutex::new(conn),
            readers,
            checkpointer: Mutex::new(checkpointer),
            next_reader: AtomicUsize::new(0),
            queue: Mutex::new(Vec::new()),
            nonces: Mutex::new(nonces),
        });
        upkeep::spawn_upkeep(Arc::downgrade(&inner), path.to_owned());
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

impl Storage for SqliteStorage {
    async fn create_team(&self, team: NewTeam) -> Result<Created, StorageError> {
        self.write(move |conn| writer::create_team(conn, &team))
            .await
    }

    async fn lookup_device(
        &self,
        team: TeamId,
        device: DeviceId,
    ) -> Result<Option<DeviceLookup>, StorageError> {
        self.read(move |conn| queries::lookup_device(conn, &team, &device))
            .await
    }

    async fn remember_nonce(
        &self,
        device: DeviceId,
        nonce: Nonce,
        expires_at: u64,
        now: u64,
    ) -> Result<bool, StorageError> {
        Ok(lock(&self.inner.nonces).remember(device, nonce, expires_at, now))
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
            let appended = self.append(team, author, push).await?;
            (appended.pushed, appended.erased)
        };
        let page = self
            .read(move |conn| queries::pull(conn, &team, &pull))
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
        self.write(move |conn| writer::put_roster(conn, &team, &roster))
            .await
    }

    async fn roster(&self, team: TeamId) -> Result<Option<Vec<u8>>, StorageError> {
        self.read(move |conn| queries::roster(conn, &team)).await
    }

    async fn rosters(
        &self,
        team: TeamId,
        since: u64,
        budget: usize,
    ) -> Result<RosterPage, StorageError> {
        self.read(move |conn| queries::rosters(conn, &team, since, budget))
            .await
    }

    async fn create_invite(
        &self,
        team: TeamId,
        token_hash: TokenHash,
        expires_at: u64,
    ) -> Result<Created, StorageError> {
        self.write(move |conn| writer::create_invite(conn, &team, &token_hash, expires_at))
            .await
    }

    async fn join(
        &self,
        team: TeamId,
        join: PendingJoin,
        now: u64,
    ) -> Result<JoinOutcome, StorageError> {
        self.write(move |conn| writer::join(conn, &team, &join, now))
            .await
    }

    async fn pending(&self, team: TeamId) -> Result<Vec<PendingJoin>, StorageError> {
        self.read(move |conn| queries::pending(conn, &team)).await
    }

    async fn leave_notice(
        &self,
        team: TeamId,
        device: DeviceId,
        sealed: Vec<u8>,
        now: u64,
        max: usize,
    ) -> Result<NoticeStored, StorageError> {
        self.write(move |conn| writer::leave_notice(conn, &team, &device, &sealed, now, max))
            .await
    }

    async fn notices(&self, team: TeamId) -> Result<Vec<Notice>, StorageError> {
        self.read(move |conn| queries::notices(conn, &team)).await
    }

    async fn purge_expired(&self, now: u64) -> Result<u64, StorageError> {
        lock(&self.inner.nonces).forget_expired(now);
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || inner.flush_nonces()).await??;
        self.write(move |conn| writer::purge(conn, now)).await
    }
}
