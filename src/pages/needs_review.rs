//! Texts written concurrently on two devices (or by two people) wait here, side by side with who
//! wrote each and when. The worker keeps one or writes one text from both; that choice is a new
//! change made on the conflict's version, so the server applies it and every device drops the
//! conflict when it arrives.

use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::local;
use crate::state::use_app;
use crate::sync;
use homeward_core::record::Record;
use homeward_core::sync::{check_value, Entity};
use homeward_core::Hlc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// One version of a text in conflict.
#[derive(Debug, Clone, PartialEq)]
struct Version {
    value: Value,
    user: String,
    hlc: Hlc,
}

/// One field of one record with its versions: the current value first, then the alternatives.
#[derive(Debug, Clone, PartialEq)]
struct Conflict {
    record: Record,
    field: String,
    versions: Vec<Version>,
}

fn conflicts(records: &[Record]) -> Vec<Conflict> {
    records
        .iter()
        .flat_map(|r| {
            r.fields_in_conflict().into_iter().map(move |field| {
                let current = r.fields.get(field).map(|f| Version {
                    value: f.value.clone(),
                    user: f.user.clone(),
                    hlc: f.hlc.clone(),
                });
                let others = r.alternatives_of(field).map(|a| Version {
                    value: a.value.clone(),
                    user: a.user.clone(),
                    hlc: a.hlc.clone(),
                });
                Conflict {
                    record: r.clone(),
                    field: field.to_string(),
                    versions: current.into_iter().chain(others).collect(),
                }
            })
        })
        .collect()
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn field_label(field: &str) -> Option<Key> {
    match field {
        "note" => Some(Key::Note),
        "child_name" => Some(Key::ChildName),
        "date_of_birth" => Some(Key::DateOfBirth),
        _ => None,
    }
}

/// "1 March 2026, 14:05" in the worker's language, on this device's calendar.
fn when(lang: crate::i18n::Lang, hlc: &Hlc) -> String {
    let ms = hlc.wall_ms as f64;
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let day =
        chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date());
    match day {
        Some(day) => format!("{}, {}", format::date(lang, day), format::time(lang, ms)),
        None => format::time(lang, ms),
    }
}

/// The "needs review" page.
#[component]
pub fn NeedsReview() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let items = RwSignal::new(Vec::<Conflict>::new());
    let loaded = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);

    // Reload whenever the case list is refreshed (after each sync and each local edit).
    Effect::new(move |_| {
        app.cases.track();
        spawn_local(async move {
            let Some(local) = local::get() else {
                return;
            };
            let mut records = Vec::new();
            for entity in Entity::ALL {
                match local.store.records(entity).await {
                    Ok(rs) => records.extend(rs.into_iter().filter(Record::needs_review)),
                    Err(e) => failure.set(Some(e.to_string())),
                }
            }
            items.set(conflicts(&records));
            loaded.set(true);
        });
    });

    view! {
        <section class="panel review">
            <p class="link-line"><a href="/">{move || i18n.t(Key::BackToCases)}</a></p>
            <h1>{move || i18n.t(Key::NeedsReview)}</h1>
            <p>{move || i18n.t(Key::ReviewIntro)}</p>
            {move || {
                failure
                    .get()
                    .map(|detail| {
                        view! {
                            <p class="banner banner-error" role="alert">
                                {i18n.tf(Key::ErrStorage, &[("detail", &detail)])}
                            </p>
                        }
                    })
            }}
            <Show when=move || loaded.get() && items.get().is_empty()>
                <p class="empty">{move || i18n.t(Key::ReviewNothing)}</p>
            </Show>
            <For
                each=move || items.get()
                key=|c| (c.record.entity_id, c.field.clone(), c.versions.len(), c.versions.first().map(|v| v.hlc.clone()))
                children=move |c| view! { <ConflictView conflict=c failure=failure /> }
            />
        </section>
    }
}

#[component]
fn ConflictView(conflict: Conflict, failure: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let case_id = conflict.record.case_id;
    let case_name = move || {
        app.cases
            .get()
            .into_iter()
            .find(|r| r.id == case_id)
            .map(|r| r.child_name)
            .unwrap_or_default()
    };
    let field = conflict.field.clone();
    let label = {
        let field = field.clone();
        move || field_label(&field).map_or_else(|| field.clone(), |k| i18n.t(k).to_string())
    };
    let merged = RwSignal::new(
        conflict
            .versions
            .iter()
            .map(|v| shown(&v.value))
            .collect::<Vec<_>>()
            .join("\n\n"),
    );
    let invalid = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let record = StoredValue::new(conflict.record.clone());
    let field_s = StoredValue::new(field.clone());

    let choose = move |value: Value| {
        if busy.get_untracked() {
            return;
        }
        let (Some(local), Some(me)) = (local::get(), app.me.get_untracked()) else {
            return;
        };
        let record = record.get_value();
        let field = field_s.get_value();
        if let Err(e) = check_value(record.entity, &field, &value, format::today()) {
            invalid.set(Some(e.to_string()));
            return;
        }
        invalid.set(None);
        busy.set(true);
        spawn_local(async move {
            let change = local.change(
                &me.username,
                record.case_id,
                record.entity,
                record.entity_id,
                &field,
                value,
                record.resolution_base(&field),
            );
            let written = local.store.write_local(&[change]).await;
            let _ = local.save_clock().await;
            busy.set(false);
            match written {
                Ok(()) => {
                    app.refresh().await;
                    sync::kick();
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };

    let heading_id = format!("review-{}-{}", conflict.record.entity_id, field);
    let merge_id = format!("{heading_id}-merge");
    let versions = conflict
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let value = v.value.clone();
            let text = shown(&v.value);
            let user = v.user.clone();
            let hlc = v.hlc.clone();
            let byline = move || {
                let lang = i18n.lang.get();
                i18n.tf(Key::WrittenBy, &[("user", &user), ("when", &when(lang, &hlc))])
            };
            let n = (i + 1).to_string();
            view! {
                <li class="review-version">
                    <h3>{move || i18n.tf(Key::ReviewVersion, &[("n", &n)])}</h3>
                    <p class="review-byline">{byline}</p>
                    <blockquote class="review-text">
                        {if text.is_empty() { i18n.t(Key::ReviewEmptyText).to_string() } else { text }}
                    </blockquote>
                    <button
                        type="button"
                        class="button"
                        disabled=move || busy.get()
                        on:click=move |_| choose(value.clone())
                    >
                        {move || i18n.t(Key::KeepThis)}
                    </button>
                </li>
            }
        })
        .collect_view();

    view! {
        <article class="review-item" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{case_name} " · " {label}</h2>
            <ol class="review-versions">{versions}</ol>
            <div class="field">
                <label for=merge_id.clone()>{move || i18n.t(Key::WriteMerged)}</label>
                {move || invalid.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <textarea id=merge_id.clone() rows="6" bind:value=merged></textarea>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button button-primary"
                    disabled=move || busy.get()
                    on:click=move |_| choose(Value::String(merged.get_untracked()))
                >
                    {move || i18n.t(Key::SaveMerged)}
                </button>
            </div>
        </article>
    }
}
