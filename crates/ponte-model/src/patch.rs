//! JSON merge patch (RFC 7396), the format of an edit to a record.
//!
//! An edit names only what changes: `null` deletes a field, an object merges into the
//! object it replaces, and anything else (a string, a number, an array) replaces the old
//! value whole. Because collections are objects keyed by entry id, adding a referral is the
//! patch `{"referrals": {"r7": {...}}}`, which leaves the other referrals alone.
//!
//! The store applies edits to its Automerge document itself; this function is the
//! reference semantics, and lets a caller validate the record an edit would produce before
//! making it.

use serde_json::{Map, Value};

/// Applies `patch` to `target` as RFC 7396 describes.
pub fn apply_merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(map) = target {
        for (key, value) in patch {
            if value.is_null() {
                map.remove(key);
            } else {
                apply_merge_patch(map.entry(key.as_str()).or_insert(Value::Null), value);
            }
        }
    }
}

/// The record `patch` would produce from `target`, leaving `target` untouched.
pub fn merge_patched(target: &Value, patch: &Value) -> Value {
    let mut out = target.clone();
    apply_merge_patch(&mut out, patch);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(target: Value, patch: Value, expected: Value) {
        assert_eq!(merge_patched(&target, &patch), expected, "patch {patch}");
    }

    #[test]
    fn rfc_7396_appendix_a() {
        check(json!({"a":"b"}), json!({"a":"c"}), json!({"a":"c"}));
        check(json!({"a":"b"}), json!({"b":"c"}), json!({"a":"b","b":"c"}));
        check(json!({"a":"b"}), json!({"a":null}), json!({}));
        check(
            json!({"a":"b","b":"c"}),
            json!({"a":null}),
            json!({"b":"c"}),
        );
        check(json!({"a":["b"]}), json!({"a":"c"}), json!({"a":"c"}));
        check(json!({"a":"c"}), json!({"a":["b"]}), json!({"a":["b"]}));
        check(
            json!({"a":{"b":"c"}}),
            json!({"a":{"b":"d","c":null}}),
            json!({"a":{"b":"d"}}),
        );
        check(json!({"a":[{"b":"c"}]}), json!({"a":[1]}), json!({"a":[1]}));
        check(json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"]));
        check(json!({"a":"b"}), json!(["c"]), json!(["c"]));
        check(json!({"a":"foo"}), json!(null), json!(null));
        check(json!({"a":"foo"}), json!("bar"), json!("bar"));
        check(json!({"e":null}), json!({"a":1}), json!({"e":null,"a":1}));
        check(json!([1, 2]), json!({"a":"b","c":null}), json!({"a":"b"}));
        check(
            json!({}),
            json!({"a":{"bb":{"ccc":null}}}),
            json!({"a":{"bb":{}}}),
        );
    }

    #[test]
    fn adding_an_entry_keeps_the_others() {
        check(
            json!({"referrals": {"r1": {"destination": "health"}}}),
            json!({"referrals": {"r2": {"destination": "shelter"}}}),
            json!({"referrals": {
                "r1": {"destination": "health"},
                "r2": {"destination": "shelter"}
            }}),
        );
    }
}
