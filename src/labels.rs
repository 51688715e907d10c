//! The words for core's values: each enum of the practice model maps to a translation key here,
//! so the rules stay in core and the wording stays in the translation files.

use crate::format;
use crate::i18n::{I18n, Key};
use homeward_core::classification::{
    CapacityAnswer, ProtectiveFactorsAnswer, RecurrenceAnswer, RiskFactorsAnswer, RiskLevel,
    WishAnswer,
};
use homeward_core::decisions::{Audience, Channel, DecisionKind};
use homeward_core::movement::{Prompt, SevereReason, DEFAULT_SUSTAIN_MONTHS};
use homeward_core::stages::{Stage, Task};
use leptos::prelude::*;

pub fn level(l: RiskLevel) -> Key {
    match l {
        RiskLevel::Low => Key::LevelLow,
        RiskLevel::Medium => Key::LevelMedium,
        RiskLevel::High => Key::LevelHigh,
        RiskLevel::Severe => Key::LevelSevere,
    }
}

/// The CSS class that colours a level (always shown with its word too).
pub fn level_class(l: Option<RiskLevel>) -> &'static str {
    match l {
        Some(RiskLevel::Low) => "level level-low",
        Some(RiskLevel::Medium) => "level level-medium",
        Some(RiskLevel::High) => "level level-high",
        Some(RiskLevel::Severe) => "level level-severe",
        None => "level level-none",
    }
}

pub fn action(l: RiskLevel) -> Key {
    match l {
        RiskLevel::Low => Key::ActionLow,
        RiskLevel::Medium => Key::ActionMedium,
        RiskLevel::High => Key::ActionHigh,
        RiskLevel::Severe => Key::ActionSevere,
    }
}

pub fn stage(s: Stage) -> Key {
    match s {
        Stage::InitialAssessment => Key::Stage1,
        Stage::RiskClassification => Key::Stage2,
        Stage::ParentalAgreements => Key::Stage3,
        Stage::Reclassification => Key::Stage4,
        Stage::ReturnHome => Key::Stage5,
    }
}

pub fn why(s: Stage) -> Key {
    match s {
        Stage::InitialAssessment => Key::Why1,
        Stage::RiskClassification => Key::Why2,
        Stage::ParentalAgreements => Key::Why3,
        Stage::Reclassification => Key::Why4,
        Stage::ReturnHome => Key::Why5,
    }
}

/// "Stage 2: Risk classification".
pub fn stage_title(i18n: &I18n, s: Stage) -> String {
    i18n.tf(
        Key::StageN,
        &[("n", &s.number().to_string()), ("name", i18n.t(stage(s)))],
    )
}

pub fn task(t: Task) -> Key {
    match t {
        Task::CaseHistoryAndGenogram => Key::T1_1,
        Task::EngageChildAndParents => Key::T1_2,
        Task::AssessRiskCapacityAndSeeChildAlone => Key::T1_3,
        Task::IdentifyTrustedAdult => Key::T1_4,
        Task::WriteUpAssessment => Key::T1_5,
        Task::Classify => Key::T2_1,
        Task::DecideReunificationPotential => Key::T2_2,
        Task::CommunicateDecision => Key::T2_3,
        Task::WorkWhereReunificationNotPossible => Key::T2_4,
        Task::TellChildAboutStage => Key::T3_1,
        Task::WrittenAgreement => Key::T3_2,
        Task::RelationshipBasedSupport => Key::T3_3,
        Task::TeamAroundChildAndFamily => Key::T3_4,
        Task::ContingencyPlans => Key::T3_5,
        Task::ReclassifyWithManager => Key::T4_1,
        Task::UpdateAgreements => Key::T4_2,
        Task::MultiAgencyPlan => Key::T4_3,
        Task::PrepareChildAndParents => Key::T4_4,
        Task::GradualReturn => Key::T5_1,
        Task::CoordinateSupport => Key::T5_2,
        Task::MonitorAndReview => Key::T5_3,
        Task::ReclassifyAtIntervals => Key::T5_4,
    }
}

pub fn risk_factors(a: RiskFactorsAnswer) -> Key {
    match a {
        RiskFactorsAnswer::FullyAddressed => Key::A1FullyAddressed,
        RiskFactorsAnswer::NotAllFullyAddressed => Key::A1NotAll,
        RiskFactorsAnswer::NotBeingAddressed => Key::A1NotBeing,
    }
}

