//! The case moves on: taking a case in charge (the operator responsible), the plan's
//! goals, closing with a reason and reopening, a referral's outcome steps, and
//! follow-ups done or moved. Each is one edit of the person (one transaction) that
//! appends its step to the person's history with who and when: `case_events` for the
//! case, the referral's `outcomes` for a referral, `done`/`done_by`/`done_note` for a
//! follow-up (and `done_at`, when it was written: the time orders the steps of one
//! day); `ponte_model::case::timeline` lists them, oldest first, with the referrals
//! made (who: the referral's `by`).
//!
//! Who: the name given (`by`), or this device's name in its team; outside a team a
//! name must be given. When: the date given, or today; never after today, and never
//! before the step it follows (a close before the last take or reopening, a reopening
//! before the close, a goal ended before it was set). The rules (which outcome may
//! follow which) are `ponte_model::case`'s; here: the order of the checks, and which
//! step is refused. A refused step writes nothing; no error carries a value of the
//! record.

use ponte_ipc::case::TimelineLine;
use ponte_model::validate::{NAME_MAX, TEXT_MAX};
use ponte_model::{Date, Kind, case, record, vocab};
use ponte_store::{RecordId, Store, StoreError, time};
use serde_json::{Value, json};

use crate::records::parse_id;
use crate::{Failure, Result};

/// No person with that id.
pub const UNKNOWN_PERSON: &str = "case-unknown-person";
/// A date that is not `YYYY-MM-DD`.
pub const BAD_DATE: &str = "case-bad-date";
/// A step dated before the one it follows (the referral, its last outcome, the goal,
/// the case's last take, close or reopening).
pub const DATE_BEFORE: &str = "case-date-before";
/// A step that records something done dated after today ([`check_past_date`]).
pub const DATE_FUTURE: &str = "case-date-future";
/// Who did it is not known: no name given and the device is in no team.
pub const NO_OPERATOR: &str = "case-no-operator";
/// A name (operator responsible, who) empty or longer than 80 characters.
pub const BAD_OPERATOR: &str = "case-bad-operator";
/// A closing reason not in the vocabulary.
pub const BAD_REASON: &str = "case-bad-reason";
/// The case is already closed (close), or closed (take, goals: reopen it first).
pub const CLOSED: &str = "case-closed";
/// The case is not closed (reopen).
pub const NOT_CLOSED: &str = "case-not-closed";
/// A goal's text empty or too long.
pub const BAD_GOAL: &str = "case-bad-goal";
/// The person has no goal with that id.
pub const UNKNOWN_GOAL: &str = "case-unknown-goal";
/// The goal is not open (already done or dropped).
pub const GOAL_NOT_OPEN: &str = "case-goal-not-open";
/// The person has no referral with that id.
pub const UNKNOWN_REFERRAL: &str = "referral-unknown";
/// An outcome not in the vocabulary.
pub const BAD_OUTCOME: &str = "referral-bad-outcome";
/// An outcome that cannot follow the current one.
pub const BAD_STEP: &str = "referral-bad-step";
/// The person has no follow-up with that id.
pub const UNKNOWN_FOLLOWUP: &str = "followup-unknown";
/// The follow-up is already done.
pub const FOLLOWUP_DONE: &str = "followup-already-done";

/// Every code of this module (the locale tests check each has a message).
pub const CODES: &[&str] = &[
    UNKNOWN_PERSON,
    BAD_DATE,
    DATE_BEFORE,
    DATE_FUTURE,
    NO_OPERATOR,
    BAD_OPERATOR,
    BAD_REASON,
    CLOSED,
    NOT_CLOSED,
    BAD_GOAL,
    UNKNOWN_GOAL,
    GOAL_NOT_OPEN,
    UNKNOWN_REFERRAL,
    BAD_OUTCOME,
    BAD_STEP,
    UNKNOWN_FOLLOWUP,
    FOLLOWUP_DONE,
];

/// Who and when of a step, as given on a command line or a form.
#[derive(Debug, Clone, Default)]
pub struct By<'a> {
    /// Who did it; default this device's name in its team.
    pub by: Option<&'a str>,
    /// The day (`YYYY-MM-DD`); default today.
    pub date: Option<&'a str>,
    /// A note on the step.
    pub note: Option<&'a str>,
}

/// A step recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The entry id of the step (a case event, an outcome step, a goal, a follow-up).
    pub entry: String,
    /// Its date.
    pub date: Date,
    /// Who did it.
    pub by: String,
}

/// A date from its text, or today.
pub fn check_date(date: Option<&str>) -> Result<Date> {
    match date {
        Some(d) => Date::parse(d.trim())
            .filter(|d| d.in_supported_range())
            .ok_or_else(|| Failure::code(BAD_DATE)),
        None => Date::parse(&time::date_of(time::now_ms())).ok_or_else(|| Failure::code(BAD_DATE)),
    }
}

/// The date of a step that records something already done (a case taken, closed or
/// reopened, a goal set or ended, an outcome, a follow-up done, an encounter, a quick
/// contact): as [`check_date`], and not after today ([`DATE_FUTURE`]): the latest day
/// anywhere by the device clock (`ponte_store::time::latest_today`), since the screens
/// send the day of the phone's time zone, which may be ahead of UTC's.
pub fn check_past_date(date: Option<&str>) -> Result<Date> {
    let day = check_date(date)?;
    match Date::parse(&time::latest_today()) {
        Some(today) if day > today => Err(Failure::code(DATE_FUTURE)),
        _ => Ok(day),
    }
}

/// The case's steps that change its status: taken in charge, closed, reopened.
const STATUS_STEPS: &[&str] = &["taken_in_charge", "closed", "reopened"];
/// The steps that close and reopen the case.
const CLOSE_STEPS: &[&str] = &["closed", "reopened"];

