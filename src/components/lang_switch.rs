use crate::i18n::{use_i18n, Key, Lang};
use leptos::prelude::*;

/// English / Cymraeg switch; the choice is remembered on this device.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let button = move |lang: Lang, key: Key, code: &'static str| {
        view! {
            <button
                type="button"
                class="lang-option"
                lang=code
                aria-pressed=move || (i18n.lang.get() == lang).to_string()
                on:click=move |_| i18n.set(lang)
            >
                {i18n.t(key)}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.t(Key::Language)>
            {button(Lang::En, Key::LangEnglish, "en")}
            {button(Lang::Cy, Key::LangWelsh, "cy")}
        </div>
    }
}
