//! Reviews on a schedule: what was reviewed, the outcome, and when the next one is due. The
//! framework asks for regular monitoring in Stage 3 and at set intervals after the return home.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How often reviews happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "every", content = "n", rename_all = "snake_case")]
pub enum Interval {
    Weeks(u32),
    Months(u32),
}

impl Default for Interval {
    fn default() -> Self {
        Interval::Months(1)
    }
}

impl Interval {
    /// `date` plus the interval, in calendar months or weeks.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Weeks(n) => date.checked_add_days(Days::new(u64::from(n) * 7)),
            Interval::Months(n) => date.checked_add_months(Months::new(n)),
        }
    }
}

/// What a review concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// Progress is on track: carry on with the plan.
    Continue,
    /// Goals, support or services need changing.
    ChangePlan,
    /// Evidence enough to reclassify risk.
    Reclassify,
    /// Concerns mean escalating (contingency plan, legal advice).
    Escalate,
}

/// What was looked at in a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewItem {
    Goals,
    Services,
    RiskClassification,
    ChildsViews,
    ContingencyPlan,
    ReunificationPlan,
}

/// How one goal of the written agreement is going, as a traffic light (always shown with its
/// word, never by colour alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalLight {
    /// On track: change is being seen.
    Green,
    /// Some progress, not yet enough.
    Amber,
    /// No progress, or going backwards.
    Red,
}

/// The progress on one goal, recorded at a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalProgress {
    pub goal_id: Uuid,
    pub light: GoalLight,
    /// What was seen: for a green light, the change itself (not only attendance).
    pub note: String,
}

/// One review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: Uuid,
    pub scheduled_for: NaiveDate,
    pub held_on: Option<NaiveDate>,
    pub reviewed: Vec<ReviewItem>,
    pub outcome: Option<ReviewOutcome>,
    pub notes: String,
    pub attendees: Vec<String>,
    /// Reviews recorded before goals had lights have none.
    #[serde(default)]
    pub goal_progress: Vec<GoalProgress>,
}

/// Why a review record is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("A review cannot be recorded as held on a future date.")]
    HeldInFuture,
    #[error("Record the outcome of the review.")]
    NoOutcome,
    #[error("Say what was reviewed.")]
    NothingReviewed,
    #[error("Compliance is not change: for a goal marked on track, write down the change you have seen, not only that appointments were kept.")]
    GreenWithoutChange,
}

impl Review {
    /// Checks a review; a held review needs what was reviewed and an outcome.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ReviewError> {
        match self.held_on {
            None => Ok(()),
            Some(d) if d > today => Err(ReviewError::HeldInFuture),
            Some(_) if self.reviewed.is_empty() => Err(ReviewError::NothingReviewed),
            Some(_) if self.outcome.is_none() => Err(ReviewError::NoOutcome),
            Some(_)
                if self
                    .goal_progress
                    .iter()
                    .any(|p| p.light == GoalLight::Green && p.note.trim().is_empty()) =>
            {
                Err(ReviewError::GreenWithoutChange)
            }
            Some(_) => Ok(()),
        }
    }
}

/// When the next review is due: the earliest review scheduled and not yet held; otherwise one
/// interval after the last review held; `None` when there has never been one.
///
/// ```
/// # use homeward_core::review::*;
/// # use chrono::NaiveDate;
/// # use uuid::Uuid;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let held = Review { id: Uuid::nil(), scheduled_for: d(1, 10), held_on: Some(d(1, 12)),
///     reviewed: vec![ReviewItem::Goals], outcome: Some(ReviewOutcome::Continue), notes: String::new(), attendees: vec![],
///     goal_progress: vec![] };
/// assert_eq!(next_review(&[held], Interval::Months(1)), Some(d(2, 12)));
/// ```
pub fn next_review(reviews: &[Review], interval: Interval) -> Option<NaiveDate> {
    let open = reviews
        .iter()
        .filter(|r| r.held_on.is_none())
        .map(|r| r.scheduled_for)
        .min();
    open.or_else(|| {
        reviews
            .iter()
            .filter_map(|r| r.held_on)
            .max()
            .and_then(|d| interval.after(d))
    })
}

