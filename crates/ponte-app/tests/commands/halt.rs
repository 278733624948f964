//! The protections against a person holding the phone, through the shell: the panic
//! wipe does not wait for the network (a command that holds the store while it waits
//! on a relay that never answers is cut short, `locked`, and the wipe goes through at
//! once; it waited up to a minute behind such a call), and the duress passphrase is
//! set from the app as from `ponte duress set`.

use std::io::Read as _;
use std::net::TcpListener;
use std::sync::mpsc;

use ponte_ipc::cmd;

use serde_json::json;

use super::{app, call, list, none, pass};

#[test]
fn a_panic_wipe_cuts_short_a_call_waiting_on_a_silent_relay() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    call::<cmd::Init>(&w, &pass(super::PASSPHRASE)).unwrap();

    // A relay that takes the connection and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let relay = format!("http://{}", silent.local_addr().unwrap());
    let (connected, reached) = mpsc::channel();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in silent.incoming() {
            let mut conn = conn.unwrap();
            let mut first = [0u8; 1];
            let _ = conn.read(&mut first);
            let _ = connected.send(());
            held.push(conn);
        }
    });

    let waiting = w.clone();
    let create = std::thread::spawn(move || {
        call::<cmd::CreateTeam>(
            &waiting,
            &cmd::CreateTeamArgs {
                relay,
                device_name: "van".to_owned(),
                relay_code: None,
            },
        )
    });
    // The call is waiting on the relay, holding the store.
    reached.recv().unwrap();

    let status = call::<cmd::Panic>(&w, &none()).unwrap();
    assert!(!status.initialized, "{status:?}");
    let e = create.join().unwrap().unwrap_err();
    assert_eq!(e.code, "locked");
    // Nothing of the store is left.
    let left: Vec<_> = std::fs::read_dir(&home)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.iter()
            .all(|name| !name.to_string_lossy().starts_with("ponte")),
        "{left:?}"
    );
}

#[test]
fn the_duress_passphrase_is_set_from_the_app_and_opens_an_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_app, w) = app(&home);
    // Locked: nothing to set it on.
    assert_eq!(
        call::<cmd::SetDuress>(&w, &pass("under threat at dawn"))
            .unwrap_err()
            .code,
        "locked"
    );
    call::<cmd::Init>(&w, &pass(super::PASSPHRASE)).unwrap();
    call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Person,
            fields: json!({"alias": "DURESS-MARKER"}),
        },
    )
    .unwrap();
    assert_eq!(
        call::<cmd::SetDuress>(&w, &pass("short")).unwrap_err().code,
        "passphrase-too-short"
    );
    assert_eq!(
        call::<cmd::SetDuress>(&w, &pass(super::PASSPHRASE))
            .unwrap_err()
            .code,
        "duress-same-as-passphrase"
    );
    let status = call::<cmd::SetDuress>(&w, &pass("under threat at dawn")).unwrap();
    assert!(status.unlocked, "{status:?}");

    call::<cmd::Lock>(&w, &none()).unwrap();
    let opened = call::<cmd::Unlock>(&w, &pass("under threat at dawn")).unwrap();
    assert!(opened.unlocked && opened.initialized, "{opened:?}");
    assert!(list(&w).unwrap().is_empty());
    call::<cmd::Lock>(&w, &none()).unwrap();
    assert_eq!(
        call::<cmd::Unlock>(&w, &pass(super::PASSPHRASE))
            .unwrap_err()
            .code,
        "wrong-passphrase"
    );
}
