use crate::case_data::{keep_draft, update_item, update_task, CaseCtx};
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::reunification::{PlanAction, PlanError, ReunificationPlan};
use homeward_core::stages::{Task, TaskState};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Saves the case's reunification plan after `change` (applied to the stored plan, so quick
/// edits in a row all count), and moves `task` on.
pub fn save_plan(
    case: CaseCtx,
    task: Task,
    change: impl FnOnce(&mut ReunificationPlan) + 'static,
    done: impl FnOnce(bool) + 'static,
) {
    let case_id = case.id.get_untracked().unwrap_or_default();
    let me = case.me();
    spawn_local(async move {
        let ok = update_item(case_id, Entity::ReunificationPlan, case_id, change)
            .await
            .is_ok()
            && update_task(case_id, task, &me, |r| {
                if !r.state.is_finished() {
                    r.state = TaskState::InProgress;
                }
            })
            .await
            .is_ok();
        done(ok);
    });
}

/// The multi-agency reunification plan: who, from which agency, does what and by when (Stage 4
/// task 3); in Stage 5 each action is ticked off as the support is in place (task 2).
#[component]
pub fn PlanActions(case: CaseCtx, task: Task) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let who = RwSignal::new(String::new());
    let agency = RwSignal::new(String::new());
    let what = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let saved = RwSignal::new(false);
    keep_draft(
        format!("{case_id}/plan-action"),
        vec![who, agency, what, when],
    );
    let draft = move || PlanAction {
        id: Uuid::nil(),
        who: who.get().trim().to_string(),
        agency: agency.get().trim().to_string(),
        what: what.get().trim().to_string(),
        by_when: chrono::NaiveDate::parse_from_str(&when.get(), "%Y-%m-%d").ok(),
        done: false,
    };
    let error = move || tried.get().then(|| draft().validate().err()).flatten();
    let who_error = Signal::derive(move || match error() {
        Some(PlanError::NoWho) => Some(Key::ErrPlanWho),
        _ => None,
    });
    let what_error = Signal::derive(move || match error() {
        Some(PlanError::NoWhat) => Some(Key::ErrPlanWhat),
        Some(PlanError::TooLong) => Some(Key::ErrPlanTooLong),
        _ => None,
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        let action = PlanAction {
            id: Uuid::now_v7(),
            ..draft()
        };
        if action.validate().is_err() {
            return;
        }
        save_plan(
            case,
            task,
            move |p| p.actions.push(action),
            move |ok| {
                if ok {
                    for s in [who, agency, what, when] {
                        s.set(String::new());
                    }
                    tried.set(false);
                }
                saved.set(ok);
            },
        );
    };
    let toggle = move |id: Uuid, done: bool| {
        save_plan(
            case,
            Task::CoordinateSupport,
            move |p| {
                if let Some(a) = p.actions.iter_mut().find(|a| a.id == id) {
                    a.done = done;
                }
            },
            |_| {},
        );
    };
    let list = move || {
        let actions = case
            .data
            .with(|d| d.as_ref().map(|d| d.file.plan.actions.clone()))
            .unwrap_or_default();
        if actions.is_empty() {
            return view! { <p class="muted">{i18n.t(Key::NoPlanActions)}</p> }.into_any();
        }
        let lang = i18n.lang.get();
        view! {
            <ul class="records plan-actions">
                {actions
                    .into_iter()
                    .map(|a| {
                        let id = a.id;
                        let box_id = format!("action-done-{id}");
                        let who = if a.agency.is_empty() {
                            a.who.clone()
                        } else {
                            format!("{} ({})", a.who, a.agency)
                        };
                        let label = i18n.tf(Key::ActionInPlace, &[("who", &a.who)]);
                        view! {
                            <li>
                                <strong>{who}</strong>
                                <p>{a.what.clone()}</p>
                                {a.by_when.map(|d| view! { <p class="muted">{i18n.tf(Key::ByWhen, &[("date", &format::date(lang, d))])}</p> })}
                                <div class="choice">
                                    <input
                                        type="checkbox"
                                        id=box_id.clone()
                                        prop:checked=a.done
                                        on:change=move |ev| toggle(id, event_target_checked(&ev))
                                    />
                                    <label for=box_id>{label}</label>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {list}
        <form class="plan-action-form" on:submit=submit novalidate>
            <h3>{move || i18n.t(Key::AddPlanAction)}</h3>
            <Field id="plan-who" label=Key::PlanWho value=who error=who_error />
            <Field id="plan-agency" label=Key::PlanAgency value=agency error=Signal::derive(|| None) hint=Key::PlanAgencyHint />
            <Field id="plan-what" label=Key::PlanWhat value=what error=what_error multiline=true />
            <Field id="plan-when" label=Key::PlanWhen value=when error=Signal::derive(|| None) kind="date" />
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::AddToPlan)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
