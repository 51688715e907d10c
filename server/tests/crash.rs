//! The real server process killed (SIGKILL) while a large push is in flight, then started again
//! on the same database: after the device sends the same push again, every change is there
//! exactly once. A push is one transaction, and a change id is applied at most once.

mod common;

use common::{case_change, TestApp};
use homeward_core::sync::{ChangeOutcome, PullResponse, PushRequest, PushResponse};
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use uuid::Uuid;

/// The built server, serving on a free port of 127.0.0.1; killed when dropped.
struct Server {
    child: Child,
    host: String,
}

impl Server {
    fn start(url: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_homeward-server"))
            .env("DATABASE_URL", url)
            .env("RUST_LOG", "error")
            .args(["serve", "--addr", "127.0.0.1:0", "--dist", "/nonexistent"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start homeward-server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let host = line
            .split("http://")
            .nth(1)
            .expect("the address in the banner")
            .trim()
            .to_string();
        Server { child, host }
    }

    /// SIGKILL: no graceful shutdown, no chance to finish or roll back cleanly.
    fn kill(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn request_head(host: &str, method: &str, path: &str, cookie: Option<&str>, len: usize) -> String {
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: {c}\r\n"));
    format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{cookie}\
         Content-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
    )
}

/// One HTTP/1.1 exchange; `None` when the connection broke before a whole answer came.
fn http(
    host: &str,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &[u8],
) -> Option<(u16, String, Vec<u8>)> {
    let mut s = TcpStream::connect(host).ok()?;
    s.write_all(request_head(host, method, path, cookie, body.len()).as_bytes())
        .ok()?;
    s.write_all(body).ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, head, raw[split + 4..].to_vec()))
}

fn sign_in(host: &str) -> String {
    let body = json!({"username": "ffion", "password": common::PASSWORD}).to_string();
    let (status, head, _) = http(host, "POST", "/api/auth/sign-in", None, body.as_bytes()).unwrap();
    assert_eq!(status, 200);
    let line = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .expect("a session cookie");
    line["set-cookie:".len()..]
        .trim()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// A large push: many new cases with long notes, from one device.
fn large_push(device: Uuid) -> PushRequest {
    let changes = (0..300u64)
        .flat_map(|i| {
            let case = Uuid::now_v7();
            let mut name = case_change(
                "ffion",
                case,
                "child_name",
                json!(format!("Child {i}")),
                1_000 + i,
                "tab",
            );
            let mut note = case_change(
                "ffion",
                case,
                "note",
                json!(format!("{i} {}", "words ".repeat(2_000))),
                1_000 + i,
                "tab",
            );
            name.device_id = device;
            note.device_id = device;
            [name, note]
        })
        .collect();
    PushRequest {
        device_id: device,
        changes,
    }
}

async fn logged(app: &TestApp, push: &PushRequest) -> usize {
    let mut n = 0;
    for c in &push.changes {
        let (k,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM changes WHERE change_id = $1")
            .bind(c.change_id.to_string())
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert!(k <= 1, "change {} stored {k} times", c.change_id);
        n += k as usize;
    }
    n
}

#[tokio::test]
async fn a_server_killed_mid_push_loses_nothing_and_duplicates_nothing_after_the_device_retries() {
    let app = TestApp::with_team().await;
    let device = Uuid::now_v7();
    let before = app.count("changes").await;
    let mut total = 0usize;
    // Killed while the body is still arriving, right after it arrived, and a little later
    // (while the transaction runs or just after it committed).
    for (round, (partial, delay_ms)) in [
        (true, 50u64),
        (false, 0),
        (false, 30),
        (false, 150),
        (false, 300),
        (false, 600),
    ]
    .into_iter()
    .enumerate()
    {
        let mut server = Server::start(&app.db.url);
        let cookie = sign_in(&server.host);
        let push = large_push(device);
        let body = serde_json::to_vec(&push).unwrap();
        assert!(body.len() > 3_000_000, "a large body");

        let mut s = TcpStream::connect(&server.host).unwrap();
        s.write_all(
            request_head(
                &server.host,
                "POST",
                "/api/sync/push",
                Some(&cookie),
                body.len(),
            )
            .as_bytes(),
        )
        .unwrap();
        if partial {
            s.write_all(&body[..body.len() / 2]).unwrap();
        } else {
            s.write_all(&body).unwrap();
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        server.kill();
        // The device got no answer (or a broken one): its outbox still holds the push.
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        let whole = String::from_utf8_lossy(&answer).contains("\"results\"");
        let stored = logged(&app, &push).await;
        assert!(
            stored == 0 || stored == push.changes.len(),
            "round {round}: a push is all or nothing, got {stored}"
        );
        eprintln!(
            "round {round}: answered {whole}, {stored} of {} stored before the retry",
            push.changes.len()
        );

        let server = Server::start(&app.db.url);
        let cookie = sign_in(&server.host);
        let (status, _, reply) =
            http(&server.host, "POST", "/api/sync/push", Some(&cookie), &body).unwrap();
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&reply));
        let reply: PushResponse = serde_json::from_slice(&reply).unwrap();
        assert_eq!(reply.results.len(), push.changes.len());
        assert!(reply
            .results
            .iter()
            .all(|r| matches!(r.outcome, ChangeOutcome::Applied { .. })));
        assert_eq!(
            logged(&app, &push).await,
            push.changes.len(),
            "round {round}"
        );
        total += push.changes.len();
        assert_eq!(app.count("changes").await, before + total as i64);

        // Every note is there, once, on pull.
        let mut since = 0;
        let mut notes = 0;
        loop {
            let (status, _, page) = http(
                &server.host,
                "GET",
                &format!("/api/sync/pull?since={since}"),
                Some(&cookie),
                b"",
            )
            .unwrap();
            assert_eq!(status, 200);
            let page: PullResponse = serde_json::from_slice(&page).unwrap();
            notes += page
                .changes
                .iter()
                .filter(|p| {
                    push.changes
                        .iter()
                        .any(|c| c.change_id == p.change.change_id)
                })
                .count();
            since = page.cursor;
            if !page.more {
                break;
            }
        }
        assert_eq!(notes, push.changes.len());
    }
}
