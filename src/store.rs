//! The only way case data reaches IndexedDB. Every edit writes its records and its outbox entries
//! in one transaction, so a crash can never keep one without the other.
//!
//! Stored objects keep in clear only what IndexedDB must index (keys, entity kind, case id: no
//! names, dates or free text); the rest is the `body`, encrypted with AES-256-GCM under the
//! device's data key by [`Store::seal`] and read by [`Store::unseal`]. Until [`Store::unlock`] is
//! given the key, nothing can be read or written but the clear `keys` store (device id, the
//! PIN-wrapped key), so a locked tablet shows nothing even to the running app.
//!
//! WebCrypto is asynchronous and an IndexedDB transaction ends as soon as it has no request
//! pending, so no transaction waits on encryption: each operation reads in one transaction,
//! decrypts and encrypts outside any, then writes everything in one transaction (the record and
//! its outbox entry still go together). A lock serialises these read-modify-writes, so two edits
//! of one record in quick succession cannot overwrite each other.

use crate::crypto::{self, CryptoError};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use futures::future::{join_all, try_join_all};
use futures::lock::Mutex;
use homeward_core::attachment::{Attachment, Content};
use homeward_core::entities::DATA;
use homeward_core::record::Record;
use homeward_core::sync::{Change, ChangeOutcome, ChangeResult, Entity, PulledChange};
use js_sys::Uint8Array;
use rexie::{Index, KeyRange, ObjectStore, Rexie, TransactionMode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use web_sys::CryptoKey;

const VERSION: u32 = 5;
const RECORDS: &str = "records";
/// Unsaved form input, so a locked or backgrounded tablet loses nothing (sealed like records).
const DRAFTS: &str = "drafts";
const OUTBOX: &str = "outbox";
/// The sealed changes of one edit (or one import page), in one body: the outbox rows name their
/// batch, so queuing a thousand changes costs one encryption, not a thousand.
const OUTBOX_BATCHES: &str = "outbox_batches";
const REJECTED: &str = "rejected";
const META: &str = "meta";
/// The one store in clear: this device's id, the PIN-wrapped data key and the count of wrong PINs.
/// Nothing about a case or a person goes here.
const KEYS: &str = "keys";
/// The bytes of drawings, recordings and signatures, sealed, by case and sha256; `pending` (in
/// clear, indexed) marks those the server has not yet acknowledged.
const BLOBS: &str = "blobs";
/// Every store, for [`Store::wipe`].
const ALL_STORES: [&str; 8] = [
    RECORDS,
    DRAFTS,
    OUTBOX,
    OUTBOX_BATCHES,
    REJECTED,
    META,
    KEYS,
    BLOBS,
];

/// Why storage failed, in words the worker can pass on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("IndexedDB: {0}")]
    Db(String),
    #[error("a stored record could not be read: {0}")]
    Decode(String),
    /// The app is locked: the data key is not in memory.
    #[error("Homeward is locked")]
    Locked,
    #[error(transparent)]
    Crypto(#[from] CryptoError),
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

/// What IndexedDB holds for a change refused by the server: the body seals the change with the
/// server's reason, which can quote a name. Outbox rows of databases from before batches are
/// also of this form.
#[derive(Serialize, Deserialize)]
struct StoredChange {
    change_id: String,
    case_id: String,
    body: String,
}

/// An outbox row: which changes wait, and the batch (in [`OUTBOX_BATCHES`]) they are sealed in.
/// Rows are counted, ordered and shortened as the server answers without decrypting anything.
///
/// One row per batch: `change_id` is the batch's key (its first change) and `waiting` the ids of
/// its changes not yet answered, so queuing an import page is one write, not one per change.
/// Rows of older databases stand for one change each, `change_id`: with a `batch` and no
/// `waiting` (one row per change of a batch), or with their own `body` (before batches).
#[derive(Serialize, Deserialize)]
struct QueuedChange {
    change_id: String,
    case_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    batch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    waiting: Option<Vec<String>>,
}

impl QueuedChange {
    /// The ids of the changes this row holds back, oldest first.
    fn waiting(&self) -> Vec<&str> {
        match &self.waiting {
            Some(ids) => ids.iter().map(String::as_str).collect(),
            None => vec![self.change_id.as_str()],
        }
    }
}

/// How many changes the outbox rows `rows` hold back.
fn waiting_in(rows: &[JsValue]) -> Result<u32> {
    rows.iter().try_fold(0, |n, row| {
        let row: QueuedChange = from_js(row.clone())?;
        Ok(n + row.waiting().len() as u32)
    })
}

/// What IndexedDB holds for the bytes of an attachment.
#[derive(Serialize, Deserialize)]
struct StoredBlob {
    key: String,
    case_id: String,
    sha256: String,
    /// 1 until the server has the bytes (IndexedDB cannot index a boolean), then 0.
    pending: u8,
    /// The bytes, encrypted, as base64.
    body: String,
}

pub fn blob_key(case_id: Uuid, sha256: &str) -> String {
    format!("{case_id}/{sha256}")
}

/// What stops a wipe: changes not yet sent (or attachments not yet uploaded), changes the server
/// refused, and forms typed into but never saved (drafts, which never reach the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsettled {
    pub unsent: u32,
    pub refused: u32,
    pub drafts: u32,
}

/// A change the server refused, kept visible on the device with its reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub change: Change,
    pub reason: String,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    Ok(serde_wasm_bindgen::to_value(value)?)
}

fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T> {
    Ok(serde_wasm_bindgen::from_value(value)?)
}

fn found(value: Option<JsValue>) -> Option<JsValue> {
    value.filter(|v| !v.is_undefined())
}

/// Issues every request before awaiting any, so a transaction costs one round of the event loop
/// instead of one per key.
async fn get_many(store: &rexie::Store, keys: &[String]) -> Result<Vec<Option<JsValue>>> {
    let got = join_all(keys.iter().map(|k| store.get(JsValue::from_str(k)))).await;
    got.into_iter().map(|v| Ok(found(v?))).collect()
}

/// Below this many keys, asking which of them are held costs about what it saves.
const HELD_AMONG_MIN: usize = 16;

