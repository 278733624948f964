//! Ponte's cryptography: the key hierarchy and the few primitives built on it.
//!
//! Records held by Ponte can get people hurt if they leak, so every byte of
//! cryptography the app relies on lives here, behind a small API that is hard to
//! misuse. Other crates never call `ring` or `x25519-dalek` directly.
//!
//! # What this crate owns
//!
//! - **Key types.** [`SecretKey`] (32 bytes, zeroized on drop, prints `<redacted>`),
//!   [`TeamKey`] (a [`SecretKey`] plus its epoch), [`SigningKey`] (Ed25519) and
//!   [`AgreementKey`] (X25519). None of them implements `Display`, `Serialize`,
//!   `Clone` or `PartialEq`; raw bytes come out only through methods named
//!   `expose`, `pkcs8` or `to_bytes`, so every such use stands out in review.
//! - **Key derivation.** [`derive_kek`]: passphrase -> PBKDF2-HMAC-SHA256 with at
//!   least [`PBKDF2_ITERATIONS`] rounds and a per-device salt -> key-encryption key
//!   (KEK) that unwraps the device master key. [`hkdf`]: HKDF-SHA256 for
//!   sub-keys with a domain-separating `info`.
//! - **Authenticated encryption.** [`seal`] / [`open`]: AES-256-GCM with a random
//!   96-bit nonce in a versioned envelope. [`wrap_key`] / [`unwrap_key`] wrap one
//!   key under another (record data key under team key, master key under KEK).
//!   [`record_aad`] builds the associated data that binds a record body to its
//!   record id, kind and key epoch so ciphertexts cannot be swapped.
//! - **Signatures and MACs.** Ed25519 device signatures ([`SigningKey`],
//!   [`verify_signature`]); [`sha256`], [`hmac_sha256`] and the constant-time
//!   [`hmac_sha256_verify`].
//! - **Key agreement.** [`seal_key_to`] / [`open_key_from`]: send a key (the team
//!   key) to one device's X25519 public key, ECIES style (ephemeral X25519,
//!   HKDF-SHA256, AES-256-GCM).
//!
//! # What it deliberately does not own
//!
//! - **Storage and persistence.** Wrapped keys and sealed blobs are plain
//!   `Vec<u8>`; where they live (SQLite, the keystore, the relay) is the business
//!   of `ponte-store` and the sync layer.
//! - **Transport**, request signing formats, the roster and enrolment protocol.
//!   Those crates decide *what* to sign or seal; this one only does it.
//! - **IO of any kind.** No files, no environment variables, no logging. The only
//!   thing it reads from the outside world is the operating system's random number
//!   generator (through `ring::rand::SystemRandom`).
//!
//! # Key hierarchy
//!
//! ```text
//! passphrase --PBKDF2-HMAC-SHA256 (>= 600k, per-device salt)--> KEK
//!   KEK  --wrap_key--> device master key   (the passphrase is never stored)
//! team key (epoch n) --wrap_key--> one random data key per record
//!   data key --seal(aad = record_aad(id, kind, epoch))--> record body
//! supervisor --seal_key_to(device X25519 public key)--> team key for a new device
//! ```
//!
//! Erasing a record destroys its data key (crypto-shredding): without it the
//! sealed body left on any relay or backup is noise.
//!
//! # Formats
//!
//! | value | layout |
//! |---|---|
//! | [`seal`] output | `[version = 1][12-byte nonce][ciphertext][16-byte tag]` |
//! | [`wrap_key`] output | a [`seal`] output of the 32 key bytes, aad `"ponte/wrap/v1" \|\| aad` |
//! | [`seal_key_to`] output | `[32-byte ephemeral X25519 public key][seal output]` |
//! | [`record_aad`] | `"ponte/record/v1" \|\| record_id (16) \|\| kind (1) \|\| epoch (u32 BE)` |
//!
//! The aad prefixes `ponte/wrap/v1`, `ponte/record/v1` and `ponte/seal-to/v1`
//! are reserved for this crate; callers that pass their own aad to [`seal`]
//! should use their own `ponte/<purpose>/v<n>` prefix.
//!
//! Nonces are 96 random bits. A single key may therefore seal up to about 2^32
//! messages before nonce collisions become a concern (NIST SP 800-38D); Ponte
//! seals a handful of versions per record data key and rotates team keys on
//! revocation, many orders of magnitude below that.
//!
//! # Errors
//!
//! One [`CryptoError`]. Every failure to open or unwrap (short input, unknown
//! version, wrong key, wrong aad, tampered byte) is the single detail-free
//! [`CryptoError::Decrypt`], so a caller cannot accidentally build an oracle
//! that tells an attacker *why* a forgery failed.
//!
//! # Why `ring` and `x25519-dalek`
//!
//! `ring` provides AES-256-GCM, HKDF, PBKDF2, HMAC, SHA-256, Ed25519 and the
//! system RNG from one widely deployed library whose primitives come from
//! BoringSSL. It has no *static*
//! X25519 key (only single-use ephemeral agreement), but a device needs a
//! long-lived X25519 key to receive wrapped team keys. For that one job this
//! crate uses `x25519-dalek` (feature `static_secrets`): it is maintained by the
//! dalek-cryptography project, its curve arithmetic (`curve25519-dalek`) has
//! been externally audited (Quarkslab, 2019), it is constant time, and it
//! zeroizes its secrets on drop (feature `zeroize`). Its randomness is *not*
//! used: secrets are built from bytes drawn from `ring`'s `SystemRandom`,
//! which avoids coupling to a particular `rand_core` version.
//!
//! # Known limits of memory hygiene
//!
//! Zeroizing is best effort. `ring`'s `Ed25519KeyPair` and its PKCS#8
//! `Document` do not zeroize themselves; this crate keeps one long-lived key
//! pair per [`SigningKey`] rather than re-parsing it for every signature, which
//! would leave more copies behind. Moves of any value may leave stale copies on
//! the stack. Auto-lock should drop key values rather than rely on zeroization
//! alone.

mod aead;
mod agree;
mod error;
mod hash;
mod kdf;
mod keys;
mod sign;

pub use aead::{open, record_aad, seal, unwrap_key, wrap_key};
pub use agree::{AgreementKey, open_key_from, seal_key_to};
pub use error::CryptoError;
pub use hash::{hmac_sha256, hmac_sha256_verify, sha256};
pub use kdf::{derive_kek, hkdf};
pub use keys::{SecretKey, TeamKey, random_array};
pub use sign::{SigningKey, verify_signature};

/// Minimum PBKDF2-HMAC-SHA256 iteration count accepted by [`derive_kek`].
///
/// 600,000 is the OWASP Password Storage Cheat Sheet recommendation for
/// PBKDF2-HMAC-SHA256 (2023). It is a floor, not a default: a device may use
/// more, and the count it used must be stored next to its salt.
pub const PBKDF2_ITERATIONS: u32 = 600_000;

/// Length in bytes of a per-device PBKDF2 salt.
pub const SALT_LEN: usize = 16;

/// Length in bytes of every symmetric key ([`SecretKey`]).
pub const KEY_LEN: usize = 32;
