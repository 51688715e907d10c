//! Service worker registration: it caches the app shell so Homeward opens without signal.

use wasm_bindgen_futures::JsFuture;

pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(container.register("/sw.js")).await {
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
