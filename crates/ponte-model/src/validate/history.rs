//! What an edit may not change: the entries a person's history is made of.
//!
//! [`history`] compares a record as stored (`before`) with the record an edit would
//! make of it (`after`). The entries that record what happened, with who and when,
//! are only ever added:
//!
//! - every case event (`case_events.<id>`);
//! - every referral outcome step (`referrals.<id>.outcomes.<id>`), so a referral that
//!   has steps cannot be deleted either;
//! - every follow-up once done (`followups.<id>` with `done`): its due day, note, and
//!   who marked it done, when (`done`, and `done_at` when it was written) and with what
//!   note;
//! - a consent's withdrawal (`consents.<id>.withdrawn`, `withdrawn_by` and
//!   `withdrawn_at`, none of them added later either), so a withdrawn consent is
//!   neither revived, re-dated nor deleted (GDPR art. 7(3): a new consent is a new
//!   entry).
//!
//! The values beside them that say where a history stands follow it: a referral's
//! `outcome` changes only with a new step of that outcome, the status enters or leaves
//! `closed` only with a new `closed` or `reopened` event (and a closed case keeps its
//! close's reason), and a goal done or dropped stays so.
//!
//! Such an entry may be sent back unchanged (a record shown is accepted back whole),
//! but changing or removing it is [`ErrorCode::KeptAsHistory`] at its path. New
//! entries are not this rule's business: [`validate`](super::validate) checks them.
//! Other kinds have none of these collections, so nothing is found in them.
//!
//! The rule is for edits a person makes (`person edit`, an import's patch line, the
//! app's edit); a merge of two devices' changes is not an edit and is not checked here.

use serde_json::Value;

use super::{ErrorCode, ValidationError, join};
use crate::record::{at, entries};

/// The problems of an edit from `before` to `after` that change or remove an entry of
/// the history (see the module docs): each [`ErrorCode::KeptAsHistory`] at the
/// entry's path (for a withdrawal, the field's), sorted by path. `Ok` when the history
/// is kept.
pub fn history(before: &Value, after: &Value) -> Result<(), Vec<ValidationError>> {
    let mut errors = Vec::new();
    let mut kept = |path: String| {
        errors.push(ValidationError {
            code: ErrorCode::KeptAsHistory,
            path,
        });
    };
    for (id, event) in entries(before, "case_events") {
        if !same_entry(event, entry(after, "case_events", id)) {
            kept(join("case_events", id));
        }
    }
    for (rid, referral) in entries(before, "referrals") {
        let now = entry(after, "referrals", rid);
        let rp = join("referrals", rid);
        for (id, step) in entries(referral, "outcomes") {
            if !same_entry(step, now.and_then(|r| entry(r, "outcomes", id))) {
                kept(join(&join(&rp, "outcomes"), id));
            }
        }
    }
    for (id, followup) in entries(before, "followups") {
        if at(followup, "done").is_some() && !same_entry(followup, entry(after, "followups", id)) {
            kept(join("followups", id));
        }
    }
    for (id, consent) in entries(before, "consents") {
        if at(consent, "withdrawn").is_none() {
            continue;
        }
        let now = entry(after, "consents", id);
        let cp = join("consents", id);
        for field in ["withdrawn", "withdrawn_by", "withdrawn_at"] {
            let same = match (at(consent, field), now.and_then(|c| at(c, field))) {
                (Some(a), Some(b)) => same(a, b),
                (None, None) => true,
                // Nothing added to a withdrawal afterwards either (no later "who" or
                // "when" that would move it in the timeline).
                (None, Some(b)) => b.is_null() || b.as_str() == Some(""),
                (Some(_), None) => false,
            };
            if !same {
                kept(join(&cp, field));
            }
        }
    }
    current_values(before, after, &mut kept);
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    errors.dedup();
    Err(errors)
}

