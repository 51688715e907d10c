//! Stage 4 task 3 and Stage 5: the multi-agency reunification plan (who does what, when, from
//! which agency), the gradual return as a schedule of dated contact steps, and the intervals at
//! which the case is reviewed and reclassified after the return. The source asks that the return
//! be gradual and that the plan be monitored with agreed timescales for review.

use crate::classification::{ClassificationHistory, RiskLevel};
use crate::review::Interval;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest text we accept in a plan's fields, in characters.
pub const MAX_PLAN_TEXT_CHARS: usize = 10_000;

/// One action of the plan: who, from which agency, does what, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub id: Uuid,
    pub who: String,
    /// The agency or service (school, health visitor, family support...); empty for the family.
    #[serde(default)]
    pub agency: String,
    pub what: String,
    pub by_when: Option<NaiveDate>,
    /// Stage 5 task 2: the support is in place as the plan says.
    #[serde(default)]
    pub done: bool,
}

/// The kinds of contact on the way home, from least to most time at home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    DayVisit,
    Overnight,
    Weekend,
    ExtendedStay,
    /// The child moves back home.
    Return,
}

impl ContactKind {
    pub const ALL: [ContactKind; 5] = [
        ContactKind::DayVisit,
        ContactKind::Overnight,
        ContactKind::Weekend,
        ContactKind::ExtendedStay,
        ContactKind::Return,
    ];
}

/// Where a contact step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    #[default]
    Planned,
    Done,
    Postponed,
    Cancelled,
}

impl StepStatus {
    pub const ALL: [StepStatus; 4] = [
        StepStatus::Planned,
        StepStatus::Done,
        StepStatus::Postponed,
        StepStatus::Cancelled,
    ];
}

/// One dated step of the gradual return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactStep {
    pub id: Uuid,
    pub kind: ContactKind,
    pub on: NaiveDate,
    pub status: StepStatus,
    #[serde(default)]
    pub notes: String,
}

/// The case's reunification plan (one per case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReunificationPlan {
    pub actions: Vec<PlanAction>,
    pub contact: Vec<ContactStep>,
    /// How often the case is reviewed after the return.
    #[serde(default)]
    pub review_every: Interval,
    /// How often risk is reclassified after the return (Stage 5 task 4).
    #[serde(default = "default_reclassify_every")]
    pub reclassify_every: Interval,
}

fn default_reclassify_every() -> Interval {
    Interval::Months(3)
}

impl Default for ReunificationPlan {
    fn default() -> Self {
        ReunificationPlan {
            actions: Vec::new(),
            contact: Vec::new(),
            review_every: Interval::default(),
            reclassify_every: default_reclassify_every(),
        }
    }
}

/// Why a plan is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("Say who does it.")]
    NoWho,
    #[error("Say what they do.")]
    NoWhat,
    #[error("A text is too long (at most 10,000 characters).")]
    TooLong,
    #[error("A step marked done cannot be in the future.")]
    DoneInFuture,
    #[error("An interval must be at least one week or one month.")]
    ZeroInterval,
    /// The framework's recommended action at high is more intervention and evidence before any
    /// return; at severe the child stays looked after.
    #[error("The child can go home only at low or medium risk; the case is {level}.", level = .level.key())]
    ReturnAtLevel { level: RiskLevel },
    #[error("The child can go home only once risk has been classified low or medium.")]
    ReturnUnclassified,
}

impl PlanAction {
    /// Checks one action of the plan.
    pub fn validate(&self) -> Result<(), PlanError> {
        if self.who.trim().is_empty() {
            return Err(PlanError::NoWho);
        }
        if self.what.trim().is_empty() {
            return Err(PlanError::NoWhat);
        }
        let long = [&self.who, &self.agency, &self.what]
            .iter()
            .any(|t| t.chars().count() > MAX_PLAN_TEXT_CHARS);
        if long {
            return Err(PlanError::TooLong);
        }
        Ok(())
    }
}

impl ContactStep {
    /// Whether the step may be given `status` on `today`, with the case at `level` (the level in
    /// effect): not done before its day, and the return home itself done only at low or medium
    /// risk. Only the change is checked, so a child who went home at medium keeps that record
    /// if the case later escalates.
    pub fn check_status(
        &self,
        status: StepStatus,
        today: NaiveDate,
        level: Option<RiskLevel>,
    ) -> Result<(), PlanError> {
        if status != StepStatus::Done || self.status == StepStatus::Done {
            return Ok(());
        }
        if self.on > today {
            return Err(PlanError::DoneInFuture);
        }
        if self.kind != ContactKind::Return {
            return Ok(());
        }
        match level {
            Some(RiskLevel::Low | RiskLevel::Medium) => Ok(()),
            Some(level) => Err(PlanError::ReturnAtLevel { level }),
            None => Err(PlanError::ReturnUnclassified),
        }
    }

