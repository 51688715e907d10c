use crate::child_session::{self, use_child_mode};
use crate::components::child::pictures::face;
use crate::i18n::{child, use_i18n};
use homeward_core::voice::{Feeling, Prompt};
use leptos::prelude::*;

/// The faces scale: five radio buttons, each a face drawn differently and named.
#[component]
pub fn FacesScale(#[prop(into)] legend: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_child_mode();
    let faces = Feeling::ALL.into_iter().map(move |f| {
        let checked =
            move || session.with(|s| s.as_ref().and_then(|s| s.voice.feeling_about_home)) == Some(f);
        let pick = move |_| {
            child_session::update(session, |s| {
                s.voice.feeling_about_home = Some(f);
                s.voice.set_skipped(Prompt::Feelings, false);
            })
        };
        view! {
            <label class="child-choice child-face-choice" class:child-chosen=checked>
                <input type="radio" name="feeling" class="child-radio" prop:checked=checked on:change=pick />
                {face(f)}
                <span class="child-choice-label">{move || i18n.t(child::feeling(f))}</span>
                <span class="child-tick" aria-hidden="true">"✓"</span>
            </label>
        }
    });
    view! {
        <fieldset class="child-choices child-faces">
            <legend class="visually-hidden">{legend}</legend>
            {faces.collect_view()}
        </fieldset>
    }
}
