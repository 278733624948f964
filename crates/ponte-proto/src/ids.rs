//! Fixed-size byte values of the protocol: ids, public keys, signatures, hashes.
//!
//! Every one is a newtype over `[u8; N]` so a device id can never be passed where a
//! record id is expected. In binary formats (postcard, the wire) they are exactly
//! `N` raw bytes with no length prefix; in human-readable formats (JSON, logs) they
//! are lower-case hex. None of them carries meaning the relay could interpret: ids
//! are random, hashes and keys are public by design.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeTuple, Serializer};
use serde::{Deserialize, Serialize};

use crate::ProtoError;

macro_rules! fixed_bytes {
    ($(#[$meta:meta])* $name:ident, $len:expr) => {
        fixed_bytes!(@define $(#[$meta])* $name, $len);

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.to_hex())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.to_hex())
            }
        }
    };
    (@redacted $(#[$meta:meta])* $name:ident, $len:expr) => {
        fixed_bytes!(@define $(#[$meta])* $name, $len);

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }
    };
    (@define $(#[$meta:meta])* $name:ident, $len:expr) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub [u8; $len]);

        impl $name {
            /// Length in bytes.
            pub const LEN: usize = $len;

            /// Wraps raw bytes.
            pub const fn from_bytes(bytes: [u8; $len]) -> Self {
                Self(bytes)
            }

            /// The raw bytes.
            pub const fn as_bytes(&self) -> &[u8; $len] {
                &self.0
            }

            /// Copies from a slice of exactly [`Self::LEN`] bytes.
            pub fn from_slice(bytes: &[u8]) -> Result<Self, ProtoError> {
                <[u8; $len]>::try_from(bytes)
                    .map(Self)
                    .map_err(|_| ProtoError::Length { expected: $len, found: bytes.len() })
            }

            /// Lower-case hex, as in headers, query strings and logs.
            pub fn to_hex(&self) -> String {
                hex::encode(self.0)
            }

            /// Parses hex of exactly `2 * LEN` digits (either case).
            pub fn from_hex(text: &str) -> Result<Self, ProtoError> {
                let mut bytes = [0u8; $len];
                hex::decode_to_slice(text, &mut bytes).map_err(|_| ProtoError::Hex)?;
                Ok(Self(bytes))
            }
        }

        impl FromStr for $name {
            type Err = ProtoError;

            fn from_str(text: &str) -> Result<Self, ProtoError> {
                Self::from_hex(text)
            }
        }

        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize_fixed(&self.0, serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserialize_fixed(deserializer).map(Self)
            }
        }
    };
}

fixed_bytes!(
    /// A team: 16 random bytes chosen by the supervisor's device.
    TeamId,
    16
);
fixed_bytes!(
    /// A device: 16 random bytes chosen by the device itself.
    DeviceId,
    16
);
fixed_bytes!(
    /// A record (or, for [`crate::EntryKind::Key`] entries, the recipient device or
    /// record the key is for): 16 random bytes.
    RecordId,
    16
);
fixed_bytes!(
    /// SHA-256 of an entry's ciphertext. Computed by the relay on push (never taken
    /// from the client), by a client when it needs it; it is not sent on the wire.
    EntryId,
    32
);
fixed_bytes!(
    /// An Ed25519 public key (device signing key): relay authentication and roster.
    SigningPublicKey,
    32
);
fixed_bytes!(
    /// An X25519 public key: devices receive the team key sealed to it.
    AgreementPublicKey,
    32
);
fixed_bytes!(
    /// An Ed25519 signature.
    Signature,
    64
);
fixed_bytes!(
    /// The per-request random nonce of a signed request (replay protection).
    Nonce,
    16
);
fixed_bytes!(
    /// SHA-256 of an [`InviteToken`]: what the relay stores for an invite.
    TokenHash,
    32
);
fixed_bytes!(
    /// HMAC-SHA256 made by a joining device with the invite secret, which never
    /// reaches the relay; the relay only stores it for the supervisor to check.
    JoinMac,
    32
);
fixed_bytes!(
    @redacted
    /// The one-time invite token. The relay only ever keeps its hash; `Debug`
    /// prints `<redacted>` and there is no `Display`, so it never reaches a log.
    InviteToken,
    32
);

/// Serializes `[u8; N]` as `N` raw bytes in binary formats (a tuple, so postcard
/// writes no length) and as hex in human-readable ones.
fn serialize_fixed<S: Serializer, const N: usize>(
    bytes: &[u8; N],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() {
        serializer.serialize_str(&hex::encode(bytes))
    } else {
        let mut tuple = serializer.serialize_tuple(N)?;
        for byte in bytes {
            tuple.serialize_element(byte)?;
        }
        tuple.end()
    }
}

fn deserialize_fixed<'de, D: Deserializer<'de>, const N: usize>(
    deserializer: D,
) -> Result<[u8; N], D::Error> {
    if deserializer.is_human_readable() {
        deserializer.deserialize_str(HexVisitor::<N>)
    } else {
        deserializer.deserialize_tuple(N, TupleVisitor::<N>)
    }
}

struct HexVisitor<const N: usize>;

impl<const N: usize> Visitor<'_> for HexVisitor<N> {
    type Value = [u8; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hex digits", 2 * N)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<[u8; N], E> {
        let mut bytes = [0u8; N];
        hex::decode_to_slice(text, &mut bytes)
            .map_err(|_| E::invalid_value(de::Unexpected::Other("hex"), &self))?;
        Ok(bytes)
    }
}

