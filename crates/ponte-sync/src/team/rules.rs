//! The team settings (unlock attempts, lease days) carried in the signed roster: the
//! ones this device applies, and a supervisor's change of them.

use super::*;

/// The team settings this device applies: those of the latest verified roster (the
/// defaults outside a team, or before the first roster with settings).
pub fn settings(store: &Store) -> Result<TeamSettings> {
    match store.setting("team-settings")? {
        None => Ok(TeamSettings::default()),
        Some(bytes) => serde_json::from_slice(&bytes).map_err(|_| SyncError::Protocol),
    }
}

/// Keep `settings` (sealed) and apply what this device enforces: the unlock attempt
/// limit, whose clear copy is read before unlocking. A change is audited.
pub(super) fn apply_settings(store: &mut Store, settings: &TeamSettings) -> Result<()> {
    let before = settings_if_kept(store)?;
    if before.as_ref() == Some(settings) && store.unlock_limit() == settings.unlock_attempts {
        return Ok(());
    }
    let bytes = serde_json::to_vec(settings).map_err(|_| SyncError::Protocol)?;
    store.set_setting("team-settings", &bytes)?;
    store.set_unlock_limit(settings.unlock_attempts)?;
    if before.is_some_and(|b| b != *settings) {
        audit(store, &settings_note(settings))?;
    }
    Ok(())
}

fn settings_if_kept(store: &Store) -> Result<Option<TeamSettings>> {
    Ok(match store.setting("team-settings")? {
        None => None,
        Some(bytes) => Some(serde_json::from_slice(&bytes).map_err(|_| SyncError::Protocol)?),
    })
}

fn settings_note(settings: &TeamSettings) -> String {
    let attempts = settings
        .unlock_attempts
        .map_or_else(|| "off".to_owned(), |n| n.to_string());
    format!(
        "team settings unlock_attempts={attempts} lease_days={}",
        settings.lease_days
    )
}

/// Change the team settings (supervisor): `unlock_attempts` `Some(None)` turns the
/// limit off, `None` leaves a value as it is. Publishes a roster signed with the new
/// settings, then applies them here. Values out of range are refused before anything
/// is sent ([`SyncError::BadRoster`]; the device services check them first, with
/// their own error).
pub async fn change_settings(
    store: &mut Store,
    unlock_attempts: Option<Option<u8>>,
    lease_days: Option<u16>,
) -> Result<TeamSettings> {
    let mut state = require(store)?;
    if !state.supervisor {
        return Err(SyncError::NotSupervisor);
    }
    let mut settings = settings(store)?;
    if let Some(attempts) = unlock_attempts {
        settings.unlock_attempts = attempts;
    }
    if let Some(days) = lease_days {
        settings.lease_days = days;
    }
    if !settings.is_valid() {
        return Err(SyncError::BadRoster);
    }
    let client = client(store, &state.relay)?;
    let body = refresh_roster(store, &client, &mut state).await?;
    let keys = store.team_keys();
    let members = roster::members(&body, &keys);
    publish(store, &client, &state, &body, &keys, &members, &settings).await?;
    apply_settings(store, &settings)?;
    Ok(settings)
}