pub fn protective(a: ProtectiveFactorsAnswer) -> Key {
    match a {
        ProtectiveFactorsAnswer::Apparent => Key::A2Apparent,
        ProtectiveFactorsAnswer::NotApparent => Key::A2NotApparent,
    }
}

pub fn capacity(a: CapacityAnswer) -> Key {
    match a {
        CapacityAnswer::Able => Key::A3Able,
        CapacityAnswer::Unable => Key::A3Unable,
    }
}

pub fn wish(a: WishAnswer) -> Key {
    match a {
        WishAnswer::BothWant => Key::A4Both,
        WishAnswer::Ambivalence => Key::A4Ambivalence,
    }
}

pub fn recurrence(a: RecurrenceAnswer) -> Key {
    match a {
        RecurrenceAnswer::Unlikely => Key::A5Unlikely,
        RecurrenceAnswer::SomePossibility => Key::A5Some,
        RecurrenceAnswer::Strong => Key::A5Strong,
        RecurrenceAnswer::VeryStrong => Key::A5VeryStrong,
    }
}

pub fn audience(a: Audience) -> Key {
    match a {
        Audience::Child => Key::AudChild,
        Audience::Parents => Key::AudParents,
        Audience::Carers => Key::AudCarers,
        Audience::Professionals => Key::AudProfessionals,
    }
}

pub const CHANNELS: [Channel; 7] = [
    Channel::InPerson,
    Channel::Phone,
    Channel::VideoCall,
    Channel::Letter,
    Channel::Email,
    Channel::Meeting,
    Channel::Other,
];

pub fn channel(c: Channel) -> Key {
    match c {
        Channel::InPerson => Key::ChInPerson,
        Channel::Phone => Key::ChPhone,
        Channel::VideoCall => Key::ChVideo,
        Channel::Letter => Key::ChLetter,
        Channel::Email => Key::ChEmail,
        Channel::Meeting => Key::ChMeeting,
        Channel::Other => Key::ChOther,
    }
}

pub fn decision_kind(k: DecisionKind) -> Key {
    match k {
        DecisionKind::ReunificationPotential => Key::DecPossible,
        DecisionKind::ReunificationNotPossible => Key::DecNotPossible,
        DecisionKind::Stage4Reclassification => Key::DecStage4,
        DecisionKind::Closure => Key::DecClosure,
        DecisionKind::Other => Key::DecOther,
    }
}

/// A movement prompt as a sentence, or `None` for "not classified" (the level already says so).
pub fn prompt(i18n: &I18n, p: &Prompt) -> Option<String> {
    let lang = i18n.lang.get();
    let months = DEFAULT_SUSTAIN_MONTHS.to_string();
    let lv = |l: RiskLevel| i18n.t(level(l));
    let date = |d| format::date(lang, d);
    Some(match p {
        Prompt::NotClassified => return None,
        Prompt::StepDown { from, to, .. } => i18n.tf(
            Key::PromptStepDown,
            &[("from", lv(*from)), ("to", lv(*to)), ("months", &months)],
        ),
        Prompt::StepDownDue {
            from,
            to,
            eligible_from,
        } => i18n.tf(
            Key::PromptStepDownDue,
            &[
                ("from", lv(*from)),
                ("to", lv(*to)),
                ("date", &date(*eligible_from)),
            ],
        ),
        Prompt::Close { .. } => i18n.tf(Key::PromptClose, &[("months", &months)]),
        Prompt::CloseDue { eligible_from } => {
            i18n.tf(Key::PromptCloseDue, &[("date", &date(*eligible_from))])
        }
        Prompt::MoveToSevere {
            reason: SevereReason::RiskNotAddressedForPeriod,
        } => i18n.tf(Key::PromptSevereNotAddressed, &[("months", &months)]),
        Prompt::MoveToSevere {
            reason: SevereReason::ProtectiveFactorsGone,
        } => i18n.t(Key::PromptSevereNoProtective).to_string(),
        Prompt::SevereDue { due } => i18n.tf(Key::PromptSevereDue, &[("date", &date(*due))]),
        Prompt::NewRisk { from, to } => {
            i18n.tf(Key::PromptNewRisk, &[("from", lv(*from)), ("to", lv(*to))])
        }
        Prompt::NewRiskStay { level: l } => i18n.tf(Key::PromptNewRiskStay, &[("level", lv(*l))]),
        Prompt::AnswersPointHigher { suggested, .. } => {
            i18n.tf(Key::PromptAnswersHigher, &[("to", lv(*suggested))])
        }
    })
}

