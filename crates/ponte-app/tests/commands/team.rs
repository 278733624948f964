//! The roles and recovery commands on Tauri's mock runtime: each answers its contract
//! type or a translated error code, the role and the kit's code are checked by the core
//! before the store is touched, outside a team they say `no-team`, and none of them
//! runs while the worker's screen shows. (With a real relay they run end to end in
//! `tests/tests/app_e2e.rs`.)

use ponte_ipc::{Action, Role, cmd};

use super::{app, call, none, pass};

const DEVICE: &str = "00112233445566778899aabbccddeeff";

fn role(device: &str, role: Role) -> cmd::RoleArgs {
    cmd::RoleArgs {
        device: device.to_owned(),
        role,
    }
}

fn approve(device: Option<&str>, role: Role) -> cmd::ApproveAsArgs {
    cmd::ApproveAsArgs {
        device: device.map(str::to_owned),
        role,
    }
}

fn recover(code: &str, name: &str) -> cmd::RecoverArgs {
    cmd::RecoverArgs {
        code: code.to_owned(),
        device_name: name.to_owned(),
    }
}

#[test]
fn the_role_and_recovery_commands_call_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("home"));

    // A role no device is given (the recovery kit's) or a bad kit is refused before
    // anything, locked or not; a good one needs the store. (A role the contract does
    // not know does not deserialize.)
    let roles = vec![(
        "roles".to_owned(),
        "supervisor, operator, mediator".to_owned(),
    )];
    for unlocked in [false, true] {
        if unlocked {
            call::<cmd::Init>(&w, &pass(super::PASSPHRASE)).unwrap();
        }
        let e = call::<cmd::SetRole>(&w, &role(DEVICE, Role::Recovery)).unwrap_err();
        assert_eq!((e.code.as_str(), &e.args), ("bad-role", &roles));
        let e = call::<cmd::ApproveAs>(&w, &approve(None, Role::Recovery)).unwrap_err();
        assert_eq!(e.code, "bad-role");
        let e = call::<cmd::RecoverTeam>(&w, &recover("ponterec1:MARKER-KIT", "van")).unwrap_err();
        assert_eq!(e.code, "bad-recovery-kit");
        assert!(!format!("{e:?}").contains("MARKER-KIT"), "{e:?}");
        let e = call::<cmd::RecoverTeam>(&w, &recover("ponte1:an-invite", "van")).unwrap_err();
        assert_eq!(e.code, "bad-recovery-kit");
    }
    call::<cmd::Lock>(&w, &none()).unwrap();
    for e in [
        call::<cmd::SetRole>(&w, &role(DEVICE, Role::Mediator)).unwrap_err(),
        call::<cmd::ApproveAs>(&w, &approve(None, Role::Operator)).unwrap_err(),
        call::<cmd::Handover>(
            &w,
            &cmd::DeviceArgs {
                device: DEVICE.into(),
            },
        )
        .unwrap_err(),
        call::<cmd::RecoveryKitNew>(&w, &none()).unwrap_err(),
        call::<cmd::RecoveryKitPending>(&w, &none()).unwrap_err(),
        call::<cmd::RecoveryKitPrinted>(&w, &none()).unwrap_err(),
    ] {
        assert_eq!(e.code, "locked");
    }
    call::<cmd::Unlock>(&w, &pass(super::PASSPHRASE)).unwrap();

    // Outside a team: the device is its own supervisor (the status says it may do
    // everything), yet there is nothing to administer, no kit waiting to be printed;
    // marking none printed changes nothing.
    let status = call::<cmd::GetStatus>(&w, &none()).unwrap();
    assert_eq!(status.actions, Action::ALL);
    for r in [Role::Supervisor, Role::Operator, Role::Mediator] {
        assert_eq!(
            call::<cmd::SetRole>(&w, &role(DEVICE, r)).unwrap_err().code,
            "no-team",
            "{r}"
        );
    }
    assert_eq!(
        call::<cmd::ApproveAs>(&w, &approve(Some(DEVICE), Role::Mediator))
            .unwrap_err()
            .code,
        "no-team"
    );
    assert_eq!(
        call::<cmd::Handover>(
            &w,
            &cmd::DeviceArgs {
                device: DEVICE.into()
            }
        )
        .unwrap_err()
        .code,
        "no-team"
    );
    assert_eq!(
        call::<cmd::RecoveryKitNew>(&w, &none()).unwrap_err().code,
        "no-team"
    );
    assert_eq!(call::<cmd::RecoveryKitPending>(&w, &none()).unwrap(), None);
    let status = call::<cmd::RecoveryKitPrinted>(&w, &none()).unwrap();
    assert!(status.unlocked && status.team.is_none(), "{status:?}");
    assert_eq!(call::<cmd::RecoveryKitPending>(&w, &none()).unwrap(), None);

    // The worker's screen: none of them.
    call::<cmd::SetPin>(
        &w,
        &cmd::PinArgs {
            pin: "480516".into(),
        },
    )
    .unwrap();
    call::<cmd::HandToWorker>(&w, &cmd::WorkerArgs { lang: "ar".into() }).unwrap();
    for e in [
        call::<cmd::SetRole>(&w, &role(DEVICE, Role::Mediator)).unwrap_err(),
        call::<cmd::ApproveAs>(&w, &approve(None, Role::Operator)).unwrap_err(),
        call::<cmd::RecoveryKitNew>(&w, &none()).unwrap_err(),
        call::<cmd::RecoveryKitPending>(&w, &none()).unwrap_err(),
        call::<cmd::RecoveryKitPrinted>(&w, &none()).unwrap_err(),
    ] {
        assert_eq!(e.code, "locked");
    }
}
