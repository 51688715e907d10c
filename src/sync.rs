//! Sends the outbox and pulls what changed, on start, on reconnect, after each edit and on a
//! jittered backoff timer that never gives up. Nothing is dropped: a change leaves the outbox
//! only when the server has answered for it. The bytes of drawings, recordings and signatures go
//! apart from their records, uploaded once by checksum and fetched by other devices after a pull.

use crate::api::{self, ApiError};
use crate::local::{self, Local};
use crate::state::AppState;
use crate::store::{blob_key, StoreError, CURSOR};
use futures::channel::mpsc;
use futures::{FutureExt, StreamExt};
use gloo_timers::future::TimeoutFuture;
use homeward_core::api::ErrorCode;
use homeward_core::attachment::Attachment;
use homeward_core::entities::item;
use homeward_core::sync::{fits_in_push, Entity, PushRequest, MAX_PUSH_CHANGES, PUSH_BYTES_BUDGET};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};

/// Wait between syncs when all is well.
const IDLE_MS: u32 = 60_000;
/// First wait after a failure; doubles up to [`MAX_BACKOFF_MS`].
const FIRST_BACKOFF_MS: u32 = 2_000;
const MAX_BACKOFF_MS: u32 = 300_000;
/// Edits in quick succession are sent together.
const DEBOUNCE_MS: u32 = 400;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

