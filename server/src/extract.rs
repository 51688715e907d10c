//! Extractors whose rejections are our typed JSON errors rather than axum's plain text.

use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

/// Longest serde message echoed back in a 400: enough to find the mistake, not a mirror.
const MAX_DETAIL_CHARS: usize = 300;

fn shorten(detail: String) -> String {
    if detail.chars().count() <= MAX_DETAIL_CHARS {
        detail
    } else {
        let mut s: String = detail.chars().take(MAX_DETAIL_CHARS).collect();
        s.push('…');
        s
    }
}

/// A JSON body (`Content-Type: application/json`), parsed strictly into `T`.
pub struct ApiJson<T>(pub T);

fn is_json(parts_content_type: Option<&str>) -> bool {
    parts_content_type
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = is_json(
            req.headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
        );
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::BadRequest("The request body could not be read.".into())
            }
        })?;
        if !json {
            return Err(AppError::BadRequest(
                "Send the body as JSON, with Content-Type: application/json.".into(),
            ));
        }
        serde_json::from_slice(&bytes).map(ApiJson).map_err(|e| {
            AppError::BadRequest(shorten(format!("The request body is not valid: {e}")))
        })
    }
}

/// A query string parsed into `T`.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(q)| ApiQuery(q))
            .map_err(|e| {
                AppError::BadRequest(shorten(format!(
                    "The query is not valid: {}",
                    e.body_text()
                )))
            })
    }
}
