//! Roles and what they allow, as the screens and the CLI's JSON name them. The table of
//! who may do what lives in the device core (`ponte_device::roles`); the screens read
//! the answer it gives ([`crate::Status::actions`]) and never work it out themselves.

use serde::{Deserialize, Serialize};

/// A device's role in its team, spelled `supervisor`, `operator`, `mediator` (and
/// `recovery`, the team's recovery kit, never a device) in JSON. `member`, the old name
/// of `operator`, is read too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Manages the team; a second one is a deputy.
    Supervisor,
    /// An outreach operator: the case work, not the team's administration.
    #[serde(alias = "member")]
    Operator,
    /// A cultural mediator: interviews, quick contacts, the worker's screen.
    Mediator,
    /// The team's recovery kit (not a device).
    Recovery,
}

impl Role {
    /// The roles a supervisor gives, the usual choice first.
    pub const CHOICES: [Role; 3] = [Role::Operator, Role::Mediator, Role::Supervisor];

    /// Its name, as in JSON (`supervisor`, `operator`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Supervisor => "supervisor",
            Role::Operator => "operator",
            Role::Mediator => "mediator",
            Role::Recovery => "recovery",
        }
    }

    /// The role a name says (`member` is `operator`; the recovery kit's role is never
    /// given, so never named), ignoring case and surrounding blanks.
    pub fn named(name: &str) -> Option<Role> {
        match name.trim().to_ascii_lowercase().as_str() {
            "supervisor" => Some(Role::Supervisor),
            "operator" | "member" => Some(Role::Operator),
            "mediator" => Some(Role::Mediator),
            _ => None,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a role may or may not do on a device (what every role may do is not
/// listed: interviews, quick contacts, encounters, follow-ups, the worker's screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Take a case in charge, close it, reopen it.
    CaseCharge,
    /// Make a referral sheet.
    ReferralSheet,
    /// Export a report.
    ExportReport,
    /// Erase a record for the team.
    Erase,
    /// Invite, approve, revoke, change roles or settings, hand over, new recovery kit.
    ManageTeam,
    /// Review the devices' audit trails.
    ReviewAudit,
}

impl Action {
    /// Every action, in this order.
    pub const ALL: [Action; 6] = [
        Action::CaseCharge,
        Action::ReferralSheet,
        Action::ExportReport,
        Action::Erase,
        Action::ManageTeam,
        Action::ReviewAudit,
    ];

    /// Its name in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::CaseCharge => "case-charge",
            Action::ReferralSheet => "referral-sheet",
            Action::ExportReport => "report",
            Action::Erase => "erase",
            Action::ManageTeam => "team",
            Action::ReviewAudit => "audit-review",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn roles_keep_their_json_spelling() {
        for role in [
            Role::Supervisor,
            Role::Operator,
            Role::Mediator,
            Role::Recovery,
        ] {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
        assert_eq!(
            serde_json::from_str::<Role>("\"member\"").unwrap(),
            Role::Operator
        );
        assert_eq!(Role::named(" Member "), Some(Role::Operator));
        assert_eq!(Role::named("recovery"), None);
    }
}
