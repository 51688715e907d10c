use crate::components::sign_off_status::SignOffStatus;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use crate::state::use_app;
use homeward_core::api::Role;
use homeward_core::practice::Closure;
use homeward_core::signoff::Standing;
use homeward_core::summary::CaseSummary;
use leptos::prelude::*;

/// On the case page: what waits for the team manager and what they decided (the latest Stage 4
/// reclassification, the closure), and when risk is next to be reclassified after the return.
#[component]
pub fn SignOffBox(case_id: uuid::Uuid, summary: CaseSummary) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    // A manager who opens a team case from the list can go straight to deciding.
    let to_queue = (summary.awaiting_sign_off > 0).then(|| {
        let href = format!("/sign-off/{case_id}");
        let is_manager = move || {
            app.me
                .with(|m| m.as_ref().is_some_and(|m| m.role == Role::Manager))
        };
        view! {
            <Show when=is_manager>
                <p><a class="button" href=href.clone()>{move || i18n.t(Key::OpenSignOff)}</a></p>
            </Show>
        }
    });
    let reclass = summary.reclassification.clone().map(|standing| {
        let pending = summary.pending_level;
        view! {
            <div class="sign-off-item">
                <h2>{move || i18n.t(Key::ReclassificationHeading)}</h2>
                {pending.map(|l| view! { <p>{move || i18n.tf(Key::PendingLevel, &[("level", i18n.t(labels::level(l)))])}</p> })}
                <SignOffStatus standing=standing />
            </div>
        }
    });
    let closure = match summary.closure.clone() {
        Closure::NotRequested { returned: None } => None,
        Closure::NotRequested { returned: Some(s) } => Some(s),
        Closure::Awaiting { .. } => Some(Standing::Awaiting),
        Closure::Closed { by_name, on } => Some(Standing::Agreed {
            by_name,
            on,
            comment: String::new(),
        }),
    }
    .map(|standing| {
        view! {
            <div class="sign-off-item">
                <h2>{move || i18n.t(Key::ClosureTitle)}</h2>
                <SignOffStatus standing=standing />
            </div>
        }
    });
    let due = summary.reclassification_due.map(|d| {
        let overdue = summary.reclassification_overdue;
        move || {
            let date = format::date(i18n.lang.get(), d);
            let key = if overdue {
                Key::ReclassifyOverdue
            } else {
                Key::ReclassifyDue
            };
            view! { <p class:overdue=overdue>{i18n.tf(key, &[("date", &date)])}</p> }
        }
    });
    let any = reclass.is_some() || closure.is_some() || due.is_some();
    any.then(|| view! { <div class="sign-off-box">{reclass}{closure}{due}{to_queue}</div> })
}
