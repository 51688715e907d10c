//! A team manager's sign-off of a Stage 4 reclassification or a closure travels as its own
//! record; the server takes it only from a manager, in their own name, and hands it to the
//! worker's device on pull.

mod common;

use chrono::NaiveDate;
use common::{case_change, device, TestApp};
use homeward_core::api::Role;
use homeward_core::classification::{
    Answers, CapacityAnswer, Classification, ClassificationKind, ProtectiveFactorsAnswer,
    RecurrenceAnswer, RiskFactorsAnswer, RiskLevel, WishAnswer,
};
use homeward_core::entities::{case_file, DATA};
use homeward_core::record::Record;
use homeward_core::signoff::{SignOffDecision, Subject, Verdict};
use homeward_core::sync::{Change, ChangeOutcome, Entity, PullResponse};
use homeward_core::Hlc;
use serde_json::Value;
use uuid::Uuid;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
}

fn item(user: &str, case_id: Uuid, entity: Entity, id: Uuid, value: Value, wall: u64) -> Change {
    Change {
        entity,
        entity_id: id,
        field: DATA.into(),
        value,
        hlc: Hlc::zero(user).tick(wall),
        device_id: device(user),
        ..case_change(user, case_id, DATA, Value::Null, wall, user)
    }
}

fn to_low(id: Uuid) -> Classification {
    let low = Answers {
        risk_factors: RiskFactorsAnswer::FullyAddressed,
        protective_factors: ProtectiveFactorsAnswer::Apparent,
        capacity: CapacityAnswer::Able,
        wish: WishAnswer::BothWant,
        recurrence: RecurrenceAnswer::Unlikely,
    };
    let kind = ClassificationKind::Stage4Reclassification;
    Classification::new(id, kind, low, RiskLevel::Low, "", "ffion", day()).unwrap()
}

fn decision(subject: Uuid, by: &str, verdict: Verdict, comment: &str) -> Value {
    let d = SignOffDecision {
        subject,
        about: Subject::Classification,
        verdict,
        comment: comment.into(),
        by: by.into(),
        by_name: "Megan Hughes".into(),
        on: day(),
        level: Some(RiskLevel::Low),
    };
    serde_json::to_value(d).unwrap()
}

fn reason(outcome: &ChangeOutcome) -> &str {
    match outcome {
        ChangeOutcome::Rejected { reason } => reason,
        other => panic!("not rejected: {other:?}"),
    }
}

fn records(pulled: &PullResponse, case_id: Uuid) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for p in pulled
        .changes
        .iter()
        .filter(|p| p.change.case_id == case_id)
    {
        let c = &p.change;
        let i = match out
            .iter()
            .position(|r| r.entity == c.entity && r.entity_id == c.entity_id)
        {
            Some(i) => i,
            None => {
                out.push(Record::new(c.entity, c.entity_id, c.case_id));
                out.len() - 1
            }
        };
        out[i].apply_local(c);
    }
    out
}

async fn case_with_reclassification(app: &TestApp, cookie: &str) -> (Uuid, Uuid) {
    let case_id = app.push_new_case(cookie).await;
    let c = to_low(Uuid::now_v7());
    let pushed = app
        .push(
            cookie,
            vec![item(
                "ffion",
                case_id,
                Entity::Classification,
                c.id,
                serde_json::to_value(&c).unwrap(),
                2_000,
            )],
        )
        .await;
    assert!(matches!(
        pushed.results[0].outcome,
        ChangeOutcome::Applied { .. }
    ));
    (case_id, c.id)
}

