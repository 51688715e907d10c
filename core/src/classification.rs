//! The traffic-light risk classification table (Stage 2, and again throughout the case).
//!
//! The table guides judgement, it does not decide: [`suggested_level`] reads the five answers,
//! the worker confirms or overrides, and an override must say why. Every classification is kept.

use crate::signoff::SignOff;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest rationale we accept, in characters.
pub const MAX_RATIONALE_CHARS: usize = 20_000;

/// The four columns of the table, from least to most severe (so `Ord` means "more severe").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Severe,
}

impl RiskLevel {
    /// Every level, least severe first.
    pub const ALL: [RiskLevel; 4] = [
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::Severe,
    ];

    /// The next level down, if any: the only move down the framework allows.
    ///
    /// ```
    /// # use homeward_core::classification::RiskLevel;
    /// assert_eq!(RiskLevel::Severe.step_down(), Some(RiskLevel::High));
    /// assert_eq!(RiskLevel::Low.step_down(), None);
    /// ```
    pub fn step_down(self) -> Option<RiskLevel> {
        match self {
            RiskLevel::Low => None,
            RiskLevel::Medium => Some(RiskLevel::Low),
            RiskLevel::High => Some(RiskLevel::Medium),
            RiskLevel::Severe => Some(RiskLevel::High),
        }
    }

    /// A stable key for translations and storage ("low", "medium", "high", "severe").
    pub fn key(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Severe => "severe",
        }
    }

    /// The translation key of the table's recommended action for this level.
    ///
    /// ```
    /// # use homeward_core::classification::RiskLevel;
    /// assert_eq!(RiskLevel::High.action_key(), "action.high");
    /// ```
    pub fn action_key(self) -> &'static str {
        match self {
            RiskLevel::Low => "action.low",
            RiskLevel::Medium => "action.medium",
            RiskLevel::High => "action.high",
            RiskLevel::Severe => "action.severe",
        }
    }

    /// The recommended action in English, from the source table (the PWA translates by key).
    pub fn action_en(self) -> &'static str {
        match self {
            RiskLevel::Low => "Return the child home after preparation, with a reunification plan, a parental agreement, support for the child and parents, and monitoring.",
            RiskLevel::Medium => "Return the child home after preparation, with a reunification plan, a parental agreement, support for the child and parents, services to reduce risks and increase protective factors, and regular monitoring.",
            RiskLevel::High => "Further interventions and evidence that the parents can engage and change are needed before the child returns home. Retain the care order. Begin concurrent planning for the possibility of permanent separation.",
            RiskLevel::Severe => "The child remains looked after. Start legal proceedings if required. Plan for permanent separation within a timescale that suits the child's development, needs and wishes.",
        }
    }
}

/// Question 1: risk factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskFactorsAnswer {
    /// Previous risk factors fully addressed; what remains is low and can be managed safely.
    FullyAddressed,
    /// Risk factors apparent, or not all fully addressed.
    NotAllFullyAddressed,
    /// Risk factors apparent and not being addressed.
    NotBeingAddressed,
}

/// Question 2: protective factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProtectiveFactorsAnswer {
    Apparent,
    NotApparent,
}

/// Question 3: parents' sustained capacity for actual change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapacityAnswer {
    Able,
    Unable,
}

/// Question 4: do parents and child want the return home?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WishAnswer {
    BothWant,
    /// Ambivalence by a parent and/or the child.
    Ambivalence,
}

/// Question 5: how likely abuse is to recur if the child returns home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecurrenceAnswer {
    Unlikely,
    SomePossibility,
    Strong,
    VeryStrong,
}

/// The five answers of one classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Answers {
    pub risk_factors: RiskFactorsAnswer,
    pub protective_factors: ProtectiveFactorsAnswer,
    pub capacity: CapacityAnswer,
    pub wish: WishAnswer,
    pub recurrence: RecurrenceAnswer,
}

impl RiskFactorsAnswer {
    /// Every answer, in the table's order (least severe first), for forms.
    pub const ALL: [RiskFactorsAnswer; 3] = [
        RiskFactorsAnswer::FullyAddressed,
        RiskFactorsAnswer::NotAllFullyAddressed,
        RiskFactorsAnswer::NotBeingAddressed,
    ];

    /// The lowest column of the table containing this answer.
    pub fn points_to(self) -> RiskLevel {
        match self {
            RiskFactorsAnswer::FullyAddressed => RiskLevel::Low,
            RiskFactorsAnswer::NotAllFullyAddressed => RiskLevel::Medium,
            RiskFactorsAnswer::NotBeingAddressed => RiskLevel::High,
        }
    }
}