/// The review scheduled and not yet held that comes first: the one to hold next, so holding it
/// fills in that record rather than adding a second one.
pub fn open_review(reviews: &[Review]) -> Option<&Review> {
    reviews
        .iter()
        .filter(|r| r.held_on.is_none())
        .min_by_key(|r| (r.scheduled_for, r.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn held(on: NaiveDate) -> Review {
        Review {
            id: Uuid::nil(),
            scheduled_for: on,
            held_on: Some(on),
            reviewed: vec![ReviewItem::Goals],
            outcome: Some(ReviewOutcome::Continue),
            notes: String::new(),
            attendees: vec![],
            goal_progress: vec![],
        }
    }

    #[test]
    fn a_scheduled_review_not_yet_held_is_the_next_one() {
        let planned = Review {
            held_on: None,
            outcome: None,
            ..held(d(3, 20))
        };
        assert_eq!(
            next_review(&[held(d(1, 5)), planned], Interval::Weeks(2)),
            Some(d(3, 20))
        );
    }

    #[test]
    fn the_next_review_falls_one_interval_after_the_last_held_and_is_overdue_after_that() {
        let r = [held(d(1, 31)), held(d(1, 5))];
        assert_eq!(next_review(&r, Interval::Months(1)), Some(d(2, 28)));
        assert_eq!(next_review(&r, Interval::Weeks(6)), Some(d(3, 14)));
        let file = crate::practice::CaseFile {
            reviews: r.to_vec(),
            review_interval: Interval::Months(1),
            ..Default::default()
        };
        assert!(!file.review_overdue(d(2, 28)));
        assert!(file.review_overdue(d(3, 1)));
        assert_eq!(next_review(&[], Interval::Months(1)), None);
    }

    #[test]
    fn a_held_review_records_what_was_reviewed_and_its_outcome() {
        assert_eq!(
            Review {
                outcome: None,
                ..held(d(1, 1))
            }
            .validate(d(2, 1)),
            Err(ReviewError::NoOutcome)
        );
        assert_eq!(
            Review {
                reviewed: vec![],
                ..held(d(1, 1))
            }
            .validate(d(2, 1)),
            Err(ReviewError::NothingReviewed)
        );
        assert_eq!(
            held(d(3, 1)).validate(d(2, 1)),
            Err(ReviewError::HeldInFuture)
        );
    }

    #[test]
    fn a_goal_marked_on_track_needs_the_change_seen_because_compliance_is_not_change() {
        let progress = |light, note: &str| GoalProgress {
            goal_id: Uuid::from_u128(7),
            light,
            note: note.into(),
        };
        let mut r = held(d(1, 1));
        r.goal_progress = vec![progress(GoalLight::Green, " ")];
        assert_eq!(r.validate(d(2, 1)), Err(ReviewError::GreenWithoutChange));
        r.goal_progress = vec![progress(GoalLight::Amber, "")];
        assert_eq!(r.validate(d(2, 1)), Ok(()));
        r.goal_progress = vec![progress(GoalLight::Green, "Tests clear for eight weeks")];
        assert_eq!(r.validate(d(2, 1)), Ok(()));
    }

    #[test]
    fn the_open_review_is_the_earliest_scheduled_and_not_yet_held() {
        let planned = |on, n| Review {
            id: Uuid::from_u128(n),
            held_on: None,
            outcome: None,
            ..held(on)
        };
        let r = [held(d(1, 5)), planned(d(3, 20), 2), planned(d(2, 20), 3)];
        assert_eq!(open_review(&r).map(|r| r.id), Some(Uuid::from_u128(3)));
        assert_eq!(open_review(&r[..1]), None);
    }

    #[test]
    fn a_review_saved_before_goals_had_lights_still_reads() {
        let mut json = serde_json::to_value(held(d(1, 1))).unwrap();
        json.as_object_mut().unwrap().remove("goal_progress");
        let r: Review = serde_json::from_value(json).unwrap();
        assert!(r.goal_progress.is_empty());
    }

    proptest! {
        #[test]
        fn reviews_round_trip_through_json(notes in any::<String>(), n in 0u32..100, weeks in any::<bool>()) {
            let r = Review { notes, ..held(d(1, 1)) };
            let i = if weeks { Interval::Weeks(n) } else { Interval::Months(n) };
            let json = serde_json::to_string(&(r.clone(), i)).unwrap();
            prop_assert_eq!(serde_json::from_str::<(Review, Interval)>(&json).unwrap(), (r, i));
        }
    }
}
