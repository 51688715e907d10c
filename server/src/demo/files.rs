//! The practice records of the demo cases (`demo-cases.md`), as core case files with dates
//! counted back from today, so the levels, stages and movement prompts come out as described:
//! Cerys medium and due to step down next month, Tomos high long enough to consider severe,
//! Amira and Yusuf not yet classified, Rhys low and eligible to close next month, Lowri severe.

use chrono::{Days, Months, NaiveDate};
use homeward_core::agreement::{Expectation, WrittenAgreement};
use homeward_core::capacity::{CapacityAssessment, CapacityEvidence, PositiveIndicator};
use homeward_core::chronology::{Area, ChronologyEntry, Event, Source};
use homeward_core::classification::{
    Answers, CapacityAnswer, Classification, ClassificationKind, ProtectiveFactorsAnswer,
    RecurrenceAnswer, RiskFactorsAnswer, RiskLevel, WishAnswer,
};
use homeward_core::decisions::{Audience, Channel, Communication, Decision, DecisionKind};
use homeward_core::factors::{CaseFactor, Presence};
use homeward_core::genogram::{Person, Relation, Relationship, Sex};
use homeward_core::partial_date::PartialDate;
use homeward_core::practice::CaseFile;
use homeward_core::reunification::{
    ContactKind, ContactStep, PlanAction, ReunificationPlan, StepStatus,
};
use homeward_core::review::{GoalLight, GoalProgress, Interval, Review, ReviewItem, ReviewOutcome};
use homeward_core::signoff::{SignOffDecision, Subject, Verdict};
use homeward_core::smart::{GoalAgreement, SmartGoal};
use homeward_core::stages::{Stage, Task, TaskState};
use homeward_core::support::{SupportSession, SupportWith};
use homeward_core::team::{
    Agency, AgencyKind, Contact, ContingencyPlan, Engagement, Service, ServiceStatus,
};
use homeward_core::voice::{AgeBand, ChildVoice};
use uuid::Uuid;

/// Dates relative to the day of seeding.
#[derive(Clone, Copy)]
struct Days0(NaiveDate);

impl Days0 {
    fn months_ago(self, n: u32) -> NaiveDate {
        self.0.checked_sub_months(Months::new(n)).unwrap_or(self.0)
    }
    fn months_ahead(self, n: u32) -> NaiveDate {
        self.0.checked_add_months(Months::new(n)).unwrap_or(self.0)
    }
    fn days_ago(self, n: u64) -> NaiveDate {
        self.0.checked_sub_days(Days::new(n)).unwrap_or(self.0)
    }
    fn days_ahead(self, n: u64) -> NaiveDate {
        self.0.checked_add_days(Days::new(n)).unwrap_or(self.0)
    }
    fn day(self, d: NaiveDate) -> PartialDate {
        PartialDate::day(d).unwrap_or_else(|_| self.year_of(d))
    }
    fn month(self, d: NaiveDate) -> PartialDate {
        use chrono::Datelike;
        PartialDate::month(d.year(), d.month()).unwrap_or_else(|_| self.year_of(d))
    }
    fn year_of(self, d: NaiveDate) -> PartialDate {
        use chrono::Datelike;
        PartialDate::year(d.year())
            .or_else(|_| PartialDate::year(self.0.year()))
            .unwrap_or_else(|_| PartialDate::parse("2000").expect("2000 is a year"))
    }
}

const WORKER: &str = "ffion";

fn id() -> Uuid {
    Uuid::now_v7()
}

fn person(name: &str, sex: Sex, born: Option<PartialDate>) -> Person {
    Person {
        id: id(),
        name: name.to_string(),
        sex,
        date_of_birth: born,
        ..Person::default()
    }
}

fn rel(from: &Person, to: &Person, relation: Relation, label: &str) -> Relationship {
    Relationship {
        from: from.id,
        to: to.id,
        relation,
        label: label.to_string(),
    }
}

/// The columns of the traffic-light table, as answers.
fn column(level: RiskLevel) -> Answers {
    match level {
        RiskLevel::Low => Answers {
            risk_factors: RiskFactorsAnswer::FullyAddressed,
            protective_factors: ProtectiveFactorsAnswer::Apparent,
            capacity: CapacityAnswer::Able,
            wish: WishAnswer::BothWant,
            recurrence: RecurrenceAnswer::Unlikely,
        },
        RiskLevel::Medium => Answers {
            risk_factors: RiskFactorsAnswer::NotAllFullyAddressed,
            recurrence: RecurrenceAnswer::SomePossibility,
            ..column(RiskLevel::Low)
        },
        RiskLevel::High => Answers {
            risk_factors: RiskFactorsAnswer::NotBeingAddressed,
            protective_factors: ProtectiveFactorsAnswer::Apparent,
            capacity: CapacityAnswer::Unable,
            wish: WishAnswer::Ambivalence,
            recurrence: RecurrenceAnswer::Strong,
        },
        RiskLevel::Severe => Answers {
            protective_factors: ProtectiveFactorsAnswer::NotApparent,
            recurrence: RecurrenceAnswer::VeryStrong,
            ..column(RiskLevel::High)
        },
    }
}

fn classify(
    kind: ClassificationKind,
    answers: Answers,
    chosen: RiskLevel,
    rationale: &str,
    by: &str,
    on: NaiveDate,
) -> Option<Classification> {
    Classification::new(id(), kind, answers, chosen, rationale, by, on).ok()
}

#[allow(clippy::too_many_arguments)]
fn entry(
    date: PartialDate,
    source: Source,
    source_detail: &str,
    area: Area,
    what: &str,
    analysis: &str,
    factors: &[&str],
    children: &[Uuid],
    event: Option<Event>,
    engagement: Option<Engagement>,
) -> ChronologyEntry {
    ChronologyEntry {
        id: id(),
        date,
        source,
        source_detail: source_detail.to_string(),
        area,
        what: what.to_string(),
        analysis: analysis.to_string(),
        factor_ids: factors.iter().map(|f| f.to_string()).collect(),
        children: children.to_vec(),
        event,
        engagement,
        recorded_by: WORKER.to_string(),
    }
}

