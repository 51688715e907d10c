use super::*;
use crate::classification::tests::{any_answers, any_level, column};
use crate::classification::{Classification, ClassificationKind, WishAnswer};
use proptest::prelude::*;
use rstest::rstest;
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn classified(level: RiskLevel, answers: Answers, on: NaiveDate) -> Classification {
    Classification::new(
        Uuid::nil(),
        ClassificationKind::Review,
        answers,
        level,
        "judgement",
        "sw1",
        on,
    )
    .unwrap()
}

fn history(entries: Vec<Classification>) -> ClassificationHistory {
    ClassificationHistory { entries }
}

fn now(answers: Answers) -> CurrentState {
    CurrentState {
        answers,
        new_or_reemerging_risk: false,
    }
}

fn prompts(h: &ClassificationHistory, answers: Answers, today: NaiveDate) -> Vec<Prompt> {
    movement_prompts(h, &now(answers), today, &MovementConfig::default())
}

fn medium_addressed() -> Answers {
    Answers {
        risk_factors: RiskFactorsAnswer::FullyAddressed,
        ..column(RiskLevel::Medium)
    }
}

#[test]
fn a_medium_case_sustained_six_months_may_step_down_to_low() {
    let h = history(vec![classified(
        RiskLevel::Medium,
        medium_addressed(),
        d(2026, 1, 15),
    )]);
    assert_eq!(
        prompts(&h, medium_addressed(), d(2026, 7, 15)),
        vec![Prompt::StepDown {
            from: RiskLevel::Medium,
            to: RiskLevel::Low,
            eligible_from: d(2026, 7, 15)
        }]
    );
}

#[test]
fn a_medium_case_one_day_short_of_six_months_is_only_told_when_it_may_step_down() {
    let h = history(vec![classified(
        RiskLevel::Medium,
        medium_addressed(),
        d(2026, 1, 15),
    )]);
    assert_eq!(
        prompts(&h, medium_addressed(), d(2026, 7, 14)),
        vec![Prompt::StepDownDue {
            from: RiskLevel::Medium,
            to: RiskLevel::Low,
            eligible_from: d(2026, 7, 15)
        }]
    );
}

#[test]
fn the_sustain_period_counts_from_when_all_risk_factors_were_addressed_not_from_entering_medium() {
    // Demo case 1: medium since 7 months ago, all risk factors addressed since 5 months ago.
    let h = history(vec![
        classified(RiskLevel::Medium, column(RiskLevel::Medium), d(2026, 1, 1)),
        classified(RiskLevel::Medium, medium_addressed(), d(2026, 3, 1)),
    ]);
    assert_eq!(
        prompts(&h, medium_addressed(), d(2026, 8, 1)),
        vec![Prompt::StepDownDue {
            from: RiskLevel::Medium,
            to: RiskLevel::Low,
            eligible_from: d(2026, 9, 1)
        }]
    );
}

#[test]
fn a_medium_case_making_use_of_interventions_stays_medium_with_no_prompt() {
    let h = history(vec![classified(
        RiskLevel::Medium,
        column(RiskLevel::Medium),
        d(2025, 1, 1),
    )]);
    assert_eq!(
        prompts(&h, column(RiskLevel::Medium), d(2026, 6, 1)),
        vec![]
    );
}

#[test]
fn a_low_case_sustained_six_months_may_close() {
    let h = history(vec![classified(
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2026, 2, 28),
    )]);
    assert_eq!(
        prompts(&h, column(RiskLevel::Low), d(2026, 8, 28)),
        vec![Prompt::Close {
            eligible_from: d(2026, 8, 28)
        }]
    );
    assert_eq!(
        prompts(&h, column(RiskLevel::Low), d(2026, 8, 27)),
        vec![Prompt::CloseDue {
            eligible_from: d(2026, 8, 28)
        }]
    );
}

