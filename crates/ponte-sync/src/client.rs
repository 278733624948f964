//! Signed HTTP requests to the relay.
//!
//! Every request carries the device id, the time, a random nonce and an Ed25519
//! signature over `ponte_proto::signing_input` (method, path, time, nonce, body
//! hash), so the relay can refuse forged, altered and replayed requests. Bodies are
//! postcard bytes; errors come back as `{"code": ...}`.
//!
//! An answer is read chunk by chunk against a bound (`ponte_proto::limits`:
//! [`MAX_SYNC_ANSWER_BYTES`](proto::limits::MAX_SYNC_ANSWER_BYTES) for a sync,
//! [`MAX_ANSWER_BYTES`](proto::limits::MAX_ANSWER_BYTES) otherwise, what a relay within
//! the protocol's limits can send at most): a larger one, announced or streamed, is
//! dropped at the bound with [`SyncError::AnswerTooLarge`] and nothing of it is used.
//!
//! Redirects are never followed: a 3xx answer, from the relay or from whoever answers
//! at its address, is [`SyncError::Protocol`], and the request (its signature, its
//! body, the team-creation code) is sent nowhere else. Following it would take them to
//! another host, over plain HTTP too, past the rule that `http://` reaches only this
//! machine.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use ponte_crypto::{self as crypto, SigningKey};
use ponte_proto::{
    self as proto, DeviceId, ErrorBody, ErrorCode, Nonce, RequestAuth, Signature, limits, paths,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Result, SyncError};

/// Bytes and round trips, as counted by the client (bodies plus headers).
#[derive(Debug, Default)]
pub struct Traffic {
    /// Bytes sent.
    pub sent: AtomicU64,
    /// Bytes received.
    pub received: AtomicU64,
    /// HTTP requests made.
    pub round_trips: AtomicU64,
}

/// A relay client for one device.
#[derive(Debug)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    device: DeviceId,
    key: SigningKey,
    /// What this client sent and received.
    pub traffic: Traffic,
}

/// Most bytes of an error answer that are read: `{"code": ...}` is far shorter; a longer
/// body (a proxy's HTML page, or a hostile relay) is cut and its status decides.
const MAX_ERROR_BODY_BYTES: usize = 4096;

/// The most bytes a relay within the protocol's limits can answer on `path`.
fn answer_limit(path: &str) -> usize {
    let route = path.split('?').next().unwrap_or(path);
    if route == paths::SYNC {
        limits::MAX_SYNC_ANSWER_BYTES
    } else if route == paths::ROSTERS {
        limits::MAX_CHAIN_ANSWER_BYTES
    } else {
        limits::MAX_ANSWER_BYTES
    }
}

/// Why a body was not read whole.
#[derive(Debug, PartialEq, Eq)]
enum Cut {
    /// It is (or says it is) larger than the limit.
    TooLarge,
    /// The connection broke.
    Network,
}

