//! The shell's commands on Tauri's mock runtime (no WebKit): every command of the IPC
//! contract is registered under its name, takes its one argument struct and answers its
//! type or an `IpcError`; and the device rules hold through them (lock, the supervisor's
//! report, the relay rule, the QR size check).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
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

/// The commands of one part of the app, each in its file under `commands/`.
#[path = "commands/case.rs"]
mod case;
#[path = "commands/contact.rs"]
mod contact;
#[path = "commands/contract.rs"]
mod contract;
#[path = "commands/entries.rs"]
mod entries;
#[path = "commands/halt.rs"]
mod halt;
#[path = "commands/outreach.rs"]
mod outreach;
#[path = "commands/programme.rs"]
mod programme;
#[path = "commands/restrict.rs"]
mod restrict;
#[path = "commands/team.rs"]
mod team;

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
    send(webview, name, body, true)
}

/// The file the names of the commands sent are appended to, one a line, when this
/// variable names one (the coverage check runs the suites so).
const SENT_LOG: &str = "PONTE_COMMANDS_SENT_LOG";

/// [`raw`]; `record`: the name counts as a suite's call of the command.
fn send(
    webview: &WebviewWindow<MockRuntime>,
    name: &str,
    body: Value,
    record: bool,
) -> Result<Value, Value> {
    if let Some(log) = std::env::var_os(SENT_LOG).filter(|_| record) {
        use std::io::Write as _;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap();
        // One write per line: lines of tests running in parallel do not mix.
        file.write_all(format!("{name}\n").as_bytes()).unwrap();
    }
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

/// The test that checks that every command is sent by some test.
const COVERAGE_TEST: &str = "every_command_of_the_contract_is_sent_by_a_test";

/// Every command of the contract is called by at least one test of these suites (the
/// sample table aside, which only checks the arguments): the suites run again in a
/// child process that logs every name sent, and the names are `cmd::ALL`, plus the one
/// unknown name sent on purpose.
#[test]
fn every_command_of_the_contract_is_sent_by_a_test() {
    if std::env::var_os(SENT_LOG).is_some() {
        return; // the child run
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("sent");
    let run = std::process::Command::new(std::env::current_exe().unwrap())
        .env(SENT_LOG, &log)
        .args([
            "--skip",
            COVERAGE_TEST,
            "--skip",
            "every_command_takes_its_sample",
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "the suites failed in the child run:\n{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let sent: BTreeSet<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    // The names that are no command, sent on purpose: an unknown one, and the
    // programme import by path that no longer exists (`commands/programme.rs`).
    let not_commands = vec![UNKNOWN_COMMAND.to_owned(), "programme_import".to_owned()];
    assert_eq!(missing_and_unknown(&sent), (vec![], not_commands));
    // Shown once with a bad input: a command nobody sends is named.
    let mut short = sent.clone();
    short.remove(cmd::AuditReview::NAME);
    assert_eq!(missing_and_unknown(&short).0, [cmd::AuditReview::NAME]);
}

/// The commands of the contract not in `sent`, and the names in `sent` not in it.
fn missing_and_unknown(sent: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
    let all: BTreeSet<String> = cmd::ALL.iter().map(|n| (*n).to_owned()).collect();
    (
        all.difference(sent).cloned().collect(),
        sent.difference(&all).cloned().collect(),
    )
}

/// A name the shell does not have, sent on purpose.
const UNKNOWN_COMMAND: &str = "no_such_command";

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
    let unknown = raw(&webview, UNKNOWN_COMMAND, json!({ cmd::ARGS_KEY: {} })).unwrap_err();
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

    // Today's place is one of the team's list, named or by id; its id is kept.
    let place = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Place,
            fields: json!({"name": "Foggia 1", "type": "pickup_point"}),
        },
    )
    .unwrap();
    let prefs = cmd::Prefs {
        locale: Some("ar".into()),
        autolock_minutes: Some(10),
        listening_point: Some("Foggia 1".into()),
    };
    let status = call::<cmd::SetPrefs>(&w, &prefs).unwrap();
    assert_eq!(
        (
            status.locale.as_str(),
            status.autolock_minutes,
            status.listening_point.as_deref()
        ),
        ("ar", 10, Some(place.as_str()))
    );
    let bad = cmd::Prefs {
        listening_point: Some("x".repeat(65)),
        ..Default::default()
    };
    assert_eq!(
        call::<cmd::SetPrefs>(&w, &bad).unwrap_err().code,
        "place-unknown-name"
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
            query: ponte_model::Query {
                kind: Some(ponte_model::Kind::Person),
                ..Default::default()
            },
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
    // Conflicts: none on a record one device wrote; resolving needs one.
    let conflicts = call::<cmd::Conflicts>(&w, &cmd::IdArgs { id: id.clone() }).unwrap();
    assert!(conflicts.is_empty());
    let resolve = |value_of: Option<&str>, value: Option<serde_json::Value>| {
        call::<cmd::Resolve>(
            &w,
            &ponte_ipc::conflict::ResolveArgs {
                id: id.clone(),
                path: "alias".into(),
                value_of: value_of.map(str::to_owned),
                value,
            },
        )
        .unwrap_err()
        .code
    };
    assert_eq!(resolve(None, Some(json!("K"))), "conflict-none");
    assert_eq!(resolve(Some("00"), Some(json!("K"))), "usage");

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
    // The team rules: shown outside a team (the defaults, nothing this device may
    // change); a change needs a team; values out of range are refused with the range
    // before the store is touched.
    let rules = call::<cmd::TeamSettings>(&w, &Default::default()).unwrap();
    assert_eq!(
        (rules.unlock_attempts, rules.lease_days, rules.can_change),
        (Some(10), 14, false)
    );
    assert_eq!(
        (rules.unlock_attempts_min, rules.unlock_attempts_max),
        (5, 50)
    );
    assert_eq!((rules.lease_days_min, rules.lease_days_max), (1, 365));
    let change = cmd::TeamSettingsArgs {
        unlock_attempts: Some("off".into()),
        lease_days: Some("30".into()),
    };
    assert_eq!(
        call::<cmd::TeamSettings>(&w, &change).unwrap_err().code,
        "no-team"
    );
    let status = call::<cmd::SyncNow>(&w, &none()).unwrap();
    assert!(status.sync.error.is_none());

    call::<cmd::Erase>(&w, &cmd::IdArgs { id: id.clone() }).unwrap();
    assert!(
        call::<cmd::List>(
            &w,
            &cmd::ListArgs {
                query: ponte_model::Query {
                    kind: Some(ponte_model::Kind::Person),
                    ..Default::default()
                }
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
fn team_settings_are_checked_by_the_core_before_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("home"));
    let args = |attempts: Option<&str>, days: Option<&str>| cmd::TeamSettingsArgs {
        unlock_attempts: attempts.map(str::to_owned),
        lease_days: days.map(str::to_owned),
    };
    let range = |min: &str, max: &str| {
        vec![
            ("min".to_owned(), min.to_owned()),
            ("max".to_owned(), max.to_owned()),
        ]
    };
    // Checked before anything is unlocked: the same answer locked or not, as the CLI.
    for unlocked in [false, true] {
        if unlocked {
            call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
        }
        for bad in ["4", "51", "ten", ""] {
            let e = call::<cmd::TeamSettings>(&w, &args(Some(bad), None)).unwrap_err();
            assert_eq!(e.code, "bad-unlock-attempts", "{bad}");
            assert_eq!(e.args, range("5", "50"));
        }
        for bad in ["0", "366", "x"] {
            let e = call::<cmd::TeamSettings>(&w, &args(None, Some(bad))).unwrap_err();
            assert_eq!(e.code, "bad-lease-days", "{bad}");
            assert_eq!(e.args, range("1", "365"));
        }
    }
    // Good values reach the team rule: this device is in no team.
    for good in [args(Some("off"), None), args(Some(" 20 "), Some("7"))] {
        assert_eq!(
            call::<cmd::TeamSettings>(&w, &good).unwrap_err().code,
            "no-team"
        );
    }
    // Just showing them needs the store.
    call::<cmd::Lock>(&w, &none()).unwrap();
    assert_eq!(
        call::<cmd::TeamSettings>(&w, &Default::default())
            .unwrap_err()
            .code,
        "locked"
    );
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

fn pin(p: &str) -> cmd::PinArgs {
    cmd::PinArgs { pin: p.to_owned() }
}

fn pass(p: &str) -> cmd::PassphraseArgs {
    cmd::PassphraseArgs {
        passphrase: p.to_owned(),
    }
}

fn list(w: &WebviewWindow<MockRuntime>) -> Result<Vec<ponte_ipc::Row>, IpcError> {
    call::<cmd::List>(
        w,
        &cmd::ListArgs {
            query: Default::default(),
        },
    )
}

/// The shell's state, with the lock rules on the test's clock.
fn state(app: &App<MockRuntime>) -> tauri::State<'_, ponte_app::App> {
    let state = tauri::Manager::state::<ponte_app::App>(app);
    state.own_clock();
    state
}

const DAY_PIN: &str = "480516";

#[test]
fn the_working_days_pin_reopens_and_five_wrong_ones_leave_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    // No PIN while locked; none without a store.
    assert_eq!(
        call::<cmd::SetPin>(&w, &pin(DAY_PIN)).unwrap_err().code,
        "locked"
    );
    call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Person,
            fields: json!({"alias": "PIN-MARKER"}),
        },
    )
    .unwrap();
    // The PIN rule, with its codes; nothing typed comes back.
    for (bad, code) in [
        ("1234", "pin-too-short"),
        ("12a456", "pin-not-digits"),
        ("111111", "pin-too-simple"),
        ("1234567890123", "pin-too-long"),
    ] {
        let e = call::<cmd::SetPin>(&w, &pin(bad)).unwrap_err();
        assert_eq!(e.code, code, "{bad}");
        assert!(!format!("{e:?}").contains(bad));
    }
    let status = call::<cmd::SetPin>(&w, &pin(DAY_PIN)).unwrap();
    let until = status.pin_until_ms.expect("the day's end");
    let hours = (until - ponte_store::time::now_ms()) as f64 / 3_600_000.0;
    assert!((11.9..=12.0).contains(&hours), "{hours}");
    assert!(status.unlocked && !status.pin_ready);

    // Lock: sealed under the PIN.
    let status = call::<cmd::Lock>(&w, &none()).unwrap();
    assert!(!status.unlocked && status.pin_ready, "{status:?}");
    assert_eq!(status.pin_tries_left, 5);
    assert_eq!(list(&w).unwrap_err().code, "locked");
    // The right PIN reopens and the records are there.
    let status = call::<cmd::UnlockPin>(&w, &pin(DAY_PIN)).unwrap();
    assert!(status.unlocked && !status.pin_ready);
    assert_eq!(status.pin_until_ms, Some(until));
    assert_eq!(list(&w).unwrap().len(), 1);

    // Five wrong PINs: only the passphrase opens.
    call::<cmd::Lock>(&w, &none()).unwrap();
    for left in (1..5u32).rev() {
        let e = call::<cmd::UnlockPin>(&w, &pin("480517")).unwrap_err();
        assert_eq!(e.code, "wrong-pin");
        assert_eq!(e.args, vec![("left".to_owned(), left.to_string())]);
        assert_eq!(
            call::<cmd::GetStatus>(&w, &none()).unwrap().pin_tries_left,
            left
        );
    }
    assert_eq!(
        call::<cmd::UnlockPin>(&w, &pin("480517")).unwrap_err().code,
        "pin-tries-spent"
    );
    let status = call::<cmd::GetStatus>(&w, &none()).unwrap();
    assert!(!status.pin_ready && !status.unlocked && status.pin_until_ms.is_none());
    assert_eq!(
        call::<cmd::UnlockPin>(&w, &pin(DAY_PIN)).unwrap_err().code,
        "pin-tries-spent"
    );
    let status = call::<cmd::Unlock>(&w, &pass(PASSPHRASE)).unwrap();
    assert!(status.unlocked && status.pin_until_ms.is_none());
    assert_eq!(list(&w).unwrap().len(), 1);

    // Without a PIN a lock drops the keys: the PIN opens nothing.
    call::<cmd::SetPin>(&w, &pin(DAY_PIN)).unwrap();
    call::<cmd::ClearPin>(&w, &none()).unwrap();
    let status = call::<cmd::Lock>(&w, &none()).unwrap();
    assert!(!status.pin_ready);
    assert_eq!(
        call::<cmd::UnlockPin>(&w, &pin(DAY_PIN)).unwrap_err().code,
        "pin-not-set"
    );
}

#[test]
fn the_workers_screen_is_locked_until_the_pin_or_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    call::<cmd::SetPin>(&w, &pin(DAY_PIN)).unwrap();
    let bad = cmd::WorkerArgs {
        lang: "../etc".into(),
    };
    assert_eq!(
        call::<cmd::HandToWorker>(&w, &bad).unwrap_err().code,
        "usage"
    );
    assert!(call::<cmd::GetStatus>(&w, &none()).unwrap().unlocked);

    let worker = cmd::WorkerArgs { lang: "pa".into() };
    let status = call::<cmd::HandToWorker>(&w, &worker).unwrap();
    assert_eq!(status.worker_mode.as_deref(), Some("pa"));
    assert!(!status.unlocked && status.pin_ready);
    assert_eq!(list(&w).unwrap_err().code, "locked");
    assert_eq!(
        call::<cmd::Get>(
            &w,
            &cmd::IdArgs {
                id: "00".repeat(16)
            }
        )
        .unwrap_err()
        .code,
        "locked"
    );
    let prefs = cmd::Prefs {
        autolock_minutes: Some(60),
        ..Default::default()
    };
    assert_eq!(
        call::<cmd::SetPrefs>(&w, &prefs).unwrap_err().code,
        "locked"
    );
    assert_eq!(
        call::<cmd::ClearPin>(&w, &none()).unwrap_err().code,
        "locked"
    );
    call::<cmd::Activity>(&w, &none()).unwrap();
    assert_eq!(
        call::<cmd::GetStatus>(&w, &none())
            .unwrap()
            .worker_mode
            .as_deref(),
        Some("pa")
    );
    // A wrong PIN keeps the worker's screen; the PIN leaves it.
    call::<cmd::UnlockPin>(&w, &pin("480517")).unwrap_err();
    assert!(
        call::<cmd::GetStatus>(&w, &none())
            .unwrap()
            .worker_mode
            .is_some()
    );
    let status = call::<cmd::UnlockPin>(&w, &pin(DAY_PIN)).unwrap();
    assert!(status.unlocked && status.worker_mode.is_none());
    list(&w).unwrap();

    // Without a PIN the keys are dropped; the passphrase leaves the worker's screen.
    call::<cmd::ClearPin>(&w, &none()).unwrap();
    let status = call::<cmd::HandToWorker>(&w, &worker).unwrap();
    assert!(!status.pin_ready && status.worker_mode.is_some());
    let status = call::<cmd::Unlock>(&w, &pass(PASSPHRASE)).unwrap();
    assert!(status.unlocked && status.worker_mode.is_none());

    // A panic wipe clears it all.
    call::<cmd::SetPin>(&w, &pin(DAY_PIN)).unwrap();
    call::<cmd::HandToWorker>(&w, &worker).unwrap();
    let status = call::<cmd::Panic>(&w, &none()).unwrap();
    assert!(!status.initialized && !status.pin_ready && status.worker_mode.is_none());
    assert_eq!(
        call::<cmd::UnlockPin>(&w, &pin(DAY_PIN)).unwrap_err().code,
        "pin-not-set"
    );
}

