use crate::case_data::use_case;
use crate::components::signature_pad::SignaturePad;
use crate::components::stored_attachment::StoredAttachment;
use crate::components::traffic_light::TrafficLight;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels;
use homeward_core::agreement::{self, Signature};
use homeward_core::attachment::Attachment;
use homeward_core::sync::Entity;
use leptos::prelude::*;

/// The written agreement as the parents read it: plain words, the traffic-light picture of where
/// things are now, printable on A4, and signed on screen by the parents (and the child where
/// appropriate).
#[component]
pub fn AgreementParents() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let name = move || case.row().map(|r| r.child_name).unwrap_or_default();
    let back = move || case.id.get().map(|id| format!("/cases/{id}/agreement"));
    let print = move |_| {
        let _ = window().print();
    };
    let current = move || {
        case.data.with(|d| {
            d.as_ref()
                .map(|d| agreement::current(&d.file.agreements).cloned())
        })
    };
    // The signing form is rebuilt only when another agreement becomes the one to sign.
    let to_sign = Memo::new(move |_| {
        current()
            .flatten()
            .filter(|a| a.finalised_on.is_some())
            .map(|a| a.id)
    });
    let signature_view = move |s: Signature| {
        let lang = i18n.lang.get();
        let drawing = s.drawing.as_ref().and_then(|id| {
            let case_id = case.id.get()?;
            case.data.with(|d| {
                d.as_ref()?
                    .with_ids::<Attachment>(Entity::Attachment)
                    .into_iter()
                    .find(|(rid, _)| rid.to_string() == *id)
                    .map(|(_, a)| (case_id, a))
            })
        });
        let when = match s.at {
            Some(at) => i18n.tf(
                Key::SignedOnAt,
                &[
                    ("date", &format::date(lang, s.on)),
                    ("time", &format::time(lang, at.timestamp_millis() as f64)),
                ],
            ),
            None => i18n.tf(Key::SignedOn, &[("date", &format::date(lang, s.on))]),
        };
        let alt = i18n.tf(Key::SignatureOf, &[("name", &s.name)]);
        view! {
            <li class="signature">
                {drawing
                    .map(|(case_id, a)| {
                        view! {
                            <StoredAttachment case_id=case_id attachment=a label=alt.clone() class="signature-image" />
                        }
                    })}
                <p><strong>{s.name.clone()}</strong> " (" {i18n.t(labels::signatory(s.role))} ") " {when}</p>
            </li>
        }
    };
    let body = move || {
        let Some(current) = current() else {
            return view! { <p class="loading">{i18n.t(Key::Loading)}</p> }.into_any();
        };
        let Some(a) = current else {
            return view! { <p>{i18n.t(Key::AgrNone)}</p> }.into_any();
        };
        let lang = i18n.lang.get();
        let draft = a.finalised_on.is_none();
        let goals = a
            .goals
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let n = (i + 1).to_string();
                let steps = g.steps.clone();
                view! {
                    <li class="parent-goal">
                        <h3>{i18n.tf(Key::GoalN, &[("n", &n)])} ": " {g.what.clone()}</h3>
                        <dl>
                            <dt>{i18n.t(Key::PWho)}</dt><dd>{g.who.clone()}</dd>
                            <dt>{i18n.t(Key::PSteps)}</dt>
                            <dd><ol>{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol></dd>
                            <dt>{i18n.t(Key::PHelp)}</dt><dd>{g.support.clone()}</dd>
                            <dt>{i18n.t(Key::PKnow)}</dt><dd>{g.measure.clone()}</dd>
                            <dt>{i18n.t(Key::PBy)}</dt>
                            <dd>{g.target_date.map(|d| format::date(lang, d)).unwrap_or_default()}</dd>
                        </dl>
                    </li>
                }
            })
            .collect_view();
        let expectations = a
            .expectations
            .iter()
            .map(|e| {
                let by =
                    e.by.map(|d| i18n.tf(Key::PByDate, &[("date", &format::date(lang, d))]))
                        .unwrap_or_default();
                view! { <li><strong>{e.who.clone()}</strong> ": " {e.what.clone()} " " {by}</li> }
            })
            .collect_view();
        let signatures = a.signatures.clone();
        view! {
            {draft.then(|| view! { <p class="alert-box">{i18n.t(Key::PDraftNote)}</p> })}
            <section aria-labelledby="p-objectives">
                <h2 id="p-objectives">{i18n.t(Key::PObjectives)}</h2>
                <ul>{a.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
            </section>
            <section aria-labelledby="p-goals">
                <h2 id="p-goals">{i18n.t(Key::PGoals)}</h2>
                <ol class="parent-goals">{goals}</ol>
            </section>
            {(!a.expectations.is_empty()).then(|| view! {
                <section aria-labelledby="p-expect">
                    <h2 id="p-expect">{i18n.t(Key::PExpect)}</h2>
                    <ul>{expectations}</ul>
                </section>
            })}
            <section aria-labelledby="p-review">
                <h2 id="p-review">{i18n.t(Key::PReview)}</h2>
                <p>{a.review_arrangements.clone()}</p>
            </section>
            <section aria-labelledby="p-consequences">
                <h2 id="p-consequences">{i18n.t(Key::PConsequences)}</h2>
                <p>{a.consequences.clone()}</p>
            </section>
            <section aria-labelledby="p-signatures" class="signatures">
                <h2 id="p-signatures">{i18n.t(Key::PSignatures)}</h2>
                {if signatures.is_empty() {
                    view! { <p class="muted">{i18n.t(Key::PNoSignatures)}</p> }.into_any()
                } else {
                    view! { <ul class="signature-list">{signatures.into_iter().map(signature_view).collect_view()}</ul> }.into_any()
                }}
            </section>
        }
        .into_any()
    };
    view! {
        <section class="panel parents-agreement">
            <p class="no-print link-line"><a href=back>{move || i18n.t(Key::BackToAgreement)}</a></p>
            <h1>{move || i18n.tf(Key::PTitle, &[("child", &name())])}</h1>
            <p class="lead">{move || i18n.tf(Key::PIntro, &[("child", &name())])}</p>
            {move || view! { <TrafficLight level=case.row().and_then(|r| r.summary.level) /> }}
            {body}
            {move || to_sign.get().map(|id| view! { <SignaturePad case=case agreement_id=id child_name=untrack(name) /> })}
            <div class="actions no-print">
                <button type="button" class="button button-primary" on:click=print>{move || i18n.t(Key::PPrint)}</button>
            </div>
        </section>
    }
}
