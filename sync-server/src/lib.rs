//! Ponte's blind sync relay.
//!
//! Devices of a team sync through this relay, which keeps per team an append-only
//! log of entries it cannot read, the chain of rosters its supervisors signed, and
//! the invites and join requests of enrolment. It is built so that a breached or
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
//! - **Who may create a team** ([`TeamCreation`]): closed by default, a team is
//!   created only for a request presenting one of the operator's team-creation codes
//!   (kept as SHA-256 digests, compared in constant time), unless the operator started
//!   the relay open; either way creations are rate-limited per client address.
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
//! - **Adding devices.** Only the next roster of the team's chain, signed by a
//!   supervisor of the roster in force (or once by its recovery kit), changes who may
//!   talk to the relay and with which role; the relay checks the chain, it cannot
//!   extend it.
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
mod conn;
mod roster;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

pub use config::{BadTeamCreationCode, Clock, Database, Limits, TeamCreation};
pub use error::AppError;
pub use relay::Relay;
pub use routes::{AppState, app};
pub use storage::{PostgresStorage, SqliteStorage, Storage, StorageError};

/// How often expired nonces, invites and join requests are purged.
const HOUSEKEEPING_INTERVAL: Duration = Duration::from_secs(60);

/// How long requests in flight may take to finish once `shutdown` completed.
const DRAIN_GRACE: Duration = Duration::from_secs(30);

/// Serves the relay on `listener` until `shutdown` completes, then lets requests
/// in flight finish. Also purges expired nonces and invites every minute.
///
/// Each connection is HTTP/1.1 with a deadline for every request head
/// ([`Limits::header_read_timeout_ms`]); at most [`Limits::max_connections`] are open at
/// once, and [`Limits::max_connections_per_address`] from one address (an IPv6
/// address by its /64): a connection over either cap is closed as soon as it is
/// accepted. So a few hosts holding connections open with slow heads or bodies cannot
/// take the relay from everyone.
pub async fn serve<S: Storage>(
    listener: tokio::net::TcpListener,
    relay: AppState<S>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;
    use tower::ServiceExt as _;

    let housekeeping = tokio::spawn(housekeeping(Arc::clone(&relay)));
    let limits = relay.limits().clone();
    let header_timeout = Duration::from_millis(limits.header_read_timeout_ms);
    let gate = Arc::new(conn::Gate::new(
        limits.max_connections,
        limits.max_connections_per_address,
    ));
    let router = app(relay);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait rather than spin.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(ticket) = gate.admit(peer.ip()) else {
            tracing::debug!("connection closed: over the connection cap");
            drop(stream);
            continue;
        };
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        // Each request carries the address its connection came from (team creation
        // is rate-limited per address).
        let client = routes::ClientAddr(peer.ip());
        let service = router
            .clone()
            .map_request(move |mut request: axum::extract::Request<_>| {
                request.extensions_mut().insert(client);
                request
            });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ticket = ticket;
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN_GRACE) => tracing::warn!("requests still running at shutdown"),
    }
    housekeeping.abort();
    Ok(())
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
