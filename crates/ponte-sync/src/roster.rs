//! The supervisor-signed roster, as this device keeps and checks it.
//!
//! Each roster entry carries the team keys (every epoch) sealed to the device's
//! X25519 key: a new device learns them from the roster that approves it, and after a
//! rotation every device learns the new key from the next roster. Device names are
//! sealed with the team key. The relay sees neither.

use ponte_crypto::{self as crypto, AgreementKey, SecretKey, SigningKey};
use ponte_proto::{
    self as proto, AgreementPublicKey, DeviceId, Role, RosterBody, RosterDevice, Signature,
    SignedRoster, SigningPublicKey, TeamId,
};
use zeroize::Zeroizing;

use crate::settings::TeamSettings;
use crate::{Result, SyncError};

fn keys_aad(team_id: &[u8; 16], device: &[u8; 16]) -> Vec<u8> {
    [b"ponte/roster-keys/v1".as_slice(), team_id, device].concat()
}

fn name_aad(team_id: &[u8; 16], device: &[u8; 16]) -> Vec<u8> {
    [b"ponte/device-name/v1".as_slice(), team_id, device].concat()
}

/// Seal every team key to a device: a fresh transport key sealed to its X25519 key,
/// then the key list sealed with the transport key.
pub fn seal_team_keys(
    team_id: &[u8; 16],
    device: &[u8; 16],
    agreement_pk: &[u8; 32],
    keys: &[(u32, SecretKey)],
) -> Result<Vec<u8>> {
    let transport = SecretKey::generate()?;
    let aad = keys_aad(team_id, device);
    let head = crypto::seal_key_to(agreement_pk, &aad, &transport)?;
    let mut plain = Zeroizing::new(Vec::with_capacity(keys.len() * 36));
    for (epoch, key) in keys {
        plain.extend_from_slice(&epoch.to_be_bytes());
        plain.extend_from_slice(key.expose());
    }
    let body = crypto::seal(&transport, &aad, &plain)?;
    let head_len = u16::try_from(head.len()).map_err(|_| SyncError::Protocol)?;
    Ok([head_len.to_be_bytes().as_slice(), &head, &body].concat())
}

/// Open what [`seal_team_keys`] made for this device.
pub fn open_team_keys(
    team_id: &[u8; 16],
    device: &[u8; 16],
    me: &AgreementKey,
    sealed: &[u8],
) -> Result<Vec<(u32, SecretKey)>> {
    let bad = || SyncError::BadRoster;
    let (len, rest) = sealed.split_at_checked(2).ok_or_else(bad)?;
    let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
    let (head, body) = rest.split_at_checked(len).ok_or_else(bad)?;
    let aad = keys_aad(team_id, device);
    let transport = crypto::open_key_from(me, &aad, head).map_err(|_| bad())?;
    let plain = crypto::open(&transport, &aad, body).map_err(|_| bad())?;
    if plain.len() % 36 != 0 || plain.is_empty() {
        return Err(bad());
    }
    Ok(plain
        .chunks_exact(36)
        .map(|c| {
            let mut epoch = [0u8; 4];
            epoch.copy_from_slice(&c[..4]);
            let mut key = [0u8; 32];
            key.copy_from_slice(&c[4..]);
            (u32::from_be_bytes(epoch), SecretKey::from_bytes(key))
        })
        .collect())
}

/// Seal a device name with the team key.
pub fn seal_name(
    team_key: &SecretKey,
    team_id: &[u8; 16],
    device: &[u8; 16],
    name: &str,
) -> Result<Vec<u8>> {
    Ok(crypto::seal(
        team_key,
        &name_aad(team_id, device),
        name.as_bytes(),
    )?)
}

/// Open a device name sealed with any of the team keys; `None` if none opens it.
pub fn open_name(
    keys: &[(u32, SecretKey)],
    team_id: &[u8; 16],
    device: &[u8; 16],
    sealed: &[u8],
) -> Option<String> {
    keys.iter().find_map(|(_, k)| {
        let plain = crypto::open(k, &name_aad(team_id, device), sealed).ok()?;
        String::from_utf8(plain.to_vec()).ok()
    })
}

/// One device to put in a roster.
#[derive(Debug, Clone)]
pub struct Member {
    /// Device id.
    pub device_id: [u8; 16],
    /// Ed25519 public key.
    pub signing_pk: [u8; 32],
    /// X25519 public key.
    pub agreement_pk: [u8; 32],
    /// Role.
    pub role: Role,
    /// Display name (sealed into the roster).
    pub name: String,
}

/// Who signs a roster being built, and how.
#[derive(Debug)]
pub struct Signer<'a> {
    /// The signing key: a supervisor device's, or the recovery kit's.
    pub key: &'a SigningKey,
    /// Its device id in the previous roster (the kit's entry id for a recovery).
    pub device_id: [u8; 16],
    /// For a recovery: the device that used the kit.
    pub recovered_by: Option<[u8; 16]>,
    /// The erasures it vouches for ([`RosterBody::vouched_erasures`]).
    pub vouched: Vec<ponte_proto::RecordId>,
}

