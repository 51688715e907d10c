//! Decisions and the log of how they were communicated. Stage 2 asks that the decision on
//! reunification reaches the child, parents, carers and professionals; a Stage 4 decision and a
//! case closure wait for a team manager's sign-off.

use crate::api::Role;
use crate::signoff::{sign_off, SignOff, SignOffError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What kind of decision was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Stage 2: the potential for reunification.
    ReunificationPotential,
    /// Stage 2 task 4: reunification is not possible.
    ReunificationNotPossible,
    /// Stage 4: reclassification and the decision on reunification.
    Stage4Reclassification,
    /// Closing the case.
    Closure,
    Other,
}

impl DecisionKind {
    /// Whether this kind of decision needs a team manager's sign-off before it takes effect.
    ///
    /// ```
    /// # use homeward_core::decisions::DecisionKind;
    /// assert!(DecisionKind::Closure.needs_manager_sign_off());
    /// assert!(!DecisionKind::ReunificationPotential.needs_manager_sign_off());
    /// ```
    pub fn needs_manager_sign_off(self) -> bool {
        match self {
            DecisionKind::Stage4Reclassification | DecisionKind::Closure => true,
            DecisionKind::ReunificationPotential
            | DecisionKind::ReunificationNotPossible
            | DecisionKind::Other => false,
        }
    }
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: Uuid,
    pub kind: DecisionKind,
    /// What was decided, in plain words.
    pub summary: String,
    /// Why.
    pub reasons: String,
    pub by: String,
    pub on: NaiveDate,
    /// The classification it rests on, if any.
    pub classification_id: Option<Uuid>,
    pub sign_off: Option<SignOff>,
}

/// Where a decision stands with respect to sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignOffStatus {
    NotNeeded,
    Pending,
    SignedOff(SignOff),
}

/// Why a decision is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("Say what was decided.")]
    NoSummary,
    #[error("The decision must say who made it.")]
    NoAuthor,
    #[error("The decision date cannot be in the future.")]
    InFuture,
}

impl Decision {
    /// Checks the decision's fields against `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), DecisionError> {
        if self.summary.trim().is_empty() {
            Err(DecisionError::NoSummary)
        } else if self.by.trim().is_empty() {
            Err(DecisionError::NoAuthor)
        } else if self.on > today {
            Err(DecisionError::InFuture)
        } else {
            Ok(())
        }
    }

    /// Whether it still waits for a manager.
    pub fn status(&self) -> SignOffStatus {
        match (&self.sign_off, self.kind.needs_manager_sign_off()) {
            (Some(s), _) => SignOffStatus::SignedOff(s.clone()),
            (None, true) => SignOffStatus::Pending,
            (None, false) => SignOffStatus::NotNeeded,
        }
    }

    /// True while a manager's sign-off is needed and missing.
    pub fn pending_sign_off(&self) -> bool {
        self.status() == SignOffStatus::Pending
    }

    /// Signs the decision off; only a manager can, and only a decision that needs it.
    ///
    /// ```
    /// # use homeward_core::{api::Role, decisions::*};
    /// # use chrono::NaiveDate;
    /// # use uuid::Uuid;
    /// let on = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    /// let mut d = Decision { id: Uuid::nil(), kind: DecisionKind::Closure, summary: "Close".into(),
    ///     reasons: String::new(), by: "sw1".into(), on, classification_id: None, sign_off: None };
    /// assert!(d.pending_sign_off());
    /// assert!(d.sign("sw1", Role::Worker, on, "").is_err());
    /// d.sign("tm1", Role::Manager, on, "Agreed").unwrap();
    /// assert!(!d.pending_sign_off());
    /// ```
    pub fn sign(
        &mut self,
        signer: &str,
        role: Role,
        on: NaiveDate,
        comment: &str,
    ) -> Result<(), SignOffError> {
        match self.status() {
            SignOffStatus::NotNeeded => Err(SignOffError::NotNeeded),
            SignOffStatus::SignedOff(_) => Err(SignOffError::AlreadySignedOff),
            SignOffStatus::Pending => {
                self.sign_off = Some(sign_off(signer, role, on, self.on, comment)?);
                Ok(())
            }
        }
    }
}

