use crate::case_data::{keep_draft, save_item, update_task, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::decisions::{not_yet_told, Audience, Channel, Communication};
use homeward_core::stages::{Task, TaskState};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

fn enum_value<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Stage 2 task 3: who has been told the latest decision, how and when, and who is still to be.
#[component]
pub fn CommsLog(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let to = RwSignal::new(enum_value(Audience::Child));
    let names = RwSignal::new(String::new());
    let how = RwSignal::new(enum_value(Channel::InPerson));
    let when = RwSignal::new(format::today().to_string());
    let note = RwSignal::new(String::new());
    let date_error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    keep_draft(
        format!("{case_id}/communication"),
        vec![to, names, how, when, note],
    );
    let latest = move || {
        case.data.with(|d| {
            d.as_ref().and_then(|d| {
                d.file
                    .decisions
                    .iter()
                    .max_by_key(|x| (x.on, x.id))
                    .map(|x| x.id)
            })
        })
    };
    let still = move || {
        let id = latest()?;
        let log = case.data.with(|d| {
            d.as_ref()
                .map(|d| d.file.communications.clone())
                .unwrap_or_default()
        });
        let left = not_yet_told(id, &log);
        Some(if left.is_empty() {
            i18n.t(Key::EveryoneTold).to_string()
        } else {
            let list = left
                .iter()
                .map(|a| i18n.t(labels::audience(*a)))
                .collect::<Vec<_>>()
                .join(", ");
            i18n.tf(Key::StillToTell, &[("list", &list)])
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let on = match chrono::NaiveDate::parse_from_str(when.get_untracked().trim(), "%Y-%m-%d") {
            Ok(d) if d > format::today() => {
                date_error.set(Some(Key::ErrDateFuture));
                return;
            }
            Ok(d) => d,
            Err(_) => {
                date_error.set(Some(Key::ErrDateMissing));
                return;
            }
        };
        date_error.set(None);
        let (Some(to_v), Some(how_v)) = (
            parse::<Audience>(&to.get_untracked()),
            parse::<Channel>(&how.get_untracked()),
        ) else {
            return;
        };
        let me = case.me();
        let c = Communication {
            id: Uuid::now_v7(),
            decision_id: latest(),
            to: to_v,
            names: names
                .get_untracked()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            how: how_v,
            on,
            by: me.clone(),
            note: note.get_untracked().trim().to_string(),
        };
        let all_told = case
            .data
            .with_untracked(|d| {
                d.as_ref().map(|d| {
                    let mut log = d.file.communications.clone();
                    log.push(c.clone());
                    c.decision_id
                        .is_some_and(|id| not_yet_told(id, &log).is_empty())
                })
            })
            .unwrap_or_default();
        spawn_local(async move {
            if save_item(case_id, Entity::Communication, c.id, &c)
                .await
                .is_ok()
            {
                if all_told {
                    let _ = update_task(case_id, Task::CommunicateDecision, &me, |r| {
                        r.state = TaskState::Done
                    })
                    .await;
                }
                names.set(String::new());
                note.set(String::new());
                saved.set(true);
            }
        });
    };
    let log = move || {
        let lang = i18n.lang.get();
        let mut entries = case.data.with(|d| {
            d.as_ref()
                .map(|d| d.file.communications.clone())
                .unwrap_or_default()
        });
        entries.sort_by_key(|c| (c.on, c.id));
        entries.reverse();
        if entries.is_empty() {
            return view! { <p class="muted">{i18n.t(Key::NoComms)}</p> }.into_any();
        }
        view! {
            <ul class="records">
                {entries.into_iter().map(|c| view! {
                    <li>
                        <strong>{i18n.t(labels::audience(c.to))}</strong>
                        {(!c.names.is_empty()).then(|| format!(" ({})", c.names.join(", ")))}
                        " · " {i18n.t(labels::channel(c.how))} " · " {format::date(lang, c.on)}
                        {(!c.note.is_empty()).then(|| view! { <p class="muted">{c.note.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        }.into_any()
    };
    let select = |id: &'static str,
                  label: Key,
                  value: RwSignal<String>,
                  options: Vec<(String, Key)>| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <select id=id on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                    {options.into_iter().map(|(v, k)| view! { <option value=v>{move || i18n.t(k)}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <p class="still-to-tell">{still}</p>
        {log}
        <form on:submit=submit novalidate class="grid-form">
            {select("comm-to", Key::CommTo, to, Audience::ALL.iter().map(|a| (enum_value(*a), labels::audience(*a))).collect())}
            <Field id="comm-names" label=Key::CommNames value=names error=Signal::derive(|| None) hint=Key::CommNamesHint />
            {select("comm-how", Key::CommHow, how, labels::CHANNELS.iter().map(|c| (enum_value(*c), labels::channel(*c))).collect())}
            <Field id="comm-when" label=Key::CommWhen value=when error=Signal::derive(move || date_error.get()) kind="date" max=format::today().to_string() />
            <Field id="comm-note" label=Key::CommNote value=note error=Signal::derive(|| None) />
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::LogCommunication)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
