//! The case moves on, end to end through the `ponte` binary: a case taken in charge, a
//! goal set and done, a goal dropped, closed with a reason, reopened, each step in the person's
//! timeline (`person show`) with who and when; a referral through each outcome with its
//! history kept; follow-ups done and moved, and what is due, overdue first; a permit's
//! expiry adding and moving its renewal follow-up, a referral's appointment its check;
//! a shown record accepted back by
//! `person edit`; bad input refused with one translated line and nothing changed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_tests::{Device, Relay, one_line_error};
use serde_json::{Value, json};

/// Written in notes: never in an error line.
const MARKER: &str = "QXCASEMARKERQX";

fn show(d: &Device, id: &str) -> Value {
    d.json(&["person", "show", id], None)
}

/// The person as stored: what `show` gives without the day of the last update.
fn stored(d: &Device, id: &str) -> Value {
    let mut v = show(d, id);
    v.as_object_mut().unwrap().remove("updated");
    v
}

/// `(date, what, kind or outcome, by)` of each timeline line.
fn timeline(d: &Device, id: &str) -> Vec<(String, String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap_or("").to_owned();
    show(d, id)["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let what = if t["kind"].is_string() {
                &t["kind"]
            } else {
                &t["outcome"]
            };
            (s(&t["date"]), s(&t["what"]), s(what), s(&t["by"]))
        })
        .collect()
}

fn line(date: &str, what: &str, kind: &str, by: &str) -> (String, String, String, String) {
    (date.into(), what.into(), kind.into(), by.into())
}

#[test]
fn a_case_taken_in_charge_closed_and_reopened_is_in_the_timeline_with_who_and_when() {
    let d = Device::new();
    let id = d.add(
        "person",
        &json!({"alias": "Gurpreet", "status": {"code": "interviewed"}}),
    );
    let took = d.json(
        &[
            "case",
            "take",
            &id,
            "--operator",
            "Anna Rossi",
            "--by",
            "Harjit",
            "--date",
            "2026-02-01",
        ],
        None,
    );
    assert_eq!(
        (took["date"].as_str(), took["by"].as_str()),
        (Some("2026-02-01"), Some("Harjit"))
    );
    let goal = d.json(
        &[
            "case",
            "goal",
            &id,
            "--add",
            "renew the permit",
            "--by",
            "Anna Rossi",
            "--date",
            "2026-02-01",
        ],
        None,
    )["goal"]
        .as_str()
        .unwrap()
        .to_owned();
    d.json(
        &[
            "case",
            "goal",
            &id,
            "--done",
            &goal,
            "--by",
            "Anna Rossi",
            "--date",
            "2026-03-10",
            "--note",
            MARKER,
        ],
        None,
    );
    d.json(
        &[
            "case",
            "close",
            &id,
            "--reason",
            "moved_away",
            "--by",
            "Anna Rossi",
            "--date",
            "2026-04-01",
        ],
        None,
    );
    let p = show(&d, &id);
    assert_eq!(
        p["status"],
        json!({"code": "closed", "reason": "moved_away"})
    );
    d.json(
        &[
            "case",
            "reopen",
            &id,
            "--by",
            "Harjit",
            "--date",
            "2026-05-02",
        ],
        None,
    );

    let p = show(&d, &id);
    assert_eq!(p["status"], json!({"code": "in_charge"}));
    assert_eq!(p["plan"]["assigned_to"], "Anna Rossi");
    assert_eq!(p["plan"]["taken_in_charge"], "2026-02-01");
    assert_eq!(p["case_goals"][&goal]["state"], "done");
    assert_eq!(p["case_goals"][&goal]["done"], "2026-03-10");
    assert_eq!(
        timeline(&d, &id),
        vec![
            line("2026-02-01", "case", "taken_in_charge", "Harjit"),
            line("2026-02-01", "case", "goal_set", "Anna Rossi"),
            line("2026-03-10", "case", "goal_done", "Anna Rossi"),
            line("2026-04-01", "case", "closed", "Anna Rossi"),
            line("2026-05-02", "case", "reopened", "Harjit"),
        ]
    );
    let t = &p["timeline"];
    assert_eq!(t[0]["operator"], "Anna Rossi");
    assert_eq!(t[2]["goal"], goal.as_str());
    assert_eq!(t[2]["note"], MARKER);
    assert_eq!(t[3]["reason"], "moved_away");

    // A shown record is accepted back whole by `person edit`, and changes nothing.
    let before = stored(&d, &id);
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&p.to_string()),
    );
    assert_eq!(stored(&d, &id), before);
}

