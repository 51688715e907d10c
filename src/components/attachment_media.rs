use crate::i18n::{use_i18n, Key};
use crate::media::object_url;
use homeward_core::attachment::Attachment;
use leptos::prelude::*;

/// A drawing or signature as an image, a recording as a player; until its bytes reach this
/// tablet (made on another device, not yet synced), a line saying so instead of a broken image.
#[component]
pub fn AttachmentMedia(
    attachment: Attachment,
    bytes: Option<Vec<u8>>,
    /// The image's alternative text, or the player's name.
    #[prop(into)]
    label: Signal<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = bytes
        .filter(|b| attachment.check_bytes(b).is_ok())
        .and_then(|b| object_url(&b, &attachment.media_type));
    let Some(url) = url else {
        return view! { <p class="media-missing">{move || i18n.t(Key::MediaNotHere)}</p> }
            .into_any();
    };
    let revoke = url.clone();
    on_cleanup(move || {
        let _ = web_sys::Url::revoke_object_url(&revoke);
    });
    if attachment.is_audio() {
        view! { <audio controls src=url aria-label=label></audio> }.into_any()
    } else {
        view! { <img class=class src=url alt=label /> }.into_any()
    }
}
