//! Teams, the signed roster, invites and enrolment.
//!
//! The relay cannot add a device: only a roster signed by the supervisor's key puts
//! a device in the team, and the relay authenticates requests against the latest
//! such roster. See `docs/protocol.md` for the whole enrolment flow.

use serde::{Deserialize, Serialize};

use crate::ids::{
    AgreementPublicKey, DeviceId, InviteToken, JoinMac, RecordId, Signature, SigningPublicKey,
    TeamId, TokenHash,
};
use crate::{ProtoError, decode};

/// Domain separation for roster signatures.
const ROSTER_CONTEXT: &[u8] = b"ponte-roster-v1\n";
/// Domain separation for the enrolment MAC.
const JOIN_MAC_CONTEXT: &[u8] = b"ponte-join-v1\n";

/// A device's role in the team. Encoded by position: never reorder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Manages devices, invites, erasure, team settings and reports. At least one per
    /// roster; any of them may sign the next roster (a deputy is a second supervisor).
    Supervisor,
    /// An outreach operator: does the case work, not the team's administration. (Rosters
    /// signed before roles existed call every other device this.)
    Operator,
    /// A cultural mediator: interviews, hands the phone to the worker, records quick
    /// contacts; never exports reports, erases, approves or revokes.
    Mediator,
    /// Not a device: the team's recovery kit. Its keys come from the code printed at
    /// team creation; it may sign one roster (the one that hands the supervisor role to
    /// a new device when every supervisor device is lost) and read the roster, nothing
    /// else. At most one per roster.
    Recovery,
}

impl Role {
    /// Every role, in wire order.
    pub const ALL: [Role; 4] = [
        Role::Supervisor,
        Role::Operator,
        Role::Mediator,
        Role::Recovery,
    ];

    /// Whether a device of this role may sign the next roster.
    pub fn signs_rosters(self) -> bool {
        matches!(self, Role::Supervisor | Role::Recovery)
    }
}

/// One device of the roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterDevice {
    /// The device.
    pub device_id: DeviceId,
    /// Its Ed25519 key: the relay checks its requests with it.
    pub signing_pk: SigningPublicKey,
    /// Its X25519 key: the team key is sealed to it.
    pub agreement_pk: AgreementPublicKey,
    /// Its role.
    pub role: Role,
    /// The device's display name, sealed with the team key (opaque to the relay).
    #[serde(with = "crate::ids::bytes")]
    pub name_sealed: Vec<u8>,
    /// Every team key epoch sealed to this device's X25519 key (opaque to the
    /// relay): how a new device receives the team keys on approval, and every device
    /// the new key after a rotation.
    #[serde(with = "crate::ids::bytes")]
    pub keys_sealed: Vec<u8>,
}

/// The roster proper: postcard-encoded into [`SignedRoster::body`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterBody {
    /// The team.
    pub team_id: TeamId,
    /// Strictly increasing; equal to [`SignedRoster::version`].
    pub version: u64,
    /// The team key epoch in force (bumped on rotation, e.g. after a revocation).
    pub epoch: u64,
    /// Whose key signed this roster: a device of the *previous* roster with
    /// [`Role::Supervisor`] or [`Role::Recovery`] (the chain rule, see
    /// [`check_chain_step`]); for the first roster, a supervisor listed in it.
    pub signer: DeviceId,
    /// Every enrolled device. A device that was in an earlier roster and is not in
    /// this one is revoked.
    pub devices: Vec<RosterDevice>,
    /// The team settings the supervisor chose (unlock attempt limit, key lease),
    /// sealed with the team key of `epoch` (opaque to the relay). Empty: the defaults.
    /// At most [`crate::limits::MAX_SETTINGS_SEALED_BYTES`]. Not in the first layout
    /// of the body ([`RosterBodyV1`]): [`SignedRoster::decode_body`] reads all three.
    #[serde(with = "crate::ids::bytes")]
    pub settings_sealed: Vec<u8>,
    /// When the signer signed it (unix ms, the signer's clock; 0 in older layouts).
    pub signed_at_ms: u64,
    /// For a roster signed with the recovery kit: the device that used the kit, a
    /// supervisor of this roster. `None` otherwise.
    pub recovered_by: Option<DeviceId>,
    /// Erasures the signer vouches for: records whose tombstones were signed by a
    /// supervisor this roster removes or demotes, and which the signer held when it
    /// signed. A device accepts a tombstone signed by a former supervisor only for a
    /// record some roster of its chain vouched for, so a removed supervisor's key
    /// (a seized phone) cannot erase records through a breached relay. At most
    /// [`crate::limits::MAX_VOUCHED_ERASURES`]; empty in older layouts.
    pub vouched_erasures: Vec<RecordId>,
}

