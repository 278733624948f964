//! Getting a store handle: creating a new store file, unlocking an existing one with
//! the passphrase, and opening a second handle on an unlocked one.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::keys::{self, InitOptions};
use crate::permissions::{
    create_private_dir, create_private_file, restrict_permissions, restrict_store_files,
};
use crate::schema::{self, configure};
use crate::unlock;
use crate::{DB_FILE, Result, Store, StoreError};

impl Store {
    /// Path of the database file under `home`.
    pub fn db_path(home: &Path) -> PathBuf {
        home.join(DB_FILE)
    }

    /// Whether `home` holds a store.
    pub fn exists(home: &Path) -> bool {
        Self::db_path(home).exists()
    }

    /// Create a new device store: random device id, master key, first team key and
    /// device key pairs, all wrapped as described in the crate docs.
    pub fn init(home: &Path, passphrase: &str, options: &InitOptions) -> Result<Store> {
        keys::check_passphrase(passphrase)?;
        if Self::exists(home) {
            return Err(StoreError::AlreadyInitialized);
        }
        let (device_id, keys) =
            Self::create_file(home, |tx| keys::create_keyring(tx, passphrase, options))?;
        let conn = Self::connect(home)?;
        conn.execute_batch("PRAGMA journal_mode = WAL;")?;
        unlock::reset_counter(&conn, home)?;
        let store = Store {
            keys,
            conn,
            device_id,
            home: home.to_path_buf(),
        };
        store.keys.current_team()?;
        Ok(store)
    }

    /// Makes the store file in `home` with `keyring` writing its keys, in a temporary
    /// file renamed into place; what `keyring` returns.
    pub(crate) fn create_file<T>(
        home: &Path,
        keyring: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        // The home directory 0700 and the file 0600 before SQLite writes a byte (its
        // journal, WAL and shared memory take the file's mode): `permissions`.
        create_private_dir(home)?;
        restrict_permissions(home);
        let path = Self::db_path(home);
        // Build the store in a temporary file and rename it into place, so a crash
        // during init never leaves a half-made store that `open` would call corrupt.
        let tmp = home.join(format!("{DB_FILE}.init"));
        let _ = std::fs::remove_file(&tmp);
        create_private_file(&tmp)?;
        let made = {
            let conn = Connection::open(&tmp)?;
            conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
            configure(&conn)?;
            let tx = conn.unchecked_transaction()?;
            schema::create(&tx)?;
            let made = keyring(&tx)?;
            tx.commit()?;
            made
        };
        std::fs::rename(&tmp, &path)?;
        // A store made where one was erased for too many wrong passphrases: the note
        // saying so is no longer true.
        let _ = std::fs::remove_file(home.join(unlock::ERASED_FILE));
        let _ = std::fs::remove_file(home.join(unlock::ATTEMPTS_FILE));
        Ok(made)
    }

    /// A configured read-write connection to the store file in `home`.
    pub(crate) fn connect(home: &Path) -> Result<Connection> {
        let path = Self::db_path(home);
        restrict_store_files(&path);
        let conn = Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        Ok(conn)
    }

    /// The id of the device whose store is in `home`, read without unlocking (it is in
    /// the clear: it binds every sealed row); `None` where there is no store or it does
    /// not read. A front end compares it before and after an unlock to learn that a
    /// duress passphrase replaced the store, and removes its own files beside it.
    pub fn device_id_in(home: &Path) -> Option<[u8; 16]> {
        if !Self::db_path(home).is_file() {
            return None;
        }
        let conn = Self::connect(home).ok()?;
        crate::schema::get_meta(&conn, "device_id")
            .ok()?
            .try_into()
            .ok()
    }

    /// Unlock the store in `home` under the attempt rule (`unlock`): a wrong
    /// passphrase only counts, until the team's limit, where the store is destroyed
    /// ([`StoreError::ErasedAfterFailures`], also the answer for a home whose store
    /// was destroyed that way); after the third in a row, an attempt within the
    /// growing delay is refused at once ([`StoreError::UnlockDelayed`]). The
    /// store's duress passphrase, if one was set ([`Store::set_duress`]), destroys
    /// this store and opens an empty new one in its place (`duress`).
    pub fn open(home: &Path, passphrase: &str) -> Result<Store> {
        let path = Self::db_path(home);
        if !path.is_file() {
            return Err(match unlock::erased_after(home) {
                Some(attempts) => StoreError::ErasedAfterFailures { attempts },
                None => StoreError::NotInitialized,
            });
        }
        let conn = Self::connect(home)?;
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::Corrupt);
        }
        schema::check_version(&conn)?;
        let (conn, device_id, keys) = unlock::guarded(conn, home, passphrase)?;
        let mut store = Store {
            keys,
            conn,
            device_id,
            home: home.to_path_buf(),
        };
        store.keys.current_team()?;
        store.check_unlock_limit()?;
        Ok(store)
    }

    /// A second handle on the same unlocked store: a new database connection with the
    /// team keys read afresh from the keyring, without asking for the passphrase again.
    /// The app syncs on one handle while the screens read and write on another, and
    /// reopens the screens' handle after a sync that brought new team keys.
    pub fn reopen(&self) -> Result<Store> {
        let conn = Connection::open_with_flags(
            Self::db_path(&self.home),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        let store = Store {
            keys: self.keys.reload(&conn)?,
            conn,
            device_id: self.device_id,
            home: self.home.clone(),
        };
        store.keys.current_team()?;
        Ok(store)
    }
}