/// The day of the case's last event of one of these kinds.
fn last_event(p: &Value, kinds: &[&str]) -> Option<Date> {
    record::entries(p, "case_events")
        .into_iter()
        .filter(|(_, e)| record::str_at(e, "kind").is_some_and(|k| kinds.contains(&k)))
        .filter_map(|(_, e)| record::date_at(e, "date"))
        .max()
}

/// Refuses a step dated before `since`, the step it follows ([`DATE_BEFORE`]).
fn not_before(date: Date, since: Option<Date>) -> Result<()> {
    if since.is_some_and(|s| date < s) {
        Err(Failure::code(DATE_BEFORE))
    } else {
        Ok(())
    }
}

/// A closing reason (checked before a passphrase is asked for).
pub fn check_reason(reason: &str) -> Result<()> {
    if vocab::is_close_reason(reason) {
        Ok(())
    } else {
        Err(Failure::code(BAD_REASON))
    }
}

/// An outcome (checked before a passphrase is asked for).
pub fn check_outcome(outcome: &str) -> Result<()> {
    if vocab::is_referral_outcome(outcome) {
        Ok(())
    } else {
        Err(Failure::code(BAD_OUTCOME))
    }
}

/// A staff name: trimmed, 1 to 80 characters.
pub fn check_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX {
        Err(Failure::code(BAD_OPERATOR))
    } else {
        Ok(name)
    }
}

/// Who, where a name is not required: the name given, or this device's name in its
/// team; outside a team, nobody.
pub(crate) fn who_if_known(store: &Store, by: Option<&str>) -> Result<Option<String>> {
    match by {
        Some(name) => Ok(Some(check_name(name)?.to_owned())),
        None => Ok(crate::team::view(store)
            .map(|t| t.device_name)
            .filter(|n| !n.trim().is_empty())),
    }
}

/// Who: the name given, or this device's name in its team.
fn who(store: &Store, by: Option<&str>) -> Result<String> {
    match by {
        Some(name) => Ok(check_name(name)?.to_owned()),
        None => crate::team::view(store)
            .map(|t| t.device_name)
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| Failure::code(NO_OPERATOR)),
    }
}

/// A new entry id: the time, so that entries of one day sort in the order they were
/// made, then random digits, so that two devices never pick the same one. Every
/// entry the device services add to a record's collections is named this way.
pub(crate) fn new_entry(prefix: &str) -> Result<String> {
    let random = RecordId::generate()?.to_hex();
    let tail = random.get(..8).unwrap_or("0");
    Ok(format!("{prefix}{:013}{tail}", time::now_ms().max(0)))
}

/// Edit the person with the patch `decide` makes from its current fields, in one
/// transaction (`Store::edit_with`): the rule is checked on the record the step is
/// written to. A missing person is [`UNKNOWN_PERSON`].
pub(crate) fn step_edit(
    store: &mut Store,
    person: &str,
    decide: impl FnOnce(&Value) -> Result<Value>,
) -> Result<()> {
    let id = parse_id(person)?;
    let missing = [StoreError::NotFound.code(), StoreError::WrongKind.code()];
    store
        .edit_with(&id, Some(Kind::Person), |p| {
            decide(p).map(|patch| strip_nulls(&patch))
        })
        .map_err(|f: Failure| {
            if missing.contains(&f.as_code()) {
                Failure::code(UNKNOWN_PERSON)
            } else {
                f
            }
        })
}

/// The common start of a step: the date (not after today) and who.
fn start(store: &Store, by: &By<'_>) -> Result<(Date, String)> {
    Ok((check_past_date(by.date)?, who(store, by.by)?))
}

