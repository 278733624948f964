//! Entries the core adds to a person (a follow-up, an encounter, a consent, a
//! referral), the case plan's goals, reopening and the audit review, on Tauri's mock
//! runtime: each answers its contract type or the core's error code. The core names
//! every entry (time and random digits) and holds the rules the screens used to
//! repeat: the referral's consent and closed case, the status a referral leaves.

use ponte_ipc::audit::AuditReviewArgs;
use ponte_ipc::case::{
    Appointment, ConsentAddArgs, EncounterAddArgs, FollowupAddArgs, GoalAddArgs, GoalDoneArgs,
    GoalDropArgs, IntakeCreateArgs, ReferralAddArgs, ReopenArgs,
};
use ponte_ipc::cmd;
use serde_json::json;

use super::{app, call, pass};

#[test]
fn entries_goals_reopening_and_the_audit_review_call_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("home"));
    let followup = |person: &str, due: &str| FollowupAddArgs {
        person: person.into(),
        due: due.into(),
    };
    assert_eq!(
        call::<cmd::FollowupAdd>(&w, &followup("00", "2027-01-01"))
            .unwrap_err()
            .code,
        "locked"
    );
    call::<cmd::Init>(&w, &pass(super::PASSPHRASE)).unwrap();
    let place = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Place,
            fields: json!({"name": "Borgo Hermada", "type": "pickup_point"}),
        },
    )
    .unwrap();
    call::<cmd::SetPrefs>(
        &w,
        &cmd::Prefs {
            listening_point: Some("Borgo Hermada".into()),
            ..cmd::Prefs::default()
        },
    )
    .unwrap();
    let id = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Person,
            fields: json!({"alias": "Karim", "languages": ["ar"],
                           "status": {"code": "interviewed"}}),
        },
    )
    .unwrap();
    let get = || call::<cmd::Get>(&w, &cmd::IdArgs { id: id.clone() }).unwrap();

    // A follow-up and an encounter, named by the core.
    assert_eq!(
        call::<cmd::FollowupAdd>(&w, &followup(&id, "01/02/2027"))
            .unwrap_err()
            .code,
        "case-bad-date"
    );
    let f = call::<cmd::FollowupAdd>(&w, &followup(&id, "2027-02-01")).unwrap();
    let e = call::<cmd::EncounterAdd>(
        &w,
        &EncounterAddArgs {
            person: id.clone(),
            date: None,
        },
    )
    .unwrap();
    let p = get();
    assert_eq!(p["followups"][&f], json!({"due": "2027-02-01"}));
    assert_eq!(p["encounters"][&e]["place_id"], json!(place));
    assert!(
        f.starts_with('f') && e.starts_with('e') && f.len() > 20,
        "{f} {e}"
    );
    let due = call::<cmd::FollowupsDue>(&w, &cmd::NoArgs {}).unwrap();
    assert_eq!(
        (due[0].due.as_str(), due[0].kind.as_deref()),
        ("2027-02-01", None)
    );

    // No referral without the consent; then one with what the person shares.
    let refer = ReferralAddArgs {
        person: id.clone(),
        destination: "trade_union".into(),
        service: None,
        appointment: Appointment {
            date: Some("2027-01-10".into()),
            time: Some(" 10:30 ".into()),
            bring: Some(" ".into()),
            ..Appointment::default()
        },
        note: Some("  ask for Maria ".into()),
    };
    assert_eq!(
        call::<cmd::ReferralAdd>(&w, &refer).unwrap_err().code,
        "consent-missing"
    );
    let consent = ConsentAddArgs {
        person: id.clone(),
        purpose: "referral".into(),
        destination: Some("trade_union".into()),
        language: "ar".into(),
        share: vec!["sex".into()],
    };
    let c = call::<cmd::ConsentAdd>(&w, &consent).unwrap();
    let r = call::<cmd::ReferralAdd>(&w, &refer).unwrap();
    let p = get();
    assert_eq!(
        p["consents"][&c]["share"],
        json!(["alias", "languages", "sex"])
    );
    assert_eq!(
        p["referrals"][&r]["appointment"],
        json!({"date": "2027-01-10", "time": "10:30"})
    );
    assert_eq!(p["referrals"][&r]["note"], "ask for Maria");
    assert_eq!(p["status"]["code"], "referred");
    // A purpose no screen asks for.
    let odd = ConsentAddArgs {
        purpose: "marketing".into(),
        ..consent.clone()
    };
    assert_eq!(call::<cmd::ConsentAdd>(&w, &odd).unwrap_err().code, "usage");
    // A new person with the intake consent given before it existed: both in one
    // write, the consent the device's (entry id, text version, today).
    let started = call::<cmd::IntakeCreate>(
        &w,
        &IntakeCreateArgs {
            fields: json!({"alias": "Sunil", "status": {"code": "contacted"}}),
            language: "pa".into(),
        },
    )
    .unwrap();
    let p = call::<cmd::Get>(
        &w,
        &cmd::IdArgs {
            id: started.clone(),
        },
    )
    .unwrap();
    let consents = p["consents"].as_object().unwrap();
    assert_eq!(consents.len(), 1, "{p}");
    let (entry, given) = consents.iter().next().unwrap();
    assert!(entry.starts_with('c'), "{entry}");
    assert_eq!(
        (&given["purpose"], &given["language"], &given["given"]),
        (&json!("intake"), &json!("pa"), &json!(true))
    );
    // A bad field refuses the whole: no person, no consent.
    let before = call::<cmd::List>(
        &w,
        &cmd::ListArgs {
            query: Default::default(),
        },
    )
    .unwrap()
    .len();
    let bad = IntakeCreateArgs {
        fields: json!({"alias": "Sunil", "sex": "nonsense"}),
        language: "pa".into(),
    };
    assert!(call::<cmd::IntakeCreate>(&w, &bad).is_err());
    assert_eq!(
        call::<cmd::List>(
            &w,
            &cmd::ListArgs {
                query: Default::default()
            }
        )
        .unwrap()
        .len(),
        before
    );
    // An unknown person.
    let nobody = "00112233445566778899aabbccddeeff";
    assert_eq!(
        call::<cmd::FollowupAdd>(&w, &followup(nobody, "2027-02-01"))
            .unwrap_err()
            .code,
        "case-unknown-person"
    );

    // The plan's goals and reopening: a blank goal is refused first; outside a team
    // this device has no name, so a step says who is missing.
    let goal = |text: &str| GoalAddArgs {
        person: id.clone(),
        text: text.into(),
    };
    assert_eq!(
        call::<cmd::CaseGoalAdd>(&w, &goal("  ")).unwrap_err().code,
        "case-bad-goal"
    );
    assert_eq!(
        call::<cmd::CaseGoalAdd>(&w, &goal("a lawyer"))
            .unwrap_err()
            .code,
        "case-no-operator"
    );
    let done = GoalDoneArgs {
        person: id.clone(),
        goal: "g1".into(),
    };
    assert_eq!(
        call::<cmd::CaseGoalDone>(&w, &done).unwrap_err().code,
        "case-no-operator"
    );
    // Dropping an open goal is a step too: refused the same way, and the goal stays
    // open.
    call::<cmd::Edit>(
        &w,
        &cmd::EditArgs {
            id: id.clone(),
            patch: json!({"case_goals": {"g1": {"text": "a lawyer", "state": "open"}}}),
        },
    )
    .unwrap();
    let drop = GoalDropArgs {
        person: id.clone(),
        goal: "g1".into(),
        note: Some("not needed".into()),
    };
    assert_eq!(
        call::<cmd::CaseGoalDrop>(&w, &drop).unwrap_err().code,
        "case-no-operator"
    );
    assert_eq!(get()["case_goals"]["g1"]["state"], "open");
    assert!(get().get("case_events").is_none());
    assert_eq!(
        call::<cmd::CaseReopen>(&w, &ReopenArgs { person: id.clone() })
            .unwrap_err()
            .code,
        "case-no-operator"
    );

    // The audit review: outside a team this device is its own supervisor, and there
    // is no team's trail to review; a record filter must be an id.
    let review = call::<cmd::AuditReview>(&w, &AuditReviewArgs::default()).unwrap();
    assert!(
        review.devices.is_empty() && review.entries.is_empty(),
        "{review:?}"
    );
    let e = call::<cmd::AuditReview>(
        &w,
        &AuditReviewArgs {
            record: Some("nope".into()),
            ..AuditReviewArgs::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, "bad-id");
}