/// Build and sign a roster: names and the team settings sealed with the current team
/// key, every team key sealed to every device (the recovery entry included).
pub fn build(
    signer: &Signer<'_>,
    team_id: &[u8; 16],
    version: u64,
    keys: &[(u32, SecretKey)],
    members: &[Member],
    settings: &TeamSettings,
) -> Result<SignedRoster> {
    if !settings.is_valid() {
        return Err(SyncError::BadRoster);
    }
    let (epoch, current) = keys
        .iter()
        .max_by_key(|(e, _)| *e)
        .ok_or(SyncError::BadRoster)?;
    let mut devices = Vec::with_capacity(members.len());
    for m in members {
        devices.push(RosterDevice {
            device_id: DeviceId(m.device_id),
            signing_pk: SigningPublicKey(m.signing_pk),
            agreement_pk: AgreementPublicKey(m.agreement_pk),
            role: m.role,
            name_sealed: seal_name(current, team_id, &m.device_id, &m.name)?,
            keys_sealed: seal_team_keys(team_id, &m.device_id, &m.agreement_pk, keys)?,
        });
    }
    let body = RosterBody {
        team_id: TeamId(*team_id),
        version,
        epoch: u64::from(*epoch),
        signer: DeviceId(signer.device_id),
        devices,
        settings_sealed: settings.seal(current, team_id)?,
        signed_at_ms: u64::try_from(ponte_store::time::now_ms()).unwrap_or(0),
        recovered_by: signer.recovered_by.map(DeviceId),
        vouched_erasures: signer.vouched.clone(),
    };
    if proto::check_shape(&body).is_err() {
        return Err(SyncError::LastSupervisor);
    }
    let body = proto::encode(&body)?;
    let signature = signer.key.sign(&proto::roster_signing_input(&body));
    Ok(SignedRoster {
        version,
        body,
        signature: Signature(signature),
    })
}

fn signed_by(roster: &SignedRoster, key: &SigningPublicKey) -> bool {
    crypto::verify_signature(
        &key.0,
        &proto::roster_signing_input(&roster.body),
        &roster.signature.0,
    )
    .is_ok()
}

/// Check the next roster of the chain against the previous one this device verified
/// (the chain rule of [`ponte_proto::check_chain_step`], then the signature). Returns
/// its body and whether it is a recovery (signed with the kit).
pub fn verify_step(previous: &RosterBody, next: &SignedRoster) -> Result<(RosterBody, bool)> {
    let body = next.decode_body().map_err(|_| SyncError::BadRoster)?;
    let (key, recovery) =
        proto::check_chain_step(previous, &body, next.version).map_err(|_| SyncError::BadRoster)?;
    if !signed_by(next, key) {
        return Err(SyncError::BadRoster);
    }
    Ok((body, recovery))
}

/// Check a roster signed by `anchor` (the key an invite or a recovery kit names, read
/// out of band): this team's, a valid shape, and `anchor` is a supervisor of it or of
/// the roster it follows (the caller walks on from it with [`verify_step`]).
pub fn verify_anchored(
    roster: &SignedRoster,
    anchor: &[u8; 32],
    team_id: &[u8; 16],
) -> Result<RosterBody> {
    if !signed_by(roster, &SigningPublicKey(*anchor)) {
        return Err(SyncError::BadRoster);
    }
    let body = roster.decode_body().map_err(|_| SyncError::BadRoster)?;
    if body.team_id.0 != *team_id
        || body.version != roster.version
        || proto::check_shape(&body).is_err()
    {
        return Err(SyncError::BadRoster);
    }
    Ok(body)
}

/// The body of a roster this device verified before (kept in its store): decoded and
/// checked to be this team's. Its signature was checked when it arrived.
pub fn kept(roster: &SignedRoster, team_id: &[u8; 16]) -> Result<RosterBody> {
    let body = roster.decode_body().map_err(|_| SyncError::BadRoster)?;
    if body.team_id.0 != *team_id || body.version != roster.version {
        return Err(SyncError::BadRoster);
    }
    Ok(body)
}

/// The members of a verified roster, names opened with `keys` (the recovery entry
/// included: callers that list devices leave it out).
pub fn members(body: &RosterBody, keys: &[(u32, SecretKey)]) -> Vec<Member> {
    body.devices
        .iter()
        .map(|d| Member {
            device_id: d.device_id.0,
            signing_pk: d.signing_pk.0,
            agreement_pk: d.agreement_pk.0,
            role: d.role,
            name: open_name(keys, &body.team_id.0, &d.device_id.0, &d.name_sealed)
                .unwrap_or_default(),
        })
        .collect()
}