/// Who a decision or plan was communicated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Child,
    Parents,
    /// Foster carers or residential workers.
    Carers,
    Professionals,
}

impl Audience {
    /// Everyone Stage 2 task 3 says must be told.
    pub const ALL: [Audience; 4] = [
        Audience::Child,
        Audience::Parents,
        Audience::Carers,
        Audience::Professionals,
    ];
}

/// How it was communicated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InPerson,
    Phone,
    VideoCall,
    Letter,
    Email,
    Meeting,
    Other,
}

/// One entry of the communications log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Communication {
    pub id: Uuid,
    pub decision_id: Option<Uuid>,
    pub to: Audience,
    /// Names of the people told, if recorded.
    pub names: Vec<String>,
    pub how: Channel,
    pub on: NaiveDate,
    pub by: String,
    /// What was said and how it was received.
    pub note: String,
}

/// Who has not yet been told about a decision.
///
/// ```
/// # use homeward_core::decisions::*;
/// # use uuid::Uuid;
/// assert_eq!(not_yet_told(Uuid::nil(), &[]), Audience::ALL.to_vec());
/// ```
pub fn not_yet_told(decision_id: Uuid, log: &[Communication]) -> Vec<Audience> {
    Audience::ALL
        .into_iter()
        .filter(|a| {
            !log.iter()
                .any(|c| c.decision_id == Some(decision_id) && c.to == *a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    fn decision(kind: DecisionKind) -> Decision {
        Decision {
            id: Uuid::from_u128(1),
            kind,
            summary: "Reunification can be considered".into(),
            reasons: String::new(),
            by: "sw1".into(),
            on: day(2),
            classification_id: None,
            sign_off: None,
        }
    }

    #[rstest]
    #[case::a_stage_4_reclassification(DecisionKind::Stage4Reclassification, true)]
    #[case::a_case_closure(DecisionKind::Closure, true)]
    #[case::a_stage_2_decision(DecisionKind::ReunificationPotential, false)]
    #[case::reunification_not_possible(DecisionKind::ReunificationNotPossible, false)]
    #[case::another_decision(DecisionKind::Other, false)]
    fn a_manager_must_sign_off(#[case] kind: DecisionKind, #[case] needed: bool) {
        assert_eq!(decision(kind).pending_sign_off(), needed);
    }

    #[test]
    fn a_closure_signed_by_a_worker_stays_pending() {
        let mut d = decision(DecisionKind::Closure);
        assert_eq!(
            d.sign("sw2", Role::Worker, day(3), ""),
            Err(SignOffError::NotAManager)
        );
        assert!(d.pending_sign_off());
        d.sign("tm1", Role::Manager, day(3), "").unwrap();
        assert!(matches!(d.status(), SignOffStatus::SignedOff(s) if s.by == "tm1"));
    }

    #[test]
    fn the_decision_must_reach_the_child_parents_carers_and_professionals() {
        let told = |to| Communication {
            id: Uuid::nil(),
            decision_id: Some(Uuid::from_u128(1)),
            to,
            names: vec![],
            how: Channel::InPerson,
            on: day(3),
            by: "sw1".into(),
            note: String::new(),
        };
        let log = vec![told(Audience::Child), told(Audience::Parents)];
        assert_eq!(
            not_yet_told(Uuid::from_u128(1), &log),
            vec![Audience::Carers, Audience::Professionals]
        );
        assert_eq!(not_yet_told(Uuid::from_u128(2), &log).len(), 4);
    }

    #[test]
    fn a_decision_needs_a_summary_an_author_and_a_date_not_in_the_future() {
        let mut d = decision(DecisionKind::Other);
        assert_eq!(d.validate(day(2)), Ok(()));
        assert_eq!(d.validate(day(1)), Err(DecisionError::InFuture));
        d.summary = " ".into();
        assert_eq!(d.validate(day(2)), Err(DecisionError::NoSummary));
    }
}
