//! The five stages and their tasks, exactly as the framework lists them; each task is a
//! checklist item on the case with its state, notes and evidence.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The five stages, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    InitialAssessment,
    RiskClassification,
    ParentalAgreements,
    Reclassification,
    ReturnHome,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 5] = [
        Stage::InitialAssessment,
        Stage::RiskClassification,
        Stage::ParentalAgreements,
        Stage::Reclassification,
        Stage::ReturnHome,
    ];

    /// The stage's number, 1 to 5.
    pub fn number(self) -> u8 {
        match self {
            Stage::InitialAssessment => 1,
            Stage::RiskClassification => 2,
            Stage::ParentalAgreements => 3,
            Stage::Reclassification => 4,
            Stage::ReturnHome => 5,
        }
    }

    /// The stage's tasks, in the framework's order.
    ///
    /// ```
    /// # use homeward_core::stages::{Stage, Task};
    /// assert_eq!(Stage::InitialAssessment.tasks().len(), 5);
    /// assert_eq!(Stage::Reclassification.tasks()[0], Task::ReclassifyWithManager);
    /// ```
    pub fn tasks(self) -> &'static [Task] {
        match self {
            Stage::InitialAssessment => &[
                Task::CaseHistoryAndGenogram,
                Task::EngageChildAndParents,
                Task::AssessRiskCapacityAndSeeChildAlone,
                Task::IdentifyTrustedAdult,
                Task::WriteUpAssessment,
            ],
            Stage::RiskClassification => &[
                Task::Classify,
                Task::DecideReunificationPotential,
                Task::CommunicateDecision,
                Task::WorkWhereReunificationNotPossible,
            ],
            Stage::ParentalAgreements => &[
                Task::TellChildAboutStage,
                Task::WrittenAgreement,
                Task::RelationshipBasedSupport,
                Task::TeamAroundChildAndFamily,
                Task::ContingencyPlans,
            ],
            Stage::Reclassification => &[
                Task::ReclassifyWithManager,
                Task::UpdateAgreements,
                Task::MultiAgencyPlan,
                Task::PrepareChildAndParents,
            ],
            Stage::ReturnHome => &[
                Task::GradualReturn,
                Task::CoordinateSupport,
                Task::MonitorAndReview,
                Task::ReclassifyAtIntervals,
            ],
        }
    }

    /// A stable key for translations and storage.
    pub fn key(self) -> &'static str {
        match self {
            Stage::InitialAssessment => "stage1",
            Stage::RiskClassification => "stage2",
            Stage::ParentalAgreements => "stage3",
            Stage::Reclassification => "stage4",
            Stage::ReturnHome => "stage5",
        }
    }
}

/// Every task of every stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    CaseHistoryAndGenogram,
    EngageChildAndParents,
    AssessRiskCapacityAndSeeChildAlone,
    IdentifyTrustedAdult,
    WriteUpAssessment,
    Classify,
    DecideReunificationPotential,
    CommunicateDecision,
    WorkWhereReunificationNotPossible,
    TellChildAboutStage,
    WrittenAgreement,
    RelationshipBasedSupport,
    TeamAroundChildAndFamily,
    ContingencyPlans,
    ReclassifyWithManager,
    UpdateAgreements,
    MultiAgencyPlan,
    PrepareChildAndParents,
    GradualReturn,
    CoordinateSupport,
    MonitorAndReview,
    ReclassifyAtIntervals,
}

