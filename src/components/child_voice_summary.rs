use crate::i18n::{child, use_i18n, Key};
use homeward_core::attachment::Attachment;
use homeward_core::voice::{prompts_for, Activity, ChildVoice, Prompt};
use leptos::prelude::*;

fn blob_url(a: &Attachment) -> Option<String> {
    let bytes = a.bytes().ok()?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&bytes[..]));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&a.media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// What the child said, question by question, in their own words and choices, with their
/// drawings and recordings. Only the child's part: the worker's note is shown apart.
#[component]
pub fn ChildVoiceSummary(voice: ChildVoice, attachments: Vec<Attachment>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = prompts_for(&Activity::ALL)
        .into_iter()
        .filter(|p| voice.answered(*p) || voice.skipped.contains(p))
        .map(|prompt: Prompt| {
            let mut parts: Vec<String> = Vec::new();
            let words = voice.words_for(prompt).trim().to_string();
            let feeling = (prompt == Prompt::Feelings)
                .then_some(voice.feeling_about_home)
                .flatten();
            let when = (prompt == Prompt::WhenHome).then_some(voice.when_home).flatten();
            let stickers: Vec<_> = voice
                .stickers
                .iter()
                .filter(|s| s.prompt == prompt)
                .map(|s| s.sticker)
                .collect();
            let skipped = voice.skipped.contains(&prompt) && !voice.answered(prompt);
            let media: Vec<Attachment> = voice
                .media
                .iter()
                .filter(|m| m.prompt == prompt)
                .filter_map(|m| attachments.iter().find(|a| a.id == m.id).cloned())
                .collect();
            parts.push(words);
            view! {
                <div class="voice-row">
                    <dt>{move || i18n.t(child::summary(prompt))}</dt>
                    <dd>
                        {parts.into_iter().filter(|w| !w.is_empty()).map(|w| view! { <p class="voice-words">"“"{w}"”"</p> }).collect_view()}
                        {feeling.map(|f| view! { <p>{move || i18n.t(child::feeling(f))}</p> })}
                        {when.map(|w| view! { <p>{move || i18n.t(child::when(w))}</p> })}
                        {(!stickers.is_empty())
                            .then(|| {
                                let stickers = stickers.clone();
                                view! {
                                    <p>
                                        {move || {
                                            stickers
                                                .iter()
                                                .map(|s| i18n.t(child::sticker(*s)))
                                                .collect::<Vec<_>>()
                                                .join(", ")
                                        }}
                                    </p>
                                }
                            })}
                        {skipped.then(|| view! { <p class="voice-skipped">{move || i18n.t(Key::Skipped)}</p> })}
                        {media
                            .into_iter()
                            .map(|a| {
                                if a.is_audio() {
                                    let url = blob_url(&a).unwrap_or_default();
                                    view! {
                                        <audio
                                            controls
                                            src=url
                                            aria-label=move || {
                                                format!("{}: {}", i18n.t(Key::RecordingLabel), i18n.t(child::summary(prompt)))
                                            }
                                        ></audio>
                                    }
                                        .into_any()
                                } else {
                                    let src = format!("data:{};base64,{}", a.media_type, a.data);
                                    view! {
                                        <img
                                            class="voice-drawing"
                                            src=src
                                            alt=move || {
                                                format!("{}: {}", i18n.t(Key::Drawing), i18n.t(child::summary(prompt)))
                                            }
                                        />
                                    }
                                        .into_any()
                                }
                            })
                            .collect_view()}
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="voice-summary">{rows}</dl> }
}
