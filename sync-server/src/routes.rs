//! The HTTP edge: routes, the body extractor, one log line per request.
//!
//! Handlers decode the body (postcard), call one [`Relay`] method and encode the
//! answer. Nothing here branches on protocol rules.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::HttpBody as _;
use axum::extract::{DefaultBodyLimit, FromRequest, MatchedPath, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ponte_proto::{
    CreateInvite, CreateTeam, DeviceId, ErrorCode, HEADER_DEVICE, HEADER_NONCE, HEADER_ROSTER,
    HEADER_SIGNATURE, HEADER_TEAM_CREATION_CODE, HEADER_TIME, JoinRequest, LeaveNotice, PutRoster,
    RequestAuth, SyncRequest, TeamId, decode, encode, paths,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument as _;
use tracing::field::{Empty, display};

use crate::error::{AppError, error_response};
use crate::relay::{Relay, SignedRequest};
use crate::storage::Storage;

/// The state every handler gets.
pub type AppState<S> = Arc<Relay<S>>;

/// The address a connection came from, put on each of its requests by
/// [`crate::serve`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct ClientAddr(pub(crate) std::net::IpAddr);

/// The relay's router. Serve it with [`crate::serve`] (or `axum::serve`).
pub fn app<S: Storage>(state: AppState<S>) -> Router {
    let request_timeout = std::time::Duration::from_millis(state.limits().request_timeout_ms);
    Router::new()
        .route(paths::HEALTH, get(health))
        .route(paths::SYNC, post(sync::<S>))
        .route(paths::TEAMS, post(create_team::<S>))
        .route(paths::INVITES, post(create_invite::<S>))
        .route(paths::JOIN, post(join::<S>))
        .route(paths::PENDING, get(pending::<S>))
        .route(paths::ROSTER, get(get_roster::<S>).post(put_roster::<S>))
        .route(paths::ROSTERS, get(get_rosters::<S>))
        .route(paths::NOTICES, get(notices::<S>).post(leave_notice::<S>))
        .fallback(|| async { error_response(ErrorCode::NotFound) })
        .method_not_allowed_fallback(|| async { error_response(ErrorCode::MethodNotAllowed) })
        // The body limit is enforced by `Signed`, which answers with our own code.
        .layer(DefaultBodyLimit::disable())
        // A request, body included, is read and answered in time or refused: a client
        // that trickles its body cannot hold a connection and a task for ever.
        .layer(middleware::from_fn(
            move |request: Request, next: Next| async move {
                match tokio::time::timeout(request_timeout, next.run(request)).await {
                    Ok(response) => response,
                    Err(_) => error_response(ErrorCode::RequestTimeout),
                }
            },
        ))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

async fn health() -> impl IntoResponse {
    axum::Json(serde_json::json!({ "status": "ok" }))
}

async fn sync<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let body: SyncRequest = decode_body(&request)?;
    record_team(&body.team_id);
    octets(&relay.sync(&request, body).await?)
}

async fn create_team<S: Storage>(
    State(relay): State<AppState<S>>,
    headers: HeaderMap,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let body: CreateTeam = decode_body(&request)?;
    record_team(&body.team_id);
    // The code's bytes go to the check and nowhere else (never to a log line).
    let code = headers
        .get(HEADER_TEAM_CREATION_CODE)
        .map(HeaderValue::as_bytes);
    relay.create_team(&request, code, body).await?;
    Ok(StatusCode::CREATED.into_response())
}

async fn create_invite<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let body: CreateInvite = decode_body(&request)?;
    record_team(&body.team_id);
    relay.create_invite(&request, body).await?;
    Ok(StatusCode::CREATED.into_response())
}

async fn join<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let body: JoinRequest = decode_body(&request)?;
    record_team(&body.team_id);
    relay.join(&request, body).await?;
    Ok(StatusCode::ACCEPTED.into_response())
}

async fn pending<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let team = team_query(&request)?;
    octets(&relay.pending(&request, team).await?)
}

async fn get_roster<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let team = team_query(&request)?;
    Ok(octet_response(relay.roster(&request, team).await?))
}

async fn get_rosters<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let (team, since) = team_since_query(&request)?;
    octets(&relay.rosters(&request, team, since).await?)
}

async fn put_roster<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let body: PutRoster = decode_body(&request)?;
    record_team(&body.team_id);
    relay.put_roster(&request, body).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn leave_notice<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let body: LeaveNotice = decode_body(&request)?;
    record_team(&body.team_id);
    relay.leave_notice(&request, body).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn notices<S: Storage>(
    State(relay): State<AppState<S>>,
    Signed(request): Signed,
) -> Result<Response, AppError> {
    let team = team_query(&request)?;
    octets(&relay.notices(&request, team).await?)
}

/// A request body read within the size limit, with its signature headers parsed.
#[derive(Debug)]
struct Signed(SignedRequest);

