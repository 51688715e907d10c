use crate::child_session::{self, use_child_mode};
use crate::components::child::pictures::sticker_picture;
use crate::i18n::{child, use_i18n, Key};
use homeward_core::voice::{Prompt, Sticker, StickerPick};
use leptos::prelude::*;

/// Picture stickers a young child taps to answer; each is a toggle button with its name.
#[component]
pub fn StickerPicker(prompt: Prompt) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_child_mode();
    let stickers = Sticker::ALL.into_iter().map(move |sticker| {
        let pick = StickerPick { prompt, sticker };
        let pressed = move || {
            session.with(|s| s.as_ref().is_some_and(|s| s.voice.stickers.contains(&pick)))
        };
        let toggle = move |_| {
            child_session::update(session, |s| {
                s.voice.toggle_sticker(prompt, sticker);
                s.voice.set_skipped(prompt, false);
            })
        };
        view! {
            <li>
                <button
                    type="button"
                    class="child-sticker"
                    aria-pressed=move || pressed().to_string()
                    on:click=toggle
                >
                    {sticker_picture(sticker)}
                    <span class="child-sticker-label">{move || i18n.t(child::sticker(sticker))}</span>
                    <span class="child-tick" aria-hidden="true">"✓"</span>
                </button>
            </li>
        }
    });
    view! {
        <div class="child-stickers" role="group" aria-labelledby="child-stickers-hint">
            <p class="child-hint" id="child-stickers-hint">{move || i18n.t(Key::PickStickers)}</p>
            <ul class="child-sticker-grid">{stickers.collect_view()}</ul>
        </div>
    }
}
