//! Concurrent edits of one field, end to end through the `ponte` binary and a real
//! relay: two devices of a team set the same fields of a person while apart (a
//! top-level field and a follow-up's note), sync both ways, and each lists the
//! conflicts under `person show`'s `conflicts` with both values and the devices that
//! wrote them; fields each set alone are no conflict. The shown record is accepted
//! back by `person edit`; resolving on one device (a device's value, or another) ends
//! the conflict on both after sync, and is audited as an edit. Two devices adding the
//! first case event of a person while apart both keep theirs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use ponte_tests::{Device, Relay, one_line_error, team};
use serde_json::{Value, json};

/// Written in a conflicting field: never in an error line.
const MARKER: &str = "QXCONFLICTMARKERQX";

fn show(d: &Device, id: &str) -> Value {
    d.json(&["person", "show", id], None)
}

fn sync(d: &Device) {
    d.json(&["sync"], None);
}

/// This device's id (the one its audit log names) and its name in the team.
fn me(d: &Device) -> (String, String) {
    let log = d.json(&["audit"], None);
    let id = log["entries"][0]["device"].as_str().unwrap().to_owned();
    let listed = d.json(&["devices"], None);
    let name = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["device"] == id.as_str())
        .unwrap_or_else(|| panic!("{id} not in {listed}"))["name"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, name)
}

/// `{path: {(value, device, name)}}` of a shown record's conflicts, and each kept value.
type Listed = Vec<(String, Value, BTreeSet<(String, String, String)>)>;

fn conflicts(shown: &Value) -> Listed {
    let Some(list) = shown.get("conflicts") else {
        return Vec::new();
    };
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let values = c["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    (
                        v["value"].to_string(),
                        v["device"].as_str().unwrap().to_owned(),
                        v["name"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect();
            (
                c["path"].as_str().unwrap().to_owned(),
                c["kept"].clone(),
                values,
            )
        })
        .collect()
}

/// The value at a dotted path of a shown record.
fn at(shown: &Value, path: &str) -> Value {
    path.split('.').fold(shown.clone(), |v, k| v[k].clone())
}

fn audited_edits(d: &Device, id: &str) -> usize {
    d.json(&["audit"], None)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "edit" && e["record"] == id)
        .count()
}

#[test]
fn a_field_set_on_two_devices_apart_shows_both_values_until_one_is_chosen() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (a, b) = (&devices[0], &devices[1]);
    let (a_id, a_name) = me(a);
    let (b_id, b_name) = me(b);
    assert_ne!(a_id, b_id);

    let id = a.add(
        "person",
        &json!({"alias": "Gurpreet", "phone": "+39 333 000 0000",
                "followups": {"f1": {"due": "2026-12-01"}}}),
    );
    sync(a);
    sync(b);
    assert_eq!(show(b, &id)["alias"], "Gurpreet");
    assert!(show(b, &id).get("conflicts").is_none());

    // Apart: both set the phone and the follow-up's note; each sets one field alone.
    let edit = |d: &Device, patch: Value| {
        d.json(
            &["person", "edit", &id, "--json", "-"],
            Some(&patch.to_string()),
        );
    };
    let a_note = format!("from the supervisor {MARKER}");
    edit(
        a,
        json!({"phone": "+39 333 111 1111", "employer_area": "Sabaudia",
               "followups": {"f1": {"note": a_note}}}),
    );
    edit(
        b,
        json!({"phone": "+39 333 222 2222", "nationality": "IN",
               "followups": {"f1": {"note": "from the phone"}}}),
    );
    sync(a);
    sync(b);
    sync(a);

    let expected = |path: &str, a_value: Value, b_value: Value| {
        let values: BTreeSet<_> = [
            (a_value.to_string(), a_id.clone(), a_name.clone()),
            (b_value.to_string(), b_id.clone(), b_name.clone()),
        ]
        .into();
        (path.to_owned(), values)
    };
    let want = vec![
        expected("followups.f1.note", json!(a_note), json!("from the phone")),
        expected(
            "phone",
            json!("+39 333 111 1111"),
            json!("+39 333 222 2222"),
        ),
    ];
    let on_a = show(a, &id);
    let on_b = show(b, &id);
    for shown in [&on_a, &on_b] {
        // Both fields set alone merged, without a conflict.
        assert_eq!(shown["employer_area"], "Sabaudia");
        assert_eq!(shown["nationality"], "IN");
        let listed = conflicts(shown);
        let got: Vec<_> = listed
            .iter()
            .map(|(path, _, values)| (path.clone(), values.clone()))
            .collect();
        assert_eq!(got, want, "{shown}");
        // The kept value is the one the record shows, the same on both devices.
        for (path, kept, _) in &listed {
            assert_eq!(*kept, at(shown, path), "{path}");
        }
    }
    assert_eq!(on_a["conflicts"], on_b["conflicts"]);

    // The shown record, conflicts and all, is accepted back by `person edit`, and
    // resubmitting it chooses nothing.
    b.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&on_b.to_string()),
    );
    assert_eq!(conflicts(&show(b, &id)).len(), 2);

    // A path without a conflict, and a device that wrote none of the values, are
    // refused with one translated line that names no value.
    let resolve = |args: &[&str]| {
        let mut all = vec!["person", "resolve", id.as_str()];
        all.extend_from_slice(args);
        b.run(&all, None)
    };
    for (args, code_text) in [
        (
            vec!["--path", "employer_area", "--value", "\"x\""],
            "no conflict",
        ),
        (
            vec![
                "--path",
                "phone",
                "--value-of",
                "00112233445566778899aabbccddeeff",
            ],
            "device",
        ),
    ] {
        let line = one_line_error(&resolve(&args));
        assert!(line.contains(code_text), "{line}");
        assert!(!line.contains(MARKER) && !line.contains("+39"), "{line}");
    }

    // Resolved on the phone: the supervisor's phone number, and a new note.
    let edits_before = audited_edits(b, &id);
    b.json(
        &[
            "person",
            "resolve",
            &id,
            "--path",
            "phone",
            "--value-of",
            &a_id,
        ],
        None,
    );
    b.json(
        &[
            "person",
            "resolve",
            &id,
            "--path",
            "followups.f1.note",
            "--value",
            "\"agreed on the phone\"",
        ],
        None,
    );
    assert_eq!(audited_edits(b, &id), edits_before + 2);
    sync(b);
    sync(a);
    for d in [a, b] {
        let shown = show(d, &id);
        assert!(shown.get("conflicts").is_none(), "{shown}");
        assert_eq!(shown["phone"], "+39 333 111 1111");
        assert_eq!(shown["followups"]["f1"]["note"], "agreed on the phone");
        assert_eq!(shown["nationality"], "IN");
    }
}

