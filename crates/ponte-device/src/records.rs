//! Records: add, edit, show, list, erase (with the team's erase rule), import a JSON
//! Lines file all or nothing, and the operations of a batch.
//!
//! Every edit a person makes (`edit`, an import's patch line, a batch's edit) is checked
//! against the record it changes, in the edit's transaction: a place in use never takes
//! the name of another place in use ([`crate::place`]). A person's history is only
//! added to (`ponte_model::validate::history`: case events, referral outcome steps,
//! follow-ups done, a consent's withdrawal may be sent back unchanged, never changed or
//! removed): the store checks that on every write, whoever makes it.
//!
//! Every add, edit, import line and batch line is held to the role's rule on a case in
//! charge (`crate::roles`: one that takes, closes or reopens a case, or moves its
//! status or plan that way, is refused to a mediator as `case take` is).
//!
//! Every add, edit, import line and batch line names places from the team's list: a
//! free-text place label it still carries is resolved to its place, or refused
//! (`place::resolve`; a label sent back unchanged stays); a `place_id` it gives or
//! changes must be a place in use of the list (one sent back unchanged stays).

use ponte_ipc::Row;
use ponte_model::Kind;
use ponte_model::patch::merge_patched;
use ponte_model::screening::RiskLevel;
use ponte_model::summary::Query;
use ponte_store::{ImportItem, Listed, RecordId, Store};
use serde_json::Value;

use crate::failure::{BAD_FILTER, BAD_ID, BAD_KIND};
use crate::{Failure, Result};

/// A record id from its hex form.
pub fn parse_id(id: &str) -> Result<RecordId> {
    RecordId::parse(id.trim()).ok_or_else(|| Failure::code(BAD_ID))
}

/// A record kind from its name (`person`, `outreach`, `service`, `place`).
pub fn parse_kind(kind: &str) -> Result<Kind> {
    kind.parse().map_err(|_| Failure::code(BAD_KIND))
}

/// Parse JSON input; a syntax error says where, never what.
pub fn parse_json(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Failure::bad_json(&e))
}

/// Add a record; answers its id. A place may not take the name of a place in use; a
/// free-text place label is resolved to its place (`place::resolve`).
pub fn create(store: &mut Store, kind: Kind, fields: &Value) -> Result<RecordId> {
    if kind == Kind::Person && ponte_model::case::moves_charge(None, fields) {
        charge_allowed(store, "add")?;
    }
    if kind == Kind::Place {
        crate::place::check_unique(&crate::place::listed(store)?, None, None, fields)?;
    }
    if crate::place::has_labels(Some(kind), fields) {
        let lists = crate::place::lists(store, kind, fields)?;
        let fields = crate::place::resolve(kind, &lists, None, fields)?;
        return Ok(store.create(kind, &fields)?);
    }
    Ok(store.create(kind, fields)?)
}

/// The kind of record `id` among those that carry place labels (from the summaries,
/// nothing decrypted); `None` for any other (or none).
fn labelled_kind(store: &Store, id: &RecordId) -> Result<Option<Kind>> {
    for kind in [Kind::Person, Kind::Outreach] {
        let query = Query {
            kind: Some(kind),
            ..Query::default()
        };
        if store.list(&query)?.iter().any(|l| l.id == *id) {
            return Ok(Some(kind));
        }
    }
    Ok(None)
}

/// Whether `patch` may touch what makes a place's name rule (its name, whether it is
/// in use).
fn touches_place_name(patch: &Value) -> bool {
    ["name", "retired"].iter().any(|k| patch.get(k).is_some())
}

/// A person written by any command moves its case in charge only on a device whose
/// role may (`crate::roles`: not a mediator's): refused with `role-refused`, audited.
fn charge_allowed(store: &mut Store, what: &str) -> Result<()> {
    crate::roles::require(
        store,
        crate::roles::Action::CaseCharge,
        &format!("{what} person"),
    )
}

/// The checks of an edit against the record it changes (see the module docs):
/// `places`, when given, the team's places (the edit may rename one).
fn check_edit(
    id: &RecordId,
    places: Option<&[crate::place::Listed]>,
    before: &Value,
    patch: &Value,
) -> Result<()> {
    let Some(places) = places.filter(|p| crate::place::is_place(p, id)) else {
        return Ok(());
    };
    crate::place::check_unique(
        places,
        Some(id),
        Some(before),
        &merge_patched(before, patch),
    )
}

