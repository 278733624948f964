//! Outreach counting at the pick-up point: the +1 / -1 tally of an outreach session,
//! its team members picked from the team's signed roster, and the group sessions held
//! during it with the people who asked for an individual follow-up.
//!
//! **The tally.** Each person met gets one tap for their sex: woman, man or "not
//! stated". That tap also counts them in `people_met.total`, so the operator never
//! keeps the total by hand; a -1 on a sex takes them out of the total again (the undo
//! of a wrong tap). Minors are counted *among* the people met: a minor is tapped as a
//! minor and with their sex (the screen may send both taps in one call), and the
//! minors may never be more than the total. Nationalities and materials are counted on
//! their own. No count goes below 0: a -1 on 0 leaves it at 0 (and the total as it is).
//! A total typed as one number before the tally existed stays: the people in it
//! without a sex count are `sex_not_counted`, and sex taps add to it.
//!
//! Every call is one edit of the record in one transaction (`Store::tally_with`), that
//! steps only the counts that changed and is validated like any edit. The counts are
//! Automerge counters: two devices tallying the same session offline add up once
//! synced (3 women tapped on one and 2 on the other are 5, and the totals add up the
//! same way), and no count shows as a conflict. Concurrent -1s can leave a merged
//! count under 0 (it reads 0) or the total under the sex counts: the next tap raises
//! the total to at least the sum of the sex counts again. A count typed as a number
//! becomes a counter at its first tap; if two devices do that to the same count while
//! apart, one device's value is kept and its taps after that add up.
//!
//! **Members** are device ids of the team's roster as signed by the supervisor and
//! kept on this device (read offline): an id not in it is refused. The typed `team`
//! names of older sessions stay as they are; a new session's typed names are resolved
//! against the roster's names into members (`place::resolve`), or refused
//! ([`MEMBER_UNKNOWN`]).
//!
//! **Group sessions** are entries of the outreach's `groups` collection; a person who
//! asked for an individual follow-up is linked by the id of their person record (a
//! quick contact), which must exist on this device ([`link_follow_up`]), or recorded
//! there and then as a quick contact at the session's place ([`follow_up_contact`]).
//! Whether that person agrees to be contacted again is what they answered when asked;
//! not asked, nothing is recorded (never a yes).

use std::collections::BTreeMap;

/// The tally's types, as they cross IPC (the CLI uses them too).
pub use ponte_ipc::outreach::{Counter, OutreachCounts, Tap, TeamMember};
use ponte_model::summary::Query;
use ponte_model::validate::{NOTES_MAX, PEOPLE_MAX};
use ponte_model::{Kind, record, vocab};
use ponte_store::{RecordId, Store, StoreError};
use serde_json::{Value, json};

use crate::records::parse_id;
use crate::{Failure, Result, hex};

/// No outreach session with that id.
pub const UNKNOWN_OUTREACH: &str = "outreach-unknown";
/// A tap that is not `+N` / `-N`, or with no taps at all.
pub const BAD_TAP: &str = "outreach-bad-tap";
/// A nationality that is not an ISO 3166-1 alpha-2 country code.
pub const BAD_NATIONALITY: &str = "outreach-bad-nationality";
/// A material not in the vocabulary.
pub const BAD_MATERIAL: &str = "outreach-bad-material";
/// A count above 10 000 people (or 100 000 of a material).
pub const TOO_LARGE: &str = "outreach-count-too-large";
/// More minors than people met.
pub const MINORS_OVER_TOTAL: &str = "outreach-minors-over-total";
/// No signed roster on this device (not in a team, or not yet approved and synced).
pub const NO_ROSTER: &str = "outreach-no-roster";
/// A device id that is not in the team's roster (argument `device`).
pub const NOT_IN_TEAM: &str = "outreach-not-in-team";
/// A group session topic not in the vocabulary.
pub const BAD_TOPIC: &str = "outreach-bad-topic";
/// A group session's women, men or minors above its attendance, or a note too long.
pub const BAD_GROUP: &str = "outreach-bad-group";
/// The outreach session has no group session with that id.
pub const UNKNOWN_GROUP: &str = "outreach-unknown-group";
/// No person with that id on this device.
pub const UNKNOWN_PERSON: &str = "outreach-unknown-person";
/// A team member typed by name who is not in the team's roster (no argument: the name
/// is a person's).
pub const MEMBER_UNKNOWN: &str = "outreach-member-unknown";