#[test]
fn the_shell_enforces_the_idle_lock_and_the_days_end() {
    use ponte_device::lock::{Now, Reason};
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (app, w) = app(&home);
    let shell = state(&app);
    let block = tauri::async_runtime::block_on;
    call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    let prefs = cmd::Prefs {
        autolock_minutes: Some(1),
        ..Default::default()
    };
    call::<cmd::SetPrefs>(&w, &prefs).unwrap();
    call::<cmd::SetPin>(&w, &pin(DAY_PIN)).unwrap();

    // Checked every 2 s: polling `status` is not activity; `activity` is.
    let start = Now::system();
    let mut now = start;
    for _ in 0..20 {
        now = now.later(2_000);
        assert_eq!(block(shell.enforce_lock(now, false)), None);
        call::<cmd::GetStatus>(&w, &none()).unwrap();
    }
    call::<cmd::Activity>(&w, &none()).unwrap();
    let active = Now::system();
    let locked = loop {
        now = now.later(2_000);
        if let Some(reason) = block(shell.enforce_lock(now, false)) {
            break reason;
        }
        assert!(now.since(start) < 120_000, "never locked");
    };
    assert_eq!(locked, Reason::Idle);
    assert!(now.since(active) >= 60_000 && now.since(active) < 64_000);
    let status = call::<cmd::GetStatus>(&w, &none()).unwrap();
    assert!(!status.unlocked && status.pin_ready, "{status:?}");
    call::<cmd::UnlockPin>(&w, &pin(DAY_PIN)).unwrap();

    // A hidden window locks at the next check; so does a suspend.
    let now = Now::system();
    assert_eq!(block(shell.enforce_lock(now, true)), Some(Reason::Hidden));
    call::<cmd::UnlockPin>(&w, &pin(DAY_PIN)).unwrap();
    let now = Now::system();
    block(shell.enforce_lock(now, false));
    assert_eq!(
        block(shell.enforce_lock(now.wall_later(30_000), false)),
        Some(Reason::Suspended)
    );
    assert!(call::<cmd::GetStatus>(&w, &none()).unwrap().pin_ready);

    // Twelve hours after the passphrase: the sealed key is destroyed.
    block(shell.enforce_lock(now.later(12 * 3_600_000), false));
    let status = call::<cmd::GetStatus>(&w, &none()).unwrap();
    assert!(!status.pin_ready && !status.unlocked);
    assert_eq!(
        call::<cmd::UnlockPin>(&w, &pin(DAY_PIN)).unwrap_err().code,
        "pin-expired"
    );
    assert!(call::<cmd::Unlock>(&w, &pass(PASSPHRASE)).unwrap().unlocked);
}

