//! The need-to-know commands on Tauri's mock runtime: each answers its contract type or
//! a translated error code; a record id is checked; a record nobody restricted is open
//! to the team; outside a team there is nobody to restrict a record to. (With a real
//! relay and a team they run end to end in `tests/e2e/tests/app_e2e.rs`.)

use ponte_ipc::cmd;
use ponte_ipc::restrict::{Access, RestrictArgs};

use super::{app, call, pass};

const RECORD: &str = "00112233445566778899aabbccddeeff";

#[test]
fn the_restrict_commands_call_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("home"));
    let restrict = |id: &str, devices: Option<Vec<String>>| RestrictArgs {
        id: id.into(),
        devices,
    };
    let id = cmd::IdArgs { id: RECORD.into() };
    assert_eq!(call::<cmd::Readers>(&w, &id).unwrap_err().code, "locked");
    assert_eq!(
        call::<cmd::Restrict>(&w, &restrict(RECORD, None))
            .unwrap_err()
            .code,
        "locked"
    );
    call::<cmd::Init>(&w, &pass(super::PASSPHRASE)).unwrap();

    // A record of this device, never restricted: open to the team.
    let person = call::<cmd::Create>(
        &w,
        &cmd::CreateArgs {
            kind: ponte_model::Kind::Person,
            fields: serde_json::json!({"alias": "Ravi"}),
        },
    )
    .unwrap();
    assert_eq!(
        call::<cmd::Readers>(&w, &cmd::IdArgs { id: person.clone() }).unwrap(),
        Access::default()
    );
    // An id that is not one.
    let e = call::<cmd::Readers>(&w, &cmd::IdArgs { id: "nope".into() }).unwrap_err();
    assert_eq!(e.code, "bad-id");
    // Outside a team: refused, and the record stays open.
    let e = call::<cmd::Restrict>(&w, &restrict(&person, Some(vec![RECORD.into()]))).unwrap_err();
    assert_eq!(e.code, "no-team");
    assert!(
        !call::<cmd::Readers>(&w, &cmd::IdArgs { id: person })
            .unwrap()
            .restricted
    );
}
