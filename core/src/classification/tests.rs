use super::*;
use proptest::prelude::*;
use rstest::rstest;

pub(crate) fn column(level: RiskLevel) -> Answers {
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

#[rstest]
#[case::low(RiskLevel::Low)]
#[case::medium(RiskLevel::Medium)]
#[case::high(RiskLevel::High)]
#[case::severe(RiskLevel::Severe)]
fn answers_taken_from_one_column_of_the_table_suggest_that_column(#[case] level: RiskLevel) {
    assert_eq!(suggested_level(&column(level)), level);
}

#[rstest]
#[case::fully_addressed_is_low(RiskFactorsAnswer::FullyAddressed, RiskLevel::Low)]
#[case::not_all_addressed_is_medium(RiskFactorsAnswer::NotAllFullyAddressed, RiskLevel::Medium)]
#[case::not_being_addressed_is_high(RiskFactorsAnswer::NotBeingAddressed, RiskLevel::High)]
fn the_risk_factors_row_points_to_the_lowest_column_containing_the_answer(
    #[case] a: RiskFactorsAnswer,
    #[case] level: RiskLevel,
) {
    assert_eq!(a.points_to(), level);
}

#[rstest]
#[case::apparent_is_low(ProtectiveFactorsAnswer::Apparent, RiskLevel::Low)]
#[case::not_apparent_is_severe(ProtectiveFactorsAnswer::NotApparent, RiskLevel::Severe)]
fn the_protective_factors_row_points_to_severe_only_when_none_are_apparent(
    #[case] a: ProtectiveFactorsAnswer,
    #[case] level: RiskLevel,
) {
    assert_eq!(a.points_to(), level);
}

#[rstest]
#[case::able_is_low(CapacityAnswer::Able, RiskLevel::Low)]
#[case::unable_is_high(CapacityAnswer::Unable, RiskLevel::High)]
fn the_capacity_row_points_to_high_when_parents_are_unable_to_change(
    #[case] a: CapacityAnswer,
    #[case] level: RiskLevel,
) {
    assert_eq!(a.points_to(), level);
}

#[rstest]
#[case::both_want_is_low(WishAnswer::BothWant, RiskLevel::Low)]
#[case::ambivalence_is_high(WishAnswer::Ambivalence, RiskLevel::High)]
fn the_wish_row_points_to_high_when_parent_or_child_is_ambivalent(
    #[case] a: WishAnswer,
    #[case] level: RiskLevel,
) {
    assert_eq!(a.points_to(), level);
}

#[rstest]
#[case::unlikely_is_low(RecurrenceAnswer::Unlikely, RiskLevel::Low)]
#[case::some_possibility_is_medium(RecurrenceAnswer::SomePossibility, RiskLevel::Medium)]
#[case::strong_is_high(RecurrenceAnswer::Strong, RiskLevel::High)]
#[case::very_strong_is_severe(RecurrenceAnswer::VeryStrong, RiskLevel::Severe)]
fn the_recurrence_row_points_to_its_own_column(
    #[case] a: RecurrenceAnswer,
    #[case] level: RiskLevel,
) {
    assert_eq!(a.points_to(), level);
}

#[test]
fn one_severe_answer_makes_the_suggestion_severe_however_good_the_rest() {
    let a = Answers {
        protective_factors: ProtectiveFactorsAnswer::NotApparent,
        ..column(RiskLevel::Low)
    };
    assert_eq!(suggested_level(&a), RiskLevel::Severe);
}

#[test]
fn ambivalence_alone_makes_an_otherwise_low_case_high() {
    let a = Answers {
        wish: WishAnswer::Ambivalence,
        ..column(RiskLevel::Low)
    };
    assert_eq!(suggested_level(&a), RiskLevel::High);
}

#[rstest]
#[case::low(RiskLevel::Low, "monitoring")]
#[case::medium(RiskLevel::Medium, "services to reduce risks")]
#[case::high(RiskLevel::High, "concurrent planning")]
#[case::severe(RiskLevel::Severe, "permanent separation")]
fn each_level_recommends_the_tables_action(#[case] level: RiskLevel, #[case] words: &str) {
    assert!(level.action_en().contains(words));
    assert_eq!(level.action_key(), format!("action.{}", level.key()));
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

#[test]
fn confirming_the_suggestion_needs_no_rationale() {
    let c = Classification::new(
        Uuid::nil(),
        ClassificationKind::Initial,
        column(RiskLevel::High),
        RiskLevel::High,
        "",
        "sw1",
        day(1, 1),
    )
    .unwrap();
    assert!(!c.is_override());
    assert_eq!(c.suggested, RiskLevel::High);
}

#[rstest]
#[case::lower(RiskLevel::Medium)]
#[case::higher(RiskLevel::Severe)]
fn overriding_the_suggestion_needs_a_written_rationale(#[case] chosen: RiskLevel) {
    let a = column(RiskLevel::High);
    let make = |why: &str| {
        Classification::new(
            Uuid::nil(),
            ClassificationKind::Initial,
            a,
            chosen,
            why,
            "sw1",
            day(1, 1),
        )
    };
    assert_eq!(
        make("  "),
        Err(ClassificationError::RationaleRequired {
            suggested: RiskLevel::High,
            chosen
        })
    );
    assert!(make("Mother has since left the refuge")
        .unwrap()
        .is_override());
}

#[test]
fn a_classification_must_say_who_made_it() {
    let r = Classification::new(
        Uuid::nil(),
        ClassificationKind::Initial,
        column(RiskLevel::Low),
        RiskLevel::Low,
        "",
        " ",
        day(1, 1),
    );
    assert_eq!(r, Err(ClassificationError::NoAuthor));
}

#[test]
fn the_history_keeps_every_classification_and_knows_when_the_level_began() {
    let mk = |level, m| {
        Classification::new(
            Uuid::nil(),
            ClassificationKind::Review,
            column(level),
            level,
            "",
            "sw1",
            day(m, 1),
        )
        .unwrap()
    };
    let h = ClassificationHistory {
        entries: vec![
            mk(RiskLevel::Medium, 5),
            mk(RiskLevel::High, 1),
            mk(RiskLevel::Medium, 3),
        ],
    };
    assert_eq!(h.entries.len(), 3);
    assert_eq!(h.current_level(), Some(RiskLevel::Medium));
    assert_eq!(h.level_since(), Some(day(3, 1)));
}

pub(crate) fn any_level() -> impl Strategy<Value = RiskLevel> {
    prop::sample::select(RiskLevel::ALL.to_vec())
}

pub(crate) fn any_answers() -> impl Strategy<Value = Answers> {
    use RecurrenceAnswer as R;
    use RiskFactorsAnswer as F;
    (
        prop::sample::select(vec![
            F::FullyAddressed,
            F::NotAllFullyAddressed,
            F::NotBeingAddressed,
        ]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![
            R::Unlikely,
            R::SomePossibility,
            R::Strong,
            R::VeryStrong,
        ]),
    )
        .prop_map(|(risk_factors, p, c, w, recurrence)| Answers {
            risk_factors,
            protective_factors: if p {
                ProtectiveFactorsAnswer::Apparent
            } else {
                ProtectiveFactorsAnswer::NotApparent
            },
            capacity: if c {
                CapacityAnswer::Able
            } else {
                CapacityAnswer::Unable
            },
            wish: if w {
                WishAnswer::BothWant
            } else {
                WishAnswer::Ambivalence
            },
            recurrence,
        })
}

proptest! {
    #[test]
    fn the_suggestion_is_never_below_what_any_answer_points_to(a in any_answers()) {
        let s = suggested_level(&a);
        for p in a.pointers() {
            prop_assert!(s >= p);
        }
        prop_assert!(a.pointers().contains(&s));
    }

    #[test]
    fn no_protective_factors_always_suggests_severe(a in any_answers()) {
        let a = Answers { protective_factors: ProtectiveFactorsAnswer::NotApparent, ..a };
        prop_assert_eq!(suggested_level(&a), RiskLevel::Severe);
    }

    #[test]
    fn classifications_round_trip_through_json(a in any_answers(), chosen in any_level(), why in ".{0,40}") {
        let c = Classification {
            id: Uuid::from_u128(7), kind: ClassificationKind::Review, answers: a,
            suggested: suggested_level(&a), chosen, rationale: why, by: "sw1".into(),
            on: day(2, 3), sign_off: None,
        };
        let h = ClassificationHistory { entries: vec![c] };
        let json = serde_json::to_string(&h).unwrap();
        prop_assert_eq!(serde_json::from_str::<ClassificationHistory>(&json).unwrap(), h);
    }

    #[test]
    fn validating_any_classification_text_never_panics(why in any::<String>(), by in any::<String>(), a in any_answers(), chosen in any_level()) {
        let _ = Classification::new(Uuid::nil(), ClassificationKind::Initial, a, chosen, &why, &by, day(1, 1));
    }
}
