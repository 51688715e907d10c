//! What the whole app shares: who is signed in, the cases on this device, and the sync status.

use crate::{format, local};
use chrono::NaiveDate;
use homeward_core::api::Me;
use homeward_core::entities;
use homeward_core::movement::MovementConfig;
use homeward_core::record::Record;
use homeward_core::summary::{summarise, CaseSummary};
use homeward_core::sync::Entity;
use leptos::prelude::*;
use std::collections::HashMap;
use uuid::Uuid;

/// A case as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub id: Uuid,
    pub child_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub note: String,
    pub needs_review: bool,
    /// Stage, level, next review and movement prompts, from core.
    pub summary: CaseSummary,
}

impl CaseRow {
    /// A case row from its own record and the practice items the dashboard needs (checklist,
    /// classifications, reviews).
    pub fn from_record(r: &Record, items: &[Record], today: NaiveDate) -> CaseRow {
        let file = entities::case_file(items);
        CaseRow {
            id: r.entity_id,
            child_name: r.text("child_name").to_string(),
            date_of_birth: NaiveDate::parse_from_str(r.text("date_of_birth"), "%Y-%m-%d").ok(),
            note: r.text("note").to_string(),
            needs_review: r.needs_review(),
            summary: summarise(&file, today, &MovementConfig::default()),
        }
    }
}

/// The dashboard needs only these kinds of item; reading each kind once, for all cases, keeps
/// the list fast with thousands of cases.
const SUMMARY_ENTITIES: [Entity; 6] = [
    Entity::Checklist,
    Entity::Classification,
    Entity::Review,
    // What waits for a manager, what they decided, and the return plan's review intervals.
    Entity::Decision,
    Entity::SignOff,
    Entity::ReunificationPlan,
];

/// Sync status for the indicator.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    pub online: RwSignal<bool>,
    pub waiting: RwSignal<u32>,
    pub refused: RwSignal<Vec<crate::store::Refused>>,
    /// Milliseconds since the epoch of the last full push and pull.
    pub last_synced: RwSignal<Option<f64>>,
    pub needs_sign_in: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
}

/// Whether case data may be shown: only when unlocked, and the data key is then in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockState {
    /// No key on the device: sign in online with the password.
    SignedOut,
    /// Just signed in with the password: choose a PIN before anything is shown.
    ChoosePin,
    /// The PIN unlocks.
    Locked,
    Unlocked,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// False until the database is open and the lock state is known.
    pub ready: RwSignal<bool>,
    pub lock: RwSignal<LockState>,
    /// A message for the sign-in or lock screen (why the worker is there).
    pub notice: RwSignal<Option<crate::i18n::Key>>,
    pub me: RwSignal<Option<Me>>,
    pub cases: RwSignal<Vec<CaseRow>>,
    pub storage_error: RwSignal<Option<String>>,
    pub sync: SyncStatus,
    /// Child mode's turn under way (also provided as the `ChildMode` context).
    pub child: RwSignal<Option<crate::child_session::ChildSession>>,
}

pub const ME: &str = "me";

impl AppState {
    pub fn new() -> AppState {
        let online = web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true);
        AppState {
            ready: RwSignal::new(false),
            lock: RwSignal::new(LockState::SignedOut),
            notice: RwSignal::new(None),
            me: RwSignal::new(None),
            cases: RwSignal::new(Vec::new()),
            storage_error: RwSignal::new(None),
            child: RwSignal::new(None),
            sync: SyncStatus {
                online: RwSignal::new(online),
                waiting: RwSignal::new(0),
                refused: RwSignal::new(Vec::new()),
                last_synced: RwSignal::new(None),
                needs_sign_in: RwSignal::new(false),
                error: RwSignal::new(None),
            },
        }
    }

    /// Re-reads the case list and the outbox counts from IndexedDB.
    pub async fn refresh(&self) {
        let Some(local) = local::get() else {
            return;
        };
        // Locked: there is nothing to show, and nothing could be read.
        if !local.store.is_unlocked() {
            return;
        }
        let result = async {
            // One read per kind, all issued together: IndexedDB serves them side by side.
            let (cases, summary) = futures::future::try_join(
                local.store.records(Entity::Case),
                futures::future::try_join_all(
                    SUMMARY_ENTITIES.map(|entity| local.store.records(entity)),
                ),
            )
            .await?;
            let mut items: HashMap<Uuid, Vec<Record>> = HashMap::new();
            for r in summary.into_iter().flatten() {
                items.entry(r.case_id).or_default().push(r);
            }
            let today = format::today();
            let mut rows: Vec<CaseRow> = cases
                .iter()
                .map(|r| {
                    let own = items.get(&r.entity_id).map(Vec::as_slice).unwrap_or(&[]);
                    CaseRow::from_record(r, own, today)
                })
                .collect();
            rows.sort_by_cached_key(|r| r.child_name.to_lowercase());
            let waiting = local.store.waiting_len().await?;
            let refused = local.store.refused().await?;
            Ok::<_, crate::store::StoreError>((rows, waiting, refused))
        }
        .await;
        match result {
            // Locked while reading: what was read must not reach the screen.
            Ok(_) if !local.store.is_unlocked() => {}
            Ok((rows, waiting, refused)) => {
                self.cases.set(rows);
                self.sync.waiting.set(waiting);
                self.sync.refused.set(refused);
            }
            Err(e) => self.storage_error.set(Some(e.to_string())),
        }
    }
}

impl AppState {
    /// Forgets the key and every piece of case data held in memory (the routes unmount with it).
    fn forget_case_data(&self) {
        if let Some(local) = local::get() {
            local.store.lock();
        }
        crate::vault::forget_pending();
        self.cases.set(Vec::new());
        self.sync.refused.set(Vec::new());
        self.child.set(None);
    }

    /// Locks now: the data key leaves memory and nothing of a case stays on screen. A PIN not yet
    /// chosen is abandoned: the password is needed again.
    pub fn lock_now(&self) {
        match self.lock.get_untracked() {
            LockState::Unlocked => {
                self.forget_case_data();
                self.lock.set(LockState::Locked);
            }
            LockState::ChoosePin => {
                self.forget_case_data();
                self.lock.set(LockState::SignedOut);
            }
            LockState::Locked | LockState::SignedOut => {}
        }
    }

    /// The last wrong PIN destroyed the wrapped key: only a password sign-in gets it back.
    pub fn lock_out(&self) {
        self.forget_case_data();
        self.notice.set(Some(crate::i18n::Key::PinExhausted));
        self.lock.set(LockState::SignedOut);
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

thread_local! {
    static APP: std::cell::Cell<Option<AppState>> = const { std::cell::Cell::new(None) };
}

/// Makes the app state reachable from async tasks, which run outside any component's context.
pub fn remember(app: AppState) {
    APP.with(|a| a.set(Some(app)));
}

/// The app state from anywhere (after [`remember`]).
pub fn app_state() -> Option<AppState> {
    APP.with(|a| a.get())
}