impl Task {
    /// The stage this task belongs to.
    pub fn stage(self) -> Stage {
        match self {
            Task::CaseHistoryAndGenogram
            | Task::EngageChildAndParents
            | Task::AssessRiskCapacityAndSeeChildAlone
            | Task::IdentifyTrustedAdult
            | Task::WriteUpAssessment => Stage::InitialAssessment,
            Task::Classify
            | Task::DecideReunificationPotential
            | Task::CommunicateDecision
            | Task::WorkWhereReunificationNotPossible => Stage::RiskClassification,
            Task::TellChildAboutStage
            | Task::WrittenAgreement
            | Task::RelationshipBasedSupport
            | Task::TeamAroundChildAndFamily
            | Task::ContingencyPlans => Stage::ParentalAgreements,
            Task::ReclassifyWithManager
            | Task::UpdateAgreements
            | Task::MultiAgencyPlan
            | Task::PrepareChildAndParents => Stage::Reclassification,
            Task::GradualReturn
            | Task::CoordinateSupport
            | Task::MonitorAndReview
            | Task::ReclassifyAtIntervals => Stage::ReturnHome,
        }
    }

    /// The task's number within its stage, from 1.
    pub fn number(self) -> usize {
        let tasks = self.stage().tasks();
        tasks.iter().position(|t| *t == self).map_or(0, |i| i + 1)
    }

    /// A stable translation key, e.g. "stage1.task1".
    pub fn key(self) -> String {
        format!("{}.task{}", self.stage().key(), self.number())
    }

    /// The task in English, as the framework words it.
    pub fn title_en(self) -> &'static str {
        match self {
            Task::CaseHistoryAndGenogram => "Produce an analytical case history and genogram",
            Task::EngageChildAndParents => "Engage the child and parents in the assessment",
            Task::AssessRiskCapacityAndSeeChildAlone => "Assess risk and protective factors and parental capacity to change, and see the child alone",
            Task::IdentifyTrustedAdult => "Identify a trusted adult for the child to talk to",
            Task::WriteUpAssessment => "Write up the assessment",
            Task::Classify => "Classify risk with the traffic-light table",
            Task::DecideReunificationPotential => "Decide on the potential for reunification",
            Task::CommunicateDecision => "Tell the child, parents, carers and professionals the decision",
            Task::WorkWhereReunificationNotPossible => "Where reunification is not possible, work with the child and parents on that",
            Task::TellChildAboutStage => "Tell the child what this stage is for",
            Task::WrittenAgreement => "Draw up a written agreement with SMART goals and timescales",
            Task::RelationshipBasedSupport => "Give relationship-based support to the child and parents",
            Task::TeamAroundChildAndFamily => "Create a team around the child and family with packages of services",
            Task::ContingencyPlans => "Make contingency plans and share them with the parents",
            Task::ReclassifyWithManager => "Reclassify risk and decide on reunification, with the team manager",
            Task::UpdateAgreements => "Update the agreements, goals and support plans",
            Task::MultiAgencyPlan => "Agree a multi-agency reunification plan",
            Task::PrepareChildAndParents => "Prepare the child and parents for the return home",
            Task::GradualReturn => "Increase contact and return home gradually",
            Task::CoordinateSupport => "Coordinate support and services as the plan says",
            Task::MonitorAndReview => "Monitor and review after the return",
            Task::ReclassifyAtIntervals => "Reclassify risk at set intervals",
        }
    }
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    #[default]
    NotStarted,
    InProgress,
    Done,
    /// For example Stage 2's task 4 when reunification is possible.
    NotApplicable,
}

impl TaskState {
    /// Done or not applicable: nothing more to do.
    pub fn is_finished(self) -> bool {
        match self {
            TaskState::Done | TaskState::NotApplicable => true,
            TaskState::NotStarted | TaskState::InProgress => false,
        }
    }
}

/// One task's checklist entry on a case.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskRecord {
    pub state: TaskState,
    pub notes: String,
    /// Ids of what evidences it (chronology entries, documents, records), as strings.
    pub evidence: Vec<String>,
    pub completed_on: Option<NaiveDate>,
    pub completed_by: String,
}

/// The checklist of a case: tasks without an entry are not started.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Checklist {
    pub tasks: BTreeMap<Task, TaskRecord>,
}

