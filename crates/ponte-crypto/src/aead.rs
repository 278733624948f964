//! AES-256-GCM envelopes, key wrapping and record associated data.

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use zeroize::{Zeroize, Zeroizing};

use crate::keys::random_array;
use crate::{CryptoError, SecretKey};

/// First byte of every [`seal`] output. A future format gets a new number;
/// [`open`] accepts only the versions it knows.
///
/// The byte is not part of the GCM associated data. That is sound while one
/// version exists, since [`open`] refuses every other value before decrypting;
/// a second version must authenticate its header.
const FORMAT_VERSION: u8 = 1;
const TAG_LEN: usize = 16;
const HEADER_LEN: usize = 1 + NONCE_LEN;

const WRAP_AAD_PREFIX: &[u8] = b"ponte/wrap/v1";
const RECORD_AAD_PREFIX: &[u8] = b"ponte/record/v1";

fn aead_key(key: &SecretKey) -> Result<LessSafeKey, CryptoError> {
    // Only fails for a key of the wrong length, which the type rules out.
    let unbound = UnboundKey::new(&AES_256_GCM, key.expose()).map_err(|_| CryptoError::BadKey)?;
    Ok(LessSafeKey::new(unbound))
}

/// Encrypts and authenticates `plaintext` under `key`, binding `aad`.
///
/// Output: `[version byte 1][12-byte random nonce][ciphertext || 16-byte tag]`.
/// `aad` is authenticated but not stored; [`open`] must be given the same bytes.
///
/// # Errors
///
/// [`CryptoError::Rng`] if no nonce could be drawn. [`CryptoError::Decrypt`]
/// only for a plaintext beyond AES-GCM's limit of about 64 GiB.
pub fn seal(key: &SecretKey, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let aead = aead_key(key)?;
    let nonce: [u8; NONCE_LEN] = random_array()?;

    // Reserve the whole output up front: the plaintext is encrypted in place,
    // and a reallocation would leave a plaintext copy in freed memory.
    let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() + TAG_LEN);
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(plaintext);

    let body = &mut out[HEADER_LEN..];
    match aead.seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::from(aad), body)
    {
        Ok(tag) => {
            out.extend_from_slice(tag.as_ref());
            Ok(out)
        }
        Err(_) => {
            // Only for inputs beyond GCM's ~64 GiB limit; do not leave the
            // plaintext behind.
            out.zeroize();
            Err(CryptoError::Decrypt)
        }
    }
}

/// Verifies and decrypts a [`seal`] output.
///
/// Every failure (short input, unknown version, wrong key, wrong `aad`, any
/// modified byte) is [`CryptoError::Decrypt`]. The plaintext is returned in a
/// buffer that is zeroized when dropped.
pub fn open(key: &SecretKey, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let (&version, rest) = sealed.split_first().ok_or(CryptoError::Decrypt)?;
    if version != FORMAT_VERSION {
        return Err(CryptoError::Decrypt);
    }
    let (nonce, ciphertext) = rest
        .split_first_chunk::<NONCE_LEN>()
        .ok_or(CryptoError::Decrypt)?;
    if ciphertext.len() < TAG_LEN {
        return Err(CryptoError::Decrypt);
    }
    let aead = aead_key(key).map_err(|_| CryptoError::Decrypt)?;

    // Decrypt in a buffer that is wiped on drop, whether or not the tag checks.
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    let plaintext_len = aead
        .open_in_place(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(aad),
            buf.as_mut_slice(),
        )
        .map_err(|_| CryptoError::Decrypt)?
        .len();
    // Zeroize for Vec wipes the spare capacity too, so the tag bytes cut off
    // here are cleared on drop as well.
    buf.truncate(plaintext_len);
    Ok(buf)
}

fn wrap_aad(aad: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(WRAP_AAD_PREFIX.len() + aad.len());
    out.extend_from_slice(WRAP_AAD_PREFIX);
    out.extend_from_slice(aad);
    out
}

/// Wraps (encrypts) `key` under `kek`.
///
/// This is [`seal`] of the 32 key bytes with associated data
/// `"ponte/wrap/v1" || aad`, so a wrapped key can never be opened as a record
/// body or vice versa. Put in `aad` whatever the key belongs to (for a record
/// data key, [`record_aad`]; for the master key, the device id).
pub fn wrap_key(kek: &SecretKey, aad: &[u8], key: &SecretKey) -> Result<Vec<u8>, CryptoError> {
    seal(kek, &wrap_aad(aad), key.expose())
}

/// Unwraps a [`wrap_key`] output. Every failure is [`CryptoError::Decrypt`].
pub fn unwrap_key(kek: &SecretKey, aad: &[u8], wrapped: &[u8]) -> Result<SecretKey, CryptoError> {
    let plain = open(kek, &wrap_aad(aad), wrapped)?;
    SecretKey::from_slice(&plain).ok_or(CryptoError::Decrypt)
}

