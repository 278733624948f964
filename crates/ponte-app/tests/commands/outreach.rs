//! The outreach counting commands on Tauri's mock runtime: each answers its contract
//! type or a translated error code, and the core's rules hold through them (the total
//! follows the sex taps; a bad code writes nothing; no roster outside a team; a group
//! session and a follow-up linked to a person).

use ponte_ipc::cmd;
use ponte_ipc::outreach::{
    Counter, GroupAddArgs, GroupFollowUpArgs, MembersArgs, OutreachCounts, TallyArgs, Tap,
};
use serde_json::json;

use super::{app, call};

fn tap(what: Counter, delta: i64) -> Tap {
    Tap { what, delta }
}

#[test]
fn the_outreach_commands_call_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    let taps = |id: &str, taps: Vec<Tap>| TallyArgs {
        id: id.to_owned(),
        taps,
    };
    assert_eq!(
        call::<cmd::OutreachTally>(&w, &taps("00", vec![tap(Counter::Women, 1)]))
            .unwrap_err()
            .code,
        "locked"
    );
    let pass = cmd::PassphraseArgs {
        passphrase: "correct horse battery staple".into(),
    };
    call::<cmd::Init>(&w, &pass).unwrap();
    let id = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Outreach,
            fields: json!({"date": "2026-11-24", "outreach_type": "street",
                           "people_met": {"total": 0}}),
        },
    )
    .unwrap();

    let counts = call::<cmd::OutreachTally>(
        &w,
        &taps(
            &id,
            vec![
                tap(Counter::Women, 1),
                tap(Counter::Minors, 1),
                tap(Counter::Nationality("ng".into()), 1),
                tap(Counter::Material("helpline_card".into()), 3),
            ],
        ),
    )
    .unwrap();
    let want = OutreachCounts {
        total: 1,
        women: 1,
        minors: 1,
        nationalities: [("NG".to_owned(), 1)].into(),
        materials: [("helpline_card".to_owned(), 3)].into(),
        ..OutreachCounts::default()
    };
    assert_eq!(counts, want);
    let bad = taps(
        &id,
        vec![
            tap(Counter::Men, 1),
            tap(Counter::Nationality("XX".into()), 1),
        ],
    );
    assert_eq!(
        call::<cmd::OutreachTally>(&w, &bad).unwrap_err().code,
        "outreach-bad-nationality"
    );
    let shown = cmd::IdArgs { id: id.clone() };
    assert_eq!(call::<cmd::OutreachCounts>(&w, &shown).unwrap(), want);

    // No team: no roster to pick members from.
    assert_eq!(
        call::<cmd::TeamMembers>(&w, &cmd::NoArgs {})
            .unwrap_err()
            .code,
        "outreach-no-roster"
    );
    let members = MembersArgs {
        id: id.clone(),
        devices: vec!["0123456789abcdef0123456789abcdef".into()],
    };
    assert_eq!(
        call::<cmd::OutreachMembers>(&w, &members).unwrap_err().code,
        "outreach-no-roster"
    );

    let group = call::<cmd::OutreachGroupAdd>(
        &w,
        &GroupAddArgs {
            id: id.clone(),
            topic: "rights".into(),
            attendance: 12,
            women: Some(4),
            men: None,
            minors: None,
            note: None,
        },
    )
    .unwrap();
    let person = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Person,
            fields: json!({"alias": "Karim"}),
        },
    )
    .unwrap();
    let link = GroupFollowUpArgs {
        id: id.clone(),
        group: group.clone(),
        person: person.clone(),
    };
    call::<cmd::OutreachGroupFollowUp>(&w, &link).unwrap();
    let record = call::<cmd::Get>(&w, &shown).unwrap();
    assert_eq!(
        record["groups"][&group],
        json!({"topic": "rights", "attendance": 12, "women": 4, "follow_up": [person]})
    );
    let unknown = GroupFollowUpArgs {
        group: "nosuchgroup".into(),
        ..link
    };
    assert_eq!(
        call::<cmd::OutreachGroupFollowUp>(&w, &unknown)
            .unwrap_err()
            .code,
        "outreach-unknown-group"
    );
}