fn factor(id: &str, presence: Presence, evidence: &str, on: NaiveDate, by: &str) -> CaseFactor {
    CaseFactor {
        factor_id: id.to_string(),
        presence,
        evidence: evidence.to_string(),
        chronology_ids: Vec::new(),
        assessed_on: on,
        by: by.to_string(),
    }
}

fn capacity(
    parent: &Person,
    rating: CapacityEvidence,
    indicators: &[PositiveIndicator],
    evidence: &str,
    on: NaiveDate,
    by: &str,
) -> CapacityAssessment {
    CapacityAssessment {
        parent_id: parent.id,
        rating,
        indicators: indicators.iter().copied().collect(),
        evidence: evidence.to_string(),
        compliance_only: false,
        assessed_on: on,
        by: by.to_string(),
    }
}

fn tell(
    decision: &Decision,
    to: Audience,
    names: &[&str],
    how: Channel,
    on: NaiveDate,
) -> Communication {
    Communication {
        id: id(),
        decision_id: Some(decision.id),
        to,
        names: names.iter().map(|n| n.to_string()).collect(),
        how,
        on,
        by: decision.by.clone(),
        note: String::new(),
    }
}

/// Marks every task of the stages before `stage` done, and the listed tasks with their state.
fn checklist_at(
    file: &mut CaseFile,
    stage: Stage,
    tasks: &[(Task, TaskState, &str)],
    done_on: NaiveDate,
    by: &str,
) {
    for s in Stage::ALL.iter().filter(|s| **s < stage) {
        for t in s.tasks() {
            file.checklist.complete(*t, by, done_on);
        }
    }
    for (task, state, notes) in tasks {
        if *state == TaskState::Done {
            file.checklist.complete(*task, by, done_on);
        }
        let r = file.checklist.tasks.entry(*task).or_default();
        r.state = *state;
        r.notes = notes.to_string();
    }
}

fn held_review(on: NaiveDate, outcome: ReviewOutcome, notes: &str) -> Review {
    Review {
        id: id(),
        scheduled_for: on,
        held_on: Some(on),
        reviewed: vec![
            ReviewItem::Goals,
            ReviewItem::Services,
            ReviewItem::ChildsViews,
        ],
        outcome: Some(outcome),
        notes: notes.to_string(),
        attendees: Vec::new(),
        goal_progress: Vec::new(),
    }
}

fn planned_review(on: NaiveDate) -> Review {
    Review {
        id: id(),
        scheduled_for: on,
        held_on: None,
        reviewed: Vec::new(),
        outcome: None,
        notes: String::new(),
        attendees: Vec::new(),
        goal_progress: Vec::new(),
    }
}

/// The practice record of the demo child called `child`, born on `born`; empty for others.
pub fn case_file(child: &str, born: NaiveDate, today: NaiveDate) -> CaseFile {
    let t = Days0(today);
    match child {
        "Cerys" => cerys(t, born),
        "Tomos" => tomos(t, born),
        "Amira" => amira_and_yusuf(t, born, true),
        "Yusuf" => amira_and_yusuf(t, born, false),
        "Rhys" => rhys(t, born),
        "Lowri" => lowri(t, born),
        _ => CaseFile::default(),
    }
}

