//! The app's state: the unlocked store (or none; when locked, maybe sealed under the
//! working day's PIN), preferences, and sync status; the background sync loop; and the
//! lock the shell enforces (idle, window hidden, system suspended).

use std::path::PathBuf;
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ponte_device::lock::{self, Lock, Now, Reason};
use ponte_ipc::{IpcError, Status, SyncStatus};
use ponte_store::Store;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::{Mutex, Notify, watch};

use ponte_device::prefs::{self, Prefs};
use ponte_device::sync::Round;

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
    /// True while a panic wipe or a lock stops the sync under way (which drops its
    /// handle).
    halt: watch::Sender<bool>,
    /// The lock rules' state: activity, the working day's PIN (and the store sealed
    /// under it while locked), the worker's screen. Never held across an await.
    pub lock: StdMutex<Lock>,
    /// The lock rules are checked with a clock the caller gives ([`App::own_clock`]):
    /// the background check stands aside.
    own_clock: AtomicBool,
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
            lock: StdMutex::new(Lock::new(Now::system())),
            own_clock: AtomicBool::new(false),
        }
    }

    /// From now on the background check stands aside and only calls of
    /// [`App::enforce_lock`] with the caller's clock apply the lock rules (the tests
    /// move time on without waiting, and the system's clock must not interleave).
    pub fn own_clock(&self) {
        self.own_clock.store(true, Ordering::Relaxed);
    }

    /// Runs `f` on the lock state (a poisoned mutex is taken as it is: the lock state
    /// is plain data).
    pub fn with_lock<T>(&self, f: impl FnOnce(&mut Lock) -> T) -> T {
        let mut guard = match self.lock.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut guard)
    }

    /// The person did something: the idle timer starts over.
    pub fn touch(&self) {
        let now = Now::system();
        self.with_lock(|l| l.activity(now));
    }

    /// Lock now for `reason`: stop a sync under way (its handle is dropped), take the
    /// screens' store and seal it under the day's PIN, or drop it with every key. A
    /// worker's lock shows the worker's screen in `worker_lang`.
    pub async fn lock_at(&self, reason: Reason, worker_lang: Option<String>, now: Now) {
        self.halt.send_replace(true);
        let store = self.store.lock().await.take();
        self.with_lock(|l| l.lock(store, reason, worker_lang, now));
        let one_sync = self.sync_running.lock().await;
        self.halt.send_replace(false);
        drop(one_sync);
    }

    /// Run `call`, a command that talks to the relay while it holds the screens' store,
    /// unless a lock or a panic wipe comes first: then the call is dropped with the
    /// store it borrowed and the answer is `locked`. So neither the panic wipe nor the
    /// auto-lock waits for the network (a relay that does not answer holds a call for
    /// up to a minute). A call cut short is like one the network broke: every step
    /// the store takes is a transaction of its own.
    pub async fn unless_halted<T>(
        &self,
        call: impl std::future::Future<Output = ponte_device::Result<T>>,
    ) -> Result<T, ponte_ipc::IpcError> {
        let mut halt = self.halt.subscribe();
        tokio::select! {
            done = call => Ok(done?),
            _ = halt.wait_for(|halted| *halted) => Err(ponte_ipc::IpcError::code("locked")),
        }
    }

    /// The lock rules at `now` (the background check every 2 s; the tests call it with
    /// their own clock): a sealed key past the day's end destroyed; an open app locked
    /// when idle past the auto-lock minutes, after a suspend, or with its window
    /// `hidden`. Answers why it locked.
    pub async fn enforce_lock(&self, now: Now, hidden: bool) -> Option<Reason> {
        let minutes = self.prefs().autolock_minutes;
        let due = self.with_lock(|l| {
            l.expire(now);
            l.due(now, minutes, hidden)
        })?;
        if self.store.lock().await.is_none() {
            return None;
        }
        self.lock_at(due, None, now).await;
        Some(due)
    }

    /// Panic wipe: drop the screens' store handle, stop a sync under way (dropping its
    /// handle), then destroy the store, key first, and the shell's own files beside it
    /// (preferences, exported workbooks). Needs no passphrase; works locked. The
    /// language stays in memory so the first-run screen speaks the operator's.
    pub async fn panic_wipe(&self) -> ponte_device::Result<ponte_device::panic::PanicReport> {
        self.halt.send_replace(true);
        self.store.lock().await.take();
        self.with_lock(|l| l.wipe(Now::system()));
        let one_sync = self.sync_running.lock().await;
        self.halt.send_replace(false);
        let result = ponte_device::panic::wipe(&self.home);
        self.revoked.store(false, Ordering::Relaxed);
        self.update_sync(|s| *s = SyncStatus::default());
        drop(one_sync);
        result
    }

    /// Where exports go: `<home>/exports/` (removed by every wipe).
    pub fn exports_dir(&self) -> PathBuf {
        ponte_device::prefs::exports_dir(&self.home)
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
        if !status.initialized {
            status.erased = match ponte_device::session::check_present(&self.home) {
                Err(e) if e.as_code() != "not-initialized" => Some(IpcError::from(e)),
                _ => None,
            };
        }
        let guard = self.store.lock().await;
        if let Some(store) = guard.as_ref() {
            status.unlocked = true;
            status.team = ponte_device::team::view(store);
            status.actions = ponte_device::roles::actions(store);
            status.sync.pending = store.outbox_len().unwrap_or(0);
            status.listening_point = ponte_device::settings::todays_place(store);
        }
        drop(guard);
        let now = Now::system();
        self.with_lock(|l| {
            l.expire(now);
            status.pin_ready = l.pin_ready();
            status.pin_tries_left = l.pin_tries_left();
            status.pin_until_ms = l.pin_until_ms();
            status.worker_mode = l.worker().map(str::to_owned);
        });
        status
    }

    /// Sync once now, unless the app is locked, not in a team, or already syncing (a
    /// store without a team only sends the notice a duress unlock may have left waiting).
    pub async fn sync_once(&self) {
        let Ok(_one) = self.sync_running.try_lock() else {
            return;
        };
        let (handle, in_team) = {
            let guard = self.store.lock().await;
            let Some(store) = guard.as_ref() else {
                return;
            };
            match ponte_device::sync::round(store) {
                Round::Sync => (store.reopen(), true),
                Round::NoticeOnly => (store.reopen(), false),
                Round::Nothing => return,
            }
        };
        if !in_team {
            // No team, no sync; but a store a duress unlock made leaves the supervisor
            // its notice at the first chance. Nothing shows, whatever becomes of it.
            if let Ok(mut handle) = handle {
                let mut halt = self.halt.subscribe();
                tokio::select! {
                    () = ponte_device::sync::send_pending_notice(&mut handle) => {}
                    _ = halt.wait_for(|h| *h) => {}
                }
            }
            return;
        }
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
                self.with_lock(|l| l.wipe(Now::system()));
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

/// Enforce the lock: every [`lock::CHECK_EVERY_MS`], the rules of
/// [`App::enforce_lock`] with the system's clocks and whether the main window is
/// hidden or minimized (desktop; a phone's app going to the background is a window
/// event, see `lib.rs`).
pub async fn enforce_lock<R: Runtime>(handle: AppHandle<R>) {
    let app = handle.state::<App>();
    loop {
        tokio::time::sleep(Duration::from_millis(lock::CHECK_EVERY_MS)).await;
        if app.own_clock.load(Ordering::Relaxed) {
            continue;
        }
        let hidden = window_hidden(&handle);
        app.enforce_lock(Now::system(), hidden).await;
    }
}

/// Whether every window is hidden or minimized. A platform that cannot tell (Wayland
/// does not report minimizing) answers "shown": the idle and suspend rules still hold.
fn window_hidden<R: Runtime>(handle: &AppHandle<R>) -> bool {
    let windows = handle.webview_windows();
    !windows.is_empty()
        && windows.values().all(|w| {
            w.is_visible().map(|v| !v).unwrap_or(false) || w.is_minimized().unwrap_or(false)
        })
}
