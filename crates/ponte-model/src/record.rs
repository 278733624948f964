//! Reading fields of a record's JSON: the one set of accessors that summaries, reports,
//! validation and the screens share.
//!
//! Every accessor is lenient and total, like [`summary`](crate::summary): a field that is
//! missing, `null` or of the wrong type reads as absent (`None`, or an empty list); none
//! of them fails or panics, whatever the JSON. They borrow from the record and allocate
//! only where a list is returned.
//!
//! Paths are object keys separated by `.`: `"alias"`, `"status.code"`,
//! `"plan.taken_in_charge"`. Keys of the formats in `docs/records.md` never contain a `.`.
//!
//! Conventions of the formats that the accessors apply:
//! - `null` is absent, and so is an empty string (an empty code is never valid, and the
//!   document layer reads empty free text as absent);
//! - a collection (`consents`, `encounters`, `referrals`, `followups`) is an object keyed
//!   by entry id; its entries are read in entry-id order, whatever the map's own order;
//! - the consent rule, [`has_referral_consent`], is the one validation applies.

use crate::date::Date;
use crate::screening::Answer;
use crate::vocab;
use serde_json::Value;

/// The value at `path`, or `None` when a key on the way is missing, a value on the way is
/// not an object, or the value is `null`.
pub fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(v, |cur, key| cur.get(key))
        .filter(|v| !v.is_null())
}

/// The string at `path`, if it is a string and not empty. Serves codes and text alike.
pub fn str_at<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    at(v, path)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// The integer at `path` (a JSON integer that fits an `i64`; `1995.0` is not one).
pub fn int_at(v: &Value, path: &str) -> Option<i64> {
    at(v, path).and_then(Value::as_i64)
}

/// The boolean at `path`.
pub fn bool_at(v: &Value, path: &str) -> Option<bool> {
    at(v, path).and_then(Value::as_bool)
}

/// The date at `path`, if it is a `YYYY-MM-DD` calendar date. The year is not checked
/// against [`Date::in_supported_range`]; validation does that.
pub fn date_at(v: &Value, path: &str) -> Option<Date> {
    str_at(v, path).and_then(Date::parse)
}

/// The codes of the set at `path` (`languages`, `needs`, `team`): the strings of the
/// array without duplicates, in first-seen order. Concurrent edits merged by Automerge
/// can repeat a code; other items (numbers, `null`) are skipped.
pub fn codes<'a>(v: &'a Value, path: &str) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    let items = at(v, path).and_then(Value::as_array).into_iter().flatten();
    for code in items.filter_map(Value::as_str) {
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// The entries of the collection at `path` as `(entry id, entry)`, sorted by entry id.
/// `null` entries are absent, and entries that are not objects are skipped.
pub fn entries<'a>(v: &'a Value, path: &str) -> Vec<(&'a str, &'a Value)> {
    let mut out: Vec<(&str, &Value)> = at(v, path)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, e)| e.is_object())
        .map(|(id, e)| (id.as_str(), e))
        .collect();
    // serde_json keeps insertion order when its `preserve_order` feature is on.
    out.sort_unstable_by_key(|(id, _)| *id);
    out
}

/// The entries of a collection in the map's own order, for folds where order does not
/// matter (no sort, no allocation).
fn entry_values<'a>(v: &'a Value, path: &str) -> impl Iterator<Item = &'a Value> {
    at(v, path)
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values())
        .filter(|e| e.is_object())
}

/// The answer to the screening item `item` of `group` (e.g. `"s603"`, `"pay"`) in a
/// `screening` object (not the whole person); `None` when not answered or unreadable.
pub fn answer(screening: &Value, group: &str, item: &str) -> Option<Answer> {
    let item = screening.get(group)?.get(item)?;
    str_at(item, "answer").and_then(Answer::parse)
}

