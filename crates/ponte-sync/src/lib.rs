//! Device-side sync: teams, enrolment, and the sync loop against the blind relay.
//!
//! This crate turns a device's encrypted store (`ponte-store`) into a member of a
//! team that syncs through the relay (`sync-server`, wire types in `ponte-proto`):
//!
//! * [`team`]: create a team (this device becomes its supervisor), invite, join with
//!   an invite code, approve joins (checking the MAC made with the invite secret the
//!   relay never sees), revoke a device and rotate the team key, erase for the team.
//! * [`roster`]: the supervisor-signed roster, with the team keys sealed to each
//!   device's X25519 key and device names sealed with the team key.
//! * [`engine`]: the sync loop. Each round trip pushes outbox entries and pulls what
//!   others pushed; the pulled entries, the removal of pushed ones and the new cursor
//!   are committed in one store transaction, so an interruption at any point only
//!   repeats work: the relay deduplicates pushes by entry id and the cursor never
//!   moves past what is committed.
//! * [`settings`]: the team settings the supervisor signs into the roster (unlock
//!   attempt limit, key lease), sealed with the team key.
//! * [`notice`]: the "duress used" notice a device leaves its supervisor after a
//!   duress unlock, and how the supervisor opens it.
//! * [`client`]: signed HTTP requests (reqwest); [`invite`]: the invite code.
//!
//! What it does not do: keep plaintext anywhere but the store, decide when to sync
//! (binaries and the app shell do), or know about the relay's storage.

pub mod client;
pub mod engine;
pub mod invite;
pub mod notice;
/// The roles of the signed roster.
pub use ponte_proto::Role;
pub mod recovery;
pub mod roster;
pub mod settings;
pub mod team;

use ponte_proto::ErrorCode;
use ponte_store::StoreError;

/// Failure of a sync or team operation. Never carries record content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// The local store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// The relay answered with an error code.
    #[error("relay refused: {0}")]
    Relay(ErrorCode),
    /// The relay could not be reached, or the connection broke.
    #[error("relay unreachable")]
    Network,
    /// The relay answered something that does not decode or does not fit.
    #[error("bad answer from the relay")]
    Protocol,
    /// The relay's answer is larger than a relay within the protocol's limits can send
    /// (`ponte_proto::limits::MAX_SYNC_ANSWER_BYTES`, `MAX_ANSWER_BYTES`); it was dropped
    /// unread past the bound and nothing of it was used.
    #[error("relay answer too large")]
    AnswerTooLarge,
    /// This device is not in a team.
    #[error("not in a team")]
    NoTeam,
    /// This device is already in a team.
    #[error("already in a team")]
    AlreadyInTeam,
    /// Only the supervisor may do this.
    #[error("supervisor only")]
    NotSupervisor,
    /// The invite code does not decode.
    #[error("bad invite code")]
    BadInvite,
    /// An invite's lifetime outside what the relay accepts: at least a second, at most
    /// `max_days` days (`ponte_proto::limits::MAX_INVITE_LIFETIME_MS`). Checked before
    /// anything is sent or written.
    #[error("invite lifetime out of range")]
    BadInviteTtl {
        /// The longest lifetime, in days.
        max_days: u64,
    },
    /// The supervisor has not approved this device yet.
    #[error("waiting for approval")]
    NotApproved,
    /// The roster's signature is not the supervisor's, or it does not name this team.
    #[error("roster signature invalid")]
    BadRoster,
    /// No pending join or device matches.
    #[error("no such device")]
    NoSuchDevice,
    /// This device was removed from the team: the latest roster, signed by the
    /// supervisor and no older than the one this device holds, does not list it. The
    /// only answer on which a device may wipe itself (`ponte-device` does).
    #[error("device removed from the team (signed roster)")]
    RemovedFromTeam,
    /// The relay said this device was removed, but the roster it serves does not show
    /// it (no roster, a bad signature, an older roster, or one that still lists this
    /// device). Nothing may be deleted on such an answer; sync stops.
    #[error("removal claimed by the relay, not proven")]
    RevocationUnproven,
    /// The recovery kit's code does not decode.
    #[error("bad recovery kit")]
    BadRecoveryKit,
    /// The recovery kit is not the team's any more: a later roster replaced it (or it
    /// was used already).
    #[error("recovery kit retired")]
    RecoveryKitRetired,
    /// The change would leave the team without a supervisor.
    #[error("the team would have no supervisor")]
    LastSupervisor,
    /// The relay refused changes as belonging to an erased record, but served no
    /// erasure signed by the supervisor for it. The changes stay queued; sync stops.
    #[error("erasure claimed by the relay, not proven")]
    ErasureUnproven,
}

impl SyncError {
    /// Stable code, translated as `error-<code>` (relay codes as `error-relay-<code>`).
    pub fn code(&self) -> String {
        match self {
            SyncError::Store(e) => e.code().to_owned(),
            SyncError::Relay(code) => format!("relay-{}", code.as_str()),
            SyncError::Network => "network".into(),
            SyncError::Protocol => "protocol".into(),
            SyncError::AnswerTooLarge => Self::ANSWER_TOO_LARGE.into(),
            SyncError::NoTeam => "no-team".into(),
            SyncError::AlreadyInTeam => "already-in-team".into(),
            SyncError::NotSupervisor => "not-supervisor".into(),
            SyncError::BadInvite => "bad-invite".into(),
            SyncError::BadInviteTtl { .. } => Self::BAD_INVITE_TTL.into(),
            SyncError::NotApproved => "not-approved".into(),
            SyncError::BadRoster => "bad-roster".into(),
            SyncError::NoSuchDevice => "no-such-device".into(),
            SyncError::RemovedFromTeam => "removed-from-team".into(),
            SyncError::RevocationUnproven => "revocation-unproven".into(),
            SyncError::BadRecoveryKit => "bad-recovery-kit".into(),
            SyncError::RecoveryKitRetired => "recovery-kit-retired".into(),
            SyncError::LastSupervisor => "last-supervisor".into(),
            SyncError::ErasureUnproven => "erasure-unproven".into(),
        }
    }

    /// The code of [`SyncError::AnswerTooLarge`]: the device refused the relay's
    /// answer, not the relay a request (its own codes are `relay-<code>` too).
    pub const ANSWER_TOO_LARGE: &'static str = "relay-answer-too-large";

    /// The code of [`SyncError::BadInviteTtl`].
    pub const BAD_INVITE_TTL: &'static str = "invite-bad-ttl";

    /// Every code of this crate's own variants (the locale tests use it).
    pub const CODES: &'static [&'static str] = &[
        "network",
        "protocol",
        Self::ANSWER_TOO_LARGE,
        "no-team",
        "already-in-team",
        "not-supervisor",
        "bad-invite",
        Self::BAD_INVITE_TTL,
        "not-approved",
        "bad-roster",
        "no-such-device",
        "removed-from-team",
        "revocation-unproven",
        "erasure-unproven",
        "bad-recovery-kit",
        "recovery-kit-retired",
        "last-supervisor",
    ];
}

impl From<ponte_crypto::CryptoError> for SyncError {
    fn from(_: ponte_crypto::CryptoError) -> Self {
        SyncError::Store(StoreError::Corrupt)
    }
}

impl From<ponte_proto::ProtoError> for SyncError {
    fn from(_: ponte_proto::ProtoError) -> Self {
        SyncError::Protocol
    }
}

/// Result of this crate's operations.
pub type Result<T, E = SyncError> = std::result::Result<T, E>;
