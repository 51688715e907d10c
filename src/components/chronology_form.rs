use crate::case_data::{keep_draft, save_item, CaseCtx};
use crate::components::classify_form::parse;
use crate::components::field::Field;
use crate::components::saved_note::SavedNote;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::labels::{self, enum_value};
use homeward_core::chronology::{Area, ChronologyEntry, ChronologyError, Source};
use homeward_core::partial_date::PartialDate;
use homeward_core::sync::Entity;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The entry form's fields as text, so the whole form is one draft.
#[derive(Clone, Copy)]
pub struct EntryFields {
    /// The id of the entry being edited; empty for a new entry.
    pub editing: RwSignal<String>,
    pub date: RwSignal<String>,
    pub area: RwSignal<String>,
    pub source: RwSignal<String>,
    pub source_detail: RwSignal<String>,
    pub what: RwSignal<String>,
    pub analysis: RwSignal<String>,
    /// Person ids, comma separated.
    pub children: RwSignal<String>,
    /// Factor ids, comma separated.
    pub factors: RwSignal<String>,
}

impl EntryFields {
    pub fn new() -> EntryFields {
        EntryFields {
            editing: RwSignal::new(String::new()),
            date: RwSignal::new(String::new()),
            area: RwSignal::new(enum_value(Area::PreviousAssessments)),
            source: RwSignal::new(enum_value(Source::CaseFile)),
            source_detail: RwSignal::new(String::new()),
            what: RwSignal::new(String::new()),
            analysis: RwSignal::new(String::new()),
            children: RwSignal::new(String::new()),
            factors: RwSignal::new(String::new()),
        }
    }

    fn all(&self) -> Vec<RwSignal<String>> {
        vec![
            self.editing,
            self.date,
            self.area,
            self.source,
            self.source_detail,
            self.what,
            self.analysis,
            self.children,
            self.factors,
        ]
    }

    /// Fills the form with an entry to edit.
    pub fn load(&self, e: &ChronologyEntry) {
        self.editing.set(e.id.to_string());
        self.date.set(e.date.to_string());
        self.area.set(enum_value(e.area));
        self.source.set(enum_value(e.source));
        self.source_detail.set(e.source_detail.clone());
        self.what.set(e.what.clone());
        self.analysis.set(e.analysis.clone());
        self.children.set(
            e.children
                .iter()
                .map(Uuid::to_string)
                .collect::<Vec<_>>()
                .join(","),
        );
        self.factors.set(e.factor_ids.join(","));
    }

    fn clear(&self) {
        let fresh = EntryFields::new();
        for (mine, new) in self.all().into_iter().zip(fresh.all()) {
            mine.set(new.get_untracked());
        }
    }
}

impl Default for EntryFields {
    fn default() -> Self {
        Self::new()
    }
}

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

fn toggle(set: RwSignal<String>, value: &str, on: bool) {
    let mut v = list(&set.get_untracked());
    v.retain(|x| x != value);
    if on {
        v.push(value.to_string());
    }
    set.set(v.join(","));
}