/// The person's next follow-up: the earliest `due` date among the follow-ups not done
/// (`done` absent, `null` or empty). Follow-ups whose `due` is not a date are skipped.
pub fn next_followup(person: &Value) -> Option<Date> {
    entry_values(person, "followups")
        .filter(|f| str_at(f, "done").is_none())
        .filter_map(|f| date_at(f, "due"))
        .min()
}

/// The consent rule: whether the person consented to be referred to `destination` (a
/// `service_types` code) by a referral dated `on`. That takes a consent with `purpose`
/// `referral`, `given` `true`, the same `destination`, a `date` (a valid date with a
/// year in the supported range) on or before `on`, and no `withdrawn` date before `on`.
/// A refusal does not count, and neither does a consent dated after the referral or
/// withdrawn before it: a referral made while the consent held stays valid after a
/// withdrawal (GDPR art. 7(3): withdrawing does not undo what was done under it).
/// Dates are days: a referral on the day of the withdrawal counts as made before it.
///
/// Validation reports a referral that fails this rule as `referral-without-consent`; the
/// screens offer a referral only when it holds, so they offer exactly what validation
/// accepts.
pub fn has_referral_consent(person: &Value, destination: &str, on: Date) -> bool {
    covering_consent(person, destination, on).is_some()
}

/// The consent that covers a referral to `destination` dated `on` under
/// [`has_referral_consent`], as `(entry id, consent)`: of those that do, the latest
/// given (then the greatest entry id), which is the one in force when the referral was
/// made and the one a referral sheet names.
pub fn covering_consent<'a>(
    person: &'a Value,
    destination: &str,
    on: Date,
) -> Option<(&'a str, &'a Value)> {
    if !vocab::is_service_type(destination) {
        return None;
    }
    entries(person, "consents")
        .into_iter()
        .filter_map(|(id, c)| {
            let covers = str_at(c, "purpose") == Some("referral")
                && bool_at(c, "given") == Some(true)
                && str_at(c, "destination") == Some(destination)
                && !withdrawn_before(c, on);
            let date = date_at(c, "date").filter(|d| d.in_supported_range() && *d <= on)?;
            covers.then_some((date, id, c))
        })
        .max_by_key(|(date, id, _)| (*date, *id))
        .map(|(_, id, c)| (id, c))
}

/// Whether consent `c` was withdrawn before `on` (a `withdrawn` date earlier than it).
fn withdrawn_before(c: &Value, on: Date) -> bool {
    date_at(c, "withdrawn").is_some_and(|w| w < on)
}

/// The fields consent `c` lets the team share with the receiving service: the minimum
/// ([`vocab::SHARE_MINIMUM`]: alias and languages) and the codes of its `share` list
/// that are [`vocab::SHARE_FIELDS`], in that list's order. Unknown codes are skipped.
pub fn shared_fields(c: &Value) -> Vec<&'static str> {
    let listed = codes(c, "share");
    vocab::SHARE_FIELDS
        .iter()
        .copied()
        .filter(|f| vocab::SHARE_MINIMUM.contains(f) || listed.contains(f))
        .collect()
}

/// Whether a person record is a quick contact that has not become an intake: it has
/// a `first_contact` and no `intake_started` day.
pub fn is_contact(person: &Value) -> bool {
    at(person, "first_contact").is_some_and(Value::is_object)
        && at(person, "intake_started").is_none()
}

/// A person's stage for lists: `"contact"` ([`is_contact`]) or `"intake"` (every other
/// person, including the old records made before quick contacts existed).
pub fn stage(person: &Value) -> &'static str {
    if is_contact(person) {
        crate::summary::STAGE_CONTACT
    } else {
        crate::summary::STAGE_INTAKE
    }
}

/// The place of the team's list a record names: its own `place_id`, else (a person)
/// the place of their first contact.
pub fn place_id(record: &Value) -> Option<&str> {
    str_at(record, "place_id").or_else(|| str_at(record, "first_contact.place_id"))
}

