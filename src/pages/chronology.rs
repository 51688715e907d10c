use crate::case_data::use_case;
use crate::components::chronology_form::{ChronologyForm, EntryFields};
use crate::components::chronology_timeline::{ChronologyTimeline, PAGE};
use crate::components::classify_form::parse;
use crate::i18n::{use_i18n, Key};
use crate::labels::{self, enum_value};
use homeward_core::chronology::{filter, patterns, Area, ChronologyEntry, Filter};
use leptos::prelude::*;
use uuid::Uuid;

/// Stage 1 task 1: the analytical case history as a timeline, filtered by area and child, with
/// the patterns core finds, and a form to add or edit entries.
#[component]
pub fn Chronology() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let area = RwSignal::new(String::new());
    let child = RwSignal::new(String::new());
    let fields = EntryFields::new();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=1"));
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let children = Memo::new(move |_| {
        case.data.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::new();
            };
            let g = &d.file.genogram;
            let mut ids: Vec<Uuid> = Vec::new();
            for c in g.subject_children() {
                ids.push(c.id);
                let (full, half) = g.siblings_of(c.id);
                ids.extend(full);
                ids.extend(half);
            }
            let mut seen = std::collections::BTreeSet::new();
            ids.retain(|i| seen.insert(*i));
            ids.into_iter()
                .filter_map(|i| g.name_of(i).map(|n| (i, n.to_string())))
                .collect::<Vec<_>>()
        })
    });
    let entries = Memo::new(move |_| {
        case.data.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::<ChronologyEntry>::new();
            };
            let f = Filter {
                areas: parse::<Area>(&area.get()).into_iter().collect(),
                child: Uuid::parse_str(&child.get()).ok(),
                ..Filter::default()
            };
            filter(&d.file.chronology, &f)
                .into_iter()
                .cloned()
                .collect()
        })
    });
    let pattern_view = move || {
        case.data.with(|d| {
            let d = d.as_ref()?;
            let p = patterns(&d.file.chronology);
            let empty = p.empty_areas.iter().map(|a| i18n.t(labels::area(*a))).collect::<Vec<_>>().join("; ");
            Some(view! {
                <ul class="patterns">
                    <li>{i18n.tf(Key::PatFailedReturns, &[("n", &p.failed_returns.to_string())])}</li>
                    <li>{i18n.tf(Key::PatServices, &[
                        ("started", &p.services_started.to_string()),
                        ("completed", &p.services_completed.to_string()),
                        ("dropped", &p.services_dropped.to_string()),
                    ])}</li>
                    <li>{i18n.tf(Key::PatNoAnalysis, &[("n", &p.without_analysis.to_string())])}</li>
                    {(!empty.is_empty()).then(|| view! { <li>{i18n.tf(Key::PatEmptyAreas, &[("list", &empty)])}</li> })}
                </ul>
            })
        })
    };
    let genogram = Signal::derive(move || {
        case.data
            .with(|d| d.as_ref().map(|d| d.file.genogram.clone()))
            .unwrap_or_default()
    });
    // A new filter starts drawing again from the top, in the same update as the filter.
    let drawn = RwSignal::new(PAGE);
    let refilter = move |which: RwSignal<String>, value: String| {
        which.set(value);
        drawn.set(PAGE);
    };
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::ChronologyTitle)} ": " {name}</h1>
            <Show when=move || case.data.with(Option::is_some)>
                <h2>{move || i18n.t(Key::PatternsTitle)}</h2>
                {pattern_view}
                <div class="list-tools">
                    <div class="field">
                        <label for="filter-area">{move || i18n.t(Key::FilterArea)}</label>
                        <select id="filter-area" on:change=move |ev| refilter(area, event_target_value(&ev)) prop:value=move || area.get()>
                            <option value="">{move || i18n.t(Key::AnyArea)}</option>
                            {Area::ALL.iter().map(|a| { let k = labels::area(*a); view! { <option value=enum_value(*a)>{move || i18n.t(k)}</option> } }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-child">{move || i18n.t(Key::FilterChild)}</label>
                        <select id="filter-child" on:change=move |ev| refilter(child, event_target_value(&ev)) prop:value=move || child.get()>
                            <option value="">{move || i18n.t(Key::AnyChild)}</option>
                            {move || children.get().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <p class="list-count" aria-live="polite">{move || i18n.tf(Key::EntriesShown, &[("n", &entries.with(Vec::len).to_string())])}</p>
                <Show when=move || entries.with(Vec::is_empty)>
                    <p class="muted">{move || i18n.t(Key::NoEntries)}</p>
                </Show>
                <ChronologyTimeline entries=entries genogram=genogram fields=fields drawn=drawn />
                {move || { let kids = children.get(); view! { <ChronologyForm case=case fields=fields children=kids /> } }}
            </Show>
        </section>
    }
}
