//! Key derivation: PBKDF2 for passphrases, HKDF for sub-keys.

use std::num::NonZeroU32;

use ring::hkdf as ring_hkdf;

use crate::{CryptoError, KEY_LEN, PBKDF2_ITERATIONS, SALT_LEN, SecretKey};

/// Derives the key-encryption key (KEK) from a passphrase with
/// PBKDF2-HMAC-SHA256.
///
/// `salt` is random per device (see [`random_array`](crate::random_array)) and
/// stored in the clear beside the wrapped master key, together with
/// `iterations`. Fewer than [`PBKDF2_ITERATIONS`] rounds are refused with
/// [`CryptoError::WeakKdf`], so a tampered or legacy stored count cannot
/// silently weaken the KEK.
pub fn derive_kek(
    passphrase: &[u8],
    salt: &[u8; SALT_LEN],
    iterations: u32,
) -> Result<SecretKey, CryptoError> {
    if iterations < PBKDF2_ITERATIONS {
        return Err(CryptoError::WeakKdf);
    }
    let iterations = NonZeroU32::new(iterations).ok_or(CryptoError::WeakKdf)?;
    Ok(pbkdf2_sha256(passphrase, salt, iterations))
}

/// PBKDF2-HMAC-SHA256 with no floor on the iteration count; kept private so
/// the known-answer tests can use the published low-count vectors.
///
/// RustCrypto's `pbkdf2` over `sha2` rather than `ring::pbkdf2`: the same function
/// (the tests check both give the same key), but it keeps the HMAC's keyed inner
/// and outer states and runs SHA-NI compressions back to back, which makes the
/// 600,000 rounds take about 75 ms here against ring's 126 ms. Every unlock,
/// including every `ponte` process, pays this once.
fn pbkdf2_sha256(passphrase: &[u8], salt: &[u8], iterations: NonZeroU32) -> SecretKey {
    let mut kek = SecretKey::zeroed();
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase, salt, iterations.get(), kek.bytes_mut());
    kek
}

/// HKDF-SHA256 (RFC 5869) with a 32-byte output.
///
/// `info` must name the purpose (for example `b"ponte/invite-mac/v1"`) so keys
/// derived from one input for different jobs are independent.
pub fn hkdf(ikm: &SecretKey, salt: &[u8], info: &[u8]) -> SecretKey {
    let prk = ring_hkdf::Salt::new(ring_hkdf::HKDF_SHA256, salt).extract(ikm.expose());
    let mut okm = SecretKey::zeroed();
    let filled = prk
        .expand(&[info], KeyLen)
        .and_then(|expanded| expanded.fill(okm.bytes_mut()));
    if filled.is_err() {
        // ring fails only when asked for more than 255 * 32 bytes or when the
        // buffer length differs from the requested length; both are the
        // constant KEY_LEN here.
        unreachable!("HKDF-SHA256 always yields 32 bytes");
    }
    okm
}

/// Output length marker for `ring::hkdf`.
struct KeyLen;

impl ring_hkdf::KeyType for KeyLen {
    fn len(&self) -> usize {
        KEY_LEN
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn pbkdf2_hex(passphrase: &[u8], salt: &[u8], iterations: u32) -> String {
        let key = pbkdf2_sha256(passphrase, salt, NonZeroU32::new(iterations).unwrap());
        hex::encode(key.expose())
    }

    // RFC 7914 section 11 gives PBKDF2-HMAC-SHA256 vectors with dkLen = 64.
    // PBKDF2's first output block is independent of dkLen, so the first 32
    // bytes of those vectors are our 32-byte output.
    #[test]
    fn pbkdf2_matches_rfc7914_vector_c1() {
        assert_eq!(
            pbkdf2_hex(b"passwd", b"salt", 1),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
    }

    #[test]
    fn pbkdf2_matches_rfc7914_vector_c80000() {
        assert_eq!(
            pbkdf2_hex(b"Password", b"NaCl", 80_000),
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
        );
    }

    // Known answer at the production floor, computed independently with
    // Python's OpenSSL-backed
    // `hashlib.pbkdf2_hmac("sha256", b"correct horse battery staple",
    // bytes(range(16)), 600000, 32)`.
    #[test]
    fn derive_kek_at_floor_matches_independent_implementation() {
        let salt: [u8; SALT_LEN] = core::array::from_fn(|i| i as u8);
        let kek = derive_kek(b"correct horse battery staple", &salt, PBKDF2_ITERATIONS).unwrap();
        assert_eq!(
            hex::encode(kek.expose()),
            "ef177144eec9420cbc1093d2a8b344a92bc506d0d4ec9c028dd19f8324d8c1e6"
        );
    }

    proptest::proptest! {
        /// Stores made when the KEK came from `ring::pbkdf2` still open: the same
        /// key for any passphrase, salt and count.
        #[test]
        fn pbkdf2_gives_what_ring_gives(
            passphrase in proptest::collection::vec(proptest::num::u8::ANY, 0..80),
            salt in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            iterations in 1u32..300,
        ) {
            let ours = pbkdf2_sha256(&passphrase, &salt, NonZeroU32::new(iterations).unwrap());
            let mut ring_key = [0u8; KEY_LEN];
            ring::pbkdf2::derive(
                ring::pbkdf2::PBKDF2_HMAC_SHA256,
                NonZeroU32::new(iterations).unwrap(),
                &salt,
                &passphrase,
                &mut ring_key,
            );
            proptest::prop_assert_eq!(ours.expose(), &ring_key);
        }
    }

    #[test]
    fn derive_kek_refuses_fewer_than_600k_iterations() {
        let salt = [0; SALT_LEN];
        for iterations in [0, 1, 10_000, 80_000, PBKDF2_ITERATIONS - 1] {
            assert!(
                matches!(
                    derive_kek(b"pass", &salt, iterations),
                    Err(CryptoError::WeakKdf)
                ),
                "{iterations} iterations were accepted"
            );
        }
    }

    // Known answer computed independently in Python from RFC 5869's
    // definition: PRK = HMAC(salt, IKM); OKM = HMAC(PRK, info || 0x01).
    #[test]
    fn hkdf_matches_independent_implementation() {
        let ikm = SecretKey::from_bytes(core::array::from_fn(|i| i as u8));
        let okm = hkdf(&ikm, b"ponte-test-salt", b"ponte-test-info");
        assert_eq!(
            hex::encode(okm.expose()),
            "5b039b383e533e09f3f435a2c4a44faf0e82a245f9a224afed49444fc88d83f6"
        );
        // An empty salt means HashLen zero bytes (RFC 5869 section 2.2).
        let okm = hkdf(&ikm, b"", b"");
        assert_eq!(
            hex::encode(okm.expose()),
            "37ad29109f43265287804b674e2653d0a513718907f97fca97c95bded8104bbf"
        );
    }

    #[test]
    fn hkdf_is_deterministic_and_separates_salt_and_info() {
        let ikm = SecretKey::from_bytes([9; KEY_LEN]);
        let a = hkdf(&ikm, b"salt", b"info-a");
        assert_eq!(a.expose(), hkdf(&ikm, b"salt", b"info-a").expose());
        assert_ne!(a.expose(), hkdf(&ikm, b"salt", b"info-b").expose());
        assert_ne!(a.expose(), hkdf(&ikm, b"salt2", b"info-a").expose());
        let other = SecretKey::from_bytes([10; KEY_LEN]);
        assert_ne!(a.expose(), hkdf(&other, b"salt", b"info-a").expose());
    }
}
