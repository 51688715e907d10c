use crate::case_data::{keep_draft, CaseCtx};
use crate::components::edit_actions::{load_when_editing, EditActions};
use crate::components::field::Field;
use crate::components::select_field::SelectField;
use crate::components::team_editor::{change_team, save_error};
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::team::{Agency, AgencyKind};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Adds an agency to the team around the child and family, or corrects one (its contacts and
/// services keep pointing at it).
#[component]
pub fn AgencyForm(
    case: CaseCtx,
    /// The agency chosen for changing; `None` adds a new one.
    editing: RwSignal<Option<Agency>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(labels::enum_value(AgencyKind::SocialCare));
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    keep_draft(format!("{case_id}/agency"), vec![name, kind]);
    load_when_editing(editing, "agency-name", move |a: &Agency| {
        name.set(a.name.clone());
        kind.set(labels::enum_value(a.kind));
        saved.set(false);
    });
    let stop_editing = Callback::new(move |()| {
        editing.set(None);
        name.set(String::new());
    });
    let kinds = Signal::derive(move || {
        labels::AGENCY_KINDS
            .iter()
            .map(|k| {
                (
                    labels::enum_value(*k),
                    i18n.t(labels::agency_kind(*k)).to_string(),
                )
            })
            .collect()
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let agency = Agency {
            id: editing
                .with_untracked(|e| e.as_ref().map(|a| a.id))
                .unwrap_or_else(Uuid::now_v7),
            name: name.get_untracked().trim().to_string(),
            kind: crate::components::classify_form::parse(&kind.get_untracked())
                .unwrap_or_default(),
        };
        spawn_local(async move {
            match change_team(case, |t| t.put_agency(agency)).await {
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
        <form id="agency-form" on:submit=submit novalidate class="grid-form add-form">
            <Field id="agency-name" label=Key::AgencyName value=name error=Signal::derive(move || error.get()) />
            <SelectField id="agency-kind" label=Key::AgencyKindLabel value=kind options=kinds />
            <EditActions
                add=Key::AddAgency
                editing=Signal::derive(move || editing.with(|e| e.as_ref().map(|a| a.name.clone())))
                on_cancel=stop_editing
                saved=saved
            />
        </form>
    }
}
