use crate::i18n::{use_i18n, Key};
use leptos::prelude::*;

/// A question answered by one of several options: a fieldset whose legend is the question, with
/// its error next to it. The value is the chosen option's id ("" when none).
#[component]
pub fn RadioGroup(
    /// Unique name of the group; option ids derive from it.
    #[prop(into)]
    name: String,
    legend: Key,
    /// Said after the legend, when the same question is asked of several things (each goal).
    #[prop(optional, into)]
    detail: Option<Signal<String>>,
    options: Vec<(&'static str, Key)>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<Key>>,
    /// An error that needs more than a fixed sentence (names, dates), shown the same way.
    #[prop(optional, into)]
    message: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{name}-error");
    let shown = move || {
        error
            .get()
            .map(|k| i18n.t(k).to_string())
            .or_else(|| message.and_then(|m| m.get()))
    };
    let described = {
        let error_id = error_id.clone();
        move || shown().map(|_| error_id.clone())
    };
    let options = options
        .into_iter()
        .map(|(v, k)| {
            let id = format!("{name}-{v}");
            view! {
                <div class="choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name=name.clone()
                        value=v
                        prop:checked=move || value.get() == v
                        on:change=move |_| value.set(v.to_string())
                    />
                    <label for=id>{move || i18n.t(k)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="field radio-group"
            class:field-invalid=move || shown().is_some()
            aria-describedby=described
        >
            <legend>
                {move || i18n.t(legend)}
                {move || detail.map(|d| format!(": {}", d.get()))}
            </legend>
            {move || shown().map(|e| view! { <p class="error" id=error_id.clone()>{e}</p> })}
            {options}
        </fieldset>
    }
}