/// Every code of this module (the locale tests check each has a message).
pub const CODES: &[&str] = &[
    UNKNOWN_OUTREACH,
    BAD_TAP,
    BAD_NATIONALITY,
    BAD_MATERIAL,
    TOO_LARGE,
    MINORS_OVER_TOTAL,
    NO_ROSTER,
    NOT_IN_TEAM,
    BAD_TOPIC,
    BAD_GROUP,
    UNKNOWN_GROUP,
    UNKNOWN_PERSON,
    MEMBER_UNKNOWN,
];

/// The largest count of one material in one session (`ponte_model`'s limit).
const MATERIAL_MAX: i64 = ponte_model::validate::MATERIAL_MAX;

/// A tap's step from its text: `+1`, `-1`, `1`, `+3`... (surrounding blanks ignored).
pub fn parse_delta(text: &str) -> Result<i64> {
    let t = text.trim();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'+') => (false, t.get(1..).unwrap_or("")),
        Some(b'-') => (true, t.get(1..).unwrap_or("")),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Failure::code(BAD_TAP));
    }
    let n: i64 = digits.parse().map_err(|_| Failure::code(TOO_LARGE))?;
    if n > MATERIAL_MAX {
        return Err(Failure::code(TOO_LARGE));
    }
    Ok(if negative { -n } else { n })
}

/// A `CODE=+N` pair (a nationality or a material tap) from its text.
pub fn parse_pair(text: &str) -> Result<(String, i64)> {
    let (code, delta) = text.split_once('=').ok_or_else(|| Failure::code(BAD_TAP))?;
    Ok((code.trim().to_owned(), parse_delta(delta)?))
}

/// A country code as typed: `ng` is `NG`.
fn country(code: &str) -> Result<String> {
    let code = code.trim().to_ascii_uppercase();
    if vocab::is_country(&code) {
        Ok(code)
    } else {
        Err(Failure::code(BAD_NATIONALITY))
    }
}

/// Checks taps before a passphrase is asked for, and normalizes their codes.
pub fn check_taps(taps: &[Tap]) -> Result<Vec<Tap>> {
    if taps.is_empty() {
        return Err(Failure::code(BAD_TAP));
    }
    taps.iter()
        .map(|t| {
            let limit = match &t.what {
                Counter::Material(_) => MATERIAL_MAX,
                _ => PEOPLE_MAX,
            };
            if t.delta.abs() > limit {
                return Err(Failure::code(TOO_LARGE));
            }
            let what = match &t.what {
                Counter::Nationality(c) => Counter::Nationality(country(c)?),
                Counter::Material(m) if vocab::is_material(m.trim()) => {
                    Counter::Material(m.trim().to_owned())
                }
                Counter::Material(_) => return Err(Failure::code(BAD_MATERIAL)),
                other => other.clone(),
            };
            Ok(Tap {
                what,
                delta: t.delta,
            })
        })
        .collect()
}

/// A count of the record: absent, `null` or not a count is 0.
fn count(v: &Value, path: &str) -> i64 {
    record::int_at(v, path).unwrap_or(0).max(0)
}

fn counts_map(v: &Value, path: &str) -> BTreeMap<String, i64> {
    record::at(v, path)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, n)| n.as_i64().map(|n| (k.clone(), n.max(0))))
        .collect()
}

/// The counts a tally works on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Counts {
    total: i64,
    women: i64,
    men: i64,
    not_stated: i64,
    minors: i64,
    nationalities: BTreeMap<String, i64>,
    materials: BTreeMap<String, i64>,
}

