//! Whatever answers at the relay's address cannot wipe a device. The devices talk to
//! the real relay through a gate on loopback that a test can turn hostile: it then
//! answers every request itself, `403 {"code":"device-revoked"}`, as a breached relay
//! or anyone on the path could. A device wipes itself only when the supervisor-signed
//! roster proves it was removed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use ponte_tests::{Device, Relay, team_at};
use serde_json::json;

/// A loopback gate in front of the relay: forwards each request (one per connection,
/// as the devices' client sends them) or, once hostile, answers it itself.
struct Gate {
    url: String,
    hostile: Arc<AtomicBool>,
    answered: Arc<AtomicUsize>,
}

impl Gate {
    fn start(upstream: &str) -> Gate {
        let upstream: SocketAddr = upstream.trim_start_matches("http://").parse().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let hostile = Arc::new(AtomicBool::new(false));
        let answered = Arc::new(AtomicUsize::new(0));
        let (h, a) = (hostile.clone(), answered.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let (h, a) = (h.clone(), a.clone());
                std::thread::spawn(move || serve(conn, upstream, &h, &a));
            }
        });
        Gate {
            url,
            hostile,
            answered,
        }
    }

    fn hostile(&self, on: bool) {
        self.hostile.store(on, Ordering::SeqCst);
    }
}

/// One HTTP/1.1 request: head and body (by Content-Length).
fn read_request(conn: &mut TcpStream) -> Option<Vec<u8>> {
    conn.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                return Some(buf);
            }
        }
        let n = conn.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

fn serve(mut conn: TcpStream, upstream: SocketAddr, hostile: &AtomicBool, answered: &AtomicUsize) {
    let Some(request) = read_request(&mut conn) else {
        return;
    };
    if hostile.load(Ordering::SeqCst) {
        answered.fetch_add(1, Ordering::SeqCst);
        let body = br#"{"code":"device-revoked"}"#;
        let head = format!(
            "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        let _ = conn.write_all(head.as_bytes());
        let _ = conn.write_all(body);
        return;
    }
    // Forward on a new connection and relay the answer, each side told the connection
    // closes after it (one request per connection).
    let Ok(mut up) = TcpStream::connect(upstream) else {
        return;
    };
    if up.write_all(&closing(&request)).is_err() {
        return;
    }
    let mut answer = Vec::new();
    let _ = up.read_to_end(&mut answer);
    let _ = conn.write_all(&closing(&answer));
}

/// An HTTP message with its `connection` header replaced by `connection: close`.
fn closing(message: &[u8]) -> Vec<u8> {
    let Some(end) = message.windows(4).position(|w| w == b"\r\n\r\n") else {
        return message.to_vec();
    };
    let head = String::from_utf8_lossy(&message[..end]);
    let kept: Vec<&str> = head
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    let mut out = format!("{}\r\nconnection: close\r\n\r\n", kept.join("\r\n")).into_bytes();
    out.extend_from_slice(&message[end + 4..]);
    out
}

fn one_line_error(out: &std::process::Output) -> String {
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.starts_with("ponte: ") && !stderr.contains("panicked"),
        "{stderr:?}"
    );
    stderr
}

fn aliases(device: &Device) -> Vec<String> {
    let mut out: Vec<String> = device
        .json(&["person", "list"], None)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn a_bare_revoked_answer_wipes_nothing_and_a_signed_removal_still_wipes() {
    let relay = Relay::start();
    let gate = Gate::start(&relay.url);
    let devices = team_at(&gate.url, 1, |d| {
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
    let member_id = member
        .json(&["devices"], None)
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "phone 0")
        .unwrap()["device"]
        .as_str()
        .unwrap()
        .to_owned();
    sup.json(&["revoke", &member_id], None);
    let out = member.run(&["sync"], None);
    assert_eq!(out.status.code(), Some(5), "{}", one_line_error(&out));
    assert!(
        !member.home().join("ponte.db").exists(),
        "a removed device kept its store"
    );
    drop(shared);
}
