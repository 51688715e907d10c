//! The storage module against the real IndexedDB of headless Chromium.
#![cfg(target_arch = "wasm32")]

use homeward::crypto;
use homeward::store::{Store, StoreError, CURSOR};
use homeward_core::sync::{Change, ChangeOutcome, ChangeResult, Entity, PulledChange};
use homeward_core::Hlc;
use serde_json::json;
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The data key of these tests; the app's comes from the server.
const KEY: [u8; 32] = [7; 32];

async fn unlocked(store: Store) -> Store {
    store.unlock(crypto::import_aes_key(&KEY).await.expect("import key"));
    store
}

async fn fresh(name: &str) -> Store {
    Store::delete(name).await.expect("delete old database");
    unlocked(Store::open(name).await.expect("open database")).await
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

    let reopened = unlocked(Store::open("test-edit").await.unwrap()).await;
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
        applied(&ok, 5),
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
async fn changes_saved_together_leave_the_outbox_one_by_one_as_the_server_answers_them() {
    let store = fresh("test-batch").await;
    let case_id = Uuid::now_v7();
    let edit = vec![
        change(case_id, "child_name", "Nia", 10),
        change(case_id, "date_of_birth", "2016-05-01", 11),
        change(case_id, "note", "Seen at school", 12),
    ];
    store.write_local(&edit).await.unwrap();
    let later = change(case_id, "note", "Seen at home", 13);
    store
        .write_local(std::slice::from_ref(&later))
        .await
        .unwrap();
    // A push of two: the server answers only the first of them.
    assert_eq!(store.outbox(2).await.unwrap(), edit[..2].to_vec());
    store
        .settle_push(&edit[..1], &[applied(&edit[0], 1)])
        .await
        .unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 3);
    let mut waiting = edit[1..].to_vec();
    waiting.push(later.clone());
    assert_eq!(store.outbox(10).await.unwrap(), waiting);

    store
        .settle_push(
            &waiting,
            &waiting
                .iter()
                .zip(2..)
                .map(|(c, v)| applied(c, v))
                .collect::<Vec<_>>(),
        )
        .await
        .unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 0);
    assert_eq!(store.outbox(10).await.unwrap(), Vec::<Change>::new());
    let record = store.record(Entity::Case, case_id).await.unwrap().unwrap();
    assert_eq!(record.base("note"), 4);
    // Nothing of the sent edits stays sealed on the tablet once all of them are answered.
    assert_eq!(raw_rows("test-batch", "outbox_batches").await, 0);
}

/// How many rows one object store holds, read past the store.
async fn raw_rows(name: &str, store: &str) -> usize {
    raw_values(name, store).await.len()
}

/// Every row of one object store, read past the store.
async fn raw_values(name: &str, store: &str) -> Vec<JsValue> {
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&[store], rexie::TransactionMode::ReadOnly)
        .unwrap();
    let rows = tx.store(store).unwrap().get_all(None, None).await.unwrap();
    tx.done().await.unwrap();
    db.close();
    rows
}

#[wasm_bindgen_test]
async fn a_record_changed_by_another_tab_is_read_as_it_now_is() {
    let here = fresh("test-two-tabs").await;
    let there = unlocked(Store::open("test-two-tabs").await.unwrap()).await;
    let case_id = Uuid::now_v7();
    here.write_local(&[change(case_id, "child_name", "Osian", 10)])
        .await
        .unwrap();
    let read = |s: Store| async move {
        s.record(Entity::Case, case_id)
            .await
            .unwrap()
            .unwrap()
            .text("child_name")
            .to_string()
    };
    assert_eq!(read(there.clone()).await, "Osian");
    assert_eq!(read(here.clone()).await, "Osian");
    there
        .write_local(&[change(case_id, "child_name", "Osian Rees", 11)])
        .await
        .unwrap();
    assert_eq!(read(here.clone()).await, "Osian Rees");
    assert_eq!(read(there).await, "Osian Rees");
}

/// `value` as the store seals it: JSON, AES-GCM under the tests' key, base64.
async fn sealed<T: serde::Serialize>(value: &T) -> String {
    use base64::Engine as _;
    let key = crypto::import_aes_key(&KEY).await.unwrap();
    base64::engine::general_purpose::STANDARD.encode(
        crypto::seal(&key, &serde_json::to_vec(value).unwrap())
            .await
            .unwrap(),
    )
}

