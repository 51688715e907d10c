//! Device keys in escrow and revoked devices.
mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{TestApp, PASSWORD};
use homeward_core::api::{SignedIn, DEVICE_HEADER};
use homeward_server::devices;
use uuid::Uuid;

async fn sign_in_from(
    app: &TestApp,
    username: &str,
    password: &str,
    device: Uuid,
) -> common::TestResponse {
    app.post_json(
        "/api/auth/sign-in",
        &serde_json::json!({ "username": username, "password": password, "device_id": device }),
        None,
    )
    .await
}

fn cookie_of(res: &common::TestResponse) -> String {
    let set = res.header("set-cookie").expect("a session cookie");
    set.split(';').next().unwrap().to_string()
}

async fn get_from(app: &TestApp, path: &str, cookie: &str, device: Uuid) -> common::TestResponse {
    let req = Request::builder()
        .method(Method::GET)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(DEVICE_HEADER, device.to_string())
        .body(Body::empty())
        .unwrap();
    app.request(req).await
}

#[tokio::test]
async fn a_device_gets_its_data_key_with_the_right_password_and_the_same_key_every_time() {
    let app = TestApp::with_team().await;
    let device = Uuid::now_v7();
    let first: SignedIn = sign_in_from(&app, "ffion", PASSWORD, device).await.json();
    let key = first.data_key.expect("a data key");
    assert_eq!(key.len(), 64, "32 random bytes, hex");
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()));
    let again: SignedIn = sign_in_from(&app, "ffion", PASSWORD, device).await.json();
    assert_eq!(
        again.data_key.as_deref(),
        Some(key.as_str()),
        "escrow gives the same key back"
    );
    let other: SignedIn = sign_in_from(&app, "ffion", PASSWORD, Uuid::now_v7())
        .await
        .json();
    assert_ne!(other.data_key, Some(key), "each device has its own key");
}

#[tokio::test]
async fn a_wrong_password_gets_no_key() {
    let app = TestApp::with_team().await;
    let res = sign_in_from(&app, "ffion", "not the password", Uuid::now_v7()).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(!res.text().contains("data_key"));
}

#[tokio::test]
async fn a_session_alone_cannot_fetch_a_key() {
    // The key only comes with a password: a stolen tablet's cookie must not be enough.
    let app = TestApp::with_team().await;
    let device = Uuid::now_v7();
    let res = sign_in_from(&app, "ffion", PASSWORD, device).await;
    let cookie = cookie_of(&res);
    let me = get_from(&app, "/api/auth/me", &cookie, device).await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(!me.text().contains("data_key"), "{}", me.text());
}

#[tokio::test]
async fn another_worker_cannot_sign_in_on_a_device_that_holds_someone_elses_work() {
    let app = TestApp::with_team().await;
    let device = Uuid::now_v7();
    sign_in_from(&app, "ffion", PASSWORD, device).await;
    let res = sign_in_from(&app, "dylan", PASSWORD, device).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(res.error_code(), "forbidden");
    assert!(!res.text().contains("data_key"));
}

#[tokio::test]
async fn a_revoked_device_is_told_to_wipe_on_its_next_request_and_its_sessions_end() {
    let app = TestApp::with_team().await;
    let device = Uuid::now_v7();
    let res = sign_in_from(&app, "ffion", PASSWORD, device).await;
    let cookie = cookie_of(&res);
    let pull = "/api/sync/pull?since=0";
    assert_eq!(
        get_from(&app, pull, &cookie, device).await.status,
        StatusCode::OK
    );

    let row = devices::revoke(&app.state.db, device, "megan")
        .await
        .unwrap();
    assert_eq!(row.username, "ffion");
    assert_eq!(row.revoked_by.as_deref(), Some("megan"));

    let res = get_from(&app, pull, &cookie, device).await;
    assert_eq!(res.status, StatusCode::GONE);
    assert_eq!(res.error_code(), "device_revoked");
    // Without the header (a thief's own script), the session is gone anyway.
    let res = app.get(pull, Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    // And the right password does not bring the key back to that device.
    let res = sign_in_from(&app, "ffion", PASSWORD, device).await;
    assert_eq!(res.status, StatusCode::GONE);
    assert!(!res.text().contains("data_key"));
    let (key,): (Option<String>,) =
        sqlx::query_as("SELECT data_key FROM devices WHERE device_id = $1")
            .bind(device.to_string())
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(key, None, "the escrowed key is destroyed");
    let audit = app.audit("device_revoked").await;
    assert_eq!(audit.len(), 1);
}

#[tokio::test]
async fn revoking_an_unknown_device_says_so() {
    let app = TestApp::with_team().await;
    let err = devices::revoke(&app.state.db, Uuid::now_v7(), "admin")
        .await
        .unwrap_err();
    assert!(err.to_string().starts_with("there is no device"), "{err}");
}

#[tokio::test]
async fn devices_are_listed_per_user() {
    let app = TestApp::with_team().await;
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    sign_in_from(&app, "ffion", PASSWORD, a).await;
    sign_in_from(&app, "dylan", PASSWORD, b).await;
    let ffion = devices::list(&app.state.db, Some("ffion")).await.unwrap();
    assert_eq!(ffion.len(), 1);
    assert_eq!(ffion[0].device_id, a.to_string());
    assert_eq!(devices::list(&app.state.db, None).await.unwrap().len(), 2);
}
