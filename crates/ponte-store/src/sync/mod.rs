//! The store's side of sync, transport-free: what to push (the outbox, already
//! sealed), applying what was pulled in one transaction with the cursor, snapshots
//! for compaction, team keys, erasure on the team's behalf, and small sealed settings.
//!
//! Entry payloads (what the relay stores, opaque to it):
//!
//! | kind | ciphertext |
//! |---|---|
//! | key | `epoch (u32 BE) ‖ seal(team key[epoch], aad(record, epoch), plain)`, `plain` = `3 ‖ kind ‖ serial (u32 BE) ‖ n (u8)`, then the data key (`n = 0`, open to the team) or `n` × `device id ‖ seal_key_to(device's X25519 key, aad(record, epoch, serial, device), data key)` (restricted), zero-padded to room for 4 slots (or the next power of two), then the author's Ed25519 signature of [`access_signing_input`] (who may sign what: [`Authority`]); a record whose access never changed has the compact `plain` `kind ‖ data key` (33 bytes, unsigned) |
//! | change | `seal(data key, aad(record, kind, epoch), Automerge change)` |
//! | snapshot | `seal(data key, aad(record, kind, epoch), whole Automerge document)` |
//! | tombstone | `epoch ‖ seal(team key[epoch], aad(record), supervisor's Ed25519 signature of the erasure)` |
//!
//! A device learns a record from its key entry (pushed before the record's first
//! change), so it never needs the relay to tell it a record's kind. A record gets
//! another key entry each time a device starts a new data-key generation for it after
//! a team key rotation (`crate::generations`); a change or snapshot is sealed with one
//! of the record's generations, and opened with whichever one that is. Restricting a
//! record, changing its list or lifting it starts a generation too (`crate::access`).
//!
//! An entry's kind is the wire protocol's [`EntryKind`]; the outbox stores it as a
//! small integer code (see `outbox`).

mod apply;
mod authority;
mod erasure;
mod merge;
mod outbox;
pub(crate) mod settings;
mod snapshots;
mod team_keys;

/// Kind of a sync entry, as stored in the outbox and on the relay: the wire
/// protocol's own type, so the sync engine passes it through unchanged.
pub use ponte_proto::EntryKind;

pub use apply::{Applied, Incoming};
pub use authority::{Authority, access_signing_input, without_roster};
pub(crate) use erasure::remember_signed;
pub use erasure::tombstone_signing_input;
pub use merge::{Rejection, Rejections};
pub use outbox::Outgoing;

pub(crate) use outbox::{entry_kind as entry_kind_of, push_entry};
pub(crate) use team_keys::{Grant, MAX_READERS, key_entry};

/// Splits the `epoch (u32 BE)` prefix off a key entry's or tombstone's payload.
fn split_epoch(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (head, rest) = bytes.split_at_checked(4)?;
    Some((u32::from_be_bytes(head.try_into().ok()?), rest))
}