#[test]
fn going_from_medium_to_closure_takes_at_least_two_periods() {
    // Risk factors were addressed before the case stepped down to low: that time does not count
    // toward closure, the low level must itself be sustained.
    let h = history(vec![
        classified(RiskLevel::Medium, column(RiskLevel::Low), d(2026, 1, 1)),
        classified(RiskLevel::Low, column(RiskLevel::Low), d(2026, 7, 1)),
    ]);
    assert_eq!(
        prompts(&h, column(RiskLevel::Low), d(2026, 12, 31)),
        vec![Prompt::CloseDue {
            eligible_from: d(2027, 1, 1)
        }]
    );
    assert_eq!(
        prompts(&h, column(RiskLevel::Low), d(2027, 1, 1)),
        vec![Prompt::Close {
            eligible_from: d(2027, 1, 1)
        }]
    );
}

fn high_improving() -> Answers {
    Answers {
        risk_factors: RiskFactorsAnswer::NotAllFullyAddressed,
        capacity: CapacityAnswer::Able,
        ..column(RiskLevel::High)
    }
}

#[test]
fn a_high_case_with_capacity_addressing_risk_and_protective_factors_for_six_months_may_step_down_to_medium(
) {
    let h = history(vec![
        classified(RiskLevel::High, column(RiskLevel::High), d(2025, 10, 1)),
        classified(RiskLevel::High, high_improving(), d(2026, 1, 1)),
    ]);
    assert_eq!(
        prompts(&h, high_improving(), d(2026, 7, 1)),
        vec![Prompt::StepDown {
            from: RiskLevel::High,
            to: RiskLevel::Medium,
            eligible_from: d(2026, 7, 1)
        }]
    );
}

#[test]
fn a_high_case_addressing_risk_without_capacity_for_change_is_not_offered_a_step_down() {
    let a = Answers {
        capacity: CapacityAnswer::Unable,
        ..high_improving()
    };
    let h = history(vec![classified(RiskLevel::High, a, d(2025, 1, 1))]);
    assert_eq!(prompts(&h, a, d(2026, 7, 1)), vec![]);
}

#[rstest]
#[case::protective_factors_become_apparent(
    ProtectiveFactorsAnswer::Apparent,
    RiskFactorsAnswer::NotBeingAddressed
)]
#[case::parents_begin_to_address_risk(
    ProtectiveFactorsAnswer::NotApparent,
    RiskFactorsAnswer::NotAllFullyAddressed
)]
fn a_severe_case_may_step_down_to_high_after_six_months_when(
    #[case] protective_factors: ProtectiveFactorsAnswer,
    #[case] risk_factors: RiskFactorsAnswer,
) {
    let a = Answers {
        protective_factors,
        risk_factors,
        ..column(RiskLevel::Severe)
    };
    let h = history(vec![classified(RiskLevel::Severe, a, d(2026, 1, 1))]);
    assert_eq!(
        prompts(&h, a, d(2026, 7, 1)),
        vec![Prompt::StepDown {
            from: RiskLevel::Severe,
            to: RiskLevel::High,
            eligible_from: d(2026, 7, 1)
        }]
    );
}

#[test]
fn a_severe_case_with_no_protective_factors_and_no_change_gets_no_step_down() {
    let h = history(vec![classified(
        RiskLevel::Severe,
        column(RiskLevel::Severe),
        d(2020, 1, 1),
    )]);
    assert_eq!(
        prompts(&h, column(RiskLevel::Severe), d(2026, 7, 1)),
        vec![]
    );
}

#[test]
fn a_high_case_six_months_without_addressing_risk_factors_should_move_to_severe() {
    let h = history(vec![classified(
        RiskLevel::High,
        column(RiskLevel::High),
        d(2026, 1, 1),
    )]);
    assert_eq!(
        prompts(&h, column(RiskLevel::High), d(2026, 7, 1)),
        vec![Prompt::MoveToSevere {
            reason: SevereReason::RiskNotAddressedForPeriod
        }]
    );
    assert_eq!(
        prompts(&h, column(RiskLevel::High), d(2026, 6, 30)),
        vec![Prompt::SevereDue { due: d(2026, 7, 1) }]
    );
}

