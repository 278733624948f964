//! The wire protocol between Ponte devices and the blind sync relay.
//!
//! The relay keeps, per team, an append-only log of opaque entries and a roster
//! signed by the team's supervisor. It never sees a key or a plaintext: every
//! [`Entry::ciphertext`], [`RosterDevice::name_sealed`] and the enrolment MAC are
//! bytes it cannot interpret. The full protocol (endpoints, rules, error codes) is
//! written down in `docs/protocol.md`; this crate is its single source of truth in
//! code, shared by the relay (`sync-server`) and the device-side client.
//!
//! # What this crate owns
//!
//! - **Wire types**: [`SyncRequest`]/[`SyncResponse`] with [`NewEntry`],
//!   [`Entry`], [`EntryKind`], [`Pushed`]; teams and enrolment ([`CreateTeam`],
//!   [`SignedRoster`] and its [`RosterBody`], [`CreateInvite`], [`JoinRequest`],
//!   [`PendingJoins`], [`PutRoster`]); fixed-size ids and keys ([`TeamId`],
//!   [`DeviceId`], [`RecordId`], ...).
//! - **Encoding**: [`encode`]/[`decode`] with [postcard]: compact (an id is its 16
//!   bytes, a ciphertext a varint length and its bytes), and strict on decode
//!   (trailing bytes are an error). Bodies are `application/octet-stream`.
//! - **Canonical byte strings** that both sides must build identically:
//!   [`signing_input`] (request signatures), [`roster_signing_input`] and
//!   [`join_mac_input`].
//! - **Error codes** ([`ErrorCode`], [`ErrorBody`]) and **limits** ([`limits`]).
//!
//! # What it deliberately does not own
//!
//! - **Cryptography.** No hashing, signing, verifying or sealing: callers hash the
//!   body and sign [`signing_input`] themselves (the relay with `ring`, devices with
//!   `ponte-crypto`). That keeps the crate small, free of C code and buildable for
//!   any target, wasm32 included.
//! - **Transport and IO.** No HTTP client or server, no files, no logging.
//! - **Meaning.** What is inside a ciphertext (Automerge changes, wrapped keys) is
//!   the business of the device-side crates.
//!
//! # Example
//!
//! ```
//! use ponte_proto::{decode, encode, SyncRequest, TeamId};
//!
//! let request = SyncRequest { team_id: TeamId([1; 16]), cursor: 0, push: vec![], pull_limit: 500 };
//! let bytes = encode(&request)?;
//! assert_eq!(bytes.len(), 16 + 1 + 1 + 2); // id, cursor, empty push, limit
//! assert_eq!(decode::<SyncRequest>(&bytes)?, request);
//! # Ok::<(), ponte_proto::ProtoError>(())
//! ```

mod auth;
mod error;
mod ids;
mod notice;
mod sync;
mod team;

pub use auth::{
    HEADER_DEVICE, HEADER_NONCE, HEADER_ROSTER, HEADER_SIGNATURE, HEADER_TIME, RequestAuth,
    TIME_WINDOW_MS, signing_input,
};
pub use error::{ErrorBody, ErrorCode, ProtoError};
pub use ids::{
    AgreementPublicKey, DeviceId, EntryId, InviteToken, JoinMac, Nonce, RecordId, Signature,
    SigningPublicKey, TeamId, TokenHash,
};
pub use notice::{LeaveNotice, Notice, Notices, notice_signing_input};
pub use sync::{Entry, EntryKind, NewEntry, Pushed, SyncRequest, SyncResponse};
pub use team::{
    ChainError, CreateInvite, CreateTeam, HEADER_TEAM_CREATION_CODE, JoinRequest,
    MAX_TEAM_CREATION_CODE_BYTES, PendingJoin, PendingJoins, PutRoster, Role, RosterBody,
    RosterBodyV1, RosterBodyV2, RosterBodyV3, RosterChain, RosterDevice, SignedRoster,
    check_chain_step, check_first, check_shape, is_team_creation_code, join_mac_input,
    roster_signing_input,
};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Content type of every request and success response body.
pub const CONTENT_TYPE: &str = "application/octet-stream";

/// Encodes a message for the wire (postcard).
pub fn encode<T: Serialize>(message: &T) -> Result<Vec<u8>, ProtoError> {
    postcard::to_allocvec(message).map_err(ProtoError::Encode)
}

/// Decodes a message from the wire; every byte must be used.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ProtoError> {
    let (message, rest) = postcard::take_from_bytes(bytes).map_err(ProtoError::Decode)?;
    if rest.is_empty() {
        Ok(message)
    } else {
        Err(ProtoError::TrailingBytes(rest.len()))
    }
}

