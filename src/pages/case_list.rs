use crate::components::case_card::CaseCard;
use crate::i18n::{use_i18n, Key};
use crate::state::{use_app, CaseRow};
use homeward_core::summary::urgency;
use leptos::prelude::*;

/// Cards shown at first, and added by each "Show more".
const PAGE: usize = 100;

/// How the dashboard is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Name,
    Level,
    Stage,
    Review,
}

impl SortBy {
    const ALL: [(SortBy, &'static str, Key); 4] = [
        (SortBy::Name, "name", Key::SortName),
        (SortBy::Level, "level", Key::SortLevel),
        (SortBy::Stage, "stage", Key::SortStage),
        (SortBy::Review, "review", Key::SortReview),
    ];

    fn parse(s: &str) -> SortBy {
        SortBy::ALL
            .iter()
            .find(|(_, v, _)| *v == s)
            .map_or(SortBy::Name, |(k, _, _)| *k)
    }
}

/// The caseload's order: each case's lower-cased name (what a search matches) with its place
/// in `rows`, sorted. Worked out once per change of the caseload or of the order, so that a
/// keystroke only filters it: a search across thousands of cases must keep up with typing.
fn ordered(rows: &[CaseRow], by: SortBy) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.child_name.to_lowercase(), i))
        .collect();
    let s = |i: usize| &rows[i].summary;
    match by {
        SortBy::Name => v.sort_by(|a, b| a.0.cmp(&b.0)),
        SortBy::Level => {
            v.sort_by(|a, b| (urgency(s(a.1).level), &a.0).cmp(&(urgency(s(b.1).level), &b.0)))
        }
        SortBy::Stage => v.sort_by(|a, b| (s(a.1).stage, &a.0).cmp(&(s(b.1).stage, &b.0))),
        // Cases without a review date go last.
        SortBy::Review => v.sort_by(|a, b| {
            let key = |i: usize| (s(i).next_review.is_none(), s(i).next_review);
            (key(a.1), &a.0).cmp(&(key(b.1), &b.0))
        }),
    }
    v
}

/// What identifies a card's content: a row whose key is unchanged is not re-rendered.
fn row_key(r: &CaseRow) -> (uuid::Uuid, String, String) {
    (
        r.id,
        r.child_name.clone(),
        format!("{:?}{:?}{}", r.date_of_birth, r.summary, r.needs_review),
    )
}

/// The worker's dashboard: every case on this device, searchable and sortable. Everything it
/// shows was loaded once into the app state; rendering reads no storage.
#[component]
pub fn CaseList() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new("name".to_string());
    let order = Memo::new(move |_| {
        let by = SortBy::parse(&sort.get());
        app.cases.with(|cases| ordered(cases, by))
    });
    // The places in `app.cases` of the cases found, in order.
    let shown = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        order.with(|o| {
            o.iter()
                .filter(|(name, _)| name.contains(&q))
                .map(|(_, i)| *i)
                .collect::<Vec<usize>>()
        })
    });
    let total = move || app.cases.with(Vec::len);
    // Only a manager has a sign-off queue.
    let is_manager = move || {
        app.me.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.role == homeward_core::api::Role::Manager)
        })
    };
    let waiting = move || {
        app.cases
            .with(|c| c.iter().filter(|r| r.summary.awaiting_sign_off > 0).count())
    };
    // Thousands of cards at once would make the tablet sluggish; show a page at a time.
    let limit = RwSignal::new(PAGE);
    let page = Memo::new(move |_| {
        let n = limit.get();
        shown.with(|s| {
            app.cases.with(|cases| {
                s.iter()
                    .take(n)
                    .filter_map(|&i| cases.get(i).cloned())
                    .collect::<Vec<CaseRow>>()
            })
        })
    });
    let more = move || shown.with(Vec::len).saturating_sub(limit.get()).min(PAGE);
    view! {
        <section class="panel">
            <div class="panel-head">
                <h1>{move || i18n.t(Key::Cases)}</h1>
                <div class="head-actions">
                    <Show when=is_manager>
                        <a class="button" href="/sign-off">
                            {move || i18n.tf(Key::SignOffQueueLink, &[("n", &waiting().to_string())])}
                        </a>
                    </Show>
                    <a class="button button-primary" href="/cases/new">{move || i18n.t(Key::NewCase)}</a>
                </div>
            </div>
            <Show
                when=move || total() != 0
                fallback=move || view! { <p class="empty">{move || i18n.t(Key::NoCases)}</p> }
            >
                <div class="list-tools">
                    <div class="field">
                        <label for="case-search">{move || i18n.t(Key::SearchByName)}</label>
                        <input id="case-search" type="search" autocomplete="off" bind:value=query />
                    </div>
                    <div class="field">
                        <label for="case-sort">{move || i18n.t(Key::SortBy)}</label>
                        <select
                            id="case-sort"
                            on:change=move |ev| sort.set(event_target_value(&ev))
                            prop:value=move || sort.get()
                        >
                            {SortBy::ALL
                                .iter()
                                .map(|(_, v, k)| {
                                    let k = *k;
                                    view! { <option value=*v>{move || i18n.t(k)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <p class="list-count" aria-live="polite">
                    {move || {
                        i18n.tf(
                            Key::ShowingCases,
                            &[("n", &shown.with(Vec::len).to_string()), ("total", &total().to_string())],
                        )
                    }}
                </p>
                <Show when=move || shown.with(|s| s.is_empty())>
                    <p class="empty">{move || i18n.t(Key::NoMatch)}</p>
                </Show>
                <ul class="case-list">
                    <For
                        each=move || page.get()
                        key=row_key
                        children=|row| view! { <CaseCard row=row /> }
                    />
                </ul>
                <Show when=move || more() != 0>
                    <button class="button show-more" type="button" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {move || i18n.tf(Key::ShowMore, &[("n", &more().to_string())])}
                    </button>
                </Show>
            </Show>
        </section>
    }
}
