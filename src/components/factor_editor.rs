use crate::case_data::{save_item, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels::{self, enum_value};
use homeward_core::factors::{CaseFactor, Factor, FactorKind, Presence};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

const PRESENCES: [(Presence, Key); 4] = [
    (Presence::Unknown, Key::PresUnknown),
    (Presence::Present, Key::PresPresent),
    (Presence::NotPresent, Key::PresNotPresent),
    (Presence::Addressed, Key::PresAddressed),
];

/// One factor of the Annex 1 catalogue on this case: whether it is present, and the evidence.
#[component]
pub fn FactorEditor(case: CaseCtx, factor: Factor) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let existing: Option<(Uuid, CaseFactor)> = case.data.with_untracked(|d| {
        d.as_ref().and_then(|d| {
            d.with_ids::<CaseFactor>(Entity::CaseFactor)
                .into_iter()
                .find(|(_, f)| f.factor_id == factor.id)
        })
    });
    let record_id = existing.as_ref().map(|(id, _)| *id);
    let presence = RwSignal::new(enum_value(
        existing
            .as_ref()
            .map_or(Presence::Unknown, |(_, f)| f.presence),
    ));
    let evidence = RwSignal::new(
        existing
            .as_ref()
            .map(|(_, f)| f.evidence.clone())
            .unwrap_or_default(),
    );
    let chronology_ids = existing.map(|(_, f)| f.chronology_ids).unwrap_or_default();
    let saved = RwSignal::new(false);
    let slug = factor.id.replace('.', "-");
    let (sel_id, ev_id) = (format!("presence-{slug}"), format!("evidence-{slug}"));
    let fid = factor.id.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let f = CaseFactor {
            factor_id: fid.clone(),
            presence: parse(&presence.get_untracked()).unwrap_or_default(),
            evidence: evidence.get_untracked().trim().to_string(),
            chronology_ids: chronology_ids.clone(),
            assessed_on: format::today(),
            by: case.me(),
        };
        let id = record_id.unwrap_or_else(Uuid::now_v7);
        spawn_local(async move {
            saved.set(save_item(case_id, Entity::CaseFactor, id, &f).await.is_ok());
        });
    };
    let kind = match factor.kind {
        FactorKind::Risk => Key::RiskFactor,
        FactorKind::Protective => Key::ProtectiveFactor,
    };
    let name_id = factor.id.clone();
    let name = move || labels::factor_name(&i18n, &name_id);
    let name2 = name.clone();
    let heading_id = format!("factor-{slug}");
    let heading_ref = heading_id.clone();
    view! {
        <form class="factor" on:submit=submit novalidate aria-labelledby=heading_ref>
            <h3 id=heading_id>{name}</h3>
            <p class="muted">{move || i18n.t(kind)}</p>
            <div class="grid-form">
                <div class="field">
                    <label for=sel_id.clone()>{move || i18n.t(Key::Presence)}</label>
                    <select id=sel_id on:change=move |ev| presence.set(event_target_value(&ev)) prop:value=move || presence.get()>
                        {PRESENCES.iter().map(|(p, k)| { let k = *k; view! { <option value=enum_value(*p)>{move || i18n.t(k)}</option> } }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=ev_id.clone()>{move || i18n.t(Key::Evidence)}</label>
                    <textarea id=ev_id rows="2" bind:value=evidence></textarea>
                </div>
            </div>
            <div class="actions">
                <button class="button" type="submit" aria-label=move || i18n.tf(Key::SaveFactorNamed, &[("name", &name2())])>{move || i18n.t(Key::Save)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