/// A step's note, trimmed; a blank one is no note. Every front end's note goes
/// through here (the app's and `--note` alike).
pub fn note(by: &By<'_>) -> Option<String> {
    by.note
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

/// A case event entry.
fn event(kind: &str, date: Date, name: &str, by: &By<'_>) -> Value {
    json!({"date": date.to_string(), "kind": kind, "by": name, "note": note(by)})
}

/// The patch without `null` leaves (an absent note deletes nothing), except where a
/// deletion is meant (`status.reason`).
fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, v)| !v.is_null() || k.as_str() == "reason")
                .map(|(k, v)| (k.clone(), strip_nulls(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Whether this device's role may move the case in charge (not a mediator's).
fn charge_allowed(store: &mut Store, what: &str, person: &str) -> Result<()> {
    crate::roles::require(
        store,
        crate::roles::Action::CaseCharge,
        &format!("{what} person={}", person.trim()),
    )
}

/// Take the case in charge (*presa in carico*), with `operator` responsible for it: the
/// plan names the operator (and the day, the first time), the status becomes
/// `in_charge` unless the case has moved further, and a `taken_in_charge` event is
/// added. Taking it again names another operator. Refused when the case is closed,
/// and dated before the case's last take, close or reopening ([`DATE_BEFORE`]).
pub fn take(store: &mut Store, person: &str, operator: &str, by: &By<'_>) -> Result<Step> {
    let operator = check_name(operator)?;
    charge_allowed(store, "take", person)?;
    let (date, name) = start(store, by)?;
    let entry = new_entry("ev")?;
    step_edit(store, person, |p| {
        if case::is_closed(p) {
            return Err(Failure::code(CLOSED));
        }
        not_before(date, last_event(p, STATUS_STEPS))?;
        let mut ev = event("taken_in_charge", date, &name, by);
        ev["operator"] = json!(operator);
        let mut plan = json!({"assigned_to": operator});
        if record::str_at(p, "plan.taken_in_charge").is_none() {
            plan["taken_in_charge"] = json!(date.to_string());
        }
        let mut patch = json!({"plan": plan, "case_events": {&entry: ev}});
        if matches!(
            record::str_at(p, "status.code"),
            None | Some("contacted" | "interviewed")
        ) {
            patch["status"] = json!({"code": "in_charge"});
        }
        Ok(patch)
    })?;
    Ok(Step {
        entry,
        date,
        by: name,
    })
}

/// Add a goal to the case plan (open), with a `goal_set` event. `entry` of the answer
/// is the goal's id. Refused when the case is closed, and dated before the case was
/// last closed or reopened ([`DATE_BEFORE`]).
pub fn add_goal(store: &mut Store, person: &str, text: &str, by: &By<'_>) -> Result<Step> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > TEXT_MAX {
        return Err(Failure::code(BAD_GOAL));
    }
    let (date, name) = start(store, by)?;
    let goal = new_entry("g")?;
    let entry = new_entry("ev")?;
    step_edit(store, person, |p| {
        if case::is_closed(p) {
            return Err(Failure::code(CLOSED));
        }
        not_before(date, last_event(p, CLOSE_STEPS))?;
        let mut ev = event("goal_set", date, &name, by);
        ev["goal"] = json!(goal);
        Ok(json!({
            "case_goals": {&goal: {"text": text, "state": "open", "set": date.to_string()}},
            "case_events": {&entry: ev},
        }))
    })?;
    Ok(Step {
        entry: goal,
        date,
        by: name,
    })
}

/// Mark an open goal done, with a `goal_done` event. Refused when the goal is not open,
/// the date is before the goal was set (or the case was last reopened), or the case is
/// closed.
pub fn goal_done(store: &mut Store, person: &str, goal: &str, by: &By<'_>) -> Result<Step> {
    goal_end(store, person, goal, by, "goal_done", "done")
}

/// Drop an open goal (state `dropped`, ended on the date), with a `goal_dropped` event
/// and its note. The same rules as [`goal_done`]: refused when the goal is not open
/// (already done or dropped), the date is before the goal was set, or the case is
/// closed; every role that may mark a goal done may drop one.
pub fn goal_drop(store: &mut Store, person: &str, goal: &str, by: &By<'_>) -> Result<Step> {
    goal_end(store, person, goal, by, "goal_dropped", "dropped")
}

/// End an open goal: its `state` and end date (`done`), and the case event `kind`.
fn goal_end(
    store: &mut Store,
    person: &str,
    goal: &str,
    by: &By<'_>,
    kind: &str,
    state: &str,
) -> Result<Step> {
    let (date, name) = start(store, by)?;
    let entry = new_entry("ev")?;
    step_edit(store, person, |p| {
        let g = record::entries(p, "case_goals")
            .into_iter()
            .find(|(g, _)| *g == goal)
            .map(|(_, g)| g)
            .ok_or_else(|| Failure::code(UNKNOWN_GOAL))?;
        if case::is_closed(p) {
            return Err(Failure::code(CLOSED));
        }
        if record::str_at(g, "state") != Some("open") {
            return Err(Failure::code(GOAL_NOT_OPEN));
        }
        not_before(
            date,
            record::date_at(g, "set").max(last_event(p, CLOSE_STEPS)),
        )?;
        let mut ev = event(kind, date, &name, by);
        ev["goal"] = json!(goal);
        Ok(json!({
            "case_goals": {goal: {"state": state, "done": date.to_string()}},
            "case_events": {&entry: ev},
        }))
    })?;
    Ok(Step {
        entry,
        date,
        by: name,
    })
}

/// Close the case with a reason (`close_reasons`): status `closed` with the reason, and
/// a `closed` event. Refused when it is already closed, and dated before the case's
/// last take or reopening ([`DATE_BEFORE`]).
pub fn close(store: &mut Store, person: &str, reason: &str, by: &By<'_>) -> Result<Step> {
    check_reason(reason)?;
    charge_allowed(store, "close", person)?;
    let (date, name) = start(store, by)?;
    let entry = new_entry("ev")?;
    step_edit(store, person, |p| {
        if case::is_closed(p) {
            return Err(Failure::code(CLOSED));
        }
        not_before(date, last_event(p, STATUS_STEPS))?;
        let mut ev = event("closed", date, &name, by);
        ev["reason"] = json!(reason);
        Ok(json!({
            "status": {"code": "closed", "reason": reason},
            "case_events": {&entry: ev},
        }))
    })?;
    Ok(Step {
        entry,
        date,
        by: name,
    })
}

/// Reopen a closed case: the status goes back to `in_charge` (or `contacted` if it was
/// never taken in charge), the reason is removed, and a `reopened` event is added.
/// Refused when the case is not closed, and dated before it was closed
/// ([`DATE_BEFORE`]).
pub fn reopen(store: &mut Store, person: &str, by: &By<'_>) -> Result<Step> {
    charge_allowed(store, "reopen", person)?;
    let (date, name) = start(store, by)?;
    let entry = new_entry("ev")?;
    step_edit(store, person, |p| {
        if !case::is_closed(p) {
            return Err(Failure::code(NOT_CLOSED));
        }
        not_before(date, last_event(p, STATUS_STEPS))?;
        let code = if record::str_at(p, "plan.taken_in_charge").is_some() {
            "in_charge"
        } else {
            "contacted"
        };
        Ok(json!({
            "status": {"code": code, "reason": null},
            "case_events": {&entry: event("reopened", date, &name, by)},
        }))
    })?;
    Ok(Step {
        entry,
        date,
        by: name,
    })
}

/// Move referral `referral` to `outcome`: `outcome` becomes the current one and a step
/// is added to the referral's `outcomes` history (earlier steps are kept). Only the
/// steps of `ponte_model::case::outcome_allowed`; the date not before the referral or
/// its last step.
pub fn outcome(
    store: &mut Store,
    person: &str,
    referral: &str,
    outcome: &str,
    by: &By<'_>,
) -> Result<Step> {
    check_outcome(outcome)?;
    let (date, name) = start(store, by)?;
    let entry = new_entry("o")?;
    step_edit(store, person, |p| {
        let r = record::entries(p, "referrals")
            .into_iter()
            .find(|(r, _)| *r == referral)
            .map(|(_, r)| r)
            .ok_or_else(|| Failure::code(UNKNOWN_REFERRAL))?;
        if !case::outcome_allowed(record::str_at(r, "outcome"), outcome) {
            return Err(Failure::code(BAD_STEP));
        }
        let last = record::entries(r, "outcomes")
            .into_iter()
            .filter_map(|(_, o)| record::date_at(o, "date"))
            .max();
        let since = record::date_at(r, "date").max(last);
        if since.is_some_and(|s| date < s) {
            return Err(Failure::code(DATE_BEFORE));
        }
        let step =
            json!({"date": date.to_string(), "outcome": outcome, "by": name, "note": note(by)});
        Ok(json!({"referrals": {referral: {"outcome": outcome, "outcomes": {&entry: step}}}}))
    })?;
    Ok(Step {
        entry,
        date,
        by: name,
    })
}

/// Checks that the person has the open follow-up `followup`.
fn open_followup(p: &Value, followup: &str) -> Result<()> {
    let f = record::entries(p, "followups")
        .into_iter()
        .find(|(f, _)| *f == followup)
        .map(|(_, f)| f)
        .ok_or_else(|| Failure::code(UNKNOWN_FOLLOWUP))?;
    if record::str_at(f, "done").is_some() {
        return Err(Failure::code(FOLLOWUP_DONE));
    }
    Ok(())
}

/// Mark an open follow-up done on the date, by whom, with a note (`done_note`; the
/// follow-up's own `note` is kept), and when it was written (`done_at`, milliseconds
/// since the epoch: the timeline orders the steps of one day by it, the follow-up's
/// entry id being older).
pub fn followup_done(store: &mut Store, person: &str, followup: &str, by: &By<'_>) -> Result<Step> {
    let (date, name) = start(store, by)?;
    step_edit(store, person, |p| {
        open_followup(p, followup)?;
        Ok(json!({"followups": {followup: {
            "done": date.to_string(), "done_by": name, "done_note": note(by),
            "done_at": time::now_ms().max(0)
        }}}))
    })?;
    Ok(Step {
        entry: followup.to_owned(),
        date,
        by: name,
    })
}

/// Move an open follow-up to a new due date.
pub fn followup_move(store: &mut Store, person: &str, followup: &str, due: &str) -> Result<Date> {
    let due = check_date(Some(due))?;
    step_edit(store, person, |p| {
        open_followup(p, followup)?;
        Ok(json!({"followups": {followup: {"due": due.to_string()}}}))
    })?;
    Ok(due)
}

/// Add an open follow-up due on `due` (`YYYY-MM-DD`); answers its entry id. Anyone
/// doing the case work may (every role).
pub fn followup_add(store: &mut Store, person: &str, due: &str) -> Result<String> {
    let due = check_date(Some(due))?;
    let entry = new_entry("f")?;
    step_edit(store, person, |_| {
        Ok(json!({"followups": {&entry: {"due": due.to_string()}}}))
    })?;
    Ok(entry)
}

/// Record an encounter with the person on `date` (today when `None`; not after today)
/// at today's place (`crate::settings::todays_place`, when one is chosen and in use):
/// the interview finished, a meeting. Answers its entry id.
pub fn encounter_add(store: &mut Store, person: &str, date: Option<&str>) -> Result<String> {
    let date = check_past_date(date)?;
    let entry = new_entry("e")?;
    let mut encounter = json!({"date": date.to_string()});
    if let Some(place) = crate::settings::todays_place(store) {
        encounter["place_id"] = json!(place);
    }
    step_edit(store, person, |_| {
        Ok(json!({"encounters": {&entry: encounter}}))
    })?;
    Ok(entry)
}

/// A referral as a form gives it: where to, the service of the directory, the
/// appointment the service gave and a note (blank texts are left out).
#[derive(Debug, Clone, Default)]
pub struct NewReferral<'a> {
    /// The destination (`service_types` code).
    pub destination: &'a str,
    /// The service's record id, if one was picked.
    pub service: Option<&'a str>,
    /// The appointment's day, time, whom to ask for, what to bring.
    pub appointment: [(&'static str, Option<&'a str>); 4],
    /// A note for the service.
    pub note: Option<&'a str>,
    /// Who refers: the name given, or this device's name in its team (outside a team,
    /// nobody is named).
    pub by: Option<&'a str>,
}

