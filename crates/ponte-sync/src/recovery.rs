//! The team's recovery kit: what the supervisor prints at team creation and keeps in
//! the office safe, so that a team survives the loss of every supervisor device.
//!
//! The kit is a code (`ponterec1:` + base64url, also drawn as a QR) holding the relay
//! URL, the team id, the public key of a supervisor (the anchor the new device checks
//! the roster chain from, as an invite's) and a 32-byte secret. From the secret alone,
//! with HKDF, come an Ed25519 key, an X25519 key and a device id: the roster lists them
//! as the team's [`Role::Recovery`] entry, and every roster seals the team keys to it
//! like to any device. The relay therefore holds only public keys and sealed bytes: the
//! kit never reaches it in a usable form, and nothing on a device keeps the secret
//! (it is shown once, when made).
//!
//! Using the kit (see [`crate::team::recover`]) signs one roster with its key: the new
//! device becomes the supervisor, the lost supervisor devices leave, the team key
//! rotates, and a new kit replaces the used one, which no later roster accepts.
//!
//! [`Role::Recovery`]: ponte_proto::Role::Recovery

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ponte_crypto::{self as crypto, AgreementKey, SecretKey, SigningKey};
use ponte_proto::Role;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::roster::Member;
use crate::{Result, SyncError};

const PREFIX: &str = "ponterec1:";

/// What the name of the recovery entry says on every device (never shown as a device).
pub const ENTRY_NAME: &str = "recovery kit";

/// A decoded recovery kit.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kit {
    /// Relay base URL.
    pub relay: String,
    /// Team id.
    pub team_id: [u8; 16],
    /// A supervisor's Ed25519 key when the kit was made: the new device checks the
    /// roster chain from a roster this key signed.
    pub anchor_pk: [u8; 32],
    /// The secret every key of the kit comes from.
    pub secret: [u8; 32],
}

impl std::fmt::Debug for Kit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kit")
            .field("team_id", &hex::encode(self.team_id))
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// The keys a kit's secret gives (`Debug` shows no secret).
#[derive(Debug)]
pub struct KitKeys {
    /// The recovery entry's device id.
    pub device_id: [u8; 16],
    /// Its Ed25519 key (signs the recovery roster and its requests).
    pub signing: SigningKey,
    /// Its X25519 key (opens the team keys every roster seals to it).
    pub agreement: AgreementKey,
}

impl Kit {
    /// A fresh kit for the team (a new secret from the system's generator).
    pub fn generate(relay: &str, team_id: [u8; 16], anchor_pk: [u8; 32]) -> Result<Kit> {
        Ok(Kit {
            relay: relay.to_owned(),
            team_id,
            anchor_pk,
            secret: crypto::random_array()?,
        })
    }

    /// The keys this kit's secret gives (always the same ones).
    pub fn keys(&self) -> Result<KitKeys> {
        let root = SecretKey::from_bytes(self.secret);
        let derive = |what: &[u8]| {
            crypto::hkdf(
                &root,
                &self.team_id,
                &[b"ponte/recovery/v1/".as_slice(), what].concat(),
            )
        };
        let mut device_id = [0u8; 16];
        device_id.copy_from_slice(&derive(b"device-id").expose()[..16]);
        let signing = SigningKey::from_seed(derive(b"signing").expose())?;
        let agreement = AgreementKey::from_bytes(*derive(b"agreement").expose());
        Ok(KitKeys {
            device_id,
            signing,
            agreement,
        })
    }

    /// The roster entry of this kit.
    pub fn member(&self) -> Result<Member> {
        let keys = self.keys()?;
        Ok(Member {
            device_id: keys.device_id,
            signing_pk: keys.signing.public_key(),
            agreement_pk: keys.agreement.public_key(),
            role: Role::Recovery,
            name: ENTRY_NAME.to_owned(),
        })
    }

    /// The text code.
    pub fn to_code(&self) -> Zeroizing<String> {
        let bytes = Zeroizing::new(postcard::to_allocvec(self).unwrap_or_default());
        Zeroizing::new(format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(bytes.as_slice())
        ))
    }

    /// Parse a text code (surrounding whitespace ignored).
    pub fn from_code(code: &str) -> Result<Kit> {
        let body = code
            .trim()
            .strip_prefix(PREFIX)
            .ok_or(SyncError::BadRecoveryKit)?;
        let bytes = Zeroizing::new(
            URL_SAFE_NO_PAD
                .decode(body)
                .map_err(|_| SyncError::BadRecoveryKit)?,
        );
        postcard::from_bytes(&bytes).map_err(|_| SyncError::BadRecoveryKit)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_kit_round_trips_and_always_gives_the_same_keys() {
        let kit = Kit::generate("https://relay.example", [1; 16], [2; 32]).unwrap();
        let code = kit.to_code();
        assert!(code.starts_with(PREFIX));
        let back = Kit::from_code(&format!("\n {} ", code.as_str())).unwrap();
        assert_eq!(back, kit);
        let (a, b) = (kit.keys().unwrap(), back.keys().unwrap());
        assert_eq!(a.device_id, b.device_id);
        assert_eq!(a.signing.public_key(), b.signing.public_key());
        assert_eq!(a.agreement.public_key(), b.agreement.public_key());
        // Another team's kit with the same secret gives other keys.
        let other = Kit {
            team_id: [3; 16],
            ..kit.clone()
        };
        assert_ne!(
            other.keys().unwrap().signing.public_key(),
            a.signing.public_key()
        );
        assert!(Kit::from_code("ponterec1:???").is_err());
        assert!(Kit::from_code("ponte1:AAAA").is_err());
        let debug = format!("{kit:?}");
        assert!(!debug.contains(&hex::encode(kit.secret)));
    }
}