#[test]
fn a_goal_is_dropped_once_with_who_when_and_why() {
    let d = Device::new();
    let id = d.add("person", &json!({"alias": "Jaspreet"}));
    let add = |text: &str| {
        d.json(
            &[
                "case",
                "goal",
                &id,
                "--add",
                text,
                "--by",
                "Anna",
                "--date",
                "2026-02-01",
            ],
            None,
        )["goal"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (dropped, done) = (add("a room in Latina"), add("renew the permit"));
    let out = d.json(
        &[
            "case",
            "goal",
            &id,
            "--drop",
            &dropped,
            "--by",
            "Harjit",
            "--date",
            "2026-02-20",
            "--note",
            MARKER,
        ],
        None,
    );
    assert_eq!(
        (out["date"].as_str(), out["by"].as_str()),
        (Some("2026-02-20"), Some("Harjit"))
    );
    d.json(
        &[
            "case",
            "goal",
            &id,
            "--done",
            &done,
            "--by",
            "Anna",
            "--date",
            "2026-03-01",
        ],
        None,
    );
    let p = show(&d, &id);
    assert_eq!(
        p["case_goals"][&dropped],
        json!({"text": "a room in Latina", "state": "dropped", "set": "2026-02-01",
               "done": "2026-02-20"})
    );
    assert_eq!(
        timeline(&d, &id),
        vec![
            line("2026-02-01", "case", "goal_set", "Anna"),
            line("2026-02-01", "case", "goal_set", "Anna"),
            line("2026-02-20", "case", "goal_dropped", "Harjit"),
            line("2026-03-01", "case", "goal_done", "Anna"),
        ]
    );
    let t = &p["timeline"][2];
    assert_eq!(
        (t["goal"].as_str(), t["note"].as_str()),
        (Some(dropped.as_str()), Some(MARKER))
    );

    // A goal already dropped or done is not dropped (nor done) again: one translated
    // line, without the note, and nothing changes.
    let before = stored(&d, &id);
    for (flag, goal) in [
        ("--drop", &dropped),
        ("--drop", &done),
        ("--done", &dropped),
    ] {
        let out = d.run(
            &[
                "case", "goal", &id, flag, goal, "--by", "Anna", "--note", "again",
            ],
            None,
        );
        let line = one_line_error(&out);
        assert!(line.contains("already done or dropped"), "{line}");
        assert!(!line.contains(MARKER) && !line.contains("again"), "{line}");
    }
    let out = d.run(&["case", "goal", &id, "--drop", "g9", "--by", "Anna"], None);
    assert!(!one_line_error(&out).is_empty());
    // --drop goes alone: not with --add or --done.
    let out = d.run(
        &[
            "case", "goal", &id, "--drop", &dropped, "--done", &done, "--by", "Anna",
        ],
        None,
    );
    assert!(!out.status.success());
    assert_eq!(stored(&d, &id), before);
}

#[test]
fn in_a_team_who_is_this_devices_name() {
    let relay = Relay::start();
    let team = ponte_tests::team(&relay, 1);
    let phone = &team[1];
    let id = phone.add("person", &json!({"alias": "Amadou"}));
    let took = phone.json(&["case", "take", &id, "--operator", "Anna"], None);
    assert_eq!(took["by"], "phone 0");
    assert_eq!(timeline(phone, &id)[0].3, "phone 0");
}

#[test]
fn a_referral_moves_through_each_outcome_and_keeps_its_history() {
    let d = Device::new();
    let consent = json!({"purpose": "referral", "destination": "trade_union", "given": true,
        "language": "pa", "date": "2026-01-01"});
    let referral = |date: &str| json!({"destination": "trade_union", "date": date});
    let id = d.add(
        "person",
        &json!({"alias": "Harpreet", "consents": {"c1": consent},
            "referrals": {"r1": referral("2026-01-10"), "r2": referral("2026-01-11"),
                          "r3": referral("2026-01-12")}}),
    );
    let step = |r: &str, outcome: &str, date: &str| {
        let out = d.json(
            &[
                "referral", "outcome", &id, r, outcome, "--date", date, "--by", "Anna", "--note",
                "n",
            ],
            None,
        );
        assert_eq!(out["outcome"], outcome);
    };
    step("r1", "pending", "2026-01-10");
    step("r1", "accepted", "2026-01-15");
    step("r1", "completed", "2026-02-01");
    step("r2", "pending", "2026-01-11");
    step("r2", "no_show", "2026-01-20");
    step("r2", "pending", "2026-01-21");
    step("r2", "declined", "2026-01-30");
    step("r3", "accepted", "2026-01-12");
    step("r3", "no_show", "2026-01-19");

    let p = show(&d, &id);
    let current: Vec<&str> = ["r1", "r2", "r3"]
        .iter()
        .map(|r| p["referrals"][r]["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(current, ["completed", "declined", "no_show"]);
    // The history: every step kept, in order, each with its date, note and who.
    let mut history: Vec<(String, String)> = p["referrals"]["r2"]["outcomes"]
        .as_object()
        .unwrap()
        .values()
        .map(|o| {
            assert_eq!(
                (o["by"].as_str(), o["note"].as_str()),
                (Some("Anna"), Some("n"))
            );
            (
                o["date"].as_str().unwrap().to_owned(),
                o["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    history.sort();
    let want: Vec<(String, String)> = [
        ("2026-01-11", "pending"),
        ("2026-01-20", "no_show"),
        ("2026-01-21", "pending"),
        ("2026-01-30", "declined"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(history, want);
    // The shown record, history and timeline included, is accepted back unchanged.
    let before = stored(&d, &id);
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&p.to_string()),
    );
    assert_eq!(stored(&d, &id), before);
    let t = timeline(&d, &id);
    assert_eq!(t.len(), 12);
    assert!(t.windows(2).all(|w| w[0].0 <= w[1].0), "{t:?}");
    // The three referrals made (added as a record, nobody named), then their steps.
    let made: Vec<&str> = t
        .iter()
        .filter(|l| l.1 == "referral_made")
        .map(|l| l.0.as_str())
        .collect();
    assert_eq!(made, ["2026-01-10", "2026-01-11", "2026-01-12"]);
    assert!(
        t.iter()
            .all(|l| (l.1 == "referral" && l.3 == "Anna")
                || (l.1 == "referral_made" && l.3.is_empty())),
        "{t:?}"
    );

    // Final outcomes and skipped steps are refused, and change nothing.
    let before = stored(&d, &id);
    for (r, outcome) in [("r1", "accepted"), ("r2", "pending"), ("r3", "completed")] {
        let out = d.run(
            &["referral", "outcome", &id, r, outcome, "--by", "Anna"],
            None,
        );
        assert!(one_line_error(&out).contains("cannot move to this outcome"));
    }
    let out = d.run(
        &["referral", "outcome", &id, "r9", "pending", "--by", "Anna"],
        None,
    );
    assert!(one_line_error(&out).contains("no referral with that id"));
    let out = d.run(
        &["referral", "outcome", &id, "r3", "maybe", "--by", "Anna"],
        None,
    );
    assert!(one_line_error(&out).contains("pending, accepted"));
    assert_eq!(stored(&d, &id), before);
}

/// The keys of the collection `key` of a shown record (or of a referral).
fn keys(v: &Value, key: &str) -> Vec<String> {
    v[key].as_object().unwrap().keys().cloned().collect()
}

/// History is only added to: a case event, a referral outcome step and a follow-up done
/// may be sent back unchanged through `person edit` (a shown record is accepted back),
/// but changing or removing one is refused, in `person edit`, a `person import` patch
/// line and a `batch` edit alike, and nothing changes; new entries are still added.
#[test]
fn history_cannot_be_rewritten_through_person_edit() {
    let d = Device::new();
    let id = d.add(
        "person",
        &json!({"alias": "Sukhdeep",
            "consents": {"c1": {"purpose": "referral", "destination": "trade_union",
                "given": true, "language": "pa", "date": "2026-01-01"}},
            "referrals": {"r1": {"destination": "trade_union", "date": "2026-01-10"}},
            "followups": {"f1": {"due": "2026-01-20", "note": "call"}}}),
    );
    let by = ["--by", "Anna"];
    let run = |args: &[&str]| d.json(&[args, &by[..]].concat(), None);
    run(&[
        "case",
        "take",
        &id,
        "--operator",
        "Anna",
        "--date",
        "2026-01-05",
    ]);
    run(&[
        "case",
        "close",
        &id,
        "--reason",
        "moved_away",
        "--date",
        "2026-03-01",
    ]);
    run(&[
        "referral",
        "outcome",
        &id,
        "r1",
        "pending",
        "--date",
        "2026-01-10",
    ]);
    run(&[
        "referral",
        "outcome",
        &id,
        "r1",
        "accepted",
        "--date",
        "2026-01-15",
    ]);
    run(&[
        "followup",
        "done",
        &id,
        "f1",
        "--date",
        "2026-01-21",
        "--note",
        "done",
    ]);
    let shown = show(&d, &id);
    let events = keys(&shown, "case_events");
    let closed = events
        .iter()
        .find(|e| shown["case_events"][e.as_str()]["kind"] == "closed")
        .unwrap()
        .clone();
    let steps = keys(&shown["referrals"]["r1"], "outcomes");
    assert_eq!((events.len(), steps.len()), (2, 2));
    let before = stored(&d, &id);

    // Sent back unchanged, whole: accepted, nothing changes.
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&shown.to_string()),
    );
    assert_eq!(stored(&d, &id), before);

    let step = &steps[0];
    let forged = [
        (
            json!({"case_events": {&closed: {"reason": "deceased", "by": "Someone Else",
                                             "date": "2026-01-01"}}}),
            format!("case_events.{closed}"),
        ),
        (
            json!({"case_events": {&closed: {"note": "added later"}}}),
            format!("case_events.{closed}"),
        ),
        (
            json!({"case_events": {&closed: null}}),
            format!("case_events.{closed}"),
        ),
        (
            json!({"referrals": {"r1": {"outcomes": {step: null}}}}),
            format!("referrals.r1.outcomes.{step}"),
        ),
        (
            json!({"referrals": {"r1": {"outcomes": {step: {"by": "Someone Else"}}}}}),
            format!("referrals.r1.outcomes.{step}"),
        ),
        (
            json!({"referrals": {"r1": null}}),
            format!("referrals.r1.outcomes.{step}"),
        ),
        (
            json!({"followups": {"f1": {"done": null}}}),
            "followups.f1".to_owned(),
        ),
        (
            json!({"followups": {"f1": {"done": "2026-01-25"}}}),
            "followups.f1".to_owned(),
        ),
        (
            json!({"followups": {"f1": null}}),
            "followups.f1".to_owned(),
        ),
        // What says where the history stands moves only with a step of it.
        (
            json!({"referrals": {"r1": {"outcome": "pending"}}}),
            "referrals.r1.outcome".to_owned(),
        ),
        (
            json!({"status": {"code": "in_charge", "reason": null}}),
            "status.code".to_owned(),
        ),
        (
            json!({"status": {"reason": "deceased"}}),
            "status.reason".to_owned(),
        ),
    ];
    for (patch, path) in &forged {
        let line = one_line_error(&d.run(
            &["person", "edit", &id, "--json", "-"],
            Some(&patch.to_string()),
        ));
        assert!(
            line.contains(path.as_str()) && line.contains("kept as history"),
            "{patch}: {line}"
        );
        assert!(!line.contains("Someone Else"), "{line}");
    }
    // The same through an import's patch line (named) and a batch's edit.
    let (patch, _) = &forged[0];
    let mut import = patch.clone();
    import["id"] = json!(id);
    let line = one_line_error(&d.run(
        &["person", "import", "--jsonl", "-"],
        Some(&format!("{{\"alias\": \"new\"}}\n{import}\n")),
    ));
    assert!(line.contains("line 2"), "{line}");
    let op = json!({"op": "edit", "id": id, "patch": forged[3].0});
    let out = d.run(&["batch"], Some(&op.to_string()));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("invalid:kept-as-history"),
        "{out:?}"
    );
    assert_eq!(stored(&d, &id), before);
    assert_eq!(
        d.json(&["person", "list"], None).as_array().unwrap().len(),
        1
    );

    // New entries are still added through the validation rules of today.
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&json!({"case_events": {"ev2": {"date": "2026-03-02", "kind": "reopened", "by": "Anna"}},
                     "status": {"code": "in_charge", "reason": null},
                     "followups": {"f2": {"due": "2026-04-01"}}}).to_string()),
    );
    let now = show(&d, &id);
    assert_eq!(keys(&now, "case_events").len(), 3);
    assert_eq!(now["case_events"][&closed], shown["case_events"][&closed]);
    assert_eq!(
        now["referrals"]["r1"]["outcomes"],
        shown["referrals"]["r1"]["outcomes"]
    );
}

#[test]
fn follow_ups_are_done_and_moved_and_the_overdue_come_first() {
    let d = Device::new();
    let a = d.add(
        "person",
        &json!({"alias": "A", "followups": {
            "f1": {"due": "2020-03-01", "note": "call"},
            "f2": {"due": "2099-01-01"}}}),
    );
    let b = d.add(
        "person",
        &json!({"alias": "B", "followups": {"f1": {"due": "2098-05-05"}}}),
    );
    d.add("person", &json!({"alias": "C"}));

    let due = d.json(&["followup", "due"], None);
    let rows: Vec<(&str, &str, bool)> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["title"].as_str().unwrap(),
                r["due"].as_str().unwrap(),
                r["overdue"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [("A", "2020-03-01", true), ("B", "2098-05-05", false)]
    );
    // Added by hand, they are of no kind.
    assert!(due.as_array().unwrap().iter().all(|r| r["kind"].is_null()));

    let done = d.json(
        &[
            "followup",
            "done",
            &a,
            "f1",
            "--by",
            "Anna",
            "--date",
            "2020-03-02",
            "--note",
            "called",
        ],
        None,
    );
    assert_eq!(done["followup"], "f1");
    d.json(&["followup", "move", &b, "f1", "--due", "2097-01-01"], None);

    let p = show(&d, &a);
    assert_eq!(p["followups"]["f1"]["done"], "2020-03-02");
    assert_eq!(p["followups"]["f1"]["done_by"], "Anna");
    assert_eq!(p["followups"]["f1"]["done_note"], "called");
    assert_eq!(
        p["followups"]["f1"]["note"], "call",
        "the follow-up's own note is kept"
    );
    assert_eq!(
        timeline(&d, &a),
        vec![line("2020-03-02", "followup_done", "", "Anna")]
    );
    assert_eq!(show(&d, &b)["followups"]["f1"]["due"], "2097-01-01");
    let due = d.json(&["followup", "due"], None);
    let rows: Vec<(&str, &str)> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["title"].as_str().unwrap(), r["due"].as_str().unwrap()))
        .collect();
    assert_eq!(rows, [("B", "2097-01-01"), ("A", "2099-01-01")]);

    // A follow-up done cannot be done or moved again; an unknown one is named as such.
    let before = stored(&d, &a);
    let out = d.run(&["followup", "done", &a, "f1", "--by", "Anna"], None);
    assert!(one_line_error(&out).contains("already done"));
    let out = d.run(&["followup", "move", &a, "f1", "--due", "2030-01-01"], None);
    assert!(one_line_error(&out).contains("already done"));
    let out = d.run(&["followup", "move", &a, "f9", "--due", "2030-01-01"], None);
    assert!(one_line_error(&out).contains("no follow-up with that id"));
    let out = d.run(&["followup", "move", &a, "f2", "--due", "2030-02-30"], None);
    assert!(one_line_error(&out).contains("YYYY-MM-DD"));
    assert_eq!(stored(&d, &a), before);
}

/// The renewal follow-ups of a shown person: `(id, due, done)`.
fn renewals(p: &Value) -> Vec<(String, String, bool)> {
    let mut out: Vec<_> = p["followups"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, f)| f["kind"] == "permit_renewal")
                .map(|(id, f)| {
                    (
                        id.clone(),
                        f["due"].as_str().unwrap().to_owned(),
                        f["done"].is_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn a_permit_expiry_creates_and_moves_its_renewal_follow_up() {
    let d = Device::new();
    let id = d.add(
        "person",
        &json!({"alias": "P", "permit": {"status": "seasonal_work", "expiry": "2027-03-01"}}),
    );
    // 60 days before 2027-03-01, computed by hand: March 1 back to December 31.
    let first = renewals(&show(&d, &id));
    assert_eq!(first.len(), 1);
    let (rid, due, done) = first[0].clone();
    assert_eq!((due.as_str(), done), ("2026-12-31", false));
    // What is due says which follow-up it is.
    let due_rows = d.json(&["followup", "due"], None);
    assert_eq!(
        (due_rows[0]["due"].as_str(), due_rows[0]["kind"].as_str()),
        (Some("2026-12-31"), Some("permit_renewal"))
    );

    // The expiry moves: the same follow-up moves with it (2027-06-30 - 60 = 2027-05-01).
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(r#"{"permit": {"expiry": "2027-06-30"}}"#),
    );
    assert_eq!(
        renewals(&show(&d, &id)),
        vec![(rid.clone(), "2027-05-01".into(), false)]
    );

    // Moved by hand, it stays where it was put while the expiry does not change.
    d.json(
        &["followup", "move", &id, &rid, "--due", "2027-04-15"],
        None,
    );
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(r#"{"phone": "+39 333 0000000"}"#),
    );
    assert_eq!(
        renewals(&show(&d, &id)),
        vec![(rid.clone(), "2027-04-15".into(), false)]
    );

    // Done, then a new permit: a new renewal for the new expiry (2028-05-31 - 60).
    d.json(
        &[
            "followup",
            "done",
            &id,
            &rid,
            "--by",
            "Anna",
            "--date",
            "2026-11-10",
        ],
        None,
    );
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(r#"{"permit": {"expiry": "2028-05-31"}}"#),
    );
    let now = renewals(&show(&d, &id));
    assert_eq!(now.len(), 2, "{now:?}");
    assert!(now.contains(&(rid, "2027-04-15".into(), true)));
    assert!(
        now.iter()
            .any(|(_, due, done)| due == "2028-04-01" && !done)
    );
}

/// The referral checks of a shown person: `(id, due, referral, done)`.
fn checks(p: &Value) -> Vec<(String, String, String, bool)> {
    let mut out: Vec<_> = p["followups"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, f)| f["kind"] == "referral_check")
        .map(|(id, f)| {
            let s = |v: &Value| v.as_str().unwrap_or("").to_owned();
            (
                id.clone(),
                s(&f["due"]),
                s(&f["referral"]),
                f["done"].is_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_referral_appointment_adds_its_check_which_the_outcome_closes() {
    let d = Device::new();
    let id = d.add(
        "person",
        &json!({"alias": "H", "consents": {"c1": {"purpose": "referral",
            "destination": "trade_union", "given": true, "language": "pa",
            "date": "2026-01-01"}}}),
    );
    // A referral with an appointment: asked about the day after it (2099-01-20 + 1).
    d.json(
        &[
            "referral",
            "add",
            &id,
            "trade_union",
            "--appointment-date",
            "2099-01-20",
            "--appointment-time",
            "09:30",
        ],
        None,
    );
    let shown = show(&d, &id);
    let rid = shown["referrals"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    let first = "referral-check-20990120".to_owned();
    assert_eq!(
        checks(&shown),
        vec![(first.clone(), "2099-01-21".into(), rid.clone(), false)]
    );
    let due_rows = d.json(&["followup", "due"], None);
    assert!(
        due_rows
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["due"] == "2099-01-21" && r["kind"] == "referral_check"),
        "{due_rows}"
    );
    // The appointment moves: the check moves with it.
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&json!({"referrals": {&rid: {"appointment": {"date": "2099-02-03"}}}}).to_string()),
    );
    assert_eq!(
        checks(&show(&d, &id)),
        vec![(first.clone(), "2099-02-04".into(), rid.clone(), false)]
    );
    // Pending (as a referral made starts) keeps it open; a no-show closes it; a new
    // appointment asks again.
    assert_eq!(show(&d, &id)["referrals"][&rid]["outcome"], "pending");
    let step = |outcome: &str| {
        d.json(
            &["referral", "outcome", &id, &rid, outcome, "--by", "Anna"],
            None,
        );
    };
    step("no_show");
    assert_eq!(
        checks(&show(&d, &id)),
        vec![(first.clone(), "2099-02-04".into(), rid.clone(), true)]
    );
    step("pending");
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&json!({"referrals": {&rid: {"appointment": {"date": "2099-03-10"}}}}).to_string()),
    );
    let now = checks(&show(&d, &id));
    assert_eq!(
        now,
        vec![
            (first, "2099-02-04".into(), rid.clone(), true),
            (
                "referral-check-20990310".into(),
                "2099-03-11".into(),
                rid.clone(),
                false
            ),
        ]
    );
    // Accepted: closed; the record, checks and all, goes back through `person edit`.
    step("accepted");
    assert!(checks(&show(&d, &id)).iter().all(|c| c.3));
    let before = stored(&d, &id);
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&before.to_string()),
    );
    assert_eq!(stored(&d, &id), before);
}

#[test]
fn a_permit_expiry_that_goes_away_closes_its_open_renewal() {
    let d = Device::new();
    let edit = |id: &str, patch: &str| {
        d.json(&["person", "edit", id, "--json", "-"], Some(patch));
    };
    let day_of = |p: &Value, rid: &str| -> String {
        p["followups"][rid]["done"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    // The expiry set to null: the open renewal is closed (done), not left due.
    let id = d.add(
        "person",
        &json!({"alias": "P", "permit": {"status": "employment", "expiry": "2027-03-01"}}),
    );
    let (rid, _, _) = renewals(&show(&d, &id))[0].clone();
    edit(&id, r#"{"permit": {"expiry": null}}"#);
    let shown = show(&d, &id);
    assert_eq!(
        renewals(&shown),
        vec![(rid.clone(), "2026-12-31".into(), true)]
    );
    assert!(shown["permit"].get("expiry").is_none());
    let closed_on = day_of(&shown, &rid);
    assert_eq!(closed_on.len(), 10, "{shown}");
    // The page shows it done, and the record goes back through `person edit` as it is.
    assert!(
        shown["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["date"] == closed_on.as_str() && t["entry"] == rid.as_str()),
        "{shown}"
    );
    let stored_now = stored(&d, &id);
    edit(&id, &stored_now.to_string());
    assert_eq!(stored(&d, &id), stored_now);
    // A new expiry: a new renewal, open.
    edit(&id, r#"{"permit": {"expiry": "2027-09-30"}}"#);
    let now = renewals(&show(&d, &id));
    assert!(
        now.contains(&(rid.clone(), "2026-12-31".into(), true)),
        "{now:?}"
    );
    assert!(now.contains(&("permit-renewal-20270930".into(), "2027-08-01".into(), false)));
    // Gone by mistake and set again to the day it was: its reminder again, beside the
    // closed one.
    edit(&id, r#"{"permit": {"expiry": null}}"#);
    edit(&id, r#"{"permit": {"expiry": "2027-09-30"}}"#);
    let now = renewals(&show(&d, &id));
    assert!(now.contains(&("permit-renewal-20270930".into(), "2027-08-01".into(), true)));
    assert!(
        now.contains(&(
            "permit-renewal-20270930-2".into(),
            "2027-08-01".into(),
            false
        )),
        "{now:?}"
    );

    // A status without expiry (no permit, an EU citizen): the same, and one done by
    // hand before stays as it was.
    for status in ["none", "eu_citizen"] {
        let q = d.add(
            "person",
            &json!({"alias": "Q", "permit": {"status": "seasonal_work", "expiry": "2027-03-01"}}),
        );
        edit(&q, &json!({"permit": {"status": status}}).to_string());
        assert_eq!(
            renewals(&show(&d, &q)),
            vec![(rid.clone(), "2026-12-31".into(), true)],
            "{status}"
        );
    }
    let r = d.add(
        "person",
        &json!({"alias": "R", "permit": {"status": "employment", "expiry": "2027-03-01"}}),
    );
    d.json(
        &[
            "followup",
            "done",
            &r,
            &rid,
            "--by",
            "Anna",
            "--date",
            "2026-11-20",
        ],
        None,
    );
    edit(&r, r#"{"permit": {"status": "none"}}"#);
    let shown = show(&d, &r);
    assert_eq!(day_of(&shown, &rid), "2026-11-20");
    assert_eq!(shown["followups"][&rid]["done_by"], "Anna");
}

#[test]
fn bad_input_gives_one_translated_line_and_changes_nothing() {
    let d = Device::new();
    let id = d.add("person", &json!({"alias": "X", "notes": MARKER}));
    d.json(
        &["case", "take", &id, "--operator", "Anna", "--by", "Anna"],
        None,
    );
    let before = stored(&d, &id);
    let long = "n".repeat(81);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["case", "close", &id, "--reason", "bored", "--by", "Anna"],
            "closing reason",
        ),
        (vec!["case", "reopen", &id, "--by", "Anna"], "not closed"),
        (vec!["case", "take", &id, "--operator", "Anna"], "--by NAME"),
        (
            vec!["case", "take", &id, "--operator", &long, "--by", "Anna"],
            "at most 80",
        ),
        (
            vec!["case", "goal", &id, "--add", " ", "--by", "Anna"],
            "goal must not be empty",
        ),
        (
            vec!["case", "goal", &id, "--done", "g-none", "--by", "Anna"],
            "no goal with that id",
        ),
        (
            vec![
                "case",
                "close",
                &id,
                "--reason",
                "other",
                "--by",
                "Anna",
                "--date",
                "2026-13-01",
            ],
            "YYYY-MM-DD",
        ),
        (
            vec![
                "case",
                "take",
                "0123456789abcdef0123456789abcdef",
                "--operator",
                "A",
                "--by",
                "A",
            ],
            "No person",
        ),
    ];
    for (args, want) in cases {
        let line = one_line_error(&d.run(&args, None));
        assert!(line.contains(want), "{args:?}: {line}");
        assert!(!line.contains(MARKER) && !line.contains("bored"), "{line}");
    }
    // Closed twice, taken while closed: refused.
    d.json(
        &[
            "case",
            "close",
            &id,
            "--reason",
            "lost_contact",
            "--by",
            "Anna",
        ],
        None,
    );
    let closed = stored(&d, &id);
    assert_ne!(closed, before);
    let line = one_line_error(&d.run(
        &["case", "close", &id, "--reason", "other", "--by", "A"],
        None,
    ));
    assert!(line.contains("reopen it first"), "{line}");
    let line = one_line_error(&d.run(&["case", "take", &id, "--operator", "B", "--by", "A"], None));
    assert!(line.contains("reopen it first"), "{line}");
    // In Italian and in Arabic.
    let line = one_line_error(&d.run(
        &[
            "--lang", "it", "case", "close", &id, "--reason", "x", "--by", "A",
        ],
        None,
    ));
    assert!(line.contains("motivo di chiusura"), "{line}");
    let line = one_line_error(&d.run(
        &[
            "--lang", "ar", "case", "close", &id, "--reason", "x", "--by", "A",
        ],
        None,
    ));
    assert!(line.contains("سبب الإغلاق"), "{line}");
    assert_eq!(stored(&d, &id), closed);
}

/// One generated person: `(listening point, taken in charge, closings, referral steps)`
/// written as records and known here by construction.
struct Case {
    lp: &'static str,
    taken: Option<&'static str>,
    /// `(date, kind, reason)` of closed/reopened events, in order.
    steps: Vec<(&'static str, &'static str, Option<&'static str>)>,
    /// `(destination, [(date, outcome)])` of one referral.
    referral: (&'static str, Vec<(&'static str, &'static str)>),
}

const FROM: &str = "2026-01-01";
const TO: &str = "2026-06-30";
const REASONS: [&str; 4] = ["goal_reached", "moved_away", "referred_on", "lost_contact"];

fn in_period(d: &str) -> bool {
    (FROM..=TO).contains(&d)
}

fn cases() -> Vec<Case> {
    (0..12)
        .map(|i| {
            let reason = Some(REASONS[i % REASONS.len()]);
            Case {
                lp: ["lp-a", "lp-b"][i % 2],
                taken: [Some("2025-12-10"), Some("2026-02-03"), None][i % 3],
                steps: match i % 4 {
                    0 => vec![("2026-03-15", "closed", reason)],
                    1 => vec![
                        ("2026-03-15", "closed", reason),
                        ("2026-04-20", "reopened", None),
                    ],
                    2 => vec![("2026-07-05", "closed", reason)],
                    _ => vec![],
                },
                referral: (
                    ["trade_union", "health"][i % 2],
                    match i % 3 {
                        0 => vec![
                            ("2026-01-20", "pending"),
                            ("2026-02-10", "accepted"),
                            ("2026-03-01", "completed"),
                        ],
                        1 => vec![("2025-12-20", "pending"), ("2026-01-05", "no_show")],
                        _ => vec![("2026-05-01", "declined")],
                    },
                ),
            }
        })
        .collect()
}

fn case_json(i: usize, c: &Case) -> Value {
    let mut events = serde_json::Map::new();
    if let Some(d) = c.taken {
        events.insert(
            format!("ev{i}t"),
            json!({"date": d, "kind": "taken_in_charge", "by": "Anna", "operator": "Anna"}),
        );
    }
    for (n, (d, kind, reason)) in c.steps.iter().enumerate() {
        events.insert(
            format!("ev{i}s{n}"),
            json!({"date": d, "kind": kind, "by": "Anna", "reason": reason}),
        );
    }
    let (dest, steps) = &c.referral;
    let outcomes: serde_json::Map<String, Value> = steps
        .iter()
        .enumerate()
        .map(|(n, (d, o))| (format!("o{n}"), json!({"date": d, "outcome": o})))
        .collect();
    let status = match c.steps.last() {
        Some((_, "closed", reason)) => json!({"code": "closed", "reason": reason}),
        _ if c.taken.is_some() => json!({"code": "in_charge"}),
        _ => json!({"code": "contacted"}),
    };
    json!({
        "alias": format!("case {i}"),
        "listening_point": c.lp,
        "created": "2025-11-01",
        "plan": c.taken.map(|d| json!({"taken_in_charge": d, "assigned_to": "Anna"})),
        "status": status,
        "case_events": events,
        "consents": {"c1": {"purpose": "referral", "destination": dest, "given": true,
                            "language": "en", "date": "2025-11-01"}},
        "referrals": {"r1": {"destination": dest, "date": "2025-12-01",
                             "outcome": steps.last().map(|s| s.1), "outcomes": outcomes}},
    })
}

#[test]
fn the_report_counts_cases_in_charge_closures_by_reason_and_referral_outcomes() {
    let d = Device::new();
    // The cases' places, from the team's list (the import resolves their names).
    for name in ["lp-a", "lp-b"] {
        d.add("place", &json!({"name": name, "type": "listening_point"}));
    }
    let all = cases();
    // Each case five times (the lowest suppression threshold): every count is five
    // times the test's own, 0 or at least 5, so the report hides none of them.
    const COPIES: usize = 5;
    let lines: Vec<String> = (0..COPIES)
        .flat_map(|copy| {
            all.iter()
                .enumerate()
                .map(move |(i, c)| case_json(copy * 100 + i, c).to_string())
        })
        .collect();
    let imported = d.json(
        &["person", "import", "--jsonl", "-"],
        Some(&lines.join("\n")),
    );
    assert_eq!(imported["created"], COPIES * all.len());

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let out_s = out.to_str().unwrap().to_owned();
    d.json(
        &[
            "report", "--from", FROM, "--to", TO, "--format", "json", "--out", &out_s,
        ],
        None,
    );
    let report: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(report["suppression"]["primary"], 0, "a count under 5");
    assert_eq!(report["suppression"]["complementary"], 0);
    let cell = |table: &str, indicator: &str, column: &str| -> u64 {
        let t = report["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == table)
            .unwrap();
        let row = t["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["indicator"] == indicator)
            .unwrap();
        let i = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c == column);
        i.map_or(0, |i| row["cells"][i].as_u64().unwrap())
    };

    // Expected, from the definitions: closed at the end when the last closing or
    // reopening on or before the end is a closing.
    let closed_at_end = |c: &Case| {
        c.steps
            .iter()
            .rev()
            .find(|s| s.0 <= TO)
            .is_some_and(|s| s.1 == "closed")
    };
    for lp in ["lp-a", "lp-b"] {
        let here: Vec<&Case> = all.iter().filter(|c| c.lp == lp).collect();
        let n = |f: &dyn Fn(&Case) -> bool| (COPIES * here.iter().filter(|c| f(c)).count()) as u64;
        assert_eq!(
            cell("cases.listening_point", "cases.in_charge", lp),
            n(&|c| c.taken.is_some_and(|t| t <= TO) && !closed_at_end(c)),
            "in charge {lp}"
        );
        assert_eq!(
            cell("cases.listening_point", "cases.taken_in_charge", lp),
            n(&|c| c.taken.is_some_and(in_period)),
        );
        assert_eq!(
            cell("cases.listening_point", "cases.closed", lp),
            n(&|c| c.steps.iter().any(|s| s.1 == "closed" && in_period(s.0))),
        );
        assert_eq!(
            cell("cases.listening_point", "cases.reopened", lp),
            n(&|c| c.steps.iter().any(|s| s.1 == "reopened" && in_period(s.0))),
        );
    }
    for reason in REASONS {
        let want = all
            .iter()
            .filter(|c| {
                c.steps
                    .iter()
                    .rev()
                    .find(|s| s.1 == "closed" && in_period(s.0))
                    .is_some_and(|s| s.2 == Some(reason))
            })
            .count() as u64
            * COPIES as u64;
        assert_eq!(
            cell("cases.close_reason", "cases.closed", reason),
            want,
            "{reason}"
        );
    }
    assert!(cell("cases.close_reason", "cases.closed", "moved_away") > 0);
    for dest in ["trade_union", "health"] {
        for outcome in ["pending", "accepted", "completed", "declined", "no_show"] {
            let want = all
                .iter()
                .filter(|c| c.referral.0 == dest)
                .flat_map(|c| c.referral.1.iter())
                .filter(|(d, o)| *o == outcome && in_period(d))
                .count() as u64
                * COPIES as u64;
            assert_eq!(
                cell(
                    "referrals.destination",
                    &format!("referrals.step.{outcome}"),
                    dest
                ),
                want,
                "{dest} {outcome}"
            );
        }
    }
}

/// The steps of one day are in the timeline in the order they were taken, also a
/// follow-up done and a consent withdrawn, whose entries were made before (a record's
/// own ids, without a time): they are ordered by when they were written. The referral
/// made is a line with who made it.
#[test]
fn the_steps_of_one_day_are_in_the_order_they_were_taken() {
    let d = Device::new();
    let consent = |destination: &str| {
        json!({"purpose": "referral", "destination": destination, "given": true,
            "language": "pa", "date": "2020-01-01"})
    };
    let id = d.add(
        "person",
        &json!({"alias": "Jaspreet", "status": {"code": "interviewed"},
            "consents": {"c1": consent("trade_union"), "c2": consent("health")},
            "followups": {"f1": {"due": "2020-02-01"}}}),
    );
    d.json(
        &["case", "take", &id, "--operator", "Anna", "--by", "Anna"],
        None,
    );
    let r = d.json(
        &["referral", "add", &id, "trade_union", "--by", "Bruno"],
        None,
    )["referral"]
        .as_str()
        .unwrap()
        .to_owned();
    d.json(&["followup", "done", &id, "f1", "--by", "Carla"], None);
    d.json(&["consent", "withdraw", &id, "c2", "--by", "Dario"], None);
    d.json(
        &[
            "case",
            "close",
            &id,
            "--reason",
            "moved_away",
            "--by",
            "Anna",
        ],
        None,
    );

    let p = show(&d, &id);
    let steps: Vec<(&str, &str, &str)> = p["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["what"].as_str().unwrap(),
                t["entry"].as_str().unwrap(),
                t["by"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let case_events = keys(&p, "case_events");
    let (took, closed) = if p["case_events"][&case_events[0]]["kind"] == "taken_in_charge" {
        (&case_events[0], &case_events[1])
    } else {
        (&case_events[1], &case_events[0])
    };
    assert_eq!(
        steps,
        [
            ("case", took.as_str(), "Anna"),
            ("referral_made", r.as_str(), "Bruno"),
            ("followup_done", "f1", "Carla"),
            ("consent_withdrawn", "c2", "Dario"),
            ("case", closed.as_str(), "Anna"),
        ]
    );
    let day = p["timeline"][0]["date"].as_str().unwrap();
    assert!(
        p["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["date"] == day)
    );
    assert_eq!(p["referrals"][&r]["by"], "Bruno");
    assert!(p["followups"]["f1"]["done_at"].is_u64());
    assert!(p["consents"]["c2"]["withdrawn_at"].is_u64());

    // The shown record, with when each step was written, is accepted back unchanged;
    // when a step was written cannot be changed.
    let before = stored(&d, &id);
    d.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&p.to_string()),
    );
    assert_eq!(stored(&d, &id), before);
    for (patch, path) in [
        (json!({"followups": {"f1": {"done_at": 1}}}), "followups.f1"),
        (
            json!({"consents": {"c2": {"withdrawn_at": null}}}),
            "consents.c2.withdrawn_at",
        ),
    ] {
        let line = one_line_error(&d.run(
            &["person", "edit", &id, "--json", "-"],
            Some(&patch.to_string()),
        ));
        assert!(line.contains(path), "{line}");
    }
    assert_eq!(stored(&d, &id), before);
}

/// The day `days` from now, on the device's clock.
fn days_from_now(days: i64) -> String {
    ponte_store::time::date_of(ponte_store::time::now_ms() + days * 86_400_000)
}

#[test]
fn a_step_dated_before_the_one_it_follows_or_after_today_is_refused_and_changes_nothing() {
    let d = Device::new();
    let id = d.add(
        "person",
        &json!({"alias": "D", "created": "2026-11-01", "notes": MARKER,
            "consents": {"c1": {"purpose": "referral", "destination": "health", "given": true,
                "language": "en", "date": "2026-11-01"}},
            "referrals": {"r1": {"destination": "health", "date": "2026-11-02"}},
            "followups": {"f1": {"due": "2026-11-20"}}}),
    );
    let who = ["--by", "A"];
    let with = |args: &[&str], date: &str| -> Vec<String> {
        let mut v: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        v.extend(who.iter().map(|a| (*a).to_owned()));
        v.extend(["--date".to_owned(), date.to_owned()]);
        v
    };
    let run = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        d.run(&args, None)
    };
    let ok = |args: &[String]| {
        let out = run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let refused = |args: &[String], want: &str| {
        let line = one_line_error(&run(args));
        assert!(line.contains(want), "{args:?}: {line}");
        assert!(!line.contains(MARKER), "{line}");
    };
    const BEFORE: &str = "cannot be dated before the step it follows";
    const FUTURE: &str = "cannot be dated after today";
    let future = days_from_now(2);
    let goal = d.json(
        &[
            "case",
            "goal",
            &id,
            "--add",
            "a lawyer",
            "--by",
            "A",
            "--date",
            "2026-11-03",
        ],
        None,
    )["goal"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(&with(
        &["case", "take", &id, "--operator", "A"],
        "2026-11-04",
    ));
    let before = stored(&d, &id);
    // The tester's steps: a close before the take, and any step after today.
    let close = ["case", "close", &id, "--reason", "other"];
    refused(&with(&close, "2026-01-01"), BEFORE);
    refused(&with(&close, "2100-12-31"), FUTURE);
    refused(&with(&close, &future), FUTURE);
    refused(
        &with(&["case", "take", &id, "--operator", "B"], "2026-11-03"),
        BEFORE,
    );
    for args in [
        vec!["case", "take", &id, "--operator", "B"],
        vec!["case", "goal", &id, "--add", "a house"],
        vec!["case", "goal", &id, "--done", &goal],
        vec!["case", "goal", &id, "--drop", &goal],
        vec!["referral", "outcome", &id, "r1", "accepted"],
        vec!["followup", "done", &id, "f1"],
    ] {
        refused(&with(&args, &future), FUTURE);
    }
    let encounter = ["case", "encounter", &id, "--date", future.as_str()];
    let line = one_line_error(&d.run(&encounter, None));
    assert!(line.contains(FUTURE), "{line}");
    assert_eq!(stored(&d, &id), before, "a refused step changes nothing");
    // A due date is no step: it may be ahead.
    d.json(&["followup", "add", &id, "--due", &future], None);
    d.json(
        &["followup", "move", &id, "f1", "--due", "2099-01-01"],
        None,
    );

    ok(&with(&close, "2026-11-05"));
    let closed = stored(&d, &id);
    let reopen = ["case", "reopen", &id];
    refused(&with(&reopen, "1900-01-01"), BEFORE);
    refused(&with(&reopen, "2026-11-04"), BEFORE);
    refused(&with(&reopen, "2100-12-31"), FUTURE);
    // In Italian and in Arabic.
    let mut it = vec!["--lang".to_owned(), "it".to_owned()];
    it.extend(with(&reopen, "2100-12-31"));
    refused(&it, "successiva a oggi");
    let mut ar = vec!["--lang".to_owned(), "ar".to_owned()];
    ar.extend(with(&reopen, "2100-12-31"));
    refused(&ar, "بعد اليوم");
    assert_eq!(stored(&d, &id), closed);
    // The same day as the step it follows, and today, are fine.
    ok(&with(&reopen, "2026-11-05"));
    ok(&with(
        &["case", "goal", &id, "--done", &goal],
        &days_from_now(0),
    ));
    d.json(
        &["case", "close", &id, "--reason", "other", "--by", "A"],
        None,
    );
    let kinds: Vec<String> = timeline(&d, &id)
        .into_iter()
        .filter(|t| t.1 == "case")
        .map(|t| t.2)
        .collect();
    assert_eq!(
        kinds,
        [
            "goal_set",
            "taken_in_charge",
            "closed",
            "reopened",
            "goal_done",
            "closed"
        ]
    );
}
