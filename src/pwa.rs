//! Service worker registration: it caches the app shell so Homeward opens without signal, and a
//! new build the server has is installed beside the running one (see public/sw.js), then offered.

use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    RequestCache, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState,
};

/// How often a running app asks the server whether it has a new build (besides at start, when the
/// signal comes back and when the app is shown again).
const LOOK_FOR_BUILD_MS: u32 = 15 * 60 * 1000;

/// A new build whose files could not all be fetched (the signal dropped again, or came back before
/// the network did) is not installed; it is tried again this much later, this many times in all,
/// rather than only at the next quarter hour.
const INSTALL_RETRY_MS: u32 = 5_000;
const INSTALL_TRIES: u32 = 4;

/// Dispatched on the window when a new build has installed and waits, so the update banner offers
/// it at once instead of at its next look.
pub const BUILD_WAITING_EVENT: &str = "homeward-build-waiting";

/// A build's id: the hashed name of its wasm file, with only the characters a URL query needs no
/// escaping for.
fn clean_id(wasm: &str) -> Option<String> {
    let id: String = wasm
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The build id of an index.html: trunk writes the wasm file's name into the script tag boot.js
/// reads.
pub fn build_id_in(html: &str) -> Option<String> {
    const ATTR: &str = "data-homeward-wasm=\"";
    let start = html.find(ATTR)? + ATTR.len();
    let len = html[start..].find('"')?;
    clean_id(&html[start..start + len])
}

/// The build id a service worker's script URL carries (`/sw.js?v=<id>`).
pub fn build_id_of_worker(script_url: &str) -> Option<&str> {
    let (_, query) = script_url.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("v="))
        .filter(|id| !id.is_empty())
}

fn worker_url(id: &str) -> String {
    format!("/sw.js?v={id}")
}

/// This page's build id.
fn running_build(window: &web_sys::Window) -> Option<String> {
    let script = window
        .document()?
        .query_selector("script[data-homeward-wasm]")
        .ok()??;
    clean_id(&script.get_attribute("data-homeward-wasm")?)
}

/// The build id of the server's index.html now; None offline or on any failure.
async fn served_build() -> Option<String> {
    // Not from the HTTP cache, and the service worker lets this request through to the network.
    let response = gloo_net::http::Request::get("/")
        .cache(RequestCache::NoCache)
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    build_id_in(&response.text().await.ok()?)
}

async fn registration(container: &ServiceWorkerContainer) -> Option<ServiceWorkerRegistration> {
    let found = JsFuture::from(container.get_registration()).await.ok()?;
    found.dyn_into::<ServiceWorkerRegistration>().ok()
}

/// The build of the newest worker: the one installing, else the one waiting, else the active one.
fn newest_build(reg: &ServiceWorkerRegistration) -> Option<String> {
    let worker = reg
        .installing()
        .or_else(|| reg.waiting())
        .or_else(|| reg.active())?;
    build_id_of_worker(&worker.script_url()).map(str::to_owned)
}

/// Registers the worker of build `id`; the worker it starts installing, if any.
async fn register(container: &ServiceWorkerContainer, id: &str) -> Option<ServiceWorker> {
    match JsFuture::from(container.register(&worker_url(id))).await {
        Ok(reg) => reg
            .dyn_into::<ServiceWorkerRegistration>()
            .ok()?
            .installing(),
        Err(e) => {
            // Without it the app still works online; say why in the console for support staff.
            web_sys::console::warn_2(&"Homeward: service worker not registered".into(), &e);
            None
        }
    }
}

