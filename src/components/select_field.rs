use crate::i18n::{use_i18n, Key};
use leptos::prelude::*;

/// A labelled drop-down whose options may change (the agencies of a team, say). Each option is
/// its value and the words shown for it.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    label: Key,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <select
                id=id.clone()
                name=id
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = value.get_untracked() == v;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
