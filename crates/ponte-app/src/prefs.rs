//! Preferences kept beside the store, in the clear: the UI language and the auto-lock
//! delay. Nothing about people, teams or keys goes here; those live sealed in the store.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Auto-lock delay when none was chosen.
pub const DEFAULT_AUTOLOCK_MINUTES: u32 = 5;
/// Longest auto-lock delay the app accepts.
pub const MAX_AUTOLOCK_MINUTES: u32 = 60;

/// The preferences file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// UI language.
    pub locale: String,
    /// Lock after this many idle minutes.
    pub autolock_minutes: u32,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            locale: "it".to_owned(),
            autolock_minutes: DEFAULT_AUTOLOCK_MINUTES,
        }
    }
}

fn path(home: &Path) -> PathBuf {
    home.join("prefs.json")
}

/// The saved preferences, or the defaults when there are none or they do not read.
pub fn load(home: &Path) -> Prefs {
    std::fs::read(path(home))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Save the preferences (write to a temporary file, then rename over the old one).
pub fn save(home: &Path, prefs: &Prefs) -> std::io::Result<()> {
    std::fs::create_dir_all(home)?;
    let tmp = home.join("prefs.json.tmp");
    let bytes = serde_json::to_vec_pretty(prefs).map_err(std::io::Error::other)?;
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path(home))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn saved_preferences_load_back_and_garbage_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Prefs::default());
        let prefs = Prefs {
            locale: "ar".into(),
            autolock_minutes: 2,
        };
        save(dir.path(), &prefs).unwrap();
        assert_eq!(load(dir.path()), prefs);
        std::fs::write(dir.path().join("prefs.json"), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Prefs::default());
    }
}
