use crate::i18n::{use_i18n, Key};
use leptos::prelude::*;

/// A labelled form field with its hint and its error next to it, announced to screen readers.
#[component]
pub fn Field(
    /// The input's id; the hint and error ids derive from it. Owned, so a form repeated for
    /// each goal or service can give each copy its own id.
    #[prop(into)]
    id: String,
    label: Key,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<Key>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The on-screen keyboard to offer (`numeric` for a PIN).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional, into)] max: Option<String>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=id.clone()
                rows="5"
                bind:value=value
                aria-describedby=described
                aria-invalid=invalid
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=id.clone()
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                max=max
                required=required
                bind:value=value
                aria-describedby=described
                aria-invalid=invalid
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{move || i18n.t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(h)}</p> })}
            {move || {
                error.get().map(|e| view! { <p class="error" id=error_id.clone()>{i18n.t(e)}</p> })
            }}
            {control}
        </div>
    }
}
