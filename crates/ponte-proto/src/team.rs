//! Teams, the signed roster, invites and enrolment.
//!
//! The relay cannot add a device: only a roster signed by the supervisor's key puts
//! a device in the team, and the relay authenticates requests against the latest
//! such roster. See `docs/protocol.md` for the whole enrolment flow.

use serde::{Deserialize, Serialize};

use crate::ids::{
    AgreementPublicKey, DeviceId, InviteToken, JoinMac, Signature, SigningPublicKey, TeamId,
    TokenHash,
};
use crate::{ProtoError, decode};

/// Domain separation for roster signatures.
const ROSTER_CONTEXT: &[u8] = b"ponte-roster-v1\n";
/// Domain separation for the enrolment MAC.
const JOIN_MAC_CONTEXT: &[u8] = b"ponte-join-v1\n";

/// A device's role in the team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Manages devices, invites and erasure. Exactly one per roster.
    Supervisor,
    /// Any other enrolled device.
    Member,
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
    /// The supervisor's device; it must appear in `devices` with
    /// [`Role::Supervisor`].
    pub supervisor: DeviceId,
    /// Every enrolled device. A device that was in an earlier roster and is not in
    /// this one is revoked.
    pub devices: Vec<RosterDevice>,
    /// The team settings the supervisor chose (unlock attempt limit, key lease),
    /// sealed with the team key of `epoch` (opaque to the relay). Empty: the defaults.
    /// At most [`crate::limits::MAX_SETTINGS_SEALED_BYTES`]. Not in the first layout
    /// of the body ([`RosterBodyV1`]): [`SignedRoster::decode_body`] reads both.
    #[serde(with = "crate::ids::bytes")]
    pub settings_sealed: Vec<u8>,
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
    /// See [`RosterBody::supervisor`].
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
            supervisor: old.supervisor,
            devices: old.devices,
            settings_sealed: Vec::new(),
        }
    }
}

impl RosterBody {
    /// The device entry of `device_id`, if it is in this roster.
    pub fn device(&self, device_id: &DeviceId) -> Option<&RosterDevice> {
        self.devices.iter().find(|d| d.device_id == *device_id)
    }
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
    /// Decodes the body, in the current layout or the first one ([`RosterBodyV1`],
    /// read with empty `settings_sealed`). Decoding is strict, so a body decodes in at
    /// most one of them: the current layout has one more field at the end. This does
    /// not check the signature (no crypto here).
    pub fn decode_body(&self) -> Result<RosterBody, ProtoError> {
        decode::<RosterBody>(&self.body)
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
            ..RosterBody::from(old)
        };
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
