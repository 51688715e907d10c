//! The only way case data reaches IndexedDB. Every edit writes its records and its outbox entries
//! in one transaction, so a crash can never keep one without the other.
//!
//! Stored objects keep in clear only what IndexedDB must index (keys, entity kind, case id: no
//! names, dates or free text); the rest is the `body`, produced by [`seal`] and read by [`unseal`].
//! Encryption at rest belongs in those two functions.

use futures::future::join_all;
use homeward_core::record::Record;
use homeward_core::sync::{Change, ChangeOutcome, ChangeResult, Entity, PulledChange};
use rexie::{Index, KeyRange, ObjectStore, Rexie, TransactionMode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;
use uuid::Uuid;
use wasm_bindgen::JsValue;

const VERSION: u32 = 2;
const RECORDS: &str = "records";
/// Unsaved form input, so a locked or backgrounded tablet loses nothing (sealed like records).
const DRAFTS: &str = "drafts";
const OUTBOX: &str = "outbox";
const REJECTED: &str = "rejected";
const META: &str = "meta";

/// Why storage failed, in words the worker can pass on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("IndexedDB: {0}")]
    Db(String),
    #[error("a stored record could not be read: {0}")]
    Decode(String),
}

impl From<rexie::Error> for StoreError {
    fn from(e: rexie::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

impl From<idb::Error> for StoreError {
    fn from(e: idb::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

impl From<serde_wasm_bindgen::Error> for StoreError {
    fn from(e: serde_wasm_bindgen::Error) -> Self {
        StoreError::Decode(e.to_string())
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Decode(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What IndexedDB holds for a record.
#[derive(Serialize, Deserialize)]
struct StoredRecord {
    key: String,
    entity: String,
    case_id: String,
    body: String,
}

/// What IndexedDB holds for a change waiting to be sent, or refused by the server.
#[derive(Serialize, Deserialize)]
struct StoredChange {
    change_id: String,
    case_id: String,
    body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

/// A change the server refused, kept visible on the device with its reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub change: Change,
    pub reason: String,
}

fn seal<T: Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string(value)?)
}

fn unseal<T: DeserializeOwned>(body: &str) -> Result<T> {
    Ok(serde_json::from_str(body)?)
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    Ok(serde_wasm_bindgen::to_value(value)?)
}

fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T> {
    Ok(serde_wasm_bindgen::from_value(value)?)
}

fn stored_record(record: &Record) -> Result<JsValue> {
    to_js(&StoredRecord {
        key: Record::key(record.entity, record.entity_id),
        entity: record.entity.as_str().to_string(),
        case_id: record.case_id.to_string(),
        body: seal(record)?,
    })
}

fn stored_change(change: &Change, reason: Option<String>) -> Result<JsValue> {
    to_js(&StoredChange {
        change_id: change.change_id.to_string(),
        case_id: change.case_id.to_string(),
        body: seal(change)?,
        reason,
    })
}

fn read_record(value: JsValue) -> Result<Record> {
    unseal(&from_js::<StoredRecord>(value)?.body)
}

/// Reads the records under `keys` in one go: every request is issued before any is awaited, so
/// a transaction costs one round of the event loop instead of one per record.
async fn load_records(records: &rexie::Store, keys: &[String]) -> Result<Vec<Option<Record>>> {
    let found = join_all(keys.iter().map(|k| records.get(JsValue::from_str(k)))).await;
    found
        .into_iter()
        .map(|v| match v? {
            Some(v) if !v.is_undefined() => Ok(Some(read_record(v)?)),
            _ => Ok(None),
        })
        .collect()
}

/// Applies `apply` to each change's record (loaded, or new) and returns the touched records.
async fn update_records<'a, C: 'a>(
    records: &rexie::Store,
    items: impl Iterator<Item = &'a C> + Clone,
    change: impl Fn(&C) -> &Change,
    apply: impl Fn(&mut Record, &C),
) -> Result<BTreeMap<String, Record>> {
    let keys: Vec<String> = items
        .clone()
        .map(|i| {
            let c = change(i);
            Record::key(c.entity, c.entity_id)
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let loaded = load_records(records, &keys).await?;
    let mut touched: BTreeMap<String, Record> = keys
        .into_iter()
        .zip(loaded)
        .filter_map(|(k, r)| r.map(|r| (k, r)))
        .collect();
    for item in items {
        let c = change(item);
        let record = touched
            .entry(Record::key(c.entity, c.entity_id))
            .or_insert_with(|| Record::new(c.entity, c.entity_id, c.case_id));
        apply(record, item);
    }
    Ok(touched)
}

async fn put_records(records: &rexie::Store, touched: &BTreeMap<String, Record>) -> Result<()> {
    let values = touched
        .values()
        .map(|r| Ok((stored_record(r)?, None)))
        .collect::<Result<Vec<_>>>()?;
    Ok(records.put_all(values.into_iter()).await?)
}

/// An open Homeward database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Rc<Rexie>,
}

impl Store {
    /// Opens (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Store> {
        let db = Rexie::builder(name)
            .version(VERSION)
            .add_object_store(
                ObjectStore::new(RECORDS)
                    .key_path("key")
                    .add_index(Index::new("case_id", "case_id"))
                    .add_index(Index::new("entity", "entity")),
            )
            .add_object_store(
                ObjectStore::new(OUTBOX)
                    .key_path("change_id")
                    .add_index(Index::new("case_id", "case_id")),
            )
            .add_object_store(ObjectStore::new(REJECTED).key_path("change_id"))
            .add_object_store(ObjectStore::new(META).key_path("key"))
            .add_object_store(ObjectStore::new(DRAFTS).key_path("key"))
            .build()
            .await?;
        Ok(Store { db: Rc::new(db) })
    }

    /// Deletes the whole database called `name` (tests, and sign-out in a later issue).
    pub async fn delete(name: &str) -> Result<()> {
        Ok(Rexie::delete(name).await?)
    }

    /// Applies local edits to their records and queues them for sending, atomically.
    pub async fn write_local(&self, changes: &[Change]) -> Result<()> {
        let tx = self
            .db
            .transaction(&[RECORDS, OUTBOX], TransactionMode::ReadWrite)?;
        let records = tx.store(RECORDS)?;
        let touched =
            update_records(&records, changes.iter(), |c| c, |r, c| r.apply_local(c)).await?;
        put_records(&records, &touched).await?;
        let queued = changes
            .iter()
            .map(|c| Ok((stored_change(c, None)?, None)))
            .collect::<Result<Vec<_>>>()?;
        tx.store(OUTBOX)?.put_all(queued.into_iter()).await?;
        tx.done().await?;
        Ok(())
    }

    /// Every record of one kind.
    pub async fn records(&self, entity: Entity) -> Result<Vec<Record>> {
        let tx = self.db.transaction(&[RECORDS], TransactionMode::ReadOnly)?;
        let values = tx
            .store(RECORDS)?
            .index("entity")?
            .get_all(
                Some(KeyRange::only(&JsValue::from_str(entity.as_str()))?),
                None,
            )
            .await?;
        tx.done().await?;
        values.into_iter().map(read_record).collect()
    }

    /// Every record of one case (the case itself and its practice items).
    pub async fn case_records(&self, case_id: Uuid) -> Result<Vec<Record>> {
        let tx = self.db.transaction(&[RECORDS], TransactionMode::ReadOnly)?;
        let values = tx
            .store(RECORDS)?
            .index("case_id")?
            .get_all(
                Some(KeyRange::only(&JsValue::from_str(&case_id.to_string()))?),
                None,
            )
            .await?;
        tx.done().await?;
        values.into_iter().map(read_record).collect()
    }

    /// The unsaved input of a form, if any.
    pub async fn draft<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        self.entry(DRAFTS, key).await
    }

    /// Keeps a form's unsaved input.
    pub async fn set_draft<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        self.set_entry(DRAFTS, key, value).await
    }

    /// Forgets a form's unsaved input (it was saved or discarded).
    pub async fn clear_draft(&self, key: &str) -> Result<()> {
        let tx = self.db.transaction(&[DRAFTS], TransactionMode::ReadWrite)?;
        tx.store(DRAFTS)?.delete(JsValue::from_str(key)).await?;
        tx.done().await?;
        Ok(())
    }

    /// One record, if this device has it.
    pub async fn record(&self, entity: Entity, id: Uuid) -> Result<Option<Record>> {
        let tx = self.db.transaction(&[RECORDS], TransactionMode::ReadOnly)?;
        let value = tx
            .store(RECORDS)?
            .get(JsValue::from_str(&Record::key(entity, id)))
            .await?;
        tx.done().await?;
        match value {
            Some(v) if !v.is_undefined() => Ok(Some(read_record(v)?)),
            _ => Ok(None),
        }
    }

    /// The oldest `limit` changes waiting to be sent (uuid v7 ids sort by time of the edit).
    pub async fn outbox(&self, limit: u32) -> Result<Vec<Change>> {
        let tx = self.db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
        let values = tx.store(OUTBOX)?.get_all(None, Some(limit)).await?;
        tx.done().await?;
        values
            .into_iter()
            .map(|v| unseal(&from_js::<StoredChange>(v)?.body))
            .collect()
    }

    /// How many changes wait to be sent.
    pub async fn outbox_len(&self) -> Result<u32> {
        let tx = self.db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
        let n = tx.store(OUTBOX)?.count(None).await?;
        tx.done().await?;
        Ok(n)
    }

    /// Changes the server refused, with its reasons.
    pub async fn refused(&self) -> Result<Vec<Refused>> {
        let tx = self
            .db
            .transaction(&[REJECTED], TransactionMode::ReadOnly)?;
        let values = tx.store(REJECTED)?.get_all(None, None).await?;
        tx.done().await?;
        values
            .into_iter()
            .map(|v| {
                let stored: StoredChange = from_js(v)?;
                Ok(Refused {
                    change: unseal(&stored.body)?,
                    reason: stored.reason.unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Takes the server's answers to a push: answered changes leave the outbox, accepted ones
    /// record their server version, refused ones move to the refused list with the reason.
    pub async fn settle_push(&self, sent: &[Change], results: &[ChangeResult]) -> Result<()> {
        let tx = self
            .db
            .transaction(&[RECORDS, OUTBOX, REJECTED], TransactionMode::ReadWrite)?;
        let records = tx.store(RECORDS)?;
        let by_id: BTreeMap<Uuid, &Change> = sent.iter().map(|c| (c.change_id, c)).collect();
        let answered: Vec<(&Change, &ChangeOutcome)> = results
            .iter()
            .filter_map(|r| by_id.get(&r.change_id).map(|c| (*c, &r.outcome)))
            .collect();
        let applied = answered
            .iter()
            .filter(|(_, o)| matches!(o, ChangeOutcome::Applied { .. }));
        let mut touched = update_records(
            &records,
            applied,
            |(c, _)| c,
            |record, (c, outcome)| {
                if let ChangeOutcome::Applied { version } = outcome {
                    record.acknowledge(&c.field, &c.hlc, *version);
                }
            },
        )
        .await?;
        // Only records this device holds are acknowledged; never create one from an answer.
        touched.retain(|_, r| !r.fields.is_empty());
        put_records(&records, &touched).await?;
        let refused = answered
            .iter()
            .filter_map(|(c, o)| match o {
                ChangeOutcome::Rejected { reason } => {
                    Some(stored_change(c, Some(reason.clone())).map(|v| (v, None)))
                }
                // The field's winning value, or the conflict to review, arrives by pull.
                ChangeOutcome::Applied { .. }
                | ChangeOutcome::Superseded { .. }
                | ChangeOutcome::Conflict { .. } => None,
            })
            .collect::<Result<Vec<_>>>()?;
        tx.store(REJECTED)?.put_all(refused.into_iter()).await?;
        let outbox = tx.store(OUTBOX)?;
        let deleted = join_all(
            answered
                .iter()
                .map(|(c, _)| outbox.delete(JsValue::from_str(&c.change_id.to_string()))),
        )
        .await;
        deleted
            .into_iter()
            .collect::<std::result::Result<Vec<()>, _>>()?;
        tx.done().await?;
        Ok(())
    }

    /// Applies a page of pulled changes and moves the cursor, atomically.
    pub async fn apply_pull(&self, pulled: &[PulledChange], cursor: i64) -> Result<()> {
        let tx = self
            .db
            .transaction(&[RECORDS, META], TransactionMode::ReadWrite)?;
        let records = tx.store(RECORDS)?;
        let touched = update_records(
            &records,
            pulled.iter(),
            |p| &p.change,
            |r, p| r.apply_pulled(p.seq, p.conflict, &p.change),
        )
        .await?;
        put_records(&records, &touched).await?;
        tx.store(META)?
            .put(&meta_entry(CURSOR, &cursor)?, None)
            .await?;
        tx.done().await?;
        Ok(())
    }

    /// A small non-case value (device id, cursor, clock, signed-in user).
    pub async fn meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        self.entry(META, key).await
    }

    pub async fn set_meta<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        self.set_entry(META, key, value).await
    }

    /// A keyed value of the meta or drafts store, sealed like everything else.
    async fn entry<T: DeserializeOwned>(&self, store: &str, key: &str) -> Result<Option<T>> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let value = tx.store(store)?.get(JsValue::from_str(key)).await?;
        tx.done().await?;
        match value {
            Some(v) if !v.is_undefined() => {
                let entry: MetaEntry = from_js(v)?;
                Ok(Some(unseal(&entry.value)?))
            }
            _ => Ok(None),
        }
    }

    async fn set_entry<T: Serialize>(&self, store: &str, key: &str, value: &T) -> Result<()> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        tx.store(store)?.put(&meta_entry(key, value)?, None).await?;
        tx.done().await?;
        Ok(())
    }
}

/// Meta key of the pull cursor.
pub const CURSOR: &str = "cursor";

#[derive(Serialize, Deserialize)]
struct MetaEntry {
    key: String,
    value: String,
}

fn meta_entry<T: Serialize>(key: &str, value: &T) -> Result<JsValue> {
    to_js(&MetaEntry {
        key: key.to_string(),
        value: seal(value)?,
    })
}
