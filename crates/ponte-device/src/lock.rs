//! The lock rules of a front end that stays running (the app's shell): when to lock,
//! and what a lock keeps.
//!
//! - **Idle**: no activity for the auto-lock minutes. The time since the last activity
//!   is the larger of the wall clock's and the monotonic clock's: a clock set back does
//!   not keep the app open, and a suspend (when the monotonic clock stands still, as on
//!   Linux and macOS) still counts.
//! - **Suspended**: two checks further apart than [`CHECK_EVERY_MS`] plus
//!   [`SUSPEND_SLACK_MS`] by either clock. The front end checks every
//!   [`CHECK_EVERY_MS`]; a longer gap means the process did not run (the system slept,
//!   the process was stopped) or the wall clock jumped forward: all worth a lock.
//! - **Hidden**: the front end says its window is hidden or minimized (or the phone's
//!   app went to the background).
//! - **The working day's PIN** ([`ponte_store::pin`]): set while unlocked, its key is
//!   kept beside the store; a lock then seals the master key under it instead of only
//!   dropping it, and the PIN reopens the store until [`PIN_DAY_MS`] after the
//!   passphrase unlock that began the day (by either clock) or [`PIN_TRIES`] wrong
//!   PINs; then only the passphrase. A passphrase unlock starts a new day without a
//!   PIN. Nothing is written to disk.
//! - **The worker's screen**: a lock that also shows only the worker's screen, in the
//!   worker's language, until the PIN or the passphrase.
//!
//! The clock is passed in ([`Now`]) so the rules are tested without waiting.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use ponte_store::Store;
use ponte_store::pin::{PinError, PinKey, SealedStore};

use crate::{Failure, Result};

pub use ponte_store::pin::{PIN_MAX_DIGITS, PIN_MIN_DIGITS, PIN_TRIES};

/// How often the front end checks the lock rules.
pub const CHECK_EVERY_MS: u64 = 2_000;
/// How much later than [`CHECK_EVERY_MS`] a check may come before the gap counts as a
/// suspend (a busy machine delays a timer by far less).
pub const SUSPEND_SLACK_MS: u64 = 8_000;
/// How long the PIN works after the passphrase unlock that began the working day.
pub const PIN_DAY_MS: i64 = 12 * 60 * 60 * 1000;

/// A moment by two clocks: the wall clock (ms since the Unix epoch; it can be set,
/// and runs during a suspend) and a monotonic one (ms since an arbitrary start; never
/// set, and on Linux and macOS stands still during a suspend).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Wall clock, ms since the Unix epoch.
    pub wall_ms: i64,
    /// Monotonic clock, ms.
    pub mono_ms: u64,
}

impl Now {
    /// The system's clocks now.
    pub fn system() -> Now {
        static START: OnceLock<Instant> = OnceLock::new();
        let start = START.get_or_init(Instant::now);
        Now {
            wall_ms: ponte_store::time::now_ms(),
            mono_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
        }
    }

    /// `ms` later by both clocks (time passing while the process runs).
    pub fn later(self, ms: u64) -> Now {
        Now {
            wall_ms: self
                .wall_ms
                .saturating_add(i64::try_from(ms).unwrap_or(i64::MAX)),
            mono_ms: self.mono_ms.saturating_add(ms),
        }
    }

    /// `ms` later by the wall clock only (a suspend on Linux and macOS, or the clock
    /// set forward).
    pub fn wall_later(self, ms: u64) -> Now {
        Now {
            wall_ms: self
                .wall_ms
                .saturating_add(i64::try_from(ms).unwrap_or(i64::MAX)),
            mono_ms: self.mono_ms,
        }
    }

    /// Time from `earlier` to `self`: the larger of the two clocks' (0 if both went
    /// back).
    pub fn since(self, earlier: Now) -> u64 {
        let wall = u64::try_from(self.wall_ms.saturating_sub(earlier.wall_ms)).unwrap_or(0);
        let mono = self.mono_ms.saturating_sub(earlier.mono_ms);
        wall.max(mono)
    }
}

/// Why the app locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The person asked (the lock button).
    Asked,
    /// No activity for the auto-lock minutes.
    Idle,
    /// The window was hidden or minimized, or the app went to the background.
    Hidden,
    /// The system was suspended (or the clock jumped forward).
    Suspended,
    /// The device was handed to the worker.
    Worker,
}