impl ProtectiveFactorsAnswer {
    /// Every answer, in the table's order (least severe first), for forms.
    pub const ALL: [ProtectiveFactorsAnswer; 2] = [
        ProtectiveFactorsAnswer::Apparent,
        ProtectiveFactorsAnswer::NotApparent,
    ];

    /// The lowest column containing this answer: "no protective factors" appears only in severe.
    pub fn points_to(self) -> RiskLevel {
        match self {
            ProtectiveFactorsAnswer::Apparent => RiskLevel::Low,
            ProtectiveFactorsAnswer::NotApparent => RiskLevel::Severe,
        }
    }
}

impl CapacityAnswer {
    /// Every answer, in the table's order (least severe first), for forms.
    pub const ALL: [CapacityAnswer; 2] = [CapacityAnswer::Able, CapacityAnswer::Unable];

    /// The lowest column containing this answer.
    pub fn points_to(self) -> RiskLevel {
        match self {
            CapacityAnswer::Able => RiskLevel::Low,
            CapacityAnswer::Unable => RiskLevel::High,
        }
    }
}

impl WishAnswer {
    /// Every answer, in the table's order (least severe first), for forms.
    pub const ALL: [WishAnswer; 2] = [WishAnswer::BothWant, WishAnswer::Ambivalence];

    /// The lowest column containing this answer.
    pub fn points_to(self) -> RiskLevel {
        match self {
            WishAnswer::BothWant => RiskLevel::Low,
            WishAnswer::Ambivalence => RiskLevel::High,
        }
    }
}

impl RecurrenceAnswer {
    /// Every answer, in the table's order (least severe first), for forms.
    pub const ALL: [RecurrenceAnswer; 4] = [
        RecurrenceAnswer::Unlikely,
        RecurrenceAnswer::SomePossibility,
        RecurrenceAnswer::Strong,
        RecurrenceAnswer::VeryStrong,
    ];

    /// The lowest column containing this answer.
    pub fn points_to(self) -> RiskLevel {
        match self {
            RecurrenceAnswer::Unlikely => RiskLevel::Low,
            RecurrenceAnswer::SomePossibility => RiskLevel::Medium,
            RecurrenceAnswer::Strong => RiskLevel::High,
            RecurrenceAnswer::VeryStrong => RiskLevel::Severe,
        }
    }
}

impl Answers {
    /// The level each of the five answers points to, in question order.
    pub fn pointers(&self) -> [RiskLevel; 5] {
        [
            self.risk_factors.points_to(),
            self.protective_factors.points_to(),
            self.capacity.points_to(),
            self.wish.points_to(),
            self.recurrence.points_to(),
        ]
    }
}

/// The suggested level: each answer points to the lowest column containing it, and the
/// suggestion is the most severe of those.
///
/// ```
/// # use homeward_core::classification::*;
/// let answers = Answers {
///     risk_factors: RiskFactorsAnswer::NotAllFullyAddressed,
///     protective_factors: ProtectiveFactorsAnswer::Apparent,
///     capacity: CapacityAnswer::Able,
///     wish: WishAnswer::BothWant,
///     recurrence: RecurrenceAnswer::SomePossibility,
/// };
/// assert_eq!(suggested_level(&answers), RiskLevel::Medium);
/// let none_protective = Answers { protective_factors: ProtectiveFactorsAnswer::NotApparent, ..answers };
/// assert_eq!(suggested_level(&none_protective), RiskLevel::Severe);
/// ```
pub fn suggested_level(answers: &Answers) -> RiskLevel {
    answers
        .pointers()
        .into_iter()
        .max()
        .unwrap_or(RiskLevel::Severe)
}

/// Why a classification was made: it decides whether a manager must sign it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClassificationKind {
    /// Stage 2: the first classification.
    #[default]
    Initial,
    /// Stage 4: reclassification with the team manager.
    Stage4Reclassification,
    /// Any other revisit (reviews, Stage 5's set intervals, new risk).
    Review,
}

/// One classification as kept in the case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    pub id: Uuid,
    pub kind: ClassificationKind,
    pub answers: Answers,
    /// What the table suggested when this was made (kept, so an override stays visible).
    pub suggested: RiskLevel,
    pub chosen: RiskLevel,
    /// Required when `chosen` differs from `suggested`.
    pub rationale: String,
    /// Username of the worker who made it.
    pub by: String,
    pub on: NaiveDate,
    /// A manager's sign-off, needed for a Stage 4 reclassification.
    pub sign_off: Option<SignOff>,
}

/// Why a classification is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassificationError {
    #[error("You chose {chosen} but the table suggests {suggested}. Write down why you chose a different level.", chosen = .chosen.key(), suggested = .suggested.key())]
    RationaleRequired {
        suggested: RiskLevel,
        chosen: RiskLevel,
    },
    #[error("The rationale is too long (at most 20,000 characters).")]
    RationaleTooLong,
    #[error("The classification must say who made it.")]
    NoAuthor,
}

