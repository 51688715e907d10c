//! A team manager's sign-off. Stage 4 says the worker reclassifies and decides "with the team
//! manager", and closing a case ends the child's protection, so both wait for a manager.

use crate::api::Role;
use crate::classification::RiskLevel;
use crate::entities::DATA;
use crate::sync::{Change, Entity};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
    #[error("Say why you are returning it, so the worker knows what to change.")]
    CommentRequired,
    #[error("A sign-off must be given by the manager who sends it.")]
    SignedForSomeoneElse,
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

/// What a manager's sign-off decision is about: a classification record or a decision record
/// (a case closure, or a Stage 4 decision) of the same case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Classification,
    Decision,
}

/// The manager's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Agreed: the reclassification takes effect, or the case closes.
    Agreed,
    /// Sent back to the worker with a comment; it never takes effect, and the worker submits
    /// again.
    Returned,
}

/// A manager's decision on one submission, synced as its own record. Its record id is the
/// submission's id, so one submission has one decision: a decision made twice (on two devices,
/// or again after a lost reply) is the same record, never a duplicate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOffDecision {
    /// The id of the classification or decision record signed off (and of this record).
    pub subject: Uuid,
    pub about: Subject,
    pub verdict: Verdict,
    /// Required when returning.
    #[serde(default)]
    pub comment: String,
    /// Username of the manager.
    pub by: String,
    /// The manager's name as the worker sees it.
    pub by_name: String,
    pub on: NaiveDate,
    /// For a reclassification, the level the manager decided on: the decision holds for that
    /// level only, so a submission changed after it was decided goes back to the queue.
    #[serde(default)]
    pub level: Option<RiskLevel>,
}

impl SignOffDecision {
    /// A manager's decision on a submission made on `submitted_on`.
    ///
    /// ```
    /// # use homeward_core::{api::Role, signoff::*};
    /// # use chrono::NaiveDate;
    /// # use uuid::Uuid;
    /// let d = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    /// let s = Uuid::from_u128(7);
    /// let made = |verdict, comment| SignOffDecision::new(s, Subject::Classification, verdict,
    ///     comment, ("megan", "Megan Hughes", Role::Manager), d, d);
    /// assert!(made(Verdict::Agreed, "").is_ok());
    /// assert_eq!(made(Verdict::Returned, " "), Err(SignOffError::CommentRequired));
    /// ```
    pub fn new(
        subject: Uuid,
        about: Subject,
        verdict: Verdict,
        comment: &str,
        (by, by_name, role): (&str, &str, Role),
        on: NaiveDate,
        submitted_on: NaiveDate,
    ) -> Result<SignOffDecision, SignOffError> {
        let signed = sign_off(by, role, on, submitted_on, comment)?;
        let d = SignOffDecision {
            subject,
            about,
            verdict,
            comment: signed.comment,
            by: signed.by,
            by_name: by_name.trim().to_string(),
            on,
            level: None,
        };
        d.validate()?;
        Ok(d)
    }

    /// The decision, bound to the level of the reclassification it decides.
    pub fn for_level(self, level: RiskLevel) -> SignOffDecision {
        SignOffDecision {
            level: Some(level),
            ..self
        }
    }

    /// Whether it decides a submission that now says `level` (a decision not bound to a level,
    /// such as a closure's, decides whatever it names).
    pub fn decides(&self, level: Option<RiskLevel>) -> bool {
        self.level.is_none() || self.level == level
    }

    /// Checks a decision (for example one that arrived by sync).
    pub fn validate(&self) -> Result<(), SignOffError> {
        if self.by.trim().is_empty() {
            return Err(SignOffError::NoSigner);
        }
        match self.verdict {
            Verdict::Returned if self.comment.trim().is_empty() => {
                Err(SignOffError::CommentRequired)
            }
            Verdict::Returned | Verdict::Agreed => Ok(()),
        }
    }

    /// The sign-off it gives, if agreed.
    pub fn sign_off(&self) -> Option<SignOff> {
        match self.verdict {
            Verdict::Agreed => Some(SignOff {
                by: self.by.clone(),
                on: self.on,
                comment: self.comment.clone(),
            }),
            Verdict::Returned => None,
        }
    }
}

/// Where a submission that needs a manager stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "standing", rename_all = "snake_case")]
pub enum Standing {
    /// In the manager's queue.
    Awaiting,
    Agreed {
        by_name: String,
        on: NaiveDate,
        comment: String,
    },
    Returned {
        by_name: String,
        on: NaiveDate,
        comment: String,
    },
}

impl Standing {
    /// The standing given by a manager's decision, or awaiting without one.
    pub fn of(decision: Option<&SignOffDecision>) -> Standing {
        match decision {
            None => Standing::Awaiting,
            Some(d) => {
                let (by_name, on, comment) = (d.by_name.clone(), d.on, d.comment.clone());
                match d.verdict {
                    Verdict::Agreed => Standing::Agreed {
                        by_name,
                        on,
                        comment,
                    },
                    Verdict::Returned => Standing::Returned {
                        by_name,
                        on,
                        comment,
                    },
                }
            }
        }
    }
}

