use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::classification::RiskLevel;
use homeward_core::reclassification::Stage4Outcome;
use leptos::prelude::*;

/// The framework's four Stage 4 outcomes with their next steps; the row for the case's level in
/// effect and the level being chosen is marked, in words as well as colour.
#[component]
pub fn Stage4Outcomes(
    #[prop(into)] current: Signal<Option<RiskLevel>>,
    #[prop(into)] chosen: Signal<Option<RiskLevel>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let applies = move || {
        current
            .get()
            .zip(chosen.get())
            .and_then(|(from, to)| Stage4Outcome::from_levels(from, to))
    };
    let rows = Stage4Outcome::ALL
        .into_iter()
        .map(|row| {
            let (from, to) = row.levels();
            let on = move || applies() == Some(row);
            view! {
                <tr class:applies=on aria-current=move || on().then_some("true")>
                    // On a phone the rows stack, and each cell says which column it is.
                    <td data-label=move || i18n.t(Key::ColInitial)>{move || i18n.t(labels::level(from))}</td>
                    <td data-label=move || i18n.t(Key::ColReclassified)>{move || i18n.t(labels::level(to))}</td>
                    <td data-label=move || i18n.t(Key::ColProgress)>{move || i18n.t(labels::stage4_progress(row))}</td>
                    <td data-label=move || i18n.t(Key::ColNextSteps)>
                        {move || i18n.t(labels::stage4_next(row))}
                        <Show when=on>
                            <strong class="applies-tag">" " {move || i18n.t(Key::OutcomeApplies)}</strong>
                        </Show>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        // Scrolls sideways on a phone: a keyboard must be able to reach it to scroll it.
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Key::OutcomesCaption)>
            <table class="outcomes">
                <caption>{move || i18n.t(Key::OutcomesCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Key::ColInitial)}</th>
                        <th scope="col">{move || i18n.t(Key::ColReclassified)}</th>
                        <th scope="col">{move || i18n.t(Key::ColProgress)}</th>
                        <th scope="col">{move || i18n.t(Key::ColNextSteps)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="muted" aria-live="polite">
            {move || match (current.get(), chosen.get(), applies()) {
                (_, _, Some(_)) => String::new(),
                (Some(from), Some(to), None) => i18n.tf(
                    Key::OutcomeNoRow,
                    &[("from", i18n.t(labels::level(from))), ("to", i18n.t(labels::level(to)))],
                ),
                _ => String::new(),
            }}
        </p>
    }
}
