use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::classification::{Classification, RiskLevel};
use leptos::prelude::*;

const W: f64 = 640.0;
const H: f64 = 220.0;
const LEFT: f64 = 110.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

fn y_of(level: RiskLevel) -> f64 {
    let band = (H - TOP - BOTTOM) / 4.0;
    let i = RiskLevel::ALL.iter().position(|l| *l == level).unwrap_or(0) as f64;
    // Severe at the top.
    TOP + band * (3.0 - i) + band / 2.0
}

/// The classification history as a step chart over time, with each level labelled in words on
/// the axis and at every point, described for screen readers, and the same data as a table.
#[component]
pub fn HistoryChart(entries: Vec<Classification>) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Key::HistoryEmpty)}</p> }.into_any();
    }
    let first = entries.first().map(|c| c.on).unwrap_or_else(format::today);
    let last = format::today().max(entries.last().map(|c| c.on).unwrap_or(first));
    let span = ((last - first).num_days().max(1)) as f64;
    let x_of = move |d: chrono::NaiveDate| {
        LEFT + (W - LEFT - RIGHT) * ((d - first).num_days() as f64 / span)
    };
    let mut path = String::new();
    for (i, c) in entries.iter().enumerate() {
        let (x, y) = (x_of(c.on), y_of(c.chosen));
        if i == 0 {
            path.push_str(&format!("M{x:.1},{y:.1}"));
        } else {
            path.push_str(&format!(" H{x:.1} V{y:.1}"));
        }
    }
    if let Some(c) = entries.last() {
        path.push_str(&format!(" H{:.1}", x_of(last)));
        let _ = c;
    }
    let entries_desc = entries.clone();
    let description = move || {
        let lang = i18n.lang.get();
        let summary = entries_desc
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    format::date(lang, c.on),
                    i18n.t(labels::level(c.chosen))
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        i18n.tf(Key::HistoryChartDesc, &[("summary", &summary)])
    };
    let bands = RiskLevel::ALL
        .iter()
        .map(|&l| {
            let y = y_of(l);
            let band = (H - TOP - BOTTOM) / 4.0;
            view! {
                <rect x=LEFT y=y - band / 2.0 width=W - LEFT - RIGHT height=band class=format!("band band-{}", l.key()) />
                <text x=LEFT - 8.0 y=y + 5.0 text-anchor="end" class="axis-label">{move || i18n.t(labels::level(l))}</text>
            }
        })
        .collect_view();
    let points = entries
        .iter()
        .map(|c| {
            let (x, y) = (x_of(c.on), y_of(c.chosen));
            view! { <circle cx=x cy=y r="6" class=format!("point point-{}", c.chosen.key()) /> }
        })
        .collect_view();
    let first_label = move || format::date(i18n.lang.get(), first);
    let last_label = move || format::date(i18n.lang.get(), last);
    let rows = entries
        .iter()
        .rev()
        .map(|c| {
            let c = c.clone();
            let on = c.on;
            view! {
                <tr>
                    <td>{move || format::date(i18n.lang.get(), on)}</td>
                    <td><span class=labels::level_class(Some(c.chosen))><span class="level-dot" aria-hidden="true"></span>{move || i18n.t(labels::level(c.chosen))}</span></td>
                    <td>{move || i18n.t(labels::level(c.suggested))}</td>
                    <td>{c.by.clone()}</td>
                    <td>{c.rationale.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="history-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=description>
                {bands}
                <path d=path class="history-line" />
                {points}
                <text x=LEFT y=H - 10.0 class="axis-label">{first_label}</text>
                <text x=W - RIGHT y=H - 10.0 text-anchor="end" class="axis-label">{last_label}</text>
            </svg>
        </figure>
        // Scrolls sideways on a phone: a keyboard must be able to reach it to scroll it.
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Key::HistoryTitle)>
            <table class="history-table">
                <caption>{move || i18n.t(Key::HistoryTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Key::ColDate)}</th>
                        <th scope="col">{move || i18n.t(Key::ColLevel)}</th>
                        <th scope="col">{move || i18n.t(Key::ColSuggested)}</th>
                        <th scope="col">{move || i18n.t(Key::ColBy)}</th>
                        <th scope="col">{move || i18n.t(Key::ColWhy)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