use homeward_core::chronology::{Area, Source};
use homeward_core::partial_date::PartialDateError;

pub fn area(a: Area) -> Key {
    match a {
        Area::PreviousAssessments => Key::AreaPrev,
        Area::ParentsHistory => Key::AreaParents,
        Area::AbuseNeglectAdversity => Key::AreaAbuse,
        Area::RiskAndProtectiveFactors => Key::AreaRisk,
        Area::CapacityToChange => Key::AreaCapacity,
        Area::ServicesTried => Key::AreaServices,
        Area::PreviousFailedReturns => Key::AreaReturns,
        Area::Attachments => Key::AreaAttach,
        Area::SpecialNeeds => Key::AreaNeeds,
    }
}

pub const SOURCES: [Source; 6] = [
    Source::CaseFile,
    Source::Health,
    Source::Education,
    Source::Police,
    Source::Family,
    Source::Other,
];

pub fn source(s: Source) -> Key {
    match s {
        Source::CaseFile => Key::SrcCaseFile,
        Source::Health => Key::SrcHealth,
        Source::Education => Key::SrcEducation,
        Source::Police => Key::SrcPolice,
        Source::Family => Key::SrcFamily,
        Source::Other => Key::SrcOther,
    }
}

pub fn partial_date_error(e: &PartialDateError) -> Key {
    match e {
        PartialDateError::NotADate => Key::ErrNotADate,
        PartialDateError::YearOutOfRange => Key::ErrYearRange,
        PartialDateError::InFuture => Key::ErrDateFuture,
    }
}

/// A factor's name in the worker's language; factors an organisation added keep their own name.
pub fn factor_name(i18n: &I18n, id: &str) -> String {
    let key = match id {
        "risk.severe_physical_abuse" => Some(Key::FRiskSevere),
        "risk.neglect" => Some(Key::FRiskNeglect),
        "risk.severe_growth_failure" => Some(Key::FRiskGrowth),
        "risk.multiple_maltreatment" => Some(Key::FRiskMultiple),
        "risk.more_than_one_child" => Some(Key::FRiskMoreThanOne),
        "risk.previous_maltreatment" => Some(Key::FRiskPrevious),
        "risk.sexual_abuse" => Some(Key::FRiskSexual),
        "risk.fabricated_illness" => Some(Key::FRiskFabricated),
        "protective.less_severe_abuse" => Some(Key::FProtLessSevere),
        _ => None,
    };
    match key {
        Some(k) => i18n.t(k).to_string(),
        None => homeward_core::factors::annex1()
            .into_iter()
            .find(|f| f.id == id)
            .map_or_else(|| id.to_string(), |f| f.name_en),
    }
}

/// A form value for one of core's enums: its serde name.
pub fn enum_value<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_string))
        .unwrap_or_default()
}

use homeward_core::genogram::{Relation, Sex};

pub const SEXES: [Sex; 4] = [Sex::Female, Sex::Male, Sex::Other, Sex::Unknown];

pub fn sex(s: Sex) -> Key {
    match s {
        Sex::Female => Key::SexFemale,
        Sex::Male => Key::SexMale,
        Sex::Other => Key::SexOther,
        Sex::Unknown => Key::SexUnknown,
    }
}

pub const RELATIONS: [Relation; 9] = [
    Relation::ParentOf,
    Relation::StepParentOf,
    Relation::Partners,
    Relation::ExPartners,
    Relation::Siblings,
    Relation::HalfSiblings,
    Relation::GrandparentOf,
    Relation::RelativeOf,
    Relation::CarerOf,
];

pub fn relation(r: Relation) -> Key {
    match r {
        Relation::ParentOf => Key::RParentOf,
        Relation::StepParentOf => Key::RStepParentOf,
        Relation::Partners => Key::RPartners,
        Relation::ExPartners => Key::RExPartners,
        Relation::Siblings => Key::RSiblings,
        Relation::HalfSiblings => Key::RHalfSiblings,
        Relation::GrandparentOf => Key::RGrandparentOf,
        Relation::RelativeOf => Key::RRelativeOf,
        Relation::CarerOf => Key::RCarerOf,
    }
}

// Stage 3: agreements, team, reviews.