fn cerys(t: Days0, born: NaiveDate) -> CaseFile {
    let mut f = CaseFile::default();
    let mut cerys = person("Cerys", Sex::Female, Some(t.day(born)));
    cerys.subject_child = true;
    cerys.in_household = true;
    let mut bethan = person(
        "Bethan",
        Sex::Female,
        Some(t.year_of(t.months_ago(31 * 12))),
    );
    bethan.in_household = true;
    bethan.notes = "Mother. Alcohol misuse; with a substance-misuse service for 8 months.".into();
    let father = person("Cerys's father (not in contact)", Sex::Male, None);
    let eirlys = person(
        "Eirlys",
        Sex::Female,
        Some(t.year_of(t.months_ago(58 * 12))),
    );
    f.genogram.relationships = vec![
        rel(&bethan, &cerys, Relation::ParentOf, "mother"),
        rel(&father, &cerys, Relation::ParentOf, "father"),
        rel(&bethan, &father, Relation::ExPartners, "separated"),
        rel(&eirlys, &bethan, Relation::ParentOf, "mother"),
    ];
    let kids = [cerys.id];
    f.chronology = vec![
        entry(t.month(t.months_ago(40)), Source::CaseFile, "Care file", Area::PreviousFailedReturns,
            "Cerys returned home aged 6; the return broke down after 4 months when support stopped.",
            "Support ended too soon: any return now needs support that continues after it.",
            &["risk.neglect"], &kids, Some(Event::FailedReturn), Some(Engagement::Partial)),
        entry(t.day(t.months_ago(14)), Source::CaseFile, "Section 20 record", Area::AbuseNeglectAdversity,
            "Cerys came into care: home conditions poor, health appointments missed.",
            "Cumulative neglect linked to Bethan's drinking.",
            &["risk.neglect"], &kids, Some(Event::CameIntoCare), None),
        entry(t.day(t.months_ago(8)), Source::Health, "Substance-misuse service", Area::ServicesTried,
            "Bethan started with the substance-misuse service.",
            "Attending every week and testing clear since month two.",
            &[], &kids, Some(Event::ServiceStarted), Some(Engagement::Good)),
    ];
    f.factors = vec![
        factor("risk.neglect", Presence::Addressed,
            "Home conditions good at six unannounced visits; health appointments kept since the spring.",
            t.months_ago(5), WORKER),
        factor("protective.less_severe_abuse", Presence::Present,
            "Neglect, not severe physical harm; Bethan accepts the concerns and works with the plan.",
            t.months_ago(7), WORKER),
    ];
    f.capacity = vec![capacity(&bethan, CapacityEvidence::SubstantialEvidence,
        &[PositiveIndicator::AcknowledgesDamage, PositiveIndicator::OvercameDifficulties],
        "Eight months with the service, tests clear, talks openly about how her drinking affected Cerys.",
        t.months_ago(5), WORKER)];
    for (n, months) in [(1, 9), (2, 3)] {
        f.voices.push(ChildVoice {
            id: id(),
            child_id: cerys.id,
            on: t.months_ago(months),
            by: WORKER.into(),
            age_band: AgeBand::on(born, t.months_ago(months)),
            hopes: "To be home before my birthday.".into(),
            fears: "Mum getting poorly again.".into(),
            best_timing: if n == 2 {
                "Before my birthday, in the holidays so I don't miss school.".into()
            } else {
                String::new()
            },
            support_needed: "Nain to still come round after school.".into(),
            changes_parents_must_make: "Mum not drinking, and the house being nice.".into(),
            trusted_adult: Some(eirlys.id),
            trusted_adult_name: "Nain Eirlys".into(),
            seen_alone: true,
            others_present: Vec::new(),
            attachments: Vec::new(),
            worker_observations: "Seen alone at school; chatty and clear about what she wants."
                .into(),
            good_things: String::new(),
            feeling_about_home: None,
            when_home: None,
            stickers: Vec::new(),
            media: Vec::new(),
            skipped: Vec::new(),
            where_seen: String::new(),
            approach: String::new(),
        });
    }
    let first = column(RiskLevel::Medium);
    let addressed = Answers {
        risk_factors: RiskFactorsAnswer::FullyAddressed,
        ..first
    };
    f.classifications.entries.extend(classify(
        ClassificationKind::Initial,
        first,
        RiskLevel::Medium,
        "",
        WORKER,
        t.months_ago(7),
    ));
    f.classifications.entries.extend(classify(
        ClassificationKind::Review,
        addressed,
        RiskLevel::Medium,
        "",
        WORKER,
        t.months_ago(5),
    ));
    let decision = Decision {
        id: id(),
        kind: DecisionKind::ReunificationPotential,
        summary: "Reunification with Bethan can be worked towards.".into(),
        reasons: "Medium risk; Bethan is engaging and protective factors are apparent.".into(),
        by: WORKER.into(),
        on: t.months_ago(7),
        classification_id: f.classifications.entries.first().map(|c| c.id),
        sign_off: None,
    };
    f.communications = vec![
        tell(
            &decision,
            Audience::Child,
            &["Cerys"],
            Channel::InPerson,
            t.months_ago(7),
        ),
        tell(
            &decision,
            Audience::Parents,
            &["Bethan"],
            Channel::InPerson,
            t.months_ago(7),
        ),
        tell(
            &decision,
            Audience::Carers,
            &["Foster carers"],
            Channel::Phone,
            t.months_ago(7),
        ),
        tell(
            &decision,
            Audience::Professionals,
            &["School", "Health visitor"],
            Channel::Email,
            t.months_ago(7),
        ),
    ];
    f.decisions = vec![decision];
    let agreed = Some(GoalAgreement {
        by: vec!["Bethan".into()],
        on: t.months_ago(4),
    });
    let goal = |what: &str, measure: &str, target: NaiveDate| SmartGoal {
        id: id(),
        what: what.into(),
        who: "Bethan".into(),
        steps: vec!["Weekly sessions".into()],
        support: "Substance-misuse worker and family support worker".into(),
        measure: measure.into(),
        target_date: Some(target),
        agreed: agreed.clone(),
    };
    f.agreements = vec![WrittenAgreement {
        id: id(),
        objectives: vec!["Cerys returns home safely to Bethan and stays there.".into()],
        goals: vec![
            goal(
                "Stay alcohol free",
                "Clear tests every week",
                t.months_ahead(3),
            ),
            goal(
                "Take Cerys to every health appointment",
                "No missed appointments",
                t.months_ahead(2),
            ),
            goal(
                "Keep the house clean and safe",
                "Checked at visits",
                t.days_ago(10),
            ),
        ],
        expectations: vec![
            Expectation {
                who: "Bethan".into(),
                what: "Tell the social worker at once if she drinks again.".into(),
                by: Some(t.months_ahead(3)),
            },
            Expectation {
                who: "Children's services".into(),
                what: "Pay bus fares to the recovery service and arrange weekend contact.".into(),
                by: Some(t.months_ahead(1)),
            },
        ],
        review_arrangements: "Monthly review meetings with Bethan and the family support worker."
            .into(),
        consequences:
            "If Bethan drinks again, the return is paused and the contingency plan starts.".into(),
        ..WrittenAgreement::default()
    }];
    let mut last = held_review(
        t.days_ago(42),
        ReviewOutcome::Continue,
        "Goals on track; house goal date passed, to be renewed.",
    );
    last.attendees = vec!["Bethan".into(), "Family support worker".into()];
    let lights = [
        (
            GoalLight::Green,
            "Tests clear every week since the spring; talks about her triggers.",
        ),
        (
            GoalLight::Green,
            "Every appointment kept, and Bethan booked the dentist herself.",
        ),
        (
            GoalLight::Amber,
            "Better at visits but not kept up between them; date to renew.",
        ),
    ];
    last.goal_progress = f.agreements[0]
        .goals
        .iter()
        .zip(lights)
        .map(|(g, (light, note))| GoalProgress {
            goal_id: g.id,
            light,
            note: note.into(),
        })
        .collect();
    f.reviews = vec![last, planned_review(t.days_ahead(14))];
    let agency = |name: &str, kind| Agency {
        id: id(),
        name: name.into(),
        kind,
    };
    let recovery = agency("Cwm Recovery Service", AgencyKind::SubstanceMisuse);
    let family_support = agency("Family Support Team", AgencyKind::SocialCare);
    let school = agency("Ysgol Glan yr Afon", AgencyKind::Education);
    f.team.contacts = vec![
        Contact {
            id: id(),
            agency_id: Some(recovery.id),
            name: "Gwen Rees".into(),
            role: "Substance-misuse worker".into(),
            phone: "01234 567890".into(),
            ..Contact::default()
        },
        Contact {
            id: id(),
            agency_id: Some(family_support.id),
            name: "Sam Price".into(),
            role: "Family support worker".into(),
            ..Contact::default()
        },
        Contact {
            id: id(),
            agency_id: Some(school.id),
            name: "Mr Ellis".into(),
            role: "Class teacher".into(),
            ..Contact::default()
        },
    ];
    f.team.services = vec![
        Service {
            id: id(),
            name: "Weekly recovery sessions and testing".into(),
            agency_id: Some(recovery.id),
            for_people: vec![bethan.id],
            start: Some(t.months_ago(8)),
            status: ServiceStatus::Ongoing,
            engagement: Engagement::Good,
            ..Service::default()
        },
        Service {
            id: id(),
            name: "Family support at home, fortnightly".into(),
            agency_id: Some(family_support.id),
            for_people: vec![bethan.id, cerys.id],
            start: Some(t.months_ago(6)),
            status: ServiceStatus::Ongoing,
            engagement: Engagement::Good,
            ..Service::default()
        },
    ];
    f.team.agencies = vec![recovery, family_support, school];
    f.contingency = ContingencyPlan {
        triggers: vec![
            "Bethan drinks again".into(),
            "A goal's date passes with no progress".into(),
        ],
        actions: "The return is paused; Cerys stays in foster care and we meet Bethan within a week to review the plan.".into(),
        alternative_care: "Cerys stays with her foster carers; Nain Eirlys keeps her after-school visits.".into(),
        shared_with_parents_on: None,
    };
    f.support = vec![
        SupportSession {
            id: id(),
            on: t.days_ago(20),
            with: SupportWith::Parents,
            what: "Home visit with Bethan: talked through what helps on hard evenings.".into(),
            by: WORKER.into(),
        },
        SupportSession {
            id: id(),
            on: t.days_ago(9),
            with: SupportWith::Child,
            what: "Saw Cerys at school: made a calendar of contact visits together.".into(),
            by: WORKER.into(),
        },
    ];
    checklist_at(
        &mut f,
        Stage::ParentalAgreements,
        &[
            (
                Task::EngageChildAndParents,
                TaskState::Done,
                "Bethan attends every meeting; Cerys talks easily when seen alone.",
            ),
            (Task::IdentifyTrustedAdult, TaskState::Done, "Nain Eirlys"),
            (
                Task::WorkWhereReunificationNotPossible,
                TaskState::NotApplicable,
                "",
            ),
            (Task::TellChildAboutStage, TaskState::Done, ""),
            (Task::WrittenAgreement, TaskState::Done, ""),
            (
                Task::RelationshipBasedSupport,
                TaskState::InProgress,
                "Fortnightly visits to Bethan.",
            ),
            (Task::TeamAroundChildAndFamily, TaskState::Done, ""),
            (
                Task::ContingencyPlans,
                TaskState::InProgress,
                "Plan written; to share with Bethan at the next review.",
            ),
        ],
        t.months_ago(6),
        WORKER,
    );
    f.genogram.people = vec![cerys, bethan, father, eirlys];
    f
}

