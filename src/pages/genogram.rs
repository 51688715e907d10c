use crate::case_data::use_case;
use crate::components::genogram_svg::GenogramSvg;
use crate::components::person_form::{PersonFields, PersonForm};
use crate::components::relationship_form::RelationshipForm;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use leptos::prelude::*;
use uuid::Uuid;

/// Stage 1 task 1: the family as a genogram. Tap a person to edit them; add people and
/// relationships with the forms below.
#[component]
pub fn GenogramPage() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let fields = PersonFields::new();
    let back = move || case.id.get().map(|id| format!("/cases/{id}?stage=1"));
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let select = Callback::new(move |id: Uuid| {
        let person = case.data.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.file.genogram.people.iter().find(|p| p.id == id).cloned())
        });
        if let Some(p) = person {
            fields.load(&p);
            if let Some(el) = document().get_element_by_id("person-name") {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    });
    let drawing = move || {
        case.data
            .with(|d| d.as_ref().map(|d| d.file.genogram.clone()))
            .map(|g| view! { <GenogramSvg genogram=g on_select=select /> })
    };
    let people = move || {
        let g = case
            .data
            .with(|d| d.as_ref().map(|d| d.file.genogram.clone()))
            .unwrap_or_default();
        g.people
            .iter()
            .map(|p| {
                let mut tags = vec![i18n.t(labels::sex(p.sex)).to_string()];
                if let Some(d) = p.date_of_birth {
                    tags.push(d.to_string());
                }
                if p.deceased {
                    tags.push(i18n.t(Key::DeceasedTag).to_string());
                }
                if p.in_household {
                    tags.push(i18n.t(Key::HouseholdTag).to_string());
                }
                if p.subject_child {
                    tags.push(i18n.t(Key::ChildTag).to_string());
                }
                let id = p.id;
                let label = i18n.tf(Key::EditPersonNamed, &[("name", &p.name)]);
                view! {
                    <li>
                        <span><strong>{p.name.clone()}</strong> " · " {tags.join(", ")}</span>
                        <button class="button button-small" type="button" aria-label=label on:click=move |_| select.run(id)>{i18n.t(Key::Edit)}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel">
            <p class="link-line"><a href=back>{move || i18n.t(Key::BackToCase)}</a></p>
            <h1>{move || i18n.t(Key::GenogramTitle)} ": " {name}</h1>
            <p class="muted">{move || i18n.t(Key::TapToEdit)}</p>
            {drawing}
            <Show when=move || case.data.with(Option::is_some)>
                <h2>{move || i18n.t(Key::PeopleTitle)}</h2>
                <ul class="rel-list">{people}</ul>
                <PersonForm case=case fields=fields />
                <RelationshipForm case=case />
            </Show>
        </section>
    }
}
