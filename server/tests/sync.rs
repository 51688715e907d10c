mod common;

use axum::http::StatusCode;
use common::{case_change, new_case, TestApp};
use homeward_core::record::Record;
use homeward_core::sync::{
    ChangeOutcome, Entity, PullResponse, MAX_PULL_CHANGES, MAX_PUSH_CHANGES,
};
use serde_json::{json, Value};
use uuid::Uuid;

fn outcomes(res: &homeward_core::sync::PushResponse) -> Vec<&'static str> {
    res.results
        .iter()
        .map(|r| match r.outcome {
            ChangeOutcome::Applied { .. } => "applied",
            ChangeOutcome::Superseded { .. } => "superseded",
            ChangeOutcome::Conflict { .. } => "conflict",
            ChangeOutcome::Rejected { .. } => "rejected",
        })
        .collect()
}

fn reason(res: &homeward_core::sync::PushResponse, i: usize) -> &str {
    match &res.results[i].outcome {
        ChangeOutcome::Rejected { reason } => reason,
        other => panic!("change {i} was not rejected: {other:?}"),
    }
}

/// The case records a pull builds on a device.
fn records(pull: &PullResponse) -> Vec<Record> {
    let mut records: Vec<Record> = Vec::new();
    for p in &pull.changes {
        let i = match records
            .iter()
            .position(|r| r.entity_id == p.change.entity_id)
        {
            Some(i) => i,
            None => {
                records.push(Record::new(
                    Entity::Case,
                    p.change.entity_id,
                    p.change.case_id,
                ));
                records.len() - 1
            }
        };
        records[i].apply_pulled(p.seq, p.conflict, &p.change);
    }
    records
}

#[tokio::test]
async fn a_pushed_case_comes_back_on_pull() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let pushed = app
        .push(
            &ffion,
            new_case("ffion", case, "Cerys", "2017-06-01", "First visit"),
        )
        .await;
    assert_eq!(outcomes(&pushed), ["applied", "applied", "applied"]);

    let pull = app.pull(&ffion, 0).await;
    assert_eq!(pull.changes.len(), 3);
    assert!(!pull.more);
    assert_eq!(pull.cursor, pull.changes[2].seq);
    let recs = records(&pull);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].text("child_name"), "Cerys");
    assert_eq!(recs[0].text("note"), "First visit");

    let again = app.pull(&ffion, pull.cursor).await;
    assert!(again.changes.is_empty());
    assert_eq!(again.cursor, pull.cursor);
}

#[tokio::test]
async fn a_second_session_of_the_same_worker_pulls_the_cases() {
    let app = TestApp::with_team().await;
    let tablet = app.sign_in("ffion").await;
    let laptop = app.sign_in("ffion").await;
    assert_ne!(tablet, laptop);
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    app.push(&tablet, new_case("ffion", a, "Cerys", "2017-06-01", ""))
        .await;
    app.push(
        &tablet,
        new_case("ffion", b, "Tomos", "2012-08-01", "offline"),
    )
    .await;

    let pull = app.pull(&laptop, 0).await;
    let mut names: Vec<String> = records(&pull)
        .iter()
        .map(|r| r.text("child_name").to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["Cerys", "Tomos"]);
}

#[tokio::test]
async fn an_empty_since_pulls_from_the_start() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    app.push(
        &ffion,
        new_case("ffion", Uuid::now_v7(), "Cerys", "2017-06-01", ""),
    )
    .await;
    for path in ["/api/sync/pull?since=", "/api/sync/pull"] {
        let res = app.get(path, Some(&ffion)).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(res.json::<PullResponse>().changes.len(), 3, "{path}");
    }
    let bad = app.get("/api/sync/pull?since=abc", Some(&ffion)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.error_code(), "bad_request");
}

#[tokio::test]
async fn pushing_the_same_changes_twice_applies_them_once() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let changes = new_case("ffion", Uuid::now_v7(), "Cerys", "2017-06-01", "note");
    let first = app.push(&ffion, changes.clone()).await;
    let logged = app.count("changes").await;
    let second = app.push(&ffion, changes).await;
    assert_eq!(first, second, "the same recorded outcome");
    assert_eq!(app.count("changes").await, logged);
    assert_eq!(app.pull(&ffion, 0).await.changes.len(), 3);
}

