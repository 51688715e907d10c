mod common;

use axum::http::StatusCode;
use common::{TestApp, PASSWORD};
use homeward_core::api::{Me, Role};

#[tokio::test]
async fn signing_in_with_the_right_password_answers_who_you_are() {
    let app = TestApp::with_team().await;
    let res = app.sign_in_response("ffion", PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK);
    let me: Me = res.json();
    assert_eq!(me.username, "ffion");
    assert_eq!(me.display_name, "ffion Test");
    assert_eq!(me.role, Role::Worker);
}

#[tokio::test]
async fn the_session_cookie_is_http_only_same_site_strict_and_not_secure_by_default() {
    let app = TestApp::with_team().await;
    let res = app.sign_in_response("ffion", PASSWORD).await;
    let cookie = res.header("set-cookie").unwrap();
    assert!(cookie.starts_with("homeward_session="), "{cookie}");
    let token = cookie["homeward_session=".len()..]
        .split(';')
        .next()
        .unwrap();
    assert_eq!(token.len(), 64, "32 random bytes, hex");
    let attrs: Vec<&str> = cookie.split(';').map(str::trim).collect();
    assert!(attrs.contains(&"HttpOnly"), "{cookie}");
    assert!(attrs.contains(&"SameSite=Strict"), "{cookie}");
    assert!(attrs.contains(&"Path=/"), "{cookie}");
    assert!(!attrs.contains(&"Secure"), "{cookie}");
}

#[tokio::test]
async fn with_secure_cookies_the_session_cookie_is_secure() {
    let app = TestApp::with_config(|c| c.secure_cookies = true).await;
    app.add_user("ffion", Role::Worker, None).await;
    let res = app.sign_in_response("ffion", PASSWORD).await;
    let cookie = res.header("set-cookie").unwrap();
    assert!(cookie.split(';').any(|a| a.trim() == "Secure"), "{cookie}");
}

#[tokio::test]
async fn the_session_token_itself_is_never_stored() {
    let app = TestApp::with_team().await;
    let cookie = app.sign_in("ffion").await;
    let token = cookie.trim_start_matches("homeward_session=");
    let (stored,): (String,) = sqlx::query_as("SELECT token_hash FROM sessions")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_ne!(stored, token);
    assert_eq!(stored.len(), 64, "a sha256, hex");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_username_get_the_same_401() {
    let app = TestApp::with_team().await;
    let wrong_password = app.sign_in_response("ffion", "not the password").await;
    let unknown_user = app.sign_in_response("nobody", PASSWORD).await;
    for res in [&wrong_password, &unknown_user] {
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            res.value(),
            serde_json::json!({"error": {"code": "unauthenticated",
                "message": "The username or password is not right."}})
        );
        assert!(res.header("set-cookie").is_none());
    }
    assert_eq!(wrong_password.body, unknown_user.body);
    assert_eq!(app.audit("sign_in_failed").await.len(), 2);
}

#[tokio::test]
async fn the_username_is_not_case_sensitive() {
    let app = TestApp::with_team().await;
    let res = app.sign_in_response(" Ffion ", PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json::<Me>().username, "ffion");
}

#[tokio::test]
async fn me_says_who_is_signed_in_and_401_without_a_session() {
    let app = TestApp::with_team().await;
    let cookie = app.sign_in("megan").await;
    let res = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json::<Me>().role, Role::Manager);

    let anonymous = app.get("/api/auth/me", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.error_code(), "unauthenticated");

    let forged = app
        .get(
            "/api/auth/me",
            Some(&format!("homeward_session={}", "0".repeat(64))),
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_out_ends_the_session_and_clears_the_cookie() {
    let app = TestApp::with_team().await;
    let cookie = app.sign_in("ffion").await;
    let res = app.post_raw("/api/auth/sign-out", "", Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert!(res.header("set-cookie").unwrap().contains("Max-Age=0"));
    let after = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn an_expired_session_is_not_signed_in() {
    let app = TestApp::with_config(|c| c.session_ttl = std::time::Duration::ZERO).await;
    app.add_user("ffion", Role::Worker, None).await;
    let cookie = app.sign_in("ffion").await;
    let res = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_eleventh_sign_in_attempt_within_minutes_is_rate_limited() {
    let app = TestApp::with_team().await;
    for _ in 0..10 {
        let res = app.sign_in_response("ffion", "guess").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let res = app.sign_in_response("ffion", PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.error_code(), "rate_limited");
    assert!(res.header("retry-after").is_some());
    // another user is not affected
    let other = app.sign_in_response("dylan", PASSWORD).await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn a_sign_in_body_that_is_not_a_sign_in_is_a_400_json_error() {
    let app = TestApp::with_team().await;
    for body in [
        r#"{"username":"ffion"}"#,
        r#"{"username":"ffion","password":"x","admin":true}"#,
        r#"{"username":1,"password":"x"}"#,
        "not json",
    ] {
        let res = app.post_raw("/api/auth/sign-in", body, None).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(res.error_code(), "bad_request");
    }
}
