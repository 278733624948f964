//! The quick-contact and place commands on Tauri's mock runtime: each answers its
//! contract type or a translated error code, and the core's rules hold through them (a
//! contact is listed as one until its intake, once; how to contact the person again
//! and their phone are kept; an unanswered "contacted again?", a way after a no, a
//! phone without the way, an unknown or retired place write nothing; places are listed
//! and created with the generic commands).

use ponte_ipc::cmd;
use ponte_ipc::contact::{PlaceRetireArgs, QuickContactArgs};
use ponte_model::{Kind, Query};
use serde_json::json;

use super::{MockRuntime, WebviewWindow, app, call};

fn rows(w: &WebviewWindow<MockRuntime>, kind: Kind) -> Vec<ponte_ipc::Row> {
    let query = Query {
        kind: Some(kind),
        ..Query::default()
    };
    call::<cmd::List>(w, &cmd::ListArgs { query }).unwrap()
}

#[test]
fn the_contact_and_place_commands_call_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("home"));
    let contact = |place: Option<&str>, recontact: Option<bool>| QuickContactArgs {
        alias: "man in the red cap".into(),
        place_id: place.map(str::to_owned),
        language: Some("pa".into()),
        given: vec!["helpline_card".into()],
        said: None,
        recontact,
        recontact_how: Vec::new(),
        phone: None,
        date: Some("2026-11-20".into()),
    };
    let reachable = |place: Option<&str>, ways: &[&str], phone: Option<&str>| QuickContactArgs {
        recontact_how: ways.iter().map(|w| (*w).to_owned()).collect(),
        phone: phone.map(str::to_owned),
        ..contact(place, Some(true))
    };
    assert_eq!(
        call::<cmd::QuickContact>(&w, &contact(None, Some(true)))
            .unwrap_err()
            .code,
        "locked"
    );
    let pass = cmd::PassphraseArgs {
        passphrase: "correct horse battery staple".into(),
    };
    call::<cmd::Init>(&w, &pass).unwrap();

    let place = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: Kind::Place,
            fields: json!({"name": "Borgo Hermada", "type": "pickup_point"}),
        },
    )
    .unwrap();
    let listed = rows(&w, Kind::Place);
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (
            listed[0].summary.title.as_str(),
            listed[0].summary.place_type.as_deref(),
            listed[0].summary.retired
        ),
        ("Borgo Hermada", Some("pickup_point"), false)
    );

    // Refused, nothing written.
    for (args, code) in [
        (contact(Some(&place), None), "contact-no-recontact"),
        (
            contact(Some("0123456789abcdef0123456789abcdef"), Some(true)),
            "place-unknown",
        ),
        (
            QuickContactArgs {
                recontact: Some(false),
                ..reachable(Some(&place), &["at_place"], None)
            },
            "contact-way-without-yes",
        ),
        (
            reachable(Some(&place), &["mediator"], Some("+39 333 123 4567")),
            "contact-phone-without-way",
        ),
        (
            reachable(Some(&place), &["phone", "carrier_pigeon"], None),
            "contact-bad-way",
        ),
    ] {
        assert_eq!(call::<cmd::QuickContact>(&w, &args).unwrap_err().code, code);
    }
    assert!(rows(&w, Kind::Person).is_empty());

    let id = call::<cmd::QuickContact>(&w, &contact(Some(&place), Some(false))).unwrap();
    let person = &rows(&w, Kind::Person)[0];
    assert_eq!(person.id, id);
    assert_eq!(person.summary.stage.as_deref(), Some("contact"));
    assert_eq!(person.summary.place_id.as_deref(), Some(place.as_str()));
    call::<cmd::ContactToIntake>(&w, &cmd::IdArgs { id: id.clone() }).unwrap();
    assert_eq!(
        rows(&w, Kind::Person)[0].summary.stage.as_deref(),
        Some("intake")
    );
    assert_eq!(
        call::<cmd::ContactToIntake>(&w, &cmd::IdArgs { id })
            .unwrap_err()
            .code,
        "contact-already-intake"
    );

    // Retired: listed as such, refused for a new contact; back in use, taken again.
    let retire = |retired: bool| PlaceRetireArgs {
        id: place.clone(),
        retired,
    };
    call::<cmd::PlaceRetire>(&w, &retire(true)).unwrap();
    assert!(rows(&w, Kind::Place)[0].summary.retired);
    assert_eq!(
        call::<cmd::QuickContact>(&w, &contact(Some(&place), Some(true)))
            .unwrap_err()
            .code,
        "place-retired"
    );
    call::<cmd::PlaceRetire>(&w, &retire(false)).unwrap();
    call::<cmd::QuickContact>(&w, &contact(Some(&place), Some(true))).unwrap();
    assert_eq!(rows(&w, Kind::Person).len(), 2);

    // How to contact the person again, and the phone for the way `phone`.
    let args = reachable(
        Some(&place),
        &["phone", "sportello"],
        Some("+39 333 123 4567"),
    );
    let id = call::<cmd::QuickContact>(&w, &args).unwrap();
    let person = call::<cmd::Get>(&w, &cmd::IdArgs { id }).unwrap();
    assert_eq!(
        person["first_contact"]["recontact_how"],
        json!(["phone", "sportello"])
    );
    assert_eq!(person["phone"], "+39 333 123 4567");
}
