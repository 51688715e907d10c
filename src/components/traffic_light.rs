use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::classification::RiskLevel;
use leptos::prelude::*;

const LAMPS: [RiskLevel; 4] = [
    RiskLevel::Low,
    RiskLevel::Medium,
    RiskLevel::High,
    RiskLevel::Severe,
];

/// The traffic-light picture for parents: four lamps, the current level lit and named, the
/// others dimmed. Each lamp carries its word, so the picture does not rely on colour.
#[component]
pub fn TrafficLight(level: Option<RiskLevel>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let word = match level {
            Some(l) => i18n.t(labels::level(l)),
            None => i18n.t(Key::NotClassified),
        };
        i18n.tf(Key::TrafficLightNow, &[("level", word)])
    };
    let lamps = LAMPS
        .iter()
        .enumerate()
        .map(|(i, &l)| {
            let lit = level == Some(l);
            let y = 40 + i * 70;
            let (cy, ty) = (y.to_string(), (y + 7).to_string());
            let class = if lit {
                format!("lamp lamp-lit lamp-{}", labels::enum_value(l))
            } else {
                "lamp lamp-off".to_string()
            };
            view! {
                <circle class=class cx="50" cy=cy r="28" />
                <text class="lamp-word" class:lamp-word-lit=lit x="100" y=ty>
                    {move || i18n.t(labels::level(l))}
                </text>
            }
        })
        .collect_view();
    view! {
        <figure class="traffic-light">
            <svg viewBox="0 0 260 300" role="img" aria-label=label focusable="false">
                <rect class="traffic-light-case" x="10" y="4" width="80" height="292" rx="22" />
                {lamps}
            </svg>
            <figcaption>
                <strong>{label}</strong>
                <span>{move || i18n.t(labels::level_for_parents(level))}</span>
            </figcaption>
        </figure>
    }
}