#[test]
fn a_high_case_that_began_addressing_risk_restarts_the_clock_toward_severe_if_it_stops() {
    let h = history(vec![
        classified(RiskLevel::High, column(RiskLevel::High), d(2026, 1, 1)),
        classified(RiskLevel::High, high_improving(), d(2026, 3, 1)),
        classified(RiskLevel::High, column(RiskLevel::High), d(2026, 4, 1)),
    ]);
    assert_eq!(
        prompts(&h, column(RiskLevel::High), d(2026, 8, 1)),
        vec![Prompt::SevereDue {
            due: d(2026, 10, 1)
        }]
    );
}

#[test]
fn a_high_case_whose_protective_factors_are_no_longer_apparent_should_move_to_severe_now() {
    let a = Answers {
        risk_factors: RiskFactorsAnswer::NotAllFullyAddressed,
        protective_factors: ProtectiveFactorsAnswer::NotApparent,
        ..column(RiskLevel::High)
    };
    let h = history(vec![classified(
        RiskLevel::High,
        column(RiskLevel::High),
        d(2026, 6, 1),
    )]);
    assert_eq!(
        prompts(&h, a, d(2026, 6, 2)),
        vec![Prompt::MoveToSevere {
            reason: SevereReason::ProtectiveFactorsGone
        }]
    );
}

fn with_new_risk(
    capacity: CapacityAnswer,
    protective_factors: ProtectiveFactorsAnswer,
) -> CurrentState {
    CurrentState {
        answers: Answers {
            capacity,
            protective_factors,
            ..column(RiskLevel::Low)
        },
        new_or_reemerging_risk: true,
    }
}

#[rstest]
#[case::low_with_capacity_and_protective_factors_moves_to_medium(
    RiskLevel::Low,
    CapacityAnswer::Able,
    ProtectiveFactorsAnswer::Apparent,
    Some(RiskLevel::Medium)
)]
#[case::low_without_capacity_but_protective_factors_moves_to_high(
    RiskLevel::Low,
    CapacityAnswer::Unable,
    ProtectiveFactorsAnswer::Apparent,
    Some(RiskLevel::High)
)]
#[case::low_with_neither_moves_to_severe(
    RiskLevel::Low,
    CapacityAnswer::Unable,
    ProtectiveFactorsAnswer::NotApparent,
    Some(RiskLevel::Severe)
)]
#[case::medium_with_capacity_and_protective_factors_stays_medium(
    RiskLevel::Medium,
    CapacityAnswer::Able,
    ProtectiveFactorsAnswer::Apparent,
    None
)]
#[case::medium_without_capacity_but_protective_factors_moves_to_high(
    RiskLevel::Medium,
    CapacityAnswer::Unable,
    ProtectiveFactorsAnswer::Apparent,
    Some(RiskLevel::High)
)]
#[case::medium_with_neither_moves_to_severe(
    RiskLevel::Medium,
    CapacityAnswer::Unable,
    ProtectiveFactorsAnswer::NotApparent,
    Some(RiskLevel::Severe)
)]
#[case::high_without_capacity_but_protective_factors_stays_high(
    RiskLevel::High,
    CapacityAnswer::Unable,
    ProtectiveFactorsAnswer::Apparent,
    None
)]
fn new_or_reemerging_risk_requires_a_move(
    #[case] level: RiskLevel,
    #[case] capacity: CapacityAnswer,
    #[case] protective: ProtectiveFactorsAnswer,
    #[case] to: Option<RiskLevel>,
) {
    let h = history(vec![classified(
        level,
        column(RiskLevel::Low),
        d(2025, 1, 1),
    )]);
    let p = movement_prompts(
        &h,
        &with_new_risk(capacity, protective),
        d(2026, 1, 1),
        &MovementConfig::default(),
    );
    let expected = match to {
        Some(to) => Prompt::NewRisk { from: level, to },
        None => Prompt::NewRiskStay { level },
    };
    assert!(p.contains(&expected), "{p:?}");
    assert!(!p
        .iter()
        .any(|p| matches!(p, Prompt::StepDown { .. } | Prompt::Close { .. })));
}

