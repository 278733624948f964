//! The coordinator's programme commands on Tauri's mock runtime: each answers its
//! contract type or a translated error code, and the core's rules hold through them
//! (a store that is no coordinator is told so; a file that is not a package keeps
//! nothing, and no command reads a path the page names; a period nobody sent is
//! named).

use ponte_ipc::cmd;
use serde_json::json;

use super::{PASSPHRASE, app, call, none, raw};

#[test]
fn the_programme_commands_call_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (first, w) = app(&home);
    assert_eq!(
        call::<cmd::ProgrammeList>(&w, &none()).unwrap_err().code,
        "locked"
    );
    call::<cmd::Init>(
        &w,
        &cmd::PassphraseArgs {
            passphrase: PASSPHRASE.into(),
        },
    )
    .unwrap();
    assert_eq!(
        call::<cmd::ProgrammeList>(&w, &none()).unwrap_err().code,
        "programme-not-coordinator"
    );
    drop(w);
    drop(first);

    // A coordinator made by the core (the CLI's `programme init`), then opened by
    // the shell.
    {
        let mut store = ponte_device::session::unlock(&home, PASSPHRASE).unwrap();
        ponte_device::programme::init(&mut store, "FAMI Lazio").unwrap();
    }
    let (_app, w) = app(&home);
    call::<cmd::Unlock>(
        &w,
        &cmd::PassphraseArgs {
            passphrase: PASSPHRASE.into(),
        },
    )
    .unwrap();
    let overview = call::<cmd::ProgrammeList>(&w, &none()).unwrap();
    assert_eq!(overview.name, "FAMI Lazio");
    assert_eq!(overview.fingerprint.len(), 32);
    assert!(overview.teams.is_empty());

    // Packages come in as the bytes the screen read (`programme_import_files`); there
    // is no command that reads a path the page names.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, b"{\"format\": \"nothing\"}").unwrap();
    let by_path = raw(
        &w,
        "programme_import",
        json!({ cmd::ARGS_KEY: {"paths": [junk.display().to_string()]} }),
    )
    .unwrap_err();
    assert!(
        serde_json::from_value::<ponte_ipc::IpcError>(by_path.clone()).is_err(),
        "a command answered: {by_path}"
    );
    assert!(
        call::<cmd::ProgrammeList>(&w, &none())
            .unwrap()
            .teams
            .is_empty()
    );

    let err = call::<cmd::ProgrammeReport>(
        &w,
        &cmd::PeriodArgs {
            from: "2026-01-01".into(),
            to: "2026-03-31".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.code, "programme-no-packages");
    let bad = call::<cmd::ProgrammeReport>(
        &w,
        &cmd::PeriodArgs {
            from: "2026-13-01".into(),
            to: "2026-03-31".into(),
        },
    )
    .unwrap_err();
    assert_eq!(bad.code, "report-bad-date");
}

