use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::i18n::{use_i18n, Key};
use crate::state::{use_app, ME};
use crate::{local, sync};
use homeward_core::api::ErrorCode;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Sign in with the work account. Needs the network once; after that the app works offline.
#[component]
pub fn SignIn() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = api::sign_in(&username.get_untracked(), &password.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(me) => {
                    password.set(String::new());
                    if let Some(local) = local::get() {
                        if let Err(e) = local.store.set_meta(ME, &me).await {
                            app.storage_error.set(Some(e.to_string()));
                        }
                    }
                    app.me.set(Some(me));
                    app.sync.needs_sign_in.set(false);
                    sync::kick();
                    if let Ok(history) = window().history() {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some("/"),
                        );
                    }
                }
                Err(ApiError::Offline) => problem.set(Some(Key::SignInNeedsConnection)),
                Err(e) if e.is(ErrorCode::RateLimited) => problem.set(Some(Key::SignInTooMany)),
                Err(_) => problem.set(Some(Key::SignInFailed)),
            }
        });
    };

    view! {
        <section class="panel sign-in">
            <h1>{move || i18n.t(Key::SignInTitle)}</h1>
            <p>{move || i18n.t(Key::SignInIntro)}</p>
            {move || {
                problem
                    .get()
                    .map(|k| view! { <p class="banner banner-error" role="alert">{i18n.t(k)}</p> })
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
