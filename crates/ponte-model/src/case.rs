//! A case's steps, as rules over a person's JSON: which referral outcome may follow
//! which, whether the case is closed, the renewal follow-up a permit's expiry gives, and
//! the person's timeline (case events, referral outcome steps, follow-ups, consents
//! withdrawn) in date order. That these entries are only ever added is
//! [`crate::validate::history`]'s rule.
//!
//! The device services (`ponte_device::case`) apply these rules; the store applies
//! [`followups_patch`] (a permit's renewal, a referral's check after its appointment)
//! to every save, so the app and the CLI both get it.

use crate::date::Date;
use crate::record::{date_at, entries, str_at};
use serde_json::{Map, Value, json};

/// Days before a permit's expiry that its renewal follow-up is due.
pub const RENEWAL_DAYS_BEFORE: i64 = 60;

/// The follow-up `kind` of a permit renewal (`followup_kinds`).
pub const PERMIT_RENEWAL: &str = "permit_renewal";

/// Whether a referral whose current outcome is `from` (`None`: none recorded yet) may
/// move to `to`. The steps: none -> pending | accepted | declined | no_show;
/// pending -> accepted | declined | no_show; accepted -> completed | declined | no_show;
/// no_show -> pending (a new appointment). `completed` and `declined` are final.
pub fn outcome_allowed(from: Option<&str>, to: &str) -> bool {
    matches!(
        (from, to),
        (None, "pending" | "accepted" | "declined" | "no_show")
            | (Some("pending"), "accepted" | "declined" | "no_show")
            | (Some("accepted"), "completed" | "declined" | "no_show")
            | (Some("no_show"), "pending")
    )
}

/// The case events that move a case in charge (take it, close it, reopen it).
const CHARGE_EVENTS: &[&str] = &["taken_in_charge", "closed", "reopened"];

/// Whether saving a person as `after` over `before` (`None`: a new record) moves the
/// case in charge: it adds a `taken_in_charge`, `closed` or `reopened` case event,
/// moves the status into or out of `in_charge` or `closed`, or changes who the plan
/// assigns the case to or the day it was taken in charge. What only a role that takes
/// cases in charge may do, by whichever command it is written.
pub fn moves_charge(before: Option<&Value>, after: &Value) -> bool {
    let none = Value::Null;
    let before = before.unwrap_or(&none);
    let new_event = entries(after, "case_events").into_iter().any(|(id, e)| {
        before.get("case_events").and_then(|c| c.get(id)).is_none()
            && str_at(e, "kind").is_some_and(|k| CHARGE_EVENTS.contains(&k))
    });
    let (was, now) = (str_at(before, "status.code"), str_at(after, "status.code"));
    let charged = |c: Option<&str>| matches!(c, Some("in_charge" | "closed"));
    let status = was != now && (charged(was) || charged(now));
    let plan = ["plan.taken_in_charge", "plan.assigned_to"]
        .iter()
        .any(|p| str_at(before, p) != str_at(after, p));
    new_event || status || plan
}

/// Whether a patch (an import's line, whose record is not read here) may move a case
/// in charge: it names a case event of those kinds, the status, or the plan's operator
/// or day taken. A front end that may not move cases refuses such a line whole.
pub fn patch_may_move_charge(patch: &Value) -> bool {
    let events = entries(patch, "case_events")
        .into_iter()
        .any(|(_, e)| str_at(e, "kind").is_none_or(|k| CHARGE_EVENTS.contains(&k)));
    events
        || patch.get("status").is_some()
        || ["plan.taken_in_charge", "plan.assigned_to"]
            .iter()
            .any(|p| crate::record::at(patch, p).is_some())
        || patch.get("plan").is_some_and(Value::is_null)
}

/// Whether the person's case is closed (`status.code` is `closed`).
pub fn is_closed(person: &Value) -> bool {
    str_at(person, "status.code") == Some("closed")
}

