//! List summaries: the small digest of a record that lists, search and filters read.
//!
//! Loading thousands of full documents to draw a list is too slow, so the store keeps an
//! encrypted [`Summary`] beside each record, rebuilt with [`summarize`] whenever the record
//! changes. It must stay small and quick to (de)serialize: field names are one letter
//! on the wire and empty fields are left out.
//!
//! [`summarize`] is total: it never fails, even on a record that validation would reject
//! (for example one produced by merging two devices' edits); it skips what it cannot read.
//!
//! Search is plain substring matching over [`Summary::search`], a [`normalize`]d
//! concatenation of the record's searchable text: lowercase, with Latin diacritics folded
//! (`à` -> `a`, `ß` -> `ss`) and whitespace collapsed, so `abdoul` finds "Àbdoul".

use crate::Kind;
use crate::record::{self, date_at, int_at, str_at};
use crate::screening::{RiskLevel, effective_risk};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a list row, a filter and a search need to know about a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The record's kind.
    #[serde(rename = "k")]
    pub kind: Kind,
    /// Person: alias. Outreach: `"<date> <place>"`. Service, place: name.
    #[serde(rename = "t")]
    pub title: String,
    /// Person: nationality (ISO 3166-1 alpha-2).
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// Language tags, without duplicates, in first-seen order.
    #[serde(rename = "l", default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Person: sex code, if stated.
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// Person: year of birth.
    #[serde(rename = "y", default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i64>,
    /// Person: sector code.
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// Person or outreach: listening point code.
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub listening_point: Option<String>,
    /// Person: status code.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Person: effective risk level (the override if any, else the derived level).
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskLevel>,
    /// Person: earliest due date (`YYYY-MM-DD`) among follow-ups not yet done.
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub next_followup: Option<String>,
    /// Person: what the follow-up due on [`Summary::next_followup`] is, when a rule made
    /// it (its `kind`, a `followup_kinds` code: `permit_renewal`); of two due that day,
    /// the first by entry id.
    #[serde(rename = "fk", default, skip_serializing_if = "Option::is_none")]
    pub next_followup_kind: Option<String>,
    /// Outreach: session date. Person: creation date.
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Service: service type code.
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    pub service_type: Option<String>,
    /// Person: [`STAGE_CONTACT`] for a quick contact that is not (yet) an intake,
    /// [`STAGE_INTAKE`] for every other person (an intake, or a contact that became
    /// one). `None` for other kinds.
    #[serde(rename = "st", default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Person, outreach: the id of the place of the team's list the record names
    /// (a person's `place_id`, else their first contact's; an outreach session's).
    #[serde(rename = "pi", default, skip_serializing_if = "Option::is_none")]
    pub place_id: Option<String>,
    /// Place: `place_types` code.
    #[serde(rename = "pt", default, skip_serializing_if = "Option::is_none")]
    pub place_type: Option<String>,
    /// Place: no longer used (`retired` set); kept so that old records still name it.
    #[serde(rename = "rt", default, skip_serializing_if = "is_false")]
    pub retired: bool,
    /// Normalized searchable text (see [`normalize`]).
    #[serde(rename = "q", default, skip_serializing_if = "String::is_empty")]
    pub search: String,
}

/// [`Summary::stage`] of a quick contact that is not an intake.
pub const STAGE_CONTACT: &str = "contact";
/// [`Summary::stage`] of every other person.
pub const STAGE_INTAKE: &str = "intake";

fn is_false(b: &bool) -> bool {
    !*b
}

/// A list filter. Every field that is `Some` must match; `None` matches anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// Free text: every whitespace-separated term, normalized, must occur in
    /// [`Summary::search`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Only records of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Only people with this status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Only people with exactly this effective risk level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskLevel>,
    /// Only records of this listening point: its free-text label as older records
    /// carry it, or a place's record id (`place_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listening_point: Option<String>,
    /// With `listening_point`: the id of the place of the list it names, whose
    /// records match too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_id: Option<String>,
    /// Only people of this nationality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
}

impl Summary {
    /// Whether this record is at the listening point `q` names (any, when none): by
    /// its label, or by its place of the list.
    fn at_place(&self, q: &Query) -> bool {
        let Some(want) = &q.listening_point else {
            return true;
        };
        let place = self.place_id.as_ref();
        self.listening_point.as_ref() == Some(want)
            || place == Some(want)
            || q.place_id.as_ref().is_some_and(|p| place == Some(p))
    }