/// Whether the signed-in user may send this change: only a manager writes a sign-off, in their
/// own name, and only a manager writes a classification or decision that carries one. The
/// server checks every pushed change with this, so a worker's device cannot sign its own work
/// off, whatever it sends.
///
/// ```
/// # use homeward_core::{api::Role, signoff::*, sync::*, Hlc};
/// # use uuid::Uuid;
/// let change = Change { change_id: Uuid::nil(), device_id: Uuid::nil(), user: "ffion".into(),
///     case_id: Uuid::nil(), entity: Entity::SignOff, entity_id: Uuid::nil(), field: "data".into(),
///     value: serde_json::json!({}), hlc: Hlc::zero("d"), base: 0 };
/// assert_eq!(may_write(&change, Role::Worker), Err(SignOffError::NotAManager));
/// ```
pub fn may_write(change: &Change, role: Role) -> Result<(), SignOffError> {
    let carries_sign_off = match change.entity {
        Entity::SignOff => true,
        Entity::Classification | Entity::Decision => {
            change.field == DATA && change.value.get("sign_off").is_some_and(|s| !s.is_null())
        }
        Entity::Case
        | Entity::Support
        | Entity::Person
        | Entity::Relationship
        | Entity::ChronologyEntry
        | Entity::CaseFactor
        | Entity::Strength
        | Entity::Capacity
        | Entity::ChildVoice
        | Entity::Communication
        | Entity::Agreement
        | Entity::Review
        | Entity::Team
        | Entity::Contingency
        | Entity::Checklist
        | Entity::Attachment
        | Entity::ReunificationPlan => false,
    };
    if !carries_sign_off {
        return Ok(());
    }
    match role {
        Role::Manager => {}
        Role::Worker => return Err(SignOffError::NotAManager),
    }
    let signer = match change.entity {
        Entity::SignOff if change.field == DATA => change.value.get("by"),
        _ => change.value.get("sign_off").and_then(|s| s.get("by")),
    };
    match signer.and_then(|b| b.as_str()) {
        Some(by) if by != change.user => Err(SignOffError::SignedForSomeoneElse),
        Some(_) | None => Ok(()),
    }
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

    fn change(user: &str, entity: Entity, value: serde_json::Value) -> Change {
        Change {
            change_id: Uuid::from_u128(1),
            device_id: Uuid::from_u128(2),
            user: user.into(),
            case_id: Uuid::from_u128(3),
            entity,
            entity_id: Uuid::from_u128(4),
            field: DATA.into(),
            value,
            hlc: crate::Hlc::zero("d"),
            base: 0,
        }
    }

    fn returned() -> SignOffDecision {
        SignOffDecision::new(
            Uuid::from_u128(4),
            Subject::Classification,
            Verdict::Returned,
            "Say more about the school's view",
            ("tm1", "Team Manager", Role::Manager),
            day(3),
            day(2),
        )
        .unwrap()
    }

    #[test]
    fn a_manager_can_return_a_submission_only_with_a_comment() {
        let r = returned();
        assert_eq!(r.sign_off(), None);
        assert!(matches!(Standing::of(Some(&r)), Standing::Returned { .. }));
        let blank = SignOffDecision {
            comment: "  ".into(),
            ..r
        };
        assert_eq!(blank.validate(), Err(SignOffError::CommentRequired));
        assert_eq!(Standing::of(None), Standing::Awaiting);
    }

    #[test]
    fn a_worker_cannot_decide_a_sign_off_even_by_writing_the_record_directly() {
        let v = serde_json::to_value(returned()).unwrap();
        let mut c = change("sw1", Entity::SignOff, v.clone());
        assert_eq!(may_write(&c, Role::Worker), Err(SignOffError::NotAManager));
        c.user = "tm1".into();
        assert_eq!(may_write(&c, Role::Manager), Ok(()));
        c.user = "tm2".into();
        assert_eq!(
            may_write(&c, Role::Manager),
            Err(SignOffError::SignedForSomeoneElse)
        );
    }

    #[test]
    fn a_worker_cannot_slip_a_sign_off_into_their_own_reclassification() {
        let mut c = reclassification();
        c.sign_off = Some(SignOff {
            by: "tm1".into(),
            on: day(3),
            comment: String::new(),
        });
        let signed = serde_json::to_value(&c).unwrap();
        let ch = change("sw1", Entity::Classification, signed);
        assert_eq!(may_write(&ch, Role::Worker), Err(SignOffError::NotAManager));
        c.sign_off = None;
        let unsigned = serde_json::to_value(&c).unwrap();
        let ch = change("sw1", Entity::Classification, unsigned);
        assert_eq!(may_write(&ch, Role::Worker), Ok(()));
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
