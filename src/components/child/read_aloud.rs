use crate::i18n::{use_i18n, Key};
use crate::speech;
use leptos::prelude::*;

/// A big "Read to me" button that speaks `text` in the current language.
#[component]
pub fn ReadAloud(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="child-button child-read"
            on:click=move |_| speech::speak(&text.get_untracked(), i18n.lang.get_untracked())
        >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="child-read-icon">
                <path d="M3 9 h4 l5 -4 v14 l-5 -4 h-4z" fill="currentColor" />
                <path d="M15 8 q3 4 0 8 M18 5 q6 7 0 14" stroke="currentColor" stroke-width="2" fill="none" />
            </svg>
            <span>{move || i18n.t(Key::ReadToMe)}</span>
        </button>
    }
}
