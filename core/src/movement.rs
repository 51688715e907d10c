//! Movement between levels: what the worker should be told, given the classification history,
//! the answers as they stand today, and today's date.
//!
//! The source table's movement text, as rules:
//! - down one level at a time, only after the improvement has been sustained for the period
//!   (six months by default) *while at the current level*: severe→high when protective factors
//!   become apparent and/or parents begin to address risk factors; high→medium when parents show
//!   capacity for actual change, begin to address risk factors and protective factors remain;
//!   medium→low when all risk factors are addressed; low for a period → the case may close.
//!   Because the improvement counts only from entering the level, medium→closure takes at least
//!   two periods;
//! - high for a full period without addressing risk factors → move to severe;
//! - high and protective factors no longer apparent → move to severe now;
//! - new or re-emerging risk → medium (capacity and protective factors), high (protective
//!   factors but no capacity), severe (no protective factors). These are moves up only: a case
//!   already at or above that level stays where it is.
//!
//! Decided here where the source is silent: no step down is offered while today's answers point
//! to a level more severe than the current one (the worker is told that instead), and none while
//! new risk has emerged.

use crate::classification::{
    suggested_level, Answers, CapacityAnswer, Classification, ClassificationHistory,
    ClassificationKind, ProtectiveFactorsAnswer, RiskFactorsAnswer, RiskLevel,
};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The sustain period used when an organisation sets none.
pub const DEFAULT_SUSTAIN_MONTHS: u32 = 6;

/// Per-organisation settings for movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovementConfig {
    /// How long, in calendar months, an improvement (or low risk) must be sustained.
    pub sustain_months: u32,
}

impl Default for MovementConfig {
    fn default() -> Self {
        MovementConfig {
            sustain_months: DEFAULT_SUSTAIN_MONTHS,
        }
    }
}

impl MovementConfig {
    /// `date` plus the sustain period in calendar months (31 August + 6 months is 28 or 29
    /// February). `None` only past the end of the calendar.
    ///
    /// ```
    /// # use homeward_core::movement::MovementConfig;
    /// # use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
    /// assert_eq!(MovementConfig::default().period_after(d), NaiveDate::from_ymd_opt(2027, 2, 28));
    /// ```
    pub fn period_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_add_months(Months::new(self.sustain_months))
    }
}

/// The case as it stands today, beyond the last classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentState {
    /// The five answers as they stand today.
    pub answers: Answers,
    /// New risk factors have emerged, or previously addressed ones re-emerged.
    pub new_or_reemerging_risk: bool,
}

/// Why the worker is prompted to move the case to severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SevereReason {
    /// High for a full period without risk factors being addressed.
    RiskNotAddressedForPeriod,
    /// High, and protective factors are no longer apparent.
    ProtectiveFactorsGone,
}

/// What the worker should be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "prompt", rename_all = "snake_case")]
pub enum Prompt {
    /// The case has never been classified (or no classification is in effect yet).
    NotClassified,
    /// The improvement has been sustained for the period: the case may step down one level.
    StepDown {
        from: RiskLevel,
        to: RiskLevel,
        eligible_from: NaiveDate,
    },
    /// The improvement holds; if it is sustained, stepping down becomes possible on this date.
    StepDownDue {
        from: RiskLevel,
        to: RiskLevel,
        eligible_from: NaiveDate,
    },
    /// Low risk sustained for the period: the case may close (with a manager's sign-off).
    Close { eligible_from: NaiveDate },
    /// Low risk holds; if sustained, closure becomes possible on this date.
    CloseDue { eligible_from: NaiveDate },
    /// The case should move to severe, with a plan for permanent separation.
    MoveToSevere { reason: SevereReason },
    /// High with risk factors not being addressed: if nothing changes, move to severe on this date.
    SevereDue { due: NaiveDate },
    /// New or re-emerging risk requires this move.
    NewRisk { from: RiskLevel, to: RiskLevel },
    /// New or re-emerging risk, but the case stays at its level for further interventions and
    /// monitoring.
    NewRiskStay { level: RiskLevel },
    /// Today's answers point to a more severe level than the current one: reclassify.
    AnswersPointHigher {
        current: RiskLevel,
        suggested: RiskLevel,
    },
}

