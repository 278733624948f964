//! The team's list of places (listening points, pick-up points...): what an operator
//! does to it beyond the generic record operations (`records`: add, edit, show, list,
//! erase, import of `place` records).
//!
//! Who may change the list: as for the referral directory (`service`), any device of
//! the team adds, edits, retires and reinstates a place (each change syncs like any
//! other record); only the supervisor erases one, everywhere (the team's erase rule,
//! `records::erase`). A place no longer used is **retired**, not erased: the records
//! that name it keep resolving to its name, in lists and in reports, while new quick
//! contacts refuse it (`contact::check_place`) and the screens leave it out of their
//! pickers.
//!
//! **One name, one place.** A place in use may not have the name of another place in
//! use, compared as `ponte_model::record::label_key` does (trimmed, lowercased, spaces
//! collapsed): "Borgo Hermada" and "borgo  hermada" would split every report in two.
//! Adding, importing, renaming and reinstating a place are checked
//! ([`DUPLICATE_NAME`]); a retired place's name is free for a new one. Only a name that
//! changes, or a place coming back in use, is checked, so two places named alike
//! before this rule stay editable (retire one of them).
//!
//! **Places from the list, not typed.** A new record or a new entry names its place by
//! the id of a place of the list (`place_id`). A free-text label that a new write still
//! carries (a person's or an encounter's `listening_point`, an outreach session's
//! `listening_point` or `place`) is resolved here, once for the CLI and the app
//! (`resolve`, called by `records` on every add, edit, import and batch line): the
//! place in use with the same [`record::label_key`] gives its id to `place_id` and the
//! label is dropped; no such place is [`UNKNOWN_NAME`] (a retired one
//! `contact::PLACE_RETIRED`), two labels naming two places [`MISMATCH`], and nothing
//! is written. A label a record already holds and that the write sends back unchanged
//! (a shown record sent back to `person edit`) stays as it is: old records keep their
//! free text. A `place_id` a write gives (a record's, an encounter's, a quick
//! contact's `first_contact`) is checked the same way when it is new or changed: a
//! place in use of the list, else `contact::UNKNOWN_PLACE` (no such place, or a record
//! of another kind) or `contact::PLACE_RETIRED`; one sent back unchanged stays, even
//! if its place was retired since. An outreach session's typed `team` names are
//! resolved the same way against the names of the team's signed roster into `members`
//! (device ids; `outreach::MEMBER_UNKNOWN` when a name is not in it,
//! `outreach::NO_ROSTER` when the device has no roster).

use ponte_model::summary::Query;
use ponte_model::{Date, Kind, record};
use ponte_store::{RecordId, Store};
use serde_json::{Value, json};

use crate::case::check_date;
use crate::contact::{PLACE_RETIRED, UNKNOWN_PLACE};
use crate::records::parse_id;
use crate::{Failure, Result};

/// A place of the team's list has that name already, and both are in use.
pub const DUPLICATE_NAME: &str = "place-duplicate-name";
/// No place in use of the team's list has the name typed (argument `name`: the name as
/// typed, trimmed; a place's name is not personal data).
pub const UNKNOWN_NAME: &str = "place-unknown-name";
/// A record or an entry names two different places (two labels, or a label and a
/// `place_id`).
pub const MISMATCH: &str = "place-mismatch";

/// Every code of this module (the locale tests check each has a message).
pub const CODES: &[&str] = &[DUPLICATE_NAME, UNKNOWN_NAME, MISMATCH];

/// The longest name an error repeats (in characters).
const NAME_ARG_MAX: usize = 80;

/// A place of the team's list as its summary gives it (no record is decrypted).
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    /// `None`: a place an import is about to add.
    id: Option<RecordId>,
    /// Its name's [`record::label_key`].
    key: String,
    retired: bool,
}

/// Every place of the team's list, retired or not.
pub(crate) fn listed(store: &Store) -> Result<Vec<Listed>> {
    let query = Query {
        kind: Some(Kind::Place),
        ..Query::default()
    };
    Ok(store
        .list(&query)?
        .into_iter()
        .map(|l| Listed {
            id: Some(l.id),
            key: record::label_key(&l.summary.title),
            retired: l.summary.retired,
        })
        .collect())
}

/// Whether `id` is a place of `places`.
pub(crate) fn is_place(places: &[Listed], id: &RecordId) -> bool {
    places.iter().any(|p| p.id.as_ref() == Some(id))
}

