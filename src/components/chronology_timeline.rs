use crate::components::chronology_form::EntryFields;
use crate::i18n::{use_i18n, I18n, Key};
use crate::labels;
use homeward_core::chronology::ChronologyEntry;
use homeward_core::genogram::Genogram;
use leptos::prelude::*;
use uuid::Uuid;

/// Entries drawn in one go: many screens' worth, and little enough to draw within a frame.
pub const PAGE: usize = 100;

/// How many pages of `total` entries `drawn` entries fill.
fn pages(drawn: usize, total: usize) -> usize {
    drawn.min(total).div_ceil(PAGE)
}

/// The entries of a chronology as a timeline, drawn a page at a time: the first page at once and
/// each next one in the frame after, until all are drawn.
///
/// A long-running case has a thousand entries or more. Drawing them all before the page shows
/// kept the worker waiting a fifth of a second on a fast machine; this way the first screens
/// show at once and the rest follow while the worker reads, and nothing needs a tap to appear
/// (the whole history is there for reading, printing and finding in the page). `drawn` is the
/// parent's, so a new filter can start again from the top.
#[component]
pub fn ChronologyTimeline(
    entries: Memo<Vec<ChronologyEntry>>,
    genogram: Signal<Genogram>,
    fields: EntryFields,
    drawn: RwSignal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let total = entries.with(Vec::len);
        if drawn.get() < total {
            // After this frame is painted; the page may be gone by then, so try_update.
            request_animation_frame(move || {
                drawn.try_update(|d| *d += PAGE);
            });
        }
    });
    let page_count = move || pages(drawn.get(), entries.with(Vec::len));
    view! {
        <ol class="timeline">
            <For
                each=move || 0..page_count()
                key=|page| *page
                children=move |page| {
                    move || {
                        let names = genogram.get();
                        entries.with(|all| {
                            let start = (page * PAGE).min(all.len());
                            let end = (start + PAGE).min(all.len());
                            all[start..end]
                                .iter()
                                .map(|e| timeline_entry(e, &names, i18n, entries, fields))
                                .collect_view()
                        })
                    }
                }
            />
        </ol>
    }
}

/// One entry of the timeline, with the button that puts it in the form for correcting. A plain
/// function, not a component: it borrows the entry from the list rather than taking a copy.
fn timeline_entry(
    e: &ChronologyEntry,
    names: &Genogram,
    i18n: I18n,
    entries: Memo<Vec<ChronologyEntry>>,
    fields: EntryFields,
) -> impl IntoView {
    let id: Uuid = e.id;
    let kids = e
        .children
        .iter()
        .filter_map(|c| names.name_of(*c))
        .collect::<Vec<_>>()
        .join(", ");
    let factors = e
        .factor_ids
        .iter()
        .map(|f| labels::factor_name(&i18n, f))
        .collect::<Vec<_>>()
        .join("; ");
    let edit_label = format!("{} – {}", i18n.t(Key::Edit), e.date);
    view! {
        <li class="entry">
            <p class="entry-date">{e.date.to_string()}</p>
            <div class="entry-body">
                <p class="entry-tags">
                    <span class="tag">{i18n.t(labels::area(e.area))}</span>
                    <span class="tag">{i18n.t(labels::source(e.source))}{(!e.source_detail.is_empty()).then(|| format!(": {}", e.source_detail))}</span>
                    {(!kids.is_empty()).then(|| view! { <span class="tag">{kids}</span> })}
                </p>
                <p>{e.what.clone()}</p>
                {(!e.analysis.is_empty()).then(|| view! { <p class="analysis"><strong>{i18n.t(Key::Analysis)} ": "</strong>{e.analysis.clone()}</p> })}
                {(!factors.is_empty()).then(|| view! { <p class="muted">{i18n.tf(Key::Evidences, &[("list", &factors)])}</p> })}
                <button class="button" type="button" aria-label=edit_label on:click=move |_| {
                    // Looked up on the tap, not copied into each of a thousand buttons.
                    let Some(e) = entries.with_untracked(|v| v.iter().find(|e| e.id == id).cloned()) else {
                        return;
                    };
                    fields.load(&e);
                    if let Some(el) = document().get_element_by_id("entry-date") {
                        use wasm_bindgen::JsCast;
                        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() { let _ = el.focus(); }
                    }
                }>{i18n.t(Key::Edit)}</button>
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thousand_entries_are_ten_pages_and_a_few_are_one() {
        assert_eq!(pages(PAGE, 1000), 1);
        assert_eq!(pages(1000, 1000), 10);
        assert_eq!(pages(1100, 1000), 10);
        assert_eq!(pages(PAGE, 3), 1);
        assert_eq!(pages(PAGE, 0), 0);
        assert_eq!(pages(2 * PAGE, 150), 2);
    }
}
