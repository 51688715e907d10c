use crate::case_data::{keep_draft, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::plan_actions::save_plan;
use crate::components::radio_group::RadioGroup;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, I18n, Key};
use crate::labels;
use chrono::NaiveDate;
use homeward_core::reunification::{ContactKind, ContactStep, PlanError, StepStatus};
use homeward_core::stages::Task;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

/// Stage 5 task 1: the gradual return as dated contact steps (day visits, overnights, weekends,
/// the return itself), each with its status, and a warning when the plan goes straight home.
#[component]
pub fn ContactSchedule(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let kind = RwSignal::new(String::new());
    let on = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let error = RwSignal::new(None::<Key>);
    keep_draft(format!("{case_id}/contact-step"), vec![kind, on, notes]);
    let date = move || NaiveDate::parse_from_str(&on.get(), "%Y-%m-%d").ok();
    let date_error = Signal::derive(move || {
        if tried.get() && date().is_none() {
            Some(Key::ErrDateMissing)
        } else {
            error.get()
        }
    });
    let kind_error = Signal::derive(move || {
        (tried.get() && parse::<ContactKind>(&kind.get()).is_none()).then_some(Key::ErrChooseAnswer)
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        error.set(None);
        let (Some(k), Some(d)) = (parse::<ContactKind>(&kind.get_untracked()), date()) else {
            return;
        };
        let step = ContactStep {
            id: Uuid::now_v7(),
            kind: k,
            on: d,
            status: StepStatus::Planned,
            notes: notes.get_untracked().trim().to_string(),
        };
        if let Err(PlanError::TooLong) = step.validate(format::today()) {
            error.set(Some(Key::ErrPlanTooLong));
            return;
        }
        // What was sent; the worker may already be typing the next step when the save ends, and
        // that must not be cleared.
        let sent = [kind, on, notes].map(|s| s.get_untracked());
        save_plan(
            case,
            Task::GradualReturn,
            move |p| p.contact.push(step),
            move |ok| {
                if ok {
                    for (s, was) in [kind, on, notes].into_iter().zip(sent) {
                        if s.get_untracked() == was {
                            s.set(String::new());
                        }
                    }
                    tried.set(false);
                }
                saved.set(ok);
            },
        );
    };
    // A step cannot be marked done before its day, nor the return home at high or severe risk:
    // say so at the step rather than silently refusing.
    let step_error = RwSignal::new(None::<(Uuid, String)>);
    let set_status = move |id: Uuid, status: StepStatus| {
        let refused = case.data.with_untracked(|d| {
            let d = d.as_ref()?;
            let step = d.file.plan.contact.iter().find(|s| s.id == id)?;
            let level = d.file.classifications.current_level();
            step.check_status(status, format::today(), level).err()
        });
        if let Some(refused) = refused {
            step_error.set(Some((id, step_refused(i18n, refused))));
            return false;
        }
        step_error.set(None);
        save_plan(
            case,
            Task::GradualReturn,
            move |p| {
                if let Some(s) = p.contact.iter_mut().find(|s| s.id == id) {
                    s.status = status;
                }
            },
            |_| {},
        );
        true
    };
    let schedule = move || {
        let plan = case
            .data
            .with(|d| d.as_ref().map(|d| d.file.plan.clone()))
            .unwrap_or_default();
        let lang = i18n.lang.get();
        let steps: Vec<ContactStep> = plan.schedule().into_iter().cloned().collect();
        if steps.is_empty() {
            return view! { <p class="muted">{i18n.t(Key::NoContactSteps)}</p> }.into_any();
        }
        let returned = plan.returned_on();
        view! {
            {(!plan.is_gradual()).then(|| view! { <p class="banner banner-warn">{i18n.t(Key::NotGradual)}</p> })}
            {returned.map(|d| view! { <p class="ok">{i18n.tf(Key::ReturnedHomeOn, &[("date", &format::date(lang, d))])}</p> })}
            <ol class="records contact-steps">
                {steps
                    .into_iter()
                    .map(|s| {
                        let id = s.id;
                        let select_id = format!("step-status-{id}");
                        let label = i18n.tf(
                            Key::StepStatusOf,
                            &[("step", i18n.t(labels::contact_kind(s.kind))), ("date", &format::date(lang, s.on))],
                        );
                        let current = labels::enum_value(s.status);
                        view! {
                            <li class=format!("step step-{current}")>
                                <strong>{i18n.t(labels::contact_kind(s.kind))}</strong>
                                " · " {format::date(lang, s.on)}
                                {(!s.notes.is_empty()).then(|| view! { <p>{s.notes.clone()}</p> })}
                                <div class="field">
                                    <label for=select_id.clone()>{label}</label>
                                    <select
                                        id=select_id
                                        prop:value=current.clone()
                                        on:change={
                                            let current = current.clone();
                                            move |ev| {
                                                let refused = parse::<StepStatus>(&event_target_value(&ev))
                                                    .is_some_and(|st| !set_status(id, st));
                                                // The step keeps its status: so does the list.
                                                if let (true, Some(select)) = (refused, ev.target()) {
                                                    let _ = js_sys::Reflect::set(&select, &"value".into(), &current.as_str().into());
                                                }
                                            }
                                        }
                                    >
                                        {StepStatus::ALL
                                            .into_iter()
                                            .map(|st| {
                                                let v = labels::enum_value(st);
                                                let selected = v == current;
                                                view! { <option value=v selected=selected>{i18n.t(labels::step_status(st))}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                    {move || {
                                        step_error
                                            .get()
                                            .filter(|(at, _)| *at == id)
                                            .map(|(_, e)| view! { <p class="error" role="alert">{e}</p> })
                                    }}
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let kinds: Vec<(&'static str, Key)> = ContactKind::ALL
        .into_iter()
        .zip([
            "day_visit",
            "overnight",
            "weekend",
            "extended_stay",
            "return",
        ])
        .map(|(k, v)| (v, labels::contact_kind(k)))
        .collect();
    view! {
        {schedule}
        <form class="contact-form" on:submit=submit novalidate>
            <h3>{move || i18n.t(Key::AddContactStep)}</h3>
            <RadioGroup name="step-kind" legend=Key::StepKind options=kinds value=kind error=kind_error />
            <Field id="step-date" label=Key::StepDate value=on error=date_error kind="date" />
            <Field id="step-notes" label=Key::StepNotes value=notes error=Signal::derive(|| None) multiline=true />
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::AddStep)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}

/// The worker's words for a status the step cannot take.
fn step_refused(i18n: I18n, refused: PlanError) -> String {
    match refused {
        PlanError::ReturnAtLevel { level } => i18n.tf(
            Key::ErrReturnAtLevel,
            &[("level", i18n.t(labels::level(level)))],
        ),
        PlanError::ReturnUnclassified => i18n.t(Key::ErrReturnUnclassified).to_string(),
        PlanError::TooLong => i18n.t(Key::ErrPlanTooLong).to_string(),
        PlanError::DoneInFuture
        | PlanError::NoWho
        | PlanError::NoWhat
        | PlanError::ZeroInterval => i18n.t(Key::ErrStepDoneFuture).to_string(),
    }
}