#[tokio::test]
async fn a_change_repeated_within_one_push_applies_once() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let c = case_change(
        "ffion",
        Uuid::now_v7(),
        "child_name",
        json!("Rhys"),
        5,
        "tab1",
    );
    let res = app.push(&ffion, vec![c.clone(), c]).await;
    assert_eq!(res.results[0], res.results[1]);
    assert_eq!(app.count("changes").await, 1);
}

#[tokio::test]
async fn a_reused_change_id_with_other_content_is_rejected() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let c = case_change("ffion", case, "child_name", json!("Rhys"), 5, "tab1");
    app.push(&ffion, vec![c.clone()]).await;
    let mut forged = c;
    forged.value = json!("Someone else");
    let res = app.push(&ffion, vec![forged]).await;
    assert_eq!(
        reason(&res, 0),
        "This change id was already used for a different change."
    );
    let recs = records(&app.pull(&ffion, 0).await);
    assert_eq!(recs[0].text("child_name"), "Rhys");
}

#[tokio::test]
async fn a_case_with_a_blank_name_or_a_future_birth_date_is_rejected_with_the_core_message() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let res = app
        .push(
            &ffion,
            vec![
                case_change("ffion", case, "child_name", json!("   "), 1, "tab1"),
                case_change(
                    "ffion",
                    case,
                    "date_of_birth",
                    json!("2999-01-01"),
                    2,
                    "tab1",
                ),
                case_change(
                    "ffion",
                    case,
                    "date_of_birth",
                    json!("yesterday"),
                    3,
                    "tab1",
                ),
                case_change("ffion", case, "password", json!("x"), 4, "tab1"),
                case_change("ffion", case, "note", json!(5), 5, "tab1"),
            ],
        )
        .await;
    assert_eq!(outcomes(&res), ["rejected"; 5]);
    assert_eq!(reason(&res, 0), "Enter the child's name.");
    assert_eq!(
        reason(&res, 1),
        "The date of birth cannot be in the future."
    );
    assert_eq!(
        reason(&res, 2),
        "The date of birth must be a date like 2016-04-30."
    );
    assert_eq!(
        reason(&res, 3),
        "This kind of record has no field called 'password'."
    );
    assert_eq!(
        reason(&res, 4),
        "The value of 'note' has the wrong type: text expected."
    );
    assert_eq!(app.count("changes").await, 0);
    assert_eq!(
        app.count("cases").await,
        0,
        "no case is opened by refused changes"
    );
    assert_eq!(app.audit("rejected").await.len(), 5);
}

#[tokio::test]
async fn a_malformed_push_body_is_a_400_json_error_and_stores_nothing() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let good = serde_json::to_value(new_case("ffion", case, "Cerys", "2017-06-01", "")).unwrap();
    let bodies: Vec<String> = vec![
        "{".into(),
        "".into(),
        "null".into(),
        "[]".into(),
        r#"{"device_id":"not a uuid","changes":[]}"#.into(),
        format!(r#"{{"device_id":"{case}"}}"#),
        // one good change next to a broken one: the whole push is refused, nothing stored
        json!({"device_id": case, "changes": [good[0], {"change_id": 5}]}).to_string(),
        json!({"device_id": case, "changes": [good[0], {"nonsense": true}]}).to_string(),
        // a clock stamp that is not one
        json!({"device_id": case, "changes": [
            {"change_id": case, "device_id": case, "user": "ffion", "case_id": case,
             "entity": "case", "entity_id": case, "field": "note", "value": "x",
             "hlc": "yesterday"}
        ]})
        .to_string(),
    ];
    for body in bodies {
        let res = app
            .post_raw("/api/sync/push", body.clone(), Some(&ffion))
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(res.error_code(), "bad_request", "{body}");
    }
    let invalid_utf8 = app
        .post_raw("/api/sync/push", vec![b'{', 0xff, 0xfe, b'}'], Some(&ffion))
        .await;
    assert_eq!(invalid_utf8.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("changes").await, 0);
    assert_eq!(app.count("cases").await, 0);
}

