use crate::case_data::use_case;
use crate::components::classify_form::ClassifyForm;
use crate::components::comms_log::CommsLog;
use crate::components::decision_form::DecisionForm;
use crate::components::history_chart::HistoryChart;
use crate::components::task_notes::TaskNotes;
use crate::i18n::{use_i18n, Key};
use homeward_core::stages::Task;
use leptos::prelude::*;

/// Stage 2: classify with the traffic-light table, see the history, decide, tell everyone, and
/// record the work done where reunification is not possible.
#[component]
pub fn Classification() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=2"));
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let ready = move || case.data.with(Option::is_some);
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::ClassifyTitle)} ": " {name}</h1>
            <Show when=ready>
                <section aria-labelledby="history-h">
                    <h2 id="history-h">{move || i18n.t(Key::HistoryTitle)}</h2>
                    {move || {
                        let entries = case.data.with(|d| {
                            d.as_ref()
                                .map(|d| d.file.classifications.in_effect().into_iter().cloned().collect::<Vec<_>>())
                                .unwrap_or_default()
                        });
                        view! { <HistoryChart entries=entries /> }
                    }}
                </section>
                <section aria-labelledby="classify-h">
                    <h2 id="classify-h">{move || i18n.t(Key::NewClassification)}</h2>
                    <ClassifyForm case=case />
                </section>
                <section aria-labelledby="decision-h">
                    <h2 id="decision-h">{move || i18n.t(Key::DecisionTitle)}</h2>
                    <DecisionForm case=case />
                </section>
                <section aria-labelledby="comms-h">
                    <h2 id="comms-h">{move || i18n.t(Key::CommsTitle)}</h2>
                    <CommsLog case=case />
                </section>
                <section aria-labelledby="notpossible-h">
                    <h2 id="notpossible-h">{move || i18n.t(Key::NotPossibleTitle)}</h2>
                    <TaskNotes
                        case=case
                        task=Task::WorkWhereReunificationNotPossible
                        id="not-possible-work"
                        label=Key::WorkDone
                        hint=Key::NotPossibleHint
                    />
                </section>
            </Show>
        </section>
    }
}
