//! Coded vocabularies. Records store these codes; the UI translates them at display time
//! (Fluent ids such as `sector-agriculture`), so a code, once shipped, never changes
//! meaning and is never reused.
//!
//! Each list is a `pub const X: &[&str]` with a matching `pub fn is_x(code) -> bool`.
//! [`LISTS`] names every closed list, for checks that each code has a translation.
//! Countries and languages follow ISO 3166-1 alpha-2 and ISO 639; the rest are Ponte's own
//! codes drawn from the programmes' vocabulary (see `docs/records.md`).

/// The national anti-trafficking helpline (Numero Verde Antitratta): free, always open,
/// multilingual; also the entry to the anti-trafficking protection system.
pub const NUMERO_VERDE_ANTITRATTA: &str = "800 290 290";

/// ISO 3166-1 alpha-2: every officially assigned code (249), uppercase, sorted.
pub const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Base language codes: every ISO 639-1 code (184, two letters) plus ISO 639-3 codes (three
/// letters) for languages met in the field that have no ISO 639-1 code: Tunisian, Sudanese,
/// Algerian and Moroccan Arabic (`aeb`, `apd`, `arq`, `ary`), Bhojpuri (`bho`), Central
/// Kurdish (`ckb`), Dyula (`dyu`), Nigerian Fulfulde (`fuv`), Ga (`gaa`), Fiji Hindi
/// (`hif`), Chhattisgarhi (`hne`), Krio (`kri`), Maithili (`mai`), Mandingo (`man`),
/// Hassaniyya (`mey`), Mandjak (`mfv`), Mandinka (`mnk`), Nigerian Pidgin (`pcm`), Dari
/// (`prs`), Saraiki (`skr`), Soninke (`snk`), Susu (`sus`). Lowercase, sorted.
pub const LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "aeb", "af", "ak", "am", "an", "apd", "ar", "arq", "ary", "as", "av", "ay",
    "az", "ba", "be", "bg", "bh", "bho", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch",
    "ckb", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dyu", "dz", "ee", "el", "en",
    "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fuv", "fy", "ga", "gaa", "gd",
    "gl", "gn", "gu", "gv", "ha", "he", "hi", "hif", "hne", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "kri", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg",
    "li", "ln", "lo", "lt", "lu", "lv", "mai", "man", "mey", "mfv", "mg", "mh", "mi", "mk", "ml",
    "mn", "mnk", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr",
    "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pcm", "pi", "pl", "prs", "ps", "pt", "qu",
    "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "skr", "sl", "sm",
    "sn", "snk", "so", "sq", "sr", "ss", "st", "su", "sus", "sv", "sw", "ta", "te", "tg", "th",
    "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi",
    "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Work sectors.
pub const SECTORS: &[&str] = &[
    "agriculture",
    "construction",
    "logistics",
    "hospitality",
    "domestic_care",
    "manufacturing",
    "other",
];

/// Residence permit statuses. `art18` and `art22_12quater` are the special permits of the
/// immigration law (d.lgs. 286/1998) for victims of trafficking and of labour exploitation.
pub const PERMIT_STATUSES: &[&str] = &[
    "none",
    "asylum_seeker",
    "refugee",
    "subsidiary_protection",
    "special_protection",
    "art18",
    "art22_12quater",
    "seasonal_work",
    "employment",
    "family",
    "eu_citizen",
    "other",
];

/// Housing situations.
pub const HOUSING: &[&str] = &[
    "informal_settlement",
    "overcrowded_rented",
    "employer_provided",
    "reception_centre",
    "adequate",
    "homeless",
    "unknown",
];

/// Sex, as the person states it. Never required: absent or `null` means not stated.
pub const SEXES: &[&str] = &["female", "male", "other"];

/// Needs recorded in a person's case plan.
pub const NEEDS: &[&str] = &[
    "legal_aid",
    "permit",
    "health",
    "housing",
    "food",
    "transport",
    "work",
    "wage_claim",
    "training",
    "language_course",
    "documents",
    "protection",
    "psychological_support",
    "other",
];

/// Types of referral destination (the network's "map of services").
///
/// `antitrafficking_helpline` is the Numero Verde Antitratta ([`NUMERO_VERDE_ANTITRATTA`]);
/// `labour_inspectorate` the Ispettorato Territoriale del Lavoro; `carabinieri_nil` the
/// Carabinieri labour inspection unit; `employment_centre` the Centro per l'Impiego (CPI);
/// `health` the ASL/ATS services; `permit_office` the Prefettura or Questura.
pub const SERVICE_TYPES: &[&str] = &[
    "antitrafficking_helpline",
    "labour_inspectorate",
    "carabinieri_nil",
    "trade_union",
    "employment_centre",
    "health",
    "emergency",
    "legal_aid",
    "permit_office",
    "antitrafficking_project",
    "shelter",
    "housing_support",
    "transport_support",
    "social_services",
    "other",
];

/// What a consent covers.
pub const CONSENT_PURPOSES: &[&str] = &["intake", "referral", "reporting"];

/// Where a person's case stands.
pub const PERSON_STATUSES: &[&str] = &[
    "contacted",
    "interviewed",
    "in_charge",
    "referred",
    "follow_up",
    "closed",
];

/// Why a case was closed (required when the status is `closed`). `goal_reached` is
/// autonomy reached, `declined` the person refused further support, `referred_on` another
/// project (e.g. an anti-trafficking project) took the case.
pub const CLOSE_REASONS: &[&str] = &[
    "goal_reached",
    "moved_away",
    "lost_contact",
    "declined",
    "other",
    "referred_on",
    "deceased",
];

/// What happened to a case, one entry of its history (`case_events.<id>.kind`).
pub const CASE_EVENT_KINDS: &[&str] = &[
    "taken_in_charge",
    "goal_set",
    "goal_done",
    "goal_dropped",
    "closed",
    "reopened",
    "intake_started",
];

/// What a follow-up is for, when it was made by a rule (`followups.<id>.kind`):
/// `permit_renewal` is added and moved by the permit's expiry, `referral_check` (how did
/// the appointment go?) by a referral's appointment.
pub const FOLLOWUP_KINDS: &[&str] = &["permit_renewal", "referral_check"];

/// Where a goal of the case plan stands (`case_goals.<id>.state`).
pub const GOAL_STATES: &[&str] = &["open", "done", "dropped"];

/// Outcome of a referral.
pub const REFERRAL_OUTCOMES: &[&str] = &["pending", "accepted", "completed", "declined", "no_show"];

/// What a referral consent lets the team share with the receiving service (a consent's
/// `share` list; docs/records.md). `alias` and `languages` are the minimum, always on a
/// referral sheet: the service must know whom to expect and in which language (and so
/// whether a mediator is needed). The others appear only when the consent names them.
pub const SHARE_FIELDS: &[&str] = &[
    "alias",
    "languages",
    "birth_year",
    "sex",
    "nationality",
    "phone",
    "permit",
    "sector",
    "employer_area",
    "housing",
    "needs",
    "screening",
    "referral_note",
];

/// The fields a referral sheet always carries, whatever the consent's `share` list.
pub const SHARE_MINIMUM: &[&str] = &["alias", "languages"];

/// Types of outreach session.
pub const OUTREACH_TYPES: &[&str] = &["street", "fixed_desk", "group_session", "accompaniment"];

/// Types of place where an outreach session happens.
pub const PLACE_TYPES: &[&str] = &[
    "pickup_point",
    "farm",
    "informal_settlement",
    "reception_centre",
    "listening_point",
    "workplace",
    "other",
];

/// Materials handed out during outreach (counted per session).
pub const MATERIALS: &[&str] = &[
    "rights_leaflet",
    "helpline_card",
    "legal_info",
    "health_kit",
    "food",
    "water",
    "protective_equipment",
    "other",
];

/// Topics of a group session at an outreach (`groups.<id>.topic`).
pub const GROUP_TOPICS: &[&str] = &[
    "rights",
    "job_placement_protocol",
    "health",
    "housing",
    "documents",
    "safety_at_work",
    "other",
];

/// How a person agreed to be contacted again after a quick contact
/// (`first_contact.recontact_how`): `at_place` at the pick-up or listening point, on a
/// next outreach round; `phone` a call or a message to the person's phone; `mediator`
/// through the cultural mediator or a community contact; `sportello` the person comes
/// to the team's fixed listening point (*sportello*).
pub const RECONTACT_WAYS: &[&str] = &["at_place", "phone", "mediator", "sportello"];

/// Every closed list of codes with its name, for checks that each code has a translation
/// (Fluent id `<name>-<code>`, with `_` in the name written `-`). Countries and languages
/// are included; their display names may come from a locale library instead.
pub const LISTS: &[(&str, &[&str])] = &[
    ("country", COUNTRIES),
    ("language", LANGUAGES),
    ("sector", SECTORS),
    ("permit_status", PERMIT_STATUSES),
    ("housing", HOUSING),
    ("sex", SEXES),
    ("need", NEEDS),
    ("service_type", SERVICE_TYPES),
    ("consent_purpose", CONSENT_PURPOSES),
    ("person_status", PERSON_STATUSES),
    ("close_reason", CLOSE_REASONS),
    ("referral_outcome", REFERRAL_OUTCOMES),
    ("case_event", CASE_EVENT_KINDS),
    ("goal_state", GOAL_STATES),
    ("followup_kind", FOLLOWUP_KINDS),
    ("share_field", SHARE_FIELDS),
    ("outreach_type", OUTREACH_TYPES),
    ("place_type", PLACE_TYPES),
    ("material", MATERIALS),
    ("group_topic", GROUP_TOPICS),
    ("recontact_way", RECONTACT_WAYS),
    ("index_603bis", crate::screening::INDICES_603BIS),
    ("aggravating_603bis", crate::screening::AGGRAVATING_603BIS),
    ("ilo_indicator", crate::screening::ILO_INDICATORS),
    ("answer", crate::screening::ANSWERS),
    ("risk_level", crate::screening::RISK_LEVELS),
];

/// An ISO 3166-1 alpha-2 country code (uppercase), e.g. `"IN"`.
pub fn is_country(code: &str) -> bool {
    COUNTRIES.binary_search(&code).is_ok()
}

/// A base language code from [`LANGUAGES`] (lowercase), e.g. `"pa"` or `"pcm"`.
pub fn is_language(code: &str) -> bool {
    LANGUAGES.binary_search(&code).is_ok()
}

/// A language tag: a base code from [`LANGUAGES`], optionally followed by `-` and a
/// four-letter script subtag in title case (`"pa"`, `"pa-Arab"`, `"pa-Guru"`, `"sr-Latn"`).
/// The script subtag is checked for its shape only, not against ISO 15924.
pub fn is_language_tag(tag: &str) -> bool {
    match tag.split_once('-') {
        None => is_language(tag),
        Some((base, script)) => is_language(base) && is_script_subtag(script),
    }
}

fn is_script_subtag(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_lowercase)
}