/// The body of `response` if it has at most `limit` bytes, read chunk by chunk with a
/// running count: a `content-length` over the limit is refused before any byte is
/// read, and a longer stream is dropped as soon as it passes the limit, so at most
/// `limit` bytes (plus one chunk in flight) are ever held.
async fn read_at_most(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, Cut> {
    let announced = response.content_length();
    if announced.is_some_and(|n| n > limit as u64) {
        return Err(Cut::TooLarge);
    }
    // Trust an announced length only as far as the limit.
    let mut body = Vec::with_capacity(announced.map_or(0, |n| usize::try_from(n).unwrap_or(0)));
    while let Some(chunk) = response.chunk().await.map_err(|_| Cut::Network)? {
        if chunk.len() > limit - body.len() {
            return Err(Cut::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Client {
    /// A client for the relay at `base` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base: &str, device: [u8; 16], key: SigningKey) -> Result<Client> {
        Self::with_timeouts(
            base,
            device,
            key,
            Duration::from_secs(10),
            Duration::from_secs(60),
        )
    }

    /// [`Client::new`] with its own bounds on connecting and on a whole request (the
    /// duress notice uses short ones: whoever watches the screen must not wait long
    /// for a relay that does not answer).
    pub fn with_timeouts(
        base: &str,
        device: [u8; 16],
        key: SigningKey,
        connect: Duration,
        total: Duration,
    ) -> Result<Client> {
        // TLS (https relays) through rustls with ring, the crypto library the rest of
        // Ponte uses; certificates are checked against the system's roots. Installing
        // the process-wide provider fails harmlessly if one is already installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(connect)
            .timeout(total)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| SyncError::Network)?;
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_owned(),
            device: DeviceId(device),
            key,
            traffic: Traffic::default(),
        })
    }

    /// POST a postcard body, decode a postcard answer.
    pub async fn post<B: Serialize, R: DeserializeOwned>(&self, path: &str, body: &B) -> Result<R> {
        let bytes = proto::encode(body)?;
        let answer = self.send(reqwest::Method::POST, path, bytes).await?;
        Ok(proto::decode(&answer)?)
    }

    /// POST a postcard body with more headers, decode a postcard answer.
    pub async fn post_with<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        headers: &[(&str, &str)],
    ) -> Result<R> {
        let bytes = proto::encode(body)?;
        let answer = self
            .send_with(reqwest::Method::POST, path, bytes, headers)
            .await?;
        Ok(proto::decode(&answer)?)
    }

    /// POST expecting an empty answer.
    pub async fn post_empty<B: Serialize>(&self, path: &str, body: &B) -> Result<()> {
        self.post_empty_with(path, body, &[]).await
    }

    /// POST expecting an empty answer, with more headers (the team-creation code of
    /// `POST /v1/teams`). Their values are marked sensitive, so the HTTP stack never
    /// prints them.
    pub async fn post_empty_with<B: Serialize>(
        &self,
        path: &str,
        body: &B,
        headers: &[(&str, &str)],
    ) -> Result<()> {
        let bytes = proto::encode(body)?;
        self.send_with(reqwest::Method::POST, path, bytes, headers)
            .await
            .map(|_| ())
    }

    /// GET a postcard answer (`path` includes the query).
    pub async fn get<R: DeserializeOwned>(&self, path: &str) -> Result<R> {
        let answer = self.send(reqwest::Method::GET, path, Vec::new()).await?;
        Ok(proto::decode(&answer)?)
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Vec<u8>) -> Result<Vec<u8>> {
        self.send_with(method, path, body, &[]).await
    }

    async fn send_with(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Vec<u8>,
        extra: &[(&str, &str)],
    ) -> Result<Vec<u8>> {
        let time_ms = now_ms();
        let nonce = Nonce(crypto::random_array()?);
        let input = proto::signing_input(
            method.as_str(),
            path,
            time_ms,
            &nonce,
            &crypto::sha256(&body),
        );
        let auth = RequestAuth {
            device: self.device,
            time_ms,
            nonce,
            signature: Signature(self.key.sign(&input)),
        };
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, proto::CONTENT_TYPE);
        // Rough header size: the four auth headers and the request line; enough to
        // compare wire costs, the benchmark measures exact bytes with a proxy.
        let mut header_bytes = 64 + path.len() as u64;
        for (name, value) in auth.headers() {
            header_bytes += (name.len() + value.len() + 4) as u64;
            request = request.header(name, value);
        }
        for (name, value) in extra {
            header_bytes += (name.len() + value.len() + 4) as u64;
            // Callers check values first; one that is not a header value is refused
            // here rather than sent altered.
            let mut value =
                reqwest::header::HeaderValue::from_str(value).map_err(|_| SyncError::Protocol)?;
            value.set_sensitive(true);
            request = request.header(*name, value);
        }
        self.traffic
            .sent
            .fetch_add(body.len() as u64 + header_bytes, Ordering::Relaxed);
        self.traffic.round_trips.fetch_add(1, Ordering::Relaxed);
        let response = request
            .body(body)
            .send()
            .await
            .map_err(|_| SyncError::Network)?;
        let status = response.status();
        if status.is_redirection() {
            // Not followed (see the module docs), and its body is not read.
            return Err(SyncError::Protocol);
        }
        if status.is_success() {
            let bytes = match read_at_most(response, answer_limit(path)).await {
                Ok(bytes) => bytes,
                Err(Cut::TooLarge) => return Err(SyncError::AnswerTooLarge),
                Err(Cut::Network) => return Err(SyncError::Network),
            };
            self.received(bytes.len());
            return Ok(bytes);
        }
        // An error body that is too long is not read further: the status decides.
        let bytes = match read_at_most(response, MAX_ERROR_BODY_BYTES).await {
            Ok(bytes) => bytes,
            Err(Cut::TooLarge) => Vec::new(),
            Err(Cut::Network) => return Err(SyncError::Network),
        };
        self.received(bytes.len());
        let code = serde_json::from_slice::<ErrorBody>(&bytes).map_or(
            if status.is_server_error() {
                ErrorCode::Internal
            } else {
                ErrorCode::Unknown
            },
            |b| b.code,
        );
        Err(SyncError::Relay(code))
    }

    /// Counts an answer of `body` bytes (plus a rough 64 for its head).
    fn received(&self, body: usize) {
        self.traffic
            .received
            .fetch_add(body as u64 + 64, Ordering::Relaxed);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::io::{Read as _, Write as _};
    use std::net::{TcpListener, TcpStream};
    use std::time::Duration;

    use ponte_proto::{SyncRequest, SyncResponse, TeamId, limits, paths};

    use super::*;

    const MIB: usize = 1024 * 1024;

    /// What the fake relay answers, after reading the request.
    #[derive(Clone, Copy, Debug)]
    enum Answer {
        /// `status` with a `content-length` of `claimed`, then as many zeros as the
        /// client takes.
        Announced { status: u16, claimed: usize },
        /// `status`, chunked, zeros without end.
        Endless { status: u16 },
        /// 200 with exactly `len` zero bytes, chunked.
        Exactly { len: usize },
    }

    /// A one-request relay on loopback; the thread returns the body bytes it managed to
    /// write before the client hung up (or it finished).
    fn fake_relay(answer: Answer) -> (String, std::thread::JoinHandle<usize>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            read_request(&mut conn);
            conn.set_write_timeout(Some(Duration::from_secs(20)))
                .unwrap();
            serve(&mut conn, answer)
        });
        (url, handle)
    }

    fn read_request(conn: &mut TcpStream) {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map_or(0, |v| v.trim().parse().unwrap());
                if buf.len() >= end + 4 + length {
                    return;
                }
            }
            let n = conn.read(&mut chunk).unwrap();
            assert!(n > 0, "request cut");
            buf.extend_from_slice(&chunk[..n]);
        }
    }

    fn serve(conn: &mut TcpStream, answer: Answer) -> usize {
        let zeros = vec![0u8; 64 * 1024];
        let reason = |status| if status == 200 { "OK" } else { "Error" };
        let mut written = 0;
        match answer {
            Answer::Announced { status, claimed } => {
                let head = format!(
                    "HTTP/1.1 {status} {}\r\ncontent-length: {claimed}\r\n\r\n",
                    reason(status)
                );
                conn.write_all(head.as_bytes()).unwrap();
                while written < claimed {
                    let n = zeros.len().min(claimed - written);
                    if conn.write_all(&zeros[..n]).is_err() {
                        break;
                    }
                    written += n;
                }
            }
            Answer::Endless { status } => {
                let head = format!(
                    "HTTP/1.1 {status} {}\r\ntransfer-encoding: chunked\r\n\r\n",
                    reason(status)
                );
                conn.write_all(head.as_bytes()).unwrap();
                let size = format!("{:x}\r\n", zeros.len());
                while written < 1024 * MIB {
                    let sent = conn
                        .write_all(size.as_bytes())
                        .and_then(|()| conn.write_all(&zeros))
                        .and_then(|()| conn.write_all(b"\r\n"));
                    if sent.is_err() {
                        break;
                    }
                    written += zeros.len();
                }
            }
            Answer::Exactly { len } => {
                conn.write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
                    .unwrap();
                while written < len {
                    let n = zeros.len().min(len - written);
                    let sent = conn
                        .write_all(format!("{n:x}\r\n").as_bytes())
                        .and_then(|()| conn.write_all(&zeros[..n]))
                        .and_then(|()| conn.write_all(b"\r\n"));
                    if sent.is_err() {
                        break;
                    }
                    written += n;
                }
                let _ = conn.write_all(b"0\r\n\r\n");
            }
        }
        written
    }

    /// What the fake relay wrote, once it is done; the runtime keeps running meanwhile,
    /// so the client's connection task can hang up.
    async fn finished(relay: std::thread::JoinHandle<usize>) -> usize {
        tokio::task::spawn_blocking(move || relay.join().unwrap())
            .await
            .unwrap()
    }

    fn client(url: &str) -> Client {
        Client::new(url, [1; 16], ponte_crypto::SigningKey::generate().unwrap()).unwrap()
    }

    async fn sync(url: &str) -> Result<SyncResponse> {
        let request = SyncRequest {
            team_id: TeamId([2; 16]),
            cursor: 0,
            push: vec![],
            pull_limit: 500,
        };
        client(url).post(paths::SYNC, &request).await
    }

    #[tokio::test]
    async fn an_announced_64_mib_answer_is_refused_unread() {
        let (url, relay) = fake_relay(Answer::Announced {
            status: 200,
            claimed: 64 * MIB,
        });
        assert!(matches!(sync(&url).await, Err(SyncError::AnswerTooLarge)));
        let written = finished(relay).await;
        // What the loopback socket buffers took, not 64 MiB.
        assert!(written < 32 * MIB, "{written}");
    }

    #[tokio::test]
    async fn an_endless_chunked_answer_is_cut_at_the_bound() {
        let (url, relay) = fake_relay(Answer::Endless { status: 200 });
        assert!(matches!(sync(&url).await, Err(SyncError::AnswerTooLarge)));
        // The client hung up: the relay could not push its endless body.
        let written = finished(relay).await;
        assert!(written < 64 * MIB, "{written}");
    }

    #[tokio::test]
    async fn the_bound_is_exact_and_a_roster_has_its_own() {
        // At the bound the body is read (and is not a sync answer); one byte more is not.
        let (url, relay) = fake_relay(Answer::Exactly {
            len: limits::MAX_SYNC_ANSWER_BYTES,
        });
        assert!(matches!(sync(&url).await, Err(SyncError::Protocol)));
        finished(relay).await;
        let (url, relay) = fake_relay(Answer::Exactly {
            len: limits::MAX_SYNC_ANSWER_BYTES + 1,
        });
        assert!(matches!(sync(&url).await, Err(SyncError::AnswerTooLarge)));
        finished(relay).await;
        // Other routes (a roster) may answer up to MAX_ANSWER_BYTES, not more.
        let path = format!("{}?team={}", paths::ROSTER, TeamId([2; 16]));
        let (url, relay) = fake_relay(Answer::Exactly {
            len: limits::MAX_ANSWER_BYTES + 1,
        });
        let answer = client(&url).get::<proto::SignedRoster>(&path).await;
        assert!(matches!(answer, Err(SyncError::AnswerTooLarge)));
        finished(relay).await;
    }

    #[tokio::test]
    async fn an_endless_error_answer_is_cut_and_its_status_decides() {
        let (url, relay) = fake_relay(Answer::Endless { status: 500 });
        assert!(matches!(
            sync(&url).await,
            Err(SyncError::Relay(ErrorCode::Internal))
        ));
        assert!(finished(relay).await < 64 * MIB);
        let (url, relay) = fake_relay(Answer::Announced {
            status: 403,
            claimed: 64 * MIB,
        });
        assert!(matches!(
            sync(&url).await,
            Err(SyncError::Relay(ErrorCode::Unknown))
        ));
        assert!(finished(relay).await < 32 * MIB);
    }

    /// Review finding: the client followed redirects, so a relay on loopback answering
    /// 307 sent the signed request and its body (and a team-creation code) again to the
    /// host it named, over plain HTTP. Every 3xx is now a protocol error and the other
    /// host is never contacted.
    #[tokio::test]
    async fn a_redirect_is_a_protocol_error_and_is_not_followed() {
        let elsewhere = TcpListener::bind("127.0.0.1:0").unwrap();
        let target = format!("http://{}{}", elsewhere.local_addr().unwrap(), paths::SYNC);
        elsewhere.set_nonblocking(true).unwrap();
        for status in [301, 302, 303, 307, 308] {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let url = format!("http://{}", listener.local_addr().unwrap());
            let location = target.clone();
            let relay = std::thread::spawn(move || {
                let (mut conn, _) = listener.accept().unwrap();
                read_request(&mut conn);
                let head = format!(
                    "HTTP/1.1 {status} Moved\r\nlocation: {location}\r\ncontent-length: 0\r\n\r\n"
                );
                conn.write_all(head.as_bytes()).unwrap();
            });
            assert!(
                matches!(sync(&url).await, Err(SyncError::Protocol)),
                "{status}"
            );
            tokio::task::spawn_blocking(move || relay.join().unwrap())
                .await
                .unwrap();
        }
        // Nobody knocked at the address the redirects named.
        assert_eq!(
            elsewhere.accept().map(|_| ()).unwrap_err().kind(),
            std::io::ErrorKind::WouldBlock
        );
    }

    #[test]
    fn the_sync_route_has_the_sync_bound() {
        assert_eq!(answer_limit(paths::SYNC), limits::MAX_SYNC_ANSWER_BYTES);
        assert_eq!(
            answer_limit(&format!("{}?team=00", paths::ROSTER)),
            limits::MAX_ANSWER_BYTES
        );
        assert_eq!(
            answer_limit(&format!("{}?team=00", paths::PENDING)),
            limits::MAX_ANSWER_BYTES
        );
    }
}
