//! Destroying a device's store without its passphrase and without a [`Store`] handle:
//! the panic wipe (an operator facing a hostile person), and the wipe of a device
//! removed from its team ([`Store::wipe`]).
//!
//! Order, so that a store that cannot be deleted still cannot be opened:
//!
//! 1. **The key.** In one `BEGIN IMMEDIATE` transaction every `meta` row (the wrapped
//!    master key, the KDF salt and round count, the device id, the audit head) and the
//!    whole `keyring` are deleted; `secure_delete` zeroes the freed cells; then
//!    `wal_checkpoint(TRUNCATE)` copies the zeroed pages into the file and empties the
//!    WAL. From here no passphrase opens anything (every record key is wrapped by a
//!    team key, every team key by the master key).
//! 2. If that cannot be done (another process holds the write lock or a read for longer
//!    than [`BUSY_WAIT`], or the file is damaged), the bytes are overwritten in place
//!    instead: first the file's header and the `meta` table's page (page 2: `meta` is
//!    the first table the schema creates, and holds a few small rows), then the whole
//!    WAL (older copies of that page), then the rest of the file.
//! 3. **The files**: the database, its WAL, shared memory and rollback journal, a
//!    half-made store left by an interrupted `init`, and the unlock attempt counter's
//!    file, are unlinked.
//!
//! Nothing here writes an audit entry: the log is destroyed with the rest. Nothing here
//! panics on a damaged or busy store; what could not be done is in the answer.

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::{DB_FILE, Result, Store, StoreError};

/// How long the key step waits for another handle before overwriting in place.
pub const BUSY_WAIT: Duration = Duration::from_millis(300);

/// The largest SQLite page size: overwriting this many bytes per page covers any store.
const MAX_PAGE: u64 = 65_536;

/// How the master key was destroyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyDestruction {
    /// Deleted with `secure_delete`, the WAL checkpointed and truncated.
    Erased,
    /// The database was busy or damaged: its key pages, WAL and then every byte were
    /// overwritten in place.
    Overwritten,
}

/// What a wipe did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Wiped {
    /// How the master key was destroyed.
    pub key: KeyDestruction,
    /// Files unlinked.
    pub files_removed: usize,
    /// Files that could not be unlinked (their key material is destroyed regardless).
    pub files_left: Vec<PathBuf>,
}

impl Wiped {
    /// The key is gone and so is every file.
    pub fn complete(&self) -> bool {
        self.files_left.is_empty()
    }
}

/// Every file the store may have made under `home`, the database first.
pub fn store_files(home: &Path) -> Vec<PathBuf> {
    let init = format!("{DB_FILE}.init");
    [
        DB_FILE.to_owned(),
        format!("{DB_FILE}-wal"),
        format!("{DB_FILE}-journal"),
        format!("{DB_FILE}-shm"),
        init.clone(),
        format!("{init}-journal"),
        format!("{init}-wal"),
        format!("{init}-shm"),
        // The unlock attempt counter's second copy, and the note an attempt-limit
        // wipe leaves: no secret, but a trace that a store was here.
        crate::unlock::ATTEMPTS_FILE.to_owned(),
        crate::unlock::ERASED_FILE.to_owned(),
    ]
    .into_iter()
    .map(|name| home.join(name))
    .collect()
}

/// Destroy the store in `home`: its key first ([`destroy_key`]), then its files
/// ([`remove_files`]). Needs no passphrase and works whether the store is locked, open
/// in another handle or process, or damaged. `NotInitialized` if `home` holds no file
/// of a store.
pub fn destroy(home: &Path) -> Result<Wiped> {
    if existing(home).is_empty() {
        return Err(StoreError::NotInitialized);
    }
    let key = destroy_key(home);
    Ok(remove_files(home, key))
}

fn existing(home: &Path) -> Vec<PathBuf> {
    store_files(home)
        .into_iter()
        .filter(|p| p.symlink_metadata().is_ok())
        .collect()
}

/// Step 1 (and 2): after this, no passphrase opens the store in `home`, whether or not
/// its files can then be deleted.
pub fn destroy_key(home: &Path) -> KeyDestruction {
    let db = Store::db_path(home);
    let key = if db.is_file() && erase_keys(&db).is_ok() {
        KeyDestruction::Erased
    } else {
        overwrite_key_pages(home);
        KeyDestruction::Overwritten
    };
    // A half-made store from an interrupted `init` holds a wrapped key too.
    let init = format!("{DB_FILE}.init");
    for path in existing(home) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| n.starts_with(&init) && !n.ends_with("-shm")) {
            let _ = overwrite(&path, 0, None);
        }
    }
    key
}

/// Step 3: unlink every file of the store in `home` (after an overwrite in place,
/// every byte of the database is zeroed first: where else the key was is unknown).
pub fn remove_files(home: &Path, key: KeyDestruction) -> Wiped {
    if key == KeyDestruction::Overwritten {
        let _ = overwrite(&Store::db_path(home), 0, None);
    }
    let mut wiped = Wiped {
        key,
        files_removed: 0,
        files_left: Vec::new(),
    };
    for path in existing(home) {
        match std::fs::remove_file(&path) {
            Ok(()) => wiped.files_removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => wiped.files_left.push(path),
        }
    }
    wiped
}

