use crate::case_data::{keep_draft, update_task, CaseCtx};
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::stages::{Task, TaskState};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Stage 3 task 1: that the child was told what this stage is for, when, and how they took it.
/// Recording it completes the task on the day the child was told.
#[component]
pub fn ChildTold(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let when = RwSignal::new(format::today().to_string());
    let what = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let tried = RwSignal::new(false);
    keep_draft(format!("{case_id}/child-told"), vec![when, what]);
    let date_error = Signal::derive(move || {
        if !tried.get() {
            return None;
        }
        match format::parse_date(&when.get()) {
            None => Some(Key::ErrDateMissing),
            Some(d) if d > format::today() => Some(Key::ErrDateFuture),
            Some(_) => None,
        }
    });
    let what_error = Signal::derive(move || {
        (tried.get() && what.get().trim().is_empty()).then_some(Key::ToldNothing)
    });
    let recorded = move || {
        let lang = i18n.lang.get();
        case.data.with(|d| {
            let r = d
                .as_ref()?
                .file
                .checklist
                .tasks
                .get(&Task::TellChildAboutStage)?;
            (r.state == TaskState::Done).then(|| {
                let on = r
                    .completed_on
                    .map(|d| format::date(lang, d))
                    .unwrap_or_default();
                view! {
                    <div class="recorded">
                        <p class="ok">{i18n.tf(Key::ToldOn, &[("date", &on)])}</p>
                        {(!r.notes.is_empty()).then(|| view! { <p>{r.notes.clone()}</p> })}
                    </div>
                }
            })
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        if date_error.get_untracked().is_some() || what_error.get_untracked().is_some() {
            return;
        }
        let Some(on) = format::parse_date(&when.get_untracked()) else {
            return;
        };
        let notes = what.get_untracked().trim().to_string();
        let me = case.me();
        spawn_local(async move {
            let r = update_task(case_id, Task::TellChildAboutStage, &me, |r| {
                r.state = TaskState::Done;
                r.notes = notes;
                r.completed_on = Some(on);
                r.completed_by = me.clone();
            })
            .await;
            if r.is_ok() {
                what.set(String::new());
                tried.set(false);
                saved.set(true);
            }
        });
    };
    view! {
        {recorded}
        <form id="child-told-form" on:submit=submit novalidate class="grid-form">
            <Field id="told-when" label=Key::ToldWhen value=when error=date_error kind="date" max=format::today().to_string() />
            <div class="field-wide">
                <Field id="told-what" label=Key::ToldWhat value=what error=what_error multiline=true hint=Key::ToldHint />
            </div>
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::ToldSave)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
