//! What a caseload dashboard shows for one case: its stage, its traffic-light level, when it is
//! next reviewed and what the movement rules say, all derived from the case file and today, so
//! the list and the case page never disagree with the rules.

use crate::classification::{ClassificationHistory, RiskLevel};
use crate::movement::{movement_prompts, CurrentState, MovementConfig, Prompt};
use crate::practice::CaseFile;
use crate::review::{next_review, review_overdue};
use crate::stages::Stage;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One case at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    /// The first stage with a task still to do.
    pub stage: Stage,
    /// The level in effect, if the case has been classified.
    pub level: Option<RiskLevel>,
    /// Since when the case has been at that level.
    pub level_since: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub review_overdue: bool,
    /// What the movement rules tell the worker today (empty when there is nothing to say).
    pub prompts: Vec<Prompt>,
}

/// The case as it stands today for the movement rules, taken from the latest classification in
/// effect: between classifications the answers recorded last are the best evidence there is.
/// `None` before the first classification.
pub fn current_state(history: &ClassificationHistory) -> Option<CurrentState> {
    history.current().map(|c| CurrentState {
        answers: c.answers,
        new_or_reemerging_risk: false,
    })
}

/// The dashboard's view of a case on `today`.
///
/// ```
/// # use homeward_core::practice::CaseFile;
/// # use homeward_core::summary::summarise;
/// # use homeward_core::movement::{MovementConfig, Prompt};
/// # use homeward_core::stages::Stage;
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
/// let s = summarise(&CaseFile::default(), today, &MovementConfig::default());
/// assert_eq!(s.stage, Stage::InitialAssessment);
/// assert_eq!(s.level, None);
/// assert_eq!(s.prompts, vec![Prompt::NotClassified]);
/// ```
pub fn summarise(file: &CaseFile, today: NaiveDate, config: &MovementConfig) -> CaseSummary {
    let history = &file.classifications;
    let prompts = match current_state(history) {
        Some(now) => movement_prompts(history, &now, today, config),
        None => vec![Prompt::NotClassified],
    };
    CaseSummary {
        stage: file.checklist.current_stage(),
        level: history.current_level(),
        level_since: history.level_since(),
        next_review: next_review(&file.reviews, file.review_interval),
        review_overdue: review_overdue(&file.reviews, file.review_interval, today),
        prompts,
    }
}

/// Ordering weight of a level for "most urgent first": severe first, unclassified last.
///
/// ```
/// # use homeward_core::classification::RiskLevel;
/// # use homeward_core::summary::urgency;
/// assert!(urgency(Some(RiskLevel::Severe)) < urgency(Some(RiskLevel::Low)));
/// assert!(urgency(Some(RiskLevel::Low)) < urgency(None));
/// ```
pub fn urgency(level: Option<RiskLevel>) -> u8 {
    match level {
        Some(RiskLevel::Severe) => 0,
        Some(RiskLevel::High) => 1,
        Some(RiskLevel::Medium) => 2,
        Some(RiskLevel::Low) => 3,
        None => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classification::tests::column;
    use crate::classification::{Classification, ClassificationKind, RiskFactorsAnswer};
    use crate::review::{Review, ReviewItem, ReviewOutcome};
    use crate::stages::Task;
    use chrono::Months;
    use uuid::Uuid;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn months_ago(n: u32) -> NaiveDate {
        today().checked_sub_months(Months::new(n)).unwrap()
    }

    #[test]
    fn medium_with_risk_addressed_for_five_months_is_due_to_step_down_next_month() {
        let mut file = CaseFile::default();
        let first = column(RiskLevel::Medium);
        let addressed = crate::classification::Answers {
            risk_factors: RiskFactorsAnswer::FullyAddressed,
            ..first
        };
        let c = |n, answers, on| {
            Classification::new(
                Uuid::from_u128(n),
                ClassificationKind::Review,
                answers,
                RiskLevel::Medium,
                "Recurrence still possible",
                "ffion",
                on,
            )
            .unwrap()
        };
        file.classifications.entries =
            vec![c(1, first, months_ago(7)), c(2, addressed, months_ago(5))];
        for t in Stage::InitialAssessment.tasks() {
            file.checklist.complete(*t, "ffion", months_ago(10));
        }
        file.reviews.push(Review {
            id: Uuid::from_u128(9),
            scheduled_for: months_ago(1),
            held_on: Some(months_ago(1)),
            reviewed: vec![ReviewItem::Goals],
            outcome: Some(ReviewOutcome::Continue),
            notes: String::new(),
            attendees: vec![],
            goal_progress: vec![],
        });
        let s = summarise(&file, today(), &MovementConfig::default());
        assert_eq!(s.stage, Stage::RiskClassification);
        assert_eq!(s.level, Some(RiskLevel::Medium));
        assert_eq!(s.level_since, Some(months_ago(7)));
        assert_eq!(s.next_review, Some(today()));
        assert!(!s.review_overdue);
        assert_eq!(
            s.prompts,
            vec![Prompt::StepDownDue {
                from: RiskLevel::Medium,
                to: RiskLevel::Low,
                eligible_from: today().checked_add_months(Months::new(1)).unwrap(),
            }]
        );
        file.checklist.complete(Task::Classify, "ffion", today());
        assert_eq!(
            summarise(&file, today(), &MovementConfig::default()).stage,
            Stage::RiskClassification
        );
    }
}
