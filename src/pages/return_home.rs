use crate::case_data::use_case;
use crate::components::classify_form::ClassifyForm;
use crate::components::closure_request::ClosureRequest;
use crate::components::contact_schedule::ContactSchedule;
use crate::components::plan_actions::PlanActions;
use crate::components::plan_intervals::PlanIntervals;
use crate::components::return_reviews::ReturnReviews;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::classification::ClassificationKind;
use homeward_core::stages::Task;
use leptos::prelude::*;

/// Stage 5: the gradual return as a contact schedule, the support the plan coordinates,
/// monitoring and reviews after the return, reclassification at set intervals, and closure once
/// low risk has been sustained (with the team manager's sign-off).
#[component]
pub fn ReturnHome() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=5"));
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let ready = move || case.data.with(Option::is_some);
    let reclassify_due = move || {
        let s = case.row()?.summary;
        let d = s.reclassification_due?;
        let date = format::date(i18n.lang.get(), d);
        Some(if s.reclassification_overdue {
            view! { <p class="overdue">{i18n.tf(Key::ReclassifyOverdue, &[("date", &date)])}</p> }
                .into_any()
        } else {
            view! { <p>{i18n.tf(Key::ReclassifyDue, &[("date", &date)])}</p> }.into_any()
        })
    };
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::ReturnHomeTitle)} ": " {name}</h1>
            <Show when=ready>
                <section aria-labelledby="contact-h">
                    <h2 id="contact-h">{move || i18n.t(Key::T5_1)}</h2>
                    <ContactSchedule case=case />
                </section>
                <section aria-labelledby="support-h">
                    <h2 id="support-h">{move || i18n.t(Key::T5_2)}</h2>
                    <PlanActions case=case task=Task::CoordinateSupport />
                </section>
                <section aria-labelledby="monitor-h">
                    <h2 id="monitor-h">{move || i18n.t(Key::T5_3)}</h2>
                    <PlanIntervals case=case task=Task::MonitorAndReview />
                    <ReturnReviews case=case />
                </section>
                <section aria-labelledby="interval-h">
                    <h2 id="interval-h">{move || i18n.t(Key::T5_4)}</h2>
                    {reclassify_due}
                    <ClassifyForm case=case kind=ClassificationKind::Review task=Task::ReclassifyAtIntervals />
                </section>
                <section aria-labelledby="closure-h">
                    <h2 id="closure-h">{move || i18n.t(Key::ClosureTitle)}</h2>
                    <ClosureRequest case=case />
                </section>
            </Show>
        </section>
    }
}
