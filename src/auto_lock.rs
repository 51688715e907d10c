//! Locks the app by itself: after the worker's chosen idle time with no touch or key, and when the
//! app comes back after being hidden (another app, the screen off) for longer than a short grace
//! period. Child mode is exempt: it is already locked to the child's activities, and the child
//! must not be interrupted by a PIN screen.

use crate::state::{AppState, LockState};
use gloo_storage::{LocalStorage, Storage};
use gloo_timers::callback::{Interval, Timeout};
use homeward_core::pin::{LockPolicy, DEFAULT_IDLE_MINUTES};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// A preference, not case data, so localStorage is fine.
const IDLE_KEY: &str = "homeward.lock-minutes";
/// How often idleness is checked: the lock may come up to this late.
const CHECK_MS: u32 = 5_000;

pub fn idle_minutes() -> u64 {
    LocalStorage::get(IDLE_KEY).unwrap_or(DEFAULT_IDLE_MINUTES)
}

pub fn set_idle_minutes(minutes: u64) {
    let _ = LocalStorage::set(IDLE_KEY, minutes);
}

fn policy() -> LockPolicy {
    LockPolicy::with_idle_minutes(idle_minutes())
}

fn now() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Starts watching; `in_child_mode` says when not to lock.
pub fn install(app: AppState, in_child_mode: Memo<bool>) {
    let last_input = Rc::new(Cell::new(now()));
    for event in ["pointerdown", "keydown", "wheel", "touchstart", "input"] {
        let last = last_input.clone();
        let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || last.set(now()));
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback_and_bool(
                event,
                wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
                true,
            );
        }
        // Listens for the page's whole life.
        listener.forget();
    }
    let lock = move || {
        if !in_child_mode.get_untracked() {
            app.lock_now();
        }
    };

    let last = last_input.clone();
    Interval::new(CHECK_MS, move || {
        // The choose-PIN screen holds the key too: left idle, it goes back to the password.
        let open = matches!(
            app.lock.get_untracked(),
            LockState::Unlocked | LockState::ChoosePin
        );
        if open && policy().idle_expired(last.get(), now()) {
            lock();
        }
    })
    .forget();

    let hidden_since = Rc::new(Cell::new(None::<u64>));
    let pending = Rc::new(Cell::new(None::<Timeout>));
    let document = document();
    let doc = document.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if doc.visibility_state() == web_sys::VisibilityState::Hidden {
            hidden_since.set(Some(now()));
            // Timers run late or not at all in a hidden page, so this is only the first chance;
            // the check on coming back is the one that always runs.
            let grace = u32::try_from(policy().hidden_grace_ms).unwrap_or(u32::MAX);
            pending.set(Some(Timeout::new(grace.saturating_add(1), lock)));
        } else {
            if let Some(t) = pending.take() {
                t.cancel();
            }
            if let Some(since) = hidden_since.take() {
                if policy().hidden_expired(since, now()) {
                    lock();
                }
            }
            last_input.set(now());
        }
    });
    let _ = document.add_event_listener_with_callback(
        "visibilitychange",
        wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
    );
    listener.forget();
}
