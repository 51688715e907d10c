use crate::case_data::use_case;
use crate::components::level_badge::LevelBadge;
use crate::components::sign_off_box::SignOffBox;
use crate::components::stepper::Stepper;
use crate::components::task_list::TaskList;
use crate::components::{child_voices::ChildVoices, hand_to_child::HandToChild};
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::case::age_on;
use homeward_core::stages::Stage;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// One case: who the child is, the level and alerts, and the five stages as a guided stepper
/// with the shown stage's tasks, what is missing and why the stage matters.
#[component]
pub fn CaseDetail() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let query = use_query_map();
    let current = move || {
        case.data
            .with(|d| d.as_ref().map(|d| d.file.checklist.current_stage()))
            .unwrap_or(Stage::InitialAssessment)
    };
    let shown = Signal::derive(move || {
        query
            .get()
            .get("stage")
            .and_then(|s| s.parse::<u8>().ok())
            .and_then(|n| Stage::ALL.into_iter().find(|s| s.number() == n))
            .unwrap_or_else(current)
    });
    let who = Memo::new(move |_| {
        case.row()
            .map(|r| (r.id, r.child_name.clone(), r.date_of_birth))
    });
    view! {
        <section class="panel">
            <p class="link-line"><a href="/">{move || i18n.t(Key::BackToCases)}</a></p>
            {move || match case.row() {
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
                    let alerts: Vec<String> = r
                        .summary
                        .prompts
                        .iter()
                        .filter_map(|p| labels::prompt(&i18n, p))
                        .collect();
                    view! {
                        <div class="case-head">
                            <h1>{r.child_name.clone()}</h1>
                            <LevelBadge level=r.summary.level />
                        </div>
                        <p class="case-meta">{meta}</p>
                        {(!alerts.is_empty())
                            .then(|| {
                                view! {
                                    <div class="alert-box">
                                        <h2 class="visually-hidden">{i18n.t(Key::Alerts)}</h2>
                                        <ul class="alerts">
                                            {alerts.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                                        </ul>
                                    </div>
                                }
                            })}
                        <SignOffBox case_id=r.id summary=r.summary.clone() />
                        <p class="case-note">{r.note.clone()}</p>
                    }
                        .into_any()
                }
            }}
            // Rebuilt only when the child changes, not whenever a sync refreshes the case list:
            // the worker may be half-way through choosing activities when new data arrives.
            {move || {
                who.get()
                    .map(|(id, name, dob)| {
                        view! {
                            <ChildVoices case_id=id />
                            <HandToChild case_id=id child_name=name date_of_birth=dob />
                        }
                    })
            }}
            {move || {
                let id = case.id.get()?;
                case.data
                    .with(|d| {
                        d.as_ref()
                            .map(|d| {
                                let checklist = d.file.checklist.clone();
                                let stage = shown.get();
                                view! {
                                    <Stepper
                                        case_id=id
                                        progress=checklist.progress()
                                        current=checklist.current_stage()
                                        shown=shown
                                    />
                                    <section class="stage" aria-labelledby="stage-title">
                                        <h2 id="stage-title">{labels::stage_title(&i18n, stage)}</h2>
                                        <p class="why">
                                            <strong>{i18n.t(Key::WhyThisMatters)} ": "</strong>
                                            {i18n.t(labels::why(stage))}
                                        </p>
                                        <TaskList case=case stage=stage checklist=checklist />
                                        <h3>{i18n.t(Key::WorkOnStage)}</h3>
                                        {stage_links(id, stage)}
                                    </section>
                                }
                            })
                    })
            }}
        </section>
    }
}

/// The screens where a stage's work is done.
fn stage_links(id: uuid::Uuid, stage: Stage) -> impl IntoView {
    let i18n = use_i18n();
    let links: Vec<(String, Key)> = match stage {
        Stage::InitialAssessment => vec![
            (format!("/cases/{id}/chronology"), Key::OpenChronology),
            (format!("/cases/{id}/genogram"), Key::OpenGenogram),
            (format!("/cases/{id}/assessment"), Key::OpenAssessment),
            (format!("/cases/{id}/report"), Key::OpenReport),
        ],
        Stage::RiskClassification => vec![(
            format!("/cases/{id}/classification"),
            Key::OpenClassification,
        )],
        Stage::ParentalAgreements => vec![
            (format!("/cases/{id}/agreement"), Key::OpenAgreement),
            (
                format!("/cases/{id}/agreement/parents"),
                Key::OpenAgreementParents,
            ),
            (format!("/cases/{id}/team"), Key::OpenTeam),
            (format!("/cases/{id}/reviews"), Key::OpenReviews),
        ],
        Stage::Reclassification => vec![
            (format!("/cases/{id}/reclassify"), Key::OpenReclassify),
            (format!("/cases/{id}/agreement"), Key::UpdateAgreement),
        ],
        Stage::ReturnHome => vec![(format!("/cases/{id}/return-home"), Key::OpenReturnHome)],
    };
    if links.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Key::LaterStagesElsewhere)}</p> }
            .into_any();
    }
    view! {
        <ul class="work-links">
            {links
                .into_iter()
                .map(|(href, k)| view! { <li><a class="button" href=href>{move || i18n.t(k)}</a></li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}
