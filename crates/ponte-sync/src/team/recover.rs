//! The recovery kit on a team's devices: a new kit (the key rotates), taking the
//! supervisor role over with it, and the recoveries each device saw in the chain.

use super::*;

/// A recovery of the team, as a device saw it in the roster chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// The roster version the kit signed.
    pub version: u64,
    /// When (unix ms, the recovering device's clock).
    pub at_ms: u64,
    /// The device that used the kit and became supervisor (hex).
    pub by: String,
}

/// The recoveries this device saw, oldest first.
pub fn recoveries(store: &Store) -> Result<Vec<Recovery>> {
    match store.setting("recoveries")? {
        None => Ok(Vec::new()),
        Some(b) => serde_json::from_slice(&b).map_err(|_| SyncError::Protocol),
    }
}

pub(super) fn note_recoveries(
    store: &mut Store,
    state: &TeamState,
    seen: &[Recovery],
) -> Result<()> {
    if seen.is_empty() {
        return Ok(());
    }
    let mut all = recoveries(store)?;
    for r in seen {
        if all.iter().any(|k| k.version == r.version) {
            continue;
        }
        all.push(r.clone());
        audit(
            store,
            &format!(
                "recovery team={} roster={} by={} at={}",
                state.team_id,
                r.version,
                r.by,
                ponte_store::time::date_of(i64::try_from(r.at_ms).unwrap_or(i64::MAX))
            ),
        )?;
    }
    let bytes = serde_json::to_vec(&all).map_err(|_| SyncError::Protocol)?;
    Ok(store.set_setting("recoveries", &bytes)?)
}

/// Make a new recovery kit (supervisor): the roster lists it in place of the old one,
/// which no roster accepts any more, and the team key rotates, as for a removed device:
/// the old kit (a kit that may have been seen) opened every team key sealed to it in
/// the rosters the relay keeps, so nothing written from now on is sealed under one of
/// them. Returns it, to be printed now.
pub async fn new_recovery_kit(store: &mut Store) -> Result<Kit> {
    let (state, client, body) = supervisor_roster(store).await?;
    let mut members = roster::members(&body, &store.team_keys());
    members.retain(|m| m.role != Role::Recovery);
    let kit = Kit::generate(
        &state.relay,
        state.team_id()?,
        store.signing_key()?.public_key(),
    )?;
    members.push(kit.member()?);
    store.rotate_team_key()?;
    let keys = store.team_keys();
    publish_next(store, &client, &state, &body, &keys, &members).await?;
    audit(store, &format!("recovery-kit new team={}", state.team_id))?;
    Ok(kit)
}

/// Take over the supervisor role with the team's recovery kit, when every supervisor
/// device is lost. This device (in no team yet) checks the roster chain from the
/// kit's anchor, opens the team keys the roster sealed to the kit, rotates the team
/// key, and publishes a roster signed with the kit in which it is the supervisor, the
/// lost supervisor devices are gone, every other device stays in its role, and a new
/// kit replaces the used one. Returns the team and the new kit, to be printed now.
pub async fn recover(store: &mut Store, kit: &Kit, device_name: &str) -> Result<(TeamState, Kit)> {
    if state(store)?.is_some() {
        return Err(SyncError::AlreadyInTeam);
    }
    let team_id = kit.team_id;
    let kit_keys = kit.keys()?;
    let relay = kit.relay.trim_end_matches('/').to_owned();
    let client = Client::new(&relay, kit_keys.device_id, kit.keys()?.signing)?;
    // The relay knows the kit's entry only while a roster lists it: once used or
    // replaced, the relay has forgotten it.
    let walk = match walk(&client, &team_id, None, &kit.anchor_pk).await {
        Err(SyncError::Relay(ponte_proto::ErrorCode::UnknownDevice)) => {
            return Err(SyncError::RecoveryKitRetired);
        }
        other => other?,
    };
    let (_, body) = walk.latest.ok_or(SyncError::RecoveryKitRetired)?;
    let entry = body
        .recovery()
        .filter(|e| {
            e.device_id.0 == kit_keys.device_id && e.signing_pk.0 == kit_keys.signing.public_key()
        })
        .ok_or(SyncError::RecoveryKitRetired)?;
    let old_keys = roster::open_team_keys(
        &team_id,
        &kit_keys.device_id,
        &kit_keys.agreement,
        &entry.keys_sealed,
    )?;
    let members_before = roster::members(&body, &old_keys);
    let settings = TeamSettings::open(&old_keys, &team_id, &body.settings_sealed)?;
    store.adopt_team_keys(old_keys)?;
    store.rotate_team_key()?;
    let keys = store.team_keys();
    let me = store.device_id();
    let signing = store.signing_key()?;
    let new_kit = Kit::generate(&relay, team_id, signing.public_key())?;
    let mut members: Vec<Member> = members_before
        .into_iter()
        .filter(|m| m.role != Role::Supervisor && m.role != Role::Recovery && m.device_id != me)
        .collect();
    members.push(me_as_member(store, device_name, Role::Supervisor)?);
    members.push(new_kit.member()?);
    // A new device: it holds no erasure to vouch for (see ARCHITECTURE.md).
    let kit_signer = Signer {
        key: &kit_keys.signing,
        device_id: kit_keys.device_id,
        recovered_by: Some(me),
        vouched: Vec::new(),
    };
    let signed = sign_and_post(
        &client,
        &team_id,
        &kit_signer,
        body.version + 1,
        &keys,
        &members,
        &settings,
    )
    .await?;
    let mut state = TeamState::new_supervisor(&team_id, relay, device_name, &signing.public_key());
    state.remember_supervisors(&walk.supervisors);
    state.remember_vouched(&walk.vouched);
    save_state(store, &state)?;
    save_roster(store, &signed)?;
    apply_settings(store, &settings)?;
    let mut seen = walk.recoveries;
    seen.push(Recovery {
        version: signed.version,
        at_ms: signed.decode_body().map_or(0, |b| b.signed_at_ms),
        by: hex::encode(me),
    });
    note_recoveries(store, &state, &seen)?;
    Ok((state, new_kit))
}