struct TupleVisitor<const N: usize>;

impl<'de, const N: usize> Visitor<'de> for TupleVisitor<N> {
    type Value = [u8; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{N} bytes")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<[u8; N], A::Error> {
        let mut bytes = [0u8; N];
        for (i, slot) in bytes.iter_mut().enumerate() {
            *slot = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(i, &self))?;
        }
        Ok(bytes)
    }
}

/// `#[serde(with = "crate::ids::bytes")]` for `Vec<u8>` fields: the same postcard
/// bytes as the default (a varint length, then the bytes) but decoded with one copy
/// instead of byte by byte.
pub(crate) mod bytes {
    use std::fmt;

    use serde::de::{SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_byte_buf(BytesVisitor)
    }

    struct BytesVisitor;

    impl<'de> Visitor<'de> for BytesVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("bytes")
        }

        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
            Ok(bytes.to_vec())
        }

        fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(bytes)
        }

        // Human-readable formats (serde_json) write bytes as an array of numbers.
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(byte) = seq.next_element()? {
                out.push(byte);
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn binary_form_is_the_raw_bytes_without_length() {
        let id = DeviceId([7; 16]);
        let encoded = postcard::to_allocvec(&id).unwrap();
        assert_eq!(encoded, vec![7; 16]);
        let signature = Signature([9; 64]);
        assert_eq!(postcard::to_allocvec(&signature).unwrap(), vec![9; 64]);
    }

    #[test]
    fn human_readable_form_is_hex() {
        let id = TeamId([0xab; 16]);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{}\"", "ab".repeat(16)));
        assert_eq!(serde_json::from_str::<TeamId>(&json).unwrap(), id);
    }

    #[test]
    fn hex_round_trip_and_errors() {
        let id = RecordId([0x0f; 16]);
        assert_eq!(id.to_string(), "0f".repeat(16));
        assert_eq!("0F".repeat(16).parse::<RecordId>().unwrap(), id);
        assert!(RecordId::from_hex("0f").is_err());
        assert!(RecordId::from_hex(&"zz".repeat(16)).is_err());
        assert!(RecordId::from_slice(&[1; 15]).is_err());
    }

    #[test]
    fn invite_token_never_prints() {
        let token = InviteToken([0x42; 32]);
        let shown = format!("{token:?}");
        assert_eq!(shown, "InviteToken(<redacted>)");
        assert!(!shown.contains("42"));
    }
}
