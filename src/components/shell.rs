use crate::components::{
    lang_switch::LangSwitch, sync_indicator::SyncIndicator, text_size::TextSizeSwitch,
    update_banner::UpdateBanner,
};
use crate::i18n::{use_i18n, Key};
use crate::state::{use_app, LockState};
use leptos::prelude::*;

/// The frame of every screen: skip link, header with sync status and language, main area.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    view! {
        <a class="skip-link" href="#main">{move || i18n.t(Key::SkipToContent)}</a>
        <header class="app-header">
            <a class="brand" href="/">
                <img src="/icons/icon-192.png" alt="" width="32" height="32" />
                <span>{move || i18n.t(Key::AppName)}</span>
            </a>
            <div class="header-tools">
                <Show when=move || app.lock.get() == LockState::Unlocked>
                    <SyncIndicator />
                </Show>
                <TextSizeSwitch />
                <LangSwitch />
                <Show when=move || app.lock.get() == LockState::Unlocked>
                    <div class="header-actions">
                        <a class="button header-button" href="/settings">
                            {move || i18n.t(Key::Settings)}
                        </a>
                        <button
                            class="button header-button"
                            type="button"
                            on:click=move |_| app.lock_now()
                        >
                            {move || i18n.t(Key::LockNow)}
                        </button>
                    </div>
                </Show>
            </div>
        </header>
        <UpdateBanner />
        {move || {
            app.storage_error
                .get()
                .map(|detail| {
                    view! {
                        <p class="banner banner-error" role="alert">
                            {i18n.tf(Key::ErrStorage, &[("detail", &detail)])}
                        </p>
                    }
                })
        }}
        <main id="main" tabindex="-1">
            {children()}
        </main>
    }
}
