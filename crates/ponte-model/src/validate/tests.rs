use super::*;
use crate::patch::merge_patched;
use proptest::prelude::*;
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::Mutex;

// Explicit, so that `Required` is the error code and not the private `Need::Required`.
use ErrorCode::{
    Empty, InvalidCode, InvalidDate, InvalidId, InvalidTime, KeptAsHistory, NotAllowed,
    NotAnObject, OutOfRange, OverrideReasonRequired, ReferralWithoutConsent, Required, TooLong,
    TooMany, UnknownField, WrongType,
};

/// Every error code some table case produced, to prove each code is reachable.
static SEEN: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

fn errors(kind: Kind, record: &Value) -> Vec<ValidationError> {
    match validate(kind, record) {
        Ok(()) => Vec::new(),
        Err(e) => {
            assert!(!e.is_empty(), "Err is never empty");
            e
        }
    }
}

/// Validates `record` and compares the errors with `expected` (in any order).
fn check(kind: Kind, record: &Value, expected: &[(ErrorCode, &str)]) {
    let got = errors(kind, record);
    let mut want: Vec<ValidationError> = expected
        .iter()
        .map(|(code, path)| ValidationError {
            code: *code,
            path: (*path).to_owned(),
        })
        .collect();
    want.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
    assert_eq!(got, want, "record: {record}");
    let mut seen = SEEN.lock().unwrap();
    for e in &got {
        seen.insert(e.code.as_str());
    }
}

/// Applies `patch` to a valid record of `kind` and checks the result.
fn check_patch(kind: Kind, patch: Value, expected: &[(ErrorCode, &str)]) {
    let record = merge_patched(&valid(kind), &patch);
    check(kind, &record, expected);
}

fn person() -> Value {
    json!({
        "alias": "Gurpreet",
        "sex": "male",
        "birth_year": 1995,
        "nationality": "IN",
        "languages": ["pa", "pa-Guru", "hi"],
        "phone": "+39 333 123 4567",
        "listening_point": "lp-sabaudia",
        "sector": "agriculture",
        "employer_area": "serre tra Sabaudia e Pontinia",
        "permit": {"status": "asylum_seeker", "expiry": "2027-03-01"},
        "housing": "overcrowded_rented",
        "notes": "Paga 4 euro l'ora, 12 ore al giorno.",
        "consents": {
            "c1": {"purpose": "intake", "given": true, "language": "pa-Guru",
                   "text_version": "consent-intake-v1", "date": "2026-11-24",
                   "recorded_by": "op-anna"},
            "c2": {"purpose": "referral", "destination": "trade_union", "given": true,
                   "language": "pa", "date": "2026-11-24"}
        },
        "screening": {
            "s603": {"pay": {"answer": "yes", "note": "4 euro/ora"},
                     "hours": {"answer": "yes"}, "safety": {"answer": "unknown"},
                     "degrading": {"answer": "no", "note": null}},
            "aggravating": {"more_than_three_workers": {"answer": "yes"},
                            "minors": {"answer": "no"}, "serious_danger": {"answer": "unknown"}},
            "ilo": {"withholding_wages": {"answer": "yes"}, "deception": {"answer": "no"},
                    "debt_bondage": {"answer": "unknown"}},
            "override": {"level": "high", "reason": "confermato dal mediatore"}
        },
        "needs": ["legal_aid", "wage_claim", "legal_aid"],
        "plan": {"taken_in_charge": "2026-11-24", "goals": "Vertenza salariale",
                 "assigned_to": "op-anna"},
        "encounters": {
            "e1": {"date": "2026-11-24", "outreach_id": "0123456789abcdef0123456789abcdef",
                   "listening_point": "lp-sabaudia", "note": "primo contatto"},
            "e2": {"date": "2026-11-30", "note": "allo sportello"}
        },
        "referrals": {
            "r1": {"destination": "trade_union", "service_id": "fedcba9876543210fedcba9876543210",
                   "date": "2026-11-25", "outcome": "accepted", "note": "FLAI"}
        },
        "followups": {
            "f1": {"due": "2026-12-01", "done": "2026-12-02", "note": "telefonata"},
            "f2": {"due": "2026-12-15", "done": null}
        },
        "status": {"code": "referred"},
        "created": "2026-11-24"
    })
}

fn outreach() -> Value {
    json!({
        "date": "2026-11-24",
        "listening_point": "lp-sabaudia",
        "place": "rotonda di Borgo Hermada",
        "place_type": "pickup_point",
        "outreach_type": "street",
        "team": ["Anna", "Harjit"],
        "people_met": {"total": 14, "women": 2, "men": 12, "minors": 0},
        "languages": ["pa", "hi", "pa"],
        "materials": {"rights_leaflet": 10, "helpline_card": 14, "water": 20},
        "notes": "furgoni alle 4:30"
    })
}

fn service() -> Value {
    json!({
        "name": "Numero Verde Antitratta",
        "type": "antitrafficking_helpline",
        "address": "nazionale",
        "hours": "24/7",
        "languages": ["it", "en", "fr", "ar"],
        "contact": "800 290 290",
        "consent_purpose": "referral",
        "notes": "gratuito, multilingue"
    })
}

fn valid(kind: Kind) -> Value {
    match kind {
        Kind::Person => person(),
        Kind::Outreach => outreach(),
        Kind::Service => service(),
        Kind::Place => place(),
        Kind::Audit => json!({"device": "00112233445566778899aabbccddeeff", "rounds": {}}),
    }
}

fn place() -> Value {
    json!({
        "name": "Rotonda di Borgo Hermada",
        "type": "pickup_point",
        "municipality": "Terracina",
        "notes": "alle 4:30"
    })
}

#[test]
fn valid_examples() {
    for kind in Kind::ALL {
        check(kind, &valid(kind), &[]);
    }
    check(Kind::Person, &json!({"alias": "A"}), &[]);
    check(
        Kind::Outreach,
        &json!({"date": "2026-01-31", "outreach_type": "fixed_desk", "people_met": {"total": 0}}),
        &[],
    );
    check(
        Kind::Service,
        &json!({"name": "CPI Latina", "type": "employment_centre"}),
        &[],
    );
    // null for an optional field is the same as absent
    let nulls = json!({
        "alias": "A", "sex": null, "birth_year": null, "nationality": null, "languages": null,
        "phone": null, "listening_point": null, "sector": null, "employer_area": null,
        "permit": null, "housing": null, "notes": null, "consents": null, "screening": null,
        "needs": null, "plan": null, "encounters": null, "referrals": null, "followups": null,
        "status": null, "created": null
    });
    check(Kind::Person, &nulls, &[]);
    // an entry set to null is skipped like an absent one
    check_patch(Kind::Person, json!({"followups": {"f3": null}}), &[]);
    // optional free text may be empty; code sets may repeat codes (CRDT merges)
    check_patch(
        Kind::Person,
        json!({"notes": "", "phone": "", "languages": ["pa", "pa"], "needs": []}),
        &[],
    );
    // lengths count characters, not bytes
    check_patch(Kind::Person, json!({"alias": "à".repeat(ALIAS_MAX)}), &[]);
    check_patch(Kind::Person, json!({"notes": "ਸ".repeat(NOTES_MAX)}), &[]);
    // script subtags
    check_patch(
        Kind::Service,
        json!({"languages": ["sr-Latn", "pa-Arab", "pcm"]}),
        &[],
    );
}

