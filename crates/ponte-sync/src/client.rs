//! Signed HTTP requests to the relay.
//!
//! Every request carries the device id, the time, a random nonce and an Ed25519
//! signature over `ponte_proto::signing_input` (method, path, time, nonce, body
//! hash), so the relay can refuse forged, altered and replayed requests. Bodies are
//! postcard bytes; errors come back as `{"code": ...}`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use ponte_crypto::{self as crypto, SigningKey};
use ponte_proto::{self as proto, DeviceId, ErrorBody, ErrorCode, Nonce, RequestAuth, Signature};
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

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Client {
    /// A client for the relay at `base` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base: &str, device: [u8; 16], key: SigningKey) -> Result<Client> {
        // TLS (https relays) through rustls with ring, the crypto library the rest of
        // Ponte uses; certificates are checked against the system's roots. Installing
        // the process-wide provider fails harmlessly if one is already installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
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

    /// POST expecting an empty answer.
    pub async fn post_empty<B: Serialize>(&self, path: &str, body: &B) -> Result<()> {
        let bytes = proto::encode(body)?;
        self.send(reqwest::Method::POST, path, bytes)
            .await
            .map(|_| ())
    }

    /// GET a postcard answer (`path` includes the query).
    pub async fn get<R: DeserializeOwned>(&self, path: &str) -> Result<R> {
        let answer = self.send(reqwest::Method::GET, path, Vec::new()).await?;
        Ok(proto::decode(&answer)?)
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Vec<u8>) -> Result<Vec<u8>> {
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
        let bytes = response.bytes().await.map_err(|_| SyncError::Network)?;
        self.traffic
            .received
            .fetch_add(bytes.len() as u64 + 64, Ordering::Relaxed);
        if status.is_success() {
            return Ok(bytes.to_vec());
        }
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
}
