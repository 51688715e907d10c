//! One case's practice record on a case screen: loaded once from IndexedDB into a signal,
//! reloaded when anything is saved or pulled, and written back as item records through the
//! store's single write path (record and outbox in one transaction), then queued for sync.

use crate::state::{use_app, AppState, CaseRow};
use crate::store::StoreError;
use crate::{format, local, sync};
use homeward_core::attachment::Content;
use homeward_core::entities::{self, DATA, DELETED};
use homeward_core::practice::CaseFile;
use homeward_core::record::Record;
use homeward_core::stages::{Checklist, Task, TaskState};
use homeward_core::sync::Entity;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use uuid::Uuid;

/// What a case screen works from.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseData {
    pub items: Vec<Record>,
    pub file: CaseFile,
}

impl CaseData {
    fn new(items: Vec<Record>) -> CaseData {
        let file = entities::case_file(&items);
        CaseData { items, file }
    }

    /// The live items of one kind with their record ids (needed to edit or remove them, since
    /// some core types carry no id of their own).
    pub fn with_ids<T: DeserializeOwned>(&self, entity: Entity) -> Vec<(Uuid, T)> {
        self.items
            .iter()
            .filter(|r| r.entity == entity)
            .filter_map(|r| entities::item::<T>(r).map(|v| (r.entity_id, v)))
            .collect()
    }
}

/// The case a screen is about: its id from the route, its row and its practice record.
#[derive(Clone, Copy)]
pub struct CaseCtx {
    pub id: Memo<Option<Uuid>>,
    pub data: RwSignal<Option<CaseData>>,
    app: AppState,
}

impl CaseCtx {
    /// The case's row on the dashboard (name, date of birth, summary).
    pub fn row(&self) -> Option<CaseRow> {
        let id = self.id.get()?;
        self.app
            .cases
            .with(|c| c.iter().find(|r| r.id == id).cloned())
    }

    /// Who is signed in.
    pub fn me(&self) -> String {
        self.app
            .me
            .get_untracked()
            .map(|m| m.username)
            .unwrap_or_default()
    }
}

