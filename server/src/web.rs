//! The built PWA, `/api` housekeeping (health, JSON 404/405), and the headers on every response.

use crate::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every response. No inline script: if trunk's loader ever needs
/// an inline `<script>`, add its `'sha256-…'` hash to `script-src` here rather than `'unsafe-inline'`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; \
img-src 'self' data: blob:; \
media-src 'self' blob:; \
connect-src 'self'; \
worker-src 'self'; \
manifest-src 'self'; \
object-src 'none'; \
base-uri 'none'; \
frame-ancestors 'none'; \
form-action 'self'";

/// Files whose names carry a content hash (trunk's `app-<hash>.js`) never change: a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (index.html, sw.js, manifest.webmanifest, boot.js, icons) keeps its name from
/// build to build, so the browser checks it every time (a cheap 304 when unchanged); a stale
/// index.html or boot.js would load files of another build.
const REVALIDATE: &str = "no-cache";

/// `GET /health` → `{"ok": true}`.
pub fn health() -> Router {
    Router::new().route(
        "/health",
        get(|| async { Json(serde_json::json!({ "ok": true })) }),
    )
}

/// The `/api` router: unknown paths are 404 JSON, wrong methods 405 JSON, nothing is cached.
pub fn api(router: Router) -> Router {
    router
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn(json_method_not_allowed))
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

async fn json_method_not_allowed(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() == StatusCode::METHOD_NOT_ALLOWED {
        let allow = res.headers().get(axum::http::header::ALLOW).cloned();
        let mut json = AppError::MethodNotAllowed.into_response();
        if let Some(allow) = allow {
            json.headers_mut().insert(axum::http::header::ALLOW, allow);
        }
        return json;
    }
    res
}

/// The built PWA from `dist`: files as they are, and `index.html` for any other path without a
/// file extension, so deep links like `/cases/123` open the app.
pub fn pwa(dist: &Path) -> Router {
    let index = dist.join("index.html");
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(tower::service_fn(move |req: Request| {
            spa_fallback(index.clone(), req)
        }));
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

async fn spa_fallback(index: PathBuf, req: Request) -> Result<Response, Infallible> {
    let path = req.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return Ok(AppError::NotFound.into_response());
    }
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return Ok((StatusCode::NOT_FOUND, "Not found").into_response());
    }
    match ServeFile::new(index).oneshot(req).await {
        Ok(res) => Ok(res.map(Body::new)),
        Err(never) => match never {},
    }
}

fn looks_hashed(name: &str) -> bool {
    name.split(['-', '.', '_'])
        .any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn cache_control(req: Request, next: Next) -> Response {
    let name = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    let mut res = next.run(req).await;
    if !(res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED) {
        return res;
    }
    let html = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    let policy = if !html && looks_hashed(&name) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    res
}

/// Adds the security headers to every response of `router`.
pub fn with_security_headers(router: Router) -> Router {
    let headers: [(HeaderName, &'static str); 3] = [
        (
            HeaderName::from_static("content-security-policy"),
            CONTENT_SECURITY_POLICY,
        ),
        (HeaderName::from_static("x-content-type-options"), "nosniff"),
        (HeaderName::from_static("referrer-policy"), "no-referrer"),
    ];
    headers.into_iter().fold(router, |router, (name, value)| {
        router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(looks_hashed("homeward-9f86d081884c7d65_bg.wasm"));
        assert!(looks_hashed("style-2c26b46b68ffc68f.css"));
        assert!(!looks_hashed("icon-192.png"));
        assert!(!looks_hashed("sw.js"));
    }
}