fn tomos(t: Days0, born: NaiveDate) -> CaseFile {
    let mut f = CaseFile::default();
    let mut tomos = person("Tomos", Sex::Male, Some(t.day(born)));
    tomos.subject_child = true;
    tomos.in_household = true;
    let mut sian = person("Sian", Sex::Female, Some(t.year_of(t.months_ago(38 * 12))));
    sian.in_household = true;
    let lee = person("Lee (former partner)", Sex::Male, None);
    let father = person("Tomos's father", Sex::Male, None);
    let mut mali = person("Mali", Sex::Female, Some(t.year_of(t.months_ago(6 * 12))));
    mali.in_household = true;
    let mut jac = person("Jac", Sex::Male, Some(t.year_of(t.months_ago(4 * 12))));
    jac.in_household = true;
    f.genogram.relationships = vec![
        rel(&sian, &tomos, Relation::ParentOf, "mother"),
        rel(&father, &tomos, Relation::ParentOf, "father"),
        rel(&sian, &father, Relation::ExPartners, ""),
        rel(&sian, &lee, Relation::ExPartners, "relationship ended"),
        rel(&sian, &mali, Relation::ParentOf, ""),
        rel(&sian, &jac, Relation::ParentOf, ""),
        rel(&lee, &mali, Relation::ParentOf, ""),
        rel(&lee, &jac, Relation::ParentOf, ""),
    ];
    let kids = [tomos.id];
    f.chronology = vec![
        entry(
            t.day(t.months_ago(24)),
            Source::Police,
            "Police log",
            Area::AbuseNeglectAdversity,
            "Tomos injured by his mother's partner Lee; Tomos came into care.",
            "Severe physical abuse; Mali and Jac were in the home.",
            &["risk.severe_physical_abuse", "risk.more_than_one_child"],
            &kids,
            Some(Event::CameIntoCare),
            None,
        ),
        entry(
            t.month(t.months_ago(15)),
            Source::Family,
            "Sian",
            Area::CapacityToChange,
            "Sian ended the relationship with Lee; he has left the home.",
            "A positive indicator; needs to be sustained.",
            &[],
            &kids,
            None,
            None,
        ),
    ];
    f.factors = vec![
        factor(
            "risk.severe_physical_abuse",
            Presence::Present,
            "Fractured arm and bruising, police log.",
            t.months_ago(8),
            WORKER,
        ),
        factor(
            "risk.more_than_one_child",
            Presence::Present,
            "Mali and Jac live at home with Sian.",
            t.months_ago(8),
            WORKER,
        ),
        factor(
            "protective.less_severe_abuse",
            Presence::Present,
            "Sian complies with the plan and does not deny the abuse.",
            t.months_ago(8),
            WORKER,
        ),
    ];
    f.capacity = vec![capacity(&sian, CapacityEvidence::SomeEvidence,
        &[PositiveIndicator::EndedRiskyRelationship, PositiveIndicator::AcknowledgesDamage],
        "Ended the relationship with Lee and acknowledges its effect on Tomos; parenting work not yet started.",
        t.months_ago(8), WORKER)];
    f.voices.push(ChildVoice {
        id: id(),
        child_id: tomos.id,
        on: t.months_ago(6),
        by: WORKER.into(),
        age_band: AgeBand::on(born, t.months_ago(6)),
        hopes: "More time with Mum, Mali and Jac first.".into(),
        fears: "That it goes back to how it was.".into(),
        best_timing: "Not yet.".into(),
        support_needed: String::new(),
        changes_parents_must_make: "Mum to keep Lee away.".into(),
        trusted_adult: None,
        trusted_adult_name: "His football coach".into(),
        seen_alone: true,
        others_present: Vec::new(),
        attachments: Vec::new(),
        worker_observations: "Unsure about going home; wants more contact first.".into(),
        good_things: String::new(),
        feeling_about_home: None,
        when_home: None,
        stickers: Vec::new(),
        media: Vec::new(),
        skipped: Vec::new(),
        where_seen: String::new(),
        approach: String::new(),
    });
    f.classifications.entries.extend(classify(
        ClassificationKind::Initial,
        column(RiskLevel::High),
        RiskLevel::High,
        "",
        WORKER,
        t.months_ago(7),
    ));
    checklist_at(
        &mut f,
        Stage::RiskClassification,
        &[
            (Task::Classify, TaskState::Done, ""),
            (
                Task::DecideReunificationPotential,
                TaskState::InProgress,
                "Waiting for evidence that the parenting work has started.",
            ),
        ],
        t.months_ago(7),
        WORKER,
    );
    f.reviews = vec![held_review(
        t.days_ago(20),
        ReviewOutcome::ChangePlan,
        "Parenting work still not started.",
    )];
    f.genogram.people = vec![tomos, sian, lee, father, mali, jac];
    f
}

