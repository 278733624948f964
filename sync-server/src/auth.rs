//! The only cryptography the relay does: verify Ed25519 signatures, hash, and compare
//! digests in constant time.
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

/// Whether `digest` is one of `listed`, in time that depends only on how many are
/// listed: every digest is compared, every byte of each, without an early exit.
pub(crate) fn digest_listed(digest: &[u8; 32], listed: &[[u8; 32]]) -> bool {
    let mut found = 0u8;
    for candidate in listed {
        let mut differ = 0u8;
        for (a, b) in digest.iter().zip(candidate) {
            differ |= a ^ b;
        }
        // 1 when equal, else 0, without a branch on the bytes.
        found |= u8::from(std::hint::black_box(differ) == 0);
    }
    std::hint::black_box(found) == 1
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
    fn a_digest_is_found_only_if_listed() {
        let (a, b) = (sha256(b"a"), sha256(b"b"));
        assert!(digest_listed(&a, &[b, a]));
        assert!(digest_listed(&a, &[a]));
        assert!(!digest_listed(&a, &[b]));
        assert!(!digest_listed(&a, &[]));
        let mut near = a;
        near[31] ^= 1;
        assert!(!digest_listed(&near, &[a, b]));
    }

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            hex::encode(sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