/// Merge-patch a record's fields (RFC 7396); `kind`, when given, must match. The edit
/// is checked against the record as it is, in its transaction (see the module docs).
pub fn edit(store: &mut Store, id: &str, kind: Option<Kind>, patch: &Value) -> Result<RecordId> {
    let id = parse_id(id)?;
    let places = match kind {
        None | Some(Kind::Place) if touches_place_name(patch) => Some(crate::place::listed(store)?),
        _ => None,
    };
    // Free-text place labels: resolved against the record as it is (see the module docs).
    let labelled = match kind {
        _ if !crate::place::has_labels(kind, patch) => None,
        Some(k @ (Kind::Person | Kind::Outreach)) => Some(k),
        Some(_) => None,
        None => labelled_kind(store, &id)?,
    };
    let lists = match labelled {
        Some(k) => Some((k, crate::place::lists(store, k, patch)?)),
        None => None,
    };
    let may_charge = crate::roles::may(store, crate::roles::Action::CaseCharge);
    let mut refused_charge = false;
    let edited = store.edit_with(&id, kind, |before| {
        let patch = match &lists {
            Some((k, lists)) => crate::place::resolve(*k, lists, Some(before), patch)?,
            None => patch.clone(),
        };
        check_edit(&id, places.as_deref(), before, &patch)?;
        if !may_charge
            && ponte_model::case::moves_charge(Some(before), &merge_patched(before, &patch))
        {
            refused_charge = true;
            return Err(Failure::code(crate::failure::ROLE_REFUSED));
        }
        Ok::<_, Failure>(patch)
    });
    if refused_charge {
        charge_allowed(store, "edit")?;
    }
    edited?;
    Ok(id)
}

/// A record's fields as stored (what a form edits).
pub fn fields(store: &mut Store, id: &str, kind: Option<Kind>) -> Result<Value> {
    let id = parse_id(id)?;
    Ok(store.get(&id, kind)?.json)
}

/// A record for display: its fields plus `id`, `kind`, `updated`, for a person the
/// derived and effective risk and the timeline, and the fields two devices set while
/// apart under `conflicts` ([`crate::conflict`]), and the devices a need-to-know
/// record is restricted to under `restricted_to` ([`crate::restrict`]); these keys
/// are ignored when sent back.
pub fn show(store: &mut Store, id: &str, kind: Option<Kind>) -> Result<Value> {
    let mut out = crate::conflict::show(store, id, kind)?;
    // A need-to-know record shows whom it is restricted to (`restrict`).
    if let Some(readers) = crate::restrict::readers(store, &parse_id(id)?)?
        && let Value::Object(map) = &mut out
    {
        map.insert("restricted_to".into(), readers.into());
    }
    Ok(out)
}

/// The list filter from its text parts (as a command line or a form gives them).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Words that must all match.
    pub text: Option<String>,
    /// Person status code.
    pub status: Option<String>,
    /// Effective risk level (`not_screened`, `low`, `medium`, `high`).
    pub risk: Option<String>,
    /// Listening point: a place of the list (its name or id) or an older record's label.
    pub listening_point: Option<String>,
    /// Nationality (ISO 3166-1 alpha-2).
    pub nationality: Option<String>,
}

/// The query for `kind` with `filter`; an unknown risk level, status or nationality is
/// a clear error (a typo would otherwise find nobody and look like an answer).
pub fn query(kind: Kind, filter: Filter) -> Result<Query> {
    let known = |v: &Option<String>, is: fn(&str) -> bool| v.as_deref().is_none_or(is);
    if !known(&filter.status, ponte_model::vocab::is_person_status)
        || !known(&filter.nationality, ponte_model::vocab::is_country)
    {
        return Err(Failure::code(BAD_FILTER));
    }
    let risk = match filter.risk.as_deref() {
        None => None,
        Some(r) => Some(
            serde_json::from_value::<RiskLevel>(Value::String(r.to_owned()))
                .map_err(|_| Failure::code(BAD_FILTER))?,
        ),
    };
    Ok(Query {
        text: filter.text,
        kind: Some(kind),
        status: filter.status,
        risk,
        listening_point: filter.listening_point,
        place_id: None,
        nationality: filter.nationality,
    })
}

