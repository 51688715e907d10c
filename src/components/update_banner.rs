use crate::i18n::{use_i18n, Key};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::ServiceWorkerRegistration;

/// How often to look for a new version that the service worker has installed in the background
/// (besides when this app's own look installs one, which it announces).
const CHECK_MS: u32 = 10_000;

/// How long the new version is given to take over (it does in well under a second) before the
/// page reloads anyway.
const TAKE_OVER_MS: u32 = 4_000;

async fn registration() -> Option<ServiceWorkerRegistration> {
    let found = JsFuture::from(window().navigator().service_worker().get_registration())
        .await
        .ok()?;
    found.dyn_into::<ServiceWorkerRegistration>().ok()
}

/// Marks a field the worker has typed into since its form was last sent. Forms are filled from
/// stored values through the field's value (not its default), so only a field typed into, and
/// still different from how its form began, may be unsaved work.
const TYPED: &str = "data-typed";

fn watch_typing() {
    let typed = window_event_listener(leptos::ev::input, |e| {
        if let Some(field) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = field.set_attribute(TYPED, "");
        }
    });
    let sent = window_event_listener(leptos::ev::submit, |e| {
        let Some(form) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(fields) = form.query_selector_all(&format!("[{TYPED}]")) else {
            return;
        };
        for field in (0..fields.length()).filter_map(|i| fields.item(i)) {
            if let Ok(field) = field.dyn_into::<web_sys::Element>() {
                let _ = field.remove_attribute(TYPED);
            }
        }
    });
    on_cleanup(move || {
        typed.remove();
        sent.remove();
    });
}

/// Whether any field on the screen holds something typed that a reload would lose.
fn something_unsaved() -> bool {
    let selector = format!("main form input[{TYPED}], main form textarea[{TYPED}]");
    let Ok(fields) = document().query_selector_all(&selector) else {
        return false;
    };
    (0..fields.length())
        .filter_map(|i| fields.item(i))
        .any(|node| {
            if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                match input.type_().as_str() {
                    "checkbox" | "radio" => input.checked() != input.default_checked(),
                    "hidden" | "submit" | "button" => false,
                    _ => input.value() != input.default_value(),
                }
            } else if let Some(area) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                Ok(area.value()) != area.default_value()
            } else {
                false
            }
        })
}

/// Offers a new version once it is installed, and reloads into it only when nothing typed would
/// be lost. Until then the running version keeps working, offline included.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ready = RwSignal::new(false);
    let blocked = RwSignal::new(false);
    watch_typing();

    let check = move || {
        spawn_local(async move {
            let has_controller = window().navigator().service_worker().controller().is_some();
            if let Some(reg) = registration().await {
                ready.set(has_controller && reg.waiting().is_some());
            }
        })
    };
    check();
    let waiting = window_event_listener_untyped(crate::pwa::BUILD_WAITING_EVENT, move |_| check());
    on_cleanup(move || waiting.remove());
    if let Ok(handle) =
        set_interval_with_handle(check, std::time::Duration::from_millis(CHECK_MS.into()))
    {
        on_cleanup(move || handle.clear());
    }

    let reload = move |_| {
        if something_unsaved() {
            blocked.set(true);
            return;
        }
        spawn_local(async move {
            let Some(waiting) = registration().await.and_then(|r| r.waiting()) else {
                return;
            };
            let container = window().navigator().service_worker();
            let on_change = Closure::<dyn Fn()>::new(|| {
                let _ = window().location().reload();
            });
            container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
            on_change.forget();
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
            let _ = waiting.post_message(&message);
            // Chromium may park the new version in waiting when a request wakes the old one just
            // as it hands over; a reload lets it finish taking over, unless the worker has begun
            // typing meanwhile (then the banner asks them to save first, and to press again).
            TimeoutFuture::new(TAKE_OVER_MS).await;
            if something_unsaved() {
                blocked.set(true);
            } else {
                let _ = window().location().reload();
            }
        });
    };

    view! {
        <Show when=move || ready.get()>
            <div class="banner banner-update" role="status">
                <p>{move || i18n.t(Key::UpdateReady)}</p>
                <Show when=move || blocked.get()>
                    <p class="update-blocked">{move || i18n.t(Key::UpdateSaveFirst)}</p>
                </Show>
                <button class="button button-primary" type="button" on:click=reload>
                    {move || i18n.t(Key::UpdateReload)}
                </button>
            </div>
        </Show>
    }
}
