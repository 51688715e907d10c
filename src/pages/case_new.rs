use crate::components::field::Field;
use crate::format;
use crate::i18n::{case_error, use_i18n, Key};
use crate::local;
use crate::state::use_app;
use crate::sync;
use homeward_core::case::{CaseError, NewCase};
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde_json::json;
use uuid::Uuid;

/// Which field a validation error belongs to, so it is shown next to that field.
fn error_for(errors: &[CaseError], field: &str) -> Option<Key> {
    errors
        .iter()
        .find(|e| match e {
            CaseError::NameMissing | CaseError::NameTooLong => field == "child-name",
            CaseError::BirthInFuture | CaseError::BirthNotADate => field == "date-of-birth",
            CaseError::NoteTooLong => field == "note",
        })
        .map(case_error)
}

/// Open a new case: the child's name, date of birth and a note. Works offline.
#[component]
pub fn CaseNew() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let dob = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<CaseError>::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let parsed = NewCase::parse(
            &name.get_untracked(),
            &dob.get_untracked(),
            &note.get_untracked(),
            format::today(),
        );
        let case = match parsed {
            Ok(case) => case,
            Err(list) => {
                errors.set(list);
                return;
            }
        };
        errors.set(Vec::new());
        let (Some(local), Some(me)) = (local::get(), app.me.get_untracked()) else {
            return;
        };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let id = Uuid::now_v7();
            let change = |field: &str, value| {
                local.change(&me.username, id, Entity::Case, id, field, value, 0)
            };
            let changes = vec![
                change("child_name", json!(case.child_name)),
                change("date_of_birth", json!(case.date_of_birth.to_string())),
                change("note", json!(case.note)),
            ];
            let written = local.store.write_local(&changes).await;
            let _ = local.save_clock().await;
            busy.set(false);
            match written {
                Ok(()) => {
                    app.refresh().await;
                    sync::kick();
                    navigate("/", Default::default());
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };

    let err = move |field: &'static str| Signal::derive(move || error_for(&errors.get(), field));
    view! {
        <section class="panel">
            <h1>{move || i18n.t(Key::NewCase)}</h1>
            <Show when=move || !errors.get().is_empty()>
                <p class="banner banner-error" role="alert">{move || i18n.t(Key::FormHasErrors)}</p>
            </Show>
            {move || {
                failure
                    .get()
                    .map(|detail| {
                        view! {
                            <p class="banner banner-error" role="alert">
                                {i18n.tf(Key::ErrStorage, &[("detail", &detail)])}
                            </p>
                        }
                    })
            }}
            <form on:submit=submit novalidate>
                <Field id="child-name" label=Key::ChildName value=name error=err("child-name") required=true />
                <Field
                    id="date-of-birth"
                    label=Key::DateOfBirth
                    value=dob
                    error=err("date-of-birth")
                    kind="date"
                    max=format::today().to_string()
                    required=true
                />
                <Field id="note" label=Key::Note value=note error=err("note") hint=Key::NoteHint multiline=true />
                <div class="actions">
                    <button class="button button-primary" type="submit" disabled=move || busy.get()>
                        {move || i18n.t(if busy.get() { Key::Saving } else { Key::SaveCase })}
                    </button>
                    <a class="button" href="/">{move || i18n.t(Key::Cancel)}</a>
                </div>
            </form>
        </section>
    }
}
