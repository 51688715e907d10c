use crate::components::saved_note::SavedNote;
use crate::i18n::{use_i18n, Key};
use leptos::prelude::*;

/// Fills a form from the entry chosen for changing, and brings the form into view: the list
/// the worker tapped "Change" on can be long, and the form sits below it.
pub fn load_when_editing<T>(
    editing: RwSignal<Option<T>>,
    first_field: &'static str,
    load: impl Fn(&T) + 'static,
) where
    T: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        editing.with(|e| {
            if let Some(e) = e {
                load(e);
                if let Some(el) = document().get_element_by_id(first_field) {
                    el.scroll_into_view();
                }
            }
        });
    });
}

/// The buttons of a form that adds an entry or changes one: "Add …" while adding; "Save
/// changes to <name>" and Cancel while an entry is chosen, so the worker always sees which
/// entry the form will overwrite.
#[component]
pub fn EditActions(
    /// The add button's label.
    add: Key,
    /// The name of the entry being changed, if one is.
    #[prop(into)]
    editing: Signal<Option<String>>,
    /// Leaves the entry as it was and empties the form.
    on_cancel: Callback<()>,
    saved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="actions">
            <button class="button button-primary" type="submit">
                {move || match editing.get() {
                    Some(name) => i18n.tf(Key::SaveNamed, &[("name", &name)]),
                    None => i18n.t(add).to_string(),
                }}
            </button>
            {move || editing.get().is_some().then(|| view! {
                <button class="button" type="button" on:click=move |_| on_cancel.run(())>{i18n.t(Key::Cancel)}</button>
            })}
            <SavedNote saved=saved />
        </div>
    }
}

/// The "Change <name>" button on one entry of a list: chooses it for the form below.
pub fn change_button<T>(editing: RwSignal<Option<T>>, entry: T, name: &str) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let label = use_i18n().tf(Key::ChangeNamed, &[("name", name)]);
    view! {
        <p class="change-line">
            <button type="button" class="button button-small" on:click=move |_| editing.set(Some(entry.clone()))>
                {label}
            </button>
        </p>
    }
}
