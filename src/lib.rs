//! Homeward, the PWA: a Leptos client-side app that works offline from IndexedDB and syncs.

pub mod api;
pub mod app;
pub mod auto_lock;
#[cfg(feature = "bench")]
pub mod bench;
pub mod canvas;
pub mod case_data;
pub mod child_session;
pub mod components;
pub mod crypto;
pub mod format;
pub mod genogram_layout;
pub mod i18n;
pub mod labels;
pub mod local;
pub mod media;
pub mod pages;
pub mod pwa;
pub mod session;
pub mod speech;
pub mod state;
pub mod store;
pub mod sync;
pub mod vault;
pub mod wipe;
pub mod worker_secret;

/// Starts the app in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    components::text_size::TextSize::load().apply();
    pwa::register_service_worker();
    leptos::mount::mount_to_body(app::App);
}