    /// Whether this record passes the filter `q`.
    pub fn matches(&self, q: &Query) -> bool {
        fn same(want: Option<&String>, have: Option<&String>) -> bool {
            want.is_none_or(|w| have == Some(w))
        }
        if q.kind.is_some_and(|k| k != self.kind)
            || q.risk.is_some_and(|r| self.risk != Some(r))
            || !same(q.status.as_ref(), self.status.as_ref())
            || !self.at_place(q)
            || !same(q.nationality.as_ref(), self.nationality.as_ref())
        {
            return false;
        }
        match &q.text {
            None => true,
            Some(text) => normalize(text)
                .split_whitespace()
                .all(|term| self.search.contains(term)),
        }
    }
}

/// The `kind` of the open follow-up due first (of two due the same day, the first by
/// entry id), when it has one of the vocabulary.
fn next_followup_kind(person: &Value) -> Option<String> {
    record::entries(person, "followups")
        .into_iter()
        .filter(|(_, f)| str_at(f, "done").is_none())
        .filter_map(|(id, f)| date_at(f, "due").map(|due| (due, id, f)))
        .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
        .and_then(|(_, _, f)| str_at(f, "kind"))
        .filter(|k| crate::vocab::is_followup_kind(k))
        .map(str::to_owned)
}

/// Builds the summary of a record of `kind`. Never fails: fields it cannot read are left
/// empty.
pub fn summarize(kind: Kind, record: &Value) -> Summary {
    let mut s = Summary {
        kind,
        title: String::new(),
        nationality: None,
        languages: languages(record),
        sex: None,
        birth_year: None,
        sector: None,
        listening_point: string(record, "listening_point"),
        status: None,
        risk: None,
        next_followup: None,
        next_followup_kind: None,
        date: None,
        service_type: None,
        stage: None,
        place_id: None,
        place_type: None,
        retired: false,
        search: String::new(),
    };
    let mut searchable: Vec<&str> = Vec::new();
    match kind {
        Kind::Person => {
            s.title = string(record, "alias").unwrap_or_default();
            s.nationality = string(record, "nationality");
            s.sex = string(record, "sex");
            s.birth_year = int_at(record, "birth_year");
            s.sector = string(record, "sector");
            s.status = string(record, "status.code");
            s.risk = Some(effective_risk(record).1);
            s.next_followup = record::next_followup(record).map(|d| d.to_string());
            s.next_followup_kind = next_followup_kind(record);
            s.date = date(record, "created");
            s.stage = Some(record::stage(record).to_owned());
            s.place_id = record::place_id(record).map(str::to_owned);
            searchable.push(&s.title);
            searchable.extend(str_at(record, "phone"));
            searchable.extend(str_at(record, "notes"));
            searchable.extend(str_at(record, "plan.goals"));
            // Encounter notes in entry-id order.
            searchable.extend(
                record::entries(record, "encounters")
                    .into_iter()
                    .filter_map(|(_, e)| str_at(e, "note")),
            );
        }
        Kind::Outreach => {
            s.date = date(record, "date");
            s.place_id = record::place_id(record).map(str::to_owned);
            let place = str_at(record, "place").unwrap_or_default();
            s.title = format!("{} {}", s.date.as_deref().unwrap_or_default(), place)
                .trim()
                .to_owned();
            searchable.push(&s.title);
            searchable.extend(str_at(record, "notes"));
        }
        Kind::Service => {
            s.title = string(record, "name").unwrap_or_default();
            s.service_type = string(record, "type");
            searchable.push(&s.title);
            searchable.extend(str_at(record, "address"));
            searchable.extend(str_at(record, "notes"));
        }
        Kind::Place => {
            s.title = string(record, "name").unwrap_or_default();
            s.place_type = string(record, "type");
            s.retired = record.get("retired").is_some_and(|r| !r.is_null());
            searchable.push(&s.title);
            searchable.extend(str_at(record, "municipality"));
            searchable.extend(str_at(record, "notes"));
        }
        // An audit trail is never listed nor searched: its summary is empty.
        Kind::Audit => {}
    }
    let mut search = String::new();
    for part in searchable {
        let n = normalize(part);
        if !n.is_empty() {
            if !search.is_empty() {
                search.push(' ');
            }
            search.push_str(&n);
        }
    }
    s.search = search;
    s
}

fn string(v: &Value, path: &str) -> Option<String> {
    str_at(v, path).map(str::to_owned)
}

/// A field holding a valid date, rewritten canonically; anything else is `None`.
fn date(v: &Value, path: &str) -> Option<String> {
    date_at(v, path).map(|d| d.to_string())
}

