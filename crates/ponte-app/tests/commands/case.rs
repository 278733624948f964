//! The case flow's commands on Tauri's mock runtime: each answers its contract type or
//! a translated error code, and the core's rules hold through them (a step needs to
//! know who did it; the sheet is written where the shell says, readable by its owner
//! only, never where the page says, and not made at all, nor audited, when the
//! exports folder cannot take it; a consent withdrawn).

use std::path::Path;

use ponte_ipc::case::{
    CloseArgs, FollowupDoneArgs, FollowupMoveArgs, OutcomeArgs, SenderArgs, SheetArgs, TakeArgs,
    WithdrawArgs,
};
use ponte_ipc::cmd;
use serde_json::json;

use super::{app, call, raw};

#[test]
fn the_case_commands_call_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (shell, w) = app(&home);
    let person = cmd::IdArgs { id: "00".into() };
    // Locked: refused before anything.
    assert_eq!(
        call::<cmd::Timeline>(&w, &person).unwrap_err().code,
        "locked"
    );
    let pass = cmd::PassphraseArgs {
        passphrase: "correct horse battery staple".into(),
    };
    call::<cmd::Init>(&w, &pass).unwrap();

    let service = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Service,
            fields: json!({"name": "FLAI-CGIL Latina", "type": "trade_union",
                           "address": "Via Roma 12, Latina", "hours": "lun-ven 9-13"}),
        },
    )
    .unwrap();
    let fields = json!({
        "alias": "Karim",
        "languages": ["ar"],
        "consents": {"c1": {"purpose": "referral", "destination": "trade_union", "given": true,
                            "language": "ar", "text_version": "consent-referral-v1",
                            "date": "2026-11-20"}},
        "referrals": {"r1": {"destination": "trade_union", "service_id": service,
                             "date": "2026-11-25", "outcome": "pending"}},
        "followups": {"f1": {"due": "2026-01-05"}},
    });
    let id = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Person,
            fields,
        },
    )
    .unwrap();

    // What is due: the follow-up, overdue; moved, it follows.
    let due = call::<cmd::FollowupsDue>(&w, &cmd::NoArgs {}).unwrap();
    assert_eq!(
        due.iter()
            .map(|d| (d.person.as_str(), d.due.as_str(), d.overdue))
            .collect::<Vec<_>>(),
        [(id.as_str(), "2026-01-05", true)]
    );
    let moved = call::<cmd::FollowupMove>(
        &w,
        &FollowupMoveArgs {
            person: id.clone(),
            followup: "f1".into(),
            due: "2099-03-01".into(),
        },
    )
    .unwrap();
    assert_eq!(moved, "2099-03-01");
    let due = call::<cmd::FollowupsDue>(&w, &cmd::NoArgs {}).unwrap();
    assert_eq!((due[0].due.as_str(), due[0].overdue), ("2099-03-01", false));

    // Outside a team this device has no name: a step says who is missing, and a
    // closing reason outside the vocabulary is refused first.
    let take = TakeArgs {
        person: id.clone(),
        operator: "Anna".into(),
    };
    assert_eq!(
        call::<cmd::CaseTake>(&w, &take).unwrap_err().code,
        "case-no-operator"
    );
    let close = CloseArgs {
        person: id.clone(),
        reason: "bored".into(),
        note: None,
    };
    assert_eq!(
        call::<cmd::CaseClose>(&w, &close).unwrap_err().code,
        "case-bad-reason"
    );
    let step = OutcomeArgs {
        person: id.clone(),
        referral: "r1".into(),
        outcome: "accepted".into(),
        date: Some("2026-13-01".into()),
        note: None,
    };
    assert_eq!(
        call::<cmd::ReferralOutcome>(&w, &step).unwrap_err().code,
        "case-bad-date"
    );
    let done = FollowupDoneArgs {
        person: id.clone(),
        followup: "nope".into(),
        note: None,
    };
    assert_eq!(
        call::<cmd::FollowupDone>(&w, &done).unwrap_err().code,
        "case-no-operator"
    );
    // No step was written: the timeline has only the referral made, nobody named.
    let lines = call::<cmd::Timeline>(&w, &cmd::IdArgs { id: id.clone() }).unwrap();
    assert_eq!(
        lines
            .iter()
            .map(|l| (
                l.what.as_str(),
                l.referral.as_deref(),
                l.destination.as_deref(),
                l.by.as_deref()
            ))
            .collect::<Vec<_>>(),
        [("referral_made", Some("r1"), Some("trade_union"), None)]
    );

    // The sheet: the referring team first; then written to the exports folder, the
    // owner's only, its name without the person's alias.
    let sheet = SheetArgs {
        person: id.clone(),
        referral: "r1".into(),
        worker: None,
    };
    assert_eq!(
        call::<cmd::ReferralSheet>(&w, &sheet).unwrap_err().code,
        "sheet-no-sender"
    );
    assert_eq!(
        call::<cmd::ReferralSender>(&w, &SenderArgs::default()).unwrap(),
        None
    );
    let sender = SenderArgs {
        team: Some("Équipe Sabaudia".into()),
        operator: None,
        contact: Some("+39 333 111 2222".into()),
    };
    let set = call::<cmd::ReferralSender>(&w, &sender).unwrap().unwrap();
    assert_eq!(set.team, "Équipe Sabaudia");
    let made = call::<cmd::ReferralSheet>(&w, &sheet).unwrap();
    assert_eq!(made.language, "it");
    let path = Path::new(&made.path);
    assert!(path.starts_with(home.join("exports")), "{}", made.path);
    assert!(!made.path.contains("Karim"));
    assert!(std::fs::read(path).unwrap().starts_with(b"%PDF"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    let worker = SheetArgs {
        worker: Some("ar".into()),
        ..sheet.clone()
    };
    let copy = call::<cmd::ReferralSheet>(&w, &worker).unwrap();
    assert_eq!(copy.language, "ar");
    assert_ne!(copy.path, made.path);
    let bad = SheetArgs {
        worker: Some("xx".into()),
        ..sheet.clone()
    };
    assert_eq!(
        call::<cmd::ReferralSheet>(&w, &bad).unwrap_err().code,
        "sheet-bad-language"
    );

    // A page script cannot choose where a sheet goes: a path is refused with the
    // call, and nothing is written there.
    let elsewhere = dir.path().join("elsewhere.pdf");
    let refused = raw(
        &w,
        <cmd::ReferralSheet as cmd::Command>::NAME,
        json!({ cmd::ARGS_KEY: {"person": id, "referral": "r1",
                                "out": elsewhere.display().to_string()} }),
    );
    assert!(refused.is_err(), "{refused:?}");
    assert!(!elsewhere.exists());
    // An exports folder that cannot take a file: refused before the sheet is made,
    // so no sheet is audited as made (counted below).
    let exports = home.join("exports");
    let aside = dir.path().join("exports-aside");
    std::fs::rename(&exports, &aside).unwrap();
    std::fs::write(&exports, b"not a folder").unwrap();
    assert_eq!(
        call::<cmd::ReferralSheet>(&w, &sheet).unwrap_err().code,
        "write-output"
    );
    std::fs::remove_file(&exports).unwrap();
    std::fs::rename(&aside, &exports).unwrap();
    let sheets = std::fs::read_dir(&exports).unwrap().count();
    assert_eq!(sheets, 2, "the two sheets made, no probe left");

    // The consent withdrawn: the service's sheet is refused from then on.
    let withdraw = WithdrawArgs {
        person: id.clone(),
        consent: "c1".into(),
        date: None,
    };
    let on = call::<cmd::ConsentWithdraw>(&w, &withdraw).unwrap();
    let got = call::<cmd::Get>(&w, &cmd::IdArgs { id: id.clone() }).unwrap();
    assert_eq!(got["consents"]["c1"]["withdrawn"], json!(on));
    assert_eq!(
        call::<cmd::ReferralSheet>(&w, &sheet).unwrap_err().code,
        "sheet-consent-withdrawn"
    );

    // Every sheet audited as made was written: two.
    drop(w);
    drop(shell);
    let store = ponte_device::session::unlock(&home, &pass.passphrase).unwrap();
    let made = store
        .audit_log()
        .unwrap()
        .iter()
        .filter(|e| format!("{:?}", e.action) == "ReferralSheet")
        .count();
    assert_eq!(made, 2);
}