thread_local! {
    static KICK: RefCell<Option<mpsc::UnboundedSender<()>>> = const { RefCell::new(None) };
    static SYNCING: Cell<bool> = const { Cell::new(false) };
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Marks a sync in progress; dropping it (even on an early return) ends it.
struct Running;

impl Running {
    /// Waits for any sync in progress to end, so two never send the same outbox at once.
    async fn start() -> Running {
        while SYNCING.with(Cell::get) {
            TimeoutFuture::new(50).await;
        }
        SYNCING.with(|s| s.set(true));
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        SYNCING.with(|s| s.set(false));
    }
}

/// Asks for a sync soon (after an edit, on reconnect).
pub fn kick() {
    KICK.with(|k| {
        if let Some(tx) = k.borrow().as_ref() {
            // The loop only stops with the page, so a closed channel needs no handling.
            let _ = tx.unbounded_send(());
        }
    });
}

async fn push_all(local: &Local) -> Result<(), SyncError> {
    loop {
        let mut batch = local.store.outbox(MAX_PUSH_CHANGES as u32).await?;
        // Drawings and recordings are large: keep each push under the server's body limit.
        batch.truncate(fits_in_push(&batch, PUSH_BYTES_BUDGET));
        if batch.is_empty() {
            return Ok(());
        }
        let request = PushRequest {
            device_id: local.device_id,
            changes: batch,
        };
        let response = api::push(&request).await?;
        local
            .store
            .settle_push(&request.changes, &response.results)
            .await?;
        if response.results.is_empty() {
            // The server answered for none of them; try again later rather than spin.
            return Ok(());
        }
    }
}

/// Uploads the bytes of attachments the server lacks. After the push, because the server keeps
/// only content that a record of the case (pushed first) describes. One refused upload does not
/// stop the others; the first refusal is reported and the bytes stay queued.
async fn upload_blobs(local: &Local) -> Result<(), SyncError> {
    let mut first_error = None;
    for (case_id, sha256) in local.store.pending_blobs().await? {
        let Some(bytes) = local.store.blob(case_id, &sha256).await? else {
            continue;
        };
        match api::put_blob(case_id, &sha256, &bytes).await {
            Ok(()) => local.store.blob_uploaded(case_id, &sha256).await?,
            Err(ApiError::Offline) => return Err(ApiError::Offline.into()),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(()), |e| Err(e.into()))
}

/// Fetches the bytes of attachments this device has the record of but not the content (made on
/// another device), so drawings and signatures are there offline. Bytes the server does not have
/// yet, or that do not match their record, are fetched again next time.
async fn download_blobs(local: &Local) -> Result<(), SyncError> {
    let held = local.store.held_blobs().await?;
    for record in local.store.records(Entity::Attachment).await? {
        let Some(a) = item::<Attachment>(&record) else {
            continue;
        };
        if held.contains(&blob_key(record.case_id, &a.sha256)) {
            continue;
        }
        match api::get_blob(record.case_id, &a.sha256).await {
            Ok(Some(bytes)) if a.check_bytes(&bytes).is_ok() => {
                local
                    .store
                    .put_downloaded_blob(record.case_id, &a.sha256, &bytes)
                    .await?;
            }
            Ok(_) => {}
            // The case left this worker's caseload since: its data goes with the next pull.
            Err(e) if e.is(ErrorCode::Forbidden) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Meta key of the last case grant this device accounted for.
const GRANTS: &str = "grants_cursor";

async fn pull_all(local: &Local) -> Result<(), SyncError> {
    let stored = local.store.meta::<i64>(GRANTS).await?;
    let mut resync: Vec<uuid::Uuid> = Vec::new();
    let mut grants_cursor;
    loop {
        let since = local.store.meta::<i64>(CURSOR).await?.unwrap_or(0);
        // A device that never pulled gets every readable case anyway; one that did asks which
        // cases were put on the caseload since its last grant (all of them if it never asked).
        let grants = match (stored, since) {
            (None, 0) => None,
            (g, _) => Some(g.unwrap_or(0)),
        };
        let page = api::pull(local.device_id, since, grants).await?;
        if let Some(latest) = page.changes.iter().map(|p| &p.change.hlc).max() {
            local.observe(latest).await?;
        }
        local.store.apply_pull(&page.changes, page.cursor).await?;
        grants_cursor = page.grants_cursor;
        resync.extend(page.resync.iter().copied());
        if !page.more {
            break;
        }
    }
    resync.sort_unstable();
    resync.dedup();
    for case_id in resync {
        // The case's whole history; the main cursor stays where it is. Applying a change twice
        // is harmless, so a sync cut short here simply does this again.
        let mut since = 0;
        loop {
            let page = api::pull_case(local.device_id, case_id, since).await?;
            if let Some(latest) = page.changes.iter().map(|p| &p.change.hlc).max() {
                local.observe(latest).await?;
            }
            let cursor = local.store.meta::<i64>(CURSOR).await?.unwrap_or(0);
            local.store.apply_pull(&page.changes, cursor).await?;
            since = page.cursor;
            if !page.more {
                break;
            }
        }
    }
    local.store.set_meta(GRANTS, &grants_cursor).await?;
    Ok(())
}

/// One full sync: push everything waiting, then pull everything new.
pub async fn sync_once(app: AppState) -> Result<(), SyncError> {
    let Some(local) = local::get() else {
        return Ok(());
    };
    // Locked: the outbox cannot be read, and nothing pulled could be stored; but a revoked
    // tablet must hear so even if nobody unlocks it again.
    if !local.store.is_unlocked() {
        if let Err(e) = api::health().await {
            if e.is(ErrorCode::DeviceRevoked) {
                crate::wipe::wipe_device(crate::wipe::WipeReason::Revoked).await;
            }
        }
        return Ok(());
    }
    let _running = Running::start().await;
    let result = async {
        push_all(&local).await?;
        // A refused upload must not stop this device hearing of others' work.
        let uploaded = upload_blobs(&local).await;
        pull_all(&local).await?;
        download_blobs(&local).await?;
        uploaded
    }
    .await;
    match &result {
        Ok(()) => {
            app.sync.last_synced.set(Some(js_sys::Date::now()));
            app.sync.needs_sign_in.set(false);
            app.sync.error.set(None);
        }
        Err(SyncError::Api(ApiError::Offline)) => {}
        Err(SyncError::Api(e)) if e.is(ErrorCode::Unauthenticated) => {
            app.sync.needs_sign_in.set(true);
        }
        Err(SyncError::Api(e)) if e.is(ErrorCode::DeviceRevoked) => {
            crate::wipe::wipe_device(crate::wipe::WipeReason::Revoked).await;
        }
        Err(SyncError::Store(StoreError::Locked)) => {}
        Err(e) => app.sync.error.set(Some(e.to_string())),
    }
    app.refresh().await;
    result
}

fn jitter(ms: u32) -> u32 {
    let half = ms / 2;
    half + (js_sys::Math::random() * f64::from(half)) as u32
}

/// Starts the sync loop and the online/offline listeners (the first call only).
pub fn start(app: AppState) {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    let (tx, mut rx) = mpsc::unbounded::<()>();
    KICK.with(|k| *k.borrow_mut() = Some(tx));

    let online = app.sync.online;
    window_event_listener(leptos::ev::online, move |_| {
        online.set(true);
        kick();
    });
    window_event_listener(leptos::ev::offline, move |_| online.set(false));

    spawn_local(async move {
        let mut backoff = FIRST_BACKOFF_MS;
        loop {
            let wait = if !app.sync.online.get_untracked() {
                IDLE_MS
            } else {
                match sync_once(app).await {
                    Ok(()) => {
                        backoff = FIRST_BACKOFF_MS;
                        IDLE_MS
                    }
                    Err(_) => {
                        let wait = backoff;
                        backoff = (backoff * 2).min(MAX_BACKOFF_MS);
                        wait
                    }
                }
            };
            futures::select! {
                _ = rx.next() => {},
                _ = TimeoutFuture::new(jitter(wait)).fuse() => {},
            }
            TimeoutFuture::new(DEBOUNCE_MS).await;
            while rx.try_recv().is_ok() {}
        }
    });
}
