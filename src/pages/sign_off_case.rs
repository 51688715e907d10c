use crate::case_data::{use_case, CaseData};
use crate::components::evidence_summary::EvidenceSummary;
use crate::components::sign_off_form::SignOffForm;
use crate::components::sign_off_status::SignOffStatus;
use crate::components::stage4_outcomes::Stage4Outcomes;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use crate::state::use_app;
use homeward_core::api::Role;
use homeward_core::classification::Answers;
use homeward_core::practice::Awaiting;
use homeward_core::signoff::Subject;
use leptos::prelude::*;

/// The five questions and the answers given, as a definition list.
fn answers_view(a: Answers) -> impl IntoView {
    let i18n = use_i18n();
    let rows = [
        (Key::Q1, labels::risk_factors(a.risk_factors)),
        (Key::Q2, labels::protective(a.protective_factors)),
        (Key::Q3, labels::capacity(a.capacity)),
        (Key::Q4, labels::wish(a.wish)),
        (Key::Q5, labels::recurrence(a.recurrence)),
    ];
    view! {
        <dl class="answers">
            {rows
                .into_iter()
                .map(|(q, ans)| view! { <dt>{move || i18n.t(q)}</dt><dd>{move || i18n.t(ans)}</dd> })
                .collect_view()}
        </dl>
    }
}

/// One submission in full: what was asked, the answers, the rationale, and the manager's form.
fn submission(case: crate::case_data::CaseCtx, data: &CaseData, a: Awaiting) -> AnyView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let file = &data.file;
    let by_on = i18n.tf(
        Key::DecidedOn,
        &[("date", &format::date(lang, a.on)), ("by", &a.by)],
    );
    let form = view! { <SignOffForm case=case subject=a.subject about=a.about submitted_on=a.on level=a.level /> };
    match a.about {
        Subject::Classification => {
            let Some(c) = file
                .classifications
                .entries
                .iter()
                .find(|c| c.id == a.subject)
                .cloned()
            else {
                return ().into_any();
            };
            let current = file.classifications.current_level();
            let chosen = c.chosen;
            view! {
                <article class="submission" aria-labelledby=format!("sub-{}", c.id)>
                    <h2 id=format!("sub-{}", c.id)>
                        {move || i18n.tf(Key::QueueReclassification, &[("level", i18n.t(labels::level(chosen)))])}
                    </h2>
                    <p class="muted">{by_on}</p>
                    <Stage4Outcomes current=Signal::derive(move || current) chosen=Signal::derive(move || Some(chosen)) />
                    <h3>{move || i18n.t(Key::AnswersTitle)}</h3>
                    {answers_view(c.answers)}
                    <p>{move || i18n.tf(Key::SuggestedLevel, &[("level", i18n.t(labels::level(c.suggested)))])}</p>
                    <h3>{move || i18n.t(Key::Rationale)}</h3>
                    <p>{if c.rationale.is_empty() { i18n.t(Key::NoRationale).to_string() } else { c.rationale.clone() }}</p>
                    {form}
                </article>
            }
            .into_any()
        }
        Subject::Decision => {
            let Some(d) = file.decisions.iter().find(|d| d.id == a.subject).cloned() else {
                return ().into_any();
            };
            view! {
                <article class="submission" aria-labelledby=format!("sub-{}", d.id)>
                    <h2 id=format!("sub-{}", d.id)>{move || i18n.t(labels::decision_kind(d.kind))}</h2>
                    <p class="muted">{by_on}</p>
                    <p>{d.summary.clone()}</p>
                    <h3>{move || i18n.t(Key::DecReasons)}</h3>
                    <p>{d.reasons.clone()}</p>
                    {form}
                </article>
            }
            .into_any()
        }
    }
}

/// A manager's view of one case awaiting sign-off: each submission with its answers, rationale
/// and the evidence on file, and the decision to agree or return it.
#[component]
pub fn SignOffCase() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let case = use_case();
    let is_manager = move || {
        app.me
            .with(|m| m.as_ref().is_some_and(|m| m.role == Role::Manager))
    };
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let case_link = move || case.id.get().map(|id| format!("/cases/{id}"));
    view! {
        <section class="panel">
            <p class="link-line"><a href="/sign-off">{move || i18n.t(Key::BackToQueue)}</a></p>
            <h1>{move || i18n.t(Key::SignOffTitle)} ": " {name}</h1>
            <Show
                when=is_manager
                fallback=move || view! { <p class="banner banner-error" role="alert">{move || i18n.t(Key::OnlyManagers)}</p> }
            >
                {move || {
                    case.data.with(|d| {
                        let d = d.as_ref()?;
                        let waiting = d.file.awaiting();
                        let latest = d.file.latest_reclassification().map(|(_, s)| s);
                        Some(view! {
                            {if waiting.is_empty() {
                                view! {
                                    <p class="empty">{i18n.t(Key::NothingToSignOff)}</p>
                                    {latest.map(|s| view! { <SignOffStatus standing=s /> })}
                                }
                                .into_any()
                            } else {
                                waiting.into_iter().map(|a| submission(case, d, a)).collect_view().into_any()
                            }}
                            <section aria-labelledby="evidence-h">
                                <h2 id="evidence-h">{i18n.t(Key::EvidenceTitle)}</h2>
                                <EvidenceSummary file=d.file.clone() />
                                <p class="link-line"><a href=case_link>{i18n.t(Key::OpenCase)}</a></p>
                            </section>
                        })
                    })
                }}
            </Show>
        </section>
    }
}