/// The PIN's state.
enum Pin {
    /// No PIN: a lock drops every key.
    None,
    /// A PIN is set while the store is open: a lock seals under this key.
    Set(PinKey),
    /// Locked, the master key sealed under the PIN.
    Sealed(SealedStore),
    /// Locked, the sealed key destroyed: why (`pin-tries-spent`, `pin-expired`).
    Gone(PinError),
}

/// The lock state of a running front end: activity, the working day, the PIN and the
/// worker's screen. The store itself stays with the front end; a lock takes it.
pub struct Lock {
    last_activity: Now,
    last_check: Option<Now>,
    /// The passphrase unlock that began the working day.
    day_from: Option<Now>,
    pin: Pin,
    worker: Option<String>,
}

impl std::fmt::Debug for Lock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lock")
            .field("last_activity", &self.last_activity)
            .field("day_from", &self.day_from)
            .field("worker", &self.worker)
            .field("pin", &"<redacted>")
            .finish()
    }
}

impl Lock {
    /// A locked app with no working day begun.
    pub fn new(now: Now) -> Lock {
        Lock {
            last_activity: now,
            last_check: None,
            day_from: None,
            pin: Pin::None,
            worker: None,
        }
    }

    /// The person did something: the idle time starts over.
    pub fn activity(&mut self, now: Now) {
        self.last_activity = now;
    }

    /// The store was opened (or made) with the passphrase: a new working day, no PIN
    /// (a PIN sealed before is destroyed), not the worker's screen.
    pub fn opened_with_passphrase(&mut self, now: Now) {
        self.pin = Pin::None;
        self.worker = None;
        self.day_from = Some(now);
        self.last_activity = now;
    }

    /// Forget everything (a panic wipe, a removal): no PIN, no day, no worker's screen.
    pub fn wipe(&mut self, now: Now) {
        *self = Lock::new(now);
    }

    /// When the day's PIN stops working, if a day has begun.
    fn day_end(&self) -> Option<i64> {
        self.day_from
            .map(|from| from.wall_ms.saturating_add(PIN_DAY_MS))
    }

    /// The day is over by either clock.
    fn day_over(&self, now: Now) -> bool {
        match self.day_from {
            Some(from) => {
                now.since(from) >= u64::try_from(PIN_DAY_MS).unwrap_or(u64::MAX)
                    || self.day_end().is_some_and(|end| now.wall_ms >= end)
            }
            None => true,
        }
    }

    /// Set (or change) the day's PIN on the open `store`: checked by the PIN rule
    /// (`pin-too-short`, `pin-too-long`, `pin-not-digits`, `pin-too-simple`,
    /// `pin-same-as-passphrase`); refused with `pin-expired` once the day is over.
    /// Answers when it stops working (ms since the Unix epoch): the end of the day
    /// begun by the passphrase, so changing the PIN never makes it last longer.
    pub fn set_pin(&mut self, store: &Store, pin: &str, now: Now) -> Result<i64> {
        let key = store.pin_key(pin).map_err(failure)?;
        let until = match self.day_end() {
            Some(end) if !self.day_over(now) => end,
            _ => return Err(failure(PinError::Expired)),
        };
        self.pin = Pin::Set(key);
        Ok(until)
    }

    /// Forget the PIN: a lock drops every key again (a key sealed under it is
    /// destroyed).
    pub fn clear_pin(&mut self) {
        self.pin = Pin::None;
    }

    /// Lock `store` (if open) for `reason`: sealed under the PIN when one is set and
    /// the day is not over, else dropped with every key. A worker's lock shows the
    /// worker's screen in `worker_lang` (check it with [`worker_lang`] first).
    pub fn lock(
        &mut self,
        store: Option<Store>,
        reason: Reason,
        worker_lang: Option<String>,
        now: Now,
    ) {
        if let Some(store) = store {
            let pin = std::mem::replace(&mut self.pin, Pin::None);
            self.pin = match (pin, self.day_end()) {
                (Pin::Set(key), Some(until)) if !self.day_over(now) => {
                    match store.seal_under(key, until) {
                        Ok(sealed) => Pin::Sealed(sealed),
                        // The store is dropped all the same: the lock holds.
                        Err(e) => Pin::Gone(e),
                    }
                }
                (Pin::Set(_), _) => {
                    drop(store);
                    Pin::Gone(PinError::Expired)
                }
                (other, _) => {
                    drop(store);
                    other
                }
            };
        }
        if reason == Reason::Worker {
            self.worker = worker_lang;
        }
        self.expire(now);
    }

