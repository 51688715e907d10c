mod common;

use axum::http::StatusCode;
use common::TestApp;
use homeward_server::web::CONTENT_SECURITY_POLICY;

const INDEX: &str = "<!doctype html><title>Homeward</title>";

async fn app_with_dist() -> TestApp {
    let app = TestApp::new().await;
    app.dist_file("index.html", INDEX);
    app.dist_file("sw.js", "self.addEventListener('fetch', () => {});");
    app.dist_file("manifest.webmanifest", "{}");
    app.dist_file("homeward-9f86d081884c7d65_bg.wasm", "wasm");
    app.dist_file("icons/icon-192.png", "png");
    app.dist_file("boot.js", "import('/x.js');");
    app
}

#[tokio::test]
async fn health_says_ok() {
    let app = TestApp::new().await;
    let res = app.get("/api/health", None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.value(), serde_json::json!({"ok": true}));
}

#[tokio::test]
async fn a_deep_link_gets_the_app_shell_uncached() {
    let app = app_with_dist().await;
    for path in ["/cases/123", "/", "/index.html", "/cases/123/edit"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(res.text(), INDEX, "{path}");
        assert_eq!(res.header("cache-control"), Some("no-cache"), "{path}");
    }
}

#[tokio::test]
async fn hashed_files_are_cached_for_a_year_and_every_other_file_is_revalidated() {
    let app = app_with_dist().await;
    for path in ["/sw.js", "/manifest.webmanifest"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.header("cache-control"), Some("no-cache"), "{path}");
    }
    let wasm = app.get("/homeward-9f86d081884c7d65_bg.wasm", None).await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert!(wasm.header("cache-control").unwrap().contains("immutable"));
    for path in ["/icons/icon-192.png", "/boot.js"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(res.header("cache-control"), Some("no-cache"), "{path}");
    }
}

#[tokio::test]
async fn a_missing_file_is_a_404_not_the_app_shell() {
    let app = app_with_dist().await;
    let res = app.get("/missing-1234.js", None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_unknown_api_path_is_a_404_json_error() {
    let app = app_with_dist().await;
    for path in ["/api/nope", "/api/", "/api", "/api/sync/nothing"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.error_code(), "not_found", "{path}");
    }
}

#[tokio::test]
async fn a_wrong_method_on_an_api_path_is_a_405_json_error() {
    let app = TestApp::new().await;
    let res = app.get("/api/sync/push", None).await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.error_code(), "bad_request");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = app_with_dist().await;
    for path in [
        "/",
        "/cases/1",
        "/sw.js",
        "/api/health",
        "/api/nope",
        "/api/auth/me",
    ] {
        let res = app.get(path, None).await;
        assert_eq!(
            res.header("content-security-policy"),
            Some(CONTENT_SECURITY_POLICY),
            "{path}"
        );
        assert_eq!(
            res.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(res.header("referrer-policy"), Some("no-referrer"), "{path}");
    }
    assert!(CONTENT_SECURITY_POLICY.contains("script-src 'self' 'wasm-unsafe-eval';"));
    assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
}

#[tokio::test]
async fn api_answers_are_never_cached() {
    let app = TestApp::new().await;
    let res = app.get("/api/health", None).await;
    assert_eq!(res.header("cache-control"), Some("no-store"));
}
