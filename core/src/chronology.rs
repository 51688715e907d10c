//! The analytical case history (chronology): dated entries from many sources across the nine
//! areas the framework lists. "Analytical" means each entry can carry the worker's analysis and
//! links to the factors it evidences, so patterns (repeated failed returns, services started and
//! dropped, cumulative neglect) become visible.

use crate::partial_date::{PartialDate, PartialDateError};
use crate::team::Engagement;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Where the information came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    CaseFile,
    Health,
    Education,
    Police,
    Family,
    Other,
}

/// The nine inter-related areas of the case history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    PreviousAssessments,
    /// Including their own experience of abuse or neglect.
    ParentsHistory,
    /// Of the child and siblings, including outside the home.
    AbuseNeglectAdversity,
    RiskAndProtectiveFactors,
    CapacityToChange,
    /// Services tried, their outcome and how parents engaged.
    ServicesTried,
    PreviousFailedReturns,
    Attachments,
    SpecialNeeds,
}

impl Area {
    /// All nine areas, in the framework's order.
    pub const ALL: [Area; 9] = [
        Area::PreviousAssessments,
        Area::ParentsHistory,
        Area::AbuseNeglectAdversity,
        Area::RiskAndProtectiveFactors,
        Area::CapacityToChange,
        Area::ServicesTried,
        Area::PreviousFailedReturns,
        Area::Attachments,
        Area::SpecialNeeds,
    ];
}

/// A marker that lets the chronology count patterns: what kind of event the entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    ReturnHome,
    FailedReturn,
    ServiceStarted,
    ServiceCompleted,
    /// The parent stopped attending or the service closed unfinished.
    ServiceDropped,
    ChildProtectionPlan,
    CameIntoCare,
}

/// One dated entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChronologyEntry {
    pub id: Uuid,
    pub date: PartialDate,
    pub source: Source,
    /// e.g. "GP letter", "Police log 1234".
    pub source_detail: String,
    pub area: Area,
    /// What happened, as the records say.
    pub what: String,
    /// The worker's analysis: what it means for the child.
    pub analysis: String,
    /// Risk or protective factor ids this entry evidences.
    pub factor_ids: Vec<String>,
    /// Which children it concerns (person ids).
    pub children: Vec<Uuid>,
    pub event: Option<Event>,
    /// How the parents engaged, for service events.
    pub engagement: Option<Engagement>,
    pub recorded_by: String,
}

/// Why an entry is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChronologyError {
    #[error("Say what happened.")]
    NoWhat,
    #[error("{0}")]
    Date(#[from] PartialDateError),
    #[error("The text is too long (at most 100,000 characters).")]
    TooLong,
    #[error("A factor link is empty.")]
    EmptyFactorLink,
}

impl ChronologyEntry {
    /// Checks the entry: something happened, on a date not after today.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ChronologyError> {
        if self.what.trim().is_empty() {
            return Err(ChronologyError::NoWhat);
        }
        self.date.not_after(today)?;
        let max = crate::case::MAX_TEXT_CHARS;
        if self.what.chars().count() > max || self.analysis.chars().count() > max {
            return Err(ChronologyError::TooLong);
        }
        if self.factor_ids.iter().any(|f| f.trim().is_empty()) {
            return Err(ChronologyError::EmptyFactorLink);
        }
        Ok(())
    }
}

/// The entries in date order (approximate dates before the precise dates they contain; entries
/// with equal dates keep the order they were given).
///
/// ```
/// # use homeward_core::chronology::*;
/// let v: Vec<ChronologyEntry> = Vec::new();
/// assert!(in_order(&v).is_empty());
/// ```
pub fn in_order(entries: &[ChronologyEntry]) -> Vec<&ChronologyEntry> {
    let mut v: Vec<&ChronologyEntry> = entries.iter().collect();
    v.sort_by_key(|e| e.date);
    v
}

/// What to show. Empty lists mean "any".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Filter {
    pub areas: Vec<Area>,
    pub sources: Vec<Source>,
    pub child: Option<Uuid>,
    pub factor_id: Option<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// Only entries with no analysis yet (to find what still needs thinking about).
    pub without_analysis: bool,
}

impl Filter {
    /// Whether an entry passes the filter.
    pub fn matches(&self, e: &ChronologyEntry) -> bool {
        (self.areas.is_empty() || self.areas.contains(&e.area))
            && (self.sources.is_empty() || self.sources.contains(&e.source))
            && self.child.is_none_or(|c| e.children.contains(&c))
            && self
                .factor_id
                .as_ref()
                .is_none_or(|f| e.factor_ids.contains(f))
            && self.from.is_none_or(|f| e.date >= f)
            && self.to.is_none_or(|t| e.date <= t)
            && (!self.without_analysis || e.analysis.trim().is_empty())
    }
}

/// The entries passing the filter, in date order.
pub fn filter<'a>(entries: &'a [ChronologyEntry], f: &Filter) -> Vec<&'a ChronologyEntry> {
    in_order(entries)
        .into_iter()
        .filter(|e| f.matches(e))
        .collect()
}

/// Patterns across the chronology.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Patterns {
    pub failed_returns: usize,
    pub services_started: usize,
    pub services_completed: usize,
    pub services_dropped: usize,
    /// Service events by how the parents engaged.
    pub engagement: BTreeMap<Engagement, usize>,
    pub per_area: BTreeMap<Area, usize>,
    pub per_source: BTreeMap<Source, usize>,
    /// Areas of the nine with no entry yet.
    pub empty_areas: Vec<Area>,
    pub without_analysis: usize,
    /// How many entries evidence each factor.
    pub per_factor: BTreeMap<String, usize>,
}

/// Counts the patterns the framework asks the chronology to reveal.
///
/// ```
/// # use homeward_core::chronology::*;
/// let p = patterns(&[]);
/// assert_eq!(p.failed_returns, 0);
/// assert_eq!(p.empty_areas.len(), 9);
/// ```
pub fn patterns(entries: &[ChronologyEntry]) -> Patterns {
    let mut p = Patterns::default();
    for e in entries {
        match e.event {
            Some(Event::FailedReturn) => p.failed_returns += 1,
            Some(Event::ServiceStarted) => p.services_started += 1,
            Some(Event::ServiceCompleted) => p.services_completed += 1,
            Some(Event::ServiceDropped) => p.services_dropped += 1,
            Some(Event::ReturnHome | Event::ChildProtectionPlan | Event::CameIntoCare) | None => {}
        }
        if let Some(g) = e.engagement {
            *p.engagement.entry(g).or_default() += 1;
        }
        *p.per_area.entry(e.area).or_default() += 1;
        *p.per_source.entry(e.source).or_default() += 1;
        if e.analysis.trim().is_empty() {
            p.without_analysis += 1;
        }
        for f in &e.factor_ids {
            *p.per_factor.entry(f.clone()).or_default() += 1;
        }
    }
    p.empty_areas = Area::ALL
        .into_iter()
        .filter(|a| !p.per_area.contains_key(a))
        .collect();
    p
}

#[cfg(test)]
mod tests;
