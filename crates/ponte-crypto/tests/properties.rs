//! Property tests: every round trip holds, and every single-bit change,
//! truncation or context change to a sealed value is rejected.
//!
//! PBKDF2 is deliberately absent here (600k rounds per case would take
//! minutes); it has fixed known-answer tests in `src/kdf.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_crypto::{
    AgreementKey, CryptoError, SecretKey, SigningKey, hkdf, open, open_key_from, record_aad, seal,
    seal_key_to, unwrap_key, verify_signature, wrap_key,
};
use proptest::prelude::*;
use proptest::sample::Index;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(64)
}

fn any_key() -> impl Strategy<Value = SecretKey> {
    any::<[u8; 32]>().prop_map(SecretKey::from_bytes)
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..max)
}

fn flip_bit(data: &[u8], bit: Index) -> Vec<u8> {
    let mut out = data.to_vec();
    let bit = bit.index(out.len() * 8);
    out[bit / 8] ^= 1 << (bit % 8);
    out
}

fn is_decrypt<T>(result: Result<T, CryptoError>) -> bool {
    matches!(result, Err(CryptoError::Decrypt))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn seal_open_round_trip(key in any_key(), aad in bytes(64), plaintext in bytes(512)) {
        let sealed = seal(&key, &aad, &plaintext).unwrap();
        prop_assert_eq!(sealed.len(), 1 + 12 + plaintext.len() + 16);
        let opened = open(&key, &aad, &sealed).unwrap();
        prop_assert_eq!(opened.as_slice(), plaintext.as_slice());
    }

    #[test]
    fn any_bit_flip_in_sealed_output_fails(
        key in any_key(), aad in bytes(64), plaintext in bytes(256), bit in any::<Index>(),
    ) {
        let sealed = seal(&key, &aad, &plaintext).unwrap();
        prop_assert!(is_decrypt(open(&key, &aad, &flip_bit(&sealed, bit))));
    }

    #[test]
    fn truncated_or_extended_sealed_output_fails(
        key in any_key(), plaintext in bytes(256), cut in any::<Index>(), extra in bytes(8),
    ) {
        let sealed = seal(&key, b"", &plaintext).unwrap();
        let len = cut.index(sealed.len());
        prop_assert!(is_decrypt(open(&key, b"", &sealed[..len])));
        if !extra.is_empty() {
            let mut longer = sealed.clone();
            longer.extend_from_slice(&extra);
            prop_assert!(is_decrypt(open(&key, b"", &longer)));
        }
    }

    #[test]
    fn wrong_key_or_aad_fails(
        key in any_key(), other in any_key(), aad in bytes(64), other_aad in bytes(64),
        plaintext in bytes(256),
    ) {
        let sealed = seal(&key, &aad, &plaintext).unwrap();
        if key.expose() != other.expose() {
            prop_assert!(is_decrypt(open(&other, &aad, &sealed)));
        }
        if aad != other_aad {
            prop_assert!(is_decrypt(open(&key, &other_aad, &sealed)));
        }
    }

    #[test]
    fn record_aad_binds_id_kind_and_epoch(
        key in any_key(), id in any::<[u8; 16]>(), kind in any::<u8>(), epoch in any::<u32>(),
        other_id in any::<[u8; 16]>(), other_kind in any::<u8>(), other_epoch in any::<u32>(),
    ) {
        let sealed = seal(&key, &record_aad(&id, kind, epoch), b"record body").unwrap();
        let opened = open(&key, &record_aad(&id, kind, epoch), &sealed).unwrap();
        prop_assert_eq!(opened.as_slice(), b"record body");
        if other_id != id {
            prop_assert!(is_decrypt(open(&key, &record_aad(&other_id, kind, epoch), &sealed)));
        }
        if other_kind != kind {
            prop_assert!(is_decrypt(open(&key, &record_aad(&id, other_kind, epoch), &sealed)));
        }
        if other_epoch != epoch {
            prop_assert!(is_decrypt(open(&key, &record_aad(&id, kind, other_epoch), &sealed)));
        }
    }

    #[test]
    fn record_aad_is_injective(
        a in (any::<[u8; 16]>(), any::<u8>(), any::<u32>()),
        b in (any::<[u8; 16]>(), any::<u8>(), any::<u32>()),
    ) {
        prop_assert_eq!(record_aad(&a.0, a.1, a.2) == record_aad(&b.0, b.1, b.2), a == b);
    }

    #[test]
    fn wrap_unwrap_round_trip(kek in any_key(), key in any_key(), aad in bytes(64)) {
        let wrapped = wrap_key(&kek, &aad, &key).unwrap();
        prop_assert_eq!(*unwrap_key(&kek, &aad, &wrapped).unwrap().expose(), *key.expose());
    }

    #[test]
    fn any_bit_flip_in_wrapped_key_fails(
        kek in any_key(), key in any_key(), aad in bytes(64), bit in any::<Index>(),
    ) {
        let wrapped = wrap_key(&kek, &aad, &key).unwrap();
        prop_assert!(is_decrypt(unwrap_key(&kek, &aad, &flip_bit(&wrapped, bit))));
        let len = bit.index(wrapped.len());
        prop_assert!(is_decrypt(unwrap_key(&kek, &aad, &wrapped[..len])));
    }

    #[test]
    fn wrapped_key_needs_the_right_kek_and_aad(
        kek in any_key(), other in any_key(), key in any_key(), aad in bytes(32),
        other_aad in bytes(32),
    ) {
        let wrapped = wrap_key(&kek, &aad, &key).unwrap();
        if kek.expose() != other.expose() {
            prop_assert!(is_decrypt(unwrap_key(&other, &aad, &wrapped)));
        }
        if aad != other_aad {
            prop_assert!(is_decrypt(unwrap_key(&kek, &other_aad, &wrapped)));
        }
    }

    #[test]
    fn hkdf_is_deterministic(ikm in any_key(), salt in bytes(64), info in bytes(64)) {
        prop_assert_eq!(
            *hkdf(&ikm, &salt, &info).expose(),
            *hkdf(&ikm, &salt, &info).expose()
        );
    }

    #[test]
    fn hkdf_separates_info(ikm in any_key(), info in bytes(64), other in bytes(64)) {
        prop_assume!(info != other);
        prop_assert_ne!(*hkdf(&ikm, b"", &info).expose(), *hkdf(&ikm, b"", &other).expose());
    }

    #[test]
    fn sign_verify_round_trip(msg in bytes(256), other in bytes(256)) {
        let key = SigningKey::generate().unwrap();
        let sig = key.sign(&msg);
        prop_assert!(verify_signature(&key.public_key(), &msg, &sig).is_ok());
        if other != msg {
            prop_assert!(matches!(
                verify_signature(&key.public_key(), &other, &sig),
                Err(CryptoError::BadSignature)
            ));
        }
        let reloaded = SigningKey::from_pkcs8(key.pkcs8()).unwrap();
        prop_assert_eq!(reloaded.public_key(), key.public_key());
        prop_assert!(verify_signature(&key.public_key(), &msg, &reloaded.sign(&msg)).is_ok());
    }

    #[test]
    fn any_bit_flip_in_signature_or_message_fails(msg in bytes(256), bit in any::<Index>()) {
        let key = SigningKey::generate().unwrap();
        let sig = key.sign(&msg);
        prop_assert!(matches!(
            verify_signature(&key.public_key(), &msg, &flip_bit(&sig, bit)),
            Err(CryptoError::BadSignature)
        ));
        if !msg.is_empty() {
            prop_assert!(matches!(
                verify_signature(&key.public_key(), &flip_bit(&msg, bit), &sig),
                Err(CryptoError::BadSignature)
            ));
        }
    }

    #[test]
    fn seal_key_to_round_trip(secret in any::<[u8; 32]>(), key in any_key(), aad in bytes(64)) {
        let device = AgreementKey::from_bytes(secret);
        let sealed = seal_key_to(&device.public_key(), &aad, &key).unwrap();
        prop_assert_eq!(*open_key_from(&device, &aad, &sealed).unwrap().expose(), *key.expose());
        let reloaded = AgreementKey::from_bytes(*device.to_bytes());
        prop_assert_eq!(*open_key_from(&reloaded, &aad, &sealed).unwrap().expose(), *key.expose());
    }

    #[test]
    fn any_bit_flip_in_sealed_key_fails(
        secret in any::<[u8; 32]>(), key in any_key(), aad in bytes(64), bit in any::<Index>(),
    ) {
        let device = AgreementKey::from_bytes(secret);
        let sealed = seal_key_to(&device.public_key(), &aad, &key).unwrap();
        prop_assert!(is_decrypt(open_key_from(&device, &aad, &flip_bit(&sealed, bit))));
        let len = bit.index(sealed.len());
        prop_assert!(is_decrypt(open_key_from(&device, &aad, &sealed[..len])));
    }

    #[test]
    fn sealed_key_needs_the_right_recipient_and_aad(
        secret in any::<[u8; 32]>(), other_secret in any::<[u8; 32]>(), key in any_key(),
        aad in bytes(32), other_aad in bytes(32),
    ) {
        let device = AgreementKey::from_bytes(secret);
        let other = AgreementKey::from_bytes(other_secret);
        let sealed = seal_key_to(&device.public_key(), &aad, &key).unwrap();
        if other.public_key() != device.public_key() {
            prop_assert!(is_decrypt(open_key_from(&other, &aad, &sealed)));
        }
        if aad != other_aad {
            prop_assert!(is_decrypt(open_key_from(&device, &other_aad, &sealed)));
        }
    }

    #[test]
    fn debug_never_shows_key_bytes(bytes in any::<[u8; 32]>()) {
        let hex_lower = hex::encode(bytes);
        let hex_upper = hex_lower.to_uppercase();
        let decimal = format!("{bytes:?}");
        let key = SecretKey::from_bytes(bytes);
        let team = ponte_crypto::TeamKey::from_parts(1, SecretKey::from_bytes(bytes));
        let agreement = AgreementKey::from_bytes(bytes);
        for shown in [
            format!("{key:?}"), format!("{key:#?}"),
            format!("{team:?}"), format!("{team:#?}"),
            format!("{agreement:?}"), format!("{agreement:#?}"),
        ] {
            prop_assert!(shown.contains("<redacted>"), "{}", shown);
            prop_assert!(!shown.contains(&hex_lower), "{}", shown);
            prop_assert!(!shown.contains(&hex_upper), "{}", shown);
            prop_assert!(!shown.contains(&decimal[1..decimal.len() - 1]), "{}", shown);
        }
    }
}
