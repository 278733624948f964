//! Ed25519 device signatures.

use std::fmt;

use ring::rand::SystemRandom;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use zeroize::Zeroizing;

use crate::CryptoError;

/// A device's Ed25519 signing key (relay request authentication, roster).
///
/// Holds the PKCS#8 v2 document (in a buffer zeroized on drop) so the store
/// can wrap and persist it, plus the parsed `ring` key pair. `Debug` prints
/// `<redacted>` and the public key in hex.
///
/// `ring`'s key pair does not zeroize its own copy of the private key; see the
/// crate docs on memory hygiene.
pub struct SigningKey {
    pkcs8: Zeroizing<Vec<u8>>,
    pair: Ed25519KeyPair,
    public: [u8; 32],
}

impl SigningKey {
    /// A fresh key pair from the operating system's CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let document =
            Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).map_err(|_| CryptoError::Rng)?;
        Self::from_pkcs8(document.as_ref())
    }

    /// The key pair whose private seed is `seed` (Ed25519 keys are a 32-byte seed): the
    /// same seed always gives the same key, as a key derived from a printed code must.
    /// `seed` must be uniformly random or the output of a KDF over enough entropy.
    pub fn from_seed(seed: &[u8; 32]) -> Result<Self, CryptoError> {
        let pair = Ed25519KeyPair::from_seed_unchecked(seed).map_err(|_| CryptoError::BadKey)?;
        // The PKCS#8 v2 document ring itself writes for an Ed25519 key: a fixed header,
        // the seed, a fixed middle, the public key.
        const HEAD: [u8; 16] = [
            0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20,
        ];
        const MIDDLE: [u8; 5] = [0xa1, 0x23, 0x03, 0x21, 0x00];
        let mut document = Zeroizing::new(Vec::with_capacity(85));
        document.extend_from_slice(&HEAD);
        document.extend_from_slice(seed);
        document.extend_from_slice(&MIDDLE);
        document.extend_from_slice(pair.public_key().as_ref());
        Self::from_pkcs8(&document)
    }

    /// Loads a key from a PKCS#8 v2 document as returned by
    /// [`SigningKey::pkcs8`]. The embedded public key must match the private
    /// key; anything else is [`CryptoError::BadKey`].
    pub fn from_pkcs8(pkcs8: &[u8]) -> Result<Self, CryptoError> {
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|_| CryptoError::BadKey)?;
        let public = pair
            .public_key()
            .as_ref()
            .try_into()
            .map_err(|_| CryptoError::BadKey)?;
        Ok(Self {
            pkcs8: Zeroizing::new(pkcs8.to_vec()),
            pair,
            public,
        })
    }

    /// The PKCS#8 v2 document holding the private key. Secret: [`seal`] it
    /// (for example under the device master key) before it leaves memory.
    ///
    /// [`seal`]: crate::seal
    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The 32-byte Ed25519 public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.public
    }

    /// Signs `msg` (Ed25519 is deterministic: the same message gives the same
    /// signature).
    pub fn sign(&self, msg: &[u8]) -> [u8; 64] {
        let mut out = [0; 64];
        // An Ed25519 signature is always 64 bytes.
        out.copy_from_slice(self.pair.sign(msg).as_ref());
        out
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("public_key", &hex::encode(self.public))
            .field("secret", &format_args!("<redacted>"))
            .finish()
    }
}

