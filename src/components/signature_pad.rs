use crate::canvas;
use crate::case_data::{keep_draft, save_items_with, CaseCtx};
use crate::components::field::Field;
use crate::components::radio_group::RadioGroup;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::agreement::{Signatory, Signature};
use homeward_core::sync::Entity;
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use web_sys::HtmlCanvasElement;

const WIDTH: u32 = 600;
const HEIGHT: u32 = 200;

fn blank(canvas: &HtmlCanvasElement) {
    canvas::fill(canvas, "#ffffff", WIDTH, HEIGHT);
    if let Some(cx) = canvas::context(canvas) {
        // The line to sign on, as on paper.
        cx.set_stroke_style_str("#9aa5a3");
        cx.set_line_width(2.0);
        cx.begin_path();
        cx.move_to(20.0, 160.0);
        cx.line_to(f64::from(WIDTH) - 20.0, 160.0);
        cx.stroke();
    }
}

fn point(canvas: &HtmlCanvasElement, ev: &web_sys::PointerEvent) -> (f64, f64) {
    canvas::point(canvas, ev, WIDTH, HEIGHT)
}

fn stroke(canvas: &HtmlCanvasElement, from: (f64, f64), to: (f64, f64)) {
    canvas::line(canvas, "#10245e", 3.5, from, to);
}

/// Signing the final agreement on screen with a finger, stylus or mouse. The drawing becomes an
/// image attachment with a uuid fixed before the first try, written in one transaction with the
/// agreement that names it: a retry, a second tap or a sync after a day offline can neither lose
/// the signature nor count it twice.
#[component]
pub fn SignaturePad(case: CaseCtx, agreement_id: Uuid, child_name: String) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let canvas = NodeRef::<Canvas>::new();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(labels::enum_value(Signatory::Parent));
    keep_draft(
        format!("{case_id}/signature/{agreement_id}"),
        vec![name, role],
    );
    let last = StoredValue::new(None::<(f64, f64)>);
    let inked = RwSignal::new(false);
    let signing_id = StoredValue::new(Uuid::now_v7());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Key>);
    let done = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        if let Some(el) = canvas.get() {
            blank(&el);
        }
    });
    let down = move |ev: web_sys::PointerEvent| {
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        ev.prevent_default();
        let _ = el.set_pointer_capture(ev.pointer_id());
        let p = point(&el, &ev);
        stroke(&el, p, p);
        last.set_value(Some(p));
        inked.set(true);
        done.set(None);
    };
    let moved = move |ev: web_sys::PointerEvent| {
        let (Some(el), Some(from)) = (canvas.get_untracked(), last.get_value()) else {
            return;
        };
        let p = point(&el, &ev);
        stroke(&el, from, p);
        last.set_value(Some(p));
    };
    let up = move |_| last.set_value(None);
    let clear = move |_| {
        if let Some(el) = canvas.get_untracked() {
            blank(&el);
        }
        inked.set(false);
    };
    let sign = move |_| {
        if busy.get_untracked() {
            return;
        }
        done.set(None);
        let signer = name.get_untracked().trim().to_string();
        if signer.is_empty() {
            error.set(Some(Key::AgrNoSignatoryName));
            return;
        }
        if !inked.get_untracked() {
            error.set(Some(Key::SignFirst));
            return;
        }
        let Some(role) =
            crate::components::classify_form::parse::<Signatory>(&role.get_untracked())
        else {
            return;
        };
        let id = signing_id.get_value();
        let Some(png) = canvas.get_untracked().and_then(|el| canvas::png(&el, id)) else {
            return;
        };
        let Ok(attachment) = png else {
            error.set(Some(Key::SignSaveFailed));
            return;
        };
        let Some(mut a) = case.data.with_untracked(|d| {
            d.as_ref().and_then(|d| {
                d.file
                    .agreements
                    .iter()
                    .find(|a| a.id == agreement_id)
                    .cloned()
            })
        }) else {
            return;
        };
        let added = a.add_signature(Signature {
            name: signer.clone(),
            role,
            on: format::today(),
            drawing: Some(id.to_string()),
            at: Some(chrono::Utc::now()),
        });
        if let Err(e) = added {
            error.set(Some(labels::agreement_error(&e)));
            return;
        }
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let items = serde_json::to_value(&attachment.attachment)
                .and_then(|att| Ok((att, serde_json::to_value(&a)?)));
            let r = match items {
                Ok((att, agr)) => {
                    save_items_with(
                        case_id,
                        &[
                            (Entity::Attachment, id, att),
                            (Entity::Agreement, a.id, agr),
                        ],
                        vec![attachment],
                    )
                    .await
                }
                Err(e) => Err(e.into()),
            };
            busy.set(false);
            match r {
                Ok(()) => {
                    signing_id.set_value(Uuid::now_v7());
                    if let Some(el) = canvas.get_untracked() {
                        blank(&el);
                    }
                    inked.set(false);
                    name.set(String::new());
                    done.set(Some(signer));
                }
                Err(_) => error.set(Some(Key::SignSaveFailed)),
            }
        });
    };
    let roles = vec![("parent", Key::SignerParent), ("child", Key::SignerChild)];
    let none = Signal::derive(|| None::<Key>);
    let name_error = Signal::derive(move || error.get().filter(|e| *e == Key::AgrNoSignatoryName));
    view! {
        <section class="sign no-print" aria-labelledby="sign-h">
            <h2 id="sign-h">{move || i18n.t(Key::SignTitle)}</h2>
            <p>{move || i18n.tf(Key::SignIntro, &[("child", &child_name)])}</p>
            <div class="grid-form">
                <Field id="signer-name" label=Key::SignerName value=name error=name_error />
                <RadioGroup name="signer-role" legend=Key::SignerRole options=roles value=role error=none />
            </div>
            <p class="hint" id="signature-hint">{move || i18n.t(Key::SignHint)}</p>
            <canvas
                node_ref=canvas
                class="signature-canvas"
                width=WIDTH
                height=HEIGHT
                role="img"
                aria-label=move || i18n.t(Key::SignArea)
                aria-describedby="signature-hint"
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
                on:lostpointercapture=up
            ></canvas>
            {move || {
                error.get().filter(|e| *e != Key::AgrNoSignatoryName)
                    .map(|e| view! { <p class="error" role="alert">{i18n.t(e)}</p> })
            }}
            <div class="actions">
                <button type="button" class="button" on:click=clear>{move || i18n.t(Key::SignClear)}</button>
                <button type="button" class="button button-primary" on:click=sign disabled=move || busy.get()>
                    {move || i18n.t(Key::SignButton)}
                </button>
            </div>
            <p class="ok" aria-live="polite">
                {move || done.get().map(|n| i18n.tf(Key::SignedThanks, &[("name", &n)]))}
            </p>
        </section>
    }
}
