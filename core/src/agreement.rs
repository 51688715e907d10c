//! The written agreement with parents (Stage 3 task 2, Annex 7): objectives, SMART goals,
//! expectations, how goals are reviewed and the consequences of no change. It is written for
//! parents to read, and cannot be finalised while any goal misses a SMART letter.

use crate::smart::{smart_check, Letter, SmartGoal, SmartProblem};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What one side expects to be achieved, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Expectation {
    pub who: String,
    pub what: String,
    pub by: Option<NaiveDate>,
}

/// Who signed the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signatory {
    Parent,
    Child,
    Worker,
    Other,
}

/// A signature on the agreement (drawn on screen; the drawing is an image attachment
/// referenced by its id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub name: String,
    pub role: Signatory,
    pub on: NaiveDate,
    pub drawing: Option<String>,
    /// The moment of signing, when the device knew it (older signatures have only the day).
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
}

/// A written agreement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WrittenAgreement {
    pub id: Uuid,
    pub objectives: Vec<String>,
    pub goals: Vec<SmartGoal>,
    pub expectations: Vec<Expectation>,
    /// How and when the goals will be reviewed.
    pub review_arrangements: String,
    /// What happens if nothing changes or the agreement is broken.
    pub consequences: String,
    pub finalised_on: Option<NaiveDate>,
    pub signatures: Vec<Signature>,
}

/// One goal missing one SMART letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalFailure {
    /// 1-based, as the agreement numbers its goals.
    pub goal_number: usize,
    pub goal_id: Uuid,
    pub letter: Letter,
    pub problem: SmartProblem,
}

