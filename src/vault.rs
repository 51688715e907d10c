//! Custody of the device's data key, the key every case record on the tablet is encrypted under.
//!
//! The key arrives from the server only in answer to a right password (the server keeps it in
//! escrow). The device then keeps it only wrapped: AES-GCM under a key derived from the worker's
//! PIN with PBKDF2-SHA256 ([`PBKDF2_ITERATIONS`] rounds). Unlocking unwraps it into a
//! non-extractable `CryptoKey` held in memory; locking forgets it. After [`MAX_PIN_ATTEMPTS`]
//! wrong PINs the wrapped copy is destroyed, so whoever holds the tablet cannot keep guessing; the
//! worker signs in online with their password and gets the same key back, so the unsent work on
//! the device, encrypted under it, survives.
//!
//! [`MAX_PIN_ATTEMPTS`]: homeward_core::pin::MAX_PIN_ATTEMPTS

use crate::crypto::{self, CryptoError};
use crate::store::{Store, StoreError};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use homeward_core::pin::{after_wrong_pin, Pin, WrongPin, MAX_PIN_ATTEMPTS, PBKDF2_ITERATIONS};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// Clear `keys` entries. None says anything about a case.
const OWNER: &str = "owner";
const WRAPPED: &str = "wrapped_key";
const FAILED: &str = "failed_pins";
/// A known text sealed under the data key: proves a key from escrow is the one this device's data
/// was written under before anything is written with it.
const CHECK: &str = "key_check";
const CHECK_TEXT: &[u8] = b"homeward data key";
const SALT_BYTES: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The server's key does not open this device's data (it was not written under it).
    #[error("the key from the server does not open the data on this device")]
    KeyMismatch,
    #[error("the key from the server is malformed")]
    BadKey,
    /// No key waits to be wrapped: sign in again.
    #[error("sign in again before choosing a PIN")]
    NoPendingKey,
}

impl From<serde_json::Error> for VaultError {
    fn from(e: serde_json::Error) -> Self {
        VaultError::Store(StoreError::Decode(e.to_string()))
    }
}

/// Why a PIN did not unlock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlockError {
    Wrong {
        tries_left: u32,
    },
    /// The last try failed: the wrapped key is gone, sign in online with the password.
    Exhausted,
    /// There is no PIN on this device (it was never set, or was destroyed).
    NoPin,
    Failed(String),
}

impl From<VaultError> for UnlockError {
    fn from(e: VaultError) -> Self {
        UnlockError::Failed(e.to_string())
    }
}

impl From<StoreError> for UnlockError {
    fn from(e: StoreError) -> Self {
        UnlockError::Failed(e.to_string())
    }
}

impl From<CryptoError> for UnlockError {
    fn from(e: CryptoError) -> Self {
        UnlockError::Failed(e.to_string())
    }
}

#[derive(Serialize, Deserialize)]
struct WrappedKey {
    salt: String,
    iterations: u32,
    /// Nonce and ciphertext of the 32 raw key bytes under the PIN's key.
    sealed: String,
}

thread_local! {
    /// The raw data key between a password sign-in and the PIN that wraps it; nowhere else.
    static PENDING: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

fn b64(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

fn unb64(text: &str) -> Result<Vec<u8>, VaultError> {
    BASE64.decode(text).map_err(|_| VaultError::BadKey)
}

/// Whose work this device holds, if anyone's.
pub async fn owner(store: &Store) -> Result<Option<String>, StoreError> {
    store.clear_value(OWNER).await
}

/// Whether a PIN can unlock this device (a wrapped key is there).
pub async fn has_pin(store: &Store) -> Result<bool, StoreError> {
    Ok(store.clear_value::<WrappedKey>(WRAPPED).await?.is_some())
}

/// Takes the data key the server sent after a right password: checks it opens this device's data,
/// unlocks the store with it and keeps it until [`set_pin`] wraps it.
pub async fn receive_key(store: &Store, username: &str, hex_key: &str) -> Result<(), VaultError> {
    let raw = decode_hex(hex_key).ok_or(VaultError::BadKey)?;
    let key = crypto::import_aes_key(&raw).await?;
    match store.clear_value::<String>(CHECK).await? {
        Some(check) => {
            let opened = crypto::open(&key, &unb64(&check)?).await;
            if opened.as_deref() != Ok(CHECK_TEXT) {
                return Err(VaultError::KeyMismatch);
            }
        }
        None => {
            let check = crypto::seal(&key, CHECK_TEXT).await?;
            store.set_clear_value(CHECK, &b64(&check)).await?;
        }
    }
    store.set_clear_value(OWNER, &username).await?;
    store.unlock(key);
    PENDING.with(|p| p.replace(Some(raw)));
    Ok(())
}

/// Wraps the key [`receive_key`] took under `pin`, replacing any earlier PIN.
pub async fn set_pin(store: &Store, pin: &Pin) -> Result<(), VaultError> {
    let raw = PENDING
        .with(|p| p.borrow().clone())
        .ok_or(VaultError::NoPendingKey)?;
    let salt = crypto::random_bytes(SALT_BYTES)?;
    let pin_key = crypto::pin_key(pin.digits(), &salt, PBKDF2_ITERATIONS).await?;
    let sealed = crypto::seal(&pin_key, &raw).await?;
    let wrapped = WrappedKey {
        salt: b64(&salt),
        iterations: PBKDF2_ITERATIONS,
        sealed: b64(&sealed),
    };
    store.set_clear_value(WRAPPED, &wrapped).await?;
    store.set_clear_value(FAILED, &0u32).await?;
    forget_pending();
    Ok(())
}

/// Drops the raw key if no PIN was chosen for it (signing in while already unlocked).
pub fn forget_pending() {
    PENDING.with(|p| p.replace(None));
}

/// Unlocks the store with the PIN (also how child mode checks it is the worker). The try is
/// counted before it is made, so closing the app mid-try does not give a free one.
pub async fn unlock(store: &Store, typed: &str) -> Result<(), UnlockError> {
    let Some(wrapped) = store.clear_value::<WrappedKey>(WRAPPED).await? else {
        return Err(UnlockError::NoPin);
    };
    let failed = store.clear_value::<u32>(FAILED).await?.unwrap_or(0) + 1;
    if failed > MAX_PIN_ATTEMPTS {
        // Tries used up elsewhere (another tab): destroy without trying once more.
        destroy(store).await?;
        return Err(UnlockError::Exhausted);
    }
    store.set_clear_value(FAILED, &failed).await?;
    let salt = unb64(&wrapped.salt)?;
    let pin_key = crypto::pin_key(typed.trim(), &salt, wrapped.iterations).await?;
    match crypto::open(&pin_key, &unb64(&wrapped.sealed)?).await {
        Ok(raw) => {
            store.unlock(crypto::import_aes_key(&raw).await?);
            store.set_clear_value(FAILED, &0u32).await?;
            Ok(())
        }
        Err(CryptoError::Decrypt) => match after_wrong_pin(failed) {
            WrongPin::TriesLeft(tries_left) => Err(UnlockError::Wrong { tries_left }),
            WrongPin::Exhausted => {
                destroy(store).await?;
                Err(UnlockError::Exhausted)
            }
        },
        Err(e) => Err(e.into()),
    }
}

async fn destroy(store: &Store) -> Result<(), StoreError> {
    store.delete_clear_value(WRAPPED).await?;
    store.delete_clear_value(FAILED).await?;
    store.lock();
    Ok(())
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}
