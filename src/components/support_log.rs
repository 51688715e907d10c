use crate::case_data::{keep_draft, save_item, update_task, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::edit_actions::{change_button, load_when_editing, EditActions};
use crate::components::field::Field;
use crate::components::radio_group::RadioGroup;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::stages::{Task, TaskState};
use homeward_core::support::{SupportError, SupportSession, SupportWith};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Stage 3 task 3: the relationship-based support given to the child and parents, as a log;
/// the first session recorded completes the task.
#[component]
pub fn SupportLog(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let when = RwSignal::new(format::today().to_string());
    let with = RwSignal::new(labels::enum_value(SupportWith::Parents));
    let what = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    keep_draft(format!("{case_id}/support"), vec![when, with, what]);
    // The session chosen for correcting, if any: the log is evidence, so a slip in it is fixed
    // in place rather than added to.
    let editing = RwSignal::new(None::<SupportSession>);
    load_when_editing(editing, "support-when", move |s: &SupportSession| {
        when.set(s.on.to_string());
        with.set(labels::enum_value(s.with));
        what.set(s.what.clone());
        saved.set(false);
    });
    let stop_editing = Callback::new(move |()| {
        editing.set(None);
        what.set(String::new());
    });
    let session_name = move |s: &SupportSession| {
        format!(
            "{} · {}",
            format::date(i18n.lang.get_untracked(), s.on),
            i18n.t(labels::support_with(s.with))
        )
    };
    let log = move || {
        let lang = i18n.lang.get();
        let mut entries = case
            .data
            .with(|d| d.as_ref().map(|d| d.file.support.clone()))
            .unwrap_or_default();
        entries.sort_by_key(|s| (s.on, s.id));
        entries.reverse();
        if entries.is_empty() {
            return view! { <p class="muted">{i18n.t(Key::NoSupport)}</p> }.into_any();
        }
        view! {
            <ul class="records">
                {entries.into_iter().map(|s| {
                    let name = session_name(&s);
                    view! {
                        <li>
                            <strong>{format::date(lang, s.on)}</strong> " · " {i18n.t(labels::support_with(s.with))}
                            <p>{s.what.clone()}</p>
                            {change_button(editing, s.clone(), &name)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Some(on) = format::parse_date(&when.get_untracked()) else {
            error.set(Some(Key::ErrDateMissing));
            return;
        };
        let me = case.me();
        let was = editing.get_untracked();
        let s = SupportSession {
            id: was.as_ref().map_or_else(Uuid::now_v7, |s| s.id),
            on,
            with: parse(&with.get_untracked()).unwrap_or(SupportWith::Parents),
            what: what.get_untracked().trim().to_string(),
            // A correction does not change who gave the support.
            by: was.as_ref().map_or_else(|| me.clone(), |s| s.by.clone()),
        };
        if let Err(e) = s.validate(format::today()) {
            error.set(Some(labels::support_error(&e)));
            return;
        }
        error.set(None);
        spawn_local(async move {
            let ok = save_item(case_id, Entity::Support, s.id, &s).await.is_ok()
                && (was.is_some()
                    || update_task(case_id, Task::RelationshipBasedSupport, &me, |r| {
                        r.state = TaskState::Done
                    })
                    .await
                    .is_ok());
            if ok {
                stop_editing.run(());
                saved.set(true);
            }
        });
    };
    let date_error = Signal::derive(move || {
        error
            .get()
            .filter(|e| matches!(e, Key::ErrDateMissing | Key::ErrDateFuture))
    });
    let what_error = Signal::derive(move || {
        error
            .get()
            .filter(|e| *e == labels::support_error(&SupportError::NothingWritten))
    });
    let options = SupportWith::ALL
        .iter()
        .map(|w| {
            let v: &'static str = match w {
                SupportWith::Child => "child",
                SupportWith::Parents => "parents",
                SupportWith::Family => "family",
            };
            (v, labels::support_with(*w))
        })
        .collect();
    view! {
        {log}
        <form id="support-form" on:submit=submit novalidate class="grid-form add-form">
            <Field id="support-when" label=Key::SupportWhen value=when error=date_error kind="date" max=format::today().to_string() />
            <RadioGroup name="support-with" legend=Key::SupportWithLabel options=options value=with error=Signal::derive(|| None) />
            <div class="field-wide">
                <Field id="support-what" label=Key::SupportWhat value=what error=what_error multiline=true hint=Key::SupportHint />
            </div>
            <EditActions
                add=Key::AddSupport
                editing=Signal::derive(move || editing.with(|e| e.as_ref().map(session_name)))
                on_cancel=stop_editing
                saved=saved
            />
        </form>
    }
}