impl Prompt {
    /// A stable translation key for the prompt's message.
    pub fn key(&self) -> &'static str {
        match self {
            Prompt::NotClassified => "prompt.not_classified",
            Prompt::StepDown { .. } => "prompt.step_down",
            Prompt::StepDownDue { .. } => "prompt.step_down_due",
            Prompt::Close { .. } => "prompt.close",
            Prompt::CloseDue { .. } => "prompt.close_due",
            Prompt::MoveToSevere {
                reason: SevereReason::RiskNotAddressedForPeriod,
            } => "prompt.severe.not_addressed",
            Prompt::MoveToSevere {
                reason: SevereReason::ProtectiveFactorsGone,
            } => "prompt.severe.no_protective",
            Prompt::SevereDue { .. } => "prompt.severe_due",
            Prompt::NewRisk { .. } => "prompt.new_risk",
            Prompt::NewRiskStay { .. } => "prompt.new_risk_stay",
            Prompt::AnswersPointHigher { .. } => "prompt.answers_point_higher",
        }
    }
}

/// The improvement that, sustained at `level`, allows the next move down (or closure).
fn improvement_holds(level: RiskLevel, a: &Answers) -> bool {
    let protective = a.protective_factors == ProtectiveFactorsAnswer::Apparent;
    let addressing = a.risk_factors != RiskFactorsAnswer::NotBeingAddressed;
    match level {
        RiskLevel::Severe => protective || addressing,
        RiskLevel::High => protective && addressing && a.capacity == CapacityAnswer::Able,
        RiskLevel::Medium => a.risk_factors == RiskFactorsAnswer::FullyAddressed,
        RiskLevel::Low => suggested_level(a) == RiskLevel::Low,
    }
}

/// Where new or re-emerging risk sends a case, whatever its level.
///
/// ```
/// # use homeward_core::classification::*;
/// # use homeward_core::movement::new_risk_level;
/// use CapacityAnswer::*; use ProtectiveFactorsAnswer::*;
/// assert_eq!(new_risk_level(Able, Apparent), RiskLevel::Medium);
/// assert_eq!(new_risk_level(Unable, Apparent), RiskLevel::High);
/// assert_eq!(new_risk_level(Unable, NotApparent), RiskLevel::Severe);
/// ```
pub fn new_risk_level(capacity: CapacityAnswer, protective: ProtectiveFactorsAnswer) -> RiskLevel {
    // With no protective factors the table has only the severe column, whatever the capacity.
    match (capacity, protective) {
        (CapacityAnswer::Able, ProtectiveFactorsAnswer::Apparent) => RiskLevel::Medium,
        (CapacityAnswer::Unable, ProtectiveFactorsAnswer::Apparent) => RiskLevel::High,
        (_, ProtectiveFactorsAnswer::NotApparent) => RiskLevel::Severe,
    }
}

/// The date from which `holds` has been true without a break, over the dated answers at the
/// current level (oldest first, ending with today's). `None` if it does not hold today.
fn holding_since(
    snapshots: &[(NaiveDate, Answers)],
    holds: impl Fn(&Answers) -> bool,
) -> Option<NaiveDate> {
    let mut since = None;
    for (date, answers) in snapshots.iter().rev() {
        if holds(answers) {
            since = Some(*date);
        } else {
            break;
        }
    }
    since
}

