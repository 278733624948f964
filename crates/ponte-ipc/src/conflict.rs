//! Conflicting edits of one field: what two or more devices set while apart, where the
//! merge kept one value on every device, and the operator's choice among them.
//!
//! Values are record content: they cross only to the screen of a device that holds
//! the record's key, like the record itself. Collections (consents, encounters, case
//! events, ...) never conflict (entries added on two devices are all kept), and free
//! text edited on two devices merges; a conflict is a field both devices *set*.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One field with more than one value written while apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Dotted field path as in `docs/records.md`, e.g. `phone`, `permit.expiry`,
    /// `referrals.<referral id>.note`.
    pub path: String,
    /// The value the record shows now (the one the merge kept; `null` if it reads as
    /// absent).
    pub kept: Value,
    /// Every value written, the kept one first: at least two, all different.
    pub values: Vec<ConflictValue>,
}

/// One value of a [`Conflict`] and the device that wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value.
    pub value: Value,
    /// The device that wrote it: its id (hex, as `DeviceRow::id`).
    pub device: String,
    /// That device's name in the team, if this device knows it (a removed device's
    /// may not be).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Arguments of `resolve`: the value to keep at `path`, either the one a device wrote
/// (`value_of`) or another (`value`); exactly one of the two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolveArgs {
    /// The record's id (hex).
    pub id: String,
    /// The conflict's path ([`Conflict::path`]).
    pub path: String,
    /// Keep the value this device wrote (its id, [`ConflictValue::device`]).
    #[serde(default)]
    pub value_of: Option<String>,
    /// Write this value instead (validated as an edit; `null` deletes the field).
    #[serde(default)]
    pub value: Option<Value>,
}
