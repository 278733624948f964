//! Ponte's encrypted local store: one SQLite file (WAL mode) per device.
//!
//! What is in the clear on disk: random record ids, record kinds, key epochs, sizes,
//! creation/update times, sequence numbers and the sync cursor: what sync needs and
//! nothing more. Everything else is sealed with AES-256-GCM:
//!
//! | table | in the clear | sealed, with which key |
//! |---|---|---|
//! | `meta` | `schema` version, `device_id`, `kdf_salt`, `kdf_iterations`, `duress_salt`, `unlock_failures` (consecutive wrong passphrases and the last attempt's time, also in the file `ponte.attempts` beside it), `unlock_attempts` (the team's limit, 0 = off; sealed copy in the keyring) | `master_key`: the device master key, with a key derived from the passphrase (PBKDF2); `duress_check`: 32 random bytes (the duress kit key once a duress passphrase is set), with a key derived from the duress passphrase (PBKDF2), or with a random key when none was set (`duress`); `audit_head`: the newest audit seq and chain value, with the audit key; `duress_kit`: what the duress notice takes (opaque, padded to 512 bytes), with the kit key; `duress_notice`: a kit carried over by a duress unlock and its time (or nothing), with the master key (`duress_kit`) |
//! | `keyring` | each entry's name and epoch | `team` keys (one per epoch), the device's `signing` (Ed25519) and `agreement` (X25519) keys, and `setting/<name>` settings (team configuration, invite secrets, the duress kit key, the ids of records restricted to other devices): all with the device master key |
//! | `records` | id, kind, key epoch, created and updated times | `wrapped_key`: the record's own data key, with the team key of the record's epoch; `body`: the Automerge document, with the record data key (aad = id, kind, epoch); `access` (NULL for a record never restricted): its access serial and the devices it is restricted to, with the index key (`access`) |
//! | `record_keys` | record id, key epoch | `wrapped`: a record's earlier data keys (one per generation started after a team-key rotation, so changes sealed before it still open), each with the team key of its epoch |
//! | `summaries` | id, kind, updated time | `summary`: what lists, search and filters read, with the index key (HKDF of the master key) |
//! | `outbox` | record id, entry kind, a snapshot's `covers`, creation time | `change`: an entry waiting for sync, sealed as the relay will store it (see [`sync`]): changes and snapshots with the record data key, key entries and tombstones with a team key |
//! | `record_sync` | record id, highest relay seq, changes on the relay since its last snapshot | nothing |
//! | `sync_state` | the relay `cursor` this device has applied up to | nothing |
//! | `audit` | seq, chain value (a hash of ciphertext) | `entry`: a hash-chained audit entry, with the audit key (HKDF of the master key) |
//!
//! Lists and search decrypt the small per-record summaries, never the documents
//! (DESIGN.md: 10,000 documents take ~0.7 s to load, 10,000 summaries a few ms).
//!
//! Every mutation is one `BEGIN IMMEDIATE` transaction holding the record, its
//! summary, its outbox change and its audit entry, committed with `synchronous=FULL`:
//! a crash loses nothing acknowledged and never leaves half an edit.
//!
//! Erasure is crypto-shredding: the row holding the record's wrapped data key and body
//! is deleted with `secure_delete` on (freed cells are zeroed) and the WAL is truncated,
//! so neither the key nor the ciphertext survive in free pages or old WAL frames.
//!
//! A panic wipe ([`panic::destroy`], also what a removed device does) needs no
//! passphrase and no handle: it deletes the wrapped master key, KDF salt and keyring
//! first (or, on a busy or damaged file, overwrites them in place), then the files.
//!
//! The working day's PIN ([`pin`]) seals an unlocked store's master key under a key
//! derived from a short PIN, in memory only: nothing of it reaches the file.
//!
//! This crate does not know about sync transport, the UI, or how a passphrase is asked.

mod aad;
mod access;
mod audit;
pub mod audit_trail;
mod duress;
mod duress_kit;
mod erase;
mod error;
mod generations;
mod import;
mod keys;
mod open;
pub mod panic;
mod permissions;
pub mod pin;
mod records;
mod row;
mod schema;
pub mod sync;
pub mod time;
pub mod unlock;

use std::path::{Path, PathBuf};

use ponte_crypto as crypto;
use rusqlite::Connection;

pub use access::Reader;
pub use audit::{AuditAction, AuditEntry};
pub use audit_trail::{HeldTrail, Shipped, TrailEntry, trail_id};
pub use duress_kit::{KIT_PADDED, MAX_DURESS_KIT_BYTES};
pub use error::StoreError;
pub use import::{ImportItem, ItemError};
pub use keys::{InitOptions, KDF_ITERATIONS, MIN_PASSPHRASE_CHARS};
/// A field two or more devices set while apart (see [`Store::get_with_conflicts`]).
pub use ponte_doc::{Conflict, Written};
pub use records::{Listed, OUTPUT_ONLY_KEYS, Record};

use keys::Keys;

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Name of the database file inside the home directory.
pub const DB_FILE: &str = "ponte.db";

/// A random 16-byte record id, shown as 32 lowercase hex characters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(pub [u8; 16]);

impl RecordId {
    /// A fresh random id.
    pub fn generate() -> Result<Self> {
        Ok(RecordId(crypto::random_array()?))
    }
    /// Parse 32 hex characters.
    pub fn parse(s: &str) -> Option<Self> {
        let bytes = hex::decode(s.trim()).ok()?;
        Some(RecordId(bytes.try_into().ok()?))
    }
    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl std::fmt::Debug for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecordId({})", self.to_hex())
    }
}

impl std::fmt::Display for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// An unlocked store. Dropping it drops (and zeroizes) every key.
///
/// Its methods live with the job they do: opening in `open`, keys in `keys`, records
/// in `records`, erasure in `erase`, import in `import`, the audit log in `audit` and
/// sync in [`sync`].
pub struct Store {
    conn: Connection,
    keys: Keys,
    device_id: [u8; 16],
    home: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("home", &self.home)
            .field("keys", &"<redacted>")
            .finish()
    }
}

impl Store {
    /// This device's random id.
    pub fn device_id(&self) -> [u8; 16] {
        self.device_id
    }

    /// The home directory.
    pub fn home(&self) -> &Path {
        &self.home
    }
}
