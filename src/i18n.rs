//! Every string the worker or the child sees goes through here. Each language is a `match` over
//! [`Key`], so a key missing in English or Welsh does not compile.

pub mod child;
mod cy;
mod en;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Languages of the interface. Public services in Wales must offer Welsh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    En,
    Cy,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }
}

macro_rules! keys {
    ($($k:ident),* $(,)?) => {
        /// A translatable string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($k),* }
        impl Key {
            /// Every key, so tests can check both languages in full.
            pub const ALL: &'static [Key] = &[$(Key::$k),*];
        }
    };
}

keys! {
    AppName, SkipToContent, Loading, Language, LangEnglish, LangWelsh,
    SignInTitle, SignInIntro, Username, Password, SignInButton, SigningIn, SignInFailed,
    SignInNeedsConnection, SignInTooMany, SignOut, SignedInAs,
    Cases, NoCases, NewCase, ChildName, DateOfBirth, Note, NoteHint, SaveCase, Cancel, Saving,
    ErrNameMissing, ErrNameTooLong, ErrBirthInFuture, ErrBirthNotADate, ErrNoteTooLong,
    ErrStorage, FormHasErrors,
    StatusOnline, StatusOffline, ChangesWaiting, AllSent, LastSynced, NeverSynced, NotSent,
    NotSentTitle, SignInToSync, SyncFailed,
    AgeYears, Born, BackToCases, CaseNotFound, NeedsReview, CaseNoteHeading, SyncStatus,
    UpdateReady, UpdateReload, UpdateSaveFirst, TextSize, TextStandard, TextLarge, TextLarger,
    ReviewIntro, ReviewNothing, ReviewVersion, WrittenBy, KeepThis, WriteMerged, SaveMerged,
    ReviewEmptyText, ToReview,
    LevelLow, LevelMedium, LevelHigh, LevelSevere, NotClassified, RiskLevelLabel, Stage1, Stage2, Stage3, Stage4, Stage5, StageN, Why1, Why2, Why3, Why4, Why5, WhyThisMatters, T1_1, T1_2, T1_3, T1_4, T1_5, T2_1, T2_2, T2_3, T2_4, T3_1, T3_2, T3_3, T3_4, T3_5, T4_1, T4_2, T4_3, T4_4, T5_1, T5_2, T5_3, T5_4, PromptStepDown, PromptStepDownDue, PromptClose, PromptCloseDue, PromptSevereNotAddressed, PromptSevereNoProtective, PromptSevereDue, PromptNewRisk, PromptNewRiskStay, PromptAnswersHigher, PromptNotClassified, SearchByName, SortBy, SortName, SortLevel, SortStage, SortReview, ShowingCases, NoMatch, NextReview, ReviewOverdue, NoReview, Alerts, Stages, StageDone, StageCurrent, TasksDone, Tasks, StillMissing, NothingMissing, NotApplicableTag, WorkOnStage, OpenChronology, OpenGenogram, OpenAssessment, OpenReport, OpenClassification, LaterStagesElsewhere, SavedMsg, Save, Edit, Remove, Print, BackToCase, ClassifyTitle, HistoryTitle, HistoryEmpty, HistoryChartDesc, ColDate, ColLevel, ColSuggested, ColBy, ColWhy, NewClassification, Q1, Q2, Q3, Q4, Q5, A1FullyAddressed, A1NotAll, A1NotBeing, A2Apparent, A2NotApparent, A3Able, A3Unable, A4Both, A4Ambivalence, A5Unlikely, A5Some, A5Strong, A5VeryStrong, SuggestedLevel, AnswerAllFirst, RecommendedAction, ActionLow, ActionMedium, ActionHigh, ActionSevere, ChooseLevel, Rationale, RationaleHint, ErrRationaleRequired, ErrRationaleTooLong, ErrOneStepDown, ErrNotSeenAlone, ErrNoTrustedAdult, ErrReturnAtLevel, ErrReturnUnclassified, ErrStepDownFrom, ErrStepDownNotShown, ErrChooseAnswer, RecordClassification, DecisionTitle, DecisionKindLabel, DecPossible, DecNotPossible, DecOther, DecSummary, DecReasons, RecordDecision, ErrNoSummary, NoDecision, DecidedOn, CommsTitle, StillToTell, EveryoneTold, AudChild, AudParents, AudCarers, AudProfessionals, ChInPerson, ChPhone, ChVideo, ChLetter, ChEmail, ChMeeting, ChOther, CommTo, CommNames, CommNamesHint, CommHow, CommWhen, CommNote, LogCommunication, ErrDateMissing, ErrDateFuture, NoComms, NotPossibleTitle, NotPossibleHint, WorkDone,
    ChronologyTitle, AreaPrev, AreaParents, AreaAbuse, AreaRisk, AreaCapacity, AreaServices, AreaReturns, AreaAttach, AreaNeeds, SrcCaseFile, SrcHealth, SrcEducation, SrcPolice, SrcFamily, SrcOther, FilterArea, FilterChild, AnyArea, AnyChild, PatternsTitle, PatFailedReturns, PatServices, PatNoAnalysis, PatEmptyAreas, EntriesShown, NoEntries, AddEntry, EditEntry, EntryDate, EntryDateHint, EntryArea, EntrySource, EntrySourceDetail, EntrySourceDetailHint, EntryWhat, EntryAnalysis, EntryChildren, EntryFactors, SaveEntry, ErrNoWhat, ErrNotADate, ErrYearRange, ErrTooLong, Analysis, Evidences, FRiskSevere, FRiskNeglect, FRiskGrowth, FRiskMultiple, FRiskMoreThanOne, FRiskPrevious, FRiskSexual, FRiskFabricated, FProtLessSevere, Cancel2,
    DraftKept,
    GenogramTitle, GenogramDesc, GenogramKey, TapToEdit, EditPersonNamed, PeopleTitle, RelationshipsTitle, AddPerson, EditPerson, PersonName, PersonNameHint, PersonSex, SexFemale, SexMale, SexOther, SexUnknown, PersonBorn, PersonDeceased, PersonInHousehold, PersonSubject, PersonNotes, SavePerson, ErrPersonName, ErrDeceasedInHousehold, AddRelationship, RelFrom, RelKind, RelTo, RelLabel, SaveRelationship, ErrRelSame, ErrRelDuplicate, ErrRelParents, RParentOf, RStepParentOf, RPartners, RExPartners, RSiblings, RHalfSiblings, RGrandparentOf, RRelativeOf, RCarerOf, RemoveRelNamed, DeceasedTag, HouseholdTag, ChildTag,
    AssessmentTitle, FactorsTitle, FactorsHint, RiskFactor, ProtectiveFactor, Presence, PresUnknown, PresPresent, PresNotPresent, PresAddressed, Evidence, SaveFactorNamed, CapacityTitle, CapacityHint, NoParents, CapacityRating, CapNone, CapSome, CapSubstantial, Indicators, IndEnded, IndAcknowledges, IndOvercame, IndTerms, ComplianceOnly, SaveCapacityNamed, ErrCompliance, ErrEvidenceText, EngagementTitle, EngagementLabel, TrustedTitle, TrustedLabel, TrustedNamedByChild, VoiceTitle, SeenAloneYes, SeenAloneNo, ChildViewsFrom, VHopes, VFears, VTiming, VSupport, VChanges, VObservations, VRecordOn, Yes, No,
    ReportTitle, ReportIntro, RChild, RFamily, RHistory, RFactors, RNoFactors, RCapacity, RNoCapacity, RVoice, REngagement, RTrusted, RClassification, RNotRecorded, RDecision, RCurrentLevel, PrintReport,
    ShowMore,
    // Child mode and the child's voice.
    HandToChild, HandIntro, AgeBandLabel, BandUnder8, Band8To12, Band13Plus, ActivitiesLabel, ActThreeHouses, ActFeelings, ActHelp, ActChange, ActWhen, ActTrust, StartChildMode, PickAnActivity, FinishWorkerNote, ChildModeLabel, HelloYoung, HelloMid, HelloTeen, LetsStart, ReadToMe, NextQuestion, PreviousQuestion, SkipQuestion, Skipped, StepOf, DoneTitle, DoneText, GiveBack, ForWorker, PWorriesY, PWorriesM, PWorriesT, PGoodY, PGoodM, PGoodT, PDreamsY, PDreamsM, PDreamsT, PFeelY, PFeelM, PFeelT, PHelpY, PHelpM, PHelpT, PChangeY, PChangeM, PChangeT, PWhenY, PWhenM, PWhenT, PTrustY, PTrustM, PTrustT, PickStickers, StickersLabel, YourWords, YourWordsHint, DrawPicture, DrawingArea, DrawingHint, PensLabel, PenRed, PenOrange, PenGreen, PenBlue, PenPurple, PenBlack, Eraser, ClearDrawing, DrawingSaved, RecordVoice, StopRecording, Recording, RecordHint, YourRecording, DeleteRecording, MicUnavailable, FeelVerySad, FeelSad, FeelNotSure, FeelHappy, FeelVeryHappy, WhenVerySoon, WhenAfterAWhile, WhenNotYet, WhenNotSure, StFamily, StHome, StSchool, StFriends, StPet, StPlaying, StFood, StHugs, StSleep, StShouting, StCrying, StGrownup, UnlockTitle, UnlockSecret, UnlockButton, Unlocking, UnlockWrong, UnlockFailed, BackToChild, VoiceNoteTitle, ChildSaidHeading, ChildWordsNote, YourNoteHeading, SeenAloneQ, AnswerYes, AnswerNo, WhoPresent, WhoPresentHint, WhereSeen, Approach, ApproachHint, Observations, ObservationsHint, SaveVoice, DiscardVoice, DiscardConfirm, DiscardYes, NoSession, Drawing, RecordingLabel, MediaNotHere, ErrSeenAloneMissing, ErrVoiceWhoElse, ErrVoiceOthers, ErrVoiceEmpty, ErrVoiceAttachment, ErrVoiceFuture, ErrVoiceTooLong, ErrVoiceMedia, VoicesHeading, NoVoices, SeenAloneBadge, NotSeenAlone, SeenAloneOnce, NotYetSeenAlone, WhereLabel, SWorries, SGood, SDreams, SFeel, SHelp, SChange, SWhen, STrust, DrawingsCount, RecordingsCount,
    // Device security: PIN, lock, sign-out.
    ChoosePinTitle, ChoosePinIntro, NewPin, NewPinAgain, PinHint, SavePin, SavingPin, ErrPinDigits, ErrPinShort, ErrPinLong, ErrPinTrivial, ErrPinMismatch, LockedTitle, LockedIntro, YourPin, UnlockApp, PinWrongTries, PinExhausted, ForgotPin, LockNow, Settings, SettingsTitle, LockAfter, LockAfterHint, MinutesN, MinuteOne, SignOutIntro, SigningOut, SignOutUnsent, SignOutRefused, SignOutDrafts, SignOutAnyway, DeviceRevokedNotice, SignedOutNotice, OtherWorkerData, OtherWorkerWiped, KeyMismatch, DeviceIdLabel, Checking,
    // Stage 3: agreements, team, reviews.
    AddAgency, AddContact, AddExpectation, AddGoal, AddService, AddSupport, AgEducation, AgHealth,
    AgHousing, AgMentalHealth, AgOther, AgPolice, AgSocialCare, AgSubstance, AgVoluntary,
    AgenciesTitle, AgencyKindLabel, AgencyName, AgrAlreadyFinal, AgrCannotFinalise,
    AgrConsequences, AgrConsequencesLabel, AgrDraftRestored, AgrExpectations, AgrExpectationsHint,
    AgrFinalHint, AgrFinalise, AgrFinalisedOn, AgrGoals, AgrGoalsHint, AgrGoalsNotSmart, AgrIntro,
    AgrNewVersion, AgrNoConsequences, AgrNoExpectations, AgrExpectationWithoutDate, AgrNoGoals, AgrNoObjectives, AgrNoReview, AgrNoSignatoryName,
    AgrNone, AgrNotFinal, AgrObjectives, AgrObjectivesLabel, AgrReviewArrangements, AgrReviewLabel,
    AgrSaveDraft, AgrSignatureCount, AgrTitle, BackToAgreement, CommaNames, CompliancePrompt,
    ComplianceReminder, ContActions, ContAlternative, ContNotShared, ContSave, ContShared,
    ContSharedHint, ContSharedOn, ContTitle, ContTriggers, ContWhy, ContactAgency, ContactEmail,
    ContactName, ContactPhone, ContactRole, ContactsTitle, EngGood, EngNotKnown, EngPartial,
    EngPoor, EngagementIs, ExpectBy, ExpectWhat, ExpectWho, ExpectationN, GoalAgreedBy,
    GoalAgreedOn, GoalMeasure, GoalN, GoalNotLetter, GoalProgressLegend, GoalSeenLabel, GoalSteps,
    GoalSupport, GoalTarget, GoalWhat, GoalWhatHint, GoalWho, LetterAgreed, LetterMeasurable,
    LetterRealistic, LetterSpecific, LetterTimely, LightAmber, LightGreen, LightRed, NextReviewOn,
    NoAgencies, NoAgency, NoContacts, NoServices, NoSupport, OnePerLine, OpenAgreement,
    OpenAgreementParents, OpenReviews, OpenTeam, OutcomeChangePlan, OutcomeContinue,
    OutcomeEscalate, OutcomeReclassify, PBy, PByDate, PConsequences, PDraftNote, PExpect, PGoals,
    PHelp, PIntro, PKnow, PNoSignatures, PObjectives, PPrint, PReview, PSignatures, PSteps, PTitle,
    PWho, ParentLevelHigh, ParentLevelLow, ParentLevelMedium, ParentLevelNone, ParentLevelSevere,
    RemoveExpectationN, RemoveGoalN, RevAttendees, RevGreenWithoutChange, RevHeld, RevHeldInFuture,
    RevHeldOn, RevHeldTitle, RevLightEachGoal, RevNext, RevNoGoals, RevNoOutcome, RevNoneHeld,
    RevNotes, RevNothingReviewed, RevOutcome, RevRecord, RevSave, RevTitle, RevWith, ServiceAgency,
    ServiceEnd, ServiceEngagement, ServiceFrom, ServiceFromTo, ServiceName, ServiceNoStart,
    ServiceNotes, ServiceStart, ServiceStatusLabel, ServiceSummary, ServicesTitle, SignArea,
    SignButton, SignClear, SignFirst, SignHint, SignIntro, SignSaveFailed, SignTitle, SignatureOf,
    SignedOn, SignedOnAt, SignedThanks, SignerChild, SignerName, SignerOther, SignerParent,
    SignerRole, SignerWorker, SmartAgreedInFuture, SmartCheckTitle, SmartMet, SmartNoMeasure,
    SmartNoSteps, SmartNoSupport, SmartNoTargetDate, SmartNoWhat, SmartNoWho, SmartNotAgreed,
    SmartNotMet, SmartTargetPassed, SmartTooFar, SmartTooSoon, SmartVague, SupportChild,
    SupportFamily, SupportHint, SupportNothing, SupportParents, SupportTitle, SupportWhat,
    SupportWhen, SupportWhy, SupportWithLabel, SvcCompleted, SvcDroppedOut, SvcOngoing, SvcPlanned,
    SvcWithdrawn, TeamAgencyName, TeamAround, TeamContactName, TeamEndsBeforeStart,
    TeamFinishedWithoutEnd, TeamOngoingBeforeStart, TeamServiceName, TeamTitle, TeamUnknownAgency,
    TeamWhy, TipBarriers, TipCompliance, TipEncourage, TipFlexible, TipLonger, TipMonitor,
    TipServicesWork, TipsTitle, ToldHint, ToldNothing, ToldOn, ToldSave, ToldTitle, ToldWhat,
    ToldWhen, ToldWhy, TrafficLightNow, SaveFailed, ChangeNamed, SaveNamed,
    // Stages 4 and 5, sign-off queue.
    ActionInPlace, AddContactStep, AddPlanAction, AddStep, AddToPlan, Agree, AgreedBy, AlreadyAwaiting, AnswersTitle, AwaitingSignOff, BackToQueue, ByWhen, CaseClosed, CkDayVisit, CkExtended, CkOvernight, CkReturn, CkWeekend, ClosureEligible, ClosureNotYet, ClosureReasons, ClosureReasonsHint, ClosureRequested, ClosureSummary, ClosureTitle, ColInitial, ColNextSteps, ColProgress, ColReclassified, DecClosure, DecStage4, ErrClosureReasons, ErrNothingReviewed, ErrPlanTooLong, ErrPlanWhat, ErrPlanWho, ErrReturnComment, ErrStepDoneFuture, EvAgreements, EvCapacity, EvChronology, EvFactors, EvNoReviews, EvPlan, EvReviews, EvVoices, EvidenceTitle, LevelInEffect, LevelSince, NewReclassification, NextConsider, NextPlans, NextStage2, NextTimeOrEscalate, NoContactSteps, NoPlanActions, NoRationale, NoSubmissions, NotGradual, NothingToSignOff, OnlyManagers, UpdateAgreement, OpenCase, OpenReclassify, OpenReturnHome, OutcomeApplies, OutcomeNoRow, OutcomesCaption, OutcomesTitle, PendingLevel, PlanAgency, PlanAgencyHint, PlanHint, PlanTitle, PlanWhat, PlanWhen, PlanWho, PreparationHint, PreparationLabel, ProgEvidence, ProgNoChange, ProgNotEnough, ProgProgress, QueueClosure, QueueEmpty, QueueReclassification, ReclassificationHeading, ReclassifiedTo, ReclassifyDue, ReclassifyHint, ReclassifyOverdue, ReclassifyTitle, RecordReview, RequestClosure, ReturnHomeTitle, ReturnToWorker, ReturnedBadge, ReturnedBy, ReturnedComment, ReturnedHomeOn, ReviewHeldOn, ReviewNotes, ReviewOutcomeLabel, RiChild, RiContingency, RiGoals, RiPlan, RiRisk, RiServices, RoChangePlan, RoContinue, RoEscalate, RoReclassify, SaveReview, SignOffComment, SignOffCommentHint, SignOffQueueLink, SignOffQueueTitle, SignOffTitle, SsCancelled, SsDone, SsPlanned, SsPostponed, StepDate, StepKind, StepNotes, StepStatusOf, SubmittedTitle, WhatReviewed, ReviewEvery, ReclassifyEvery, EveryWeeks, EveryMonths, EveryWeek, EveryMonth, OpenSignOff,
}

