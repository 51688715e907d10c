//! The storage module against the real IndexedDB of headless Chromium.
#![cfg(target_arch = "wasm32")]

use homeward::store::{Store, CURSOR};
use homeward_core::sync::{Change, ChangeOutcome, ChangeResult, Entity, PulledChange};
use homeward_core::Hlc;
use serde_json::json;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> Store {
    Store::delete(name).await.expect("delete old database");
    Store::open(name).await.expect("open database")
}

fn change(case_id: Uuid, field: &str, value: &str, wall: u64) -> Change {
    Change {
        change_id: Uuid::now_v7(),
        device_id: Uuid::from_u128(7),
        user: "ffion".into(),
        case_id,
        entity: Entity::Case,
        entity_id: case_id,
        field: field.into(),
        value: json!(value),
        hlc: Hlc::zero("tablet").tick(wall),
        base: 0,
    }
}

#[wasm_bindgen_test]
async fn an_edit_is_stored_with_its_outbox_entry_and_survives_reopening() {
    let store = fresh("test-edit").await;
    let case_id = Uuid::now_v7();
    let changes = vec![
        change(case_id, "child_name", "Cerys", 10),
        change(case_id, "note", "First visit", 11),
    ];
    store.write_local(&changes).await.unwrap();

    let reopened = Store::open("test-edit").await.unwrap();
    let record = reopened
        .record(Entity::Case, case_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.text("child_name"), "Cerys");
    assert_eq!(record.text("note"), "First visit");
    assert_eq!(reopened.outbox_len().await.unwrap(), 2);
    assert_eq!(reopened.outbox(10).await.unwrap(), changes);
}

#[wasm_bindgen_test]
async fn an_answered_change_leaves_the_outbox_and_a_refused_one_stays_visible_with_its_reason() {
    let store = fresh("test-settle").await;
    let case_id = Uuid::now_v7();
    let ok = change(case_id, "child_name", "Tomos", 10);
    let bad = change(case_id, "date_of_birth", "2999-01-01", 11);
    store.write_local(&[ok.clone(), bad.clone()]).await.unwrap();
    let results = vec![
        ChangeResult {
            change_id: ok.change_id,
            outcome: ChangeOutcome::Applied { version: 5 },
        },
        ChangeResult {
            change_id: bad.change_id,
            outcome: ChangeOutcome::Rejected {
                reason: "The date of birth cannot be in the future.".into(),
            },
        },
    ];
    store
        .settle_push(&[ok.clone(), bad.clone()], &results)
        .await
        .unwrap();

    assert_eq!(store.outbox_len().await.unwrap(), 0);
    let refused = store.refused().await.unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].change, bad);
    assert_eq!(
        refused[0].reason,
        "The date of birth cannot be in the future."
    );
    let record = store.record(Entity::Case, case_id).await.unwrap().unwrap();
    assert_eq!(record.base("child_name"), 5);
}

#[wasm_bindgen_test]
async fn pulled_changes_create_records_and_move_the_cursor_together() {
    let store = fresh("test-pull").await;
    let case_id = Uuid::now_v7();
    let pulled = vec![
        PulledChange {
            seq: 3,
            conflict: false,
            change: change(case_id, "child_name", "Rhys", 20),
        },
        PulledChange {
            seq: 4,
            conflict: true,
            change: change(case_id, "note", "Another version", 21),
        },
    ];
    store.apply_pull(&pulled, 4).await.unwrap();

    let record = store.record(Entity::Case, case_id).await.unwrap().unwrap();
    assert_eq!(record.text("child_name"), "Rhys");
    assert!(record.needs_review());
    assert_eq!(store.meta::<i64>(CURSOR).await.unwrap(), Some(4));
    assert_eq!(store.records(Entity::Case).await.unwrap().len(), 1);
}