impl Counts {
    fn of(o: &Value) -> Counts {
        Counts {
            total: count(o, "people_met.total"),
            women: count(o, "people_met.women"),
            men: count(o, "people_met.men"),
            not_stated: count(o, "people_met.not_stated"),
            minors: count(o, "people_met.minors"),
            nationalities: counts_map(o, "nationalities"),
            materials: counts_map(o, "materials"),
        }
    }

    fn sexed(&self) -> i64 {
        self.women + self.men + self.not_stated
    }

    /// Applies one tap (see the module's rules).
    fn apply(&mut self, tap: &Tap) -> Result<()> {
        let step = |n: &mut i64, limit: i64| -> Result<i64> {
            let new = n.saturating_add(tap.delta).max(0);
            if new > limit {
                return Err(Failure::code(TOO_LARGE));
            }
            let moved = new - *n;
            *n = new;
            Ok(moved)
        };
        match &tap.what {
            Counter::Women => self.total += step(&mut self.women, PEOPLE_MAX)?,
            Counter::Men => self.total += step(&mut self.men, PEOPLE_MAX)?,
            Counter::NotStated => self.total += step(&mut self.not_stated, PEOPLE_MAX)?,
            Counter::Minors => {
                step(&mut self.minors, PEOPLE_MAX)?;
            }
            Counter::Nationality(c) => {
                step(self.nationalities.entry(c.clone()).or_insert(0), PEOPLE_MAX)?;
            }
            Counter::Material(m) => {
                step(self.materials.entry(m.clone()).or_insert(0), MATERIAL_MAX)?;
            }
        }
        // A merge may have left the total under the sex counts; a tap repairs it.
        self.total = self.total.max(self.sexed()).max(0);
        Ok(())
    }

    /// The steps from `old` to `self` (dotted path, delta): only what changed, and
    /// a total of 0 where the record has none.
    fn steps_from(&self, old: &Counts, o: &Value) -> Vec<(String, i64)> {
        let mut steps = Vec::new();
        for (key, new, was) in [
            ("total", self.total, old.total),
            ("women", self.women, old.women),
            ("men", self.men, old.men),
            ("not_stated", self.not_stated, old.not_stated),
            ("minors", self.minors, old.minors),
        ] {
            let path = format!("people_met.{key}");
            let present = record::int_at(o, &path).is_some();
            if new != was || (key == "total" && !present) {
                steps.push((path, new - was));
            }
        }
        for (group, new, was) in [
            ("nationalities", &self.nationalities, &old.nationalities),
            ("materials", &self.materials, &old.materials),
        ] {
            for (k, n) in new {
                if was.get(k) != Some(n) {
                    let delta = n - was.get(k).copied().unwrap_or(0);
                    steps.push((format!("{group}.{k}"), delta));
                }
            }
        }
        steps
    }

    fn view(&self) -> OutreachCounts {
        let n = |v: i64| u32::try_from(v.max(0)).unwrap_or(u32::MAX);
        let map = |m: &BTreeMap<String, i64>| m.iter().map(|(k, v)| (k.clone(), n(*v))).collect();
        OutreachCounts {
            total: n(self.total),
            women: n(self.women),
            men: n(self.men),
            not_stated: n(self.not_stated),
            sex_not_counted: n(self.total - self.sexed()),
            minors: n(self.minors),
            nationalities: map(&self.nationalities),
            materials: map(&self.materials),
        }
    }
}

/// Edit the outreach session with the patch `decide` makes from its current fields,
/// in one transaction; a missing session is [`UNKNOWN_OUTREACH`].
fn outreach_edit(
    store: &mut Store,
    id: &str,
    decide: impl FnOnce(&Value) -> Result<Value>,
) -> Result<()> {
    let id = parse_id(id)?;
    let missing = [StoreError::NotFound.code(), StoreError::WrongKind.code()];
    store
        .edit_with(&id, Some(Kind::Outreach), decide)
        .map_err(|f: Failure| {
            if missing.contains(&f.as_code()) {
                Failure::code(UNKNOWN_OUTREACH)
            } else {
                f
            }
        })
}

