use crate::case_data::{keep_draft, save_item, CaseCtx};
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::components::sign_off_status::SignOffStatus;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::decisions::{Decision, DecisionKind};
use homeward_core::movement::Prompt;
use homeward_core::practice::Closure;
use homeward_core::signoff::Standing;
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Closing the case once low risk has been sustained for the period: the movement rules say
/// when, and the request goes to the team manager's sign-off queue.
#[component]
pub fn ClosureRequest(case: CaseCtx) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let reasons = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let saved = RwSignal::new(false);
    keep_draft(format!("{case_id}/closure"), vec![reasons]);
    let reasons_error = Signal::derive(move || {
        (tried.get() && reasons.get().trim().is_empty()).then_some(Key::ErrClosureReasons)
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        let text = reasons.get_untracked().trim().to_string();
        if text.is_empty() {
            return;
        }
        let d = Decision {
            id: Uuid::now_v7(),
            kind: DecisionKind::Closure,
            summary: i18n.t(Key::ClosureSummary).to_string(),
            reasons: text,
            by: case.me(),
            on: format::today(),
            classification_id: case.data.with_untracked(|d| {
                d.as_ref()
                    .and_then(|d| d.file.classifications.current().map(|c| c.id))
            }),
            sign_off: None,
        };
        spawn_local(async move {
            let ok = save_item(case_id, Entity::Decision, d.id, &d).await.is_ok();
            if ok {
                reasons.set(String::new());
                tried.set(false);
            }
            saved.set(ok);
        });
    };
    move || {
        let Some(row) = case.row() else {
            return ().into_any();
        };
        let s = row.summary;
        let status = match s.closure.clone() {
            Closure::Closed { by_name, on } => {
                let standing = Standing::Agreed {
                    by_name,
                    on,
                    comment: String::new(),
                };
                return view! {
                    <p class="ok"><strong>{i18n.t(Key::CaseClosed)}</strong></p>
                    <SignOffStatus standing=standing />
                }
                .into_any();
            }
            Closure::Awaiting { .. } => {
                return view! {
                    <p>{i18n.t(Key::ClosureRequested)}</p>
                    <SignOffStatus standing=Standing::Awaiting />
                }
                .into_any();
            }
            Closure::NotRequested { returned } => returned,
        };
        let when = s.prompts.iter().find_map(|p| match p {
            Prompt::CloseDue { .. } => labels::prompt(&i18n, p),
            _ => None,
        });
        view! {
            {status.map(|st| view! { <SignOffStatus standing=st /> })}
            {if s.may_request_closure() {
                view! {
                    <p>{i18n.t(Key::ClosureEligible)}</p>
                    <form on:submit=submit novalidate>
                        <Field id="closure-reasons" label=Key::ClosureReasons value=reasons error=reasons_error hint=Key::ClosureReasonsHint multiline=true />
                        <div class="actions">
                            <button class="button button-primary" type="submit">{i18n.t(Key::RequestClosure)}</button>
                            <SavedNote saved=saved />
                        </div>
                    </form>
                }
                .into_any()
            } else {
                view! { <p class="muted">{when.unwrap_or_else(|| i18n.t(Key::ClosureNotYet).to_string())}</p> }.into_any()
            }}
        }
        .into_any()
    }
}