/// Which of `keys` the store holds, told by one read of the keys between the least and the
/// greatest, when there are not many more of them than asked for: else `None`. A page of an
/// import, or of a pull onto a new tablet, names records that are not there yet, with time-ordered
/// ids close together; one read of keys then spares a request per record that would find nothing.
async fn held_among(
    store: &rexie::Store,
    keys: &[String],
) -> Result<Option<std::collections::HashSet<String>>> {
    // Record keys are ASCII, whose byte order (Rust's) is IndexedDB's order too: a key outside
    // the range read would be taken for a new record, and its fields lost at the write.
    if keys.len() < HELD_AMONG_MIN || !keys.iter().all(|k| k.is_ascii()) {
        return Ok(None);
    }
    let (Some(least), Some(greatest)) = (keys.iter().min(), keys.iter().max()) else {
        return Ok(None);
    };
    let limit = u32::try_from(keys.len() * 2).unwrap_or(u32::MAX);
    let range = KeyRange::bound(&least.into(), &greatest.into(), None, None)?;
    let found = store.get_all_keys(Some(range), Some(limit)).await?;
    Ok((found.len() < limit as usize)
        .then(|| found.iter().filter_map(JsValue::as_string).collect()))
}

/// What identifies one sealed body: its nonce and the end of its ciphertext with GCM's tag. No
/// two seals share a nonce, and no other bytes can carry the same tag, so a body whose mark is
/// known opens to what it opened to before.
fn seal_mark(body: &str) -> Option<String> {
    // 16 base64 characters are the 12-byte nonce; the last 24 end with the 16-byte tag.
    (body.len() >= 40 && body.is_ascii())
        .then(|| format!("{}{}", &body[..16], &body[body.len() - 24..]))
}

/// Records this tab has decrypted or sealed since it was unlocked, each with the mark of the body
/// it came from. Decrypting is most of the cost of reading (one WebCrypto call per record), and a
/// case list or a case is read again after every save and sync: a record whose stored body still
/// has the same mark is taken from here instead. It is checked against IndexedDB on every read, so
/// another tab's write, a pull or a wipe is never hidden by it. It holds no more than the screens
/// show while unlocked, and is emptied when the store locks.
#[derive(Default)]
struct Opened {
    records: std::collections::HashMap<String, (String, Record)>,
    /// Bumped on every lock, so a decryption that ends after a lock is not kept.
    epoch: u64,
    /// Record bodies decrypted one by one since the store was opened (snapshots not counted).
    decrypted: u64,
    /// Rows read from IndexedDB by index reads since the store was opened.
    rows_read: u64,
    /// The snapshot keys already read since the last unlock: only the first read of each may be
    /// answered by its snapshot alone (after it, what was opened is cheaper to check).
    read_since_unlock: std::collections::HashSet<String>,
    /// Records this tab has sealed to write: a write remembers what it wrote before it commits.
    sealed_to_write: u64,
    /// Each index read's answer as it stood: the records version and the count of this tab's
    /// sealed writes it was read at, and the keys of its rows in order. While both are the same
    /// (and the row count), the answer is unchanged and needs no row read again.
    last_read: std::collections::HashMap<String, LastRead>,
}

/// See [`Opened::last_read`].
struct LastRead {
    version: String,
    sealed_to_write: u64,
    keys: Vec<String>,
}

impl Opened {
    /// The records of the last read under `snapshot`, when nothing can have changed them since.
    fn unchanged(&self, snapshot: &str, version: &str, rows: u32) -> Option<Vec<Record>> {
        let last = self.last_read.get(snapshot)?;
        if last.version != version
            || last.sealed_to_write != self.sealed_to_write
            || u32::try_from(last.keys.len()).ok() != Some(rows)
        {
            return None;
        }
        last.keys
            .iter()
            .map(|k| self.records.get(k).map(|(_, r)| r.clone()))
            .collect()
    }
}

/// A read of this many records not yet opened this session is worth one snapshot: below it, the
/// snapshot's own decryption and rewrite cost more than they save.
const SNAPSHOT_MIN: usize = 16;

/// How long a snapshot waits to be sealed after the read that asked for it, so that the list or
/// case it feeds is drawn first (sealing a caseload of 5,000 takes a few frames of the page).
const SNAPSHOT_DELAY_MS: u32 = 300;

/// Meta key of the snapshot of one index read (`entity` or `case_id`, and its value).
fn snapshot_key(index: &str, value: &str) -> String {
    format!("snapshot:{index}:{value}")
}

/// Where builds before sealed snapshots were kept as bytes put theirs (as base64 text, which
/// cost a caseload's unlock tens of milliseconds to carry into the wasm). Such a row is never
/// read (an older tab still open reads it, as it can); it goes when its successor is sealed.
fn text_snapshot_key(index: &str, value: &str) -> String {
    format!("opened:{index}:{value}")
}

/// Each record of a snapshot with its key and the mark of the body it came from.
type SnapshotEntry<'a> = (&'a str, &'a str, &'a Record);
type OwnedSnapshotEntry = (String, String, Record);

/// Key, in the clear `keys` store, of the records' version: a fresh id written by every
/// transaction that writes a record, in this tab or another. A snapshot that copies every row of
/// its index as it stood at one version is the whole truth while the version is the same, so an
/// unlock then reads the snapshot alone, not the thousands of rows it copies.
const RECORDS_VERSION: &str = "records_version";

/// A snapshot as sealed: the version its rows were read at, when it copies all of them.
#[derive(Serialize)]
struct SealedSnapshot<'a> {
    version: Option<&'a str>,
    entries: Vec<SnapshotEntry<'a>>,
}

#[derive(Deserialize)]
struct OpenedSnapshot {
    version: Option<String>,
    entries: Vec<OwnedSnapshotEntry>,
}

/// A snapshot's row in the meta store. Its version is kept in clear beside the sealed body too,
/// so that whether it is current is known inside the reading transaction, before any decryption
/// (which would end the transaction); the sealed copy is checked against it once opened.
#[derive(Serialize, Deserialize)]
struct SnapshotRow {
    key: String,
    /// Nonce, ciphertext and tag, as bytes that stay in JavaScript until WebCrypto opens them.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    sealed: Uint8Array,
    #[serde(default)]
    version: Option<String>,
    /// How many rows it copies. A tab still running a build from before records had a version
    /// writes without changing it; the count at least shows a record it added.
    #[serde(default)]
    rows: u32,
}

/// Writes sealed records inside `tx` (which must hold `records` and `keys`), with a new records
/// version when there are any: every record write goes through here, so none leaves a snapshot
/// looking current. Writing none (a pull that brought nothing) keeps the version.
async fn put_records(tx: &rexie::Transaction, records: Vec<JsValue>) -> Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    tx.store(RECORDS)?
        .put_all(records.into_iter().map(|v| (v, None)))
        .await?;
    let entry = clear_entry(RECORDS_VERSION, &Uuid::now_v7().to_string())?;
    tx.store(KEYS)?.put(&entry, None).await?;
    Ok(())
}

