//! The unlock attempt limit: a counter of consecutive wrong passphrases, a growing
//! delay after the third, and, at the team's limit, the destruction of the key
//! material and then of the files.
//!
//! The counter is in the clear (nothing secret is known before unlocking) in two
//! places: `meta` (`unlock_failures`: the count and the time of the last attempt) and
//! a small file beside the database ([`ATTEMPTS_FILE`]); the larger of the two counts.
//! It is incremented and made durable (`synchronous=FULL` commit, `fsync` of the file)
//! *before* the key derivation runs, and reset only after the master key opened, so
//! killing the process during the derivation does not give an attempt back, and
//! copying only the database file back does not reset it. The limit itself
//! (`meta.unlock_attempts`, 0 = off) is a team setting; its sealed copy in the keyring
//! (`setting/unlock_attempts`) is compared after every successful unlock, and a
//! changed clear copy is put back and audited.
//!
//! One guess at a time per store, whatever the number of processes or threads: an
//! exclusive OS lock on the home directory (`GuessLock`: `flock`, which the kernel
//! drops when its holder exits or is killed) is taken before the counter is read and
//! held until the derivation has answered, and through the destruction at the limit.
//! Without it, unlocks started together all read the same count, each wrote it plus
//! one and each derived its own guess (15 parallel `ponte` processes had 71 guesses
//! checked before the erasure at 10). A process that waited for the lock looks at
//! the home again: a store destroyed meanwhile answers
//! [`StoreError::ErasedAfterFailures`], and the connection is opened again, so it
//! never reads a store that another process replaced (the duress path). Not covered:
//! a process that reads the file while the erasure is under way, before it asks for
//! the lock ([`Store::open`] checks the file first), may be told the store is damaged
//! or missing instead; it derives nothing either way.
//!
//! What someone with a copy of the disk can still do: restore both files and try
//! again, as often as they restore them; read the salt and round count and guess the
//! passphrase offline at PBKDF2's cost, without any counter; turn the limit off in
//! the clear copy before trying (found and undone at the next successful unlock, too
//! late). The limit holds against someone who only has the device's app or `ponte`.

use std::fs::File;
use std::io::Write as _;
use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::audit::{self, AuditAction};
use crate::keys::{self, Keys};
use crate::schema::{get_meta, put_meta};
use crate::sync::settings::seal_setting;
use crate::{Result, Store, StoreError, time};

/// The team's limit when it set none: 10 consecutive wrong passphrases.
pub const DEFAULT_UNLOCK_ATTEMPTS: u8 = 10;
/// The limits a team may set (or none: off).
pub const UNLOCK_ATTEMPTS: std::ops::RangeInclusive<u8> = 5..=50;
/// Wrong passphrases in a row before the delay starts.
pub const FREE_FAILURES: u32 = 3;
/// The longest delay between two attempts, in seconds.
pub const MAX_DELAY_SECONDS: u64 = 60;
/// From how many tries left a wrong passphrase warns that the device will erase itself.
pub const WARN_TRIES_LEFT: u32 = 3;
/// The file beside the database holding the second copy of the counter.
pub const ATTEMPTS_FILE: &str = "ponte.attempts";
/// The note left in the home directory after an attempt-limit wipe (no secret: the
/// reason and the limit), so the next unlock can say why the store is gone.
pub const ERASED_FILE: &str = "ponte.erased";

const FAILURES_KEY: &str = "unlock_failures";
const LIMIT_KEY: &str = "unlock_attempts";
/// The sealed copy of the limit (a store setting, see `sync::settings`).
pub(crate) const LIMIT_SETTING: &str = "unlock_attempts";

/// How long to wait before the next attempt after `failures` wrong passphrases in a
/// row: none for the first [`FREE_FAILURES`], then 1 s, 2 s, 4 s ... up to
/// [`MAX_DELAY_SECONDS`].
pub fn delay_after(failures: u32) -> Option<u64> {
    let over = failures.checked_sub(FREE_FAILURES)?;
    Some(
        1u64.checked_shl(over)
            .unwrap_or(u64::MAX)
            .min(MAX_DELAY_SECONDS),
    )
}

/// Consecutive failures and the time of the last attempt (ms).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counter {
    failures: u32,
    last_ms: i64,
}

