use crate::case_data::{keep_draft, remove_item, save_item, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::i18n::{use_i18n, Key};
use crate::labels::{self, enum_value};
use homeward_core::genogram::{GenogramError, Relation, Relationship};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The relationships on the genogram, each removable, and a form to add one.
#[component]
pub fn RelationshipForm(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let from = RwSignal::new(String::new());
    let kind = RwSignal::new(enum_value(Relation::ParentOf));
    let to = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    keep_draft(
        format!("{case_id}/relationship"),
        vec![from, kind, to, label],
    );
    let people = Memo::new(move |_| {
        case.data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.file
                        .genogram
                        .people
                        .iter()
                        .map(|p| (p.id, p.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let (Ok(a), Ok(b), Some(rel)) = (
            Uuid::parse_str(&from.get_untracked()),
            Uuid::parse_str(&to.get_untracked()),
            parse::<Relation>(&kind.get_untracked()),
        ) else {
            error.set(Some(Key::ErrRelSame));
            return;
        };
        let r = Relationship {
            from: a,
            to: b,
            relation: rel,
            label: label.get_untracked().trim().to_string(),
        };
        let mut g = case
            .data
            .with_untracked(|d| d.as_ref().map(|d| d.file.genogram.clone()))
            .unwrap_or_default();
        g.relationships.push(r.clone());
        let errors = g.validate().err().unwrap_or_default();
        let e = errors.iter().find_map(|e| match e {
            GenogramError::SelfRelationship => Some(Key::ErrRelSame),
            GenogramError::DuplicateRelationship => Some(Key::ErrRelDuplicate),
            GenogramError::TooManyParents(_) => Some(Key::ErrRelParents),
            _ => None,
        });
        error.set(e);
        if e.is_some() {
            return;
        }
        spawn_local(async move {
            if save_item(case_id, Entity::Relationship, Uuid::now_v7(), &r)
                .await
                .is_ok()
            {
                label.set(String::new());
                saved.set(true);
            }
        });
    };
    let list = move || {
        let rels: Vec<(Uuid, Relationship)> = case.data.with(|d| {
            d.as_ref()
                .map(|d| d.with_ids(Entity::Relationship))
                .unwrap_or_default()
        });
        let names = people.get();
        let name = |id: Uuid| {
            names
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        };
        rels.into_iter()
            .map(|(rid, r)| {
                let text = format!("{} {} {}{}", name(r.from), i18n.t(labels::relation(r.relation)), name(r.to),
                    if r.label.is_empty() { String::new() } else { format!(" ({})", r.label) });
                let aria = i18n.tf(Key::RemoveRelNamed, &[("text", &text)]);
                view! {
                    <li>
                        <span>{text}</span>
                        <button class="button button-small" type="button" aria-label=aria
                            on:click=move |_| { spawn_local(async move { let _ = remove_item(case_id, Entity::Relationship, rid).await; }); }>
                            {i18n.t(Key::Remove)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let person_select = move |id: &'static str, key: Key, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(key)}</label>
                <select id=id on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                    <option value="">"—"</option>
                    {move || people.get().into_iter().map(|(pid, n)| view! { <option value=pid.to_string()>{n}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <h2>{move || i18n.t(Key::RelationshipsTitle)}</h2>
        <ul class="rel-list">{list}</ul>
        <h3 id="rel-form-h">{move || i18n.t(Key::AddRelationship)}</h3>
        <form class="grid-form" on:submit=submit novalidate aria-labelledby="rel-form-h">
            {person_select("rel-from", Key::RelFrom, from)}
            <div class="field">
                <label for="rel-kind">{move || i18n.t(Key::RelKind)}</label>
                <select id="rel-kind" on:change=move |ev| kind.set(event_target_value(&ev)) prop:value=move || kind.get()>
                    {labels::RELATIONS.iter().map(|r| { let k = labels::relation(*r); view! { <option value=enum_value(*r)>{move || i18n.t(k)}</option> } }).collect_view()}
                </select>
            </div>
            {person_select("rel-to", Key::RelTo, to)}
            <Field id="rel-label" label=Key::RelLabel value=label error=Signal::derive(|| None) />
            {move || error.get().map(|e| view! { <p class="error field-wide" role="alert">{i18n.t(e)}</p> })}
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::SaveRelationship)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