fn amira_and_yusuf(t: Days0, born: NaiveDate, amira_case: bool) -> CaseFile {
    let mut f = CaseFile::default();
    let mut amira = person("Amira", Sex::Female, None);
    let mut yusuf = person("Yusuf", Sex::Male, None);
    if amira_case {
        amira.date_of_birth = Some(t.day(born));
        yusuf.date_of_birth = Some(t.year_of(t.months_ago(26)));
    } else {
        yusuf.date_of_birth = Some(t.day(born));
        amira.date_of_birth = Some(t.year_of(t.months_ago(55)));
    }
    amira.subject_child = amira_case;
    yusuf.subject_child = !amira_case;
    amira.in_household = true;
    yusuf.in_household = true;
    let mut leila = person("Leila", Sex::Female, Some(t.year_of(t.months_ago(27 * 12))));
    leila.in_household = true;
    let mut karim = person("Karim", Sex::Male, Some(t.year_of(t.months_ago(30 * 12))));
    karim.in_household = true;
    let hassan = person("Hassan", Sex::Male, None);
    let noor = person("Noor", Sex::Female, None);
    let mut tariq = person("Tariq", Sex::Male, None);
    tariq.deceased = true;
    tariq.date_of_death = Some(t.year_of(t.months_ago(36)));
    let samira = person("Samira", Sex::Female, None);
    f.genogram.relationships = vec![
        rel(&leila, &karim, Relation::Partners, "married"),
        rel(&leila, &amira, Relation::ParentOf, ""),
        rel(&karim, &amira, Relation::ParentOf, ""),
        rel(&leila, &yusuf, Relation::ParentOf, ""),
        rel(&karim, &yusuf, Relation::ParentOf, ""),
        rel(&hassan, &noor, Relation::Partners, ""),
        rel(&hassan, &leila, Relation::ParentOf, ""),
        rel(&noor, &leila, Relation::ParentOf, ""),
        rel(&tariq, &samira, Relation::Partners, ""),
        rel(&tariq, &karim, Relation::ParentOf, ""),
        rel(&samira, &karim, Relation::ParentOf, ""),
    ];
    let both = [amira.id, yusuf.id];
    let (a, y) = ([amira.id], [yusuf.id]);
    let growth = "risk.severe_growth_failure";
    let neglect = "risk.neglect";
    let mut entries = vec![
        entry(t.year_of(t.months_ago(10 * 12)), Source::Family, "Leila", Area::ParentsHistory,
            "Leila was in foster care herself from age 12 to 16.",
            "Her own experience of care may shape how she sees the plan.", &[], &both, None, None),
        entry(t.year_of(t.months_ago(9 * 12)), Source::Family, "Karim", Area::ParentsHistory,
            "Karim left school at 15 and has had long periods of unemployment and low mood.",
            "", &[], &both, None, None),
        entry(t.month(t.months_ago(40)), Source::Health, "Health visitor", Area::AbuseNeglectAdversity,
            "Health visitor notes Amira's weight falling below the 2nd centile.",
            "First sign of growth failure; no medical cause found later.", &[growth], &a, None, None),
        entry(t.month(t.months_ago(30)), Source::CaseFile, "Child in need plan", Area::PreviousAssessments,
            "Child in need assessment: advice on feeding and routines.",
            "Parents agreed but little changed.", &[neglect], &a, None, None),
        entry(t.month(t.months_ago(28)), Source::Health, "Dietitian", Area::ServicesTried,
            "Dietitian support offered for Amira's feeding.",
            "", &[growth], &a, Some(Event::ServiceStarted), Some(Engagement::Partial)),
        entry(t.month(t.months_ago(24)), Source::Health, "Dietitian", Area::ServicesTried,
            "Dietitian closed the case after three missed appointments.",
            "A service started and dropped: the pattern to watch.", &[growth], &a, Some(Event::ServiceDropped), Some(Engagement::Poor)),
        entry(t.month(t.months_ago(20)), Source::Health, "Health visitor", Area::AbuseNeglectAdversity,
            "Yusuf's weight also falling; home conditions poor.",
            "Neglect of both children: more than one affected child.", &[neglect, "risk.more_than_one_child"], &both, None, None),
        entry(t.month(t.months_ago(14)), Source::CaseFile, "Child protection conference", Area::PreviousAssessments,
            "Both children made subject to child protection plans for neglect.",
            "", &[neglect], &both, Some(Event::ChildProtectionPlan), None),
        entry(t.month(t.months_ago(12)), Source::CaseFile, "Family support", Area::ServicesTried,
            "Family support worker allocated for home routines.",
            "", &[neglect], &both, Some(Event::ServiceStarted), Some(Engagement::Poor)),
        entry(t.month(t.months_ago(8)), Source::CaseFile, "Family support", Area::ServicesTried,
            "Family support ended: parents not at home for most visits.",
            "Second service dropped in two years.", &[neglect], &both, Some(Event::ServiceDropped), Some(Engagement::Poor)),
        entry(t.day(t.months_ago(5)), Source::Health, "Paediatrician", Area::SpecialNeeds,
            "Paediatric assessment: severe growth failure in Amira with no medical cause; Yusuf's speech delayed.",
            "Both children need catch-up growth and speech support wherever they live.", &[growth], &both, Some(Event::CameIntoCare), None),
        entry(t.day(t.months_ago(3)), Source::Education, "Nursery", Area::SpecialNeeds,
            "Nursery reports Amira gaining weight steadily in foster care.",
            "Weight gain away from home supports the neglect finding.", &[growth], &a, None, None),
    ];
    if !amira_case {
        entries.retain(|e| e.children.contains(&yusuf.id));
    }
    let _ = y;
    f.chronology = entries;
    f.factors = vec![
        factor(
            neglect,
            Presence::Present,
            "Both children; poor home conditions and missed health care.",
            t.months_ago(2),
            WORKER,
        ),
        factor(
            "risk.more_than_one_child",
            Presence::Present,
            "Amira and Yusuf.",
            t.months_ago(2),
            WORKER,
        ),
    ];
    if amira_case {
        f.factors.insert(
            0,
            factor(
                growth,
                Presence::Present,
                "Paediatric report: no medical cause.",
                t.months_ago(2),
                WORKER,
            ),
        );
    }
    f.capacity = vec![
        capacity(
            &leila,
            CapacityEvidence::NoEvidence,
            &[],
            "Agrees at meetings but nothing has changed at home.",
            t.months_ago(1),
            WORKER,
        ),
        capacity(
            &karim,
            CapacityEvidence::NoEvidence,
            &[],
            "Has not attended the last three meetings.",
            t.months_ago(1),
            WORKER,
        ),
    ];
    checklist_at(
        &mut f,
        Stage::InitialAssessment,
        &[
            (
                Task::CaseHistoryAndGenogram,
                TaskState::InProgress,
                "Chronology from health and nursery records done; police checks awaited.",
            ),
            (
                Task::EngageChildAndParents,
                TaskState::InProgress,
                "Leila attends some meetings; Karim none so far.",
            ),
        ],
        t.months_ago(1),
        WORKER,
    );
    f.genogram.people = vec![amira, yusuf, leila, karim, hassan, noor, tariq, samira];
    f
}

