//! The contract, command by command: each command of `ponte_ipc::cmd::ALL` is sent a
//! sample of its argument struct (the required fields filled, on a device with no
//! store and then on an unlocked one) and answers its contract's type or an
//! `IpcError`, never Tauri's refusal of arguments it cannot read. A sample that is not
//! its command's argument struct fails here first; a command left out of the table
//! fails the check of its names. These calls are not counted as the suites' own calls
//! of each command (`every_command_of_the_contract_is_sent_by_a_test`).

use ponte_ipc::IpcError;
use ponte_ipc::cmd::{self, Command};
use serde_json::{Value, json};
use tauri::WebviewWindow;
use tauri::test::MockRuntime;

use super::{app, pass, send};

/// Send `C` its sample (which must be a `C::Args`); the answer must be a `C::Output` or
/// an `IpcError`. Answers whether it was an error.
fn check<C: Command>(w: &WebviewWindow<MockRuntime>, sample: &Value) -> Result<(), IpcError> {
    let args: C::Args = serde_json::from_value(sample.clone())
        .unwrap_or_else(|e| panic!("{}: the sample {sample} is not its Args: {e}", C::NAME));
    match send(w, C::NAME, json!({ cmd::ARGS_KEY: args }), false) {
        Ok(v) => {
            serde_json::from_value::<C::Output>(v.clone())
                .unwrap_or_else(|e| panic!("{}: answer {v} is not its Output: {e}", C::NAME));
            Ok(())
        }
        Err(v) => Err(
            serde_json::from_value::<IpcError>(v.clone()).unwrap_or_else(|e| {
                panic!(
                    "{}: {v} is neither its Output nor an IpcError: {e}",
                    C::NAME
                )
            }),
        ),
    }
}

type Check = fn(&WebviewWindow<MockRuntime>, &Value) -> Result<(), IpcError>;

macro_rules! table {
    ($($c:ident => $sample:expr,)*) => {
        vec![$((cmd::$c::NAME, check::<cmd::$c> as Check, $sample)),*]
    };
}

