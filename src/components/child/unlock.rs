use crate::i18n::{use_i18n, Key};
use crate::state::use_app;
use crate::worker_secret::{verify_worker_secret, SecretError};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The worker's way out of child mode: their password (or, once it exists, their PIN).
#[component]
pub fn Unlock(on_unlocked: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let secret = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<SecretError>);
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
        let username = app
            .me
            .get_untracked()
            .map(|m| m.username)
            .unwrap_or_default();
        let typed = secret.get_untracked();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = verify_worker_secret(&username, &typed).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    secret.set(String::new());
                    on_unlocked.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let message = move || {
        error.get().map(|e| match e {
            SecretError::Wrong => i18n.t(Key::UnlockWrong).to_string(),
            SecretError::NeedsConnection => i18n.t(Key::UnlockNeedsConnection).to_string(),
            SecretError::TooMany => i18n.t(Key::SignInTooMany).to_string(),
            SecretError::Other(reason) => i18n.tf(Key::UnlockFailed, &[("reason", &reason)]),
        })
    };
    view! {
        <section class="child-unlock" aria-labelledby="unlock-title">
            <h1 id="unlock-title">{move || i18n.t(Key::UnlockTitle)}</h1>
            {move || message().map(|m| view! { <p class="banner banner-error" role="alert">{m}</p> })}
            <form on:submit=submit>
                <div class="field">
                    <label for="worker-secret">{move || i18n.t(Key::UnlockSecret)}</label>
                    <input
                        id="worker-secret"
                        type="password"
                        autocomplete="current-password"
                        node_ref=input
                        bind:value=secret
                    />
                </div>
                <div class="actions">
                    <button class="button button-primary" type="submit" disabled=move || busy.get()>
                        {move || i18n.t(if busy.get() { Key::Unlocking } else { Key::UnlockButton })}
                    </button>
                    <button class="button" type="button" on:click=move |_| on_cancel.run(())>
                        {move || i18n.t(Key::BackToChild)}
                    </button>
                </div>
            </form>
        </section>
    }
}