/// The roster body as rosters signed before vouched erasures were encoded:
/// [`RosterBody`] without `vouched_erasures`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterBodyV3 {
    /// See [`RosterBody::team_id`].
    pub team_id: TeamId,
    /// See [`RosterBody::version`].
    pub version: u64,
    /// See [`RosterBody::epoch`].
    pub epoch: u64,
    /// See [`RosterBody::signer`].
    pub signer: DeviceId,
    /// See [`RosterBody::devices`].
    pub devices: Vec<RosterDevice>,
    /// See [`RosterBody::settings_sealed`].
    #[serde(with = "crate::ids::bytes")]
    pub settings_sealed: Vec<u8>,
    /// See [`RosterBody::signed_at_ms`].
    pub signed_at_ms: u64,
    /// See [`RosterBody::recovered_by`].
    pub recovered_by: Option<DeviceId>,
}

impl From<RosterBodyV3> for RosterBody {
    fn from(old: RosterBodyV3) -> RosterBody {
        RosterBody {
            team_id: old.team_id,
            version: old.version,
            epoch: old.epoch,
            signer: old.signer,
            devices: old.devices,
            settings_sealed: old.settings_sealed,
            signed_at_ms: old.signed_at_ms,
            recovered_by: old.recovered_by,
            vouched_erasures: Vec::new(),
        }
    }
}

/// The roster body as rosters signed before roles and the roster chain were encoded:
/// [`RosterBody`] without `signed_at_ms` and `recovered_by`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterBodyV2 {
    /// See [`RosterBody::team_id`].
    pub team_id: TeamId,
    /// See [`RosterBody::version`].
    pub version: u64,
    /// See [`RosterBody::epoch`].
    pub epoch: u64,
    /// See [`RosterBody::signer`] (then: the one supervisor).
    pub supervisor: DeviceId,
    /// See [`RosterBody::devices`].
    pub devices: Vec<RosterDevice>,
    /// See [`RosterBody::settings_sealed`].
    #[serde(with = "crate::ids::bytes")]
    pub settings_sealed: Vec<u8>,
}

impl From<RosterBodyV2> for RosterBody {
    fn from(old: RosterBodyV2) -> RosterBody {
        RosterBody {
            team_id: old.team_id,
            version: old.version,
            epoch: old.epoch,
            signer: old.supervisor,
            devices: old.devices,
            settings_sealed: old.settings_sealed,
            signed_at_ms: 0,
            recovered_by: None,
            vouched_erasures: Vec::new(),
        }
    }
}

/// The roster body as rosters signed before team settings existed were encoded: the
/// same fields without `settings_sealed`. A relay keeps serving such a roster until
/// the supervisor signs a new one, so devices and the relay still read it (as the
/// default settings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterBodyV1 {
    /// See [`RosterBody::team_id`].
    pub team_id: TeamId,
    /// See [`RosterBody::version`].
    pub version: u64,
    /// See [`RosterBody::epoch`].
    pub epoch: u64,
    /// See [`RosterBody::signer`] (then: the one supervisor).
    pub supervisor: DeviceId,
    /// See [`RosterBody::devices`].
    pub devices: Vec<RosterDevice>,
}

impl From<RosterBodyV1> for RosterBody {
    fn from(old: RosterBodyV1) -> RosterBody {
        RosterBody {
            team_id: old.team_id,
            version: old.version,
            epoch: old.epoch,
            signer: old.supervisor,
            devices: old.devices,
            settings_sealed: Vec::new(),
            signed_at_ms: 0,
            recovered_by: None,
            vouched_erasures: Vec::new(),
        }
    }
}

