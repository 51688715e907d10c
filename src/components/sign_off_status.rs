use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::signoff::Standing;
use leptos::prelude::*;

/// Where a submission stands with the team manager, in words: awaiting, agreed by whom, or
/// returned with the manager's comment.
#[component]
pub fn SignOffStatus(standing: Standing) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        match standing.clone() {
            Standing::Awaiting => view! {
                <p class="sign-off sign-off-awaiting">{i18n.t(Key::AwaitingSignOff)}</p>
            }
            .into_any(),
            Standing::Agreed { by_name, on, comment } => view! {
                <p class="sign-off sign-off-agreed">
                    {i18n.tf(Key::AgreedBy, &[("name", &by_name), ("date", &format::date(lang, on))])}
                    {(!comment.is_empty()).then(|| format!(" {comment}"))}
                </p>
            }
            .into_any(),
            Standing::Returned { by_name, on, comment } => view! {
                <p class="sign-off sign-off-returned">
                    {i18n.tf(Key::ReturnedBy, &[("name", &by_name), ("date", &format::date(lang, on))])}
                    " "
                    <strong>{i18n.tf(Key::ReturnedComment, &[("comment", &comment)])}</strong>
                </p>
            }
            .into_any(),
        }
    }
}
