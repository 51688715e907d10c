use crate::child_session::use_child_mode;
use crate::components::pin_entry::PinEntry;
use crate::i18n::{use_i18n, Key};
use crate::session;
use crate::state::{use_app, LockState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The lock screen: nothing of a case shows until the PIN unlocks the data key.
#[component]
pub fn Locked() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let child = use_child_mode();
    let unlocked = Callback::new(move |_| spawn_local(session::open(app, child)));
    let exhausted = Callback::new(move |_| app.lock_out());
    // A forgotten PIN needs no wrong tries: the password brings the key back, then a new PIN.
    let forgot = move |_| app.lock.set(LockState::SignedOut);
    view! {
        <section class="panel sign-in" aria-labelledby="locked-title">
            <h1 id="locked-title">{move || i18n.t(Key::LockedTitle)}</h1>
            <p>{move || i18n.t(Key::LockedIntro)}</p>
            <PinEntry
                label=Key::YourPin
                button=Key::UnlockApp
                on_unlocked=unlocked
                on_exhausted=exhausted
            />
            <p>
                <button class="button button-link" type="button" on:click=forgot>
                    {move || i18n.t(Key::ForgotPin)}
                </button>
            </p>
        </section>
    }
}
