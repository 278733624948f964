//! The shell's commands on Tauri's mock runtime (no WebKit): every command of the IPC
//! contract is registered under its name, takes its one argument struct and answers its
//! type or an `IpcError`; and the device rules hold through them (lock, the supervisor's
//! report, the relay rule, the QR size check).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use ponte_ipc::IpcError;
use ponte_ipc::cmd::{self, Command};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

const PASSPHRASE: &str = "correct horse battery staple";

fn app(home: &Path) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = ponte_app::app_builder(mock_builder(), Some(home.to_path_buf()))
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, webview)
}

/// Send `body` to the command `name`, as the screens' IPC module does.
fn raw(webview: &WebviewWindow<MockRuntime>, name: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: name.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

/// Call command `C` with its contract's argument struct; its answer must be the
/// contract's type, or an `IpcError` (anything else fails the test: a command whose
/// name, argument or answer drifted from `ponte_ipc::cmd`).
fn call<C: Command>(
    webview: &WebviewWindow<MockRuntime>,
    args: &C::Args,
) -> Result<C::Output, IpcError> {
    match raw(webview, C::NAME, json!({ cmd::ARGS_KEY: args })) {
        Ok(v) => Ok(serde_json::from_value(v.clone())
            .unwrap_or_else(|e| panic!("{}: answer {v} is not the contract's type: {e}", C::NAME))),
        Err(v) => Err(serde_json::from_value(v.clone())
            .unwrap_or_else(|e| panic!("{}: error {v} is not an IpcError: {e}", C::NAME))),
    }
}

fn none() -> cmd::NoArgs {
    cmd::NoArgs {}
}

#[test]
fn the_shell_registers_exactly_the_contract() {
    assert_eq!(ponte_app::REGISTERED, cmd::ALL);
}

#[test]
fn a_call_that_breaks_the_contract_is_not_an_answer() {
    // What the test above and `call` guard against, shown once: the arguments sent
    // without the contract's struct, and a name the shell does not have.
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(&dir.path().join("home"));
    let unwrapped = raw(&webview, cmd::Get::NAME, json!({"id": "00"})).unwrap_err();
    assert!(
        serde_json::from_value::<IpcError>(unwrapped.clone()).is_err(),
        "{unwrapped}"
    );
    let unknown = raw(&webview, "no_such_command", json!({ cmd::ARGS_KEY: {} })).unwrap_err();
    assert!(
        serde_json::from_value::<IpcError>(unknown.clone()).is_err(),
        "{unknown}"
    );
}

#[test]
fn every_command_answers_its_contract_type() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);

    let status = call::<cmd::GetStatus>(&w, &none()).unwrap();
    assert!(!status.initialized && !status.unlocked);
    // Locked commands say so.
    assert_eq!(
        call::<cmd::List>(
            &w,
            &cmd::ListArgs {
                query: Default::default()
            }
        )
        .unwrap_err()
        .code,
        "locked"
    );
    let pass = |p: &str| cmd::PassphraseArgs {
        passphrase: p.to_owned(),
    };
    let status = call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    assert!(status.initialized && status.unlocked && status.team.is_none());

    let prefs = cmd::Prefs {
        locale: Some("ar".into()),
        autolock_minutes: Some(10),
        listening_point: Some("lp-foggia-1".into()),
    };
    let status = call::<cmd::SetPrefs>(&w, &prefs).unwrap();
    assert_eq!(
        (
            status.locale.as_str(),
            status.autolock_minutes,
            status.listening_point.as_deref()
        ),
        ("ar", 10, Some("lp-foggia-1"))
    );
    let bad = cmd::Prefs {
        listening_point: Some("x".repeat(65)),
        ..Default::default()
    };
    assert_eq!(
        call::<cmd::SetPrefs>(&w, &bad).unwrap_err().code,
        "bad-setting"
    );

    let fields = json!({"alias": "Karim", "encounters": {"e1": {"date": "2026-11-02"}}});
    let id = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Person,
            fields,
        },
    )
    .unwrap();
    let rows = call::<cmd::List>(
        &w,
        &cmd::ListArgs {
            query: Default::default(),
        },
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, id);
    call::<cmd::Edit>(
        &w,
        &cmd::EditArgs {
            id: id.clone(),
            patch: json!({"alias": "K."}),
        },
    )
    .unwrap();
    let got = call::<cmd::Get>(&w, &cmd::IdArgs { id: id.clone() }).unwrap();
    assert_eq!(got["alias"], "K.");
    let invalid = call::<cmd::Edit>(
        &w,
        &cmd::EditArgs {
            id: id.clone(),
            patch: json!({"sex": "MARKER-VALUE"}),
        },
    )
    .unwrap_err();
    assert_eq!(invalid.code, "invalid");
    assert!(!format!("{invalid:?}").contains("MARKER-VALUE"));
    assert_eq!(
        call::<cmd::Get>(&w, &cmd::IdArgs { id: "nope".into() })
            .unwrap_err()
            .code,
        "bad-id"
    );

    // Reports: a device outside any team may; audited either way.
    let period = cmd::PeriodArgs {
        from: "2026-01-01".into(),
        to: "2026-12-31".into(),
    };
    let view = call::<cmd::Report>(&w, &period).unwrap();
    assert_eq!(view.threshold, 5);
    let file = call::<cmd::ReportExport>(&w, &period).unwrap();
    assert!(
        Path::new(&file).starts_with(&home) && Path::new(&file).exists(),
        "{file}"
    );
    let backwards = cmd::PeriodArgs {
        from: "2026-12-31".into(),
        to: "2026-01-01".into(),
    };
    assert_eq!(
        call::<cmd::Report>(&w, &backwards).unwrap_err().code,
        "report-bad-period"
    );

    // QR: a real picture reads back; a picture claiming too many pixels is refused.
    let png = ponte_device::qr::png("ponte1:abc").unwrap();
    assert_eq!(
        call::<cmd::DecodeQr>(&w, &cmd::QrImageArgs { image: png }).unwrap(),
        "ponte1:abc"
    );
    let huge = vec![0u8; ponte_device::qr::MAX_PICTURE_BYTES + 1];
    assert_eq!(
        call::<cmd::DecodeQr>(&w, &cmd::QrImageArgs { image: huge })
            .unwrap_err()
            .code,
        "qr-too-large"
    );

    // Team commands outside a team, and the relay rule before any connection.
    assert_eq!(
        call::<cmd::MakeInvite>(&w, &none()).unwrap_err().code,
        "no-team"
    );
    assert_eq!(
        call::<cmd::Approve>(&w, &none()).unwrap_err().code,
        "no-team"
    );
    assert_eq!(
        call::<cmd::Devices>(&w, &none()).unwrap_err().code,
        "no-team"
    );
    assert_eq!(
        call::<cmd::Revoke>(
            &w,
            &cmd::DeviceArgs {
                device: "00".repeat(16)
            }
        )
        .unwrap_err()
        .code,
        "no-team"
    );
    let far = cmd::CreateTeamArgs {
        relay: "http://relay.example.org".into(),
        device_name: "van".into(),
        relay_code: None,
    };
    assert_eq!(
        call::<cmd::CreateTeam>(&w, &far).unwrap_err().code,
        "bad-relay"
    );
    let join = cmd::JoinTeamArgs {
        code: "ponte1:garbage".into(),
        device_name: "van".into(),
    };
    assert_eq!(
        call::<cmd::JoinTeam>(&w, &join).unwrap_err().code,
        "bad-invite"
    );
    let status = call::<cmd::SyncNow>(&w, &none()).unwrap();
    assert!(status.sync.error.is_none());

    call::<cmd::Erase>(&w, &cmd::IdArgs { id: id.clone() }).unwrap();
    assert!(
        call::<cmd::List>(
            &w,
            &cmd::ListArgs {
                query: Default::default()
            }
        )
        .unwrap()
        .is_empty()
    );

    let status = call::<cmd::Lock>(&w, &none()).unwrap();
    assert!(status.initialized && !status.unlocked);
    assert_eq!(
        call::<cmd::Unlock>(&w, &pass("wrong horse battery staple"))
            .unwrap_err()
            .code,
        "wrong-passphrase"
    );
    assert!(call::<cmd::Unlock>(&w, &pass(PASSPHRASE)).unwrap().unlocked);
}

