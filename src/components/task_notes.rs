use crate::case_data::{keep_draft, update_task, CaseCtx};
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::i18n::{use_i18n, Key};
use homeward_core::stages::{Task, TaskState};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Free-text notes kept on one task of the checklist (the engagement record, the work done where
/// reunification is not possible...). Saving marks the task in progress unless it is finished.
#[component]
pub fn TaskNotes(
    case: CaseCtx,
    task: Task,
    id: &'static str,
    label: Key,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let text = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let restored = keep_draft(format!("{case_id}/{id}"), vec![text]).restored;
    // Once any draft is restored, start from the saved notes if there was no draft.
    Effect::new(move |_| {
        if restored.get() && text.get_untracked().is_empty() {
            let notes = case.data.with_untracked(|d| {
                d.as_ref()
                    .and_then(|d| d.file.checklist.tasks.get(&task).map(|r| r.notes.clone()))
            });
            if let Some(n) = notes {
                text.set(n);
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let me = case.me();
        let notes = text.get_untracked().trim().to_string();
        spawn_local(async move {
            let r = update_task(case_id, task, &me, |r| {
                r.notes = notes;
                if !r.state.is_finished() {
                    r.state = TaskState::InProgress;
                }
            })
            .await;
            saved.set(r.is_ok());
        });
    };
    let form_id = format!("{id}-form");
    view! {
        <form id=form_id on:submit=submit novalidate>
            {match hint {
                Some(h) => view! { <Field id=id label=label value=text error=Signal::derive(|| None) hint=h multiline=true /> }.into_any(),
                None => view! { <Field id=id label=label value=text error=Signal::derive(|| None) multiline=true /> }.into_any(),
            }}
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::Save)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