/// Apply `taps` to the outreach session `id`, in one write (steps of its counters);
/// answers the new counts. A refused tap (a count over its limit, more minors than
/// people met) writes nothing.
pub fn tally(store: &mut Store, id: &str, taps: &[Tap]) -> Result<OutreachCounts> {
    let taps = check_taps(taps)?;
    let mut answer = None;
    let rid = parse_id(id)?;
    let missing = [StoreError::NotFound.code(), StoreError::WrongKind.code()];
    let decide = |o: &Value| {
        let old = Counts::of(o);
        let mut new = old.clone();
        for tap in &taps {
            new.apply(tap)?;
        }
        if new.minors > new.total {
            return Err(Failure::code(MINORS_OVER_TOTAL));
        }
        if new.total > PEOPLE_MAX {
            return Err(Failure::code(TOO_LARGE));
        }
        answer = Some(new.view());
        Ok(new.steps_from(&old, o))
    };
    store
        .tally_with(&rid, Some(Kind::Outreach), decide)
        .map_err(|f: Failure| {
            if missing.contains(&f.as_code()) {
                Failure::code(UNKNOWN_OUTREACH)
            } else {
                f
            }
        })?;
    answer.ok_or_else(|| Failure::code(UNKNOWN_OUTREACH))
}

/// The counts of the outreach session `id` as they stand.
pub fn counts(store: &mut Store, id: &str) -> Result<OutreachCounts> {
    let rid = parse_id(id)?;
    match store.get(&rid, Some(Kind::Outreach)) {
        Ok(r) => Ok(Counts::of(&r.json).view()),
        Err(StoreError::NotFound | StoreError::WrongKind) => Err(Failure::code(UNKNOWN_OUTREACH)),
        Err(e) => Err(e.into()),
    }
}

/// The team's members as the signed roster kept on this device names them (read
/// offline; the roster was checked along the chain when it arrived; the recovery kit is
/// not a member).
pub fn roster(store: &Store) -> Result<Vec<TeamMember>> {
    let no_roster = || Failure::code(NO_ROSTER);
    let state = ponte_sync::team::state(store)?.ok_or_else(no_roster)?;
    let signed = ponte_sync::team::local_roster(store)?.ok_or_else(no_roster)?;
    let body = ponte_sync::roster::kept(&signed, &state.team_id()?)?;
    let me = store.device_id();
    Ok(ponte_sync::roster::members(&body, &store.team_keys())
        .into_iter()
        .filter(|m| m.role != ponte_sync::Role::Recovery)
        .map(|m| TeamMember {
            device: hex(&m.device_id),
            name: m.name,
            this_device: m.device_id == me,
        })
        .collect())
}

/// Set the team members of the outreach session `id` to `devices` (device ids of the
/// roster, each once, in the order given); answers them with their names. An id not
/// in the roster is [`NOT_IN_TEAM`], and nothing is written.
pub fn set_members(store: &mut Store, id: &str, devices: &[String]) -> Result<Vec<TeamMember>> {
    parse_id(id)?;
    let roster = roster(store)?;
    let mut picked: Vec<TeamMember> = Vec::new();
    for device in devices {
        let device = device.trim().to_ascii_lowercase();
        let member = roster
            .iter()
            .find(|m| m.device == device)
            .ok_or_else(|| Failure::with_args(NOT_IN_TEAM, &[("device", short(&device))]))?;
        if !picked.iter().any(|m| m.device == member.device) {
            picked.push(member.clone());
        }
    }
    let ids: Vec<&str> = picked.iter().map(|m| m.device.as_str()).collect();
    outreach_edit(store, id, |_| Ok(json!({ "members": ids })))?;
    Ok(picked)
}

/// A device id as an error names it: its first 8 characters if it has the shape of
/// one (what `ponte devices` shows), else nothing of what was typed.
fn short(device: &str) -> String {
    if ponte_model::validate::is_record_id(device) {
        device.get(..8).unwrap_or("").to_owned()
    } else {
        "?".to_owned()
    }
}

