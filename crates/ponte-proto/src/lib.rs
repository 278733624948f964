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
mod sync;
mod team;

pub use auth::{
    HEADER_DEVICE, HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIME, RequestAuth, TIME_WINDOW_MS,
    signing_input,
};
pub use error::{ErrorBody, ErrorCode, ProtoError};
pub use ids::{
    AgreementPublicKey, DeviceId, EntryId, InviteToken, JoinMac, Nonce, RecordId, Signature,
    SigningPublicKey, TeamId, TokenHash,
};
pub use sync::{Entry, EntryKind, NewEntry, Pushed, SyncRequest, SyncResponse};
pub use team::{
    CreateInvite, CreateTeam, JoinRequest, PendingJoin, PendingJoins, PutRoster, Role, RosterBody,
    RosterDevice, SignedRoster, join_mac_input, roster_signing_input,
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
    /// `POST`, signed by the new supervisor's key in the body: create a team.
    pub const TEAMS: &str = "/v1/teams";
    /// `POST`, supervisor: register an invite token hash.
    pub const INVITES: &str = "/v1/invites";
    /// `POST`, signed by the new device's key in the body: ask to join.
    pub const JOIN: &str = "/v1/join";
    /// `GET ?team=HEX`, supervisor: pending join requests.
    pub const PENDING: &str = "/v1/pending";
    /// `GET ?team=HEX` (team or pending device): latest roster; `POST`
    /// (supervisor): store a new roster.
    pub const ROSTER: &str = "/v1/roster";
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
    /// Invites may expire at most this far in the future.
    pub const MAX_INVITE_LIFETIME_MS: u64 = 30 * 24 * 60 * 60 * 1000;
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
