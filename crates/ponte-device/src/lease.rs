//! The key lease: a device of a team that has not completed a sync for the team's
//! `lease_days` (a team setting, default 14) destroys its keys at the next unlock and
//! asks to be enrolled again. A phone that is lost, seized or simply never brought back
//! stops being readable by whoever has its passphrase once the lease runs out.
//!
//! Two times are kept as sealed store settings: when the last sync completed
//! ([`record_sync`]) and the latest time this device has ever seen (updated at each
//! unlock and each sync). "Now" is the later of the clock and the latest time seen, so
//! setting the clock back does not extend the lease. A device in no team has no lease.
//! A supervisor's device has one too when the team has a recovery kit (every team made
//! since kits exist): the kit replaces a supervisor device that expired. In an older
//! team without a kit, until its supervisor makes one, the supervisor's device is exempt.
//! A device in a team with no completed sync recorded (one that joined before the lease
//! existed, or is still waiting for approval) starts its lease at the first unlock that
//! finds none.
//!
//! The check runs right after every successful unlock ([`crate::session::unlock`], the
//! one path of the app and the CLI). After expiry the store is destroyed the way a panic
//! wipe does it (`ponte_store::panic::destroy`: the key first, then the files) and a
//! note ([`EXPIRED_FILE`], no secret: the lease length) is left so the next attempt
//! says why (`lease-expired`).
//!
//! What it cannot do: act while the device stays unlocked (the check is at unlock), or
//! stop someone who copied the store before expiry and keeps the copy's clock back.

use std::path::Path;

use ponte_store::{Store, time};
use ponte_sync::team;

use crate::{Failure, Result};

/// The code of an unlock that found the lease expired (and destroyed the store), and
/// the answer afterwards; argument `days`, the lease length.
pub const LEASE_EXPIRED: &str = "lease-expired";
/// The note left beside the destroyed store (the lease length, nothing secret).
pub const EXPIRED_FILE: &str = "ponte.lease-expired";
/// Under this many days left, the home screen shows them.
pub const WARN_DAYS: u32 = 3;

const LAST_SYNC: &str = "lease-last-sync";
const LATEST_SEEN: &str = "lease-latest-seen";
const DAY_MS: i64 = 86_400_000;

/// How the lease stands on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lease {
    /// Not in a team: nothing to expire.
    NoTeam,
    /// A supervisor's device in a team without a recovery kit: exempt.
    Exempt,
    /// Running, with the days left (rounded up: 1 on the last day).
    Running {
        /// Whole days left, rounded up.
        days_left: u32,
    },
    /// Expired: the lease length in days.
    Expired {
        /// The lease length.
        days: u16,
    },
}

impl Lease {
    /// The days left, for a running lease.
    pub fn days_left(self) -> Option<u32> {
        match self {
            Lease::Running { days_left } => Some(days_left),
            _ => None,
        }
    }
}

fn read_ms(store: &Store, name: &str) -> Option<i64> {
    let bytes = store.setting(name).ok().flatten()?;
    let bytes: [u8; 8] = bytes.as_slice().try_into().ok()?;
    Some(i64::from_be_bytes(bytes))
}

fn write_ms(store: &mut Store, name: &str, ms: i64) -> Result<()> {
    Ok(store.set_setting(name, &ms.to_be_bytes())?)
}

/// "Now" for the lease: the later of the clock and the latest time seen.
fn now(store: &Store) -> i64 {
    time::now_ms().max(read_ms(store, LATEST_SEEN).unwrap_or(i64::MIN))
}

/// Moves the latest time seen forward to the clock, if it is later; returns "now".
fn observe(store: &mut Store) -> Result<i64> {
    let clock = time::now_ms();
    match read_ms(store, LATEST_SEEN) {
        Some(seen) if seen >= clock => Ok(seen),
        _ => {
            write_ms(store, LATEST_SEEN, clock)?;
            Ok(clock)
        }
    }
}

/// The lease at `now`; `start` overrides the recorded last sync.
fn at(store: &Store, now: i64, start: Option<i64>) -> Lease {
    let Ok(Some(state)) = team::state(store) else {
        return Lease::NoTeam;
    };
    // A supervisor's device is exempt only in a team without a recovery kit (made
    // before kits existed): losing it would leave the team without a supervisor. With
    // a kit, a supervisor device that expires is recovered like a lost one.
    if state.supervisor && !has_recovery_kit(store) {
        return Lease::Exempt;
    }
    let days =
        team::settings(store).map_or(ponte_sync::settings::DEFAULT_LEASE_DAYS, |s| s.lease_days);
    let Some(start) = start.or_else(|| read_ms(store, LAST_SYNC)) else {
        // Not started yet: it starts at the next unlock, with the whole lease.
        return Lease::Running {
            days_left: u32::from(days),
        };
    };
    let end = start.saturating_add(i64::from(days) * DAY_MS);
    if now >= end {
        return Lease::Expired { days };
    }
    let left = (end - now).div_euclid(DAY_MS) + i64::from((end - now) % DAY_MS != 0);
    Lease::Running {
        days_left: u32::try_from(left).unwrap_or(u32::MAX),
    }
}