    /// Checks one step against `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), PlanError> {
        if self.status == StepStatus::Done && self.on > today {
            return Err(PlanError::DoneInFuture);
        }
        if self.notes.chars().count() > MAX_PLAN_TEXT_CHARS {
            return Err(PlanError::TooLong);
        }
        Ok(())
    }
}

fn interval_is_zero(i: Interval) -> bool {
    match i {
        Interval::Weeks(n) | Interval::Months(n) => n == 0,
    }
}

impl ReunificationPlan {
    /// Checks the whole plan against `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), PlanError> {
        for a in &self.actions {
            a.validate()?;
        }
        for s in &self.contact {
            s.validate(today)?;
        }
        if interval_is_zero(self.review_every) || interval_is_zero(self.reclassify_every) {
            return Err(PlanError::ZeroInterval);
        }
        Ok(())
    }

    /// The contact steps in date order (same-day steps by kind).
    pub fn schedule(&self) -> Vec<&ContactStep> {
        let mut v: Vec<&ContactStep> = self.contact.iter().collect();
        v.sort_by_key(|s| (s.on, s.kind, s.id));
        v
    }

    /// The day the child went home: the first return step that happened.
    ///
    /// ```
    /// # use homeward_core::reunification::*;
    /// assert_eq!(ReunificationPlan::default().returned_on(), None);
    /// ```
    pub fn returned_on(&self) -> Option<NaiveDate> {
        self.contact
            .iter()
            .filter(|s| s.kind == ContactKind::Return && s.status == StepStatus::Done)
            .map(|s| s.on)
            .min()
    }

    /// The earliest step still planned or postponed.
    pub fn next_step(&self) -> Option<&ContactStep> {
        self.schedule()
            .into_iter()
            .find(|s| matches!(s.status, StepStatus::Planned | StepStatus::Postponed))
    }

    /// The return is gradual when at least one contact step short of the return comes before
    /// it; a plan that goes straight to the return is flagged, as the source asks for a gradual
    /// return.
    pub fn is_gradual(&self) -> bool {
        let first_return = self
            .contact
            .iter()
            .filter(|s| s.kind == ContactKind::Return && s.status != StepStatus::Cancelled)
            .map(|s| s.on)
            .min();
        match first_return {
            None => true,
            Some(ret) => self.contact.iter().any(|s| {
                s.kind != ContactKind::Return && s.status != StepStatus::Cancelled && s.on < ret
            }),
        }
    }

    /// Actions of the plan not yet in place.
    pub fn open_actions(&self) -> Vec<&PlanAction> {
        self.actions.iter().filter(|a| !a.done).collect()
    }
}

