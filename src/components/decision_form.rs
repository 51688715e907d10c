use crate::case_data::{keep_draft, save_item, update_task, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::radio_group::RadioGroup;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::decisions::{Decision, DecisionError, DecisionKind};
use homeward_core::stages::{Task, TaskState};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Stage 2 task 2: the decisions made so far, and a form to record the decision on
/// reunification.
#[component]
pub fn DecisionForm(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let kind = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let reasons = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let saved = RwSignal::new(false);
    keep_draft(format!("{case_id}/decision"), vec![kind, summary, reasons]);
    let kind_error = Signal::derive(move || {
        (tried.get() && kind.get().is_empty()).then_some(Key::ErrChooseAnswer)
    });
    let summary_error = Signal::derive(move || {
        (tried.get() && summary.get().trim().is_empty()).then_some(Key::ErrNoSummary)
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        let Some(k) = parse::<DecisionKind>(&kind.get_untracked()) else {
            return;
        };
        let me = case.me();
        let classification_id = case.data.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.file.classifications.current().map(|c| c.id))
        });
        let d = Decision {
            id: Uuid::now_v7(),
            kind: k,
            summary: summary.get_untracked().trim().to_string(),
            reasons: reasons.get_untracked().trim().to_string(),
            by: me.clone(),
            on: format::today(),
            classification_id,
            sign_off: None,
        };
        match d.validate(format::today()) {
            Ok(()) => {}
            Err(DecisionError::NoSummary | DecisionError::NoAuthor | DecisionError::InFuture) => {
                return
            }
        }
        spawn_local(async move {
            let ok = save_item(case_id, Entity::Decision, d.id, &d).await.is_ok()
                && update_task(case_id, Task::DecideReunificationPotential, &me, |r| {
                    r.state = TaskState::Done
                })
                .await
                .is_ok();
            if ok {
                kind.set(String::new());
                summary.set(String::new());
                reasons.set(String::new());
                tried.set(false);
                saved.set(true);
            }
        });
    };
    let list = move || {
        case.data.with(|d| {
            let decisions: Vec<Decision> = d.as_ref().map(|d| {
                let mut v = d.file.decisions.clone();
                v.sort_by_key(|x| (x.on, x.id));
                v.reverse();
                v
            }).unwrap_or_default();
            if decisions.is_empty() {
                return view! { <p class="muted">{i18n.t(Key::NoDecision)}</p> }.into_any();
            }
            let lang = i18n.lang.get();
            view! {
                <ul class="records">
                    {decisions.into_iter().map(|d| view! {
                        <li>
                            <strong>{i18n.t(labels::decision_kind(d.kind))}</strong>
                            <p>{d.summary.clone()}</p>
                            {(!d.reasons.is_empty()).then(|| view! { <p class="muted">{d.reasons.clone()}</p> })}
                            <p class="muted">{i18n.tf(Key::DecidedOn, &[("date", &format::date(lang, d.on)), ("by", &d.by)])}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        })
    };
    let options = vec![
        ("reunification_potential", Key::DecPossible),
        ("reunification_not_possible", Key::DecNotPossible),
    ];
    view! {
        {list}
        <form on:submit=submit novalidate>
            <RadioGroup name="decision-kind" legend=Key::DecisionKindLabel options=options value=kind error=kind_error />
            <Field id="decision-summary" label=Key::DecSummary value=summary error=summary_error multiline=true />
            <Field id="decision-reasons" label=Key::DecReasons value=reasons error=Signal::derive(|| None) multiline=true />
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::RecordDecision)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
