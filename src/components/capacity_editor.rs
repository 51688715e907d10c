use crate::case_data::{save_item, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::radio_group::RadioGroup;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::capacity::{
    CapacityAssessment, CapacityError, CapacityEvidence, PositiveIndicator,
};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

const INDICATORS: [(PositiveIndicator, &str, Key); 4] = [
    (
        PositiveIndicator::EndedRiskyRelationship,
        "ended",
        Key::IndEnded,
    ),
    (
        PositiveIndicator::AcknowledgesDamage,
        "acknowledges",
        Key::IndAcknowledges,
    ),
    (
        PositiveIndicator::OvercameDifficulties,
        "overcame",
        Key::IndOvercame,
    ),
    (
        PositiveIndicator::CameToTermsWithRemoval,
        "terms",
        Key::IndTerms,
    ),
];

/// One parent's capacity to change: the rating, the positive indicators seen and the evidence;
/// core refuses compliance rated as change, and the reason is shown at the rating.
#[component]
pub fn CapacityEditor(case: CaseCtx, parent_id: Uuid, parent_name: String) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let existing: Option<(Uuid, CapacityAssessment)> = case.data.with_untracked(|d| {
        d.as_ref().and_then(|d| {
            d.with_ids::<CapacityAssessment>(Entity::Capacity)
                .into_iter()
                .filter(|(_, c)| c.parent_id == parent_id)
                .max_by_key(|(_, c)| c.assessed_on)
        })
    });
    let record_id = existing.as_ref().map(|(id, _)| *id);
    let rating = RwSignal::new(
        existing
            .as_ref()
            .map(|(_, c)| {
                match c.rating {
                    CapacityEvidence::NoEvidence => "no_evidence",
                    CapacityEvidence::SomeEvidence => "some_evidence",
                    CapacityEvidence::SubstantialEvidence => "substantial_evidence",
                }
                .to_string()
            })
            .unwrap_or_default(),
    );
    let indicators = RwSignal::new(
        existing
            .as_ref()
            .map(|(_, c)| c.indicators.clone())
            .unwrap_or_default(),
    );
    let evidence = RwSignal::new(
        existing
            .as_ref()
            .map(|(_, c)| c.evidence.clone())
            .unwrap_or_default(),
    );
    let compliance = RwSignal::new(existing.as_ref().is_some_and(|(_, c)| c.compliance_only));
    let rating_error = RwSignal::new(None::<Key>);
    let evidence_error = RwSignal::new(None::<Key>);
    let tried = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let slug = parent_id.simple().to_string();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        let Some(r) = parse::<CapacityEvidence>(&rating.get_untracked()) else {
            return;
        };
        let a = CapacityAssessment {
            parent_id,
            rating: r,
            indicators: indicators.get_untracked(),
            evidence: evidence.get_untracked().trim().to_string(),
            compliance_only: compliance.get_untracked(),
            assessed_on: format::today(),
            by: case.me(),
        };
        match a.validate(format::today()) {
            Ok(()) => {
                rating_error.set(None);
                evidence_error.set(None);
            }
            Err(CapacityError::ComplianceIsNotChange) => {
                rating_error.set(Some(Key::ErrCompliance));
                return;
            }
            Err(CapacityError::NoEvidenceText) => {
                rating_error.set(None);
                evidence_error.set(Some(Key::ErrEvidenceText));
                return;
            }
            Err(CapacityError::InFuture) => return,
        }
        let id = record_id.unwrap_or_else(Uuid::now_v7);
        spawn_local(async move {
            saved.set(save_item(case_id, Entity::Capacity, id, &a).await.is_ok());
        });
    };
    let ratings = vec![
        ("no_evidence", Key::CapNone),
        ("some_evidence", Key::CapSome),
        ("substantial_evidence", Key::CapSubstantial),
    ];
    let group_name: &'static str = Box::leak(format!("capacity-{slug}").into_boxed_str());
    let ev_id = format!("capacity-evidence-{slug}");
    let ev_err_id = format!("{ev_id}-error");
    let comp_id = format!("compliance-{slug}");
    let heading_id = format!("capacity-h-{slug}");
    let pname = parent_name.clone();
    let boxes = INDICATORS.iter().map(|(ind, v, k)| {
        let (ind, k) = (*ind, *k);
        let id = format!("ind-{v}-{slug}");
        view! {
            <div class="check">
                <input type="checkbox" id=id.clone()
                    prop:checked=move || indicators.with(|s| s.contains(&ind))
                    on:change=move |ev| indicators.update(|s| { if event_target_checked(&ev) { s.insert(ind); } else { s.remove(&ind); } }) />
                <label for=id>{move || i18n.t(k)}</label>
            </div>
        }
    }).collect_view();
    let heading_ref = heading_id.clone();
    view! {
        <form class="capacity" on:submit=submit novalidate aria-labelledby=heading_ref>
            <h3 id=heading_id>{parent_name}</h3>
            <RadioGroup name=group_name legend=Key::CapacityRating options=ratings value=rating
                error=Signal::derive(move || rating_error.get().or((tried.get() && rating.get().is_empty()).then_some(Key::ErrChooseAnswer))) />
            <fieldset class="field">
                <legend>{move || i18n.t(Key::Indicators)}</legend>
                {boxes}
            </fieldset>
            <div class="check">
                <input type="checkbox" id=comp_id.clone() prop:checked=move || compliance.get() on:change=move |ev| compliance.set(event_target_checked(&ev)) />
                <label for=comp_id>{move || i18n.t(Key::ComplianceOnly)}</label>
            </div>
            <div class="field" class:field-invalid=move || evidence_error.get().is_some()>
                <label for=ev_id.clone()>{move || i18n.t(Key::Evidence)}</label>
                {move || evidence_error.get().map(|e| view! { <p class="error" id=ev_err_id.clone()>{i18n.t(e)}</p> })}
                <textarea id=ev_id rows="3" bind:value=evidence aria-invalid=move || evidence_error.get().is_some().then_some("true")></textarea>
            </div>
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.tf(Key::SaveCapacityNamed, &[("name", &pname)])}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
