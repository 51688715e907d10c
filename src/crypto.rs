//! AES-256-GCM and PBKDF2 through the browser's WebCrypto, the primitives behind encryption at
//! rest. Keys stay `CryptoKey`s that script cannot read out (non-extractable); the only raw key
//! bytes ever in memory are the data key's, for the moment it arrives from the server and is
//! wrapped under a new PIN.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

/// AES-GCM's nonce: 96 bits, random for every message (2^-32 collision risk only after 2^32
/// messages under one key, far beyond a tablet's lifetime of edits).
const IV_BYTES: usize = 12;
const AES_GCM: &str = "AES-GCM";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// WebCrypto is missing (not a secure context) or refused the operation.
    #[error("encryption is not available here: {0}")]
    Unavailable(String),
    /// Wrong key, or the stored bytes were changed: GCM's tag did not match.
    #[error("the data could not be decrypted")]
    Decrypt,
}

fn unavailable(e: JsValue) -> CryptoError {
    CryptoError::Unavailable(
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| "unknown error".into()),
    )
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let window = web_sys::window().ok_or_else(|| CryptoError::Unavailable("no window".into()))?;
    Ok(window.crypto().map_err(unavailable)?.subtle())
}

/// `n` bytes from the browser's CSPRNG.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    let window = web_sys::window().ok_or_else(|| CryptoError::Unavailable("no window".into()))?;
    let mut bytes = vec![0u8; n];
    window
        .crypto()
        .map_err(unavailable)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(unavailable)?;
    Ok(bytes)
}

async fn resolve(promise: Result<Promise, JsValue>) -> Result<JsValue, CryptoError> {
    JsFuture::from(promise.map_err(unavailable)?)
        .await
        .map_err(unavailable)
}

fn usages(list: &[&str]) -> JsValue {
    list.iter()
        .map(|u| JsValue::from_str(u))
        .collect::<Array>()
        .into()
}

/// Imports 32 raw bytes as a non-extractable AES-256-GCM key.
pub async fn import_aes_key(raw: &[u8]) -> Result<CryptoKey, CryptoError> {
    let data = Uint8Array::from(raw);
    let algorithm = js_sys::Object::new();
    js_sys::Reflect::set(&algorithm, &"name".into(), &AES_GCM.into()).map_err(unavailable)?;
    let key = resolve(subtle()?.import_key_with_object(
        "raw",
        &data,
        &algorithm,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await?;
    Ok(key.unchecked_into())
}

/// The key a PIN stands for: PBKDF2-SHA256 over the PIN with a random salt, `iterations` rounds.
pub async fn pin_key(pin: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, CryptoError> {
    let subtle = subtle()?;
    let material: CryptoKey = resolve(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(pin.as_bytes()),
        "PBKDF2",
        false,
        &usages(&["deriveKey"]),
    ))
    .await?
    .unchecked_into();
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let derived = AesDerivedKeyParams::new(AES_GCM, 256);
    let key = resolve(subtle.derive_key_with_object_and_object(
        &params,
        &material,
        &derived,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await?;
    Ok(key.unchecked_into())
}

/// Encrypts `plain` under `key`: a fresh random nonce followed by the ciphertext and its tag.
pub async fn seal(key: &CryptoKey, plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let iv = random_bytes(IV_BYTES)?;
    let params = AesGcmParams::new_with_u8_array(AES_GCM, &Uint8Array::from(iv.as_slice()));
    let sealed = resolve(subtle()?.encrypt_with_object_and_u8_array(&params, key, plain)).await?;
    let mut out = iv;
    out.extend(Uint8Array::new(&sealed).to_vec());
    Ok(out)
}

/// Decrypts what [`seal`] made; fails if the key is wrong or a byte was changed.
pub async fn open(key: &CryptoKey, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    open_js(key, &Uint8Array::from(sealed)).await
}

/// [`open`] for sealed bytes still in JavaScript (as IndexedDB gives them): a snapshot of a
/// caseload is megabytes, which WebCrypto then reads where they are instead of from a copy.
pub async fn open_js(key: &CryptoKey, sealed: &Uint8Array) -> Result<Vec<u8>, CryptoError> {
    let iv_bytes = IV_BYTES as u32;
    if sealed.length() < iv_bytes {
        return Err(CryptoError::Decrypt);
    }
    let params = AesGcmParams::new_with_u8_array(AES_GCM, &sealed.subarray(0, iv_bytes));
    let body = sealed.subarray(iv_bytes, sealed.length());
    let plain = JsFuture::from(
        subtle()?
            .decrypt_with_object_and_js_u8_array(&params, key, &body)
            .map_err(unavailable)?,
    )
    .await
    .map_err(|_| CryptoError::Decrypt)?;
    Ok(Uint8Array::new(&plain).to_vec())
}
