//! Audit trails: each device's audit entries, shipped to the supervisors.
//!
//! A device's trail is one record of kind [`Kind::Audit`] whose id is the first 16
//! bytes of `sha256("ponte/audit-trail/v1" || team id || device id)` ([`trail_id`]). It
//! is restricted from its first entry to the device itself and the supervisors of the
//! roster (its key entry wraps the data key for them only, as a need-to-know record's),
//! so no other member's device ever holds it, and the relay holds only sealed entries
//! of a restricted record.
//!
//! [`Store::ship_audit_trail`] appends every entry of the local log newer than the last
//! one shipped as one *round*: a text value under the number of its first entry (`n`,
//! from 1, without gaps across rounds), one line an entry ([`encode_round`]). Before
//! appending, it checks that the local log still holds the last shipped `(seq, chain)`,
//! kept in the sealed setting `audit-trail-shipped`, that the trail's last entry is
//! that same `seq` (the position belongs to this trail, not to an older copy of the
//! store), and verifies the log from there on only; a log deleted and started again,
//! or rewritten, gets a marker entry (`audit-broken`, `log-restarted shipped=<s>
//! now=<head>`) and the new log is shipped from its first entry; a log that does not
//! verify gets one marker (`audit-broken`, `log-unreadable at=<seq>`) while it stays
//! so. The position is never guessed from the trail: a trail here without the sealed
//! position (the setting deleted with the log) is a log that cannot show it continues
//! what was shipped, and gets the same `log-restarted` marker, the new log shipped
//! from its first entry. A trail missing here although the setting says one was
//! shipped starts again with a `trail-restarted` marker. Writing the trail is not
//! itself audited.
//!
//! Why one text value a round and no hash per entry: a round is one small Automerge
//! change whatever its length (a map key per entry, or a hash per entry, cost some
//! 245 bytes an entry on the wire; a line costs 25 to 40). The trail's numbering, the
//! seals and the check that every change of it is its device's (`only_device`) catch
//! what a per-entry hash would: nobody but its readers can write it, and a reader
//! writing under another's name is seen by its Automerge actor.
//!
//! The parts: `round` writes and reads a round's text; `ship` appends the log's
//! new entries to this device's trail (and makes the trail); `held` opens the
//! trails this device holds.
//!
//! [`Kind::Audit`]: ponte_model::Kind::Audit
//! [`Store::ship_audit_trail`]: crate::Store::ship_audit_trail

mod held;
mod round;
mod ship;
#[cfg(test)]
mod tests;

use ponte_crypto as crypto;
use serde::{Deserialize, Serialize};

use crate::RecordId;

pub use held::HeldTrail;
pub use round::{decode_round, encode_round, trail_entries};
pub use ship::Shipped;

/// Domain of [`trail_id`].
const TRAIL_CONTEXT: &[u8] = b"ponte/audit-trail/v1";
/// At most this many local entries are appended per round (the rest go next round),
/// so one round's change stays small.
pub const MAX_SHIP: usize = 200;
/// The longest `detail` shipped (a longer one is cut, on a character boundary).
pub const MAX_DETAIL: usize = 1000;

/// Action of a marker entry: the local log no longer matches what was shipped, or
/// does not verify.
pub const AUDIT_BROKEN: &str = "audit-broken";
/// Action of the first entry of a trail started again after one was shipped.
pub const TRAIL_RESTARTED: &str = "trail-restarted";

/// The id of `device`'s audit trail in team `team_id`.
pub fn trail_id(team_id: &[u8; 16], device: &[u8; 16]) -> RecordId {
    let hash = crypto::sha256(&[TRAIL_CONTEXT, team_id.as_slice(), device.as_slice()].concat());
    let mut id = [0u8; 16];
    id.copy_from_slice(&hash[..16]);
    RecordId(id)
}

/// One entry of a trail, as a round's line gives it (`docs/records.md`, kind `audit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    /// Its number in the trail, from 1.
    pub n: u64,
    /// The local log's sequence number (0 for a marker).
    pub seq: i64,
    /// Time, ms since the epoch.
    pub at: i64,
    /// What happened: an audit action (`view`, `edit`, ...) or a marker.
    pub action: String,
    /// Kind of record, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Record id (hex), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Detail (never record content).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}