/// Whether `id` is a place of `places` in use (not retired).
pub(crate) fn in_use(places: &[Listed], id: &RecordId) -> bool {
    places
        .iter()
        .any(|p| p.id.as_ref() == Some(id) && !p.retired)
}

/// Checks a place as it would be saved (`after`) against the places in use: `id` and
/// `before` (as it is now) are `None` for a new place. Refused ([`DUPLICATE_NAME`])
/// when it is in use and another place in use has a name with the same key; a name
/// that does not change on a place that stays in use is not checked (see the module
/// docs). A name that is missing or blank is validation's to refuse.
pub(crate) fn check_unique(
    places: &[Listed],
    id: Option<&RecordId>,
    before: Option<&Value>,
    after: &Value,
) -> Result<()> {
    let in_use = |v: &Value| record::at(v, "retired").is_none();
    let key = |v: &Value| record::str_at(v, "name").map(record::label_key);
    let Some(name) = key(after).filter(|k| !k.is_empty()) else {
        return Ok(());
    };
    if !in_use(after) || before.is_some_and(|b| in_use(b) && key(b).as_ref() == Some(&name)) {
        return Ok(());
    }
    let other = |p: &Listed| match (&p.id, id) {
        (Some(p), Some(id)) => p != id,
        _ => true,
    };
    if places
        .iter()
        .any(|p| !p.retired && other(p) && p.key == name)
    {
        return Err(Failure::code(DUPLICATE_NAME));
    }
    Ok(())
}

/// The key of a new place `fields` would take among the places in use, for an import
/// that adds several: `None` when it is retired or has no name.
pub(crate) fn listed_new(fields: &Value) -> Option<Listed> {
    let name = record::str_at(fields, "name")?;
    Some(Listed {
        id: None,
        key: record::label_key(name),
        retired: record::at(fields, "retired").is_some(),
    })
}

/// The lists a write's free-text labels are resolved against ([`resolve`]).
#[derive(Debug, Clone)]
pub(crate) struct Lists {
    places: Vec<Listed>,
    /// The team's members by name; `None`: no signed roster on this device.
    roster: Option<Vec<crate::outreach::TeamMember>>,
}

/// The top-level free-text place labels of a record of `kind`.
fn labels(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Person => &["listening_point"],
        Kind::Outreach => &["listening_point", "place"],
        _ => &[],
    }
}

/// Whether a write (new fields or a patch) of `kind` (any kind when `None`) carries
/// something [`resolve`] may have to resolve or check: a free-text label, typed team
/// names, or a `place_id` (its own, an entry's, a quick contact's).
pub(crate) fn has_labels(kind: Option<Kind>, write: &Value) -> bool {
    let is = |k: Kind| kind.is_none_or(|kind| kind == k);
    let string = |v: &Value, key: &str| v.get(key).is_some_and(Value::is_string);
    let top = |key: &str| string(write, key);
    ((is(Kind::Person) || is(Kind::Outreach)) && (top("listening_point") || top("place_id")))
        || (is(Kind::Outreach) && (top("place") || write.get("team").is_some_and(Value::is_array)))
        || (is(Kind::Person)
            && (write
                .get("first_contact")
                .is_some_and(|c| string(c, "place_id"))
                || write
                    .get("encounters")
                    .and_then(Value::as_object)
                    .is_some_and(|e| {
                        e.values()
                            .any(|e| string(e, "listening_point") || string(e, "place_id"))
                    })))
}