/// Routes of the relay.
pub mod paths {
    /// `GET`, no auth: `{"status":"ok"}`.
    pub const HEALTH: &str = "/health";
    /// `POST`, signed by a team device: push and pull.
    pub const SYNC: &str = "/v2/sync";
    /// `POST`, signed by the new supervisor's key in the body: create a team (with a
    /// team-creation code in [`crate::HEADER_TEAM_CREATION_CODE`] unless the relay is
    /// open).
    pub const TEAMS: &str = "/v1/teams";
    /// `POST`, supervisor: register an invite token hash.
    pub const INVITES: &str = "/v1/invites";
    /// `POST`, signed by the new device's key in the body: ask to join.
    pub const JOIN: &str = "/v1/join";
    /// `GET ?team=HEX`, supervisor: pending join requests.
    pub const PENDING: &str = "/v1/pending";
    /// `GET ?team=HEX` (team or pending device): latest roster; `POST`
    /// (a supervisor, or the recovery kit once): store the next roster of the chain.
    pub const ROSTER: &str = "/v1/roster";
    /// `GET ?team=HEX&since=N` (team, pending or removed device, or the recovery kit):
    /// the rosters after version `N`, oldest first ([`crate::RosterChain`]), so a
    /// device checks every step of the chain from the roster it holds.
    pub const ROSTERS: &str = "/v2/rosters";
    /// `POST`, signed by a device of the team's latest roster: leave the supervisor a
    /// sealed notice; `GET ?team=HEX`, supervisor: the team's notices.
    pub const NOTICES: &str = "/v2/notices";
}

/// Limits the relay enforces. A client that stays within them is never refused for
/// size.
pub mod limits {
    /// Largest request body: bigger answers 413 `too-large`.
    pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
    /// Most entries in one push.
    pub const MAX_PUSH_ENTRIES: usize = 1000;
    /// Largest ciphertext of one entry.
    pub const MAX_CIPHERTEXT_BYTES: usize = 1024 * 1024;
    /// `pull_limit` above this is lowered to it.
    pub const MAX_PULL_LIMIT: u32 = 2000;
    /// A pull returns at most this many bytes of ciphertext (but always at least
    /// one entry if one is due).
    pub const PULL_BYTE_BUDGET: usize = 4 * 1024 * 1024;
    /// Most devices in a roster.
    pub const MAX_ROSTER_DEVICES: usize = 1000;
    /// Largest sealed device name.
    pub const MAX_NAME_SEALED_BYTES: usize = 1024;
    /// Largest sealed team settings in a roster.
    pub const MAX_SETTINGS_SEALED_BYTES: usize = 1024;
    /// Most erasures one roster vouches for ([`crate::RosterBody::vouched_erasures`]):
    /// 64 KiB of record ids.
    pub const MAX_VOUCHED_ERASURES: usize = 4096;
    /// Largest sealed notice (`POST /v2/notices`).
    pub const MAX_NOTICE_SEALED_BYTES: usize = 512;
    /// Most notices the relay keeps for one device of a team; more are refused with
    /// `notice-limit`.
    pub const MAX_NOTICES_PER_DEVICE: usize = 4;
    /// Invites may expire at most this far in the future.
    pub const MAX_INVITE_LIFETIME_MS: u64 = 30 * 24 * 60 * 60 * 1000;

    // Answers. A device reads at most these many bytes of a relay's answer, so a
    // breached relay cannot exhaust a phone's memory; each bound is what a relay within
    // the limits above can send at most, so an honest relay never hits one.

    /// Most bytes an entry of a pull adds besides its ciphertext, postcard-encoded:
    /// seq (varint, 10 at most), record id and author (1 + 16 each), kind (1 + a
    /// snapshot's `covers`, 10), ciphertext length (varint, 3 up to 1 MiB): 58.
    pub const MAX_ENTRY_OVERHEAD_BYTES: usize = 64;
    /// Most bytes one [`crate::Pushed`] outcome takes (1 + a varint seq): 11.
    pub const MAX_PUSHED_BYTES: usize = 16;
    /// Largest answer to `POST /v2/sync`: a page's ciphertext (at most
    /// [`PULL_BYTE_BUDGET`], which holds the one entry always sent, at most
    /// [`MAX_CIPHERTEXT_BYTES`]), the framing of at most [`MAX_PULL_LIMIT`] entries,
    /// an outcome for each of at most [`MAX_PUSH_ENTRIES`] pushed ones, and the fixed
    /// fields (lengths, `more`, three u64: under 64 bytes). About 4.14 MiB.
    pub const MAX_SYNC_ANSWER_BYTES: usize = PULL_BYTE_BUDGET
        + MAX_PULL_LIMIT as usize * MAX_ENTRY_OVERHEAD_BYTES
        + MAX_PUSH_ENTRIES * MAX_PUSHED_BYTES
        + 64;
    /// Largest other answer: a roster (`GET /v1/roster`) reached the relay inside a
    /// request body, so it is smaller than [`MAX_BODY_BYTES`]; the pending joins
    /// (`GET /v1/pending`) take about 1.2 KiB each (a sealed name of at most
    /// [`MAX_NAME_SEALED_BYTES`], keys, MAC, token hash), so this holds thousands, more
    /// than a roster may list ([`MAX_ROSTER_DEVICES`]); error bodies are a few bytes.
    pub const MAX_ANSWER_BYTES: usize = MAX_BODY_BYTES;
    /// Largest answer to `GET /v2/rosters`: rosters that fit in [`MAX_BODY_BYTES`]
    /// together (or one roster, which reached the relay in a body), their framing
    /// (a length each, 4 bytes at most) and `more`.
    pub const MAX_CHAIN_ANSWER_BYTES: usize = 2 * MAX_BODY_BYTES;