/// The records matching `query` (summaries only: no document is decrypted). A search
/// (words or any filter) is audited: which filters, how many words and results, never
/// the words or the filter values.
pub fn list(store: &mut Store, query: &Query) -> Result<Vec<Listed>> {
    // A listening point typed by name finds the records of its place of the list too.
    let mut named = None;
    if let Some(label) = &query.listening_point
        && query.place_id.is_none()
        && RecordId::parse(label).is_none()
        && let Ok(place) = crate::place::named(store, label)
    {
        named = Some(Query {
            place_id: Some(place.to_hex()),
            ..query.clone()
        });
    }
    let query = named.as_ref().unwrap_or(query);
    let found = store.list(query)?;
    let words = query
        .text
        .as_deref()
        .map_or(0, |t| t.split_whitespace().count());
    let filters: Vec<&str> = [
        ("status", query.status.is_some()),
        ("risk", query.risk.is_some()),
        ("listening_point", query.listening_point.is_some()),
        ("nationality", query.nationality.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, set)| set.then_some(name))
    .collect();
    if words > 0 || !filters.is_empty() {
        let kind = query.kind.map_or("any", Kind::as_str);
        store.audit_note(
            ponte_store::AuditAction::Search,
            &format!(
                "search kind={kind} words={words} filters={} results={}",
                if filters.is_empty() {
                    "none".to_owned()
                } else {
                    filters.join(",")
                },
                found.len()
            ),
        )?;
    }
    Ok(found)
}

/// The records matching `query`, as list rows (a search is audited, as by [`list`]).
pub fn rows(store: &mut Store, query: &Query) -> Result<Vec<Row>> {
    Ok(list(store, query)?
        .into_iter()
        .map(|l| Row {
            id: l.id.to_hex(),
            summary: l.summary,
        })
        .collect())
}

/// Erase a record. In a team only the supervisor erases, everywhere (a signed
/// tombstone); outside a team the record is erased here.
pub fn erase(store: &mut Store, id: &str, kind: Option<Kind>) -> Result<RecordId> {
    let id = parse_id(id)?;
    crate::roles::require(
        store,
        crate::roles::Action::Erase,
        &format!("id={}", id.to_hex()),
    )?;
    ponte_sync::team::erase(store, &id, kind)?;
    Ok(id)
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Records created.
    pub created: usize,
    /// Records patched.
    pub patched: usize,
    /// Every record touched, in file order.
    pub ids: Vec<RecordId>,
}

/// Import a JSON Lines file of `kind` records: a line with an `"id"` patches that
/// record, any other creates one; blank lines are skipped. All or nothing: a file
/// with any bad line imports nothing, and every bad line is named (1-based).
pub fn import(store: &mut Store, kind: Kind, text: &str) -> Result<Imported> {
    let mut items = parse_jsonl(kind, text)?;
    resolve_import(store, kind, &mut items)?;
    check_import(store, kind, &items)?;
    let (lines, items): (Vec<usize>, Vec<ImportItem>) = items.into_iter().unzip();
    match store.import(kind, &items) {
        Ok(ids) => {
            let created = items
                .iter()
                .filter(|i| matches!(i, ImportItem::Create(_)))
                .count();
            Ok(Imported {
                created,
                patched: ids.len() - created,
                ids,
            })
        }
        Err(errors) => Err(Failure::import(
            errors
                .into_iter()
                .map(|e| (lines.get(e.index).copied().unwrap_or(0), Failure::item(e)))
                .collect(),
        )),
    }
}

