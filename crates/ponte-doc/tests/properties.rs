//! Property tests: JSON survives the trip through an Automerge document and its saved
//! bytes; a patch applied to the document gives what RFC 7396 gives on plain JSON;
//! two devices' concurrent edits converge whatever order they merge in; and bytes
//! declaring more operations or live values than a change or a record may hold are
//! refused from their run lengths, whatever their shape and number.

#![allow(clippy::unwrap_used)]

#[path = "support/op_bombs.rs"]
mod op_bombs;

use ponte_doc::{
    DocError, MAX_CHANGE_OPS, MAX_LIVE_VALUES, MAX_RECORD_OPS, RecordDoc, merge_patch,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("alias".to_owned()),
        Just("notes".to_owned()),
        Just("note".to_owned()),
        Just("status".to_owned()),
        Just("languages".to_owned()),
        "[a-z]{1,6}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        "\\PC{0,20}".prop_map(Value::String),
    ]
}

/// JSON objects without nulls (a stored record never holds null).
fn object(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        scalar(),
        prop::collection::vec(scalar(), 0..4).prop_map(Value::Array)
    ];
    let value = if depth == 0 {
        leaf.boxed()
    } else {
        prop_oneof![leaf, object(depth - 1)].boxed()
    };
    // At least one key: documents leave empty objects out.
    prop::collection::btree_map(key(), value, 1..5)
        .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>()))
        .boxed()
}

/// A merge patch: like an object, but values may be null (delete).
fn patch(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        scalar(),
        prop::collection::vec(scalar(), 0..3).prop_map(Value::Array)
    ];
    let value = if depth == 0 {
        leaf.boxed()
    } else {
        prop_oneof![leaf, patch(depth - 1)].boxed()
    };
    prop::collection::btree_map(key(), value, 0..4)
        .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>()))
        .boxed()
}

/// RFC 7396 leaves no nulls in the result except inside replaced arrays; a patch
/// object applied to a missing key keeps its nulls in plain JSON, the document drops them.
/// Documents also leave out empty objects and empty free text.
fn strip_nulls(v: &mut Value) {
    if let Value::Object(m) = v {
        m.retain(|_, x| !x.is_null());
        m.values_mut().for_each(strip_nulls);
        m.retain(|k, x| match x {
            Value::Object(o) => !o.is_empty(),
            Value::String(s) => !(s.is_empty() && ponte_doc::TEXT_KEYS.contains(&k.as_str())),
            _ => true,
        });
    }
}