/// Puts `rows` into the object store `store` of `name`, past the store, as an older version of
/// the app left them.
async fn put_raw(name: &str, store: &str, rows: &[serde_json::Value]) {
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&[store], rexie::TransactionMode::ReadWrite)
        .unwrap();
    for row in rows {
        tx.store(store)
            .unwrap()
            .put(&js_sys::JSON::parse(&row.to_string()).unwrap(), None)
            .await
            .unwrap();
    }
    tx.done().await.unwrap();
    db.close();
}

fn applied(change: &Change, version: i64) -> ChangeResult {
    ChangeResult {
        change_id: change.change_id,
        outcome: ChangeOutcome::Applied { version },
    }
}

#[wasm_bindgen_test]
async fn a_change_queued_before_batches_is_still_sent() {
    let store = fresh("test-old-outbox").await;
    let case_id = Uuid::now_v7();
    let old = change(case_id, "child_name", "Alys", 10);
    let row = json!({
        "change_id": old.change_id.to_string(),
        "case_id": case_id.to_string(),
        "body": sealed(&old).await,
    });
    put_raw("test-old-outbox", "outbox", &[row]).await;
    let new = change(case_id, "note", "Met her nan", 11);
    store.write_local(std::slice::from_ref(&new)).await.unwrap();

    assert_eq!(
        store.outbox(10).await.unwrap(),
        vec![old.clone(), new.clone()]
    );
    store
        .settle_push(std::slice::from_ref(&old), &[applied(&old, 1)])
        .await
        .unwrap();
    assert_eq!(store.outbox(10).await.unwrap(), vec![new]);
}

#[wasm_bindgen_test]
async fn changes_queued_one_row_each_in_a_batch_are_still_counted_sent_and_cleared() {
    let name = "test-v5-outbox";
    let store = fresh(name).await;
    let case_id = Uuid::now_v7();
    let edit = vec![
        change(case_id, "child_name", "Alys", 10),
        change(case_id, "note", "Met her nan", 11),
    ];
    let batch = edit[0].change_id.to_string();
    put_raw(
        name,
        "outbox_batches",
        &[json!({ "key": batch, "value": sealed(&edit).await })],
    )
    .await;
    let rows: Vec<serde_json::Value> = edit
        .iter()
        .map(|c| {
            json!({
                "change_id": c.change_id.to_string(),
                "case_id": case_id.to_string(),
                "batch": batch,
            })
        })
        .collect();
    put_raw(name, "outbox", &rows).await;

    assert_eq!(store.outbox_len().await.unwrap(), 2);
    assert_eq!(store.outbox(10).await.unwrap(), edit);
    store
        .settle_push(&edit[..1], &[applied(&edit[0], 1)])
        .await
        .unwrap();
    assert_eq!(store.outbox(10).await.unwrap(), edit[1..].to_vec());
    assert_eq!(raw_rows(name, "outbox_batches").await, 1);
    store
        .settle_push(&edit[1..], &[applied(&edit[1], 2)])
        .await
        .unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 0);
    assert_eq!(raw_rows(name, "outbox_batches").await, 0);
}

#[wasm_bindgen_test]
async fn an_import_page_is_queued_as_one_outbox_row_however_many_changes_it_holds() {
    let name = "test-one-row";
    let store = fresh(name).await;
    caseload(&store, 50).await;
    assert_eq!(store.outbox_len().await.unwrap(), 50);
    assert_eq!(raw_rows(name, "outbox").await, 1);
    assert_eq!(raw_rows(name, "records").await, 50);
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

#[wasm_bindgen_test]
async fn a_pull_that_brings_back_this_tablets_own_answered_changes_writes_no_record_again() {
    let name = "test-pull-own";
    let store = fresh(name).await;
    let case_id = Uuid::now_v7();
    store
        .write_local(&[
            change(case_id, "child_name", "Seren", 10),
            change(case_id, "note", "Seen at school", 11),
        ])
        .await
        .unwrap();
    let sent = store.outbox(10).await.unwrap();
    let results: Vec<ChangeResult> = sent
        .iter()
        .zip(5..)
        .map(|(c, version)| applied(c, version))
        .collect();
    store.settle_push(&sent, &results).await.unwrap();
    let rows = |store: &'static str| async move {
        raw_values(name, store)
            .await
            .iter()
            .map(|v| js_sys::JSON::stringify(v).unwrap().as_string().unwrap())
            .collect::<Vec<_>>()
    };
    let (records, keys) = (rows("records").await, rows("keys").await);

    let pulled: Vec<PulledChange> = sent
        .iter()
        .zip(5..)
        .map(|(c, seq)| PulledChange {
            seq,
            conflict: false,
            change: c.clone(),
        })
        .collect();
    store.apply_pull(&pulled, 6).await.unwrap();
    assert_eq!(
        rows("records").await,
        records,
        "the record was not sealed again"
    );
    assert_eq!(rows("keys").await, keys, "the records version stands");
    assert_eq!(store.meta::<i64>(CURSOR).await.unwrap(), Some(6));

    // Another device's change to the same case is written, as ever.
    let mut theirs = change(case_id, "note", "Seen at home", 12);
    theirs.device_id = Uuid::from_u128(8);
    let pulled = [PulledChange {
        seq: 7,
        conflict: false,
        change: theirs,
    }];
    store.apply_pull(&pulled, 7).await.unwrap();
    assert_ne!(rows("records").await, records);
    let record = store.record(Entity::Case, case_id).await.unwrap().unwrap();
    assert_eq!(record.text("note"), "Seen at home");
    assert_eq!(record.text("child_name"), "Seren");
}

