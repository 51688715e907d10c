//! What a caseload dashboard shows for one case: its stage, its traffic-light level, when it is
//! next reviewed and what the movement rules say, all derived from the case file and today, so
//! the list and the case page never disagree with the rules.

use crate::classification::{ClassificationHistory, RiskLevel};
use crate::factors::{
    annex1, protective_factors_hint, risk_factors_present, CaseFactor, Factor, FactorKind,
};
use crate::movement::{movement_prompts, CurrentState, MovementConfig, Prompt};
use crate::practice::{CaseFile, Closure};
use crate::reunification::reclassification_due;
use crate::signoff::Standing;
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
    /// What the movement rules tell the worker today (empty when there is nothing to say, and
    /// once the case is closed).
    pub prompts: Vec<Prompt>,
    /// How many submissions wait for a manager's sign-off.
    pub awaiting_sign_off: usize,
    /// The level a Stage 4 reclassification awaiting sign-off would move the case to: it is not
    /// the case's level until a manager agrees.
    pub pending_level: Option<RiskLevel>,
    /// Where the latest Stage 4 reclassification stands, if there is one.
    pub reclassification: Option<Standing>,
    pub closure: Closure,
    /// After the return home: when risk is next to be reclassified, and whether that is past.
    pub reclassification_due: Option<NaiveDate>,
    pub reclassification_overdue: bool,
}

impl CaseSummary {
    /// The case has been closed with a manager's sign-off.
    pub fn is_closed(&self) -> bool {
        matches!(self.closure, Closure::Closed { .. })
    }

    /// Closure may be asked for once the movement rules say low has been sustained for the
    /// period, and while no request is already waiting.
    pub fn may_request_closure(&self) -> bool {
        matches!(self.closure, Closure::NotRequested { .. })
            && self
                .prompts
                .iter()
                .any(|p| matches!(p, Prompt::Close { .. }))
    }
}