#[test]
fn the_first_case_steps_added_on_two_devices_apart_are_all_kept() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (a, b) = (&devices[0], &devices[1]);
    // A person made before the case: no case collection in it yet.
    let id = a.add(
        "person",
        &json!({"alias": "Karim", "status": {"code": "interviewed"}}),
    );
    sync(a);
    sync(b);

    // Apart: the supervisor takes the case in charge, the phone sets a goal.
    let took = a.json(&["case", "take", &id, "--operator", "Anna Rossi"], None);
    let goal = b.json(&["case", "goal", &id, "--add", "renew the permit"], None)["goal"]
        .as_str()
        .unwrap()
        .to_owned();
    sync(a);
    sync(b);
    sync(a);

    let events = |d: &Device| -> BTreeSet<String> {
        show(d, &id)["case_events"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    let took_event = took["event"].as_str().unwrap().to_owned();
    for d in [a, b] {
        let shown = show(d, &id);
        assert!(shown.get("conflicts").is_none(), "{shown}");
        let kinds: BTreeSet<String> = shown["case_events"]
            .as_object()
            .unwrap()
            .values()
            .map(|e| e["kind"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            kinds,
            ["goal_set", "taken_in_charge"]
                .into_iter()
                .map(str::to_owned)
                .collect::<BTreeSet<_>>(),
            "{shown}"
        );
        assert!(events(d).contains(&took_event));
        assert_eq!(shown["case_goals"][&goal]["state"], "open", "{shown}");
        assert_eq!(shown["plan"]["assigned_to"], "Anna Rossi");
    }

    // The next steps, on either device, keep every earlier one.
    let before = events(a);
    a.json(&["case", "goal", &id, "--done", &goal], None);
    b.json(&["case", "goal", &id, "--add", "find a lawyer"], None);
    sync(a);
    sync(b);
    sync(a);
    for d in [a, b] {
        let now = events(d);
        assert!(now.is_superset(&before), "{now:?} {before:?}");
        assert_eq!(now.len(), before.len() + 2, "{now:?}");
        let shown = show(d, &id);
        assert_eq!(shown["case_goals"][&goal]["state"], "done", "{shown}");
        assert_eq!(shown["case_goals"].as_object().unwrap().len(), 2);
        assert!(shown.get("conflicts").is_none(), "{shown}");
    }
}
