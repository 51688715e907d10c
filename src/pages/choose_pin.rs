use crate::child_session::use_child_mode;
use crate::components::field::Field;
use crate::i18n::{use_i18n, Key};
use crate::state::use_app;
use crate::{local, session, vault};
use homeward_core::pin::{Pin, PinError};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn pin_error(e: PinError) -> Key {
    match e {
        PinError::NotDigits => Key::ErrPinDigits,
        PinError::TooShort => Key::ErrPinShort,
        PinError::TooLong => Key::ErrPinLong,
        PinError::Trivial => Key::ErrPinTrivial,
        PinError::Mismatch => Key::ErrPinMismatch,
    }
}

/// Right after a password sign-in: the PIN that will wrap this tablet's data key.
#[component]
pub fn ChoosePin() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let child = use_child_mode();
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let first_error = RwSignal::new(None::<Key>);
    let again_error = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        first_error.set(None);
        again_error.set(None);
        let pin = match Pin::choose(&first.get_untracked(), &again.get_untracked()) {
            Ok(pin) => pin,
            Err(PinError::Mismatch) => {
                again_error.set(Some(Key::ErrPinMismatch));
                return;
            }
            Err(e) => {
                first_error.set(Some(pin_error(e)));
                return;
            }
        };
        busy.set(true);
        spawn_local(async move {
            let Some(local) = local::get() else {
                return;
            };
            match vault::set_pin(&local.store, &pin).await {
                Ok(()) => {
                    first.set(String::new());
                    again.set(String::new());
                    session::open(app, child).await;
                }
                Err(e) => app.storage_error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="panel sign-in">
            <h1>{move || i18n.t(Key::ChoosePinTitle)}</h1>
            <p>{move || i18n.t(Key::ChoosePinIntro)}</p>
            <form on:submit=submit novalidate>
                <Field
                    id="new-pin"
                    label=Key::NewPin
                    value=first
                    error=first_error
                    kind="password"
                    hint=Key::PinHint
                    autocomplete="new-password"
                    inputmode="numeric"
                    required=true
                />
                <Field
                    id="new-pin-again"
                    label=Key::NewPinAgain
                    value=again
                    error=again_error
                    kind="password"
                    autocomplete="new-password"
                    inputmode="numeric"
                    required=true
                />
                <button class="button button-primary" type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if busy.get() { Key::SavingPin } else { Key::SavePin })}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{text, Lang};

    #[test]
    fn every_pin_error_has_a_message_that_names_the_rule() {
        for (e, word) in [
            (PinError::NotDigits, "digits"),
            (PinError::TooShort, "6"),
            (PinError::TooLong, "12"),
            (PinError::Trivial, "123456"),
            (PinError::Mismatch, "same"),
        ] {
            assert!(text(Lang::En, pin_error(e)).contains(word), "{e:?}");
        }
    }
}
