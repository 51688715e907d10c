use crate::components::pin_entry::PinEntry;
use crate::i18n::{use_i18n, Key};
use crate::state::use_app;
use leptos::prelude::*;

/// The worker's way out of child mode: their PIN, checked on the device (works offline).
#[component]
pub fn Unlock(on_unlocked: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    // The child's work so far stays saved (sealed); after a password sign-in and a new PIN the
    // worker is back in child mode to finish it.
    let exhausted = Callback::new(move |_| app.lock_out());
    view! {
        <section class="child-unlock" aria-labelledby="unlock-title">
            <h1 id="unlock-title">{move || i18n.t(Key::UnlockTitle)}</h1>
            <PinEntry
                label=Key::UnlockSecret
                button=Key::UnlockButton
                on_unlocked=on_unlocked
                on_exhausted=exhausted
            >
                <button class="button" type="button" on:click=move |_| on_cancel.run(())>
                    {move || i18n.t(Key::BackToChild)}
                </button>
            </PinEntry>
        </section>
    }
}