/// Sort and deduplicate every array of scalars.
fn as_sets(v: &mut Value) {
    match v {
        Value::Object(m) => m.values_mut().for_each(as_sets),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.sort_by_key(Value::to_string);
            items.dedup();
        }
        Value::Array(items) => items.iter_mut().for_each(as_sets),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trips_through_save_and_load(value in object(2)) {
        let mut value = value;
        strip_nulls(&mut value);
        let mut doc = RecordDoc::from_json(b"a", &value).unwrap();
        prop_assert_eq!(&doc.to_json(), &value);
        let loaded = RecordDoc::load(&doc.save(), b"b").unwrap();
        prop_assert_eq!(loaded.to_json(), value);
    }

    #[test]
    fn patching_the_document_equals_rfc7396_on_json(start in object(2), p in patch(2)) {
        let mut doc = RecordDoc::from_json(b"a", &start).unwrap();
        doc.apply_patch(&p).unwrap();
        let mut expected = start.clone();
        merge_patch(&mut expected, &p);
        strip_nulls(&mut expected);
        // Arrays of scalars are sets: compare them as sets.
        let mut actual = doc.to_json();
        as_sets(&mut actual);
        as_sets(&mut expected);
        prop_assert_eq!(actual, expected);
    }

    #[test]
    fn concurrent_patches_converge_in_any_merge_order(start in object(1), pa in patch(1), pb in patch(1)) {
        let mut base = RecordDoc::from_json(b"base", &start).unwrap();
        let mut a = base.fork(b"device-a");
        let mut b = base.fork(b"device-b");
        a.apply_patch(&pa).unwrap();
        b.apply_patch(&pb).unwrap();
        let change_a = a.take_change();
        let change_b = b.take_change();
        // a learns b's change; b learns a's change; a third copy gets both, b first.
        a.merge_bytes(&change_b).unwrap();
        b.merge_bytes(&change_a).unwrap();
        let mut c = RecordDoc::load(&base.save(), b"device-c").unwrap();
        c.merge_bytes(&change_b).unwrap();
        c.merge_bytes(&change_a).unwrap();
        prop_assert_eq!(a.to_json(), b.to_json());
        prop_assert_eq!(a.to_json(), c.to_json());
    }

    #[test]
    fn entries_added_to_a_new_collection_on_two_devices_all_survive_and_conflicts_agree(
        start in object(1),
        pa in patch(1),
        pb in patch(1),
        ea in prop::collection::btree_set("[a-z]{1,4}", 1..4),
        eb in prop::collection::btree_set("[a-z]{1,4}", 1..4),
    ) {
        let entries = |prefix: &str, ids: &std::collections::BTreeSet<String>| {
            let map: Map<String, Value> = ids
                .iter()
                .map(|id| (format!("{prefix}{id}"), serde_json::json!({"by": prefix})))
                .collect();
            serde_json::json!({"case_events": map})
        };
        let mut base = RecordDoc::from_json(b"base", &start).unwrap();
        let mut a = base.fork(b"device-a");
        let mut b = base.fork(b"device-b");
        a.apply_patch(&pa).unwrap();
        a.apply_patch(&entries("a", &ea)).unwrap();
        b.apply_patch(&pb).unwrap();
        b.apply_patch(&entries("b", &eb)).unwrap();
        let change_a = a.take_change();
        let change_b = b.take_change();
        a.merge_bytes(&change_b).unwrap();
        b.merge_bytes(&change_a).unwrap();
        let mut c = RecordDoc::load(&base.save(), b"device-c").unwrap();
        c.merge_bytes(&change_b).unwrap();
        c.merge_bytes(&change_a).unwrap();
        // One record and one list of conflicts on every device.
        prop_assert_eq!(a.to_json(), b.to_json());
        prop_assert_eq!(a.to_json(), c.to_json());
        prop_assert_eq!(a.conflicts(), b.conflicts());
        prop_assert_eq!(a.conflicts(), c.conflicts());
        // Every entry either device added is there.
        let mut want: Vec<String> = ea.iter().map(|e| format!("a{e}")).collect();
        want.extend(eb.iter().map(|e| format!("b{e}")));
        want.sort();
        let mut got: Vec<String> = a.to_json()["case_events"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        got.sort();
        prop_assert_eq!(got, want);
        for conflict in a.conflicts() {
            prop_assert!(conflict.values.len() >= 2);
            prop_assert_eq!(&conflict.values[0].value, &conflict.kept);
        }
        // Keeping each kept value ends every conflict, on both devices, and changes
        // nothing else.
        let before = a.to_json();
        for conflict in a.conflicts() {
            a.put_at(&conflict.path, &conflict.kept).unwrap();
        }
        b.merge_bytes(&a.take_change()).unwrap();
        prop_assert_eq!(a.conflicts(), vec![]);
        prop_assert_eq!(b.conflicts(), vec![]);
        prop_assert_eq!(a.to_json(), before);
        prop_assert_eq!(b.to_json(), a.to_json());
    }
}

/// Count paths a tally steps.
fn count_path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("people_met.women".to_owned()),
        Just("people_met.total".to_owned()),
        Just("nationalities.NG".to_owned()),
        Just("materials.water".to_owned()),
    ]
}

fn steps(sign: std::ops::Range<i64>) -> impl Strategy<Value = Vec<(String, i64)>> {
    proptest::collection::vec((count_path(), sign), 0..8)
}

fn sum_at(steps: &[(String, i64)], path: &str) -> i64 {
    steps
        .iter()
        .filter(|(p, _)| p == path)
        .map(|(_, d)| d)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Steps up made on two devices while apart add up, in whatever order the
    /// devices merge, and leave no conflict.
    #[test]
    fn counter_steps_on_two_devices_add_up(base in steps(0..4), a_steps in steps(1..5),
                                           b_steps in steps(1..5)) {
        let mut origin = RecordDoc::from_json(b"origin", &serde_json::json!({"date": "2026-01-01"})).unwrap();
        // Every count a counter before the devices part.
        let all: Vec<(String, i64)> = ["people_met.women", "people_met.total",
            "nationalities.NG", "materials.water"].iter().map(|p| ((*p).to_owned(), 0)).collect();
        origin.add_at(&all).unwrap();
        origin.add_at(&base).unwrap();
        let start = origin.to_json();
        let mut a = origin.fork(b"a");
        let mut b = origin.fork(b"b");
        for step in &a_steps {
            a.add_at(std::slice::from_ref(step)).unwrap();
        }
        for step in &b_steps {
            b.add_at(std::slice::from_ref(step)).unwrap();
        }
        let mut b2 = b.fork(b"b");
        a.merge(&mut b).unwrap();
        b2.merge(&mut a).unwrap();
        prop_assert_eq!(a.to_json(), b2.to_json());
        prop_assert_eq!(a.conflicts(), vec![]);
        for (path, _) in &all {
            let (group, key) = path.split_once('.').unwrap();
            let was = start[group][key].as_i64().unwrap();
            let want = was + sum_at(&a_steps, path) + sum_at(&b_steps, path);
            prop_assert_eq!(a.to_json()[group][key].as_i64().unwrap(), want, "{}", path);
        }
    }

    /// Steps up and down: the devices converge, no count reads below 0, and one
    /// device's steps read on it as `add_json` computes them on plain JSON.
    #[test]
    fn counter_steps_converge_and_never_read_below_zero(a_steps in steps(-3..4),
                                                        b_steps in steps(-3..4)) {
        let mut origin = RecordDoc::from_json(b"origin",
            &serde_json::json!({"people_met": {"women": 2, "total": 2}})).unwrap();
        let mut a = origin.fork(b"a");
        let mut b = origin.fork(b"b");
        let mut plain = a.to_json();
        for (path, delta) in &a_steps {
            a.add_at(&[(path.clone(), *delta)]).unwrap();
            ponte_doc::add_json(&mut plain, path, *delta);
        }
        prop_assert_eq!(a.to_json(), plain);
        for step in &b_steps {
            b.add_at(std::slice::from_ref(step)).unwrap();
        }
        let mut b2 = b.fork(b"b");
        a.merge(&mut b).unwrap();
        b2.merge(&mut a).unwrap();
        prop_assert_eq!(a.to_json(), b2.to_json());
        let json = a.to_json();
        for group in ["people_met", "nationalities", "materials"] {
            if let Some(map) = json.get(group).and_then(Value::as_object) {
                for n in map.values() {
                    prop_assert!(n.as_i64().unwrap() >= 0);
                }
            }
        }
    }
}

