//! Small helpers: today's date, times of day, entry ids, JSON access.

use ponte_model::record;
use serde_json::Value;

/// Today's local date as `YYYY-MM-DD`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// `HH:MM` of a time in ms since the epoch, local time.
pub fn clock(ms: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// A moment to come, local time: `HH:MM` when it is today, else `YYYY-MM-DD HH:MM`
/// (the working day's PIN set late in the evening may run past midnight).
pub fn until(ms: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let day = format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    );
    if day == today() {
        clock(ms)
    } else {
        format!("{day} {}", clock(ms))
    }
}

/// A fresh entry id for a collection (`consents`, `encounters`, ...): a letter and 12
/// random hex digits, so two devices never pick the same one.
pub fn entry_id(prefix: char) -> String {
    let mut out = String::from(prefix);
    for _ in 0..12 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let digit = (js_sys::Math::random() * 16.0) as u32 % 16;
        out.push(char::from_digit(digit, 16).unwrap_or('0'));
    }
    out
}

/// The string at a `/`-separated path, or "": the form binding that [`set_at`] writes
/// back (a stored record is read with `ponte_model::record`).
pub fn text_at(v: &Value, path: &str) -> String {
    v.pointer(path)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Set `value` at a `/`-separated path of objects, creating the objects on the way;
/// an empty string becomes `null`, which a merge patch reads as "remove".
pub fn set_at(v: &mut Value, path: &str, value: Value) {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut cur = v;
    for (i, part) in parts.iter().enumerate() {
        if !cur.is_object() {
            *cur = Value::Object(serde_json::Map::new());
        }
        let Some(map) = cur.as_object_mut() else {
            return;
        };
        if i + 1 == parts.len() {
            let value = if value.as_str() == Some("") {
                Value::Null
            } else {
                value
            };
            map.insert((*part).to_owned(), value);
            return;
        }
        cur = map
            .entry((*part).to_owned())
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
    }
}

/// The codes in a set field (`languages`, `needs`), without duplicates, owned (for a
/// form's draft that edits them; see `ponte_model::record::codes`).
pub fn codes(v: &Value, key: &str) -> Vec<String> {
    record::codes(v, key)
        .into_iter()
        .map(str::to_owned)
        .collect()
}