/// A code from [`SECTORS`].
pub fn is_sector(code: &str) -> bool {
    SECTORS.contains(&code)
}

/// A code from [`PERMIT_STATUSES`].
pub fn is_permit_status(code: &str) -> bool {
    PERMIT_STATUSES.contains(&code)
}

/// A code from [`HOUSING`].
pub fn is_housing(code: &str) -> bool {
    HOUSING.contains(&code)
}

/// A code from [`SEXES`].
pub fn is_sex(code: &str) -> bool {
    SEXES.contains(&code)
}

/// A code from [`NEEDS`].
pub fn is_need(code: &str) -> bool {
    NEEDS.contains(&code)
}

/// A code from [`SERVICE_TYPES`].
pub fn is_service_type(code: &str) -> bool {
    SERVICE_TYPES.contains(&code)
}

/// A code from [`CONSENT_PURPOSES`].
pub fn is_consent_purpose(code: &str) -> bool {
    CONSENT_PURPOSES.contains(&code)
}

/// A code from [`PERSON_STATUSES`].
pub fn is_person_status(code: &str) -> bool {
    PERSON_STATUSES.contains(&code)
}

/// A code from [`CLOSE_REASONS`].
pub fn is_close_reason(code: &str) -> bool {
    CLOSE_REASONS.contains(&code)
}