#[test]
fn structure_errors() {
    for kind in Kind::ALL {
        check(kind, &json!([]), &[(NotAnObject, "")]);
        check(kind, &json!("text"), &[(NotAnObject, "")]);
        check(kind, &json!(null), &[(NotAnObject, "")]);
    }
    check_patch(
        Kind::Person,
        json!({"nickname": "x", "Mario Rossi": 1, "a.b": 2}),
        &[(UnknownField, "*")],
    );
    check_patch(
        Kind::Person,
        json!({"permit": "yes"}),
        &[(NotAnObject, "permit")],
    );
    check_patch(
        Kind::Person,
        json!({"permit": {"kind": "x"}}),
        &[(UnknownField, "permit.*")],
    );
    check_patch(
        Kind::Person,
        json!({"consents": []}),
        &[
            (NotAnObject, "consents"),
            (ReferralWithoutConsent, "referrals.r1"),
        ],
    );
    check_patch(
        Kind::Person,
        json!({"followups": {"f3": "tomorrow"}}),
        &[(NotAnObject, "followups.f3")],
    );
    check_patch(
        Kind::Person,
        json!({"followups": {"bad id": {"due": "2026-12-01"}}}),
        &[(InvalidId, "followups.*")],
    );
    check_patch(
        Kind::Person,
        json!({"followups": {"x".repeat(65): {"due": "2026-12-01"}}}),
        &[(InvalidId, "followups.*")],
    );
    check_patch(
        Kind::Person,
        json!({"followups": {"f-3_B": {"due": "2026-12-01", "priority": 1}}}),
        &[(UnknownField, "followups.f-3_B.*")],
    );
}

/// A key the format does not have is never named, not even one shaped like an entry id
/// (a client could put a name there): its path is its parent's plus `*`. The entry ids
/// of the collections docs/records.md keys by entry id stay in paths.
#[test]
fn unknown_keys_are_never_named_and_entry_ids_are() {
    const M: &str = "ZQXMARKER1";
    type Case = (Kind, Value, &'static [(ErrorCode, &'static str)]);
    let cases: [Case; 9] = [
        (Kind::Person, json!({ M: 1 }), &[(UnknownField, "*")]),
        (
            Kind::Person,
            json!({"permit": { M: 1 }}),
            &[(UnknownField, "permit.*")],
        ),
        (
            Kind::Person,
            json!({"consents": {"c1": { M: 1 }}}),
            &[(UnknownField, "consents.c1.*")],
        ),
        (
            Kind::Person,
            json!({"encounters": {"e-9_Z": {"date": "2026-11-24", M: 1}}}),
            &[(UnknownField, "encounters.e-9_Z.*")],
        ),
        (
            Kind::Person,
            json!({"referrals": {"r1": { M: 1 }}, "followups": {"f2": { M: 1 }}}),
            &[
                (UnknownField, "followups.f2.*"),
                (UnknownField, "referrals.r1.*"),
            ],
        ),
        (
            Kind::Person,
            json!({"screening": {"ilo": { M: {"answer": "yes"}}, M: 1}}),
            &[
                (UnknownField, "screening.*"),
                (UnknownField, "screening.ilo.*"),
            ],
        ),
        (
            Kind::Outreach,
            json!({"people_met": { M: 1 }, "materials": { M: 1 }}),
            &[(InvalidCode, "materials.*"), (UnknownField, "people_met.*")],
        ),
        (Kind::Service, json!({ M: 1 }), &[(UnknownField, "*")]),
        // Several unknown keys at one place are one problem there.
        (
            Kind::Person,
            json!({ M: 1, "ZQXMARKER2": 2, "nickname": 3 }),
            &[(UnknownField, "*")],
        ),
    ];
    for (kind, patch, expected) in cases {
        let record = merge_patched(&valid(kind), &patch);
        let errs = errors(kind, &record);
        let shown = format!("{errs:?} {}", serde_json::to_string(&errs).unwrap());
        assert!(!shown.contains("ZQXMARKER"), "{kind}: {shown}");
        check(kind, &record, expected);
    }
}

#[test]
fn person_field_errors() {
    let p = Kind::Person;
    check_patch(p, json!({"alias": null}), &[(Required, "alias")]);
    check(p, &json!({}), &[(Required, "alias")]);
    check_patch(p, json!({"alias": 5}), &[(WrongType, "alias")]);
    check_patch(p, json!({"alias": "x".repeat(81)}), &[(TooLong, "alias")]);
    check_patch(p, json!({"alias": " \t"}), &[(Empty, "alias")]);
    check_patch(p, json!({"sex": "f"}), &[(InvalidCode, "sex")]);
    check_patch(p, json!({"sex": ""}), &[(Empty, "sex")]);
    check_patch(
        p,
        json!({"birth_year": 1899}),
        &[(OutOfRange, "birth_year")],
    );
    check_patch(
        p,
        json!({"birth_year": 2101}),
        &[(OutOfRange, "birth_year")],
    );
    check_patch(
        p,
        json!({"birth_year": 1995.5}),
        &[(WrongType, "birth_year")],
    );
    check_patch(
        p,
        json!({"birth_year": "1995"}),
        &[(WrongType, "birth_year")],
    );
    check_patch(
        p,
        json!({"birth_year": u64::MAX}),
        &[(OutOfRange, "birth_year")],
    );
    check_patch(
        p,
        json!({"nationality": "XK"}),
        &[(InvalidCode, "nationality")],
    );
    check_patch(
        p,
        json!({"nationality": "in"}),
        &[(InvalidCode, "nationality")],
    );
    check_patch(
        p,
        json!({"languages": ["pa", "xx", "pa-arab", 3, ""]}),
        &[
            (InvalidCode, "languages[1]"),
            (InvalidCode, "languages[2]"),
            (WrongType, "languages[3]"),
            (Empty, "languages[4]"),
        ],
    );
    check_patch(p, json!({"languages": "pa"}), &[(WrongType, "languages")]);
    check_patch(
        p,
        json!({"languages": vec!["pa"; CODES_MAX + 1]}),
        &[(TooMany, "languages")],
    );
    check_patch(p, json!({"phone": "1".repeat(41)}), &[(TooLong, "phone")]);
    check_patch(
        p,
        json!({"listening_point": ""}),
        &[(Empty, "listening_point")],
    );
    check_patch(
        p,
        json!({"listening_point": "l".repeat(65)}),
        &[(TooLong, "listening_point")],
    );
    check_patch(p, json!({"sector": "farming"}), &[(InvalidCode, "sector")]);
    check_patch(
        p,
        json!({"employer_area": "e".repeat(201)}),
        &[(TooLong, "employer_area")],
    );
    check_patch(
        p,
        json!({"permit": {"status": "tourist", "expiry": "2027-02-30"}}),
        &[
            (InvalidCode, "permit.status"),
            (InvalidDate, "permit.expiry"),
        ],
    );
    check_patch(p, json!({"housing": "house"}), &[(InvalidCode, "housing")]);
    check_patch(
        p,
        json!({"notes": "n".repeat(NOTES_MAX + 1)}),
        &[(TooLong, "notes")],
    );
    check_patch(p, json!({"needs": ["sleep"]}), &[(InvalidCode, "needs[0]")]);
    check_patch(
        p,
        json!({"plan": {"taken_in_charge": "yesterday", "goals": 3, "assigned_to": "a".repeat(81)}}),
        &[
            (InvalidDate, "plan.taken_in_charge"),
            (WrongType, "plan.goals"),
            (TooLong, "plan.assigned_to"),
        ],
    );
    check_patch(
        p,
        json!({"created": "2026-13-01"}),
        &[(InvalidDate, "created")],
    );
    check_patch(
        p,
        json!({"created": "1850-01-01"}),
        &[(OutOfRange, "created")],
    );
    check_patch(p, json!({"created": 20261124}), &[(WrongType, "created")]);
}