/// Step 1: delete the key rows with secure delete, commit, checkpoint and truncate the
/// WAL. Errs (leaving the caller to overwrite) if any part did not complete.
fn erase_keys(db: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_WAIT)?;
    conn.execute_batch(
        "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;
         BEGIN IMMEDIATE; DELETE FROM meta; DELETE FROM keyring; COMMIT;",
    )?;
    // (busy, frames in the WAL, frames checkpointed): 0 busy means every frame is in
    // the file and the WAL is empty.
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(StoreError::Busy);
    }
    let left: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM meta) + (SELECT count(*) FROM keyring)",
        [],
        |r| r.get(0),
    )?;
    if left != 0 {
        return Err(StoreError::Corrupt);
    }
    Ok(())
}

/// Step 2 when step 1 failed: the header and `meta` pages of the database (pages 1
/// and 2, at the largest page size), then every byte of the WAL and rollback journal.
fn overwrite_key_pages(home: &Path) {
    let db = Store::db_path(home);
    let _ = overwrite(&db, 0, Some(2 * MAX_PAGE));
    for suffix in ["-wal", "-journal"] {
        let _ = overwrite(&home.join(format!("{DB_FILE}{suffix}")), 0, None);
    }
}

/// Overwrite `path` with zeros from `from`, up to `len` bytes (or its end), in place
/// (same inode: other handles see it), and flush to disk.
fn overwrite(path: &Path, from: u64, len: Option<u64>) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    let size = file.metadata()?.len();
    let end = len.map_or(size, |l| size.min(from.saturating_add(l)));
    file.seek(SeekFrom::Start(from))?;
    let zeros = vec![0u8; 1 << 20];
    let mut at = from;
    while at < end {
        let n = usize::try_from((end - at).min(zeros.len() as u64)).unwrap_or(zeros.len());
        file.write_all(&zeros[..n])?;
        at += n as u64;
    }
    file.sync_all()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::InitOptions;
    use ponte_model::Kind;
    use serde_json::json;

    const PASS: &str = "correct horse battery staple";
    const MARKER: &str = "PANICMARKER4431";

    fn store_with_record(home: &Path) -> Store {
        let mut store = Store::init(home, PASS, &InitOptions::default()).unwrap();
        store
            .create(Kind::Person, &json!({"alias": MARKER}))
            .unwrap();
        store
    }

    fn assert_gone(home: &Path) {
        for path in store_files(home) {
            assert!(!path.exists(), "{}", path.display());
        }
        assert!(matches!(
            Store::open(home, PASS),
            Err(StoreError::NotInitialized)
        ));
    }

    #[test]
    fn meta_is_the_first_table_on_page_2() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_record(dir.path());
        let root: i64 = store
            .conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'meta'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(root, 2);
        // Every meta row fits on that page (it is a leaf: no child pages).
        let pages: i64 = store
            .conn
            .query_row("SELECT count(*) FROM dbstat WHERE name = 'meta'", [], |r| {
                r.get(0)
            })
            .unwrap_or(1);
        assert_eq!(pages, 1);
    }

    #[test]
    fn with_no_handle_the_key_is_erased_then_the_files_go() {
        let dir = tempfile::tempdir().unwrap();
        drop(store_with_record(dir.path()));
        let wiped = destroy(dir.path()).unwrap();
        assert_eq!(wiped.key, KeyDestruction::Erased);
        assert!(wiped.complete() && wiped.files_removed >= 1);
        assert_gone(dir.path());
        assert!(matches!(
            destroy(dir.path()),
            Err(StoreError::NotInitialized)
        ));
    }

    #[test]
    fn with_a_handle_open_the_key_is_erased() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_record(dir.path());
        let wiped = destroy(dir.path()).unwrap();
        assert_eq!(wiped.key, KeyDestruction::Erased);
        drop(store);
        assert_gone(dir.path());
    }

    #[test]
    fn a_held_write_lock_or_damage_is_overwritten_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_record(dir.path());
        store.conn.execute_batch("BEGIN IMMEDIATE;").unwrap();
        // A copy taken while the lock is held, to check the bytes were overwritten
        // through the same inode.
        let db = Store::db_path(dir.path());
        let file = std::fs::File::open(&db).unwrap();
        let wiped = destroy(dir.path()).unwrap();
        assert_eq!(wiped.key, KeyDestruction::Overwritten);
        let mut left = Vec::new();
        std::io::Read::read_to_end(&mut &file, &mut left).unwrap();
        assert!(left.iter().all(|b| *b == 0), "bytes left in place");
        drop(store);
        assert_gone(dir.path());

        let damaged = tempfile::tempdir().unwrap();
        drop(store_with_record(damaged.path()));
        std::fs::write(Store::db_path(damaged.path()), b"not a database").unwrap();
        let wiped = destroy(damaged.path()).unwrap();
        assert_eq!(wiped.key, KeyDestruction::Overwritten);
        assert_gone(damaged.path());
    }

    #[test]
    fn the_wipe_of_a_removed_device_is_the_same_destruction() {
        let dir = tempfile::tempdir().unwrap();
        store_with_record(dir.path()).wipe().unwrap();
        assert_gone(dir.path());
    }
}
