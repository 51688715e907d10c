//! The one error type handlers return. Its response is always
//! `{"error": {"code": "...", "message": "..."}}`; internal causes go to the log, never the reply.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use homeward_core::api::{ErrorBody, ErrorCode};

/// The message for a failed sign-in: the same whether the name or the password was wrong.
pub const BAD_CREDENTIALS: &str = "The username or password is not right.";

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The body or query could not be read; the message says why, in plain words.
    #[error("{0}")]
    BadRequest(String),
    #[error("{BAD_CREDENTIALS}")]
    BadCredentials,
    #[error("Sign in first.")]
    NotSignedIn,
    #[error("You do not have access to this.")]
    Forbidden,
    #[error("Too many sign-in attempts. Wait a few minutes, then try again.")]
    RateLimited { retry_after_secs: u64 },
    #[error("The request is too large.")]
    TooLarge,
    #[error("There is nothing here.")]
    NotFound,
    /// The request was readable but breaks a rule; the message says which, in plain words.
    #[error("{0}")]
    Invalid(String),
    #[error("This address does not accept that method.")]
    MethodNotAllowed,
    #[error(
        "This device was taken out of use by your organisation. Its case data must be removed."
    )]
    DeviceRevoked,
    #[error("This device holds another worker's work. They must sign out of it first.")]
    DeviceOfAnotherUser,
    /// Anything unexpected. Logged with its cause; the reply only says something went wrong.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(e)
    }
}

impl AppError {
    pub fn internal(e: impl Into<anyhow::Error>) -> AppError {
        AppError::Internal(e.into())
    }

    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest),
            AppError::BadCredentials | AppError::NotSignedIn => {
                (StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated)
            }
            AppError::Forbidden => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            AppError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited),
            AppError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::TooLarge),
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, ErrorCode::BadRequest),
            AppError::DeviceRevoked => (StatusCode::GONE, ErrorCode::DeviceRevoked),
            AppError::DeviceOfAnotherUser => (StatusCode::CONFLICT, ErrorCode::Forbidden),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            AppError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "request failed");
                "Something went wrong on the server. Try again; if it keeps happening, tell your administrator.".to_string()
            }
            other => other.to_string(),
        };
        let mut response = (status, Json(ErrorBody::new(code, message))).into_response();
        if let AppError::RateLimited { retry_after_secs } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