#[test]
fn status_says_why_a_store_was_erased() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    assert_eq!(call::<cmd::GetStatus>(&w, &none()).unwrap().erased, None);
    call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    call::<cmd::Lock>(&w, &none()).unwrap();
    // The default limit: 10 wrong passphrases in a row (the delay between the later
    // ones is moved past by putting the last attempt's time back).
    let mut erased = None;
    for _ in 0..10 {
        match call::<cmd::Unlock>(&w, &pass("wrong horse battery staple")) {
            Err(e) if e.code == "erased-after-failures" => {
                erased = Some(e);
                break;
            }
            Err(e) if e.code == "unlock-delayed" => {
                panic!("delayed: the test must move the last attempt back");
            }
            Err(_) => backdate_last_attempt(&home),
            Ok(_) => panic!("a wrong passphrase opened the store"),
        }
    }
    let erased = erased.expect("erased at the limit");
    let status = call::<cmd::GetStatus>(&w, &none()).unwrap();
    assert!(!status.initialized);
    assert_eq!(status.erased, Some(erased));
    // A new store: nothing to explain.
    call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    assert_eq!(call::<cmd::GetStatus>(&w, &none()).unwrap().erased, None);
}

/// Puts the time of the last wrong passphrase back to 1970 in both places the store
/// keeps it (`meta` and `ponte.attempts`), so the next attempt is not delayed.
fn backdate_last_attempt(home: &Path) {
    let conn = rusqlite::Connection::open(home.join("ponte.db")).unwrap();
    let mut counter: Vec<u8> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'unlock_failures'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    counter[4..].fill(0);
    conn.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'unlock_failures'",
        [&counter],
    )
    .unwrap();
    let file = home.join("ponte.attempts");
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.len() - 8;
    bytes[at..].fill(0);
    std::fs::write(&file, bytes).unwrap();
}

