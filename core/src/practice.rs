//! Everything the framework keeps about one case, in one plain value: handy for seeding demo
//! data, printing the assessment report and testing. Storage and sync keep the parts as their
//! own records; this is their sum.

use crate::agreement::WrittenAgreement;
use crate::capacity::CapacityAssessment;
use crate::chronology::ChronologyEntry;
use crate::classification::ClassificationHistory;
use crate::classification::RiskLevel;
use crate::decisions::DecisionKind;
use crate::decisions::{Communication, Decision};
use crate::factors::{CaseFactor, Strength};
use crate::genogram::Genogram;
use crate::reunification::ReunificationPlan;
use crate::review::{Interval, Review};
use crate::signoff::{SignOffDecision, Standing, Subject};
use crate::stages::{Checklist, Task};
use crate::support::SupportSession;
use crate::team::{ContingencyPlan, Team};
use crate::voice::ChildVoice;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
    /// Managers' decisions on what needs their sign-off.
    #[serde(default)]
    pub sign_offs: Vec<SignOffDecision>,
    #[serde(default)]
    pub plan: ReunificationPlan,
}

/// A submission waiting in a manager's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Awaiting {
    pub subject: Uuid,
    pub about: Subject,
    /// What kind of submission: a Stage 4 reclassification or a closure (or another decision
    /// that needs a manager).
    pub kind: DecisionKind,
    pub by: String,
    pub on: NaiveDate,
    /// For a reclassification: the level it would move the case to.
    pub level: Option<RiskLevel>,
}

/// The record a task needs before it can be ticked done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingEvidence {
    /// No record of the child seen alone, in their own words.
    ChildNotSeenAlone,
    /// No record names the child's trusted adult.
    NoTrustedAdult,
}

/// Where closing the case stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "closure", rename_all = "snake_case")]
pub enum Closure {
    /// No closure has been asked for (or the last request was returned: see `returned`).
    NotRequested {
        returned: Option<Standing>,
    },
    Awaiting {
        decision: Uuid,
    },
    Closed {
        by_name: String,
        on: NaiveDate,
    },
}

impl CaseFile {
    /// Decisions and classifications waiting for a manager's sign-off (the manager's queue).
    ///
    /// ```
    /// # use homeward_core::practice::CaseFile;
    /// assert_eq!(CaseFile::default().awaiting_sign_off(), 0);
    /// ```
    pub fn awaiting_sign_off(&self) -> usize {
        self.awaiting().len()
    }

    /// The manager's decision on a submission as it stands now, if one was made.
    pub fn sign_off_for(&self, subject: Uuid) -> Option<&SignOffDecision> {
        let level = self
            .classifications
            .entries
            .iter()
            .find(|c| c.id == subject)
            .map(|c| c.chosen);
        self.sign_offs
            .iter()
            .find(|s| s.subject == subject && s.decides(level))
    }

    /// Where a submission stands: `None` for something that needs no manager. A sign-off kept
    /// inside the submission itself (older records) counts as agreed.
    pub fn standing(&self, subject: Uuid) -> Option<Standing> {
        let embedded = if let Some(c) = self
            .classifications
            .entries
            .iter()
            .find(|c| c.id == subject)
        {
            if !c.needs_sign_off() {
                return None;
            }
            c.sign_off.clone()
        } else if let Some(d) = self.decisions.iter().find(|d| d.id == subject) {
            if !d.kind.needs_manager_sign_off() {
                return None;
            }
            d.sign_off.clone()
        } else {
            return None;
        };
        Some(match (self.sign_off_for(subject), embedded) {
            (Some(d), _) => Standing::of(Some(d)),
            (None, Some(s)) => Standing::Agreed {
                by_name: s.by,
                on: s.on,
                comment: s.comment,
            },
            (None, None) => Standing::Awaiting,
        })
    }

    /// Everything of this case in the manager's queue, oldest first.
    pub fn awaiting(&self) -> Vec<Awaiting> {
        let classifications = self
            .classifications
            .entries
            .iter()
            .filter(|c| c.needs_sign_off())
            .map(|c| Awaiting {
                subject: c.id,
                about: Subject::Classification,
                kind: DecisionKind::Stage4Reclassification,
                by: c.by.clone(),
                on: c.on,
                level: Some(c.chosen),
            });
        let decisions = self
            .decisions
            .iter()
            .filter(|d| d.kind.needs_manager_sign_off())
            .map(|d| Awaiting {
                subject: d.id,
                about: Subject::Decision,
                kind: d.kind,
                by: d.by.clone(),
                on: d.on,
                level: None,
            });
        let mut v: Vec<Awaiting> = classifications
            .chain(decisions)
            .filter(|a| self.standing(a.subject) == Some(Standing::Awaiting))
            .collect();
        v.sort_by_key(|a| (a.on, a.subject));
        v
    }

    /// The latest submission of a kind and where it stands.
    fn latest(&self, kind: DecisionKind) -> Option<(Uuid, Standing)> {
        let mut subjects: Vec<(NaiveDate, Uuid)> = match kind {
            DecisionKind::Stage4Reclassification => self
                .classifications
                .entries
                .iter()
                .filter(|c| c.needs_sign_off())
                .map(|c| (c.on, c.id))
                .collect(),
            DecisionKind::Closure
            | DecisionKind::ReunificationPotential
            | DecisionKind::ReunificationNotPossible
            | DecisionKind::Other => Vec::new(),
        };
        subjects.extend(
            self.decisions
                .iter()
                .filter(|d| d.kind == kind && d.kind.needs_manager_sign_off())
                .map(|d| (d.on, d.id)),
        );
        // uuid v7 ids sort by time, so the same day's resubmission comes after the return.
        subjects.sort();
        let (_, id) = subjects.last()?;
        Some((*id, self.standing(*id)?))
    }

