//! `PUT` and `GET /api/cases/{case_id}/blobs/{sha256}`: the bytes of drawings, voice recordings
//! and signatures, addressed by their sha256 within their case.
//!
//! The attachment record is pushed first, like any other change; it names the content's length
//! and checksum. An upload is kept only if the case has such a record and the bytes are exactly
//! what it names, so the store holds nothing but described content, and a device that never heard
//! the answer to its upload can send it again: the second `PUT` changes nothing.

use crate::audit::{self, Action, Entry};
use crate::auth::CurrentUser;
use crate::cases;
use crate::clock::now_ms;
use crate::error::{AppError, AppResult};
use crate::users::User;
use crate::AppState;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::put;
use axum::Router;
use homeward_core::api::DEVICE_HEADER;
use homeward_core::attachment::{is_sha256_hex, Attachment, MAX_ATTACHMENT_BYTES};
use homeward_core::entities::DATA;
use homeward_core::sync::Entity;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection};
use uuid::Uuid;

/// What a refused upload says when no record of the case names this content.
pub const NOT_DESCRIBED: &str =
    "No drawing, recording or signature of this case has this checksum: send its record first.";

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/{case_id}/blobs/{sha256}", put(upload).get(download))
        .with_state(state)
}

fn address(case_id: &str, sha256: &str) -> AppResult<(Uuid, String)> {
    let case_id = Uuid::parse_str(case_id)
        .map_err(|_| AppError::BadRequest("The case id in the address is not a uuid.".into()))?;
    if !is_sha256_hex(sha256) {
        return Err(AppError::BadRequest(
            "The address must end in the content's sha256, as 64 lower-case hex digits.".into(),
        ));
    }
    Ok((case_id, sha256.to_string()))
}

fn device_of(headers: &HeaderMap) -> Option<Uuid> {
    headers
        .get(DEVICE_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| Uuid::parse_str(v).ok())
}

struct Caller<'a> {
    user: &'a User,
    device_id: Option<Uuid>,
    case_id: Uuid,
}

impl Caller<'_> {
    async fn audit(
        &self,
        conn: &mut AnyConnection,
        action: Action,
        detail: String,
    ) -> AppResult<()> {
        audit::record(
            conn,
            &Entry {
                username: &self.user.username,
                device_id: self.device_id,
                action,
                case_id: Some(self.case_id),
                detail,
            },
        )
        .await?;
        Ok(())
    }

    /// Refuses (and audits) a caller who may not read and change the case.
    async fn check_access(&self, conn: &mut AnyConnection, what: &str) -> AppResult<()> {
        match cases::owner(conn, self.case_id).await? {
            Some(owner) if owner.lets(self.user) => Ok(()),
            // The same answer whether or not the case exists: ids are not for guessing.
            _ => {
                self.audit(
                    conn,
                    Action::Refused,
                    format!("{what}: no access to the case"),
                )
                .await?;
                Err(AppError::Forbidden)
            }
        }
    }
}

/// The caller and the checksum of a blob address, with a connection, once the caller is known to
/// have access to the case (a refusal is audited).
async fn authorised<'a>(
    state: &AppState,
    user: &'a User,
    (case_id, sha256): &(String, String),
    headers: &HeaderMap,
) -> AppResult<(Caller<'a>, String, PoolConnection<Any>)> {
    let (case_id, sha256) = address(case_id, sha256)?;
    let caller = Caller {
        user,
        device_id: device_of(headers),
        case_id,
    };
    let mut conn = state.db.pool.acquire().await?;
    caller
        .check_access(&mut conn, &format!("blob {sha256}"))
        .await?;
    Ok((caller, sha256, conn))
}

/// The case's attachment record that names `sha256`, if any.
async fn described(
    conn: &mut AnyConnection,
    case_id: Uuid,
    sha256: &str,
) -> AppResult<Option<Attachment>> {
    let values: Vec<(String,)> = sqlx::query_as(
        "SELECT value FROM field_heads WHERE case_id = $1 AND entity = $2 AND field = $3",
    )
    .bind(case_id.to_string())
    .bind(Entity::Attachment.as_str())
    .bind(DATA)
    .fetch_all(&mut *conn)
    .await?;
    Ok(values
        .iter()
        .filter_map(|(v,)| serde_json::from_str::<Attachment>(v).ok())
        .find(|a| a.sha256 == sha256))
}

async fn upload(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(path): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<Response> {
    let (caller, sha256, mut conn) = authorised(&state, &user, &path, &headers).await?;
    let (case_id, what) = (caller.case_id, format!("blob {sha256}"));
    // Read only as much as the largest attachment: a bigger body is refused without storing it.
    let bytes: Bytes = to_bytes(body, MAX_ATTACHMENT_BYTES)
        .await
        .map_err(|_| AppError::TooLarge)?;
    let Some(record) = described(&mut conn, case_id, &sha256).await? else {
        caller
            .audit(
                &mut conn,
                Action::Rejected,
                format!("{what}: no record names it"),
            )
            .await?;
        return Err(AppError::Invalid(NOT_DESCRIBED.into()));
    };
    if let Err(e) = record.check_bytes(&bytes) {
        caller
            .audit(&mut conn, Action::Rejected, format!("{what}: {e}"))
            .await?;
        return Err(AppError::Invalid(e.to_string()));
    }
    let stored = sqlx::query(
        "INSERT INTO blobs (case_id, sha256, byte_len, data, uploaded_by, device_id, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, sha256) DO NOTHING",
    )
    .bind(case_id.to_string())
    .bind(&sha256)
    .bind(bytes.len() as i64)
    .bind(bytes.to_vec())
    .bind(&user.username)
    .bind(caller.device_id.map(|d| d.to_string()))
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let (status, detail) = if stored == 1 {
        (
            StatusCode::CREATED,
            format!("{what}: {} bytes", bytes.len()),
        )
    } else {
        (StatusCode::OK, format!("{what}: already held"))
    };
    caller.audit(&mut conn, Action::Upload, detail).await?;
    Ok(status.into_response())
}

async fn download(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(path): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (caller, sha256, mut conn) = authorised(&state, &user, &path, &headers).await?;
    let (case_id, what) = (caller.case_id, format!("blob {sha256}"));
    let data: Option<(Vec<u8>,)> =
        sqlx::query_as("SELECT data FROM blobs WHERE case_id = $1 AND sha256 = $2")
            .bind(case_id.to_string())
            .bind(&sha256)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((data,)) = data else {
        return Err(AppError::NotFound);
    };
    let media_type = described(&mut conn, case_id, &sha256)
        .await?
        .map_or_else(|| "application/octet-stream".to_string(), |a| a.media_type);
    caller
        .audit(
            &mut conn,
            Action::Download,
            format!("{what}: {} bytes", data.len()),
        )
        .await?;
    let mut response = data.into_response();
    if let Ok(v) = HeaderValue::from_str(&media_type) {
        response.headers_mut().insert(CONTENT_TYPE, v);
    }
    Ok(response)
}
