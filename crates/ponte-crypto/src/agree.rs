//! X25519 device keys and sealing a key to one device.

use std::fmt;

use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::keys::fill_random;
use crate::{CryptoError, SecretKey, hkdf, open, seal};

const SEAL_TO_INFO_PREFIX: &[u8] = b"ponte/seal-to/v1";
const PUBLIC_LEN: usize = 32;

/// A device's long-lived X25519 key, used to receive wrapped team keys.
///
/// Backed by `x25519-dalek`'s `StaticSecret`, which zeroizes on drop. `Debug`
/// prints `<redacted>` and the public key in hex.
pub struct AgreementKey(StaticSecret);

impl AgreementKey {
    /// A fresh key from 32 bytes of `ring`'s `SystemRandom`.
    pub fn generate() -> Result<Self, CryptoError> {
        let mut bytes = Zeroizing::new([0; 32]);
        fill_random(bytes.as_mut_slice())?;
        Ok(Self::from_bytes(*bytes))
    }

    /// Rebuilds a key from the bytes returned by [`AgreementKey::to_bytes`].
    /// Every 32-byte string is a valid X25519 secret (clamping happens at use).
    pub fn from_bytes(b: [u8; 32]) -> Self {
        Self(StaticSecret::from(b))
    }

    /// The secret bytes, for wrapping and persisting. Zeroized on drop.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    /// The 32-byte X25519 public key to register with the team.
    pub fn public_key(&self) -> [u8; 32] {
        PublicKey::from(&self.0).to_bytes()
    }

    /// HKDF over the X25519 shared secret with `their_public`; `None` when the
    /// exchange is non-contributory (a low-order point gives an all-zero secret
    /// that any observer could compute).
    fn derive(
        &self,
        their_public: &[u8; 32],
        ephemeral_public: &[u8; 32],
        recipient_public: &[u8; 32],
        aad_info: &[u8],
    ) -> Option<SecretKey> {
        let shared = self.0.diffie_hellman(&PublicKey::from(*their_public));
        if !shared.was_contributory() {
            return None;
        }
        let ikm = SecretKey::from_slice(shared.as_bytes())?;
        let mut salt = [0; 2 * PUBLIC_LEN];
        salt[..PUBLIC_LEN].copy_from_slice(ephemeral_public);
        salt[PUBLIC_LEN..].copy_from_slice(recipient_public);
        Some(hkdf(&ikm, &salt, aad_info))
    }
}

impl fmt::Debug for AgreementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgreementKey")
            .field("public_key", &hex::encode(self.public_key()))
            .field("secret", &format_args!("<redacted>"))
            .finish()
    }
}

fn seal_to_info(aad: &[u8]) -> Vec<u8> {
    let mut info = Vec::with_capacity(SEAL_TO_INFO_PREFIX.len() + aad.len());
    info.extend_from_slice(SEAL_TO_INFO_PREFIX);
    info.extend_from_slice(aad);
    info
}

