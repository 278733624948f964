//! What a device keeps in its folder besides the store, and the rules on it: the
//! preferences in the clear (the UI language and the auto-lock delay; nothing about
//! people, teams or keys, which live sealed in the store) and the exports folder (the
//! app's workbooks, referral sheets and programme packages). Every wipe (panic, duress
//! unlock, attempt limit, key lease, removal from the team) removes these files with
//! the store ([`front_end_files`]), whichever front end made them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Result;
use crate::failure::{Failure, USAGE};

/// Auto-lock delay when none was chosen.
pub const DEFAULT_AUTOLOCK_MINUTES: u32 = 5;
/// Longest auto-lock delay a device accepts (the shortest is one minute).
pub const MAX_AUTOLOCK_MINUTES: u32 = 60;

const PREFS_FILE: &str = "prefs.json";
const PREFS_TMP: &str = "prefs.json.tmp";
const EXPORTS_DIR: &str = "exports";

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

impl Prefs {
    /// These preferences with `locale` and `autolock_minutes` changed where given:
    /// `usage` for a locale that is not a language tag or a delay outside
    /// 1..=[`MAX_AUTOLOCK_MINUTES`].
    pub fn with(&self, locale: Option<String>, autolock_minutes: Option<u32>) -> Result<Prefs> {
        let mut next = self.clone();
        if let Some(locale) = locale {
            if !crate::lock::is_language_tag(&locale) {
                return Err(Failure::code(USAGE));
            }
            next.locale = locale;
        }
        if let Some(minutes) = autolock_minutes {
            if !autolock_in_range(minutes) {
                return Err(Failure::code(USAGE));
            }
            next.autolock_minutes = minutes;
        }
        Ok(next)
    }
}

fn autolock_in_range(minutes: u32) -> bool {
    (1..=MAX_AUTOLOCK_MINUTES).contains(&minutes)
}

/// Where the front end puts what it exports: `<home>/exports/`.
pub fn exports_dir(home: &Path) -> PathBuf {
    home.join(EXPORTS_DIR)
}

/// Every file or folder a front end keeps beside the store in `home` (removed by every
/// wipe).
pub fn front_end_files(home: &Path) -> [PathBuf; 3] {
    [
        home.join(PREFS_FILE),
        home.join(PREFS_TMP),
        exports_dir(home),
    ]
}

/// The saved preferences; the defaults when there are none or they do not read, and
/// for each value that breaks its rule (a file edited by hand must not set a lock
/// delay of zero or of years).
pub fn load(home: &Path) -> Prefs {
    let saved: Prefs = std::fs::read(home.join(PREFS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let default = Prefs::default();
    Prefs {
        locale: if crate::lock::is_language_tag(&saved.locale) {
            saved.locale
        } else {
            default.locale
        },
        autolock_minutes: if autolock_in_range(saved.autolock_minutes) {
            saved.autolock_minutes
        } else {
            default.autolock_minutes
        },
    }
}

/// Save the preferences (write to a temporary file, then rename over the old one):
/// `io` when the folder cannot be written.
pub fn save(home: &Path, prefs: &Prefs) -> Result<()> {
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(home)?;
        let tmp = home.join(PREFS_TMP);
        let bytes = serde_json::to_vec_pretty(prefs).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(tmp, home.join(PREFS_FILE))
    };
    write().map_err(|_| Failure::code(crate::failure::IO))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn saved_preferences_load_back_and_garbage_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Prefs::default());
        let prefs = Prefs::default().with(Some("ar".into()), Some(2)).unwrap();
        save(dir.path(), &prefs).unwrap();
        assert_eq!(load(dir.path()), prefs);
        std::fs::write(dir.path().join(PREFS_FILE), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Prefs::default());
    }

    #[test]
    fn a_delay_or_language_out_of_rule_is_refused_and_not_loaded() {
        let dir = tempfile::tempdir().unwrap();
        for minutes in [0, 61, u32::MAX] {
            let bad = Prefs::default().with(None, Some(minutes));
            assert_eq!(bad.unwrap_err().as_code(), "usage");
        }
        assert!(Prefs::default().with(Some("x y".into()), None).is_err());
        for minutes in [0u32, 4_294_967_295] {
            let text = format!("{{\"locale\":\"en\",\"autolock_minutes\":{minutes}}}");
            std::fs::write(dir.path().join(PREFS_FILE), text).unwrap();
            let loaded = load(dir.path());
            assert_eq!(loaded.locale, "en");
            assert_eq!(loaded.autolock_minutes, DEFAULT_AUTOLOCK_MINUTES);
        }
    }
}
