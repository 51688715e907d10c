use crate::i18n::{use_i18n, Key};
use leptos::prelude::*;

/// "Saved on this tablet.", announced politely once a form has saved.
#[component]
pub fn SavedNote(#[prop(into)] saved: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="ok saved-note" aria-live="polite">
            {move || saved.get().then(|| i18n.t(Key::SavedMsg))}
        </p>
    }
}
