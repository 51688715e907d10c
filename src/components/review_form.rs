use crate::case_data::{keep_draft, save_item, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::radio_group::RadioGroup;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::review::{
    open_review, GoalLight, GoalProgress, Interval, Review, ReviewItem, ReviewOutcome,
};
use homeward_core::smart::SmartGoal;
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// One goal's light and what was seen, as typed.
#[derive(Clone, Copy)]
struct GoalInput {
    goal_id: Uuid,
    light: RwSignal<String>,
    note: RwSignal<String>,
}

/// Records a review of the agreement's goals: a traffic light and what was seen for each goal,
/// the outcome, who came, and when the next review is. Holding the review that was scheduled
/// fills in that record, so the schedule never shows a review twice.
#[component]
pub fn ReviewForm(case: CaseCtx, goals: Vec<SmartGoal>) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let today = format::today();
    let held = RwSignal::new(today.to_string());
    let outcome = RwSignal::new(String::new());
    let attendees = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let next = RwSignal::new(
        Interval::default()
            .after(today)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let inputs: Vec<GoalInput> = goals
        .iter()
        .map(|g| GoalInput {
            goal_id: g.id,
            light: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
        })
        .collect();
    let mut fields = vec![held, outcome, attendees, notes, next];
    fields.extend(inputs.iter().flat_map(|g| [g.light, g.note]));
    keep_draft(format!("{case_id}/review"), fields);
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);

    let submit = {
        let inputs = inputs.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            saved.set(false);
            let Some(held_on) = format::parse_date(&held.get_untracked()) else {
                error.set(Some(Key::ErrDateMissing));
                return;
            };
            let mut progress = Vec::new();
            for g in &inputs {
                let Some(light) = parse::<GoalLight>(&g.light.get_untracked()) else {
                    error.set(Some(Key::RevLightEachGoal));
                    return;
                };
                progress.push(GoalProgress {
                    goal_id: g.goal_id,
                    light,
                    note: g.note.get_untracked().trim().to_string(),
                });
            }
            // The scheduled review this one holds, as the case stands now.
            let open = case.data.with_untracked(|d| {
                d.as_ref()
                    .and_then(|d| open_review(&d.file.reviews).cloned())
            });
            let review = Review {
                id: open.as_ref().map_or_else(Uuid::now_v7, |r| r.id),
                scheduled_for: open.as_ref().map_or(held_on, |r| r.scheduled_for),
                held_on: Some(held_on),
                reviewed: vec![ReviewItem::Goals],
                outcome: parse::<ReviewOutcome>(&outcome.get_untracked()),
                notes: notes.get_untracked().trim().to_string(),
                attendees: attendees
                    .get_untracked()
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                goal_progress: progress,
            };
            if let Err(e) = review.validate(format::today()) {
                error.set(Some(labels::review_error(&e)));
                return;
            }
            let planned = format::parse_date(&next.get_untracked())
                .filter(|d| *d > held_on)
                .map(|on| Review {
                    id: Uuid::now_v7(),
                    scheduled_for: on,
                    held_on: None,
                    reviewed: Vec::new(),
                    outcome: None,
                    notes: String::new(),
                    attendees: Vec::new(),
                    goal_progress: Vec::new(),
                });
            error.set(None);
            let inputs = inputs.clone();
            spawn_local(async move {
                let mut ok = save_item(case_id, Entity::Review, review.id, &review)
                    .await
                    .is_ok();
                if let (true, Some(p)) = (ok, planned) {
                    ok = save_item(case_id, Entity::Review, p.id, &p).await.is_ok();
                }
                if ok {
                    for f in [outcome, attendees, notes] {
                        f.set(String::new());
                    }
                    for g in &inputs {
                        g.light.set(String::new());
                        g.note.set(String::new());
                    }
                    saved.set(true);
                } else {
                    error.set(Some(Key::SaveFailed));
                }
            });
        }
    };

    let lights: Vec<(&'static str, Key)> = labels::LIGHTS
        .iter()
        .map(|l| {
            let v: &'static str = match l {
                GoalLight::Green => "green",
                GoalLight::Amber => "amber",
                GoalLight::Red => "red",
            };
            (v, labels::light(*l))
        })
        .collect();
    let per_goal = goals
        .iter()
        .zip(inputs.iter().copied())
        .enumerate()
        .map(|(i, (g, input))| {
            // Worded when shown, so it follows a change of language.
            let (n, what) = ((i + 1).to_string(), g.what.clone());
            let detail = Signal::derive(move || i18n.tf(Key::GoalN, &[("n", &n)]) + ": " + &what);
            let is_green = move || input.light.get() == "green";
            view! {
                <div class="review-goal">
                    <RadioGroup
                        name=format!("light-{}", g.id.simple())
                        legend=Key::GoalProgressLegend
                        detail=detail
                        options=lights.clone()
                        value=input.light
                        error=Signal::derive(|| None)
                    />
                    <Show when=is_green>
                        <p class="compliance-prompt">{move || i18n.t(Key::CompliancePrompt)}</p>
                    </Show>
                    <Field
                        id=format!("light-note-{}", g.id.simple())
                        label=Key::GoalSeenLabel
                        value=input.note
                        error=Signal::derive(|| None)
                        multiline=true
                    />
                </div>
            }
        })
        .collect_view();
    let outcomes: Vec<(&'static str, Key)> = labels::OUTCOMES
        .iter()
        .map(|o| {
            let v: &'static str = match o {
                ReviewOutcome::Continue => "continue",
                ReviewOutcome::ChangePlan => "change_plan",
                ReviewOutcome::Reclassify => "reclassify",
                ReviewOutcome::Escalate => "escalate",
            };
            (v, labels::outcome(*o))
        })
        .collect();
    let none = Signal::derive(|| None::<Key>);
    view! {
        <form id="review-form" on:submit=submit novalidate>
            <p class="compliance-box">{move || i18n.t(Key::ComplianceReminder)}</p>
            <Field id="review-held" label=Key::RevHeldOn value=held error=none kind="date" max=format::today().to_string() />
            {if goals.is_empty() {
                view! { <p class="muted">{move || i18n.t(Key::RevNoGoals)}</p> }.into_any()
            } else {
                per_goal.into_any()
            }}
            <RadioGroup name="review-outcome" legend=Key::RevOutcome options=outcomes value=outcome error=none />
            <Field id="review-attendees" label=Key::RevAttendees value=attendees error=none hint=Key::CommaNames />
            <Field id="review-notes" label=Key::RevNotes value=notes error=none multiline=true />
            <Field id="review-next" label=Key::RevNext value=next error=none kind="date" />
            {move || error.get().map(|e| view! { <p class="error" role="alert">{i18n.t(e)}</p> })}
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::RevSave)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
