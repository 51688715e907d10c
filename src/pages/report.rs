use crate::case_data::use_case;
use crate::components::genogram_svg::GenogramSvg;
use crate::components::level_badge::LevelBadge;
use crate::components::voice_view::VoiceView;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::capacity::CapacityEvidence;
use homeward_core::case::age_on;
use homeward_core::chronology::in_order;
use homeward_core::factors::Presence;
use homeward_core::stages::Task;
use leptos::prelude::*;

fn capacity_key(r: CapacityEvidence) -> Key {
    match r {
        CapacityEvidence::NoEvidence => Key::CapNone,
        CapacityEvidence::SomeEvidence => Key::CapSome,
        CapacityEvidence::SubstantialEvidence => Key::CapSubstantial,
    }
}

fn presence_key(p: Presence) -> Key {
    match p {
        Presence::Unknown => Key::PresUnknown,
        Presence::Present => Key::PresPresent,
        Presence::NotPresent => Key::PresNotPresent,
        Presence::Addressed => Key::PresAddressed,
    }
}

/// Stage 1 task 5: the assessment written up in the spirit of Annex 5, pulling together the
/// history, family, factors, capacity, the child's views and the classification; it prints on
/// A4 with the print stylesheet.
#[component]
pub fn Report() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=1"));
    let print = move |_| {
        let _ = window().print();
    };
    let body = move || {
        let row = case.row()?;
        let lang = i18n.lang.get();
        case.data.with(|d| {
            let f = &d.as_ref()?.file;
            let today = format::today();
            let age = row.date_of_birth.map(|d| {
                format!("{} · {}", i18n.tf(Key::AgeYears, &[("n", &age_on(d, today).to_string())]), i18n.tf(Key::Born, &[("date", &format::date(lang, d))]))
            });
            let me = case.me();
            let history = in_order(&f.chronology).into_iter().map(|e| view! {
                <tr>
                    <td>{e.date.to_string()}</td>
                    <td>{i18n.t(labels::area(e.area))}</td>
                    <td>{e.what.clone()}{(!e.source_detail.is_empty()).then(|| format!(" ({})", e.source_detail))}</td>
                    <td>{e.analysis.clone()}</td>
                </tr>
            }).collect_view();
            let factors: Vec<_> = f.factors.iter().filter(|c| c.presence != Presence::Unknown).cloned().collect();
            let factors_view = if factors.is_empty() {
                view! { <p>{i18n.t(Key::RNoFactors)}</p> }.into_any()
            } else {
                view! { <ul>{factors.into_iter().map(|c| view! {
                    <li><strong>{labels::factor_name(&i18n, &c.factor_id)}</strong> ": " {i18n.t(presence_key(c.presence))}
                        {(!c.evidence.is_empty()).then(|| format!(" — {}", c.evidence))}</li>
                }).collect_view()}</ul> }.into_any()
            };
            let capacity_view = if f.capacity.is_empty() {
                view! { <p>{i18n.t(Key::RNoCapacity)}</p> }.into_any()
            } else {
                view! { <ul>{f.capacity.iter().map(|c| {
                    let who = f.genogram.name_of(c.parent_id).unwrap_or_default().to_string();
                    view! { <li><strong>{who}</strong> ": " {i18n.t(capacity_key(c.rating))} " — " {c.evidence.clone()}</li> }
                }).collect_view()}</ul> }.into_any()
            };
            let note = |t: Task| f.checklist.tasks.get(&t).map(|r| r.notes.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| i18n.t(Key::RNotRecorded).to_string());
            let classification = f.classifications.current().map(|c| {
                let since = f.classifications.level_since().unwrap_or(c.on);
                view! {
                    <p><LevelBadge level=Some(c.chosen) /> " " {i18n.tf(Key::RCurrentLevel, &[("level", i18n.t(labels::level(c.chosen))), ("date", &format::date(lang, since))])}</p>
                    <p>{i18n.t(labels::action(c.chosen))}</p>
                    {(!c.rationale.is_empty()).then(|| view! { <p>{c.rationale.clone()}</p> })}
                }
            });
            let decision = f.decisions.iter().max_by_key(|x| (x.on, x.id)).map(|x| view! {
                <p><strong>{i18n.t(labels::decision_kind(x.kind))}</strong> ": " {x.summary.clone()}</p>
            });
            Some(view! {
                <header class="report-head">
                    <h1>{i18n.t(Key::ReportTitle)} ": " {row.child_name.clone()}</h1>
                    <p>{i18n.tf(Key::ReportIntro, &[("by", &me), ("date", &format::date(lang, today))])}</p>
                </header>
                <section><h2>{i18n.t(Key::RChild)}</h2><p>{age}</p><p class="case-note">{row.note.clone()}</p></section>
                <section class="keep"><h2>{i18n.t(Key::RFamily)}</h2><GenogramSvg genogram=f.genogram.clone() /></section>
                <section>
                    <h2>{i18n.t(Key::RHistory)}</h2>
                    <table class="report-table">
                        <thead><tr>
                            <th scope="col">{i18n.t(Key::ColDate)}</th><th scope="col">{i18n.t(Key::EntryArea)}</th>
                            <th scope="col">{i18n.t(Key::EntryWhat)}</th><th scope="col">{i18n.t(Key::Analysis)}</th>
                        </tr></thead>
                        <tbody>{history}</tbody>
                    </table>
                </section>
                <section><h2>{i18n.t(Key::RFactors)}</h2>{factors_view}</section>
                <section><h2>{i18n.t(Key::RCapacity)}</h2>{capacity_view}</section>
                <section><h2>{i18n.t(Key::REngagement)}</h2><p>{note(Task::EngageChildAndParents)}</p></section>
                <section><h2>{i18n.t(Key::RTrusted)}</h2><p>{note(Task::IdentifyTrustedAdult)}</p></section>
                <section><h2>{i18n.t(Key::RVoice)}</h2><VoiceView case=case /></section>
                <section>
                    <h2>{i18n.t(Key::RClassification)}</h2>
                    {classification.map(|v| v.into_any()).unwrap_or_else(|| view! { <p>{i18n.t(Key::RNotRecorded)}</p> }.into_any())}
                    {decision.map(|v| view! { <h3>{i18n.t(Key::RDecision)}</h3>{v} })}
                </section>
            })
        })
    };
    view! {
        <section class="panel report">
            <div class="actions no-print">
                <a href=back>{move || i18n.t(Key::BackToCase)}</a>
                <button class="button button-primary" type="button" on:click=print>{move || i18n.t(Key::PrintReport)}</button>
            </div>
            {body}
        </section>
    }
}