impl Counter {
    fn encode(self) -> [u8; 12] {
        let mut out = [0u8; 12];
        out[..4].copy_from_slice(&self.failures.to_be_bytes());
        out[4..].copy_from_slice(&self.last_ms.to_be_bytes());
        out
    }

    fn decode(bytes: &[u8]) -> Option<Counter> {
        let bytes: [u8; 12] = bytes.try_into().ok()?;
        let (f, t) = bytes.split_at(4);
        Some(Counter {
            failures: u32::from_be_bytes(f.try_into().ok()?),
            last_ms: i64::from_be_bytes(t.try_into().ok()?),
        })
    }
}

/// The device id the file beside the database must name: a file left by another
/// store (one destroyed by a panic wipe, say) does not count for this one.
fn device_of(conn: &Connection) -> Vec<u8> {
    get_meta(conn, "device_id").unwrap_or_default()
}

fn read_counter(conn: &Connection, home: &Path) -> Counter {
    let in_meta = get_meta(conn, FAILURES_KEY)
        .ok()
        .and_then(|b| Counter::decode(&b));
    let device = device_of(conn);
    let in_file = std::fs::read(home.join(ATTEMPTS_FILE)).ok().and_then(|b| {
        let (id, counter) = b.split_at_checked(device.len())?;
        (id == device.as_slice()).then(|| Counter::decode(counter))?
    });
    in_meta
        .into_iter()
        .chain(in_file)
        .max_by_key(|c| (c.failures, c.last_ms))
        .unwrap_or_default()
}

/// Writes the counter to `meta` (committed with `synchronous=FULL`) and to the file
/// beside it (written and synced) before returning.
fn write_counter(conn: &Connection, home: &Path, counter: Counter) -> Result<()> {
    put_meta(conn, FAILURES_KEY, &counter.encode())?;
    let path = home.join(ATTEMPTS_FILE);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(&path)?;
    file.write_all(&[device_of(conn).as_slice(), &counter.encode()].concat())?;
    file.sync_all()?;
    Ok(())
}

/// The counter as a successful unlock leaves it (zero, in `meta` and in the file
/// beside it): for a store just made, so that it looks like any store unlocked since.
pub(crate) fn reset_counter(conn: &Connection, home: &Path) -> Result<()> {
    write_counter(conn, home, Counter::default())
}

/// The limit in force before unlocking: the clear copy in `meta`; missing or out of
/// range, the default (damage never turns the limit off).
pub(crate) fn limit(conn: &Connection) -> Option<u8> {
    match get_meta(conn, LIMIT_KEY).ok().as_deref() {
        Some([0]) => None,
        Some([n]) if UNLOCK_ATTEMPTS.contains(n) => Some(*n),
        _ => Some(DEFAULT_UNLOCK_ATTEMPTS),
    }
}

/// The clear form of a limit.
pub(crate) fn limit_bytes(limit: Option<u8>) -> [u8; 1] {
    [limit.unwrap_or(0)]
}

/// Writes the clear copy of the limit.
pub(crate) fn put_limit(conn: &Connection, limit: Option<u8>) -> Result<()> {
    put_meta(conn, LIMIT_KEY, &limit_bytes(limit))
}

/// The clear copy of the limit as stored (`None`: never set).
pub(crate) fn stored_limit_bytes(conn: &Connection) -> Option<Vec<u8>> {
    get_meta(conn, LIMIT_KEY).ok()
}

/// The limit that was in force when the store in `home` was erased for too many wrong
/// passphrases, if it was.
pub fn erased_after(home: &Path) -> Option<u32> {
    let note = std::fs::read_to_string(home.join(ERASED_FILE)).ok()?;
    note.trim()
        .strip_prefix("unlock-attempts ")
        .and_then(|n| n.parse().ok())
        .or(Some(u32::from(DEFAULT_UNLOCK_ATTEMPTS)))
}

/// The exclusive lock that lets one guess at a time through for the store in a home
/// directory (module docs), released on drop or when its process ends.
#[derive(Debug)]
pub(crate) struct GuessLock {
    /// The home directory, open and locked (`None` where there is no such lock).
    _dir: Option<File>,
}

