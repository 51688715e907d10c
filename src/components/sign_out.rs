use crate::i18n::{use_i18n, Key};
use crate::state::use_app;
use crate::store::Unsettled;
use crate::wipe::{finish_wipe, WipeReason};
use crate::{api, local, sync};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Why signing out has to wait, or what it would cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blocked {
    /// Changes still in the outbox: the server must have them before the tablet is wiped.
    Unsent(u32),
    /// Changes the server refused for good, and forms typed into but never saved: signing out
    /// deletes them, so ask first.
    Discards { refused: u32, drafts: u32 },
}

/// Signing out: send everything first, and only then remove every case, note and key from the
/// tablet. Never wipes a change the server has not got.
#[component]
pub fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let busy = RwSignal::new(false);
    let blocked = RwSignal::new(None::<Blocked>);

    let go = move |discard_too: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        blocked.set(None);
        spawn_local(async move {
            let Some(local) = local::get() else {
                return;
            };
            // Errors are already on the sync indicator; what matters here is what is left, counted
            // in the very transaction that wipes, so nothing typed meanwhile is lost.
            let _ = sync::sync_once(app).await;
            match local.store.wipe_if_settled(discard_too).await {
                Ok(None) => {
                    // The session ends on the server too; offline here is unlikely (we just
                    // synced), and the session then simply expires.
                    let _ = api::sign_out().await;
                    finish_wipe(WipeReason::SignedOut).await;
                }
                Ok(Some(Unsettled { unsent, .. })) if unsent > 0 => {
                    blocked.set(Some(Blocked::Unsent(unsent)));
                }
                Ok(Some(Unsettled {
                    refused, drafts, ..
                })) => blocked.set(Some(Blocked::Discards { refused, drafts })),
                Err(e) => app.storage_error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="sign-out" aria-labelledby="sign-out-title">
            <h2 id="sign-out-title">{move || i18n.t(Key::SignOut)}</h2>
            <p>{move || i18n.t(Key::SignOutIntro)}</p>
            {move || {
                blocked
                    .get()
                    .map(|b| {
                        let said = |key, n: u32| (n > 0).then(|| i18n.tf(key, &[("n", &n.to_string())]));
                        let texts: Vec<String> = match b {
                            Blocked::Unsent(n) => said(Key::SignOutUnsent, n).into_iter().collect(),
                            Blocked::Discards { refused, drafts } => [
                                said(Key::SignOutRefused, refused),
                                said(Key::SignOutDrafts, drafts),
                            ]
                            .into_iter()
                            .flatten()
                            .collect(),
                        };
                        view! {
                            <div class="banner banner-error" role="alert">
                                {texts.into_iter().map(|t| view! { <p>{t}</p> }).collect_view()}
                            </div>
                        }
                    })
            }}
            <div class="actions">
                <button
                    class="button"
                    type="button"
                    disabled=move || busy.get()
                    on:click=move |_| go(false)
                >
                    {move || i18n.t(if busy.get() { Key::SigningOut } else { Key::SignOut })}
                </button>
                <Show when=move || matches!(blocked.get(), Some(Blocked::Discards { .. }))>
                    <button
                        class="button button-danger"
                        type="button"
                        disabled=move || busy.get()
                        on:click=move |_| go(true)
                    >
                        {move || i18n.t(Key::SignOutAnyway)}
                    </button>
                </Show>
            </div>
        </section>
    }
}