/// Whether the roster this device holds lists a recovery kit.
fn has_recovery_kit(store: &Store) -> bool {
    let (Ok(Some(state)), Ok(Some(signed))) = (team::state(store), team::local_roster(store))
    else {
        return false;
    };
    state
        .team_id()
        .and_then(|team| ponte_sync::roster::kept(&signed, &team))
        .is_ok_and(|body| body.recovery().is_some())
}

/// How the lease stands now (read only: for the screens and `ponte status`).
pub fn status(store: &Store) -> Lease {
    at(store, now(store), None)
}

/// Records a completed sync: the lease starts again from "now" (never earlier than the
/// latest time seen), and the latest time seen moves forward to the clock.
pub fn record_sync(store: &mut Store) -> Result<()> {
    let now = observe(store)?;
    write_ms(store, LAST_SYNC, now)
}

/// The check after a successful unlock: moves the latest time seen forward, starts a
/// lease that has none, and after expiry destroys the store (key first, then files),
/// leaves [`EXPIRED_FILE`] and answers `lease-expired`.
pub fn check(home: &Path, mut store: Store) -> Result<Store> {
    let now = observe(&mut store)?;
    let mut start = None;
    if matches!(at(&store, now, None), Lease::Running { .. })
        && read_ms(&store, LAST_SYNC).is_none()
    {
        write_ms(&mut store, LAST_SYNC, now)?;
        start = Some(now);
    }
    match at(&store, now, start) {
        Lease::Expired { days } => {
            drop(store);
            ponte_store::panic::destroy(home)?;
            std::fs::write(home.join(EXPIRED_FILE), format!("lease-days {days}\n"))
                .map_err(|_| Failure::code(crate::failure::IO))?;
            Err(expired(days))
        }
        _ => Ok(store),
    }
}

fn expired(days: u16) -> Failure {
    Failure::with_args(LEASE_EXPIRED, &[("days", days.to_string())])
}

/// `lease-expired` where the store in `home` was destroyed when its lease ran out.
pub fn expired_note(home: &Path) -> Option<Failure> {
    let note = std::fs::read_to_string(home.join(EXPIRED_FILE)).ok()?;
    let days = note
        .trim()
        .strip_prefix("lease-days ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(ponte_sync::settings::DEFAULT_LEASE_DAYS);
    Some(expired(days))
}

/// Removes the note (a new store was made, or a panic wipe): whether one was there.
pub fn forget(home: &Path) -> bool {
    std::fs::remove_file(home.join(EXPIRED_FILE)).is_ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PASS: &str = "correct horse battery";

    fn join_as(store: &mut Store, supervisor: bool) {
        let state = serde_json::json!({
            "team_id": "00112233445566778899aabbccddeeff",
            "relay": "http://127.0.0.1:1",
            "supervisor": supervisor,
            "name": "phone",
            "supervisor_pk": "00",
            "approved": true,
        });
        store
            .set_setting("team", state.to_string().as_bytes())
            .unwrap();
    }

    #[test]
    fn a_member_expires_from_its_last_sync_and_a_clock_set_back_does_not_extend_it() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let mut store = crate::session::init(&home, PASS).unwrap();
        assert_eq!(status(&store), Lease::NoTeam);
        join_as(&mut store, false);
        record_sync(&mut store).unwrap();
        assert_eq!(status(&store), Lease::Running { days_left: 14 });
        // Seen 13.5 days after the sync: the clock may go back, "now" does not.
        let seen = time::now_ms() + 13 * DAY_MS + DAY_MS / 2;
        write_ms(&mut store, LATEST_SEEN, seen).unwrap();
        assert_eq!(status(&store), Lease::Running { days_left: 1 });
        assert_eq!(at(&store, seen + DAY_MS, None), Lease::Expired { days: 14 });
        let store = check(&home, store).unwrap();
        // Past the end.
        let mut store = store;
        write_ms(&mut store, LATEST_SEEN, seen + DAY_MS).unwrap();
        let err = check(&home, store).unwrap_err();
        assert_eq!(err.as_code(), LEASE_EXPIRED);
        assert!(!Store::exists(&home));
        assert_eq!(
            crate::session::unlock(&home, PASS).unwrap_err().as_code(),
            LEASE_EXPIRED
        );
        drop(crate::session::init(&home, PASS).unwrap());
        assert!(!home.join(EXPIRED_FILE).exists());
    }

    #[test]
    fn a_supervisor_without_a_recovery_kit_is_exempt_and_a_lease_without_a_sync_starts_at_unlock() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let mut store = crate::session::init(&home, PASS).unwrap();
        join_as(&mut store, true);
        write_ms(&mut store, LATEST_SEEN, time::now_ms() + 400 * DAY_MS).unwrap();
        assert_eq!(status(&store), Lease::Exempt);
        let mut store = check(&home, store).unwrap();
        join_as(&mut store, false);
        let store = check(&home, store).unwrap();
        assert!(read_ms(&store, LAST_SYNC).is_some());
        assert_eq!(status(&store), Lease::Running { days_left: 14 });
    }
}