#[test]
fn consent_errors() {
    let p = Kind::Person;
    check_patch(
        p,
        json!({"consents": {"c9": {}}}),
        &[
            (Required, "consents.c9.purpose"),
            (Required, "consents.c9.given"),
            (Required, "consents.c9.language"),
            (Required, "consents.c9.date"),
        ],
    );
    check_patch(
        p,
        json!({"consents": {"c9": {"purpose": "referral", "given": "yes", "language": "xx",
                                   "date": "2026-11-24", "text_version": "v".repeat(65)}}}),
        &[
            (Required, "consents.c9.destination"),
            (WrongType, "consents.c9.given"),
            (InvalidCode, "consents.c9.language"),
            (TooLong, "consents.c9.text_version"),
        ],
    );
    check_patch(
        p,
        json!({"consents": {"c9": {"purpose": "intake", "destination": "health", "given": false,
                                   "language": "en", "date": "2026-11-24"}}}),
        &[(NotAllowed, "consents.c9.destination")],
    );
    check_patch(
        p,
        json!({"consents": {"c9": {"purpose": "marketing", "destination": "police", "given": true,
                                   "language": "en", "date": "2026-11-24"}}}),
        &[
            (InvalidCode, "consents.c9.purpose"),
            (InvalidCode, "consents.c9.destination"),
        ],
    );
}

#[test]
fn screening_errors() {
    let p = Kind::Person;
    check_patch(
        p,
        json!({"screening": {"s603": {"pay": {"answer": "maybe"}, "wages": {"answer": "yes"},
                                      "hours": {"answer": null}, "safety": "yes"}}}),
        &[
            (InvalidCode, "screening.s603.pay.answer"),
            (UnknownField, "screening.s603.*"),
            (Required, "screening.s603.hours.answer"),
            (NotAnObject, "screening.s603.safety"),
        ],
    );
    check_patch(
        p,
        json!({"screening": {"ilo": {"pay": {"answer": "yes"}}, "aggravating": {"minors": {"answer": "yes", "extra": 1}}, "score": 3}}),
        &[
            (UnknownField, "screening.ilo.*"),
            (UnknownField, "screening.aggravating.minors.*"),
            (UnknownField, "screening.*"),
        ],
    );
    for reason in [json!(null), json!(""), json!("   ")] {
        check_patch(
            p,
            json!({"screening": {"override": {"reason": reason}}}),
            &[(OverrideReasonRequired, "screening.override.reason")],
        );
    }
    check_patch(
        p,
        json!({"screening": {"override": {"level": null, "reason": 7}}}),
        &[
            (Required, "screening.override.level"),
            (WrongType, "screening.override.reason"),
        ],
    );
    check_patch(
        p,
        json!({"screening": {"override": {"level": "extreme", "reason": "r".repeat(TEXT_MAX + 1)}}}),
        &[
            (InvalidCode, "screening.override.level"),
            (TooLong, "screening.override.reason"),
        ],
    );
    check_patch(
        p,
        json!({"screening": {"override": {"level": "not_screened", "reason": "only met at night"}}}),
        &[],
    );
}

#[test]
fn encounter_referral_followup_status_errors() {
    let p = Kind::Person;
    check_patch(
        p,
        json!({"encounters": {"e3": {"outreach_id": "ABC"}}}),
        &[
            (Required, "encounters.e3.date"),
            (InvalidId, "encounters.e3.outreach_id"),
        ],
    );
    check_patch(
        p,
        json!({"encounters": {"e3": {"date": "2026-11-24",
                                     "outreach_id": "0123456789ABCDEF0123456789ABCDEF"}}}),
        &[(InvalidId, "encounters.e3.outreach_id")],
    );
    // The same outreach session twice: what two operators logging one meeting offline
    // merge into. Allowed, so the merged record stays editable.
    check_patch(
        p,
        json!({"encounters": {"e0": {"date": "2026-11-24",
                                     "outreach_id": "0123456789abcdef0123456789abcdef"}}}),
        &[],
    );
    check_patch(
        p,
        json!({"referrals": {"r2": {"outcome": "lost", "service_id": 5}}}),
        &[
            (Required, "referrals.r2.destination"),
            (Required, "referrals.r2.date"),
            (WrongType, "referrals.r2.service_id"),
            (InvalidCode, "referrals.r2.outcome"),
        ],
    );
    check_patch(
        p,
        json!({"followups": {"f3": {"done": "2026-12-01"}}}),
        &[(Required, "followups.f3.due")],
    );
    check_patch(
        p,
        json!({"followups": {"f3": {"due": "2026-02-29"}}}),
        &[(InvalidDate, "followups.f3.due")],
    );
    check_patch(
        p,
        json!({"status": {"code": "closed"}}),
        &[(Required, "status.reason")],
    );
    check_patch(
        p,
        json!({"status": {"code": "closed", "reason": "moved_away"}}),
        &[],
    );
    check_patch(
        p,
        json!({"status": {"code": "in_charge", "reason": "moved_away"}}),
        &[(NotAllowed, "status.reason")],
    );
    check_patch(
        p,
        json!({"status": {"code": null, "reason": "gone"}}),
        &[(Required, "status.code"), (InvalidCode, "status.reason")],
    );
    check_patch(
        p,
        json!({"status": {"code": "archived"}}),
        &[(InvalidCode, "status.code")],
    );
}

