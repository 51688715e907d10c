use crate::case_data::{keep_draft, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::plan_actions::save_plan;
use crate::components::radio_group::RadioGroup;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
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
    // A step cannot be marked done before its day: say so rather than silently refusing.
    let step_error = RwSignal::new(None::<Uuid>);
    let set_status = move |id: Uuid, status: StepStatus| {
        let today = format::today();
        let future = case.data.with_untracked(|d| {
            d.as_ref().is_some_and(|d| {
                d.file
                    .plan
                    .contact
                    .iter()
                    .any(|s| s.id == id && status == StepStatus::Done && s.on > today)
            })
        });
        if future {
            step_error.set(Some(id));
            return;
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
                                        on:change=move |ev| {
                                            if let Some(st) = parse::<StepStatus>(&event_target_value(&ev)) {
                                                set_status(id, st);
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
                                    <Show when=move || step_error.get() == Some(id)>
                                        <p class="error" role="alert">{move || i18n.t(Key::ErrStepDoneFuture)}</p>
                                    </Show>
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
