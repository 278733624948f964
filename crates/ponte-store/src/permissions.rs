//! File modes: the store's home directory is readable by its owner only.

use std::path::Path;

/// Makes `path` accessible to its owner only (mode 0700 on Unix; a no-op elsewhere).
/// Best effort: a file system without modes keeps its own.
pub(crate) fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
    }
    #[cfg(not(unix))]
    let _ = path;
}
