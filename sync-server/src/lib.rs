//! Ponte's blind sync relay.
//!
//! Devices of a team sync through this relay, which keeps per team an append-only
//! log of entries it cannot read, the roster the supervisor signed, and the
//! invites and join requests of enrolment. It is built so that a breached or
//! subpoenaed relay host gives away only what DESIGN.md allows: team, device and
//! record ids (random bytes), sizes and times.
//!
//! # What this crate owns
//!
//! - **The HTTP API** of `docs/protocol.md` ([`app`], [`serve`]): postcard bodies,
//!   JSON error codes, one log line per request with ids, sizes and latency only.
//! - **Authentication**: every request is signed by a device's Ed25519 key, within
//!   a time window, with a nonce remembered in the database (so replays are refused
//!   across relay processes). The relay only *verifies* signatures and hashes
//!   (`ring`); it holds no secret key of any team.
//! - **The log rules** ([`Relay`], [`storage`]): seq assignment, idempotent push,
//!   snapshot compaction, erasure by tombstone (the bytes are really removed), and
//!   the roster deciding who may authenticate.
//! - **Storage** behind one trait, [`Storage`], with SQLite ([`SqliteStorage`]) and
//!   PostgreSQL ([`PostgresStorage`]) implementations.
//!
//! # What it deliberately does not own
//!
//! - **Anything that reads a record.** This crate depends on `ponte-proto` only,
//!   never on the model, document, store or crypto crates (a test checks it): it
//!   cannot decrypt, so it cannot leak a plaintext.
//! - **Adding devices.** Only a roster signed by the supervisor's key (stored when
//!   the team was created) changes who may talk to the relay.
//! - **TLS.** Production runs behind a TLS-terminating proxy; tests use plain HTTP
//!   on loopback.
//! - **Configuration loading.** The binary (`src/main.rs`) parses arguments and
//!   `PONTE_*` variables and passes [`Limits`] and a [`Database`] in.
//!
//! # Architecture Invariant
//!
//! No request body, ciphertext, token, nonce or signature reaches a log line or an
//! error message. Errors are codes ([`ponte_proto::ErrorCode`]); storage errors
//! are reduced to a message without stored values.

pub mod config;
pub mod error;
pub mod rate;
pub mod relay;
pub mod routes;
pub mod storage;

mod auth;
mod roster;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

pub use config::{Clock, Database, Limits};
pub use error::AppError;
pub use relay::Relay;
pub use routes::{AppState, app};
pub use storage::{PostgresStorage, SqliteStorage, Storage, StorageError};

/// How often expired nonces, invites and join requests are purged.
const HOUSEKEEPING_INTERVAL: Duration = Duration::from_secs(60);

/// Serves the relay on `listener` until `shutdown` completes, then lets requests
/// in flight finish. Also purges expired nonces and invites every minute.
pub async fn serve<S: Storage>(
    listener: tokio::net::TcpListener,
    relay: AppState<S>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let housekeeping = tokio::spawn(housekeeping(Arc::clone(&relay)));
    let result = axum::serve(listener, app(relay))
        .with_graceful_shutdown(shutdown)
        .await;
    housekeeping.abort();
    result
}

async fn housekeeping<S: Storage>(relay: AppState<S>) {
    let mut interval = tokio::time::interval(HOUSEKEEPING_INTERVAL);
    loop {
        interval.tick().await;
        match relay.purge_expired().await {
            Ok(purged) => tracing::debug!(purged, "purged expired rows"),
            Err(error) => tracing::warn!(%error, "purge failed"),
        }
    }
}