/// Person with one referral `r1` to `trade_union` dated 2026-11-25 and the given consents.
fn with_consents(consents: Value) -> Value {
    let mut p = person();
    p["consents"] = consents;
    p
}

fn referral_consent(destination: &str, given: bool, date: &str) -> Value {
    json!({"purpose": "referral", "destination": destination, "given": given,
           "language": "pa", "date": date})
}

fn withdrawn(mut consent: Value, on: &str) -> Value {
    consent["withdrawn"] = json!(on);
    consent
}

#[test]
fn share_withdrawn_and_appointment_errors() {
    let p = Kind::Person;
    // A referral consent names what may be shared, from the closed list.
    check_patch(
        p,
        json!({"consents": {"c9": {"purpose": "referral", "destination": "health", "given": true,
            "language": "ar", "date": "2026-11-24", "share": ["phone", "notes"],
            "withdrawn": "2026-11-23"}}}),
        &[
            (InvalidCode, "consents.c9.share[1]"),
            (OutOfRange, "consents.c9.withdrawn"),
        ],
    );
    check_patch(
        p,
        json!({"consents": {"c9": {"purpose": "intake", "given": true, "language": "ar",
            "date": "2026-11-24", "share": ["phone"], "withdrawn": "2026-11-24"}}}),
        &[(NotAllowed, "consents.c9.share")],
    );
    check_patch(
        p,
        json!({"referrals": {"r1": {"appointment": {"time": "25:00", "ask_for": 3}}}}),
        &[
            (Required, "referrals.r1.appointment.date"),
            (InvalidTime, "referrals.r1.appointment.time"),
            (WrongType, "referrals.r1.appointment.ask_for"),
        ],
    );
    check_patch(
        p,
        json!({"referrals": {"r1": {"appointment": {"date": "2026-12-02", "time": "09:30",
            "ask_for": "Maria", "bring": "permit"}}}}),
        &[],
    );
}

#[test]
fn referral_needs_matching_consent() {
    let ok: &[(ErrorCode, &str)] = &[];
    let missing: &[(ErrorCode, &str)] = &[(ReferralWithoutConsent, "referrals.r1")];
    let intake =
        json!({"purpose": "intake", "given": true, "language": "pa", "date": "2026-11-01"});
    let table = [
        (
            "matching",
            json!({"c": referral_consent("trade_union", true, "2026-11-24")}),
            ok,
        ),
        (
            "same day",
            json!({"c": referral_consent("trade_union", true, "2026-11-25")}),
            ok,
        ),
        ("no consent at all", json!({}), missing),
        ("only intake consent", json!({"c": intake}), missing),
        (
            "not given",
            json!({"c": referral_consent("trade_union", false, "2026-11-24")}),
            missing,
        ),
        (
            "other destination",
            json!({"c": referral_consent("health", true, "2026-11-24")}),
            missing,
        ),
        (
            "consent after the referral",
            json!({"c": referral_consent("trade_union", true, "2026-11-26")}),
            missing,
        ),
        (
            "withdrawn before the referral",
            json!({"c": withdrawn(referral_consent("trade_union", true, "2026-11-20"), "2026-11-24")}),
            missing,
        ),
        (
            "withdrawn after the referral: it stays made",
            json!({"c": withdrawn(referral_consent("trade_union", true, "2026-11-20"), "2026-11-30")}),
            ok,
        ),
        (
            "withdrawn on the referral's day",
            json!({"c": withdrawn(referral_consent("trade_union", true, "2026-11-20"), "2026-11-25")}),
            ok,
        ),
        (
            "one refused, one given",
            json!({"a": referral_consent("trade_union", false, "2026-11-20"),
                   "b": referral_consent("trade_union", true, "2026-11-21")}),
            ok,
        ),
    ];
    for (name, consents, expected) in table {
        let record = with_consents(consents);
        let got = errors(Kind::Person, &record);
        let want: Vec<ValidationError> = expected
            .iter()
            .map(|(code, path)| ValidationError {
                code: *code,
                path: (*path).to_owned(),
            })
            .collect();
        assert_eq!(got, want, "{name}");
        check(Kind::Person, &record, expected);
    }
    // A referral whose own destination or date is unreadable gets those errors, not a
    // consent error on top.
    check_patch(
        Kind::Person,
        json!({"referrals": {"r2": {"destination": "health", "date": "someday"}}}),
        &[(InvalidDate, "referrals.r2.date")],
    );
}

#[test]
fn outreach_errors() {
    let o = Kind::Outreach;
    check(
        o,
        &json!({}),
        &[
            (Required, "date"),
            (Required, "outreach_type"),
            (Required, "people_met"),
        ],
    );
    check_patch(
        o,
        json!({"outreach_type": "online", "place_type": "beach", "place": "p".repeat(201)}),
        &[
            (InvalidCode, "outreach_type"),
            (InvalidCode, "place_type"),
            (TooLong, "place"),
        ],
    );
    check_patch(
        o,
        json!({"people_met": {"total": 3, "women": 2, "men": 2, "minors": 4}}),
        &[
            (OutOfRange, "people_met"),
            (OutOfRange, "people_met.minors"),
        ],
    );
    check_patch(
        o,
        json!({"people_met": {"total": null, "women": -1, "men": "2", "minors": 10001, "kids": 1}}),
        &[
            (Required, "people_met.total"),
            (OutOfRange, "people_met.women"),
            (WrongType, "people_met.men"),
            (OutOfRange, "people_met.minors"),
            (UnknownField, "people_met.*"),
        ],
    );
    check_patch(
        o,
        json!({"materials": {"drugs": 1, "water": -1, "food": 1.5, "other": 100_001}}),
        &[
            (InvalidCode, "materials.*"),
            (OutOfRange, "materials.water"),
            (WrongType, "materials.food"),
            (OutOfRange, "materials.other"),
        ],
    );
    check_patch(o, json!({"materials": [1]}), &[(NotAnObject, "materials")]);
    check_patch(
        o,
        json!({"team": ["Anna", "", 3, "n".repeat(81)]}),
        &[
            (Empty, "team[1]"),
            (WrongType, "team[2]"),
            (TooLong, "team[3]"),
        ],
    );
    check_patch(o, json!({"team": "Anna"}), &[(WrongType, "team")]);
    check_patch(
        o,
        json!({"team": vec!["Anna"; TEAM_MAX + 1]}),
        &[(TooMany, "team")],
    );
    check_patch(o, json!({"team": vec!["Anna"; TEAM_MAX]}), &[]);
    check_patch(o, json!({"date": "24/11/2026"}), &[(InvalidDate, "date")]);
}