#[tokio::test]
async fn a_worker_cannot_sign_off_their_own_reclassification_and_the_attempt_is_audited() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let (case_id, subject) = case_with_reclassification(&app, &ffion).await;

    let forged = decision(subject, "ffion", Verdict::Agreed, "");
    let res = app
        .push(
            &ffion,
            vec![item(
                "ffion",
                case_id,
                Entity::SignOff,
                subject,
                forged,
                3_000,
            )],
        )
        .await;
    assert_eq!(
        reason(&res.results[0].outcome),
        "Only a team manager can sign this off."
    );

    // Nor by resending the reclassification with a sign-off inside it.
    let mut signed = to_low(subject);
    signed.sign_off = Some(homeward_core::signoff::SignOff {
        by: "megan".into(),
        on: day(),
        comment: String::new(),
    });
    let res = app
        .push(
            &ffion,
            vec![item(
                "ffion",
                case_id,
                Entity::Classification,
                subject,
                serde_json::to_value(&signed).unwrap(),
                3_001,
            )],
        )
        .await;
    assert_eq!(
        reason(&res.results[0].outcome),
        "Only a team manager can sign this off."
    );
    let refused = app.audit("refused").await;
    assert_eq!(
        refused.iter().filter(|(who, _, _)| who == "ffion").count(),
        2
    );

    let file = case_file(&records(&app.pull(&ffion, 0).await, case_id));
    assert_eq!(file.classifications.current_level(), None);
    assert_eq!(file.awaiting_sign_off(), 1);
}

#[tokio::test]
async fn the_teams_manager_returns_then_agrees_and_the_worker_pulls_each_decision() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let megan = app.sign_in("megan").await;
    let (case_id, first) = case_with_reclassification(&app, &ffion).await;

    // The manager's device receives the team's case and its reclassification by the normal pull.
    let seen = case_file(&records(&app.pull(&megan, 0).await, case_id));
    assert_eq!(seen.awaiting().len(), 1);

    let returned = decision(first, "megan", Verdict::Returned, "Add the school's view.");
    let res = app
        .push(
            &megan,
            vec![item(
                "megan",
                case_id,
                Entity::SignOff,
                first,
                returned,
                4_000,
            )],
        )
        .await;
    assert!(matches!(
        res.results[0].outcome,
        ChangeOutcome::Applied { .. }
    ));

    let file = case_file(&records(&app.pull(&ffion, 0).await, case_id));
    assert_eq!(file.awaiting_sign_off(), 0);
    assert_eq!(file.classifications.current_level(), None);

    // A manager cannot sign in another manager's name, nor return without a comment.
    let second = to_low(Uuid::now_v7());
    app.push(
        &ffion,
        vec![item(
            "ffion",
            case_id,
            Entity::Classification,
            second.id,
            serde_json::to_value(&second).unwrap(),
            5_000,
        )],
    )
    .await;
    let res = app
        .push(
            &megan,
            vec![
                item(
                    "megan",
                    case_id,
                    Entity::SignOff,
                    second.id,
                    decision(second.id, "sam", Verdict::Agreed, ""),
                    6_000,
                ),
                item(
                    "megan",
                    case_id,
                    Entity::SignOff,
                    second.id,
                    decision(second.id, "megan", Verdict::Returned, " "),
                    6_001,
                ),
                item(
                    "megan",
                    case_id,
                    Entity::SignOff,
                    second.id,
                    decision(second.id, "megan", Verdict::Agreed, "Agreed."),
                    6_002,
                ),
            ],
        )
        .await;
    assert_eq!(
        reason(&res.results[0].outcome),
        "A sign-off must be given by the manager who sends it."
    );
    assert!(reason(&res.results[1].outcome).contains("Say why you are returning it"));
    assert!(matches!(
        res.results[2].outcome,
        ChangeOutcome::Applied { .. }
    ));

    let file = case_file(&records(&app.pull(&ffion, 0).await, case_id));
    assert_eq!(file.classifications.current_level(), Some(RiskLevel::Low));
    assert_eq!(file.sign_offs.len(), 2);

    // A manager of another team cannot sign it off.
    app.add_user("sam2", Role::Manager, Some("south")).await;
    let sam = app.sign_in("sam2").await;
    let res = app
        .push(
            &sam,
            vec![item(
                "sam2",
                case_id,
                Entity::SignOff,
                second.id,
                decision(second.id, "sam2", Verdict::Returned, "No."),
                7_000,
            )],
        )
        .await;
    assert!(matches!(
        res.results[0].outcome,
        ChangeOutcome::Rejected { .. }
    ));
}
