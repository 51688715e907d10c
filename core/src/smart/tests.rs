use super::*;
use proptest::prelude::*;
use rstest::rstest;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

pub(crate) fn good_goal() -> SmartGoal {
    SmartGoal {
        id: Uuid::from_u128(1),
        what: "Keep the house clean and safe, with food in the fridge".into(),
        who: "Bethan".into(),
        steps: vec!["Weekly shop with the family support worker".into()],
        support: "Family support worker visits twice a week".into(),
        measure: "Unannounced visits find the kitchen clean and food available".into(),
        target_date: Some(d(6, 30)),
        agreed: Some(GoalAgreement {
            by: vec!["Bethan".into()],
            on: d(3, 1),
        }),
    }
}

fn today() -> NaiveDate {
    d(3, 2)
}

fn fails(goal: &SmartGoal, letter: Letter) -> Option<SmartProblem> {
    smart_check(goal, today())
        .failures()
        .into_iter()
        .find(|(l, _)| *l == letter)
        .map(|(_, p)| p)
}

#[test]
fn a_complete_goal_meets_every_letter() {
    assert!(smart_check(&good_goal(), today()).passes());
}

#[rstest]
#[case::empty_what("", "Bethan", SmartProblem::NoWhat)]
#[case::empty_who("Attend every weekly session at the clinic", " ", SmartProblem::NoWho)]
#[case::vague_words_only("Be a better parent", "Bethan", SmartProblem::Vague)]
#[case::too_short("Stop drinking", "Bethan", SmartProblem::Vague)]
fn specific_fails_when(#[case] what: &str, #[case] who: &str, #[case] problem: SmartProblem) {
    let g = SmartGoal {
        what: what.into(),
        who: who.into(),
        ..good_goal()
    };
    assert_eq!(fails(&g, Letter::Specific), Some(problem));
}

#[test]
fn measurable_fails_with_no_measure_of_success() {
    let g = SmartGoal {
        measure: "  ".into(),
        ..good_goal()
    };
    assert_eq!(fails(&g, Letter::Measurable), Some(SmartProblem::NoMeasure));
}

#[test]
fn agreed_fails_with_no_recorded_agreement() {
    let g = SmartGoal {
        agreed: None,
        ..good_goal()
    };
    assert_eq!(fails(&g, Letter::Agreed), Some(SmartProblem::NotAgreed));
    let nobody = SmartGoal {
        agreed: Some(GoalAgreement {
            by: vec![" ".into()],
            on: d(3, 1),
        }),
        ..good_goal()
    };
    assert_eq!(
        fails(&nobody, Letter::Agreed),
        Some(SmartProblem::NotAgreed)
    );
}

#[test]
fn agreed_fails_when_the_agreement_is_dated_after_today() {
    let g = SmartGoal {
        agreed: Some(GoalAgreement {
            by: vec!["Bethan".into()],
            on: d(3, 3),
        }),
        ..good_goal()
    };
    assert_eq!(
        fails(&g, Letter::Agreed),
        Some(SmartProblem::AgreedInFuture)
    );
}

#[rstest]
#[case::no_steps(SmartGoal { steps: vec![" ".into()], ..good_goal() }, SmartProblem::NoSteps)]
#[case::no_support(SmartGoal { support: String::new(), ..good_goal() }, SmartProblem::NoSupport)]
#[case::a_target_under_two_weeks_after_agreement(SmartGoal { target_date: Some(d(3, 14)), ..good_goal() }, SmartProblem::TooSoon)]
fn realistic_fails_with(#[case] g: SmartGoal, #[case] problem: SmartProblem) {
    assert_eq!(fails(&g, Letter::Realistic), Some(problem));
}

#[test]
fn a_target_exactly_two_weeks_after_agreement_is_realistic() {
    let g = SmartGoal {
        target_date: Some(d(3, 15)),
        ..good_goal()
    };
    assert_eq!(fails(&g, Letter::Realistic), None);
}

#[rstest]
#[case::no_target_date(None, Some(SmartProblem::NoTargetDate))]
#[case::a_target_date_that_has_passed(Some(d(3, 1)), Some(SmartProblem::TargetPassed))]
#[case::a_target_due_today(Some(d(3, 2)), None)]
#[case::a_target_more_than_a_year_away(Some(d(12, 31) + chrono::Days::new(70)), Some(SmartProblem::TooFar))]
fn timely(#[case] target: Option<NaiveDate>, #[case] problem: Option<SmartProblem>) {
    let g = SmartGoal {
        target_date: target,
        agreed: Some(GoalAgreement {
            by: vec!["Bethan".into()],
            on: d(1, 1),
        }),
        ..good_goal()
    };
    assert_eq!(fails(&g, Letter::Timely), problem);
}

#[test]
fn every_problem_has_a_plain_message() {
    let g = SmartGoal::default();
    let failures = smart_check(&g, today()).failures();
    assert_eq!(failures.len(), 5);
    for (_, p) in failures {
        assert!(p.to_string().ends_with('.'));
    }
}

proptest! {
    #[test]
    fn the_smart_check_never_panics_on_any_text(what in any::<String>(), who in any::<String>(), measure in any::<String>(), step in any::<String>(), days in -4000i64..4000) {
        let g = SmartGoal { what, who, measure, steps: vec![step], target_date: today().checked_add_signed(chrono::Duration::days(days)), ..good_goal() };
        let _ = smart_check(&g, today());
    }

    #[test]
    fn goals_and_checks_round_trip_through_json(what in ".{0,30}", days in -400i64..400) {
        let g = SmartGoal { what, target_date: today().checked_add_signed(chrono::Duration::days(days)), ..good_goal() };
        let c = smart_check(&g, today());
        let json = serde_json::to_string(&(g.clone(), c.clone())).unwrap();
        prop_assert_eq!(serde_json::from_str::<(SmartGoal, SmartCheck)>(&json).unwrap(), (g, c));
    }
}
