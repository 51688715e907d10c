//! The `homeward-server` command itself, run as a process.
mod common;

use common::{new_case, TestApp, TestDb};
use homeward_core::api::Role;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;

fn server() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_homeward-server"));
    cmd.env_remove("DATABASE_URL").env("RUST_LOG", "warn");
    cmd
}

/// `homeward-server` on the test's database.
fn server_on(db: &TestDb) -> Command {
    let mut cmd = server();
    cmd.env("DATABASE_URL", &db.url);
    cmd
}

fn run_with_stdin(mut cmd: Command, input: &str) -> (bool, String, String) {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Starts `serve` on a free port and returns the child and the first line it printed.
fn start(mut cmd: Command) -> (Child, String) {
    let mut child = cmd
        .args(["--addr", "127.0.0.1:0", "--dist", "/nonexistent"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().to_string())
}

fn url_of(banner: &str) -> String {
    let start = banner.find("http://").expect("a URL in the banner");
    banner[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

fn http_get(url: &str, path: &str) -> String {
    let host = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn help_lists_the_commands_and_the_serve_options() {
    let out = server().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for word in ["serve", "user", "case", "DATABASE_URL"] {
        assert!(help.contains(word), "{word} missing from:\n{help}");
    }
    let out = server().args(["serve", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--addr",
        "--data-dir",
        "--dist",
        "--demo",
        "--secure-cookies",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

#[tokio::test]
async fn user_add_reads_the_password_from_stdin_and_the_user_can_sign_in() {
    let db = TestDb::fresh().await;
    let mut cmd = server_on(&db);
    cmd.args([
        "user",
        "add",
        "--username",
        "Gwen",
        "--display-name",
        "Gwen Price",
        "--role",
        "manager",
        "--team",
        "north",
    ]);
    let (ok, stdout, stderr) = run_with_stdin(cmd, "three random words\n");
    assert!(ok, "{stderr}");
    assert!(stdout.contains("gwen"), "{stdout}");

    let app = TestApp::on(db, |_| {}).await;
    let res = app.sign_in_response("gwen", "three random words").await;
    assert_eq!(res.status, axum::http::StatusCode::OK, "{}", res.text());
    assert_eq!(res.json::<homeward_core::api::Me>().role, Role::Manager);
}

#[tokio::test]
async fn user_add_refuses_a_short_password_and_a_taken_name() {
    let db = TestDb::fresh().await;
    let add = |db: &TestDb| {
        let mut cmd = server_on(db);
        cmd.args([
            "user",
            "add",
            "--username",
            "gwen",
            "--display-name",
            "Gwen",
            "--role",
            "worker",
        ]);
        cmd
    };
    let (ok, _, stderr) = run_with_stdin(add(&db), "short\n");
    assert!(!ok);
    assert!(stderr.contains("at least 12 characters"), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
    let (ok, _, _) = run_with_stdin(add(&db), "a long enough password\n");
    assert!(ok);
    let (ok, _, stderr) = run_with_stdin(add(&db), "a long enough password\n");
    assert!(!ok);
    assert!(stderr.contains("already a user called 'gwen'"), "{stderr}");
}

#[tokio::test]
async fn case_assign_moves_a_case_onto_another_caseload() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    app.push(&ffion, new_case("ffion", case, "Cerys", "2017-06-01", ""))
        .await;

    let mut cmd = server_on(&app.db);
    cmd.args([
        "case",
        "assign",
        "--case",
        &case.to_string(),
        "--username",
        "dylan",
    ]);
    let (ok, _, stderr) = run_with_stdin(cmd, "");
    assert!(ok, "{stderr}");

    let dylan = app.sign_in("dylan").await;
    assert_eq!(app.pull(&dylan, 0).await.changes.len(), 3);
    assert!(app.pull(&ffion, 0).await.changes.is_empty());
    assert_eq!(app.audit("assign").await.len(), 1);

    let mut cmd = server_on(&app.db);
    cmd.args([
        "case",
        "assign",
        "--case",
        &Uuid::nil().to_string(),
        "--username",
        "dylan",
    ]);
    let (ok, _, stderr) = run_with_stdin(cmd, "");
    assert!(!ok);
    assert!(stderr.contains("no case with id"), "{stderr}");
}

#[tokio::test]
async fn serve_demo_prints_the_sign_ins_and_a_second_start_keeps_the_data() {
    let db = TestDb::fresh().await;
    let mut cmd = server_on(&db);
    cmd.arg("serve").arg("--demo");
    let (mut first, banner) = start(cmd);
    assert!(
        banner.contains("demo sign-in: ffion / homeward-demo (worker), dylan / homeward-demo (worker), megan / homeward-demo (team manager)"),
        "{banner}"
    );
    let health = http_get(&url_of(&banner), "/api/health");
    assert!(health.ends_with(r#"{"ok":true}"#), "{health}");
    first.kill().unwrap();
    first.wait().unwrap();

    let began = Instant::now();
    let mut cmd = server_on(&db);
    cmd.arg("serve").arg("--demo");
    let (mut second, banner) = start(cmd);
    assert!(
        banner.starts_with("Homeward is running at http://127.0.0.1:"),
        "{banner}"
    );
    assert!(
        began.elapsed() < Duration::from_secs(10),
        "restart took {:?}",
        began.elapsed()
    );
    second.kill().unwrap();
    second.wait().unwrap();

    let app = TestApp::on(db, |_| {}).await;
    assert_eq!(app.count("users").await, 3);
    assert_eq!(app.count("cases").await, 6);
}

#[tokio::test]
async fn serve_without_demo_seeds_nothing() {
    let db = TestDb::fresh().await;
    let mut cmd = server_on(&db);
    cmd.arg("serve");
    let (mut child, banner) = start(cmd);
    assert!(!banner.contains("demo"), "{banner}");
    child.kill().unwrap();
    child.wait().unwrap();
    let app = TestApp::on(db, |_| {}).await;
    assert_eq!(app.count("users").await, 0);
}

#[test]
fn without_database_url_the_database_is_a_file_in_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    let mut cmd = server();
    cmd.arg("--data-dir").arg(&data).args([
        "user",
        "add",
        "--username",
        "gwen",
        "--display-name",
        "Gwen",
        "--role",
        "worker",
    ]);
    let (ok, _, stderr) = run_with_stdin(cmd, "a long enough password\n");
    assert!(ok, "{stderr}");
    assert!(data.join("homeward.db").is_file());
}

#[tokio::test]
async fn device_list_and_revoke_from_the_command_line() {
    let app = TestApp::with_team().await;
    let device = Uuid::now_v7();
    let res = app
        .post_json(
            "/api/auth/sign-in",
            &serde_json::json!({ "username": "ffion", "password": common::PASSWORD, "device_id": device }),
            None,
        )
        .await;
    assert_eq!(res.status, axum::http::StatusCode::OK);

    let mut cmd = server_on(&app.db);
    cmd.args(["device", "list", "--username", "ffion"]);
    let (ok, stdout, stderr) = run_with_stdin(cmd, "");
    assert!(ok, "{stderr}");
    let row: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(row["device_id"], device.to_string());
    assert_eq!(row["revoked_at"], serde_json::Value::Null);
    assert!(!stdout.contains("data_key"), "the key is never printed");

    let mut cmd = server_on(&app.db);
    cmd.args([
        "device",
        "revoke",
        "--device",
        &device.to_string(),
        "--by",
        "megan",
    ]);
    let (ok, stdout, stderr) = run_with_stdin(cmd, "");
    assert!(ok, "{stderr}");
    assert!(stdout.contains("revoked"), "{stdout}");
    assert!(homeward_server::devices::is_revoked(&app.state.db, device)
        .await
        .unwrap());

    let mut cmd = server_on(&app.db);
    cmd.args(["device", "revoke", "--device", &Uuid::nil().to_string()]);
    let (ok, _, stderr) = run_with_stdin(cmd, "");
    assert!(!ok);
    assert!(stderr.contains("there is no device"), "{stderr}");
}