impl<S: Storage> FromRequest<AppState<S>> for Signed {
    type Rejection = AppError;

    async fn from_request(request: Request, relay: &AppState<S>) -> Result<Self, AppError> {
        let limit = relay.limits().max_body_bytes;
        let (parts, body) = request.into_parts();
        if content_length(&parts.headers).is_some_and(|len| len > limit) {
            return Err(ErrorCode::TooLarge.into());
        }
        // Without a length header the limit is hit while reading; a body that
        // fails to arrive otherwise has no one left to answer.
        let body = axum::body::to_bytes(body, limit)
            .await
            .map_err(|_| AppError::Refused(ErrorCode::TooLarge))?;
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let auth = RequestAuth::parse(
            header(HEADER_DEVICE),
            header(HEADER_TIME),
            header(HEADER_NONCE),
            header(HEADER_SIGNATURE),
        )
        .ok();
        let target = parts
            .uri
            .path_and_query()
            .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
        let client = parts.extensions.get::<ClientAddr>().map(|c| c.0);
        let roster_seen = header(HEADER_ROSTER).and_then(|v| v.parse().ok());
        Ok(Self(SignedRequest {
            method: parts.method.as_str().to_owned(),
            target,
            auth,
            body,
            client,
            roster_seen,
        }))
    }
}

fn decode_body<T: DeserializeOwned>(request: &SignedRequest) -> Result<T, AppError> {
    decode(&request.body).map_err(|_| AppError::Refused(ErrorCode::Malformed))
}

/// The `team` parameter of a GET: `?team=<32 hex digits>` and nothing else.
fn team_query(request: &SignedRequest) -> Result<TeamId, AppError> {
    let malformed = || AppError::Refused(ErrorCode::Malformed);
    let (_, query) = request.target.split_once('?').ok_or_else(malformed)?;
    let hex = query.strip_prefix("team=").ok_or_else(malformed)?;
    let team = TeamId::from_hex(hex).map_err(|_| malformed())?;
    record_team(&team);
    Ok(team)
}

/// The parameters of `GET /v2/rosters`: `?team=<32 hex digits>&since=<decimal>`,
/// in this order, and nothing else.
fn team_since_query(request: &SignedRequest) -> Result<(TeamId, u64), AppError> {
    let malformed = || AppError::Refused(ErrorCode::Malformed);
    let (_, query) = request.target.split_once('?').ok_or_else(malformed)?;
    let (team, since) = query.split_once('&').ok_or_else(malformed)?;
    let hex = team.strip_prefix("team=").ok_or_else(malformed)?;
    let team = TeamId::from_hex(hex).map_err(|_| malformed())?;
    record_team(&team);
    let digits = since.strip_prefix("since=").ok_or_else(malformed)?;
    // Digits only (no sign, no space), and within a u64.
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed());
    }
    let since = digits.parse().map_err(|_| malformed())?;
    Ok((team, since))
}

fn octets<T: Serialize>(message: &T) -> Result<Response, AppError> {
    Ok(octet_response(encode(message).map_err(AppError::Encode)?))
}

fn octet_response(bytes: Vec<u8>) -> Response {
    (
        [(
            CONTENT_TYPE,
            HeaderValue::from_static(ponte_proto::CONTENT_TYPE),
        )],
        bytes,
    )
        .into_response()
}

fn content_length(headers: &HeaderMap) -> Option<usize> {
    headers.get(CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
}

/// Puts the team id on the request's log line.
fn record_team(team: &TeamId) {
    tracing::Span::current().record("team", display(team));
}

/// One log line per request: method, route template, status, code, sizes,
/// latency, and the device and team ids (hex). Never a body, a header value other
/// than the device id, a query string, a token or a nonce.
async fn log_request(matched: Option<MatchedPath>, request: Request, next: Next) -> Response {
    let route = matched
        .as_ref()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method = request.method().clone();
    let bytes_in = content_length(request.headers()).unwrap_or(0);
    let span = tracing::info_span!("request", %method, route, device = Empty, team = Empty);
    // The claimed device id goes on the line only if it is well-formed hex, so a
    // client cannot write arbitrary text into the log; `authenticate` overwrites it
    // with the verified one.
    if let Some(device) = request
        .headers()
        .get(HEADER_DEVICE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DeviceId::from_hex(v).ok())
    {
        span.record("device", display(device));
    }
    let started = Instant::now();
    let response = next.run(request).instrument(span.clone()).await;
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let status = response.status().as_u16();
    let bytes_out = response.body().size_hint().exact().unwrap_or(0);
    let code = response
        .extensions()
        .get::<ErrorCode>()
        .map(ErrorCode::as_str);
    span.in_scope(|| tracing::info!(status, code, bytes_in, bytes_out, latency_ms, "request"));
    response
}