#[test]
fn panic_wipes_locked_or_not_and_leaves_the_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    let pass = |p: &str| cmd::PassphraseArgs {
        passphrase: p.to_owned(),
    };
    // Nothing to wipe is the first run already.
    let status = call::<cmd::Panic>(&w, &none()).unwrap();
    assert!(!status.initialized && !status.unlocked);

    // Unlocked, with a record and an exported workbook beside the store.
    call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Person,
            fields: json!({"alias": "PANIC-MARKER"}),
        },
    )
    .unwrap();
    let period = cmd::PeriodArgs {
        from: "2026-01-01".into(),
        to: "2026-12-31".into(),
    };
    call::<cmd::ReportExport>(&w, &period).unwrap();
    let status = call::<cmd::Panic>(&w, &none()).unwrap();
    assert!(!status.initialized && !status.unlocked, "{status:?}");
    assert_eq!(std::fs::read_dir(&home).unwrap().count(), 0);
    assert_eq!(
        call::<cmd::Unlock>(&w, &pass(PASSPHRASE)).unwrap_err().code,
        "not-initialized"
    );
    assert_eq!(
        call::<cmd::List>(
            &w,
            &cmd::ListArgs {
                query: Default::default()
            }
        )
        .unwrap_err()
        .code,
        "locked"
    );

    // Locked: no passphrase needed. The first run then makes a new, empty store.
    call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    assert!(!call::<cmd::Lock>(&w, &none()).unwrap().unlocked);
    let status = call::<cmd::Panic>(&w, &none()).unwrap();
    assert!(!status.initialized && !status.unlocked);
    assert!(!ponte_store::Store::exists(&home));
    let status = call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    assert!(status.initialized && status.unlocked);
    let rows = call::<cmd::List>(
        &w,
        &cmd::ListArgs {
            query: Default::default(),
        },
    )
    .unwrap();
    assert!(rows.is_empty());
}
