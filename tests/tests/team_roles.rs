//! Teams that outlive a lost phone: roles, a deputy, the hand-over, the recovery kit,
//! and rosters a relay forged or rolled back. Real relay binary over HTTP, real
//! `ponte` devices; the hostile relay is played by a gate on loopback that answers the
//! roster chain itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

use ponte_proto::{Role, RosterBody, RosterChain, RosterDevice, SignedRoster};
use ponte_tests::gate::Gate;
use ponte_tests::{
    Device, Relay, aliases, copy_home, count_occurrences, device_id_named, files_under,
    one_line_error, team, team_at, team_with_kit,
};
use serde_json::{Value, json};

fn sync(device: &Device) -> Value {
    device.json(&["sync"], None)
}

fn roles(device: &Device) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = device
        .json(&["devices"], None)
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_owned(),
                d["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

/// A new device joins with an invite `inviter` makes; answers it (not yet approved).
fn joining(inviter: &Device, name: &str) -> Device {
    let device = Device::new();
    let code = inviter.json(&["invite"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    device.json(&["join", &code, "--name", name], None);
    device
}

/// The latest roster the relay stores, decoded (what a breached relay holds).
fn relay_roster(relay: &Relay) -> (SignedRoster, RosterBody) {
    let conn = rusqlite::Connection::open_with_flags(
        relay.db(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let bytes: Vec<u8> = conn
        .query_row("SELECT roster FROM teams", [], |r| r.get(0))
        .unwrap();
    let signed: SignedRoster = ponte_proto::decode(&bytes).unwrap();
    let body = signed.decode_body().unwrap();
    (signed, body)
}

#[test]
fn a_mediator_interviews_but_is_refused_export_erase_approve_and_case_steps() {
    let relay = Relay::start();
    let devices = team(&relay, 1);
    let (sup, operator) = (&devices[0], &devices[1]);
    let person = sup.add("person", &json!({"alias": "ahmed"}));
    sync(sup);
    let mediator = joining(sup, "mediator phone");
    let approved = sup.json(&["approve", "--all", "--role", "mediator"], None);
    assert_eq!(approved["approvals"][0]["approved"], true, "{approved}");
    sync(&mediator);
    sync(operator);
    // Every device shows the roles; the mediator knows its own.
    let expected = vec![
        ("mediator phone".to_owned(), "mediator".to_owned()),
        ("phone 0".to_owned(), "operator".to_owned()),
        ("supervisor".to_owned(), "supervisor".to_owned()),
    ];
    for device in [sup, operator, &mediator] {
        assert_eq!(roles(device), expected);
    }
    assert_eq!(mediator.json(&["status"], None)["role"], "mediator");
    assert_eq!(mediator.json(&["team", "show"], None)["role"], "mediator");
    // The team's name stays where it was given (sealed, never sent).
    assert_eq!(sup.json(&["team", "show"], None)["team_name"], "test team");
    assert!(mediator.json(&["team", "show"], None)["team_name"].is_null());

    // What a mediator does: an intake interview, a quick contact.
    mediator.add("person", &json!({"alias": "met at the square"}));
    mediator.json(
        &[
            "contact",
            "add",
            "--alias",
            "quick one",
            "--recontact",
            "yes",
        ],
        None,
    );
    sync(&mediator);

    // What it may not: export a report, erase, approve, revoke, take a case in charge.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("r.csv");
    let out = mediator.run(
        &[
            "report",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--format",
            "csv",
            "--out",
            csv.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        one_line_error(&out).contains("Only the team's supervisor"),
        "{out:?}"
    );
    assert!(!csv.exists());
    let out = mediator.run(&["person", "erase", &person], None);
    assert!(one_line_error(&out).contains("Only the team's supervisor"));
    let waiting = joining(sup, "waiting phone");
    let out = mediator.run(&["approve", "--all"], None);
    assert!(one_line_error(&out).contains("Only the team's supervisor"));
    let operator_id = device_id_named(sup, "phone 0");
    let out = mediator.run(&["revoke", &operator_id], None);
    assert!(one_line_error(&out).contains("Only the team's supervisor"));
    let out = mediator.run(
        &[
            "case",
            "take",
            &person,
            "--operator",
            "Giulia",
            "--by",
            "mediator",
        ],
        None,
    );
    let line = one_line_error(&out);
    assert!(line.contains("role mediator"), "{line}");
    // Nor by writing what `case take` writes: an edit, a new record, an import line, a
    // batch line.
    let taken = json!({"status": {"code": "in_charge"},
        "plan": {"taken_in_charge": "2026-12-01", "assigned_to": "mediator"},
        "case_events": {"evm1": {"date": "2026-12-01", "kind": "taken_in_charge",
                                 "by": "mediator", "operator": "mediator"}}});
    let out = mediator.run(
        &["person", "edit", &person, "--json", "-"],
        Some(&taken.to_string()),
    );
    assert!(one_line_error(&out).contains("role mediator"), "{out:?}");
    let closed = json!({"status": {"code": "closed", "reason": "deceased"}});
    let out = mediator.run(
        &["person", "edit", &person, "--json", "-"],
        Some(&closed.to_string()),
    );
    assert!(one_line_error(&out).contains("role mediator"), "{out:?}");
    let mut new_case = taken.clone();
    new_case["alias"] = json!("taken by a mediator");
    let out = mediator.run(
        &["person", "add", "--json", "-"],
        Some(&new_case.to_string()),
    );
    assert!(one_line_error(&out).contains("role mediator"), "{out:?}");
    let mut line = taken.clone();
    line["id"] = json!(person);
    let out = mediator.run(
        &["person", "import", "--jsonl", "-"],
        Some(&format!("{{\"alias\": \"fine\"}}\n{line}\n")),
    );
    let refused = one_line_error(&out);
    assert!(refused.contains("line 2"), "{refused}");
    let op = json!({"op": "edit", "id": person, "patch": closed});
    let out = mediator.run(&["batch"], Some(&op.to_string()));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("role-refused"),
        "{out:?}"
    );
    // An edit that leaves the case as it is, sent back whole, is a mediator's to make.
    let mut shown = mediator.json(&["person", "show", &person], None);
    shown["notes"] = json!("met again at the square");
    mediator.json(
        &["person", "edit", &person, "--json", "-"],
        Some(&shown.to_string()),
    );
    // Nothing changed: the person is there, nobody was approved, the case is not
    // taken; every refusal is in the mediator's own audit log.
    sync(sup);
    assert!(aliases(sup).contains(&"ahmed".to_owned()));
    assert!(aliases(sup).contains(&"met at the square".to_owned()));
    assert!(!aliases(sup).contains(&"taken by a mediator".to_owned()));
    assert!(!aliases(sup).contains(&"fine".to_owned()));
    assert!(
        !waiting.run(&["sync"], None).status.success(),
        "the waiting device was approved"
    );
    let shown = sup.json(&["person", "show", &person], None);
    assert!(shown["plan"]["taken_in_charge"].is_null(), "{shown}");
    let audit = mediator.json(&["audit"], None).to_string();
    for refused in [
        "report refused=not-supervisor",
        "erase refused=not-supervisor",
        "team refused=not-supervisor",
        "case-charge refused=role take person=",
        "case-charge refused=role edit person",
        "case-charge refused=role add person",
        "case-charge refused=role import person",
    ] {
        assert!(audit.contains(refused), "{refused} not in {audit}");
    }
    // An operator takes the case in charge; the supervisor makes the mediator an
    // operator, which may then too.
    operator.json(
        &[
            "case",
            "take",
            &person,
            "--operator",
            "Giulia",
            "--by",
            "Giulia",
        ],
        None,
    );
    let mediator_id = device_id_named(sup, "mediator phone");
    sup.json(&["team", "role", &mediator_id, "operator"], None);
    sync(&mediator);
    assert_eq!(mediator.json(&["status"], None)["role"], "operator");
    // A role that does not exist: a clear error, nothing changed.
    let out = sup.run(&["team", "role", &mediator_id, "boss"], None);
    assert!(one_line_error(&out).contains("no such role"));
}

#[test]
fn a_deputy_approves_while_the_supervisor_is_offline_and_the_role_can_be_handed_over() {
    let relay = Relay::start();
    let devices = team(&relay, 2);
    let (sup, deputy, operator) = (&devices[0], &devices[1], &devices[2]);
    sup.add("person", &json!({"alias": "before the deputy"}));
    sync(sup);
    let deputy_id = device_id_named(sup, "phone 0");
    sup.json(&["team", "role", &deputy_id, "supervisor"], None);
    sync(deputy);
    assert_eq!(deputy.json(&["status"], None)["role"], "supervisor");

    // The first supervisor is away (its phone off): the deputy invites and approves.
    let newcomer = joining(deputy, "newcomer");
    let approved = deputy.json(&["approve", "--all"], None);
    assert_eq!(approved["approvals"][0]["approved"], true, "{approved}");
    sync(&newcomer);
    assert_eq!(aliases(&newcomer), ["before the deputy"]);
    newcomer.add("person", &json!({"alias": "from the newcomer"}));
    sync(&newcomer);
    // Everyone, the first supervisor back included, takes the roster the deputy signed.
    for device in [sup, operator] {
        sync(device);
        assert!(roles(device).contains(&("newcomer".to_owned(), "operator".to_owned())));
        assert!(aliases(device).contains(&"from the newcomer".to_owned()));
    }
    // The deputy erases for the team: every device takes its signed erasure.
    let erased = deputy.add("person", &json!({"alias": "to erase"}));
    sync(deputy);
    sync(operator);
    assert!(aliases(operator).contains(&"to erase".to_owned()));
    deputy.json(&["person", "erase", &erased], None);
    sync(deputy);
    sync(operator);
    assert!(!aliases(operator).contains(&"to erase".to_owned()));

    // The first supervisor hands its role to the operator and becomes an operator.
    let operator_id = device_id_named(sup, "phone 1");
    sup.json(&["team", "handover", &operator_id], None);
    assert_eq!(sup.json(&["status"], None)["role"], "operator");
    sync(operator);
    assert_eq!(operator.json(&["status"], None)["role"], "supervisor");
    let waiting = joining(operator, "after the handover");
    let out = sup.run(&["approve", "--all"], None);
    assert!(one_line_error(&out).contains("Only the team's supervisor"));
    let approved = operator.json(&["approve", "--all"], None);
    assert_eq!(approved["approvals"][0]["approved"], true, "{approved}");
    sync(&waiting);
    for device in [sup, deputy, operator, &newcomer, &waiting] {
        sync(device);
    }
    let expected = vec![
        ("after the handover".to_owned(), "operator".to_owned()),
        ("newcomer".to_owned(), "operator".to_owned()),
        ("phone 0".to_owned(), "supervisor".to_owned()),
        ("phone 1".to_owned(), "supervisor".to_owned()),
        ("supervisor".to_owned(), "operator".to_owned()),
    ];
    assert_eq!(roles(&waiting), expected);
    assert_eq!(roles(sup), expected);
}

#[test]
fn the_recovery_kit_brings_a_new_supervisor_when_the_supervisor_device_is_lost() {
    let relay = Relay::start();
    let (mut members, kit) = team_with_kit(&relay, 2);
    let supervisor = members.remove(0);
    assert!(kit.starts_with("ponterec1:"), "{kit:.12}");
    let secret = ponte_sync::recovery::Kit::from_code(&kit).unwrap().secret;
    supervisor.add("person", &json!({"alias": "kept by the team"}));
    sync(&supervisor);
    for m in &members {
        sync(m);
    }
    let (_, before) = relay_roster(&relay);

    // The supervisor's phone is lost: a copy of it is kept to see what it can do later.
    let lost = tempfile::tempdir().unwrap();
    copy_home(supervisor.home(), lost.path());
    let lost_id = supervisor.json(&["status"], None)["device"]
        .as_str()
        .unwrap()
        .to_owned();
    drop(supervisor);

    // A garbled kit: a clear error, nothing made.
    let new = Device::new();
    let out = new.run(
        &["team", "recover", "--name", "office phone"],
        Some("ponte1:xyz"),
    );
    assert!(one_line_error(&out).contains("not a recovery kit"));
    // The kit from the office safe.
    let recovered = new.json(&["team", "recover", "--name", "office phone"], Some(&kit));
    let new_kit = recovered["recovery_kit"].as_str().unwrap().to_owned();
    assert_ne!(new_kit, kit);
    assert_eq!(recovered["role"], "supervisor");
    let new_id = recovered["device"].as_str().unwrap().to_owned();
    sync(&new);
    assert_eq!(aliases(&new), ["kept by the team"]);

    // The relay's roster: the lost phone and the used kit are gone, the key rotated.
    let (_, after) = relay_roster(&relay);
    assert_eq!(after.version, before.version + 1);
    assert_eq!(after.epoch, before.epoch + 1);
    let role_of = |body: &RosterBody, hex: &str| {
        body.devices
            .iter()
            .find(|d| d.device_id.to_hex() == hex)
            .map(|d| d.role)
    };
    assert_eq!(role_of(&after, &lost_id), None);
    assert_eq!(role_of(&after, &new_id), Some(Role::Supervisor));
    assert_ne!(
        before.recovery().unwrap().device_id,
        after.recovery().unwrap().device_id
    );
    assert_eq!(after.recovered_by.unwrap().to_hex(), new_id);

    // Members see the recovery (when, by which device) and keep syncing.
    for (i, m) in members.iter().enumerate() {
        sync(m);
        let shown = m.json(&["team", "show"], None);
        let recoveries = shown["recoveries"].as_array().unwrap();
        assert_eq!(recoveries.len(), 1, "{shown}");
        assert_eq!(recoveries[0]["by"], new_id.as_str());
        assert_eq!(recoveries[0]["by_name"], "office phone");
        assert!(recoveries[0]["at_ms"].as_i64().unwrap() > 0);
        m.add("person", &json!({"alias": format!("after recovery {i}")}));
        sync(m);
    }
    sync(&new);
    assert_eq!(
        aliases(&new),
        ["after recovery 0", "after recovery 1", "kept by the team"]
    );
    assert_eq!(
        new.json(&["team", "show"], None)["recoveries"][0]["by"],
        new_id.as_str()
    );
    // The new supervisor runs the team: it approves a new phone.
    let later = joining(&new, "later phone");
    assert_eq!(
        new.json(&["approve", "--all"], None)["approvals"][0]["approved"],
        true
    );
    sync(&later);
    assert_eq!(aliases(&later).len(), 3);

    // The used kit works no more, on any device.
    let thief = Device::new();
    let out = thief.run(&["team", "recover", "--name", "thief"], Some(&kit));
    assert!(one_line_error(&out).contains("no longer works"), "{out:?}");
    // The lost phone, found and switched on, is out of the team: the roster the kit
    // signed proves it, so it wipes itself.
    let found = Device {
        dir: lost,
        bin: later.bin.clone(),
    };
    let out = found.run(&["sync"], None);
    assert!(!out.status.success());
    assert!(
        files_under(found.home())
            .iter()
            .all(|(p, _)| !p.ends_with("ponte.db")),
        "the lost phone kept its store"
    );

    // The kit never reaches the relay in a usable form: neither its code nor its secret
    // is in the relay's files or log.
    let mut relay_bytes: Vec<u8> = relay
        .storage_bytes()
        .into_iter()
        .flat_map(|(_, b)| b)
        .collect();
    relay_bytes.extend(relay.log());
    for needle in [kit.as_bytes(), new_kit.as_bytes(), &secret[..]] {
        assert_eq!(count_occurrences(&relay_bytes, needle), 0);
    }
}

/// A gate that, once set, answers `GET /v2/rosters` itself with a chain the test made
/// (forged or old), and every sync with `403 device-revoked`, as a breached relay that
/// wants the devices to take its roster could.
struct Forger {
    gate: Gate,
    answer: Arc<Mutex<Option<Vec<u8>>>>,
}

impl Forger {
    fn start(upstream: &str) -> Forger {
        let answer: Arc<Mutex<Option<Vec<u8>>>> = Arc::new(Mutex::new(None));
        let a = Arc::clone(&answer);
        let gate = Gate::start(
            upstream,
            Arc::new(move |request: &[u8], conn: &mut TcpStream| {
                let Some(body) = a.lock().unwrap().clone() else {
                    return false;
                };
                let (status, kind, body) = if request.starts_with(b"GET /v2/rosters") {
                    ("200 OK", ponte_proto::CONTENT_TYPE, body)
                } else if request.starts_with(b"POST /v2/sync") {
                    (
                        "403 Forbidden",
                        "application/json",
                        br#"{"code":"device-revoked"}"#.to_vec(),
                    )
                } else {
                    return false;
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = conn.write_all(head.as_bytes());
                let _ = conn.write_all(&body);
                true
            }),
        );
        Forger { gate, answer }
    }

    fn serve(&self, rosters: Vec<SignedRoster>) {
        let chain = RosterChain {
            rosters,
            more: false,
        };
        *self.answer.lock().unwrap() = Some(ponte_proto::encode(&chain).unwrap());
    }

    fn honest(&self) {
        *self.answer.lock().unwrap() = None;
    }
}

fn signed(body: &RosterBody, key: &ponte_crypto::SigningKey) -> SignedRoster {
    let bytes = ponte_proto::encode(body).unwrap();
    SignedRoster {
        version: body.version,
        signature: ponte_proto::Signature(key.sign(&ponte_proto::roster_signing_input(&bytes))),
        body: bytes,
    }
}

#[test]
fn a_forged_or_rolled_back_roster_is_refused_by_every_device() {
    let relay = Relay::start();
    let forger = Forger::start(&relay.url);
    let devices = team_at(&forger.gate.url, 2, |d| {
        d.json(&["sync"], None);
    });
    let (first, _) = relay_roster(&relay);
    // One more honest step (a settings change), so that version 1 is an old roster.
    devices[0].json(&["team", "settings", "--lease-days", "30"], None);
    for d in &devices {
        sync(d);
        d.add("person", &json!({"alias": "mine"}));
        sync(d);
    }
    for d in &devices {
        sync(d);
    }
    let (latest, body) = relay_roster(&relay);
    assert!(first.version < latest.version);
    let victim = device_id_named(&devices[0], "phone 0");
    let attacker = ponte_crypto::SigningKey::generate().unwrap();

    // 1. The next version without a member, "signed" by the supervisor with another key.
    let mut removal = body.clone();
    removal.version += 1;
    removal.devices.retain(|d| d.device_id.to_hex() != victim);
    let forged_signature = signed(&removal, &attacker);
    // 2. The next version that makes the attacker a supervisor, signed by the attacker.
    let mut takeover = body.clone();
    takeover.version += 1;
    let attacker_id = ponte_proto::DeviceId([0xa7; 16]);
    takeover.signer = attacker_id;
    takeover.devices.push(RosterDevice {
        device_id: attacker_id,
        signing_pk: ponte_proto::SigningPublicKey(attacker.public_key()),
        agreement_pk: body.devices[0].agreement_pk,
        role: Role::Supervisor,
        name_sealed: Vec::new(),
        keys_sealed: Vec::new(),
    });
    takeover.devices.retain(|d| d.device_id.to_hex() != victim);
    let forged_chain = signed(&takeover, &attacker);
    // 3. The team's first roster again: a rollback.
    for (what, chain) in [
        ("forged signature", vec![forged_signature]),
        ("signer not a supervisor", vec![forged_chain]),
        ("rolled back", vec![first.clone()]),
    ] {
        forger.serve(chain);
        for (i, d) in devices.iter().enumerate() {
            // Asked for the team's devices, the device refuses the chain.
            let out = d.run(&["devices"], None);
            let line = one_line_error(&out);
            assert!(
                line.contains("does not follow"),
                "{what} on device {i}: {line}"
            );
            // Told at sync that it was removed, it finds no proof in that chain: it
            // stops and deletes nothing.
            let out = d.run(&["sync"], None);
            let line = one_line_error(&out);
            assert!(
                line.contains("Nothing was deleted"),
                "{what} on device {i}: {line}"
            );
            // Nothing deleted, nothing changed: the team and the records are there.
            assert!(d.json(&["status"], None)["team"].is_string());
            assert_eq!(aliases(d), ["mine", "mine", "mine"], "{what} on device {i}");
        }
    }
    // The relay honest again: every device syncs on, the victim included.
    forger.honest();
    for d in &devices {
        sync(d);
    }
    assert_eq!(roles(&devices[1]).len(), 3);
}

/// Review finding: a kit that may have been seen was replaced, but the team key was
/// not rotated, so the old kit (with the rosters a breached relay keeps, which sealed
/// every team key to it) still opened what was written afterwards. Replacing the kit
/// now rotates the key: what the team writes next is sealed under an epoch no roster
/// ever sealed to the old kit.
#[test]
fn replacing_a_seen_recovery_kit_rotates_the_team_key() {
    let relay = Relay::start();
    let (members, kit) = team_with_kit(&relay, 1);
    let sup = &members[0];
    let old_kit = ponte_sync::recovery::Kit::from_code(&kit)
        .unwrap()
        .keys()
        .unwrap()
        .device_id;
    let (_, before) = relay_roster(&relay);
    assert!(before.devices.iter().any(|d| d.device_id.0 == old_kit));

    let new_kit = sup.json(&["team", "recovery-kit"], None);
    assert!(new_kit["recovery_kit"].as_str().is_some(), "{new_kit}");
    let (_, after) = relay_roster(&relay);
    assert_eq!(after.epoch, before.epoch + 1);
    assert!(after.devices.iter().all(|d| d.device_id.0 != old_kit));
    assert_eq!(
        after
            .devices
            .iter()
            .filter(|d| d.role == Role::Recovery)
            .count(),
        1
    );

    // Written after the replacement: its key entry is sealed under the new epoch,
    // which the rosters that listed the old kit (epoch `before.epoch` at most) never
    // sealed to it.
    let hex = sup.add("person", &json!({"alias": "after the new kit"}));
    sync(sup);
    let conn = rusqlite::Connection::open_with_flags(
        relay.db(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let key_entry: Vec<u8> = conn
        .query_row(
            "SELECT ciphertext FROM entries WHERE record_id = ?1 AND kind = 3",
            [ponte_tests::hex_bytes(&hex)],
            |r| r.get(0),
        )
        .unwrap();
    let epoch = u32::from_be_bytes(key_entry[..4].try_into().unwrap());
    assert_eq!(u64::from(epoch), after.epoch);
    assert!(u64::from(epoch) > before.epoch);
    // The other member follows the rotation and reads it.
    sync(&members[1]);
    assert_eq!(aliases(&members[1]), ["after the new kit"]);
}
