use crate::case_data::CaseCtx;
use crate::components::plan_actions::save_plan;
use crate::components::saved_note::SavedNote;
use crate::i18n::{use_i18n, Key};
use homeward_core::review::Interval;
use homeward_core::stages::Task;
use leptos::prelude::*;

/// The intervals a plan may choose from, as "weeks:2" or "months:3" in the form.
const CHOICES: [Interval; 7] = [
    Interval::Weeks(1),
    Interval::Weeks(2),
    Interval::Months(1),
    Interval::Months(2),
    Interval::Months(3),
    Interval::Months(4),
    Interval::Months(6),
];

fn value(i: Interval) -> String {
    match i {
        Interval::Weeks(n) => format!("weeks:{n}"),
        Interval::Months(n) => format!("months:{n}"),
    }
}

fn parse(s: &str) -> Option<Interval> {
    CHOICES.into_iter().find(|i| value(*i) == s)
}

/// How often the case is reviewed and risk reclassified after the return: the timescales the
/// source asks the plan to agree. The dashboard's reminders follow them.
#[component]
pub fn PlanIntervals(case: CaseCtx, task: Task) -> impl IntoView {
    let i18n = use_i18n();
    let saved = RwSignal::new(false);
    let words = move |i: Interval| match i {
        Interval::Weeks(1) => i18n.t(Key::EveryWeek).to_string(),
        Interval::Months(1) => i18n.t(Key::EveryMonth).to_string(),
        Interval::Weeks(n) => i18n.tf(Key::EveryWeeks, &[("n", &n.to_string())]),
        Interval::Months(n) => i18n.tf(Key::EveryMonths, &[("n", &n.to_string())]),
    };
    let select = move |id: &'static str, label: Key, reclassify: bool| {
        let current = move || {
            case.data
                .with(|d| {
                    d.as_ref().map(|d| {
                        if reclassify {
                            d.file.plan.reclassify_every
                        } else {
                            d.file.plan.review_every
                        }
                    })
                })
                .unwrap_or_default()
        };
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <select
                    id=id
                    prop:value=move || value(current())
                    on:change=move |ev| {
                        let Some(i) = parse(&event_target_value(&ev)) else { return };
                        saved.set(false);
                        save_plan(
                            case,
                            task,
                            move |p| if reclassify { p.reclassify_every = i } else { p.review_every = i },
                            move |ok| saved.set(ok),
                        );
                    }
                >
                    {CHOICES
                        .into_iter()
                        .map(|i| view! { <option value=value(i) selected=move || current() == i>{move || words(i)}</option> })
                        .collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <div class="plan-intervals">
            {select("review-every", Key::ReviewEvery, false)}
            {select("reclassify-every", Key::ReclassifyEvery, true)}
            <SavedNote saved=saved />
        </div>
    }
}
