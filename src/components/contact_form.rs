use crate::case_data::{keep_draft, CaseCtx};
use crate::components::edit_actions::{load_when_editing, EditActions};
use crate::components::field::Field;
use crate::components::select_field::SelectField;
use crate::components::team_editor::{agency_options, change_team, save_error};
use crate::i18n::Key;
use homeward_core::team::Contact;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Adds a named person to the team (at an agency, or an informal supporter with none), or
/// changes one: a new phone number or role is common over months of work.
#[component]
pub fn ContactForm(
    case: CaseCtx,
    /// The person chosen for changing; `None` adds a new one.
    editing: RwSignal<Option<Contact>>,
) -> impl IntoView {
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
    load_when_editing(editing, "contact-name", move |c: &Contact| {
        name.set(c.name.clone());
        role.set(c.role.clone());
        agency.set(c.agency_id.map(|a| a.to_string()).unwrap_or_default());
        phone.set(c.phone.clone());
        email.set(c.email.clone());
        saved.set(false);
    });
    let stop_editing = Callback::new(move |()| {
        editing.set(None);
        for f in [name, role, phone, email] {
            f.set(String::new());
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let contact = Contact {
            id: editing
                .with_untracked(|e| e.as_ref().map(|c| c.id))
                .unwrap_or_else(Uuid::now_v7),
            agency_id: Uuid::parse_str(&agency.get_untracked()).ok(),
            name: name.get_untracked().trim().to_string(),
            role: role.get_untracked().trim().to_string(),
            phone: phone.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
        };
        spawn_local(async move {
            match change_team(case, |t| t.put_contact(contact)).await {
                Ok(()) => {
                    stop_editing.run(());
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
            <EditActions
                add=Key::AddContact
                editing=Signal::derive(move || editing.with(|e| e.as_ref().map(|c| c.name.clone())))
                on_cancel=stop_editing
                saved=saved
            />
        </form>
    }
}