/// What the worker should be told about moving the case, given its classification history,
/// the answers today, today's date and the organisation's sustain period.
///
/// ```
/// # use homeward_core::classification::*;
/// # use homeward_core::movement::*;
/// # use chrono::NaiveDate;
/// # use uuid::Uuid;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let addressed = Answers {
///     risk_factors: RiskFactorsAnswer::FullyAddressed,
///     protective_factors: ProtectiveFactorsAnswer::Apparent,
///     capacity: CapacityAnswer::Able,
///     wish: WishAnswer::BothWant,
///     recurrence: RecurrenceAnswer::SomePossibility,
/// };
/// let c = Classification::new(Uuid::nil(), ClassificationKind::Initial, addressed,
///     RiskLevel::Medium, "Recurrence still possible", "sw1", d(2026, 1, 10)).unwrap();
/// let history = ClassificationHistory { entries: vec![c] };
/// let now = CurrentState { answers: addressed, new_or_reemerging_risk: false };
/// let prompts = movement_prompts(&history, &now, d(2026, 7, 10), &MovementConfig::default());
/// assert_eq!(prompts, vec![Prompt::StepDown {
///     from: RiskLevel::Medium, to: RiskLevel::Low, eligible_from: d(2026, 7, 10) }]);
/// ```
pub fn movement_prompts(
    history: &ClassificationHistory,
    current: &CurrentState,
    today: NaiveDate,
    config: &MovementConfig,
) -> Vec<Prompt> {
    let (Some(level), Some(since)) = (history.current_level(), history.level_since()) else {
        return vec![Prompt::NotClassified];
    };
    let mut snapshots: Vec<(NaiveDate, Answers)> = history
        .in_effect()
        .into_iter()
        .filter(|c| c.on >= since && c.on <= today)
        .map(|c| (c.on, c.answers))
        .collect();
    snapshots.push((today, current.answers));

    let mut prompts = Vec::new();
    let answers = &current.answers;

    if current.new_or_reemerging_risk {
        let to = new_risk_level(answers.capacity, answers.protective_factors);
        if to > level {
            prompts.push(Prompt::NewRisk { from: level, to });
        } else {
            prompts.push(Prompt::NewRiskStay { level });
        }
    }

    if level == RiskLevel::High {
        if answers.protective_factors == ProtectiveFactorsAnswer::NotApparent {
            prompts.push(Prompt::MoveToSevere {
                reason: SevereReason::ProtectiveFactorsGone,
            });
        }
        let not_addressing = holding_since(&snapshots, |a| {
            a.risk_factors == RiskFactorsAnswer::NotBeingAddressed
        });
        if let Some(due) = not_addressing.and_then(|d| config.period_after(d)) {
            if today >= due {
                prompts.push(Prompt::MoveToSevere {
                    reason: SevereReason::RiskNotAddressedForPeriod,
                });
            } else {
                prompts.push(Prompt::SevereDue { due });
            }
        }
    }

    let escalating = prompts.iter().any(|p| match p {
        Prompt::NewRisk { .. } | Prompt::MoveToSevere { .. } => true,
        Prompt::NotClassified
        | Prompt::StepDown { .. }
        | Prompt::StepDownDue { .. }
        | Prompt::Close { .. }
        | Prompt::CloseDue { .. }
        | Prompt::SevereDue { .. }
        | Prompt::NewRiskStay { .. }
        | Prompt::AnswersPointHigher { .. } => false,
    });
    let suggested = suggested_level(answers);
    if suggested > level && !escalating {
        prompts.push(Prompt::AnswersPointHigher {
            current: level,
            suggested,
        });
    }
    if current.new_or_reemerging_risk || suggested > level {
        return prompts;
    }

    let eligible = holding_since(&snapshots, |a| improvement_holds(level, a))
        .and_then(|d| config.period_after(d));
    if let Some(eligible_from) = eligible {
        let now = today >= eligible_from;
        prompts.push(match (level.step_down(), now) {
            (Some(to), true) => Prompt::StepDown {
                from: level,
                to,
                eligible_from,
            },
            (Some(to), false) => Prompt::StepDownDue {
                from: level,
                to,
                eligible_from,
            },
            (None, true) => Prompt::Close { eligible_from },
            (None, false) => Prompt::CloseDue { eligible_from },
        });
    }
    prompts
}