/// Associated data for a record body (and its wrapped data key).
///
/// Layout: `b"ponte/record/v1" || record_id (16 bytes) || kind (1 byte) ||
/// epoch (u32 big-endian)`; every field has a fixed width, so distinct inputs
/// always give distinct bytes. Sealing a record with this aad means a blob
/// cannot be moved to another record, presented as another kind, or replayed
/// under another key epoch: [`open`] fails.
pub fn record_aad(record_id: &[u8; 16], kind: u8, epoch: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(RECORD_AAD_PREFIX.len() + 16 + 1 + 4);
    out.extend_from_slice(RECORD_AAD_PREFIX);
    out.extend_from_slice(record_id);
    out.push(kind);
    out.extend_from_slice(&epoch.to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::KEY_LEN;

    fn key(byte: u8) -> SecretKey {
        SecretKey::from_bytes([byte; KEY_LEN])
    }

    fn assert_decrypt<T: std::fmt::Debug>(result: Result<T, CryptoError>) {
        assert!(
            matches!(result, Err(CryptoError::Decrypt)),
            "expected Decrypt, got {result:?}"
        );
    }

    #[test]
    fn seal_open_round_trip_and_layout() {
        let k = key(1);
        let sealed = seal(&k, b"aad", b"hello").unwrap();
        assert_eq!(sealed.len(), 1 + 12 + 5 + 16);
        assert_eq!(sealed[0], FORMAT_VERSION);
        assert_eq!(open(&k, b"aad", &sealed).unwrap().as_slice(), b"hello");
    }

    #[test]
    fn empty_plaintext_round_trips() {
        let k = key(1);
        let sealed = seal(&k, b"", b"").unwrap();
        assert_eq!(sealed.len(), 1 + 12 + 16);
        assert!(open(&k, b"", &sealed).unwrap().is_empty());
    }

    #[test]
    fn nonces_are_fresh() {
        let k = key(1);
        let a = seal(&k, b"", b"same").unwrap();
        let b = seal(&k, b"", b"same").unwrap();
        assert_ne!(a[1..13], b[1..13]);
        assert_ne!(a, b);
    }

    #[test]
    fn ciphertext_does_not_contain_plaintext() {
        let marker = b"MARKER-Maria-Popescu-0712345678";
        let sealed = seal(&key(1), b"", marker).unwrap();
        assert!(!sealed.windows(marker.len()).any(|w| w == marker));
    }

    #[test]
    fn wrong_key_aad_version_or_length_fail_with_decrypt() {
        let k = key(1);
        let sealed = seal(&k, b"aad", b"hello").unwrap();
        assert_decrypt(open(&key(2), b"aad", &sealed));
        assert_decrypt(open(&k, b"aaD", &sealed));
        assert_decrypt(open(&k, b"", &sealed));
        let mut other_version = sealed.clone();
        other_version[0] = 2;
        assert_decrypt(open(&k, b"aad", &other_version));
        for len in 0..sealed.len() {
            assert_decrypt(open(&k, b"aad", &sealed[..len]));
        }
        let mut extended = sealed.clone();
        extended.push(0);
        assert_decrypt(open(&k, b"aad", &extended));
    }

    #[test]
    fn wrap_unwrap_round_trip() {
        let kek = key(3);
        let data_key = SecretKey::generate().unwrap();
        let wrapped = wrap_key(&kek, b"device-1", &data_key).unwrap();
        assert_eq!(wrapped.len(), 1 + 12 + KEY_LEN + 16);
        let unwrapped = unwrap_key(&kek, b"device-1", &wrapped).unwrap();
        assert_eq!(unwrapped.expose(), data_key.expose());
        assert_decrypt(unwrap_key(&kek, b"device-2", &wrapped));
        assert_decrypt(unwrap_key(&key(4), b"device-1", &wrapped));
    }

    #[test]
    fn wrapped_key_and_sealed_body_are_domain_separated() {
        let kek = key(3);
        let inner = key(5);
        let wrapped = wrap_key(&kek, b"x", &inner).unwrap();
        // The same bytes opened as an ordinary sealed value do not verify.
        assert_decrypt(open(&kek, b"x", &wrapped));
        // And a sealed 32-byte value cannot be unwrapped as a key.
        let sealed = seal(&kek, b"x", inner.expose()).unwrap();
        assert_decrypt(unwrap_key(&kek, b"x", &sealed));
    }

    #[test]
    fn unwrap_rejects_a_wrapped_value_of_the_wrong_length() {
        let kek = key(3);
        let sealed = seal(&kek, &wrap_aad(b""), &[7; 31]).unwrap();
        assert_decrypt(unwrap_key(&kek, b"", &sealed));
    }

    #[test]
    fn record_aad_layout() {
        let id: [u8; 16] = core::array::from_fn(|i| i as u8);
        let aad = record_aad(&id, 0xee, 0x0102_0304);
        let mut expected = b"ponte/record/v1".to_vec();
        expected.extend_from_slice(&id);
        expected.push(0xee);
        expected.extend_from_slice(&[1, 2, 3, 4]);
        assert_eq!(aad, expected);
    }

    #[test]
    fn record_blobs_cannot_move_between_records_kinds_or_epochs() {
        let k = key(6);
        let id = [1; 16];
        let sealed = seal(&k, &record_aad(&id, 1, 5), b"body").unwrap();
        assert_eq!(
            open(&k, &record_aad(&id, 1, 5), &sealed)
                .unwrap()
                .as_slice(),
            b"body"
        );
        let mut other_id = id;
        other_id[15] ^= 1;
        assert_decrypt(open(&k, &record_aad(&other_id, 1, 5), &sealed));
        assert_decrypt(open(&k, &record_aad(&id, 2, 5), &sealed));
        assert_decrypt(open(&k, &record_aad(&id, 1, 6), &sealed));
    }
}
