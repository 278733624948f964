//! Error codes the relay answers with, and this crate's own error.
//!
//! An error response is JSON `{"code": "kebab-case-code"}` with a 4xx status (or
//! `{"code": "internal"}` with a 5xx). The code is stable: a client maps it to a
//! translated message or an action (`device-revoked` means: fetch the roster chain,
//! and wipe only on its signed proof).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Every code the relay may answer with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// 400: the body or query does not decode, or a value is out of range.
    Malformed,
    /// 413: the body, an entry, a name or a batch is over its limit.
    TooLarge,
    /// 429: this device sent too many requests; retry later.
    RateLimited,
    /// 401: signature headers missing or garbled, or the signature does not verify.
    BadSignature,
    /// 401: the request time is outside the relay's window (+-5 min).
    StaleRequest,
    /// 401: this nonce was already used within the window.
    ReplayedRequest,
    /// 401: the device is not in the team's roster (or the team does not exist).
    UnknownDevice,
    /// 403: the device was removed from the roster. A device does not wipe on this
    /// answer: it fetches the roster chain, whose signed proof alone counts.
    DeviceRevoked,
    /// 403: only a supervisor of the team (in its latest roster) may do this.
    NotSupervisor,
    /// 403: this relay creates teams only for a request presenting one of the
    /// team-creation codes its operator configured, and this one presented none or a
    /// wrong one (`POST /v1/teams`).
    TeamCreationClosed,
    /// 409: a team with this id exists.
    TeamExists,
    /// 409: an invite with this token hash exists.
    InviteExists,
    /// 400: the roster does not decode or does not fit the team.
    BadRoster,
    /// 400: the roster's signer is not a supervisor (or the recovery kit) of the
    /// previous roster, or its signature does not verify with the key listed for it.
    BadRosterSignature,
    /// 409: the roster's version is not greater than the latest one.
    StaleRoster,
    /// 409: a push from a device that has not seen the team's latest roster (its
    /// [`crate::HEADER_ROSTER`] is older): nothing stored. The device fetches the
    /// roster (a rotation it missed) and pushes again, sealed for it.
    RosterBehind,
    /// 400: a snapshot claims to cover entries the log does not have yet.
    BadCovers,
    /// 403: no invite of this team has this token.
    BadToken,
    /// 409: the invite was already used by another device.
    TokenUsed,
    /// 410: the invite has expired.
    InviteExpired,
    /// 409: the device is already enrolled in the team.
    DeviceExists,
    /// Per pushed entry ([`crate::Pushed::RecordErased`]): the record was erased.
    RecordErased,
    /// 409: this device already left the most notices the relay keeps for one
    /// (`POST /v2/notices`).
    NoticeLimit,
    /// 404: no such route.
    NotFound,
    /// 405: wrong method for this route.
    MethodNotAllowed,
    /// 408: the request (head or body) did not arrive in time.
    RequestTimeout,
    /// 5xx: something failed on the relay; details are in its log only.
    Internal,
    /// A code this version does not know (a newer relay).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// Every code (the device's locale tests check each has a message).
    pub const ALL: &'static [ErrorCode] = &[
        Self::Malformed,
        Self::TooLarge,
        Self::RateLimited,
        Self::BadSignature,
        Self::StaleRequest,
        Self::ReplayedRequest,
        Self::UnknownDevice,
        Self::DeviceRevoked,
        Self::NotSupervisor,
        Self::TeamCreationClosed,
        Self::TeamExists,
        Self::InviteExists,
        Self::BadRoster,
        Self::BadRosterSignature,
        Self::StaleRoster,
        Self::RosterBehind,
        Self::BadCovers,
        Self::BadToken,
        Self::TokenUsed,
        Self::InviteExpired,
        Self::DeviceExists,
        Self::RecordErased,
        Self::NoticeLimit,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::RequestTimeout,
        Self::Internal,
        Self::Unknown,
    ];

    /// The kebab-case code, as in the JSON body.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::TooLarge => "too-large",
            Self::RateLimited => "rate-limited",
            Self::BadSignature => "bad-signature",
            Self::StaleRequest => "stale-request",
            Self::ReplayedRequest => "replayed-request",
            Self::UnknownDevice => "unknown-device",
            Self::DeviceRevoked => "device-revoked",
            Self::NotSupervisor => "not-supervisor",
            Self::TeamCreationClosed => "team-creation-closed",
            Self::TeamExists => "team-exists",
            Self::InviteExists => "invite-exists",
            Self::BadRoster => "bad-roster",
            Self::BadRosterSignature => "bad-roster-signature",
            Self::StaleRoster => "stale-roster",
            Self::RosterBehind => "roster-behind",
            Self::BadCovers => "bad-covers",
            Self::BadToken => "bad-token",
            Self::TokenUsed => "token-used",
            Self::InviteExpired => "invite-expired",
            Self::DeviceExists => "device-exists",
            Self::RecordErased => "record-erased",
            Self::NoticeLimit => "notice-limit",
            Self::NotFound => "not-found",
            Self::MethodNotAllowed => "method-not-allowed",
            Self::RequestTimeout => "request-timeout",
            Self::Internal => "internal",
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON body of every error response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong.
    pub code: ErrorCode,
}