impl GuessLock {
    /// Waits for, then takes, the lock on `home`. On Unix, `flock(LOCK_EX)` on the
    /// directory itself: no file of its own, so nothing is left behind after a wipe,
    /// and nothing to delete while another process waits on it. Ponte builds no binary
    /// for another system; there it locks nothing.
    pub(crate) fn acquire(home: &Path) -> Result<GuessLock> {
        #[cfg(unix)]
        {
            let dir = File::open(home)?;
            dir.lock()?;
            Ok(GuessLock { _dir: Some(dir) })
        }
        #[cfg(not(unix))]
        {
            let _ = home;
            Ok(GuessLock { _dir: None })
        }
    }
}

/// Unlocks with `passphrase` under the attempt rule, one guess at a time for the store
/// in `home` ([`GuessLock`], held until this returns). Refused at once (nothing
/// derived, nothing counted) within the delay; counted before deriving; reset on
/// success; at the limit, the store is destroyed and the connection closed. The
/// duress passphrase is a success: the store is replaced (`duress`). `conn`, opened
/// before the lock, is only dropped: the store is opened again once the lock is held.
pub(crate) fn guarded(
    conn: Connection,
    home: &Path,
    passphrase: &str,
) -> Result<(Connection, [u8; 16], Keys)> {
    // Nothing of the store is held while waiting: another process may destroy it (the
    // limit, a panic wipe) or replace it (the duress passphrase) meanwhile. Look again
    // once the lock is held.
    drop(conn);
    let _one_guess = GuessLock::acquire(home)?;
    if !Store::db_path(home).is_file() {
        return Err(match erased_after(home) {
            Some(attempts) => StoreError::ErasedAfterFailures { attempts },
            None => StoreError::NotInitialized,
        });
    }
    let conn = Store::connect(home)?;
    let limit = limit(&conn).map(u32::from);
    let mut counter = read_counter(&conn, home);
    if let Some(limit) = limit
        && counter.failures >= limit
    {
        // The limit was reached and the destruction interrupted: finish it.
        destroy(conn, home, limit)?;
        return Err(StoreError::ErasedAfterFailures { attempts: limit });
    }
    let now = time::now_ms();
    if let Some(delay) = delay_after(counter.failures) {
        if now < counter.last_ms {
            // The clock went back: wait the delay from now, not until the old time.
            counter.last_ms = now;
            write_counter(&conn, home, counter)?;
        }
        let ready = counter
            .last_ms
            .saturating_add(i64::try_from(delay * 1000).unwrap_or(i64::MAX));
        if now < ready {
            let wait_ms = u64::try_from(ready - now).unwrap_or(0);
            return Err(StoreError::UnlockDelayed {
                seconds: wait_ms.div_ceil(1000),
            });
        }
    }
    let before = counter;
    counter.failures = counter.failures.saturating_add(1);
    counter.last_ms = now;
    write_counter(&conn, home, counter)?;
    match keys::unlock(&conn, passphrase) {
        Ok(keys::Unlocked::Real(device_id, keys)) => {
            write_counter(&conn, home, Counter::default())?;
            Ok((conn, device_id, keys))
        }
        Ok(keys::Unlocked::Duress(candidate)) => {
            // The store goes the way a panic wipe takes it (its counter's file with
            // it) and a new one, counter at zero, opens in its place: what follows
            // looks like any successful unlock.
            drop(conn);
            crate::panic::destroy(home)?;
            crate::duress::replace(home, candidate)
        }
        Err(StoreError::WrongPassphrase) => match limit {
            Some(limit) if counter.failures >= limit => {
                destroy(conn, home, limit)?;
                Err(StoreError::ErasedAfterFailures { attempts: limit })
            }
            Some(limit) if limit - counter.failures <= WARN_TRIES_LEFT => {
                Err(StoreError::WrongPassphraseFinalTries {
                    left: limit - counter.failures,
                })
            }
            _ => Err(StoreError::WrongPassphrase),
        },
        Err(other) => {
            // Not a guess that failed (damage found after deriving): not counted.
            write_counter(&conn, home, before)?;
            Err(other)
        }
    }
}

/// Destroys the store at the limit, the way a panic wipe does ([`crate::panic::destroy`]:
/// the wrapped master key, salt, round count and keyring first, committed and the WAL
/// truncated, then the files), leaving [`ERASED_FILE`] so the next attempt can say
/// why the store is gone.
fn destroy(conn: Connection, home: &Path, limit: u32) -> Result<()> {
    drop(conn);
    crate::panic::destroy(home)?;
    std::fs::write(home.join(ERASED_FILE), format!("unlock-attempts {limit}\n"))?;
    let _ = std::fs::remove_file(home.join(ATTEMPTS_FILE));
    Ok(())
}