#[test]
fn service_errors() {
    let s = Kind::Service;
    check(s, &json!({}), &[(Required, "name"), (Required, "type")]);
    check_patch(
        s,
        json!({"name": "", "type": "police", "consent_purpose": "x", "contact": "c".repeat(201),
               "hours": 24, "url": "x"}),
        &[
            (Empty, "name"),
            (InvalidCode, "type"),
            (InvalidCode, "consent_purpose"),
            (TooLong, "contact"),
            (WrongType, "hours"),
            (UnknownField, "*"),
        ],
    );
}

#[test]
fn validate_on_checks_birth_year_against_today() {
    let today = Date::parse("2026-11-24").unwrap();
    let record = |year: i64| merge_patched(&person(), &json!({"birth_year": year}));
    assert_eq!(validate_on(Kind::Person, &record(2026), today), Ok(()));
    assert_eq!(
        validate_on(Kind::Person, &record(2027), today),
        Err(vec![ValidationError {
            code: OutOfRange,
            path: "birth_year".into()
        }])
    );
    assert_eq!(validate(Kind::Person, &record(2027)), Ok(()));
}

#[test]
fn reports_all_errors_sorted_and_once() {
    let record = merge_patched(
        &person(),
        &json!({"alias": "", "sex": "x", "languages": [1, 1], "zzz": 1, "aaa": 2,
                "status": {"code": "closed"}}),
    );
    let got = errors(Kind::Person, &record);
    let paths: Vec<&str> = got.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            // `zzz` and `aaa`: unknown keys, one problem, never named.
            "*",
            "alias",
            "languages[0]",
            "languages[1]",
            "sex",
            "status.reason",
        ]
    );
    let mut sorted = got.clone();
    sorted.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
    sorted.dedup();
    assert_eq!(sorted, got);
}

#[test]
fn error_codes_are_stable_kebab_case() {
    let mut names = BTreeSet::new();
    for code in ErrorCode::ALL {
        let s = code.as_str();
        assert!(
            s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{s}"
        );
        assert_eq!(serde_json::to_value(code).unwrap(), json!(s));
        assert_eq!(code.to_string(), s);
        let back: ErrorCode = serde_json::from_value(json!(s)).unwrap();
        assert_eq!(back, code);
        assert!(names.insert(s), "duplicate {s}");
    }
    assert_eq!(ErrorCode::NotAnObject.as_str(), "not-an-object");
    assert_eq!(
        ErrorCode::ReferralWithoutConsent.as_str(),
        "referral-without-consent"
    );
    // Exhaustive on purpose: a new variant fails to compile here until it is added to
    // `ErrorCode::ALL` (and to this list).
    for code in ErrorCode::ALL {
        match code {
            NotAnObject
            | UnknownField
            | Required
            | WrongType
            | TooLong
            | Empty
            | InvalidCode
            | InvalidDate
            | OutOfRange
            | ReferralWithoutConsent
            | OverrideReasonRequired
            | InvalidId
            | TooMany
            | NotAllowed
            | KeptAsHistory
            | InvalidTime => {}
        }
    }
    assert_eq!(ErrorCode::ALL.len(), 16);
    let e = ValidationError {
        code: TooLong,
        path: "consents.c1.language".into(),
    };
    assert_eq!(e.to_string(), "too-long at consents.c1.language");
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"code": "too-long", "path": "consents.c1.language"})
    );
    let root = ValidationError {
        code: NotAnObject,
        path: String::new(),
    };
    assert_eq!(root.to_string(), "not-an-object at the record");
}

#[test]
fn every_error_code_is_produced_by_some_case() {
    // Run the tables here too so this test does not depend on test order.
    valid_examples();
    structure_errors();
    person_field_errors();
    consent_errors();
    screening_errors();
    encounter_referral_followup_status_errors();
    referral_needs_matching_consent();
    outreach_errors();
    service_errors();
    history_errors();
    share_withdrawn_and_appointment_errors();
    let seen = SEEN.lock().unwrap().clone();
    let missing: Vec<&str> = ErrorCode::ALL
        .iter()
        .map(ErrorCode::as_str)
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(missing.is_empty(), "never produced: {missing:?}");
}

#[test]
fn history_errors() {
    // An edit that rewrites a case event: refused by `history`, not by `validate`.
    let before = json!({"alias": "a", "case_events": {
        "e1": {"date": "2026-01-05", "kind": "closed", "reason": "moved_away", "by": "Anna"}}});
    let after = merge_patched(&before, &json!({"case_events": {"e1": {"by": "Bo"}}}));
    check(Kind::Person, &after, &[]);
    let got = history(&before, &after).unwrap_err();
    assert_eq!(
        got,
        [ValidationError {
            code: KeptAsHistory,
            path: "case_events.e1".into()
        }]
    );
    SEEN.lock().unwrap().insert(KeptAsHistory.as_str());
}

/// Every text field holds a marker; most are invalid so that errors are raised at them.
fn marked_person() -> Value {
    let m = |field: &str| format!("ZZMARKER-{field}");
    let long = |field: &str, n: usize| format!("ZZMARKER-{field}-{}", "x".repeat(n));
    json!({
        "alias": long("alias", ALIAS_MAX),
        "sex": m("sex"),
        "birth_year": m("birth_year"),
        "nationality": m("nationality"),
        "languages": [m("lang"), 1],
        "phone": long("phone", PHONE_MAX),
        "listening_point": long("lp", LABEL_MAX),
        "sector": m("sector"),
        "employer_area": long("employer", PLACE_MAX),
        "permit": {"status": m("permit"), "expiry": m("expiry"), "ZZMARKER key": m("k")},
        "housing": m("housing"),
        "notes": long("notes", NOTES_MAX),
        "ZZMARKER unknown": m("unknown"),
        "consents": {
            "ZZMARKER id": {"purpose": m("purpose"), "destination": m("dest"), "given": m("given"),
                            "language": m("language"), "text_version": long("tv", LABEL_MAX),
                            "date": m("date"), "recorded_by": long("by", NAME_MAX)},
            "c2": {"purpose": "referral", "destination": "health", "given": true,
                   "language": "en", "date": "2026-12-01", "recorded_by": long("by", NAME_MAX)}
        },
        "screening": {
            "s603": {"pay": {"answer": m("answer"), "note": long("note", NOTES_MAX)},
                     "hours": m("hours")},
            "ilo": {"deception": {"answer": "yes", "note": m("fine")}},
            "override": {"level": m("level"), "reason": long("reason", TEXT_MAX)}
        },
        "needs": [m("need")],
        "plan": {"taken_in_charge": m("tic"), "goals": long("goals", NOTES_MAX),
                 "assigned_to": long("assigned", NAME_MAX)},
        "encounters": {"e1": {"date": m("date"), "outreach_id": m("oid"),
                              "listening_point": long("lp", LABEL_MAX), "note": long("note", NOTES_MAX)}},
        "referrals": {"r1": {"destination": "health", "service_id": m("sid"), "date": "2026-11-30",
                             "outcome": m("outcome"), "note": long("note", NOTES_MAX)},
                      "r2": {"destination": m("dest")}},
        "followups": {"f1": {"due": m("due"), "done": m("done"), "note": long("note", NOTES_MAX)}},
        "status": {"code": m("status"), "reason": m("reason")},
        "created": m("created")
    })
}

