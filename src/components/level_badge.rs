use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::classification::RiskLevel;
use leptos::prelude::*;

/// The traffic-light level as a coloured badge that always carries its word too, so colour is
/// never the only signal.
#[component]
pub fn LevelBadge(level: Option<RiskLevel>) -> impl IntoView {
    let i18n = use_i18n();
    let word = move || match level {
        Some(l) => i18n.t(labels::level(l)),
        None => i18n.t(Key::NotClassified),
    };
    view! {
        <span class=labels::level_class(level)>
            <span class="level-dot" aria-hidden="true"></span>
            {word}
        </span>
    }
}
