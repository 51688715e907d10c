use crate::auto_lock::{idle_minutes, set_idle_minutes};
use crate::i18n::{use_i18n, Key};
use homeward_core::pin::IDLE_CHOICES_MINUTES;
use leptos::prelude::*;

/// How long Homeward stays unlocked without a touch; remembered on this tablet.
#[component]
pub fn LockAfter() -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(idle_minutes().to_string());
    Effect::new(move |_| {
        if let Ok(m) = chosen.get().parse::<u64>() {
            set_idle_minutes(m);
        }
    });
    view! {
        <div class="field">
            <label for="lock-after">{move || i18n.t(Key::LockAfter)}</label>
            <p class="hint" id="lock-after-hint">{move || i18n.t(Key::LockAfterHint)}</p>
            <select id="lock-after" aria-describedby="lock-after-hint" bind:value=chosen>
                {IDLE_CHOICES_MINUTES
                    .iter()
                    .map(|m| {
                        let m = *m;
                        view! {
                            <option value=m.to_string() selected=move || chosen.get() == m.to_string()>
                                {move || {
                                    if m == 1 {
                                        i18n.t(Key::MinuteOne).to_string()
                                    } else {
                                        i18n.tf(Key::MinutesN, &[("n", &m.to_string())])
                                    }
                                }}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