fn marked_outreach() -> Value {
    let m = |field: &str| format!("ZZMARKER-{field}");
    let long = |field: &str, n: usize| format!("ZZMARKER-{field}-{}", "x".repeat(n));
    json!({
        "date": m("date"), "listening_point": long("lp", LABEL_MAX), "place": long("place", PLACE_MAX),
        "place_type": m("pt"), "outreach_type": m("ot"),
        "team": [long("name", NAME_MAX), m("ok"), 5],
        "people_met": {"total": m("total"), "women": m("w")},
        "languages": [m("lang")], "materials": {"ZZMARKER x": m("count"), "food": m("n")},
        "notes": long("notes", NOTES_MAX), "ZZMARKER unknown": m("u")
    })
}

fn marked_service() -> Value {
    let m = |field: &str| format!("ZZMARKER-{field}");
    let long = |field: &str, n: usize| format!("ZZMARKER-{field}-{}", "x".repeat(n));
    json!({
        "name": long("name", PLACE_MAX), "type": m("type"), "address": long("addr", PLACE_MAX),
        "hours": long("hours", PLACE_MAX), "languages": [m("lang")], "contact": long("c", PLACE_MAX),
        "consent_purpose": m("cp"), "notes": long("notes", NOTES_MAX), "ZZMARKER u": m("u")
    })
}

#[test]
fn errors_never_contain_values() {
    for (kind, record, at_least) in [
        (Kind::Person, marked_person(), 30),
        (Kind::Outreach, marked_outreach(), 10),
        (Kind::Service, marked_service(), 8),
    ] {
        let errs = errors(kind, &record);
        assert!(errs.len() >= at_least, "{kind}: only {} errors", errs.len());
        let serialized = serde_json::to_string(&errs).unwrap();
        let debug = format!("{errs:?}");
        let display: String = errs.iter().map(|e| format!("{e}\n")).collect();
        for (form, text) in [
            ("json", &serialized),
            ("debug", &debug),
            ("display", &display),
        ] {
            assert!(!text.contains("ZZMARKER"), "{kind} {form}: {text}");
            assert!(!text.contains("xxxxx"), "{kind} {form}: {text}");
        }
    }
}

/// What merging two devices' valid edits can produce breaks rules between fields only:
/// [`structure`] accepts it, while [`validate`] reports it.
#[test]
fn structure_accepts_what_a_merge_of_valid_edits_can_produce() {
    let merged = merge_patched(
        &person(),
        &json!({
            // Entry edited on one device, deleted on the other: only the edit is left.
            "consents": {"c2": {"purpose": null, "given": null, "date": null}},
            "status": {"code": "referred", "reason": "moved_away"},
            "notes": "",
        }),
    );
    assert!(validate(Kind::Person, &merged).is_err());
    assert_eq!(structure(Kind::Person, &merged), Ok(()));
    let counts = merge_patched(
        &outreach(),
        &json!({"people_met": {"total": 3, "women": 2, "men": 2, "minors": 4}}),
    );
    assert!(validate(Kind::Outreach, &counts).is_err());
    assert_eq!(structure(Kind::Outreach, &counts), Ok(()));
    for kind in Kind::ALL {
        assert_eq!(structure(kind, &valid(kind)), Ok(()));
    }
}

/// Keys, types, lengths, sizes and entry ids the format does not allow are problems of
/// shape, reported at the same paths as by [`validate`] and never naming the key.
#[test]
fn structure_reports_keys_types_and_ids_not_lengths_or_sizes() {
    let shape = |kind: Kind, patch: Value| -> Vec<(ErrorCode, String)> {
        let record = merge_patched(&valid(kind), &patch);
        structure(kind, &record)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.code, e.path))
            .collect()
    };
    let at = |code: ErrorCode, path: &str| (code, path.to_owned());
    assert_eq!(
        shape(
            Kind::Person,
            json!({"Mario Rossi": {"deep": [1]}, "alias": 7, "notes": "n".repeat(NOTES_MAX + 1),
                   "languages": vec!["pa"; CODES_MAX + 1], "sex": "unknown code",
                   "consents": {"bad id": {"purpose": "intake"}},
                   "plan": {"goals": "g", "extra": true}})
        ),
        [
            at(UnknownField, "*"),
            at(WrongType, "alias"),
            at(InvalidId, "consents.*"),
            at(UnknownField, "plan.*"),
        ]
    );
    assert_eq!(
        shape(
            Kind::Outreach,
            json!({"materials": {"ZZ": 1, "water": 1.5}, "team": "Anna", "date": "tomorrow"})
        ),
        [
            at(InvalidCode, "materials.*"),
            at(WrongType, "materials.water"),
            at(WrongType, "team"),
        ]
    );
    assert_eq!(
        shape(
            Kind::Service,
            json!({"name": ["x"], "type": "no such type"})
        ),
        [at(WrongType, "name")]
    );
    for kind in Kind::ALL {
        assert_eq!(
            structure(kind, &json!([])).err(),
            Some(vec![ValidationError {
                code: NotAnObject,
                path: String::new()
            }])
        );
    }
}

fn arb_key() -> impl Strategy<Value = String> {
    let mut known: Vec<&'static str> = Vec::new();
    for list in [
        PERSON_FIELDS,
        PERMIT_FIELDS,
        CONSENT_FIELDS,
        SCREENING_FIELDS,
        ITEM_FIELDS,
        OVERRIDE_FIELDS,
        PLAN_FIELDS,
        ENCOUNTER_FIELDS,
        REFERRAL_FIELDS,
        FOLLOWUP_FIELDS,
        STATUS_FIELDS,
        OUTREACH_FIELDS,
        PEOPLE_MET_FIELDS,
        GROUP_FIELDS,
        SERVICE_FIELDS,
        PLACE_FIELDS,
        FIRST_CONTACT_FIELDS,
        screening::INDICES_603BIS,
        screening::AGGRAVATING_603BIS,
        screening::ILO_INDICATORS,
        vocab::MATERIALS,
    ] {
        known.extend_from_slice(list);
    }
    prop_oneof![
        3 => prop::sample::select(known).prop_map(str::to_owned),
        1 => "[a-z0-9_-]{1,8}",
        1 => ".{0,8}",
    ]
}

