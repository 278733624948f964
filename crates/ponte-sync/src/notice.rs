//! The "duress used" notice: what a member's device keeps ready (the kit), how the
//! device that replaced it after a duress unlock sends it, and how the supervisor's
//! device opens it.
//!
//! **The kit.** After every sync of an approved member, [`refresh_kit`] writes what
//! sending a notice takes into the store's duress kit (`ponte_store::Store::set_duress_kit`,
//! sealed with a key only the real and the duress passphrase reach): the relay URL,
//! team id, device id, the device's signing key (PKCS#8) and the supervisor's X25519
//! public key from the latest verified roster. A supervisor's device, a device waiting
//! for approval or outside a team keeps an empty kit.
//!
//! **Sending.** A duress unlock carries the kit into the new store
//! (`ponte_store::Store::duress_notice`). At the device's next contact with the relay,
//! [`deliver`] signs `(team, device, kind, time)` with the old device's key
//! (`ponte_proto::notice_signing_input`), seals it to the supervisor (a fresh key
//! sealed with `ponte_crypto::seal_key_to`, then AES-256-GCM, both bound to team and
//! device) and sends `POST /v2/notices` signed as the old device. Accepted, or refused
//! for good (the device was removed, the relay keeps no more notices of it), the kit
//! is destroyed; unreachable or refused for now (rate limit, clock, relay error) it
//! waits for the next contact. Nothing of this is shown: the caller answers as on any
//! teamless store.
//!
//! **Reading.** [`fetch`] (supervisor) fetches the team's notices and keeps those that
//! open with the supervisor's agreement key and whose signature verifies with the key
//! the roster lists for the device the relay names; the others are dropped silently.

use ponte_crypto::{self as crypto, SecretKey, SigningKey};
use ponte_proto::{
    DeviceId, ErrorCode, LeaveNotice, Notices, RosterBody, TeamId, notice_signing_input, paths,
};
use ponte_store::Store;
use zeroize::Zeroizing;

use crate::client::Client;
use crate::team::{self, TeamState};
use crate::{Result, SyncError};

/// Kind of the one notice there is: the duress passphrase was used.
pub const KIND_DURESS: u8 = 1;
/// Its name, as `ponte devices` and the screens show it.
pub const DURESS: &str = "duress";

/// Bounds on sending a notice: a relay that does not answer delays the teamless
/// answer by at most this long, and the notice waits for the next contact.
const NOTICE_CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);
/// See [`NOTICE_CONNECT_TIMEOUT`].
const NOTICE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(6);

/// Version byte of the kit's layout.
const KIT_V1: u8 = 1;
/// Bytes of a `seal_key_to` output holding a 32-byte key.
const WRAPPED_LEN: usize = 32 + 1 + 12 + 32 + 16;
/// Bytes of the plaintext: kind, time, signature.
const PLAIN_LEN: usize = 1 + 8 + 64;

/// What sending a notice takes, as kept in the store's duress kit.
struct Kit {
    relay: String,
    team_id: [u8; 16],
    device_id: [u8; 16],
    supervisor_agreement: [u8; 32],
    signing: SigningKey,
}

impl Kit {
    /// `v1 | team | device | supervisor's X25519 key | len(pkcs8) u16 | pkcs8 | relay`.
    fn encode(&self) -> Zeroizing<Vec<u8>> {
        let pkcs8 = self.signing.pkcs8();
        let mut out = Zeroizing::new(Vec::with_capacity(
            1 + 16 + 16 + 32 + 2 + pkcs8.len() + self.relay.len(),
        ));
        out.push(KIT_V1);
        out.extend_from_slice(&self.team_id);
        out.extend_from_slice(&self.device_id);
        out.extend_from_slice(&self.supervisor_agreement);
        out.extend_from_slice(&u16::try_from(pkcs8.len()).unwrap_or(0).to_be_bytes());
        out.extend_from_slice(pkcs8);
        out.extend_from_slice(self.relay.as_bytes());
        out
    }

    fn decode(bytes: &[u8]) -> Option<Kit> {
        let (&version, rest) = bytes.split_first()?;
        if version != KIT_V1 {
            return None;
        }
        let (team_id, rest) = rest.split_first_chunk::<16>()?;
        let (device_id, rest) = rest.split_first_chunk::<16>()?;
        let (supervisor_agreement, rest) = rest.split_first_chunk::<32>()?;
        let (len, rest) = rest.split_first_chunk::<2>()?;
        let (pkcs8, relay) = rest.split_at_checked(usize::from(u16::from_be_bytes(*len)))?;
        Some(Kit {
            relay: String::from_utf8(relay.to_vec()).ok()?,
            team_id: *team_id,
            device_id: *device_id,
            supervisor_agreement: *supervisor_agreement,
            signing: SigningKey::from_pkcs8(pkcs8).ok()?,
        })
    }
}