#[tokio::test]
async fn unknown_fields_in_a_push_are_a_400() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let mut change =
        serde_json::to_value(&new_case("ffion", case, "Cerys", "2017-06-01", "")[0]).unwrap();
    let top = json!({"device_id": case, "changes": [change.clone()], "admin": true});
    change["owner"] = json!("dylan");
    let inner = json!({"device_id": case, "changes": [change]});
    for body in [top, inner] {
        let res = app.post_json("/api/sync/push", &body, Some(&ffion)).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(res.error_code(), "bad_request");
        assert!(res.value()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field"));
    }
    assert_eq!(app.count("changes").await, 0);
}

#[tokio::test]
async fn a_push_that_is_not_json_is_a_400() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let req = axum::http::Request::post("/api/sync/push")
        .header("content-type", "text/plain")
        .header("cookie", &ffion)
        .body(axum::body::Body::from(r#"{"device_id":"x","changes":[]}"#))
        .unwrap();
    let res = app.request(req).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.error_code(), "bad_request");
}

#[tokio::test]
async fn a_push_body_over_the_limit_is_a_413_json_error() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let huge = format!(
        r#"{{"device_id":"{}","changes":[],"pad":"{}"}}"#,
        Uuid::nil(),
        "x".repeat(homeward_server::sync::PUSH_BODY_LIMIT)
    );
    let res = app.post_raw("/api/sync/push", huge, Some(&ffion)).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(res.error_code(), "too_large");
    assert_eq!(app.count("changes").await, 0);
}

#[tokio::test]
async fn a_push_with_too_many_changes_is_a_400() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let changes = (0..=MAX_PUSH_CHANGES as u64)
        .map(|i| case_change("ffion", case, "child_name", json!("Cerys"), i + 1, "tab1"))
        .collect();
    let res = app.push_response(&ffion, changes).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.error_code(), "bad_request");
    assert_eq!(app.count("changes").await, 0);
}

#[tokio::test]
async fn push_and_pull_need_a_signed_in_user() {
    let app = TestApp::with_team().await;
    let case = Uuid::now_v7();
    let body =
        json!({"device_id": case, "changes": new_case("ffion", case, "Cerys", "2017-06-01", "")});
    let push = app.post_json("/api/sync/push", &body, None).await;
    assert_eq!(push.status, StatusCode::UNAUTHORIZED);
    assert_eq!(push.error_code(), "unauthenticated");
    let pull = app.get("/api/sync/pull?since=0", None).await;
    assert_eq!(pull.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("changes").await, 0);
}

#[tokio::test]
async fn a_change_in_another_users_name_is_rejected_and_audited() {
    let app = TestApp::with_team().await;
    let dylan = app.sign_in("dylan").await;
    let res = app
        .push(
            &dylan,
            new_case("ffion", Uuid::now_v7(), "Cerys", "2017-06-01", ""),
        )
        .await;
    assert_eq!(outcomes(&res), ["rejected"; 3]);
    assert!(reason(&res, 0).contains("another user"));
    assert_eq!(app.count("changes").await, 0);
    assert_eq!(app.audit("refused").await.len(), 3);
}

#[tokio::test]
async fn another_worker_can_neither_pull_nor_change_ffions_case_and_every_attempt_is_audited() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let dylan = app.sign_in("dylan").await;
    let case = Uuid::now_v7();
    app.push(
        &ffion,
        new_case("ffion", case, "Cerys", "2017-06-01", "private"),
    )
    .await;

    let pull = app.pull(&dylan, 0).await;
    assert!(pull.changes.is_empty());
    assert_eq!(pull.cursor, 0);
    let forged_cursor = app.pull(&dylan, -5).await;
    assert!(forged_cursor.changes.is_empty());

    let attempt = app
        .push(
            &dylan,
            vec![case_change(
                "dylan",
                case,
                "note",
                json!("mine now"),
                9_999,
                "tab2",
            )],
        )
        .await;
    assert_eq!(reason(&attempt, 0), "You do not have access to this case.");
    let refused = app.audit("refused").await;
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].0, "dylan");
    assert_eq!(refused[0].1.as_deref(), Some(case.to_string().as_str()));

    let recs = records(&app.pull(&ffion, 0).await);
    assert_eq!(recs[0].text("note"), "private");
    assert!(app
        .audit("pull")
        .await
        .iter()
        .all(|(who, _, _)| who == "ffion"));
}

