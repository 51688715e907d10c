//! Drawings, recordings and signatures: the record is pushed as a change, the bytes are uploaded
//! once to `PUT /api/cases/{case}/blobs/{sha256}` and read back by whoever may read the case.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{case_change, new_case, TestApp, TestResponse};
use homeward_core::attachment::{Attachment, MAX_ATTACHMENT_BYTES};
use homeward_core::entities::DATA;
use homeward_core::sync::{Change, ChangeOutcome, Entity};
use homeward_core::Hlc;
use uuid::Uuid;

const DRAWING: &[u8] = b"\x89PNG\r\n\x1a\n a child's drawing of two houses";

fn attachment_change(user: &str, case_id: Uuid, a: &Attachment) -> Change {
    Change {
        entity: Entity::Attachment,
        entity_id: a.id,
        field: DATA.to_string(),
        value: serde_json::to_value(a).unwrap(),
        hlc: Hlc::zero("tab1").tick(5_000),
        ..case_change(user, case_id, "note", serde_json::json!(""), 5_000, "tab1")
    }
}

fn blob_path(case_id: Uuid, sha256: &str) -> String {
    format!("/api/cases/{case_id}/blobs/{sha256}")
}

async fn put(app: &TestApp, cookie: &str, path: &str, body: impl Into<Body>) -> TestResponse {
    let req = Request::builder()
        .method(Method::PUT)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(header::COOKIE, cookie)
        .body(body.into())
        .unwrap();
    app.request(req).await
}

/// Ffion's case with a drawing's record pushed (not its bytes yet).
async fn case_with_drawing(app: &TestApp, cookie: &str) -> (Uuid, Attachment) {
    let case_id = Uuid::now_v7();
    let a = Attachment::describe(Uuid::now_v7(), "image/png", DRAWING).unwrap();
    let mut changes = new_case("ffion", case_id, "Cerys", "2015-03-02", "");
    changes.push(attachment_change("ffion", case_id, &a));
    let reply = app.push(cookie, changes).await;
    assert!(reply
        .results
        .iter()
        .all(|r| matches!(r.outcome, ChangeOutcome::Applied { .. })));
    (case_id, a)
}

#[tokio::test]
async fn a_drawing_uploaded_twice_is_stored_once_and_read_back_byte_for_byte() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let (case_id, a) = case_with_drawing(&app, &ffion).await;
    let path = blob_path(case_id, &a.sha256);

    let first = put(&app, &ffion, &path, DRAWING).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    // The reply was lost; the device sends it again.
    let again = put(&app, &ffion, &path, DRAWING).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(app.count("blobs").await, 1);

    let read = app.get(&path, Some(&ffion)).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(&read.body[..], DRAWING);
    assert_eq!(read.header("content-type"), Some("image/png"));
    assert_eq!(read.header("cache-control"), Some("no-store"));

    // Their manager reads it too; the audit says who uploaded and who read.
    let megan = app.sign_in("megan").await;
    assert_eq!(app.get(&path, Some(&megan)).await.status, StatusCode::OK);
    let uploads = app.audit("upload").await;
    assert_eq!(uploads.len(), 2);
    assert!(uploads[0].2.contains(&a.sha256) && uploads[1].2.contains("already held"));
    let reads: Vec<String> = app
        .audit("download")
        .await
        .into_iter()
        .map(|(who, _, _)| who)
        .collect();
    assert_eq!(reads, ["ffion", "megan"]);
}

#[tokio::test]
async fn bytes_that_are_not_what_the_record_describes_are_refused_and_nothing_is_stored() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let (case_id, a) = case_with_drawing(&app, &ffion).await;

    // Other bytes at the drawing's address.
    let wrong = put(
        &app,
        &ffion,
        &blob_path(case_id, &a.sha256),
        &b"something else"[..],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.error_code(), "validation");

    // Content no record of the case names, at its own correct address.
    let other = Attachment::describe(Uuid::now_v7(), "image/png", b"unrelated").unwrap();
    let stray = put(
        &app,
        &ffion,
        &blob_path(case_id, &other.sha256),
        &b"unrelated"[..],
    )
    .await;
    assert_eq!(stray.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        stray.text().contains("send its record first"),
        "{}",
        stray.text()
    );

    // Not a sha256 at all.
    let bad = put(&app, &ffion, &blob_path(case_id, "..%2F..%2Fetc"), DRAWING).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.error_code(), "bad_request");

    assert_eq!(app.count("blobs").await, 0);
    assert_eq!(app.audit("rejected").await.len(), 2);
    // Not uploaded yet: a plain 404, which the device takes as "try later".
    let missing = app.get(&blob_path(case_id, &a.sha256), Some(&ffion)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "not_found");
}

#[tokio::test]
async fn an_upload_larger_than_the_limit_is_refused_before_it_is_stored() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let (case_id, a) = case_with_drawing(&app, &ffion).await;
    let huge = vec![7u8; MAX_ATTACHMENT_BYTES + 1];
    let res = put(&app, &ffion, &blob_path(case_id, &a.sha256), huge).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(res.error_code(), "too_large");
    assert_eq!(app.count("blobs").await, 0);
}

#[tokio::test]
async fn another_worker_can_neither_upload_to_nor_read_a_case_that_is_not_theirs() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let (case_id, a) = case_with_drawing(&app, &ffion).await;
    let path = blob_path(case_id, &a.sha256);
    assert_eq!(
        put(&app, &ffion, &path, DRAWING).await.status,
        StatusCode::CREATED
    );

    let dylan = app.sign_in("dylan").await;
    let sam = app.sign_in("sam").await;
    for cookie in [&dylan, &sam] {
        let read = app.get(&path, Some(cookie)).await;
        assert_eq!(read.status, StatusCode::FORBIDDEN);
        assert!(!read.text().contains("PNG"));
        let write = put(&app, cookie, &path, DRAWING).await;
        assert_eq!(write.status, StatusCode::FORBIDDEN);
    }
    // A guessed case id gets the same answer as a real one that is not yours.
    let guessed = app
        .get(&blob_path(Uuid::now_v7(), &a.sha256), Some(&dylan))
        .await;
    assert_eq!(guessed.status, StatusCode::FORBIDDEN);
    let refused = app.audit("refused").await;
    assert_eq!(refused.len(), 5, "{refused:?}");
    assert!(refused.iter().all(|(_, _, d)| d.contains("no access")));
    // Signed out: no access at all.
    assert_eq!(app.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_record_carrying_the_bytes_inline_is_refused_with_its_reason() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case_id = Uuid::now_v7();
    let a = Attachment::describe(Uuid::now_v7(), "image/png", DRAWING).unwrap();
    let mut change = attachment_change("ffion", case_id, &a);
    change.value["data"] = serde_json::json!("iVBORw0KGgo=");
    let mut changes = new_case("ffion", case_id, "Cerys", "2015-03-02", "");
    changes.push(change);
    let reply = app.push(&ffion, changes).await;
    match &reply.results[3].outcome {
        ChangeOutcome::Rejected { reason } => assert!(reason.contains("data"), "{reason}"),
        other => panic!("expected a rejection, got {other:?}"),
    }
}
