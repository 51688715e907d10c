//! Parental capacity to change, rated per parent: is there no, some or substantial evidence of
//! capacity to change in time to meet the child's needs? Compliance is not change: attending
//! appointments is recorded, but on its own it cannot be rated as evidence of change.

use crate::classification::CapacityAnswer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The framework's three ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapacityEvidence {
    NoEvidence,
    SomeEvidence,
    SubstantialEvidence,
}

/// The positive indicators of capacity to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositiveIndicator {
    /// Ended a violent relationship, or one with a person who posed a risk to the child.
    EndedRiskyRelationship,
    /// Acknowledges the damaging effect of their previous behaviour.
    AcknowledgesDamage,
    /// Has overcome difficulties before.
    OvercameDifficulties,
    /// Has come to terms with the removal of an older child (if applicable).
    CameToTermsWithRemoval,
}

/// One parent's rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityAssessment {
    /// The parent (person id).
    pub parent_id: Uuid,
    pub rating: CapacityEvidence,
    pub indicators: BTreeSet<PositiveIndicator>,
    pub evidence: String,
    /// The only evidence is compliance (attending, agreeing), not changed behaviour.
    pub compliance_only: bool,
    pub assessed_on: NaiveDate,
    pub by: String,
}

/// Why a rating is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CapacityError {
    #[error("Compliance is not change: attending and agreeing alone are not evidence of capacity to change. Rate this as no evidence, or record the change you have seen.")]
    ComplianceIsNotChange,
    #[error("Write down the evidence for this rating.")]
    NoEvidenceText,
    #[error("The assessment date cannot be in the future.")]
    InFuture,
}

impl CapacityAssessment {
    /// Checks the rating.
    ///
    /// ```
    /// # use homeward_core::capacity::*;
    /// # use chrono::NaiveDate;
    /// # use uuid::Uuid;
    /// let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let a = CapacityAssessment { parent_id: Uuid::nil(), rating: CapacityEvidence::SomeEvidence,
    ///     indicators: Default::default(), evidence: "Attends every appointment".into(),
    ///     compliance_only: true, assessed_on: today, by: "sw1".into() };
    /// assert_eq!(a.validate(today), Err(CapacityError::ComplianceIsNotChange));
    /// ```
    pub fn validate(&self, today: NaiveDate) -> Result<(), CapacityError> {
        if self.assessed_on > today {
            return Err(CapacityError::InFuture);
        }
        match self.rating {
            CapacityEvidence::NoEvidence => Ok(()),
            CapacityEvidence::SomeEvidence | CapacityEvidence::SubstantialEvidence => {
                if self.compliance_only {
                    Err(CapacityError::ComplianceIsNotChange)
                } else if self.evidence.trim().is_empty() {
                    Err(CapacityError::NoEvidenceText)
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// A hint for the classification's third question. Our rule (the source is silent): parents are
/// "able to demonstrate sustained capacity for actual change" only when every rated parent has
/// substantial evidence. `None` when no parent is rated yet.
///
/// ```
/// # use homeward_core::capacity::*;
/// assert_eq!(capacity_hint(&[]), None);
/// ```
pub fn capacity_hint(ratings: &[CapacityAssessment]) -> Option<CapacityAnswer> {
    if ratings.is_empty() {
        None
    } else if ratings
        .iter()
        .all(|r| r.rating == CapacityEvidence::SubstantialEvidence && !r.compliance_only)
    {
        Some(CapacityAnswer::Able)
    } else {
        Some(CapacityAnswer::Unable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn rated(rating: CapacityEvidence) -> CapacityAssessment {
        CapacityAssessment {
            parent_id: Uuid::nil(),
            rating,
            indicators: [PositiveIndicator::EndedRiskyRelationship].into(),
            evidence: "Ended the relationship and moved house".into(),
            compliance_only: false,
            assessed_on: today(),
            by: "sw1".into(),
        }
    }

    #[test]
    fn evidence_of_change_must_be_written_down_and_cannot_be_dated_tomorrow() {
        let mut a = rated(CapacityEvidence::SubstantialEvidence);
        assert_eq!(a.validate(today()), Ok(()));
        a.evidence = "  ".into();
        assert_eq!(a.validate(today()), Err(CapacityError::NoEvidenceText));
        // "No evidence" needs nothing written.
        a.rating = CapacityEvidence::NoEvidence;
        assert_eq!(a.validate(today()), Ok(()));
        a.assessed_on = today().succ_opt().unwrap();
        assert_eq!(a.validate(today()), Err(CapacityError::InFuture));
    }

    #[rstest]
    #[case::some(CapacityEvidence::SomeEvidence)]
    #[case::substantial(CapacityEvidence::SubstantialEvidence)]
    fn compliance_alone_cannot_be_rated_as_evidence_of_change(#[case] rating: CapacityEvidence) {
        let a = CapacityAssessment {
            compliance_only: true,
            ..rated(rating)
        };
        assert_eq!(
            a.validate(today()),
            Err(CapacityError::ComplianceIsNotChange)
        );
        let none = CapacityAssessment {
            compliance_only: true,
            ..rated(CapacityEvidence::NoEvidence)
        };
        assert_eq!(none.validate(today()), Ok(()));
    }

    #[test]
    fn parents_are_able_to_change_only_when_every_parent_has_substantial_evidence() {
        let sub = rated(CapacityEvidence::SubstantialEvidence);
        let some = rated(CapacityEvidence::SomeEvidence);
        assert_eq!(
            capacity_hint(std::slice::from_ref(&sub)),
            Some(CapacityAnswer::Able)
        );
        assert_eq!(capacity_hint(&[sub, some]), Some(CapacityAnswer::Unable));
    }

    proptest! {
        #[test]
        fn ratings_round_trip_through_json_and_validation_never_panics(evidence in any::<String>(), c in any::<bool>()) {
            let a = CapacityAssessment { evidence, compliance_only: c, ..rated(CapacityEvidence::SomeEvidence) };
            let _ = a.validate(today());
            let json = serde_json::to_string(&a).unwrap();
            prop_assert_eq!(serde_json::from_str::<CapacityAssessment>(&json).unwrap(), a);
        }
    }
}
