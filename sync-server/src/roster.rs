//! Checking a signed roster before it decides who may talk to the relay.
//!
//! The relay cannot add a device: a roster only takes effect if the team's
//! supervisor key (stored when the team was created) signed it. The checks here
//! are about the roster's shape; what the devices' names or keys mean is not the
//! relay's business.

use std::collections::HashSet;

use ponte_proto::{
    ErrorCode, Role, RosterBody, SignedRoster, SigningPublicKey, TeamId, encode,
    roster_signing_input,
};

use crate::auth::verify;
use crate::config::Limits;
use crate::error::AppError;
use crate::storage::RosterUpdate;

/// Checks `signed` for `team` against the supervisor's device and key. Returns the
/// update to store and the decoded body.
pub(crate) fn check_roster(
    signed: &SignedRoster,
    team: &TeamId,
    supervisor: &ponte_proto::DeviceId,
    supervisor_pk: &SigningPublicKey,
    limits: &Limits,
) -> Result<(RosterUpdate, RosterBody), AppError> {
    let bad = || AppError::Refused(ErrorCode::BadRoster);
    let body = signed.decode_body().map_err(|_| bad())?;
    // Signature first: nothing about an unsigned roster is worth a detailed answer.
    if !verify(
        supervisor_pk,
        &roster_signing_input(&signed.body),
        &signed.signature,
    ) {
        return Err(ErrorCode::BadRosterSignature.into());
    }
    let fits_storage = i64::try_from(signed.version).is_ok();
    if body.team_id != *team
        || body.version != signed.version
        || signed.version == 0
        || !fits_storage
    {
        return Err(bad());
    }
    if body.devices.is_empty()
        || body.devices.len() > limits.max_roster_devices
        || body.settings_sealed.len() > ponte_proto::limits::MAX_SETTINGS_SEALED_BYTES
    {
        return Err(bad());
    }
    if body.supervisor != *supervisor {
        // Handing a team to another supervisor is not supported by this protocol
        // version: the relay would have no key to check the new one with.
        return Err(bad());
    }
    let mut seen = HashSet::with_capacity(body.devices.len());
    let mut supervisors = 0;
    for device in &body.devices {
        if !seen.insert(device.device_id) || device.name_sealed.len() > limits.max_name_sealed_bytes
        {
            return Err(bad());
        }
        if device.role == Role::Supervisor {
            supervisors += 1;
            if device.device_id != *supervisor || device.signing_pk != *supervisor_pk {
                return Err(bad());
            }
        }
    }
    if supervisors != 1 {
        return Err(bad());
    }
    let update = RosterUpdate {
        version: signed.version,
        signed: encode(signed).map_err(AppError::Encode)?,
        devices: body
            .devices
            .iter()
            .map(|d| (d.device_id, d.signing_pk))
            .collect(),
    };
    Ok((update, body))
}
