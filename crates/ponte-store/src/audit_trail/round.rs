//! A round's text: a line an entry ([`encode_round`], [`decode_round`]), and a
//! trail's rounds read back.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ponte_model::validate::is_audit_word;
use serde_json::Value;

use super::TrailEntry;

/// A round's text: one line per entry, each ended by `\n`, numbers in decimal.
///
/// - A full line: `<seq - previous seq> <at - previous at> <action> <kind|-> <record|->`
///   and, if the entry has a detail, a space and the detail (`\` written `\\`, a line
///   break `\n`). The previous values are 0 on a round's first line.
/// - A short line, for an entry with the same action and kind as the line before, the
///   next `seq` and no detail (a run of views, an import's creates): `<at - previous at>
///   <record|->`.
///
/// A record id is its 16 bytes in unpadded URL-safe base64 (22 characters); `-` is none.
/// `n` is not written: the round's key gives its first.
pub fn encode_round(entries: &[TrailEntry]) -> String {
    let mut out = String::new();
    let mut prev: Option<&TrailEntry> = None;
    for e in entries {
        let (seq, at) = prev.map_or((0, 0), |p| (p.seq, p.at));
        let dat = e.at.saturating_sub(at);
        let record = e
            .record
            .as_deref()
            .and_then(|r| hex::decode(r).ok())
            .filter(|b| b.len() == 16)
            .map_or_else(|| "-".to_owned(), |b| URL_SAFE_NO_PAD.encode(b));
        let short = e.detail.is_none()
            && prev.is_some_and(|p| {
                p.action == e.action && p.kind == e.kind && Some(e.seq) == p.seq.checked_add(1)
            });
        if short {
            out.push_str(&format!("{dat} {record}\n"));
        } else {
            let kind = e.kind.as_deref().unwrap_or("-");
            out.push_str(&format!(
                "{} {dat} {} {kind} {record}",
                e.seq.saturating_sub(seq),
                e.action
            ));
            if let Some(detail) = &e.detail {
                out.push(' ');
                out.push_str(&escape(detail));
            }
            out.push('\n');
        }
        prev = Some(e);
    }
    out
}

/// The entries of the round whose first is number `first`, or `None` if a line does
/// not read ([`encode_round`] says how they are written).
pub fn decode_round(first: u64, text: &str) -> Option<Vec<TrailEntry>> {
    let word = |s: &str| (!s.is_empty() && is_audit_word(s)).then(|| s.to_owned());
    let opt_word = |s: &str| {
        if s == "-" {
            Some(None)
        } else {
            word(s).map(Some)
        }
    };
    let record = |s: &str| -> Option<Option<String>> {
        if s == "-" {
            return Some(None);
        }
        let bytes = URL_SAFE_NO_PAD.decode(s).ok().filter(|b| b.len() == 16)?;
        Some(Some(hex::encode(bytes)))
    };
    let mut out: Vec<TrailEntry> = Vec::new();
    for line in text.split_terminator('\n') {
        let n = first.checked_add(u64::try_from(out.len()).ok()?)?;
        let prev = out.last();
        let (seq, at) = prev.map_or((0, 0), |p| (p.seq, p.at));
        let fields: Vec<&str> = line.splitn(6, ' ').collect();
        let entry = match fields.as_slice() {
            [dat, rec] => {
                let p = prev?;
                TrailEntry {
                    n,
                    seq: p.seq.checked_add(1)?,
                    at: at.checked_add(dat.parse().ok()?)?,
                    action: p.action.clone(),
                    kind: p.kind.clone(),
                    record: record(rec)?,
                    detail: None,
                }
            }
            [dseq, dat, action, kind, rec, rest @ ..] => {
                let detail = match rest.first() {
                    Some(d) => Some(unescape(d)?),
                    None => None,
                };
                TrailEntry {
                    n,
                    seq: seq.checked_add(dseq.parse().ok()?)?,
                    at: at.checked_add(dat.parse().ok()?)?,
                    action: word(action)?,
                    kind: opt_word(kind)?,
                    record: record(rec)?,
                    detail,
                }
            }
            _ => return None,
        };
        if entry.seq < 0 || entry.at < 0 {
            return None;
        }
        out.push(entry);
    }
    (!out.is_empty() && text.ends_with('\n')).then_some(out)
}

/// A detail as a line holds it: `\` written `\\`, a line break `\n`.
fn escape(detail: &str) -> String {
    detail.replace('\\', "\\\\").replace('\n', "\\n")
}

/// A detail as a line holds it, read back (`None`: a lone or unknown escape).
fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// A trail's entries from its JSON, sorted by `n`, and how many rounds could not be
/// read.
pub fn trail_entries(json: &Value) -> (Vec<TrailEntry>, usize) {
    let mut out = Vec::new();
    let mut malformed = 0;
    if let Some(map) = json.get("rounds").and_then(Value::as_object) {
        for (key, value) in map {
            let round = key
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .zip(value.as_str())
                .and_then(|(n, text)| decode_round(n, text));
            match round {
                Some(entries) => out.extend(entries),
                None => malformed += 1,
            }
        }
    }
    out.sort_by_key(|e| e.n);
    (out, malformed)
}

/// The number of a trail's last entry (0: none) and that entry, from its last round
/// (a round that does not read counts its lines).
pub(super) fn last_of(json: &Value) -> (u64, Option<TrailEntry>) {
    let last = json
        .get("rounds")
        .and_then(Value::as_object)
        .and_then(|rounds| {
            rounds
                .iter()
                .filter_map(|(key, v)| Some((key.parse::<u64>().ok()?, v.as_str()?)))
                .max_by_key(|(n, _)| *n)
        });
    let Some((first, text)) = last else {
        return (0, None);
    };
    match decode_round(first, text) {
        Some(mut entries) => {
            let e = entries.pop();
            (e.as_ref().map_or(first, |e| e.n), e)
        }
        None => {
            let lines = u64::try_from(text.split_terminator('\n').count()).unwrap_or(0);
            (first.saturating_add(lines.saturating_sub(1)), None)
        }
    }
}
