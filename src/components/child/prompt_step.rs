use crate::child_session::{self, use_child_mode};
use crate::components::child::{
    drawing_pad::DrawingPad, faces_scale::FacesScale, pictures::prompt_picture,
    read_aloud::ReadAloud, sticker_picker::StickerPicker, voice_recorder::VoiceRecorder,
    when_picker::WhenPicker,
};
use crate::i18n::{child, use_i18n, Key};
use homeward_core::voice::{AgeBand, Prompt};
use leptos::prelude::*;

/// One question on the screen: its picture, its words (read aloud on request), the ways this
/// child answers it for their age, and back / skip / next.
#[component]
pub fn PromptStep(prompt: Prompt, band: AgeBand, number: usize, total: usize) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_child_mode();
    let question = Signal::derive(move || i18n.t(child::prompt(prompt, band)).to_string());
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    // Open when there is something kept for this question (it may be a drawing).
    let drawing_open = RwSignal::new(session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| s.voice.media.iter().any(|m| m.prompt == prompt))
    }));
    let words = session.with_untracked(|s| {
        s.as_ref()
            .map(|s| s.voice.words_for(prompt).to_string())
            .unwrap_or_default()
    });
    let on_words = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        child_session::update(session, |s| {
            s.voice.set_words(prompt, value);
            s.voice.set_skipped(prompt, false);
        });
    };
    let text_box = move || {
        view! {
            <div class="child-field">
                <label for="child-words">{move || i18n.t(Key::YourWords)}</label>
                <p class="child-hint" id="child-words-hint">{move || i18n.t(Key::YourWordsHint)}</p>
                <textarea
                    id="child-words"
                    rows="4"
                    aria-describedby="child-words-hint"
                    prop:value=words.clone()
                    on:input=on_words
                ></textarea>
            </div>
        }
    };
    let drawing = move || {
        view! {
            <div class="child-draw-toggle">
                <button
                    type="button"
                    class="child-button child-secondary"
                    aria-expanded=move || drawing_open.get().to_string()
                    on:click=move |_| drawing_open.update(|o| *o = !*o)
                >
                    {move || i18n.t(Key::DrawPicture)}
                </button>
                <Show when=move || drawing_open.get()>
                    <DrawingPad prompt=prompt />
                </Show>
            </div>
        }
    };
    let answer = match (prompt, band) {
        (Prompt::Feelings, _) => view! { <FacesScale legend=question /> }.into_any(),
        (Prompt::WhenHome, AgeBand::Under8) => view! { <WhenPicker legend=question /> }.into_any(),
        (Prompt::WhenHome, _) => view! {
            <WhenPicker legend=question />
            {text_box()}
            <VoiceRecorder prompt=prompt />
        }
        .into_any(),
        (_, AgeBand::Under8) => view! {
            <StickerPicker prompt=prompt />
            {drawing()}
        }
        .into_any(),
        (_, AgeBand::EightToTwelve) => view! {
            {text_box()}
            <VoiceRecorder prompt=prompt />
            {drawing()}
        }
        .into_any(),
        (_, AgeBand::ThirteenPlus) => view! {
            {text_box()}
            <VoiceRecorder prompt=prompt />
        }
        .into_any(),
    };
    let go = move |delta: isize, skip: bool| {
        crate::speech::stop();
        child_session::update(session, |s| {
            if skip {
                s.voice.set_skipped(prompt, !s.voice.answered(prompt));
            }
            s.step = s.step.saturating_add_signed(delta);
        });
    };
    let skipped = move || {
        session.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.voice.skipped.contains(&prompt))
        })
    };
    view! {
        <section class="child-step" aria-labelledby="child-question">
            <p class="child-progress">
                <span class="child-dots" aria-hidden="true">
                    {(1..=total)
                        .map(|i| {
                            view! {
                                <span class="child-dot" class:child-dot-done=i < number class:child-dot-now=i == number>
                                    {if i < number { "●" } else if i == number { "◉" } else { "○" }}
                                </span>
                            }
                        })
                        .collect_view()}
                </span>
                <span>
                    {move || {
                        i18n.tf(Key::StepOf, &[("n", &number.to_string()), ("total", &total.to_string())])
                    }}
                </span>
            </p>
            <div class="child-question">
                {prompt_picture(prompt)}
                <h1 id="child-question" tabindex="-1" node_ref=heading>{question}</h1>
                <ReadAloud text=question />
            </div>
            <Show when=skipped>
                <p class="child-skipped">{move || i18n.t(Key::Skipped)}</p>
            </Show>
            <div class="child-answer">{answer}</div>
            <nav class="child-nav">
                <button type="button" class="child-button child-secondary" on:click=move |_| go(-1, false)>
                    <span aria-hidden="true">"← "</span>
                    {move || i18n.t(Key::PreviousQuestion)}
                </button>
                <button type="button" class="child-button child-secondary" on:click=move |_| go(1, true)>
                    {move || i18n.t(Key::SkipQuestion)}
                </button>
                <button type="button" class="child-button child-primary" on:click=move |_| go(1, false)>
                    {move || i18n.t(Key::NextQuestion)}
                    <span aria-hidden="true">" →"</span>
                </button>
            </nav>
        </section>
    }
}