/// The values that say where a history stands move only with a step of it, in the same
/// edit: a referral's `outcome` changes only with a new outcome step of that outcome;
/// the status enters or leaves `closed` only with a new `closed` or `reopened` case
/// event, and a closed case's `status.reason` stays its close's; a goal done or dropped
/// stays so (`state`, `done`).
fn current_values(before: &Value, after: &Value, kept: &mut impl FnMut(String)) {
    fn text<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
        str_of(at(v, path))
    }
    for (rid, referral) in entries(before, "referrals") {
        let Some(now) = entry(after, "referrals", rid) else {
            continue;
        };
        let outcome = text(now, "outcome");
        if text(referral, "outcome") == outcome {
            continue;
        }
        let stepped = entries(now, "outcomes").into_iter().any(|(id, step)| {
            entry(referral, "outcomes", id).is_none() && text(step, "outcome") == outcome
        });
        if outcome.is_none() || !stepped {
            kept(join(&join("referrals", rid), "outcome"));
        }
    }
    let new_event = |kind: &str| {
        entries(after, "case_events").into_iter().any(|(id, e)| {
            entry(before, "case_events", id).is_none() && text(e, "kind") == Some(kind)
        })
    };
    let closed = |v: &Value| text(v, "status.code") == Some("closed");
    match (closed(before), closed(after)) {
        (false, true) if !new_event("closed") => kept("status.code".to_owned()),
        (true, false) if !new_event("reopened") => kept("status.code".to_owned()),
        (true, true) if text(before, "status.reason") != text(after, "status.reason") => {
            kept("status.reason".to_owned());
        }
        _ => {}
    }
    for (gid, goal) in entries(before, "case_goals") {
        if matches!(text(goal, "state"), None | Some("open")) {
            continue;
        }
        let now = entry(after, "case_goals", gid);
        let gp = join("case_goals", gid);
        for field in ["state", "done"] {
            if text(goal, field) != now.and_then(|g| text(g, field)) {
                kept(join(&gp, field));
            }
        }
    }
}

/// A text value as the accessors read it: `null` and `""` are absent.
fn str_of(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The entry `id` of the collection `key` of `v`, if it is there (an object).
fn entry<'a>(v: &'a Value, key: &str, id: &str) -> Option<&'a Value> {
    at(v, key).and_then(|c| c.get(id)).filter(|e| e.is_object())
}

fn same_entry(before: &Value, after: Option<&Value>) -> bool {
    after.is_some_and(|a| same(before, a))
}

