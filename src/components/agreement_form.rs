use crate::case_data::{save_item, update_task, CaseCtx};
use crate::components::expectation_editor::{ExpectationEditor, ExpectationFields};
use crate::components::field::Field;
use crate::components::goal_editor::{GoalEditor, GoalFields};
use crate::components::saved_note::SavedNote;
use crate::i18n::{use_i18n, Key};
use crate::{format, labels, local};
use homeward_core::agreement::{Expectation, WrittenAgreement};
use homeward_core::smart::SmartGoal;
use homeward_core::stages::{Task, TaskState};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The worker's form for a written agreement not yet final: objectives, SMART goals with their
/// live check, what both sides expect and by when, how it is reviewed and the consequences.
/// Unsaved input is kept on the device as a draft (the whole agreement, since goals come and
/// go), and "Finalise" lists every reason core refuses it.
#[component]
pub fn AgreementForm(
    case: CaseCtx,
    initial: WrittenAgreement,
    /// The agreement is on the device already (otherwise it is a first one, never saved).
    stored: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    // One draft per case: a first agreement has no lasting id until it is saved, so its draft
    // must be found again after a reload; the draft carries the agreement's id.
    let id = StoredValue::new(initial.id);
    let draft_key = format!("{case_id}/agreement");
    let objectives = RwSignal::new(initial.objectives.join("\n"));
    let goals = RwSignal::new(
        initial
            .goals
            .iter()
            .map(GoalFields::new)
            .collect::<Vec<_>>(),
    );
    let expectations = RwSignal::new(
        initial
            .expectations
            .iter()
            .enumerate()
            .map(|(i, e)| ExpectationFields::new(i as u64, e))
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(initial.expectations.len() as u64);
    let review = RwSignal::new(initial.review_arrangements.clone());
    let consequences = RwSignal::new(initial.consequences.clone());
    let problems = RwSignal::new(Vec::<String>::new());
    let saved = RwSignal::new(false);
    let restored = RwSignal::new(false);
    let from_draft = RwSignal::new(false);
    let kept = RwSignal::new(false);
    // What is saved already, so an unchanged form keeps no draft.
    let baseline = StoredValue::new(initial.clone());

    let build = move || WrittenAgreement {
        id: id.get_value(),
        objectives: format::lines(&objectives.get()),
        goals: goals.get().iter().map(GoalFields::goal).collect(),
        expectations: expectations
            .get()
            .iter()
            .map(ExpectationFields::expectation)
            .filter(|e| !(e.who.is_empty() && e.what.is_empty() && e.by.is_none()))
            .collect(),
        review_arrangements: review.get().trim().to_string(),
        consequences: consequences.get().trim().to_string(),
        finalised_on: None,
        signatures: Vec::new(),
    };
    let fill = move |a: &WrittenAgreement| {
        objectives.set(a.objectives.join("\n"));
        goals.set(a.goals.iter().map(GoalFields::new).collect());
        let n = a.expectations.len() as u64;
        expectations.set(
            a.expectations
                .iter()
                .enumerate()
                .map(|(i, e)| ExpectationFields::new(next_key.get_value() + i as u64, e))
                .collect(),
        );
        next_key.update_value(|k| *k += n);
        review.set(a.review_arrangements.clone());
        consequences.set(a.consequences.clone());
    };

    {
        let key = draft_key.clone();
        spawn_local(async move {
            if let Some(local) = local::get() {
                if let Ok(Some(d)) = local.store.draft::<WrittenAgreement>(&key).await {
                    // A draft of another (older) version is stale: that version is final now.
                    if d.id == id.get_value() || !stored {
                        id.set_value(d.id);
                        fill(&d);
                        from_draft.set(true);
                    }
                }
            }
            restored.set(true);
        });
    }
    {
        let key = draft_key.clone();
        Effect::new(move |_| {
            let a = build();
            if !restored.get() {
                return;
            }
            let key = key.clone();
            let unchanged = baseline.with_value(|b| *b == a);
            kept.set(false);
            spawn_local(async move {
                if let Some(local) = local::get() {
                    // A lost draft costs only retyping; saving reports its own errors.
                    let r = if unchanged {
                        local.store.clear_draft(&key).await
                    } else {
                        local.store.set_draft(&key, &a).await
                    };
                    kept.set(r.is_ok() && !unchanged);
                }
            });
        });
    }

    let store = move |a: WrittenAgreement, state: TaskState| {
        let me = case.me();
        let key = draft_key.clone();
        spawn_local(async move {
            let ok = save_item(case_id, Entity::Agreement, a.id, &a)
                .await
                .is_ok()
                && update_task(case_id, Task::WrittenAgreement, &me, |r| {
                    if state == TaskState::Done || !r.state.is_finished() {
                        r.state = state;
                    }
                })
                .await
                .is_ok();
            if ok {
                baseline.set_value(WrittenAgreement {
                    finalised_on: None,
                    ..a
                });
                if let Some(local) = local::get() {
                    let _ = local.store.clear_draft(&key).await;
                }
                kept.set(false);
                from_draft.set(false);
                saved.set(true);
            }
        });
    };
    let save = {
        let store = store.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            saved.set(false);
            problems.set(Vec::new());
            store(build(), TaskState::InProgress);
        }
    };
    let finalise = move |_| {
        saved.set(false);
        let mut a = build();
        match a.finalise(format::today()) {
            Ok(()) => {
                problems.set(Vec::new());
                store(a, TaskState::Done);
            }
            Err(errors) => problems.set(labels::agreement_errors(&i18n, &errors)),
        }
    };

    let add_goal = move |_| {
        goals.update(|g| {
            g.push(GoalFields::new(&SmartGoal {
                id: Uuid::now_v7(),
                ..SmartGoal::default()
            }))
        })
    };
    let remove_goal = Callback::new(move |gid: Uuid| goals.update(|g| g.retain(|f| f.id != gid)));
    let add_expectation = move |_| {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        expectations.update(|e| e.push(ExpectationFields::new(k, &Expectation::default())));
    };
    let remove_expectation =
        Callback::new(move |k: u64| expectations.update(|e| e.retain(|f| f.key != k)));
    let none = Signal::derive(|| None::<Key>);

    view! {
        <form on:submit=save novalidate class="agreement-form">
            {move || from_draft.get().then(|| view! { <p class="draft-note">{i18n.t(Key::AgrDraftRestored)}</p> })}
            <section aria-labelledby="objectives-h">
                <h2 id="objectives-h">{move || i18n.t(Key::AgrObjectives)}</h2>
                <Field id="agreement-objectives" label=Key::AgrObjectivesLabel value=objectives error=none multiline=true hint=Key::OnePerLine />
            </section>
            <section aria-labelledby="goals-h">
                <h2 id="goals-h">{move || i18n.t(Key::AgrGoals)}</h2>
                <p class="muted">{move || i18n.t(Key::AgrGoalsHint)}</p>
                <For
                    each=move || goals.get()
                    key=|g| g.id
                    children=move |g| {
                        let number = Signal::derive(move || {
                            goals.with(|all| all.iter().position(|x| x.id == g.id).map_or(0, |i| i + 1))
                        });
                        view! { <GoalEditor fields=g number=number on_remove=remove_goal /> }
                    }
                />
                <button type="button" class="button" on:click=add_goal>{move || i18n.t(Key::AddGoal)}</button>
            </section>
            <section aria-labelledby="expect-h">
                <h2 id="expect-h">{move || i18n.t(Key::AgrExpectations)}</h2>
                <p class="muted">{move || i18n.t(Key::AgrExpectationsHint)}</p>
                <For
                    each=move || expectations.get()
                    key=|e| e.key
                    children=move |e| {
                        let number = Signal::derive(move || {
                            expectations.with(|all| all.iter().position(|x| x.key == e.key).map_or(0, |i| i + 1))
                        });
                        view! { <ExpectationEditor fields=e number=number on_remove=remove_expectation /> }
                    }
                />
                <button type="button" class="button" on:click=add_expectation>{move || i18n.t(Key::AddExpectation)}</button>
            </section>
            <section aria-labelledby="review-arr-h">
                <h2 id="review-arr-h">{move || i18n.t(Key::AgrReviewArrangements)}</h2>
                <Field id="agreement-review" label=Key::AgrReviewLabel value=review error=none multiline=true />
            </section>
            <section aria-labelledby="consequences-h">
                <h2 id="consequences-h">{move || i18n.t(Key::AgrConsequences)}</h2>
                <Field id="agreement-consequences" label=Key::AgrConsequencesLabel value=consequences error=none multiline=true />
            </section>
            {move || {
                let p = problems.get();
                (!p.is_empty()).then(|| view! {
                    <div class="error-summary" role="alert">
                        <h2>{i18n.t(Key::AgrCannotFinalise)}</h2>
                        <ul>{p.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <div class="actions">
                <button class="button" type="submit">{move || i18n.t(Key::AgrSaveDraft)}</button>
                <button class="button button-primary" type="button" on:click=finalise>{move || i18n.t(Key::AgrFinalise)}</button>
                <SavedNote saved=saved />
                <p class="muted" aria-live="polite">{move || kept.get().then(|| i18n.t(Key::DraftKept))}</p>
            </div>
        </form>
    }
}