#[wasm_bindgen_test]
async fn a_locked_store_reads_nothing_but_still_counts_what_waits_to_be_sent() {
    let store = fresh("test-locked").await;
    let case_id = Uuid::now_v7();
    store
        .write_local(&[change(case_id, "child_name", "Cerys", 10)])
        .await
        .unwrap();
    store.lock();
    assert_eq!(
        store.record(Entity::Case, case_id).await,
        Err(StoreError::Locked)
    );
    assert_eq!(store.outbox(10).await, Err(StoreError::Locked));
    assert_eq!(
        store.write_local(&[change(case_id, "note", "x", 11)]).await,
        Err(StoreError::Locked)
    );
    assert_eq!(store.outbox_len().await.unwrap(), 1);
}

/// Everything the database holds, as text, read past the store (as a thief with the disk would).
async fn raw_dump(name: &str) -> String {
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let mut all = String::new();
    for store in [
        "records",
        "outbox",
        "outbox_batches",
        "rejected",
        "meta",
        "drafts",
        "keys",
        "blobs",
    ] {
        let tx = db
            .transaction(&[store], rexie::TransactionMode::ReadOnly)
            .unwrap();
        for v in tx.store(store).unwrap().get_all(None, None).await.unwrap() {
            all.push_str(&js_sys::JSON::stringify(&v).unwrap().as_string().unwrap());
            // Bytes stringify as numbers: as text, anything left in clear in them shows.
            let sealed = js_sys::Reflect::get(&v, &"sealed".into()).unwrap();
            if let Some(bytes) = sealed.dyn_ref::<js_sys::Uint8Array>() {
                all.push_str(&String::from_utf8_lossy(&bytes.to_vec()));
            }
        }
        tx.done().await.unwrap();
    }
    db.close();
    all
}

#[wasm_bindgen_test]
async fn no_name_date_of_birth_or_note_is_stored_in_clear() {
    let store = fresh("test-clear").await;
    let case_id = Uuid::now_v7();
    store
        .write_local(&[
            change(case_id, "child_name", "Cerys Pritchard", 10),
            change(case_id, "date_of_birth", "2017-03-09", 11),
            change(case_id, "note", "Mum was poorly again", 12),
        ])
        .await
        .unwrap();
    store
        .set_draft("draft:x", &"Nain Eirlys visits")
        .await
        .unwrap();
    store.set_meta("me", &"Ffion Davies").await.unwrap();
    let dump = raw_dump("test-clear").await;
    assert!(
        dump.contains(&case_id.to_string()),
        "the index stays usable"
    );
    for secret in [
        "Cerys",
        "Pritchard",
        "2017-03-09",
        "poorly",
        "Eirlys",
        "Ffion",
        "Gwilym",
    ] {
        assert!(!dump.contains(secret), "{secret} is in clear in IndexedDB");
    }
}

#[wasm_bindgen_test]
async fn a_record_sealed_under_one_key_cannot_be_read_under_another() {
    let store = fresh("test-other-key").await;
    let case_id = Uuid::now_v7();
    store
        .write_local(&[change(case_id, "child_name", "Tomos", 10)])
        .await
        .unwrap();
    store.unlock(crypto::import_aes_key(&[9; 32]).await.unwrap());
    assert!(matches!(
        store.record(Entity::Case, case_id).await,
        Err(StoreError::Crypto(_))
    ));
}

