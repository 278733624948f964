//! The invite: what a supervisor shows (QR code or text) to a new device.
//!
//! It holds the relay URL, the team id, a one-time token (the relay only keeps its
//! hash), a secret the relay never sees (the new device MACs its keys with it, and
//! seals its name with a key derived from it), the supervisor's public signing key
//! (to verify the roster) and the expiry. Text form: `ponte1:` + base64url.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::SyncError;

const PREFIX: &str = "ponte1:";

/// A decoded invite.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    /// Relay base URL.
    pub relay: String,
    /// Team id.
    pub team_id: [u8; 16],
    /// One-time token (the relay keeps its SHA-256).
    pub token: [u8; 32],
    /// Secret shared by supervisor and joiner only.
    pub secret: [u8; 32],
    /// The supervisor's Ed25519 public key.
    pub supervisor_pk: [u8; 32],
    /// Expiry, unix ms.
    pub expires_ms: u64,
}

impl std::fmt::Debug for Invite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invite")
            .field("team_id", &hex::encode(self.team_id))
            .field("secrets", &"<redacted>")
            .finish()
    }
}

impl Invite {
    /// The text code.
    pub fn to_code(&self) -> Zeroizing<String> {
        let bytes = Zeroizing::new(postcard::to_allocvec(self).unwrap_or_default());
        Zeroizing::new(format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(bytes.as_slice())
        ))
    }

    /// Parse a text code (surrounding whitespace ignored).
    pub fn from_code(code: &str) -> Result<Invite, SyncError> {
        let body = code
            .trim()
            .strip_prefix(PREFIX)
            .ok_or(SyncError::BadInvite)?;
        let bytes = Zeroizing::new(
            URL_SAFE_NO_PAD
                .decode(body)
                .map_err(|_| SyncError::BadInvite)?,
        );
        postcard::from_bytes(&bytes).map_err(|_| SyncError::BadInvite)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn code_round_trips_and_garbage_is_refused() {
        let invite = Invite {
            relay: "http://127.0.0.1:8080".into(),
            team_id: [1; 16],
            token: [2; 32],
            secret: [3; 32],
            supervisor_pk: [4; 32],
            expires_ms: 1_800_000_000_000,
        };
        let code = invite.to_code();
        assert!(code.starts_with("ponte1:"));
        assert_eq!(
            Invite::from_code(&format!(" {} \n", code.as_str())).unwrap(),
            invite
        );
        assert!(Invite::from_code("ponte1:!!!").is_err());
        assert!(Invite::from_code("hello").is_err());
        assert!(!format!("{invite:?}").contains("0303"));
    }
}
