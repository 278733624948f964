//! Small helpers: today's date, dates and times of day as the UI language writes them,
//! isolation of Latin runs in right-to-left text, entry ids, JSON access.

use ponte_model::record;
use serde_json::Value;

/// This month so far: its first day and today (`YYYY-MM-DD`), a report's first period.
pub fn this_month() -> (String, String) {
    let today = today();
    (format!("{}-01", &today[..7]), today)
}

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

/// The local calendar day of a moment (ms since the epoch), `YYYY-MM-DD`.
fn local_day(ms: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// A moment to come, local time: `HH:MM` when it is today, else the date in the UI
/// language's format and `HH:MM` (the working day's PIN set late in the evening may run
/// past midnight).
pub fn until(ms: i64) -> String {
    let day = local_day(ms);
    if day == today() {
        clock(ms)
    } else {
        date_time(ms)
    }
}

/// A moment (ms since the epoch), local time, as the UI language writes a date, then
/// `HH:MM`: `24/11/2026 18:04`.
pub fn date_time(ms: i64) -> String {
    let day = local_day(ms);
    format!("{} {}", date(&day), clock(ms))
}

/// Month abbreviations of the English date format.
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The right-to-left mark CLDR puts after each number of an Arabic date, so that the
/// day stays at the right (the reading start) with the year at the left.
const RLM: char = '\u{200f}';

/// A stored date (`YYYY-MM-DD`) as the UI language writes it: the one date format of
/// every screen (a value that is not such a date is shown as it is).
///
/// - `it`: `24/11/2026`
/// - `en`: `24 Nov 2026` (day first and the month in letters: an English reader from
///   anywhere reads it the same way, which `11/24` or `24/11` does not give)
/// - `ar`: `24/11/2026` read from the right (CLDR's `d‏/M‏/y`: a right-to-left mark
///   after each number), with the Western digits the rest of the screens use and the
///   Maghreb's Arabic writes.
pub fn date(iso: &str) -> String {
    date_in(&leptos::prelude::Get::get(&crate::i18n::locale()), iso)
}

/// [`date`] in the language `lang`.
pub fn date_in(lang: &str, iso: &str) -> String {
    let Some((y, m, d)) = parse_iso(iso) else {
        return iso.to_owned();
    };
    match lang {
        "en" => format!("{d} {} {y:04}", EN_MONTHS[m as usize - 1]),
        "ar" => format!("{d:02}{RLM}/{m:02}{RLM}/{y:04}"),
        _ => format!("{d:02}/{m:02}/{y:04}"),
    }
}

fn parse_iso(iso: &str) -> Option<(u32, u32, u32)> {
    let mut parts = iso.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// A date typed in the UI language's format (or as `YYYY-MM-DD`), as `YYYY-MM-DD`:
/// day, month (a number, or in English its name) and year, in that order, between any
/// separators. Arabic-Indic and Eastern Arabic-Indic digits (as an Arabic or Urdu
/// keyboard types them) count as the digits they are.
pub fn parse_date(text: &str) -> Option<String> {
    let text: String = text
        .chars()
        .filter(|c| *c != RLM)
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => {
                char::from_u32(u32::from(c) - 0x0660 + u32::from('0')).unwrap_or(c)
            }
            '\u{06F0}'..='\u{06F9}' => {
                char::from_u32(u32::from(c) - 0x06F0 + u32::from('0')).unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    if let Some((y, m, d)) = parse_iso(text.trim()) {
        return Some(format!("{y:04}-{m:02}-{d:02}"));
    }
    let parts: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let d: u32 = d.parse().ok()?;
    let m: u32 = m.parse().ok().or_else(|| {
        let lower = m.to_lowercase();
        EN_MONTHS
            .iter()
            .position(|name| lower.starts_with(&name.to_lowercase()))
            .and_then(|i| u32::try_from(i + 1).ok())
    })?;
    let y: u32 = y.parse().ok()?;
    let y = if y < 100 { 2000 + y } else { y };
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=2200).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Right-to-left text with its Latin runs ("(Numero Verde Antitratta)", "Ponte",
/// "XLSX") each in a left-to-right isolate, so that a run keeps its order and its
/// brackets are not mirrored or split from it. Text inside isolates already there (the
/// arguments Fluent isolates) is left as it is; a run's trailing spaces and sentence
/// punctuation stay outside it, where the right-to-left sentence puts them.
pub fn isolate_latin(text: &str) -> String {
    const LRI: char = '\u{2066}';
    const PDI: char = '\u{2069}';
    let is_isolate_open = |c: char| matches!(c, '\u{2066}'..='\u{2068}');
    let is_rtl = |c: char| matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}');
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_isolate_open(c) {
            // Copy an existing isolate through its matching PDI.
            let mut depth = 0;
            while i < chars.len() {
                let c = chars[i];
                out.push(c);
                i += 1;
                if is_isolate_open(c) {
                    depth += 1;
                } else if c == PDI {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            continue;
        }
        let starts = c.is_ascii_alphabetic()
            || (matches!(c, '(' | '"' | '[')
                && chars.get(i + 1).is_some_and(char::is_ascii_alphabetic));
        if !starts {
            out.push(c);
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len()
            && !is_rtl(chars[end])
            && !is_isolate_open(chars[end])
            && chars[end] != PDI
            && chars[end] != '\n'
        {
            end += 1;
        }
        // Leave trailing spaces, sentence punctuation and unmatched brackets outside.
        loop {
            let run = &chars[i..end];
            let opens = run.iter().filter(|c| **c == '(').count();
            let closes = run.iter().filter(|c| **c == ')').count();
            match run.last() {
                Some(c)
                    if c.is_whitespace()
                        || matches!(c, '.' | ',' | ':' | ';' | '!' | '?' | '(' | '"' | '[') =>
                {
                    end -= 1
                }
                Some(')') if closes > opens => end -= 1,
                _ => break,
            }
        }
        if end <= i {
            out.push(c);
            i += 1;
            continue;
        }
        let run: String = chars[i..end].iter().collect();
        if run.chars().any(|c| c.is_ascii_alphabetic()) {
            out.push(LRI);
            out.push_str(&run);
            out.push(PDI);
        } else {
            out.push_str(&run);
        }
        i = end;
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

/// Whether `s` is a record id (32 lowercase hex digits), as a place of the team's list
/// is named, rather than an older typed code.
pub fn is_record_id(s: &str) -> bool {
    s.len() == 32 && s.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}
