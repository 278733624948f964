//! The team: create one on a relay, invite and approve devices, join, list and revoke
//! devices. The relay-URL rule lives here: plain `http://` only to this machine.

pub use ponte_ipc::RecoveryKit;
use ponte_ipc::{Approved, DeviceNotice, DeviceRow, Invite, RecoveryRow, Team, TeamSettingsView};
use ponte_store::Store;
use ponte_sync::Role;
use ponte_sync::invite::Invite as InviteCode;
use ponte_sync::recovery::Kit;
pub use ponte_sync::settings::TeamSettings;
use ponte_sync::team::{self, TeamState};

use crate::failure::{
    BAD_LEASE_DAYS, BAD_RELAY, BAD_RELAY_CODE, BAD_ROLE, BAD_UNLOCK_ATTEMPTS, USAGE,
};
use crate::{Failure, Result, hex, qr};

/// How long an invite stays valid unless said otherwise (one day).
pub const DEFAULT_INVITE_TTL_MS: u64 = team::DEFAULT_INVITE_TTL_MS;
/// The longest a device name may be, in characters.
pub const MAX_DEVICE_NAME_CHARS: usize = 64;

/// Role names, as `ponte devices` and the team screen show them.
pub const ROLE_SUPERVISOR: &str = "supervisor";
/// See [`ROLE_SUPERVISOR`]: a team's outreach operator (`member` before roles).
pub const ROLE_OPERATOR: &str = "operator";
/// See [`ROLE_SUPERVISOR`].
pub const ROLE_MEDIATOR: &str = "mediator";
/// The roles a supervisor may give, as typed.
pub const ROLES: [&str; 3] = [ROLE_SUPERVISOR, ROLE_OPERATOR, ROLE_MEDIATOR];

/// The role a name says (`member`, the old name of `operator`, too), else `bad-role`
/// with the names accepted.
pub fn check_role(name: &str) -> Result<Role> {
    team::role_named(name)
        .ok_or_else(|| Failure::with_args(BAD_ROLE, &[("roles", ROLES.join(", "))]))
}

/// A role's name, as shown.
pub fn role_name(role: Role) -> &'static str {
    team::role_name(role)
}

/// A role as the contract names it.
pub fn ipc_role(role: Role) -> ponte_ipc::Role {
    match role {
        Role::Supervisor => ponte_ipc::Role::Supervisor,
        Role::Operator => ponte_ipc::Role::Operator,
        Role::Mediator => ponte_ipc::Role::Mediator,
        Role::Recovery => ponte_ipc::Role::Recovery,
    }
}

/// This device's role in its team (`None` outside a team or before approval).
pub fn my_role(store: &Store) -> Option<Role> {
    team::state(store)
        .ok()
        .flatten()
        .filter(|t| t.approved)
        .map(|t| t.role())
}

/// The setting holding a recovery kit made here and not yet marked printed.
const UNPRINTED_KIT: &str = "recovery-kit-unprinted";

/// Check a relay URL: `https://` anywhere, plain `http://` only to a loopback address
/// (a relay on this machine, as in the demo and the tests): elsewhere, whoever is on
/// the path would see every request's metadata and could answer in the relay's name.
pub fn check_relay(url: &str) -> Result<&str> {
    let url = url.trim();
    let bad = || Failure::code(BAD_RELAY);
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return Err(bad());
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split_once(']').map(|(h, _)| h).ok_or_else(bad)?
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" if !host.is_empty() => Ok(url),
        "http" if is_loopback(host) => Ok(url),
        _ => Err(bad()),
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn device_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_DEVICE_NAME_CHARS {
        return Err(Failure::code(USAGE));
    }
    Ok(name)
}

/// The sealed setting that keeps the team's name on this device.
const TEAM_NAME: &str = "team-name";

/// A team's name as typed (trimmed, 1 to 80 characters; `usage` otherwise).
pub fn check_team_name(name: &str) -> Result<&str> {
    device_name(name)
}

/// Keep the team's name on this device, sealed like every setting: shown by `team
/// show`, never sent (the relay knows a team by its id only).
pub fn set_team_name(store: &mut Store, name: &str) -> Result<()> {
    let name = check_team_name(name)?;
    store.set_setting(TEAM_NAME, name.as_bytes())?;
    Ok(())
}