impl Classification {
    /// Makes a classification: the suggestion is computed from the answers, and a chosen level
    /// that differs from it needs a written rationale. Who and when are arguments.
    ///
    /// ```
    /// # use homeward_core::classification::*;
    /// # use chrono::NaiveDate;
    /// # use uuid::Uuid;
    /// let a = Answers {
    ///     risk_factors: RiskFactorsAnswer::NotBeingAddressed,
    ///     protective_factors: ProtectiveFactorsAnswer::Apparent,
    ///     capacity: CapacityAnswer::Unable,
    ///     wish: WishAnswer::Ambivalence,
    ///     recurrence: RecurrenceAnswer::Strong,
    /// };
    /// let on = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    /// let id = Uuid::from_u128(1);
    /// let kind = ClassificationKind::Initial;
    /// assert!(Classification::new(id, kind, a, RiskLevel::High, "", "sw1", on).is_ok());
    /// assert_eq!(
    ///     Classification::new(id, kind, a, RiskLevel::Severe, " ", "sw1", on),
    ///     Err(ClassificationError::RationaleRequired { suggested: RiskLevel::High, chosen: RiskLevel::Severe })
    /// );
    /// ```
    pub fn new(
        id: Uuid,
        kind: ClassificationKind,
        answers: Answers,
        chosen: RiskLevel,
        rationale: &str,
        by: &str,
        on: NaiveDate,
    ) -> Result<Classification, ClassificationError> {
        let c = Classification {
            id,
            kind,
            answers,
            suggested: suggested_level(&answers),
            chosen,
            rationale: rationale.trim().to_string(),
            by: by.trim().to_string(),
            on,
            sign_off: None,
        };
        c.validate()?;
        Ok(c)
    }

    /// Checks a classification (for example one that arrived by sync).
    pub fn validate(&self) -> Result<(), ClassificationError> {
        if self.by.trim().is_empty() {
            return Err(ClassificationError::NoAuthor);
        }
        if self.rationale.chars().count() > MAX_RATIONALE_CHARS {
            return Err(ClassificationError::RationaleTooLong);
        }
        let suggested = suggested_level(&self.answers);
        if self.chosen != suggested && self.rationale.trim().is_empty() {
            return Err(ClassificationError::RationaleRequired {
                suggested,
                chosen: self.chosen,
            });
        }
        Ok(())
    }

    /// Whether the chosen level overrides the table's suggestion.
    pub fn is_override(&self) -> bool {
        self.chosen != suggested_level(&self.answers)
    }

    /// A Stage 4 reclassification needs a team manager's sign-off.
    pub fn needs_sign_off(&self) -> bool {
        match self.kind {
            ClassificationKind::Stage4Reclassification => true,
            ClassificationKind::Initial | ClassificationKind::Review => false,
        }
    }

    /// Waiting for a manager's sign-off: not yet in effect.
    pub fn pending_sign_off(&self) -> bool {
        self.needs_sign_off() && self.sign_off.is_none()
    }
}

/// Every classification of a case, in the order they were made.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClassificationHistory {
    pub entries: Vec<Classification>,
}

impl ClassificationHistory {
    /// Classifications in effect (not waiting for sign-off), oldest first; same-day entries
    /// keep the order they were made in.
    pub fn in_effect(&self) -> Vec<&Classification> {
        let mut v: Vec<&Classification> = self
            .entries
            .iter()
            .filter(|c| !c.pending_sign_off())
            .collect();
        v.sort_by_key(|c| c.on);
        v
    }

    /// The latest classification in effect.
    pub fn current(&self) -> Option<&Classification> {
        self.in_effect().last().copied()
    }

    /// The level in effect now, if the case has been classified.
    pub fn current_level(&self) -> Option<RiskLevel> {
        self.current().map(|c| c.chosen)
    }

    /// The date the case entered its current level: the first of the unbroken run of
    /// classifications at that level that ends with the current one.
    ///
    /// ```
    /// # use homeward_core::classification::*;
    /// let h = ClassificationHistory::default();
    /// assert_eq!(h.level_since(), None);
    /// ```
    pub fn level_since(&self) -> Option<NaiveDate> {
        let v = self.in_effect();
        let level = v.last()?.chosen;
        v.iter()
            .rev()
            .take_while(|c| c.chosen == level)
            .last()
            .map(|c| c.on)
    }

    /// Classifications awaiting a manager's sign-off.
    pub fn pending(&self) -> Vec<&Classification> {
        self.entries
            .iter()
            .filter(|c| c.pending_sign_off())
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests;