/// A group session as given on a command line or a form.
#[derive(Debug, Clone, Default)]
pub struct Group<'a> {
    /// Its topic (`vocab::GROUP_TOPICS`).
    pub topic: &'a str,
    /// How many attended.
    pub attendance: u32,
    /// Of them, women.
    pub women: Option<u32>,
    /// Of them, men.
    pub men: Option<u32>,
    /// Of them, minors.
    pub minors: Option<u32>,
    /// A note.
    pub note: Option<&'a str>,
}

/// Checks a group session (before a passphrase is asked for).
pub fn check_group(g: &Group<'_>) -> Result<()> {
    if !vocab::is_group_topic(g.topic.trim()) {
        return Err(Failure::code(BAD_TOPIC));
    }
    let n = |v: Option<u32>| i64::from(v.unwrap_or(0));
    let attendance = i64::from(g.attendance);
    if attendance > PEOPLE_MAX {
        return Err(Failure::code(TOO_LARGE));
    }
    if n(g.women) + n(g.men) > attendance
        || n(g.minors) > attendance
        || g.note.is_some_and(|t| t.chars().count() > NOTES_MAX)
    {
        return Err(Failure::code(BAD_GROUP));
    }
    Ok(())
}

/// Add a group session to the outreach session `id`; answers its entry id.
pub fn add_group(store: &mut Store, id: &str, g: &Group<'_>) -> Result<String> {
    check_group(g)?;
    let entry = crate::case::new_entry("grp")?;
    let mut group = json!({"topic": g.topic.trim(), "attendance": g.attendance});
    for (key, v) in [("women", g.women), ("men", g.men), ("minors", g.minors)] {
        if let Some(v) = v {
            group[key] = json!(v);
        }
    }
    if let Some(note) = g.note.filter(|n| !n.is_empty()) {
        group["note"] = json!(note);
    }
    outreach_edit(store, id, |_| Ok(json!({"groups": {&entry: group}})))?;
    Ok(entry)
}

/// Whether a person with that record id is on this device (its summary, no
/// decryption of the record and no view in the audit log).
fn person_exists(store: &Store, person: &RecordId) -> Result<bool> {
    let query = Query {
        kind: Some(Kind::Person),
        ..Query::default()
    };
    Ok(store.list(&query)?.iter().any(|l| l.id == *person))
}

/// A person met at a group session who asked for an individual follow-up, recorded as a
/// new quick contact ([`follow_up_contact`]).
#[derive(Debug, Clone, Default)]
pub struct FollowUpContact<'a> {
    /// The name the person gave, or a description.
    pub alias: &'a str,
    /// The language spoken (a language tag), if said.
    pub language: Option<&'a str>,
    /// Agrees to be contacted again, as they answered; `None`: not asked, and nothing is
    /// recorded (never a yes).
    pub recontact: Option<bool>,
    /// How the person agreed to be contacted again (`recontact_ways` codes); only with
    /// a yes, as for any quick contact.
    pub recontact_how: &'a [String],
    /// The person's phone number; only with the way `phone`.
    pub phone: Option<&'a str>,
    /// The day (`YYYY-MM-DD`); default today.
    pub date: Option<&'a str>,
    /// Who met the person; default this device's name in its team.
    pub by: Option<&'a str>,
}

impl FollowUpContact<'_> {
    fn quick<'a>(&'a self, place: Option<&'a str>) -> crate::contact::QuickContact<'a> {
        crate::contact::QuickContact {
            alias: self.alias,
            place,
            language: self.language,
            given: &[],
            said: None,
            recontact: self.recontact,
            recontact_how: self.recontact_how,
            phone: self.phone,
            date: self.date,
            by: self.by,
        }
    }
}

/// Checks a follow-up contact (before a passphrase is asked for).
pub fn check_follow_up_contact(c: &FollowUpContact<'_>) -> Result<()> {
    crate::contact::check_as(&c.quick(None), false).map(|_| ())
}