/// What the store's duress kit should hold now (`None`: keep none).
fn current_kit(store: &Store) -> Result<Option<Kit>> {
    let Some(state) = team::state(store)? else {
        return Ok(None);
    };
    if state.supervisor || !state.approved {
        return Ok(None);
    }
    let Some(roster) = team::local_roster(store)? else {
        return Ok(None);
    };
    let body = roster.decode_body()?;
    // The supervisor who signed the latest roster (the one most recently at work), else
    // the first listed: one supervisor reads a notice (it fits one seal).
    let Some(supervisor) = body
        .device(&body.signer)
        .filter(|d| d.role == ponte_proto::Role::Supervisor)
        .or_else(|| body.supervisors().next())
    else {
        return Ok(None);
    };
    Ok(Some(Kit {
        relay: state.relay.clone(),
        team_id: state.team_id()?,
        device_id: store.device_id(),
        supervisor_agreement: supervisor.agreement_pk.0,
        signing: store.signing_key()?,
    }))
}

/// Keeps the store's duress kit in step with the team (see the module docs): written
/// only when it changed, empty outside a team or on the supervisor's device.
pub fn refresh_kit(store: &mut Store) -> Result<()> {
    let kit = current_kit(store)?.map(|kit| kit.encode());
    store.set_duress_kit(kit.as_deref().map_or(&[][..], |k| k.as_slice()))?;
    Ok(())
}

/// What [`deliver`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// No notice was waiting.
    Nothing,
    /// The relay took the notice; the kit is destroyed.
    Sent,
    /// The relay refused it for good (the device removed, unknown, or with notices
    /// enough), or the kit was unusable; the kit is destroyed.
    Dropped,
    /// The relay could not be reached or refused for now; the kit waits.
    Kept,
}

fn notice_aad(team: &[u8; 16], device: &[u8; 16]) -> Vec<u8> {
    [b"ponte/notice/v1".as_slice(), team, device].concat()
}

/// The notice, signed by the kit's device and sealed to the supervisor.
fn seal(kit: &Kit, at_ms: u64) -> Result<Vec<u8>> {
    let input = notice_signing_input(
        &TeamId(kit.team_id),
        &DeviceId(kit.device_id),
        KIND_DURESS,
        at_ms,
    );
    let mut plain = Vec::with_capacity(PLAIN_LEN);
    plain.push(KIND_DURESS);
    plain.extend_from_slice(&at_ms.to_be_bytes());
    plain.extend_from_slice(&kit.signing.sign(&input));
    let aad = notice_aad(&kit.team_id, &kit.device_id);
    let key = SecretKey::generate()?;
    let mut sealed = crypto::seal_key_to(&kit.supervisor_agreement, &aad, &key)?;
    sealed.extend_from_slice(&crypto::seal(&key, &aad, &plain)?);
    Ok(sealed)
}

/// Whether a refusal may pass (the notice waits for the next contact).
fn for_now(error: &SyncError) -> bool {
    match error {
        SyncError::Relay(code) => matches!(
            code,
            ErrorCode::RateLimited
                | ErrorCode::StaleRequest
                | ErrorCode::ReplayedRequest
                | ErrorCode::RequestTimeout
                | ErrorCode::Internal
                | ErrorCode::Unknown
        ),
        _ => true,
    }
}

/// Sends the notice a duress unlock left waiting in `store`, if there is one (see the
/// module docs). Answers only what became of it, for the caller to show nothing.
pub async fn deliver(store: &mut Store) -> Result<Delivery> {
    let Some((kit, at)) = store.duress_notice()? else {
        return Ok(Delivery::Nothing);
    };
    let Some(kit) = Kit::decode(&kit) else {
        store.clear_duress_notice()?;
        return Ok(Delivery::Dropped);
    };
    let at = u64::try_from(at).unwrap_or(0);
    let body = LeaveNotice {
        team_id: TeamId(kit.team_id),
        sealed: seal(&kit, at)?,
    };
    let client = Client::with_timeouts(
        &kit.relay,
        kit.device_id,
        kit.signing,
        NOTICE_CONNECT_TIMEOUT,
        NOTICE_TIMEOUT,
    )?;
    match client.post_empty(paths::NOTICES, &body).await {
        Ok(()) => {
            store.clear_duress_notice()?;
            Ok(Delivery::Sent)
        }
        Err(e) if for_now(&e) => Ok(Delivery::Kept),
        Err(_) => {
            store.clear_duress_notice()?;
            Ok(Delivery::Dropped)
        }
    }
}

/// A notice the supervisor's device opened and verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened {
    /// The device that left it.
    pub device_id: [u8; 16],
    /// Its kind ([`KIND_DURESS`]).
    pub kind: u8,
    /// When it happened, by that device's clock (unix ms).
    pub at_ms: u64,
}

