use crate::case_data::use_case;
use crate::components::review_form::ReviewForm;
use crate::components::review_tips::ReviewTips;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::agreement;
use homeward_core::review::Review;
use homeward_core::smart::SmartGoal;
use leptos::prelude::*;

/// Reviews of the agreement's goals on a schedule: when the next one is due (and whether it is
/// overdue), the reviews held with each goal's traffic light, and the form to record one with
/// the framework's tips beside it.
#[component]
pub fn GoalReviews() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=3"));
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let goals = Memo::new(move |_| {
        case.data.with(|d| {
            d.as_ref().map(|d| {
                agreement::current(&d.file.agreements)
                    .map(|a| a.goals.clone())
                    .unwrap_or_default()
            })
        })
    });
    // Every goal ever agreed, so older reviews still name theirs.
    let all_goals = move || -> Vec<SmartGoal> {
        case.data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.file
                        .agreements
                        .iter()
                        .flat_map(|a| a.goals.iter().cloned())
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    let schedule = move || {
        let lang = i18n.lang.get();
        case.data.with(|d| {
            let d = d.as_ref()?;
            let next = d.file.next_review();
            let overdue = d.file.review_overdue(format::today());
            Some(match next {
                None => view! { <p>{i18n.t(Key::NoReview)}</p> }.into_any(),
                Some(on) => view! {
                    <p class="next-review">
                        {i18n.tf(Key::NextReviewOn, &[("date", &format::date(lang, on))])}
                        {overdue.then(|| view! { " " <strong class="overdue">{i18n.tf(Key::ReviewOverdue, &[("date", &format::date(lang, on))])}</strong> })}
                    </p>
                }
                .into_any(),
            })
        })
    };
    let held = move || {
        let lang = i18n.lang.get();
        let mut reviews: Vec<Review> = case
            .data
            .with(|d| d.as_ref().map(|d| d.file.reviews.clone()))
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.held_on.is_some())
            .collect();
        reviews.sort_by_key(|r| (r.held_on, r.id));
        reviews.reverse();
        if reviews.is_empty() {
            return view! { <p class="muted">{i18n.t(Key::RevNoneHeld)}</p> }.into_any();
        }
        let goals = all_goals();
        view! {
            <ul class="records reviews-held">
                {reviews.into_iter().map(|r| {
                    let on = r.held_on.map(|d| format::date(lang, d)).unwrap_or_default();
                    let lights = r.goal_progress.iter().map(|p| {
                        let what = goals
                            .iter()
                            .find(|g| g.id == p.goal_id)
                            .map(|g| g.what.clone())
                            .unwrap_or_default();
                        view! {
                            <li>
                                <span class=labels::light_class(p.light)>
                                    <span class="level-dot" aria-hidden="true"></span>
                                    {i18n.t(labels::light(p.light))}
                                </span>
                                " " {what}
                                {(!p.note.is_empty()).then(|| view! { <p class="muted">{p.note.clone()}</p> })}
                            </li>
                        }
                    }).collect_view();
                    view! {
                        <li>
                            <h3>{i18n.tf(Key::RevHeldTitle, &[("date", &on)])}</h3>
                            {r.outcome.map(|o| view! { <p><strong>{i18n.t(labels::outcome(o))}</strong></p> })}
                            {(!r.attendees.is_empty()).then(|| view! { <p class="muted">{i18n.tf(Key::RevWith, &[("names", &r.attendees.join(", "))])}</p> })}
                            <ul class="goal-lights">{lights}</ul>
                            {(!r.notes.is_empty()).then(|| view! { <p>{r.notes.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::RevTitle)} ": " {name}</h1>
            {schedule}
            <div class="review-layout">
                <div>
                    <section aria-labelledby="new-review-h">
                        <h2 id="new-review-h">{move || i18n.t(Key::RevRecord)}</h2>
                        {move || goals.get().map(|g| view! { <ReviewForm case=case goals=g /> })}
                    </section>
                    <section aria-labelledby="held-h">
                        <h2 id="held-h">{move || i18n.t(Key::RevHeld)}</h2>
                        {held}
                    </section>
                </div>
                <ReviewTips />
            </div>
        </section>
    }
}