/// When risk is next to be reclassified after the return home: one interval after the latest of
/// the return and the last classification in effect. `None` before the return.
///
/// ```
/// # use homeward_core::{classification::ClassificationHistory, reunification::*};
/// assert_eq!(reclassification_due(&ReunificationPlan::default(), &ClassificationHistory::default()), None);
/// ```
pub fn reclassification_due(
    plan: &ReunificationPlan,
    history: &ClassificationHistory,
) -> Option<NaiveDate> {
    let returned = plan.returned_on()?;
    let last = history.current().map(|c| c.on).unwrap_or(returned);
    plan.reclassify_every.after(last.max(returned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classification::tests::column;
    use crate::classification::{Classification, ClassificationKind, RiskLevel};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn step(n: u128, kind: ContactKind, on: NaiveDate, status: StepStatus) -> ContactStep {
        ContactStep {
            id: Uuid::from_u128(n),
            kind,
            on,
            status,
            notes: String::new(),
        }
    }

    fn gradual() -> ReunificationPlan {
        ReunificationPlan {
            contact: vec![
                step(3, ContactKind::Return, d(4, 1), StepStatus::Done),
                step(1, ContactKind::DayVisit, d(2, 1), StepStatus::Done),
                step(2, ContactKind::Overnight, d(3, 1), StepStatus::Done),
            ],
            ..ReunificationPlan::default()
        }
    }

    #[test]
    fn the_contact_schedule_runs_in_date_order_and_the_child_is_home_from_the_return_step() {
        let p = gradual();
        let kinds: Vec<ContactKind> = p.schedule().iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ContactKind::DayVisit,
                ContactKind::Overnight,
                ContactKind::Return
            ]
        );
        assert_eq!(p.returned_on(), Some(d(4, 1)));
        assert!(p.is_gradual());
    }

    #[test]
    fn a_return_with_no_contact_before_it_is_not_gradual() {
        let p = ReunificationPlan {
            contact: vec![
                step(1, ContactKind::Return, d(2, 1), StepStatus::Planned),
                step(2, ContactKind::DayVisit, d(3, 1), StepStatus::Planned),
            ],
            ..ReunificationPlan::default()
        };
        assert!(!p.is_gradual());
        assert_eq!(p.returned_on(), None);
        assert_eq!(p.next_step().map(|s| s.kind), Some(ContactKind::Return));
    }

    #[test]
    fn a_step_cannot_be_done_in_the_future_and_an_action_says_who_does_what() {
        let s = step(1, ContactKind::Weekend, d(5, 1), StepStatus::Done);
        assert_eq!(s.validate(d(4, 1)), Err(PlanError::DoneInFuture));
        assert_eq!(s.validate(d(5, 1)), Ok(()));
        let a = PlanAction {
            id: Uuid::nil(),
            who: " ".into(),
            agency: String::new(),
            what: "Visits weekly".into(),
            by_when: None,
            done: false,
        };
        assert_eq!(a.validate(), Err(PlanError::NoWho));
        let a = PlanAction {
            who: "School nurse".into(),
            what: String::new(),
            ..a
        };
        assert_eq!(a.validate(), Err(PlanError::NoWhat));
    }

    #[test]
    fn the_child_goes_home_only_at_low_or_medium_risk() {
        let ret = step(1, ContactKind::Return, d(5, 1), StepStatus::Planned);
        let done = |level| ret.check_status(StepStatus::Done, d(5, 1), level);
        assert_eq!(done(Some(RiskLevel::Low)), Ok(()));
        assert_eq!(done(Some(RiskLevel::Medium)), Ok(()));
        assert_eq!(
            done(Some(RiskLevel::High)),
            Err(PlanError::ReturnAtLevel {
                level: RiskLevel::High
            })
        );
        assert_eq!(
            done(Some(RiskLevel::Severe)),
            Err(PlanError::ReturnAtLevel {
                level: RiskLevel::Severe
            })
        );
        assert_eq!(done(None), Err(PlanError::ReturnUnclassified));
        // Planning the return, or postponing it, is not the return.
        assert_eq!(
            ret.check_status(StepStatus::Postponed, d(5, 1), Some(RiskLevel::High)),
            Ok(())
        );
    }

    #[test]
    fn contact_short_of_the_return_goes_ahead_at_high_risk_but_not_before_its_day() {
        let visit = step(1, ContactKind::Overnight, d(5, 1), StepStatus::Planned);
        assert_eq!(
            visit.check_status(StepStatus::Done, d(5, 1), Some(RiskLevel::High)),
            Ok(())
        );
        assert_eq!(
            visit.check_status(StepStatus::Done, d(4, 30), Some(RiskLevel::Low)),
            Err(PlanError::DoneInFuture)
        );
    }

    #[test]
    fn a_child_who_went_home_at_medium_keeps_that_record_when_the_case_escalates() {
        let home = step(1, ContactKind::Return, d(5, 1), StepStatus::Done);
        assert_eq!(
            home.check_status(StepStatus::Done, d(9, 1), Some(RiskLevel::High)),
            Ok(())
        );
    }

    #[test]
    fn a_plan_with_a_zero_interval_is_refused() {
        let p = ReunificationPlan {
            review_every: Interval::Weeks(0),
            ..ReunificationPlan::default()
        };
        assert_eq!(p.validate(d(5, 1)), Err(PlanError::ZeroInterval));
        let p = ReunificationPlan {
            reclassify_every: Interval::Months(0),
            ..ReunificationPlan::default()
        };
        assert_eq!(p.validate(d(5, 1)), Err(PlanError::ZeroInterval));
        assert_eq!(ReunificationPlan::default().validate(d(5, 1)), Ok(()));
    }

    #[test]
    fn risk_is_reclassified_one_interval_after_the_return_or_the_last_classification() {
        let mut p = gradual();
        p.reclassify_every = Interval::Months(3);
        let mut h = ClassificationHistory::default();
        assert_eq!(reclassification_due(&p, &h), Some(d(7, 1)));
        h.entries.push(
            Classification::new(
                Uuid::nil(),
                ClassificationKind::Review,
                column(RiskLevel::Low),
                RiskLevel::Low,
                "",
                "sw1",
                d(6, 10),
            )
            .unwrap(),
        );
        assert_eq!(reclassification_due(&p, &h), Some(d(9, 10)));
        assert_eq!(
            reclassification_due(&ReunificationPlan::default(), &h),
            None
        );
    }

    #[test]
    fn a_plan_round_trips_through_json_and_old_plans_get_the_default_intervals() {
        let p = gradual();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<ReunificationPlan>(&json).unwrap(), p);
        let old: ReunificationPlan =
            serde_json::from_str(r#"{"actions":[],"contact":[]}"#).unwrap();
        assert_eq!(old.review_every, Interval::Months(1));
        assert_eq!(old.reclassify_every, Interval::Months(3));
    }
}
