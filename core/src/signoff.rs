//! A team manager's sign-off. Stage 4 says the worker reclassifies and decides "with the team
//! manager", and closing a case ends the child's protection, so both wait for a manager.

use crate::api::Role;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A manager's sign-off of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    /// Username of the manager.
    pub by: String,
    pub on: NaiveDate,
    /// Optional comment from the manager.
    #[serde(default)]
    pub comment: String,
}

/// Why a sign-off is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignOffError {
    #[error("Only a team manager can sign this off.")]
    NotAManager,
    #[error("The sign-off must say which manager gave it.")]
    NoSigner,
    #[error("This has already been signed off.")]
    AlreadySignedOff,
    #[error("This does not need a manager's sign-off.")]
    NotNeeded,
    #[error("A sign-off cannot be dated before the decision it signs off.")]
    BeforeDecision,
}

/// Makes a sign-off after checking the signer is a manager and the date is not before the
/// decision.
///
/// ```
/// # use homeward_core::{api::Role, signoff::*};
/// # use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
/// assert!(sign_off("tm1", Role::Manager, d, d, "").is_ok());
/// assert_eq!(sign_off("sw1", Role::Worker, d, d, ""), Err(SignOffError::NotAManager));
/// ```
pub fn sign_off(
    signer: &str,
    role: Role,
    on: NaiveDate,
    decided_on: NaiveDate,
    comment: &str,
) -> Result<SignOff, SignOffError> {
    match role {
        Role::Manager => {}
        Role::Worker => return Err(SignOffError::NotAManager),
    }
    let by = signer.trim();
    if by.is_empty() {
        return Err(SignOffError::NoSigner);
    }
    if on < decided_on {
        return Err(SignOffError::BeforeDecision);
    }
    Ok(SignOff {
        by: by.to_string(),
        on,
        comment: comment.trim().to_string(),
    })
}

impl crate::classification::Classification {
    /// Signs off a Stage 4 reclassification, which then comes into effect.
    pub fn sign(
        &mut self,
        signer: &str,
        role: Role,
        on: NaiveDate,
        comment: &str,
    ) -> Result<(), SignOffError> {
        if !self.needs_sign_off() {
            return Err(SignOffError::NotNeeded);
        }
        if self.sign_off.is_some() {
            return Err(SignOffError::AlreadySignedOff);
        }
        self.sign_off = Some(sign_off(signer, role, on, self.on, comment)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classification::*;
    use uuid::Uuid;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    fn answers() -> Answers {
        Answers {
            risk_factors: RiskFactorsAnswer::NotAllFullyAddressed,
            protective_factors: ProtectiveFactorsAnswer::Apparent,
            capacity: CapacityAnswer::Able,
            wish: WishAnswer::BothWant,
            recurrence: RecurrenceAnswer::SomePossibility,
        }
    }

    fn reclassification() -> Classification {
        let kind = ClassificationKind::Stage4Reclassification;
        Classification::new(
            Uuid::nil(),
            kind,
            answers(),
            RiskLevel::Medium,
            "",
            "sw1",
            day(2),
        )
        .unwrap()
    }

    #[test]
    fn a_stage_4_reclassification_waits_for_a_manager_before_it_takes_effect() {
        let mut h = ClassificationHistory::default();
        h.entries.push(reclassification());
        assert_eq!(h.current_level(), None);
        assert_eq!(h.pending().len(), 1);
        h.entries[0].sign("tm1", Role::Manager, day(3), "").unwrap();
        assert_eq!(h.current_level(), Some(RiskLevel::Medium));
    }

    #[test]
    fn a_worker_cannot_sign_off_a_stage_4_reclassification() {
        let mut c = reclassification();
        assert_eq!(
            c.sign("sw2", Role::Worker, day(3), ""),
            Err(SignOffError::NotAManager)
        );
        assert!(c.pending_sign_off());
    }

    #[test]
    fn an_initial_classification_needs_no_sign_off() {
        let mut c = reclassification();
        c.kind = ClassificationKind::Initial;
        assert!(!c.pending_sign_off());
        assert_eq!(
            c.sign("tm1", Role::Manager, day(3), ""),
            Err(SignOffError::NotNeeded)
        );
    }

    #[test]
    fn a_sign_off_cannot_predate_the_decision_or_be_given_twice() {
        let mut c = reclassification();
        assert_eq!(
            c.sign("tm1", Role::Manager, day(1), ""),
            Err(SignOffError::BeforeDecision)
        );
        c.sign("tm1", Role::Manager, day(2), "").unwrap();
        assert_eq!(
            c.sign("tm1", Role::Manager, day(4), ""),
            Err(SignOffError::AlreadySignedOff)
        );
    }
}