/// Whether `worker` installed (its whole build is cached); false once installing failed.
async fn installed(worker: ServiceWorker) -> bool {
    let settled = js_sys::Promise::new(&mut |resolve, _| {
        let watched = worker.clone();
        let on_change = Closure::<dyn Fn()>::new(move || {
            if watched.state() != ServiceWorkerState::Installing {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
        worker.set_onstatechange(Some(on_change.as_ref().unchecked_ref()));
        // JS owns the handler from now on; it is freed once unset below.
        on_change.into_js_value();
    });
    if worker.state() == ServiceWorkerState::Installing {
        let _ = JsFuture::from(settled).await;
    }
    worker.set_onstatechange(None);
    worker.state() != ServiceWorkerState::Redundant
}

/// Registers a worker for the build the server has, when the newest worker holds another one.
/// It installs that build in the background; the update banner offers it once it waits.
async fn look_for_new_build(container: &ServiceWorkerContainer) {
    for attempt in 0..INSTALL_TRIES {
        if attempt > 0 {
            TimeoutFuture::new(INSTALL_RETRY_MS).await;
        }
        let Some(reg) = registration(container).await else {
            return;
        };
        let Some(served) = served_build().await else {
            continue;
        };
        if newest_build(&reg).as_deref() == Some(served.as_str()) {
            return;
        }
        let Some(worker) = register(container, &served).await else {
            continue;
        };
        if installed(worker).await {
            if let Some(window) = web_sys::window() {
                if let Ok(event) = web_sys::Event::new(BUILD_WAITING_EVENT) {
                    let _ = window.dispatch_event(&event);
                }
            }
            return;
        }
    }
}

fn look_soon() {
    wasm_bindgen_futures::spawn_local(async {
        let container = leptos::prelude::window().navigator().service_worker();
        look_for_new_build(&container).await;
    });
}

pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let ours = running_build(&window);
    wasm_bindgen_futures::spawn_local(async move {
        // Registered once, by the first page (which came from the network). Later pages must not
        // register their own build: a page booted from the cache runs the active build while a
        // newer one may already be waiting, and registering the older one would replace it.
        if registration(&container).await.is_none() {
            if let Some(id) = ours {
                register(&container, &id).await;
            }
        }
        look_for_new_build(&container).await;
    });
    let _ = window.add_event_listener_with_callback(
        "online",
        wasm_bindgen::closure::Closure::<dyn Fn()>::new(look_soon)
            .into_js_value()
            .unchecked_ref(),
    );
    let document = window.document();
    let shown = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if document
            .as_ref()
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
        {
            look_soon();
        }
    });
    if let Some(document) = window.document() {
        let _ = document
            .add_event_listener_with_callback("visibilitychange", shown.as_ref().unchecked_ref());
    }
    shown.forget();
    Interval::new(LOOK_FOR_BUILD_MS, look_soon).forget();

    // Ask the browser not to evict IndexedDB under storage pressure: losing unsynced notes
    // would be the worst failure.
    if let Ok(storage) = js_sys::Reflect::get(&window.navigator(), &"storage".into()) {
        if !storage.is_undefined() {
            let storage: web_sys::StorageManager = storage.unchecked_into();
            if let Ok(p) = storage.persist() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(p).await;
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_is_named_by_the_wasm_file_its_index_loads() {
        let html = r#"<script type="module" src="/boot.js" data-homeward-js="/homeward-1a2b.js" data-homeward-wasm="/homeward-1a2b3c_bg.wasm"></script>"#;
        assert_eq!(build_id_in(html).as_deref(), Some("homeward-1a2b3c_bgwasm"));
    }

    #[test]
    fn an_index_without_the_app_has_no_build() {
        assert_eq!(build_id_in("<html><body>Bad gateway</body></html>"), None);
        assert_eq!(
            build_id_in(r#"<script data-homeward-wasm=""></script>"#),
            None
        );
    }

    #[test]
    fn a_worker_url_carries_its_build() {
        let url = format!(
            "http://127.0.0.1:8080{}",
            worker_url("homeward-1a2b_bgwasm")
        );
        assert_eq!(build_id_of_worker(&url), Some("homeward-1a2b_bgwasm"));
        assert_eq!(build_id_of_worker("http://127.0.0.1:8080/sw.js"), None);
    }
}