fn samples() -> Vec<(&'static str, Check, Value)> {
    table! {
        GetStatus => json!({}),
        SetPrefs => json!({}),
        Init => json!({"passphrase": "00"}),
        Unlock => json!({"passphrase": "00"}),
        Lock => json!({}),
        CreateTeam => json!({"relay": "00", "device_name": "00"}),
        JoinTeam => json!({"code": "00", "device_name": "00"}),
        DecodeQr => json!({"image": []}),
        MakeInvite => json!({}),
        Approve => json!({}),
        Devices => json!({}),
        Revoke => json!({"device": "00"}),
        SyncNow => json!({}),
        List => json!({"query": {}}),
        Get => json!({"id": "00"}),
        Create => json!({"kind": "person", "fields": {}}),
        Edit => json!({"id": "00", "patch": {}}),
        Erase => json!({"id": "00"}),
        Report => json!({"from": "00", "to": "00"}),
        ReportExport => json!({"from": "00", "to": "00"}),
        Panic => json!({}),
        SetPin => json!({"pin": "00"}),
        SetDuress => json!({"passphrase": "00"}),
        ClearPin => json!({}),
        UnlockPin => json!({"pin": "00"}),
        HandToWorker => json!({"lang": "00"}),
        Activity => json!({}),
        TeamSettings => json!({}),
        CaseTake => json!({"person": "00", "operator": "00"}),
        CaseGoalAdd => json!({"person": "00", "text": "00"}),
        CaseGoalDone => json!({"person": "00", "goal": "00"}),
        CaseGoalDrop => json!({"person": "00", "goal": "00"}),
        CaseClose => json!({"person": "00", "reason": "00"}),
        CaseReopen => json!({"person": "00"}),
        ReferralOutcome => json!({"person": "00", "referral": "00", "outcome": "00"}),
        FollowupDone => json!({"person": "00", "followup": "00"}),
        FollowupMove => json!({"person": "00", "followup": "00", "due": "00"}),
        FollowupAdd => json!({"person": "00", "due": "00"}),
        EncounterAdd => json!({"person": "00"}),
        ConsentAdd => json!({"person": "00", "purpose": "00", "language": "00"}),
        IntakeCreate => json!({"fields": {}, "language": "00"}),
        ReferralAdd => json!({"person": "00", "destination": "00"}),
        FollowupsDue => json!({}),
        Timeline => json!({"id": "00"}),
        ReferralSheet => json!({"person": "00", "referral": "00"}),
        ReferralSender => json!({}),
        ConsentWithdraw => json!({"person": "00", "consent": "00"}),
        OutreachTally => json!({"id": "00", "taps": []}),
        OutreachCounts => json!({"id": "00"}),
        TeamMembers => json!({}),
        OutreachMembers => json!({"id": "00", "devices": []}),
        OutreachGroupAdd => json!({"id": "00", "topic": "00", "attendance": 0}),
        OutreachGroupFollowUp => json!({"id": "00", "group": "00", "person": "00"}),
        QuickContact => json!({"alias": "00"}),
        ContactToIntake => json!({"id": "00"}),
        PlaceRetire => json!({"id": "00", "retired": false}),
        Conflicts => json!({"id": "00"}),
        Resolve => json!({"id": "00", "path": "00"}),
        ApproveAs => json!({"role": "operator"}),
        SetRole => json!({"device": "00", "role": "operator"}),
        Handover => json!({"device": "00"}),
        RecoveryKitNew => json!({}),
        RecoveryKitPending => json!({}),
        RecoveryKitPrinted => json!({}),
        RecoverTeam => json!({"code": "00", "device_name": "00"}),
        ProgrammeList => json!({}),
        ProgrammeReport => json!({"from": "00", "to": "00"}),
        ProgrammeInit => json!({"name": "00"}),
        ProgrammeKey => json!({}),
        ProgrammeAddTeam => json!({"code": "00"}),
        ProgrammeImportFiles => json!({"files": []}),
        ProgrammeExport => json!({"from": "00", "to": "00"}),
        ProgrammeTeamCode => json!({}),
        ProgrammePublish => json!({"coordinator": "00", "from": "00", "to": "00"}),
        Restrict => json!({"id": "00"}),
        Readers => json!({"id": "00"}),
        AuditReview => json!({}),
    }
}

#[test]
fn every_command_takes_its_sample_arguments() {
    let table = samples();
    let names: Vec<&str> = table.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(names, cmd::ALL, "the table lists every command, in order");

    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("home"));
    // No store yet: most refuse, each in its contract's terms.
    for (_, check, sample) in &table {
        let _ = check(&w, sample);
    }
    // Unlocked (but what ends the session is left out).
    let ends = ["panic", "lock", "hand_to_worker", "init", "set_duress"];
    super::call::<cmd::Init>(&w, &pass(super::PASSPHRASE)).unwrap();
    let mut answered = 0;
    for (name, check, sample) in &table {
        if !ends.contains(name) && check(&w, sample).is_ok() {
            answered += 1;
        }
    }
    assert!(answered > 10, "only {answered} commands answered unlocked");
}

#[test]
fn a_sample_that_is_not_the_arguments_is_caught() {
    // What the table guards against, shown once: Tauri's own refusal of arguments it
    // cannot read is not an IpcError.
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("home"));
    let refused = send(
        &w,
        cmd::Get::NAME,
        json!({ cmd::ARGS_KEY: {"id": 7} }),
        false,
    )
    .unwrap_err();
    assert!(
        serde_json::from_value::<IpcError>(refused.clone()).is_err(),
        "{refused}"
    );
    // And a sample missing a required field is no sample.
    let sample = json!({"person": "00"});
    assert!(serde_json::from_value::<<cmd::CaseTake as Command>::Args>(sample).is_err());
}
