//! Shared test helpers: an app on a fresh database (a temporary SQLite file, or a fresh schema of
//! the PostgreSQL at `TEST_DATABASE_URL`), driven through the router with `oneshot`.
#![allow(dead_code)]

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use homeward_core::api::Role;
use homeward_core::sync::{Change, Entity, PullResponse, PushRequest, PushResponse};
use homeward_core::Hlc;
use homeward_server::db::Db;
use homeward_server::password::Passwords;
use homeward_server::users::{self, NewUser};
use homeward_server::{app, AppState, Config};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;
use uuid::Uuid;

pub const PASSWORD: &str = "a long test password";

/// A database of its own for one test.
pub struct TestDb {
    pub url: String,
    _dir: TempDir,
}

impl TestDb {
    pub async fn fresh() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = match std::env::var("TEST_DATABASE_URL") {
            Ok(base) if base.starts_with("postgres") => fresh_postgres_schema(&base).await,
            _ => homeward_server::db::database_url(None, &dir.path().join("data"))
                .expect("sqlite url"),
        };
        TestDb { url, _dir: dir }
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }
}

/// Creates an empty schema and returns a URL whose connections use it, so tests run in parallel
/// on one PostgreSQL without seeing each other.
async fn fresh_postgres_schema(base: &str) -> String {
    sqlx::any::install_default_drivers();
    let schema = format!("t_{}", Uuid::new_v4().simple());
    let admin = sqlx::AnyPool::connect(base)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .expect("create schema");
    admin.close().await;
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}options=-c%20search_path%3D{schema}")
}

