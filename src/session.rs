//! What opens once the data key is in memory (a PIN unlocked it, or a password sign-in brought it):
//! the device's clock, who is signed in, child mode, the case list and sync.

use crate::child_session::{self, ChildSession};
use crate::state::{AppState, LockState, ME};
use crate::{local, sync};
use homeward_core::api::Me;
use leptos::prelude::*;

pub async fn open(app: AppState, child: RwSignal<Option<ChildSession>>) {
    let Some(local) = local::get() else {
        return;
    };
    let loaded = async {
        local.load_clock().await?;
        local.store.meta::<Me>(ME).await
    }
    .await;
    match loaded {
        Ok(Some(me)) => app.me.set(Some(me)),
        Ok(None) => {}
        Err(e) => app.storage_error.set(Some(e.to_string())),
    }
    child.set(child_session::load().await);
    app.notice.set(None);
    app.lock.set(LockState::Unlocked);
    app.refresh().await;
    sync::start(app);
    sync::kick();
}
