//! Everything the framework keeps about one case, in one plain value: handy for seeding demo
//! data, printing the assessment report and testing. Storage and sync keep the parts as their
//! own records; this is their sum.

use crate::agreement::WrittenAgreement;
use crate::capacity::CapacityAssessment;
use crate::chronology::ChronologyEntry;
use crate::classification::ClassificationHistory;
use crate::decisions::{Communication, Decision};
use crate::factors::{CaseFactor, Strength};
use crate::genogram::Genogram;
use crate::review::{Interval, Review};
use crate::stages::Checklist;
use crate::support::SupportSession;
use crate::team::{ContingencyPlan, Team};
use crate::voice::ChildVoice;
use serde::{Deserialize, Serialize};

/// One case's practice record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseFile {
    pub genogram: Genogram,
    pub checklist: Checklist,
    pub chronology: Vec<ChronologyEntry>,
    pub factors: Vec<CaseFactor>,
    pub strengths: Vec<Strength>,
    pub capacity: Vec<CapacityAssessment>,
    pub voices: Vec<ChildVoice>,
    pub classifications: ClassificationHistory,
    pub decisions: Vec<Decision>,
    pub communications: Vec<Communication>,
    pub agreements: Vec<WrittenAgreement>,
    pub team: Team,
    pub contingency: ContingencyPlan,
    pub reviews: Vec<Review>,
    pub review_interval: Interval,
    /// Relationship-based support given (Stage 3 task 3).
    #[serde(default)]
    pub support: Vec<SupportSession>,
}

impl CaseFile {
    /// Decisions and classifications waiting for a manager's sign-off (the manager's queue).
    ///
    /// ```
    /// # use homeward_core::practice::CaseFile;
    /// assert_eq!(CaseFile::default().awaiting_sign_off(), 0);
    /// ```
    pub fn awaiting_sign_off(&self) -> usize {
        self.decisions
            .iter()
            .filter(|d| d.pending_sign_off())
            .count()
            + self.classifications.pending().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classification::tests::column;
    use crate::classification::{Classification, ClassificationKind, RiskLevel};
    use crate::decisions::{Audience, Channel, DecisionKind};
    use crate::smart::tests::good_goal;
    use chrono::NaiveDate;
    use uuid::Uuid;

    #[test]
    fn a_whole_case_file_round_trips_through_json_and_counts_what_awaits_a_manager() {
        let on = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut f = CaseFile::default();
        f.classifications.entries.push(
            Classification::new(
                Uuid::nil(),
                ClassificationKind::Stage4Reclassification,
                column(RiskLevel::Low),
                RiskLevel::Low,
                "",
                "sw1",
                on,
            )
            .unwrap(),
        );
        f.decisions.push(Decision {
            id: Uuid::from_u128(3),
            kind: DecisionKind::Closure,
            summary: "Close the case".into(),
            reasons: String::new(),
            by: "sw1".into(),
            on,
            classification_id: None,
            sign_off: None,
        });
        f.communications.push(Communication {
            id: Uuid::nil(),
            decision_id: Some(Uuid::from_u128(3)),
            to: Audience::Child,
            names: vec!["Rhys".into()],
            how: Channel::InPerson,
            on,
            by: "sw1".into(),
            note: String::new(),
        });
        f.agreements.push(WrittenAgreement {
            goals: vec![good_goal()],
            ..WrittenAgreement::default()
        });
        assert_eq!(f.awaiting_sign_off(), 2);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<CaseFile>(&json).unwrap(), f);
    }
}