/// The free-text place labels of every line of an import, resolved as [`create`] and
/// [`edit`] do; every line refused is named, and nothing is imported. A patch line
/// with a label is checked against its record (read here, and audited as viewed); one
/// whose record is not there is left to the import, which names it.
fn resolve_import(store: &mut Store, kind: Kind, items: &mut [(usize, ImportItem)]) -> Result<()> {
    let labelled = |item: &ImportItem| match item {
        ImportItem::Create(v) | ImportItem::Patch(_, v) => crate::place::has_labels(Some(kind), v),
    };
    let Some(first) = items.iter().find(|(_, i)| labelled(i)) else {
        return Ok(());
    };
    let first = match &first.1 {
        ImportItem::Create(v) | ImportItem::Patch(_, v) => v.clone(),
    };
    // The roster is read when any line types team names.
    let team = items.iter().find_map(|(_, i)| match i {
        ImportItem::Create(v) | ImportItem::Patch(_, v)
            if v.get("team").is_some_and(Value::is_array) =>
        {
            Some(v.clone())
        }
        _ => None,
    });
    let lists = crate::place::lists(store, kind, team.as_ref().unwrap_or(&first))?;
    let mut bad = Vec::new();
    for (line, item) in items.iter_mut() {
        if !labelled(item) {
            continue;
        }
        let resolved = match item {
            ImportItem::Create(fields) => {
                crate::place::resolve(kind, &lists, None, fields).map(|f| *fields = f)
            }
            ImportItem::Patch(id, patch) => match store.get(id, Some(kind)) {
                Ok(record) => crate::place::resolve(kind, &lists, Some(&record.json), patch)
                    .map(|p| *patch = p),
                Err(_) => Ok(()),
            },
        };
        if let Err(f) = resolved {
            bad.push((*line, f));
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Failure::import(bad))
    }
}

/// The checks of an edit (see the module docs) on every patch line of an import, and
/// the place name rule on every place it adds or renames (a place added by an earlier
/// line counts): every failing line is named. A patch line whose record is not there is
/// left to the import, which names it.
fn check_import(store: &mut Store, kind: Kind, items: &[(usize, ImportItem)]) -> Result<()> {
    if kind == Kind::Person && !crate::roles::may(store, crate::roles::Action::CaseCharge) {
        check_import_charge(store, items)?;
    }
    let mut places = if kind == Kind::Place {
        Some(crate::place::listed(store)?)
    } else {
        None
    };
    let mut bad = Vec::new();
    for (line, item) in items {
        let checked = match item {
            ImportItem::Create(fields) => match places.as_mut() {
                Some(places) => crate::place::check_unique(places, None, None, fields).map(|()| {
                    places.extend(crate::place::listed_new(fields));
                }),
                None => Ok(()),
            },
            // A person's history is kept by the store's edit, line by line, in the
            // import's transaction; read here (and audited as viewed) only a place,
            // for the name rule.
            ImportItem::Patch(id, patch) if places.is_some() => match store.get(id, Some(kind)) {
                Ok(record) => check_edit(id, places.as_deref(), &record.json, patch),
                Err(_) => Ok(()),
            },
            ImportItem::Patch(..) => Ok(()),
        };
        if let Err(f) = checked {
            bad.push((*line, f));
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Failure::import(bad))
    }
}

/// On a device whose role may not move cases in charge: every line of a person import
/// that would (a patch line that names what could is checked against its record, read
/// here and audited as viewed) is named, refused and audited, and nothing is imported.
fn check_import_charge(store: &mut Store, items: &[(usize, ImportItem)]) -> Result<()> {
    let mut bad = Vec::new();
    for (line, item) in items {
        let moves = match item {
            ImportItem::Create(fields) => ponte_model::case::moves_charge(None, fields),
            ImportItem::Patch(id, patch) if ponte_model::case::patch_may_move_charge(patch) => {
                match store.get(id, Some(Kind::Person)) {
                    Ok(record) => ponte_model::case::moves_charge(
                        Some(&record.json),
                        &merge_patched(&record.json, patch),
                    ),
                    Err(_) => false,
                }
            }
            ImportItem::Patch(..) => false,
        };
        if moves && let Err(f) = charge_allowed(store, "import") {
            bad.push((*line, f));
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Failure::import(bad))
    }
}

/// Parse a JSON Lines file into import items with their 1-based line numbers.
fn parse_jsonl(kind: Kind, text: &str) -> Result<Vec<(usize, ImportItem)>> {
    let mut items = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(mut map)) => match map.remove("id") {
                None => items.push((line_no, ImportItem::Create(Value::Object(map)))),
                Some(Value::String(id)) => match RecordId::parse(&id) {
                    Some(id) => items.push((line_no, ImportItem::Patch(id, Value::Object(map)))),
                    None => bad.push((line_no, Failure::code(BAD_ID))),
                },
                Some(_) => bad.push((line_no, Failure::code(BAD_ID))),
            },
            Ok(_) => bad.push((line_no, Failure::code("not-an-object"))),
            Err(_) => bad.push((line_no, Failure::code("bad-json-line"))),
        }
    }
    if bad.is_empty() {
        return Ok(items);
    }
    // The lines that did parse are checked too, as far as they can be without the
    // store (a new record's rules), so that one bad line does not hide another.
    for (line, item) in &items {
        if let ImportItem::Create(fields) = item
            && let Err(problems) = ponte_model::validate::validate(kind, fields)
        {
            bad.push((*line, Failure::invalid(&problems)));
        }
    }
    bad.sort_by_key(|(line, _)| *line);
    Err(Failure::import(bad))
}

