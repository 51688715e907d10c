use crate::components::attachment_media::AttachmentMedia;
use crate::media::stored_bytes;
use homeward_core::attachment::Attachment;
use leptos::prelude::*;
use uuid::Uuid;

/// One of a case's attachments, read (and decrypted) from this tablet's store.
#[component]
pub fn StoredAttachment(
    case_id: Uuid,
    attachment: Attachment,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let synced = crate::state::use_app().sync.last_synced;
    let wanted = attachment.clone();
    // Read again after each sync: bytes made on another tablet arrive with one.
    let bytes = LocalResource::new(move || {
        synced.track();
        let wanted = wanted.clone();
        async move { stored_bytes(case_id, &wanted).await }
    });
    move || {
        bytes.get().map(|bytes| {
            view! { <AttachmentMedia attachment=attachment.clone() bytes=bytes label=label class=class /> }
        })
    }
}
