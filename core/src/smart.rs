//! SMART goals (Specific, Measurable, Agreed with parents, Realistic, Timely) and the check the
//! written agreement shows live as the worker types.
//!
//! The source names the letters but not tests for them; the rules here are ours:
//! - Specific: what and who are filled in, and "what" says something concrete: at least three
//!   words, not all of them from a list of vague words ("be a better parent" fails).
//! - Measurable: a measure of success is written down.
//! - Agreed: someone is recorded as agreeing, on a date not after today.
//! - Realistic: there is at least one step, some support is offered, and the target leaves at
//!   least [`MIN_DAYS_TO_TARGET`] days from the agreement (or from today when not yet agreed).
//! - Timely: there is a target date, it has not passed, and it is at most
//!   [`MAX_MONTHS_TO_TARGET`] months away (further is too long in a child's timescale).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The least time, in days, a goal must allow between agreement and target.
pub const MIN_DAYS_TO_TARGET: i64 = 14;
/// The furthest a target date may be from today, in months.
pub const MAX_MONTHS_TO_TARGET: u32 = 12;

/// Words that on their own do not say what will actually happen.
const VAGUE_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "be",
    "to",
    "and",
    "or",
    "more",
    "less",
    "better",
    "good",
    "improve",
    "improved",
    "improving",
    "try",
    "harder",
    "parent",
    "parents",
    "parenting",
    "things",
    "work",
    "on",
    "change",
    "changes",
    "behaviour",
    "behavior",
    "do",
    "get",
    "make",
    "sort",
    "out",
    "it",
    "of",
    "their",
    "his",
    "her",
    "my",
    "your",
    "become",
    "generally",
    "some",
    "help",
    "issues",
    "problems",
    "stuff",
    "life",
    "lifestyle",
    "act",
    "responsible",
    "responsibly",
    "positive",
];

/// Who agreed a goal, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalAgreement {
    /// Names of those who agreed (parents, and the child where appropriate).
    pub by: Vec<String>,
    pub on: NaiveDate,
}

/// One goal of a written agreement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SmartGoal {
    pub id: Uuid,
    /// What must be achieved, in plain words for parents.
    pub what: String,
    /// Who will do it.
    pub who: String,
    pub steps: Vec<String>,
    /// The support offered to help.
    pub support: String,
    /// How everyone will know it has been achieved.
    pub measure: String,
    pub target_date: Option<NaiveDate>,
    pub agreed: Option<GoalAgreement>,
}

/// One letter of SMART.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Letter {
    Specific,
    Measurable,
    Agreed,
    Realistic,
    Timely,
}

impl Letter {
    /// The word the letter stands for.
    pub fn word(self) -> &'static str {
        match self {
            Letter::Specific => "Specific",
            Letter::Measurable => "Measurable",
            Letter::Agreed => "Agreed",
            Letter::Realistic => "Realistic",
            Letter::Timely => "Timely",
        }
    }
}

/// Why a goal misses a letter, in words for the worker (and the parents reading over a shoulder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum SmartProblem {
    #[error("Say what needs to happen.")]
    NoWhat,
    #[error("Say who will do it.")]
    NoWho,
    #[error("This is too vague: say exactly what will be done, for example how often, where or with whom.")]
    Vague,
    #[error("Say how everyone will know the goal has been met.")]
    NoMeasure,
    #[error("Record who agreed this goal and when.")]
    NotAgreed,
    #[error("The date the goal was agreed cannot be in the future.")]
    AgreedInFuture,
    #[error("List at least one step towards the goal.")]
    NoSteps,
    #[error("Say what support is offered to help reach the goal.")]
    NoSupport,
    #[error("The target date is too soon: allow at least two weeks to make the change.")]
    TooSoon,
    #[error("Give a target date.")]
    NoTargetDate,
    #[error("The target date has passed: review the goal and agree a new date.")]
    TargetPassed,
    #[error("The target date is more than 12 months away, too long in the child's timescale: set a nearer step.")]
    TooFar,
}

/// The result of one letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", content = "problem", rename_all = "snake_case")]
pub enum LetterResult {
    Met,
    NotMet(SmartProblem),
}

/// The result of every letter for one goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmartCheck {
    pub specific: LetterResult,
    pub measurable: LetterResult,
    pub agreed: LetterResult,
    pub realistic: LetterResult,
    pub timely: LetterResult,
}

