//! The one error type of request handling, and how it becomes a response.
//!
//! A client is told a stable code and nothing else: `{"code": "bad-token"}`. A
//! failure of the relay itself answers `{"code": "internal"}` with a 500 and its
//! detail is logged once, here. Nothing logged comes from a request body.

use axum::Json;
use axum::http::header::CONNECTION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ponte_proto::{ErrorBody, ErrorCode, ProtoError};

use crate::storage::StorageError;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The request was refused; the client is told why with a code.
    #[error("refused: {0}")]
    Refused(ErrorCode),
    /// Storage failed.
    #[error(transparent)]
    Storage(StorageError),
    /// A response could not be encoded.
    #[error("cannot encode response: {0}")]
    Encode(#[source] ProtoError),
}

impl AppError {
    /// The code the client sees.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Refused(code) => *code,
            Self::Storage(_) | Self::Encode(_) => ErrorCode::Internal,
        }
    }

    /// The HTTP status that goes with the code.
    pub fn status(&self) -> StatusCode {
        status_of(self.code())
    }
}

impl From<ErrorCode> for AppError {
    fn from(code: ErrorCode) -> Self {
        Self::Refused(code)
    }
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::CoversBeyondHead { .. } => Self::Refused(ErrorCode::BadCovers),
            other => Self::Storage(other),
        }
    }
}

/// The status of each code (see `docs/protocol.md`).
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Malformed
        | ErrorCode::BadRoster
        | ErrorCode::BadRosterSignature
        | ErrorCode::BadCovers => StatusCode::BAD_REQUEST,
        ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::BadSignature
        | ErrorCode::StaleRequest
        | ErrorCode::ReplayedRequest
        | ErrorCode::UnknownDevice => StatusCode::UNAUTHORIZED,
        ErrorCode::DeviceRevoked
        | ErrorCode::NotSupervisor
        | ErrorCode::BadToken
        | ErrorCode::TeamCreationClosed => StatusCode::FORBIDDEN,
        ErrorCode::TeamExists
        | ErrorCode::InviteExists
        | ErrorCode::StaleRoster
        | ErrorCode::RosterBehind
        | ErrorCode::TokenUsed
        | ErrorCode::DeviceExists
        | ErrorCode::NoticeLimit
        | ErrorCode::RecordErased => StatusCode::CONFLICT,
        ErrorCode::InviteExpired => StatusCode::GONE,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Builds the JSON error response for a code; the code also goes into the
/// response's extensions for the request log line.
pub fn error_response(code: ErrorCode) -> Response {
    let mut response = (status_of(code), Json(ErrorBody { code })).into_response();
    if matches!(code, ErrorCode::TooLarge | ErrorCode::RequestTimeout) {
        // The rest of the body may still be on its way and will not be read: the
        // connection closes after this answer, and the client is told so, rather than
        // finding out on its next request over the same connection.
        response
            .headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
    }
    response.extensions_mut().insert(code);
    response
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.status().is_server_error() {
            // The only place a failure's detail is logged. Storage errors carry no
            // stored bytes (see `StorageError`).
            tracing::error!(error = %self, "request failed");
        }
        error_response(self.code())
    }
}
