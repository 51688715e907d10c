use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::state::use_app;
use homeward_core::case::age_on;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// One case. Later issues grow this into the five-stage stepper.
#[component]
pub fn CaseDetail() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let params = use_params_map();
    let row = move || {
        let id = params
            .get()
            .get("id")
            .and_then(|s| Uuid::parse_str(&s).ok())?;
        app.cases.get().into_iter().find(|r| r.id == id)
    };
    view! {
        <section class="panel">
            <p><a href="/">{move || i18n.t(Key::BackToCases)}</a></p>
            {move || match row() {
                None => view! { <p>{i18n.t(Key::CaseNotFound)}</p> }.into_any(),
                Some(r) => {
                    let lang = i18n.lang.get();
                    let meta = r.date_of_birth.map(|d| {
                        format!(
                            "{} · {}",
                            i18n.tf(Key::AgeYears, &[("n", &age_on(d, format::today()).to_string())]),
                            i18n.tf(Key::Born, &[("date", &format::date(lang, d))]),
                        )
                    });
                    view! {
                        <h1>{r.child_name.clone()}</h1>
                        <p class="case-meta">{meta}</p>
                        <h2>{i18n.t(Key::CaseNoteHeading)}</h2>
                        <p class="case-note">{r.note.clone()}</p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