impl RosterBody {
    /// The device entry of `device_id`, if it is in this roster.
    pub fn device(&self, device_id: &DeviceId) -> Option<&RosterDevice> {
        self.devices.iter().find(|d| d.device_id == *device_id)
    }

    /// The devices holding the supervisor role.
    pub fn supervisors(&self) -> impl Iterator<Item = &RosterDevice> {
        self.devices.iter().filter(|d| d.role == Role::Supervisor)
    }

    /// The recovery kit's entry, if the team has one.
    pub fn recovery(&self) -> Option<&RosterDevice> {
        self.devices.iter().find(|d| d.role == Role::Recovery)
    }

    /// The role of `device_id` in this roster.
    pub fn role_of(&self, device_id: &DeviceId) -> Option<Role> {
        self.device(device_id).map(|d| d.role)
    }
}

/// Why a roster does not follow from the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainError {
    /// Not the next version, or another team's.
    NotNext,
    /// The signer is not a supervisor (or the recovery kit) of the previous roster.
    NotSignedBySupervisor,
    /// The shape is wrong: no supervisor, a device listed twice, two recovery
    /// entries, a recovery roster that keeps the used kit or does not rotate the key,
    /// or a `recovered_by` that is not a supervisor of the new roster.
    BadShape,
}

/// The shape every roster must have, first or not: at least one supervisor, each
/// device listed once, at most one recovery entry, `recovered_by` (if any) a
/// supervisor of it, at most [`crate::limits::MAX_VOUCHED_ERASURES`] vouched erasures.
pub fn check_shape(body: &RosterBody) -> Result<(), ChainError> {
    let mut seen = std::collections::HashSet::with_capacity(body.devices.len());
    if !body.devices.iter().all(|d| seen.insert(d.device_id)) {
        return Err(ChainError::BadShape);
    }
    if body.supervisors().next().is_none()
        || body
            .devices
            .iter()
            .filter(|d| d.role == Role::Recovery)
            .count()
            > 1
    {
        return Err(ChainError::BadShape);
    }
    if let Some(by) = body.recovered_by
        && body.role_of(&by) != Some(Role::Supervisor)
    {
        return Err(ChainError::BadShape);
    }
    if body.vouched_erasures.len() > crate::limits::MAX_VOUCHED_ERASURES {
        return Err(ChainError::BadShape);
    }
    Ok(())
}

/// The chain rule, without the signature (the caller checks it with the key this
/// returns): `next` is valid after `previous` when it is the same team's next version,
/// has a valid shape ([`check_shape`]) and its signer is a supervisor of `previous` or
/// its recovery kit. A roster signed with the kit must say which device used it
/// (`recovered_by`), rotate the team key and no longer list the used kit. Returns the
/// signer's key and whether this is a recovery.
pub fn check_chain_step<'a>(
    previous: &'a RosterBody,
    next: &RosterBody,
    next_version: u64,
) -> Result<(&'a SigningPublicKey, bool), ChainError> {
    if next.team_id != previous.team_id
        || next.version != next_version
        || Some(next.version) != previous.version.checked_add(1)
    {
        return Err(ChainError::NotNext);
    }
    check_shape(next)?;
    let signer = previous
        .device(&next.signer)
        .filter(|d| d.role.signs_rosters())
        .ok_or(ChainError::NotSignedBySupervisor)?;
    let recovery = signer.role == Role::Recovery;
    if recovery
        && (next.recovered_by.is_none()
            || next.epoch <= previous.epoch
            || next.device(&signer.device_id).is_some())
    {
        return Err(ChainError::BadShape);
    }
    if !recovery && next.recovered_by.is_some() {
        return Err(ChainError::BadShape);
    }
    Ok((&signer.signing_pk, recovery))
}

/// The first roster of a team: valid shape, signed by a supervisor it lists, not a
/// recovery. Returns the signer's key.
pub fn check_first(body: &RosterBody) -> Result<&SigningPublicKey, ChainError> {
    check_shape(body)?;
    if body.recovered_by.is_some() {
        return Err(ChainError::BadShape);
    }
    body.device(&body.signer)
        .filter(|d| d.role == Role::Supervisor)
        .map(|d| &d.signing_pk)
        .ok_or(ChainError::NotSignedBySupervisor)
}

