//! File modes: the store's home directory is its owner's only (0700), and so are the
//! database file and the WAL and shared-memory files beside it (0600).
//!
//! The database file is created empty with mode 0600 before SQLite opens it, and
//! SQLite gives its journal, WAL and shared-memory files the mode of the database
//! file, so no byte of the store is ever in a file others may read, whatever the
//! umask. Opening a store restricts the files again (stores made before this rule).

use std::path::Path;

/// Mode of the store's files.
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;
/// Mode of the home directory.
#[cfg(unix)]
const DIR_MODE: u32 = 0o700;

/// Makes `path` accessible to its owner only (mode 0700 on Unix; a no-op elsewhere).
/// Best effort: a file system without modes keeps its own.
pub(crate) fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(DIR_MODE));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Creates the directory `path` and its missing parents, each with mode 0700 on Unix.
pub(crate) fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(DIR_MODE);
    }
    builder.create(path)
}

/// Creates `path` as a new, empty file with mode 0600 on Unix; fails if it exists.
pub(crate) fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(FILE_MODE);
    }
    options.open(path).map(drop)
}

/// Makes the database file at `db` and its `-wal`, `-shm` and `-journal` files, those
/// that exist, readable and writable by their owner only (0600 on Unix). Best effort.
pub(crate) fn restrict_store_files(db: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mut paths = vec![db.to_path_buf()];
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            paths.push(name.into());
        }
        for path in paths {
            // Only files: a link here is left alone rather than followed.
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(FILE_MODE));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = db;
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;
    use std::path::Path;

    use crate::{InitOptions, Store};

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn with_suffix(db: &Path, suffix: &str) -> std::path::PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        name.into()
    }

    #[test]
    fn a_new_store_is_its_owners_only() {
        let dir = tempfile::tempdir().unwrap();
        // A home under a directory that does not exist yet: both are created 0700.
        let home = dir.path().join("new").join("home");
        let store = Store::init(&home, "correct horse battery", &InitOptions::default()).unwrap();
        store.audit_log().unwrap();
        let db = Store::db_path(&home);
        assert_eq!(mode(&home), 0o700);
        assert_eq!(mode(&dir.path().join("new")), 0o700);
        assert_eq!(mode(&db), 0o600);
        // The store is open in WAL mode: its WAL and shared memory exist, 0600 too.
        for suffix in ["-wal", "-shm"] {
            let path = with_suffix(&db, suffix);
            assert!(path.exists(), "{}", path.display());
            assert_eq!(mode(&path), 0o600, "{suffix}");
        }
        // The unlock attempt counter beside the database (`unlock`), 0600 too.
        assert_eq!(mode(&home.join(crate::unlock::ATTEMPTS_FILE)), 0o600);
        // Nothing else in the home directory (the init file was renamed into place).
        let mut names: Vec<String> = std::fs::read_dir(&home)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["ponte.attempts", "ponte.db", "ponte.db-shm", "ponte.db-wal"]
        );
    }

    #[test]
    fn opening_restricts_a_store_made_readable() {
        let dir = tempfile::tempdir().unwrap();
        let store =
            Store::init(dir.path(), "correct horse battery", &InitOptions::default()).unwrap();
        drop(store);
        let db = Store::db_path(dir.path());
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
        let store = Store::open(dir.path(), "correct horse battery").unwrap();
        assert_eq!(mode(&db), 0o600);
        for suffix in ["-wal", "-shm"] {
            assert_eq!(mode(&with_suffix(&db, suffix)), 0o600, "{suffix}");
        }
        drop(store);
    }
}
