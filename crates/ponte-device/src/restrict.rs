//! Need-to-know records: a supervisor restricts a record to named team devices, changes
//! the list, or lifts the restriction. The rules on keys and generations are the
//! store's ([`ponte_store::Store::restrict`]); this module checks the role and finds
//! each named device's X25519 key in the verified roster this device holds.

use ponte_model::Kind;
use ponte_store::{Reader, RecordId, Store, StoreError};
use ponte_sync::Role;

use crate::records::parse_id;
use crate::roles::{Action, require};
use crate::{Failure, Result, hex};

/// A device named in `--to` is not a device of the team's roster (argument `device`).
pub const UNKNOWN_DEVICE: &str = "restrict-unknown-device";
/// `--to` named no device.
pub const NO_DEVICES: &str = "restrict-no-devices";
/// A name in `--to` is the name of more than one device of the roster (argument
/// `device`): give its id.
pub const AMBIGUOUS_DEVICE: &str = "restrict-ambiguous-device";

/// Restrict record `id` to `to` (each a device id, or a device's name as the roster
/// gives it, case aside; this device and every supervisor are always added), or open
/// it to the whole team again (`None`). Supervisors only; a device not in the roster,
/// or a name two devices share, is refused and nothing changes.
pub fn restrict(
    store: &mut Store,
    id: &str,
    kind: Option<Kind>,
    to: Option<&[String]>,
) -> Result<RecordId> {
    let id = parse_id(id)?;
    let detail = format!("restrict id={}", id.to_hex());
    require(store, Action::ManageTeam, &detail)?;
    let state = ponte_sync::team::require(store)?;
    let roster = ponte_sync::team::local_roster(store)?.ok_or(ponte_sync::SyncError::NoTeam)?;
    let body = ponte_sync::roster::kept(&roster, &state.team_id()?)?;
    let members: Vec<_> = ponte_sync::roster::members(&body, &store.team_keys())
        .into_iter()
        .filter(|m| m.role != Role::Recovery)
        .collect();
    let readers = to
        .map(|names| {
            if names.iter().all(|n| n.trim().is_empty()) {
                return Err(Failure::code(NO_DEVICES));
            }
            names
                .iter()
                .map(|n| n.trim())
                .filter(|n| !n.is_empty())
                .map(|name| {
                    let by_id = members
                        .iter()
                        .find(|m| hex(&m.device_id).eq_ignore_ascii_case(name));
                    let member = match by_id {
                        Some(member) => member,
                        None => {
                            let wanted = name.to_lowercase();
                            let mut named =
                                members.iter().filter(|m| m.name.to_lowercase() == wanted);
                            match (named.next(), named.next()) {
                                (Some(member), None) => member,
                                (Some(_), Some(_)) => {
                                    return Err(Failure::with_args(
                                        AMBIGUOUS_DEVICE,
                                        &[("device", name.to_owned())],
                                    ));
                                }
                                _ => {
                                    return Err(Failure::with_args(
                                        UNKNOWN_DEVICE,
                                        &[("device", name.to_owned())],
                                    ));
                                }
                            }
                        }
                    };
                    Ok(Reader {
                        device_id: member.device_id,
                        agreement_pk: member.agreement_pk,
                    })
                })
                .collect::<Result<Vec<_>>>()
        })
        .transpose()?;
    store.restrict(&id, kind, readers.as_deref())?;
    Ok(id)
}

/// Who reads record `id`, as the screens and the CLI show it: the devices it is
/// restricted to, each named from the roster this device holds (a device no longer in
/// it has an empty name), or not restricted (the whole team).
pub fn access(store: &Store, id: &RecordId) -> Result<ponte_ipc::restrict::Access> {
    let Some(readers) = readers(store, id)? else {
        return Ok(ponte_ipc::restrict::Access::default());
    };
    let roster = crate::outreach::roster(store).unwrap_or_default();
    let readers = readers
        .into_iter()
        .map(|device| {
            roster
                .iter()
                .find(|m| m.device == device)
                .cloned()
                .unwrap_or(ponte_ipc::outreach::TeamMember {
                    device,
                    name: String::new(),
                    this_device: false,
                })
        })
        .collect();
    Ok(ponte_ipc::restrict::Access {
        restricted: true,
        readers,
    })
}

/// The devices (hex ids) a record this device holds is restricted to, or `None` if
/// it is open to the team.
pub fn readers(store: &Store, id: &RecordId) -> Result<Option<Vec<String>>> {
    match store.readers(id) {
        Ok(readers) => Ok(readers.map(|r| r.iter().map(|d| hex(d)).collect())),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