impl Store {
    /// The unlock attempt limit in force on this device (`None`: off).
    pub fn unlock_limit(&self) -> Option<u8> {
        limit(&self.conn)
    }

    /// Sets the unlock attempt limit (a team setting): the clear copy read before
    /// unlocking and the sealed copy it is checked against, in one transaction.
    /// `None` turns it off; a limit outside [`UNLOCK_ATTEMPTS`] is refused as
    /// [`StoreError::Corrupt`] (a signed roster never carries one) and changes nothing.
    pub fn set_unlock_limit(&mut self, limit: Option<u8>) -> Result<()> {
        if limit.is_some_and(|n| !UNLOCK_ATTEMPTS.contains(&n)) {
            return Err(StoreError::Corrupt);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        put_limit(&tx, limit)?;
        seal_setting(&tx, &self.keys.master, LIMIT_SETTING, &limit_bytes(limit))?;
        tx.commit()?;
        Ok(())
    }

    /// After a successful unlock: the clear copy of the limit must be what the sealed
    /// copy says (or both absent). If not, someone changed the file: the clear copy is
    /// put back and the audit log says so.
    pub(crate) fn check_unlock_limit(&mut self) -> Result<()> {
        let sealed = self.setting(LIMIT_SETTING)?;
        let clear = stored_limit_bytes(&self.conn);
        if sealed.as_deref().map(|s| s.as_slice()) == clear.as_deref() {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        match sealed.as_deref() {
            Some(value) => put_meta(&tx, LIMIT_KEY, value)?,
            None => {
                tx.execute("DELETE FROM meta WHERE key = ?1", [LIMIT_KEY])?;
            }
        }
        audit::append(
            &tx,
            &self.keys.audit,
            AuditAction::Team,
            None,
            None,
            Some(
                "unlock-attempts changed in the clear copy; restored from the sealed team settings",
            ),
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PASS: &str = "correct horse battery";

    #[test]
    fn the_delay_doubles_after_the_third_failure_up_to_a_minute() {
        let delays: Vec<Option<u64>> = (0..12).map(delay_after).collect();
        assert_eq!(
            delays,
            [
                None,
                None,
                None,
                Some(1),
                Some(2),
                Some(4),
                Some(8),
                Some(16),
                Some(32),
                Some(60),
                Some(60),
                Some(60)
            ]
        );
        assert_eq!(delay_after(u32::MAX), Some(60));
    }

    fn backdate(home: &Path, ms: i64) {
        let conn = Connection::open(Store::db_path(home)).unwrap();
        let mut c = read_counter(&conn, home);
        c.last_ms -= ms;
        write_counter(&conn, home, c).unwrap();
    }

    #[test]
    fn wrong_passphrases_count_wait_warn_and_erase() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        drop(Store::init(home, PASS, &Default::default()).unwrap());
        let mut codes = Vec::new();
        for _ in 0..10 {
            let err = Store::open(home, "wrong horse battery").unwrap_err();
            codes.push(err.code());
            // From the third, a retry within the delay is refused and not counted,
            // even with the right passphrase.
            if codes.len() >= 3 && Store::exists(home) {
                let expected = delay_after(u32::try_from(codes.len()).unwrap()).unwrap();
                assert!(
                    matches!(
                        Store::open(home, PASS),
                        Err(StoreError::UnlockDelayed { seconds }) if seconds == expected
                    ),
                    "after {} failures",
                    codes.len()
                );
            }
            if Store::exists(home) {
                backdate(home, 61_000);
            }
        }
        assert_eq!(codes[..6], ["wrong-passphrase"; 6]);
        assert_eq!(codes[6..9], ["wrong-passphrase-final-tries"; 3]);
        assert_eq!(codes[9], "erased-after-failures");
        assert!(!Store::exists(home));
        assert_eq!(erased_after(home), Some(10));
        assert!(matches!(
            Store::open(home, PASS),
            Err(StoreError::ErasedAfterFailures { attempts: 10 })
        ));
        // A new store may be made there.
        Store::init(home, PASS, &Default::default()).unwrap();
        assert_eq!(erased_after(home), None);
    }

    #[test]
    fn success_resets_and_copying_the_database_back_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        drop(Store::init(home, PASS, &Default::default()).unwrap());
        let copy = std::fs::read(Store::db_path(home)).unwrap();
        for _ in 0..2 {
            assert!(Store::open(home, "wrong horse battery").is_err());
        }
        // The database as it was before the failures: the file beside it still counts.
        std::fs::write(Store::db_path(home), &copy).unwrap();
        let _ = std::fs::remove_file(home.join(format!("{}-wal", crate::DB_FILE)));
        let _ = std::fs::remove_file(home.join(format!("{}-shm", crate::DB_FILE)));
        assert!(Store::open(home, "wrong horse battery").is_err());
        assert!(matches!(
            Store::open(home, PASS),
            Err(StoreError::UnlockDelayed { .. })
        ));
        backdate(home, 2_000);
        drop(Store::open(home, PASS).unwrap());
        let conn = Connection::open(Store::db_path(home)).unwrap();
        assert_eq!(read_counter(&conn, home), Counter::default());
    }

    #[test]
    fn parallel_wrong_passphrases_are_checked_one_at_a_time_up_to_the_limit() {
        // Regression: unlocks started together each read the same count and each
        // derived its own guess, far past the limit.
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        store.set_unlock_limit(Some(5)).unwrap();
        drop(store);
        let mut answers: Vec<StoreError> = Vec::new();
        for _round in 0..5 {
            let ready = std::sync::Barrier::new(8);
            let round: Vec<StoreError> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..8)
                    .map(|_| {
                        let ready = &ready;
                        s.spawn(move || {
                            // What `Store::open` does before the attempt rule, done by
                            // every thread before any guess (its checks are not this
                            // test's).
                            let conn = Store::connect(home);
                            ready.wait();
                            guarded(conn.unwrap(), home, "wrong horse battery").map(drop)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap().unwrap_err())
                    .collect()
            });
            answers.extend(round);
            if !Store::exists(home) {
                break;
            }
            // Past any delay.
            backdate(home, 61_000);
        }
        // Each guess that was derived answered with the tries left, once each;
        // every other one waited its turn and was refused without deriving.
        let mut left: Vec<Option<u32>> = answers
            .iter()
            .filter_map(|e| match e {
                StoreError::WrongPassphrase => Some(None),
                StoreError::WrongPassphraseFinalTries { left } => Some(Some(*left)),
                _ => None,
            })
            .collect();
        left.sort_unstable();
        assert_eq!(left, [None, Some(1), Some(2), Some(3)], "{answers:?}");
        assert!(
            answers.iter().all(|e| matches!(
                e,
                StoreError::WrongPassphrase
                    | StoreError::WrongPassphraseFinalTries { .. }
                    | StoreError::UnlockDelayed { .. }
                    | StoreError::ErasedAfterFailures { attempts: 5 }
            )),
            "{answers:?}"
        );
        assert!(!Store::exists(home));
        assert_eq!(erased_after(home), Some(5));
    }

    #[test]
    fn the_limit_is_a_setting_kept_in_two_copies() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let mut store = Store::init(home, PASS, &Default::default()).unwrap();
        store.set_unlock_limit(None).unwrap();
        assert_eq!(store.unlock_limit(), None);
        drop(store);
        for _ in 0..3 {
            assert_eq!(
                Store::open(home, "wrong horse battery").unwrap_err().code(),
                "wrong-passphrase"
            );
            backdate(home, 61_000);
        }
        let mut store = Store::open(home, PASS).unwrap();
        store.set_unlock_limit(Some(5)).unwrap();
        drop(store);
        // Someone with the file turns the limit off; the next unlock puts it back.
        let conn = Connection::open(Store::db_path(home)).unwrap();
        put_limit(&conn, None).unwrap();
        drop(conn);
        let mut store = Store::open(home, PASS).unwrap();
        assert_eq!(store.unlock_limit(), Some(5));
        let log = store.audit_log().unwrap();
        assert!(
            log.iter()
                .any(|e| e.detail.as_deref().is_some_and(|d| d.contains("restored"))),
            "{log:?}"
        );
        assert!(store.set_unlock_limit(Some(4)).is_err());
    }
}
