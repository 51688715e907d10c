use crate::case_data::{keep_draft, CaseCtx};
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::components::select_field::SelectField;
use crate::components::team_editor::{agency_options, change_team, save_error};
use crate::i18n::{use_i18n, Key};
use homeward_core::team::Contact;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Adds a named person to the team (at an agency, or an informal supporter with none).
#[component]
pub fn ContactForm(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let agency = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    keep_draft(
        format!("{case_id}/contact"),
        vec![name, role, agency, phone, email],
    );
    let none = Signal::derive(|| None::<Key>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let contact = Contact {
            id: Uuid::now_v7(),
            agency_id: Uuid::parse_str(&agency.get_untracked()).ok(),
            name: name.get_untracked().trim().to_string(),
            role: role.get_untracked().trim().to_string(),
            phone: phone.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
        };
        spawn_local(async move {
            match change_team(case, |t| t.contacts.push(contact)).await {
                Ok(()) => {
                    for f in [name, role, phone, email] {
                        f.set(String::new());
                    }
                    error.set(None);
                    saved.set(true);
                }
                Err(e) => error.set(Some(save_error(&e))),
            }
        });
    };
    view! {
        <form id="contact-form" on:submit=submit novalidate class="grid-form add-form">
            <Field id="contact-name" label=Key::ContactName value=name error=Signal::derive(move || error.get()) autocomplete="off" />
            <Field id="contact-role" label=Key::ContactRole value=role error=none />
            <SelectField id="contact-agency" label=Key::ContactAgency value=agency options=agency_options(case) />
            <Field id="contact-phone" label=Key::ContactPhone value=phone error=none kind="tel" autocomplete="off" />
            <Field id="contact-email" label=Key::ContactEmail value=email error=none kind="email" autocomplete="off" />
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::AddContact)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