use homeward_core::agreement::{AgreementError, Signatory};
use homeward_core::review::{GoalLight, ReviewError, ReviewOutcome};
use homeward_core::smart::{Letter, SmartProblem};
use homeward_core::support::{SupportError, SupportWith};
use homeward_core::team::{AgencyKind, Engagement, ServiceStatus, TeamError};

pub fn letter(l: Letter) -> Key {
    match l {
        Letter::Specific => Key::LetterSpecific,
        Letter::Measurable => Key::LetterMeasurable,
        Letter::Agreed => Key::LetterAgreed,
        Letter::Realistic => Key::LetterRealistic,
        Letter::Timely => Key::LetterTimely,
    }
}

pub fn smart_problem(p: &SmartProblem) -> Key {
    match p {
        SmartProblem::NoWhat => Key::SmartNoWhat,
        SmartProblem::NoWho => Key::SmartNoWho,
        SmartProblem::Vague => Key::SmartVague,
        SmartProblem::NoMeasure => Key::SmartNoMeasure,
        SmartProblem::NotAgreed => Key::SmartNotAgreed,
        SmartProblem::AgreedInFuture => Key::SmartAgreedInFuture,
        SmartProblem::NoSteps => Key::SmartNoSteps,
        SmartProblem::NoSupport => Key::SmartNoSupport,
        SmartProblem::TooSoon => Key::SmartTooSoon,
        SmartProblem::NoTargetDate => Key::SmartNoTargetDate,
        SmartProblem::TargetPassed => Key::SmartTargetPassed,
        SmartProblem::TooFar => Key::SmartTooFar,
    }
}

/// Each reason an agreement cannot be finalised, as sentences (a goal's failures one each).
pub fn agreement_errors(i18n: &I18n, errors: &[AgreementError]) -> Vec<String> {
    errors
        .iter()
        .flat_map(|e| match e {
            AgreementError::GoalsNotSmart(failures) => failures
                .iter()
                .map(|f| {
                    i18n.tf(
                        Key::GoalNotLetter,
                        &[
                            ("n", &f.goal_number.to_string()),
                            ("letter", i18n.t(letter(f.letter))),
                            ("reason", i18n.t(smart_problem(&f.problem))),
                        ],
                    )
                })
                .collect(),
            other => vec![i18n.t(agreement_error(other)).to_string()],
        })
        .collect()
}

pub fn agreement_error(e: &AgreementError) -> Key {
    match e {
        AgreementError::NoObjectives => Key::AgrNoObjectives,
        AgreementError::NoGoals => Key::AgrNoGoals,
        AgreementError::GoalsNotSmart(_) => Key::AgrGoalsNotSmart,
        AgreementError::NoExpectations => Key::AgrNoExpectations,
        AgreementError::ExpectationWithoutDate => Key::AgrExpectationWithoutDate,
        AgreementError::NoReviewArrangements => Key::AgrNoReview,
        AgreementError::NoConsequences => Key::AgrNoConsequences,
        AgreementError::AlreadyFinal => Key::AgrAlreadyFinal,
        AgreementError::NotFinal => Key::AgrNotFinal,
        AgreementError::NoSignatoryName => Key::AgrNoSignatoryName,
    }
}

pub fn signatory(s: Signatory) -> Key {
    match s {
        Signatory::Parent => Key::SignerParent,
        Signatory::Child => Key::SignerChild,
        Signatory::Worker => Key::SignerWorker,
        Signatory::Other => Key::SignerOther,
    }
}

pub const LIGHTS: [GoalLight; 3] = [GoalLight::Green, GoalLight::Amber, GoalLight::Red];

pub fn light(l: GoalLight) -> Key {
    match l {
        GoalLight::Green => Key::LightGreen,
        GoalLight::Amber => Key::LightAmber,
        GoalLight::Red => Key::LightRed,
    }
}

pub fn light_class(l: GoalLight) -> &'static str {
    match l {
        GoalLight::Green => "goal-light goal-light-green",
        GoalLight::Amber => "goal-light goal-light-amber",
        GoalLight::Red => "goal-light goal-light-red",
    }
}

pub const OUTCOMES: [ReviewOutcome; 4] = [
    ReviewOutcome::Continue,
    ReviewOutcome::ChangePlan,
    ReviewOutcome::Reclassify,
    ReviewOutcome::Escalate,
];