impl<'a> NewReferral<'a> {
    /// The appointment's fields, in the order they are stored.
    pub fn appointment(
        date: Option<&'a str>,
        time: Option<&'a str>,
        ask_for: Option<&'a str>,
        bring: Option<&'a str>,
    ) -> [(&'static str, Option<&'a str>); 4] {
        [
            ("date", date),
            ("time", time),
            ("ask_for", ask_for),
            ("bring", bring),
        ]
    }
}

/// Refer the person today (`outcome` `pending`): refused without a consent that
/// covers the destination today (`ponte_model::record::has_referral_consent`, the rule
/// validation applies: [`crate::referral::CONSENT_MISSING`]) and on a closed case
/// ([`CLOSED`]: reopen it first). The status becomes `referred` unless the case has
/// moved further (a case in charge stays in charge). Who refers is stored as the
/// referral's `by` (the timeline's line of the referral made). Answers the referral's
/// entry id.
pub fn referral_add(store: &mut Store, person: &str, r: &NewReferral<'_>) -> Result<String> {
    let today = check_date(None)?;
    let name = who_if_known(store, r.by)?;
    let entry = new_entry("r")?;
    let text = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut referral = json!({"destination": r.destination.trim(), "date": today.to_string(), "outcome": "pending"});
    if let Some(service) = text(r.service) {
        referral["service_id"] = json!(service);
    }
    let appointment: serde_json::Map<String, Value> = r
        .appointment
        .iter()
        .filter_map(|(k, v)| text(*v).map(|v| ((*k).to_owned(), json!(v))))
        .collect();
    if !appointment.is_empty() {
        referral["appointment"] = Value::Object(appointment);
    }
    if let Some(note) = text(r.note) {
        referral["note"] = json!(note);
    }
    if let Some(name) = name {
        referral["by"] = json!(name);
    }
    step_edit(store, person, |p| {
        if !record::has_referral_consent(p, r.destination.trim(), today) {
            return Err(Failure::code(crate::referral::CONSENT_MISSING));
        }
        if case::is_closed(p) {
            return Err(Failure::code(CLOSED));
        }
        let mut patch = json!({"referrals": {&entry: referral}});
        if matches!(
            record::str_at(p, "status.code"),
            None | Some("contacted" | "interviewed" | "follow_up")
        ) {
            patch["status"] = json!({"code": "referred"});
        }
        Ok(patch)
    })?;
    Ok(entry)
}

