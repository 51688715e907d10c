use crate::components::case_card::CaseCard;
use crate::i18n::{use_i18n, Key};
use crate::state::use_app;
use leptos::prelude::*;

/// The worker's cases on this device.
#[component]
pub fn CaseList() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    view! {
        <section class="panel">
            <div class="panel-head">
                <h1>{move || i18n.t(Key::Cases)}</h1>
                <a class="button button-primary" href="/cases/new">{move || i18n.t(Key::NewCase)}</a>
            </div>
            <Show
                when=move || !app.cases.get().is_empty()
                fallback=move || view! { <p class="empty">{move || i18n.t(Key::NoCases)}</p> }
            >
                <ul class="case-list">
                    <For
                        each=move || app.cases.get()
                        key=|row| (row.id, row.child_name.clone(), row.date_of_birth, row.needs_review)
                        children=|row| view! { <CaseCard row=row /> }
                    />
                </ul>
            </Show>
        </section>
    }
}
