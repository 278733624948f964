//! Notices a member device leaves its supervisor through the relay (today one kind:
//! "the duress passphrase was used on this device").
//!
//! The device sends `POST /v2/notices` signed as itself (request signature), with a
//! [`LeaveNotice`] whose `sealed` bytes the relay cannot read: the notice, signed with
//! the device's key over [`notice_signing_input`] and sealed to the supervisors'
//! X25519 keys. The relay keeps at most [`crate::limits::MAX_NOTICES_PER_DEVICE`] per
//! device, each at most [`crate::limits::MAX_NOTICE_SEALED_BYTES`], refuses a device
//! that is not in the team's latest roster, and drops a device's notices when a
//! roster removes it. The supervisor reads them with `GET /v2/notices?team=HEX`
//! ([`Notices`]). What the relay learns: that a device left a sealed notice, when,
//! and its size (fixed by the device).

use serde::{Deserialize, Serialize};

use crate::ids::{DeviceId, TeamId};

/// Domain separation of a notice's signature.
const NOTICE_CONTEXT: &[u8] = b"ponte-notice-v1\n";

/// Body of `POST /v2/notices`, signed (request signature) by a device of the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveNotice {
    /// The team.
    pub team_id: TeamId,
    /// The notice sealed to the supervisors (opaque to the relay), 1 to
    /// [`crate::limits::MAX_NOTICE_SEALED_BYTES`] bytes.
    #[serde(with = "crate::ids::bytes")]
    pub sealed: Vec<u8>,
}

/// A notice as the supervisor fetches it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The device that left it (authenticated by the relay; the sealed notice carries
    /// the device's own signature, which the supervisor checks).
    pub device_id: DeviceId,
    /// When the relay received it (unix ms, the relay's clock).
    pub received_at: u64,
    /// The sealed notice.
    #[serde(with = "crate::ids::bytes")]
    pub sealed: Vec<u8>,
}

/// Answer to `GET /v2/notices?team=HEX` (supervisor): the notices of the team's
/// devices, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notices {
    /// Oldest first.
    pub notices: Vec<Notice>,
}

/// The bytes a device signs inside a notice: `"ponte-notice-v1\n" || team_id ||
/// device_id || kind || at_ms as u64 big-endian`. `kind` 1 is "duress passphrase
/// used".
pub fn notice_signing_input(team: &TeamId, device: &DeviceId, kind: u8, at_ms: u64) -> Vec<u8> {
    let mut input = Vec::with_capacity(NOTICE_CONTEXT.len() + 16 + 16 + 1 + 8);
    input.extend_from_slice(NOTICE_CONTEXT);
    input.extend_from_slice(team.as_bytes());
    input.extend_from_slice(device.as_bytes());
    input.push(kind);
    input.extend_from_slice(&at_ms.to_be_bytes());
    input
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{decode, encode};

    #[test]
    fn a_notice_encodes_as_its_ids_and_bytes() {
        let leave = LeaveNotice {
            team_id: TeamId([1; 16]),
            sealed: vec![9; 300],
        };
        let bytes = encode(&leave).unwrap();
        assert_eq!(bytes.len(), 16 + 2 + 300);
        assert_eq!(decode::<LeaveNotice>(&bytes).unwrap(), leave);
        let input = notice_signing_input(&TeamId([1; 16]), &DeviceId([2; 16]), 1, 5);
        assert_eq!(input.len(), 16 + 16 + 16 + 1 + 8);
        assert!(input.starts_with(b"ponte-notice-v1\n"));
    }
}