/// One operation of a batch (`ponte batch`: JSON Lines, one unlock).
#[derive(serde::Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
enum BatchOp {
    Add { kind: String, record: Value },
    Edit { id: String, patch: Value },
    Erase { id: String },
}

/// Run one batch line; answers the record's id, or a short code (`invalid:<codes>`
/// for validation) that the batch's acknowledgement carries.
pub fn batch_op(store: &mut Store, line: &str) -> std::result::Result<RecordId, String> {
    let op: BatchOp = serde_json::from_str(line).map_err(|_| "bad-json-line".to_owned())?;
    let code = |f: Failure| {
        let e = f.as_ipc();
        if e.problems.is_empty() {
            e.code.clone()
        } else {
            let codes: Vec<&str> = e.problems.iter().map(|(_, c)| c.as_str()).collect();
            format!("invalid:{}", codes.join(","))
        }
    };
    match op {
        BatchOp::Add { kind, record } => {
            let kind = parse_kind(&kind).map_err(code)?;
            create(store, kind, &record).map_err(code)
        }
        BatchOp::Edit { id, patch } => edit(store, &id, None, &patch).map_err(code),
        // The same rule as everywhere: in a team, only the supervisor erases.
        BatchOp::Erase { id } => erase(store, &id, None).map_err(code),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        (dir, store)
    }

    #[test]
    fn an_import_with_a_bad_line_imports_nothing_and_names_the_lines() {
        let (_dir, mut store) = store();
        let text = "{\"alias\":\"a\"}\n\nnot json\n[1]\n{\"id\":\"zz\"}\n{\"alias\":\"\"}\n";
        let err = import(&mut store, Kind::Person, text).unwrap_err();
        let lines: Vec<usize> = err.as_ipc().lines.iter().map(|(n, _)| *n).collect();
        // The line that parsed but breaks a rule is named with those that did not parse.
        assert_eq!(lines, vec![3, 4, 5, 6]);
        assert!(list(&mut store, &Query::default()).unwrap().is_empty());
        let ok = import(
            &mut store,
            Kind::Person,
            "{\"alias\":\"a\"}\n{\"alias\":\"b\"}\n",
        )
        .unwrap();
        assert_eq!((ok.created, ok.patched, ok.ids.len()), (2, 0, 2));
    }

    #[test]
    fn a_bad_risk_status_or_nationality_filter_is_refused() {
        for filter in [
            Filter {
                risk: Some("extreme".into()),
                ..Filter::default()
            },
            Filter {
                status: Some("bogus".into()),
                ..Filter::default()
            },
            Filter {
                nationality: Some("XX".into()),
                ..Filter::default()
            },
        ] {
            assert_eq!(
                query(Kind::Person, filter).unwrap_err().as_code(),
                "bad-filter"
            );
        }
        let known = Filter {
            status: Some("in_charge".into()),
            nationality: Some("IN".into()),
            ..Filter::default()
        };
        assert!(query(Kind::Person, known).is_ok());
    }

    #[test]
    fn batch_reports_validation_codes_only() {
        let (_dir, mut store) = store();
        let id = batch_op(
            &mut store,
            r#"{"op":"add","kind":"person","record":{"alias":"x"}}"#,
        )
        .unwrap();
        let bad = format!(
            r#"{{"op":"edit","id":"{}","patch":{{"sex":"SECRET-VALUE"}}}}"#,
            id.to_hex()
        );
        let code = batch_op(&mut store, &bad).unwrap_err();
        assert!(
            code.starts_with("invalid:") && !code.contains("SECRET"),
            "{code}"
        );
        assert_eq!(batch_op(&mut store, "{").unwrap_err(), "bad-json-line");
    }
}