#[wasm_bindgen_test]
async fn five_wrong_pins_destroy_the_pin_key_and_the_password_brings_back_the_unsent_work() {
    use homeward::vault::{self, UnlockError, VaultError};
    use homeward_core::pin::Pin;
    let name = "test-vault";
    Store::delete(name).await.unwrap();
    let store = Store::open(name).await.unwrap();
    let escrowed = "07".repeat(32);
    vault::receive_key(&store, "ffion", &escrowed)
        .await
        .unwrap();
    vault::set_pin(&store, &Pin::parse("402817").unwrap())
        .await
        .unwrap();
    let case_id = Uuid::now_v7();
    let unsent = change(case_id, "note", "Seen alone at school", 10);
    store
        .write_local(std::slice::from_ref(&unsent))
        .await
        .unwrap();

    store.lock();
    vault::unlock(&store, "402817").await.unwrap();
    assert!(store.is_unlocked());
    store.lock();
    for left in (1..=4).rev() {
        assert_eq!(
            vault::unlock(&store, "999999").await,
            Err(UnlockError::Wrong { tries_left: left })
        );
    }
    assert_eq!(
        vault::unlock(&store, "999999").await,
        Err(UnlockError::Exhausted)
    );
    assert!(!vault::has_pin(&store).await.unwrap());
    // Not even the right PIN opens it now.
    assert_eq!(
        vault::unlock(&store, "402817").await,
        Err(UnlockError::NoPin)
    );
    assert_eq!(
        vault::receive_key(&store, "ffion", &"08".repeat(32)).await,
        Err(VaultError::KeyMismatch)
    );
    vault::receive_key(&store, "ffion", &escrowed)
        .await
        .unwrap();
    assert_eq!(store.outbox(10).await.unwrap(), vec![unsent]);
}

#[wasm_bindgen_test]
async fn a_wipe_for_sign_out_refuses_while_a_change_waits_and_empties_everything_once_sent() {
    use homeward::store::Unsettled;
    let store = fresh("test-wipe").await;
    let case_id = Uuid::now_v7();
    let waiting = change(case_id, "child_name", "Lowri", 10);
    store
        .write_local(std::slice::from_ref(&waiting))
        .await
        .unwrap();
    assert_eq!(
        store.wipe_if_settled(false).await.unwrap(),
        Some(Unsettled {
            unsent: 1,
            refused: 0,
            drafts: 0
        })
    );
    assert!(store.record(Entity::Case, case_id).await.unwrap().is_some());
    store
        .settle_push(std::slice::from_ref(&waiting), &[applied(&waiting, 1)])
        .await
        .unwrap();
    assert_eq!(store.wipe_if_settled(false).await.unwrap(), None);
    assert!(!store.is_unlocked());
    let dump = raw_dump("test-wipe").await;
    assert_eq!(dump, "", "nothing is left");
}

#[wasm_bindgen_test]
async fn a_revoked_tablet_is_wiped_even_with_changes_it_can_no_longer_send() {
    let store = fresh("test-wipe-revoked").await;
    store
        .write_local(&[change(Uuid::now_v7(), "child_name", "Lowri", 10)])
        .await
        .unwrap();
    store.wipe().await.unwrap();
    assert!(!store.is_unlocked());
    assert_eq!(raw_dump("test-wipe-revoked").await, "", "nothing is left");
}

/// Saves a drawing as the child-mode pad does: its attachment record and its bytes together.
/// Returns the record's change and the bytes' sha256.
async fn save_drawing(store: &Store, case_id: Uuid, drawing: &[u8]) -> (Change, String) {
    use homeward_core::attachment::Content;
    let content = Content::new(Uuid::now_v7(), "image/png", drawing).unwrap();
    let record = Change {
        entity: Entity::Attachment,
        entity_id: content.attachment.id,
        field: "data".into(),
        value: serde_json::to_value(&content.attachment).unwrap(),
        ..change(case_id, "note", "", 20)
    };
    let sha = content.attachment.sha256.clone();
    store
        .write_local_with(std::slice::from_ref(&record), &[(case_id, content)])
        .await
        .unwrap();
    (record, sha)
}

