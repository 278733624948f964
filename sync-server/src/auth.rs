//! The only cryptography the relay does: verify Ed25519 signatures and hash.
//!
//! It never decrypts, derives or holds a secret key; `ring` is used here and
//! nowhere else in the relay.

use ponte_proto::{Signature, SigningPublicKey};
use ring::digest::{SHA256, digest};
use ring::signature::{ED25519, UnparsedPublicKey};

/// SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest(&SHA256, bytes).as_ref());
    out
}

/// Whether `signature` is `key`'s Ed25519 signature of `message`.
pub(crate) fn verify(key: &SigningPublicKey, message: &[u8], signature: &Signature) -> bool {
    UnparsedPublicKey::new(&ED25519, key.as_bytes())
        .verify(message, signature.as_bytes())
        .is_ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use ring::rand::SystemRandom;
    use ring::signature::{Ed25519KeyPair, KeyPair};

    use super::*;

    #[test]
    fn verifies_only_the_signed_message_with_the_right_key() {
        let rng = SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
        let key = SigningPublicKey::from_slice(pair.public_key().as_ref()).unwrap();
        let signature = Signature::from_slice(pair.sign(b"hello").as_ref()).unwrap();
        assert!(verify(&key, b"hello", &signature));
        assert!(!verify(&key, b"hellO", &signature));
        assert!(!verify(&SigningPublicKey([7; 32]), b"hello", &signature));
    }

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            hex::encode(sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
