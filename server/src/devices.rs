//! Devices: each tablet a user signs in on, its escrowed data key, and revocation.
//!
//! A device encrypts its case data under a random data key that it keeps only wrapped by the
//! worker's PIN. The server keeps the key too (escrow), and hands it back only in answer to a right
//! password, so a worker who forgets their PIN, or types it wrong too often, loses no unsent work.
//! Revoking a device (reported lost or stolen) destroys its key here and ends its sessions; the
//! app on it wipes its data when it next reaches the server.

use crate::audit::{self, Action, Entry};
use crate::clock::now_ms;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use homeward_core::api::DEVICE_HEADER;
use rand::RngCore;
use serde::Serialize;
use sqlx::AnyConnection;
use uuid::Uuid;

/// A device as `device list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DeviceRow {
    pub device_id: String,
    pub username: String,
    pub created_at: i64,
    pub last_seen: i64,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    #[error("there is no device {0}")]
    NoSuchDevice(Uuid),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn new_key() -> String {
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    hex::encode(raw)
}

/// The data key of `device` for `username`, made on the device's first sign-in.
///
/// A revoked device gets none (it must wipe), and a device registered to someone else is refused:
/// its data is another worker's, and only they may sign out of it.
pub async fn data_key(conn: &mut AnyConnection, username: &str, device: Uuid) -> AppResult<String> {
    let id = device.to_string();
    let now = now_ms();
    // Insert first, so two sign-ins of one device at once agree on one key.
    sqlx::query(
        "INSERT INTO devices (device_id, username, data_key, created_at, last_seen) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (device_id) DO NOTHING",
    )
    .bind(&id)
    .bind(username)
    .bind(new_key())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let (owner, key, revoked): (String, Option<String>, Option<i64>) =
        sqlx::query_as("SELECT username, data_key, revoked_at FROM devices WHERE device_id = $1")
            .bind(&id)
            .fetch_one(&mut *conn)
            .await?;
    if revoked.is_some() {
        return Err(AppError::DeviceRevoked);
    }
    if owner != username {
        return Err(AppError::DeviceOfAnotherUser);
    }
    sqlx::query("UPDATE devices SET last_seen = $1 WHERE device_id = $2")
        .bind(now)
        .bind(&id)
        .execute(&mut *conn)
        .await?;
    key.ok_or(AppError::DeviceRevoked)
}

/// Whether `device` was revoked.
pub async fn is_revoked(db: &Db, device: Uuid) -> Result<bool, sqlx::Error> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT revoked_at FROM devices WHERE device_id = $1")
            .bind(device.to_string())
            .fetch_optional(&db.pool)
            .await?;
    Ok(matches!(row, Some((Some(_),))))
}

/// Revokes `device`: destroys its escrowed key, ends its sessions, and audits who did it.
pub async fn revoke(db: &Db, device: Uuid, by: &str) -> Result<DeviceRow, DeviceError> {
    let mut tx = db.pool.begin().await?;
    let id = device.to_string();
    let row: Option<DeviceRow> = sqlx::query_as(
        "SELECT device_id, username, created_at, last_seen, revoked_at, revoked_by \
         FROM devices WHERE device_id = $1",
    )
    .bind(&id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(mut row) = row else {
        return Err(DeviceError::NoSuchDevice(device));
    };
    let now = now_ms();
    if row.revoked_at.is_none() {
        sqlx::query(
            "UPDATE devices SET data_key = NULL, revoked_at = $1, revoked_by = $2 \
             WHERE device_id = $3",
        )
        .bind(now)
        .bind(by)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        row.revoked_at = Some(now);
        row.revoked_by = Some(by.to_string());
    }
    sqlx::query("DELETE FROM sessions WHERE device_id = $1")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        &Entry {
            username: &row.username,
            device_id: Some(device),
            action: Action::DeviceRevoked,
            case_id: None,
            detail: format!("device revoked by {by}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// Every device, or those of one user, newest first.
pub async fn list(db: &Db, username: Option<&str>) -> Result<Vec<DeviceRow>, sqlx::Error> {
    const SELECT: &str = "SELECT device_id, username, created_at, last_seen, revoked_at, \
        revoked_by FROM devices";
    const ORDER: &str = "ORDER BY created_at DESC, device_id";
    match username {
        Some(name) => {
            sqlx::query_as(&format!("{SELECT} WHERE username = $1 {ORDER}"))
                .bind(name)
                .fetch_all(&db.pool)
                .await
        }
        None => {
            sqlx::query_as(&format!("{SELECT} {ORDER}"))
                .fetch_all(&db.pool)
                .await
        }
    }
}

/// The device a request names in its [`DEVICE_HEADER`], if it names one well.
pub fn device_of(headers: &axum::http::HeaderMap) -> Option<Uuid> {
    headers
        .get(DEVICE_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| Uuid::parse_str(v.trim()).ok())
}

/// Answers any `/api` request from a revoked device with `device_revoked`, before anything else
/// runs, so the app on it wipes its data even when its session is long gone.
pub async fn refuse_revoked(State(db): State<Db>, req: Request, next: Next) -> Response {
    if let Some(device) = device_of(req.headers()) {
        match is_revoked(&db, device).await {
            Ok(true) => {
                return axum::response::IntoResponse::into_response(AppError::DeviceRevoked)
            }
            Ok(false) => {}
            Err(e) => return axum::response::IntoResponse::into_response(AppError::from(e)),
        }
    }
    next.run(req).await
}