/// Record a person who asked for an individual follow-up at the group session `group`
/// of the outreach session `id` as a new quick contact, at the session's place (if it
/// names one), with the answer to "contacted again?" as given (`None`: not asked) and
/// how (with the phone number when the way is a call), and link them to the group. Answers the new person's id. A missing session or group is
/// refused before anything is written.
pub fn follow_up_contact(
    store: &mut Store,
    id: &str,
    group: &str,
    c: &FollowUpContact<'_>,
) -> Result<RecordId> {
    check_follow_up_contact(c)?;
    let rid = parse_id(id)?;
    let session = match store.get(&rid, Some(Kind::Outreach)) {
        Ok(r) => r.json,
        Err(StoreError::NotFound | StoreError::WrongKind) => {
            return Err(Failure::code(UNKNOWN_OUTREACH));
        }
        Err(e) => return Err(e.into()),
    };
    if !record::entries(&session, "groups")
        .iter()
        .any(|(g, _)| *g == group)
    {
        return Err(Failure::code(UNKNOWN_GROUP));
    }
    let place = record::str_at(&session, "place_id");
    let person = crate::contact::add_as(store, &c.quick(place), false)?;
    link_follow_up(store, id, group, &person.to_hex())?;
    Ok(person)
}

/// Link the person `person` (a quick contact who asked for an individual follow-up)
/// to the group session `group` of the outreach session `id`. Linking the same person
/// twice changes nothing.
pub fn link_follow_up(store: &mut Store, id: &str, group: &str, person: &str) -> Result<()> {
    parse_id(id)?;
    let person_id = parse_id(person)?;
    if !person_exists(store, &person_id)? {
        return Err(Failure::code(UNKNOWN_PERSON));
    }
    let person = person_id.to_hex();
    outreach_edit(store, id, |o| {
        let g = record::entries(o, "groups")
            .into_iter()
            .find(|(g, _)| *g == group)
            .map(|(_, g)| g)
            .ok_or_else(|| Failure::code(UNKNOWN_GROUP))?;
        let mut linked: Vec<&str> = record::codes(g, "follow_up");
        if linked.contains(&person.as_str()) {
            return Ok(json!({}));
        }
        linked.push(&person);
        Ok(json!({"groups": {group: {"follow_up": linked}}}))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn tap(what: Counter, delta: i64) -> Tap {
        Tap { what, delta }
    }

    #[test]
    fn deltas_parse_and_refuse_what_is_not_one() {
        for (text, want) in [("+1", 1), ("-1", -1), (" 3 ", 3), ("+0", 0), ("-12", -12)] {
            assert_eq!(parse_delta(text).unwrap(), want, "{text}");
        }
        for text in ["", "+", "1.5", "x", "--1", "+-1", "1e3"] {
            assert_eq!(parse_delta(text).unwrap_err().as_code(), BAD_TAP, "{text}");
        }
        assert_eq!(parse_delta("+100001").unwrap_err().as_code(), TOO_LARGE);
        assert_eq!(parse_pair("ng=+2").unwrap(), ("ng".to_owned(), 2));
        assert_eq!(parse_pair("NG").unwrap_err().as_code(), BAD_TAP);
    }

    #[test]
    fn taps_move_the_total_with_the_sex_counts_and_never_go_below_zero() {
        let o = json!({"people_met": {"total": 5, "women": 1}});
        let old = Counts::of(&o);
        let mut c = old.clone();
        for t in [
            tap(Counter::Women, 1),
            tap(Counter::Minors, 1),
            tap(Counter::NotStated, -1),
            tap(Counter::Men, 2),
            tap(Counter::Men, -1),
            tap(Counter::Nationality("NG".into()), 1),
            tap(Counter::Material("water".into()), -1),
        ] {
            c.apply(&t).unwrap();
        }
        let v = c.view();
        assert_eq!(
            (
                v.total,
                v.women,
                v.men,
                v.not_stated,
                v.sex_not_counted,
                v.minors
            ),
            (7, 2, 1, 0, 4, 1)
        );
        assert_eq!(v.nationalities.get("NG"), Some(&1));
        assert_eq!(v.materials.get("water"), Some(&0));
        let steps: Vec<(String, i64)> = [
            ("people_met.total", 2),
            ("people_met.women", 1),
            ("people_met.men", 1),
            ("people_met.minors", 1),
            ("nationalities.NG", 1),
            ("materials.water", 0),
        ]
        .iter()
        .map(|(p, d)| ((*p).to_owned(), *d))
        .collect();
        assert_eq!(c.steps_from(&old, &o), steps);
    }

    #[test]
    fn codes_are_checked_and_normalized() {
        let t = check_taps(&[tap(Counter::Nationality(" ng".into()), 1)]).unwrap();
        assert_eq!(t[0].what, Counter::Nationality("NG".into()));
        for (what, code) in [
            (Counter::Nationality("XX".into()), BAD_NATIONALITY),
            (Counter::Material("drugs".into()), BAD_MATERIAL),
        ] {
            assert_eq!(check_taps(&[tap(what, 1)]).unwrap_err().as_code(), code);
        }
        assert_eq!(check_taps(&[]).unwrap_err().as_code(), BAD_TAP);
        assert_eq!(
            check_taps(&[tap(Counter::Women, PEOPLE_MAX + 1)])
                .unwrap_err()
                .as_code(),
            TOO_LARGE
        );
    }

    #[test]
    fn a_follow_up_contact_says_how_to_contact_again_only_after_a_yes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let session = s
            .create(
                Kind::Outreach,
                &json!({"date": "2026-11-24", "outreach_type": "group_session",
                        "people_met": {"total": 0}}),
            )
            .unwrap()
            .to_hex();
        let group = Group {
            topic: "rights",
            attendance: 6,
            ..Group::default()
        };
        let group = add_group(&mut s, &session, &group).unwrap();
        let phone = vec!["phone".to_owned(), "mediator".to_owned()];
        let people = |s: &Store| {
            let query = Query {
                kind: Some(Kind::Person),
                ..Query::default()
            };
            s.list(&query).unwrap().len()
        };
        for (recontact, code) in [
            (Some(false), crate::contact::WAY_WITHOUT_YES),
            (None, crate::contact::WAY_WITHOUT_YES),
        ] {
            let c = FollowUpContact {
                alias: "Karim",
                recontact,
                recontact_how: &phone,
                ..FollowUpContact::default()
            };
            assert_eq!(check_follow_up_contact(&c).unwrap_err().as_code(), code);
            let refused = follow_up_contact(&mut s, &session, &group, &c).unwrap_err();
            assert_eq!(refused.as_code(), code);
        }
        let c = FollowUpContact {
            alias: "Karim",
            recontact: Some(true),
            phone: Some("+39 333 000 1111"),
            ..FollowUpContact::default()
        };
        assert_eq!(
            follow_up_contact(&mut s, &session, &group, &c)
                .unwrap_err()
                .as_code(),
            crate::contact::PHONE_WITHOUT_WAY
        );
        assert_eq!(people(&s), 0, "nothing was written");
        let c = FollowUpContact {
            recontact_how: &phone,
            ..c
        };
        let person = follow_up_contact(&mut s, &session, &group, &c).unwrap();
        let p = s.get(&person, Some(Kind::Person)).unwrap().json;
        assert_eq!(
            (&p["first_contact"]["recontact_how"], &p["phone"]),
            (&json!(["phone", "mediator"]), &json!("+39 333 000 1111"))
        );
    }

    #[test]
    fn groups_are_checked() {
        let g = |topic, attendance, women, minors| Group {
            topic,
            attendance,
            women,
            minors,
            ..Group::default()
        };
        assert!(check_group(&g("rights", 12, Some(12), Some(3))).is_ok());
        assert_eq!(
            check_group(&g("weather", 1, None, None))
                .unwrap_err()
                .as_code(),
            BAD_TOPIC
        );
        assert_eq!(
            check_group(&g("rights", 2, Some(3), None))
                .unwrap_err()
                .as_code(),
            BAD_GROUP
        );
        assert_eq!(
            check_group(&g("rights", 2, None, Some(3)))
                .unwrap_err()
                .as_code(),
            BAD_GROUP
        );
    }
}
