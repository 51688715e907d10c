use crate::case_data::{keep_draft, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::components::select_field::SelectField;
use crate::components::team_editor::{agency_options, change_team, save_error};
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::team::{Engagement, Service, ServiceStatus};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Adds a service to the package: who provides it, when it starts and ends, where it stands and
/// how the parents engage (support that stops too soon is why returns fail, so the end matters).
#[component]
pub fn ServiceForm(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let name = RwSignal::new(String::new());
    let agency = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let status = RwSignal::new(labels::enum_value(ServiceStatus::Planned));
    let engagement = RwSignal::new(labels::enum_value(Engagement::NotYetKnown));
    let notes = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    keep_draft(
        format!("{case_id}/service"),
        vec![name, agency, start, end, status, engagement, notes],
    );
    let none = Signal::derive(|| None::<Key>);
    let statuses = Signal::derive(move || {
        labels::STATUSES
            .iter()
            .map(|s| {
                (
                    labels::enum_value(*s),
                    i18n.t(labels::service_status(*s)).to_string(),
                )
            })
            .collect()
    });
    let engagements = Signal::derive(move || {
        labels::ENGAGEMENTS
            .iter()
            .map(|e| {
                (
                    labels::enum_value(*e),
                    i18n.t(labels::engagement(*e)).to_string(),
                )
            })
            .collect()
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let service = Service {
            id: Uuid::now_v7(),
            name: name.get_untracked().trim().to_string(),
            agency_id: Uuid::parse_str(&agency.get_untracked()).ok(),
            for_people: Vec::new(),
            start: format::parse_date(&start.get_untracked()),
            end: format::parse_date(&end.get_untracked()),
            status: parse(&status.get_untracked()).unwrap_or_default(),
            engagement: parse(&engagement.get_untracked()).unwrap_or_default(),
            notes: notes.get_untracked().trim().to_string(),
        };
        spawn_local(async move {
            match change_team(case, |t| t.services.push(service)).await {
                Ok(()) => {
                    for f in [name, start, end, notes] {
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
        <form id="service-form" on:submit=submit novalidate class="grid-form add-form">
            <Field id="service-name" label=Key::ServiceName value=name error=Signal::derive(move || error.get().filter(|e| *e == Key::TeamServiceName)) />
            <SelectField id="service-agency" label=Key::ServiceAgency value=agency options=agency_options(case) />
            <Field id="service-start" label=Key::ServiceStart value=start error=none kind="date" />
            <Field id="service-end" label=Key::ServiceEnd value=end error=none kind="date" />
            <SelectField id="service-status" label=Key::ServiceStatusLabel value=status options=statuses />
            <SelectField id="service-engagement" label=Key::ServiceEngagement value=engagement options=engagements />
            <div class="field-wide">
                <Field id="service-notes" label=Key::ServiceNotes value=notes error=none multiline=true />
            </div>
            {move || {
                error.get().filter(|e| *e != Key::TeamServiceName)
                    .map(|e| view! { <p class="error field-wide" role="alert">{i18n.t(e)}</p> })
            }}
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::AddService)}</button>
                <SavedNote saved=saved />
            </div>
        </form>
    }
}