#[tokio::test]
async fn the_teams_manager_pulls_the_teams_cases_and_another_manager_does_not() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let dylan = app.sign_in("dylan").await;
    app.push(
        &ffion,
        new_case("ffion", Uuid::now_v7(), "Cerys", "2017-06-01", ""),
    )
    .await;
    app.push(
        &dylan,
        new_case("dylan", Uuid::now_v7(), "Lowri", "2010-03-01", ""),
    )
    .await;

    let megan = app.sign_in("megan").await;
    let mut names: Vec<String> = records(&app.pull(&megan, 0).await)
        .iter()
        .map(|r| r.text("child_name").to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["Cerys", "Lowri"]);
    let pulls = app.audit("pull").await;
    assert_eq!(
        pulls.iter().filter(|(who, _, _)| who == "megan").count(),
        2,
        "one per case"
    );

    let sam = app.sign_in("sam").await;
    assert!(app.pull(&sam, 0).await.changes.is_empty());
}

#[tokio::test]
async fn concurrent_text_edits_become_a_conflict_that_keeps_both_values() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let opened = app
        .push(
            &ffion,
            new_case("ffion", case, "Cerys", "2017-06-01", "start"),
        )
        .await;
    let ChangeOutcome::Applied { version } = opened.results[2].outcome else {
        panic!("note not applied")
    };

    // Two devices edit the note offline, both on the version they last saw.
    let mut tablet = case_change(
        "ffion",
        case,
        "note",
        json!("Tablet's words"),
        5_000,
        "tab1",
    );
    tablet.base = version;
    let mut phone = case_change(
        "ffion",
        case,
        "note",
        json!("Phone's words"),
        4_000,
        "phone",
    );
    phone.base = version;
    let first = app.push(&ffion, vec![tablet]).await;
    let second = app.push(&ffion, vec![phone]).await;
    assert_eq!(outcomes(&first), ["applied"]);
    assert_eq!(outcomes(&second), ["conflict"]);
    assert_eq!(app.count("conflicts").await, 1);

    let pull = app.pull(&ffion, 0).await;
    let recs = records(&pull);
    assert_eq!(recs[0].text("note"), "Tablet's words");
    assert!(recs[0].needs_review());
    assert_eq!(recs[0].alternatives[0].value, Value::from("Phone's words"));
    assert!(pull.changes.iter().any(|c| c.conflict));

    // The worker picks a text; that choice is a change made on the conflict's version.
    let ChangeOutcome::Conflict { version: seen } = second.results[0].outcome else {
        unreachable!()
    };
    let mut chosen = case_change("ffion", case, "note", json!("Both, merged"), 6_000, "tab1");
    chosen.base = seen;
    assert_eq!(outcomes(&app.push(&ffion, vec![chosen]).await), ["applied"]);
    let (open,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM conflicts WHERE resolved_by IS NULL")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(open, 0);
}

#[tokio::test]
async fn a_date_edited_on_two_devices_follows_the_later_clock_in_either_order() {
    for later_first in [true, false] {
        let app = TestApp::with_team().await;
        let ffion = app.sign_in("ffion").await;
        let case = Uuid::now_v7();
        app.push(&ffion, new_case("ffion", case, "Cerys", "2017-06-01", ""))
            .await;
        let earlier = case_change(
            "ffion",
            case,
            "date_of_birth",
            json!("2017-01-01"),
            5_000,
            "phone",
        );
        let later = case_change(
            "ffion",
            case,
            "date_of_birth",
            json!("2017-02-02"),
            6_000,
            "tab1",
        );
        let (a, b) = if later_first {
            (later, earlier)
        } else {
            (earlier, later)
        };
        let ra = app.push(&ffion, vec![a]).await;
        let rb = app.push(&ffion, vec![b]).await;
        if later_first {
            assert_eq!(
                (outcomes(&ra)[0], outcomes(&rb)[0]),
                ("applied", "superseded")
            );
        } else {
            assert_eq!((outcomes(&ra)[0], outcomes(&rb)[0]), ("applied", "applied"));
        }
        let recs = records(&app.pull(&ffion, 0).await);
        assert_eq!(recs[0].text("date_of_birth"), "2017-02-02");
        assert!(!recs[0].needs_review());
    }
}

