//! The app's state: the unlocked store (or none), preferences, and sync status; and the
//! background sync loop.

use std::path::PathBuf;
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ponte_ipc::{IpcError, Status, SyncStatus, Team};
use ponte_store::{Store, StoreError};
use ponte_sync::SyncError;
use tauri::{AppHandle, Manager};
use tokio::sync::{Mutex, Notify};

use crate::prefs::{self, Prefs};

/// How often the app tries to sync while unlocked, when nothing asks sooner.
const SYNC_EVERY: Duration = Duration::from_secs(20);
/// After a local change, wait this long for more before syncing.
const SYNC_DEBOUNCE: Duration = Duration::from_millis(800);

/// Everything the commands share.
#[derive(Debug)]
pub struct App {
    /// The store's home directory.
    pub home: PathBuf,
    /// The unlocked store; `None` while locked.
    pub store: Mutex<Option<Store>>,
    /// Preferences (language, auto-lock).
    pub prefs: StdMutex<Prefs>,
    /// How sync stands.
    pub sync: StdMutex<SyncStatus>,
    /// One sync at a time.
    pub sync_running: Mutex<()>,
    /// Wakes the background loop (after a local change, an unlock, a tap on "sync").
    pub kick: Notify,
    /// The device was removed from its team and wiped by the last sync.
    pub revoked: AtomicBool,
}

impl App {
    /// State for the store in `home` (locked).
    pub fn new(home: PathBuf) -> App {
        let prefs = prefs::load(&home);
        App {
            home,
            store: Mutex::new(None),
            prefs: StdMutex::new(prefs),
            sync: StdMutex::new(SyncStatus::default()),
            sync_running: Mutex::new(()),
            kick: Notify::new(),
            revoked: AtomicBool::new(false),
        }
    }

    /// The current preferences.
    pub fn prefs(&self) -> Prefs {
        self.prefs.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// The sync status as last recorded.
    pub fn sync_status(&self) -> SyncStatus {
        self.sync.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn update_sync(&self, f: impl FnOnce(&mut SyncStatus)) {
        if let Ok(mut s) = self.sync.lock() {
            f(&mut s);
        }
    }

    /// The status every screen shows.
    pub async fn status(&self) -> Status {
        let prefs = self.prefs();
        let mut status = Status {
            initialized: Store::exists(&self.home),
            unlocked: false,
            locale: prefs.locale,
            autolock_minutes: prefs.autolock_minutes,
            team: None,
            sync: self.sync_status(),
            listening_point: None,
            revoked: self.revoked.load(Ordering::Relaxed),
        };
        let guard = self.store.lock().await;
        if let Some(store) = guard.as_ref() {
            status.unlocked = true;
            status.team = ponte_sync::team::state(store).ok().flatten().map(|t| Team {
                team_id: t.team_id,
                relay: t.relay,
                supervisor: t.supervisor,
                device_name: t.name,
                approved: t.approved,
            });
            status.sync.pending = store.outbox_len().unwrap_or(0);
            status.listening_point = store
                .setting("listening_point")
                .ok()
                .flatten()
                .and_then(|b| String::from_utf8(b.to_vec()).ok());
        }
        status
    }

    /// Sync once now, unless the app is locked, not in a team, or already syncing.
    pub async fn sync_once(&self) {
        let Ok(_one) = self.sync_running.try_lock() else {
            return;
        };
        let handle = {
            let guard = self.store.lock().await;
            match guard.as_ref() {
                Some(store) if matches!(ponte_sync::team::state(store), Ok(Some(_))) => {
                    store.reopen()
                }
                _ => return,
            }
        };
        let mut handle = match handle {
            Ok(h) => h,
            Err(e) => {
                self.update_sync(|s| s.error = Some(e.code().to_owned()));
                return;
            }
        };
        self.update_sync(|s| s.running = true);
        let result = ponte_sync::engine::sync(&mut handle).await;
        match result {
            Ok(report) => {
                // The sync may have brought team keys (approval, rotation): the screens'
                // handle reads them afresh.
                let mut guard = self.store.lock().await;
                if let Some(store) = guard.as_mut()
                    && let Ok(fresh) = store.reopen()
                {
                    *store = fresh;
                }
                drop(guard);
                self.update_sync(|s| {
                    s.running = false;
                    s.error = None;
                    s.last_ok_ms = Some(ponte_store::time::now_ms());
                    s.pending = report.pending;
                    s.last_pulled = report.pulled;
                });
            }
            Err(SyncError::Revoked) => {
                // Removed from the team: drop the screens' handle, then wipe.
                self.store.lock().await.take();
                let _ = handle.wipe();
                self.revoked.store(true, Ordering::Relaxed);
                self.update_sync(|s| {
                    *s = SyncStatus {
                        error: Some("revoked".to_owned()),
                        ..SyncStatus::default()
                    };
                });
            }
            Err(e) => {
                let code = e.code();
                self.update_sync(|s| {
                    s.running = false;
                    s.error = Some(code);
                });
            }
        }
    }
}

/// Sync in the background: every [`SYNC_EVERY`], and soon after anything kicks.
pub async fn background_sync(handle: AppHandle) {
    let app = handle.state::<App>();
    loop {
        let kicked = tokio::time::timeout(SYNC_EVERY, app.kick.notified())
            .await
            .is_ok();
        if kicked {
            tokio::time::sleep(SYNC_DEBOUNCE).await;
        }
        app.sync_once().await;
    }
}

/// A store error as it crosses IPC.
pub fn store_error(e: StoreError) -> IpcError {
    match e {
        StoreError::Invalid(problems) => IpcError {
            code: "invalid".to_owned(),
            args: vec![("count".to_owned(), problems.len().to_string())],
            problems: problems
                .iter()
                .map(|p| (p.path.clone(), p.code.as_str().to_owned()))
                .collect(),
        },
        StoreError::PassphraseTooShort { min } => IpcError {
            code: e.code().to_owned(),
            args: vec![("min".to_owned(), min.to_string())],
            problems: Vec::new(),
        },
        StoreError::AuditBroken { seq } => IpcError {
            code: e.code().to_owned(),
            args: vec![("seq".to_owned(), seq.to_string())],
            problems: Vec::new(),
        },
        other => IpcError::code(other.code()),
    }
}

/// A sync or team error as it crosses IPC.
pub fn sync_error(e: SyncError) -> IpcError {
    match e {
        SyncError::Store(s) => store_error(s),
        other => IpcError::code(other.code()),
    }
}
