//! Audit review: every device ships its audit log to the supervisors, and a supervisor
//! reviews what each device did and whether its trail holds.
//!
//! Shipping ([`ship`]) runs once per sync round, before the push, on an approved member
//! of a team (the store's `ponte_store::audit_trail` says how). The review ([`review`])
//! is a supervisor's, audited once (a `team` note `audit-review ...`), and gives for
//! every device of the roster (and every trail of a device no longer in it) the state
//! of its trail ([`trail_state`]):
//!
//! - `ok`: entries numbered 1, 2, ... without a gap, each the device's log entry of the
//!   same number (`seq` = `n`), no marker, every change of the trail written by the
//!   device itself;
//! - `broken`: a marker (`audit-broken`: the device's log was deleted, rewritten or
//!   does not verify, or the device lost the position it had shipped up to and so
//!   cannot show that its log continues the trail; `trail-restarted`: its trail was
//!   lost and started again), a gap
//!   in `n`, an entry whose `seq` is not its `n` (`altered`: entries left out or
//!   rewritten before a marker says so), a round that cannot be read, a change of
//!   the trail written by another device (its Automerge actor), or a trail under an id
//!   that is not its device's; the problem names the first such entry;
//! - `missing`: a device of the roster whose trail never reached this device. This
//!   device cannot tell whether that device has synced since it joined (the relay does
//!   not tell), only that no trail arrived.

use std::collections::HashMap;

use ponte_ipc::audit::{AuditReview, AuditRow, AuditTrailStatus};
use ponte_store::audit_trail::{AUDIT_BROKEN, TRAIL_RESTARTED};
use ponte_store::{AuditAction, HeldTrail, RecordId, Shipped, Store, trail_id};
use ponte_sync::Role;

use crate::records::parse_id;
use crate::roles::{Action, require};
use crate::{Failure, Result, hex};

/// `--device` named no device of the roster nor any trail (argument `device`).
pub const UNKNOWN_DEVICE: &str = "audit-unknown-device";

/// State of a trail that holds.
pub const OK: &str = "ok";
/// State of a trail with a problem.
pub const BROKEN: &str = "broken";
/// State of a roster device whose trail never arrived.
pub const MISSING: &str = "missing";

/// Ship this device's new audit entries into its trail, if it is an approved member of
/// a team (else nothing). Called by [`crate::sync::sync`] before the sync itself.
pub fn ship(store: &mut Store) -> Result<Shipped> {
    let Some(state) = ponte_sync::team::state(store)? else {
        return Ok(Shipped::default());
    };
    if !state.approved {
        return Ok(Shipped::default());
    }
    let team_id = state.team_id()?;
    Ok(store.ship_audit_trail(&team_id)?)
}

/// The state of `trail` (see the module docs): [`OK`] or [`BROKEN`] with the first
/// problem and its position. `expected` is the id the trail of the device it names
/// has in this team (`None`: unknown, not checked).
pub fn trail_state(
    trail: &HeldTrail,
    expected: Option<&RecordId>,
) -> (&'static str, Option<String>) {
    if expected.is_some_and(|id| *id != trail.id) || trail.device.is_none() {
        return (BROKEN, Some("wrong-trail-id".to_owned()));
    }
    if !trail.only_device {
        return (BROKEN, Some("written-by-another-device".to_owned()));
    }
    for (i, entry) in trail.entries.iter().enumerate() {
        let want = u64::try_from(i).unwrap_or(u64::MAX).saturating_add(1);
        if entry.n != want {
            return (BROKEN, Some(format!("gap at n={want} next={}", entry.n)));
        }
        if entry.action == AUDIT_BROKEN || entry.action == TRAIL_RESTARTED {
            let detail = entry
                .detail
                .as_deref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            return (
                BROKEN,
                Some(format!("{} at n={}{detail}", entry.action, entry.n)),
            );
        }
        // Until a marker, the trail is the log from its first entry.
        if u64::try_from(entry.seq).ok() != Some(entry.n) {
            return (BROKEN, Some(format!("altered at n={}", entry.n)));
        }
    }
    if trail.malformed > 0 {
        return (
            BROKEN,
            Some(format!("unreadable-entries count={}", trail.malformed)),
        );
    }
    (OK, None)
}

/// A device of the roster: id, name, role.
struct Known {
    id: [u8; 16],
    name: String,
    role: Role,
}

/// The devices of the roster this device holds (no recovery entry), in its order.
fn roster(store: &Store) -> Result<(Option<[u8; 16]>, Vec<Known>)> {
    let Some(state) = ponte_sync::team::state(store)? else {
        return Ok((None, Vec::new()));
    };
    let team_id = state.team_id()?;
    let Some(signed) = ponte_sync::team::local_roster(store)? else {
        return Ok((Some(team_id), Vec::new()));
    };
    let body = ponte_sync::roster::kept(&signed, &team_id)?;
    let known = ponte_sync::roster::members(&body, &store.team_keys())
        .into_iter()
        .filter(|m| m.role != Role::Recovery)
        .map(|m| Known {
            id: m.device_id,
            name: m.name,
            role: m.role,
        })
        .collect();
    Ok((Some(team_id), known))
}

