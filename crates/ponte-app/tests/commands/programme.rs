//! The coordinator's programme commands on Tauri's mock runtime: each answers its
//! contract type or a translated error code, and the core's rules hold through them
//! (a store that is no coordinator is told so; a file that is not a package, or not
//! there, keeps nothing; a period nobody sent is named).

use ponte_ipc::cmd;
use ponte_ipc::programme::ImportArgs;

use super::{PASSPHRASE, app, call, none};

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

    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, b"{\"format\": \"nothing\"}").unwrap();
    let err = call::<cmd::ProgrammeImport>(
        &w,
        &ImportArgs {
            paths: vec![junk.display().to_string()],
        },
    )
    .unwrap_err();
    assert_eq!(err.code, "programme-bad-package");
    assert_eq!(
        err.args,
        vec![("file".to_owned(), junk.display().to_string())]
    );
    let missing = dir.path().join("missing.json");
    let err = call::<cmd::ProgrammeImport>(
        &w,
        &ImportArgs {
            paths: vec![missing.display().to_string()],
        },
    )
    .unwrap_err();
    assert_eq!(err.code, "read-input");
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
