//! Checking a signed roster before it decides who may talk to the relay, and with
//! which role.
//!
//! The relay cannot add a device: a roster takes effect only as the next link of the
//! team's chain. The first roster is signed by the device that creates the team, a
//! supervisor it lists; each later one by a supervisor of the roster before it, or
//! once by its recovery kit (`ponte_proto::check_chain_step`). The checks here are
//! about the roster's shape and signature; what the devices' names or keys mean is
//! not the relay's business.

use ponte_proto::{
    ChainError, DeviceId, ErrorCode, RosterBody, SignedRoster, SigningPublicKey, TeamId,
    check_chain_step, check_first, encode, roster_signing_input,
};

use crate::auth::verify;
use crate::config::Limits;
use crate::error::AppError;
use crate::storage::RosterUpdate;

/// A roster that passed the checks.
#[derive(Debug)]
pub(crate) struct Checked {
    /// What to store.
    pub(crate) update: RosterUpdate,
    /// Whether it was signed with the recovery kit.
    pub(crate) recovery: bool,
}

/// Checks the first roster of `team`, created by `creator` whose key is
/// `creator_pk`: signed with that key, valid (`check_first`), signed by the creator
/// as one of its supervisors.
pub(crate) fn check_first_roster(
    signed: &SignedRoster,
    team: &TeamId,
    creator: &DeviceId,
    creator_pk: &SigningPublicKey,
    limits: &Limits,
) -> Result<(Checked, RosterBody), AppError> {
    let body = signed.decode_body().map_err(|_| bad())?;
    // Signature first: nothing about an unsigned roster is worth a detailed answer.
    if !verify(
        creator_pk,
        &roster_signing_input(&signed.body),
        &signed.signature,
    ) {
        return Err(ErrorCode::BadRosterSignature.into());
    }
    check_fits(signed, &body, team, limits)?;
    let key = check_first(&body).map_err(|_| bad())?;
    if body.signer != *creator || key != creator_pk {
        return Err(bad());
    }
    let update = update(signed, &body)?;
    Ok((
        Checked {
            update,
            recovery: false,
        },
        body,
    ))
}

/// Checks a roster of `team` as the next link after `latest`, the stored roster in
/// force: signed by a supervisor of `latest` or its recovery kit (else
/// `bad-roster-signature`), not older than or equal to it (`stale-roster`), exactly
/// the next version and a valid step of the chain (else `bad-roster`).
pub(crate) fn check_next_roster(
    signed: &SignedRoster,
    team: &TeamId,
    latest: &RosterBody,
    limits: &Limits,
) -> Result<Checked, AppError> {
    let body = signed.decode_body().map_err(|_| bad())?;
    // Signature first, with the key the previous roster gives the signer it names.
    let key = latest
        .device(&body.signer)
        .filter(|d| d.role.signs_rosters())
        .map(|d| d.signing_pk)
        .ok_or(AppError::Refused(ErrorCode::BadRosterSignature))?;
    if !verify(&key, &roster_signing_input(&signed.body), &signed.signature) {
        return Err(ErrorCode::BadRosterSignature.into());
    }
    if signed.version <= latest.version {
        return Err(ErrorCode::StaleRoster.into());
    }
    check_fits(signed, &body, team, limits)?;
    let (chain_key, recovery) =
        check_chain_step(latest, &body, signed.version).map_err(|error| match error {
            ChainError::NotSignedBySupervisor => AppError::Refused(ErrorCode::BadRosterSignature),
            ChainError::NotNext | ChainError::BadShape => bad(),
        })?;
    // The chain rule names the same signer as the one checked above.
    if *chain_key != key {
        return Err(ErrorCode::BadRosterSignature.into());
    }
    Ok(Checked {
        update: update(signed, &body)?,
        recovery,
    })
}

fn bad() -> AppError {
    AppError::Refused(ErrorCode::BadRoster)
}

/// The roster is for this team, its copy of the version is right, and it fits the
/// relay's limits and storage.
fn check_fits(
    signed: &SignedRoster,
    body: &RosterBody,
    team: &TeamId,
    limits: &Limits,
) -> Result<(), AppError> {
    let fits_storage = i64::try_from(signed.version).is_ok();
    if body.team_id != *team
        || body.version != signed.version
        || signed.version == 0
        || !fits_storage
        || body.devices.is_empty()
        || body.devices.len() > limits.max_roster_devices
        || body.settings_sealed.len() > ponte_proto::limits::MAX_SETTINGS_SEALED_BYTES
        || body
            .devices
            .iter()
            .any(|d| d.name_sealed.len() > limits.max_name_sealed_bytes)
    {
        return Err(bad());
    }
    Ok(())
}

fn update(signed: &SignedRoster, body: &RosterBody) -> Result<RosterUpdate, AppError> {
    Ok(RosterUpdate {
        version: signed.version,
        signed: encode(signed).map_err(AppError::Encode)?,
        devices: body
            .devices
            .iter()
            .map(|d| (d.device_id, d.signing_pk, d.role))
            .collect(),
    })
}