#[tokio::test]
async fn a_long_history_is_pulled_in_pages() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let total = MAX_PULL_CHANGES + 5;
    let changes: Vec<_> = (0..total as u64)
        .map(|i| {
            case_change(
                "ffion",
                case,
                "child_name",
                json!(format!("Name {i}")),
                i + 1,
                "tab1",
            )
        })
        .collect();
    for chunk in changes.chunks(MAX_PUSH_CHANGES) {
        app.push(&ffion, chunk.to_vec()).await;
    }
    let first = app.pull(&ffion, 0).await;
    assert_eq!(first.changes.len(), MAX_PULL_CHANGES);
    assert!(first.more);
    let rest = app.pull(&ffion, first.cursor).await;
    assert_eq!(rest.changes.len(), 5);
    assert!(!rest.more);
    assert!(rest.changes.windows(2).all(|w| w[0].seq < w[1].seq));
}

#[tokio::test]
async fn a_record_cannot_be_moved_into_another_case_by_swapping_the_case_id() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let dylan = app.sign_in("dylan").await;
    let (ffions_case, dylans_case, another) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    app.push(
        &ffion,
        new_case("ffion", ffions_case, "Cerys", "2017-06-01", ""),
    )
    .await;
    let person = Uuid::now_v7();
    let mut tombstone = case_change("ffion", ffions_case, "deleted", json!(false), 2_000, "tab1");
    tombstone.entity = Entity::Person;
    tombstone.entity_id = person;
    assert_eq!(
        outcomes(&app.push(&ffion, vec![tombstone.clone()]).await),
        ["applied"]
    );

    let mut swapped = tombstone.clone();
    swapped.change_id = Uuid::now_v7();
    swapped.user = "dylan".into();
    swapped.case_id = dylans_case;
    swapped.value = json!(true);
    swapped.hlc = homeward_core::Hlc::zero("tab2").tick(3_000);
    let res = app.push(&dylan, vec![swapped]).await;
    assert_eq!(reason(&res, 0), "This record belongs to another case.");
    assert_eq!(
        app.count("cases").await,
        1,
        "no case is opened for a refused change"
    );

    let mut moved = tombstone;
    moved.change_id = Uuid::now_v7();
    moved.case_id = another;
    let res = app.push(&ffion, vec![moved]).await;
    assert_eq!(reason(&res, 0), "This record belongs to another case.");
    assert_eq!(app.audit("refused").await.len(), 2);
}

#[tokio::test]
async fn replaying_another_users_change_is_refused_before_anything_else() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let dylan = app.sign_in("dylan").await;
    let changes = new_case("ffion", Uuid::now_v7(), "Cerys", "2017-06-01", "");
    app.push(&ffion, changes.clone()).await;
    let res = app.push(&dylan, changes).await;
    assert_eq!(outcomes(&res), ["rejected"; 3]);
    assert!(reason(&res, 0).contains("another user"));
}

