//! Conflicting edits of one field: when two devices set the same field while apart,
//! the merge keeps one value on every device; this module shows each such field with
//! every value and the device that wrote it, and writes the value the operator keeps.
//!
//! A device writes its Automerge changes as its device id, and the relay's entries are
//! checked to be written by the device that pushed them (`ponte_store::sync`), so the
//! actor of a value *is* the team device that wrote it; its name comes from the signed
//! roster this device holds (a removed device may have none). Values are record
//! content: they go only to the screen or the standard output of this device, which
//! holds the record's key, never into an error or a log line.
//!
//! Resolving writes the chosen value over every value at the path (one new write that
//! supersedes them, so the conflict ends on every device once synced), validated and
//! audited as an edit. Only a path in conflict may be resolved this way; any other
//! change is an edit.
//!
//! Places from the list (`crate::place`): at a free-text place label (a person's, an
//! encounter's or an outreach session's `listening_point`, a session's `place`) or a
//! session's typed `team`, only one of the devices' values or null may be kept; a
//! value typed there is refused (`usage`: a label is resolved to its place by an
//! edit, never written as typed). A value typed at a `place_id` must be a place in use
//! of the team's list, as in every edit (`place::check_place_id`).
//!
//! The values that say where a history stands (`status.code`, a referral's `outcome`,
//! a goal's `state`) move only with a step of that history
//! (`ponte_model::validate::history`): there too only a value one of the devices wrote
//! (with its own step) may be kept, never one typed.

use std::collections::HashMap;

use ponte_ipc::conflict::{Conflict, ConflictValue};
use ponte_model::Kind;
use ponte_store::{RecordId, Store};
use serde_json::Value;

use crate::records::parse_id;
use crate::{Failure, Result, hex};

/// No conflict at that path (perhaps resolved meanwhile, here or on another device).
pub const NONE: &str = "conflict-none";
/// No value at that path was written by that device.
pub const UNKNOWN_DEVICE: &str = "conflict-unknown-device";

/// Every code of this module (the locale tests check each has a message).
pub const CODES: &[&str] = &[NONE, UNKNOWN_DEVICE];

/// The fields at which a typed value is refused: free-text place labels and typed team
/// names, which only an edit resolves (see the module docs); and the values that say
/// where a history stands (a status, a referral's outcome, a goal's state), which
/// move only with a step of it: a conflict there keeps one of the values written.
const TYPED_REFUSED: &[&str] = &[
    "listening_point",
    "place",
    "team",
    "code",
    "outcome",
    "state",
];

/// The value to keep.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// The value this device wrote: its id (hex) or its name in the team.
    Of(String),
    /// Another value (`null` deletes the field).
    Value(Value),
}

impl Choice {
    /// The choice from its two optional parts (a command line's or a form's): exactly
    /// one must be given, else `usage`.
    pub fn from_parts(value_of: Option<String>, value: Option<Value>) -> Result<Choice> {
        match (value_of, value) {
            (Some(device), None) => Ok(Choice::Of(device)),
            (None, Some(value)) => Ok(Choice::Value(value)),
            _ => Err(Failure::usage()),
        }
    }
}

/// Device names by device id, from the signed roster this device holds (empty outside
/// a team or without a roster: the ids still show).
fn names(store: &Store) -> HashMap<Vec<u8>, String> {
    let mut names = HashMap::new();
    let Ok(Some(state)) = ponte_sync::team::state(store) else {
        return names;
    };
    names.insert(store.device_id().to_vec(), state.name.clone());
    let (Ok(Some(signed)), Ok(team)) = (ponte_sync::team::local_roster(store), state.team_id())
    else {
        return names;
    };
    if let Ok(body) = ponte_sync::roster::kept(&signed, &team) {
        for m in ponte_sync::roster::members(&body, &store.team_keys()) {
            names.insert(m.device_id.to_vec(), m.name);
        }
    }
    names
}

/// The conflicts as the front ends show them, with device ids and names.
fn view(conflicts: Vec<ponte_store::Conflict>, names: &HashMap<Vec<u8>, String>) -> Vec<Conflict> {
    conflicts
        .into_iter()
        .map(|c| Conflict {
            path: c.path,
            kept: c.kept,
            values: c
                .values
                .into_iter()
                .map(|w| ConflictValue {
                    value: w.value,
                    device: hex(&w.actor),
                    name: names.get(&w.actor).cloned(),
                })
                .collect(),
        })
        .collect()
}