fn describe(failures: &[GoalFailure]) -> String {
    failures
        .iter()
        .map(|f| {
            format!(
                "Goal {} is not {}: {}",
                f.goal_number,
                f.letter.word(),
                f.problem
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why an agreement cannot be finalised (or signed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    #[error("Write down the overall objectives.")]
    NoObjectives,
    #[error("Add at least one goal.")]
    NoGoals,
    #[error("{}", describe(.0))]
    GoalsNotSmart(Vec<GoalFailure>),
    #[error("Say what both sides expect, and by when.")]
    NoExpectations,
    #[error("Give each expectation its date: by when.")]
    ExpectationWithoutDate,
    #[error("Say how and when the goals will be reviewed.")]
    NoReviewArrangements,
    #[error("Say what will happen if nothing changes or the agreement is broken.")]
    NoConsequences,
    #[error("This agreement is already final; make a new version to change it.")]
    AlreadyFinal,
    #[error("The agreement must be finalised before it is signed.")]
    NotFinal,
    #[error("Enter the name of the person signing.")]
    NoSignatoryName,
}

impl WrittenAgreement {
    /// Every goal's missed letters, numbered as on the printed agreement.
    pub fn goal_failures(&self, today: NaiveDate) -> Vec<GoalFailure> {
        self.goals
            .iter()
            .enumerate()
            .flat_map(|(i, g)| {
                smart_check(g, today)
                    .failures()
                    .into_iter()
                    .map(move |(letter, problem)| GoalFailure {
                        goal_number: i + 1,
                        goal_id: g.id,
                        letter,
                        problem,
                    })
            })
            .collect()
    }

    /// Everything that stops the agreement being finalised today (empty when it can be).
    pub fn problems(&self, today: NaiveDate) -> Vec<AgreementError> {
        let mut errors = Vec::new();
        if self.finalised_on.is_some() {
            errors.push(AgreementError::AlreadyFinal);
        }
        if self.objectives.iter().all(|o| o.trim().is_empty()) {
            errors.push(AgreementError::NoObjectives);
        }
        if self.goals.is_empty() {
            errors.push(AgreementError::NoGoals);
        }
        let failures = self.goal_failures(today);
        if !failures.is_empty() {
            errors.push(AgreementError::GoalsNotSmart(failures));
        }
        // framework.md: "what both sides expect and by when".
        let stated: Vec<&Expectation> = self
            .expectations
            .iter()
            .filter(|e| !e.what.trim().is_empty())
            .collect();
        if stated.is_empty() {
            errors.push(AgreementError::NoExpectations);
        } else if stated.iter().any(|e| e.by.is_none()) {
            errors.push(AgreementError::ExpectationWithoutDate);
        }
        if self.review_arrangements.trim().is_empty() {
            errors.push(AgreementError::NoReviewArrangements);
        }
        if self.consequences.trim().is_empty() {
            errors.push(AgreementError::NoConsequences);
        }
        errors
    }

    /// Finalises the agreement on `today`, or says every reason it cannot be.
    ///
    /// ```
    /// # use homeward_core::agreement::*;
    /// # use homeward_core::smart::SmartGoal;
    /// # use chrono::{DateTime, NaiveDate, Utc};
    /// let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let mut a = WrittenAgreement {
    ///     objectives: vec!["Cerys comes home safely".into()],
    ///     goals: vec![SmartGoal::default()],
    ///     review_arrangements: "Monthly review meeting".into(),
    ///     consequences: "Cerys stays in foster care".into(),
    ///     ..WrittenAgreement::default()
    /// };
    /// let errors = a.finalise(today).unwrap_err();
    /// assert!(matches!(&errors[0], AgreementError::GoalsNotSmart(f) if f[0].goal_number == 1));
    /// assert!(a.finalised_on.is_none());
    /// ```
    pub fn finalise(&mut self, today: NaiveDate) -> Result<(), Vec<AgreementError>> {
        let errors = self.problems(today);
        if errors.is_empty() {
            self.finalised_on = Some(today);
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Adds a signature; only a final agreement can be signed.
    pub fn sign(
        &mut self,
        name: &str,
        role: Signatory,
        on: NaiveDate,
    ) -> Result<(), AgreementError> {
        self.add_signature(Signature {
            name: name.to_string(),
            role,
            on,
            drawing: None,
            at: None,
        })
        .map(drop)
    }

    /// Adds a drawn signature. Saving the same drawing again (a retry after a failed save, a
    /// second tap) adds nothing, so a signature is never counted twice; says whether it was added.
    pub fn add_signature(&mut self, mut signature: Signature) -> Result<bool, AgreementError> {
        if self.finalised_on.is_none() {
            return Err(AgreementError::NotFinal);
        }
        signature.name = signature.name.trim().to_string();
        if signature.name.is_empty() {
            return Err(AgreementError::NoSignatoryName);
        }
        if signature.drawing.is_some()
            && self
                .signatures
                .iter()
                .any(|s| s.drawing == signature.drawing)
        {
            return Ok(false);
        }
        self.signatures.push(signature);
        Ok(true)
    }

    /// A new draft to change a final agreement: same objectives and goals (so reviews keep
    /// following the same goals), no finalisation and no signatures.
    pub fn new_version(&self, id: Uuid) -> WrittenAgreement {
        WrittenAgreement {
            id,
            finalised_on: None,
            signatures: Vec::new(),
            ..self.clone()
        }
    }

    /// At least one parent has signed.
    pub fn signed_by_a_parent(&self) -> bool {
        self.signatures.iter().any(|s| s.role == Signatory::Parent)
    }
}

/// The agreement the worker and parents work from: a draft being written if there is one (the
/// latest), otherwise the final agreement finalised last.
pub fn current(agreements: &[WrittenAgreement]) -> Option<&WrittenAgreement> {
    agreements
        .iter()
        .filter(|a| a.finalised_on.is_none())
        .max_by_key(|a| a.id)
        .or_else(|| agreements.iter().max_by_key(|a| (a.finalised_on, a.id)))
}

/// A tip to surface when reviewing goals (Annex 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReviewTip {
    pub key: &'static str,
    pub en: &'static str,
}

/// The framework's tips for reviewing goals.
pub const REVIEW_TIPS: [ReviewTip; 7] = [
    ReviewTip {
        key: "tip.monitor",
        en: "Monitor progress regularly.",
    },
    ReviewTip {
        key: "tip.barriers",
        en: "Keep the barriers in mind.",
    },
    ReviewTip {
        key: "tip.encourage",
        en: "Give support and encouragement.",
    },
    ReviewTip {
        key: "tip.services_work",
        en: "Review whether the support and services offered to parents are working.",
    },
    ReviewTip {
        key: "tip.compliance",
        en: "Compliance is not the same as readiness to change, or change itself.",
    },
    ReviewTip {
        key: "tip.flexible",
        en: "Stay flexible.",
    },
    ReviewTip {
        key: "tip.longer",
        en: "This may take longer than planned.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smart::tests::good_goal;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn agreement() -> WrittenAgreement {
        WrittenAgreement {
            objectives: vec!["Cerys returns home safely by the summer".into()],
            goals: vec![good_goal(), good_goal()],
            expectations: vec![Expectation {
                who: "Bethan".into(),
                what: "Tell the worker at once if she drinks again".into(),
                by: Some(d(3, 2)),
            }],
            review_arrangements: "Review meeting every four weeks".into(),
            consequences: "Cerys stays in foster care and we plan for other options".into(),
            ..WrittenAgreement::default()
        }
    }

    #[test]
    fn an_agreement_whose_goals_are_all_smart_can_be_finalised_and_then_signed() {
        let mut a = agreement();
        assert_eq!(
            a.sign("Bethan", Signatory::Parent, d(3, 2)),
            Err(AgreementError::NotFinal)
        );
        a.finalise(d(3, 2)).unwrap();
        assert_eq!(a.finalised_on, Some(d(3, 2)));
        a.sign("Sarah (social worker)", Signatory::Worker, d(3, 2))
            .unwrap();
        assert!(
            !a.signed_by_a_parent(),
            "the worker's signature is not a parent's"
        );
        a.sign("Bethan", Signatory::Parent, d(3, 2)).unwrap();
        assert!(a.signed_by_a_parent());
        assert_eq!(a.finalise(d(3, 3)), Err(vec![AgreementError::AlreadyFinal]));
    }

    #[test]
    fn an_agreement_cannot_be_finalised_while_a_goal_fails_and_the_error_names_the_goal_and_letter()
    {
        let mut a = agreement();
        a.goals[1].target_date = Some(d(3, 1));
        let errors = a.finalise(d(3, 2)).unwrap_err();
        let AgreementError::GoalsNotSmart(f) = &errors[0] else {
            panic!("{errors:?}")
        };
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.goal_number == 2));
        assert!(f
            .iter()
            .any(|f| f.letter == Letter::Timely && f.problem == SmartProblem::TargetPassed));
        assert!(errors[0].to_string().starts_with("Goal 2 is not Realistic"));
        assert!(a.finalised_on.is_none());
    }

    #[test]
    fn an_agreement_needs_objectives_goals_review_arrangements_and_consequences() {
        let errors = WrittenAgreement::default().problems(d(3, 2));
        assert_eq!(
            errors,
            vec![
                AgreementError::NoObjectives,
                AgreementError::NoGoals,
                AgreementError::NoExpectations,
                AgreementError::NoReviewArrangements,
                AgreementError::NoConsequences
            ]
        );
    }

    #[test]
    fn an_agreement_says_what_both_sides_expect_and_by_when() {
        let mut a = agreement();
        assert!(!a.problems(d(3, 2)).iter().any(|e| matches!(
            e,
            AgreementError::NoExpectations | AgreementError::ExpectationWithoutDate
        )));
        a.expectations.push(Expectation {
            who: "Children's services".into(),
            what: "Pay bus fares to the recovery service".into(),
            by: None,
        });
        assert!(a
            .problems(d(3, 2))
            .contains(&AgreementError::ExpectationWithoutDate));
        assert_eq!(a.finalise(d(3, 2)).map(drop).map_err(|_| ()), Err(()));
        a.expectations.clear();
        assert!(a
            .problems(d(3, 2))
            .contains(&AgreementError::NoExpectations));
    }

    #[test]
    fn the_same_drawn_signature_saved_twice_is_kept_once() {
        let mut a = agreement();
        a.finalise(d(3, 2)).unwrap();
        let s = Signature {
            name: " Bethan ".into(),
            role: Signatory::Parent,
            on: d(3, 2),
            drawing: Some(Uuid::from_u128(9).to_string()),
            at: None,
        };
        assert_eq!(a.add_signature(s.clone()), Ok(true));
        assert_eq!(a.add_signature(s), Ok(false));
        assert_eq!(a.signatures.len(), 1);
        assert_eq!(a.signatures[0].name, "Bethan");
    }

    #[test]
    fn a_draft_is_the_current_agreement_and_otherwise_the_last_finalised() {
        let mut first = agreement();
        first.id = Uuid::from_u128(1);
        first.finalise(d(3, 2)).unwrap();
        let mut second = first.new_version(Uuid::from_u128(2));
        assert!(second.finalised_on.is_none() && second.signatures.is_empty());
        assert_eq!(
            current(&[first.clone(), second.clone()]).map(|a| a.id),
            Some(second.id)
        );
        second.finalise(d(3, 9)).unwrap();
        assert_eq!(
            current(&[second.clone(), first]).map(|a| a.id),
            Some(second.id)
        );
        assert_eq!(current(&[]), None);
    }

    #[test]
    fn the_review_tips_include_that_compliance_is_not_change() {
        assert_eq!(REVIEW_TIPS.len(), 7);
        assert!(REVIEW_TIPS
            .iter()
            .any(|t| t.en.contains("Compliance is not")));
    }

    #[test]
    fn an_agreement_round_trips_through_json() {
        let mut a = agreement();
        a.finalise(d(3, 2)).unwrap();
        a.sign("Bethan", Signatory::Parent, d(3, 2)).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<WrittenAgreement>(&json).unwrap(), a);
    }
}