/// Language tags without duplicates, in first-seen order; empty tags are left out.
fn languages(record: &Value) -> Vec<String> {
    record::codes(record, "languages")
        .into_iter()
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Normalizes text for search: lowercase, Latin diacritics folded (`à` -> `a`,
/// `ß` -> `ss`, `œ` -> `oe`), combining marks dropped, runs of whitespace collapsed to one
/// space, and no leading or trailing space. Other scripts (Arabic, Gurmukhi, Bengali...)
/// are kept as they are, lowercased where they have case.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_combining_mark(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match fold(c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    out
}

/// Combining diacritical marks (U+0300..U+036F): what decomposed input (`e` + U+0301) and
/// lowercasing `İ` leave behind.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// The base letters of a lowercase Latin letter with a diacritic (Latin-1 Supplement,
/// Latin Extended-A, and the letters of Latin Extended-B used by Romanian and pinyin).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => {
            "u"
        }
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normalize_table() {
        let table = [
            ("Àbdoul Ñ", "abdoul n"),
            ("  Ibrahima   DIALLO\n", "ibrahima diallo"),
            ("Ştefan Ţuţea", "stefan tutea"),
            ("Ștefan Țuțea", "stefan tutea"),
            ("Łukasz Żółć", "lukasz zolc"),
            ("Straße Œuvre Æsir", "strasse oeuvre aesir"),
            ("Çağrı İnce", "cagri ince"),
            ("e\u{301}te\u{301}", "ete"),
            ("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ"),
            ("محمد", "محمد"),
            ("", ""),
            ("   ", ""),
        ];
        for (input, expected) in table {
            assert_eq!(normalize(input), expected, "{input:?}");
        }
    }

    #[test]
    fn fold_table_only_yields_lowercase_ascii() {
        for c in '\u{00c0}'..='\u{024f}' {
            for l in c.to_lowercase() {
                if let Some(f) = fold(l) {
                    assert!(f.bytes().all(|b| b.is_ascii_lowercase()), "{l}");
                }
            }
        }
    }

    fn person() -> Value {
        json!({
            "alias": "Àbdoul",
            "sex": "male",
            "birth_year": 1995,
            "nationality": "SN",
            "languages": ["wo", "fr", "wo", "fr", "pa-Arab"],
            "phone": "+39 333 000 0000",
            "listening_point": "lp-latina",
            "sector": "agriculture",
            "notes": "Lavora nei campi di Borgo Hermada",
            "plan": {"goals": "Rinnovo permesso", "assigned_to": "op1"},
            "screening": {"s603": {"pay": {"answer": "yes"}}},
            "encounters": {
                "e2": {"date": "2026-11-25", "note": "Accompagnato in Questura"},
                "e1": {"date": "2026-11-24", "note": "Primo contatto"}
            },
            "followups": {
                "f1": {"due": "2026-12-10"},
                "f2": {"due": "2026-12-01", "done": "2026-12-01"},
                "f3": {"due": "2026-12-05", "done": null},
                "f4": {"due": "not a date"}
            },
            "status": {"code": "in_charge"},
            "created": "2026-11-24"
        })
    }

    #[test]
    fn person_summary() {
        let s = summarize(Kind::Person, &person());
        assert_eq!(s.kind, Kind::Person);
        assert_eq!(s.title, "Àbdoul");
        assert_eq!(
            s.languages,
            ["wo", "fr", "pa-Arab"],
            "deduped, first-seen order"
        );
        assert_eq!(s.nationality.as_deref(), Some("SN"));
        assert_eq!(s.sex.as_deref(), Some("male"));
        assert_eq!(s.birth_year, Some(1995));
        assert_eq!(s.sector.as_deref(), Some("agriculture"));
        assert_eq!(s.listening_point.as_deref(), Some("lp-latina"));
        assert_eq!(s.status.as_deref(), Some("in_charge"));
        assert_eq!(s.risk, Some(RiskLevel::Medium));
        assert_eq!(s.next_followup.as_deref(), Some("2026-12-05"));
        assert_eq!(s.next_followup_kind, None);
        let mut renewal = person();
        renewal["followups"]["permit-renewal-20270203"] =
            json!({"due": "2026-12-04", "kind": "permit_renewal"});
        renewal["followups"]["f5"] =
            json!({"due": "2026-11-01", "kind": "permit_renewal", "done": "2026-11-01"});
        let s = summarize(Kind::Person, &renewal);
        assert_eq!(s.next_followup_kind.as_deref(), Some("permit_renewal"));
        renewal["followups"]["f0"] = json!({"due": "2026-12-04"});
        let s = summarize(Kind::Person, &renewal);
        assert_eq!(s.next_followup_kind, None, "f0 comes first by entry id");
        assert_eq!(s.date.as_deref(), Some("2026-11-24"));
        assert_eq!(s.service_type, None);
        assert_eq!(
            s.search,
            "abdoul +39 333 000 0000 lavora nei campi di borgo hermada rinnovo permesso \
             primo contatto accompagnato in questura"
        );
    }

    #[test]
    fn outreach_and_service_summaries() {
        let o = summarize(
            Kind::Outreach,
            &json!({"date": "2026-11-24", "place": "Rotonda di Sabaudia", "outreach_type": "street",
                    "listening_point": "lp-latina", "languages": ["pa", "pa"],
                    "people_met": {"total": 12}, "notes": "Furgone alle 5"}),
        );
        assert_eq!(o.title, "2026-11-24 Rotonda di Sabaudia");
        assert_eq!(o.date.as_deref(), Some("2026-11-24"));
        assert_eq!(o.languages, ["pa"]);
        assert_eq!(o.listening_point.as_deref(), Some("lp-latina"));
        assert_eq!(o.risk, None);
        assert_eq!(o.search, "2026-11-24 rotonda di sabaudia furgone alle 5");

        let o = summarize(Kind::Outreach, &json!({"date": "2026-11-24"}));
        assert_eq!(o.title, "2026-11-24");

        let sv = summarize(
            Kind::Service,
            &json!({"name": "Numero Verde Antitratta", "type": "antitrafficking_helpline",
                    "address": "Nazionale", "contact": "800 290 290"}),
        );
        assert_eq!(sv.title, "Numero Verde Antitratta");
        assert_eq!(sv.service_type.as_deref(), Some("antitrafficking_helpline"));
        assert_eq!(sv.search, "numero verde antitratta nazionale");
    }

    #[test]
    fn summarize_is_total_on_garbage() {
        for v in [
            json!(null),
            json!(42),
            json!("text"),
            json!([1, 2]),
            json!({"alias": 5, "languages": "pa", "followups": [1], "encounters": {"e": 3},
                   "status": "closed", "screening": [], "birth_year": 1.5, "created": "x"}),
        ] {
            for kind in Kind::ALL {
                let s = summarize(kind, &v);
                assert_eq!(s.title, "");
                assert!(s.languages.is_empty());
                assert_eq!(s.date, None);
            }
        }
        assert_eq!(
            summarize(Kind::Person, &json!(null)).risk,
            Some(RiskLevel::NotScreened)
        );
    }

    #[test]
    fn matches_filters_and_terms() {
        let s = summarize(Kind::Person, &person());
        let q = |f: &dyn Fn(&mut Query)| {
            let mut q = Query::default();
            f(&mut q);
            q
        };
        let table: Vec<(Query, bool)> = vec![
            (Query::default(), true),
            (q(&|q| q.text = Some("ABDOUL".into())), true),
            (q(&|q| q.text = Some("  campi   hermada ".into())), true),
            (q(&|q| q.text = Some("Questura àbd".into())), true),
            (q(&|q| q.text = Some("abdoul rossi".into())), false),
            (q(&|q| q.text = Some("   ".into())), true),
            (q(&|q| q.kind = Some(Kind::Person)), true),
            (q(&|q| q.kind = Some(Kind::Service)), false),
            (q(&|q| q.status = Some("in_charge".into())), true),
            (q(&|q| q.status = Some("closed".into())), false),
            (q(&|q| q.risk = Some(RiskLevel::Medium)), true),
            (q(&|q| q.risk = Some(RiskLevel::High)), false),
            (q(&|q| q.listening_point = Some("lp-latina".into())), true),
            (q(&|q| q.listening_point = Some("lp-foggia".into())), false),
            (q(&|q| q.nationality = Some("SN".into())), true),
            (q(&|q| q.nationality = Some("IN".into())), false),
            (
                q(&|q| {
                    q.nationality = Some("SN".into());
                    q.text = Some("primo".into());
                    q.risk = Some(RiskLevel::Medium);
                }),
                true,
            ),
        ];
        for (query, expected) in table {
            assert_eq!(s.matches(&query), expected, "{query:?}");
        }
        let service = summarize(Kind::Service, &json!({"name": "CPI"}));
        assert!(!service.matches(&q(&|q| q.nationality = Some("SN".into()))));
        assert!(!service.matches(&q(&|q| q.risk = Some(RiskLevel::NotScreened))));
    }

    #[test]
    fn serde_round_trip_is_compact() {
        let s = summarize(
            Kind::Service,
            &json!({"name": "CPI", "type": "employment_centre"}),
        );
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"k":"service","t":"CPI","v":"employment_centre","q":"cpi"}"#
        );
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        let p = summarize(Kind::Person, &person());
        let back: Summary = serde_json::from_slice(&serde_json::to_vec(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}
