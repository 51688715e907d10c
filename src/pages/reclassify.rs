use crate::case_data::use_case;
use crate::components::classify_form::{parse, ClassifyForm};
use crate::components::plan_actions::PlanActions;
use crate::components::sign_off_status::SignOffStatus;
use crate::components::stage4_outcomes::Stage4Outcomes;
use crate::components::task_notes::TaskNotes;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::classification::{ClassificationKind, RiskLevel};
use homeward_core::stages::Task;
use leptos::prelude::*;

/// Stage 4: reclassify risk with the team manager (the reclassification waits for their
/// sign-off), see which of the framework's outcomes applies, update the agreement, write the
/// multi-agency reunification plan and prepare the child and parents.
#[component]
pub fn Reclassify() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=4"));
    let agreement = move || case.id.get().map(|id| format!("/cases/{id}/agreement"));
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let ready = move || case.data.with(Option::is_some);
    let chosen = RwSignal::new(String::new());
    let current = Signal::derive(move || {
        case.data.with(|d| {
            d.as_ref()
                .and_then(|d| d.file.classifications.current_level())
        })
    });
    let picked = Signal::derive(move || parse::<RiskLevel>(&chosen.get()));
    // Every Stage 4 submission, newest first, with where it stands with the manager.
    let submissions = move || {
        case.data.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::new();
            };
            let mut v: Vec<_> = d
                .file
                .classifications
                .entries
                .iter()
                .filter(|c| c.kind == ClassificationKind::Stage4Reclassification)
                .filter_map(|c| Some((c.clone(), d.file.standing(c.id)?)))
                .collect();
            v.reverse();
            v
        })
    };
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::ReclassifyTitle)} ": " {name}</h1>
            <Show when=ready>
                <section aria-labelledby="outcomes-h">
                    <h2 id="outcomes-h">{move || i18n.t(Key::OutcomesTitle)}</h2>
                    <p>
                        {move || match current.get() {
                            Some(l) => i18n.tf(Key::LevelInEffect, &[("level", i18n.t(labels::level(l)))]),
                            None => i18n.t(Key::NotClassified).to_string(),
                        }}
                    </p>
                    <Stage4Outcomes current=current chosen=picked />
                </section>
                <section aria-labelledby="submitted-h">
                    <h2 id="submitted-h">{move || i18n.t(Key::SubmittedTitle)}</h2>
                    {move || {
                        let list = submissions();
                        if list.is_empty() {
                            return view! { <p class="muted">{i18n.t(Key::NoSubmissions)}</p> }.into_any();
                        }
                        let lang = i18n.lang.get();
                        view! {
                            <ul class="records submissions">
                                {list
                                    .into_iter()
                                    .map(|(c, standing)| view! {
                                        <li>
                                            <strong>{i18n.tf(Key::ReclassifiedTo, &[("level", i18n.t(labels::level(c.chosen)))])}</strong>
                                            <p class="muted">{i18n.tf(Key::DecidedOn, &[("date", &format::date(lang, c.on)), ("by", &c.by)])}</p>
                                            {(!c.rationale.is_empty()).then(|| view! { <p>{c.rationale.clone()}</p> })}
                                            <SignOffStatus standing=standing />
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
                <section aria-labelledby="reclassify-h">
                    <h2 id="reclassify-h">{move || i18n.t(Key::NewReclassification)}</h2>
                    <p class="hint">{move || i18n.t(Key::ReclassifyHint)}</p>
                    // One reclassification waits for the manager at a time: a second would
                    // leave them two versions of the same decision.
                    <Show
                        when=move || case.row().is_none_or(|r| r.summary.pending_level.is_none())
                        fallback=move || view! { <p class="banner banner-info">{move || i18n.t(Key::AlreadyAwaiting)}</p> }
                    >
                        <ClassifyForm
                            case=case
                            kind=ClassificationKind::Stage4Reclassification
                            task=Task::ReclassifyWithManager
                            chosen=chosen
                        />
                    </Show>
                </section>
                <section aria-labelledby="agreement-h">
                    <h2 id="agreement-h">{move || i18n.t(Key::T4_2)}</h2>
                    <p><a class="button" href=agreement>{move || i18n.t(Key::UpdateAgreement)}</a></p>
                </section>
                <section aria-labelledby="plan-h">
                    <h2 id="plan-h">{move || i18n.t(Key::PlanTitle)}</h2>
                    <p class="hint">{move || i18n.t(Key::PlanHint)}</p>
                    <PlanActions case=case task=Task::MultiAgencyPlan />
                </section>
                <section aria-labelledby="prepare-h">
                    <h2 id="prepare-h">{move || i18n.t(Key::T4_4)}</h2>
                    <TaskNotes
                        case=case
                        task=Task::PrepareChildAndParents
                        id="preparation"
                        label=Key::PreparationLabel
                        hint=Key::PreparationHint
                    />
                </section>
            </Show>
        </section>
    }
}
