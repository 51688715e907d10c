use crate::case_data::{keep_draft, save_item, update_task, CaseCtx};
use crate::components::radio_group::RadioGroup;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, I18n, Key};
use crate::labels;
use homeward_core::classification::{
    suggested_level, Answers, Classification, ClassificationError, ClassificationKind, RiskLevel,
};
use homeward_core::movement::{check_move, MoveRefused, MovementConfig};
use homeward_core::stages::{Task, TaskState};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// Reads a form value as one of core's enums (their serde names are the form's values).
pub fn parse<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

fn answers(v: &[RwSignal<String>; 5]) -> Option<Answers> {
    Some(Answers {
        risk_factors: parse(&v[0].get())?,
        protective_factors: parse(&v[1].get())?,
        capacity: parse(&v[2].get())?,
        wish: parse(&v[3].get())?,
        recurrence: parse(&v[4].get())?,
    })
}

/// Stage 2 task 1: the five questions of the traffic-light table, the live suggestion and its
/// recommended action, the level chosen and, when it differs, why. Stage 4 and Stage 5 use it
/// again with their own kind of classification and task.
#[component]
pub fn ClassifyForm(
    case: CaseCtx,
    /// The kind to record; by default the first classification is initial, later ones reviews.
    #[prop(optional)]
    kind: Option<ClassificationKind>,
    /// The checklist task the classification counts towards (Stage 2's task 1 by default).
    #[prop(optional)]
    task: Option<Task>,
    /// Shares the chosen level with the page (the Stage 4 outcome table follows it).
    #[prop(optional)]
    chosen: Option<RwSignal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let chosen = chosen.unwrap_or_else(|| RwSignal::new(String::new()));
    let task = task.unwrap_or(Task::Classify);
    let fixed_kind = kind;
    let rationale = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let rationale_error = RwSignal::new(None::<String>);
    let level_error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let case_id = case.id.get_untracked().unwrap_or_default();
    let mut fields = q.to_vec();
    fields.extend([chosen, rationale]);
    // Each stage keeps its own draft, so a half-done reclassification never fills Stage 2's form.
    let draft = match task {
        Task::Classify => format!("{case_id}/classify"),
        other => format!("{case_id}/classify/{}", other.key()),
    };
    keep_draft(draft, fields);

    let suggestion = Memo::new(move |_| answers(&q).map(|a| suggested_level(&a)));
    // The chosen level follows the suggestion until the worker picks another.
    Effect::new(move |prev: Option<Option<RiskLevel>>| {
        let s = suggestion.get();
        let current = chosen.get_untracked();
        let prev_key = prev
            .flatten()
            .map(|l| l.key().to_string())
            .unwrap_or_default();
        if let Some(s) = s {
            if current.is_empty() || current == prev_key {
                chosen.set(s.key().to_string());
            }
        }
        s
    });
    let missing = move |i: usize| {
        Signal::derive(move || {
            (tried.get() && q[i].get().is_empty()).then_some(Key::ErrChooseAnswer)
        })
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        let Some(a) = answers(&q) else {
            return;
        };
        let Some(level) = parse::<RiskLevel>(&chosen.get_untracked()) else {
            return;
        };
        let kind = if let Some(k) = fixed_kind {
            k
        } else if case.data.with_untracked(|d| {
            d.as_ref()
                .is_some_and(|d| !d.file.classifications.entries.is_empty())
        }) {
            ClassificationKind::Review
        } else {
            ClassificationKind::Initial
        };
        let me = case.me();
        let made = Classification::new(
            Uuid::now_v7(),
            kind,
            a,
            level,
            &rationale.get_untracked(),
            &me,
            format::today(),
        );
        let c = match made {
            Ok(c) => c,
            Err(ClassificationError::RationaleRequired {
                suggested,
                chosen: picked,
            }) => {
                rationale_error.set(Some(i18n.tf(
                    Key::ErrRationaleRequired,
                    &[
                        ("chosen", i18n.t(labels::level(picked))),
                        ("suggested", i18n.t(labels::level(suggested))),
                    ],
                )));
                return;
            }
            Err(ClassificationError::RationaleTooLong | ClassificationError::NoAuthor) => {
                rationale_error.set(Some(i18n.t(Key::ErrRationaleTooLong).to_string()));
                return;
            }
        };
        rationale_error.set(None);
        let history = case.data.with_untracked(|d| {
            d.as_ref()
                .map(|d| d.file.classifications.clone())
                .unwrap_or_default()
        });
        let config = MovementConfig::default();
        if let Err(refused) = check_move(&history, &c, &config) {
            level_error.set(Some(move_refused(i18n, refused, &config)));
            return;
        }
        level_error.set(None);
        spawn_local(async move {
            let result = async {
                save_item(case_id, Entity::Classification, c.id, &c).await?;
                // Only Stage 2's classification finishes its task; a reclassification waits for
                // the manager, and Stage 5 reclassifies again at every interval.
                update_task(case_id, task, &me, |r| {
                    r.state = match task {
                        Task::Classify => TaskState::Done,
                        _ if r.state.is_finished() => r.state,
                        _ => TaskState::InProgress,
                    }
                })
                .await
            }
            .await;
            match result {
                Ok(()) => {
                    for s in q {
                        s.set(String::new());
                    }
                    chosen.set(String::new());
                    rationale.set(String::new());
                    tried.set(false);
                    saved.set(true);
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };

    use homeward_core::classification::{
        CapacityAnswer as C, ProtectiveFactorsAnswer as P, RecurrenceAnswer as R,
        RiskFactorsAnswer as F, WishAnswer as W,
    };
    let opts = |pairs: Vec<(&'static str, Key)>| pairs;
    let o1 = opts(
        F::ALL
            .iter()
            .zip([
                "fully_addressed",
                "not_all_fully_addressed",
                "not_being_addressed",
            ])
            .map(|(a, v)| (v, labels::risk_factors(*a)))
            .collect(),
    );
    let o2 = opts(
        P::ALL
            .iter()
            .zip(["apparent", "not_apparent"])
            .map(|(a, v)| (v, labels::protective(*a)))
            .collect(),
    );
    let o3 = opts(
        C::ALL
            .iter()
            .zip(["able", "unable"])
            .map(|(a, v)| (v, labels::capacity(*a)))
            .collect(),
    );
    let o4 = opts(
        W::ALL
            .iter()
            .zip(["both_want", "ambivalence"])
            .map(|(a, v)| (v, labels::wish(*a)))
            .collect(),
    );
    let o5 = opts(
        R::ALL
            .iter()
            .zip(["unlikely", "some_possibility", "strong", "very_strong"])
            .map(|(a, v)| (v, labels::recurrence(*a)))
            .collect(),
    );
    let levels: Vec<(&'static str, Key)> = RiskLevel::ALL
        .iter()
        .map(|l| (l.key(), labels::level(*l)))
        .collect();

    view! {
        <form class="classify" on:submit=submit novalidate>
            <RadioGroup name="q-risk" legend=Key::Q1 options=o1 value=q[0] error=missing(0) />
            <RadioGroup name="q-protective" legend=Key::Q2 options=o2 value=q[1] error=missing(1) />
            <RadioGroup name="q-capacity" legend=Key::Q3 options=o3 value=q[2] error=missing(2) />
            <RadioGroup name="q-wish" legend=Key::Q4 options=o4 value=q[3] error=missing(3) />
            <RadioGroup name="q-recurrence" legend=Key::Q5 options=o5 value=q[4] error=missing(4) />
            <div class="suggestion" aria-live="polite">
                {move || match suggestion.get() {
                    None => view! { <p class="muted">{i18n.t(Key::AnswerAllFirst)}</p> }.into_any(),
                    Some(level) => view! {
                        <p class=format!("suggested {}", labels::level_class(Some(level)))>
                            {i18n.tf(Key::SuggestedLevel, &[("level", i18n.t(labels::level(level)))])}
                        </p>
                        <p><strong>{i18n.t(Key::RecommendedAction)} ": "</strong>{i18n.t(labels::action(level))}</p>
                    }.into_any(),
                }}
            </div>
            <RadioGroup name="level" legend=Key::ChooseLevel options=levels value=chosen error=Signal::derive(|| None) message=level_error />
            <div class="field" class:field-invalid=move || rationale_error.get().is_some()>
                <label for="rationale">{move || i18n.t(Key::Rationale)}</label>
                <p class="hint" id="rationale-hint">{move || i18n.t(Key::RationaleHint)}</p>
                {move || rationale_error.get().map(|e| view! { <p class="error" id="rationale-error">{e}</p> })}
                <textarea
                    id="rationale"
                    rows="4"
                    bind:value=rationale
                    aria-describedby=move || if rationale_error.get().is_some() { "rationale-hint rationale-error" } else { "rationale-hint" }
                    aria-invalid=move || rationale_error.get().is_some().then_some("true")
                ></textarea>
            </div>
            {move || failure.get().map(|d| view! { <p class="banner banner-error" role="alert">{i18n.tf(Key::ErrStorage, &[("detail", &d)])}</p> })}
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::RecordClassification)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}

/// The worker's words for a move the movement rules do not allow yet.
fn move_refused(i18n: I18n, refused: MoveRefused, config: &MovementConfig) -> String {
    let level = |l| i18n.t(labels::level(l));
    match refused {
        MoveRefused::OneStepAtATime { from, to, next } => i18n.tf(
            Key::ErrOneStepDown,
            &[
                ("from", level(from)),
                ("to", level(to)),
                ("next", level(next)),
            ],
        ),
        MoveRefused::NotYetSustained {
            from,
            to,
            eligible_from: Some(date),
        } => i18n.tf(
            Key::ErrStepDownFrom,
            &[
                ("from", level(from)),
                ("to", level(to)),
                ("months", &config.sustain_months.to_string()),
                ("date", &format::date(i18n.lang.get_untracked(), date)),
            ],
        ),
        MoveRefused::NotYetSustained {
            from,
            to,
            eligible_from: None,
        } => i18n.tf(
            Key::ErrStepDownNotShown,
            &[("from", level(from)), ("to", level(to))],
        ),
    }
}
