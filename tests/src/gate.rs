//! A gate on loopback in front of a relay: it forwards each request to the relay and
//! the answer back (one request per connection, as the devices' client sends them),
//! unless the test's hook answers the request itself, as a hostile relay, or whoever
//! answers at the relay's address, could.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// Given the whole request and the device's connection: `true` if it answered.
pub type Hook = dyn Fn(&[u8], &mut TcpStream) -> bool + Send + Sync;

/// A running gate.
#[derive(Debug)]
pub struct Gate {
    /// Its base URL, to give the devices as their relay.
    pub url: String,
}

impl Gate {
    /// A gate in front of the relay at `upstream` (`http://HOST:PORT`).
    #[allow(clippy::unwrap_used)]
    pub fn start(upstream: &str, hook: Arc<Hook>) -> Gate {
        let upstream: SocketAddr = upstream.trim_start_matches("http://").parse().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let hook = Arc::clone(&hook);
                std::thread::spawn(move || serve(conn, upstream, &*hook));
            }
        });
        Gate { url }
    }
}

fn serve(mut conn: TcpStream, upstream: SocketAddr, hook: &Hook) {
    let Some(request) = read_request(&mut conn) else {
        return;
    };
    if hook(&request, &mut conn) {
        return;
    }
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

/// One HTTP/1.1 request: head and body (by `content-length`).
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