/// Loads the route's case, and reloads it whenever the case list is refreshed (after a save
/// here or a pull from the server).
pub fn use_case() -> CaseCtx {
    let app = use_app();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .get()
            .get("id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let data = RwSignal::new(None::<CaseData>);
    Effect::new(move |_| {
        app.cases.track();
        let Some(case_id) = id.get() else {
            return;
        };
        spawn_local(async move {
            let Some(local) = local::get() else {
                return;
            };
            match local.store.case_records(case_id).await {
                Ok(items) => data.set(Some(CaseData::new(items))),
                Err(e) => app.storage_error.set(Some(e.to_string())),
            }
        });
    });
    CaseCtx { id, data, app }
}

/// Writes one field of one item, stamped and queued for sync, then refreshes the app.
pub async fn save_field(
    case_id: Uuid,
    entity: Entity,
    entity_id: Uuid,
    field: &str,
    value: serde_json::Value,
) -> Result<(), StoreError> {
    let app = use_app_untracked();
    let (Some(local), Some(me)) = (local::get(), app.and_then(|a| a.me.get_untracked())) else {
        return Err(StoreError::Db("not signed in".into()));
    };
    let base = local
        .store
        .record(entity, entity_id)
        .await?
        .map_or(0, |r| r.base(field));
    let change = local.change(&me.username, case_id, entity, entity_id, field, value, base);
    local.store.write_local(&[change]).await?;
    let _ = local.save_clock().await;
    if let Some(app) = app {
        app.refresh().await;
    }
    sync::kick();
    Ok(())
}

/// Saves the content of several items in one IndexedDB transaction: all of them are kept, or
/// none (a signature's drawing is never kept without the agreement naming it, or the reverse).
pub async fn save_items(
    case_id: Uuid,
    items: &[(Entity, Uuid, serde_json::Value)],
) -> Result<(), StoreError> {
    save_items_with(case_id, items, Vec::new()).await
}

/// As [`save_items`], with the bytes of the attachments among the items, written in the same
/// transaction and queued for upload.
pub async fn save_items_with(
    case_id: Uuid,
    items: &[(Entity, Uuid, serde_json::Value)],
    contents: Vec<Content>,
) -> Result<(), StoreError> {
    let app = use_app_untracked();
    let (Some(local), Some(me)) = (local::get(), app.and_then(|a| a.me.get_untracked())) else {
        return Err(StoreError::Db("not signed in".into()));
    };
    let mut changes = Vec::with_capacity(items.len());
    for (entity, entity_id, value) in items {
        let base = local
            .store
            .record(*entity, *entity_id)
            .await?
            .map_or(0, |r| r.base(DATA));
        changes.push(local.change(
            &me.username,
            case_id,
            *entity,
            *entity_id,
            DATA,
            value.clone(),
            base,
        ));
    }
    let contents: Vec<(Uuid, Content)> = contents.into_iter().map(|c| (case_id, c)).collect();
    local.store.write_local_with(&changes, &contents).await?;
    let _ = local.save_clock().await;
    if let Some(app) = app {
        app.refresh().await;
    }
    sync::kick();
    Ok(())
}

/// Saves an item's content.
pub async fn save_item<T: Serialize>(
    case_id: Uuid,
    entity: Entity,
    entity_id: Uuid,
    value: &T,
) -> Result<(), StoreError> {
    let json = serde_json::to_value(value)?;
    save_field(case_id, entity, entity_id, DATA, json).await
}

/// Removes an item (a tombstone: it stays in the log).
pub async fn remove_item(case_id: Uuid, entity: Entity, entity_id: Uuid) -> Result<(), StoreError> {
    save_field(
        case_id,
        entity,
        entity_id,
        DELETED,
        serde_json::Value::Bool(true),
    )
    .await
}

thread_local! {
    /// Whole-record updates (the checklist, the reunification plan) run one at a time, each from
    /// what is stored, so two quick edits cannot both start from the same old copy.
    static UPDATING: Rc<futures::lock::Mutex<()>> = Rc::new(futures::lock::Mutex::new(()));
}

/// Changes the content of an item kept as one record (the checklist, the plan), starting from the
/// stored record rather than from the copy on screen, which a just-made edit may not have reached
/// yet: the edit before would otherwise be lost.
pub async fn update_item<T: Serialize + DeserializeOwned + Default>(
    case_id: Uuid,
    entity: Entity,
    entity_id: Uuid,
    change: impl FnOnce(&mut T),
) -> Result<T, StoreError> {
    let lock = UPDATING.with(Rc::clone);
    let _one_at_a_time = lock.lock().await;
    let local = local::get().ok_or_else(|| StoreError::Db("not signed in".into()))?;
    let mut value: T = local
        .store
        .record(entity, entity_id)
        .await?
        .and_then(|r| r.fields.get(DATA).map(|f| f.value.clone()))
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    change(&mut value);
    save_item(case_id, entity, entity_id, &value).await?;
    Ok(value)
}

/// Changes one task of the case's checklist (one record per case) and saves it.
pub async fn update_task(
    case_id: Uuid,
    task: Task,
    by: &str,
    change: impl FnOnce(&mut homeward_core::stages::TaskRecord),
) -> Result<(), StoreError> {
    let by = by.to_string();
    update_item(
        case_id,
        Entity::Checklist,
        case_id,
        |checklist: &mut Checklist| {
            change(checklist.tasks.entry(task).or_default());
            if let Some(r) = checklist.tasks.get_mut(&task) {
                if r.state == TaskState::Done && r.completed_on.is_none() {
                    r.completed_on = Some(format::today());
                    r.completed_by = by;
                }
                if r.state != TaskState::Done {
                    r.completed_on = None;
                    r.completed_by.clear();
                }
            }
        },
    )
    .await
    .map(drop)
}

fn use_app_untracked() -> Option<AppState> {
    crate::state::app_state()
}

/// Form input not yet saved, kept in IndexedDB (sealed like case records) so a locked or
/// backgrounded tablet, or a reload without signal, loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Draft {
    fields: Vec<String>,
}

/// Where a form's draft stands.
#[derive(Clone, Copy)]
pub struct DraftState {
    /// The stored draft (if any) has been put back into the form.
    pub restored: RwSignal<bool>,
    /// The latest input is kept on the device.
    pub kept: RwSignal<bool>,
}

/// Restores the draft called `key` into `fields`, then keeps it up to date as they change.
pub fn keep_draft(key: String, fields: Vec<RwSignal<String>>) -> DraftState {
    let restored = RwSignal::new(false);
    let kept = RwSignal::new(false);
    {
        let (key, fields) = (key.clone(), fields.clone());
        spawn_local(async move {
            if let Some(local) = local::get() {
                if let Ok(Some(d)) = local.store.draft::<Draft>(&key).await {
                    for (f, v) in fields.iter().zip(d.fields) {
                        f.set(v);
                    }
                }
            }
            restored.set(true);
        });
    }
    Effect::new(move |_| {
        let values: Vec<String> = fields.iter().map(|f| f.get()).collect();
        if !restored.get() {
            return;
        }
        let key = key.clone();
        kept.set(false);
        spawn_local(async move {
            if let Some(local) = local::get() {
                let draft = Draft { fields: values };
                // A lost draft costs only retyping; the save itself reports its own errors.
                let r = if draft.fields.iter().all(|v| v.is_empty()) {
                    local.store.clear_draft(&key).await
                } else {
                    local.store.set_draft(&key, &draft).await
                };
                kept.set(r.is_ok());
            }
        });
    });
    DraftState { restored, kept }
}