/// Failures of this crate: decoding bytes, hex or headers.
///
/// Messages never echo the offending input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProtoError {
    /// The bytes are not a valid postcard encoding of the expected type.
    #[error("cannot decode message: {0}")]
    Decode(#[source] postcard::Error),
    /// The message decoded but bytes were left over.
    #[error("message has {0} trailing bytes")]
    TrailingBytes(usize),
    /// Encoding failed (cannot happen for this crate's types).
    #[error("cannot encode message: {0}")]
    Encode(#[source] postcard::Error),
    /// Not hex, or not the expected number of digits.
    #[error("invalid hex")]
    Hex,
    /// A byte string of the wrong length.
    #[error("expected {expected} bytes, found {found}")]
    Length {
        /// Expected length.
        expected: usize,
        /// Actual length.
        found: usize,
    },
    /// One of the signature headers is missing.
    #[error("missing signature header")]
    MissingHeader,
    /// The time header is not a plain decimal number of milliseconds.
    #[error("invalid time header")]
    Time,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn codes_serialize_as_their_kebab_case_name() {
        for code in [
            ErrorCode::Malformed,
            ErrorCode::TooLarge,
            ErrorCode::RateLimited,
            ErrorCode::BadSignature,
            ErrorCode::StaleRequest,
            ErrorCode::ReplayedRequest,
            ErrorCode::UnknownDevice,
            ErrorCode::DeviceRevoked,
            ErrorCode::NotSupervisor,
            ErrorCode::TeamCreationClosed,
            ErrorCode::TeamExists,
            ErrorCode::InviteExists,
            ErrorCode::BadRoster,
            ErrorCode::BadRosterSignature,
            ErrorCode::StaleRoster,
            ErrorCode::BadCovers,
            ErrorCode::BadToken,
            ErrorCode::TokenUsed,
            ErrorCode::InviteExpired,
            ErrorCode::DeviceExists,
            ErrorCode::RecordErased,
            ErrorCode::NotFound,
            ErrorCode::MethodNotAllowed,
            ErrorCode::Internal,
        ] {
            let json = serde_json::to_string(&ErrorBody { code }).unwrap();
            assert_eq!(json, format!("{{\"code\":\"{}\"}}", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorBody>(&json).unwrap().code, code);
        }
    }

    #[test]
    fn a_closed_relay_says_team_creation_closed() {
        assert_eq!(
            serde_json::to_string(&ErrorBody {
                code: ErrorCode::TeamCreationClosed
            })
            .unwrap(),
            r#"{"code":"team-creation-closed"}"#
        );
        assert!(ErrorCode::ALL.contains(&ErrorCode::TeamCreationClosed));
    }

    #[test]
    fn an_unknown_code_from_a_newer_relay_still_parses() {
        let body: ErrorBody = serde_json::from_str(r#"{"code":"brand-new"}"#).unwrap();
        assert_eq!(body.code, ErrorCode::Unknown);
    }
}
