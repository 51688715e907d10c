use crate::case_data::{save_item, update_task, CaseCtx};
use crate::components::agency_form::AgencyForm;
use crate::components::contact_form::ContactForm;
use crate::components::edit_actions::change_button;
use crate::components::service_form::ServiceForm;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use crate::store::StoreError;
use homeward_core::stages::{Task, TaskState};
use homeward_core::sync::Entity;
use homeward_core::team::{service_summary, Agency, Contact, Service, Team, TeamError};
use leptos::prelude::*;
use uuid::Uuid;

/// Why a change to the team was not saved.
pub enum TeamSaveError {
    Invalid(TeamError),
    Store(StoreError),
}

/// Changes the team (one record per case), checked by core first; once there is a named contact
/// and a service, Stage 3 task 4 is complete.
pub async fn change_team(
    case: CaseCtx,
    change: impl FnOnce(&mut Team),
) -> Result<(), TeamSaveError> {
    let case_id = case.id.get_untracked().unwrap_or_default();
    let (mut team, checklist) = case
        .data
        .with_untracked(|d| {
            d.as_ref()
                .map(|d| (d.file.team.clone(), d.file.checklist.clone()))
        })
        .unwrap_or_default();
    change(&mut team);
    if let Err(errors) = team.validate(format::today()) {
        if let Some(e) = errors.into_iter().next() {
            return Err(TeamSaveError::Invalid(e));
        }
    }
    save_item(case_id, Entity::Team, case_id, &team)
        .await
        .map_err(TeamSaveError::Store)?;
    let done = checklist
        .state(Task::TeamAroundChildAndFamily)
        .is_finished();
    if team.has_package() && !done {
        let me = case.me();
        update_task(case_id, Task::TeamAroundChildAndFamily, &me, |r| {
            r.state = TaskState::Done
        })
        .await
        .map_err(TeamSaveError::Store)?;
    }
    Ok(())
}

/// The key for a failed save, to show next to the form.
pub fn save_error(e: &TeamSaveError) -> Key {
    match e {
        TeamSaveError::Invalid(e) => labels::team_error(e),
        TeamSaveError::Store(_) => Key::SaveFailed,
    }
}

/// The agencies' names with their ids, for choosing one ("none" first).
pub fn agency_options(case: CaseCtx) -> Signal<Vec<(String, String)>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let mut v = vec![(String::new(), i18n.t(Key::NoAgency).to_string())];
        case.data.with(|d| {
            if let Some(d) = d {
                v.extend(
                    d.file
                        .team
                        .agencies
                        .iter()
                        .map(|a| (a.id.to_string(), a.name.clone())),
                );
            }
        });
        v
    })
}

/// Stage 3 task 4: the team around the child and family (agencies, named people, the package
/// of services with their dates and how parents engage) and forms to add to it.
#[component]
pub fn TeamEditor(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    // The service being changed in the form (when it ends, how the parents engage), if any.
    let editing = RwSignal::new(None::<Service>);
    let editing_agency = RwSignal::new(None::<Agency>);
    let editing_contact = RwSignal::new(None::<Contact>);
    let team = move || {
        case.data
            .with(|d| d.as_ref().map(|d| d.file.team.clone()))
            .unwrap_or_default()
    };
    let agency_name = move |t: &Team, id: Option<Uuid>| {
        id.and_then(|id| t.agencies.iter().find(|a| a.id == id))
            .map(|a| a.name.clone())
    };
    let agencies = move || {
        let t = team();
        if t.agencies.is_empty() {
            return view! { <p class="muted">{i18n.t(Key::NoAgencies)}</p> }.into_any();
        }
        view! {
            <ul class="records">
                {t.agencies.iter().map(|a| view! {
                    <li>
                        <strong>{a.name.clone()}</strong> " · " {i18n.t(labels::agency_kind(a.kind))}
                        {change_button(editing_agency, a.clone(), &a.name)}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let contacts = move || {
        let t = team();
        if t.contacts.is_empty() {
            return view! { <p class="muted">{i18n.t(Key::NoContacts)}</p> }.into_any();
        }
        view! {
            <ul class="records">
                {t.contacts.iter().map(|c| {
                    let at = agency_name(&t, c.agency_id);
                    let reach = [c.phone.clone(), c.email.clone()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <li>
                            <strong>{c.name.clone()}</strong>
                            {(!c.role.is_empty()).then(|| format!(", {}", c.role))}
                            {at.map(|a| format!(" ({a})"))}
                            {(!reach.is_empty()).then(|| view! { <p class="muted">{reach}</p> })}
                            {change_button(editing_contact, c.clone(), &c.name)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let services = move || {
        let t = team();
        let lang = i18n.lang.get();
        if t.services.is_empty() {
            return view! { <p class="muted">{i18n.t(Key::NoServices)}</p> }.into_any();
        }
        let s = service_summary(&t.services);
        let summary = i18n.tf(
            Key::ServiceSummary,
            &[
                ("started", &s.started.to_string()),
                ("completed", &s.completed.to_string()),
                ("dropped", &(s.dropped_out + s.withdrawn).to_string()),
            ],
        );
        view! {
            <p>{summary}</p>
            <ul class="records">
                {t.services.iter().map(|svc| {
                    let at = agency_name(&t, svc.agency_id);
                    let dates = match (svc.start, svc.end) {
                        (Some(a), Some(b)) => i18n.tf(Key::ServiceFromTo, &[("from", &format::date(lang, a)), ("to", &format::date(lang, b))]),
                        (Some(a), None) => i18n.tf(Key::ServiceFrom, &[("from", &format::date(lang, a))]),
                        (None, _) => i18n.t(Key::ServiceNoStart).to_string(),
                    };
                    view! {
                        <li>
                            <strong>{svc.name.clone()}</strong>
                            {at.map(|a| format!(" ({a})"))}
                            <p>
                                {dates} " · " {i18n.t(labels::service_status(svc.status))} " · "
                                {i18n.tf(Key::EngagementIs, &[("how", i18n.t(labels::engagement(svc.engagement)))])}
                            </p>
                            {(!svc.notes.is_empty()).then(|| view! { <p class="muted">{svc.notes.clone()}</p> })}
                            {change_button(editing, svc.clone(), &svc.name)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="agencies-h">
            <h3 id="agencies-h">{move || i18n.t(Key::AgenciesTitle)}</h3>
            {agencies}
            <AgencyForm case=case editing=editing_agency />
        </section>
        <section aria-labelledby="contacts-h">
            <h3 id="contacts-h">{move || i18n.t(Key::ContactsTitle)}</h3>
            {contacts}
            <ContactForm case=case editing=editing_contact />
        </section>
        <section aria-labelledby="services-h">
            <h3 id="services-h">{move || i18n.t(Key::ServicesTitle)}</h3>
            {services}
            <ServiceForm case=case editing=editing />
        </section>
    }
}
