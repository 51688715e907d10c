use super::*;
use proptest::prelude::*;
use rstest::rstest;

fn entry(date: &str, area: Area, event: Option<Event>) -> ChronologyEntry {
    ChronologyEntry {
        id: Uuid::nil(),
        date: PartialDate::parse(date).unwrap(),
        source: Source::CaseFile,
        source_detail: String::new(),
        area,
        what: "Something happened".into(),
        analysis: String::new(),
        factor_ids: vec![],
        children: vec![],
        event,
        engagement: None,
        recorded_by: "sw1".into(),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

#[test]
fn entries_are_ordered_with_approximate_dates_before_the_precise_dates_inside_them() {
    let v = vec![
        entry("2020-05-03", Area::ParentsHistory, None),
        entry("2020", Area::ParentsHistory, None),
        entry("2019-12-31", Area::ParentsHistory, None),
        entry("2020-05", Area::ParentsHistory, None),
    ];
    let dates: Vec<String> = in_order(&v).iter().map(|e| e.date.to_string()).collect();
    assert_eq!(dates, ["2019-12-31", "2020", "2020-05", "2020-05-03"]);
}

#[test]
fn the_chronology_counts_failed_returns_and_services_started_against_completed() {
    let mut dropped = entry("2021-02", Area::ServicesTried, Some(Event::ServiceDropped));
    dropped.engagement = Some(Engagement::Poor);
    let v = vec![
        entry(
            "2019",
            Area::PreviousFailedReturns,
            Some(Event::FailedReturn),
        ),
        entry(
            "2022-06",
            Area::PreviousFailedReturns,
            Some(Event::FailedReturn),
        ),
        entry("2021-01", Area::ServicesTried, Some(Event::ServiceStarted)),
        dropped,
        entry("2023-01", Area::ServicesTried, Some(Event::ServiceStarted)),
        entry(
            "2023-09",
            Area::ServicesTried,
            Some(Event::ServiceCompleted),
        ),
    ];
    let p = patterns(&v);
    assert_eq!(p.failed_returns, 2);
    assert_eq!(
        (p.services_started, p.services_completed, p.services_dropped),
        (2, 1, 1)
    );
    assert_eq!(p.engagement.get(&Engagement::Poor), Some(&1));
    assert_eq!(p.per_area.get(&Area::ServicesTried), Some(&4));
    assert_eq!(p.empty_areas.len(), 7);
    assert_eq!(p.without_analysis, 6);
}

#[rstest]
#[case::by_area(Filter { areas: vec![Area::Attachments], ..Filter::default() }, 1)]
#[case::by_source(Filter { sources: vec![Source::Police], ..Filter::default() }, 1)]
#[case::by_child(Filter { child: Some(Uuid::from_u128(9)), ..Filter::default() }, 1)]
#[case::by_factor(Filter { factor_id: Some("risk.neglect".into()), ..Filter::default() }, 1)]
#[case::from_a_year(Filter { from: PartialDate::parse("2021").ok(), ..Filter::default() }, 2)]
#[case::up_to_a_month(Filter { to: PartialDate::parse("2020-06").ok(), ..Filter::default() }, 1)]
#[case::needing_analysis(Filter { without_analysis: true, ..Filter::default() }, 2)]
fn the_chronology_can_be_filtered(#[case] f: Filter, #[case] n: usize) {
    let mut a = entry("2020-06", Area::Attachments, None);
    a.children = vec![Uuid::from_u128(9)];
    let mut b = entry("2021", Area::AbuseNeglectAdversity, None);
    b.source = Source::Police;
    b.factor_ids = vec!["risk.neglect".into()];
    b.analysis = "Third neglect referral in a year: cumulative.".into();
    let c = entry("2022-01-05", Area::ServicesTried, None);
    assert_eq!(filter(&[a, b, c], &f).len(), n);
}

#[test]
fn an_entry_needs_what_happened_and_a_date_not_in_the_future() {
    let mut e = entry("2026", Area::ParentsHistory, None);
    assert_eq!(e.validate(today()), Ok(()));
    e.date = PartialDate::parse("2026-04").unwrap();
    assert_eq!(
        e.validate(today()),
        Err(ChronologyError::Date(PartialDateError::InFuture))
    );
    e.what = " ".into();
    assert_eq!(e.validate(today()), Err(ChronologyError::NoWhat));
}

proptest! {
    #[test]
    fn entries_round_trip_through_json_and_validation_never_panics(what in any::<String>(), analysis in any::<String>(), factor in any::<String>()) {
        let mut e = entry("2020-02", Area::SpecialNeeds, Some(Event::ReturnHome));
        e.what = what; e.analysis = analysis; e.factor_ids = vec![factor];
        let _ = e.validate(today());
        let json = serde_json::to_string(&e).unwrap();
        prop_assert_eq!(serde_json::from_str::<ChronologyEntry>(&json).unwrap(), e);
    }
}