/// The language context: read it in any component with [`use_i18n`].
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

const LANG_KEY: &str = "homeward.lang";

impl I18n {
    /// The language the worker chose last time (not case data, so localStorage is fine).
    pub fn load() -> I18n {
        let lang = LocalStorage::get::<Lang>(LANG_KEY).unwrap_or(Lang::En);
        I18n {
            lang: RwSignal::new(lang),
        }
    }

    pub fn set(&self, lang: Lang) {
        // Losing the preference only means English next time; nothing to tell the worker.
        let _ = LocalStorage::set(LANG_KEY, lang);
        self.lang.set(lang);
    }

    /// The text of `key` in the current language (reactive).
    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    /// The text of `key` with `{name}` placeholders filled in.
    pub fn tf(&self, key: Key, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
}

pub fn text(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::En => en::text(key),
        Lang::Cy => cy::text(key),
    }
}

pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(template.to_string(), |s, (name, value)| {
        s.replace(&format!("{{{name}}}"), value)
    })
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The key for a case validation error from core, so it can be shown in the chosen language.
pub fn case_error(e: &homeward_core::case::CaseError) -> Key {
    use homeward_core::case::CaseError;
    match e {
        CaseError::NameMissing => Key::ErrNameMissing,
        CaseError::NameTooLong => Key::ErrNameTooLong,
        CaseError::BirthInFuture => Key::ErrBirthInFuture,
        CaseError::BirthNotADate => Key::ErrBirthNotADate,
        CaseError::NoteTooLong => Key::ErrNoteTooLong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut found: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|part| part.split('}').next())
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_string_exists_in_english_and_welsh_with_the_same_placeholders() {
        for key in Key::ALL {
            let (en, cy) = (text(Lang::En, *key), text(Lang::Cy, *key));
            assert!(!en.trim().is_empty(), "{key:?} is empty in English");
            assert!(!cy.trim().is_empty(), "{key:?} is empty in Welsh");
            assert_eq!(
                placeholders(en),
                placeholders(cy),
                "{key:?} placeholders differ"
            );
        }
    }

    #[test]
    fn core_validation_messages_match_the_english_text() {
        use homeward_core::case::CaseError;
        for e in [
            CaseError::NameMissing,
            CaseError::NameTooLong,
            CaseError::BirthInFuture,
            CaseError::BirthNotADate,
            CaseError::NoteTooLong,
        ] {
            assert_eq!(text(Lang::En, case_error(&e)), e.to_string());
        }
    }

    #[test]
    fn child_voice_messages_match_the_english_text_of_core() {
        use homeward_core::voice::VoiceError;
        for e in [
            VoiceError::WhoElseMissing,
            VoiceError::OthersWhileAlone,
            VoiceError::Empty,
            VoiceError::BadAttachment,
            VoiceError::InFuture,
            VoiceError::TooLong,
            VoiceError::MediaNotAttached,
        ] {
            assert_eq!(text(Lang::En, child::voice_error(&e)), e.to_string());
        }
    }
}
