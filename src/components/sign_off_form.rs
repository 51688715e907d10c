use crate::case_data::{keep_draft, save_item, CaseCtx};
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::state::use_app;
use homeward_core::api::Role;
use homeward_core::classification::RiskLevel;
use homeward_core::signoff::{SignOffDecision, SignOffError, Subject, Verdict};
use homeward_core::sync::Entity;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The manager's answer to one submission: agree, or return it to the worker with a comment
/// (required to return). The decision is saved on this device and synced like any record.
#[component]
pub fn SignOffForm(
    case: CaseCtx,
    subject: Uuid,
    about: Subject,
    submitted_on: chrono::NaiveDate,
    /// For a reclassification, the level decided on (the decision holds for it only).
    level: Option<RiskLevel>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    keep_draft(format!("{case_id}/sign-off/{subject}"), vec![comment]);
    // One submission of each kind can wait at a time, so the kind keeps the ids unique.
    let comment_id: &'static str = match about {
        Subject::Classification => "sign-off-comment-reclassification",
        Subject::Decision => "sign-off-comment-decision",
    };
    let decide = move |verdict: Verdict| {
        saved.set(false);
        let Some(me) = app.me.get_untracked() else {
            return;
        };
        let made = SignOffDecision::new(
            subject,
            about,
            verdict,
            &comment.get_untracked(),
            (&me.username, &me.display_name, me.role),
            format::today().max(submitted_on),
            submitted_on,
        );
        let d = match made {
            Ok(d) => match level {
                Some(l) => d.for_level(l),
                None => d,
            },
            Err(SignOffError::CommentRequired) => {
                error.set(Some(Key::ErrReturnComment));
                return;
            }
            Err(
                SignOffError::NotAManager
                | SignOffError::NoSigner
                | SignOffError::SignedForSomeoneElse
                | SignOffError::AlreadySignedOff
                | SignOffError::NotNeeded
                | SignOffError::BeforeDecision,
            ) => {
                error.set(Some(Key::OnlyManagers));
                return;
            }
        };
        error.set(None);
        spawn_local(async move {
            let ok = save_item(case_id, Entity::SignOff, subject, &d)
                .await
                .is_ok();
            if ok {
                comment.set(String::new());
            }
            saved.set(ok);
        });
    };
    let is_manager = move || {
        app.me
            .with(|m| m.as_ref().is_some_and(|m| m.role == Role::Manager))
    };
    view! {
        <Show when=is_manager>
            <form class="sign-off-form" on:submit=move |ev| { ev.prevent_default(); decide(Verdict::Agreed) } novalidate>
                <Field id=comment_id label=Key::SignOffComment value=comment error=error hint=Key::SignOffCommentHint multiline=true />
                <div class="actions">
                    <button class="button button-primary" type="submit">{move || i18n.t(Key::Agree)}</button>
                    <button class="button" type="button" on:click=move |_| decide(Verdict::Returned)>{move || i18n.t(Key::ReturnToWorker)}</button>
                    <SavedNote saved=saved />
                </div>
            </form>
        </Show>
    }
}
