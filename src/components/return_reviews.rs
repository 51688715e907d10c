use crate::case_data::{keep_draft, save_item, update_task, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::radio_group::RadioGroup;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::review::{Review, ReviewItem, ReviewOutcome};
use homeward_core::stages::{Task, TaskState};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// What a review after the return looks at, in the order the form offers them.
const REVIEWED: [ReviewItem; 4] = [
    ReviewItem::ReunificationPlan,
    ReviewItem::Services,
    ReviewItem::ChildsViews,
    ReviewItem::RiskClassification,
];

/// Stage 5 task 3: monitoring after the return, as reviews on the plan's schedule: when the next
/// one is due (or overdue), the reviews held, and a form to record one.
#[component]
pub fn ReturnReviews(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let outcome = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let checked: [RwSignal<bool>; 4] = std::array::from_fn(|_| RwSignal::new(false));
    let tried = RwSignal::new(false);
    let saved = RwSignal::new(false);
    keep_draft(format!("{case_id}/return-review"), vec![outcome, notes]);
    let outcome_error = Signal::derive(move || {
        (tried.get() && parse::<ReviewOutcome>(&outcome.get()).is_none())
            .then_some(Key::ErrChooseAnswer)
    });
    let nothing_error = move || tried.get() && checked.iter().all(|c| !c.get());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        let today = format::today();
        let Some(o) = parse::<ReviewOutcome>(&outcome.get_untracked()) else {
            return;
        };
        let reviewed: Vec<ReviewItem> = REVIEWED
            .into_iter()
            .zip(checked)
            .filter(|(_, c)| c.get_untracked())
            .map(|(r, _)| r)
            .collect();
        // A review planned and not yet held is the one being held now.
        let reviews = case
            .data
            .with_untracked(|d| d.as_ref().map(|d| d.file.reviews.clone()))
            .unwrap_or_default();
        let planned = reviews
            .iter()
            .filter(|r| r.held_on.is_none())
            .min_by_key(|r| r.scheduled_for)
            .cloned();
        let review = Review {
            id: planned.as_ref().map_or_else(Uuid::now_v7, |r| r.id),
            scheduled_for: planned.map_or(today, |r| r.scheduled_for),
            held_on: Some(today),
            reviewed,
            outcome: Some(o),
            notes: notes.get_untracked().trim().to_string(),
            attendees: Vec::new(),
            goal_progress: Vec::new(),
        };
        if review.validate(today).is_err() {
            return;
        }
        let me = case.me();
        spawn_local(async move {
            let ok = save_item(case_id, Entity::Review, review.id, &review)
                .await
                .is_ok()
                && update_task(case_id, Task::MonitorAndReview, &me, |r| {
                    if !r.state.is_finished() {
                        r.state = TaskState::InProgress;
                    }
                })
                .await
                .is_ok();
            if ok {
                outcome.set(String::new());
                notes.set(String::new());
                for c in checked {
                    c.set(false);
                }
                tried.set(false);
            }
            saved.set(ok);
        });
    };
    let due = move || {
        case.data.with(|d| {
            let d = d.as_ref()?;
            let lang = i18n.lang.get();
            let next = d.file.next_review()?;
            let overdue = d.file.review_overdue(format::today());
            let date = format::date(lang, next);
            Some(if overdue {
                view! { <p class="overdue">{i18n.tf(Key::ReviewOverdue, &[("date", &date)])}</p> }
                    .into_any()
            } else {
                view! { <p>{i18n.tf(Key::NextReview, &[("date", &date)])}</p> }.into_any()
            })
        })
    };
    let held = move || {
        let mut reviews: Vec<Review> = case
            .data
            .with(|d| d.as_ref().map(|d| d.file.reviews.clone()))
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.held_on.is_some())
            .collect();
        reviews.sort_by_key(|r| std::cmp::Reverse(r.held_on));
        let lang = i18n.lang.get();
        view! {
            <ul class="records reviews">
                {reviews
                    .into_iter()
                    .take(6)
                    .map(|r| {
                        let on = r.held_on.map(|d| format::date(lang, d)).unwrap_or_default();
                        let outcome = r.outcome.map(|o| i18n.t(labels::review_outcome(o))).unwrap_or_default();
                        view! {
                            <li>
                                <strong>{i18n.tf(Key::ReviewHeldOn, &[("date", &on)])}</strong>
                                " · " {outcome}
                                {(!r.notes.is_empty()).then(|| view! { <p>{r.notes.clone()}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    };
    let outcomes: Vec<(&'static str, Key)> = [
        ReviewOutcome::Continue,
        ReviewOutcome::ChangePlan,
        ReviewOutcome::Reclassify,
        ReviewOutcome::Escalate,
    ]
    .into_iter()
    .zip(["continue", "change_plan", "reclassify", "escalate"])
    .map(|(o, v)| (v, labels::review_outcome(o)))
    .collect();
    let boxes = REVIEWED
        .into_iter()
        .zip(checked)
        .map(|(item, c)| {
            let id = format!("reviewed-{}", labels::enum_value(item));
            view! {
                <div class="choice">
                    <input type="checkbox" id=id.clone() prop:checked=move || c.get() on:change=move |ev| c.set(event_target_checked(&ev)) />
                    <label for=id>{move || i18n.t(labels::review_item(item))}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        {due}
        {held}
        <form class="review-form" on:submit=submit novalidate>
            <h3>{move || i18n.t(Key::RecordReview)}</h3>
            <fieldset class="field" class:field-invalid=nothing_error aria-describedby=move || nothing_error().then_some("reviewed-error")>
                <legend>{move || i18n.t(Key::WhatReviewed)}</legend>
                <Show when=nothing_error>
                    <p class="error" id="reviewed-error">{move || i18n.t(Key::ErrNothingReviewed)}</p>
                </Show>
                {boxes}
            </fieldset>
            <RadioGroup name="review-outcome" legend=Key::ReviewOutcomeLabel options=outcomes value=outcome error=outcome_error />
            <Field id="review-notes" label=Key::ReviewNotes value=notes error=Signal::derive(|| None) multiline=true />
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::SaveReview)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