fn rhys(t: Days0, born: NaiveDate) -> CaseFile {
    let mut f = CaseFile::default();
    let mut rhys = person("Rhys", Sex::Male, Some(t.day(born)));
    rhys.subject_child = true;
    rhys.in_household = true;
    let mut gareth = person("Gareth", Sex::Male, Some(t.year_of(t.months_ago(42 * 12))));
    gareth.in_household = true;
    gareth.notes = "Father and single carer.".into();
    let mother = person("Rhys's mother", Sex::Female, None);
    f.genogram.relationships = vec![
        rel(&gareth, &rhys, Relation::ParentOf, "father"),
        rel(&mother, &rhys, Relation::ParentOf, "mother"),
        rel(&gareth, &mother, Relation::ExPartners, "separated"),
    ];
    f.chronology = vec![entry(
        t.day(t.months_ago(8)),
        Source::CaseFile,
        "Placement record",
        Area::PreviousFailedReturns,
        "Rhys returned home to Gareth.",
        "Planned gradual return, with support in place.",
        &[],
        &[rhys.id],
        Some(Event::ReturnHome),
        None,
    )];
    f.factors = vec![factor(
        "risk.neglect",
        Presence::Addressed,
        "Home conditions and school attendance good for over a year.",
        t.months_ago(5),
        WORKER,
    )];
    f.capacity = vec![capacity(
        &gareth,
        CapacityEvidence::SubstantialEvidence,
        &[PositiveIndicator::OvercameDifficulties],
        "Completed the parenting programme and has kept routines since.",
        t.months_ago(9),
        WORKER,
    )];
    let medium = column(RiskLevel::Medium);
    f.classifications.entries.extend(classify(
        ClassificationKind::Initial,
        medium,
        RiskLevel::Medium,
        "",
        WORKER,
        t.months_ago(12),
    ));
    let nearly_low = Answers {
        risk_factors: RiskFactorsAnswer::FullyAddressed,
        ..medium
    };
    if let Some(mut c) = classify(ClassificationKind::Stage4Reclassification, nearly_low, RiskLevel::Low,
        "Risk factors addressed for six months; recurrence judged unlikely with the support package in place.", WORKER, t.months_ago(7))
    {
        let signed = SignOffDecision {
            subject: c.id,
            about: Subject::Classification,
            verdict: Verdict::Agreed,
            comment: "Agreed.".into(),
            by: "megan".into(),
            by_name: "Megan Hughes".into(),
            on: t.months_ago(7),
            level: Some(c.chosen),
        };
        c.sign_off = signed.sign_off();
        f.sign_offs.push(signed);
        f.classifications.entries.push(c);
    }
    for months in [5, 2] {
        f.classifications.entries.extend(classify(
            ClassificationKind::Review,
            column(RiskLevel::Low),
            RiskLevel::Low,
            "",
            WORKER,
            t.months_ago(months),
        ));
    }
    f.plan = rhys_plan(t);
    f.team.services = vec![
        Service {
            id: id(),
            name: "Parenting programme".into(),
            for_people: vec![gareth.id],
            start: Some(t.months_ago(14)),
            end: Some(t.months_ago(10)),
            status: ServiceStatus::Completed,
            engagement: Engagement::Good,
            ..Service::default()
        },
        Service {
            id: id(),
            name: "School nurse".into(),
            for_people: vec![rhys.id],
            start: Some(t.months_ago(8)),
            status: ServiceStatus::Ongoing,
            engagement: Engagement::Good,
            ..Service::default()
        },
        Service {
            id: id(),
            name: "Family support worker".into(),
            for_people: vec![gareth.id, rhys.id],
            start: Some(t.months_ago(8)),
            status: ServiceStatus::Ongoing,
            engagement: Engagement::Good,
            ..Service::default()
        },
    ];
    f.reviews = (1..=7)
        .map(|n| {
            held_review(
                t.days_ago(25)
                    .checked_sub_months(Months::new(n - 1))
                    .unwrap_or(t.0),
                ReviewOutcome::Continue,
                "Going well.",
            )
        })
        .collect();
    checklist_at(
        &mut f,
        Stage::ReturnHome,
        &[
            (
                Task::WorkWhereReunificationNotPossible,
                TaskState::NotApplicable,
                "",
            ),
            (Task::GradualReturn, TaskState::Done, ""),
            (Task::CoordinateSupport, TaskState::Done, ""),
            (
                Task::MonitorAndReview,
                TaskState::InProgress,
                "Monthly reviews.",
            ),
        ],
        t.months_ago(9),
        WORKER,
    );
    f.genogram.people = vec![rhys, gareth, mother];
    f
}