/// Answer to `GET /v2/rosters?team=HEX&since=N`: the team's signed rosters with a
/// version above `N`, oldest first, as many as fit in
/// [`crate::limits::MAX_BODY_BYTES`] (always at least one if there is one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterChain {
    /// Consecutive versions, oldest first.
    pub rosters: Vec<SignedRoster>,
    /// Whether newer rosters remain (ask again from the last one's version).
    pub more: bool,
}

/// A roster as exchanged with the relay: the encoded [`RosterBody`] and the
/// supervisor's Ed25519 signature over [`roster_signing_input`]`(body)`.
///
/// The body travels as bytes so that a signature is always checked over exactly the
/// bytes that were signed, never over a re-encoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRoster {
    /// Copy of the body's version, so it can be compared without decoding.
    pub version: u64,
    /// Postcard of [`RosterBody`].
    #[serde(with = "crate::ids::bytes")]
    pub body: Vec<u8>,
    /// Supervisor's signature over [`roster_signing_input`]`(&body)`.
    pub signature: Signature,
}

impl SignedRoster {
    /// Decodes the body, in the current layout or an older one ([`RosterBodyV3`],
    /// [`RosterBodyV2`], [`RosterBodyV1`]). Decoding is strict, so a body decodes in at most one of them:
    /// each layout has more fields at the end than the one before. This does not check
    /// the signature (no crypto here).
    pub fn decode_body(&self) -> Result<RosterBody, ProtoError> {
        decode::<RosterBody>(&self.body)
            .or_else(|_| decode::<RosterBodyV3>(&self.body).map(RosterBody::from))
            .or_else(|_| decode::<RosterBodyV2>(&self.body).map(RosterBody::from))
            .or_else(|_| decode::<RosterBodyV1>(&self.body).map(RosterBody::from))
    }
}

/// The bytes the supervisor signs for a roster: `"ponte-roster-v1\n" || body`.
pub fn roster_signing_input(body: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(ROSTER_CONTEXT.len() + body.len());
    input.extend_from_slice(ROSTER_CONTEXT);
    input.extend_from_slice(body);
    input
}

/// The bytes a joining device MACs (HMAC-SHA256 keyed by the invite secret) and the
/// supervisor checks: `"ponte-join-v1\n" || team_id || device_id || signing_pk ||
/// agreement_pk || len(name_sealed) as u32 big-endian || name_sealed`.
pub fn join_mac_input(
    team_id: &TeamId,
    device_id: &DeviceId,
    signing_pk: &SigningPublicKey,
    agreement_pk: &AgreementPublicKey,
    name_sealed: &[u8],
) -> Vec<u8> {
    let mut input =
        Vec::with_capacity(JOIN_MAC_CONTEXT.len() + 16 + 16 + 32 + 32 + 4 + name_sealed.len());
    input.extend_from_slice(JOIN_MAC_CONTEXT);
    input.extend_from_slice(team_id.as_bytes());
    input.extend_from_slice(device_id.as_bytes());
    input.extend_from_slice(signing_pk.as_bytes());
    input.extend_from_slice(agreement_pk.as_bytes());
    // Names are capped far below 4 GiB (limits::MAX_NAME_SEALED_BYTES); saturate
    // rather than wrap if a caller ignores that.
    let len = u32::try_from(name_sealed.len()).unwrap_or(u32::MAX);
    input.extend_from_slice(&len.to_be_bytes());
    input.extend_from_slice(name_sealed);
    input
}

/// Header of `POST /v1/teams` carrying a team-creation code: the relay creates a team
/// only for a request presenting one of the codes its operator configured (or for
/// anyone, on a relay its operator started open). Not part of the signed bytes (a code
/// is a bearer secret; the request travels inside TLS), never logged by the relay.
pub const HEADER_TEAM_CREATION_CODE: &str = "x-ponte-team-creation-code";

/// Longest team-creation code, in bytes.
pub const MAX_TEAM_CREATION_CODE_BYTES: usize = 256;

