use crate::child_session::{self, use_child_mode};
use crate::components::child::{
    pictures::prompt_picture, prompt_step::PromptStep, read_aloud::ReadAloud, unlock::Unlock,
};
use crate::components::lang_switch::LangSwitch;
use crate::i18n::{child, use_i18n, Key};
use homeward_core::voice::Prompt;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsValue;

/// The address child mode keeps; the history entries it pushes all point here.
const CHILD_URL: &str = "/child";

fn hold_history() {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(CHILD_URL));
    }
}

/// Keys that would navigate away: browser back and forward, reload, and history shortcuts.
fn is_escape_key(ev: &web_sys::KeyboardEvent) -> bool {
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    matches!(
        key.as_str(),
        "BrowserBack" | "BrowserForward" | "BrowserHome" | "F5"
    ) || (ev.alt_key() && matches!(key.as_str(), "ArrowLeft" | "ArrowRight" | "Home"))
        || (ctrl
            && matches!(
                key.to_lowercase().as_str(),
                "r" | "l" | "[" | "]" | "p" | "s" | "o"
            ))
}

/// Full-screen child mode. It renders instead of every other screen while it is locked: the
/// back button, typed URLs and reloads all land here, and only the worker's secret leaves it.
#[component]
pub fn ChildModePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_child_mode();
    let navigate = use_navigate();
    let unlocking = RwSignal::new(false);

    hold_history();
    let popstate = window_event_listener(leptos::ev::popstate, |_| hold_history());
    let keydown = window_event_listener(leptos::ev::keydown, |ev| {
        if is_escape_key(&ev) {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    on_cleanup(move || {
        popstate.remove();
        keydown.remove();
    });

    // Memos, so typing an answer does not rebuild the screen.
    let band = Memo::new(move |_| session.with(|s| s.as_ref().map(|s| s.voice.age_band)));
    let name = Memo::new(move |_| {
        session.with(|s| s.as_ref().map(|s| s.first_name.clone()).unwrap_or_default())
    });
    let step = Memo::new(move |_| session.with(|s| s.as_ref().map(|s| s.step).unwrap_or(0)));
    let prompts =
        Memo::new(move |_| session.with(|s| s.as_ref().map(|s| s.prompts()).unwrap_or_default()));

    let unlocked = Callback::new(move |()| {
        child_session::exit_fullscreen();
        crate::speech::stop();
        let Some(case_id) = session.with_untracked(|s| s.as_ref().map(|s| s.case_id)) else {
            return;
        };
        navigate(&format!("/cases/{case_id}/child-voice"), Default::default());
        child_session::update(session, |s| s.locked = false);
    });
    let cancel = Callback::new(move |()| unlocking.set(false));
    let begin = move |_| child_session::update(session, |s| s.step = 1);

    let welcome = move || {
        let Some(band) = band.get() else {
            return ().into_any();
        };
        let hello = Signal::derive(move || i18n.tf(child::hello(band), &[("name", &name.get())]));
        view! {
            <section class="child-welcome" aria-labelledby="child-hello">
                {prompt_picture(Prompt::GoodThings)}
                <h1 id="child-hello">{hello}</h1>
                <ReadAloud text=hello />
                <button type="button" class="child-button child-primary child-big" on:click=begin>
                    {move || i18n.t(Key::LetsStart)}
                    <span aria-hidden="true">" →"</span>
                </button>
            </section>
        }
        .into_any()
    };
    let done = move || {
        let title = Signal::derive(move || i18n.tf(Key::DoneTitle, &[("name", &name.get())]));
        let said = Signal::derive(move || format!("{} {}", title.get(), i18n.t(Key::DoneText)));
        let back = move |_| child_session::update(session, |s| s.step = s.prompts().len());
        view! {
            <section class="child-done" aria-labelledby="child-done-title">
                {prompt_picture(Prompt::Dreams)}
                <h1 id="child-done-title">{title}</h1>
                <p class="child-lead">{move || i18n.t(Key::DoneText)}</p>
                <ReadAloud text=said />
                <div class="child-nav">
                    <button type="button" class="child-button child-secondary" on:click=back>
                        <span aria-hidden="true">"← "</span>
                        {move || i18n.t(Key::PreviousQuestion)}
                    </button>
                    <button type="button" class="child-button child-primary" on:click=move |_| unlocking.set(true)>
                        {move || i18n.t(Key::GiveBack)}
                    </button>
                </div>
            </section>
        }
        .into_any()
    };

    view! {
        <div class="child-mode">
            <header class="child-header">
                <LangSwitch />
                <button type="button" class="child-worker-button" on:click=move |_| unlocking.set(true)>
                    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="child-lock-icon">
                        <rect x="5" y="11" width="14" height="10" rx="2" fill="currentColor" />
                        <path d="M8 11 V8 a4 4 0 0 1 8 0 V11" stroke="currentColor" stroke-width="2" fill="none" />
                    </svg>
                    <span>{move || i18n.t(Key::ForWorker)}</span>
                </button>
            </header>
            <main id="main" class="child-main" tabindex="-1" aria-label=move || i18n.tf(Key::ChildModeLabel, &[("name", &name.get())])>
                {move || {
                    if unlocking.get() {
                        return view! { <Unlock on_unlocked=unlocked on_cancel=cancel /> }.into_any();
                    }
                    let list = prompts.get();
                    let n = step.get();
                    match (n, band.get()) {
                        (0, _) | (_, None) => welcome(),
                        (n, Some(band)) => match list.get(n - 1) {
                            Some(&prompt) => view! {
                                <PromptStep prompt=prompt band=band number=n total=list.len() />
                            }
                                .into_any(),
                            None => done(),
                        },
                    }
                }}
            </main>
        </div>
    }
}