#[wasm_bindgen_test]
async fn a_drawing_whose_record_the_server_refused_stays_with_the_refused_change_and_no_longer_waits(
) {
    use homeward::store::Unsettled;
    let store = fresh("test-refused-blob").await;
    let case_id = Uuid::now_v7();
    let drawing = b"PNG: a house with a blue door";
    let (record, sha) = save_drawing(&store, case_id, drawing).await;
    store
        .settle_push(
            std::slice::from_ref(&record),
            &[ChangeResult {
                change_id: record.change_id,
                outcome: ChangeOutcome::Rejected {
                    reason: "You have no access to this case.".into(),
                },
            }],
        )
        .await
        .unwrap();

    assert_eq!(store.pending_blobs().await.unwrap(), vec![]);
    assert_eq!(store.waiting_len().await.unwrap(), 0);
    assert_eq!(store.refused().await.unwrap()[0].change, record);
    assert_eq!(
        store.blob(case_id, &sha).await.unwrap().as_deref(),
        Some(&drawing[..]),
        "the drawing is still on the tablet"
    );
    // Sign-out still stops for the refused change, and its drawing goes only with it.
    assert_eq!(
        store.wipe_if_settled(false).await.unwrap(),
        Some(Unsettled {
            unsent: 0,
            refused: 1,
            drafts: 0
        })
    );
    assert_eq!(store.wipe_if_settled(true).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_form_typed_into_and_not_saved_stops_sign_out_until_the_worker_accepts_losing_it() {
    use homeward::store::Unsettled;
    let store = fresh("test-wipe-draft").await;
    store
        .set_draft(
            "case-1/agreement",
            &vec!["Mam will be at every contact".to_string()],
        )
        .await
        .unwrap();
    assert_eq!(
        store.wipe_if_settled(false).await.unwrap(),
        Some(Unsettled {
            unsent: 0,
            refused: 0,
            drafts: 1
        })
    );
    assert_eq!(
        store
            .draft::<Vec<String>>("case-1/agreement")
            .await
            .unwrap(),
        Some(vec!["Mam will be at every contact".to_string()]),
        "the draft is still there after the refused wipe"
    );
    // Saved (or cancelled), the draft goes and nothing holds the sign-out back.
    store.clear_draft("case-1/agreement").await.unwrap();
    assert_eq!(store.wipe_if_settled(false).await.unwrap(), None);

    let store = fresh("test-wipe-draft-anyway").await;
    store
        .set_draft("case-2/child", &vec!["Typed".to_string()])
        .await
        .unwrap();
    assert_eq!(
        store.wipe_if_settled(true).await.unwrap(),
        None,
        "accepted, it is deleted"
    );
    assert_eq!(
        raw_dump("test-wipe-draft-anyway").await,
        "",
        "nothing is left"
    );
}

#[wasm_bindgen_test]
async fn a_drawing_is_kept_sealed_with_its_record_and_counts_as_unsent_until_uploaded() {
    use homeward::store::Unsettled;
    let store = fresh("test-blobs").await;
    let case_id = Uuid::now_v7();
    let drawing = b"PNG: Cerys drew Nain Eirlys's house with a red door";
    let (record, sha) = save_drawing(&store, case_id, drawing).await;

    // Record, outbox entry and bytes arrived together; the bytes are not readable in clear.
    assert_eq!(store.outbox_len().await.unwrap(), 1);
    assert_eq!(
        store.pending_blobs().await.unwrap(),
        vec![(case_id, sha.clone())]
    );
    assert_eq!(store.waiting_len().await.unwrap(), 2);
    assert_eq!(
        store.blob(case_id, &sha).await.unwrap().as_deref(),
        Some(&drawing[..])
    );
    let dump = raw_dump("test-blobs").await;
    assert!(!dump.contains("red door"), "the drawing's bytes are sealed");

    // Sent and answered, the record is settled, but the bytes still wait: no sign-out wipe yet.
    store
        .settle_push(std::slice::from_ref(&record), &[applied(&record, 3)])
        .await
        .unwrap();
    assert_eq!(
        store.wipe_if_settled(false).await.unwrap(),
        Some(Unsettled {
            unsent: 1,
            refused: 0,
            drafts: 0
        })
    );
    store.blob_uploaded(case_id, &sha).await.unwrap();
    assert_eq!(store.pending_blobs().await.unwrap(), vec![]);
    assert_eq!(store.waiting_len().await.unwrap(), 0);
    // Still there to show offline, now that the server has a copy too.
    assert!(store
        .held_blobs()
        .await
        .unwrap()
        .contains(&homeward::store::blob_key(case_id, &sha)));
    assert_eq!(store.wipe_if_settled(false).await.unwrap(), None);
    assert_eq!(raw_dump("test-blobs").await, "", "nothing is left");
}

#[wasm_bindgen_test]
async fn a_drawing_fetched_from_the_server_is_kept_sealed_and_not_queued_for_upload() {
    let store = fresh("test-blob-download").await;
    let case_id = Uuid::now_v7();
    store
        .put_downloaded_blob(case_id, &"ab".repeat(32), b"Osian's recording")
        .await
        .unwrap();
    assert_eq!(store.pending_blobs().await.unwrap(), vec![]);
    assert_eq!(
        store
            .blob(case_id, &"ab".repeat(32))
            .await
            .unwrap()
            .as_deref(),
        Some(&b"Osian's recording"[..])
    );
    assert!(!raw_dump("test-blob-download").await.contains("Osian"));
    store.lock();
    assert_eq!(
        store.blob(case_id, &"ab".repeat(32)).await,
        Err(StoreError::Locked)
    );
}

/// A caseload of `n` cases written on one tablet, and their ids.
async fn caseload(store: &Store, n: usize) -> Vec<Uuid> {
    let ids: Vec<Uuid> = (0..n).map(|_| Uuid::now_v7()).collect();
    let changes: Vec<Change> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| change(*id, "child_name", &format!("Child {i}"), 10))
        .collect();
    store.write_local(&changes).await.unwrap();
    ids
}

#[wasm_bindgen_test]
async fn a_large_edit_of_cases_held_and_new_keeps_every_field_of_the_cases_held() {
    let name = "test-held-among";
    let held = caseload(&fresh(name).await, 100).await;
    let store = reloaded(name).await;
    let new = (0..20).map(|_| Uuid::now_v7());
    // Held cases among new ones; then a few held cases far apart, with many more between them.
    let edits: [Vec<Uuid>; 2] = [
        held[..20].iter().copied().chain(new).collect(),
        held.iter().step_by(5).copied().collect(),
    ];
    for (wall, ids) in (40..).zip(edits) {
        let changes: Vec<Change> = ids
            .iter()
            .map(|id| change(*id, "note", "Visited", wall))
            .collect();
        store.write_local(&changes).await.unwrap();
        for id in &ids {
            let record = store.record(Entity::Case, *id).await.unwrap().unwrap();
            assert_eq!(record.text("note"), "Visited");
            if let Some(i) = held.iter().position(|h| h == id) {
                assert_eq!(record.text("child_name"), format!("Child {i}"));
            }
        }
    }
    assert_eq!(store.records(Entity::Case).await.unwrap().len(), 120);
}

/// The same database as a tab opened after a reload: nothing opened yet.
async fn reloaded(name: &str) -> Store {
    unlocked(Store::open(name).await.unwrap()).await
}

/// Waits (up to 5 s) for `name`'s meta store to hold `rows` rows.
async fn meta_rows_become(name: &str, rows: usize) -> bool {
    for _ in 0..50 {
        if raw_rows(name, "meta").await == rows {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    false
}

/// A fresh database `name` holding a caseload of `n`, read once after a reload so that its
/// snapshot is sealed; the cases' ids.
async fn sealed_caseload(name: &str, n: usize) -> Vec<Uuid> {
    let tablet = fresh(name).await;
    let ids = caseload(&tablet, n).await;
    reloaded(name).await.records(Entity::Case).await.unwrap();
    assert!(meta_rows_become(name, 1).await, "the snapshot was sealed");
    ids
}

#[wasm_bindgen_test]
async fn after_an_unlock_the_caseload_is_read_from_one_snapshot_not_decrypted_case_by_case() {
    let name = "test-snapshot";
    let tablet = fresh(name).await;
    caseload(&tablet, 40).await;

    let first = reloaded(name).await;
    assert_eq!(first.records(Entity::Case).await.unwrap().len(), 40);
    assert_eq!(first.records_decrypted(), 40);
    assert!(meta_rows_become(name, 1).await, "the snapshot was sealed");

    let second = reloaded(name).await;
    let names = listed_names(&second).await;
    let mut expected: Vec<String> = (0..40).map(|i| format!("Child {i}")).collect();
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(second.records_decrypted(), 0);
}

#[wasm_bindgen_test]
async fn a_snapshot_never_hides_a_case_changed_or_added_since_it_was_sealed() {
    let name = "test-snapshot-stale";
    let ids = sealed_caseload(name, 30).await;

    // Another tab renames one child and adds a case; the snapshot still holds the old caseload.
    let other_tab = reloaded(name).await;
    other_tab
        .write_local(&[change(ids[0], "child_name", "Cerys Morgan", 20)])
        .await
        .unwrap();
    let added = Uuid::now_v7();
    other_tab
        .write_local(&[change(added, "child_name", "Dewi", 20)])
        .await
        .unwrap();

    let after = reloaded(name).await;
    let records = after.records(Entity::Case).await.unwrap();
    assert_eq!(records.len(), 31);
    let name_of = |id: Uuid| {
        records
            .iter()
            .find(|r| r.entity_id == id)
            .map(|r| r.text("child_name").to_string())
    };
    assert_eq!(name_of(ids[0]).as_deref(), Some("Cerys Morgan"));
    assert_eq!(name_of(added).as_deref(), Some("Dewi"));
    assert_eq!(name_of(ids[1]).as_deref(), Some("Child 1"));
    // Only the two rows the snapshot does not match are decrypted on their own.
    assert_eq!(after.records_decrypted(), 2);
}

/// The names of the cases `store` lists, sorted.
async fn listed_names(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = store
        .records(Entity::Case)
        .await
        .unwrap()
        .iter()
        .map(|r| r.text("child_name").to_string())
        .collect();
    names.sort();
    names
}

#[wasm_bindgen_test]
async fn an_unlock_with_nothing_changed_since_the_snapshot_reads_it_alone_not_the_rows() {
    let name = "test-snapshot-whole";
    let tablet = fresh(name).await;
    caseload(&tablet, 40).await;
    let first = reloaded(name).await;
    let before = listed_names(&first).await;
    assert_eq!(first.rows_read(), 40);
    assert!(meta_rows_become(name, 1).await, "the snapshot was sealed");

    let second = reloaded(name).await;
    assert_eq!(listed_names(&second).await, before);
    assert_eq!(second.rows_read(), 0, "no row was read");
    assert_eq!(second.records_decrypted(), 0);
    // Read again with nothing written since, in any tab: still no row read.
    assert_eq!(listed_names(&second).await, before);
    assert_eq!(second.rows_read(), 0, "no row was read the second time");
}

#[wasm_bindgen_test]
async fn a_list_read_again_shows_what_this_tab_or_another_wrote_since() {
    let name = "test-read-again";
    let tablet = fresh(name).await;
    let ids = caseload(&tablet, 20).await;
    let tab = reloaded(name).await;
    listed_names(&tab).await;
    let read = tab.rows_read();

    tab.write_local(&[change(ids[0], "child_name", "Seren Lloyd", 50)])
        .await
        .unwrap();
    assert!(listed_names(&tab)
        .await
        .contains(&"Seren Lloyd".to_string()));

    let other_tab = reloaded(name).await;
    other_tab
        .write_local(&[change(ids[1], "child_name", "Osian Hughes", 51)])
        .await
        .unwrap();
    let names = listed_names(&tab).await;
    assert!(names.contains(&"Osian Hughes".to_string()), "{names:?}");
    assert!(names.contains(&"Seren Lloyd".to_string()));
    assert!(tab.rows_read() > read);

    // A write that fails leaves what it would have written unseen.
    tab.lock();
    assert!(tab
        .write_local(&[change(ids[2], "child_name", "Never saved", 52)])
        .await
        .is_err());
    let tab = unlocked(tab).await;
    assert!(!listed_names(&tab)
        .await
        .contains(&"Never saved".to_string()));
}

#[wasm_bindgen_test]
async fn a_pull_or_a_settled_push_after_the_snapshot_is_seen_at_the_next_unlock() {
    let name = "test-snapshot-pull";
    let ids = sealed_caseload(name, 30).await;

    let other_tab = reloaded(name).await;
    let pulled = [PulledChange {
        seq: 9,
        conflict: false,
        change: change(ids[3], "child_name", "Tomos Price", 30),
    }];
    other_tab.apply_pull(&pulled, 9).await.unwrap();
    let after_pull = reloaded(name).await;
    assert!(listed_names(&after_pull)
        .await
        .contains(&"Tomos Price".to_string()));
    assert!(
        after_pull.rows_read() > 0,
        "the rows were read, not the snapshot alone"
    );

    // A push the server answers changes the records too (their base): the next unlock
    // reads the rows again rather than trusting the snapshot.
    gloo_timers::future::TimeoutFuture::new(1000).await;
    let sent = other_tab.outbox(100).await.unwrap();
    let results: Vec<ChangeResult> = sent.iter().map(|c| applied(c, 100)).collect();
    other_tab.settle_push(&sent, &results).await.unwrap();
    let after_push = reloaded(name).await;
    after_push.records(Entity::Case).await.unwrap();
    assert!(
        after_push.rows_read() > 0,
        "the rows were read, not the snapshot alone"
    );
}

#[wasm_bindgen_test]
async fn a_case_added_without_a_new_version_by_an_older_build_is_still_listed() {
    let name = "test-snapshot-old-build";
    sealed_caseload(name, 20).await;

    // A tab of an older build adds a case and leaves the records version as it was.
    let version = raw_key_row(name, "records_version").await;
    let other_tab = reloaded(name).await;
    let added = Uuid::now_v7();
    other_tab
        .write_local(&[change(added, "child_name", "Dewi", 40)])
        .await
        .unwrap();
    put_raw_key_row(name, version).await;

    let after = reloaded(name).await;
    assert!(listed_names(&after).await.contains(&"Dewi".to_string()));
}

#[wasm_bindgen_test]
async fn a_snapshot_an_older_build_kept_as_text_is_not_read_and_goes_when_a_new_one_is_sealed() {
    let name = "test-snapshot-text";
    let tablet = fresh(name).await;
    caseload(&tablet, 20).await;
    // As an older build left it: base64 text claiming the records as they are now, but empty.
    let version = raw_key_row(name, "records_version").await;
    let version: String = serde_json::from_str(
        &js_sys::Reflect::get(&version, &"value".into())
            .unwrap()
            .as_string()
            .unwrap(),
    )
    .unwrap();
    let old = sealed(&json!({ "version": version, "entries": [] })).await;
    put_raw(
        name,
        "meta",
        &[json!({ "key": "opened:entity:case", "value": old, "version": version, "rows": 20 })],
    )
    .await;

    let tab = reloaded(name).await;
    assert_eq!(
        listed_names(&tab).await.len(),
        20,
        "the old snapshot was not used"
    );
    let mut keys = Vec::new();
    for _ in 0..50 {
        keys = raw_keys(name, "meta").await;
        if keys == ["snapshot:entity:case"] {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    assert_eq!(keys, ["snapshot:entity:case"], "the new one replaced it");
    assert!(
        !raw_dump(name).await.contains("Child 7"),
        "sealed, not in clear"
    );

    let next = reloaded(name).await;
    assert_eq!(listed_names(&next).await.len(), 20);
    assert_eq!(next.rows_read(), 0, "the new snapshot was read alone");
}

/// The keys of one object store, read past the store.
async fn raw_keys(name: &str, store: &str) -> Vec<String> {
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&[store], rexie::TransactionMode::ReadOnly)
        .unwrap();
    let keys = tx
        .store(store)
        .unwrap()
        .get_all_keys(None, None)
        .await
        .unwrap();
    tx.done().await.unwrap();
    db.close();
    keys.iter().filter_map(JsValue::as_string).collect()
}

/// The clear `keys` row under `key`, read past the store.
async fn raw_key_row(name: &str, key: &str) -> JsValue {
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&["keys"], rexie::TransactionMode::ReadOnly)
        .unwrap();
    let row = tx
        .store("keys")
        .unwrap()
        .get(JsValue::from_str(key))
        .await
        .unwrap();
    tx.done().await.unwrap();
    db.close();
    row.expect("the row is there")
}

async fn put_raw_key_row(name: &str, row: JsValue) {
    let db = rexie::Rexie::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&["keys"], rexie::TransactionMode::ReadWrite)
        .unwrap();
    tx.store("keys").unwrap().put(&row, None).await.unwrap();
    tx.done().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn no_snapshot_is_sealed_once_the_tablet_locks_or_is_wiped() {
    let name = "test-snapshot-lock";
    let tablet = fresh(name).await;
    caseload(&tablet, 20).await;

    let locked = reloaded(name).await;
    locked.records(Entity::Case).await.unwrap();
    locked.lock();
    assert!(!meta_rows_become(name, 1).await, "no snapshot after a lock");

    let wiped = reloaded(name).await;
    wiped.records(Entity::Case).await.unwrap();
    wiped.wipe().await.unwrap();
    assert!(!meta_rows_become(name, 1).await, "no snapshot after a wipe");
    assert_eq!(raw_rows(name, "records").await, 0);
}
