//! The "duress used" notice: what a member's device keeps ready (the kit), how the
//! device that replaced it after a duress unlock sends it, and how the supervisor's
//! device opens it.
//!
//! **The kit.** After every sync of an approved member, [`refresh_kit`] writes what
//! sending a notice takes into the store's duress kit (`ponte_store::Store::set_duress_kit`,
//! sealed with a key only the real and the duress passphrase reach): the relay URL,
//! team id, device id, the device's signing key (PKCS#8) and the X25519 public keys of
//! the supervisors of the latest verified roster (the one who signed it first, then the
//! others in roster order; at most [`MAX_READERS`]). A supervisor's device, a device waiting
//! for approval or outside a team keeps an empty kit.
//!
//! **Sending.** A duress unlock carries the kit into the new store
//! (`ponte_store::Store::duress_notice`). At the device's next contact with the relay,
//! [`deliver`] signs `(team, device, kind, time)` with the old device's key
//! (`ponte_proto::notice_signing_input`), seals it to the supervisors (a fresh key
//! sealed to each with `ponte_crypto::seal_key_to` in one of [`MAX_READERS`] slots of
//! the same size, the unused ones wrapped for throwaway keys, then AES-256-GCM, all bound to team and
//! device: every notice has the same size, whatever the number of supervisors) and
//! sends `POST /v2/notices` signed as the old device. Accepted, or refused
//! for good (the device was removed, the relay keeps no more notices of it), the kit
//! is destroyed; unreachable or refused for now (rate limit, clock, relay error) it
//! waits for the next contact. Nothing of this is shown: the caller answers as on any
//! teamless store.
//!
//! **Reading.** [`fetch`] (supervisor, deputies included) fetches the team's notices
//! and keeps those that open, in one of their slots, with the supervisor's agreement key and whose signature verifies with the key
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

/// Version byte of the kit's first layout (one supervisor).
const KIT_V1: u8 = 1;
/// Version byte of the kit's layout with up to [`MAX_READERS`] supervisors.
const KIT_V2: u8 = 2;
/// How many supervisors a notice is sealed to: the slots every notice has. (A team
/// with more supervisors reaches the first ones: the latest roster's signer first.)
pub const MAX_READERS: usize = 4;
/// Bytes of a `seal_key_to` output holding a 32-byte key.
const WRAPPED_LEN: usize = 32 + 1 + 12 + 32 + 16;
/// Bytes of the plaintext: kind, time, signature.
const PLAIN_LEN: usize = 1 + 8 + 64;
/// Bytes of the sealed plaintext: format version, nonce, plaintext, tag.
const SEALED_LEN: usize = 1 + 12 + PLAIN_LEN + 16;

/// What sending a notice takes, as kept in the store's duress kit.
struct Kit {
    relay: String,
    team_id: [u8; 16],
    device_id: [u8; 16],
    /// 1 to [`MAX_READERS`] supervisors' X25519 keys.
    supervisors: Vec<[u8; 32]>,
    signing: SigningKey,
}

impl Kit {
    /// `v2 | team | device | n u8 | n supervisors' X25519 keys | len(pkcs8) u16 | pkcs8
    /// | relay` (v1, still read: one key, no count).
    fn encode(&self) -> Zeroizing<Vec<u8>> {
        let pkcs8 = self.signing.pkcs8();
        let mut out = Zeroizing::new(Vec::with_capacity(
            1 + 16 + 16 + 1 + 32 * self.supervisors.len() + 2 + pkcs8.len() + self.relay.len(),
        ));
        out.push(KIT_V2);
        out.extend_from_slice(&self.team_id);
        out.extend_from_slice(&self.device_id);
        out.push(u8::try_from(self.supervisors.len()).unwrap_or(0));
        for key in &self.supervisors {
            out.extend_from_slice(key);
        }
        out.extend_from_slice(&u16::try_from(pkcs8.len()).unwrap_or(0).to_be_bytes());
        out.extend_from_slice(pkcs8);
        out.extend_from_slice(self.relay.as_bytes());
        out
    }

