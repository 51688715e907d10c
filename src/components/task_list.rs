use crate::case_data::{update_task, CaseCtx};
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::practice::MissingEvidence;
use homeward_core::stages::{Checklist, Stage, Task, TaskState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One stage's tasks as a checklist (ticking saves the case's checklist), and what is missing.
#[component]
pub fn TaskList(case: CaseCtx, stage: Stage, checklist: Checklist) -> impl IntoView {
    let i18n = use_i18n();
    let Some(case_id) = case.id.get_untracked() else {
        return ().into_any();
    };
    // The task last refused for want of its record, and what it lacks.
    let refused = RwSignal::new(None::<(Task, MissingEvidence)>);
    let items = stage
        .tasks()
        .iter()
        .map(|&task| {
            let state = checklist.state(task);
            let id = format!("task-{}", task.key().replace('.', "-"));
            let error_id = format!("{id}-error");
            let toggle = move |ev: leptos::ev::Event| {
                let ticked = event_target_checked(&ev);
                let missing = ticked
                    .then(|| {
                        case.data
                            .with_untracked(|d| d.as_ref().and_then(|d| d.file.missing_evidence(task)))
                    })
                    .flatten();
                refused.set(missing.map(|m| (task, m)));
                if missing.is_some() {
                    // Not done until the record is there: the box says so too.
                    if let Some(input) = ev.target() {
                        let _ = js_sys::Reflect::set(&input, &"checked".into(), &false.into());
                    }
                    return;
                }
                let me = case.me();
                spawn_local(async move {
                    let _ = update_task(case_id, task, &me, |r| {
                        r.state = if ticked { TaskState::Done } else { TaskState::NotStarted };
                    })
                    .await;
                });
            };
            view! {
                <li class="task">
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=state.is_finished()
                        on:change=toggle
                        aria-describedby={
                            let error_id = error_id.clone();
                            move || (refused.get().map(|(t, _)| t) == Some(task)).then(|| error_id.clone())
                        }
                    />
                    <label for=id>
                        {move || i18n.t(labels::task(task))}
                        {(state == TaskState::NotApplicable)
                            .then(|| view! { " " <span class="muted">{move || i18n.t(Key::NotApplicableTag)}</span> })}
                    </label>
                    {move || {
                        refused
                            .get()
                            .filter(|(t, _)| *t == task)
                            .map(|(_, m)| view! { <p class="error" role="alert" id=error_id.clone()>{i18n.t(evidence_key(m))}</p> })
                    }}
                </li>
            }
        })
        .collect_view();
    let missing: Vec<_> = stage
        .tasks()
        .iter()
        .copied()
        .filter(|t| !checklist.state(*t).is_finished())
        .collect();
    let missing_view = if missing.is_empty() {
        view! { <p class="ok">{move || i18n.t(Key::NothingMissing)}</p> }.into_any()
    } else {
        view! {
            <ul class="missing">
                {missing
                    .into_iter()
                    .map(|t| view! { <li>{move || i18n.t(labels::task(t))}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h3>{move || i18n.t(Key::Tasks)}</h3>
        <ul class="tasks">{items}</ul>
        <h3>{move || i18n.t(Key::StillMissing)}</h3>
        {missing_view}
    }
    .into_any()
}

fn evidence_key(missing: MissingEvidence) -> Key {
    match missing {
        MissingEvidence::ChildNotSeenAlone => Key::ErrNotSeenAlone,
        MissingEvidence::NoTrustedAdult => Key::ErrNoTrustedAdult,
    }
}