/// The coordinator is made, and fed, from the app: its name checked by the core, its
/// code with a QR code (the same as `programme_key` answers, and as the core's), made
/// once; a team code that is not one, a picked file that is not a package or is too
/// big, are refused with nothing kept; nothing to export for a period nobody sent.
#[test]
fn the_coordinator_is_made_and_fed_from_the_app() {
    use ponte_ipc::programme::{AddTeamArgs, ImportFilesArgs, InitArgs, PackageBytes};

    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    let init = |name: &str| InitArgs { name: name.into() };
    assert_eq!(
        call::<cmd::ProgrammeInit>(&w, &init("FAMI Lazio"))
            .unwrap_err()
            .code,
        "locked"
    );
    call::<cmd::Init>(
        &w,
        &cmd::PassphraseArgs {
            passphrase: PASSPHRASE.into(),
        },
    )
    .unwrap();
    assert_eq!(
        call::<cmd::ProgrammeKey>(&w, &none()).unwrap_err().code,
        "programme-not-coordinator"
    );
    assert_eq!(
        call::<cmd::ProgrammeInit>(&w, &init("  "))
            .unwrap_err()
            .code,
        "programme-bad-name"
    );
    let key = call::<cmd::ProgrammeInit>(&w, &init("FAMI Lazio")).unwrap();
    assert_eq!(key.name, "FAMI Lazio");
    assert!(key.code.starts_with("ponteprog1:"), "{}", key.code);
    assert_eq!(key.qr_modules.len(), key.qr_width * key.qr_width);
    assert!(key.qr_width > 0);
    let parsed = ponte_device::programme::CoordinatorCode::parse(&key.code).unwrap();
    assert_eq!(parsed.fingerprint(), key.fingerprint);
    assert_eq!(call::<cmd::ProgrammeKey>(&w, &none()).unwrap(), key);
    let overview = call::<cmd::ProgrammeList>(&w, &none()).unwrap();
    assert_eq!(
        (overview.name.as_str(), overview.fingerprint.as_str()),
        ("FAMI Lazio", key.fingerprint.as_str())
    );
    assert_eq!(
        call::<cmd::ProgrammeInit>(&w, &init("Other"))
            .unwrap_err()
            .code,
        "programme-already"
    );

    let e = call::<cmd::ProgrammeAddTeam>(
        &w,
        &AddTeamArgs {
            code: "ponte1:an-invite".into(),
            name: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.code, "programme-bad-team-code");

    let file = |name: &str, bytes: Vec<u8>| ImportFilesArgs {
        files: vec![PackageBytes {
            name: name.into(),
            bytes,
        }],
    };
    let e = call::<cmd::ProgrammeImportFiles>(
        &w,
        &file("junk.json", b"{\"format\": \"nothing\"}".to_vec()),
    )
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.args.clone()),
        (
            "programme-bad-package",
            vec![("file".to_owned(), "junk.json".to_owned())]
        )
    );
    let big = vec![b' '; ponte_device::programme::MAX_PACKAGE_BYTES + 1];
    let e = call::<cmd::ProgrammeImportFiles>(&w, &file("big.json", big)).unwrap_err();
    assert_eq!(e.code, "programme-bad-package");
    assert!(
        call::<cmd::ProgrammeList>(&w, &none())
            .unwrap()
            .teams
            .is_empty()
    );

    let period = cmd::PeriodArgs {
        from: "2026-01-01".into(),
        to: "2026-03-31".into(),
    };
    let e = call::<cmd::ProgrammeExport>(&w, &period).unwrap_err();
    assert_eq!(e.code, "programme-no-packages");
    assert!(!home.join("exports").exists(), "a workbook of nothing");
}

/// A team supervisor's programme commands answer their contract types or translated
/// codes: outside a team there is no team code and nothing to publish; a code that is
/// not a coordinator's, or a bad period, is refused before the store is touched; no
/// file is written for a refusal. (With a real team they run end to end in
/// `tests/e2e/tests/app_e2e.rs`.)
#[test]
fn a_supervisors_programme_commands_refuse_what_they_cannot_do() {
    use ponte_ipc::programme::{PublishArgs, TeamCodeArgs};

    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    let code_args = TeamCodeArgs {
        name: "Latina".into(),
    };
    assert_eq!(
        call::<cmd::ProgrammeTeamCode>(&w, &code_args)
            .unwrap_err()
            .code,
        "locked"
    );
    call::<cmd::Init>(
        &w,
        &cmd::PassphraseArgs {
            passphrase: PASSPHRASE.into(),
        },
    )
    .unwrap();
    assert_eq!(
        call::<cmd::ProgrammeTeamCode>(&w, &code_args)
            .unwrap_err()
            .code,
        "programme-no-team"
    );
    // A coordinator's real code, made by the core in another store.
    let coordinator = {
        let other = dir.path().join("coordinator");
        let mut store = ponte_store::Store::init(&other, PASSPHRASE, &Default::default()).unwrap();
        ponte_device::programme::init(&mut store, "FAMI Lazio")
            .unwrap()
            .encode()
    };
    let publish = |coordinator: &str, from: &str| PublishArgs {
        coordinator: coordinator.into(),
        from: from.into(),
        to: "2026-03-31".into(),
    };
    let e =
        call::<cmd::ProgrammePublish>(&w, &publish("ponte1:an-invite", "2026-01-01")).unwrap_err();
    assert_eq!(e.code, "programme-bad-code");
    let e = call::<cmd::ProgrammePublish>(&w, &publish(&coordinator, "January")).unwrap_err();
    assert_eq!(e.code, "report-bad-date");
    let e = call::<cmd::ProgrammePublish>(&w, &publish(&coordinator, "2026-01-01")).unwrap_err();
    assert_eq!(e.code, "programme-no-team");
    assert!(!home.join("exports").exists(), "a package of nothing");
}