/// A row of the clear `keys` store: its value as JSON, unsealed.
fn clear_entry<T: Serialize>(key: &str, value: &T) -> Result<JsValue> {
    to_js(&MetaEntry {
        key: key.to_string(),
        value: serde_json::to_string(value)?,
    })
}

/// The records version as `tx` (which holds `keys`) sees it.
async fn records_version(tx: &rexie::Transaction) -> Result<Option<String>> {
    let entry = found(
        tx.store(KEYS)?
            .get(JsValue::from_str(RECORDS_VERSION))
            .await?,
    );
    match entry.map(from_js::<MetaEntry>).transpose()? {
        Some(e) => Ok(Some(serde_json::from_str(&e.value)?)),
        None => Ok(None),
    }
}

/// Takes the held attachments under `keys` out of the upload queue, inside the caller's
/// transaction; keys this device holds no bytes for are passed over.
async fn no_longer_pending(blobs: &rexie::Store, keys: &[String]) -> Result<()> {
    for held in get_many(blobs, keys).await?.into_iter().flatten() {
        let mut stored: StoredBlob = from_js(held)?;
        stored.pending = 0;
        blobs.put(&to_js(&stored)?, None).await?;
    }
    Ok(())
}

/// An open Homeward database. Cheap to clone; clones share the key, the write lock and the
/// opened records.
#[derive(Clone)]
pub struct Store {
    db: Rc<Rexie>,
    key: Rc<RefCell<Option<CryptoKey>>>,
    writing: Rc<Mutex<()>>,
    opened: Rc<RefCell<Opened>>,
}