/// What is done and what is missing in one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageProgress {
    pub stage: Stage,
    pub finished: Vec<Task>,
    pub missing: Vec<Task>,
}

impl StageProgress {
    /// Every task is done or not applicable.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

impl Checklist {
    /// A task's state (not started when never touched).
    pub fn state(&self, task: Task) -> TaskState {
        self.tasks
            .get(&task)
            .map_or(TaskState::NotStarted, |r| r.state)
    }

    /// Marks a task done, by whom and when.
    pub fn complete(&mut self, task: Task, by: &str, on: NaiveDate) {
        let r = self.tasks.entry(task).or_default();
        r.state = TaskState::Done;
        r.completed_by = by.to_string();
        r.completed_on = Some(on);
    }

    /// Progress of each stage, in order.
    ///
    /// ```
    /// # use homeward_core::stages::*;
    /// # use chrono::NaiveDate;
    /// let mut c = Checklist::default();
    /// c.complete(Task::CaseHistoryAndGenogram, "sw1", NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    /// let p = &c.progress()[0];
    /// assert_eq!(p.finished, vec![Task::CaseHistoryAndGenogram]);
    /// assert_eq!(p.missing.len(), 4);
    /// ```
    pub fn progress(&self) -> Vec<StageProgress> {
        Stage::ALL
            .iter()
            .map(|&stage| {
                let (finished, missing) = stage
                    .tasks()
                    .iter()
                    .partition(|t| self.state(**t).is_finished());
                StageProgress {
                    stage,
                    finished,
                    missing,
                }
            })
            .collect()
    }

    /// The current stage: the first with a task still to do (the last stage when all are done).
    ///
    /// ```
    /// # use homeward_core::stages::*;
    /// assert_eq!(Checklist::default().current_stage(), Stage::InitialAssessment);
    /// ```
    pub fn current_stage(&self) -> Stage {
        self.progress()
            .into_iter()
            .find(|p| !p.is_complete())
            .map_or(Stage::ReturnHome, |p| p.stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(Stage::InitialAssessment, 5)]
    #[case(Stage::RiskClassification, 4)]
    #[case(Stage::ParentalAgreements, 5)]
    #[case(Stage::Reclassification, 4)]
    #[case(Stage::ReturnHome, 4)]
    fn each_stage_has_the_frameworks_number_of_tasks(#[case] stage: Stage, #[case] n: usize) {
        assert_eq!(stage.tasks().len(), n);
        assert!(stage.tasks().iter().all(|t| t.stage() == stage));
    }

    #[test]
    fn task_keys_number_tasks_within_their_stage() {
        assert_eq!(Task::CaseHistoryAndGenogram.key(), "stage1.task1");
        assert_eq!(
            Task::WorkWhereReunificationNotPossible.key(),
            "stage2.task4"
        );
        assert_eq!(Task::ContingencyPlans.key(), "stage3.task5");
        assert_eq!(Task::ReclassifyAtIntervals.key(), "stage5.task4");
    }

    #[test]
    fn the_current_stage_is_the_first_with_work_left_and_not_applicable_tasks_count_as_finished() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut c = Checklist::default();
        for t in Stage::InitialAssessment.tasks() {
            c.complete(*t, "sw1", d);
        }
        assert_eq!(c.current_stage(), Stage::RiskClassification);
        for t in &Stage::RiskClassification.tasks()[..3] {
            c.complete(*t, "sw1", d);
        }
        assert_eq!(c.current_stage(), Stage::RiskClassification);
        c.tasks
            .entry(Task::WorkWhereReunificationNotPossible)
            .or_default()
            .state = TaskState::NotApplicable;
        assert_eq!(c.current_stage(), Stage::ParentalAgreements);
    }

    #[test]
    fn a_checklist_round_trips_through_json() {
        let mut c = Checklist::default();
        c.complete(
            Task::Classify,
            "sw1",
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Checklist>(&json).unwrap(), c);
    }
}
