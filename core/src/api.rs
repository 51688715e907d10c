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
    /// This device was revoked (reported lost, or taken out of use): it must wipe its case data.
    DeviceRevoked,
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
    /// The device signing in. With it, the reply carries the device's data key (see
    /// [`SignedIn`]); a script or a test may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<uuid::Uuid>,
}

/// The reply to a sign-in: who signed in and, when a device was named, that device's data key.
///
/// The data key encrypts the case data on the device. It is only handed out in answer to a right
/// password, never to a session alone, so a stolen tablet's still-valid session cannot fetch it
/// after the PIN-wrapped copy was destroyed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    #[serde(flatten)]
    pub me: Me,
    /// 32 random bytes, hex, for AES-256-GCM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_key: Option<String>,
}

/// The header every request of the app carries: the device it comes from, so a revoked device
/// learns on its next contact that it must wipe.
pub const DEVICE_HEADER: &str = "x-homeward-device";

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