/// Add or edit one chronology entry. Its input is kept as a draft in IndexedDB while typed, so a
/// reload (even offline) or a locked tablet does not lose it.
#[component]
pub fn ChronologyForm(
    case: CaseCtx,
    fields: EntryFields,
    children: Vec<(Uuid, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case.id.get_untracked().unwrap_or_default();
    let draft = keep_draft(format!("{case_id}/chronology-entry"), fields.all());
    let typing = move || !fields.what.get().is_empty() || !fields.date.get().is_empty();
    let date_error = RwSignal::new(None::<Key>);
    let what_error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let date = PartialDate::parse(&fields.date.get_untracked());
        date_error.set(date.as_ref().err().map(labels::partial_date_error));
        let id =
            Uuid::parse_str(&fields.editing.get_untracked()).unwrap_or_else(|_| Uuid::now_v7());
        let (Ok(date), Some(area), Some(source)) = (
            date,
            parse::<Area>(&fields.area.get_untracked()),
            parse::<Source>(&fields.source.get_untracked()),
        ) else {
            what_error.set(
                fields
                    .what
                    .get_untracked()
                    .trim()
                    .is_empty()
                    .then_some(Key::ErrNoWhat),
            );
            return;
        };
        let before = case.data.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.file.chronology.iter().find(|e| e.id == id).cloned())
        });
        let entry = ChronologyEntry {
            id,
            date,
            source,
            source_detail: fields.source_detail.get_untracked().trim().to_string(),
            area,
            what: fields.what.get_untracked().trim().to_string(),
            analysis: fields.analysis.get_untracked().trim().to_string(),
            factor_ids: list(&fields.factors.get_untracked()),
            children: list(&fields.children.get_untracked())
                .iter()
                .filter_map(|s| Uuid::parse_str(s).ok())
                .collect(),
            event: before.as_ref().and_then(|b| b.event),
            engagement: before.as_ref().and_then(|b| b.engagement),
            recorded_by: before.map(|b| b.recorded_by).unwrap_or_else(|| case.me()),
        };
        match entry.validate(format::today()) {
            Ok(()) => {
                what_error.set(None);
                date_error.set(None);
            }
            Err(ChronologyError::NoWhat) => {
                what_error.set(Some(Key::ErrNoWhat));
                return;
            }
            Err(ChronologyError::Date(e)) => {
                what_error.set(None);
                date_error.set(Some(labels::partial_date_error(&e)));
                return;
            }
            Err(ChronologyError::TooLong | ChronologyError::EmptyFactorLink) => {
                what_error.set(Some(Key::ErrTooLong));
                return;
            }
        }
        spawn_local(async move {
            if save_item(case_id, Entity::ChronologyEntry, entry.id, &entry)
                .await
                .is_ok()
            {
                fields.clear();
                saved.set(true);
            }
        });
    };
    let select = move |id: &'static str,
                       label: Key,
                       value: RwSignal<String>,
                       options: Vec<(String, Key)>| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <select id=id on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                    {options.into_iter().map(|(v, k)| view! { <option value=v>{move || i18n.t(k)}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let child_boxes = children
        .into_iter()
        .map(|(pid, name)| {
            let id = format!("entry-child-{pid}");
            let v = pid.to_string();
            let v2 = v.clone();
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone()
                        prop:checked=move || list(&fields.children.get()).contains(&v)
                        on:change=move |ev| toggle(fields.children, &v2, event_target_checked(&ev)) />
                    <label for=id>{name}</label>
                </div>
            }
        })
        .collect_view();
    let factor_boxes = homeward_core::factors::annex1()
        .into_iter()
        .map(|f| {
            let id = format!("entry-factor-{}", f.id.replace('.', "-"));
            let (v, v2, fid) = (f.id.clone(), f.id.clone(), f.id.clone());
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone()
                        prop:checked=move || list(&fields.factors.get()).contains(&v)
                        on:change=move |ev| toggle(fields.factors, &v2, event_target_checked(&ev)) />
                    <label for=id>{move || labels::factor_name(&i18n, &fid)}</label>
                </div>
            }
        })
        .collect_view();
    let editing = move || !fields.editing.get().is_empty();
    view! {
        <h2 id="entry-form-h">{move || i18n.t(if editing() { Key::EditEntry } else { Key::AddEntry })}</h2>
        <form class="grid-form" on:submit=submit novalidate aria-labelledby="entry-form-h">
            <Field id="entry-date" label=Key::EntryDate value=fields.date error=Signal::derive(move || date_error.get()) hint=Key::EntryDateHint />
            {select("entry-area", Key::EntryArea, fields.area, homeward_core::chronology::Area::ALL.iter().map(|a| (enum_value(*a), labels::area(*a))).collect())}
            {select("entry-source", Key::EntrySource, fields.source, labels::SOURCES.iter().map(|s| (enum_value(*s), labels::source(*s))).collect())}
            <Field id="entry-source-detail" label=Key::EntrySourceDetail value=fields.source_detail error=Signal::derive(|| None) hint=Key::EntrySourceDetailHint />
            <div class="field-wide">
                <Field id="entry-what" label=Key::EntryWhat value=fields.what error=Signal::derive(move || what_error.get()) multiline=true />
            </div>
            <div class="field-wide">
                <Field id="entry-analysis" label=Key::EntryAnalysis value=fields.analysis error=Signal::derive(|| None) multiline=true />
            </div>
            <fieldset class="field">
                <legend>{move || i18n.t(Key::EntryChildren)}</legend>
                {child_boxes}
            </fieldset>
            <fieldset class="field">
                <legend>{move || i18n.t(Key::EntryFactors)}</legend>
                {factor_boxes}
            </fieldset>
            <div class="actions">
                <button class="button button-primary" type="submit">{move || i18n.t(Key::SaveEntry)}</button>
                <Show when=editing>
                    <button class="button" type="button" on:click=move |_| fields.clear()>{move || i18n.t(Key::Cancel2)}</button>
                </Show>
                <SavedNote saved=saved />
            </div>
            <p class="muted draft-note" aria-live="polite">
                {move || (typing() && draft.kept.get()).then(|| i18n.t(Key::DraftKept))}
            </p>
        </form>
    }
}