/// The team's name kept on this device, if one was given.
pub fn team_name(store: &Store) -> Option<String> {
    let bytes = store.setting(TEAM_NAME).ok().flatten()?;
    String::from_utf8(bytes.to_vec()).ok()
}

/// The team as this device knows it (`None` outside a team).
pub fn state(store: &Store) -> Result<Option<TeamState>> {
    Ok(team::state(store)?)
}

/// The team as the screens show it.
pub fn view(store: &Store) -> Option<Team> {
    team::state(store).ok().flatten().map(|t| Team {
        role: t.approved.then(|| ipc_role(t.role())),
        recoveries: recoveries(store),
        recovery_kit_unprinted: unprinted_kit(store).is_some(),
        team_id: t.team_id,
        relay: t.relay,
        supervisor: t.supervisor,
        device_name: t.name,
        approved: t.approved,
        lease_days_left: crate::lease::status(store).days_left(),
    })
}

/// The recoveries of the team this device saw, with the new supervisor's name when
/// the roster this device holds names it.
pub fn recoveries(store: &Store) -> Vec<RecoveryRow> {
    let names = crate::outreach::roster(store).unwrap_or_default();
    team::recoveries(store)
        .unwrap_or_default()
        .into_iter()
        .map(|r| RecoveryRow {
            at_ms: i64::try_from(r.at_ms).unwrap_or(i64::MAX),
            by_name: names
                .iter()
                .find(|m| m.device == r.by)
                .map(|m| m.name.clone())
                .unwrap_or_default(),
            by: r.by,
        })
        .collect()
}

fn kit_view(kit: &Kit) -> Result<RecoveryKit> {
    let code = kit.to_code();
    let (qr_width, qr_modules) = qr::modules(&code)?;
    Ok(RecoveryKit {
        code: code.to_string(),
        qr_width,
        qr_modules,
    })
}

/// Keep a kit made here (sealed in the store) until it is marked printed, so the
/// screen can show it again if the app closes before it was printed.
fn keep_unprinted(store: &mut Store, kit: &Kit) -> Result<RecoveryKit> {
    store.set_setting(UNPRINTED_KIT, kit.to_code().as_bytes())?;
    kit_view(kit)
}

fn unprinted_kit(store: &Store) -> Option<Kit> {
    let bytes = store.setting(UNPRINTED_KIT).ok().flatten()?;
    let code = std::str::from_utf8(&bytes).ok()?;
    Kit::from_code(code).ok()
}

/// The recovery kit made on this device and not yet marked printed, if any.
pub fn pending_recovery_kit(store: &Store) -> Result<Option<RecoveryKit>> {
    unprinted_kit(store).map(|k| kit_view(&k)).transpose()
}

/// The kit is printed (and in the safe): the device forgets it.
pub fn recovery_kit_printed(store: &mut Store) -> Result<()> {
    if unprinted_kit(store).is_some() {
        store.set_setting(UNPRINTED_KIT, &[])?;
        store.audit_note(ponte_store::AuditAction::Team, "recovery-kit printed")?;
    }
    Ok(())
}

/// Make a new recovery kit (supervisor): the old one stops working. Kept until marked
/// printed.
pub async fn new_recovery_kit(store: &mut Store) -> Result<RecoveryKit> {
    manage(store, "recovery-kit")?;
    let kit = team::new_recovery_kit(store).await?;
    keep_unprinted(store, &kit)
}

/// Read a recovery kit's code and check the relay it names and the device name,
/// before anything is unlocked.
pub fn check_recover(code: &str, name: &str) -> Result<()> {
    read_kit(code, name).map(drop)
}

fn read_kit(code: &str, name: &str) -> Result<Kit> {
    let kit = Kit::from_code(code.trim())?;
    check_relay(&kit.relay)?;
    device_name(name)?;
    Ok(kit)
}

/// Take over the supervisor role with the recovery kit (on a device in no team):
/// answers the team and the new kit (the used one stops working), kept until marked
/// printed.
pub async fn recover(
    store: &mut Store,
    code: &str,
    name: &str,
) -> Result<(TeamState, RecoveryKit)> {
    let kit = read_kit(code, name)?;
    let (state, new_kit) = team::recover(store, &kit, name.trim()).await?;
    let view = keep_unprinted(store, &new_kit)?;
    Ok((state, view))
}