/// A code from [`REFERRAL_OUTCOMES`].
pub fn is_referral_outcome(code: &str) -> bool {
    REFERRAL_OUTCOMES.contains(&code)
}

/// A [`CASE_EVENT_KINDS`] code.
pub fn is_case_event_kind(code: &str) -> bool {
    CASE_EVENT_KINDS.contains(&code)
}

/// A [`FOLLOWUP_KINDS`] code.
pub fn is_followup_kind(code: &str) -> bool {
    FOLLOWUP_KINDS.contains(&code)
}

/// A [`GOAL_STATES`] code.
pub fn is_goal_state(code: &str) -> bool {
    GOAL_STATES.contains(&code)
}

/// A code from [`OUTREACH_TYPES`].
pub fn is_outreach_type(code: &str) -> bool {
    OUTREACH_TYPES.contains(&code)
}

/// A code from [`PLACE_TYPES`].
pub fn is_place_type(code: &str) -> bool {
    PLACE_TYPES.contains(&code)
}

/// A code from [`SHARE_FIELDS`].
pub fn is_share_field(code: &str) -> bool {
    SHARE_FIELDS.contains(&code)
}

/// A code from [`MATERIALS`].
pub fn is_material(code: &str) -> bool {
    MATERIALS.contains(&code)
}

