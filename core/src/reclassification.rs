//! Stage 4's possible outcomes: with the evidence from Stage 3, the worker and their manager
//! reclassify risk. The source lists four rows, each with what it means and what happens next.

use crate::classification::RiskLevel;
use crate::stages::Stage;
use serde::{Deserialize, Serialize};

/// One row of the Stage 4 outcomes table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage4Outcome {
    /// No sufficient change; if reunification is no longer possible, back to Stage 2.
    HighToSevere,
    /// Sufficient progress; if the timeframe allows, with support, reunification could be considered.
    HighToMedium,
    /// Sufficient evidence of change; plans for reunification can begin or continue.
    MediumToLow,
    /// Not sufficient evidence of change; the worker decides whether to allow more time or
    /// escalate the risk.
    MediumToHigh,
}

impl Stage4Outcome {
    /// Every row, in the source's order.
    pub const ALL: [Stage4Outcome; 4] = [
        Stage4Outcome::HighToSevere,
        Stage4Outcome::HighToMedium,
        Stage4Outcome::MediumToLow,
        Stage4Outcome::MediumToHigh,
    ];

    /// The row for a reclassification from `initial` to `reclassified`, if the table has one.
    ///
    /// ```
    /// # use homeward_core::{classification::RiskLevel, reclassification::Stage4Outcome};
    /// assert_eq!(Stage4Outcome::from_levels(RiskLevel::High, RiskLevel::Medium), Some(Stage4Outcome::HighToMedium));
    /// assert_eq!(Stage4Outcome::from_levels(RiskLevel::Low, RiskLevel::Low), None);
    /// ```
    pub fn from_levels(initial: RiskLevel, reclassified: RiskLevel) -> Option<Stage4Outcome> {
        match (initial, reclassified) {
            (RiskLevel::High, RiskLevel::Severe) => Some(Stage4Outcome::HighToSevere),
            (RiskLevel::High, RiskLevel::Medium) => Some(Stage4Outcome::HighToMedium),
            (RiskLevel::Medium, RiskLevel::Low) => Some(Stage4Outcome::MediumToLow),
            (RiskLevel::Medium, RiskLevel::High) => Some(Stage4Outcome::MediumToHigh),
            _ => None,
        }
    }

    /// The levels before and after.
    pub fn levels(self) -> (RiskLevel, RiskLevel) {
        match self {
            Stage4Outcome::HighToSevere => (RiskLevel::High, RiskLevel::Severe),
            Stage4Outcome::HighToMedium => (RiskLevel::High, RiskLevel::Medium),
            Stage4Outcome::MediumToLow => (RiskLevel::Medium, RiskLevel::Low),
            Stage4Outcome::MediumToHigh => (RiskLevel::Medium, RiskLevel::High),
        }
    }

    /// Translation key of the "progress" column.
    pub fn progress_key(self) -> &'static str {
        match self {
            Stage4Outcome::HighToSevere => "stage4.progress.no_sufficient_change",
            Stage4Outcome::HighToMedium => "stage4.progress.sufficient_progress",
            Stage4Outcome::MediumToLow => "stage4.progress.sufficient_evidence",
            Stage4Outcome::MediumToHigh => "stage4.progress.not_sufficient_evidence",
        }
    }

    /// Translation key of the "next steps" column.
    pub fn next_step_key(self) -> &'static str {
        match self {
            Stage4Outcome::HighToSevere => "stage4.next.refer_to_stage_2",
            Stage4Outcome::HighToMedium => "stage4.next.consider_reunification",
            Stage4Outcome::MediumToLow => "stage4.next.reunification_plans",
            Stage4Outcome::MediumToHigh => "stage4.next.more_time_or_escalate",
        }
    }

    /// The next steps in English, from the source.
    pub fn next_step_en(self) -> &'static str {
        match self {
            Stage4Outcome::HighToSevere => {
                "If reunification is no longer possible, go back to Stage 2."
            }
            Stage4Outcome::HighToMedium => {
                "If the timeframe allows, with support, reunification could be considered."
            }
            Stage4Outcome::MediumToLow => "Plans for reunification can begin or continue.",
            Stage4Outcome::MediumToHigh => {
                "Decide whether to allow more time or to escalate the risk."
            }
        }
    }

    /// The stage the case goes to next, where the row says (High→Severe refers back to Stage 2;
    /// Medium→Low moves on to the return home). `None` where the worker decides.
    pub fn next_stage(self) -> Option<Stage> {
        match self {
            Stage4Outcome::HighToSevere => Some(Stage::RiskClassification),
            Stage4Outcome::MediumToLow => Some(Stage::ReturnHome),
            Stage4Outcome::HighToMedium | Stage4Outcome::MediumToHigh => None,
        }
    }

    /// Whether reunification planning may go ahead on this outcome.
    pub fn reunification_may_proceed(self) -> bool {
        match self {
            Stage4Outcome::HighToMedium | Stage4Outcome::MediumToLow => true,
            Stage4Outcome::HighToSevere | Stage4Outcome::MediumToHigh => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::high_to_severe_means_no_sufficient_change_and_back_to_stage_2(
        RiskLevel::High,
        RiskLevel::Severe,
        Stage4Outcome::HighToSevere,
        "stage4.progress.no_sufficient_change",
        Some(Stage::RiskClassification),
        false
    )]
    #[case::high_to_medium_means_sufficient_progress_and_reunification_may_be_considered(
        RiskLevel::High,
        RiskLevel::Medium,
        Stage4Outcome::HighToMedium,
        "stage4.progress.sufficient_progress",
        None,
        true
    )]
    #[case::medium_to_low_means_sufficient_evidence_and_reunification_plans_begin(
        RiskLevel::Medium,
        RiskLevel::Low,
        Stage4Outcome::MediumToLow,
        "stage4.progress.sufficient_evidence",
        Some(Stage::ReturnHome),
        true
    )]
    #[case::medium_to_high_means_not_enough_evidence_and_the_worker_decides(
        RiskLevel::Medium,
        RiskLevel::High,
        Stage4Outcome::MediumToHigh,
        "stage4.progress.not_sufficient_evidence",
        None,
        false
    )]
    fn a_stage_4_outcome(
        #[case] from: RiskLevel,
        #[case] to: RiskLevel,
        #[case] row: Stage4Outcome,
        #[case] progress: &str,
        #[case] next: Option<Stage>,
        #[case] proceed: bool,
    ) {
        assert_eq!(Stage4Outcome::from_levels(from, to), Some(row));
        assert_eq!(row.levels(), (from, to));
        assert_eq!(row.progress_key(), progress);
        assert_eq!(row.next_stage(), next);
        assert_eq!(row.reunification_may_proceed(), proceed);
    }

    #[test]
    fn the_stage_4_table_has_exactly_four_rows() {
        let rows = RiskLevel::ALL
            .iter()
            .flat_map(|a| RiskLevel::ALL.iter().map(move |b| (*a, *b)))
            .filter_map(|(a, b)| Stage4Outcome::from_levels(a, b))
            .count();
        assert_eq!(rows, 4);
    }

    #[test]
    fn stage_4_outcomes_round_trip_through_json() {
        for o in Stage4Outcome::ALL {
            let json = serde_json::to_string(&o).unwrap();
            assert_eq!(serde_json::from_str::<Stage4Outcome>(&json).unwrap(), o);
        }
    }
}
