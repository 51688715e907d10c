use crate::i18n::{use_i18n, Key};
use crate::vault::UnlockError;
use crate::worker_secret::verify_worker_secret;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The PIN box of the lock screen and of child mode's way out: a right PIN calls `on_unlocked`;
/// the last wrong one (the wrapped key is then gone) calls `on_exhausted`.
#[component]
pub fn PinEntry(
    /// The label of the PIN box.
    label: Key,
    /// The submit button's words.
    button: Key,
    on_unlocked: Callback<()>,
    on_exhausted: Callback<()>,
    /// More buttons after the submit button.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pin = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<UnlockError>);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = pin.get_untracked();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = verify_worker_secret(&typed).await;
            busy.set(false);
            pin.set(String::new());
            match result {
                Ok(()) => on_unlocked.run(()),
                Err(UnlockError::Exhausted | UnlockError::NoPin) => on_exhausted.run(()),
                Err(e) => {
                    error.set(Some(e));
                    if let Some(el) = input.get_untracked() {
                        let _ = el.focus();
                    }
                }
            }
        });
    };
    let message = move || {
        error.get().map(|e| match e {
            UnlockError::Wrong { tries_left } if tries_left <= 5 => {
                i18n.tf(Key::PinWrongTries, &[("n", &tries_left.to_string())])
            }
            UnlockError::Wrong { .. } | UnlockError::Exhausted | UnlockError::NoPin => {
                i18n.t(Key::UnlockWrong).to_string()
            }
            UnlockError::Failed(reason) => i18n.tf(Key::UnlockFailed, &[("reason", &reason)]),
        })
    };
    view! {
        {move || message().map(|m| view! { <p class="banner banner-error" role="alert">{m}</p> })}
        <form class="pin-form" on:submit=submit>
            <div class="field">
                <label for="pin-entry">{move || i18n.t(label)}</label>
                <input
                    id="pin-entry"
                    class="pin-input"
                    type="password"
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength="12"
                    node_ref=input
                    bind:value=pin
                />
            </div>
            <div class="actions">
                <button class="button button-primary" type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if busy.get() { Key::Checking } else { button })}
                </button>
                {children.map(|c| c())}
            </div>
        </form>
    }
}
