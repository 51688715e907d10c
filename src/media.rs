//! The bytes of drawings, recordings and signatures, turned into something a page can show.

use homeward_core::attachment::Attachment;
use uuid::Uuid;
use web_sys::{Blob, BlobPropertyBag, Url};

/// A `blob:` URL of `bytes` (allowed by the CSP's img-src and media-src; a `data:` URL of a long
/// recording would be a string of megabytes). The caller revokes it when the view goes.
pub fn object_url(bytes: &[u8], media_type: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}

/// The bytes of one of a case's attachments, if they are on this tablet and are what the record
/// says (anything else is not shown).
pub async fn stored_bytes(case_id: Uuid, attachment: &Attachment) -> Option<Vec<u8>> {
    let local = crate::local::get()?;
    let bytes = local
        .store
        .blob(case_id, &attachment.sha256)
        .await
        .ok()
        .flatten()?;
    attachment.check_bytes(&bytes).is_ok().then_some(bytes)
}