/// Team administration is the supervisor's (see [`crate::roles`]).
fn manage(store: &mut Store, what: &str) -> Result<()> {
    crate::roles::require(store, crate::roles::Action::ManageTeam, what)
}

/// Give a device of the team a role (supervisor): `supervisor` makes a deputy.
pub async fn set_role(store: &mut Store, device: &str, role: &str) -> Result<()> {
    let role = check_role(role)?;
    manage(store, &format!("role device={}", device.trim()))?;
    Ok(team::set_role(store, device.trim(), role).await?)
}

/// Hand the supervisor role to another device (supervisor); this one becomes an
/// operator.
pub async fn handover(store: &mut Store, device: &str) -> Result<()> {
    manage(store, &format!("handover device={}", device.trim()))?;
    Ok(team::handover(store, device.trim()).await?)
}

/// The relay code a supervisor was given for creating a team (the relay's
/// team-creation code): surrounding blanks dropped, blank means none (a relay open to
/// team creation, or one whose operator gave no code); otherwise it must be something
/// the protocol can carry ([`team::is_relay_code`]), else `bad-relay-code`.
/// Whether the relay takes it, only the relay says (`relay-team-creation-closed`).
pub fn relay_code(code: Option<&str>) -> Result<Option<&str>> {
    match code.map(str::trim) {
        None | Some("") => Ok(None),
        Some(code) if team::is_relay_code(code) => Ok(Some(code)),
        Some(_) => Err(Failure::code(BAD_RELAY_CODE)),
    }
}

/// A new team's relay URL, this device's name and the relay code, as checked by
/// [`check_create`]. Its `Debug` does not print the code.
#[derive(Clone, Copy)]
pub struct NewTeam<'a> {
    /// The relay URL ([`check_relay`]).
    pub relay: &'a str,
    /// This device's name, trimmed.
    pub name: &'a str,
    /// The relay code, if one was given ([`relay_code`]).
    pub relay_code: Option<&'a str>,
}

impl std::fmt::Debug for NewTeam<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewTeam")
            .field("relay", &self.relay)
            .field("name", &self.name)
            .field("relay_code", &self.relay_code.map(|_| "<redacted>"))
            .finish()
    }
}

/// Create a team on `relay`, presenting the relay code if one was given; this device
/// becomes its supervisor. A relay closed to team creation refuses without the right
/// code (`relay-team-creation-closed`), and the device stays without a team: the same
/// call with the code can follow. Answers the team and its recovery kit, kept here
/// until marked printed ([`recovery_kit_printed`]).
pub async fn create(
    store: &mut Store,
    relay: &str,
    name: &str,
    relay_code: Option<&str>,
) -> Result<(TeamState, RecoveryKit)> {
    let new = check_create(relay, name, relay_code)?;
    let (state, kit) = team::create(store, new.relay, new.name, new.relay_code).await?;
    let kit = keep_unprinted(store, &kit)?;
    Ok((state, kit))
}

/// Check a new team's relay URL, this device's name and the relay code, before
/// anything is unlocked; answers them trimmed.
pub fn check_create<'a>(
    relay: &'a str,
    name: &'a str,
    relay_code: Option<&'a str>,
) -> Result<NewTeam<'a>> {
    Ok(NewTeam {
        relay: check_relay(relay)?,
        name: device_name(name)?,
        relay_code: self::relay_code(relay_code)?,
    })
}

/// A one-time invite for a new device (supervisor), with its QR code.
pub async fn invite(store: &mut Store, ttl_ms: u64) -> Result<(Invite, i64)> {
    manage(store, "invite")?;
    let invite = team::invite(store, ttl_ms).await?;
    let code = invite.to_code();
    let (qr_width, qr_modules) = qr::modules(&code)?;
    let expires = i64::try_from(invite.expires_ms).unwrap_or(i64::MAX);
    Ok((
        Invite {
            code: code.to_string(),
            qr_width,
            qr_modules,
        },
        expires,
    ))
}

/// Read an invite code and check the relay it names ([`check_relay`]) and the device
/// name, before anything is unlocked.
pub fn check_join(code: &str, name: &str) -> Result<()> {
    read_invite(code, name).map(drop)
}

fn read_invite(code: &str, name: &str) -> Result<InviteCode> {
    let invite = InviteCode::from_code(code.trim())?;
    check_relay(&invite.relay)?;
    device_name(name)?;
    Ok(invite)
}

