use crate::case_data::use_case;
use crate::components::capacity_editor::CapacityEditor;
use crate::components::factor_editor::FactorEditor;
use crate::components::task_notes::TaskNotes;
use crate::components::voice_view::VoiceView;
use crate::i18n::{use_i18n, Key};
use homeward_core::stages::Task;
use leptos::prelude::*;
use uuid::Uuid;

/// Stage 1 tasks 2 to 4: risk and protective factors with evidence, each parent's capacity to
/// change, engagement, the trusted adult, and whether the child has been seen alone.
#[component]
pub fn Assessment() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=1"));
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    // Loaded once: the editors keep their own input while the case reloads around them.
    let loaded = Memo::new(move |_| case.data.with(Option::is_some));
    let parents = Memo::new(move |_| {
        case.data.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::<(Uuid, String)>::new();
            };
            let g = &d.file.genogram;
            let mut ids: Vec<Uuid> = g
                .subject_children()
                .iter()
                .flat_map(|c| g.parents_of(c.id))
                .collect();
            let mut seen = std::collections::BTreeSet::new();
            ids.retain(|i| seen.insert(*i));
            ids.into_iter()
                .filter_map(|i| g.name_of(i).map(|n| (i, n.to_string())))
                .collect()
        })
    });
    let trusted_named = move || {
        case.data.with(|d| {
            let names: Vec<String> = d
                .as_ref()?
                .file
                .voices
                .iter()
                .map(|v| v.trusted_adult_name.clone())
                .filter(|n| !n.is_empty())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            (!names.is_empty())
                .then(|| i18n.tf(Key::TrustedNamedByChild, &[("names", &names.join(", "))]))
        })
    };
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::AssessmentTitle)} ": " {name}</h1>
            <Show when=move || loaded.get()>
                <section aria-labelledby="voice-h">
                    <h2 id="voice-h">{move || i18n.t(Key::VoiceTitle)}</h2>
                    <p class="muted">{move || i18n.t(Key::ChildViewsFrom)}</p>
                    <VoiceView case=case />
                </section>
                <section aria-labelledby="trusted-h">
                    <h2 id="trusted-h">{move || i18n.t(Key::TrustedTitle)}</h2>
                    <p>{trusted_named}</p>
                    <TaskNotes case=case task=Task::IdentifyTrustedAdult id="trusted-adult" label=Key::TrustedLabel />
                </section>
                <section aria-labelledby="engagement-h">
                    <h2 id="engagement-h">{move || i18n.t(Key::EngagementTitle)}</h2>
                    <TaskNotes case=case task=Task::EngageChildAndParents id="engagement" label=Key::EngagementLabel />
                </section>
                <section aria-labelledby="factors-h">
                    <h2 id="factors-h">{move || i18n.t(Key::FactorsTitle)}</h2>
                    <p class="muted">{move || i18n.t(Key::FactorsHint)}</p>
                    {homeward_core::factors::annex1().into_iter().map(|f| view! { <FactorEditor case=case factor=f /> }).collect_view()}
                </section>
                <section aria-labelledby="capacity-h">
                    <h2 id="capacity-h">{move || i18n.t(Key::CapacityTitle)}</h2>
                    <p class="muted">{move || i18n.t(Key::CapacityHint)}</p>
                    {move || {
                        let ps = parents.get();
                        if ps.is_empty() {
                            view! { <p>{i18n.t(Key::NoParents)}</p> }.into_any()
                        } else {
                            ps.into_iter().map(|(id, n)| view! { <CapacityEditor case=case parent_id=id parent_name=n /> }).collect_view().into_any()
                        }
                    }}
                </section>
            </Show>
        </section>
    }
}
