use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::agreement::REVIEW_TIPS;
use leptos::prelude::*;

/// The framework's tips for reviewing goals (Annex 8), beside the review as it is recorded.
#[component]
pub fn ReviewTips() -> impl IntoView {
    let i18n = use_i18n();
    let tips = REVIEW_TIPS
        .iter()
        .map(|t| {
            let key = labels::review_tip(t.key);
            let en = t.en;
            view! { <li>{move || key.map_or(en, |k| i18n.t(k))}</li> }
        })
        .collect_view();
    view! {
        <aside class="review-tips" aria-labelledby="tips-h">
            <h2 id="tips-h">{move || i18n.t(Key::TipsTitle)}</h2>
            <ul>{tips}</ul>
        </aside>
    }
}
