//! SHA-256 and HMAC-SHA256.

use ring::{digest, hmac};

use crate::CryptoError;

/// SHA-256 of `data` (for example a log entry id from its ciphertext).
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut out = [0; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, data).as_ref());
    out
}

/// HMAC-SHA256 of `data` under `key`.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    let mut out = [0; 32];
    out.copy_from_slice(hmac::sign(&key, data).as_ref());
    out
}

/// Checks an HMAC-SHA256 `tag` in constant time (`ring::hmac::verify`).
///
/// A mismatch, including a tag of the wrong length, is
/// [`CryptoError::BadSignature`]. Never compare tags with `==`.
pub fn hmac_sha256_verify(key: &[u8], data: &[u8], tag: &[u8]) -> Result<(), CryptoError> {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    hmac::verify(&key, data, tag).map_err(|_| CryptoError::BadSignature)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn sha256_matches_fips_180_vector() {
        assert_eq!(
            hex::encode(sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn hmac_matches_known_answer() {
        // Widely published HMAC-SHA256 example, also checked with Python's hmac.
        let tag = hmac_sha256(b"key", b"The quick brown fox jumps over the lazy dog");
        assert_eq!(
            hex::encode(tag),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }

    #[test]
    fn hmac_verify_accepts_good_and_rejects_bad_tags() {
        let tag = hmac_sha256(b"k", b"msg");
        hmac_sha256_verify(b"k", b"msg", &tag).unwrap();
        let mut bad = tag;
        bad[31] ^= 1;
        for (key, data, tag) in [
            (&b"k"[..], &b"msg"[..], &bad[..]),
            (b"k2", b"msg", &tag[..]),
            (b"k", b"msg2", &tag[..]),
            (b"k", b"msg", &tag[..31]),
            (b"k", b"msg", &[][..]),
        ] {
            assert!(matches!(
                hmac_sha256_verify(key, data, tag),
                Err(CryptoError::BadSignature)
            ));
        }
    }
}