    /// Destroy a sealed key whose day is over.
    pub fn expire(&mut self, now: Now) {
        let over = self.day_over(now);
        if let Pin::Sealed(sealed) = &mut self.pin
            && (over || sealed.expire(now.wall_ms))
        {
            sealed.destroy();
            self.pin = Pin::Gone(PinError::Expired);
        }
    }

    /// Reopen with the PIN: the store (after the key lease check, as at any unlock),
    /// the worker's screen left, the idle time started over; the PIN stays set for the
    /// next lock. `wrong-pin` (with `left`), `pin-tries-spent`, `pin-expired`,
    /// `pin-not-set`, or the store's own error.
    pub fn unlock_pin(&mut self, home: &Path, pin: &str, now: Now) -> Result<Store> {
        self.expire(now);
        let sealed = match &mut self.pin {
            Pin::Sealed(sealed) => sealed,
            Pin::Gone(PinError::TriesSpent) => return Err(failure(PinError::TriesSpent)),
            Pin::Gone(PinError::Expired) => return Err(failure(PinError::Expired)),
            _ => return Err(failure(PinError::NotSet)),
        };
        match sealed.open(pin, now.wall_ms) {
            Ok((store, key)) => {
                self.pin = Pin::Set(key);
                self.worker = None;
                self.last_activity = now;
                crate::lease::check(home, store)
            }
            Err(e) => {
                if !sealed.is_ready() {
                    self.pin = Pin::Gone(match e {
                        PinError::TriesSpent => PinError::TriesSpent,
                        _ => PinError::Expired,
                    });
                }
                Err(failure(e))
            }
        }
    }

    /// Whether a lock is due at `now` for an open app: idle past `autolock_minutes`,
    /// a gap since the last check that says the system slept, or the window `hidden`.
    /// Every call is a check (for the suspend rule), open or not.
    pub fn due(&mut self, now: Now, autolock_minutes: u32, hidden: bool) -> Option<Reason> {
        let gap = self.last_check.map(|last| now.since(last));
        self.last_check = Some(now);
        let idle_ms = u64::from(autolock_minutes).saturating_mul(60_000);
        if gap.is_some_and(|gap| gap > CHECK_EVERY_MS + SUSPEND_SLACK_MS) {
            Some(Reason::Suspended)
        } else if now.since(self.last_activity) >= idle_ms {
            Some(Reason::Idle)
        } else if hidden {
            Some(Reason::Hidden)
        } else {
            None
        }
    }

    /// Locked with the keys sealed under the PIN: the PIN reopens the store.
    pub fn pin_ready(&self) -> bool {
        matches!(&self.pin, Pin::Sealed(s) if s.is_ready())
    }

    /// Wrong PINs left (while [`Lock::pin_ready`], else 0).
    pub fn pin_tries_left(&self) -> u32 {
        match &self.pin {
            Pin::Sealed(s) => s.tries_left(),
            _ => 0,
        }
    }

    /// When the PIN stops working, while one is set or sealed.
    pub fn pin_until_ms(&self) -> Option<i64> {
        match &self.pin {
            Pin::Set(_) => self.day_end(),
            Pin::Sealed(s) if s.is_ready() => Some(s.until_ms()),
            _ => None,
        }
    }

    /// The worker's screen's language, while it shows.
    pub fn worker(&self) -> Option<&str> {
        self.worker.as_deref()
    }
}

/// A PIN error as the front ends show it (`wrong-pin` carries `left`, `pin-too-short`
/// `min`, `pin-too-long` `max`).
fn failure(e: PinError) -> Failure {
    match e {
        PinError::Wrong { left } => Failure::with_args(e.code(), &[("left", left.to_string())]),
        PinError::TooShort { min } => Failure::with_args(e.code(), &[("min", min.to_string())]),
        PinError::TooLong { max } => Failure::with_args(e.code(), &[("max", max.to_string())]),
        PinError::Store(s) => s.into(),
        other => Failure::code(other.code()),
    }
}

