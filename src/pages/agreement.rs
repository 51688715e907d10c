use crate::case_data::{save_item, use_case};
use crate::components::agreement_form::AgreementForm;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::agreement::{self, WrittenAgreement};
use homeward_core::smart::SmartGoal;
use homeward_core::sync::Entity;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Stage 3 task 2: the written agreement with the parents, written here by the worker; once
/// final it is read and signed on the parents' version.
#[component]
pub fn AgreementPage() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=3"));
    let parents = move || {
        case.id
            .get()
            .map(|id| format!("/cases/{id}/agreement/parents"))
    };
    // The id a first agreement gets, fixed so saving it does not rebuild the form.
    let fresh = StoredValue::new(Uuid::now_v7());
    let current = move || {
        case.data.with(|d| {
            d.as_ref()
                .map(|d| agreement::current(&d.file.agreements).cloned())
        })
    };
    // Rebuild the form only when another agreement becomes current or this one is finalised.
    let shown = Memo::new(move |_| {
        current().map(|a| match a {
            Some(a) => (a.id, a.finalised_on),
            None => (fresh.get_value(), None),
        })
    });
    let body = move || {
        let (id, finalised) = shown.get()?;
        let a = untrack(current).flatten().filter(|a| a.id == id);
        Some(match finalised {
            None => {
                let stored = a.is_some();
                let initial = a.unwrap_or_else(|| WrittenAgreement {
                    id,
                    goals: vec![SmartGoal {
                        id: Uuid::now_v7(),
                        ..SmartGoal::default()
                    }],
                    ..WrittenAgreement::default()
                });
                view! { <AgreementForm case=case initial=initial stored=stored /> }.into_any()
            }
            Some(on) => {
                let lang = i18n.lang.get();
                let signed = a.as_ref().map_or(0, |a| a.signatures.len());
                let new_version = move |_| {
                    let Some(a) = current().flatten() else {
                        return;
                    };
                    let Some(case_id) = case.id.get_untracked() else {
                        return;
                    };
                    let next = a.new_version(Uuid::now_v7());
                    spawn_local(async move {
                        let _ = save_item(case_id, Entity::Agreement, next.id, &next).await;
                    });
                };
                view! {
                    <div class="agreement-final">
                        <p class="ok">{i18n.tf(Key::AgrFinalisedOn, &[("date", &format::date(lang, on))])}</p>
                        <p>{i18n.tf(Key::AgrSignatureCount, &[("n", &signed.to_string())])}</p>
                        <p class="muted">{i18n.t(Key::AgrFinalHint)}</p>
                        <div class="actions">
                            <button type="button" class="button" on:click=new_version>{i18n.t(Key::AgrNewVersion)}</button>
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::AgrTitle)} ": " {name}</h1>
            <p class="muted">{move || i18n.t(Key::AgrIntro)}</p>
            <p><a class="button" href=parents>{move || i18n.t(Key::OpenAgreementParents)}</a></p>
            {body}
        </section>
    }
}