/// This device's own audit log (`ponte audit`), its hash chain verified: every
/// entry, oldest first; a log that does not verify is an error, not a shorter list.
/// Any role reads its own device's log.
pub fn own_log(store: &Store) -> Result<Vec<ponte_store::AuditEntry>> {
    Ok(store.audit_log()?)
}

/// The review (supervisor): every device's trail state, and the entries, newest
/// first, of the device named by `device` (its id, a prefix of it, or its name) and
/// about the record `record`, if given. Audited once; refused (and audited) on
/// another role's device.
pub fn review(
    store: &mut Store,
    device: Option<&str>,
    record: Option<&str>,
) -> Result<AuditReview> {
    let record = record.map(parse_id).transpose()?;
    let device = device.map(str::trim).filter(|d| !d.is_empty());
    require(store, Action::ReviewAudit, "audit-review")?;
    let (team_id, known) = roster(store)?;
    let trails = store.audit_trails()?;
    let by_device: HashMap<[u8; 16], &HeldTrail> = trails
        .iter()
        .filter_map(|t| t.device.map(|d| (d, t)))
        .collect();
    let name_of = |id: &[u8; 16]| known.iter().find(|k| k.id == *id).map(|k| k.name.clone());
    let mut devices = Vec::new();
    for k in &known {
        let status = match by_device.get(&k.id) {
            Some(trail) => status(trail, team_id.as_ref(), Some(k)),
            None => AuditTrailStatus {
                device: hex(&k.id),
                name: Some(k.name.clone()),
                role: Some(crate::team::ipc_role(k.role)),
                entries: 0,
                last_at_ms: None,
                state: MISSING.to_owned(),
                problem: Some("no-trail-received".to_owned()),
                refused: 0,
            },
        };
        devices.push(status);
    }
    for trail in &trails {
        if trail
            .device
            .is_some_and(|d| known.iter().any(|k| k.id == d))
        {
            continue;
        }
        devices.push(status(trail, team_id.as_ref(), None));
    }
    let wanted: Option<String> = match device {
        None => None,
        Some(d) => Some(
            devices
                .iter()
                .find(|s| {
                    s.device == d.to_ascii_lowercase()
                        || s.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(d))
                })
                .or_else(|| {
                    let prefix = d.to_ascii_lowercase();
                    let matching: Vec<_> = devices
                        .iter()
                        .filter(|s| prefix.len() >= 4 && s.device.starts_with(&prefix))
                        .collect();
                    (matching.len() == 1).then(|| matching[0])
                })
                .map(|s| s.device.clone())
                .ok_or_else(|| Failure::with_args(UNKNOWN_DEVICE, &[("device", d.to_owned())]))?,
        ),
    };
    let record_hex = record.map(|r| r.to_hex());
    let mut entries: Vec<(AuditRow, u64)> = Vec::new();
    for trail in &trails {
        let Some(id) = trail.device else { continue };
        let device_hex = hex(&id);
        if wanted.as_ref().is_some_and(|w| *w != device_hex) {
            continue;
        }
        for e in &trail.entries {
            if record_hex.is_some() && e.record != record_hex {
                continue;
            }
            entries.push((
                AuditRow {
                    device: device_hex.clone(),
                    name: name_of(&id),
                    at_ms: e.at,
                    action: e.action.clone(),
                    kind: e.kind.clone(),
                    record: e.record.clone(),
                    detail: e.detail.clone(),
                },
                e.n,
            ));
        }
    }
    entries.sort_by(|(a, an), (b, bn)| {
        b.at_ms
            .cmp(&a.at_ms)
            .then_with(|| a.device.cmp(&b.device))
            .then_with(|| bn.cmp(an))
    });
    let mut note = format!(
        "audit-review devices={} entries={}",
        devices.len(),
        entries.len()
    );
    if let Some(w) = &wanted {
        note.push_str(&format!(" device={w}"));
    }
    if let Some(r) = &record_hex {
        note.push_str(&format!(" record={r}"));
    }
    store.audit_note(AuditAction::Team, &note)?;
    Ok(AuditReview {
        devices,
        entries: entries.into_iter().map(|(row, _)| row).collect(),
    })
}