#[test]
fn a_duress_unlock_removes_the_exported_workbooks_and_a_real_one_keeps_them() {
    const DURESS: &str = "another horse battery staple";
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    call::<cmd::Init>(&w, &pass(PASSPHRASE)).unwrap();
    call::<cmd::Lock>(&w, &none()).unwrap();
    {
        let mut store = ponte_device::session::unlock(&home, PASSPHRASE).unwrap();
        ponte_device::session::set_duress(&mut store, DURESS).unwrap();
    }
    let workbook = home
        .join("exports")
        .join("ponte-report-2026-11-01-2026-11-30.xlsx");
    std::fs::create_dir_all(workbook.parent().unwrap()).unwrap();
    std::fs::write(&workbook, b"workbook").unwrap();

    // The real passphrase: the workbook stays.
    assert!(call::<cmd::Unlock>(&w, &pass(PASSPHRASE)).unwrap().unlocked);
    call::<cmd::Lock>(&w, &none()).unwrap();
    assert!(workbook.exists());

    // The duress passphrase: an unlocked, empty store, and the workbook is gone.
    let status = call::<cmd::Unlock>(&w, &pass(DURESS)).unwrap();
    assert!(status.unlocked && status.team.is_none());
    assert!(list(&w).unwrap().is_empty());
    assert!(!home.join("exports").exists(), "the exports are removed");
    call::<cmd::Lock>(&w, &none()).unwrap();
    assert_eq!(
        call::<cmd::Unlock>(&w, &pass(PASSPHRASE)).unwrap_err().code,
        "wrong-passphrase"
    );
}