pub fn outcome(o: ReviewOutcome) -> Key {
    match o {
        ReviewOutcome::Continue => Key::OutcomeContinue,
        ReviewOutcome::ChangePlan => Key::OutcomeChangePlan,
        ReviewOutcome::Reclassify => Key::OutcomeReclassify,
        ReviewOutcome::Escalate => Key::OutcomeEscalate,
    }
}

pub fn review_error(e: &ReviewError) -> Key {
    match e {
        ReviewError::HeldInFuture => Key::RevHeldInFuture,
        ReviewError::NoOutcome => Key::RevNoOutcome,
        ReviewError::NothingReviewed => Key::RevNothingReviewed,
        ReviewError::GreenWithoutChange => Key::RevGreenWithoutChange,
    }
}

/// The framework's review tips (Annex 8), by their key in core.
pub fn review_tip(key: &str) -> Option<Key> {
    Some(match key {
        "tip.monitor" => Key::TipMonitor,
        "tip.barriers" => Key::TipBarriers,
        "tip.encourage" => Key::TipEncourage,
        "tip.services_work" => Key::TipServicesWork,
        "tip.compliance" => Key::TipCompliance,
        "tip.flexible" => Key::TipFlexible,
        "tip.longer" => Key::TipLonger,
        _ => return None,
    })
}

pub fn support_with(w: SupportWith) -> Key {
    match w {
        SupportWith::Child => Key::SupportChild,
        SupportWith::Parents => Key::SupportParents,
        SupportWith::Family => Key::SupportFamily,
    }
}

pub fn support_error(e: &SupportError) -> Key {
    match e {
        SupportError::NothingWritten => Key::SupportNothing,
        SupportError::InFuture => Key::ErrDateFuture,
    }
}

pub const AGENCY_KINDS: [AgencyKind; 9] = [
    AgencyKind::SocialCare,
    AgencyKind::Health,
    AgencyKind::Education,
    AgencyKind::Police,
    AgencyKind::SubstanceMisuse,
    AgencyKind::MentalHealth,
    AgencyKind::Housing,
    AgencyKind::Voluntary,
    AgencyKind::Other,
];

pub fn agency_kind(k: AgencyKind) -> Key {
    match k {
        AgencyKind::SocialCare => Key::AgSocialCare,
        AgencyKind::Health => Key::AgHealth,
        AgencyKind::Education => Key::AgEducation,
        AgencyKind::Police => Key::AgPolice,
        AgencyKind::SubstanceMisuse => Key::AgSubstance,
        AgencyKind::MentalHealth => Key::AgMentalHealth,
        AgencyKind::Housing => Key::AgHousing,
        AgencyKind::Voluntary => Key::AgVoluntary,
        AgencyKind::Other => Key::AgOther,
    }
}

pub const STATUSES: [ServiceStatus; 5] = [
    ServiceStatus::Planned,
    ServiceStatus::Ongoing,
    ServiceStatus::Completed,
    ServiceStatus::DroppedOut,
    ServiceStatus::Withdrawn,
];

pub fn service_status(s: ServiceStatus) -> Key {
    match s {
        ServiceStatus::Planned => Key::SvcPlanned,
        ServiceStatus::Ongoing => Key::SvcOngoing,
        ServiceStatus::Completed => Key::SvcCompleted,
        ServiceStatus::DroppedOut => Key::SvcDroppedOut,
        ServiceStatus::Withdrawn => Key::SvcWithdrawn,
    }
}

pub const ENGAGEMENTS: [Engagement; 4] = [
    Engagement::Good,
    Engagement::Partial,
    Engagement::Poor,
    Engagement::NotYetKnown,
];

pub fn engagement(e: Engagement) -> Key {
    match e {
        Engagement::Good => Key::EngGood,
        Engagement::Partial => Key::EngPartial,
        Engagement::Poor => Key::EngPoor,
        Engagement::NotYetKnown => Key::EngNotKnown,
    }
}

pub fn team_error(e: &TeamError) -> Key {
    match e {
        TeamError::AgencyWithoutName => Key::TeamAgencyName,
        TeamError::ContactWithoutName => Key::TeamContactName,
        TeamError::ServiceWithoutName => Key::TeamServiceName,
        TeamError::EndsBeforeStart(_) => Key::TeamEndsBeforeStart,
        TeamError::FinishedWithoutEnd(_) => Key::TeamFinishedWithoutEnd,
        TeamError::OngoingBeforeStart(_) => Key::TeamOngoingBeforeStart,
        TeamError::UnknownAgency => Key::TeamUnknownAgency,
    }
}

