use crate::child_session::{self, use_child_mode};
use crate::components::child_voice_summary::ChildVoiceSummary;
use crate::components::field::Field;
use crate::format;
use crate::i18n::{child, use_i18n, Key};
use crate::local;
use crate::state::use_app;
use crate::sync;
use homeward_core::entities::DATA;
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

/// Back in worker mode: what the child said, and the worker's own note on how it went. Saving
/// puts the child's-voice record and its drawings and recordings on the case and queues them.
#[component]
pub fn ChildVoiceNote() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let session = use_child_mode();
    let navigate = StoredValue::new_local(use_navigate());
    let go = move |url: String| navigate.with_value(|n| n(&url, Default::default()));
    let params = use_params_map();
    let case_id = move || {
        params
            .get()
            .get("id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    let ours = Memo::new(move |_| {
        session.with(|s| {
            s.as_ref()
                .filter(|s| !s.locked && Some(s.case_id) == case_id())
                .map(|s| s.case_id)
        })
    });
    let attachments = LocalResource::new(move || {
        let ids: Vec<Uuid> = session.with_untracked(|s| {
            s.as_ref()
                .map(|s| s.voice.media.iter().map(|m| m.id).collect())
                .unwrap_or_default()
        });
        async move {
            let mut found = Vec::new();
            for id in ids {
                if let Some(c) = child_session::load_media(id).await {
                    let bytes = c.bytes().ok();
                    found.push((c.attachment, bytes));
                }
            }
            found
        }
    });

    let seen_alone = RwSignal::new(None::<bool>);
    let others = RwSignal::new(String::new());
    let where_seen = RwSignal::new(String::new());
    let approach = RwSignal::new(String::new());
    let observations = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let confirm_discard = RwSignal::new(false);

    let save = {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let Some(mut s) = session.get_untracked() else {
                return;
            };
            let Some(alone) = seen_alone.get_untracked() else {
                error.set(Some(Key::ErrSeenAloneMissing));
                return;
            };
            s.voice.seen_alone = alone;
            s.voice.others_present = if alone {
                Vec::new()
            } else {
                others
                    .get_untracked()
                    .split(',')
                    .map(|o| o.trim().to_string())
                    .filter(|o| !o.is_empty())
                    .collect()
            };
            s.voice.where_seen = where_seen.get_untracked().trim().to_string();
            s.voice.approach = approach.get_untracked().trim().to_string();
            s.voice.worker_observations = observations.get_untracked().trim().to_string();
            s.voice.on = format::today();
            if let Err(e) = s.voice.validate(format::today()) {
                error.set(Some(child::voice_error(&e)));
                return;
            }
            error.set(None);
            let (Some(local), Some(me)) = (local::get(), app.me.get_untracked()) else {
                return;
            };
            busy.set(true);
            spawn_local(async move {
                let mut changes = Vec::new();
                let mut contents = Vec::new();
                for m in &s.voice.media {
                    let Some(c) = child_session::load_media(m.id).await else {
                        continue;
                    };
                    if let Ok(value) = serde_json::to_value(&c.attachment) {
                        changes.push(local.change(
                            &me.username,
                            s.case_id,
                            Entity::Attachment,
                            c.attachment.id,
                            DATA,
                            value,
                            0,
                        ));
                        contents.push((s.case_id, c));
                    }
                }
                let voice = match serde_json::to_value(&s.voice) {
                    Ok(v) => v,
                    Err(e) => {
                        busy.set(false);
                        failure.set(Some(e.to_string()));
                        return;
                    }
                };
                changes.push(local.change(
                    &me.username,
                    s.case_id,
                    Entity::ChildVoice,
                    s.voice.id,
                    DATA,
                    voice,
                    0,
                ));
                let written = local.store.write_local_with(&changes, &contents).await;
                let _ = local.save_clock().await;
                match written {
                    Ok(()) => {
                        let _ = child_session::clear(&s).await;
                        session.set(None);
                        busy.set(false);
                        sync::kick();
                        app.refresh().await;
                        go(format!("/cases/{}", s.case_id));
                    }
                    Err(e) => {
                        busy.set(false);
                        failure.set(Some(e.to_string()));
                    }
                }
            });
        }
    };
    let discard = move |_| {
        let Some(s) = session.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let _ = child_session::clear(&s).await;
            session.set(None);
            go(format!("/cases/{}", s.case_id));
        });
    };
    let first_name =
        move || session.with(|s| s.as_ref().map(|s| s.first_name.clone()).unwrap_or_default());
    let radio = move |value: bool, key: Key, id: &'static str| {
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id
                    name="seen-alone"
                    prop:checked=move || seen_alone.get() == Some(value)
                    on:change=move |_| seen_alone.set(Some(value))
                />
                <label for=id>{move || i18n.t(key)}</label>
            </div>
        }
    };
    let no_error = Signal::derive(|| None::<Key>);
    let others_error = Signal::derive(move || {
        error
            .get()
            .filter(|k| matches!(k, Key::ErrVoiceWhoElse | Key::ErrVoiceOthers))
    });

    view! {
        <section class="panel child-voice-note">
            {move || match ours.get() {
                None => view! {
                    <p>{i18n.t(Key::NoSession)}</p>
                    <p><a href="/">{i18n.t(Key::BackToCases)}</a></p>
                }
                    .into_any(),
                Some(_) => {
                    let voice = session.with_untracked(|s| s.as_ref().map(|s| s.voice.clone()));
                    view! {
                        <h1>{move || i18n.tf(Key::VoiceNoteTitle, &[("name", &first_name())])}</h1>
                        <h2>{move || i18n.t(Key::ChildSaidHeading)}</h2>
                        <p class="hint">{move || i18n.t(Key::ChildWordsNote)}</p>
                        {move || {
                            let voice = voice.clone();
                            attachments
                                .get()
                                .and_then(|list| voice.map(|v| view! { <ChildVoiceSummary voice=v attachments=list /> }))
                        }}
                    }
                        .into_any()
                }
            }}
            <Show when=move || ours.get().is_some()>
                <h2>{move || i18n.t(Key::YourNoteHeading)}</h2>
                {move || error.get().map(|k| view! { <p class="banner banner-error" role="alert">{i18n.t(k)}</p> })}
                {move || {
                    failure
                        .get()
                        .map(|d| view! { <p class="banner banner-error" role="alert">{i18n.tf(Key::ErrStorage, &[("detail", &d)])}</p> })
                }}
                <form on:submit=save novalidate>
                    <fieldset class="field">
                        <legend>{move || i18n.t(Key::SeenAloneQ)}</legend>
                        {radio(true, Key::AnswerYes, "seen-alone-yes")}
                        {radio(false, Key::AnswerNo, "seen-alone-no")}
                    </fieldset>
                    <Show when=move || seen_alone.get() == Some(false)>
                        <Field id="others-present" label=Key::WhoPresent value=others error=others_error hint=Key::WhoPresentHint />
                    </Show>
                    <Field id="where-seen" label=Key::WhereSeen value=where_seen error=no_error />
                    <Field id="approach" label=Key::Approach value=approach error=no_error hint=Key::ApproachHint multiline=true />
                    <Field id="observations" label=Key::Observations value=observations error=no_error hint=Key::ObservationsHint multiline=true />
                    <div class="actions">
                        <button class="button button-primary" type="submit" disabled=move || busy.get()>
                            {move || i18n.t(if busy.get() { Key::Saving } else { Key::SaveVoice })}
                        </button>
                        <button class="button" type="button" on:click=move |_| confirm_discard.set(true)>
                            {move || i18n.t(Key::DiscardVoice)}
                        </button>
                    </div>
                </form>
                <Show when=move || confirm_discard.get()>
                    <div class="banner banner-warn" role="alert">
                        <p>{move || i18n.t(Key::DiscardConfirm)}</p>
                        <button class="button" type="button" on:click=discard>{move || i18n.t(Key::DiscardYes)}</button>
                        <button class="button" type="button" on:click=move |_| confirm_discard.set(false)>{move || i18n.t(Key::Cancel)}</button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}