    // The one entry a pull always sends fits in the budget.
    const _: () = assert!(MAX_CIPHERTEXT_BYTES <= PULL_BYTE_BUDGET);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn trailing_bytes_are_refused() {
        let mut bytes = encode(&SyncRequest {
            team_id: TeamId([0; 16]),
            cursor: 1,
            push: vec![],
            pull_limit: 2,
        })
        .unwrap();
        bytes.push(0);
        assert!(matches!(
            decode::<SyncRequest>(&bytes),
            Err(ProtoError::TrailingBytes(1))
        ));
    }

    /// The largest sync answer a relay within the limits can give (every varint at its
    /// longest, a fresh record id and author on every entry, a full page of
    /// ciphertext over the most entries, an outcome for the most pushed entries)
    /// encodes within `MAX_SYNC_ANSWER_BYTES`.
    #[test]
    fn the_largest_sync_answer_fits_its_bound() {
        let count = limits::MAX_PULL_LIMIT as usize;
        let each = limits::PULL_BYTE_BUDGET / count;
        let entries: Vec<Entry> = (0..count)
            .map(|i| {
                let mut id = [0xff; 16];
                id[..8].copy_from_slice(&(i as u64).to_be_bytes());
                let first_extra = if i == 0 {
                    limits::PULL_BYTE_BUDGET - each * count
                } else {
                    0
                };
                Entry {
                    // Every distance between seqs is above 2^63: a 10-byte varint.
                    seq: (i as u64).wrapping_mul(0x8000_0000_0000_0001),
                    record_id: RecordId(id),
                    author_device: DeviceId(id),
                    kind: EntryKind::Snapshot { covers: u64::MAX },
                    ciphertext: vec![0xab; each + first_extra],
                }
            })
            .collect();
        assert_eq!(
            entries.iter().map(|e| e.ciphertext.len()).sum::<usize>(),
            limits::PULL_BYTE_BUDGET
        );
        let answer = SyncResponse {
            pushed: vec![Pushed::Stored { seq: u64::MAX }; limits::MAX_PUSH_ENTRIES],
            entries,
            more: true,
            cursor: u64::MAX,
            head: u64::MAX,
            roster_version: u64::MAX,
        };
        let len = encode(&answer).unwrap().len();
        assert!(len <= limits::MAX_SYNC_ANSWER_BYTES, "{len}");
        // The bound is not loose: the framing is counted, not guessed far above.
        assert!(
            limits::MAX_SYNC_ANSWER_BYTES - len < 32 * 1024,
            "{} - {len}",
            limits::MAX_SYNC_ANSWER_BYTES
        );
        // And one entry at the largest ciphertext fits it too.
        let one = SyncResponse {
            pushed: vec![],
            entries: vec![Entry {
                seq: u64::MAX,
                record_id: RecordId([1; 16]),
                author_device: DeviceId([2; 16]),
                kind: EntryKind::Snapshot { covers: u64::MAX },
                ciphertext: vec![0; limits::MAX_CIPHERTEXT_BYTES],
            }],
            more: true,
            cursor: u64::MAX,
            head: u64::MAX,
            roster_version: u64::MAX,
        };
        assert!(encode(&one).unwrap().len() <= limits::MAX_SYNC_ANSWER_BYTES);
    }

    #[test]
    fn truncated_bytes_are_refused() {
        let bytes = encode(&SyncRequest {
            team_id: TeamId([0; 16]),
            cursor: 1,
            push: vec![],
            pull_limit: 2,
        })
        .unwrap();
        assert!(decode::<SyncRequest>(&bytes[..10]).is_err());
    }
}