/// What the level means, in words for parents.
pub fn level_for_parents(l: Option<RiskLevel>) -> Key {
    match l {
        Some(RiskLevel::Low) => Key::ParentLevelLow,
        Some(RiskLevel::Medium) => Key::ParentLevelMedium,
        Some(RiskLevel::High) => Key::ParentLevelHigh,
        Some(RiskLevel::Severe) => Key::ParentLevelSevere,
        None => Key::ParentLevelNone,
    }
}

// Stages 4 and 5, sign-off queue.
use homeward_core::reclassification::Stage4Outcome;
use homeward_core::reunification::{ContactKind, StepStatus};
use homeward_core::review::ReviewItem;

pub fn stage4_progress(o: Stage4Outcome) -> Key {
    match o {
        Stage4Outcome::HighToSevere => Key::ProgNoChange,
        Stage4Outcome::HighToMedium => Key::ProgProgress,
        Stage4Outcome::MediumToLow => Key::ProgEvidence,
        Stage4Outcome::MediumToHigh => Key::ProgNotEnough,
    }
}

pub fn stage4_next(o: Stage4Outcome) -> Key {
    match o {
        Stage4Outcome::HighToSevere => Key::NextStage2,
        Stage4Outcome::HighToMedium => Key::NextConsider,
        Stage4Outcome::MediumToLow => Key::NextPlans,
        Stage4Outcome::MediumToHigh => Key::NextTimeOrEscalate,
    }
}

pub fn contact_kind(k: ContactKind) -> Key {
    match k {
        ContactKind::DayVisit => Key::CkDayVisit,
        ContactKind::Overnight => Key::CkOvernight,
        ContactKind::Weekend => Key::CkWeekend,
        ContactKind::ExtendedStay => Key::CkExtended,
        ContactKind::Return => Key::CkReturn,
    }
}

pub fn step_status(s: StepStatus) -> Key {
    match s {
        StepStatus::Planned => Key::SsPlanned,
        StepStatus::Done => Key::SsDone,
        StepStatus::Postponed => Key::SsPostponed,
        StepStatus::Cancelled => Key::SsCancelled,
    }
}

pub fn review_outcome(o: ReviewOutcome) -> Key {
    match o {
        ReviewOutcome::Continue => Key::RoContinue,
        ReviewOutcome::ChangePlan => Key::RoChangePlan,
        ReviewOutcome::Reclassify => Key::RoReclassify,
        ReviewOutcome::Escalate => Key::RoEscalate,
    }
}

pub fn review_item(i: ReviewItem) -> Key {
    match i {
        ReviewItem::Goals => Key::RiGoals,
        ReviewItem::Services => Key::RiServices,
        ReviewItem::RiskClassification => Key::RiRisk,
        ReviewItem::ChildsViews => Key::RiChild,
        ReviewItem::ContingencyPlan => Key::RiContingency,
        ReviewItem::ReunificationPlan => Key::RiPlan,
    }
}

#[cfg(test)]
mod stage3_tests {
    use super::*;
    use crate::i18n::{text, Lang};

    #[test]
    fn smart_reasons_and_agreement_errors_match_the_english_text_of_core() {
        use SmartProblem::*;
        for p in [
            NoWhat,
            NoWho,
            Vague,
            NoMeasure,
            NotAgreed,
            AgreedInFuture,
            NoSteps,
            NoSupport,
            TooSoon,
            NoTargetDate,
            TargetPassed,
            TooFar,
        ] {
            assert_eq!(text(Lang::En, smart_problem(&p)), p.to_string());
        }
        for e in [
            AgreementError::NoObjectives,
            AgreementError::NoGoals,
            AgreementError::NoExpectations,
            AgreementError::ExpectationWithoutDate,
            AgreementError::NoReviewArrangements,
            AgreementError::NoConsequences,
            AgreementError::AlreadyFinal,
            AgreementError::NotFinal,
            AgreementError::NoSignatoryName,
        ] {
            assert_eq!(text(Lang::En, agreement_error(&e)), e.to_string());
        }
        for t in homeward_core::agreement::REVIEW_TIPS {
            let key = review_tip(t.key).expect("every tip has a key");
            assert_eq!(text(Lang::En, key), t.en);
        }
        assert_eq!(
            text(Lang::En, review_error(&ReviewError::GreenWithoutChange)),
            ReviewError::GreenWithoutChange.to_string()
        );
    }
}