/// A code from [`GROUP_TOPICS`].
pub fn is_group_topic(code: &str) -> bool {
    GROUP_TOPICS.contains(&code)
}

/// A code from [`RECONTACT_WAYS`].
pub fn is_recontact_way(code: &str) -> bool {
    RECONTACT_WAYS.contains(&code)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_the_249_assigned_codes_sorted() {
        assert_eq!(COUNTRIES.len(), 249);
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]), "sorted, unique");
        assert!(
            COUNTRIES
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
        for c in [
            "IN", "AL", "MA", "PK", "BD", "SN", "NG", "TN", "IT", "SS", "XK",
        ] {
            assert_eq!(is_country(c), c != "XK", "{c}");
        }
        assert!(!is_country("in"));
        assert!(!is_country("UK"), "UK is reserved, GB is assigned");
    }

    #[test]
    fn languages_are_639_1_plus_field_639_3_sorted() {
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]), "sorted, unique");
        assert_eq!(LANGUAGES.iter().filter(|l| l.len() == 2).count(), 184);
        assert!(LANGUAGES.iter().all(|l| {
            (l.len() == 2 || l.len() == 3) && l.bytes().all(|b| b.is_ascii_lowercase())
        }));
        for l in [
            "pa", "ur", "bn", "wo", "ar", "fr", "en", "sq", "ro", "ti", "ff", "pcm", "snk", "dyu",
            "man", "skr", "hne", "bho", "mai",
        ] {
            assert!(is_language(l), "{l}");
        }
        assert!(!is_language("ful"), "ff covers Fulah");
        assert!(!is_language("PA"));
    }

    #[test]
    fn language_tags() {
        let table = [
            ("pa", true),
            ("pa-Arab", true),
            ("pa-Guru", true),
            ("sr-Latn", true),
            ("pcm", true),
            ("pa-arab", false),
            ("pa-ARAB", false),
            ("pa-Ara", false),
            ("pa-Arab-PK", false),
            ("pa-", false),
            ("-Arab", false),
            ("xx", false),
            ("pa_Arab", false),
            ("", false),
            ("pa-Äbcd", false),
        ];
        for (tag, ok) in table {
            assert_eq!(is_language_tag(tag), ok, "{tag}");
        }
    }

    #[test]
    fn closed_lists_are_unique_snake_case_and_named_once() {
        let mut names: Vec<&str> = LISTS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), LISTS.len());
        for (name, list) in LISTS {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "duplicate code in {name}");
            if !matches!(*name, "country" | "language") {
                for code in *list {
                    assert!(
                        code.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                        "{name}: {code}"
                    );
                }
            }
        }
    }

    #[test]
    fn predicates_match_their_lists() {
        type Case = (&'static [&'static str], fn(&str) -> bool);
        let table: [Case; 17] = [
            (COUNTRIES, is_country),
            (LANGUAGES, is_language),
            (SECTORS, is_sector),
            (PERMIT_STATUSES, is_permit_status),
            (HOUSING, is_housing),
            (SEXES, is_sex),
            (NEEDS, is_need),
            (SERVICE_TYPES, is_service_type),
            (CONSENT_PURPOSES, is_consent_purpose),
            (PERSON_STATUSES, is_person_status),
            (CLOSE_REASONS, is_close_reason),
            (REFERRAL_OUTCOMES, is_referral_outcome),
            (OUTREACH_TYPES, is_outreach_type),
            (PLACE_TYPES, is_place_type),
            (MATERIALS, is_material),
            (GROUP_TOPICS, is_group_topic),
            (RECONTACT_WAYS, is_recontact_way),
        ];
        for (list, pred) in table {
            assert!(list.iter().all(|c| pred(c)));
            assert!(!pred(""));
            assert!(!pred("nope"));
        }
        assert_eq!(NUMERO_VERDE_ANTITRATTA, "800 290 290");
    }
}
