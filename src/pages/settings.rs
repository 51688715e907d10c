use crate::components::{lock_after::LockAfter, sign_out::SignOut};
use crate::i18n::{use_i18n, Key};
use crate::local;
use leptos::prelude::*;

/// Security settings of this tablet: when it locks, its id (to revoke it if lost), signing out.
#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    let device = local::get()
        .map(|l| l.device_id.to_string())
        .unwrap_or_default();
    view! {
        <section class="panel settings">
            <h1>{move || i18n.t(Key::SettingsTitle)}</h1>
            <LockAfter />
            <p>
                {move || i18n.t(Key::DeviceIdLabel)}
                ": "
                <code class="device-id">{device}</code>
            </p>
            <SignOut />
        </section>
    }
}
