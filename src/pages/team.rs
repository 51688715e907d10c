use crate::case_data::use_case;
use crate::components::child_told::ChildTold;
use crate::components::contingency_form::ContingencyForm;
use crate::components::support_log::SupportLog;
use crate::components::team_editor::TeamEditor;
use crate::i18n::{use_i18n, Key};
use leptos::prelude::*;

/// Stage 3 tasks 1, 3, 4 and 5: telling the child what this stage is for, the relationship-based
/// support given, the team around the child and family, and the contingency plan.
#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=3"));
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    // Loaded once: the forms keep their own input while the case reloads around them.
    let loaded = Memo::new(move |_| case.data.with(Option::is_some));
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::TeamTitle)} ": " {name}</h1>
            <Show when=move || loaded.get()>
                <section aria-labelledby="told-h">
                    <h2 id="told-h">{move || i18n.tf(Key::ToldTitle, &[("child", &name())])}</h2>
                    <p class="muted">{move || i18n.t(Key::ToldWhy)}</p>
                    <ChildTold case=case />
                </section>
                <section aria-labelledby="team-h">
                    <h2 id="team-h">{move || i18n.t(Key::TeamAround)}</h2>
                    <p class="muted">{move || i18n.t(Key::TeamWhy)}</p>
                    <TeamEditor case=case />
                </section>
                <section aria-labelledby="support-h">
                    <h2 id="support-h">{move || i18n.t(Key::SupportTitle)}</h2>
                    <p class="muted">{move || i18n.t(Key::SupportWhy)}</p>
                    <SupportLog case=case />
                </section>
                <section aria-labelledby="contingency-h">
                    <h2 id="contingency-h">{move || i18n.t(Key::ContTitle)}</h2>
                    <p class="muted">{move || i18n.t(Key::ContWhy)}</p>
                    <ContingencyForm case=case />
                </section>
            </Show>
        </section>
    }
}
