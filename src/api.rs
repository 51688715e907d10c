//! Calls to the Homeward server. Same origin, so the HttpOnly session cookie goes along by itself.
//! Every call names this device in [`DEVICE_HEADER`], so a revoked device hears so at once.

use gloo_net::http::{Request, RequestBuilder, Response};
use homeward_core::api::{ErrorBody, ErrorCode, Me, SignIn, SignedIn, DEVICE_HEADER};
use homeward_core::sync::{PullResponse, PushRequest, PushResponse};
use serde::de::DeserializeOwned;
use std::cell::Cell;

/// Why a call to the server did not work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// No answer at all: no signal, or the server is down. Try again later.
    #[error("no connection to the server")]
    Offline,
    /// The server answered with its typed error.
    #[error("{message}")]
    Server { code: ErrorCode, message: String },
    /// The server answered something we could not read.
    #[error("the server's answer could not be read")]
    Garbled,
}

impl ApiError {
    pub fn is(&self, wanted: ErrorCode) -> bool {
        matches!(self, ApiError::Server { code, .. } if *code == wanted)
    }
}

thread_local! {
    static DEVICE: Cell<Option<uuid::Uuid>> = const { Cell::new(None) };
}

/// The device every later call names.
pub fn set_device(id: uuid::Uuid) {
    DEVICE.with(|d| d.set(Some(id)));
}

fn named(request: RequestBuilder) -> RequestBuilder {
    match DEVICE.with(Cell::get) {
        Some(id) => request.header(DEVICE_HEADER, &id.to_string()),
        None => request,
    }
}

fn get(path: &str) -> RequestBuilder {
    named(Request::get(path))
}

async fn answer<T: DeserializeOwned>(
    sent: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    let response = sent.map_err(|_| ApiError::Offline)?;
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiError::Garbled);
    }
    Err(failure(response).await)
}

/// The typed error of a reply that is not a success.
async fn failure(response: Response) -> ApiError {
    match response.json::<ErrorBody>().await {
        Ok(body) => ApiError::Server {
            code: body.error.code,
            message: body.error.message,
        },
        // A proxy or a captive portal answered, not our server.
        Err(_) => ApiError::Offline,
    }
}

async fn post<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let request = named(Request::post(path))
        .json(body)
        .map_err(|_| ApiError::Garbled)?;
    answer(request.send().await).await
}

/// Signs in from `device`; the reply then carries the device's data key. Without a device it
/// only proves the password (before this tablet is cleared for another worker).
pub async fn sign_in(
    username: &str,
    password: &str,
    device: Option<uuid::Uuid>,
) -> Result<SignedIn, ApiError> {
    let body = SignIn {
        username: username.to_string(),
        password: password.to_string(),
        device_id: device,
    };
    post("/api/auth/sign-in", &body).await
}

/// Ends the session on the server.
pub async fn sign_out() -> Result<(), ApiError> {
    let sent = named(Request::post("/api/auth/sign-out")).send().await;
    let response = sent.map_err(|_| ApiError::Offline)?;
    if response.ok() {
        Ok(())
    } else {
        Err(ApiError::Offline)
    }
}

/// Any answer from the server, so a locked tablet still learns it was revoked.
pub async fn health() -> Result<serde_json::Value, ApiError> {
    answer(get("/api/health").send().await).await
}

pub async fn me() -> Result<Me, ApiError> {
    answer(get("/api/auth/me").send().await).await
}

pub async fn push(request: &PushRequest) -> Result<PushResponse, ApiError> {
    post("/api/sync/push", request).await
}

/// Pulls changes after `since`; with `grants`, the reply also names the cases newly on this
/// user's caseload since that grant (see [`pull_case`]).
/// `device` goes into the server's audit log of who read what, from which device.
pub async fn pull(
    device: uuid::Uuid,
    since: i64,
    grants: Option<i64>,
) -> Result<PullResponse, ApiError> {
    let url = match grants {
        Some(g) => format!("/api/sync/pull?device_id={device}&since={since}&grants={g}"),
        None => format!("/api/sync/pull?device_id={device}&since={since}"),
    };
    answer(get(&url).send().await).await
}

/// Pulls one case's changes after `since` (a case newly on this user's caseload).
pub async fn pull_case(
    device: uuid::Uuid,
    case_id: uuid::Uuid,
    since: i64,
) -> Result<PullResponse, ApiError> {
    let url = format!("/api/sync/pull?device_id={device}&case={case_id}&since={since}");
    answer(get(&url).send().await).await
}

fn blob_url(case_id: uuid::Uuid, sha256: &str) -> String {
    format!("/api/cases/{case_id}/blobs/{sha256}")
}

/// Uploads the bytes of one of `case_id`'s attachments to their sha256 address. The server keeps
/// them only if the case's record describes exactly these bytes; sending them again is harmless.
pub async fn put_blob(case_id: uuid::Uuid, sha256: &str, bytes: &[u8]) -> Result<(), ApiError> {
    let request = named(Request::put(&blob_url(case_id, sha256)))
        .header("content-type", "application/octet-stream")
        .body(js_sys::Uint8Array::from(bytes))
        .map_err(|_| ApiError::Garbled)?;
    let response = request.send().await.map_err(|_| ApiError::Offline)?;
    if response.ok() {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

/// The bytes of one of `case_id`'s attachments; `None` while the server does not have them yet
/// (the device that made them has not uploaded them).
pub async fn get_blob(case_id: uuid::Uuid, sha256: &str) -> Result<Option<Vec<u8>>, ApiError> {
    let sent = get(&blob_url(case_id, sha256)).send().await;
    let response = sent.map_err(|_| ApiError::Offline)?;
    if response.ok() {
        return response
            .binary()
            .await
            .map(Some)
            .map_err(|_| ApiError::Garbled);
    }
    match failure(response).await {
        e if e.is(ErrorCode::NotFound) => Ok(None),
        e => Err(e),
    }
}
