//! Sign-in, sign-out and who is signed in. A session is a random 32-byte token in an HttpOnly,
//! SameSite=Strict cookie; only its sha256 is stored.

use crate::audit::{self, Action, Entry};
use crate::clock::now_ms;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::users::{self, User};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, FromRequestParts, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use axum::routing::{get, post};
use axum::{Json, Router};
use homeward_core::api::{Me, SignIn, SignedIn};
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "homeward_session";

/// A sign-in body is a name and a password: nothing needs more than this.
const SIGN_IN_BODY_LIMIT: usize = 16 * 1024;

pub fn app(state: AppState) -> Router {
    Router::new()
        .route(
            "/sign-in",
            post(sign_in).layer(DefaultBodyLimit::max(SIGN_IN_BODY_LIMIT)),
        )
        .route("/sign-out", post(sign_out))
        .route("/me", get(me))
        .with_state(state)
}

/// The signed-in user; rejects with 401 JSON when there is no valid session.
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let token = session_token(&parts.headers).ok_or(AppError::NotSignedIn)?;
        users::by_session(&state.db, &token_hash(&token), now_ms())
            .await?
            .map(CurrentUser)
            .ok_or(AppError::NotSignedIn)
    }
}

/// The session token from the Cookie header(s), if one is there and well formed.
fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(SESSION_COOKIE)?.strip_prefix('='))
        .find(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn cookie(state: &AppState, value: &str, max_age_secs: u64) -> AppResult<HeaderValue> {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_secs}{secure}"
    ))
    .map_err(AppError::internal)
}

async fn sign_in(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<SignIn>,
) -> AppResult<impl IntoResponse> {
    let typed: String = body.username.trim().chars().take(100).collect();
    let key = typed.to_lowercase();
    state
        .sign_in_limiter
        .attempt(&key)
        .map_err(|wait| AppError::RateLimited {
            retry_after_secs: wait.as_secs().max(1),
        })?;

    let found = match users::parse_username(&key) {
        Ok(name) => users::find_with_hash(&state.db, &name).await?,
        Err(_) => None,
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let ok = state
        .passwords
        .verify_blocking(hash, body.password)
        .await
        .map_err(AppError::internal)?;
    let mut conn = state.db.pool.acquire().await?;
    let user = match (ok, user) {
        (true, Some(user)) => user,
        _ => {
            audit::record(
                &mut conn,
                &Entry {
                    username: &typed,
                    device_id: None,
                    action: Action::SignInFailed,
                    case_id: None,
                    detail: "wrong username or password".into(),
                },
            )
            .await?;
            return Err(AppError::BadCredentials);
        }
    };
    state.sign_in_limiter.succeeded(&key);
    // The device's key is handed out only here, in answer to the right password.
    let data_key = match body.device_id {
        Some(device) => Some(crate::devices::data_key(&mut conn, &user.username, device).await?),
        None => None,
    };

    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let now = now_ms();
    let ttl = state.config.session_ttl;
    let expires = now.saturating_add(i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX));
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, username, created_at, expires_at, device_id) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(&user.username)
    .bind(now)
    .bind(expires)
    .bind(body.device_id.map(|d| d.to_string()))
    .execute(&mut *conn)
    .await?;
    audit::record(
        &mut conn,
        &Entry {
            username: &user.username,
            device_id: body.device_id,
            action: Action::SignIn,
            case_id: None,
            detail: "signed in".into(),
        },
    )
    .await?;
    let set_cookie = cookie(&state, &token, ttl.as_secs())?;
    Ok((
        AppendHeaders([(SET_COOKIE, set_cookie)]),
        Json(SignedIn {
            me: user.me(),
            data_key,
        }),
    ))
}

async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    if let Some(token) = session_token(&headers) {
        let mut conn = state.db.pool.acquire().await?;
        let hash = token_hash(&token);
        if let Some(user) = users::by_session(&state.db, &hash, now_ms()).await? {
            audit::record(
                &mut conn,
                &Entry {
                    username: &user.username,
                    device_id: None,
                    action: Action::SignOut,
                    case_id: None,
                    detail: "signed out".into(),
                },
            )
            .await?;
        }
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash)
            .execute(&mut *conn)
            .await?;
    }
    let clear = cookie(&state, "", 0)?;
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(SET_COOKIE, clear)])))
}

async fn me(CurrentUser(user): CurrentUser) -> Json<Me> {
    Json(user.me())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        let token = "ab".repeat(32);
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_str(&format!("theme=dark; {SESSION_COOKIE}={token}; x=1")).unwrap(),
        );
        assert_eq!(session_token(&headers), Some(token));
    }

    #[test]
    fn a_malformed_session_token_is_ignored() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("homeward_session=' OR 1=1 --"),
        );
        assert_eq!(session_token(&headers), None);
    }
}