/// A record for display (as [`crate::records::show`]) with its conflicts under
/// `conflicts` (absent when none; ignored when the record is sent back as an edit).
pub fn show(store: &mut Store, id: &str, kind: Option<Kind>) -> Result<Value> {
    let id = parse_id(id)?;
    let (record, conflicts) = store.get_with_conflicts(&id, kind)?;
    let mut out = record.to_output();
    if !conflicts.is_empty()
        && let Value::Object(map) = &mut out
    {
        let shown = view(conflicts, &names(store));
        map.insert(
            "conflicts".into(),
            serde_json::to_value(shown).unwrap_or_default(),
        );
    }
    Ok(out)
}

/// The conflicts of a record (audited as a view of it); empty when none.
pub fn list(store: &mut Store, id: &str, kind: Option<Kind>) -> Result<Vec<Conflict>> {
    let id = parse_id(id)?;
    let (_, conflicts) = store.get_with_conflicts(&id, kind)?;
    Ok(view(conflicts, &names(store)))
}

/// Keep one value of the conflict at `path`: written over every value there, validated
/// and audited as an edit. [`NONE`] if the record has no conflict at `path`,
/// [`UNKNOWN_DEVICE`] if the device chosen wrote none of its values.
pub fn resolve(
    store: &mut Store,
    id: &str,
    kind: Option<Kind>,
    path: &str,
    choice: &Choice,
) -> Result<RecordId> {
    let rid = parse_id(id)?;
    let names = names(store);
    let path = path.trim();
    let field = path.rsplit('.').next().unwrap_or(path);
    let typed = match choice {
        Choice::Value(value) if !value.is_null() => Some(value),
        _ => None,
    };
    if typed.is_some() && TYPED_REFUSED.contains(&field) {
        return Err(Failure::usage());
    }
    let places = match typed {
        Some(_) if field == "place_id" => Some(crate::place::listed(store)?),
        _ => None,
    };
    store.resolve_with(&rid, kind, |before, conflicts| {
        let conflict = conflicts
            .iter()
            .find(|c| c.path == path)
            .ok_or_else(|| Failure::code(NONE))?;
        let value = match choice {
            Choice::Value(value) => {
                if let Some(places) = &places {
                    let was = path.split('.').try_fold(before, |v, key| v.get(key));
                    crate::place::check_place_id(places, was, value)?;
                }
                value.clone()
            }
            Choice::Of(device) => {
                let device = device.trim();
                let by = |actor: &Vec<u8>| {
                    hex(actor).eq_ignore_ascii_case(device)
                        || names.get(actor).is_some_and(|n| n == device)
                };
                conflict
                    .values
                    .iter()
                    .find(|w| by(&w.actor))
                    .map(|w| w.value.clone())
                    .ok_or_else(|| Failure::code(UNKNOWN_DEVICE))?
            }
        };
        Ok::<_, Failure>((conflict.path.clone(), value))
    })?;
    Ok(rid)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_record_one_device_wrote_has_no_conflicts_and_none_can_be_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let id = store
            .create(Kind::Person, &json!({"alias": "A", "phone": "1"}))
            .unwrap()
            .to_hex();
        let shown = show(&mut store, &id, Some(Kind::Person)).unwrap();
        assert!(shown.get("conflicts").is_none(), "{shown}");
        assert!(list(&mut store, &id, None).unwrap().is_empty());
        let choice = Choice::from_parts(None, Some(json!("2"))).unwrap();
        let err = resolve(&mut store, &id, None, "phone", &choice).unwrap_err();
        assert_eq!(err.as_code(), NONE);
        assert_eq!(
            show(&mut store, &id, None).unwrap()["phone"],
            "1",
            "nothing written"
        );
        // A shown record goes back as an edit, whatever `conflicts` holds.
        let mut back = shown.clone();
        back["conflicts"] = json!([{"path": "phone"}]);
        crate::records::edit(&mut store, &id, None, &back).unwrap();
        // A value typed at a place label or team names: refused before anything is
        // read; null passes (and finds no conflict here).
        let typed = Choice::Value(json!("Sabaudia"));
        for path in [
            "listening_point",
            "encounters.e1.listening_point",
            "place",
            "team",
        ] {
            let err = resolve(&mut store, &id, None, path, &typed).unwrap_err();
            assert_eq!(err.as_code(), "usage", "{path}");
        }
        let null = Choice::Value(Value::Null);
        let err = resolve(&mut store, &id, None, "listening_point", &null).unwrap_err();
        assert_eq!(err.as_code(), NONE);
        // Exactly one of the two choices.
        assert_eq!(
            Choice::from_parts(Some("d".into()), Some(json!(1)))
                .unwrap_err()
                .as_code(),
            "usage"
        );
        assert_eq!(
            Choice::from_parts(None, None).unwrap_err().as_code(),
            "usage"
        );
    }
}
