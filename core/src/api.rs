//! The shape of every error the server sends: `{"error": {"code": "...", "message": "..."}}`.
//! The code is stable for programs; the message is plain words for people and never holds
//! internal detail (no SQL, no stack traces).

use serde::{Deserialize, Serialize};

/// A stable, machine-readable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or query could not be read.
    BadRequest,
    /// The request was readable but a value breaks a rule.
    Validation,
    /// Not signed in, or the sign-in failed.
    Unauthenticated,
    /// Signed in, but this user may not do this.
    Forbidden,
    NotFound,
    /// Too many attempts; try again later.
    RateLimited,
    /// The body is larger than the server accepts.
    TooLarge,
    /// Something went wrong on the server; details are in its log, not in the reply.
    Internal,
}

/// The body of an error reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code,
                message: message.into(),
            },
        }
    }
}

/// `POST /api/auth/sign-in` body.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

/// Role of a signed-in user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Worker,
    Manager,
}

/// `GET /api/auth/me` and the sign-in reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
}