/// Ask to join the team of an invite code (checked as by [`check_join`]).
pub async fn join(store: &mut Store, code: &str, name: &str) -> Result<TeamState> {
    let invite = read_invite(code, name)?;
    Ok(team::join(store, &invite, name.trim()).await?)
}

/// Approve the devices waiting (all, or the one with this id) whose invite checks
/// (supervisor), in `role` (an operator unless said otherwise).
pub async fn approve(
    store: &mut Store,
    only: Option<&str>,
    role: Option<&str>,
) -> Result<Vec<Approved>> {
    let role = role.map(check_role).transpose()?.unwrap_or(Role::Operator);
    manage(store, "approve")?;
    Ok(team::approve(store, only, role)
        .await?
        .into_iter()
        .map(|a| Approved {
            id: a.device,
            name: a.name,
            approved: a.approved,
        })
        .collect())
}

/// The team's devices, this one marked; on the supervisor's device, with the notices
/// each left it (a "duress used" notice, newest first), those that opened and verified.
pub async fn devices(store: &mut Store) -> Result<Vec<DeviceRow>> {
    let me = hex(&store.device_id());
    Ok(team::devices(store)
        .await?
        .into_iter()
        .map(|d| DeviceRow {
            this_device: d.id == me,
            role: ipc_role(d.role),
            notices: d
                .notices
                .iter()
                .rev()
                .map(|n| DeviceNotice {
                    kind: ponte_sync::notice::DURESS.to_owned(),
                    at_ms: i64::try_from(n.at_ms).unwrap_or(i64::MAX),
                })
                .collect(),
            id: d.id,
            name: d.name,
            supervisor: d.supervisor,
        })
        .collect())
}

/// Remove a device and rotate the team key (supervisor); answers the new key epoch.
pub async fn revoke(store: &mut Store, device: &str) -> Result<u32> {
    manage(store, &format!("revoke device={}", device.trim()))?;
    Ok(team::revoke(store, device.trim()).await?)
}

/// A change of the team settings, checked: `None` leaves a value as it is;
/// `unlock_attempts: Some(None)` turns the attempt limit off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SettingsChange {
    /// The new unlock attempt limit (`Some(None)`: off).
    pub unlock_attempts: Option<Option<u8>>,
    /// The new key lease, in days.
    pub lease_days: Option<u16>,
}

impl SettingsChange {
    /// Whether it changes nothing (then the settings are only shown).
    pub fn is_empty(&self) -> bool {
        self.unlock_attempts.is_none() && self.lease_days.is_none()
    }
}

/// Check a change of the team settings as typed, before anything is unlocked:
/// `unlock_attempts` a number from 5 to 50 or `off`, `lease_days` from 1 to 365.
/// Anything else is `bad-unlock-attempts` or `bad-lease-days`, with the range.
pub fn check_settings(
    unlock_attempts: Option<&str>,
    lease_days: Option<&str>,
) -> Result<SettingsChange> {
    let attempts = ponte_store::unlock::UNLOCK_ATTEMPTS;
    let unlock_attempts = unlock_attempts
        .map(|text| match text.trim() {
            t if t.eq_ignore_ascii_case("off") => Ok(None),
            t => t
                .parse::<u8>()
                .ok()
                .filter(|n| attempts.contains(n))
                .map(Some)
                .ok_or_else(|| {
                    Failure::with_args(
                        BAD_UNLOCK_ATTEMPTS,
                        &[
                            ("min", attempts.start().to_string()),
                            ("max", attempts.end().to_string()),
                        ],
                    )
                }),
        })
        .transpose()?;
    let days = ponte_sync::settings::LEASE_DAYS;
    let lease_days = lease_days
        .map(|text| {
            text.trim()
                .parse::<u16>()
                .ok()
                .filter(|n| days.contains(n))
                .ok_or_else(|| {
                    Failure::with_args(
                        BAD_LEASE_DAYS,
                        &[
                            ("min", days.start().to_string()),
                            ("max", days.end().to_string()),
                        ],
                    )
                })
        })
        .transpose()?;
    Ok(SettingsChange {
        unlock_attempts,
        lease_days,
    })
}

/// The team settings: shown as they are with an empty change (any device), or changed
/// (supervisor only, `not-supervisor` elsewhere), signed into a new roster on the relay
/// and applied here. Every device applies them at its next sync.
pub async fn settings(store: &mut Store, change: SettingsChange) -> Result<TeamSettings> {
    if change.is_empty() {
        return Ok(team::settings(store)?);
    }
    manage(store, "settings")?;
    Ok(team::change_settings(store, change.unlock_attempts, change.lease_days).await?)
}