impl Store {
    /// Opens (creating or upgrading) the database called `name`, locked.
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
                    .add_index(Index::new("case_id", "case_id"))
                    .add_index(Index::new("batch", "batch")),
            )
            .add_object_store(ObjectStore::new(OUTBOX_BATCHES).key_path("key"))
            .add_object_store(ObjectStore::new(REJECTED).key_path("change_id"))
            .add_object_store(ObjectStore::new(META).key_path("key"))
            .add_object_store(ObjectStore::new(DRAFTS).key_path("key"))
            .add_object_store(ObjectStore::new(KEYS).key_path("key"))
            .add_object_store(
                ObjectStore::new(BLOBS)
                    .key_path("key")
                    .add_index(Index::new("pending", "pending")),
            )
            .build()
            .await?;
        Ok(Store {
            db: Rc::new(db),
            key: Rc::new(RefCell::new(None)),
            writing: Rc::new(Mutex::new(())),
            opened: Rc::new(RefCell::new(Opened::default())),
        })
    }

    /// Deletes the whole database called `name`.
    pub async fn delete(name: &str) -> Result<()> {
        Ok(Rexie::delete(name).await?)
    }

    /// Gives the store the data key: case data can be read and written.
    pub fn unlock(&self, key: CryptoKey) {
        // What another key opened is not what this one would.
        self.forget_opened();
        self.key.replace(Some(key));
    }

    /// Forgets the data key: nothing but the clear `keys` store can be read until [`Store::unlock`].
    pub fn lock(&self) {
        self.key.replace(None);
        self.forget_opened();
    }

    fn forget_opened(&self) {
        let mut opened = self.opened.borrow_mut();
        opened.records = Default::default();
        opened.read_since_unlock = Default::default();
        opened.last_read = Default::default();
        opened.epoch += 1;
    }

    pub fn is_unlocked(&self) -> bool {
        self.key.borrow().is_some()
    }

    fn data_key(&self) -> Result<CryptoKey> {
        self.key.borrow().clone().ok_or(StoreError::Locked)
    }

    /// JSON of `value`, encrypted under `key`, as base64 text. Each write takes the key once, at
    /// its start, so a lock half-way through cannot leave it written in part.
    async fn seal<T: Serialize>(key: &CryptoKey, value: &T) -> Result<String> {
        let sealed = crypto::seal(key, &serde_json::to_vec(value)?).await?;
        Ok(BASE64.encode(sealed))
    }

    async fn unseal<T: DeserializeOwned>(&self, body: &str) -> Result<T> {
        let key = self.data_key()?;
        let sealed = BASE64
            .decode(body)
            .map_err(|e| StoreError::Decode(e.to_string()))?;
        Ok(serde_json::from_slice(&crypto::open(&key, &sealed).await?)?)
    }

    async fn stored_record(&self, key: &CryptoKey, record: &Record) -> Result<JsValue> {
        let epoch = self.opened.borrow().epoch;
        let stored = StoredRecord {
            key: Record::key(record.entity, record.entity_id),
            entity: record.entity.as_str().to_string(),
            case_id: record.case_id.to_string(),
            body: Self::seal(key, record).await?,
        };
        // Counted before it is remembered: no earlier read's answer stands once it is.
        self.opened.borrow_mut().sealed_to_write += 1;
        self.remember(epoch, &stored, record.clone());
        to_js(&stored)
    }

    /// Keeps what `stored` opens to, unless the store was locked since `epoch`.
    fn remember(&self, epoch: u64, stored: &StoredRecord, record: Record) {
        let mut opened = self.opened.borrow_mut();
        if opened.epoch != epoch || !self.is_unlocked() {
            return;
        }
        if let Some(mark) = seal_mark(&stored.body) {
            opened.records.insert(stored.key.clone(), (mark, record));
        }
    }

    async fn stored_change<T: Serialize>(
        key: &CryptoKey,
        change: &Change,
        body: &T,
    ) -> Result<JsValue> {
        to_js(&StoredChange {
            change_id: change.change_id.to_string(),
            case_id: change.case_id.to_string(),
            body: Self::seal(key, body).await?,
        })
    }

    /// What `stored` opened to earlier this session, if its body is still the one opened.
    fn opened_before(&self, stored: &StoredRecord) -> Option<Record> {
        self.with_opened(stored, Record::clone)
    }

    /// `f` of what `stored` opened to earlier this session, if its body is still the one opened.
    fn with_opened<T>(&self, stored: &StoredRecord, f: impl FnOnce(&Record) -> T) -> Option<T> {
        let mark = seal_mark(&stored.body)?;
        let opened = self.opened.borrow();
        let (known, record) = opened.records.get(&stored.key)?;
        (*known == mark).then(|| f(record))
    }

    async fn read_record(&self, value: JsValue) -> Result<Record> {
        self.open_record(&from_js::<StoredRecord>(value)?).await
    }

    async fn open_record(&self, stored: &StoredRecord) -> Result<Record> {
        // The key is checked first: a locked store reads nothing, opened before or not.
        self.data_key()?;
        if let Some(record) = self.opened_before(stored) {
            return Ok(record);
        }
        let epoch = self.opened.borrow().epoch;
        let record: Record = self.unseal(&stored.body).await?;
        self.opened.borrow_mut().decrypted += 1;
        self.remember(epoch, stored, record.clone());
        Ok(record)
    }

    /// How many record bodies this store has decrypted one by one since it was opened: what a
    /// snapshot saves, made visible to tests and the benchmark.
    pub fn records_decrypted(&self) -> u64 {
        self.opened.borrow().decrypted
    }

    /// Rows read from IndexedDB by index reads since the store was opened: what a current
    /// snapshot saves, made visible to tests and the benchmark.
    pub fn rows_read(&self) -> u64 {
        self.opened.borrow().rows_read
    }

    fn unopened(&self, rows: &[StoredRecord]) -> usize {
        // Counted without cloning: a caseload is thousands of records.
        rows.iter()
            .filter(|r| self.with_opened(r, |_| ()).is_none())
            .count()
    }

    async fn open_snapshot(&self, row: &SnapshotRow) -> Result<OpenedSnapshot> {
        let bytes = crypto::open_js(&self.data_key()?, &row.sealed).await?;
        Ok(serde_json::from_slice(&bytes)?)
    }

    /// The records of a snapshot that copies every row of its index at `version`, the version
    /// now, remembered as opened; `None` (and nothing remembered) when it is not that.
    async fn whole_snapshot(
        &self,
        row: &SnapshotRow,
        version: &str,
        writes: u64,
    ) -> Option<Vec<Record>> {
        let epoch = self.opened.borrow().epoch;
        let opened = match self.open_snapshot(row).await {
            Ok(s) => s,
            Err(e) => {
                web_sys::console::warn_1(&format!("snapshot {} not used: {e}", row.key).into());
                return None;
            }
        };
        // The sealed copy of the version must agree with the clear one it was chosen by.
        if opened.version.as_deref() != Some(version) {
            return None;
        }
        let mut memo = self.opened.borrow_mut();
        if memo.epoch != epoch || !self.is_unlocked() {
            return None;
        }
        let mut records = Vec::with_capacity(opened.entries.len());
        let mut keys = Vec::with_capacity(opened.entries.len());
        for (key, mark, record) in opened.entries {
            records.push(record.clone());
            keys.push(key.clone());
            memo.records.insert(key, (mark, record));
        }
        memo.last_read.insert(
            row.key.clone(),
            LastRead {
                version: version.to_string(),
                sealed_to_write: writes,
                keys,
            },
        );
        Some(records)
    }

    /// Remembers each record of the snapshot `row` whose row in `rows` still has its mark.
    async fn restore_snapshot(
        &self,
        row: &SnapshotRow,
        epoch: u64,
        rows: &[StoredRecord],
    ) -> Result<()> {
        let entries = self.open_snapshot(row).await?.entries;
        let marks: std::collections::HashMap<&str, String> = rows
            .iter()
            .filter_map(|r| Some((r.key.as_str(), seal_mark(&r.body)?)))
            .collect();
        let mut opened = self.opened.borrow_mut();
        if opened.epoch != epoch || !self.is_unlocked() {
            return Ok(());
        }
        for (record_key, mark, record) in entries {
            if marks.get(record_key.as_str()) == Some(&mark) {
                opened.records.insert(record_key, (mark, record));
            }
        }
        Ok(())
    }

    /// Seals what `rows` opened to as the snapshot `key`, under the write lock and only while
    /// the store is unlocked as it was at `epoch`: a wipe or a lock that came first wins, so no
    /// snapshot outlives the data it copies or is sealed under the wrong key. It carries the
    /// records `version` the rows were read at only when it copies every one of them as read.
    /// The snapshot an older build kept under `superseded` goes with it.
    async fn keep_snapshot(
        &self,
        key: &str,
        superseded: &str,
        epoch: u64,
        rows: &[StoredRecord],
        version: Option<String>,
    ) -> Result<()> {
        let _writing = self.writing.lock().await;
        let data_key = self.data_key()?;
        let (entry, version) = {
            let opened = self.opened.borrow();
            if opened.epoch != epoch {
                return Ok(());
            }
            let entries: Vec<SnapshotEntry> = rows
                .iter()
                .filter_map(|r| {
                    let (mark, record) = opened.records.get(&r.key)?;
                    Some((r.key.as_str(), mark.as_str(), record))
                })
                .collect();
            let whole = entries.len() == rows.len()
                && rows
                    .iter()
                    .zip(&entries)
                    .all(|(r, (_, mark, _))| seal_mark(&r.body).as_deref() == Some(*mark));
            let version = version.filter(|_| whole);
            let sealed = SealedSnapshot {
                version: version.as_deref(),
                entries,
            };
            (serde_json::to_vec(&sealed)?, version)
        };
        let sealed = Uint8Array::from(crypto::seal(&data_key, &entry).await?.as_slice());
        if self.opened.borrow().epoch != epoch {
            return Ok(());
        }
        let entry = to_js(&SnapshotRow {
            key: key.to_string(),
            sealed,
            version,
            rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        })?;
        let tx = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        let meta = tx.store(META)?;
        meta.put(&entry, None).await?;
        meta.delete(JsValue::from_str(superseded)).await?;
        tx.done().await?;
        Ok(())
    }

    async fn sealed_records(
        &self,
        key: &CryptoKey,
        records: &BTreeMap<String, Record>,
    ) -> Result<Vec<JsValue>> {
        try_join_all(records.values().map(|r| self.stored_record(key, r))).await
    }

    /// The outbox row of `changes` and the sealed batch it points to (none for no change).
    async fn queued_changes(key: &CryptoKey, changes: &[Change]) -> Result<Option<[JsValue; 2]>> {
        let Some(first) = changes.first() else {
            return Ok(None);
        };
        // The first change's id is unique, so it names the batch.
        let batch = first.change_id.to_string();
        let row = to_js(&QueuedChange {
            change_id: batch.clone(),
            case_id: first.case_id.to_string(),
            batch: Some(batch.clone()),
            body: None,
            waiting: Some(changes.iter().map(|c| c.change_id.to_string()).collect()),
        })?;
        let sealed = Self::meta_entry(key, &batch, &changes).await?;
        Ok(Some([row, sealed]))
    }

    /// The records under `keys` that this device holds, by key.
    async fn load_records(&self, keys: Vec<String>) -> Result<BTreeMap<String, Record>> {
        let tx = self.db.transaction(&[RECORDS], TransactionMode::ReadOnly)?;
        let store = tx.store(RECORDS)?;
        let keys = match held_among(&store, &keys).await? {
            Some(held) => keys.into_iter().filter(|k| held.contains(k)).collect(),
            None => keys,
        };
        let values = get_many(&store, &keys).await?;
        tx.done().await?;
        let held = keys
            .into_iter()
            .zip(values)
            .filter_map(|(k, v)| v.map(|v| (k, v)));
        try_join_all(held.map(|(k, v)| async move { Ok((k, self.read_record(v).await?)) }))
            .await
            .map(|pairs| pairs.into_iter().collect())
    }

    /// Applies `apply` to each change's record (loaded, or new) and returns the records it
    /// changed or made. One it left as stored is not sealed and written again: a pull brings
    /// back this device's own changes, which the answers to its push have already recorded.
    async fn update_records<'a, C: 'a>(
        &self,
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
        let stored = self.load_records(keys).await?;
        let mut touched = stored.clone();
        for item in items {
            let c = change(item);
            let record = touched
                .entry(Record::key(c.entity, c.entity_id))
                .or_insert_with(|| Record::new(c.entity, c.entity_id, c.case_id));
            apply(record, item);
        }
        touched.retain(|key, record| stored.get(key) != Some(record));
        Ok(touched)
    }

    /// Applies local edits to their records and queues them for sending, atomically.
    pub async fn write_local(&self, changes: &[Change]) -> Result<()> {
        self.write_local_with(changes, &[]).await
    }

    /// As [`Store::write_local`], with the bytes of the attachments the changes describe, each
    /// with its case, queued for upload in the same transaction: a record is never kept without
    /// its content, nor content without its record.
    pub async fn write_local_with(
        &self,
        changes: &[Change],
        contents: &[(Uuid, Content)],
    ) -> Result<()> {
        let _writing = self.writing.lock().await;
        let key = self.data_key()?;
        let touched = self
            .update_records(changes.iter(), |c| c, |r, c| r.apply_local(c))
            .await?;
        let records = self.sealed_records(&key, &touched).await?;
        let queued = Self::queued_changes(&key, changes).await?;
        let blobs = try_join_all(contents.iter().map(|(case_id, content)| {
            let key = &key;
            async move {
                let bytes = content
                    .bytes()
                    .map_err(|e| StoreError::Decode(e.to_string()))?;
                Self::stored_blob(key, *case_id, &content.attachment.sha256, &bytes, true).await
            }
        }))
        .await?;
        let tx = self.db.transaction(
            &[RECORDS, OUTBOX, OUTBOX_BATCHES, BLOBS, KEYS],
            TransactionMode::ReadWrite,
        )?;
        put_records(&tx, records).await?;
        if let Some([row, batch]) = queued {
            tx.store(OUTBOX)?.put(&row, None).await?;
            tx.store(OUTBOX_BATCHES)?.put(&batch, None).await?;
        }
        tx.store(BLOBS)?
            .put_all(blobs.into_iter().map(|v| (v, None)))
            .await?;
        tx.done().await?;
        Ok(())
    }

    async fn stored_blob(
        key: &CryptoKey,
        case_id: Uuid,
        sha256: &str,
        bytes: &[u8],
        pending: bool,
    ) -> Result<JsValue> {
        to_js(&StoredBlob {
            key: blob_key(case_id, sha256),
            case_id: case_id.to_string(),
            sha256: sha256.to_string(),
            pending: u8::from(pending),
            body: BASE64.encode(crypto::seal(key, bytes).await?),
        })
    }

    async fn open_blob(&self, stored: &StoredBlob) -> Result<Vec<u8>> {
        let key = self.data_key()?;
        let sealed = BASE64
            .decode(&stored.body)
            .map_err(|e| StoreError::Decode(e.to_string()))?;
        Ok(crypto::open(&key, &sealed).await?)
    }

    /// The bytes of an attachment of `case_id`, if this device holds them.
    pub async fn blob(&self, case_id: Uuid, sha256: &str) -> Result<Option<Vec<u8>>> {
        let tx = self.db.transaction(&[BLOBS], TransactionMode::ReadOnly)?;
        let value = tx
            .store(BLOBS)?
            .get(JsValue::from_str(&blob_key(case_id, sha256)))
            .await?;
        tx.done().await?;
        match found(value) {
            Some(v) => Ok(Some(self.open_blob(&from_js(v)?).await?)),
            None => Ok(None),
        }
    }

    /// The case and sha256 of every attachment whose bytes the server does not have yet
    /// (read without decrypting, so a large backlog costs no memory until each is sent).
    pub async fn pending_blobs(&self) -> Result<Vec<(Uuid, String)>> {
        let tx = self.db.transaction(&[BLOBS], TransactionMode::ReadOnly)?;
        let keys = tx
            .store(BLOBS)?
            .index("pending")?
            .get_all_keys(Some(KeyRange::only(&JsValue::from(1))?), None)
            .await?;
        tx.done().await?;
        Ok(keys
            .into_iter()
            .filter_map(|k| {
                let k = k.as_string()?;
                let (case_id, sha256) = k.split_once('/')?;
                Some((Uuid::parse_str(case_id).ok()?, sha256.to_string()))
            })
            .collect())
    }

    /// How many attachments wait to be uploaded (counted without decrypting).
    pub async fn pending_blobs_len(&self) -> Result<u32> {
        let tx = self.db.transaction(&[BLOBS], TransactionMode::ReadOnly)?;
        let n = tx
            .store(BLOBS)?
            .index("pending")?
            .count(Some(KeyRange::only(&JsValue::from(1))?))
            .await?;
        tx.done().await?;
        Ok(n)
    }

    /// Marks an attachment's bytes as held by the server (it answered the upload).
    pub async fn blob_uploaded(&self, case_id: Uuid, sha256: &str) -> Result<()> {
        let _writing = self.writing.lock().await;
        let tx = self.db.transaction(&[BLOBS], TransactionMode::ReadWrite)?;
        no_longer_pending(&tx.store(BLOBS)?, &[blob_key(case_id, sha256)]).await?;
        tx.done().await?;
        Ok(())
    }

    /// Keeps the bytes of an attachment fetched from the server (already checked by the caller).
    pub async fn put_downloaded_blob(
        &self,
        case_id: Uuid,
        sha256: &str,
        bytes: &[u8],
    ) -> Result<()> {
        let _writing = self.writing.lock().await;
        let key = self.data_key()?;
        let value = Self::stored_blob(&key, case_id, sha256, bytes, false).await?;
        self.put(BLOBS, value).await
    }

    /// The keys (`case/sha256`) of every attachment whose bytes this device holds.
    pub async fn held_blobs(&self) -> Result<std::collections::BTreeSet<String>> {
        let tx = self.db.transaction(&[BLOBS], TransactionMode::ReadOnly)?;
        let keys = tx.store(BLOBS)?.get_all_keys(None, None).await?;
        tx.done().await?;
        Ok(keys.into_iter().filter_map(|k| k.as_string()).collect())
    }

    /// The values of one index equal to `value`, decrypted. The first read of an index after an
    /// unlock looks at its snapshot first, in the same transaction as the records version: when
    /// the snapshot copies every row at the version there is now, it is the answer, and no row is
    /// read.
    async fn records_where(&self, index: &str, value: &str) -> Result<Vec<Record>> {
        self.data_key()?;
        let snapshot = snapshot_key(index, value);
        let first = self
            .opened
            .borrow_mut()
            .read_since_unlock
            .insert(snapshot.clone());
        let writes = self.opened.borrow().sealed_to_write;
        let tx = self
            .db
            .transaction(&[RECORDS, META, KEYS], TransactionMode::ReadOnly)?;
        let version = records_version(&tx).await?;
        let row = if first {
            tx.store(META)?.get(JsValue::from_str(&snapshot)).await?
        } else {
            None
        };
        let rows = tx
            .store(RECORDS)?
            .index(index)?
            .count(Some(KeyRange::only(&JsValue::from_str(value))?))
            .await?;
        tx.done().await?;
        if let Some(v) = version.as_deref() {
            if let Some(records) = self.opened.borrow().unchanged(&snapshot, v, rows) {
                return Ok(records);
            }
        }
        let seen = found(row).map(from_js::<SnapshotRow>).transpose()?;
        let current = seen
            .as_ref()
            .filter(|row| row.rows == rows)
            .zip(version.as_deref())
            .filter(|(row, v)| row.version.as_deref() == Some(*v));
        if let Some((row, v)) = current {
            if let Some(records) = self.whole_snapshot(row, v, writes).await {
                return Ok(records);
            }
        }
        self.read_rows(index, value, snapshot, first, seen).await
    }

    /// Reads every row of an index value (`snapshot` names the snapshot of that read), with the
    /// records version they were read at, first taking what the snapshot holds when many are not
    /// yet opened this session, as after an unlock: one decryption of the snapshot instead of one
    /// per record. The snapshot only lends what a row still holds (same mark); anything else is
    /// decrypted from its row. When many rows had to be decrypted, or this first read after an
    /// unlock (`first`, which has looked for the snapshot row already: `found`) found the
    /// snapshot out of date, the snapshot is sealed again afterwards.
    async fn read_rows(
        &self,
        index: &str,
        value: &str,
        snapshot: String,
        first: bool,
        found: Option<SnapshotRow>,
    ) -> Result<Vec<Record>> {
        let (writes, epoch) = {
            let opened = self.opened.borrow();
            (opened.sealed_to_write, opened.epoch)
        };
        let tx = self
            .db
            .transaction(&[RECORDS, KEYS], TransactionMode::ReadOnly)?;
        let version = records_version(&tx).await?;
        let values = tx
            .store(RECORDS)?
            .index(index)?
            .get_all(Some(KeyRange::only(&JsValue::from_str(value))?), None)
            .await?;
        tx.done().await?;
        let rows: Vec<StoredRecord> = values.into_iter().map(from_js).collect::<Result<_>>()?;
        self.opened.borrow_mut().rows_read += rows.len() as u64;
        let mut stale = self.unopened(&rows);
        let mut outdated = first && rows.len() >= SNAPSHOT_MIN;
        if stale >= SNAPSHOT_MIN {
            // The first read after an unlock has looked for the snapshot already.
            let sealed = if first {
                found
            } else {
                self.raw_entry(META, &snapshot).await?
            };
            if let Some(row) = sealed {
                outdated &= row.version.is_none()
                    || row.version != version
                    || usize::try_from(row.rows).ok() != Some(rows.len());
                if let Err(e) = self.restore_snapshot(&row, epoch, &rows).await {
                    // Only a saving is lost: every row is still read from its own body.
                    web_sys::console::warn_1(&format!("snapshot {snapshot} not used: {e}").into());
                }
            }
            // Counted again only when the snapshot may have lent some: else nothing changed.
            stale = self.unopened(&rows);
        }
        let records = try_join_all(rows.iter().map(|r| self.open_record(r))).await?;
        if let Some(version) = version.clone() {
            let mut opened = self.opened.borrow_mut();
            if opened.epoch == epoch {
                let keys = rows.iter().map(|r| r.key.clone()).collect();
                opened.last_read.insert(
                    snapshot.clone(),
                    LastRead {
                        version,
                        sealed_to_write: writes,
                        keys,
                    },
                );
            }
        }
        if stale >= SNAPSHOT_MIN || outdated {
            let store = self.clone();
            let superseded = text_snapshot_key(index, value);
            wasm_bindgen_futures::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(SNAPSHOT_DELAY_MS).await;
                let kept = store.keep_snapshot(&snapshot, &superseded, epoch, &rows, version);
                if let Err(e) = kept.await {
                    web_sys::console::warn_1(&format!("snapshot {snapshot} not kept: {e}").into());
                }
            });
        }
        Ok(records)
    }

    /// Every record of one kind.
    pub async fn records(&self, entity: Entity) -> Result<Vec<Record>> {
        self.records_where("entity", entity.as_str()).await
    }

    /// Every record of one case (the case itself and its practice items).
    pub async fn case_records(&self, case_id: Uuid) -> Result<Vec<Record>> {
        self.records_where("case_id", &case_id.to_string()).await
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
        self.delete_entry(DRAFTS, key).await
    }

    /// One record, if this device has it.
    pub async fn record(&self, entity: Entity, id: Uuid) -> Result<Option<Record>> {
        let key = Record::key(entity, id);
        Ok(self.load_records(vec![key.clone()]).await?.remove(&key))
    }

    /// The oldest `limit` changes waiting to be sent (uuid v7 ids sort by time of the edit).
    pub async fn outbox(&self, limit: u32) -> Result<Vec<Change>> {
        self.data_key()?;
        let tx = self
            .db
            .transaction(&[OUTBOX, OUTBOX_BATCHES], TransactionMode::ReadOnly)?;
        let rows: Vec<QueuedChange> = tx
            .store(OUTBOX)?
            .get_all(None, Some(limit))
            .await?
            .into_iter()
            .map(from_js)
            .collect::<Result<_>>()?;
        // Only the rows that hold the oldest `limit` changes: an import queues pages of 1,500,
        // and a push must not open every page to send the first thousand.
        let mut held = 0;
        let rows: Vec<QueuedChange> = rows
            .into_iter()
            .take_while(|r| {
                let needed = held < limit as usize;
                held += r.waiting().len();
                needed
            })
            .collect();
        let batch_keys: Vec<String> = rows
            .iter()
            .filter_map(|r| r.batch.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let batches = get_many(&tx.store(OUTBOX_BATCHES)?, &batch_keys).await?;
        tx.done().await?;
        let opened = try_join_all(batches.into_iter().flatten().map(|v| async move {
            let entry: MetaEntry = from_js(v)?;
            self.unseal::<Vec<Change>>(&entry.value).await
        }))
        .await?;
        let mut by_id: std::collections::HashMap<String, Change> = opened
            .into_iter()
            .flatten()
            .map(|c| (c.change_id.to_string(), c))
            .collect();
        // Each row holds back at least one change, so `limit` rows are enough.
        let wanted: Vec<(String, Option<String>)> = rows
            .into_iter()
            .flat_map(|row| {
                let ids: Vec<String> = row.waiting().into_iter().map(str::to_string).collect();
                let body = row.body;
                ids.into_iter().map(move |id| (id, body.clone()))
            })
            .take(limit as usize)
            .collect();
        try_join_all(wanted.into_iter().map(|(id, body)| {
            let found = by_id.remove(&id);
            async move {
                match (found, body) {
                    (Some(change), _) => Ok(change),
                    (None, Some(body)) => self.unseal(&body).await,
                    (None, None) => Err(StoreError::Decode(format!(
                        "the queued change {id} has lost its sealed batch"
                    ))),
                }
            }
        }))
        .await
    }

    /// How many changes wait to be sent (counted without decrypting: works while locked).
    pub async fn outbox_len(&self) -> Result<u32> {
        let tx = self.db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
        let rows = tx.store(OUTBOX)?.get_all(None, None).await?;
        tx.done().await?;
        waiting_in(&rows)
    }

    /// What waits to reach the server: changes, and attachments whose bytes are not uploaded.
    pub async fn waiting_len(&self) -> Result<u32> {
        Ok(self.outbox_len().await? + self.pending_blobs_len().await?)
    }

    /// How many changes the server refused (counted without decrypting).
    pub async fn refused_len(&self) -> Result<u32> {
        self.count(REJECTED).await
    }

    async fn count(&self, store: &str) -> Result<u32> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let n = tx.store(store)?.count(None).await?;
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
        try_join_all(values.into_iter().map(|v| async move {
            let stored: StoredChange = from_js(v)?;
            let (change, reason): (Change, String) = self.unseal(&stored.body).await?;
            Ok(Refused { change, reason })
        }))
        .await
    }

    /// Takes the server's answers to a push: answered changes leave the outbox, accepted ones
    /// record their server version, refused ones move to the refused list with the reason.
    pub async fn settle_push(&self, sent: &[Change], results: &[ChangeResult]) -> Result<()> {
        let _writing = self.writing.lock().await;
        let key = self.data_key()?;
        let by_id: BTreeMap<Uuid, &Change> = sent.iter().map(|c| (c.change_id, c)).collect();
        let answered: Vec<(&Change, &ChangeOutcome)> = results
            .iter()
            .filter_map(|r| by_id.get(&r.change_id).map(|c| (*c, &r.outcome)))
            .collect();
        let applied = answered
            .iter()
            .filter(|(_, o)| matches!(o, ChangeOutcome::Applied { .. }));
        let mut touched = self
            .update_records(
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
        let records = self.sealed_records(&key, &touched).await?;
        let refused = try_join_all(answered.iter().filter_map(|(c, o)| match o {
            ChangeOutcome::Rejected { reason } => {
                let key = &key;
                Some(async move { Self::stored_change(key, c, &(*c, reason)).await })
            }
            // The field's winning value, or the conflict to review, arrives by pull.
            ChangeOutcome::Applied { .. }
            | ChangeOutcome::Superseded { .. }
            | ChangeOutcome::Conflict { .. } => None,
        }))
        .await?;
        // The bytes of an attachment whose record was refused can never be uploaded (the server
        // keeps only bytes a record describes): they stay on the tablet with the refused change,
        // no longer waiting, so they do not hold up every sync and sign-out for ever.
        let unsendable: Vec<String> = answered
            .iter()
            .filter(|(c, o)| {
                matches!(o, ChangeOutcome::Rejected { .. })
                    && c.entity == Entity::Attachment
                    && c.field == DATA
            })
            .filter_map(|(c, _)| {
                let a: Attachment = serde_json::from_value(c.value.clone()).ok()?;
                Some(blob_key(c.case_id, &a.sha256))
            })
            .collect();
        let tx = self.db.transaction(
            &[RECORDS, OUTBOX, OUTBOX_BATCHES, REJECTED, BLOBS, KEYS],
            TransactionMode::ReadWrite,
        )?;
        no_longer_pending(&tx.store(BLOBS)?, &unsendable).await?;
        put_records(&tx, records).await?;
        tx.store(REJECTED)?
            .put_all(refused.into_iter().map(|v| (v, None)))
            .await?;
        let outbox = tx.store(OUTBOX)?;
        let ids: std::collections::HashSet<String> = answered
            .iter()
            .map(|(c, _)| c.change_id.to_string())
            .collect();
        let mut batches = std::collections::BTreeSet::new();
        let mut emptied = Vec::new();
        let mut shortened = Vec::new();
        for row in outbox.get_all(None, None).await? {
            let mut row: QueuedChange = from_js(row)?;
            let (held, left): (Vec<&str>, Vec<&str>) =
                row.waiting().into_iter().partition(|id| ids.contains(*id));
            if held.is_empty() {
                continue;
            }
            let left: Vec<String> = left.into_iter().map(str::to_string).collect();
            batches.extend(row.batch.clone());
            if left.is_empty() {
                emptied.push(row.change_id);
            } else {
                row.waiting = Some(left);
                shortened.push(to_js(&row)?);
            }
        }
        outbox
            .put_all(shortened.into_iter().map(|v| (v, None)))
            .await?;
        let deleted = join_all(
            emptied
                .iter()
                .map(|id| outbox.delete(JsValue::from_str(id))),
        )
        .await;
        deleted
            .into_iter()
            .collect::<std::result::Result<Vec<()>, _>>()?;
        // A batch goes once no row holds back any of its changes (requests of one transaction
        // run in order, so the counts see the deletes above).
        let by_batch = outbox.index("batch")?;
        let sealed = tx.store(OUTBOX_BATCHES)?;
        for batch in batches {
            let key = JsValue::from_str(&batch);
            if by_batch.count(Some(KeyRange::only(&key)?)).await? == 0 {
                sealed.delete(key).await?;
            }
        }
        tx.done().await?;
        Ok(())
    }

    /// Applies a page of pulled changes and moves the cursor, atomically.
    pub async fn apply_pull(&self, pulled: &[PulledChange], cursor: i64) -> Result<()> {
        let _writing = self.writing.lock().await;
        let key = self.data_key()?;
        let touched = self
            .update_records(
                pulled.iter(),
                |p| &p.change,
                |r, p| r.apply_pulled(p.seq, p.conflict, &p.change),
            )
            .await?;
        let records = self.sealed_records(&key, &touched).await?;
        let cursor = Self::meta_entry(&key, CURSOR, &cursor).await?;
        let tx = self
            .db
            .transaction(&[RECORDS, META, KEYS], TransactionMode::ReadWrite)?;
        put_records(&tx, records).await?;
        tx.store(META)?.put(&cursor, None).await?;
        tx.done().await?;
        Ok(())
    }

    /// A small non-case value (cursor, clock, signed-in user), sealed like case data.
    pub async fn meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        self.entry(META, key).await
    }

    pub async fn set_meta<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        self.set_entry(META, key, value).await
    }

    /// A value of the clear `keys` store: readable while locked, so never case data.
    pub async fn clear_value<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        match self.raw_entry::<MetaEntry>(KEYS, key).await? {
            Some(entry) => Ok(Some(serde_json::from_str(&entry.value)?)),
            None => Ok(None),
        }
    }

    pub async fn set_clear_value<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        self.put_entry(KEYS, clear_entry(key, value)?).await
    }

    pub async fn delete_clear_value(&self, key: &str) -> Result<()> {
        self.delete_entry(KEYS, key).await
    }

    /// Empties every store in one transaction: case data, outbox, drafts, meta and keys, whatever
    /// they hold (a revoked tablet, a database that cannot be opened as sealed).
    pub async fn wipe(&self) -> Result<()> {
        self.clear_unless(|_| false).await.map(drop)
    }

    /// Empties every store, but only if no change waits to be sent (and, unless `discard_too`,
    /// no change the server refused and no unsaved draft is kept), counted in the same transaction
    /// that clears, under the write lock: an edit made meanwhile is never wiped unsent.
    /// `Ok(Some(_))` says what is left.
    pub async fn wipe_if_settled(&self, discard_too: bool) -> Result<Option<Unsettled>> {
        self.clear_unless(|u| u.unsent > 0 || ((u.refused > 0 || u.drafts > 0) && !discard_too))
            .await
    }

    /// Clears every store unless `keep` says what is still there must stay.
    async fn clear_unless(&self, keep: impl Fn(&Unsettled) -> bool) -> Result<Option<Unsettled>> {
        let _writing = self.writing.lock().await;
        let tx = self
            .db
            .transaction(&ALL_STORES, TransactionMode::ReadWrite)?;
        let unuploaded = tx
            .store(BLOBS)?
            .index("pending")?
            .count(Some(KeyRange::only(&JsValue::from(1))?))
            .await?;
        let left = Unsettled {
            unsent: waiting_in(&tx.store(OUTBOX)?.get_all(None, None).await?)? + unuploaded,
            refused: tx.store(REJECTED)?.count(None).await?,
            drafts: tx.store(DRAFTS)?.count(None).await?,
        };
        if keep(&left) {
            tx.abort().await?;
            return Ok(Some(left));
        }
        for name in ALL_STORES {
            tx.store(name)?.clear().await?;
        }
        tx.done().await?;
        self.lock();
        Ok(None)
    }

    async fn raw_entry<T: DeserializeOwned>(&self, store: &str, key: &str) -> Result<Option<T>> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let value = tx.store(store)?.get(JsValue::from_str(key)).await?;
        tx.done().await?;
        found(value).map(from_js).transpose()
    }

    /// A keyed value of the meta or drafts store.
    async fn entry<T: DeserializeOwned>(&self, store: &str, key: &str) -> Result<Option<T>> {
        match self.raw_entry::<MetaEntry>(store, key).await? {
            Some(entry) => Ok(Some(self.unseal(&entry.value).await?)),
            None => Ok(None),
        }
    }

    /// Under the write lock, so keyed values land in the order they were set (sealing takes
    /// varying time: a large drawing must not overwrite a later, smaller save).
    async fn set_entry<T: Serialize>(&self, store: &str, key: &str, value: &T) -> Result<()> {
        let _writing = self.writing.lock().await;
        let data_key = self.data_key()?;
        let entry = Self::meta_entry(&data_key, key, value).await?;
        self.put(store, entry).await
    }

    async fn put_entry(&self, store: &str, entry: JsValue) -> Result<()> {
        let _writing = self.writing.lock().await;
        self.put(store, entry).await
    }

    async fn put(&self, store: &str, entry: JsValue) -> Result<()> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        tx.store(store)?.put(&entry, None).await?;
        tx.done().await?;
        Ok(())
    }

    async fn delete_entry(&self, store: &str, key: &str) -> Result<()> {
        let _writing = self.writing.lock().await;
        let tx = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        tx.store(store)?.delete(JsValue::from_str(key)).await?;
        tx.done().await?;
        Ok(())
    }

    async fn meta_entry<T: Serialize>(
        data_key: &CryptoKey,
        key: &str,
        value: &T,
    ) -> Result<JsValue> {
        to_js(&MetaEntry {
            key: key.to_string(),
            value: Self::seal(data_key, value).await?,
        })
    }
}

/// Meta key of the pull cursor.
pub const CURSOR: &str = "cursor";

#[derive(Serialize, Deserialize)]
struct MetaEntry {
    key: String,
    value: String,
}
