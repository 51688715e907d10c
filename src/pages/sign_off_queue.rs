use crate::components::level_badge::LevelBadge;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use crate::state::use_app;
use homeward_core::api::Role;
use homeward_core::practice::Closure;
use leptos::prelude::*;

/// The team manager's queue: the cases of their team with a Stage 4 reclassification or a
/// closure waiting for sign-off. A worker who opens the address is told plainly that it is not
/// for them; the server refuses a worker's sign-off whatever the device sends.
#[component]
pub fn SignOffQueue() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let is_manager = move || {
        app.me
            .with(|m| m.as_ref().is_some_and(|m| m.role == Role::Manager))
    };
    let waiting = Memo::new(move |_| {
        app.cases.with(|cases| {
            cases
                .iter()
                .filter(|r| r.summary.awaiting_sign_off > 0)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="panel">
            <p class="link-line"><a href="/">{move || i18n.t(Key::BackToCases)}</a></p>
            <h1>{move || i18n.t(Key::SignOffQueueTitle)}</h1>
            <Show
                when=is_manager
                fallback=move || view! { <p class="banner banner-error" role="alert">{move || i18n.t(Key::OnlyManagers)}</p> }
            >
                <Show
                    when=move || !waiting.with(Vec::is_empty)
                    fallback=move || view! { <p class="empty">{move || i18n.t(Key::QueueEmpty)}</p> }
                >
                    <ul class="case-list queue">
                        <For
                            each=move || waiting.get()
                            key=|r| (r.id, format!("{:?}", r.summary))
                            children=move |r| {
                                let href = format!("/sign-off/{}", r.id);
                                let s = r.summary.clone();
                                let what = move || {
                                    let mut v = Vec::new();
                                    if let Some(l) = s.pending_level {
                                        v.push(i18n.tf(Key::QueueReclassification, &[("level", i18n.t(labels::level(l)))]));
                                    }
                                    if matches!(s.closure, Closure::Awaiting { .. }) {
                                        v.push(i18n.t(Key::QueueClosure).to_string());
                                    }
                                    v.join(" · ")
                                };
                                let since = r.summary.level_since;
                                view! {
                                    <li class="case-card">
                                        <a href=href>
                                            <span class="case-card-top">
                                                <span class="case-name">{r.child_name.clone()}</span>
                                                <LevelBadge level=r.summary.level />
                                            </span>
                                            <span class="case-stage">{what}</span>
                                            {since.map(|d| view! {
                                                <span class="case-meta">{move || i18n.tf(Key::LevelSince, &[("date", &format::date(i18n.lang.get(), d))])}</span>
                                            })}
                                        </a>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </Show>
            </Show>
        </section>
    }
}
