use crate::genogram_layout::{layout, DY};
use crate::i18n::{use_i18n, Key};
use homeward_core::genogram::{Genogram, Relation, Sex};
use leptos::prelude::*;
use uuid::Uuid;

/// Half the size of a symbol: symbols are 44 units, the minimum touch target.
const R: f64 = 22.0;

/// Where a name's first line sits below its symbol's centre, and the step to the next line.
const NAME_Y: f64 = R + 20.0;
const NAME_LINE: f64 = 17.0;

/// Just below the last line of a name drawn under a symbol centred at height `y`.
fn below_name(y: f64, name: &str) -> f64 {
    y + NAME_Y + (lines(name).len() - 1) as f64 * NAME_LINE + 6.0
}

/// Splits a name over at most two short lines under the symbol.
fn lines(name: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for word in name.split_whitespace() {
        let last = out.last_mut().map(|l| l.len()).unwrap_or(0);
        if last > 0 && last + word.len() > 16 && out.len() < 2 {
            out.push(String::new());
        }
        if let Some(l) = out.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    out
}

/// The genogram drawn with the usual symbols: square male, circle female, diamond other or
/// unknown; a cross over someone who has died; a double outline for the child; solid lines for
/// partners, slashed for separated, lines down to children (dashed for step-parents), and a
/// dashed outline round the household. With `on_select`, each person is a button.
#[component]
pub fn GenogramSvg(
    genogram: Genogram,
    #[prop(optional)] on_select: Option<Callback<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = layout(&genogram);
    let pos = |id: &Uuid| l.at.get(id).copied();
    let mut lines_view = Vec::new();
    // Partners and separated couples.
    for r in &genogram.relationships {
        let (Some(a), Some(b)) = (pos(&r.from), pos(&r.to)) else {
            continue;
        };
        match r.relation {
            Relation::Partners | Relation::ExPartners => {
                let (x1, x2) = if a.0 < b.0 {
                    (a.0 + R, b.0 - R)
                } else {
                    (b.0 + R, a.0 - R)
                };
                let y = a.1.max(b.1);
                lines_view
                    .push(view! { <line x1=x1 y1=y x2=x2 y2=y class="rel-partner" /> }.into_any());
                if r.relation == Relation::ExPartners {
                    let mx = (x1 + x2) / 2.0;
                    lines_view.push(view! {
                        <line x1=mx - 8.0 y1=y + 10.0 x2=mx - 2.0 y2=y - 10.0 class="rel-partner" />
                        <line x1=mx + 2.0 y1=y + 10.0 x2=mx + 8.0 y2=y - 10.0 class="rel-partner" />
                    }.into_any());
                }
            }
            Relation::StepParentOf => {
                let mid = a.1 + DY / 2.0;
                let d = format!("M{},{} V{} H{} V{}", a.0, a.1 + R, mid + 8.0, b.0, b.1 - R);
                lines_view.push(view! { <path d=d class="rel-step" /> }.into_any());
            }
            Relation::GrandparentOf | Relation::RelativeOf | Relation::CarerOf => {
                lines_view.push(
                    view! { <line x1=a.0 y1=a.1 x2=b.0 y2=b.1 class="rel-other" /> }.into_any(),
                );
            }
            Relation::ParentOf | Relation::Siblings | Relation::HalfSiblings => {}
        }
    }
    // Children hang from the middle of their parents.
    for child in &genogram.people {
        let parents: Vec<(&str, (f64, f64))> = genogram
            .parents_of(child.id)
            .iter()
            .filter_map(|id| Some((genogram.name_of(*id)?, pos(id)?)))
            .collect();
        let Some(c) = pos(&child.id) else { continue };
        // From the couple's line, or from just below a single parent's name (any lower and the
        // line looks cut off from the parent it leaves).
        let sy = match parents.as_slice() {
            [(_, a), (_, b)] => a.1.max(b.1),
            [(name, a), ..] => below_name(a.1, name),
            [] => continue,
        };
        let sx = parents.iter().map(|(_, p)| p.0).sum::<f64>() / parents.len() as f64;
        let mid = (c.1 - DY / 2.0).max(sy);
        let d = format!("M{sx},{sy} V{mid} H{} V{}", c.0, c.1 - R);
        lines_view.push(view! { <path d=d class="rel-child" /> }.into_any());
    }
    // The household the child would return to.
    let household: Vec<(f64, f64)> = genogram
        .people
        .iter()
        .filter(|p| p.in_household)
        .filter_map(|p| pos(&p.id))
        .collect();
    let outline = (!household.is_empty()).then(|| {
        let pad = R + 14.0;
        let x0 = household.iter().map(|p| p.0).fold(f64::MAX, f64::min) - pad;
        let x1 = household.iter().map(|p| p.0).fold(f64::MIN, f64::max) + pad;
        let y0 = household.iter().map(|p| p.1).fold(f64::MAX, f64::min) - pad;
        let y1 = household.iter().map(|p| p.1).fold(f64::MIN, f64::max) + pad + 30.0;
        view! { <rect x=x0 y=y0 width=x1 - x0 height=y1 - y0 rx="16" class="household" /> }
    });
    let people = genogram
        .people
        .iter()
        .filter_map(|p| {
            let (x, y) = pos(&p.id)?;
            let shape = match p.sex {
                Sex::Male => view! { <rect x=x - R y=y - R width=R * 2.0 height=R * 2.0 class="symbol" /> }.into_any(),
                Sex::Female => view! { <circle cx=x cy=y r=R class="symbol" /> }.into_any(),
                Sex::Other | Sex::Unknown => {
                    let d = format!("M{x},{} L{},{y} L{x},{} L{},{y} Z", y - R - 4.0, x + R + 4.0, y + R + 4.0, x - R - 4.0);
                    view! { <path d=d class="symbol" /> }.into_any()
                }
            };
            let inner = p.subject_child.then(|| match p.sex {
                Sex::Male => view! { <rect x=x - R + 5.0 y=y - R + 5.0 width=R * 2.0 - 10.0 height=R * 2.0 - 10.0 class="symbol-inner" /> }.into_any(),
                Sex::Female => view! { <circle cx=x cy=y r=R - 5.0 class="symbol-inner" /> }.into_any(),
                Sex::Other | Sex::Unknown => {
                    let d = format!("M{x},{} L{},{y} L{x},{} L{},{y} Z", y - R + 4.0, x + R - 4.0, y + R - 4.0, x - R + 4.0);
                    view! { <path d=d class="symbol-inner" /> }.into_any()
                }
            });
            let cross = p.deceased.then(|| view! {
                <line x1=x - R y1=y - R x2=x + R y2=y + R class="deceased" />
                <line x1=x + R y1=y - R x2=x - R y2=y + R class="deceased" />
            });
            let text = lines(&p.name)
                .into_iter()
                .enumerate()
                .map(|(i, t)| view! { <tspan x=x y=y + NAME_Y + i as f64 * NAME_LINE>{t}</tspan> })
                .collect_view();
            let id = p.id;
            let name = p.name.clone();
            Some(match on_select {
                Some(cb) => view! {
                    <g
                        class="person person-button"
                        role="button"
                        tabindex="0"
                        aria-label=move || i18n.tf(Key::EditPersonNamed, &[("name", &name)])
                        on:click=move |_| cb.run(id)
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                cb.run(id);
                            }
                        }
                    >
                        {shape}{inner}{cross}
                        <text class="person-name" text-anchor="middle">{text}</text>
                    </g>
                }.into_any(),
                None => view! {
                    <g class="person">{shape}{inner}{cross}<text class="person-name" text-anchor="middle">{text}</text></g>
                }.into_any(),
            })
        })
        .collect_view();
    let n = genogram.people.len().to_string();
    view! {
        <figure class="genogram">
            <svg
                viewBox=format!("0 0 {} {}", l.width.max(200.0), l.height.max(160.0))
                role="group"
                aria-label=move || i18n.tf(Key::GenogramDesc, &[("n", &n)])
            >
                {outline}
                {lines_view}
                {people}
            </svg>
            <figcaption class="muted">{move || i18n.t(Key::GenogramKey)}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_from_a_single_parent_starts_just_below_the_last_line_of_their_name() {
        let one = below_name(100.0, "Eirlys");
        let last_line = 100.0 + NAME_Y;
        assert!(one > last_line && one < last_line + NAME_LINE, "{one}");
        let two = below_name(100.0, "Cerys's father (not in contact)");
        assert_eq!(lines("Cerys's father (not in contact)").len(), 2);
        assert!((two - one - NAME_LINE).abs() < f64::EPSILON, "{one} {two}");
        // It still meets the bar above the children, half a generation below the parent.
        assert!(two < 100.0 + DY / 2.0);
    }
}
