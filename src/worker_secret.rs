//! The check that lets the worker (and nobody else) leave child mode: the device PIN, checked on
//! the device, so leaving works offline. Wrong tries count towards the same limit as the lock
//! screen's, so child mode is no way round it.

use crate::local;
use crate::vault::{self, UnlockError};

/// Checks the worker's PIN.
pub async fn verify_worker_secret(pin: &str) -> Result<(), UnlockError> {
    if pin.trim().is_empty() {
        return Err(UnlockError::Wrong {
            tries_left: u32::MAX,
        });
    }
    let local = local::get().ok_or(UnlockError::NoPin)?;
    vault::unlock(&local.store, pin).await
}
