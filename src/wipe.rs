//! Removing everything Homeward keeps on the tablet: on sign-out, when the server says the device
//! was revoked, and when another worker's (fully sent) data is in the way.

use crate::i18n::Key;
use crate::{local, vault};
use gloo_storage::{LocalStorage, Storage};
use js_sys::Array;
use leptos::prelude::Set;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why the tablet was wiped, shown once on the sign-in screen after the reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WipeReason {
    SignedOut,
    Revoked,
    OtherWorker,
}

/// The only thing kept across a wipe (localStorage holds preferences, never case data).
const NOTICE: &str = "homeward.notice";

impl WipeReason {
    pub fn key(self) -> Key {
        match self {
            WipeReason::SignedOut => Key::SignedOutNotice,
            WipeReason::Revoked => Key::DeviceRevokedNotice,
            WipeReason::OtherWorker => Key::OtherWorkerWiped,
        }
    }
}

/// Empties the database (records, outbox, drafts, keys), forgets the key, removes the service
/// worker and every cache, then starts the app afresh. If the database cannot be emptied, says so
/// and stays: never "nothing is left" when something is.
pub async fn wipe_device(reason: WipeReason) {
    if let Some(local) = local::get() {
        if let Err(e) = local.store.wipe().await {
            if let Some(app) = crate::state::app_state() {
                app.storage_error.set(Some(e.to_string()));
            }
            return;
        }
    }
    finish_wipe(reason).await;
}

/// The rest of a wipe once the database is empty: key, service worker, caches, a fresh start.
pub async fn finish_wipe(reason: WipeReason) {
    vault::forget_pending();
    clear_caches().await;
    unregister_workers().await;
    let _ = LocalStorage::set(NOTICE, reason);
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace("/");
    }
}

/// The notice of the last wipe, once.
pub fn take_notice() -> Option<Key> {
    let reason = LocalStorage::get::<WipeReason>(NOTICE).ok()?;
    LocalStorage::delete(NOTICE);
    Some(reason.key())
}

async fn clear_caches() {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    let Ok(names) = JsFuture::from(caches.keys()).await else {
        return;
    };
    for name in Array::from(&names).iter().filter_map(|n| n.as_string()) {
        let _ = JsFuture::from(caches.delete(&name)).await;
    }
}

async fn unregister_workers() {
    let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) else {
        return;
    };
    let Ok(list) = JsFuture::from(container.get_registrations()).await else {
        return;
    };
    for reg in Array::from(&list).iter() {
        if let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() {
            if let Ok(p) = reg.unregister() {
                let _ = JsFuture::from(p).await;
            }
        }
    }
}
