use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::state::CaseRow;
use homeward_core::case::age_on;
use leptos::prelude::*;

/// One case in the list: the child's name, age and date of birth, and whether it needs review.
#[component]
pub fn CaseCard(row: CaseRow) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/cases/{}", row.id);
    let dob = row.date_of_birth;
    let details = move || {
        dob.map(|d| {
            let lang = i18n.lang.get();
            let age = age_on(d, format::today()).to_string();
            format!(
                "{} · {}",
                i18n.tf(Key::AgeYears, &[("n", &age)]),
                i18n.tf(Key::Born, &[("date", &format::date(lang, d))])
            )
        })
    };
    view! {
        <li class="case-card">
            <a href=href>
                <span class="case-name">{row.child_name.clone()}</span>
                <span class="case-meta">{details}</span>
                <Show when=move || row.needs_review>
                    <span class="badge badge-review">{move || i18n.t(Key::NeedsReview)}</span>
                </Show>
            </a>
        </li>
    }
}
