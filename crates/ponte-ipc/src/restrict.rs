//! Need-to-know records: who may read a person's record, as the person's page shows it
//! and a supervisor changes it.
//!
//! The rules (supervisors only, the named devices must be in the roster, this device
//! and every supervisor always read it, the key re-wrapped) are
//! `ponte_device::restrict`'s; these are the types that cross IPC.

use serde::{Deserialize, Serialize};

use crate::outreach::TeamMember;

/// Arguments of `restrict`: restrict a record to named team devices, or open it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestrictArgs {
    /// Record id (hex).
    pub id: String,
    /// The devices (hex ids from the roster) that may read it; `None`: the whole team
    /// again (the restriction lifted).
    #[serde(default)]
    pub devices: Option<Vec<String>>,
}

/// Who reads a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Access {
    /// Restricted to [`Access::readers`]; `false`: open to the whole team.
    pub restricted: bool,
    /// The devices that may read it (when restricted), with their names in the
    /// roster (empty for a device no longer in it).
    pub readers: Vec<TeamMember>,
}