/// How a hostile run of operations travels: a change, a compressed change, a document
/// of live values, a document of inserted elements (as text).
#[derive(Debug, Clone, Copy)]
enum Form {
    Change,
    Compressed,
    Document,
    TextDocument,
}

/// A number of operations: within a change's limit, between it and a record's, or
/// anywhere past both (up to 2^50), the limits themselves and one past them.
fn op_count() -> impl Strategy<Value = u64> {
    let live = MAX_LIVE_VALUES as u64;
    let change = MAX_CHANGE_OPS as u64;
    let record = MAX_RECORD_OPS as u64;
    prop_oneof![
        1..=live,
        prop::sample::select(vec![live, live + 1, change, change + 1, record, record + 1]),
        live + 1..=record,
        record + 1..1 << 50,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The op-count bomb of security review 13 and its variants: refused as too large,
    /// before Automerge and in microseconds, exactly when they declare more than a
    /// change (`MAX_CHANGE_OPS`), a document (`MAX_RECORD_OPS`) or either of them in
    /// live map values (`MAX_LIVE_VALUES`) may hold; below, the framing lets them
    /// through (alone, and after a real change in one input). A change entry holds a
    /// change's worth, documents included; a snapshot a record's.
    #[test]
    fn declared_operations_are_bounded_whatever_their_layout(
        shape in prop::sample::select(op_bombs::SHAPES.to_vec()),
        n in op_count(),
        form in prop::sample::select(vec![
            Form::Change, Form::Compressed, Form::Document, Form::TextDocument,
        ]),
    ) {
        let live = MAX_LIVE_VALUES as u64;
        let (bytes, limit) = match form {
            Form::Change | Form::Compressed => {
                let change = op_bombs::change(b"m", n, shape);
                let limit = if shape.live() { live } else { MAX_CHANGE_OPS as u64 };
                match form {
                    Form::Change => (change, limit),
                    _ => (op_bombs::compressed(&change), limit),
                }
            }
            Form::Document => (op_bombs::document(b"m", n), live),
            Form::TextDocument => (op_bombs::inserts_document(b"m", n), MAX_RECORD_OPS as u64),
        };
        prop_assert!(bytes.len() < 200, "{} bytes", bytes.len());
        let mut real = RecordDoc::from_json(b"m", &serde_json::json!({"alias": "a"})).unwrap();
        let input = [real.take_change(), bytes.clone()].concat();
        let alone = ponte_doc::only_authored_by(&bytes, b"m");
        let after = ponte_doc::only_authored_by(&input, b"m");
        let as_change = ponte_doc::screen(&bytes, b"m", false);
        let as_snapshot = ponte_doc::screen(&bytes, b"m", true);
        if n > limit {
            for refused in [&alone, &after, &as_change, &as_snapshot] {
                prop_assert!(matches!(refused, Err(DocError::TooLarge)), "{:?}", refused);
            }
            let mut doc = RecordDoc::from_json(b"me", &serde_json::json!({"alias": "a"})).unwrap();
            prop_assert!(matches!(doc.merge_bytes(&bytes), Err(DocError::TooLarge)));
            prop_assert!(matches!(RecordDoc::load_local(&bytes, b"me"), Err(DocError::TooLarge)));
        } else {
            prop_assert!(alone.unwrap());
            prop_assert!(as_snapshot.unwrap());
            let document = matches!(form, Form::Document | Form::TextDocument);
            if document && n > MAX_CHANGE_OPS as u64 {
                prop_assert!(matches!(as_change, Err(DocError::TooLarge)), "{:?}", as_change);
            } else {
                prop_assert!(as_change.unwrap());
            }
            // With the real change's operations and value, one at the limit is one
            // too many; below it, they go together.
            if n < limit {
                prop_assert!(after.unwrap());
            }
        }
    }
}
