use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::state::use_app;
use leptos::prelude::*;

/// Always-visible sync state: online or not, changes waiting, last sync, refused changes.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let s = use_app().sync;
    let waiting = move || {
        let n = s.waiting.get();
        if n == 0 {
            i18n.t(Key::AllSent).to_string()
        } else {
            i18n.tf(Key::ChangesWaiting, &[("n", &n.to_string())])
        }
    };
    let last = move || match s.last_synced.get() {
        Some(ms) => i18n.tf(
            Key::LastSynced,
            &[("time", &format::time(i18n.lang.get(), ms))],
        ),
        None => i18n.t(Key::NeverSynced).to_string(),
    };
    let app = use_app();
    // Only a case's own record has free text today; count the cases with texts to review.
    let to_review = move || app.cases.get().iter().filter(|r| r.needs_review).count();
    view! {
        <section class="sync" aria-label=move || i18n.t(Key::SyncStatus)>
            <p class="sync-line" role="status" aria-live="polite">
                <span class=move || {
                    if s.online.get() { "dot dot-online" } else { "dot dot-offline" }
                }></span>
                <span class="sync-online">
                    {move || i18n.t(if s.online.get() { Key::StatusOnline } else { Key::StatusOffline })}
                </span>
                <span class="sync-waiting">{waiting}</span>
                <span class="sync-last">{last}</span>
            </p>
            <Show when=move || { to_review() > 0 }>
                <p class="sync-alert sync-review">
                    <a href="/review">{move || i18n.tf(Key::ToReview, &[("n", &to_review().to_string())])}</a>
                </p>
            </Show>
            <Show when=move || s.needs_sign_in.get()>
                <p class="sync-alert" role="alert">
                    <a href="/sign-in">{move || i18n.t(Key::SignInToSync)}</a>
                </p>
            </Show>
            {move || {
                s.error
                    .get()
                    .map(|reason| {
                        view! {
                            <p class="sync-alert" role="alert">
                                {i18n.tf(Key::SyncFailed, &[("reason", &reason)])}
                            </p>
                        }
                    })
            }}
            <Show when=move || !s.refused.get().is_empty()>
                <details class="refused">
                    <summary>
                        {move || i18n.tf(Key::NotSent, &[("n", &s.refused.get().len().to_string())])}
                    </summary>
                    <h2>{move || i18n.t(Key::NotSentTitle)}</h2>
                    <ul>
                        {move || {
                            s.refused
                                .get()
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <li>
                                            <code>{r.change.field.clone()}</code>
                                            ": "
                                            {r.reason.clone()}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </details>
            </Show>
        </section>
    }
}