/// Whether `code` has the form of a team-creation code: 1 to
/// [`MAX_TEAM_CREATION_CODE_BYTES`] visible ASCII characters (`!` to `~`, no space),
/// so that it travels unchanged as an HTTP header value. Whether it is one the relay
/// accepts only the relay knows.
pub fn is_team_creation_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_TEAM_CREATION_CODE_BYTES
        && code.bytes().all(|b| b.is_ascii_graphic())
}

/// Body of `POST /v1/teams`, signed (request signature) by the new supervisor's
/// key given here: the relay does not know the device yet. On a relay whose team
/// creation is closed (the default) the request also carries a team-creation code in
/// [`HEADER_TEAM_CREATION_CODE`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateTeam {
    /// The new team's id (unique on the relay).
    pub team_id: TeamId,
    /// The supervisor's device.
    pub device_id: DeviceId,
    /// The supervisor's signing key: signs this request and every roster.
    pub signing_pk: SigningPublicKey,
    /// The supervisor's agreement key.
    pub agreement_pk: AgreementPublicKey,
    /// The first roster, holding at least the supervisor.
    pub roster: SignedRoster,
}

/// Body of `POST /v1/invites` (supervisor).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateInvite {
    /// The team.
    pub team_id: TeamId,
    /// SHA-256 of the one-time token shown in the invite.
    pub token_hash: TokenHash,
    /// Unix time in milliseconds after which the token is refused.
    pub expires_at: u64,
}

/// Body of `POST /v1/join`, signed (request signature) by the joining device's own
/// key given here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The team named in the invite.
    pub team_id: TeamId,
    /// The one-time token from the invite (the relay compares its hash).
    pub token: InviteToken,
    /// The new device.
    pub device_id: DeviceId,
    /// Its signing key.
    pub signing_pk: SigningPublicKey,
    /// Its agreement key (the supervisor seals the team key to it).
    pub agreement_pk: AgreementPublicKey,
    /// Its display name, sealed for the supervisor (opaque to the relay).
    #[serde(with = "crate::ids::bytes")]
    pub name_sealed: Vec<u8>,
    /// HMAC-SHA256 over [`join_mac_input`] with the invite secret.
    pub mac: JoinMac,
}

/// A join request waiting for the supervisor (`GET /v1/pending`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingJoin {
    /// The new device.
    pub device_id: DeviceId,
    /// Its signing key.
    pub signing_pk: SigningPublicKey,
    /// Its agreement key.
    pub agreement_pk: AgreementPublicKey,
    /// Its sealed display name.
    #[serde(with = "crate::ids::bytes")]
    pub name_sealed: Vec<u8>,
    /// The MAC to check with the invite secret.
    pub mac: JoinMac,
    /// Which invite it used, so the supervisor knows which secret to check with.
    pub token_hash: TokenHash,
}

/// Response to `GET /v1/pending?team=HEX`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingJoins {
    /// Oldest first.
    pub joins: Vec<PendingJoin>,
}

