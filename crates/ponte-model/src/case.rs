//! A case's steps, as rules over a person's JSON: which referral outcome may follow
//! which, whether the case is closed, the renewal follow-up a permit's expiry gives, and
//! the person's timeline (case events, referral outcome steps, follow-ups, consents
//! withdrawn) in date order. That these entries are only ever added is
//! [`crate::validate::history`]'s rule.
//!
//! The device services (`ponte_device::case`) apply these rules; the store applies
//! [`renewal_patch`] to every save, so the app and the CLI both get it.

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
/// (two devices that add it offline write the same entry). When the expiry goes away
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
        if all
            .iter()
            .any(|(_, f)| str_at(f, "due") == Some(due.as_str()))
        {
            return None;
        }
        let id = format!("permit-renewal-{}", expiry.to_string().replace('-', ""));
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
