//! The crate's one error type.

/// Everything that can go wrong in `ponte-crypto`.
///
/// Messages are English and fixed: they never carry key bytes, plaintext or
/// the reason a ciphertext was rejected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// Opening or unwrapping failed. Deliberately one detail-free variant for
    /// every cause: short or truncated input, unknown format version, wrong key,
    /// wrong associated data or any tampered byte.
    #[error("decryption failed")]
    Decrypt,
    /// A signature or MAC did not verify.
    #[error("signature verification failed")]
    BadSignature,
    /// Key derivation was asked for fewer than
    /// [`PBKDF2_ITERATIONS`](crate::PBKDF2_ITERATIONS) rounds.
    #[error("key derivation parameters are too weak")]
    WeakKdf,
    /// Key material is malformed: an unparsable PKCS#8 document, or an X25519
    /// public key that yields an all-zero (non-contributory) shared secret.
    #[error("malformed key material")]
    BadKey,
    /// The operating system's random number generator failed.
    #[error("random number generator failure")]
    Rng,
}
