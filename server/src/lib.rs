//! `homeward-server`: the sync API and the server of the built PWA, on one origin.
//!
//! Every area has its own router ([`auth`], [`sync`], [`blobs`], [`web`]); [`app`] puts them together with
//! the headers every response carries. Errors are [`error::AppError`], which always answers with
//! the stable JSON shape of [`homeward_core::api::ErrorBody`] and never leaks internal detail.

pub mod audit;
pub mod auth;
pub mod blobs;
pub mod cases;
pub mod clock;
pub mod db;
pub mod demo;
pub mod devices;
pub mod error;
pub mod extract;
pub mod password;
pub mod rate_limit;
pub mod sync;
pub mod users;
pub mod web;

use axum::Router;
use db::Db;
use password::Passwords;
use rate_limit::RateLimiter;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How long a sign-in lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 60 * 60);

/// Settings that do not change while the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The built PWA (trunk's `dist`).
    pub dist: PathBuf,
    /// Add `Secure` to the session cookie (when served over https).
    pub secure_cookies: bool,
    pub session_ttl: Duration,
}

impl Config {
    pub fn new(dist: impl Into<PathBuf>) -> Config {
        Config {
            dist: dist.into(),
            secure_cookies: false,
            session_ttl: SESSION_TTL,
        }
    }
}

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub passwords: Arc<Passwords>,
    pub sign_in_limiter: Arc<RateLimiter>,
}

impl AppState {
    pub fn new(db: Db, config: Config, passwords: Passwords) -> AppState {
        AppState {
            db,
            config: Arc::new(config),
            passwords: Arc::new(passwords),
            sign_in_limiter: Arc::new(RateLimiter::sign_in()),
        }
    }
}

/// The whole application: `/api/...` and the PWA, with security headers on every response.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(web::health())
        .nest("/auth", auth::app(state.clone()))
        .nest("/sync", sync::app(state.clone()))
        .nest("/cases", blobs::app(state.clone()));
    let api = api.layer(axum::middleware::from_fn_with_state(
        state.db.clone(),
        devices::refuse_revoked,
    ));
    web::with_security_headers(
        Router::new()
            .nest("/api", web::api(api))
            .fallback_service(web::pwa(&state.config.dist)),
    )
    .layer(tower_http::trace::TraceLayer::new_for_http())
}