fn arb_leaf() -> impl Strategy<Value = Value> {
    let mut codes: Vec<&'static str> = vec!["2026-11-24", "2026-02-30", "pa-Arab", "closed"];
    for (_, list) in vocab::LISTS {
        codes.extend(list.iter().take(4));
    }
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (0i64..3000).prop_map(Value::from),
        ".{0,24}".prop_map(Value::from),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::from),
        prop::sample::select(codes).prop_map(Value::from),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    arb_leaf().prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(arb_key(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn assert_well_formed(result: Result<(), Vec<ValidationError>>) {
    if let Err(errs) = result {
        assert!(!errs.is_empty());
        let mut sorted = errs.clone();
        sorted.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
        sorted.dedup();
        assert_eq!(sorted, errs, "sorted, each (path, code) once");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validate_and_summarize_never_panic(value in arb_json()) {
        for kind in Kind::ALL {
            assert_well_formed(validate(kind, &value));
            let _ = crate::summary::summarize(kind, &value);
            let _ = crate::screening::effective_risk(&value);
        }
    }

    #[test]
    fn patched_valid_records_never_panic(patch in arb_json()) {
        for kind in Kind::ALL {
            let record = merge_patched(&valid(kind), &patch);
            assert_well_formed(validate(kind, &record));
            let _ = crate::summary::summarize(kind, &record);
        }
    }

    /// One source of truth: the problems of shape are exactly [`validate`]'s problems
    /// that [`is_structural`] keeps.
    #[test]
    fn structure_is_validate_restricted_to_shape(patch in arb_json()) {
        for kind in Kind::ALL {
            for record in [patch.clone(), merge_patched(&valid(kind), &patch)] {
                let all = validate(kind, &record).err().unwrap_or_default();
                let shape: Vec<_> = all.into_iter().filter(is_structural).collect();
                prop_assert_eq!(structure(kind, &record).err().unwrap_or_default(), shape);
            }
        }
    }
}

/// The outreach tally's fields: `people_met.not_stated`, `members` (device ids),
/// `nationalities` and the `groups` of a session; a record without them (as written
/// before the tally) stays valid.
#[test]
fn outreach_tally_fields() {
    let o = Kind::Outreach;
    let dev = "0123456789abcdef0123456789abcdef";
    check_patch(
        o,
        json!({
            "people_met": {"total": 14, "women": 2, "men": 11, "not_stated": 1, "minors": 3},
            "members": [dev, dev],
            "nationalities": {"IN": 9, "NG": 2},
            "groups": {"g1": {"topic": "job_placement_protocol", "attendance": 12,
                              "women": 2, "men": 9, "minors": 1, "note": "in punjabi",
                              "follow_up": [dev]},
                       "g2": {"topic": "rights", "attendance": 0}}
        }),
        &[],
    );
    // Sex counts above the total; the old rule (women + men) still holds.
    check_patch(
        o,
        json!({"people_met": {"total": 14, "women": 2, "men": 12, "not_stated": 1}}),
        &[(OutOfRange, "people_met")],
    );
    check_patch(
        o,
        json!({"people_met": {"total": 3, "women": null, "men": null, "not_stated": -1}}),
        &[(OutOfRange, "people_met.not_stated")],
    );
    check_patch(
        o,
        json!({"members": [dev.to_uppercase(), "Anna", 7]}),
        &[
            (InvalidId, "members[0]"),
            (InvalidId, "members[1]"),
            (WrongType, "members[2]"),
        ],
    );
    check_patch(o, json!({"members": "Anna"}), &[(WrongType, "members")]);
    check_patch(
        o,
        json!({"members": vec![dev; TEAM_MAX + 1]}),
        &[(TooMany, "members")],
    );
    // A key that is not a country is never named.
    check_patch(
        o,
        json!({"nationalities": {"ng": 1, "IN": -1, "NG": 1.5, "ZZMARKER": 1, "FR": 10_001}}),
        &[
            (InvalidCode, "nationalities.*"),
            (OutOfRange, "nationalities.IN"),
            (WrongType, "nationalities.NG"),
            (OutOfRange, "nationalities.FR"),
        ],
    );
    check_patch(
        o,
        json!({"nationalities": [1]}),
        &[(NotAnObject, "nationalities")],
    );
    check_patch(
        o,
        json!({"groups": {
            "g1": {"topic": "weather", "attendance": 3, "women": 2, "men": 2, "minors": 4,
                   "follow_up": ["Karim", dev], "extra": 1},
            "g2": {"note": 5},
            "bad id": {"topic": "rights", "attendance": 1},
            "g3": {"topic": "", "attendance": "12", "follow_up": dev}
        }}),
        &[
            (InvalidCode, "groups.g1.topic"),
            (OutOfRange, "groups.g1"),
            (OutOfRange, "groups.g1.minors"),
            (InvalidId, "groups.g1.follow_up[0]"),
            (UnknownField, "groups.g1.*"),
            (Required, "groups.g2.topic"),
            (Required, "groups.g2.attendance"),
            (WrongType, "groups.g2.note"),
            (InvalidId, "groups.*"),
            (Empty, "groups.g3.topic"),
            (WrongType, "groups.g3.attendance"),
            (WrongType, "groups.g3.follow_up"),
        ],
    );
    // Two counts raised apart on two devices: a merge may exceed the total, which
    // only `validate` reports.
    let merged = merge_patched(
        &outreach(),
        &json!({"people_met": {"total": 14, "women": 8, "men": 12, "not_stated": 1}}),
    );
    assert!(validate(o, &merged).is_err());
    assert_eq!(structure(o, &merged), Ok(()));
}

const PLACE_ID: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn places_of_the_team_list() {
    check(
        Kind::Place,
        &json!({"name": "Sabaudia", "type": "listening_point"}),
        &[],
    );
    check_patch(Kind::Place, json!({"retired": "2026-11-30"}), &[]);
    check(
        Kind::Place,
        &json!({"municipality": 3, "retired": "yesterday", "colour": "red"}),
        &[
            (UnknownField, "*"),
            (WrongType, "municipality"),
            (Required, "name"),
            (Required, "type"),
            (InvalidDate, "retired"),
        ],
    );
    check_patch(
        Kind::Place,
        json!({"name": " ", "type": "bus_stop", "notes": "n".repeat(NOTES_MAX + 1)}),
        &[(Empty, "name"), (InvalidCode, "type"), (TooLong, "notes")],
    );
}

#[test]
fn records_name_places_by_record_id() {
    // The old free labels stay valid beside the new ids.
    check_patch(
        Kind::Person,
        json!({"place_id": PLACE_ID, "listening_point": "lp-old",
               "encounters": {"e9": {"date": "2026-01-02", "place_id": PLACE_ID}}}),
        &[],
    );
    check_patch(Kind::Outreach, json!({"place_id": PLACE_ID}), &[]);
    check_patch(
        Kind::Person,
        json!({"place_id": "Borgo Hermada",
               "encounters": {"e9": {"date": "2026-01-02", "place_id": PLACE_ID.to_uppercase()}}}),
        &[
            (InvalidId, "encounters.e9.place_id"),
            (InvalidId, "place_id"),
        ],
    );
    check_patch(
        Kind::Outreach,
        json!({"place_id": 7}),
        &[(WrongType, "place_id")],
    );
}

#[test]
fn a_quick_contact_and_its_intake() {
    let contact = json!({
        "alias": "man in the red cap",
        "first_contact": {"date": "2026-11-20", "place_id": PLACE_ID, "language": "pa-Guru",
                          "given": ["rights_leaflet", "helpline_card"], "said": "asked about pay",
                          "recontact": true, "recontact_date": "2026-11-20",
                          "recontact_how": ["phone", "at_place"], "by": "Anna"}
    });
    check(Kind::Person, &contact, &[]);
    let mut started = contact.clone();
    started["intake_started"] = json!("2026-11-20");
    check(Kind::Person, &started, &[]);
    check(
        Kind::Person,
        &json!({"alias": "A", "first_contact": {"date": "2026-11-20", "recontact": false}}),
        &[],
    );
    check(
        Kind::Person,
        &json!({"alias": "A", "first_contact": {
            "place_id": "nope", "language": "klingon", "given": ["cash"], "said": 4,
            "recontact": "yes", "recontact_date": "2026-11-19", "where": "x"}}),
        &[
            (UnknownField, "first_contact.*"),
            (Required, "first_contact.date"),
            (InvalidId, "first_contact.place_id"),
            (InvalidCode, "first_contact.language"),
            (InvalidCode, "first_contact.given[0]"),
            (WrongType, "first_contact.said"),
            (WrongType, "first_contact.recontact"),
        ],
    );
    check(
        Kind::Person,
        &json!({"alias": "A", "intake_started": "2026-11-19", "first_contact": {
            "date": "2026-11-20", "recontact": true, "recontact_date": "2026-11-19"}}),
        &[
            (OutOfRange, "first_contact.recontact_date"),
            (OutOfRange, "intake_started"),
        ],
    );
    // Not asked (a group session's follow-up): no answer is recorded, never a yes.
    check(
        Kind::Person,
        &json!({"alias": "A", "first_contact": {"date": "2026-11-20"}}),
        &[],
    );
    check(
        Kind::Person,
        &json!({"alias": "A", "first_contact": []}),
        &[(NotAnObject, "first_contact")],
    );
}

#[test]
fn how_to_contact_again_is_a_set_of_ways_only_after_a_yes() {
    let with = |recontact: Value, how: Value| {
        json!({"alias": "A", "first_contact": {"date": "2026-11-20", "recontact": recontact,
                                                "recontact_how": how}})
    };
    let yes = json!(true);
    for ways in [
        json!(["at_place"]),
        json!(["phone", "mediator", "sportello"]),
        json!(["phone", "phone"]),
        json!([]),
        Value::Null,
    ] {
        check(Kind::Person, &with(yes.clone(), ways), &[]);
    }
    // An empty set, or none, says nothing: fine whatever the answer.
    check(Kind::Person, &with(json!(false), json!([])), &[]);
    check(Kind::Person, &with(Value::Null, Value::Null), &[]);
    let how = "first_contact.recontact_how";
    check(
        Kind::Person,
        &with(json!(false), json!(["phone"])),
        &[(NotAllowed, how)],
    );
    // Not asked (no answer recorded): no way either.
    check(
        Kind::Person,
        &with(Value::Null, json!(["at_place"])),
        &[(NotAllowed, how)],
    );
    check(
        Kind::Person,
        &json!({"alias": "A", "first_contact": {"date": "2026-11-20",
                                                "recontact_how": ["mediator"]}}),
        &[(NotAllowed, how)],
    );
    check(
        Kind::Person,
        &with(yes.clone(), json!(["phone", "pigeon", 3])),
        &[
            (InvalidCode, "first_contact.recontact_how[1]"),
            (WrongType, "first_contact.recontact_how[2]"),
        ],
    );
    check(
        Kind::Person,
        &with(yes.clone(), json!("phone")),
        &[(WrongType, how)],
    );
    // The answer of the wrong type is reported once, as such.
    check(
        Kind::Person,
        &with(json!("yes"), json!(["phone"])),
        &[(WrongType, "first_contact.recontact")],
    );
    let many: Vec<&str> = std::iter::repeat_n("phone", CODES_MAX + 1).collect();
    check(Kind::Person, &with(yes, json!(many)), &[(TooMany, how)]);
    // Not a shape problem: a device merging another's change keeps it.
    let merged = errors(Kind::Person, &with(json!(false), json!(["phone"])));
    assert!(!merged.iter().any(is_structural), "{merged:?}");
}

#[test]
fn a_contact_is_a_contact_until_its_intake() {
    use crate::record;
    let old = json!({"alias": "A", "listening_point": "lp-1"});
    let contact = json!({"alias": "A", "first_contact": {"date": "2026-11-20", "recontact": true,
                                                          "place_id": PLACE_ID}});
    let mut intake = contact.clone();
    intake["intake_started"] = json!("2026-11-21");
    assert_eq!(record::stage(&old), "intake");
    assert_eq!(record::stage(&contact), "contact");
    assert_eq!(record::stage(&intake), "intake");
    assert_eq!(record::place_id(&contact), Some(PLACE_ID));
    let names = |id: &str| (id == PLACE_ID).then_some("Borgo Hermada");
    assert_eq!(record::place_name(&contact, &names), Some("Borgo Hermada"));
    assert_eq!(
        record::place_name(&old, &names),
        Some("lp-1"),
        "the old label"
    );
    let unknown =
        json!({"place_id": "ffffffffffffffffffffffffffffffff", "listening_point": "lp-2"});
    assert_eq!(record::place_name(&unknown, &names), Some("lp-2"));
    assert_eq!(record::place_name(&json!({}), &names), None);

    // What lists read.
    let summary = |kind: Kind, v: &Value| crate::summary::summarize(kind, v);
    let c = summary(Kind::Person, &contact);
    assert_eq!(
        (c.stage.as_deref(), c.place_id.as_deref()),
        (Some("contact"), Some(PLACE_ID))
    );
    assert_eq!(
        summary(Kind::Person, &intake).stage.as_deref(),
        Some("intake")
    );
    assert_eq!(summary(Kind::Person, &old).stage.as_deref(), Some("intake"));
    let p = summary(
        Kind::Place,
        &merge_patched(&place(), &json!({"retired": "2026-11-30"})),
    );
    assert_eq!(
        (
            p.title.as_str(),
            p.place_type.as_deref(),
            p.retired,
            p.stage
        ),
        ("Rotonda di Borgo Hermada", Some("pickup_point"), true, None)
    );
    assert!(p.search.contains("terracina"));
    assert!(!summary(Kind::Place, &place()).retired);
    let wire = serde_json::to_value(&c).unwrap();
    assert_eq!(
        (&wire["st"], &wire["pi"]),
        (&json!("contact"), &json!(PLACE_ID))
    );
    assert!(wire.get("rt").is_none(), "false is left out");
}
