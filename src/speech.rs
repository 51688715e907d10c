//! Read-aloud of child-mode prompts with the browser's speech synthesis.

use crate::i18n::Lang;

/// Speaks `text` in British English or Welsh, stopping anything still being read.
pub fn speak(text: &str, lang: Lang) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    utterance.set_lang(match lang {
        Lang::En => "en-GB",
        Lang::Cy => "cy-GB",
    });
    utterance.set_rate(0.9);
    synth.cancel();
    synth.speak(&utterance);
}

pub fn stop() {
    if let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) {
        synth.cancel();
    }
}
