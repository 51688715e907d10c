//! This device: its open database, its id and its clock. Kept in a thread-local because the
//! browser is single-threaded and IndexedDB handles cannot cross threads (Leptos contexts
//! must be `Send`).

use crate::store::{Store, StoreError};
use homeward_core::sync::{Change, Entity};
use homeward_core::Hlc;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use uuid::Uuid;

pub const DB_NAME: &str = "homeward";
const DEVICE: &str = "device_id";
const CLOCK: &str = "hlc";

pub struct Local {
    pub store: Store,
    pub device_id: Uuid,
    hlc: RefCell<Hlc>,
}

thread_local! {
    static LOCAL: RefCell<Option<Rc<Local>>> = const { RefCell::new(None) };
}

fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// The node name of this device in clock stamps: its id without dashes.
fn node(device_id: Uuid) -> String {
    device_id.simple().to_string()
}

/// Opens the database (locked) and loads (or makes) this device's id. The clock is sealed like
/// case data, so it is loaded by [`Local::load_clock`] once unlocked.
pub async fn init() -> Result<Rc<Local>, StoreError> {
    if let Some(local) = get() {
        return Ok(local);
    }
    let store = Store::open(DB_NAME).await?;
    let device_id = match store.clear_value::<Uuid>(DEVICE).await? {
        Some(id) => id,
        None => {
            // A new database, or one from before encryption at rest (its data is in clear and
            // cannot be opened as sealed): start empty either way.
            store.wipe().await?;
            let id = Uuid::now_v7();
            store.set_clear_value(DEVICE, &id).await?;
            id
        }
    };
    crate::api::set_device(device_id);
    let hlc = Hlc::zero(&node(device_id));
    let local = Rc::new(Local {
        store,
        device_id,
        hlc: RefCell::new(hlc),
    });
    LOCAL.with(|l| *l.borrow_mut() = Some(local.clone()));
    Ok(local)
}

pub fn get() -> Option<Rc<Local>> {
    LOCAL.with(|l| l.borrow().clone())
}

impl Local {
    /// A new change of one field, stamped with this device's clock.
    #[allow(clippy::too_many_arguments)]
    pub fn change(
        &self,
        user: &str,
        case_id: Uuid,
        entity: Entity,
        entity_id: Uuid,
        field: &str,
        value: Value,
        base: i64,
    ) -> Change {
        let hlc = self.hlc.borrow().tick(now_ms());
        self.hlc.replace(hlc.clone());
        Change {
            change_id: Uuid::now_v7(),
            device_id: self.device_id,
            user: user.to_string(),
            case_id,
            entity,
            entity_id,
            field: field.to_string(),
            value,
            hlc,
            base,
        }
    }

    /// Moves this device's clock past a stamp seen from elsewhere, and remembers it.
    pub async fn observe(&self, remote: &Hlc) -> Result<(), StoreError> {
        let next = self.hlc.borrow().receive(remote, now_ms());
        self.hlc.replace(next.clone());
        self.store.set_meta(CLOCK, &next).await
    }

    /// Loads the clock kept at the last edit, so stamps stay ordered after a restart (call once
    /// unlocked, before any edit).
    pub async fn load_clock(&self) -> Result<(), StoreError> {
        if let Some(saved) = self.store.meta::<Hlc>(CLOCK).await? {
            let next = self.hlc.borrow().receive(&saved, now_ms());
            self.hlc.replace(next);
        }
        Ok(())
    }

    /// Remembers the clock so stamps stay ordered after a restart.
    pub async fn save_clock(&self) -> Result<(), StoreError> {
        let hlc = self.hlc.borrow().clone();
        self.store.set_meta(CLOCK, &hlc).await
    }
}