/// Equal as the accessors read them: `null` and `""` are the same as absent (a shown
/// record may carry either where the stored one has nothing).
fn same(a: &Value, b: &Value) -> bool {
    fn absent(v: &Value) -> bool {
        v.is_null() || v.as_str() == Some("")
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let present =
                |m: &serde_json::Map<String, Value>| m.iter().filter(|(_, v)| !absent(v)).count();
            present(x) == present(y)
                && x.iter()
                    .filter(|(_, v)| !absent(v))
                    .all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        _ => a == b,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::patch::merge_patched;
    use serde_json::json;

    fn person() -> Value {
        json!({
            "alias": "a",
            "consents": {
                "c1": {"purpose": "referral", "destination": "health", "given": true,
                       "language": "en", "date": "2026-01-01",
                       "withdrawn": "2026-02-01", "withdrawn_by": "Anna",
                       "withdrawn_at": 1_769_904_000_000_u64},
                "c2": {"purpose": "referral", "destination": "health", "given": true,
                       "language": "en", "date": "2026-01-01"}
            },
            "case_events": {"e1": {"date": "2026-01-05", "kind": "closed",
                                   "reason": "moved_away", "by": "Anna"}},
            "referrals": {"r1": {"destination": "health", "date": "2026-01-02",
                "outcome": "pending",
                "outcomes": {"o1": {"date": "2026-01-03", "outcome": "pending", "by": "Anna"}}}},
            "followups": {
                "f1": {"due": "2026-01-10", "done": "2026-01-11", "done_by": "Anna",
                       "done_at": 1_768_089_600_000_u64},
                "f2": {"due": "2026-01-20"}
            }
        })
    }

    /// The paths `patch` is refused at.
    fn refused(patch: Value) -> Vec<String> {
        let before = person();
        match history(&before, &merge_patched(&before, &patch)) {
            Ok(()) => Vec::new(),
            Err(e) => e
                .into_iter()
                .inspect(|e| assert_eq!(e.code, ErrorCode::KeptAsHistory))
                .map(|e| e.path)
                .collect(),
        }
    }

    #[test]
    fn history_sent_back_unchanged_or_added_to_is_kept() {
        let p = person();
        assert_eq!(history(&p, &p), Ok(()));
        // The whole record as shown, with `null` and empty text where nothing is.
        let mut shown = p.clone();
        shown["case_events"]["e1"]["note"] = Value::Null;
        shown["followups"]["f1"]["done_note"] = json!("");
        assert_eq!(history(&p, &merge_patched(&p, &shown)), Ok(()));
        for ok in [
            json!({"case_events": {"e2": {"date": "2026-02-01", "kind": "reopened"}}}),
            json!({"referrals": {"r1": {"outcomes": {"o2": {"date": "2026-01-04", "outcome": "accepted"}}}}}),
            json!({"followups": {"f2": {"due": "2026-01-25"}}}),
            json!({"followups": {"f2": {"done": "2026-01-21", "done_by": "Bo",
                                        "done_at": 1_768_953_600_000_u64}}}),
            json!({"followups": {"f2": null}}),
            json!({"consents": {"c2": {"withdrawn": "2026-03-01",
                                       "withdrawn_at": 1_772_323_200_000_u64}}}),
            json!({"consents": {"c1": {"share": ["phone"]}}}),
            json!({"referrals": {"r1": {"note": "more"}}}),
        ] {
            assert_eq!(refused(ok.clone()), Vec::<String>::new(), "{ok}");
        }
    }

    #[test]
    fn where_the_history_stands_moves_only_with_a_step_of_it() {
        let mut p = person();
        p["status"] = json!({"code": "closed", "reason": "moved_away"});
        p["case_goals"] = json!({"g1": {"text": "papers", "state": "done", "set": "2026-01-02",
                                        "done": "2026-01-04"},
                                 "g2": {"text": "job", "state": "open"}});
        let refused = |patch: Value| -> Vec<String> {
            match history(&p, &merge_patched(&p, &patch)) {
                Ok(()) => Vec::new(),
                Err(e) => e.into_iter().map(|e| e.path).collect(),
            }
        };
        for (patch, path) in [
            (
                json!({"referrals": {"r1": {"outcome": "accepted"}}}),
                "referrals.r1.outcome",
            ),
            (
                json!({"referrals": {"r1": {"outcome": null}}}),
                "referrals.r1.outcome",
            ),
            // A step of another outcome does not carry this one.
            (
                json!({"referrals": {"r1": {"outcome": "declined",
                    "outcomes": {"o2": {"date": "2026-01-04", "outcome": "accepted"}}}}}),
                "referrals.r1.outcome",
            ),
            (
                json!({"status": {"code": "in_charge", "reason": null}}),
                "status.code",
            ),
            (json!({"status": null}), "status.code"),
            (json!({"status": {"reason": "deceased"}}), "status.reason"),
            (
                json!({"case_goals": {"g1": {"state": "open"}}}),
                "case_goals.g1.state",
            ),
            (
                json!({"case_goals": {"g1": {"done": "2026-01-05"}}}),
                "case_goals.g1.done",
            ),
        ] {
            assert_eq!(refused(patch.clone()), vec![path.to_owned()], "{patch}");
        }
        for ok in [
            // With its step, in the same edit.
            json!({"referrals": {"r1": {"outcome": "accepted",
                "outcomes": {"o2": {"date": "2026-01-04", "outcome": "accepted"}}}}}),
            json!({"status": {"code": "in_charge", "reason": null},
                   "case_events": {"e2": {"date": "2026-02-01", "kind": "reopened"}}}),
            // An open goal moves on; other fields of a closed case change freely.
            json!({"case_goals": {"g2": {"state": "done", "done": "2026-01-06"}}}),
            json!({"notes": "more"}),
        ] {
            assert_eq!(refused(ok.clone()), Vec::<String>::new(), "{ok}");
        }
        // Closing needs its event too.
        let mut open = p.clone();
        open["status"] = json!({"code": "in_charge"});
        let close = json!({"status": {"code": "closed", "reason": "deceased"}});
        assert!(history(&open, &merge_patched(&open, &close)).is_err());
        let mut with_event = close.clone();
        with_event["case_events"] = json!({"e3": {"date": "2026-02-02", "kind": "closed",
                                                  "reason": "deceased"}});
        assert_eq!(history(&open, &merge_patched(&open, &with_event)), Ok(()));
    }

    #[test]
    fn history_changed_or_removed_is_refused_at_its_path() {
        for (patch, path) in [
            (
                json!({"case_events": {"e1": {"reason": "deceased"}}}),
                "case_events.e1",
            ),
            (
                json!({"case_events": {"e1": {"by": null}}}),
                "case_events.e1",
            ),
            (json!({"case_events": {"e1": null}}), "case_events.e1"),
            (json!({"case_events": null}), "case_events.e1"),
            (
                json!({"referrals": {"r1": {"outcomes": {"o1": null}}}}),
                "referrals.r1.outcomes.o1",
            ),
            (
                json!({"referrals": {"r1": {"outcomes": {"o1": {"date": "2026-01-02"}}}}}),
                "referrals.r1.outcomes.o1",
            ),
            (
                json!({"referrals": {"r1": null}}),
                "referrals.r1.outcomes.o1",
            ),
            (json!({"followups": {"f1": {"done": null}}}), "followups.f1"),
            (
                json!({"followups": {"f1": {"done_by": "Someone"}}}),
                "followups.f1",
            ),
            (json!({"followups": {"f1": null}}), "followups.f1"),
            (
                json!({"consents": {"c1": {"withdrawn": null}}}),
                "consents.c1.withdrawn",
            ),
            (
                json!({"consents": {"c1": {"withdrawn": "2026-03-01"}}}),
                "consents.c1.withdrawn",
            ),
            (
                json!({"consents": {"c1": {"withdrawn_by": "Bo"}}}),
                "consents.c1.withdrawn_by",
            ),
            (
                json!({"consents": {"c1": {"withdrawn_at": 1_769_904_000_001_u64}}}),
                "consents.c1.withdrawn_at",
            ),
            (
                json!({"consents": {"c1": {"withdrawn_at": null}}}),
                "consents.c1.withdrawn_at",
            ),
            (
                json!({"followups": {"f1": {"done_at": 1_768_089_600_001_u64}}}),
                "followups.f1",
            ),
            (
                json!({"followups": {"f1": {"done_at": null}}}),
                "followups.f1",
            ),
        ] {
            assert_eq!(refused(patch.clone()), [path], "{patch}");
        }
        assert_eq!(
            refused(json!({"consents": {"c1": null}})),
            [
                "consents.c1.withdrawn",
                "consents.c1.withdrawn_at",
                "consents.c1.withdrawn_by"
            ]
        );
    }

    #[test]
    fn nothing_is_added_to_a_withdrawal_afterwards() {
        let before = json!({"consents": {"c1": {"purpose": "intake", "given": true,
            "language": "en", "date": "2026-01-01", "withdrawn": "2026-02-01"}}});
        let added = merge_patched(
            &before,
            &json!({"consents": {"c1": {"withdrawn_at": 1_769_904_000_000_u64,
                                         "withdrawn_by": "Bo"}}}),
        );
        let err = history(&before, &added).unwrap_err();
        let paths: Vec<&str> = err.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            ["consents.c1.withdrawn_at", "consents.c1.withdrawn_by"]
        );
        // Sent back as it is (with the nulls a shown record may carry): accepted.
        let shown = merge_patched(&before, &json!({"consents": {"c1": {"withdrawn_by": ""}}}));
        assert_eq!(history(&before, &shown), Ok(()));
    }

    #[test]
    fn an_entry_id_that_is_not_one_is_not_named() {
        let before = json!({"case_events": {"a name": {"date": "2026-01-01", "kind": "reopened"}}});
        let err = history(&before, &json!({})).unwrap_err();
        assert_eq!(err[0].path, "case_events.*");
    }
}