/// Days since 1970-01-01 of a date (proleptic Gregorian).
fn days(d: Date) -> i64 {
    let (y, m, dd) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days since 1970-01-01.
fn from_days(n: i64) -> Option<Date> {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

/// `d` moved by `n` days (`None` out of the calendar's range).
pub fn add_days(d: Date, n: i64) -> Option<Date> {
    from_days(days(d) + n).filter(|d| d.in_supported_range())
}

/// The follow-ups that renew the permit (`kind` `permit_renewal`) as `(id, entry)`.
fn renewals(person: &Value) -> Vec<(&str, &Value)> {
    entries(person, "followups")
        .into_iter()
        .filter(|(_, f)| str_at(f, "kind") == Some(PERMIT_RENEWAL))
        .collect()
}

/// The permit statuses that have no expiry (no permit; an EU citizen needs none): an
/// `expiry` kept with one of them is not one.
pub const PERMIT_STATUSES_WITHOUT_EXPIRY: &[&str] = &["none", "eu_citizen"];

/// The day the person's permit expires, if it does: its `expiry`, unless its status is
/// one without expiry ([`PERMIT_STATUSES_WITHOUT_EXPIRY`]).
pub fn permit_expiry(person: &Value) -> Option<Date> {
    if str_at(person, "permit.status").is_some_and(|s| PERMIT_STATUSES_WITHOUT_EXPIRY.contains(&s))
    {
        return None;
    }
    date_at(person, "permit.expiry")
}

/// The merge patch that keeps the permit's renewal follow-up in step with its expiry
/// ([`permit_expiry`]), for a person saved as `after` (`before`: as it was, `None` for
/// a new record). Only a changed expiry acts, so a renewal moved by hand stays where it
/// was put: an open renewal follow-up is moved to [`RENEWAL_DAYS_BEFORE`] days before
/// the new expiry; without one, one is added, with an entry id made from the expiry
/// (two devices that add it offline write the same entry; `-2`, `-3`... after it when
/// that entry exists, done, on an edit). When the expiry goes away
/// (set to null, or a status without expiry), the open renewal follow-ups are no longer
/// needed: they are closed, done on `today` (the caller's clock; `None`: unknown, and
/// an open renewal is then left as it is; a follow-up done is history from then on).
/// `None` when nothing is to change.
pub fn renewal_patch(before: Option<&Value>, after: &Value, today: Option<Date>) -> Option<Value> {
    let was = before.and_then(permit_expiry);
    let Some(expiry) = permit_expiry(after) else {
        was?;
        let day = today?.to_string();
        let closed: Map<String, Value> = renewals(after)
            .into_iter()
            .filter(|(_, f)| str_at(f, "done").is_none())
            .map(|(id, _)| (id.to_owned(), json!({"done": day})))
            .collect();
        return (!closed.is_empty()).then(|| json!({"followups": closed}));
    };
    if was == Some(expiry) {
        return None;
    }
    let due = add_days(expiry, -RENEWAL_DAYS_BEFORE)?.to_string();
    let all = renewals(after);
    let open: Vec<&(&str, &Value)> = all
        .iter()
        .filter(|(_, f)| str_at(f, "done").is_none())
        .collect();
    let mut changes = Map::new();
    if open.is_empty() {
        // A new record arrives with its follow-ups as they were written (an import, a
        // shown record saved back): one done for this expiry is its renewal. On an
        // edit, an expiry set again (after it went away and its renewal was closed)
        // needs a reminder again: the next free id of this expiry, the same on every
        // device that makes it offline.
        if before.is_none()
            && all
                .iter()
                .any(|(_, f)| str_at(f, "due") == Some(due.as_str()))
        {
            return None;
        }
        let base = format!("permit-renewal-{}", expiry.to_string().replace('-', ""));
        let id = free_followup_id(after, &Map::new(), &base)?;
        changes.insert(id, json!({"due": due, "kind": PERMIT_RENEWAL}));
    } else {
        for (id, f) in open {
            if str_at(f, "due") != Some(due.as_str()) {
                changes.insert((*id).to_owned(), json!({"due": due}));
            }
        }
    }
    (!changes.is_empty()).then(|| json!({"followups": changes}))
}

/// The follow-up `kind` that asks how a referral's appointment went (`followup_kinds`).
pub const REFERRAL_CHECK: &str = "referral_check";

/// The next free follow-up id of `base` in `person` (and not in `planned`): `base`, else
/// `base-2`, `base-3`... (the same on every device that makes it from the same record).
fn free_followup_id(person: &Value, planned: &Map<String, Value>, base: &str) -> Option<String> {
    let taken = |id: &str| {
        planned.contains_key(id) || person.get("followups").and_then(|f| f.get(id)).is_some()
    };
    std::iter::once(base.to_owned())
        .chain((2..1000).map(|n| format!("{base}-{n}")))
        .find(|id| !taken(id))
}

/// The merge patch that keeps a referral's "how did it go?" follow-up in step with its
/// appointment, for a person saved as `after` (`before`: as it was, `None` for a new
/// record). While a referral waits for its outcome (none recorded, or `pending`) and
/// has an `appointment`, a follow-up of kind [`REFERRAL_CHECK`] naming it
/// (`referral`) is due the day after the appointment: added when the appointment is set
/// or moved (entry id `referral-check-<YYYYMMDD>`, the next free one), moved with it
/// when it is open. Once the outcome is known (accepted, declined, no show, completed)
/// or the appointment goes away, its open check is closed, done on `today` (`None`:
/// left open). A check closed or done by hand is history: only a changed appointment
/// adds a new one. `None` when nothing is to change.
pub fn referral_check_patch(
    before: Option<&Value>,
    after: &Value,
    today: Option<Date>,
) -> Option<Value> {
    let mut changes = Map::new();
    let checks: Vec<(&str, &Value)> = entries(after, "followups")
        .into_iter()
        .filter(|(_, f)| str_at(f, "kind") == Some(REFERRAL_CHECK))
        .collect();
    for (rid, referral) in entries(after, "referrals") {
        let appointment = date_at(referral, "appointment.date");
        let waiting = matches!(str_at(referral, "outcome"), None | Some("pending"));
        let mine = checks
            .iter()
            .filter(|(_, f)| str_at(f, "referral") == Some(rid));
        let open: Vec<&str> = mine
            .clone()
            .filter(|(_, f)| str_at(f, "done").is_none())
            .map(|(id, _)| *id)
            .collect();
        let Some(appointment) = appointment.filter(|_| waiting) else {
            if let Some(day) = today {
                for id in open {
                    changes.insert(id.to_owned(), json!({"done": day.to_string()}));
                }
            }
            continue;
        };
        let was = before
            .and_then(|b| b.get("referrals"))
            .and_then(|r| r.get(rid))
            .and_then(|r| date_at(r, "appointment.date"));
        if was == Some(appointment) {
            continue;
        }
        let Some(due) = add_days(appointment, 1).map(|d| d.to_string()) else {
            continue;
        };
        if open.is_empty() {
            // A new record arrives with its follow-ups as they were written.
            if before.is_none() && mine.clone().any(|(_, f)| str_at(f, "due") == Some(&due)) {
                continue;
            }
            let base = format!(
                "referral-check-{}",
                appointment.to_string().replace('-', "")
            );
            // Two referrals with one appointment day get two ids.
            let Some(id) = free_followup_id(after, &changes, &base) else {
                continue;
            };
            changes.insert(
                id,
                json!({"due": due, "kind": REFERRAL_CHECK, "referral": rid}),
            );
        } else {
            for id in open {
                changes.insert(id.to_owned(), json!({"due": due}));
            }
        }
    }
    (!changes.is_empty()).then(|| json!({"followups": changes}))
}

/// Every follow-up a rule of this module adds, moves or closes for a person saved as
/// `after` ([`renewal_patch`] and [`referral_check_patch`] in one merge patch): what
/// the store applies to every save.
pub fn followups_patch(
    before: Option<&Value>,
    after: &Value,
    today: Option<Date>,
) -> Option<Value> {
    let mut all = Map::new();
    for patch in [
        renewal_patch(before, after, today),
        referral_check_patch(before, after, today),
    ]
    .into_iter()
    .flatten()
    {
        if let Some(Value::Object(f)) = patch.get("followups") {
            all.extend(f.clone());
        }
    }
    (!all.is_empty()).then(|| json!({"followups": all}))
}

/// When an entry was made, from its id: the device services name entries with a
/// letter prefix then the time in milliseconds (13 digits), so that the steps of one
/// day keep the order they were taken in across collections (a case event, then a
/// referral step). Empty for ids made otherwise, which come first on their day.
fn written_at(id: &str) -> String {
    let digits = id.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    match digits.get(..13) {
        Some(ms) if ms.bytes().all(|b| b.is_ascii_digit()) => ms.to_owned(),
        _ => String::new(),
    }
}

/// When a step on an existing entry was written (a follow-up's `done_at`, a consent's
/// `withdrawn_at`: milliseconds since the epoch), as the same 13 digits
/// [`written_at`] reads from an entry id; without it (an older record), the entry id's.
fn step_written_at(entry: &Value, key: &str, id: &str) -> String {
    entry
        .get(key)
        .and_then(Value::as_u64)
        .filter(|ms| *ms <= 9_999_999_999_999)
        .map_or_else(|| written_at(id), |ms| format!("{ms:013}"))
}

/// One line of the person's timeline.
fn line(date: &str, entry: &str, what: &str, fields: &[(&str, Option<&Value>)]) -> Value {
    let mut m = Map::new();
    m.insert("date".into(), Value::String(date.to_owned()));
    m.insert("what".into(), Value::String(what.to_owned()));
    m.insert("entry".into(), Value::String(entry.to_owned()));
    for (k, v) in fields {
        if let Some(v) = v.filter(|v| !v.is_null() && v.as_str() != Some("")) {
            m.insert((*k).to_owned(), v.clone());
        }
    }
    Value::Object(m)
}

/// The person's timeline, oldest first (by date, then when the step was written, then
/// entry id): every case event
/// (`what` `case`, with its `kind`, `by`, `operator`, `reason`, `goal`, `note`), every
/// referral made (`what` `referral_made`, with `referral`, `destination`, `by`, on the
/// referral's `date`), every referral outcome step (`what` `referral`, with
/// `referral`, `outcome`, `by`, `note`), and every follow-up done (`what`
/// `followup_done`, with `due`, `by`, `note`), every consent withdrawn (`what`
/// `consent_withdrawn`, with `consent`, `purpose`, `destination`, `by`), and a quick
/// contact's first meeting (`what` `first_contact`, with `by`, `place_id`). Entries
/// whose date is not a date are left out. `entry` is the entry id in its collection.
///
/// When a step was written: the time in its entry id (the device services name
/// entries by it), or for a follow-up done and a consent withdrawn, whose entry was
/// made before, `done_at` / `withdrawn_at` when the record has it.
pub fn timeline(person: &Value) -> Vec<Value> {
    let mut out: Vec<(Date, String, String, Value)> = Vec::new();
    if let Some(first) = person.get("first_contact")
        && let Some(d) = date_at(first, "date")
    {
        let v = line(
            &d.to_string(),
            "first_contact",
            "first_contact",
            &[("by", first.get("by")), ("place_id", first.get("place_id"))],
        );
        out.push((d, String::new(), String::new(), v));
    }
    for (id, e) in entries(person, "case_events") {
        if let Some(d) = date_at(e, "date") {
            let v = line(
                &d.to_string(),
                id,
                "case",
                &[
                    ("kind", e.get("kind")),
                    ("by", e.get("by")),
                    ("operator", e.get("operator")),
                    ("reason", e.get("reason")),
                    ("goal", e.get("goal")),
                    ("note", e.get("note")),
                ],
            );
            out.push((d, written_at(id), id.to_owned(), v));
        }
    }
    for (rid, r) in entries(person, "referrals") {
        if let Some(d) = date_at(r, "date") {
            let referral = Value::String(rid.to_owned());
            let v = line(
                &d.to_string(),
                rid,
                "referral_made",
                &[
                    ("referral", Some(&referral)),
                    ("destination", r.get("destination")),
                    ("by", r.get("by")),
                ],
            );
            out.push((d, written_at(rid), rid.to_owned(), v));
        }
        for (id, o) in entries(r, "outcomes") {
            if let Some(d) = date_at(o, "date") {
                let referral = Value::String(rid.to_owned());
                let v = line(
                    &d.to_string(),
                    id,
                    "referral",
                    &[
                        ("referral", Some(&referral)),
                        ("outcome", o.get("outcome")),
                        ("by", o.get("by")),
                        ("note", o.get("note")),
                    ],
                );
                out.push((d, written_at(id), id.to_owned(), v));
            }
        }
    }
    for (id, f) in entries(person, "followups") {
        if let Some(d) = date_at(f, "done") {
            let v = line(
                &d.to_string(),
                id,
                "followup_done",
                &[
                    ("due", f.get("due")),
                    ("by", f.get("done_by")),
                    ("note", f.get("done_note")),
                ],
            );
            out.push((d, step_written_at(f, "done_at", id), id.to_owned(), v));
        }
    }
    for (id, c) in entries(person, "consents") {
        if let Some(d) = date_at(c, "withdrawn") {
            let consent = Value::String(id.to_owned());
            let v = line(
                &d.to_string(),
                id,
                "consent_withdrawn",
                &[
                    ("consent", Some(&consent)),
                    ("purpose", c.get("purpose")),
                    ("destination", c.get("destination")),
                    ("by", c.get("withdrawn_by")),
                ],
            );
            out.push((d, step_written_at(c, "withdrawn_at", id), id.to_owned(), v));
        }
    }
    out.sort_by(|a, b| (a.0, &a.1, &a.2).cmp(&(b.0, &b.1, &b.2)));
    out.into_iter().map(|(_, _, _, v)| v).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::Kind;
    use crate::validate::validate;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn outcome_steps() {
        assert!(outcome_allowed(None, "pending"));
        assert!(outcome_allowed(Some("pending"), "accepted"));
        assert!(outcome_allowed(Some("accepted"), "completed"));
        assert!(outcome_allowed(Some("no_show"), "pending"));
        assert!(!outcome_allowed(None, "completed"));
        assert!(!outcome_allowed(Some("pending"), "pending"));
        assert!(!outcome_allowed(Some("completed"), "accepted"));
        assert!(!outcome_allowed(Some("declined"), "accepted"));
        assert!(!outcome_allowed(Some("accepted"), "nonsense"));
    }

    #[test]
    fn day_arithmetic_crosses_months_years_and_leap_days() {
        assert_eq!(add_days(d("2027-03-01"), -60).unwrap(), d("2026-12-31"));
        assert_eq!(add_days(d("2028-03-01"), -1).unwrap(), d("2028-02-29"));
        assert_eq!(add_days(d("2026-12-31"), 1).unwrap(), d("2027-01-01"));
        assert_eq!(add_days(d("1900-01-01"), -1), None);
        for s in ["1970-01-01", "2000-02-29", "2100-12-31"] {
            assert_eq!(add_days(d(s), 0).unwrap(), d(s));
        }
    }

    #[test]
    fn a_permit_expiry_adds_then_moves_its_renewal() {
        let p = json!({"alias": "a", "permit": {"expiry": "2027-03-01"}});
        let patch = renewal_patch(None, &p, None).unwrap();
        assert_eq!(
            patch,
            json!({"followups": {"permit-renewal-20270301": {"due": "2026-12-31", "kind": "permit_renewal"}}})
        );
        let mut after = p.clone();
        crate::patch::apply_merge_patch(&mut after, &patch);
        assert!(validate(Kind::Person, &after).is_ok());
        // Same expiry: nothing, even if the renewal was moved by hand.
        assert_eq!(renewal_patch(Some(&after), &after, None), None);
        let mut moved = after.clone();
        moved["permit"]["expiry"] = json!("2027-06-30");
        assert_eq!(
            renewal_patch(Some(&after), &moved, None).unwrap(),
            json!({"followups": {"permit-renewal-20270301": {"due": "2027-05-01"}}})
        );
        // Done: a new renewal for the new expiry.
        moved["followups"]["permit-renewal-20270301"]["done"] = json!("2026-12-20");
        let next = renewal_patch(Some(&after), &moved, None).unwrap();
        assert!(next["followups"]["permit-renewal-20270630"].is_object());
        // No expiry: nothing.
        assert_eq!(renewal_patch(None, &json!({"alias": "a"}), None), None);
    }

    #[test]
    fn what_moves_a_case_in_charge() {
        let p = json!({"alias": "a", "status": {"code": "interviewed"}, "notes": "n",
            "case_events": {"e1": {"date": "2026-01-01", "kind": "goal_set"}}});
        let moves = |patch: Value| moves_charge(Some(&p), &crate::patch::merge_patched(&p, &patch));
        for patch in [
            json!({"case_events": {"e2": {"date": "2026-01-02", "kind": "taken_in_charge"}}}),
            json!({"case_events": {"e2": {"date": "2026-01-02", "kind": "closed"}}}),
            json!({"case_events": {"e2": {"date": "2026-01-02", "kind": "reopened"}}}),
            json!({"status": {"code": "in_charge"}}),
            json!({"status": {"code": "closed", "reason": "deceased"}}),
            json!({"plan": {"assigned_to": "Anna"}}),
            json!({"plan": {"taken_in_charge": "2026-01-02"}}),
        ] {
            assert!(moves(patch.clone()), "{patch}");
            assert!(patch_may_move_charge(&patch), "{patch}");
        }
        for patch in [
            json!({"notes": "more"}),
            json!({"status": {"code": "referred"}}),
            json!({"case_events": {"e2": {"date": "2026-01-02", "kind": "goal_done"}}}),
            // Sent back as it is.
            p.clone(),
        ] {
            assert!(!moves(patch.clone()), "{patch}");
        }
        assert!(!patch_may_move_charge(&json!({"notes": "more"})));
        // A new record that starts in charge.
        assert!(moves_charge(
            None,
            &json!({"alias": "b", "status": {"code": "in_charge"}})
        ));
        assert!(!moves_charge(
            None,
            &json!({"alias": "b", "status": {"code": "contacted"}})
        ));
        // Out of charge: from in charge to another status.
        let taken = json!({"alias": "a", "status": {"code": "in_charge"}});
        assert!(moves_charge(
            Some(&taken),
            &json!({"alias": "a", "status": {"code": "referred"}})
        ));
    }

    #[test]
    fn a_referral_appointment_adds_its_check_which_moves_with_it_and_closes_on_the_outcome() {
        let today = Some(d("2026-06-15"));
        let check = |id: &str, due: &str, r: &str| json!({"followups": {id: {"due": due, "kind": "referral_check", "referral": r}}});
        let referral = |appointment: &str| {
            json!({"destination": "trade_union", "date": "2026-06-10",
                   "appointment": {"date": appointment, "time": "09:30"}})
        };
        let mut p = json!({"alias": "a",
            "consents": {"c1": {"purpose": "referral", "destination": "trade_union",
                                "given": true, "language": "pa", "date": "2026-06-01"}},
            "referrals": {"r1": referral("2026-06-20")}});
        let save = |before: Option<&Value>, after: &mut Value| {
            let patch = followups_patch(before, after, today);
            if let Some(patch) = &patch {
                crate::patch::apply_merge_patch(after, patch);
            }
            assert!(validate(Kind::Person, after).is_ok(), "{after}");
            if let Some(before) = before {
                assert!(crate::validate::history(before, after).is_ok());
            }
            patch
        };
        // A new record: its check the day after the appointment.
        assert_eq!(
            save(None, &mut p),
            Some(check("referral-check-20260620", "2026-06-21", "r1"))
        );
        // Saved again as it is, or with an outcome still awaited: nothing.
        // An outcome moves with its step (the history's rule).
        let step = |p: &mut Value, r: &str, n: &str, outcome: &str| {
            p["referrals"][r]["outcome"] = json!(outcome);
            p["referrals"][r]["outcomes"][n] = json!({"date": "2026-06-12", "outcome": outcome});
        };
        let mut same = p.clone();
        assert_eq!(save(Some(&p), &mut same), None);
        step(&mut same, "r1", "s1", "pending");
        assert_eq!(save(Some(&p), &mut same), None);
        // The appointment moves: its open check moves with it.
        let mut moved = same.clone();
        moved["referrals"]["r1"]["appointment"]["date"] = json!("2026-06-25");
        assert_eq!(
            save(Some(&same), &mut moved),
            Some(json!({"followups": {"referral-check-20260620": {"due": "2026-06-26"}}}))
        );
        // A second referral on the same day as the first one was: an id of its own.
        let mut two = moved.clone();
        two["referrals"]["r2"] = referral("2026-06-20");
        assert_eq!(
            save(Some(&moved), &mut two),
            Some(check("referral-check-20260620-2", "2026-06-21", "r2"))
        );
        // A no-show: the check is closed today; a new appointment, a new check.
        let mut no_show = two.clone();
        step(&mut no_show, "r1", "s2", "no_show");
        assert_eq!(
            save(Some(&two), &mut no_show),
            Some(json!({"followups": {"referral-check-20260620": {"done": "2026-06-15"}}}))
        );
        let mut again = no_show.clone();
        step(&mut again, "r1", "s3", "pending");
        again["referrals"]["r1"]["appointment"]["date"] = json!("2026-07-01");
        assert_eq!(
            save(Some(&no_show), &mut again),
            Some(check("referral-check-20260701", "2026-07-02", "r1"))
        );
        // The appointment goes away: its open check is closed; an unknown day closes
        // nothing.
        let mut gone = again.clone();
        gone["referrals"]["r2"]
            .as_object_mut()
            .unwrap()
            .remove("appointment");
        assert_eq!(referral_check_patch(Some(&again), &gone, None), None);
        assert_eq!(
            save(Some(&again), &mut gone),
            Some(json!({"followups": {"referral-check-20260620-2": {"done": "2026-06-15"}}}))
        );
        // A check done by hand stays done while the appointment does not change.
        let mut by_hand = gone.clone();
        by_hand["followups"]["referral-check-20260701"]["done"] = json!("2026-07-02");
        let mut edited = by_hand.clone();
        edited["alias"] = json!("b");
        assert_eq!(save(Some(&by_hand), &mut edited), None);
        // A referral recorded with its outcome already known: no check.
        let mut known = json!({"alias": "k", "consents": p["consents"].clone(),
            "referrals": {"r1": referral("2026-06-20")}});
        known["referrals"]["r1"]["outcome"] = json!("accepted");
        assert_eq!(save(None, &mut known), None);
    }

    #[test]
    fn an_expiry_set_again_after_it_went_away_gets_a_reminder_again() {
        let today = Some(d("2026-06-15"));
        let mut p =
            json!({"alias": "a", "permit": {"status": "employment", "expiry": "2027-03-01"}});
        let first = renewal_patch(None, &p, today).unwrap();
        crate::patch::apply_merge_patch(&mut p, &first);
        for again in ["permit-renewal-20270301-2", "permit-renewal-20270301-3"] {
            // Gone (by mistake): the open renewal is closed.
            let mut gone = p.clone();
            crate::patch::apply_merge_patch(&mut gone, &json!({"permit": {"expiry": null}}));
            let closed = renewal_patch(Some(&p), &gone, today).unwrap();
            crate::patch::apply_merge_patch(&mut gone, &closed);
            // Set again to the same day: a new open renewal beside the closed ones.
            let mut back = gone.clone();
            back["permit"]["expiry"] = json!("2027-03-01");
            let patch = renewal_patch(Some(&gone), &back, today).unwrap();
            assert_eq!(
                patch,
                json!({"followups": {again: {"due": "2026-12-31", "kind": "permit_renewal"}}})
            );
            crate::patch::apply_merge_patch(&mut back, &patch);
            assert!(validate(Kind::Person, &back).is_ok());
            assert!(crate::validate::history(&gone, &back).is_ok());
            p = back;
        }
        // A new record that arrives with its renewal done keeps it as it is.
        let mut done = p.clone();
        done["followups"] = json!({"permit-renewal-20270301": {"due": "2026-12-31", "done": "2026-12-01", "kind": "permit_renewal"}});
        assert_eq!(renewal_patch(None, &done, today), None);
    }

    #[test]
    fn a_permit_expiry_that_goes_away_closes_its_open_renewal() {
        let p = json!({"alias": "a", "permit": {"status": "employment", "expiry": "2027-03-01"}});
        let mut with = p.clone();
        crate::patch::apply_merge_patch(&mut with, &renewal_patch(None, &p, None).unwrap());
        let today = Some(d("2026-06-15"));
        let closed = json!({"followups": {"permit-renewal-20270301": {"done": "2026-06-15"}}});
        // The expiry set to null, or a status without expiry: the open renewal is done.
        let mut no_expiry = with.clone();
        crate::patch::apply_merge_patch(&mut no_expiry, &json!({"permit": {"expiry": null}}));
        assert_eq!(
            renewal_patch(Some(&with), &no_expiry, today).unwrap(),
            closed
        );
        for status in PERMIT_STATUSES_WITHOUT_EXPIRY {
            let mut changed = with.clone();
            changed["permit"]["status"] = json!(status);
            assert_eq!(renewal_patch(Some(&with), &changed, today).unwrap(), closed);
            let mut after = changed.clone();
            crate::patch::apply_merge_patch(&mut after, &closed);
            assert!(validate(Kind::Person, &after).is_ok());
            assert!(crate::validate::history(&changed, &after).is_ok());
            assert_eq!(renewal_patch(Some(&changed), &after, today), None);
            // A new permit with another expiry: its own renewal.
            let mut back = after.clone();
            back["permit"] = json!({"status": "employment", "expiry": "2028-01-31"});
            assert!(
                renewal_patch(Some(&after), &back, today).unwrap()["followups"]
                    ["permit-renewal-20280131"]
                    .is_object()
            );
        }
        // One done stays as it was; an open one of another kind is not touched; an
        // unknown day closes nothing.
        let mut done = with.clone();
        done["followups"]["permit-renewal-20270301"]["done"] = json!("2026-12-30");
        done["followups"]["f1"] = json!({"due": "2027-01-01"});
        let mut cleared = done.clone();
        cleared["permit"]["expiry"] = Value::Null;
        assert_eq!(renewal_patch(Some(&done), &cleared, today), None);
        assert_eq!(renewal_patch(Some(&with), &no_expiry, None), None);
        // Never an expiry: nothing.
        assert_eq!(
            renewal_patch(Some(&json!({"alias": "a"})), &json!({"alias": "a"}), today),
            None
        );
    }

    #[test]
    fn the_timeline_is_in_date_order_and_history_validates() {
        let p = json!({
            "alias": "a",
            "consents": {"c1": {"purpose": "referral", "destination": "trade_union",
                "given": true, "language": "pa", "date": "2026-01-01"}},
            "case_events": {
                "e2": {"date": "2026-02-01", "kind": "closed", "reason": "moved_away", "by": "Anna"},
                "e1": {"date": "2026-01-05", "kind": "taken_in_charge", "by": "Anna"}
            },
            "case_goals": {"g1": {"text": "permit", "state": "done", "set": "2026-01-05", "done": "2026-01-20"}},
            "referrals": {"r1": {"destination": "trade_union", "date": "2026-01-10", "outcome": "accepted",
                "outcomes": {"o1": {"date": "2026-01-12", "outcome": "accepted", "note": "ok"}}}},
            "followups": {"f1": {"due": "2026-01-15", "done": "2026-01-16"}},
            "status": {"code": "closed", "reason": "moved_away"}
        });
        let mut withdrawn = p.clone();
        withdrawn["consents"]["c1"]["withdrawn"] = json!("2026-01-30");
        withdrawn["consents"]["c1"]["withdrawn_by"] = json!("Bo");
        assert!(validate(Kind::Person, &withdrawn).is_ok());
        let last = timeline(&withdrawn)[4].clone();
        assert_eq!(
            last,
            json!({"date": "2026-01-30", "what": "consent_withdrawn", "entry": "c1",
                   "consent": "c1", "purpose": "referral", "destination": "trade_union",
                   "by": "Bo"})
        );
        assert!(
            validate(Kind::Person, &p).is_ok(),
            "{:?}",
            validate(Kind::Person, &p)
        );
        let t = timeline(&p);
        let dates: Vec<&str> = t.iter().map(|v| v["date"].as_str().unwrap()).collect();
        assert_eq!(
            dates,
            [
                "2026-01-05",
                "2026-01-10",
                "2026-01-12",
                "2026-01-16",
                "2026-02-01"
            ]
        );
        assert_eq!(t[0]["by"], "Anna");
        assert_eq!(
            t[1],
            json!({"date": "2026-01-10", "what": "referral_made", "entry": "r1",
                   "referral": "r1", "destination": "trade_union"})
        );
        assert_eq!(t[2]["referral"], "r1");
        assert_eq!(t[4]["reason"], "moved_away");
        assert!(is_closed(&p));
    }

    #[test]
    fn steps_of_one_day_keep_the_order_they_were_taken_in() {
        // A referral step (o...) made between two case events (ev...) of the same day:
        // the time in the ids orders them, not the letters of their prefixes.
        let day = "2026-03-02";
        let p = json!({
            "alias": "a",
            "first_contact": {"date": day, "by": "Anna", "recontact": true},
            "case_events": {
                "ev1770000000300aaaa": {"date": day, "kind": "closed", "reason": "moved_away"},
                "ev1770000000100bbbb": {"date": day, "kind": "taken_in_charge"}
            },
            "referrals": {"r1": {"destination": "trade_union", "date": day,
                "outcomes": {"o1770000000200cccc": {"date": day, "outcome": "accepted"}}}}
        });
        let t = timeline(&p);
        let order: Vec<&str> = t.iter().map(|v| v["entry"].as_str().unwrap()).collect();
        assert_eq!(
            order,
            [
                "first_contact",
                "r1",
                "ev1770000000100bbbb",
                "o1770000000200cccc",
                "ev1770000000300aaaa"
            ]
        );
    }

    #[test]
    fn a_step_on_an_older_entry_sorts_by_when_it_was_written() {
        // On one day: a consent given (c...100), a follow-up added (f...150), the case
        // taken in charge (ev...200), a referral made (r...300) with its step
        // (o...400), the follow-up done (done_at ...500), the consent withdrawn
        // (withdrawn_at ...600), the case closed (ev...700). The entry ids of the
        // follow-up and the consent are older than every other step: the times of
        // the steps on them order them, not their ids.
        let day = "2026-03-02";
        let p = json!({
            "alias": "a",
            "consents": {"c1770000000100aaaa": {"purpose": "referral",
                "destination": "trade_union", "given": true, "language": "pa", "date": day,
                "withdrawn": day, "withdrawn_by": "Bo", "withdrawn_at": 1_770_000_000_600_u64}},
            "followups": {"f1770000000150aaaa": {"due": day, "done": day, "done_by": "Bo",
                "done_at": 1_770_000_000_500_u64}},
            "case_events": {
                "ev1770000000200aaaa": {"date": day, "kind": "taken_in_charge", "operator": "Bo"},
                "ev1770000000700aaaa": {"date": day, "kind": "closed", "reason": "moved_away"}
            },
            "referrals": {"r1770000000300aaaa": {"destination": "trade_union", "date": day,
                "by": "Bo", "outcome": "accepted",
                "outcomes": {"o1770000000400aaaa": {"date": day, "outcome": "accepted"}}}},
            "status": {"code": "closed", "reason": "moved_away"}
        });
        assert!(
            validate(Kind::Person, &p).is_ok(),
            "{:?}",
            validate(Kind::Person, &p)
        );
        let t = timeline(&p);
        let order: Vec<&str> = t.iter().map(|v| v["what"].as_str().unwrap()).collect();
        assert_eq!(
            order,
            [
                "case",
                "referral_made",
                "referral",
                "followup_done",
                "consent_withdrawn",
                "case"
            ]
        );
        assert_eq!(t[1]["by"], "Bo");
        assert_eq!(t[5]["kind"], "closed");
        // An older record, without the times: the entry ids order them, as before.
        let mut old = p.clone();
        old["consents"]["c1770000000100aaaa"]["withdrawn_at"] = Value::Null;
        old["followups"]["f1770000000150aaaa"]["done_at"] = Value::Null;
        let t = timeline(&old);
        let order: Vec<&str> = t.iter().map(|v| v["what"].as_str().unwrap()).collect();
        assert_eq!(
            order,
            [
                "consent_withdrawn",
                "followup_done",
                "case",
                "referral_made",
                "referral",
                "case"
            ]
        );
        // A time that is not one is not used.
        for bad in [
            json!(-1),
            json!(1.5),
            json!("1770000000600"),
            json!(10_000_000_000_000_u64),
        ] {
            let mut q = p.clone();
            q["consents"]["c1770000000100aaaa"]["withdrawn_at"] = bad.clone();
            assert!(validate(Kind::Person, &q).is_err(), "{bad}");
            assert_eq!(timeline(&q)[0]["what"], "consent_withdrawn", "{bad}");
        }
    }

    #[test]
    fn bad_history_gives_codes_and_paths_only() {
        let p = json!({
            "alias": "a",
            "case_events": {
                "e1": {"date": "2026-01-05", "kind": "closed"},
                "e2": {"date": "2026-01-05", "kind": "reopened", "reason": "moved_away"},
                "e3": {"date": "2026-01-05", "kind": "SECRET-KIND", "goal": "no good id"}
            },
            "case_goals": {"g1": {"state": "open", "set": "2026-02-01", "done": "2026-01-01"}},
            "referrals": {"r1": {"destination": "trade_union", "date": "2026-01-10",
                "outcomes": {"o1": {"outcome": "SECRET-OUTCOME"}}}}
        });
        let errors = validate(Kind::Person, &p).unwrap_err();
        let got: Vec<String> = errors
            .iter()
            .map(|e| format!("{} {}", e.path, e.code))
            .collect();
        for want in [
            "case_events.e1.reason required",
            "case_events.e2.reason not-allowed",
            "case_events.e3.kind invalid-code",
            "case_events.e3.goal invalid-id",
            "case_goals.g1.text required",
            "case_goals.g1.done out-of-range",
            "referrals.r1.outcomes.o1.date required",
            "referrals.r1.outcomes.o1.outcome invalid-code",
        ] {
            assert!(got.iter().any(|g| g == want), "{want} not in {got:?}");
        }
        assert!(!format!("{errors:?}").contains("SECRET"));
    }
}
