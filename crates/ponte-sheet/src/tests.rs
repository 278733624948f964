use super::*;
use ponte_model::Date;
use serde_json::{Value, json};

fn person(share: Value) -> Value {
    json!({
        "alias": "ALIASMARK",
        "sex": "male",
        "birth_year": 1990,
        "nationality": "IN",
        "languages": ["pa"],
        "phone": "PHONEMARK",
        "employer_area": "AREAMARK",
        "notes": "NOTESMARK",
        "needs": ["wage_claim"],
        "screening": {"s603": {"pay": {"answer": "yes", "note": "SCREENNOTEMARK"}}},
        "consents": {
            "c1": {"purpose": "referral", "destination": "trade_union", "given": true,
                   "language": "pa", "text_version": "consent-referral-v1",
                   "date": "2026-11-20", "share": share}
        },
        "referrals": {
            "r1": {"destination": "trade_union", "date": "2026-11-25", "note": "NOTEMARK",
                   "appointment": {"date": "2026-12-02", "time": "09:30",
                                   "ask_for": "Maria", "bring": "busta paga"}}
        }
    })
}

fn service() -> Value {
    json!({"name": "FLAI-CGIL Latina", "type": "trade_union", "address": "Via Roma 1",
           "hours": "lun-ven 9-13", "languages": ["it", "en"]})
}

fn sender() -> Sender {
    Sender {
        team: "Équipe Sabaudia".to_owned(),
        operator: Some("Anna".to_owned()),
        contact: "+39 333 000 0000".to_owned(),
    }
}

fn day() -> Date {
    Date::parse("2026-11-26").unwrap()
}

#[test]
fn the_service_sheet_has_only_the_consented_fields() {
    let sheet = service_sheet(
        &person(json!(["phone"])),
        "r1",
        &service(),
        &sender(),
        day(),
    )
    .unwrap();
    let text = sheet.text();
    for present in [
        "ALIASMARK",
        "PHONEMARK",
        "FLAI-CGIL Latina",
        "02/12/2026 09:30",
        "Équipe Sabaudia",
        "+39 333 000 0000",
        "consent-referral-v1",
        "20/11/2026",
    ] {
        assert!(text.contains(present), "{present} missing");
    }
    for absent in [
        "AREAMARK",
        "NOTESMARK",
        "NOTEMARK",
        "SCREENNOTEMARK",
        "1990",
    ] {
        assert!(!text.contains(absent), "{absent} leaked");
    }
    // The mediator line: the service works in Italian and English, the person in Punjabi.
    assert!(text.contains("necessaria ("), "{text}");
}

#[test]
fn without_a_share_list_the_sheet_carries_the_minimum_and_with_one_what_it_names() {
    let minimum = service_sheet(&person(Value::Null), "r1", &service(), &sender(), day())
        .unwrap()
        .text();
    assert!(minimum.contains("ALIASMARK"));
    assert!(!minimum.contains("PHONEMARK"));
    let all = service_sheet(
        &person(json!([
            "screening",
            "referral_note",
            "employer_area",
            "birth_year"
        ])),
        "r1",
        &service(),
        &sender(),
        day(),
    )
    .unwrap()
    .text();
    for present in ["NOTEMARK", "AREAMARK", "1990", "Retribuzione"] {
        assert!(all.contains(present), "{present} missing");
    }
    assert!(!all.contains("SCREENNOTEMARK") && !all.contains("NOTESMARK"));
}

#[test]
fn refusals() {
    let p = person(json!([]));
    let s = sender();
    assert_eq!(
        service_sheet(&p, "r9", &service(), &s, day()),
        Err(SheetError::UnknownReferral)
    );
    let mut other = service();
    other["type"] = json!("health");
    assert_eq!(
        service_sheet(&p, "r1", &other, &s, day()),
        Err(SheetError::NoConsent)
    );
    let mut refused = p.clone();
    refused["consents"]["c1"]["given"] = json!(false);
    assert_eq!(
        service_sheet(&refused, "r1", &service(), &s, day()),
        Err(SheetError::NoConsent)
    );
    let mut withdrawn = p.clone();
    withdrawn["consents"]["c1"]["withdrawn"] = json!("2026-11-30");
    assert_eq!(
        service_sheet(&withdrawn, "r1", &service(), &s, day()),
        Err(SheetError::ConsentWithdrawn)
    );
    assert!(worker_copy(&withdrawn, "r1", &service(), &s, "pa").is_ok());
    assert_eq!(
        worker_copy(&p, "r1", &service(), &s, "de"),
        Err(SheetError::BadLanguage)
    );
}

#[test]
fn the_worker_copy_is_in_their_language_and_holds_nothing_of_them() {
    for lang in ponte_i18n::WORKER_LOCALES {
        let sheet =
            worker_copy(&person(json!(["phone"])), "r1", &service(), &sender(), lang).unwrap();
        let text = sheet.text();
        assert_eq!(sheet.rtl, matches!(*lang, "ar" | "ur"), "{lang}");
        for present in [
            "FLAI-CGIL Latina",
            "Via Roma 1",
            "lun-ven 9-13",
            "02/12/2026 09:30",
            "Maria",
            "busta paga",
            "+39 333 000 0000",
            "800 290 290",
        ] {
            assert!(text.contains(present), "{lang}: {present} missing");
        }
        for absent in ["ALIASMARK", "PHONEMARK", "NOTEMARK", "NOTESMARK"] {
            assert!(!text.contains(absent), "{lang}: {absent} leaked");
        }
        let pdf = pdf::render(&sheet).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

#[test]
fn the_italian_service_sheet_has_its_own_title_and_service_label() {
    // The app's button labels once had the same ids and were printed instead.
    let sheet = service_sheet(&person(json!([])), "r1", &service(), &sender(), day()).unwrap();
    assert_eq!(
        sheet.blocks.first(),
        Some(&Block::Title("Scheda di invio".to_owned()))
    );
    assert!(
        sheet.blocks.contains(&Block::Field {
            label: "Servizio".to_owned(),
            value: "FLAI-CGIL Latina".to_owned()
        }),
        "{:?}",
        sheet.blocks
    );
}