/// The worker's screen's language: a language tag (2 to 8 letters or digits, subtags
/// joined by `-`, 16 characters at most), or `usage`.
pub fn worker_lang(tag: &str) -> Result<String> {
    if is_language_tag(tag) {
        Ok(tag.to_owned())
    } else {
        Err(Failure::usage())
    }
}

/// A UI language tag: 2 to 8 ASCII letters or digits, optionally with subtags.
pub fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 16
        && tag.split('-').all(|part| {
            (2..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    const PASS: &str = "correct horse battery";
    const PIN: &str = "480516";
    const MIN: u64 = 60_000;

    fn t0() -> Now {
        Now {
            wall_ms: 1_790_000_000_000,
            mono_ms: 5_000,
        }
    }

    fn open(home: &Path) -> Store {
        crate::session::init(home, PASS).unwrap()
    }

    #[test]
    fn idle_counts_by_either_clock() {
        let now = t0();
        let mut lock = Lock::new(now);
        lock.activity(now);
        // Checked every 2 s for 5 minutes less 2 s: nothing due.
        let mut at = now;
        for _ in 0..149 {
            at = at.later(CHECK_EVERY_MS);
            assert_eq!(lock.due(at, 5, false), None);
        }
        assert_eq!(lock.due(at.later(2_000), 5, false), Some(Reason::Idle));
        // Activity starts it over.
        lock.activity(at);
        assert_eq!(lock.due(at.later(2_000), 5, false), None);
        // The wall clock set back does not keep the app open.
        let mut lock = Lock::new(now);
        let mut at = now;
        for _ in 0..200 {
            at = Now {
                wall_ms: at.wall_ms - 10_000,
                mono_ms: at.mono_ms + 2_000,
            };
            if lock.due(at, 5, false).is_some() {
                break;
            }
        }
        assert!(at.mono_ms - now.mono_ms >= 5 * MIN);
        assert!(at.mono_ms - now.mono_ms < 5 * MIN + 4_000);
    }

    #[test]
    fn a_suspend_or_a_hidden_window_is_due_at_once() {
        let now = t0();
        let mut lock = Lock::new(now);
        assert_eq!(lock.due(now, 5, false), None);
        assert_eq!(lock.due(now.later(2_000), 5, false), None);
        // A late timer (a busy machine) is not a suspend.
        assert_eq!(lock.due(now.later(2_000 + 7_000), 5, false), None);
        // Twenty seconds of wall time with the monotonic clock standing still: the
        // system slept (Linux, macOS).
        let woke = now.later(9_000).wall_later(20_000);
        assert_eq!(lock.due(woke, 5, false), Some(Reason::Suspended));
        // And where the monotonic clock runs during a suspend too.
        assert_eq!(
            lock.due(woke.later(30_000), 5, false),
            Some(Reason::Suspended)
        );
        lock.activity(woke.later(30_000));
        assert_eq!(lock.due(woke.later(32_000), 5, false), None);
        assert_eq!(lock.due(woke.later(34_000), 5, true), Some(Reason::Hidden));
    }

    #[test]
    fn the_pin_seals_at_a_lock_and_reopens_until_the_day_ends() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let now = t0();
        let mut lock = Lock::new(now);
        let store = open(&home);
        // No day begun: no PIN.
        assert_eq!(
            lock.set_pin(&store, PIN, now).unwrap_err().as_code(),
            "pin-expired"
        );
        lock.opened_with_passphrase(now);
        assert_eq!(
            lock.set_pin(&store, "1234", now).unwrap_err().as_ipc().args,
            vec![("min".to_owned(), "6".to_owned())]
        );
        let until = lock.set_pin(&store, PIN, now.later(MIN)).unwrap();
        assert_eq!(until, now.wall_ms + PIN_DAY_MS);
        assert_eq!(lock.pin_until_ms(), Some(until));
        assert!(!lock.pin_ready());

        lock.lock(Some(store), Reason::Idle, None, now.later(10 * MIN));
        assert!(lock.pin_ready());
        assert_eq!(lock.pin_tries_left(), PIN_TRIES);
        let e = lock
            .unlock_pin(&home, "480517", now.later(11 * MIN))
            .unwrap_err();
        assert_eq!(e.as_code(), "wrong-pin");
        assert_eq!(e.as_ipc().args, vec![("left".to_owned(), "4".to_owned())]);
        assert!(!format!("{e:?}").contains("480517"));
        let store = lock.unlock_pin(&home, PIN, now.later(12 * MIN)).unwrap();
        assert!(!lock.pin_ready());
        assert_eq!(lock.pin_until_ms(), Some(until));
        // Changing the PIN keeps the day's end.
        assert_eq!(
            lock.set_pin(&store, "192837", now.later(60 * MIN)).unwrap(),
            until
        );

        // The worker's screen: sealed again, the language kept; the PIN leaves it.
        lock.lock(
            Some(store),
            Reason::Worker,
            Some("pa".into()),
            now.later(61 * MIN),
        );
        assert_eq!(lock.worker(), Some("pa"));
        assert!(lock.pin_ready());
        let store = lock
            .unlock_pin(&home, "192837", now.later(62 * MIN))
            .unwrap();
        assert_eq!(lock.worker(), None);

        // Past the day's end by the wall clock: the sealed key is destroyed.
        lock.lock(Some(store), Reason::Asked, None, now.later(63 * MIN));
        assert!(lock.pin_ready());
        let late = now.wall_later(u64::try_from(PIN_DAY_MS).unwrap());
        lock.expire(late);
        assert!(!lock.pin_ready());
        assert_eq!(lock.pin_until_ms(), None);
        assert_eq!(
            lock.unlock_pin(&home, "192837", late)
                .unwrap_err()
                .as_code(),
            "pin-expired"
        );
        // The passphrase begins a new day without a PIN.
        let store = crate::session::unlock(&home, PASS).unwrap();
        lock.opened_with_passphrase(late);
        assert_eq!(
            lock.unlock_pin(&home, PIN, late).unwrap_err().as_code(),
            "pin-not-set"
        );
        // A lock with no PIN drops the store.
        lock.lock(Some(store), Reason::Asked, None, late);
        assert!(!lock.pin_ready());
    }

    #[test]
    fn five_wrong_pins_leave_only_the_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let now = t0();
        let mut lock = Lock::new(now);
        let store = open(&home);
        lock.opened_with_passphrase(now);
        lock.set_pin(&store, PIN, now).unwrap();
        lock.lock(Some(store), Reason::Hidden, None, now);
        for left in (1..PIN_TRIES).rev() {
            let e = lock.unlock_pin(&home, "000001", now).unwrap_err();
            assert_eq!(e.as_ipc().args, vec![("left".to_owned(), left.to_string())]);
            assert_eq!(lock.pin_tries_left(), left);
        }
        let e = lock.unlock_pin(&home, "000001", now).unwrap_err();
        assert_eq!(e.as_code(), "pin-tries-spent");
        assert!(!lock.pin_ready());
        assert_eq!(
            lock.unlock_pin(&home, PIN, now).unwrap_err().as_code(),
            "pin-tries-spent"
        );
        crate::session::unlock(&home, PASS).unwrap();
    }

    #[test]
    fn the_day_ends_by_the_monotonic_clock_too() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let now = t0();
        let mut lock = Lock::new(now);
        let store = open(&home);
        lock.opened_with_passphrase(now);
        lock.set_pin(&store, PIN, now).unwrap();
        lock.lock(Some(store), Reason::Asked, None, now);
        // The wall clock set back 13 hours while 12 hours pass.
        let later = Now {
            wall_ms: now.wall_ms - 3_600_000,
            mono_ms: now.mono_ms + u64::try_from(PIN_DAY_MS).unwrap(),
        };
        assert_eq!(
            lock.unlock_pin(&home, PIN, later).unwrap_err().as_code(),
            "pin-expired"
        );
        // A PIN set when the day is over is refused; the lock then drops the keys.
        let store = crate::session::unlock(&home, PASS).unwrap();
        assert_eq!(
            lock.set_pin(&store, PIN, later).unwrap_err().as_code(),
            "pin-expired"
        );
        lock.lock(Some(store), Reason::Asked, None, later);
        assert!(!lock.pin_ready());
    }

    #[test]
    fn worker_languages_are_checked() {
        for good in ["it", "en", "ar", "pa-Guru", "wo"] {
            assert_eq!(worker_lang(good).unwrap(), good);
        }
        for bad in ["", "x", "../../etc", "it it", "abcdefghijklmnopq"] {
            assert_eq!(worker_lang(bad).unwrap_err().as_code(), "usage");
        }
    }
}