/// Where a record (or an encounter) was, for grouping: the name of the place its
/// `place_id` names, looked up with `name_of` (so two spellings of one place never
/// split a count), else its old free label `listening_point`, else `None`. A place id
/// that `name_of` does not know (a place erased, or not yet synced) falls back to the
/// label too.
pub fn place_name<'a>(
    record: &'a Value,
    name_of: &impl Fn(&str) -> Option<&'a str>,
) -> Option<&'a str> {
    place_id(record)
        .and_then(name_of)
        .or_else(|| str_at(record, "listening_point"))
}

/// A place's name or an old free-text label as it is compared and grouped: trimmed,
/// lowercased, runs of whitespace made one space. "Borgo Hermada", " borgo  hermada"
/// and "BORGO HERMADA" are one place; the team's list refuses a second active place
/// with the same key, and reports group old labels by it.
pub fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn labels_differing_in_case_and_spaces_have_one_key() {
        for l in [
            "Borgo Hermada",
            " borgo  hermada ",
            "BORGO\tHERMADA",
            "borgo hermada",
        ] {
            assert_eq!(label_key(l), "borgo hermada", "{l:?}");
        }
        assert_ne!(label_key("Borgo Hermada 2"), label_key("Borgo Hermada"));
        assert_eq!(label_key("İSTANBUL"), label_key("i̇stanbul"));
        assert_eq!(label_key("   "), "");
    }

    #[test]
    fn at_walks_objects_and_reads_null_as_absent() {
        let v = json!({"status": {"code": "closed", "reason": null}, "languages": ["pa"], "n": 0});
        assert_eq!(at(&v, "status.code"), Some(&json!("closed")));
        assert_eq!(
            at(&v, "status"),
            Some(&json!({"code": "closed", "reason": null}))
        );
        assert_eq!(at(&v, "n"), Some(&json!(0)));
        assert_eq!(at(&v, "status.reason"), None, "null is absent");
        assert_eq!(at(&v, "status.missing"), None);
        assert_eq!(at(&v, "status.code.deeper"), None, "a string has no keys");
        assert_eq!(at(&v, "languages.0"), None, "arrays are not walked");
        assert_eq!(at(&json!(null), "alias"), None);
        assert_eq!(at(&json!(42), "alias"), None);
    }

    #[test]
    fn str_at_reads_non_empty_strings() {
        let v = json!({"alias": "Gurpreet", "phone": "", "birth_year": 1995,
                       "plan": {"goals": "text"}, "sex": null});
        assert_eq!(str_at(&v, "alias"), Some("Gurpreet"));
        assert_eq!(str_at(&v, "plan.goals"), Some("text"));
        assert_eq!(str_at(&v, "phone"), None, "empty is absent");
        assert_eq!(str_at(&v, "birth_year"), None, "not a string");
        assert_eq!(str_at(&v, "sex"), None);
        assert_eq!(str_at(&v, "nationality"), None);
    }

    #[test]
    fn int_at_reads_integers_only() {
        let v = json!({"a": 1995, "b": 1995.0, "c": "1995", "d": -3, "e": u64::MAX});
        assert_eq!(int_at(&v, "a"), Some(1995));
        assert_eq!(int_at(&v, "b"), None);
        assert_eq!(int_at(&v, "c"), None);
        assert_eq!(int_at(&v, "d"), Some(-3));
        assert_eq!(int_at(&v, "e"), None, "does not fit an i64");
        assert_eq!(int_at(&v, "f"), None);
    }

    #[test]
    fn bool_at_reads_booleans_only() {
        let v = json!({"c": {"given": true}, "r": {"given": false}, "s": {"given": "yes"}});
        assert_eq!(bool_at(&v, "c.given"), Some(true));
        assert_eq!(bool_at(&v, "r.given"), Some(false));
        assert_eq!(bool_at(&v, "s.given"), None);
        assert_eq!(bool_at(&v, "t.given"), None);
    }

    #[test]
    fn date_at_parses_calendar_dates() {
        let v = json!({"created": "2026-11-24", "a": "2026-02-30", "b": "someday",
                       "c": "1899-12-31", "plan": {"taken_in_charge": "2026-11-25"}});
        assert_eq!(date_at(&v, "created"), Some(d("2026-11-24")));
        assert_eq!(date_at(&v, "plan.taken_in_charge"), Some(d("2026-11-25")));
        assert_eq!(date_at(&v, "a"), None);
        assert_eq!(date_at(&v, "b"), None);
        assert_eq!(
            date_at(&v, "c"),
            Some(d("1899-12-31")),
            "the range is validation's business"
        );
        assert_eq!(date_at(&v, "missing"), None);
    }

    #[test]
    fn codes_dedupe_in_first_seen_order() {
        let v = json!({"languages": ["wo", "fr", "wo", 3, null, "", "pa-Arab", "fr", ""],
                       "needs": "legal_aid"});
        assert_eq!(codes(&v, "languages"), ["wo", "fr", "", "pa-Arab"]);
        assert!(codes(&v, "needs").is_empty(), "not an array");
        assert!(codes(&v, "team").is_empty());
    }

    #[test]
    fn entries_are_objects_sorted_by_id() {
        let v = json!({"encounters": {"e2": {"date": "2026-11-25"}, "e1": {"date": "2026-11-24"},
                                      "e0": null, "e3": 5, "a9": {}}});
        let ids: Vec<&str> = entries(&v, "encounters")
            .iter()
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(ids, ["a9", "e1", "e2"]);
        assert_eq!(
            entries(&v, "encounters")[1].1,
            &json!({"date": "2026-11-24"})
        );
        assert!(entries(&v, "referrals").is_empty());
        assert!(entries(&json!({"referrals": [{"date": "x"}]}), "referrals").is_empty());
        assert_eq!(entry_values(&v, "encounters").count(), 3);
    }

    #[test]
    fn answer_reads_one_screening_item() {
        let s = json!({"s603": {"pay": {"answer": "yes"}, "hours": {"answer": "maybe"},
                                "safety": {"note": "n"}, "degrading": "yes"},
                       "ilo": {"deception": {"answer": "unknown"}}});
        assert_eq!(answer(&s, "s603", "pay"), Some(Answer::Yes));
        assert_eq!(answer(&s, "ilo", "deception"), Some(Answer::Unknown));
        assert_eq!(answer(&s, "s603", "hours"), None, "unknown code");
        assert_eq!(answer(&s, "s603", "safety"), None, "no answer");
        assert_eq!(answer(&s, "s603", "degrading"), None, "not an item object");
        assert_eq!(answer(&s, "aggravating", "minors"), None);
        assert_eq!(answer(&json!(null), "s603", "pay"), None);
    }

    #[test]
    fn next_followup_is_the_earliest_open_due_date() {
        let p = json!({"followups": {
            "f1": {"due": "2026-12-10"},
            "f2": {"due": "2026-12-01", "done": "2026-12-01"},
            "f3": {"due": "2026-12-05", "done": null},
            "f4": {"due": "not a date"},
            "f5": {"due": "2026-12-07", "done": ""},
            "f6": null
        }});
        assert_eq!(next_followup(&p), Some(d("2026-12-05")));
        assert_eq!(
            next_followup(
                &json!({"followups": {"f": {"due": "2026-12-01", "done": "2026-12-01"}}})
            ),
            None
        );
        assert_eq!(next_followup(&json!({"alias": "a"})), None);
    }

    fn consent(purpose: &str, destination: &str, given: Value, date: &str) -> Value {
        json!({"purpose": purpose, "destination": destination, "given": given,
               "language": "pa", "date": date})
    }

    #[test]
    fn referral_consent_rule() {
        let on = d("2026-11-25");
        let with = |c: Value| json!({"consents": {"c1": c}});
        let table = [
            (
                "given before",
                consent("referral", "trade_union", json!(true), "2026-11-24"),
                true,
            ),
            (
                "same day",
                consent("referral", "trade_union", json!(true), "2026-11-25"),
                true,
            ),
            (
                "after the referral",
                consent("referral", "trade_union", json!(true), "2026-11-26"),
                false,
            ),
            (
                "refused",
                consent("referral", "trade_union", json!(false), "2026-11-24"),
                false,
            ),
            (
                "given as text",
                consent("referral", "trade_union", json!("yes"), "2026-11-24"),
                false,
            ),
            (
                "other destination",
                consent("referral", "health", json!(true), "2026-11-24"),
                false,
            ),
            (
                "other purpose",
                consent("intake", "trade_union", json!(true), "2026-11-24"),
                false,
            ),
            (
                "no date",
                json!({"purpose": "referral", "destination": "trade_union", "given": true}),
                false,
            ),
            (
                "bad date",
                consent("referral", "trade_union", json!(true), "2026-02-30"),
                false,
            ),
            (
                "year out of range",
                consent("referral", "trade_union", json!(true), "1899-12-31"),
                false,
            ),
        ];
        for (name, c, expected) in table {
            assert_eq!(
                has_referral_consent(&with(c), "trade_union", on),
                expected,
                "{name}"
            );
        }
        let two = json!({"consents": {
            "a": consent("referral", "trade_union", json!(false), "2026-11-20"),
            "b": consent("referral", "trade_union", json!(true), "2026-11-21"),
            "c": null
        }});
        assert!(has_referral_consent(&two, "trade_union", on));
        assert!(!has_referral_consent(&two, "trade_union", d("2026-11-20")));
        let odd =
            json!({"consents": {"c": consent("referral", "police", json!(true), "2026-11-24")}});
        assert!(
            !has_referral_consent(&odd, "police", on),
            "not a service type: validation accepts no such referral"
        );
        assert!(!has_referral_consent(
            &json!({"alias": "a"}),
            "trade_union",
            on
        ));
        assert!(!has_referral_consent(&json!(null), "trade_union", on));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod consent_tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_withdrawn_consent_covers_referrals_up_to_its_withdrawal_day_only() {
        let p = json!({"consents": {"c1": {"purpose": "referral", "destination": "trade_union",
            "given": true, "language": "pa", "date": "2026-11-01", "withdrawn": "2026-11-10"}}});
        assert!(has_referral_consent(&p, "trade_union", d("2026-11-05")));
        assert!(has_referral_consent(&p, "trade_union", d("2026-11-10")));
        assert!(!has_referral_consent(&p, "trade_union", d("2026-11-11")));
        assert!(!has_referral_consent(&p, "trade_union", d("2026-10-31")));
    }

    #[test]
    fn the_covering_consent_is_the_latest_in_force_and_shares_its_list_plus_the_minimum() {
        let p = json!({"consents": {
            "c1": {"purpose": "referral", "destination": "health", "given": true,
                   "language": "ar", "date": "2026-11-01", "share": ["phone"]},
            "c2": {"purpose": "referral", "destination": "health", "given": true,
                   "language": "ar", "date": "2026-11-03", "share": ["needs", "bogus", "phone"]},
            "c3": {"purpose": "referral", "destination": "health", "given": false,
                   "language": "ar", "date": "2026-11-04"}}});
        let (id, c) = covering_consent(&p, "health", d("2026-11-05")).unwrap();
        assert_eq!(id, "c2");
        assert_eq!(
            shared_fields(c),
            vec!["alias", "languages", "phone", "needs"]
        );
        assert_eq!(
            covering_consent(&p, "health", d("2026-11-02")).unwrap().0,
            "c1"
        );
        assert_eq!(shared_fields(&json!({})), vec!["alias", "languages"]);
    }
}