#[tokio::test]
async fn nul_characters_anywhere_in_a_push_are_handled_without_a_server_error() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let res = app
        .push(
            &ffion,
            vec![
                case_change("ffion", case, "bad\u{0}field", json!("x"), 1, "tab1"),
                case_change(
                    "ffion",
                    case,
                    "child_name",
                    json!("Nul\u{0}Name"),
                    2,
                    "tab1",
                ),
                case_change("ffion", case, "note", json!("a\u{0}b"), 3, "tab1"),
            ],
        )
        .await;
    assert_eq!(outcomes(&res), ["rejected", "applied", "applied"]);
    let recs = records(&app.pull(&ffion, 0).await);
    assert_eq!(recs[0].text("note"), "a\u{0}b");
    let signed = app.sign_in_response("nul\u{0}user", "x").await;
    assert_eq!(signed.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_conflict_and_its_resolution_within_one_push_are_decided_in_order() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let case = Uuid::now_v7();
    let opened = app
        .push(
            &ffion,
            new_case("ffion", case, "Cerys", "2017-06-01", "start"),
        )
        .await;
    let ChangeOutcome::Applied { version } = opened.results[2].outcome else {
        panic!("note not applied")
    };
    // In one push: two devices' concurrent edits of the note (the second conflicts with the
    // first, applied just before it in the same push), then the choice made on the conflict's
    // version (the log gives the changes of a push consecutive seqs), then the date twice.
    let mut tablet = case_change("ffion", case, "note", json!("Tablet's"), 5_000, "tab1");
    tablet.base = version;
    let mut phone = case_change("ffion", case, "note", json!("Phone's"), 4_000, "phone");
    phone.base = version;
    let mut chosen = case_change("ffion", case, "note", json!("Both"), 6_000, "tab1");
    chosen.base = version + 2;
    let later = case_change(
        "ffion",
        case,
        "date_of_birth",
        json!("2017-06-03"),
        7_000,
        "tab1",
    );
    let earlier = case_change(
        "ffion",
        case,
        "date_of_birth",
        json!("2017-06-02"),
        6_500,
        "phone",
    );
    let res = app
        .push(&ffion, vec![tablet, phone, chosen.clone(), later, earlier])
        .await;
    assert_eq!(
        outcomes(&res),
        ["applied", "conflict", "applied", "applied", "superseded"]
    );
    let versions: Vec<i64> = res
        .results
        .iter()
        .map(|r| match r.outcome {
            ChangeOutcome::Applied { version }
            | ChangeOutcome::Superseded { version }
            | ChangeOutcome::Conflict { version } => version,
            ChangeOutcome::Rejected { .. } => unreachable!(),
        })
        .collect();
    assert_eq!(versions, (version + 1..=version + 5).collect::<Vec<_>>());
    let resolved: Vec<(Option<String>,)> = sqlx::query_as("SELECT resolved_by FROM conflicts")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(resolved, [(Some(chosen.change_id.to_string()),)]);
    let recs = records(&app.pull(&ffion, 0).await);
    assert_eq!(recs[0].text("note"), "Both");
    let (pushes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit WHERE action = 'push'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(pushes, 8, "one audit row per change");
}

#[tokio::test]
async fn the_server_keeps_every_classification_and_refuses_one_without_its_rationale() {
    let app = TestApp::with_team().await;
    let cookie = app.sign_in("ffion").await;
    let case_id = app.push_new_case(&cookie).await;
    let id = Uuid::now_v7();
    let classification = |rationale: &str| {
        json!({
            "id": id, "kind": "initial",
            "answers": {"risk_factors": "not_being_addressed", "protective_factors": "apparent",
                        "capacity": "unable", "wish": "ambivalence", "recurrence": "strong"},
            "suggested": "high", "chosen": "severe", "rationale": rationale,
            "by": "ffion", "on": "2026-05-01", "sign_off": null
        })
    };
    let item = |field: &str, value: Value, wall: u64| {
        let mut c = case_change("ffion", case_id, field, value, wall, "tab");
        c.entity = Entity::Classification;
        c.entity_id = id;
        c
    };
    let res = app
        .push(
            &cookie,
            vec![
                item("data", classification(" "), 10),
                item("data", classification("Mother minimises the injuries."), 11),
                item("deleted", json!(true), 12),
            ],
        )
        .await;
    assert_eq!(outcomes(&res), ["rejected", "applied", "rejected"]);
    assert!(
        reason(&res, 0).contains("Write down why"),
        "{}",
        reason(&res, 0)
    );
    assert!(
        reason(&res, 2).contains("never deleted"),
        "{}",
        reason(&res, 2)
    );
}