    fn decode(bytes: &[u8]) -> Option<Kit> {
        let (&version, rest) = bytes.split_first()?;
        let (team_id, rest) = rest.split_first_chunk::<16>()?;
        let (device_id, mut rest) = rest.split_first_chunk::<16>()?;
        let count = match version {
            KIT_V1 => 1,
            KIT_V2 => {
                let (&n, after) = rest.split_first()?;
                rest = after;
                usize::from(n)
            }
            _ => return None,
        };
        if !(1..=MAX_READERS).contains(&count) {
            return None;
        }
        let mut supervisors = Vec::with_capacity(count);
        for _ in 0..count {
            let (key, after) = rest.split_first_chunk::<32>()?;
            supervisors.push(*key);
            rest = after;
        }
        let (len, rest) = rest.split_first_chunk::<2>()?;
        let (pkcs8, relay) = rest.split_at_checked(usize::from(u16::from_be_bytes(*len)))?;
        Some(Kit {
            relay: String::from_utf8(relay.to_vec()).ok()?,
            team_id: *team_id,
            device_id: *device_id,
            supervisors,
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
    // Every supervisor reads a notice, deputies included: the one who signed the latest
    // roster (the one most recently at work) first, then the others in roster order, as
    // many as a notice has slots.
    let signer = body
        .device(&body.signer)
        .filter(|d| d.role == ponte_proto::Role::Supervisor);
    let mut supervisors: Vec<[u8; 32]> = Vec::with_capacity(MAX_READERS);
    for device in signer.into_iter().chain(body.supervisors()) {
        if supervisors.len() < MAX_READERS && !supervisors.contains(&device.agreement_pk.0) {
            supervisors.push(device.agreement_pk.0);
        }
    }
    if supervisors.is_empty() {
        return Ok(None);
    }
    let mut kit = Kit {
        relay: state.relay.clone(),
        team_id: state.team_id()?,
        device_id: store.device_id(),
        supervisors,
        signing: store.signing_key()?,
    };
    // A long relay address leaves room for fewer keys in the store's padded kit: the
    // last supervisors give way, never the whole notice.
    while kit.encode().len() > ponte_store::MAX_DURESS_KIT_BYTES && kit.supervisors.len() > 1 {
        kit.supervisors.pop();
    }
    Ok(Some(kit))
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

/// The notice, signed by the kit's device and sealed to its supervisors:
/// [`MAX_READERS`] slots of a wrapped key (where there is no supervisor, the key wrapped
/// for a throwaway X25519 key nobody keeps, alike to the relay), then the sealed
/// plaintext.
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
    let mut sealed = Vec::with_capacity(MAX_READERS * WRAPPED_LEN + SEALED_LEN);
    for slot in 0..MAX_READERS {
        let recipient = match kit.supervisors.get(slot) {
            Some(supervisor) => *supervisor,
            None => crypto::AgreementKey::generate()?.public_key(),
        };
        sealed.extend_from_slice(&crypto::seal_key_to(&recipient, &aad, &key)?);
    }
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

/// Opens one notice: sealed to `agreement` in one of its slots (a notice of the first
/// layout has one), signed by the roster's key of the device the relay names. `None`
/// for anything else.
fn open(
    agreement: &crypto::AgreementKey,
    body: &RosterBody,
    device: &DeviceId,
    sealed: &[u8],
) -> Option<Opened> {
    let entry = body.device(device)?;
    let aad = notice_aad(&body.team_id.0, &device.0);
    let slots_len = sealed.len().checked_sub(SEALED_LEN)?;
    if slots_len == 0 || slots_len % WRAPPED_LEN != 0 || slots_len / WRAPPED_LEN > MAX_READERS {
        return None;
    }
    let (slots, rest) = sealed.split_at(slots_len);
    let key = slots
        .chunks_exact(WRAPPED_LEN)
        .find_map(|wrapped| crypto::open_key_from(agreement, &aad, wrapped).ok())?;
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
            vouched_erasures: Vec::new(),
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
            supervisors: vec![supervisor.public_key()],
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

    #[test]
    fn every_supervisor_opens_a_notice_of_one_size_and_an_older_kit_and_notice_still_work() {
        let deputies: Vec<_> = (0..3)
            .map(|_| crypto::AgreementKey::generate().unwrap())
            .collect();
        let signing = SigningKey::generate().unwrap();
        let body = roster([1; 16], [2; 16], signing.public_key());
        let kit = Kit {
            relay: "https://relay.example".into(),
            team_id: [1; 16],
            device_id: [2; 16],
            supervisors: deputies.iter().map(|d| d.public_key()).collect(),
            signing,
        };
        let kit = Kit::decode(&kit.encode()).unwrap();
        assert_eq!(kit.supervisors.len(), 3);
        let sealed = seal(&kit, 77).unwrap();
        assert_eq!(sealed.len(), MAX_READERS * WRAPPED_LEN + SEALED_LEN);
        assert!(sealed.len() <= ponte_proto::limits::MAX_NOTICE_SEALED_BYTES);
        for deputy in &deputies {
            let opened = open(deputy, &body, &DeviceId([2; 16]), &sealed).unwrap();
            assert_eq!(opened.at_ms, 77);
        }
        let outsider = crypto::AgreementKey::generate().unwrap();
        assert!(open(&outsider, &body, &DeviceId([2; 16]), &sealed).is_none());
        // One supervisor or three: the same size on the relay.
        let one = Kit {
            supervisors: vec![deputies[0].public_key()],
            ..Kit::decode(&kit.encode()).unwrap()
        };
        assert_eq!(seal(&one, 1).unwrap().len(), sealed.len());

        // A kit of the first layout (one key, no count), as a duress unlock may have
        // left waiting, still decodes, and a notice of the first layout (one slot)
        // still opens.
        let mut v1 = vec![KIT_V1];
        v1.extend_from_slice(&[1; 16]);
        v1.extend_from_slice(&[2; 16]);
        v1.extend_from_slice(&deputies[1].public_key());
        let pkcs8 = kit.signing.pkcs8();
        v1.extend_from_slice(&u16::try_from(pkcs8.len()).unwrap().to_be_bytes());
        v1.extend_from_slice(pkcs8);
        v1.extend_from_slice(b"https://relay.example");
        let old = Kit::decode(&v1).unwrap();
        assert_eq!(old.supervisors, vec![deputies[1].public_key()]);
        let aad = notice_aad(&[1; 16], &[2; 16]);
        let key = SecretKey::generate().unwrap();
        let input = notice_signing_input(&TeamId([1; 16]), &DeviceId([2; 16]), KIND_DURESS, 5);
        let mut plain = vec![KIND_DURESS];
        plain.extend_from_slice(&5u64.to_be_bytes());
        plain.extend_from_slice(&old.signing.sign(&input));
        let mut first_layout = crypto::seal_key_to(&deputies[1].public_key(), &aad, &key).unwrap();
        first_layout.extend_from_slice(&crypto::seal(&key, &aad, &plain).unwrap());
        let opened = open(&deputies[1], &body, &DeviceId([2; 16]), &first_layout).unwrap();
        assert_eq!(opened.at_ms, 5);
        // A kit naming no supervisor, or more than a notice has slots, is refused.
        let mut none = v1.clone();
        none[0] = KIT_V2;
        none.insert(33, 0);
        assert!(Kit::decode(&none).is_none());
    }
}
