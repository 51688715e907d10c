//! Drawing on a `<canvas>` with a finger, a stylus or a mouse: shared by the child's drawing pad
//! and the parents' signature pad.

use homeward_core::attachment::{AttachmentError, Content};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The canvas's drawing surface.
pub fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Fills the whole canvas (`width` by `height` canvas pixels) with `colour`.
pub fn fill(canvas: &HtmlCanvasElement, colour: &str, width: u32, height: u32) {
    if let Some(cx) = context(canvas) {
        cx.set_fill_style_str(colour);
        cx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    }
}

/// Where a pointer is, in canvas pixels: the canvas is drawn at `width` by `height` and shown
/// at whatever size the layout gives it.
pub fn point(
    canvas: &HtmlCanvasElement,
    ev: &web_sys::PointerEvent,
    width: u32,
    height: u32,
) -> (f64, f64) {
    let scale_x = f64::from(width) / f64::from(canvas.client_width().max(1));
    let scale_y = f64::from(height) / f64::from(canvas.client_height().max(1));
    (
        f64::from(ev.offset_x()) * scale_x,
        f64::from(ev.offset_y()) * scale_y,
    )
}

/// A round-ended line; from a point to itself it is a dot (a tap leaves a mark).
pub fn line(
    canvas: &HtmlCanvasElement,
    colour: &str,
    width: f64,
    from: (f64, f64),
    to: (f64, f64),
) {
    let Some(cx) = context(canvas) else {
        return;
    };
    cx.set_stroke_style_str(colour);
    cx.set_line_width(width);
    cx.set_line_cap("round");
    cx.set_line_join("round");
    cx.begin_path();
    cx.move_to(from.0, from.1);
    cx.line_to(to.0 + 0.01, to.1);
    cx.stroke();
}

/// What is on the canvas, as PNG attachment `id`; `None` if the browser cannot export it.
pub fn png(canvas: &HtmlCanvasElement, id: Uuid) -> Option<Result<Content, AttachmentError>> {
    let url = canvas.to_data_url().ok()?;
    let (_, data) = url.split_once(',')?;
    Some(Content::from_base64(id, "image/png", data))
}