    /// Ticks the checklist tasks that a record already proves done, so the stepper and the case
    /// list agree with the record on every device. Stage 4 task 1 is to reclassify and decide
    /// "with the team manager": the manager agreeing to a Stage 4 reclassification is that
    /// task done, by the manager, on the day they agreed. Nothing is ever unticked here: a
    /// returned or still-awaited submission leaves the task as the worker left it.
    pub fn tick_evidenced_tasks(&mut self) {
        let task = crate::stages::Task::ReclassifyWithManager;
        if self.checklist.state(task).is_finished() {
            return;
        }
        let first_agreed = self
            .classifications
            .entries
            .iter()
            .filter(|c| c.needs_sign_off())
            .filter_map(|c| Some((c.id, c.sign_off.as_ref()?)))
            .min_by_key(|(_, s)| s.on);
        if let Some((id, s)) = first_agreed {
            let (by, on) = (s.by.clone(), s.on);
            self.checklist.complete(task, &by, on);
            let evidence = &mut self.checklist.tasks.entry(task).or_default().evidence;
            if !evidence.contains(&id.to_string()) {
                evidence.push(id.to_string());
            }
        }
    }

    /// The latest Stage 4 reclassification and where it stands.
    pub fn latest_reclassification(&self) -> Option<(Uuid, Standing)> {
        self.latest(DecisionKind::Stage4Reclassification)
    }

    /// When the case's next review is due: as [`crate::review::next_review`] says from the
    /// reviews; before the first review after the child went home, one review interval after
    /// the return ("reviews on a schedule with reminders" must not wait for someone to book one).
    pub fn next_review(&self) -> Option<NaiveDate> {
        crate::review::next_review(&self.reviews, self.review_interval).or_else(|| {
            self.plan
                .returned_on()
                .and_then(|home| self.review_interval.after(home))
        })
    }

    /// Whether the next review is overdue on `today`.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.next_review().is_some_and(|d| d < today)
    }

    /// What a Stage 1 task still lacks before it may be ticked done: framework.md asks that the
    /// worker see the child alone and record their words, and that a trusted adult be named.
    /// `None` when nothing is lacking, or the task asks for no such record.
    pub fn missing_evidence(&self, task: Task) -> Option<MissingEvidence> {
        match task {
            Task::AssessRiskCapacityAndSeeChildAlone
                if !self.voices.iter().any(|v| v.seen_alone) =>
            {
                Some(MissingEvidence::ChildNotSeenAlone)
            }
            Task::IdentifyTrustedAdult
                if !self.voices.iter().any(|v| {
                    v.trusted_adult.is_some() || !v.trusted_adult_name.trim().is_empty()
                }) =>
            {
                Some(MissingEvidence::NoTrustedAdult)
            }
            _ => None,
        }
    }

    /// Where closing the case stands.
    pub fn closure(&self) -> Closure {
        if let Some((_, Standing::Agreed { by_name, on, .. })) = self
            .decisions
            .iter()
            .filter(|d| d.kind == DecisionKind::Closure)
            .filter_map(|d| Some((d.id, self.standing(d.id)?)))
            .find(|(_, s)| matches!(s, Standing::Agreed { .. }))
        {
            return Closure::Closed { by_name, on };
        }
        match self.latest(DecisionKind::Closure) {
            Some((decision, Standing::Awaiting)) => Closure::Awaiting { decision },
            Some((_, returned @ Standing::Returned { .. })) => Closure::NotRequested {
                returned: Some(returned),
            },
            Some((_, Standing::Agreed { .. })) | None => Closure::NotRequested { returned: None },
        }
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
    fn seeing_the_child_alone_and_naming_a_trusted_adult_need_a_record_of_it() {
        use crate::stages::Task;
        use crate::voice::{AgeBand, ChildVoice};
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut file = CaseFile::default();
        assert_eq!(
            file.missing_evidence(Task::AssessRiskCapacityAndSeeChildAlone),
            Some(MissingEvidence::ChildNotSeenAlone)
        );
        assert_eq!(
            file.missing_evidence(Task::IdentifyTrustedAdult),
            Some(MissingEvidence::NoTrustedAdult)
        );
        assert_eq!(file.missing_evidence(Task::WriteUpAssessment), None);
        // Seen with a parent in the room: not alone; no trusted adult named.
        let mut v = ChildVoice::empty(
            Uuid::nil(),
            Uuid::from_u128(1),
            day,
            "sw1",
            AgeBand::EightToTwelve,
        );
        v.seen_alone = false;
        file.voices.push(v.clone());
        assert_eq!(
            file.missing_evidence(Task::AssessRiskCapacityAndSeeChildAlone),
            Some(MissingEvidence::ChildNotSeenAlone)
        );
        v.seen_alone = true;
        v.trusted_adult_name = "Nain Eirlys".into();
        file.voices.push(v);
        assert_eq!(
            file.missing_evidence(Task::AssessRiskCapacityAndSeeChildAlone),
            None
        );
        assert_eq!(file.missing_evidence(Task::IdentifyTrustedAdult), None);
    }

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
