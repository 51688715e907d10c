use crate::format;
use crate::i18n::{use_i18n, Key};
use homeward_core::factors::Presence;
use homeward_core::practice::CaseFile;
use leptos::prelude::*;

/// What the case file holds as evidence, at a glance, for the manager deciding a sign-off: the
/// case history, the factors and how many are addressed, capacity ratings, the child's voice,
/// reviews, agreements and the return plan.
#[component]
pub fn EvidenceSummary(file: CaseFile) -> impl IntoView {
    let i18n = use_i18n();
    let n = |v: usize| v.to_string();
    let present = file
        .factors
        .iter()
        .filter(|f| f.presence == Presence::Present)
        .count();
    let addressed = file
        .factors
        .iter()
        .filter(|f| f.presence == Presence::Addressed)
        .count();
    let alone = file.voices.iter().filter(|v| v.seen_alone).count();
    let held: Vec<_> = file.reviews.iter().filter_map(|r| r.held_on).collect();
    let last_review = held.iter().max().copied();
    let next = file.next_review();
    let plan = file.plan.clone();
    let open_actions = plan.open_actions().len();
    move || {
        let lang = i18n.lang.get();
        let items: Vec<String> = vec![
            i18n.tf(Key::EvChronology, &[("n", &n(file.chronology.len()))]),
            i18n.tf(
                Key::EvFactors,
                &[("present", &n(present)), ("addressed", &n(addressed))],
            ),
            i18n.tf(Key::EvCapacity, &[("n", &n(file.capacity.len()))]),
            i18n.tf(
                Key::EvVoices,
                &[("n", &n(file.voices.len())), ("alone", &n(alone))],
            ),
            match last_review {
                Some(d) => i18n.tf(
                    Key::EvReviews,
                    &[("n", &n(held.len())), ("date", &format::date(lang, d))],
                ),
                None => i18n.t(Key::EvNoReviews).to_string(),
            },
            i18n.tf(Key::EvAgreements, &[("n", &n(file.agreements.len()))]),
            i18n.tf(
                Key::EvPlan,
                &[
                    ("actions", &n(plan.actions.len())),
                    ("open", &n(open_actions)),
                    ("steps", &n(plan.contact.len())),
                ],
            ),
        ];
        view! {
            <ul class="evidence">
                {items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                {next.map(|d| view! { <li>{i18n.tf(Key::NextReview, &[("date", &format::date(lang, d))])}</li> })}
            </ul>
        }
    }
}
