use crate::case_data::CaseCtx;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::voice::ChildVoice;
use leptos::prelude::*;

/// Whether each child has been seen alone, and their own words from the child's-voice records.
#[component]
pub fn VoiceView(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        case.data.with(|d| {
            let d = d.as_ref()?;
            let file = &d.file;
            let children = file.genogram.subject_children().into_iter().cloned().collect::<Vec<_>>();
            Some(children.into_iter().map(|c| {
                let mut voices: Vec<ChildVoice> = file.voices.iter().filter(|v| v.child_id == c.id).cloned().collect();
                voices.sort_by_key(|v| v.on);
                let alone: Vec<&ChildVoice> = voices.iter().filter(|v| v.seen_alone).collect();
                let status = match alone.last() {
                    Some(last) => i18n.tf(Key::SeenAloneYes, &[("name", &c.name), ("n", &alone.len().to_string()), ("date", &format::date(lang, last.on))]),
                    None => i18n.tf(Key::SeenAloneNo, &[("name", &c.name)]),
                };
                let records = voices.iter().rev().map(|v| {
                    let rows: Vec<(Key, String)> = [
                        (Key::VHopes, &v.hopes), (Key::VFears, &v.fears), (Key::VTiming, &v.best_timing),
                        (Key::VSupport, &v.support_needed), (Key::VChanges, &v.changes_parents_must_make),
                        (Key::VObservations, &v.worker_observations),
                    ].into_iter().filter(|(_, t)| !t.trim().is_empty()).map(|(k, t)| (k, t.clone())).collect();
                    view! {
                        <li>
                            <p class="muted">{i18n.tf(Key::VRecordOn, &[("date", &format::date(lang, v.on)), ("alone", i18n.t(if v.seen_alone { Key::Yes } else { Key::No }))])}</p>
                            <dl class="voice">
                                {rows.into_iter().map(|(k, t)| view! { <dt>{i18n.t(k)}</dt><dd>"“" {t} "”"</dd> }).collect_view()}
                            </dl>
                        </li>
                    }
                }).collect_view();
                view! {
                    <p class=if alone.is_empty() { "seen-alone not-yet" } else { "seen-alone" }>{status}</p>
                    <ul class="records">{records}</ul>
                }
            }).collect_view())
        })
    }
}
