//! Audit review on a supervisor's device: every device's audit trail, its state, and
//! its entries.
//!
//! The rules (what a trail holds, when it is `broken` or `missing`, who may review) are
//! `ponte_device::audit_review`'s; these are the types that cross IPC.

use serde::{Deserialize, Serialize};

/// Arguments of `audit_review`: optional filters of the entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AuditReviewArgs {
    /// Only this device's entries: its id (hex, or a prefix) or its name.
    #[serde(default)]
    pub device: Option<String>,
    /// Only entries about this record (its id, hex).
    #[serde(default)]
    pub record: Option<String>,
}

/// What a supervisor's review shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditReview {
    /// Every device of the roster, and any trail of a device no longer in it.
    pub devices: Vec<AuditTrailStatus>,
    /// The entries (filtered), newest first.
    pub entries: Vec<AuditRow>,
}

/// The state of one device's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditTrailStatus {
    /// Device id (hex).
    pub device: String,
    /// Its name in the team, if it is in the roster.
    #[serde(default)]
    pub name: Option<String>,
    /// Its role in the team, if it is in the roster.
    #[serde(default)]
    pub role: Option<crate::Role>,
    /// How many entries its trail holds.
    pub entries: u64,
    /// Time of its last entry (ms since the epoch).
    #[serde(default)]
    pub last_at_ms: Option<i64>,
    /// `ok`, `broken` or `missing`.
    pub state: String, /* ok | broken | missing */
    /// What is wrong and where (for `broken` and `missing`).
    #[serde(default)]
    pub problem: Option<String>,
    /// Entries from the relay this device refused as not the team's (forged,
    /// altered, unreadable, an erasure nobody who may erase signed), as its log says:
    /// a sign that the relay was breached or a member writes what it should not.
    #[serde(default)]
    pub refused: u64,
}

/// One audit entry of a device's trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Device id (hex).
    pub device: String,
    /// Its name in the team, if it is in the roster.
    #[serde(default)]
    pub name: Option<String>,
    /// When (ms since the epoch).
    pub at_ms: i64,
    /// What was done (`view`, `edit`, `export`, ...).
    pub action: String,
    /// The record's kind, if the entry is about a record.
    #[serde(default)]
    pub kind: Option<String>,
    /// The record's id (hex), if the entry is about a record.
    #[serde(default)]
    pub record: Option<String>,
    /// Further detail, as the device's own log has it.
    #[serde(default)]
    pub detail: Option<String>,
}