impl SmartCheck {
    /// Each letter with its result, in S-M-A-R-T order.
    pub fn letters(&self) -> [(Letter, &LetterResult); 5] {
        [
            (Letter::Specific, &self.specific),
            (Letter::Measurable, &self.measurable),
            (Letter::Agreed, &self.agreed),
            (Letter::Realistic, &self.realistic),
            (Letter::Timely, &self.timely),
        ]
    }

    /// The letters missed, with why.
    pub fn failures(&self) -> Vec<(Letter, SmartProblem)> {
        self.letters()
            .into_iter()
            .filter_map(|(l, r)| match r {
                LetterResult::Met => None,
                LetterResult::NotMet(p) => Some((l, p.clone())),
            })
            .collect()
    }

    /// Every letter is met.
    pub fn passes(&self) -> bool {
        self.failures().is_empty()
    }
}

fn result(problem: Option<SmartProblem>) -> LetterResult {
    problem.map_or(LetterResult::Met, LetterResult::NotMet)
}

fn is_vague(what: &str) -> bool {
    let words: Vec<String> = what
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() < 3 || words.iter().all(|w| VAGUE_WORDS.contains(&w.as_str()))
}

fn specific(g: &SmartGoal) -> Option<SmartProblem> {
    if g.what.trim().is_empty() {
        Some(SmartProblem::NoWhat)
    } else if g.who.trim().is_empty() {
        Some(SmartProblem::NoWho)
    } else if is_vague(&g.what) {
        Some(SmartProblem::Vague)
    } else {
        None
    }
}

fn agreed(g: &SmartGoal, today: NaiveDate) -> Option<SmartProblem> {
    match &g.agreed {
        None => Some(SmartProblem::NotAgreed),
        Some(a) if a.by.iter().all(|n| n.trim().is_empty()) => Some(SmartProblem::NotAgreed),
        Some(a) if a.on > today => Some(SmartProblem::AgreedInFuture),
        Some(_) => None,
    }
}

fn realistic(g: &SmartGoal, today: NaiveDate) -> Option<SmartProblem> {
    let start = g.agreed.as_ref().map_or(today, |a| a.on);
    if g.steps.iter().all(|s| s.trim().is_empty()) {
        Some(SmartProblem::NoSteps)
    } else if g.support.trim().is_empty() {
        Some(SmartProblem::NoSupport)
    } else if g
        .target_date
        .is_some_and(|t| (t - start).num_days() < MIN_DAYS_TO_TARGET)
    {
        Some(SmartProblem::TooSoon)
    } else {
        None
    }
}

fn timely(g: &SmartGoal, today: NaiveDate) -> Option<SmartProblem> {
    let latest = today.checked_add_months(Months::new(MAX_MONTHS_TO_TARGET));
    match g.target_date {
        None => Some(SmartProblem::NoTargetDate),
        Some(t) if t < today => Some(SmartProblem::TargetPassed),
        Some(t) if latest.is_some_and(|l| t > l) => Some(SmartProblem::TooFar),
        Some(_) => None,
    }
}

/// Checks a goal letter by letter against today's date.
///
/// ```
/// # use homeward_core::smart::*;
/// # use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let goal = SmartGoal {
///     what: "Attend every weekly session at the substance misuse service".into(),
///     who: "Bethan".into(),
///     steps: vec!["Book the first session".into()],
///     support: "Bus fares paid; family support worker goes to the first session".into(),
///     measure: "Attendance letter from the service each month".into(),
///     target_date: Some(d(3, 31)),
///     agreed: Some(GoalAgreement { by: vec!["Bethan".into()], on: d(1, 10) }),
///     ..SmartGoal::default()
/// };
/// assert!(smart_check(&goal, d(1, 12)).passes());
/// assert_eq!(smart_check(&goal, d(4, 1)).timely, LetterResult::NotMet(SmartProblem::TargetPassed));
/// ```
pub fn smart_check(goal: &SmartGoal, today: NaiveDate) -> SmartCheck {
    SmartCheck {
        specific: result(specific(goal)),
        measurable: result(
            goal.measure
                .trim()
                .is_empty()
                .then_some(SmartProblem::NoMeasure),
        ),
        agreed: result(agreed(goal, today)),
        realistic: result(realistic(goal, today)),
        timely: result(timely(goal, today)),
    }
}

#[cfg(test)]
pub(crate) mod tests;
