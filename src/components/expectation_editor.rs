use crate::components::field::Field;
use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::agreement::Expectation;
use leptos::prelude::*;

/// The input of one expectation: who, what they expect to be achieved, and by when.
#[derive(Clone, Copy)]
pub struct ExpectationFields {
    /// Identifies the row while it is edited (expectations have no id of their own).
    pub key: u64,
    who: RwSignal<String>,
    what: RwSignal<String>,
    by: RwSignal<String>,
}

impl ExpectationFields {
    pub fn new(key: u64, e: &Expectation) -> ExpectationFields {
        ExpectationFields {
            key,
            who: RwSignal::new(e.who.clone()),
            what: RwSignal::new(e.what.clone()),
            by: RwSignal::new(e.by.map(|d| d.to_string()).unwrap_or_default()),
        }
    }

    pub fn expectation(&self) -> Expectation {
        Expectation {
            who: self.who.get().trim().to_string(),
            what: self.what.get().trim().to_string(),
            by: format::parse_date(&self.by.get()),
        }
    }
}

/// One row of "what we both expect, and by when" (the worker's side as well as the parents').
#[component]
pub fn ExpectationEditor(
    fields: ExpectationFields,
    #[prop(into)] number: Signal<usize>,
    on_remove: Callback<u64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let f = fields;
    let id = |part: &str| format!("expect-{}-{part}", f.key);
    let none = Signal::derive(|| None::<Key>);
    view! {
        <fieldset class="expectation grid-form">
            <legend>{move || i18n.tf(Key::ExpectationN, &[("n", &number.get().to_string())])}</legend>
            <Field id=id("who") label=Key::ExpectWho value=f.who error=none />
            <Field id=id("by") label=Key::ExpectBy value=f.by error=none kind="date" />
            <div class="field-wide">
                <Field id=id("what") label=Key::ExpectWhat value=f.what error=none multiline=true />
            </div>
            <div class="actions">
                <button type="button" class="button button-small" on:click=move |_| on_remove.run(f.key)>
                    {move || i18n.tf(Key::RemoveExpectationN, &[("n", &number.get().to_string())])}
                </button>
            </div>
        </fieldset>
    }
}