/// A trail's status row.
fn status(
    trail: &HeldTrail,
    team_id: Option<&[u8; 16]>,
    known: Option<&Known>,
) -> AuditTrailStatus {
    let expected = team_id.zip(trail.device).map(|(t, d)| trail_id(t, &d));
    let (state, problem) = trail_state(trail, expected.as_ref());
    AuditTrailStatus {
        device: trail.device.map_or_else(|| trail.id.to_hex(), |d| hex(&d)),
        name: known.map(|k| k.name.clone()),
        role: known.map(|k| crate::team::ipc_role(k.role)),
        entries: u64::try_from(trail.entries.len()).unwrap_or(u64::MAX),
        last_at_ms: trail.entries.iter().map(|e| e.at).max(),
        state: state.to_owned(),
        problem,
        refused: refused(trail),
    }
}

/// How many entries from the relay the device refused, from its `quarantine` notes
/// (`sync refused forged-tombstone=1 unreadable=2`).
fn refused(trail: &HeldTrail) -> u64 {
    trail
        .entries
        .iter()
        .filter(|e| e.action == "quarantine")
        .filter_map(|e| e.detail.as_deref())
        .flat_map(str::split_whitespace)
        .filter_map(|word| word.split_once('=')?.1.parse::<u64>().ok())
        .fold(0u64, u64::saturating_add)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use ponte_store::TrailEntry;

    use super::*;

    const DEVICE: [u8; 16] = [7; 16];
    const TEAM: [u8; 16] = [1; 16];

    fn entry(n: u64, action: &str, detail: Option<&str>) -> TrailEntry {
        TrailEntry {
            n,
            seq: i64::try_from(n).unwrap(),
            at: 1_000 + i64::try_from(n).unwrap(),
            action: action.to_owned(),
            kind: None,
            record: None,
            detail: detail.map(str::to_owned),
        }
    }

    /// A trail of `entries`.
    fn trail(entries: Vec<TrailEntry>) -> HeldTrail {
        HeldTrail {
            id: trail_id(&TEAM, &DEVICE),
            device: Some(DEVICE),
            entries,
            malformed: 0,
            only_device: true,
        }
    }

    fn state_of(t: &HeldTrail) -> (&'static str, Option<String>) {
        trail_state(t, Some(&trail_id(&TEAM, &DEVICE)))
    }

    #[test]
    fn the_entries_a_device_refused_are_counted_from_its_quarantine_notes() {
        let t = trail(vec![
            entry(1, "view", Some("x=9")),
            entry(
                2,
                "quarantine",
                Some("sync refused forged-tombstone=1 unreadable=2"),
            ),
            entry(3, "quarantine", Some("sync refused wrong-author=4")),
            entry(4, "team", Some("roster=3")),
        ]);
        assert_eq!(refused(&t), 7);
        assert_eq!(refused(&trail(Vec::new())), 0);
    }

    #[test]
    fn a_trail_of_the_log_in_order_without_markers_is_ok() {
        let t = trail((1..=3).map(|n| entry(n, "view", None)).collect());
        assert_eq!(state_of(&t), (OK, None));
        assert_eq!(state_of(&trail(Vec::new())), (OK, None));
    }

    #[test]
    fn a_marker_breaks_the_trail_at_its_position() {
        let t = trail(vec![
            entry(1, "view", None),
            entry(2, AUDIT_BROKEN, Some("log-restarted shipped=1 now=1")),
            entry(3, "view", None),
        ]);
        assert_eq!(
            state_of(&t),
            (
                BROKEN,
                Some("audit-broken at n=2 log-restarted shipped=1 now=1".into())
            )
        );
        let t = trail(vec![entry(1, TRAIL_RESTARTED, None)]);
        assert_eq!(
            state_of(&t),
            (BROKEN, Some("trail-restarted at n=1".into()))
        );
    }

    #[test]
    fn a_gap_an_altered_entry_or_a_foreign_change_breaks_it() {
        let mut t = trail((1..=4).map(|n| entry(n, "view", None)).collect());
        t.entries.remove(2);
        assert_eq!(state_of(&t), (BROKEN, Some("gap at n=3 next=4".into())));

        // An entry of the log left out, its numbering closed up.
        let mut t = trail((1..=3).map(|n| entry(n, "view", None)).collect());
        t.entries[1].seq = 3;
        t.entries[2].seq = 4;
        assert_eq!(state_of(&t), (BROKEN, Some("altered at n=2".into())));

        let mut t = trail(vec![entry(1, "view", None)]);
        t.only_device = false;
        assert_eq!(
            state_of(&t),
            (BROKEN, Some("written-by-another-device".into()))
        );

        let mut t = trail(vec![entry(1, "view", None)]);
        t.malformed = 2;
        assert_eq!(
            state_of(&t),
            (BROKEN, Some("unreadable-entries count=2".into()))
        );

        let t = trail(vec![entry(1, "view", None)]);
        let other = trail_id(&TEAM, &[8; 16]);
        assert_eq!(
            trail_state(&t, Some(&other)),
            (BROKEN, Some("wrong-trail-id".into()))
        );
    }
}