#[test]
fn new_risk_blocks_any_step_down_even_after_a_long_stable_period() {
    let h = history(vec![classified(
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2020, 1, 1),
    )]);
    let p = movement_prompts(
        &h,
        &with_new_risk(CapacityAnswer::Able, ProtectiveFactorsAnswer::Apparent),
        d(2026, 1, 1),
        &MovementConfig::default(),
    );
    assert_eq!(
        p,
        vec![Prompt::NewRisk {
            from: RiskLevel::Low,
            to: RiskLevel::Medium
        }]
    );
}

#[test]
fn the_sustain_period_is_configurable_per_organisation() {
    let h = history(vec![classified(
        RiskLevel::Medium,
        medium_addressed(),
        d(2026, 1, 31),
    )]);
    let three = MovementConfig { sustain_months: 3 };
    assert_eq!(
        movement_prompts(&h, &now(medium_addressed()), d(2026, 4, 30), &three),
        vec![Prompt::StepDown {
            from: RiskLevel::Medium,
            to: RiskLevel::Low,
            eligible_from: d(2026, 4, 30)
        }]
    );
}

#[test]
fn the_default_sustain_period_is_six_calendar_months() {
    assert_eq!(MovementConfig::default().sustain_months, 6);
    assert_eq!(
        MovementConfig::default().period_after(d(2025, 8, 31)),
        Some(d(2026, 2, 28))
    );
}

#[test]
fn answers_pointing_above_the_current_level_block_a_step_down_and_say_so() {
    let a = Answers {
        wish: WishAnswer::Ambivalence,
        ..column(RiskLevel::Low)
    };
    let h = history(vec![classified(
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2020, 1, 1),
    )]);
    assert_eq!(
        prompts(&h, a, d(2026, 1, 1)),
        vec![Prompt::AnswersPointHigher {
            current: RiskLevel::Low,
            suggested: RiskLevel::High
        }]
    );
}

#[test]
fn an_unclassified_case_is_prompted_to_classify() {
    assert_eq!(
        prompts(&history(vec![]), column(RiskLevel::Low), d(2026, 1, 1)),
        vec![Prompt::NotClassified]
    );
}

#[test]
fn a_reclassification_awaiting_sign_off_does_not_start_the_clock() {
    let mut pending = classified(RiskLevel::Low, column(RiskLevel::Low), d(2026, 1, 1));
    pending.kind = ClassificationKind::Stage4Reclassification;
    let h = history(vec![
        classified(RiskLevel::Medium, column(RiskLevel::Medium), d(2025, 12, 1)),
        pending,
    ]);
    assert_eq!(h.current_level(), Some(RiskLevel::Medium));
    assert_eq!(
        prompts(&h, column(RiskLevel::Medium), d(2026, 8, 1)),
        vec![]
    );
}

fn any_history() -> impl Strategy<Value = (ClassificationHistory, CurrentState, NaiveDate, u32)> {
    (
        prop::collection::vec((any_level(), any_answers(), 0u64..400), 0..6),
        any_answers(),
        any::<bool>(),
        0u64..900,
        0u32..13,
    )
        .prop_map(|(raw, answers, new_risk, today_offset, months)| {
            let start = d(2024, 1, 1);
            let mut offset = 0;
            let entries = raw
                .into_iter()
                .map(|(level, a, gap)| {
                    offset += gap;
                    let on = start + chrono::Days::new(offset);
                    Classification {
                        id: Uuid::nil(),
                        kind: ClassificationKind::Review,
                        answers: a,
                        suggested: crate::classification::suggested_level(&a),
                        chosen: level,
                        rationale: "r".into(),
                        by: "sw1".into(),
                        on,
                        sign_off: None,
                    }
                })
                .collect();
            let today = start + chrono::Days::new(offset + today_offset);
            let current = CurrentState {
                answers,
                new_or_reemerging_risk: new_risk,
            };
            (ClassificationHistory { entries }, current, today, months)
        })
}

