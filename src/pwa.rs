//! Service worker registration: it caches the app shell so Homeward opens without signal.

use wasm_bindgen_futures::JsFuture;

/// This build's id: the hashed name of its wasm file, which boot.js was handed. The worker's URL
/// carries it because browsers only install a new worker when its URL or bytes change.
fn build_id(window: &web_sys::Window) -> String {
    window
        .document()
        .and_then(|d| {
            d.query_selector("script[data-homeward-wasm]")
                .ok()
                .flatten()
        })
        .and_then(|s| s.get_attribute("data-homeward-wasm"))
        .map(|wasm| {
            wasm.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        })
        .unwrap_or_default()
}

pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let url = format!("/sw.js?v={}", build_id(&window));
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(container.register(&url)).await {
            // Without it the app still works online; say why in the console for support staff.
            web_sys::console::warn_2(&"Homeward: service worker not registered".into(), &e);
        }
    });
    // Ask the browser not to evict IndexedDB under storage pressure: losing unsynced notes
    // would be the worst failure.
    if let Ok(storage) = js_sys::Reflect::get(&window.navigator(), &"storage".into()) {
        if !storage.is_undefined() {
            let storage: web_sys::StorageManager = wasm_bindgen::JsCast::unchecked_into(storage);
            if let Ok(p) = storage.persist() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(p).await;
                });
            }
        }
    }
}
