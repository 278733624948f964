//! Signed requests: the four headers and the canonical bytes a device signs.
//!
//! ```text
//! x-ponte-device:    hex(device id, 16 bytes)
//! x-ponte-time:      unix time in milliseconds, decimal
//! x-ponte-nonce:     hex(16 random bytes)
//! x-ponte-signature: hex(Ed25519 signature, 64 bytes) over signing_input(...)
//! ```
//!
//! The signature covers the method, the path *with its query string* exactly as
//! sent, the time, the nonce and the SHA-256 of the body, so a captured request can
//! be neither replayed (nonce, time window) nor altered. This crate has no crypto:
//! the caller computes the SHA-256 and the signature.

use crate::ProtoError;
use crate::ids::{DeviceId, Nonce, Signature};

/// Header carrying the device id (hex).
pub const HEADER_DEVICE: &str = "x-ponte-device";
/// Header carrying the request time (unix ms, decimal).
pub const HEADER_TIME: &str = "x-ponte-time";
/// Header carrying the nonce (hex of 16 bytes).
pub const HEADER_NONCE: &str = "x-ponte-nonce";
/// Header carrying the signature (hex of 64 bytes).
pub const HEADER_SIGNATURE: &str = "x-ponte-signature";
/// Header of `POST /v2/sync` carrying the version of the latest roster the device
/// verified (decimal). A relay that holds a later one stores nothing the request
/// pushes ([`crate::ErrorCode::RosterBehind`]): what the device sealed before it saw a
/// rotation must not reach the log under a key a removed device held.
pub const HEADER_ROSTER: &str = "x-ponte-roster";

/// A request is refused if its time is further than this from the relay's clock;
/// nonces are remembered for as long.
pub const TIME_WINDOW_MS: u64 = 5 * 60 * 1000;

/// Version tag that starts every string to sign.
const CONTEXT: &str = "ponte-req-v1";

/// The canonical bytes to sign:
/// `"ponte-req-v1\n" METHOD "\n" PATH "\n" time "\n" hex(nonce) "\n" hex(sha256(body))`.
///
/// `path` is the path and query exactly as sent (`/v1/roster?team=...`); `time` is
/// written in decimal; hex is lower-case. The caller hashes the body (an empty body
/// hashes to SHA-256 of zero bytes).
pub fn signing_input(
    method: &str,
    path: &str,
    time_ms: u64,
    nonce: &Nonce,
    body_sha256: &[u8; 32],
) -> Vec<u8> {
    format!(
        "{CONTEXT}\n{method}\n{path}\n{time_ms}\n{}\n{}",
        nonce.to_hex(),
        hex::encode(body_sha256)
    )
    .into_bytes()
}

/// The parsed authentication headers of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestAuth {
    /// Who claims to sign.
    pub device: DeviceId,
    /// When (unix ms).
    pub time_ms: u64,
    /// The request's nonce.
    pub nonce: Nonce,
    /// The signature over [`signing_input`].
    pub signature: Signature,
}

impl RequestAuth {
    /// Parses the four header values (any of them missing or garbled is an error).
    pub fn parse(
        device: Option<&str>,
        time_ms: Option<&str>,
        nonce: Option<&str>,
        signature: Option<&str>,
    ) -> Result<Self, ProtoError> {
        let (Some(device), Some(time_ms), Some(nonce), Some(signature)) =
            (device, time_ms, nonce, signature)
        else {
            return Err(ProtoError::MissingHeader);
        };
        // Digits only: `u64::from_str` would also take a leading `+`, which would give
        // one request two spellings.
        if time_ms.is_empty() || time_ms.len() > 20 || !time_ms.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(ProtoError::Time);
        }
        Ok(Self {
            device: DeviceId::from_hex(device)?,
            time_ms: time_ms.parse().map_err(|_| ProtoError::Time)?,
            nonce: Nonce::from_hex(nonce)?,
            signature: Signature::from_hex(signature)?,
        })
    }

    /// The header name/value pairs to send.
    pub fn headers(&self) -> [(&'static str, String); 4] {
        [
            (HEADER_DEVICE, self.device.to_hex()),
            (HEADER_TIME, self.time_ms.to_string()),
            (HEADER_NONCE, self.nonce.to_hex()),
            (HEADER_SIGNATURE, self.signature.to_hex()),
        ]
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn signing_input_is_the_documented_string() {
        let input = signing_input(
            "POST",
            "/v1/sync",
            1_700_000_000_123,
            &Nonce([0xab; 16]),
            &[0x01; 32],
        );
        let expected = format!(
            "ponte-req-v1\nPOST\n/v1/sync\n1700000000123\n{}\n{}",
            "ab".repeat(16),
            "01".repeat(32)
        );
        assert_eq!(String::from_utf8(input).unwrap(), expected);
    }

    #[test]
    fn headers_round_trip() {
        let auth = RequestAuth {
            device: DeviceId([1; 16]),
            time_ms: 42,
            nonce: Nonce([2; 16]),
            signature: Signature([3; 64]),
        };
        let [d, t, n, s] = auth.headers();
        let parsed = RequestAuth::parse(Some(&d.1), Some(&t.1), Some(&n.1), Some(&s.1)).unwrap();
        assert_eq!(parsed, auth);
    }

    #[test]
    fn garbled_headers_are_refused() {
        let device = "01".repeat(16);
        let nonce = "02".repeat(16);
        let signature = "03".repeat(64);
        let check = |d: Option<&str>, t: Option<&str>, n: Option<&str>, s: Option<&str>| {
            RequestAuth::parse(d, t, n, s)
        };
        assert!(check(None, Some("1"), Some(&nonce), Some(&signature)).is_err());
        assert!(check(Some(&device), Some("+1"), Some(&nonce), Some(&signature)).is_err());
        assert!(check(Some(&device), Some(""), Some(&nonce), Some(&signature)).is_err());
        assert!(
            check(
                Some(&device),
                Some("99999999999999999999999"),
                Some(&nonce),
                Some(&signature)
            )
            .is_err()
        );
        assert!(check(Some(&device), Some("1"), Some("02"), Some(&signature)).is_err());
        assert!(check(Some("xyz"), Some("1"), Some(&nonce), Some(&signature)).is_err());
        assert!(check(Some(&device), Some("1"), Some(&nonce), Some(&signature)).is_ok());
    }
}
