use crate::components::attachment_media::AttachmentMedia;
use crate::i18n::{child, use_i18n, Key};
use homeward_core::attachment::Attachment;
use homeward_core::voice::{prompts_for, Activity, ChildVoice, Prompt};
use leptos::prelude::*;

/// What the child said, question by question, in their own words and choices, with their
/// drawings and recordings (each with its bytes, when this tablet has them). Only the child's
/// part: the worker's note is shown apart.
#[component]
pub fn ChildVoiceSummary(
    voice: ChildVoice,
    attachments: Vec<(Attachment, Option<Vec<u8>>)>,
) -> impl IntoView {
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
            let media: Vec<(Attachment, Option<Vec<u8>>)> = voice
                .media
                .iter()
                .filter(|m| m.prompt == prompt)
                .filter_map(|m| attachments.iter().find(|(a, _)| a.id == m.id).cloned())
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
                            .map(|(a, bytes)| {
                                let kind = if a.is_audio() { Key::RecordingLabel } else { Key::Drawing };
                                let label = Signal::derive(move || {
                                    format!("{}: {}", i18n.t(kind), i18n.t(child::summary(prompt)))
                                });
                                view! { <AttachmentMedia attachment=a bytes=bytes label=label class="voice-drawing" /> }
                            })
                            .collect_view()}
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="voice-summary">{rows}</dl> }
}
