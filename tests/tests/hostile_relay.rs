//! Whatever answers at the relay's address cannot wipe a device. The devices talk to
//! the real relay through a gate on loopback that a test can turn hostile: it then
//! answers every request itself, `403 {"code":"device-revoked"}`, as a breached relay
//! or anyone on the path could. A device wipes itself only when the supervisor-signed
//! roster proves it was removed. Nor keep it syncing for ever: an answer that says
//! "more" without moving the cursor ends the sync with the protocol error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use ponte_proto::{Pushed, SyncRequest, SyncResponse};
use ponte_tests::gate::Gate;
use ponte_tests::{Relay, aliases, device_id_named, one_line_error, team_at};
use serde_json::json;

/// A gate in front of the relay that, once hostile, answers every request itself:
/// `403 {"code":"device-revoked"}`.
struct Hostile {
    gate: Gate,
    on: Arc<AtomicBool>,
    answered: Arc<AtomicUsize>,
}

impl Hostile {
    fn start(upstream: &str) -> Hostile {
        let on = Arc::new(AtomicBool::new(false));
        let answered = Arc::new(AtomicUsize::new(0));
        let (o, a) = (Arc::clone(&on), Arc::clone(&answered));
        let gate = Gate::start(
            upstream,
            Arc::new(move |_request: &[u8], conn: &mut TcpStream| {
                if !o.load(Ordering::SeqCst) {
                    return false;
                }
                a.fetch_add(1, Ordering::SeqCst);
                let body = br#"{"code":"device-revoked"}"#;
                let head = format!(
                    "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = conn.write_all(head.as_bytes());
                let _ = conn.write_all(body);
                true
            }),
        );
        Hostile { gate, on, answered }
    }

    fn hostile(&self, on: bool) {
        self.on.store(on, Ordering::SeqCst);
    }
}

#[test]
fn a_bare_revoked_answer_wipes_nothing_and_a_signed_removal_still_wipes() {
    let relay = Relay::start();
    let gate = Hostile::start(&relay.url);
    let devices = team_at(&gate.gate.url, 1, |d| {
        d.json(&["sync"], None);
    });
    let (sup, member) = (&devices[0], &devices[1]);
    let shared = sup.add("person", &json!({"alias": "shared"}));
    sup.json(&["sync"], None);
    member.json(&["sync"], None);
    // Written on the phone and never synced: the record a wipe would lose.
    member.add("person", &json!({"alias": "not yet synced"}));

    // The relay (or whoever answers at its address) says "revoked" to everything.
    gate.hostile(true);
    for device in [member, sup] {
        let out = device.run(&["sync"], None);
        let line = one_line_error(&out);
        assert_ne!(out.status.code(), Some(5), "{line}");
        assert!(line.contains("could not show"), "{line}");
        assert!(
            device.home().join("ponte.db").exists(),
            "the store was deleted"
        );
    }
    assert!(
        gate.answered.load(Ordering::SeqCst) >= 4,
        "the gate was not asked"
    );
    assert_eq!(aliases(member), ["not yet synced", "shared"]);
    assert_eq!(aliases(sup), ["shared"]);
    // The same answer in Italian, for the operator in the van.
    let out = member.run(&["--lang", "it", "sync"], None);
    let line = one_line_error(&out);
    assert!(line.contains("Non è stato cancellato nulla"), "{line}");

    // The honest relay again: the member syncs as before, its record travels.
    gate.hostile(false);
    member.json(&["sync"], None);
    sup.json(&["sync"], None);
    assert_eq!(aliases(sup), ["not yet synced", "shared"]);

    // A real removal: the supervisor signs a roster without the phone. The relay hands
    // the phone that roster; the phone checks the supervisor's signature, sees itself
    // gone, and wipes.
    let member_id = device_id_named(member, "phone 0");
    sup.json(&["revoke", &member_id], None);
    let out = member.run(&["sync"], None);
    assert_eq!(out.status.code(), Some(5), "{}", one_line_error(&out));
    assert!(
        !member.home().join("ponte.db").exists(),
        "a removed device kept its store"
    );
    drop(shared);
}

/// The most hostile answers the stalling gate gives before it forwards again: a device
/// that kept asking would end its sync there, successfully.
const STALLS: usize = 50;

/// A gate in front of the relay that, once on, answers `POST /v2/sync` itself, as
/// the reviewer's `loop_relay.py` did: `more: true`, no entries, the cursor the device
/// sent back unchanged (its pushes refused as erased, so they stay queued). It answers
/// so at most [`STALLS`] times, counting them, then forwards again.
struct Stalling {
    gate: Gate,
    on: Arc<AtomicBool>,
    stalls: Arc<AtomicUsize>,
}

impl Stalling {
    fn start(upstream: &str) -> Stalling {
        let on = Arc::new(AtomicBool::new(false));
        let stalls = Arc::new(AtomicUsize::new(0));
        let (o, n) = (Arc::clone(&on), Arc::clone(&stalls));
        let gate = Gate::start(
            upstream,
            Arc::new(move |request: &[u8], conn: &mut TcpStream| {
                if !o.load(Ordering::SeqCst) || !request.starts_with(b"POST /v2/sync ") {
                    return false;
                }
                if n.fetch_add(1, Ordering::SeqCst) >= STALLS {
                    return false;
                }
                let end = request.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
                let asked: SyncRequest = ponte_proto::decode(&request[end + 4..]).unwrap();
                let body = ponte_proto::encode(&SyncResponse {
                    pushed: vec![Pushed::RecordErased; asked.push.len()],
                    entries: Vec::new(),
                    more: true,
                    cursor: asked.cursor,
                    head: asked.cursor + 1,
                    roster_version: 0,
                })
                .unwrap();
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = conn.write_all(head.as_bytes());
                let _ = conn.write_all(&body);
                true
            }),
        );
        Stalling { gate, on, stalls }
    }
}

/// Review finding: the sync loop went on while the relay said `more`, whether or not
/// the cursor moved, so whatever answers at the relay's address kept a device syncing
/// for ever (179 round trips in 8 s, no message, the lease never renewed). An honest
/// relay that says `more` always moves the cursor: the first answer that does not ends
/// the sync with the translated protocol line, after one round trip, and the device
/// loses nothing.
#[test]
fn a_relay_that_says_more_without_moving_the_cursor_ends_the_sync() {
    let relay = Relay::start();
    let gate = Stalling::start(&relay.url);
    let devices = team_at(&gate.gate.url, 1, |d| {
        d.json(&["sync"], None);
    });
    let (sup, member) = (&devices[0], &devices[1]);
    sup.add("person", &json!({"alias": "shared"}));
    sup.json(&["sync"], None);
    member.json(&["sync"], None);
    member.add("person", &json!({"alias": "not yet synced"}));
    let cursor_before = member.cursor();
    assert!(cursor_before > 0);

    gate.on.store(true, Ordering::SeqCst);
    for (lang, words) in [
        ("en", "does not understand"),
        ("ar", "جوابًا لا يفهمه هذا الإصدار"),
    ] {
        gate.stalls.store(0, Ordering::SeqCst);
        let out = member.run(&["--lang", lang, "sync"], None);
        let line = one_line_error(&out);
        assert!(!out.status.success(), "{lang}: the sync ended well: {line}");
        assert!(line.contains(words), "{lang}: {line}");
        assert_eq!(
            gate.stalls.load(Ordering::SeqCst),
            1,
            "{lang}: the device asked again for the same page"
        );
        assert_eq!(member.cursor(), cursor_before);
        assert_eq!(aliases(member), ["not yet synced", "shared"]);
    }

    // The honest relay: the record still queued on the member reaches the supervisor.
    gate.on.store(false, Ordering::SeqCst);
    member.json(&["sync"], None);
    sup.json(&["sync"], None);
    assert_eq!(aliases(sup), ["not yet synced", "shared"]);
}
