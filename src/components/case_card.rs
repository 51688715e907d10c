use crate::components::level_badge::LevelBadge;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use crate::state::CaseRow;
use homeward_core::case::age_on;
use leptos::prelude::*;

/// One case on the dashboard: child, age, level (colour and word), stage, next review and the
/// movement rules' alerts.
#[component]
pub fn CaseCard(row: CaseRow) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/cases/{}", row.id);
    let dob = row.date_of_birth;
    let summary = row.summary.clone();
    let details = move || {
        dob.map(|d| {
            let age = age_on(d, format::today()).to_string();
            i18n.tf(Key::AgeYears, &[("n", &age)])
        })
    };
    let stage = summary.stage;
    let review = {
        let s = summary.clone();
        move || {
            let lang = i18n.lang.get();
            match s.next_review {
                Some(d) if s.review_overdue => {
                    i18n.tf(Key::ReviewOverdue, &[("date", &format::date(lang, d))])
                }
                Some(d) => i18n.tf(Key::NextReview, &[("date", &format::date(lang, d))]),
                None => i18n.t(Key::NoReview).to_string(),
            }
        }
    };
    let overdue = summary.review_overdue;
    let summary_badges = summary.clone();
    let prompts = summary.prompts.clone();
    let alerts = move || {
        prompts
            .iter()
            .filter_map(|p| labels::prompt(&i18n, p))
            .map(|text| view! { <li>{text}</li> })
            .collect_view()
    };
    let has_alerts = summary
        .prompts
        .iter()
        .any(|p| !matches!(p, homeward_core::movement::Prompt::NotClassified));
    view! {
        <li class="case-card">
            <a href=href>
                <span class="case-card-top">
                    <span class="case-name">{row.child_name.clone()}</span>
                    <LevelBadge level=summary.level />
                </span>
                <span class="case-meta">{details}</span>
                <span class="case-stage">{move || labels::stage_title(&i18n, stage)}</span>
                <span class="case-review" class:overdue=overdue>{review}</span>
                // A card is drawn again when its row changes, so what it shows or hides is
                // fixed for its life: no <Show> (a memo and an effect each, times a hundred
                // cards at every keystroke of a search).
                {row.needs_review.then(|| view! { <span class="badge badge-review">{move || i18n.t(Key::NeedsReview)}</span> })}
                {sign_off_badges(&summary_badges)}
                {has_alerts.then(|| view! { <ul class="alerts">{alerts}</ul> })}
            </a>
        </li>
    }
}

/// Awaiting the manager, returned by them, or closed: a case's sign-off state on its card.
fn sign_off_badges(s: &homeward_core::summary::CaseSummary) -> impl IntoView {
    use homeward_core::signoff::Standing;
    let i18n = use_i18n();
    let awaiting = s.awaiting_sign_off > 0;
    let returned = matches!(s.reclassification, Some(Standing::Returned { .. }))
        || matches!(
            s.closure,
            homeward_core::practice::Closure::NotRequested { returned: Some(_) }
        );
    let closed = s.is_closed();
    let due = s
        .reclassification_due
        .filter(|_| s.reclassification_overdue);
    view! {
        {awaiting.then(|| view! { <span class="badge badge-awaiting">{move || i18n.t(Key::AwaitingSignOff)}</span> })}
        {(returned && !awaiting).then(|| view! { <span class="badge badge-returned">{move || i18n.t(Key::ReturnedBadge)}</span> })}
        {closed.then(|| view! { <span class="badge badge-closed">{move || i18n.t(Key::CaseClosed)}</span> })}
        {due.map(|d| view! { <span class="case-review overdue">{move || i18n.tf(Key::ReclassifyOverdue, &[("date", &format::date(i18n.lang.get(), d))])}</span> })}
    }
}
