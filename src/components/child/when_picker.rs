use crate::child_session::{self, use_child_mode};
use crate::components::child::pictures::when_picture;
use crate::i18n::{child, use_i18n};
use homeward_core::voice::{Prompt, WhenHome};
use leptos::prelude::*;

/// "When I'd like to go home" as four picture choices (radio buttons).
#[component]
pub fn WhenPicker(#[prop(into)] legend: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_child_mode();
    let choices = WhenHome::ALL.into_iter().map(move |w| {
        let checked = move || session.with(|s| s.as_ref().and_then(|s| s.voice.when_home)) == Some(w);
        let pick = move |_| {
            child_session::update(session, |s| {
                s.voice.when_home = Some(w);
                s.voice.set_skipped(Prompt::WhenHome, false);
            })
        };
        view! {
            <label class="child-choice" class:child-chosen=checked>
                <input type="radio" name="when-home" class="child-radio" prop:checked=checked on:change=pick />
                {when_picture(w)}
                <span class="child-choice-label">{move || i18n.t(child::when(w))}</span>
                <span class="child-tick" aria-hidden="true">"✓"</span>
            </label>
        }
    });
    view! {
        <fieldset class="child-choices child-when">
            <legend class="visually-hidden">{legend}</legend>
            {choices.collect_view()}
        </fieldset>
    }
}