/// A person's timeline as the screens show it, oldest first
/// (`ponte_model::case::timeline`): every line is kept, and a field of a line that is
/// not text (an older record's) is shown as its JSON rather than dropped.
pub fn timeline(store: &mut Store, person: &str) -> Result<Vec<TimelineLine>> {
    let fields = crate::records::fields(store, person, Some(Kind::Person))?;
    Ok(case::timeline(&fields).iter().map(timeline_line).collect())
}

fn timeline_line(line: &Value) -> TimelineLine {
    let field = |key: &str| {
        line.get(key).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    TimelineLine {
        date: field("date").unwrap_or_default(),
        what: field("what").unwrap_or_default(),
        entry: field("entry").unwrap_or_default(),
        kind: field("kind"),
        by: field("by"),
        operator: field("operator"),
        reason: field("reason"),
        goal: field("goal"),
        referral: field("referral"),
        outcome: field("outcome"),
        due: field("due"),
        consent: field("consent"),
        purpose: field("purpose"),
        destination: field("destination"),
        note: field("note"),
    }
}

/// One open follow-up in the list of what is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The person's record id.
    pub person: String,
    /// The person's alias (list title).
    pub title: String,
    /// The earliest open follow-up's due date.
    pub due: Date,
    /// Whether it is past (`due` before today).
    pub overdue: bool,
    /// What that follow-up is, when a rule made it (`followup_kinds` code, e.g.
    /// `permit_renewal`); `None` for a follow-up added by hand.
    pub kind: Option<String>,
}

