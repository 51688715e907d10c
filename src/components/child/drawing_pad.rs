use crate::canvas;
use crate::child_session::{self, use_child_mode};
use crate::i18n::{use_i18n, Key};
use homeward_core::voice::Prompt;
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

const WIDTH: u32 = 960;
const HEIGHT: u32 = 560;
const PAPER: &str = "#ffffff";
/// Pens: key and colour. Names, not colours alone, tell them apart.
const PENS: [(Key, &str); 6] = [
    (Key::PenRed, "#d62839"),
    (Key::PenOrange, "#e8702a"),
    (Key::PenGreen, "#2f8f3a"),
    (Key::PenBlue, "#1f5fbf"),
    (Key::PenPurple, "#7b3fb5"),
    (Key::PenBlack, "#1d1d1d"),
];
/// Index of the rubber, after the pens.
const RUBBER: usize = PENS.len();
const STEP: f64 = 14.0;

fn blank(canvas: &HtmlCanvasElement) {
    canvas::fill(canvas, PAPER, WIDTH, HEIGHT);
}

fn line(canvas: &HtmlCanvasElement, tool: usize, from: (f64, f64), to: (f64, f64)) {
    let (colour, width) = match PENS.get(tool) {
        Some((_, c)) => (*c, 10.0),
        None => (PAPER, 36.0),
    };
    canvas::line(canvas, colour, width, from, to);
}

fn point(canvas: &HtmlCanvasElement, ev: &web_sys::PointerEvent) -> (f64, f64) {
    canvas::point(canvas, ev, WIDTH, HEIGHT)
}

/// A drawing canvas for a finger, a stylus, a mouse or the arrow keys, with a few pens and a
/// rubber. Each finished stroke is kept, so a reload (even offline) keeps the drawing.
#[component]
pub fn DrawingPad(prompt: Prompt) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_child_mode();
    let canvas = NodeRef::<Canvas>::new();
    let tool = RwSignal::new(0usize);
    let last = StoredValue::new(None::<(f64, f64)>);
    let cursor = StoredValue::new((f64::from(WIDTH) / 2.0, f64::from(HEIGHT) / 2.0));
    // The attachment this drawing is saved as, once there is one.
    let drawing_id = StoredValue::new(None::<Uuid>);
    let saved = RwSignal::new(false);

    // Paper first, then the drawing kept from before (after a reload, or coming back to it).
    Effect::new(move |_| {
        let Some(el) = canvas.get() else {
            return;
        };
        blank(&el);
        let ids: Vec<Uuid> = session.with_untracked(|s| {
            s.as_ref()
                .map(|s| s.voice.media_for(prompt))
                .unwrap_or_default()
        });
        spawn_local(async move {
            for id in ids {
                let Some(a) = child_session::load_media(id).await else {
                    continue;
                };
                if a.attachment.is_audio() {
                    continue;
                }
                drawing_id.set_value(Some(id));
                saved.set(true);
                let Ok(img) = web_sys::HtmlImageElement::new() else {
                    return;
                };
                let (el, img2) = (el.clone(), img.clone());
                let onload = Closure::once_into_js(move || {
                    if let Some(cx) = canvas::context(&el) {
                        let _ = cx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
                    }
                });
                img.set_onload(Some(onload.unchecked_ref()));
                img.set_src(&format!(
                    "data:{};base64,{}",
                    a.attachment.media_type, a.data
                ));
            }
        });
    });

    let keep = move || {
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        let (id, new) = match drawing_id.get_value() {
            Some(id) => (id, false),
            None => (Uuid::now_v7(), true),
        };
        let Some(Ok(attachment)) = canvas::png(&el, id) else {
            return;
        };
        drawing_id.set_value(Some(id));
        spawn_local(async move {
            if child_session::save_media(&attachment).await.is_ok() {
                if new {
                    child_session::update(session, |s| {
                        s.voice.add_media(id, prompt);
                        s.voice.set_skipped(prompt, false);
                    });
                }
                saved.set(true);
            }
        });
    };

    let down = move |ev: web_sys::PointerEvent| {
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        ev.prevent_default();
        let _ = el.set_pointer_capture(ev.pointer_id());
        let p = point(&el, &ev);
        line(&el, tool.get_untracked(), p, p);
        last.set_value(Some(p));
    };
    let moved = move |ev: web_sys::PointerEvent| {
        let (Some(el), Some(from)) = (canvas.get_untracked(), last.get_value()) else {
            return;
        };
        let p = point(&el, &ev);
        line(&el, tool.get_untracked(), from, p);
        last.set_value(Some(p));
    };
    let up = move |_| {
        if last.get_value().is_some() {
            last.set_value(None);
            keep();
        }
    };
    let key = move |ev: web_sys::KeyboardEvent| {
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-STEP, 0.0),
            "ArrowRight" => (STEP, 0.0),
            "ArrowUp" => (0.0, -STEP),
            "ArrowDown" => (0.0, STEP),
            _ => return,
        };
        ev.prevent_default();
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        let from = cursor.get_value();
        let to = (
            (from.0 + dx).clamp(0.0, f64::from(WIDTH)),
            (from.1 + dy).clamp(0.0, f64::from(HEIGHT)),
        );
        cursor.set_value(to);
        if !ev.shift_key() {
            line(&el, tool.get_untracked(), from, to);
            keep();
        }
    };
    let clear = move |_| {
        if let Some(el) = canvas.get_untracked() {
            blank(&el);
        }
        saved.set(false);
        if let Some(id) = drawing_id.get_value() {
            drawing_id.set_value(None);
            child_session::update(session, |s| s.voice.remove_media(id));
            spawn_local(async move {
                let _ = child_session::delete_media(id).await;
            });
        }
    };

    let tools = (0..=RUBBER).map(move |i| {
        let (label, colour) = PENS.get(i).copied().unwrap_or((Key::Eraser, PAPER));
        let swatch = if i == RUBBER {
            view! {
                <svg viewBox="0 0 24 24" class="child-swatch" aria-hidden="true" focusable="false">
                    <rect x="3" y="8" width="18" height="10" rx="2" fill="#f5b7c4" stroke="#555" transform="rotate(-20 12 12)" />
                </svg>
            }
            .into_any()
        } else {
            view! {
                <svg viewBox="0 0 24 24" class="child-swatch" aria-hidden="true" focusable="false">
                    <circle cx="12" cy="12" r="10" fill=colour stroke="#333" />
                </svg>
            }
            .into_any()
        };
        view! {
            <button
                type="button"
                class="child-tool"
                aria-pressed=move || (tool.get() == i).to_string()
                on:click=move |_| tool.set(i)
            >
                {swatch}
                <span>{move || i18n.t(label)}</span>
            </button>
        }
    });

    view! {
        <div class="child-drawing">
            <div class="child-tools" role="group" aria-label=move || i18n.t(Key::PensLabel)>
                {tools.collect_view()}
                <button type="button" class="child-tool" on:click=clear>
                    {move || i18n.t(Key::ClearDrawing)}
                </button>
            </div>
            <p class="child-hint" id="drawing-hint">{move || i18n.t(Key::DrawingHint)}</p>
            <canvas
                node_ref=canvas
                class="child-canvas"
                width=WIDTH
                height=HEIGHT
                tabindex="0"
                role="img"
                aria-label=move || i18n.t(Key::DrawingArea)
                aria-describedby="drawing-hint"
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
                on:lostpointercapture=up
                on:keydown=key
            ></canvas>
            <p class="child-status" role="status">
                {move || saved.get().then(|| i18n.t(Key::DrawingSaved))}
            </p>
        </div>
    }
}