/// Why a new classification may not be recorded over the case's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefused {
    /// More than one level down at once.
    #[error("One step down at a time: from {from} the case can move down to {next}, not to {to}.", from = .from.key(), next = .next.key(), to = .to.key())]
    OneStepAtATime {
        from: RiskLevel,
        to: RiskLevel,
        next: RiskLevel,
    },
    /// One level down before the improvement has been sustained for the period at this level.
    /// `eligible_from` is when it may, if today's answers hold until then (`None`: today's
    /// answers do not show the improvement that allows it).
    #[error("The case can move down from {from} to {to} only once the improvement has been sustained for the period.", from = .from.key(), to = .to.key())]
    NotYetSustained {
        from: RiskLevel,
        to: RiskLevel,
        eligible_from: Option<NaiveDate>,
    },
}

/// Whether `next` may be recorded over `history`: a first classification, one at the same level
/// and any move up always may (risk is never held down by the clock). A move down may go one
/// level only, and only when the movement rules offer it on `next`'s date with `next`'s answers
/// as today's: the improvement sustained for the period at the current level.
///
/// A Stage 4 reclassification is the exception to the period, not to the single step: it is the
/// worker's and team manager's judgement on the evidence of Stage 3's interventions, and does
/// not take effect until the manager signs it off.
///
/// ```
/// # use homeward_core::classification::*;
/// # use homeward_core::movement::*;
/// # use chrono::NaiveDate;
/// # use uuid::Uuid;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let low_answers = Answers {
///     risk_factors: RiskFactorsAnswer::FullyAddressed,
///     protective_factors: ProtectiveFactorsAnswer::Apparent,
///     capacity: CapacityAnswer::Able,
///     wish: WishAnswer::BothWant,
///     recurrence: RecurrenceAnswer::Unlikely,
/// };
/// let severe_answers = Answers {
///     protective_factors: ProtectiveFactorsAnswer::NotApparent,
///     ..low_answers
/// };
/// let severe = Classification::new(Uuid::nil(), ClassificationKind::Initial, severe_answers,
///     RiskLevel::Severe, "", "sw1", d(2026, 1, 10)).unwrap();
/// let history = ClassificationHistory { entries: vec![severe] };
/// let low = Classification::new(Uuid::nil(), ClassificationKind::Review, low_answers,
///     RiskLevel::Low, "", "sw1", d(2026, 1, 11)).unwrap();
/// assert!(matches!(check_move(&history, &low, &MovementConfig::default()),
///     Err(MoveRefused::OneStepAtATime { next: RiskLevel::High, .. })));
/// ```
pub fn check_move(
    history: &ClassificationHistory,
    next: &Classification,
    config: &MovementConfig,
) -> Result<(), MoveRefused> {
    let Some(from) = history.current_level() else {
        return Ok(());
    };
    let to = next.chosen;
    if to >= from {
        return Ok(());
    }
    let step = from.step_down().expect("a level above another steps down");
    if to != step {
        return Err(MoveRefused::OneStepAtATime {
            from,
            to,
            next: step,
        });
    }
    if next.kind == ClassificationKind::Stage4Reclassification {
        return Ok(());
    }
    let today = CurrentState {
        answers: next.answers,
        new_or_reemerging_risk: false,
    };
    let mut eligible_from = None;
    for prompt in movement_prompts(history, &today, next.on, config) {
        match prompt {
            Prompt::StepDown { to: offered, .. } if offered == to => return Ok(()),
            Prompt::StepDownDue {
                eligible_from: when,
                ..
            } => eligible_from = Some(when),
            _ => {}
        }
    }
    Err(MoveRefused::NotYetSustained {
        from,
        to,
        eligible_from,
    })
}

#[cfg(test)]
mod tests;
