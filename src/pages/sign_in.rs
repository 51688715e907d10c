use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::i18n::{use_i18n, Key};
use crate::local;
use crate::state::{use_app, AppState, LockState, ME};
use crate::vault::{self, VaultError};
use crate::wipe::{wipe_device, WipeReason};
use homeward_core::api::ErrorCode;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What stopped a sign-in, in the worker's words.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    Say(Key),
    /// Another worker's unsent work is on this tablet.
    OtherWorker(String),
}

/// Sign in with the work account. Needs the network; it brings this tablet's data key, and after
/// that a PIN unlocks the app offline.
#[component]
pub fn SignIn() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let outcome = sign_in(app, &username.get_untracked(), &password.get_untracked()).await;
            busy.set(false);
            match outcome {
                Ok(()) => {
                    password.set(String::new());
                    app.sync.needs_sign_in.set(false);
                    if app.lock.get_untracked() == LockState::Unlocked {
                        // A session renewed while unlocked: the PIN stays as it was.
                        vault::forget_pending();
                        crate::sync::kick();
                    } else {
                        app.lock.set(LockState::ChoosePin);
                    }
                    if let Ok(history) = window().history() {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some("/"),
                        );
                    }
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };

    view! {
        <section class="panel sign-in">
            <h1>{move || i18n.t(Key::SignInTitle)}</h1>
            {move || {
                app.notice
                    .get()
                    .map(|k| view! { <p class="banner banner-info" role="status">{i18n.t(k)}</p> })
            }}
            <p>{move || i18n.t(Key::SignInIntro)}</p>
            {move || {
                problem
                    .get()
                    .map(|p| {
                        let text = match p {
                            Problem::Say(k) => i18n.t(k).to_string(),
                            Problem::OtherWorker(name) => {
                                i18n.tf(Key::OtherWorkerData, &[("name", &name)])
                            }
                        };
                        view! { <p class="banner banner-error" role="alert">{text}</p> }
                    })
            }}
            <form on:submit=submit novalidate>
                <Field
                    id="username"
                    label=Key::Username
                    value=username
                    error=Signal::derive(|| None)
                    autocomplete="username"
                    required=true
                />
                <Field
                    id="password"
                    label=Key::Password
                    value=password
                    error=Signal::derive(|| None)
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <button class="button button-primary" type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if busy.get() { Key::SigningIn } else { Key::SignInButton })}
                </button>
            </form>
        </section>
    }
}

/// Signs in, takes the device's data key and remembers who is signed in.
async fn sign_in(app: AppState, username: &str, password: &str) -> Result<(), Problem> {
    let local = local::get().ok_or(Problem::Say(Key::SignInFailed))?;
    let typed = username.trim().to_lowercase();
    let storage = |e: crate::store::StoreError| {
        app.storage_error.set(Some(e.to_string()));
        Problem::Say(Key::SignInFailed)
    };
    // The tablet holds someone else's work: it is theirs to send before anyone else signs in, and
    // nothing is cleared for a password that is not right.
    if let Some(owner) = vault::owner(&local.store).await.map_err(storage)? {
        if owner != typed && !typed.is_empty() {
            api::sign_in(username, password, None)
                .await
                .map_err(sign_in_problem)?;
            let unsent = local.store.waiting_len().await.map_err(storage)?
                + local.store.refused_len().await.map_err(storage)?;
            if unsent > 0 {
                return Err(Problem::OtherWorker(owner));
            }
            wipe_device(WipeReason::OtherWorker).await;
            return Err(Problem::Say(Key::OtherWorkerWiped));
        }
    }
    let signed = match api::sign_in(username, password, Some(local.device_id)).await {
        Ok(s) => s,
        Err(e) if e.is(ErrorCode::DeviceRevoked) => {
            wipe_device(WipeReason::Revoked).await;
            return Err(Problem::Say(Key::DeviceRevokedNotice));
        }
        Err(e) => return Err(sign_in_problem(e)),
    };
    let key = signed
        .data_key
        .as_deref()
        .ok_or(Problem::Say(Key::SignInFailed))?;
    match vault::receive_key(&local.store, &signed.me.username, key).await {
        Ok(()) => {}
        Err(VaultError::KeyMismatch) => return Err(Problem::Say(Key::KeyMismatch)),
        Err(e) => {
            app.storage_error.set(Some(e.to_string()));
            return Err(Problem::Say(Key::SignInFailed));
        }
    }
    local
        .store
        .set_meta(ME, &signed.me)
        .await
        .map_err(storage)?;
    app.me.set(Some(signed.me));
    Ok(())
}

fn sign_in_problem(e: ApiError) -> Problem {
    match e {
        ApiError::Offline => Problem::Say(Key::SignInNeedsConnection),
        e if e.is(ErrorCode::RateLimited) => Problem::Say(Key::SignInTooMany),
        _ => Problem::Say(Key::SignInFailed),
    }
}