proptest! {
    #[test]
    fn no_prompt_ever_suggests_skipping_a_level_down((h, cur, today, months) in any_history()) {
        let config = MovementConfig { sustain_months: months };
        for p in movement_prompts(&h, &cur, today, &config) {
            match p {
                Prompt::StepDown { from, to, .. } | Prompt::StepDownDue { from, to, .. } => {
                    prop_assert_eq!(Some(from), h.current_level());
                    prop_assert_eq!(from.step_down(), Some(to));
                }
                Prompt::NewRisk { from, to } => prop_assert!(to > from),
                Prompt::AnswersPointHigher { current, suggested } => prop_assert!(suggested > current),
                Prompt::Close { .. } | Prompt::CloseDue { .. } => {
                    prop_assert_eq!(h.current_level(), Some(RiskLevel::Low));
                }
                Prompt::MoveToSevere { .. } | Prompt::SevereDue { .. } => {
                    prop_assert_eq!(h.current_level(), Some(RiskLevel::High));
                }
                Prompt::NotClassified | Prompt::NewRiskStay { .. } => {}
            }
        }
    }

    #[test]
    fn a_step_down_is_never_offered_before_the_sustain_period_has_passed((h, cur, today, months) in any_history()) {
        let config = MovementConfig { sustain_months: months };
        for p in movement_prompts(&h, &cur, today, &config) {
            match p {
                Prompt::StepDown { eligible_from, .. } | Prompt::Close { eligible_from } => {
                    let since = h.level_since().unwrap();
                    prop_assert!(eligible_from <= today);
                    prop_assert!(config.period_after(since).unwrap() <= eligible_from);
                    prop_assert!(config.period_after(since).unwrap() <= today);
                }
                Prompt::StepDownDue { eligible_from, .. } | Prompt::CloseDue { eligible_from } => {
                    prop_assert!(eligible_from > today);
                }
                _ => {}
            }
        }
    }

    #[test]
    fn prompts_and_state_round_trip_through_json((h, cur, today, months) in any_history()) {
        let config = MovementConfig { sustain_months: months };
        let ps = movement_prompts(&h, &cur, today, &config);
        let json = serde_json::to_string(&(ps.clone(), cur, config)).unwrap();
        let back: (Vec<Prompt>, CurrentState, MovementConfig) = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, (ps, cur, config));
    }
}

fn recorded(
    kind: ClassificationKind,
    level: RiskLevel,
    answers: Answers,
    on: NaiveDate,
) -> Classification {
    Classification::new(Uuid::nil(), kind, answers, level, "judgement", "sw1", on).unwrap()
}

fn check(h: &ClassificationHistory, next: &Classification) -> Result<(), MoveRefused> {
    check_move(h, next, &MovementConfig::default())
}

#[rstest]
#[case(RiskLevel::Severe, RiskLevel::Medium, RiskLevel::High)]
#[case(RiskLevel::Severe, RiskLevel::Low, RiskLevel::High)]
#[case(RiskLevel::High, RiskLevel::Low, RiskLevel::Medium)]
fn a_case_moves_down_one_step_at_a_time_even_after_years(
    #[case] from: RiskLevel,
    #[case] to: RiskLevel,
    #[case] next: RiskLevel,
) {
    let h = history(vec![classified(from, column(from), d(2020, 1, 1))]);
    for kind in [
        ClassificationKind::Review,
        ClassificationKind::Stage4Reclassification,
    ] {
        let c = recorded(kind, to, column(to), d(2026, 1, 1));
        assert_eq!(
            check(&h, &c),
            Err(MoveRefused::OneStepAtATime { from, to, next }),
            "{kind:?}"
        );
    }
}

#[test]
fn a_medium_case_steps_down_to_low_once_all_risk_factors_have_been_addressed_for_six_months() {
    let h = history(vec![classified(
        RiskLevel::Medium,
        medium_addressed(),
        d(2026, 1, 15),
    )]);
    let early = recorded(
        ClassificationKind::Review,
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2026, 7, 14),
    );
    assert_eq!(
        check(&h, &early),
        Err(MoveRefused::NotYetSustained {
            from: RiskLevel::Medium,
            to: RiskLevel::Low,
            eligible_from: Some(d(2026, 7, 15)),
        })
    );
    let due = recorded(
        ClassificationKind::Review,
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2026, 7, 15),
    );
    assert_eq!(check(&h, &due), Ok(()));
}