/// A response, read whole.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not the expected JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn value(&self) -> Value {
        self.json()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `code` of a JSON error body.
    pub fn error_code(&self) -> String {
        self.value()["error"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("not an error body: {}", self.text()))
            .to_string()
    }
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub db: TestDb,
    pub dist: TempDir,
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with_config(|_| {}).await
    }

    pub async fn with_config(edit: impl FnOnce(&mut Config)) -> TestApp {
        let db = TestDb::fresh().await;
        TestApp::on(db, edit).await
    }

    pub async fn on(db: TestDb, edit: impl FnOnce(&mut Config)) -> TestApp {
        let dist = tempfile::tempdir().expect("temp dist");
        let pool = Db::connect(&db.url).await.expect("connect and migrate");
        let mut config = Config::new(dist.path());
        edit(&mut config);
        let state = AppState::new(pool, config, Passwords::insecure_fast_for_tests());
        TestApp {
            router: app(state.clone()),
            state,
            db,
            dist,
        }
    }

    /// An app with the team of the demo: ffion and dylan (workers, north), megan (manager,
    /// north), and sam (manager, south).
    pub async fn with_team() -> TestApp {
        let app = TestApp::new().await;
        app.add_user("ffion", Role::Worker, Some("north")).await;
        app.add_user("dylan", Role::Worker, Some("north")).await;
        app.add_user("megan", Role::Manager, Some("north")).await;
        app.add_user("sam", Role::Manager, Some("south")).await;
        app
    }

    pub async fn add_user(&self, username: &str, role: Role, team: Option<&str>) {
        let new = NewUser::parse(username, &format!("{username} Test"), role, team).unwrap();
        users::add(&self.state.db, &self.state.passwords, &new, PASSWORD)
            .await
            .unwrap();
    }

    pub async fn request(&self, req: Request<Body>) -> TestResponse {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// POSTs `body` as-is with `Content-Type: application/json`.
    pub async fn post_raw(
        &self,
        path: &str,
        body: impl Into<Body>,
        cookie: Option<&str>,
    ) -> TestResponse {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.request(req.body(body.into()).unwrap()).await
    }

    pub async fn post_json(
        &self,
        path: &str,
        body: &impl serde::Serialize,
        cookie: Option<&str>,
    ) -> TestResponse {
        self.post_raw(path, serde_json::to_vec(body).unwrap(), cookie)
            .await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let mut req = Request::builder().uri(path);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.request(req.body(Body::empty()).unwrap()).await
    }

    pub async fn sign_in_response(&self, username: &str, password: &str) -> TestResponse {
        self.post_json(
            "/api/auth/sign-in",
            &serde_json::json!({ "username": username, "password": password }),
            None,
        )
        .await
    }

    /// Signs in and returns the `Cookie` header value for the session.
    pub async fn sign_in(&self, username: &str) -> String {
        let res = self.sign_in_response(username, PASSWORD).await;
        assert_eq!(res.status, StatusCode::OK, "sign-in failed: {}", res.text());
        let set_cookie = res.header("set-cookie").expect("a session cookie");
        set_cookie.split(';').next().unwrap().to_string()
    }

    pub async fn push_response(&self, cookie: &str, changes: Vec<Change>) -> TestResponse {
        let body = PushRequest {
            device_id: Uuid::from_u128(0xD),
            changes,
        };
        self.post_json("/api/sync/push", &body, Some(cookie)).await
    }

    pub async fn push(&self, cookie: &str, changes: Vec<Change>) -> PushResponse {
        let res = self.push_response(cookie, changes).await;
        assert_eq!(res.status, StatusCode::OK, "push failed: {}", res.text());
        res.json()
    }

    /// Pushes ffion's new case (Cerys) as her device would, and returns its id.
    pub async fn push_new_case(&self, cookie: &str) -> Uuid {
        let case_id = Uuid::now_v7();
        self.push(
            cookie,
            new_case("ffion", case_id, "Cerys", "2017-06-01", ""),
        )
        .await;
        case_id
    }

    pub async fn pull(&self, cookie: &str, since: i64) -> PullResponse {
        let res = self
            .get(&format!("/api/sync/pull?since={since}"), Some(cookie))
            .await;
        assert_eq!(res.status, StatusCode::OK, "pull failed: {}", res.text());
        res.json()
    }

    /// Rows in a table.
    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap();
        n
    }

    /// Rows of the audit log with this action, as (username, case_id, detail).
    pub async fn audit(&self, action: &str) -> Vec<(String, Option<String>, String)> {
        sqlx::query_as("SELECT username, case_id, detail FROM audit WHERE action = $1 ORDER BY id")
            .bind(action)
            .fetch_all(&self.state.db.pool)
            .await
            .unwrap()
    }

    /// Writes a file into the app's dist directory.
    pub fn dist_file(&self, name: &str, content: &str) {
        let path = self.dist.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
}

/// The device id of a clock node in tests: each node name is its own device.
pub fn device(node: &str) -> Uuid {
    // FNV-1a: stable, and different for the handful of names tests use.
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for b in node.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000000001000000000000000000013B);
    }
    Uuid::from_u128(h)
}

/// A change to a case's own record, stamped on `node` at `wall` ms, from `node`'s device.
pub fn case_change(
    user: &str,
    case_id: Uuid,
    field: &str,
    value: Value,
    wall: u64,
    node: &str,
) -> Change {
    Change {
        change_id: Uuid::now_v7(),
        device_id: device(node),
        user: user.to_string(),
        case_id,
        entity: Entity::Case,
        entity_id: case_id,
        field: field.to_string(),
        value,
        hlc: Hlc::zero(node).tick(wall),
        base: 0,
    }
}

/// The three changes that open a case.
pub fn new_case(user: &str, case_id: Uuid, name: &str, dob: &str, note: &str) -> Vec<Change> {
    vec![
        case_change(
            user,
            case_id,
            "child_name",
            Value::from(name),
            1_000,
            "tab1",
        ),
        case_change(
            user,
            case_id,
            "date_of_birth",
            Value::from(dob),
            1_001,
            "tab1",
        ),
        case_change(user, case_id, "note", Value::from(note), 1_002, "tab1"),
    ]
}

pub mod device;
