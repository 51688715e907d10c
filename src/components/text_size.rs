use crate::i18n::{use_i18n, Key};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The worker's text size, remembered on this device (a preference, not case data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSize {
    Standard,
    Large,
    Larger,
}

const KEY: &str = "homeward.text-size";

impl TextSize {
    fn name(self) -> &'static str {
        match self {
            TextSize::Standard => "standard",
            TextSize::Large => "large",
            TextSize::Larger => "larger",
        }
    }

    pub fn load() -> TextSize {
        LocalStorage::get(KEY).unwrap_or(TextSize::Standard)
    }

    /// Marks the root element; the stylesheet sets the root font size from it, and every size
    /// there is in rem, so all text follows. (An inline style would break the CSP.)
    pub fn apply(self) {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-text-size", self.name());
        }
    }
}

/// Three buttons to choose the text size; the choice applies at once and is remembered.
#[component]
pub fn TextSizeSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let size = RwSignal::new(TextSize::load());
    let button = move |choice: TextSize, label: &'static str, name: Key| {
        view! {
            <button
                type="button"
                class="lang-option"
                aria-label=move || i18n.t(name)
                aria-pressed=move || (size.get() == choice).to_string()
                on:click=move |_| {
                    let _ = LocalStorage::set(KEY, choice);
                    choice.apply();
                    size.set(choice);
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch text-size" role="group" aria-label=move || i18n.t(Key::TextSize)>
            {button(TextSize::Standard, "A", Key::TextStandard)}
            {button(TextSize::Large, "A+", Key::TextLarge)}
            {button(TextSize::Larger, "A++", Key::TextLarger)}
        </div>
    }
}