/// The case as it stands today for the movement rules: the answers of the latest classification
/// in effect (between classifications they are the best evidence there is), updated by the
/// factors assessed since. A risk factor found present after that classification is new or
/// re-emerging risk; protective factors assessed since decide whether protective factors are
/// still apparent. `None` before the first classification.
pub fn current_state(
    history: &ClassificationHistory,
    factors: &[CaseFactor],
    catalogue: &[Factor],
) -> Option<CurrentState> {
    let last = history.current()?;
    let since: Vec<CaseFactor> = factors
        .iter()
        .filter(|f| f.assessed_on > last.on)
        .cloned()
        .collect();
    let kind_of = |f: &CaseFactor| {
        catalogue
            .iter()
            .find(|c| c.id == f.factor_id)
            .map(|c| c.kind)
    };
    let mut answers = last.answers;
    if since
        .iter()
        .any(|f| kind_of(f) == Some(FactorKind::Protective))
    {
        answers.protective_factors = protective_factors_hint(factors, catalogue);
    }
    Some(CurrentState {
        answers,
        new_or_reemerging_risk: !risk_factors_present(&since, catalogue).is_empty(),
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
    let closure = file.closure();
    let closed = matches!(closure, Closure::Closed { .. });
    let prompts = match current_state(history, &file.factors, &annex1()) {
        _ if closed => Vec::new(),
        Some(now) => movement_prompts(history, &now, today, config),
        None => vec![Prompt::NotClassified],
    };
    let awaiting = file.awaiting();
    let due = reclassification_due(&file.plan, history).filter(|_| !closed);
    CaseSummary {
        stage: file.checklist.current_stage(),
        level: history.current_level(),
        level_since: history.level_since(),
        next_review: file.next_review(),
        review_overdue: !closed && file.review_overdue(today),
        prompts,
        awaiting_sign_off: awaiting.len(),
        pending_level: awaiting.iter().rev().find_map(|a| a.level),
        reclassification: file.latest_reclassification().map(|(_, s)| s),
        closure,
        reclassification_due: due,
        reclassification_overdue: due.is_some_and(|d| d < today),
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

    use crate::api::Role;
    use crate::decisions::{Decision, DecisionKind};
    use crate::signoff::{SignOffDecision, Subject, Verdict};

    /// A case whose only classification, at `level` on `on`, is its table column's suggestion.
    fn classified_case(level: RiskLevel, on: NaiveDate) -> CaseFile {
        let mut file = CaseFile::default();
        file.classifications.entries.push(
            Classification::new(
                Uuid::from_u128(1),
                ClassificationKind::Initial,
                column(level),
                level,
                "",
                "ffion",
                on,
            )
            .unwrap(),
        );
        file
    }

    fn medium_case() -> CaseFile {
        classified_case(RiskLevel::Medium, months_ago(8))
    }

    fn assessed(id: &str, presence: crate::factors::Presence, on: NaiveDate) -> CaseFactor {
        CaseFactor {
            factor_id: id.into(),
            presence,
            evidence: "Seen on a visit.".into(),
            chronology_ids: Vec::new(),
            assessed_on: on,
            by: "ffion".into(),
        }
    }

    fn high_case() -> CaseFile {
        classified_case(RiskLevel::High, months_ago(2))
    }

    #[test]
    fn a_risk_factor_found_after_the_last_classification_is_new_risk_that_moves_the_case() {
        use crate::factors::Presence;
        let mut file = medium_case();
        // Known before the classification: already weighed in it.
        file.factors
            .push(assessed("risk.neglect", Presence::Present, months_ago(9)));
        let s = summarise(&file, today(), &MovementConfig::default());
        assert!(!s
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::NewRisk { .. } | Prompt::NewRiskStay { .. })));
        // Found since: capacity and protective factors still there (medium's answers) keep it
        // at medium, for more intervention.
        file.factors.push(assessed(
            "risk.sexual_abuse",
            Presence::Present,
            months_ago(1),
        ));
        let s = summarise(&file, today(), &MovementConfig::default());
        assert!(
            s.prompts.contains(&Prompt::NewRiskStay {
                level: RiskLevel::Medium
            }),
            "{:?}",
            s.prompts
        );
        // And no protective factor left apparent since: severe.
        file.factors.push(assessed(
            "protective.less_severe_abuse",
            Presence::NotPresent,
            months_ago(1),
        ));
        let s = summarise(&file, today(), &MovementConfig::default());
        assert!(
            s.prompts.contains(&Prompt::NewRisk {
                from: RiskLevel::Medium,
                to: RiskLevel::Severe
            }),
            "{:?}",
            s.prompts
        );
    }

    #[test]
    fn a_high_case_whose_protective_factor_is_found_gone_is_prompted_to_severe_now() {
        use crate::factors::Presence;
        let mut file = high_case();
        file.factors.push(assessed(
            "protective.less_severe_abuse",
            Presence::Present,
            months_ago(3),
        ));
        let s = summarise(&file, today(), &MovementConfig::default());
        assert!(!s
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::MoveToSevere { .. })));
        file.factors[0] = assessed(
            "protective.less_severe_abuse",
            Presence::NotPresent,
            months_ago(1),
        );
        let s = summarise(&file, today(), &MovementConfig::default());
        assert!(
            s.prompts.contains(&Prompt::MoveToSevere {
                reason: crate::movement::SevereReason::ProtectiveFactorsGone
            }),
            "{:?}",
            s.prompts
        );
    }

    #[test]
    fn a_child_home_with_no_review_booked_is_due_one_interval_after_the_return_and_then_overdue() {
        use crate::reunification::{ContactKind, ContactStep, StepStatus};
        let mut file = medium_case();
        file.review_interval = crate::review::Interval::Months(1);
        let s = summarise(&file, today(), &MovementConfig::default());
        assert_eq!(s.next_review, None);
        assert!(!s.review_overdue);
        file.plan.contact.push(ContactStep {
            id: Uuid::from_u128(9),
            kind: ContactKind::Return,
            on: months_ago(2),
            status: StepStatus::Done,
            notes: String::new(),
        });
        let s = summarise(&file, today(), &MovementConfig::default());
        assert_eq!(s.next_review, Some(months_ago(1)));
        assert!(s.review_overdue);
    }

    #[test]
    fn closure_may_be_asked_for_only_once_low_has_been_sustained_for_the_period() {
        let low = |on| {
            summarise(
                &classified_case(RiskLevel::Low, on),
                today(),
                &MovementConfig::default(),
            )
        };
        assert!(low(months_ago(6)).may_request_closure());
        assert!(!low(months_ago(5)).may_request_closure());
        let medium = summarise(&medium_case(), today(), &MovementConfig::default());
        assert!(!medium.may_request_closure());
        assert!(
            !summarise(&CaseFile::default(), today(), &MovementConfig::default())
                .may_request_closure()
        );
    }

    fn stage_4_to_low(n: u128) -> Classification {
        Classification::new(
            Uuid::from_u128(n),
            ClassificationKind::Stage4Reclassification,
            column(RiskLevel::Low),
            RiskLevel::Low,
            "",
            "ffion",
            today(),
        )
        .unwrap()
    }

    fn decide(subject: u128, about: Subject, verdict: Verdict, comment: &str) -> SignOffDecision {
        SignOffDecision::new(
            Uuid::from_u128(subject),
            about,
            verdict,
            comment,
            ("megan", "Megan Hughes", Role::Manager),
            today(),
            today(),
        )
        .unwrap()
    }

    #[test]
    fn a_stage_4_reclassification_waits_for_the_team_managers_sign_off() {
        let mut file = medium_case();
        file.classifications.entries.push(stage_4_to_low(2));
        let s = summarise(&file, today(), &MovementConfig::default());
        assert_eq!(s.level, Some(RiskLevel::Medium));
        assert_eq!(s.pending_level, Some(RiskLevel::Low));
        assert_eq!(s.awaiting_sign_off, 1);
        assert_eq!(s.reclassification, Some(Standing::Awaiting));
    }

    #[test]
    fn a_returned_reclassification_leaves_the_queue_and_never_takes_effect_until_resubmitted_and_agreed(
    ) {
        let mut file = medium_case();
        file.classifications.entries.push(stage_4_to_low(2));
        file.sign_offs.push(decide(
            2,
            Subject::Classification,
            Verdict::Returned,
            "Add the school's view",
        ));
        let s = summarise(&file, today(), &MovementConfig::default());
        assert_eq!((s.level, s.awaiting_sign_off), (Some(RiskLevel::Medium), 0));
        assert!(matches!(
            s.reclassification,
            Some(Standing::Returned { ref comment, .. }) if comment == "Add the school's view"
        ));
        file.classifications.entries.push(stage_4_to_low(3));
        assert_eq!(
            summarise(&file, today(), &MovementConfig::default()).reclassification,
            Some(Standing::Awaiting)
        );
        let agreed =
            decide(3, Subject::Classification, Verdict::Agreed, "").for_level(RiskLevel::Low);
        file.classifications.entries[2].sign_off = agreed.sign_off();
        file.sign_offs.push(agreed);
        let s = summarise(&file, today(), &MovementConfig::default());
        assert_eq!((s.level, s.pending_level), (Some(RiskLevel::Low), None));
        assert!(matches!(
            s.reclassification,
            Some(Standing::Agreed { ref by_name, .. }) if by_name == "Megan Hughes"
        ));
    }

    #[test]
    fn a_case_closes_only_once_a_manager_agrees_and_then_raises_no_more_alerts() {
        let mut file = medium_case();
        file.decisions.push(Decision {
            id: Uuid::from_u128(5),
            kind: DecisionKind::Closure,
            summary: "Low sustained for six months".into(),
            reasons: String::new(),
            by: "ffion".into(),
            on: today(),
            classification_id: None,
            sign_off: None,
        });
        let s = summarise(&file, today(), &MovementConfig::default());
        assert_eq!(
            s.closure,
            Closure::Awaiting {
                decision: Uuid::from_u128(5)
            }
        );
        assert_eq!(s.awaiting_sign_off, 1);
        file.sign_offs
            .push(decide(5, Subject::Decision, Verdict::Agreed, ""));
        let s = summarise(&file, today(), &MovementConfig::default());
        assert!(s.is_closed());
        assert!(s.prompts.is_empty());
        assert_eq!(s.awaiting_sign_off, 0);
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
