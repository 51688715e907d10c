use crate::case_data::{keep_draft, save_item, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::radio_group::RadioGroup;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels::{self, enum_value};
use homeward_core::genogram::{GenogramError, Person, Sex};
use homeward_core::partial_date::PartialDate;
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The person form's fields as text (one draft).
#[derive(Clone, Copy)]
pub struct PersonFields {
    pub editing: RwSignal<String>,
    pub name: RwSignal<String>,
    pub sex: RwSignal<String>,
    pub born: RwSignal<String>,
    pub deceased: RwSignal<String>,
    pub household: RwSignal<String>,
    pub subject: RwSignal<String>,
    pub notes: RwSignal<String>,
}

fn flag(b: bool) -> String {
    if b {
        "yes".into()
    } else {
        String::new()
    }
}

impl PersonFields {
    pub fn new() -> PersonFields {
        let s = || RwSignal::new(String::new());
        PersonFields {
            editing: s(),
            name: s(),
            sex: RwSignal::new(enum_value(Sex::Unknown)),
            born: s(),
            deceased: s(),
            household: s(),
            subject: s(),
            notes: s(),
        }
    }

    fn all(&self) -> Vec<RwSignal<String>> {
        vec![
            self.editing,
            self.name,
            self.sex,
            self.born,
            self.deceased,
            self.household,
            self.subject,
            self.notes,
        ]
    }

    pub fn load(&self, p: &Person) {
        self.editing.set(p.id.to_string());
        self.name.set(p.name.clone());
        self.sex.set(enum_value(p.sex));
        self.born
            .set(p.date_of_birth.map(|d| d.to_string()).unwrap_or_default());
        self.deceased.set(flag(p.deceased));
        self.household.set(flag(p.in_household));
        self.subject.set(flag(p.subject_child));
        self.notes.set(p.notes.clone());
    }

    fn clear(&self) {
        for (mine, new) in self.all().into_iter().zip(PersonFields::new().all()) {
            mine.set(new.get_untracked());
        }
    }
}

impl Default for PersonFields {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
fn Check(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<Key>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let eid = error_id.clone();
    view! {
        <div class="check" class:field-invalid=move || error.get().is_some()>
            <input type="checkbox" id=id
                prop:checked=move || !value.get().is_empty()
                on:change=move |ev| value.set(flag(event_target_checked(&ev)))
                aria-describedby=move || error.get().map(|_| eid.clone()) />
            <label for=id>{move || i18n.t(label)}</label>
        </div>
        {move || error.get().map(|e| view! { <p class="error" id=error_id.clone()>{i18n.t(e)}</p> })}
    }
}

/// Add or edit a person on the genogram.
#[component]
pub fn PersonForm(case: CaseCtx, fields: PersonFields) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    keep_draft(format!("{case_id}/person"), fields.all());
    let name_error = RwSignal::new(None::<Key>);
    let born_error = RwSignal::new(None::<Key>);
    let household_error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let born_raw = fields.born.get_untracked();
        let born = if born_raw.trim().is_empty() {
            Ok(None)
        } else {
            PartialDate::parse(&born_raw)
                .and_then(|d| d.not_after(format::today()))
                .map(Some)
        };
        born_error.set(born.as_ref().err().map(labels::partial_date_error));
        let id =
            Uuid::parse_str(&fields.editing.get_untracked()).unwrap_or_else(|_| Uuid::now_v7());
        let existing = case.data.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.file.genogram.people.iter().find(|p| p.id == id).cloned())
        });
        let deceased = !fields.deceased.get_untracked().is_empty();
        let person = Person {
            id,
            name: fields.name.get_untracked().trim().to_string(),
            sex: parse(&fields.sex.get_untracked()).unwrap_or_default(),
            gender: existing
                .as_ref()
                .map(|p| p.gender.clone())
                .unwrap_or_default(),
            date_of_birth: born.clone().ok().flatten(),
            deceased,
            date_of_death: existing
                .as_ref()
                .and_then(|p| p.date_of_death)
                .filter(|_| deceased),
            in_household: !fields.household.get_untracked().is_empty(),
            subject_child: !fields.subject.get_untracked().is_empty(),
            notes: fields.notes.get_untracked().trim().to_string(),
        };
        let mut g = case
            .data
            .with_untracked(|d| d.as_ref().map(|d| d.file.genogram.clone()))
            .unwrap_or_default();
        g.people.retain(|p| p.id != id);
        g.people.push(person.clone());
        let errors = g.validate().err().unwrap_or_default();
        let mine = |e: &GenogramError| match e {
            GenogramError::NoName => person.name.is_empty(),
            GenogramError::DeceasedInHousehold(n) => *n == person.name,
            _ => false,
        };
        let errors: Vec<&GenogramError> = errors.iter().filter(|e| mine(e)).collect();
        name_error.set(
            errors
                .iter()
                .any(|e| matches!(e, GenogramError::NoName))
                .then_some(Key::ErrPersonName),
        );
        household_error.set(
            errors
                .iter()
                .any(|e| matches!(e, GenogramError::DeceasedInHousehold(_)))
                .then_some(Key::ErrDeceasedInHousehold),
        );
        if !errors.is_empty() || born.is_err() {
            return;
        }
        spawn_local(async move {
            if save_item(case_id, Entity::Person, person.id, &person)
                .await
                .is_ok()
            {
                fields.clear();
                saved.set(true);
            }
        });
    };
    let editing = move || !fields.editing.get().is_empty();
    let sexes: Vec<(&'static str, Key)> = labels::SEXES
        .iter()
        .zip(["female", "male", "other", "unknown"])
        .map(|(s, v)| (v, labels::sex(*s)))
        .collect();
    view! {
        <h2 id="person-form-h">{move || i18n.t(if editing() { Key::EditPerson } else { Key::AddPerson })}</h2>
        <form class="grid-form" on:submit=submit novalidate aria-labelledby="person-form-h">
            <Field id="person-name" label=Key::PersonName value=fields.name error=Signal::derive(move || name_error.get()) hint=Key::PersonNameHint />
            <Field id="person-born" label=Key::PersonBorn value=fields.born error=Signal::derive(move || born_error.get()) hint=Key::EntryDateHint />
            <RadioGroup name="person-sex" legend=Key::PersonSex options=sexes value=fields.sex error=Signal::derive(|| None) />
            <div class="field">
                <Check id="person-deceased" label=Key::PersonDeceased value=fields.deceased error=Signal::derive(|| None) />
                <Check id="person-household" label=Key::PersonInHousehold value=fields.household error=Signal::derive(move || household_error.get()) />
                <Check id="person-subject" label=Key::PersonSubject value=fields.subject error=Signal::derive(|| None) />
            </div>
            <div class="field-wide">
                <Field id="person-notes" label=Key::PersonNotes value=fields.notes error=Signal::derive(|| None) multiline=true />
            </div>
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::SavePerson)}</button>
                <Show when=editing>
                    <button class="button" type="button" on:click=move |_| fields.clear()>{move || i18n.t(Key::Cancel2)}</button>
                </Show>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
