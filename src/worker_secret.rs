//! The check that lets the worker (and nobody else) leave child mode.
//!
//! Today the worker's password is checked by the server. When the device PIN exists, it plugs in
//! here: a stored PIN is checked on the device first, so leaving works offline too.

use crate::api::{self, ApiError};
use homeward_core::api::ErrorCode;

/// Why the secret was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("wrong secret")]
    Wrong,
    /// Offline, and nothing on the device can check the secret.
    #[error("needs a connection")]
    NeedsConnection,
    #[error("too many attempts")]
    TooMany,
    #[error("{0}")]
    Other(String),
}

/// Checks the worker's PIN or password.
pub async fn verify_worker_secret(username: &str, secret: &str) -> Result<(), SecretError> {
    if secret.is_empty() {
        return Err(SecretError::Wrong);
    }
    match api::sign_in(username, secret).await {
        Ok(me) if me.username == username => Ok(()),
        Ok(_) => Err(SecretError::Wrong),
        Err(ApiError::Offline) => Err(SecretError::NeedsConnection),
        Err(e) if e.is(ErrorCode::RateLimited) => Err(SecretError::TooMany),
        Err(ApiError::Server { .. }) => Err(SecretError::Wrong),
        Err(e @ ApiError::Garbled) => Err(SecretError::Other(e.to_string())),
    }
}