/// Seals `key` so only the holder of the X25519 secret behind
/// `recipient_public` can open it (how a supervisor sends the team key to a
/// newly approved device).
///
/// A fresh ephemeral X25519 key pair is generated per call; the shared secret
/// goes through HKDF-SHA256 with salt `ephemeral_pub || recipient_pub` and info
/// `"ponte/seal-to/v1" || aad`, and the result seals the key with AES-256-GCM
/// (the same info string is the AEAD associated data). Output:
/// `[32-byte ephemeral public key][seal output]`.
///
/// Put the context in `aad` (team id, epoch, recipient device id) so a sealed
/// key cannot be replayed into another context.
///
/// # Errors
///
/// [`CryptoError::BadKey`] if `recipient_public` is a low-order point (the
/// shared secret would be all zeros, readable by anyone);
/// [`CryptoError::Rng`] if randomness fails.
pub fn seal_key_to(
    recipient_public: &[u8; 32],
    aad: &[u8],
    key: &SecretKey,
) -> Result<Vec<u8>, CryptoError> {
    // Single use: dropped (and zeroized) at the end of this function.
    let ephemeral = AgreementKey::generate()?;
    let ephemeral_public = ephemeral.public_key();
    let info = seal_to_info(aad);
    let wrapping_key = ephemeral
        .derive(recipient_public, &ephemeral_public, recipient_public, &info)
        .ok_or(CryptoError::BadKey)?;
    let sealed = seal(&wrapping_key, &info, key.expose())?;

    let mut out = Vec::with_capacity(PUBLIC_LEN + sealed.len());
    out.extend_from_slice(&ephemeral_public);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens a [`seal_key_to`] output with the recipient's X25519 key.
///
/// Every failure, including a low-order ephemeral key planted by an attacker,
/// is the detail-free [`CryptoError::Decrypt`].
pub fn open_key_from(
    recipient: &AgreementKey,
    aad: &[u8],
    sealed: &[u8],
) -> Result<SecretKey, CryptoError> {
    let (ephemeral_public, body) = sealed
        .split_first_chunk::<PUBLIC_LEN>()
        .ok_or(CryptoError::Decrypt)?;
    let info = seal_to_info(aad);
    let wrapping_key = recipient
        .derive(
            ephemeral_public,
            ephemeral_public,
            &recipient.public_key(),
            &info,
        )
        .ok_or(CryptoError::Decrypt)?;
    let plain = open(&wrapping_key, &info, body)?;
    SecretKey::from_slice(&plain).ok_or(CryptoError::Decrypt)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn public_key_matches_rfc7748_vector() {
        // RFC 7748 section 6.1, Alice.
        let bytes: [u8; 32] =
            hex::decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
                .unwrap()
                .try_into()
                .unwrap();
        let alice = AgreementKey::from_bytes(bytes);
        assert_eq!(
            hex::encode(alice.public_key()),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
        );
        assert_eq!(*alice.to_bytes(), bytes);
    }

    #[test]
    fn seal_to_round_trip() {
        let device = AgreementKey::generate().unwrap();
        let team_key = SecretKey::generate().unwrap();
        let sealed = seal_key_to(&device.public_key(), b"team-1/epoch-3", &team_key).unwrap();
        assert_eq!(sealed.len(), 32 + 1 + 12 + 32 + 16);
        let opened = open_key_from(&device, b"team-1/epoch-3", &sealed).unwrap();
        assert_eq!(opened.expose(), team_key.expose());
    }

    #[test]
    fn ephemeral_keys_are_fresh() {
        let device = AgreementKey::generate().unwrap();
        let key = SecretKey::from_bytes([1; 32]);
        let a = seal_key_to(&device.public_key(), b"", &key).unwrap();
        let b = seal_key_to(&device.public_key(), b"", &key).unwrap();
        assert_ne!(a[..32], b[..32]);
    }

    #[test]
    fn wrong_recipient_or_aad_fails() {
        let device = AgreementKey::generate().unwrap();
        let other = AgreementKey::generate().unwrap();
        let key = SecretKey::generate().unwrap();
        let sealed = seal_key_to(&device.public_key(), b"ctx", &key).unwrap();
        assert!(matches!(
            open_key_from(&other, b"ctx", &sealed),
            Err(CryptoError::Decrypt)
        ));
        assert!(matches!(
            open_key_from(&device, b"ctx2", &sealed),
            Err(CryptoError::Decrypt)
        ));
    }

    // Low-order points from the X25519 blacklist used by libsodium: u = 0,
    // u = 1, and one point of order 8.
    fn low_order_points() -> Vec<[u8; 32]> {
        let mut one = [0; 32];
        one[0] = 1;
        let order8: [u8; 32] =
            hex::decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")
                .unwrap()
                .try_into()
                .unwrap();
        vec![[0; 32], one, order8]
    }

    #[test]
    fn sealing_to_a_low_order_point_is_refused() {
        let key = SecretKey::generate().unwrap();
        for point in low_order_points() {
            assert!(
                matches!(seal_key_to(&point, b"", &key), Err(CryptoError::BadKey)),
                "{}",
                hex::encode(point)
            );
        }
    }

    #[test]
    fn a_low_order_ephemeral_key_fails_to_open() {
        let device = AgreementKey::generate().unwrap();
        let key = SecretKey::generate().unwrap();
        let sealed = seal_key_to(&device.public_key(), b"", &key).unwrap();
        for point in low_order_points() {
            let mut forged = sealed.clone();
            forged[..32].copy_from_slice(&point);
            assert!(matches!(
                open_key_from(&device, b"", &forged),
                Err(CryptoError::Decrypt)
            ));
        }
    }

    #[test]
    fn short_input_fails_to_open() {
        let device = AgreementKey::generate().unwrap();
        for len in [0, 31, 32, 32 + 28] {
            assert!(matches!(
                open_key_from(&device, b"", &vec![9; len]),
                Err(CryptoError::Decrypt)
            ));
        }
    }

    #[test]
    fn debug_is_redacted() {
        let key = AgreementKey::from_bytes([0x6b; 32]);
        let shown = format!("{key:?} {key:#?}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(!shown.contains("6b6b"), "{shown}");
        assert!(!shown.contains("107, 107"), "decimal bytes leaked: {shown}");
    }
}
