//! Symmetric key types and randomness.

use std::fmt;

use ring::rand::{SecureRandom, SystemRandom};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::{CryptoError, KEY_LEN};

/// A 32-byte symmetric key: KEK, device master key, team key or record data key.
///
/// Zeroized on drop. `Debug` prints `<redacted>`. There is deliberately no
/// `Display`, `Serialize`, `Clone` or `PartialEq` (the last would invite
/// non-constant-time comparison); the raw bytes are reachable only through
/// [`SecretKey::expose`].
///
/// ```compile_fail
/// let key = ponte_crypto::SecretKey::from_bytes([7; 32]);
/// let _ = format!("{key}"); // no Display: keys cannot end up in messages
/// ```
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SecretKey([u8; KEY_LEN]);

impl SecretKey {
    /// A fresh random key from the operating system's CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let mut key = Self([0; KEY_LEN]);
        // Fill in place so the key bytes never sit in a temporary array.
        fill_random(&mut key.0)?;
        Ok(key)
    }

    /// Takes ownership of existing key bytes (for example from a keystore).
    ///
    /// The caller's copy is not touched; zeroize it if it came from somewhere
    /// that will not.
    pub fn from_bytes(b: [u8; KEY_LEN]) -> Self {
        Self(b)
    }

    /// The raw key bytes. Named so that every use stands out in review: they
    /// should go only into another primitive, never into a log, error or UI.
    pub fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// Whether `other` is the same key, compared in constant time.
    pub fn same_as(&self, other: &SecretKey) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }

    /// A key of all zeros, to be overwritten in place by a KDF.
    pub(crate) fn zeroed() -> Self {
        Self([0; KEY_LEN])
    }

    /// Copies exactly `KEY_LEN` bytes straight into a new key (no
    /// intermediate array left on the stack); `None` for any other length.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != KEY_LEN {
            return None;
        }
        let mut key = Self::zeroed();
        key.0.copy_from_slice(bytes);
        Some(key)
    }

    /// Mutable access for KDFs that write their output in place.
    pub(crate) fn bytes_mut(&mut self) -> &mut [u8; KEY_LEN] {
        &mut self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// The team's shared key for one epoch.
///
/// The epoch goes into every record's associated data (see
/// [`record_aad`](crate::record_aad)), so a blob sealed under one epoch cannot
/// be presented as belonging to another. `Debug` shows the epoch and
/// `<redacted>`.
pub struct TeamKey {
    /// Key epoch; incremented on every rotation (for example after revoking a
    /// device).
    pub epoch: u32,
    key: SecretKey,
}

impl TeamKey {
    /// A fresh random team key for `epoch`.
    pub fn generate(epoch: u32) -> Result<Self, CryptoError> {
        Ok(Self {
            epoch,
            key: SecretKey::generate()?,
        })
    }

    /// Reassembles a team key, for example after unwrapping it.
    pub fn from_parts(epoch: u32, key: SecretKey) -> Self {
        Self { epoch, key }
    }

    /// The key itself.
    pub fn key(&self) -> &SecretKey {
        &self.key
    }
}

impl fmt::Debug for TeamKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TeamKey")
            .field("epoch", &self.epoch)
            .field("key", &format_args!("<redacted>"))
            .finish()
    }
}

/// `N` bytes from the operating system's CSPRNG (salts, record ids, invite
/// secrets).
pub fn random_array<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut out = [0; N];
    fill_random(&mut out)?;
    Ok(out)
}

/// Fills `out` from `ring`'s `SystemRandom`.
pub(crate) fn fill_random(out: &mut [u8]) -> Result<(), CryptoError> {
    SystemRandom::new().fill(out).map_err(|_| CryptoError::Rng)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn generated_keys_differ() {
        let a = SecretKey::generate().unwrap();
        let b = SecretKey::generate().unwrap();
        assert_ne!(a.expose(), b.expose());
        assert_ne!(a.expose(), &[0; KEY_LEN]);
    }

    #[test]
    fn from_bytes_round_trips() {
        let key = SecretKey::from_bytes([0xab; KEY_LEN]);
        assert_eq!(key.expose(), &[0xab; KEY_LEN]);
    }

    #[test]
    fn random_array_has_requested_length_and_varies() {
        let a: [u8; 16] = random_array().unwrap();
        let b: [u8; 16] = random_array().unwrap();
        assert_ne!(a, b);
        let empty: [u8; 0] = random_array().unwrap();
        assert_eq!(empty, []);
    }

    #[test]
    fn zeroize_clears_the_key() {
        let mut key = SecretKey::from_bytes([0x5a; KEY_LEN]);
        key.zeroize();
        assert_eq!(key.expose(), &[0; KEY_LEN]);
    }

    #[test]
    fn debug_of_secret_key_is_redacted() {
        let key = SecretKey::from_bytes([0xc3; KEY_LEN]);
        for shown in [format!("{key:?}"), format!("{key:#?}")] {
            assert!(shown.contains("<redacted>"), "{shown}");
            assert!(!shown.to_lowercase().contains("c3c3"), "{shown}");
            assert!(!shown.contains("195"), "decimal byte leaked: {shown}");
        }
    }

    #[test]
    fn debug_of_team_key_shows_epoch_only() {
        let team = TeamKey::from_parts(42, SecretKey::from_bytes([0xd7; KEY_LEN]));
        let shown = format!("{team:?}");
        assert!(shown.contains("epoch: 42"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(!shown.to_lowercase().contains("d7d7"), "{shown}");
        assert!(!shown.contains("215"), "decimal byte leaked: {shown}");
    }

    #[test]
    fn team_key_keeps_its_parts() {
        let team = TeamKey::generate(7).unwrap();
        assert_eq!(team.epoch, 7);
        let copy = TeamKey::from_parts(team.epoch, SecretKey::from_bytes(*team.key().expose()));
        assert_eq!(copy.key().expose(), team.key().expose());
    }
}
