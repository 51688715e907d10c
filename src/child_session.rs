//! Child mode's state: which case, which activities, where the child is, and what they said so far.
//!
//! It lives in the store's meta (sealed like case data, so nothing of the case is in clear outside
//! the store), so a reload, a typed URL or the back button re-enters child mode until the worker
//! unlocks it. Drawings and recordings wait under their own meta keys until the worker saves.

use crate::local;
use homeward_core::attachment::Content;
use homeward_core::voice::{prompts_for, Activity, ChildVoice, Prompt};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const SESSION: &str = "child_mode";

fn media_key(id: Uuid) -> String {
    format!("child_media:{id}")
}

/// One turn of child mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildSession {
    pub case_id: Uuid,
    /// The only name child mode shows.
    pub first_name: String,
    pub activities: Vec<Activity>,
    /// 0 is the welcome; 1 to n are the questions; n + 1 is "all done".
    pub step: usize,
    /// True while the child has the tablet: only child mode renders.
    pub locked: bool,
    /// What the child said so far; the worker's part is filled in after unlocking.
    pub voice: ChildVoice,
}

impl ChildSession {
    pub fn prompts(&self) -> Vec<Prompt> {
        prompts_for(&self.activities)
    }

    /// The question on screen, if the step is one.
    pub fn prompt(&self) -> Option<Prompt> {
        self.step
            .checked_sub(1)
            .and_then(|i| self.prompts().get(i).copied())
    }
}

/// The child-mode context: `Some` while a turn is under way (locked or waiting for the worker's note).
#[derive(Clone, Copy)]
pub struct ChildMode(pub RwSignal<Option<ChildSession>>);

pub fn use_child_mode() -> RwSignal<Option<ChildSession>> {
    expect_context::<ChildMode>().0
}

/// The first name of a child's full name.
pub fn first_name(full: &str) -> String {
    full.split_whitespace().next().unwrap_or("").to_string()
}

/// The turn under way on this device, if any.
pub async fn load() -> Option<ChildSession> {
    let local = local::get()?;
    local
        .store
        .meta::<Option<ChildSession>>(SESSION)
        .await
        .ok()
        .flatten()
        .flatten()
}

/// Remembers the turn (IndexedDB writes run in order, so the last call wins).
pub fn save(session: &ChildSession) {
    let Some(local) = local::get() else {
        return;
    };
    let session = Some(session.clone());
    spawn_local(async move {
        if let Err(e) = local.store.set_meta(SESSION, &session).await {
            leptos::logging::warn!("child mode not saved: {e}");
        }
    });
}

/// Changes the turn under way and remembers it.
pub fn update(signal: RwSignal<Option<ChildSession>>, f: impl FnOnce(&mut ChildSession)) {
    let mut next = None;
    signal.update(|s| {
        if let Some(s) = s.as_mut() {
            f(s);
            next = Some(s.clone());
        }
    });
    if let Some(s) = next {
        save(&s);
    }
}

/// Ends the turn: forgets it and its waiting drawings and recordings.
pub async fn clear(session: &ChildSession) -> Result<(), crate::store::StoreError> {
    let Some(local) = local::get() else {
        return Ok(());
    };
    for m in &session.voice.media {
        local
            .store
            .set_meta(&media_key(m.id), &None::<Content>)
            .await?;
    }
    local.store.set_meta(SESSION, &None::<ChildSession>).await
}

pub async fn save_media(a: &Content) -> Result<(), crate::store::StoreError> {
    match local::get() {
        Some(local) => {
            local
                .store
                .set_meta(&media_key(a.attachment.id), &Some(a))
                .await
        }
        None => Ok(()),
    }
}

pub async fn load_media(id: Uuid) -> Option<Content> {
    let local = local::get()?;
    local
        .store
        .meta::<Option<Content>>(&media_key(id))
        .await
        .ok()
        .flatten()
        .flatten()
}

pub async fn delete_media(id: Uuid) -> Result<(), crate::store::StoreError> {
    match local::get() {
        Some(local) => local.store.set_meta(&media_key(id), &None::<Content>).await,
        None => Ok(()),
    }
}

/// Full screen where the browser allows it (call from a click); refusal is not an error.
pub fn enter_fullscreen() {
    if let Some(el) = document().document_element() {
        let _ = el.request_fullscreen();
    }
}

pub fn exit_fullscreen() {
    if document().fullscreen_element().is_some() {
        document().exit_fullscreen();
    }
}