/// Rhys's gradual return (day visits, overnights, a weekend, then home 8 months ago), the
/// support the plan put in place, monthly reviews and reclassification every three months.
fn rhys_plan(t: Days0) -> ReunificationPlan {
    let step = |kind, on, notes: &str| ContactStep {
        id: id(),
        kind,
        on,
        status: StepStatus::Done,
        notes: notes.to_string(),
    };
    let action = |who: &str, agency: &str, what: &str, by_when| PlanAction {
        id: id(),
        who: who.to_string(),
        agency: agency.to_string(),
        what: what.to_string(),
        by_when: Some(by_when),
        done: true,
    };
    ReunificationPlan {
        actions: vec![
            action(
                "Gareth",
                "",
                "Keep the routines from the parenting programme: school run, meals, bedtime.",
                t.months_ago(8),
            ),
            action(
                "School nurse",
                "Health",
                "See Rhys every two weeks for the first three months, then monthly.",
                t.months_ago(8),
            ),
            action(
                "Family support worker",
                "Family support service",
                "Visit the home weekly and help Gareth with the morning routine.",
                t.months_ago(8),
            ),
        ],
        contact: vec![
            step(
                ContactKind::DayVisit,
                t.months_ago(11),
                "Saturdays at home, went well.",
            ),
            step(
                ContactKind::Overnight,
                t.months_ago(10),
                "Two overnights a week.",
            ),
            step(
                ContactKind::Weekend,
                t.months_ago(9),
                "Whole weekends for a month.",
            ),
            step(ContactKind::Return, t.months_ago(8), "Rhys moved home."),
        ],
        review_every: Interval::Months(1),
        reclassify_every: Interval::Months(3),
    }
}