/// The team settings as the team screen shows them: the values, whether this device
/// may change them (the supervisor's, in a team) and the ranges [`check_settings`]
/// accepts.
pub fn settings_view(store: &Store, settings: &TeamSettings) -> TeamSettingsView {
    let attempts = ponte_store::unlock::UNLOCK_ATTEMPTS;
    let days = ponte_sync::settings::LEASE_DAYS;
    TeamSettingsView {
        unlock_attempts: settings.unlock_attempts.map(u32::from),
        lease_days: u32::from(settings.lease_days),
        can_change: team::state(store)
            .ok()
            .flatten()
            .is_some_and(|t| t.supervisor),
        unlock_attempts_min: u32::from(*attempts.start()),
        unlock_attempts_max: u32::from(*attempts.end()),
        unlock_attempts_default: u32::from(ponte_store::unlock::DEFAULT_UNLOCK_ATTEMPTS),
        lease_days_min: u32::from(*days.start()),
        lease_days_max: u32::from(*days.end()),
        lease_days_default: u32::from(ponte_sync::settings::DEFAULT_LEASE_DAYS),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn team_settings_are_checked_before_anything_changes() {
        assert!(check_settings(None, None).unwrap().is_empty());
        let change = check_settings(Some("off"), Some("30")).unwrap();
        assert_eq!(change.unlock_attempts, Some(None));
        assert_eq!(change.lease_days, Some(30));
        assert_eq!(
            check_settings(Some(" 5 "), None).unwrap().unlock_attempts,
            Some(Some(5))
        );
        for bad in ["4", "51", "0", "-1", "ten", ""] {
            let e = check_settings(Some(bad), None).unwrap_err();
            assert_eq!(e.as_code(), BAD_UNLOCK_ATTEMPTS, "{bad}");
            assert_eq!(
                e.as_ipc().args,
                vec![("min".into(), "5".into()), ("max".into(), "50".into())]
            );
        }
        for bad in ["0", "366", "x"] {
            let e = check_settings(None, Some(bad)).unwrap_err();
            assert_eq!(e.as_code(), BAD_LEASE_DAYS, "{bad}");
        }
    }

    #[test]
    fn a_blank_relay_code_is_none_and_a_bad_one_is_refused_without_echo() {
        assert_eq!(relay_code(None).unwrap(), None);
        assert_eq!(relay_code(Some("")).unwrap(), None);
        assert_eq!(relay_code(Some("  \n")).unwrap(), None);
        assert_eq!(
            relay_code(Some(" s3cret-Code/+=\n")).unwrap(),
            Some("s3cret-Code/+=")
        );
        for bad in ["two words", "caff\u{e8}", &"x".repeat(257)] {
            let failure = relay_code(Some(bad)).unwrap_err();
            assert_eq!(failure.as_code(), "bad-relay-code");
            assert!(failure.as_ipc().args.is_empty());
        }
        // Checked with the rest, before anything is unlocked.
        let new = check_create("http://127.0.0.1:8787", " van ", Some(" s3cret\n")).unwrap();
        assert_eq!(
            (new.relay, new.name, new.relay_code),
            ("http://127.0.0.1:8787", "van", Some("s3cret"))
        );
        assert!(check_create("http://127.0.0.1:8787", "van", Some("a b")).is_err());
        assert!(!format!("{new:?}").contains("s3cret"), "{new:?}");
    }

    #[test]
    fn plain_http_only_to_this_machine() {
        for good in [
            "https://relay.example.org",
            "https://relay.example.org:8443/base",
            "http://127.0.0.1:8787",
            "http://localhost:8787",
            "http://[::1]:8787",
            "HTTP://127.0.0.5",
        ] {
            assert!(check_relay(good).is_ok(), "{good}");
        }
        for bad in [
            "http://relay.example.org",
            "http://10.0.0.2:8787",
            "http://127.0.0.1.evil.org",
            "http://user@127.0.0.1",
            "ftp://127.0.0.1",
            "127.0.0.1:8787",
            "https://",
            "",
        ] {
            assert!(check_relay(bad).is_err(), "{bad}");
        }
    }
}
