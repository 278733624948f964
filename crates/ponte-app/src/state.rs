//! The app's state: the unlocked store (or none), preferences, and sync status; and the
//! background sync loop.

use std::path::PathBuf;
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ponte_ipc::{Status, SyncStatus};
use ponte_store::Store;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::{Mutex, Notify, watch};

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
    /// True while a panic wipe stops the sync under way (which drops its handle).
    halt: watch::Sender<bool>,
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
            halt: watch::Sender::new(false),
        }
    }

    /// Panic wipe: drop the screens' store handle, stop a sync under way (dropping its
    /// handle), then destroy the store, key first, and the shell's own files beside it
    /// (preferences, exported workbooks). Needs no passphrase; works locked. The
    /// language stays in memory so the first-run screen speaks the operator's.
    pub async fn panic_wipe(&self) -> ponte_device::Result<ponte_device::panic::PanicReport> {
        self.halt.send_replace(true);
        self.store.lock().await.take();
        let one_sync = self.sync_running.lock().await;
        self.halt.send_replace(false);
        let extra = [
            self.home.join("prefs.json"),
            self.home.join("prefs.json.tmp"),
            self.home.join("exports"),
        ];
        let result = ponte_device::panic::wipe(&self.home, &extra);
        self.revoked.store(false, Ordering::Relaxed);
        self.update_sync(|s| *s = SyncStatus::default());
        drop(one_sync);
        result
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
            ..Status::default()
        };
        let guard = self.store.lock().await;
        if let Some(store) = guard.as_ref() {
            status.unlocked = true;
            status.team = ponte_device::team::view(store);
            status.sync.pending = store.outbox_len().unwrap_or(0);
            status.listening_point = ponte_device::settings::listening_point(store);
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
                Some(store) if ponte_device::team::view(store).is_some() => store.reopen(),
                _ => return,
            }
        };
        let handle = match handle {
            Ok(h) => h,
            Err(e) => {
                self.update_sync(|s| s.error = Some(e.code().to_owned()));
                return;
            }
        };
        self.update_sync(|s| s.running = true);
        // A panic wipe ends the sync at once: dropping the future drops its handle.
        let mut halt = self.halt.subscribe();
        let (handle, result) = tokio::select! {
            out = ponte_device::sync::sync(handle) => out,
            _ = halt.wait_for(|h| *h) => {
                self.update_sync(|s| s.running = false);
                return;
            }
        };
        drop(handle);
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
            Err(e) if e.as_code() == ponte_device::sync::REVOKED => {
                // Removed from the team and wiped: drop the screens' handle too.
                self.store.lock().await.take();
                self.revoked.store(true, Ordering::Relaxed);
                self.update_sync(|s| {
                    *s = SyncStatus {
                        error: Some(ponte_device::sync::REVOKED.to_owned()),
                        ..SyncStatus::default()
                    };
                });
            }
            Err(e) => {
                let code = e.as_code().to_owned();
                self.update_sync(|s| {
                    s.running = false;
                    s.error = Some(code);
                });
            }
        }
    }
}

/// Sync in the background: every [`SYNC_EVERY`], and soon after anything kicks.
pub async fn background_sync<R: Runtime>(handle: AppHandle<R>) {
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
