use crate::components::child_voice_summary::ChildVoiceSummary;
use crate::format;
use crate::i18n::{child, use_i18n, Key};
use crate::local;
use homeward_core::attachment::Attachment;
use homeward_core::entities::item;
use homeward_core::sync::Entity;
use homeward_core::voice::ChildVoice;
use leptos::prelude::*;
use uuid::Uuid;

type Media = Vec<(Attachment, Option<Vec<u8>>)>;

async fn load(case_id: Uuid) -> (Vec<ChildVoice>, Media) {
    let Some(local) = local::get() else {
        return (Vec::new(), Vec::new());
    };
    let of_case = |records: Vec<homeward_core::record::Record>| {
        records.into_iter().filter(move |r| r.case_id == case_id)
    };
    let mut voices: Vec<ChildVoice> = of_case(
        local
            .store
            .records(Entity::ChildVoice)
            .await
            .unwrap_or_default(),
    )
    .filter_map(|r| item(&r))
    .collect();
    voices.sort_by_key(|v| std::cmp::Reverse((v.on, v.id)));
    let described: Vec<Attachment> = of_case(
        local
            .store
            .records(Entity::Attachment)
            .await
            .unwrap_or_default(),
    )
    .filter_map(|r| item(&r))
    .collect();
    let mut attachments = Vec::with_capacity(described.len());
    for a in described {
        let bytes = crate::media::stored_bytes(case_id, &a).await;
        attachments.push((a, bytes));
    }
    (voices, attachments)
}

/// The child's-voice records of a case, newest first, with whether the child was seen alone.
#[component]
pub fn ChildVoices(case_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let synced = crate::state::use_app().sync.last_synced;
    // Read again after each sync: drawings made on another tablet arrive with one.
    let data = LocalResource::new(move || {
        synced.track();
        load(case_id)
    });
    view! {
        <section class="child-voices" aria-labelledby="child-voices-title">
            <h2 id="child-voices-title">{move || i18n.t(Key::VoicesHeading)}</h2>
            {move || {
                data.get()
                    .map(|(voices, attachments)| {
                        let lang = i18n.lang.get();
                        if voices.is_empty() {
                            return view! { <p>{i18n.t(Key::NoVoices)}</p> }.into_any();
                        }
                        // Every record of a case is about its child, whichever id older records use.
                        let alone = voices.iter().any(|v| v.seen_alone);
                        let items = voices
                            .into_iter()
                            .map(|v| {
                                let status = if v.seen_alone {
                                    i18n.t(Key::SeenAloneBadge).to_string()
                                } else {
                                    i18n.tf(Key::NotSeenAlone, &[("who", &v.others_present.join(", "))])
                                };
                                let heading = format!(
                                    "{} · {} · {}",
                                    format::date(lang, v.on),
                                    i18n.t(child::band(v.age_band)),
                                    status,
                                );
                                let worker = [
                                    (Key::WhereLabel, v.where_seen.clone()),
                                    (Key::Approach, v.approach.clone()),
                                    (Key::Observations, v.worker_observations.clone()),
                                ]
                                    .into_iter()
                                    .filter(|(_, t)| !t.is_empty())
                                    .map(|(k, t)| view! { <div class="voice-row"><dt>{i18n.t(k)}</dt><dd>{t}</dd></div> })
                                    .collect_view();
                                let attachments = attachments.clone();
                                view! {
                                    <li class="voice-record">
                                        <h3>{heading}</h3>
                                        <ChildVoiceSummary voice=v attachments=attachments />
                                        <h4>{i18n.t(Key::YourNoteHeading)}</h4>
                                        <dl class="voice-worker">{worker}</dl>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <p class=if alone { "voice-alone" } else { "voice-not-alone" }>
                                <span aria-hidden="true">{if alone { "✓ " } else { "! " }}</span>
                                {i18n.t(if alone { Key::SeenAloneOnce } else { Key::NotYetSeenAlone })}
                            </p>
                            <ul class="voice-list">{items}</ul>
                        }
                            .into_any()
                    })
            }}
        </section>
    }
}