/// The lists to resolve a write of `kind` against, read once (summaries only, and the
/// roster kept on this device when the write types team names).
pub(crate) fn lists(store: &Store, kind: Kind, write: &Value) -> Result<Lists> {
    let roster = if kind == Kind::Outreach && write.get("team").is_some_and(Value::is_array) {
        match crate::outreach::roster(store) {
            Ok(r) => Some(r),
            Err(e) if e.as_code() == crate::outreach::NO_ROSTER => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    Ok(Lists {
        places: listed(store)?,
        roster,
    })
}

impl Lists {
    /// The id of the place in use named `label` (see the module docs).
    fn place_named(&self, label: &str) -> Result<String> {
        let key = record::label_key(label);
        let named = |retired: bool| {
            self.places
                .iter()
                .find(|p| p.retired == retired && p.key == key)
                .and_then(|p| p.id.as_ref())
        };
        if let Some(id) = named(false) {
            return Ok(id.to_hex());
        }
        if named(true).is_some() {
            return Err(Failure::code(PLACE_RETIRED));
        }
        let name: String = label.trim().chars().take(NAME_ARG_MAX).collect();
        Err(Failure::with_args(UNKNOWN_NAME, &[("name", name)]))
    }
}

/// Checks a `place_id` as a write would save it (`now`; `was`: the value there now,
/// `None` when new): one that is new or changed must be a place in use of `places`
/// ([`UNKNOWN_PLACE`]: no place of the list, a place an import is only about to add,
/// or a record of another kind; [`PLACE_RETIRED`]). One sent back unchanged stays, even
/// if its place was retired since; null (removed) and a value that is no record id in
/// its written form are not checked here (validation refuses the latter).
pub(crate) fn check_place_id(places: &[Listed], was: Option<&Value>, now: &Value) -> Result<()> {
    let Some(given) = now.as_str() else {
        return Ok(());
    };
    if was.and_then(Value::as_str) == Some(given)
        || RecordId::parse(given).is_none_or(|id| id.to_hex() != given)
    {
        return Ok(());
    }
    match places
        .iter()
        .find(|p| p.id.as_ref().is_some_and(|id| id.to_hex() == given))
    {
        Some(p) if p.retired => Err(Failure::code(PLACE_RETIRED)),
        Some(_) => Ok(()),
        None => Err(Failure::code(UNKNOWN_PLACE)),
    }
}

/// Checks the `place_id` of `obj` (new fields, a patch or a new entry; `before`: the
/// object as it is, `None` when new), see [`check_place_id`].
fn check_place_in(
    lists: &Lists,
    before: Option<&Value>,
    obj: &serde_json::Map<String, Value>,
) -> Result<()> {
    match obj.get("place_id") {
        Some(now) => check_place_id(&lists.places, before.and_then(|b| b.get("place_id")), now),
        None => Ok(()),
    }
}

/// The place in use named `label` (a name typed where an id is expected, as on a
/// command line): resolved as every label ([`resolve`]); blank is [`UNKNOWN_PLACE`].
pub(crate) fn named(store: &Store, label: &str) -> Result<RecordId> {
    if label.trim().is_empty() {
        return Err(Failure::code(UNKNOWN_PLACE));
    }
    let lists = Lists {
        places: listed(store)?,
        roster: None,
    };
    let hex = lists.place_named(label)?;
    RecordId::parse(&hex).ok_or_else(|| Failure::code(UNKNOWN_PLACE))
}

/// Resolves the labels `keys` of `obj` (new fields, a patch or a new entry; `before`:
/// the object as it is, `None` when new): a label that is new or changed gives its
/// place's id to `place_id` and is dropped (set to null where `before` has one). A
/// `place_id` given is checked first ([`check_place_id`]).
fn resolve_in(
    lists: &Lists,
    before: Option<&Value>,
    obj: &mut serde_json::Map<String, Value>,
    keys: &[&str],
) -> Result<()> {
    check_place_in(lists, before, obj)?;
    let mut found: Option<String> = None;
    for key in keys {
        let Some(Value::String(label)) = obj.get(*key) else {
            continue;
        };
        let was = before.and_then(|b| b.get(*key));
        // Sent back as it is (or blank, which validation refuses): not a new label.
        if was.and_then(Value::as_str) == Some(label.as_str()) || label.trim().is_empty() {
            continue;
        }
        let id = lists.place_named(label)?;
        if found.as_ref().is_some_and(|f| *f != id) {
            return Err(Failure::code(MISMATCH));
        }
        found = Some(id);
        if was.is_some() {
            obj.insert((*key).to_owned(), Value::Null);
        } else {
            obj.remove(*key);
        }
    }
    if let Some(id) = found {
        match obj.get("place_id").and_then(Value::as_str) {
            Some(given) if given.trim() != id => return Err(Failure::code(MISMATCH)),
            _ => {
                obj.insert("place_id".to_owned(), Value::String(id));
            }
        }
    }
    Ok(())
}

/// Resolves an outreach session's typed `team` names (new or changed) against the
/// roster into `members`, and drops them.
fn resolve_team(
    lists: &Lists,
    before: Option<&Value>,
    obj: &mut serde_json::Map<String, Value>,
) -> Result<()> {
    let Some(Value::Array(names)) = obj.get("team") else {
        return Ok(());
    };
    let was = before.and_then(|b| b.get("team"));
    if was == obj.get("team") {
        return Ok(());
    }
    // Not names: validation's to refuse.
    let Some(names) = names
        .iter()
        .map(Value::as_str)
        .collect::<Option<Vec<&str>>>()
    else {
        return Ok(());
    };
    let mut members: Vec<String> = obj
        .get("members")
        .or_else(|| before.and_then(|b| b.get("members")))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str().map(str::to_owned))
        .collect();
    for name in names {
        let key = record::label_key(name);
        if key.is_empty() {
            continue;
        }
        let roster = lists
            .roster
            .as_ref()
            .ok_or_else(|| Failure::code(crate::outreach::NO_ROSTER))?;
        // A member's name stays out of the error: it names a person.
        let member = roster
            .iter()
            .find(|m| record::label_key(&m.name) == key)
            .ok_or_else(|| Failure::code(crate::outreach::MEMBER_UNKNOWN))?;
        if !members.contains(&member.device) {
            members.push(member.device.clone());
        }
    }
    if was.is_some() {
        obj.insert("team".to_owned(), Value::Null);
    } else {
        obj.remove("team");
    }
    obj.insert("members".to_owned(), json!(members));
    Ok(())
}

/// A write of `kind` with its free-text labels resolved (see the module docs):
/// `before` is the record as it is, `None` for a new record; `write` its fields or the
/// patch. Answers the write to make; refused, nothing is to be written.
pub(crate) fn resolve(
    kind: Kind,
    lists: &Lists,
    before: Option<&Value>,
    write: &Value,
) -> Result<Value> {
    let mut out = write.clone();
    let Value::Object(map) = &mut out else {
        return Ok(out);
    };
    resolve_in(lists, before, map, labels(kind))?;
    match kind {
        Kind::Person => {
            if let Some(Value::Object(first)) = map.get("first_contact") {
                let was = before.and_then(|b| b.get("first_contact"));
                check_place_in(lists, was, first)?;
            }
            if let Some(Value::Object(entries)) = map.get_mut("encounters") {
                for (key, entry) in entries.iter_mut() {
                    if let Value::Object(entry) = entry {
                        let was = before
                            .and_then(|b| b.get("encounters"))
                            .and_then(|e| e.get(key));
                        resolve_in(lists, was, entry, &["listening_point"])?;
                    }
                }
            }
        }
        Kind::Outreach => resolve_team(lists, before, map)?,
        _ => {}
    }
    Ok(out)
}

/// Edit place `id` with `patch`; a missing place (or another kind) is
/// [`UNKNOWN_PLACE`]. Checked like every edit of a place (`records::edit`).
fn edit_place(store: &mut Store, id: &str, patch: &serde_json::Value) -> Result<RecordId> {
    parse_id(id).map_err(|_| Failure::code(UNKNOWN_PLACE))?;
    crate::records::edit(store, id, Some(Kind::Place), patch).map_err(|e| {
        let missing = [
            ponte_store::StoreError::NotFound.code(),
            ponte_store::StoreError::WrongKind.code(),
        ];
        if missing.contains(&e.as_code()) {
            Failure::code(UNKNOWN_PLACE)
        } else {
            e
        }
    })
}

/// Retire a place from the day given (default today). Retiring a retired place moves
/// its day.
pub fn retire(store: &mut Store, id: &str, date: Option<&str>) -> Result<Date> {
    let day = check_date(date)?;
    edit_place(store, id, &json!({"retired": day.to_string()}))?;
    Ok(day)
}

/// Put a retired place back in use; refused ([`DUPLICATE_NAME`]) when a place in use
/// has its name meanwhile.
pub fn reinstate(store: &mut Store, id: &str) -> Result<()> {
    edit_place(store, id, &json!({"retired": null}))?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_retired_and_reinstated() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let id = s
            .create(
                Kind::Place,
                &json!({"name": "Sabaudia", "type": "listening_point"}),
            )
            .unwrap();
        let hex = id.to_hex();
        retire(&mut s, &hex, Some("2026-11-30")).unwrap();
        assert_eq!(s.get(&id, None).unwrap().json["retired"], "2026-11-30");
        reinstate(&mut s, &hex).unwrap();
        assert!(s.get(&id, None).unwrap().json.get("retired").is_none());
        let person = s.create(Kind::Person, &json!({"alias": "a"})).unwrap();
        for bad in [person.to_hex().as_str(), "nope"] {
            assert_eq!(
                retire(&mut s, bad, None).unwrap_err().as_code(),
                UNKNOWN_PLACE
            );
        }
    }

    #[test]
    fn two_places_in_use_never_share_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let place = |name: &str| json!({"name": name, "type": "pickup_point"});
        let add = |s: &mut Store, name: &str| crate::records::create(s, Kind::Place, &place(name));
        let first = add(&mut s, "Borgo Hermada").unwrap().to_hex();
        for same in ["borgo hermada", " BORGO   Hermada "] {
            assert_eq!(add(&mut s, same).unwrap_err().as_code(), DUPLICATE_NAME);
        }
        let other = add(&mut s, "Borgo Hermada 2").unwrap().to_hex();
        let rename = json!({"name": "borgo hermada"});
        assert_eq!(
            crate::records::edit(&mut s, &other, None, &rename)
                .unwrap_err()
                .as_code(),
            DUPLICATE_NAME
        );
        // Its own name, in another case, and its other fields: fine.
        crate::records::edit(&mut s, &first, None, &json!({"name": "BORGO HERMADA"})).unwrap();
        crate::records::edit(&mut s, &first, None, &json!({"municipality": "Terracina"})).unwrap();
        // A retired place's name is free; it comes back only under another name.
        retire(&mut s, &first, None).unwrap();
        let new = add(&mut s, "Borgo Hermada").unwrap();
        assert_eq!(
            reinstate(&mut s, &first).unwrap_err().as_code(),
            DUPLICATE_NAME
        );
        crate::records::edit(&mut s, &new.to_hex(), None, &json!({"name": "Borgo H."})).unwrap();
        reinstate(&mut s, &first).unwrap();
        // An import with two places of one name adds neither.
        let text = "{\"name\":\"Latina\",\"type\":\"pickup_point\"}\n{\"name\":\"latina \",\"type\":\"pickup_point\"}\n";
        let err = crate::records::import(&mut s, Kind::Place, text).unwrap_err();
        assert_eq!(err.as_ipc().lines.len(), 1);
        assert_eq!(err.as_ipc().lines[0].0, 2);
        assert_eq!(err.as_ipc().lines[0].1.code, DUPLICATE_NAME);
    }

    #[test]
    fn free_text_labels_of_new_writes_resolve_to_the_list_or_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let place = |name: &str| json!({"name": name, "type": "pickup_point"});
        let hermada = crate::records::create(&mut s, Kind::Place, &place("Borgo Hermada"))
            .unwrap()
            .to_hex();
        let latina = crate::records::create(&mut s, Kind::Place, &place("Latina"))
            .unwrap()
            .to_hex();
        // An import: the label lands on the place's id, the free text is dropped.
        let text = "{\"alias\":\"a\",\"listening_point\":\"borgo hermada \",\"encounters\":{\"e1\":{\"date\":\"2026-11-01\",\"listening_point\":\"LATINA\"}}}\n";
        let done = crate::records::import(&mut s, Kind::Person, text).unwrap();
        let p = s.get(&done.ids[0], None).unwrap().json;
        assert_eq!(p["place_id"], json!(hermada));
        assert!(p.get("listening_point").is_none());
        assert_eq!(p["encounters"]["e1"]["place_id"], json!(latina));
        assert!(p["encounters"]["e1"].get("listening_point").is_none());
        // Unknown, retired, or two places: refused, nothing written.
        let before = s.list(&Query::default()).unwrap().len();
        let err = crate::records::import(
            &mut s,
            Kind::Person,
            "{\"alias\":\"b\"}\n{\"alias\":\"c\",\"listening_point\":\" Sabaudia \"}\n",
        )
        .unwrap_err();
        let line = &err.as_ipc().lines[0];
        assert_eq!((line.0, line.1.code.as_str()), (2, UNKNOWN_NAME));
        assert_eq!(
            line.1.args,
            vec![("name".to_owned(), "Sabaudia".to_owned())]
        );
        let add = |s: &mut Store, v: Value| crate::records::create(s, Kind::Outreach, &v);
        let session = |lp: &str, place: &str| {
            json!({"date": "2026-11-01", "outreach_type": "street", "listening_point": lp,
                   "place": place, "people_met": {"total": 1}})
        };
        assert_eq!(
            add(&mut s, session("Latina", "Borgo Hermada"))
                .unwrap_err()
                .as_code(),
            MISMATCH
        );
        let mut typed = session("Latina", "latina");
        typed["team"] = json!(["Anna"]);
        assert_eq!(
            add(&mut s, typed).unwrap_err().as_code(),
            crate::outreach::NO_ROSTER
        );
        retire(&mut s, &latina, None).unwrap();
        assert_eq!(
            add(&mut s, session("Latina", "latina"))
                .unwrap_err()
                .as_code(),
            PLACE_RETIRED
        );
        assert_eq!(s.list(&Query::default()).unwrap().len(), before);
        let o = add(&mut s, session("Borgo Hermada", "borgo hermada")).unwrap();
        let o = s.get(&o, None).unwrap().json;
        assert_eq!(o["place_id"], json!(hermada));
        assert!(o.get("place").is_none() && o.get("listening_point").is_none());

        // An old record keeps its free text through show and edit; a new encounter's
        // label is resolved, and a changed label too.
        let old = s
            .create(
                Kind::Person,
                &json!({"alias": "old", "listening_point": "lp-old",
                        "encounters": {"e1": {"date": "2026-01-01", "listening_point": "lp-old"}}}),
            )
            .unwrap()
            .to_hex();
        let shown = crate::records::show(&mut s, &old, None).unwrap();
        crate::records::edit(&mut s, &old, None, &shown).unwrap();
        let mut added = json!({"encounters": {"e2": {"date": "2026-02-01", "listening_point": "Borgo  Hermada"}}});
        crate::records::edit(&mut s, &old, None, &added).unwrap();
        let p = crate::records::fields(&mut s, &old, None).unwrap();
        assert_eq!(p["listening_point"], "lp-old");
        assert_eq!(p["encounters"]["e1"]["listening_point"], "lp-old");
        assert_eq!(p["encounters"]["e2"]["place_id"], json!(hermada));
        added = json!({"listening_point": "nowhere"});
        assert_eq!(
            crate::records::edit(&mut s, &old, Some(Kind::Person), &added)
                .unwrap_err()
                .as_code(),
            UNKNOWN_NAME
        );
        crate::records::edit(
            &mut s,
            &old,
            None,
            &json!({"listening_point": "borgo hermada"}),
        )
        .unwrap();
        let p = crate::records::fields(&mut s, &old, None).unwrap();
        assert!(p.get("listening_point").is_none());
        assert_eq!(p["place_id"], json!(hermada));
    }

    #[test]
    fn a_new_or_changed_place_id_must_name_a_place_in_use() {
        #[track_caller]
        fn code(r: Result<RecordId>) -> String {
            r.unwrap_err().as_code().to_owned()
        }
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let place = |name: &str| json!({"name": name, "type": "pickup_point"});
        let add = |s: &mut Store, kind: Kind, v: Value| crate::records::create(s, kind, &v);
        let latina = add(&mut s, Kind::Place, place("Latina")).unwrap().to_hex();
        let sabaudia = add(&mut s, Kind::Place, place("Sabaudia"))
            .unwrap()
            .to_hex();
        let person = add(&mut s, Kind::Person, json!({"alias": "p"}))
            .unwrap()
            .to_hex();
        // An older record made at Sabaudia while it was in use.
        let old = add(
            &mut s,
            Kind::Person,
            json!({"alias": "old", "place_id": sabaudia,
                   "first_contact": {"date": "2026-01-02", "place_id": sabaudia},
                   "encounters": {"e1": {"date": "2026-01-02", "place_id": sabaudia}}}),
        )
        .unwrap()
        .to_hex();
        retire(&mut s, &sabaudia, None).unwrap();
        let unknown = "0123456789abcdef0123456789abcdef";
        let records = s.list(&Query::default()).unwrap().len();
        for (id, expected) in [
            (unknown, UNKNOWN_PLACE),
            (person.as_str(), UNKNOWN_PLACE),
            (sabaudia.as_str(), PLACE_RETIRED),
        ] {
            // A new record, a new entry, a quick contact, an outreach session.
            for fields in [
                json!({"alias": "n", "place_id": id}),
                json!({"alias": "n", "encounters": {"e1": {"date": "2026-11-01", "place_id": id}}}),
                json!({"alias": "n", "first_contact": {"date": "2026-11-01", "place_id": id}}),
            ] {
                assert_eq!(code(add(&mut s, Kind::Person, fields)), expected, "{id}");
            }
            let session = json!({"date": "2026-11-01", "outreach_type": "street",
                                 "people_met": {"total": 1}, "place_id": id});
            assert_eq!(code(add(&mut s, Kind::Outreach, session)), expected);
            // A changed one on a record, by edit (kind known or not) and batch.
            for patch in [
                json!({"place_id": id, "alias": "p"}),
                json!({"encounters": {"e2": {"date": "2026-11-01", "place_id": id}}}),
            ] {
                for kind in [None, Some(Kind::Person)] {
                    assert_eq!(
                        code(crate::records::edit(&mut s, &person, kind, &patch)),
                        expected
                    );
                }
            }
            let line = json!({"op": "add", "kind": "person",
                              "record": {"alias": "n", "place_id": id}});
            assert_eq!(
                crate::records::batch_op(&mut s, &line.to_string()).unwrap_err(),
                expected
            );
            // An import names the line, and imports nothing.
            let text = format!("{{\"alias\":\"ok\"}}\n{{\"alias\":\"n\",\"place_id\":\"{id}\"}}\n");
            let err = crate::records::import(&mut s, Kind::Person, &text).unwrap_err();
            let lines = &err.as_ipc().lines;
            assert_eq!(lines.len(), 1);
            assert_eq!((lines[0].0, lines[0].1.code.as_str()), (2, expected));
        }
        assert_eq!(s.list(&Query::default()).unwrap().len(), records);

        // The old record shown and given back: its retired place stays, everywhere.
        let shown = crate::records::show(&mut s, &old, None).unwrap();
        crate::records::edit(&mut s, &old, None, &shown).unwrap();
        let patch = json!({"alias": "old 2", "place_id": sabaudia,
                           "encounters": {"e1": {"place_id": sabaudia, "note": "n"}}});
        crate::records::edit(&mut s, &old, Some(Kind::Person), &patch).unwrap();
        let line = format!("{{\"id\":\"{old}\",\"place_id\":\"{sabaudia}\"}}\n");
        crate::records::import(&mut s, Kind::Person, &line).unwrap();
        let p = crate::records::fields(&mut s, &old, None).unwrap();
        assert_eq!(p["place_id"], json!(sabaudia));
        assert_eq!(p["first_contact"]["place_id"], json!(sabaudia));
        assert_eq!(p["encounters"]["e1"]["place_id"], json!(sabaudia));
        // Moved to a place in use, or no place: fine.
        let moved = json!({"place_id": latina, "encounters": {"e1": {"place_id": null}}});
        crate::records::edit(&mut s, &old, None, &moved).unwrap();
        let p = crate::records::fields(&mut s, &old, None).unwrap();
        assert_eq!(p["place_id"], json!(latina));
        assert!(p["encounters"]["e1"].get("place_id").is_none());
        // ...and back to the retired one, now a change: refused.
        assert_eq!(
            code(crate::records::edit(
                &mut s,
                &old,
                None,
                &json!({"place_id": sabaudia})
            )),
            PLACE_RETIRED
        );

        // A place added earlier in the same batch (places and persons are imported
        // apart, and a place an import is only about to add has no id yet): accepted.
        let added = crate::records::batch_op(
            &mut s,
            &json!({"op": "add", "kind": "place", "record": place("Pontinia")}).to_string(),
        )
        .unwrap()
        .to_hex();
        let line = json!({"op": "add", "kind": "person",
                          "record": {"alias": "q", "first_contact":
                                     {"date": "2026-11-01", "place_id": added}}});
        let q = crate::records::batch_op(&mut s, &line.to_string()).unwrap();
        assert_eq!(
            s.get(&q, None).unwrap().json["first_contact"]["place_id"],
            json!(added)
        );
        let text = format!("{{\"alias\":\"r\",\"place_id\":\"{added}\"}}\n");
        crate::records::import(&mut s, Kind::Person, &text).unwrap();
        // A place only listed as about to be added matches no id.
        let mut lists = listed(&s).unwrap();
        lists.extend(listed_new(&place("Fondi")));
        assert_eq!(
            check_place_id(&lists, None, &json!(unknown))
                .unwrap_err()
                .as_code(),
            UNKNOWN_PLACE
        );
        check_place_id(&lists, None, &json!(added)).unwrap();
    }
}
