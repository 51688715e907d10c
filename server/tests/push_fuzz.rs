//! Whatever is posted to push, the server answers 2xx or 4xx, and stores only valid changes.
mod common;

use common::TestApp;
use homeward_core::sync::{check_value, ChangeOutcome, Entity, PushResponse};
use homeward_server::clock::latest_today;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};
use uuid::Uuid;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,40}",
        Just("'; DROP TABLE changes; --".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("\u{0}\u{feff}\u{202e}".to_string()),
        Just("ffion".to_string()),
        "20[0-3][0-9]-[01][0-9]-[0-3][0-9]",
        (1usize..300_000).prop_map(|n| "x".repeat(n)),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        hostile_string().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

const KEYS: [&str; 10] = [
    "change_id",
    "device_id",
    "user",
    "case_id",
    "entity",
    "entity_id",
    "field",
    "value",
    "hlc",
    "base",
];

#[derive(Debug, Clone)]
enum Mutation {
    Remove(usize),
    Replace(usize, Value),
    AddUnknown(String, Value),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..KEYS.len()).prop_map(Mutation::Remove),
        (0..KEYS.len(), arb_json()).prop_map(|(k, v)| Mutation::Replace(k, v)),
        ("[a-z]{1,8}", arb_json()).prop_map(|(k, v)| Mutation::AddUnknown(k, v)),
    ]
}

/// A change that is usually well formed (a valid or invalid case edit), sometimes mutated.
fn arb_change() -> impl Strategy<Value = Value> {
    let field = prop_oneof![
        Just("child_name".to_string()),
        Just("date_of_birth".to_string()),
        Just("note".to_string()),
        hostile_string(),
    ];
    let value = prop_oneof![hostile_string().prop_map(Value::from), arb_json()];
    (
        any::<u128>(),
        0u128..4,
        field,
        value,
        1u64..10_000,
        -3i64..10,
        vec(arb_mutation(), 0..2),
    )
        .prop_map(|(id, case, field, value, wall, base, mutations)| {
            let case_id = Uuid::from_u128(case + 1);
            let mut change = json!({
                "change_id": Uuid::from_u128(id),
                "device_id": Uuid::from_u128(7),
                "user": "ffion",
                "case_id": case_id,
                "entity": "case",
                "entity_id": case_id,
                "field": field,
                "value": value,
                "hlc": format!("{wall:015}-000000-fuzz"),
                "base": base,
            });
            let obj = change.as_object_mut().expect("an object");
            for m in mutations {
                match m {
                    Mutation::Remove(k) => {
                        obj.remove(KEYS[k]);
                    }
                    Mutation::Replace(k, v) => {
                        obj.insert(KEYS[k].to_string(), v);
                    }
                    Mutation::AddUnknown(k, v) => {
                        if !KEYS.contains(&k.as_str()) {
                            obj.insert(k, v);
                        }
                    }
                }
            }
            change
        })
}

fn arb_push() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => vec(arb_change(), 0..5).prop_map(|changes| {
            json!({"device_id": Uuid::from_u128(7), "changes": changes}).to_string().into_bytes()
        }),
        1 => arb_json().prop_map(|v| v.to_string().into_bytes()),
        1 => vec(any::<u8>(), 0..512),
    ]
}

/// Every stored change is ffion's and passes the core's check.
async fn stored_changes_are_valid(app: &TestApp) -> Result<i64, TestCaseError> {
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT username, entity, field, value FROM changes")
            .fetch_all(&app.state.db.pool)
            .await
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    for (user, entity, field, value) in &rows {
        prop_assert_eq!(user, "ffion");
        let entity = Entity::parse(entity).expect("a known entity");
        let value: Value = serde_json::from_str(value).expect("stored JSON");
        prop_assert!(check_value(entity, field, &value, latest_today()).is_ok());
    }
    Ok(rows.len() as i64)
}

#[test]
fn whatever_is_posted_to_push_never_gives_a_5xx_and_only_valid_changes_are_stored() {
    let rt = runtime();
    let (app, cookie) = rt.block_on(async {
        let app = TestApp::with_team().await;
        let cookie = app.sign_in("ffion").await;
        (app, cookie)
    });
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&arb_push(), |body| {
            rt.block_on(async {
                let before = stored_changes_are_valid(&app).await?;
                let res = app.post_raw("/api/sync/push", body, Some(&cookie)).await;
                prop_assert!(
                    res.status.is_success() || res.status.is_client_error(),
                    "status {} for a push: {}",
                    res.status,
                    res.text()
                );
                let after = stored_changes_are_valid(&app).await?;
                if res.status.is_success() {
                    let reply: PushResponse = res.json();
                    let taken = reply
                        .results
                        .iter()
                        .filter(|r| !matches!(r.outcome, ChangeOutcome::Rejected { .. }))
                        .count() as i64;
                    prop_assert!(after - before <= taken);
                } else {
                    prop_assert_eq!(res.error_code(), "bad_request");
                    prop_assert_eq!(after, before, "a refused push stored something");
                }
                Ok(())
            })
        })
        .unwrap();
    let stored = rt.block_on(app.count("changes"));
    assert!(
        stored > 0,
        "the generator should make some valid changes too"
    );
}

#[test]
fn arbitrary_bytes_posted_to_push_are_a_400_and_store_nothing() {
    let rt = runtime();
    let (app, cookie) = rt.block_on(async {
        let app = TestApp::with_team().await;
        let cookie = app.sign_in("ffion").await;
        (app, cookie)
    });
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&vec(any::<u8>(), 0..4096), |body| {
            rt.block_on(async {
                let res = app.post_raw("/api/sync/push", body, Some(&cookie)).await;
                prop_assert_eq!(res.status, axum::http::StatusCode::BAD_REQUEST);
                prop_assert_eq!(res.error_code(), "bad_request");
                prop_assert_eq!(app.count("changes").await, 0);
                Ok(())
            })
        })
        .unwrap();
}