fn lowri(t: Days0, born: NaiveDate) -> CaseFile {
    let by = "dylan";
    let mut f = CaseFile::default();
    let mut lowri = person("Lowri", Sex::Female, Some(t.day(born)));
    lowri.subject_child = true;
    let mut nerys = person("Nerys", Sex::Female, Some(t.year_of(t.months_ago(40 * 12))));
    nerys.in_household = true;
    let mut mark = person("Mark", Sex::Male, None);
    mark.in_household = true;
    let ela = person(
        "Ela (adopted)",
        Sex::Female,
        Some(t.year_of(t.months_ago(20 * 12))),
    );
    f.genogram.relationships = vec![
        rel(&nerys, &lowri, Relation::ParentOf, "mother"),
        rel(&nerys, &ela, Relation::ParentOf, "removed and adopted"),
        rel(&nerys, &mark, Relation::Partners, ""),
        rel(&mark, &lowri, Relation::StepParentOf, "household member"),
    ];
    f.chronology = vec![
        entry(
            t.year_of(t.months_ago(18 * 12)),
            Source::CaseFile,
            "Court order",
            Area::PreviousAssessments,
            "Lowri's older sister Ela was removed from Nerys and later adopted.",
            "Previous maltreatment: a child permanently removed.",
            &["risk.previous_maltreatment"],
            &[lowri.id],
            None,
            None,
        ),
        entry(
            t.day(t.months_ago(6)),
            Source::Police,
            "Police investigation",
            Area::AbuseNeglectAdversity,
            "Lowri disclosed sexual abuse by Mark over two years.",
            "Nerys does not believe Lowri and Mark remains in the home.",
            &["risk.sexual_abuse"],
            &[lowri.id],
            Some(Event::CameIntoCare),
            None,
        ),
    ];
    f.factors = vec![
        factor(
            "risk.previous_maltreatment",
            Presence::Present,
            "Ela removed and adopted.",
            t.months_ago(5),
            by,
        ),
        factor(
            "risk.sexual_abuse",
            Presence::Present,
            "Police investigation; Mark still in the household.",
            t.months_ago(5),
            by,
        ),
    ];
    f.capacity = vec![capacity(
        &nerys,
        CapacityEvidence::NoEvidence,
        &[],
        "Does not accept that the abuse happened.",
        t.months_ago(5),
        by,
    )];
    f.classifications.entries.extend(classify(
        ClassificationKind::Initial,
        column(RiskLevel::Severe),
        RiskLevel::Severe,
        "",
        by,
        t.months_ago(4),
    ));
    let decision = Decision {
        id: id(),
        kind: DecisionKind::ReunificationNotPossible,
        summary: "Lowri will not return home; plan for permanent separation.".into(),
        reasons: "Severe risk, no protective factors, abuser still in the household.".into(),
        by: by.into(),
        on: t.months_ago(4),
        classification_id: f.classifications.entries.first().map(|c| c.id),
        sign_off: None,
    };
    f.communications = vec![
        tell(
            &decision,
            Audience::Child,
            &["Lowri"],
            Channel::InPerson,
            t.months_ago(4),
        ),
        tell(
            &decision,
            Audience::Parents,
            &["Nerys"],
            Channel::Letter,
            t.months_ago(4),
        ),
        tell(
            &decision,
            Audience::Carers,
            &["Residential unit"],
            Channel::Meeting,
            t.months_ago(4),
        ),
        tell(
            &decision,
            Audience::Professionals,
            &["Police", "School"],
            Channel::Meeting,
            t.months_ago(4),
        ),
    ];
    f.decisions = vec![decision];
    checklist_at(&mut f, Stage::RiskClassification, &[
        (Task::Classify, TaskState::Done, ""),
        (Task::DecideReunificationPotential, TaskState::Done, ""),
        (Task::CommunicateDecision, TaskState::Done, ""),
        (Task::WorkWhereReunificationNotPossible, TaskState::InProgress,
            "Life-story work with Lowri; contact with her aunt arranged; Nerys offered counselling about the plan; independent visitor found."),
    ], t.months_ago(4), by);
    f.reviews = vec![planned_review(t.days_ahead(10))];
    f.genogram.people = vec![lowri, nerys, mark, ela];
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use homeward_core::movement::{MovementConfig, Prompt, SevereReason};
    use homeward_core::summary::summarise;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn summary(child: &str) -> homeward_core::summary::CaseSummary {
        let born = Days0(today()).months_ago(9 * 12);
        summarise(
            &case_file(child, born, today()),
            today(),
            &MovementConfig::default(),
        )
    }

    #[test]
    fn the_demo_cases_come_out_at_the_levels_stages_and_prompts_the_demo_describes() {
        let next_month = Days0(today()).months_ahead(1);
        let s = summary("Cerys");
        assert_eq!(
            (s.stage, s.level),
            (Stage::ParentalAgreements, Some(RiskLevel::Medium))
        );
        assert_eq!(
            s.prompts,
            vec![Prompt::StepDownDue {
                from: RiskLevel::Medium,
                to: RiskLevel::Low,
                eligible_from: next_month
            }]
        );
        let s = summary("Tomos");
        assert_eq!(
            (s.stage, s.level),
            (Stage::RiskClassification, Some(RiskLevel::High))
        );
        assert_eq!(
            s.prompts,
            vec![Prompt::MoveToSevere {
                reason: SevereReason::RiskNotAddressedForPeriod
            }]
        );
        let s = summary("Amira");
        assert_eq!((s.stage, s.level), (Stage::InitialAssessment, None));
        assert_eq!(s.prompts, vec![Prompt::NotClassified]);
        let s = summary("Rhys");
        assert_eq!(
            (s.stage, s.level),
            (Stage::ReturnHome, Some(RiskLevel::Low))
        );
        assert_eq!(
            s.prompts,
            vec![Prompt::CloseDue {
                eligible_from: next_month
            }]
        );
        assert_eq!(s.reclassification_due, Some(next_month));
        assert!(!s.reclassification_overdue && !s.review_overdue);
        assert!(!s.may_request_closure());
        let rhys = case_file("Rhys", today(), today());
        assert_eq!(rhys.plan.returned_on(), Some(Days0(today()).months_ago(8)));
        assert!(rhys.plan.is_gradual());
        let s = summary("Lowri");
        assert_eq!(
            (s.stage, s.level),
            (Stage::RiskClassification, Some(RiskLevel::Severe))
        );
    }

    #[test]
    fn amiras_file_has_twelve_entries_over_five_areas_and_four_grandparents_one_deceased() {
        let f = case_file("Amira", Days0(today()).months_ago(4 * 12), today());
        assert_eq!(f.chronology.len(), 12);
        let areas: std::collections::BTreeSet<_> = f.chronology.iter().map(|e| e.area).collect();
        assert_eq!(areas.len(), 5);
        assert_eq!(f.genogram.people.len(), 8);
        assert_eq!(f.genogram.people.iter().filter(|p| p.deceased).count(), 1);
        assert_eq!(f.genogram.validate(), Ok(()));
        for e in &f.chronology {
            assert_eq!(e.validate(today()), Ok(()));
        }
    }

    #[test]
    fn every_demo_genogram_and_record_is_valid() {
        for child in ["Cerys", "Tomos", "Amira", "Yusuf", "Rhys", "Lowri"] {
            let f = case_file(child, Days0(today()).months_ago(5 * 12), today());
            assert_eq!(f.genogram.validate(), Ok(()), "{child}");
            for v in &f.voices {
                assert_eq!(v.validate(today()), Ok(()), "{child}");
            }
            for c in &f.capacity {
                assert_eq!(c.validate(today()), Ok(()), "{child}");
            }
        }
    }
}