#[test]
fn a_step_down_the_same_day_as_the_improvement_is_first_recorded_is_refused() {
    // Medium with risk factors not all addressed; the worker now answers all as low.
    let h = history(vec![classified(
        RiskLevel::Medium,
        column(RiskLevel::Medium),
        d(2026, 1, 15),
    )]);
    let c = recorded(
        ClassificationKind::Review,
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2026, 9, 1),
    );
    assert_eq!(
        check(&h, &c),
        Err(MoveRefused::NotYetSustained {
            from: RiskLevel::Medium,
            to: RiskLevel::Low,
            eligible_from: Some(d(2027, 3, 1)),
        })
    );
}

#[test]
fn a_step_down_whose_answers_do_not_show_the_improvement_is_refused_with_no_date() {
    let h = history(vec![classified(
        RiskLevel::High,
        column(RiskLevel::High),
        d(2025, 1, 1),
    )]);
    // Still unable to change: high's improvement does not hold, however long it has been.
    let c = recorded(
        ClassificationKind::Review,
        RiskLevel::Medium,
        column(RiskLevel::High),
        d(2026, 6, 1),
    );
    assert_eq!(
        check(&h, &c),
        Err(MoveRefused::NotYetSustained {
            from: RiskLevel::High,
            to: RiskLevel::Medium,
            eligible_from: None,
        })
    );
}

#[test]
fn moving_up_or_staying_is_never_held_back_by_the_clock() {
    let h = history(vec![classified(
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2026, 1, 1),
    )]);
    for level in [
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::Severe,
    ] {
        let c = recorded(
            ClassificationKind::Review,
            level,
            column(level),
            d(2026, 1, 1),
        );
        assert_eq!(check(&h, &c), Ok(()), "{level:?}");
    }
}

#[test]
fn the_first_classification_may_be_any_level() {
    for level in RiskLevel::ALL {
        let c = recorded(
            ClassificationKind::Initial,
            level,
            column(level),
            d(2026, 1, 1),
        );
        assert_eq!(check(&history(vec![]), &c), Ok(()));
    }
}

#[test]
fn a_stage_4_step_down_is_the_managers_sign_off_not_the_clocks() {
    let h = history(vec![classified(
        RiskLevel::Medium,
        column(RiskLevel::Medium),
        d(2026, 1, 15),
    )]);
    let c = recorded(
        ClassificationKind::Stage4Reclassification,
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2026, 1, 15),
    );
    assert_eq!(check(&h, &c), Ok(()));
    assert!(c.needs_sign_off());
}

#[test]
fn a_reclassification_awaiting_sign_off_is_not_the_level_a_step_down_starts_from() {
    let mut pending = recorded(
        ClassificationKind::Stage4Reclassification,
        RiskLevel::Medium,
        column(RiskLevel::Medium),
        d(2026, 2, 1),
    );
    pending.sign_off = None;
    let h = history(vec![
        classified(RiskLevel::High, column(RiskLevel::High), d(2026, 1, 1)),
        pending,
    ]);
    // In effect: high. Low is two steps down from it.
    let c = recorded(
        ClassificationKind::Review,
        RiskLevel::Low,
        column(RiskLevel::Low),
        d(2026, 2, 2),
    );
    assert!(matches!(
        check(&h, &c),
        Err(MoveRefused::OneStepAtATime {
            from: RiskLevel::High,
            ..
        })
    ));
}

proptest! {
    #[test]
    fn a_recorded_step_down_is_always_a_single_step_the_rules_offered(
        (h, _, today, _) in any_history(),
        answers in any_answers(),
        level in any_level(),
    ) {
        let c = recorded(ClassificationKind::Review, level, answers, today);
        if let (Ok(()), Some(from)) = (check(&h, &c), h.current_level()) {
            if level < from {
                prop_assert_eq!(from.step_down(), Some(level));
                let offered = prompts(&h, answers, today);
                let is_offered = offered.iter().any(|p| matches!(p, Prompt::StepDown { to, .. } if *to == level));
                prop_assert!(is_offered);
            }
        }
    }
}
