//! What each role of the signed roster may do on a device: the one table both front
//! ends go through.
//!
//! | action | supervisor | operator | mediator |
//! |---|---|---|---|
//! | interview, quick contact, encounters, follow-ups, hand to the worker | yes | yes | yes |
//! | take a case in charge, close or reopen it (by any write: an edit, an import or a batch line that does so is refused too) | yes | yes | no |
//! | referral sheet (personal data leaves the device on paper) | yes | yes | no |
//! | export a report | yes | no | no |
//! | erase a person for the team | yes | no | no |
//! | invite, approve, revoke, roles, handover, team settings, recovery kit | yes | no | no |
//! | review the team's audit trails | yes | no | no |
//!
//! The team administration rows are also enforced where they take effect: a roster is
//! only valid when a supervisor of the previous one signed it, the relay refuses
//! invites, pending joins, notices and erasures from any other device, and every
//! device refuses an erasure no supervisor signed. Outside a team the device is its own
//! supervisor. A refusal is audited (what was refused, never a record's content).

use ponte_store::Store;
use ponte_sync::Role;

use crate::failure::{NOT_SUPERVISOR, ROLE_REFUSED};
use crate::team::{my_role, role_name};
use crate::{Failure, Result};

pub use ponte_ipc::Action;

/// Only a supervisor does it.
fn supervisor_only(action: Action) -> bool {
    matches!(
        action,
        Action::ExportReport | Action::Erase | Action::ManageTeam | Action::ReviewAudit
    )
}

/// Whether `role` may do `action`.
pub fn allowed(role: Role, action: Action) -> bool {
    match role {
        Role::Supervisor => true,
        Role::Operator => !supervisor_only(action),
        Role::Mediator | Role::Recovery => false,
    }
}

/// Whether this device's role allows `action` (the rule of [`require`], without its
/// refusal and audit entry).
pub fn may(store: &Store, action: Action) -> bool {
    my_role(store).is_none_or(|r| allowed(r, action))
}

/// What this device may do, of [`Action::ALL`], by the same rule as [`require`]:
/// everything outside a team or while waiting for approval. The screens show only
/// these (`ponte_ipc::Status::actions`).
pub fn actions(store: &Store) -> Vec<Action> {
    Action::ALL.into_iter().filter(|a| may(store, *a)).collect()
}

/// Check that this device's role allows `action` (outside a team, or while waiting for
/// approval, everything is allowed: the device is its own). A refusal is audited
/// (`<action> refused=not-supervisor|role <detail> role=<role>`, `detail` being ids and
/// dates only) and answers `not-supervisor` for what only a supervisor does, else
/// `role-refused` with the role.
pub fn require(store: &mut Store, action: Action, detail: &str) -> Result<()> {
    let Some(role) = my_role(store) else {
        return Ok(());
    };
    if allowed(role, action) {
        return Ok(());
    }
    let name = role_name(role);
    let (why, failure) = if supervisor_only(action) {
        (NOT_SUPERVISOR, Failure::code(NOT_SUPERVISOR))
    } else {
        (
            "role",
            Failure::with_args(ROLE_REFUSED, &[("role", name.to_owned())]),
        )
    };
    store.audit_refused(&format!(
        "{} refused={why} {detail} role={name}",
        action.as_str()
    ))?;
    Err(failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_the_module_docs() {
        use Action::*;
        let all = Action::ALL;
        assert!(all.iter().all(|a| allowed(Role::Supervisor, *a)));
        assert!(all.iter().all(|a| !allowed(Role::Recovery, *a)));
        assert!(all.iter().all(|a| !allowed(Role::Mediator, *a)));
        let operator: Vec<_> = all
            .iter()
            .filter(|a| allowed(Role::Operator, **a))
            .collect();
        assert_eq!(operator, [&CaseCharge, &ReferralSheet]);
    }
}