/// Opens one notice: sealed to `agreement`, signed by the roster's key of the device
/// the relay names. `None` for anything else.
fn open(
    agreement: &crypto::AgreementKey,
    body: &RosterBody,
    device: &DeviceId,
    sealed: &[u8],
) -> Option<Opened> {
    let entry = body.device(device)?;
    let aad = notice_aad(&body.team_id.0, &device.0);
    let (wrapped, rest) = sealed.split_at_checked(WRAPPED_LEN)?;
    let key = crypto::open_key_from(agreement, &aad, wrapped).ok()?;
    let plain = crypto::open(&key, &aad, rest).ok()?;
    let (&kind, rest) = plain.split_first()?;
    let (at, signature) = rest.split_first_chunk::<8>()?;
    let at_ms = u64::from_be_bytes(*at);
    let input = notice_signing_input(&body.team_id, device, kind, at_ms);
    crypto::verify_signature(&entry.signing_pk.0, &input, signature).ok()?;
    (kind == KIND_DURESS).then_some(Opened {
        device_id: device.0,
        kind,
        at_ms,
    })
}

/// The notices the team's devices left (supervisor): fetched from the relay, each kept
/// only if it opens and verifies against `body` (the latest verified roster) and with
/// `agreement`, the supervisor's agreement key. (It takes the key, not the store: a
/// store is not `Sync`, and a future holding a borrow of one across the request could
/// not move between the app's threads.)
pub async fn fetch(
    agreement: &crypto::AgreementKey,
    client: &Client,
    state: &TeamState,
    body: &RosterBody,
) -> Result<Vec<Opened>> {
    if !state.supervisor {
        return Err(SyncError::NotSupervisor);
    }
    let notices: Notices = client
        .get(&format!("{}?team={}", paths::NOTICES, state.team_id))
        .await?;
    Ok(notices
        .notices
        .iter()
        .filter_map(|n| open(agreement, body, &n.device_id, &n.sealed))
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use ponte_proto::{AgreementPublicKey, Role, RosterDevice, SigningPublicKey};

    use super::*;

    fn roster(team: [u8; 16], device: [u8; 16], signing_pk: [u8; 32]) -> RosterBody {
        RosterBody {
            team_id: TeamId(team),
            version: 1,
            epoch: 1,
            signer: DeviceId([9; 16]),
            devices: vec![RosterDevice {
                device_id: DeviceId(device),
                signing_pk: SigningPublicKey(signing_pk),
                agreement_pk: AgreementPublicKey([0; 32]),
                role: Role::Operator,
                name_sealed: vec![],
                keys_sealed: vec![],
            }],
            settings_sealed: vec![],
            signed_at_ms: 0,
            recovered_by: None,
        }
    }

    #[test]
    fn a_notice_waits_only_while_the_relay_may_still_take_it() {
        for waits in [
            SyncError::Network,
            SyncError::Relay(ErrorCode::RateLimited),
            SyncError::Relay(ErrorCode::StaleRequest),
            SyncError::Relay(ErrorCode::Internal),
        ] {
            assert!(for_now(&waits), "{waits:?}");
        }
        for dropped in [
            ErrorCode::DeviceRevoked,
            ErrorCode::UnknownDevice,
            ErrorCode::NoticeLimit,
            ErrorCode::TooLarge,
            ErrorCode::BadSignature,
        ] {
            assert!(!for_now(&SyncError::Relay(dropped)), "{dropped:?}");
        }
    }

    #[test]
    fn a_notice_opens_for_the_supervisor_only_and_only_as_its_device() {
        let supervisor = crypto::AgreementKey::generate().unwrap();
        let kit = Kit {
            relay: "http://127.0.0.1:1".into(),
            team_id: [1; 16],
            device_id: [2; 16],
            supervisor_agreement: supervisor.public_key(),
            signing: SigningKey::generate().unwrap(),
        };
        let decoded = Kit::decode(&kit.encode()).unwrap();
        assert_eq!(decoded.relay, kit.relay);
        assert_eq!(decoded.signing.public_key(), kit.signing.public_key());
        let sealed = seal(&kit, 1234).unwrap();
        assert!(sealed.len() <= ponte_proto::limits::MAX_NOTICE_SEALED_BYTES);
        let body = roster([1; 16], [2; 16], kit.signing.public_key());
        let opened = open(&supervisor, &body, &DeviceId([2; 16]), &sealed).unwrap();
        assert_eq!((opened.kind, opened.at_ms), (KIND_DURESS, 1234));
        // Not for another agreement key, not under another device id, not when the
        // roster lists another key for the device, not altered.
        let other = crypto::AgreementKey::generate().unwrap();
        assert!(open(&other, &body, &DeviceId([2; 16]), &sealed).is_none());
        assert!(open(&supervisor, &body, &DeviceId([3; 16]), &sealed).is_none());
        let forged = roster(
            [1; 16],
            [2; 16],
            SigningKey::generate().unwrap().public_key(),
        );
        assert!(open(&supervisor, &forged, &DeviceId([2; 16]), &sealed).is_none());
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(open(&supervisor, &body, &DeviceId([2; 16]), &flipped).is_none());
        // A notice signed by a key the roster does not list for the device (a forger
        // who knows the supervisor's public key) does not verify.
        let forger = Kit {
            signing: SigningKey::generate().unwrap(),
            ..kit
        };
        let forged = seal(&forger, 1).unwrap();
        assert!(open(&supervisor, &body, &DeviceId([2; 16]), &forged).is_none());
        assert!(Kit::decode(&[2, 0]).is_none());
    }
}
