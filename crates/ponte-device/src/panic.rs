//! The panic wipe: one action, no passphrase, that destroys the device's store, the
//! key first (see [`ponte_store::panic`]), then its files and the front end's own files
//! beside it ([`crate::prefs::front_end_files`]: the app's preferences and exports). Nothing is audited: the
//! log goes with the rest. A front end drops every handle it holds on the store (and
//! stops its background sync) before calling [`wipe`].

use std::path::Path;

use ponte_store::StoreError;
use ponte_store::panic::{self, KeyDestruction};
use serde::Serialize;

use crate::Result;

/// What a panic wipe did (the CLI prints it as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PanicReport {
    /// The key is destroyed and every file is gone.
    pub wiped: bool,
    /// How the master key was destroyed: `erased` (deleted with secure delete, WAL
    /// truncated) or `overwritten` (a busy or damaged file, zeroed in place); `None`
    /// when there was no store, only the front end's files.
    pub key: Option<KeyDestruction>,
    /// Files and folders removed.
    pub files_removed: usize,
    /// How many could not be removed (their keys are destroyed all the same).
    pub files_left: usize,
}

/// Destroy the store in `home`, then the files a front end made there
/// ([`crate::prefs::front_end_files`]). Errs with `not-initialized` when there was
/// nothing to destroy.
pub fn wipe(home: &Path) -> Result<PanicReport> {
    let done = match panic::destroy(home) {
        Ok(done) => Some(done),
        Err(StoreError::NotInitialized) => None,
        Err(e) => return Err(e.into()),
    };
    let mut report = PanicReport {
        wiped: false,
        key: done.as_ref().map(|d| d.key),
        files_removed: done.as_ref().map_or(0, |d| d.files_removed),
        files_left: done.as_ref().map_or(0, |d| d.files_left.len()),
    };
    // The note a lease expiry left: no secret, but a trace that a store was here.
    if crate::lease::forget(home) {
        report.files_removed += 1;
    }
    let (removed, left) = remove_front_end_files(home);
    report.files_removed += removed;
    report.files_left += left;
    if done.is_none() && report.files_removed == 0 && report.files_left == 0 {
        return Err(StoreError::NotInitialized.into());
    }
    report.wiped = report.files_left == 0;
    Ok(report)
}

/// Remove the front end's own files and folders in `home` (those absent skipped): how
/// many were removed, how many could not be. Every wipe calls it after the store's.
pub(crate) fn remove_front_end_files(home: &Path) -> (usize, usize) {
    let (mut removed, mut left) = (0, 0);
    for path in crate::prefs::front_end_files(home) {
        let done = match path.symlink_metadata() {
            Err(_) => continue,
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&path),
            Ok(_) => std::fs::remove_file(&path),
        };
        match done {
            Ok(()) => removed += 1,
            Err(_) => left += 1,
        }
    }
    (removed, left)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn wipe_leaves_nothing_and_nothing_to_wipe_is_not_initialized() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        assert_eq!(wipe(&home).unwrap_err().as_code(), "not-initialized");
        drop(crate::session::init(&home, "correct horse battery").unwrap());
        std::fs::create_dir_all(home.join("exports")).unwrap();
        std::fs::write(home.join("exports/report.xlsx"), b"x").unwrap();
        crate::prefs::save(&home, &crate::prefs::Prefs::default()).unwrap();
        let report = wipe(&home).unwrap();
        assert!(report.wiped && report.key == Some(KeyDestruction::Erased));
        assert_eq!(std::fs::read_dir(&home).unwrap().count(), 0);
        assert_eq!(
            crate::session::unlock(&home, "correct horse battery")
                .unwrap_err()
                .as_code(),
            "not-initialized"
        );
    }
}
