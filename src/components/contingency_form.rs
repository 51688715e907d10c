use crate::case_data::{keep_draft, save_item, update_task, CaseCtx};
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::stages::{Task, TaskState};
use homeward_core::sync::Entity;
use homeward_core::team::ContingencyPlan;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Stage 3 task 5: what happens if goals are not met or risk rises, and whether and when the plan
/// was shared with the parents. The task is complete only once it has been shared.
#[component]
pub fn ContingencyForm(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let triggers = RwSignal::new(String::new());
    let actions = RwSignal::new(String::new());
    let alternative = RwSignal::new(String::new());
    let shared = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let shared_error = RwSignal::new(None::<Key>);
    let fields = vec![triggers, actions, alternative, shared];
    let restored = keep_draft(format!("{case_id}/contingency"), fields.clone()).restored;
    // Without a draft, the form starts from the saved plan.
    Effect::new(move |_| {
        if restored.get() && fields.iter().all(|f| f.get_untracked().is_empty()) {
            if let Some(p) = case
                .data
                .with_untracked(|d| d.as_ref().map(|d| d.file.contingency.clone()))
            {
                triggers.set(p.triggers.join("\n"));
                actions.set(p.actions);
                alternative.set(p.alternative_care);
                shared.set(
                    p.shared_with_parents_on
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                );
            }
        }
    });
    let status = move || {
        let lang = i18n.lang.get();
        case.data.with(|d| {
            let p = &d.as_ref()?.file.contingency;
            Some(match p.shared_with_parents_on {
                Some(on) => view! { <p class="ok">{i18n.tf(Key::ContSharedOn, &[("date", &format::date(lang, on))])}</p> }.into_any(),
                None => view! { <p class="alert-box">{i18n.t(Key::ContNotShared)}</p> }.into_any(),
            })
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let on = shared.get_untracked();
        let shared_on = format::parse_date(&on);
        if shared_on.is_some_and(|d| d > format::today()) {
            shared_error.set(Some(Key::ErrDateFuture));
            return;
        }
        shared_error.set(None);
        let plan = ContingencyPlan {
            triggers: format::lines(&triggers.get_untracked()),
            actions: actions.get_untracked().trim().to_string(),
            alternative_care: alternative.get_untracked().trim().to_string(),
            shared_with_parents_on: shared_on,
        };
        let complete = plan.is_complete();
        let me = case.me();
        spawn_local(async move {
            let ok = save_item(case_id, Entity::Contingency, case_id, &plan)
                .await
                .is_ok()
                && update_task(case_id, Task::ContingencyPlans, &me, |r| {
                    r.state = if complete {
                        TaskState::Done
                    } else {
                        TaskState::InProgress
                    }
                })
                .await
                .is_ok();
            saved.set(ok);
        });
    };
    let none = Signal::derive(|| None::<Key>);
    view! {
        {status}
        <form id="contingency-form" on:submit=submit novalidate class="grid-form">
            <div class="field-wide">
                <Field id="cont-triggers" label=Key::ContTriggers value=triggers error=none multiline=true hint=Key::OnePerLine />
            </div>
            <div class="field-wide">
                <Field id="cont-actions" label=Key::ContActions value=actions error=none multiline=true />
            </div>
            <div class="field-wide">
                <Field id="cont-alternative" label=Key::ContAlternative value=alternative error=none multiline=true />
            </div>
            <Field id="cont-shared" label=Key::ContShared value=shared error=Signal::derive(move || shared_error.get()) kind="date" max=format::today().to_string() hint=Key::ContSharedHint />
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::ContSave)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
