use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::stages::{Stage, StageProgress};
use leptos::prelude::*;
use uuid::Uuid;

/// The five stages as steps: each links to its own view, says how far it has got, and the one
/// shown is marked as the current step for screen readers.
#[component]
pub fn Stepper(
    case_id: Uuid,
    progress: Vec<StageProgress>,
    current: Stage,
    #[prop(into)] shown: Signal<Stage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let steps = progress
        .into_iter()
        .map(|p| {
            let stage = p.stage;
            let done = p.finished.len();
            let total = done + p.missing.len();
            let href = format!("/cases/{case_id}?stage={}", stage.number());
            let state = move || {
                if p.missing.is_empty() {
                    i18n.t(Key::StageDone).to_string()
                } else if stage == current {
                    i18n.t(Key::StageCurrent).to_string()
                } else {
                    i18n.tf(Key::TasksDone, &[("done", &done.to_string()), ("total", &total.to_string())])
                }
            };
            let class = if done == total {
                "step step-done"
            } else if stage == current {
                "step step-current"
            } else {
                "step"
            };
            view! {
                <li class=class>
                    <a
                        href=href
                        aria-current=move || (shown.get() == stage).then_some("step")
                    >
                        <span class="step-number" aria-hidden="true">{stage.number()}</span>
                        <span class="step-text">
                            <span class="step-name">{move || labels::stage_title(&i18n, stage)}</span>
                            <span class="step-state">{state}</span>
                        </span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="stepper" aria-label=move || i18n.t(Key::Stages)>
            <ol>{steps}</ol>
        </nav>
    }
}