/// Verifies an Ed25519 signature over `msg` by `public_key`.
///
/// Any failure, including a signature of the wrong length, is
/// [`CryptoError::BadSignature`].
pub fn verify_signature(public_key: &[u8; 32], msg: &[u8], sig: &[u8]) -> Result<(), CryptoError> {
    UnparsedPublicKey::new(&ED25519, public_key)
        .verify(msg, sig)
        .map_err(|_| CryptoError::BadSignature)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    // RFC 8032 section 7.1, TEST 1.
    const RFC_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const RFC_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const RFC_SIG: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    /// PKCS#8 v2 (RFC 8410 OneAsymmetricKey) for an Ed25519 seed and public key.
    fn pkcs8_v2(seed: &[u8], public: &[u8]) -> Vec<u8> {
        let mut doc = hex::decode("3053020101300506032b657004220420").unwrap();
        doc.extend_from_slice(seed);
        doc.extend_from_slice(&hex::decode("a123032100").unwrap());
        doc.extend_from_slice(public);
        doc
    }

    fn public_array(hex_str: &str) -> [u8; 32] {
        hex::decode(hex_str).unwrap().try_into().unwrap()
    }

    #[test]
    fn matches_rfc8032_test_1() {
        let seed = hex::decode(RFC_SEED).unwrap();
        let public = public_array(RFC_PUBLIC);
        let key = SigningKey::from_pkcs8(&pkcs8_v2(&seed, &public)).unwrap();
        assert_eq!(key.public_key(), public);
        assert_eq!(hex::encode(key.sign(b"")), RFC_SIG);
        verify_signature(&public, b"", &hex::decode(RFC_SIG).unwrap()).unwrap();
    }

    #[test]
    fn a_seed_gives_the_rfc8032_key_every_time() {
        let seed: [u8; 32] = hex::decode(RFC_SEED).unwrap().try_into().unwrap();
        let key = SigningKey::from_seed(&seed).unwrap();
        assert_eq!(key.public_key(), public_array(RFC_PUBLIC));
        assert_eq!(hex::encode(key.sign(b"")), RFC_SIG);
        assert_eq!(key.pkcs8(), pkcs8_v2(&seed, &key.public_key()).as_slice());
        let again = SigningKey::from_seed(&seed).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        assert_ne!(
            SigningKey::from_seed(&[1; 32]).unwrap().public_key(),
            key.public_key()
        );
    }

    #[test]
    fn sign_verify_round_trip() {
        let key = SigningKey::generate().unwrap();
        let sig = key.sign(b"POST /v1/push");
        verify_signature(&key.public_key(), b"POST /v1/push", &sig).unwrap();
        assert!(matches!(
            verify_signature(&key.public_key(), b"POST /v1/pull", &sig),
            Err(CryptoError::BadSignature)
        ));
        let other = SigningKey::generate().unwrap();
        assert!(matches!(
            verify_signature(&other.public_key(), b"POST /v1/push", &sig),
            Err(CryptoError::BadSignature)
        ));
        assert!(matches!(
            verify_signature(&key.public_key(), b"POST /v1/push", &sig[..63]),
            Err(CryptoError::BadSignature)
        ));
    }

    #[test]
    fn pkcs8_reload_gives_the_same_key() {
        let key = SigningKey::generate().unwrap();
        let reloaded = SigningKey::from_pkcs8(key.pkcs8()).unwrap();
        assert_eq!(reloaded.public_key(), key.public_key());
        assert_eq!(reloaded.sign(b"m"), key.sign(b"m"));
        verify_signature(&key.public_key(), b"m", &reloaded.sign(b"m")).unwrap();
    }

    #[test]
    fn from_pkcs8_rejects_malformed_documents() {
        let seed = hex::decode(RFC_SEED).unwrap();
        let mut wrong_public = public_array(RFC_PUBLIC);
        wrong_public[0] ^= 1;
        let good = SigningKey::generate().unwrap().pkcs8().to_vec();
        for doc in [
            Vec::new(),
            vec![0; 85],
            good[..good.len() - 1].to_vec(),
            pkcs8_v2(&seed, &wrong_public),
        ] {
            assert!(matches!(
                SigningKey::from_pkcs8(&doc),
                Err(CryptoError::BadKey)
            ));
        }
    }

    #[test]
    fn debug_is_redacted_but_shows_public_key() {
        let key = SigningKey::generate().unwrap();
        // In a PKCS#8 v2 Ed25519 document the 32-byte seed follows a 16-byte header.
        let seed = hex::encode(&key.pkcs8()[16..48]);
        let shown = format!("{key:?} {key:#?}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(shown.contains(&hex::encode(key.public_key())), "{shown}");
        assert!(!shown.contains(&seed), "{shown}");
        assert!(!shown.contains(&seed[..16]), "{shown}");
        assert!(!shown.contains(&hex::encode(key.pkcs8())), "{shown}");
    }
}