/// The people with an open follow-up, the earliest due first (so the overdue ones come
/// first), from the summaries only: no record is decrypted.
pub fn due(store: &mut Store, today: Date) -> Result<Vec<Due>> {
    let query = ponte_model::Query {
        kind: Some(Kind::Person),
        ..ponte_model::Query::default()
    };
    let mut out: Vec<Due> = store
        .list(&query)?
        .into_iter()
        .filter_map(|l| {
            let due = Date::parse(l.summary.next_followup.as_deref()?)?;
            Some(Due {
                person: l.id.to_hex(),
                title: l.summary.title,
                due,
                overdue: due < today,
                kind: l.summary.next_followup_kind,
            })
        })
        .collect();
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.person.cmp(&b.person)));
    Ok(out)
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

    fn at<'a>(date: &'a str) -> By<'a> {
        By {
            by: Some("Anna"),
            date: Some(date),
            note: None,
        }
    }

    #[test]
    fn a_case_is_taken_closed_and_reopened_once_each_way() {
        let (_dir, mut s) = store();
        let id = s
            .create(Kind::Person, &json!({"alias": "x"}))
            .unwrap()
            .to_hex();
        // Outside a team, who must be said.
        assert_eq!(
            take(&mut s, &id, "Anna", &By::default())
                .unwrap_err()
                .as_code(),
            NO_OPERATOR
        );
        take(&mut s, &id, "Anna", &at("2026-01-02")).unwrap();
        let g = add_goal(&mut s, &id, "permit", &at("2026-01-02")).unwrap();
        assert_eq!(
            goal_done(&mut s, &id, &g.entry, &at("2026-01-01"))
                .unwrap_err()
                .as_code(),
            DATE_BEFORE
        );
        goal_done(&mut s, &id, &g.entry, &at("2026-01-03")).unwrap();
        assert_eq!(
            goal_done(&mut s, &id, &g.entry, &at("2026-01-03"))
                .unwrap_err()
                .as_code(),
            GOAL_NOT_OPEN
        );
        assert_eq!(
            close(&mut s, &id, "nope", &at("2026-01-04"))
                .unwrap_err()
                .as_code(),
            BAD_REASON
        );
        assert_eq!(
            reopen(&mut s, &id, &at("2026-01-04"))
                .unwrap_err()
                .as_code(),
            NOT_CLOSED
        );
        close(&mut s, &id, "moved_away", &at("2026-01-04")).unwrap();
        assert_eq!(
            close(&mut s, &id, "other", &at("2026-01-05"))
                .unwrap_err()
                .as_code(),
            CLOSED
        );
        assert_eq!(
            take(&mut s, &id, "Bo", &at("2026-01-05"))
                .unwrap_err()
                .as_code(),
            CLOSED
        );
        reopen(&mut s, &id, &at("2026-01-06")).unwrap();
        let p = s.get(&parse_id(&id).unwrap(), None).unwrap().json;
        assert_eq!(p["status"], json!({"code": "in_charge"}));
        let kinds: Vec<String> = case::timeline(&p)
            .iter()
            .map(|t| t["kind"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            kinds,
            [
                "taken_in_charge",
                "goal_set",
                "goal_done",
                "closed",
                "reopened"
            ]
        );
    }

    #[test]
    fn an_open_goal_is_dropped_once_with_its_note_and_an_ended_one_is_not() {
        let (_dir, mut s) = store();
        let id = s
            .create(Kind::Person, &json!({"alias": "x"}))
            .unwrap()
            .to_hex();
        let a = add_goal(&mut s, &id, "a lawyer", &at("2026-01-02")).unwrap();
        let b = add_goal(&mut s, &id, "a house", &at("2026-01-02")).unwrap();
        assert_eq!(
            goal_drop(&mut s, &id, "g9", &at("2026-01-03"))
                .unwrap_err()
                .as_code(),
            UNKNOWN_GOAL
        );
        assert_eq!(
            goal_drop(&mut s, &id, &a.entry, &at("2026-01-01"))
                .unwrap_err()
                .as_code(),
            DATE_BEFORE
        );
        let by = By {
            note: Some(" not needed "),
            ..at("2026-01-04")
        };
        let step = goal_drop(&mut s, &id, &a.entry, &by).unwrap();
        goal_done(&mut s, &id, &b.entry, &at("2026-01-05")).unwrap();
        let before = s.get(&parse_id(&id).unwrap(), None).unwrap().json;
        for g in [&a.entry, &b.entry] {
            assert_eq!(
                goal_drop(&mut s, &id, g, &at("2026-01-06"))
                    .unwrap_err()
                    .as_code(),
                GOAL_NOT_OPEN
            );
        }
        assert_eq!(
            goal_done(&mut s, &id, &a.entry, &at("2026-01-06"))
                .unwrap_err()
                .as_code(),
            GOAL_NOT_OPEN
        );
        let p = s.get(&parse_id(&id).unwrap(), None).unwrap().json;
        assert_eq!(p, before);
        assert_eq!(
            p["case_goals"][&a.entry],
            json!({"text": "a lawyer", "state": "dropped", "set": "2026-01-02", "done": "2026-01-04"})
        );
        assert_eq!(
            p["case_events"][&step.entry],
            json!({"date": "2026-01-04", "kind": "goal_dropped", "by": "Anna",
                   "note": "not needed", "goal": a.entry})
        );
    }

    #[test]
    fn a_referral_moves_only_by_allowed_steps() {
        let (_dir, mut s) = store();
        let p = json!({"alias": "x",
            "consents": {"c1": {"purpose": "referral", "destination": "health", "given": true,
                "language": "en", "date": "2026-01-01"}},
            "referrals": {"r1": {"destination": "health", "date": "2026-01-02"}}});
        let id = s.create(Kind::Person, &p).unwrap().to_hex();
        let o = |s: &mut Store, to: &str, d: &str| outcome(s, &id, "r1", to, &at(d));
        assert_eq!(
            o(&mut s, "pending", "2026-01-01").unwrap_err().as_code(),
            DATE_BEFORE
        );
        assert_eq!(
            o(&mut s, "completed", "2026-01-02").unwrap_err().as_code(),
            BAD_STEP
        );
        assert_eq!(
            o(&mut s, "bogus", "2026-01-02").unwrap_err().as_code(),
            BAD_OUTCOME
        );
        assert_eq!(
            outcome(&mut s, &id, "r9", "pending", &at("2026-01-02"))
                .unwrap_err()
                .as_code(),
            UNKNOWN_REFERRAL
        );
        o(&mut s, "pending", "2026-01-02").unwrap();
        o(&mut s, "accepted", "2026-01-05").unwrap();
        o(&mut s, "completed", "2026-01-09").unwrap();
        assert_eq!(
            o(&mut s, "accepted", "2026-01-10").unwrap_err().as_code(),
            BAD_STEP
        );
        let p = s.get(&parse_id(&id).unwrap(), None).unwrap().json;
        assert_eq!(p["referrals"]["r1"]["outcome"], "completed");
        assert_eq!(record::entries(&p["referrals"]["r1"], "outcomes").len(), 3);
    }

    #[test]
    fn entries_added_are_named_by_the_core_and_follow_the_form() {
        let (_dir, mut s) = store();
        let id = s
            .create(
                Kind::Person,
                &json!({"alias": "x", "status": {"code": "interviewed"}}),
            )
            .unwrap()
            .to_hex();
        let get = |s: &mut Store| s.get(&parse_id(&id).unwrap(), None).unwrap().json;

        // A follow-up, and an encounter at today's listening point (a typed code).
        let f = followup_add(&mut s, &id, "2026-12-24").unwrap();
        assert!(f.starts_with('f') && f.len() > 20, "{f}");
        assert_eq!(
            followup_add(&mut s, &id, "24/12").unwrap_err().as_code(),
            BAD_DATE
        );
        let place = s
            .create(
                Kind::Place,
                &json!({"name": "Borgo Hermada", "type": "pickup_point"}),
            )
            .unwrap()
            .to_hex();
        crate::settings::set_listening_point(&mut s, "Borgo Hermada").unwrap();
        let e = encounter_add(&mut s, &id, Some("2026-12-01")).unwrap();
        let p = get(&mut s);
        assert_eq!(p["followups"][&f], json!({"due": "2026-12-24"}));
        assert_eq!(
            p["encounters"][&e],
            json!({"date": "2026-12-01", "place_id": place})
        );

        // No referral without a consent to that destination; then one, sharing what
        // was ticked (in the vocabulary's order, the name and languages always).
        let refer = NewReferral {
            destination: "legal_aid",
            appointment: NewReferral::appointment(Some(" 2027-01-10 "), Some(""), None, None),
            note: Some("  "),
            ..NewReferral::default()
        };
        assert_eq!(
            referral_add(&mut s, &id, &refer).unwrap_err().as_code(),
            crate::referral::CONSENT_MISSING
        );
        // A field no referral may share is refused, named, and nothing is written.
        let before = get(&mut s);
        let bad = vec!["sex".to_owned(), "alias".to_owned(), "nonsense".to_owned()];
        let refused = crate::referral::consent_add(
            &mut s,
            &id,
            &crate::referral::NewConsent {
                purpose: "referral",
                destination: Some("legal_aid"),
                language: "pa",
                share: &bad,
            },
        )
        .unwrap_err();
        assert_eq!(refused.as_code(), crate::referral::BAD_SHARE);
        assert_eq!(
            refused.as_ipc().args,
            [
                ("item".to_owned(), "3".to_owned()),
                ("share".to_owned(), "nonsense".to_owned())
            ]
        );
        assert_eq!(get(&mut s), before);
        let share = vec!["sex".to_owned(), "alias".to_owned()];
        let c = crate::referral::consent_add(
            &mut s,
            &id,
            &crate::referral::NewConsent {
                purpose: "referral",
                destination: Some("legal_aid"),
                language: "pa",
                share: &share,
            },
        )
        .unwrap();
        let r = referral_add(&mut s, &id, &refer).unwrap();
        let p = get(&mut s);
        assert_eq!(
            p["consents"][&c]["share"],
            json!(["alias", "languages", "sex"])
        );
        assert_eq!(p["consents"][&c]["text_version"], "consent-referral-v1");
        let made = &p["referrals"][&r];
        assert_eq!(made["outcome"], "pending");
        assert_eq!(made["appointment"], json!({"date": "2027-01-10"}));
        assert!(made.get("note").is_none() && made.get("service_id").is_none());
        // Outside a team and no name given: nobody is named.
        assert!(made.get("by").is_none());
        assert_eq!(p["status"]["code"], "referred");
        let named = NewReferral {
            by: Some(" Anna "),
            ..refer.clone()
        };
        let r2 = referral_add(&mut s, &id, &named).unwrap();
        let p = get(&mut s);
        assert_eq!(p["referrals"][&r2]["by"], "Anna");
        let line = case::timeline(&p)
            .into_iter()
            .find(|l| l["entry"] == r2.as_str())
            .unwrap();
        assert_eq!(
            line,
            json!({"date": p["referrals"][&r2]["date"], "what": "referral_made",
                   "entry": r2, "referral": r2, "destination": "legal_aid", "by": "Anna"})
        );

        // A case in charge stays in charge; a closed case is refused.
        step_edit(&mut s, &id, |_| {
            Ok(json!({"status": {"code": "in_charge"}}))
        })
        .unwrap();
        referral_add(&mut s, &id, &refer).unwrap();
        assert_eq!(get(&mut s)["status"]["code"], "in_charge");
        close(&mut s, &id, "goal_reached", &at("2026-12-03")).unwrap();
        assert_eq!(
            referral_add(&mut s, &id, &refer).unwrap_err().as_code(),
            CLOSED
        );

        // A follow-up done and a consent withdrawn keep when they were written.
        let f = followup_add(&mut s, &id, "2026-12-10").unwrap();
        let before = time::now_ms();
        followup_done(&mut s, &id, &f, &at("2026-12-02")).unwrap();
        let done_at = get(&mut s)["followups"][&f]["done_at"].as_i64().unwrap();
        assert!(done_at >= before && done_at <= time::now_ms());
        crate::referral::withdraw_consent_by(&mut s, &id, &c, None, Some("Bo")).unwrap();
        let p = get(&mut s);
        let withdrawn_at = p["consents"][&c]["withdrawn_at"].as_i64().unwrap();
        assert!(withdrawn_at >= done_at && withdrawn_at <= time::now_ms());
        assert!(ponte_model::validate::validate(Kind::Person, &p).is_ok());
        // Shown back unchanged, the record is accepted.
        assert_eq!(ponte_model::validate::history(&p, &p), Ok(()));
    }

    /// The day `days` from now, as the device's clock gives it.
    fn days_from_now(days: i64) -> String {
        time::date_of(time::now_ms() + days * 86_400_000)
    }

    #[test]
    fn a_step_is_not_dated_before_the_step_it_follows_nor_after_today() {
        let (_dir, mut s) = store();
        let p = json!({"alias": "x",
            "followups": {"f1": {"due": "2099-01-01"}},
            "consents": {"c1": {"purpose": "referral", "destination": "health", "given": true,
                "language": "en", "date": "2026-01-01"}},
            "referrals": {"r1": {"destination": "health", "date": "2026-01-02"}}});
        let id = s.create(Kind::Person, &p).unwrap().to_hex();
        let get = |s: &mut Store| s.get(&parse_id(&id).unwrap(), None).unwrap().json;
        let code = |r: Result<Step>| r.unwrap_err().as_code().to_owned();
        let future = days_from_now(2);
        take(&mut s, &id, "Anna", &at("2026-11-04")).unwrap();
        let g = add_goal(&mut s, &id, "a lawyer", &at("2026-11-04")).unwrap();
        let before = get(&mut s);
        for (step, want) in [
            (close(&mut s, &id, "other", &at("2026-01-01")), DATE_BEFORE),
            (take(&mut s, &id, "Bo", &at("2026-11-03")), DATE_BEFORE),
            (close(&mut s, &id, "other", &at("2100-12-31")), DATE_FUTURE),
            (close(&mut s, &id, "other", &at(&future)), DATE_FUTURE),
            (take(&mut s, &id, "Bo", &at(&future)), DATE_FUTURE),
            (add_goal(&mut s, &id, "a house", &at(&future)), DATE_FUTURE),
            (goal_done(&mut s, &id, &g.entry, &at(&future)), DATE_FUTURE),
            (goal_drop(&mut s, &id, &g.entry, &at(&future)), DATE_FUTURE),
            (
                outcome(&mut s, &id, "r1", "accepted", &at(&future)),
                DATE_FUTURE,
            ),
            (followup_done(&mut s, &id, "f1", &at(&future)), DATE_FUTURE),
        ] {
            assert_eq!(code(step), want);
        }
        assert_eq!(
            encounter_add(&mut s, &id, Some(&future))
                .unwrap_err()
                .as_code(),
            DATE_FUTURE
        );
        assert_eq!(get(&mut s), before, "a refused step writes nothing");
        // A due date is no step: it may be ahead.
        followup_add(&mut s, &id, &future).unwrap();
        followup_move(&mut s, &id, "f1", "2099-06-01").unwrap();

        close(&mut s, &id, "other", &at("2026-11-05")).unwrap();
        let before = get(&mut s);
        for (step, want) in [
            (reopen(&mut s, &id, &at("1900-01-01")), DATE_BEFORE),
            (reopen(&mut s, &id, &at("2026-11-04")), DATE_BEFORE),
            (reopen(&mut s, &id, &at(&future)), DATE_FUTURE),
        ] {
            assert_eq!(code(step), want);
        }
        assert_eq!(get(&mut s), before);
        reopen(&mut s, &id, &at("2026-11-06")).unwrap();
        // After a reopening, nothing of the case before it.
        for step in [
            add_goal(&mut s, &id, "a house", &at("2026-11-05")),
            goal_done(&mut s, &id, &g.entry, &at("2026-11-05")),
            take(&mut s, &id, "Bo", &at("2026-11-05")),
            close(&mut s, &id, "other", &at("2026-11-05")),
        ] {
            assert_eq!(code(step), DATE_BEFORE);
        }
        // The same day, and today, are fine.
        goal_done(&mut s, &id, &g.entry, &at("2026-11-06")).unwrap();
        let today = days_from_now(0);
        take(&mut s, &id, "Bo", &at(&today)).unwrap();
        close(&mut s, &id, "moved_away", &at(&today)).unwrap();
        reopen(
            &mut s,
            &id,
            &By {
                by: Some("Anna"),
                ..By::default()
            },
        )
        .unwrap();
        encounter_add(&mut s, &id, None).unwrap();
    }

    #[test]
    fn a_consent_names_only_what_its_purpose_may() {
        let (_dir, mut s) = store();
        let id = s
            .create(Kind::Person, &json!({"alias": "x"}))
            .unwrap()
            .to_hex();
        let before = s.get(&parse_id(&id).unwrap(), None).unwrap().json;
        let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        // (purpose, destination, fields to share, the code refused with, its arguments)
        type Case<'a> = (
            &'a str,
            Option<&'a str>,
            Vec<String>,
            &'a str,
            Vec<(&'a str, &'a str)>,
        );
        let cases: [Case<'_>; 6] = [
            (
                "referral",
                Some("health"),
                owned(&["phone", "needs", "notes"]),
                crate::referral::BAD_SHARE,
                vec![("item", "3"), ("share", "notes")],
            ),
            (
                "referral",
                Some("health"),
                owned(&["plan"]),
                crate::referral::BAD_SHARE,
                vec![("item", "1"), ("share", "plan")],
            ),
            (
                "referral",
                Some("health"),
                owned(&["sex", "Maria Rossi, 12 via Roma"]),
                crate::referral::BAD_SHARE,
                vec![("item", "2"), ("share", "…")],
            ),
            (
                "intake",
                None,
                owned(&["phone"]),
                crate::referral::NOT_REFERRAL,
                vec![("purpose", "intake"), ("value", "phone")],
            ),
            (
                "intake",
                Some("trade_union"),
                Vec::new(),
                crate::referral::NOT_REFERRAL,
                vec![("purpose", "intake"), ("value", "trade_union")],
            ),
            ("bogus", None, Vec::new(), crate::failure::USAGE, Vec::new()),
        ];
        for (purpose, destination, share, want, args) in cases {
            let refused = crate::referral::consent_add(
                &mut s,
                &id,
                &crate::referral::NewConsent {
                    purpose,
                    destination,
                    language: "en",
                    share: &share,
                },
            )
            .unwrap_err();
            assert_eq!(refused.as_code(), want, "{purpose} {share:?}");
            let args: Vec<(String, String)> = args
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            assert_eq!(refused.as_ipc().args, args);
        }
        assert_eq!(s.get(&parse_id(&id).unwrap(), None).unwrap().json, before);
        // What the screens send: an intake consent alone, a referral's ticked fields.
        let share = owned(&["needs", " phone ", ""]);
        for (purpose, destination, share) in [
            ("intake", None, &[][..]),
            ("referral", Some("health"), &share[..]),
        ] {
            crate::referral::consent_add(
                &mut s,
                &id,
                &crate::referral::NewConsent {
                    purpose,
                    destination,
                    language: "en",
                    share,
                },
            )
            .unwrap();
        }
        let p = s.get(&parse_id(&id).unwrap(), None).unwrap().json;
        let shared: Vec<&Value> = record::entries(&p, "consents")
            .into_iter()
            .filter_map(|(_, c)| c.get("share"))
            .collect();
        assert_eq!(shared, [&json!(["alias", "languages", "phone", "needs"])]);
    }

    #[test]
    fn a_blank_note_is_no_note_and_a_note_is_trimmed() {
        for (given, kept) in [(Some("  "), None), (Some(" ok "), Some("ok")), (None, None)] {
            let by = By {
                note: given,
                ..By::default()
            };
            assert_eq!(note(&by).as_deref(), kept);
        }
    }
}
