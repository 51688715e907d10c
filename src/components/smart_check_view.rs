use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::smart::{smart_check, LetterResult, SmartGoal};
use leptos::prelude::*;

/// The SMART check of one goal, letter by letter, recomputed as the goal is typed: each letter
/// says "met" or core's reason in plain words, with a mark so colour is never the only signal.
#[component]
pub fn SmartCheckView(#[prop(into)] goal: Signal<SmartGoal>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let check = smart_check(&goal.get(), format::today());
        check
            .letters()
            .into_iter()
            .map(|(letter, result)| {
                let word = i18n.t(labels::letter(letter));
                match result {
                    LetterResult::Met => view! {
                        <li class="smart-met">
                            <span class="smart-mark" aria-hidden="true">"✓"</span>
                            <strong>{word}</strong>
                            ": "
                            {i18n.t(Key::SmartMet)}
                        </li>
                    }
                    .into_any(),
                    LetterResult::NotMet(p) => view! {
                        <li class="smart-not-met">
                            <span class="smart-mark" aria-hidden="true">"✗"</span>
                            <strong>{word}</strong>
                            ": "
                            {i18n.t(Key::SmartNotMet)}
                            " "
                            {i18n.t(labels::smart_problem(p))}
                        </li>
                    }
                    .into_any(),
                }
            })
            .collect_view()
    };
    view! {
        <div class="smart-check">
            <p class="smart-check-title">{move || i18n.t(Key::SmartCheckTitle)}</p>
            <ul>{rows}</ul>
        </div>
    }
}