/// Body of `POST /v1/roster` (supervisor): approve (add a device), revoke (remove
/// one), rotate (bump the epoch).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutRoster {
    /// The team.
    pub team_id: TeamId,
    /// The new roster; its version must be greater than the relay's latest.
    pub roster: SignedRoster,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn device(n: u8) -> RosterDevice {
        RosterDevice {
            device_id: DeviceId([n; 16]),
            signing_pk: SigningPublicKey([n; 32]),
            agreement_pk: AgreementPublicKey([n; 32]),
            role: Role::Supervisor,
            name_sealed: vec![n; 3],
            keys_sealed: vec![n; 5],
        }
    }

    #[test]
    fn a_roster_in_the_first_layout_still_decodes_with_default_settings() {
        let old = RosterBodyV1 {
            team_id: TeamId([1; 16]),
            version: 3,
            epoch: 2,
            supervisor: DeviceId([7; 16]),
            devices: vec![device(7)],
        };
        let signed = SignedRoster {
            version: 3,
            body: crate::encode(&old).unwrap(),
            signature: Signature([0; 64]),
        };
        let body = signed.decode_body().unwrap();
        assert_eq!(body, RosterBody::from(old.clone()));
        assert!(body.settings_sealed.is_empty());
        // The current layout round-trips, and is not mistaken for the old one.
        let new = RosterBody {
            settings_sealed: vec![9; 40],
            signed_at_ms: 1_800_000_000_000,
            recovered_by: Some(DeviceId([7; 16])),
            vouched_erasures: vec![RecordId([3; 16]), RecordId([4; 16])],
            ..RosterBody::from(old.clone())
        };
        // The third layout (chain fields, no vouched erasures) still decodes.
        let v3 = RosterBodyV3 {
            team_id: old.team_id,
            version: 3,
            epoch: 2,
            signer: DeviceId([7; 16]),
            devices: vec![device(7)],
            settings_sealed: vec![9; 40],
            signed_at_ms: 1_800_000_000_000,
            recovered_by: Some(DeviceId([7; 16])),
        };
        let signed_v3 = SignedRoster {
            body: crate::encode(&v3).unwrap(),
            ..signed.clone()
        };
        let decoded = signed_v3.decode_body().unwrap();
        assert!(decoded.vouched_erasures.is_empty());
        assert_eq!(decoded, RosterBody::from(v3));
        // The second layout (settings, no chain fields) still decodes.
        let v2 = RosterBodyV2 {
            team_id: old.team_id,
            version: 3,
            epoch: 2,
            supervisor: DeviceId([7; 16]),
            devices: vec![device(7)],
            settings_sealed: vec![9; 40],
        };
        let signed_v2 = SignedRoster {
            body: crate::encode(&v2).unwrap(),
            ..signed.clone()
        };
        assert_eq!(signed_v2.decode_body().unwrap(), RosterBody::from(v2));
        let signed = SignedRoster {
            body: crate::encode(&new).unwrap(),
            ..signed
        };
        assert_eq!(signed.decode_body().unwrap(), new);
        // Garbage decodes in neither layout.
        let mut truncated = signed.clone();
        truncated.body.truncate(20);
        assert!(truncated.decode_body().is_err());
        let mut longer = signed;
        longer.body.push(0);
        assert!(longer.decode_body().is_err());
    }

    fn roster(version: u64, epoch: u64, signer: u8, devices: &[(u8, Role)]) -> RosterBody {
        RosterBody {
            team_id: TeamId([1; 16]),
            version,
            epoch,
            signer: DeviceId([signer; 16]),
            devices: devices
                .iter()
                .map(|(n, role)| RosterDevice {
                    role: *role,
                    ..device(*n)
                })
                .collect(),
            settings_sealed: Vec::new(),
            signed_at_ms: 0,
            recovered_by: None,
            vouched_erasures: Vec::new(),
        }
    }

    #[test]
    fn the_chain_takes_a_step_signed_by_a_supervisor_of_the_previous_roster() {
        use Role::*;
        let first = roster(1, 1, 1, &[(1, Supervisor), (9, Recovery)]);
        assert_eq!(check_first(&first).unwrap(), &SigningPublicKey([1; 32]));
        // A deputy is added by the first supervisor, then signs on its own.
        let second = roster(2, 1, 1, &[(1, Supervisor), (2, Supervisor), (9, Recovery)]);
        assert_eq!(check_chain_step(&first, &second, 2).unwrap().0.0, [1; 32]);
        let third = roster(3, 1, 2, &[(2, Supervisor), (3, Mediator), (9, Recovery)]);
        assert!(check_chain_step(&second, &third, 3).is_ok());
        // Handed over: the one who left cannot sign any more.
        let fourth = roster(4, 1, 1, &[(1, Supervisor), (2, Supervisor), (9, Recovery)]);
        assert_eq!(
            check_chain_step(&third, &fourth, 4),
            Err(ChainError::NotSignedBySupervisor)
        );
        // Nor can a mediator, nor an unknown device.
        let by_mediator = roster(4, 1, 3, &[(2, Supervisor), (3, Supervisor)]);
        assert_eq!(
            check_chain_step(&third, &by_mediator, 4),
            Err(ChainError::NotSignedBySupervisor)
        );
        // Not the next version, or a version the signed copy does not say.
        let skip = roster(5, 1, 2, &[(2, Supervisor)]);
        assert_eq!(check_chain_step(&third, &skip, 5), Err(ChainError::NotNext));
        let back = roster(3, 1, 2, &[(2, Supervisor)]);
        assert_eq!(check_chain_step(&third, &back, 3), Err(ChainError::NotNext));
        let ok = roster(4, 1, 2, &[(2, Supervisor)]);
        assert_eq!(check_chain_step(&third, &ok, 5), Err(ChainError::NotNext));
        // No supervisor left, a device twice, two kits: refused.
        for bad in [
            roster(4, 1, 2, &[(3, Mediator)]),
            roster(4, 1, 2, &[(2, Supervisor), (2, Operator)]),
            roster(4, 1, 2, &[(2, Supervisor), (8, Recovery), (9, Recovery)]),
        ] {
            assert_eq!(check_chain_step(&third, &bad, 4), Err(ChainError::BadShape));
        }
        // Vouched erasures up to the limit, not one more.
        let mut vouching = roster(4, 1, 2, &[(2, Supervisor)]);
        vouching.vouched_erasures = vec![RecordId([6; 16]); crate::limits::MAX_VOUCHED_ERASURES];
        assert!(check_chain_step(&third, &vouching, 4).is_ok());
        vouching.vouched_erasures.push(RecordId([6; 16]));
        assert_eq!(
            check_chain_step(&third, &vouching, 4),
            Err(ChainError::BadShape)
        );
    }

    #[test]
    fn the_recovery_kit_signs_one_step_that_rotates_and_retires_it() {
        use Role::*;
        let before = roster(5, 2, 1, &[(1, Supervisor), (4, Operator), (9, Recovery)]);
        let mut recovered = roster(6, 3, 9, &[(5, Supervisor), (4, Operator), (10, Recovery)]);
        recovered.recovered_by = Some(DeviceId([5; 16]));
        let (key, recovery) = check_chain_step(&before, &recovered, 6).unwrap();
        assert_eq!((key.0, recovery), ([9; 32], true));
        // Without saying who, without a new key epoch, or keeping the used kit: refused.
        let mut anonymous = recovered.clone();
        anonymous.recovered_by = None;
        let mut same_epoch = recovered.clone();
        same_epoch.epoch = 2;
        let mut kept_kit = recovered.clone();
        kept_kit.devices.push(RosterDevice {
            role: Recovery,
            ..device(9)
        });
        kept_kit
            .devices
            .retain(|d| d.device_id != DeviceId([10; 16]));
        let mut by_operator = recovered.clone();
        by_operator.recovered_by = Some(DeviceId([4; 16]));
        for bad in [anonymous, same_epoch, kept_kit, by_operator] {
            assert_eq!(
                check_chain_step(&before, &bad, 6),
                Err(ChainError::BadShape)
            );
        }
        // A supervisor's roster may not claim a recovery.
        let mut claimed = roster(6, 2, 1, &[(1, Supervisor), (9, Recovery)]);
        claimed.recovered_by = Some(DeviceId([1; 16]));
        assert_eq!(
            check_chain_step(&before, &claimed, 6),
            Err(ChainError::BadShape)
        );
        // The first roster is signed by a supervisor it lists, never by a kit.
        let by_kit = roster(1, 1, 9, &[(1, Supervisor), (9, Recovery)]);
        assert_eq!(check_first(&by_kit), Err(ChainError::NotSignedBySupervisor));
    }

    #[test]
    fn a_team_creation_code_is_visible_ascii_that_fits_a_header() {
        for good in ["x", "Q7-p!2~zz", &"a".repeat(MAX_TEAM_CREATION_CODE_BYTES)] {
            assert!(is_team_creation_code(good), "{good}");
        }
        for bad in [
            "",
            "two words",
            "tab\there",
            "line\n",
            "caff\u{e8}",
            &"a".repeat(MAX_TEAM_CREATION_CODE_BYTES + 1),
        ] {
            assert!(!is_team_creation_code(bad), "{bad:?}");
        }
    }
}
