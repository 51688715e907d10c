use crate::case_data::{keep_draft, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::edit_actions::{load_when_editing, EditActions};
use crate::components::field::Field;
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

/// Adds a service to the package, or changes one: who provides it, when it starts and ends,
/// where it stands and how the parents engage (support that stops too soon is why returns fail,
/// so the end matters).
#[component]
pub fn ServiceForm(
    case: CaseCtx,
    /// The service chosen for changing; `None` adds a new one.
    editing: RwSignal<Option<Service>>,
) -> impl IntoView {
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
    load_when_editing(editing, "service-name", move |s: &Service| {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        name.set(s.name.clone());
        agency.set(s.agency_id.map(|a| a.to_string()).unwrap_or_default());
        start.set(date(s.start));
        end.set(date(s.end));
        status.set(labels::enum_value(s.status));
        engagement.set(labels::enum_value(s.engagement));
        notes.set(s.notes.clone());
        saved.set(false);
    });
    let stop_editing = Callback::new(move |()| {
        editing.set(None);
        for f in [name, start, end, notes] {
            f.set(String::new());
        }
    });
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
        let was = editing.get_untracked();
        let service = Service {
            id: was.as_ref().map_or_else(Uuid::now_v7, |s| s.id),
            name: name.get_untracked().trim().to_string(),
            agency_id: Uuid::parse_str(&agency.get_untracked()).ok(),
            for_people: was.map(|s| s.for_people).unwrap_or_default(),
            start: format::parse_date(&start.get_untracked()),
            end: format::parse_date(&end.get_untracked()),
            status: parse(&status.get_untracked()).unwrap_or_default(),
            engagement: parse(&engagement.get_untracked()).unwrap_or_default(),
            notes: notes.get_untracked().trim().to_string(),
        };
        spawn_local(async move {
            match change_team(case, |t| t.put_service(service)).await {
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
            <EditActions
                add=Key::AddService
                editing=Signal::derive(move || editing.with(|e| e.as_ref().map(|s| s.name.clone())))
                on_cancel=stop_editing
                saved=saved
            />
        </form>
    }
}
