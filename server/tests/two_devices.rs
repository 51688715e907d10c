//! Two devices of the same worker edit one case offline and reconnect, in either order, against
//! the real router and database. Different fields merge, an enumerated field and a date follow the
//! later clock, a free text becomes a conflict that both devices show with both versions, and
//! nothing typed is lost.

mod common;

use chrono::NaiveDate;
use common::device::Device;
use common::TestApp;
use homeward_core::factors::{CaseFactor, Presence};
use homeward_core::sync::{ChangeOutcome, Entity};
use serde_json::{json, Value};
use uuid::Uuid;

fn factor(presence: Presence) -> Value {
    serde_json::to_value(CaseFactor {
        factor_id: "neglect".into(),
        presence,
        evidence: String::new(),
        chronology_ids: Vec::new(),
        assessed_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        by: "ffion".into(),
    })
    .unwrap()
}

/// A case opened on the tablet, with one risk factor, and pulled by the phone.
async fn shared_case(app: &TestApp) -> (Device, Device, Uuid, Uuid) {
    let mut tab = Device::new(app, "ffion", "tab").await;
    let mut phone = Device::new(app, "ffion", "phone").await;
    let case = Uuid::now_v7();
    let item = Uuid::now_v7();
    tab.edit_case(1_000, case, "child_name", json!("Cerys"));
    tab.edit_case(1_001, case, "date_of_birth", json!("2017-06-01"));
    tab.edit_case(1_002, case, "note", json!("First visit."));
    tab.edit_at(
        1_003,
        case,
        Entity::CaseFactor,
        item,
        "data",
        factor(Presence::Unknown),
    );
    tab.sync(app).await;
    phone.sync(app).await;
    assert_eq!(phone.visible(), tab.visible());
    (tab, phone, case, item)
}

#[tokio::test]
async fn two_devices_editing_offline_merge_fields_follow_the_later_clock_and_keep_both_texts_in_either_order(
) {
    for tab_first in [true, false] {
        let app = TestApp::with_team().await;
        let (mut tab, mut phone, case, item) = shared_case(&app).await;

        // Offline on both. Different fields:
        tab.edit_case(10_000, case, "child_name", json!("Cerys Ann"));
        phone.edit_case(10_001, case, "date_of_birth", json!("2017-06-02"));
        // the same enumerated field (the phone's clock is later) and the same date (the
        // tablet's is later):
        tab.edit_at(
            11_000,
            case,
            Entity::CaseFactor,
            item,
            "data",
            factor(Presence::Present),
        );
        phone.edit_at(
            12_000,
            case,
            Entity::CaseFactor,
            item,
            "data",
            factor(Presence::NotPresent),
        );
        phone.edit_case(12_500, case, "date_of_birth", json!("2017-06-03"));
        tab.edit_case(12_600, case, "date_of_birth", json!("2017-06-04"));
        // and the same free text.
        tab.edit_case(13_000, case, "note", json!("Tablet's words."));
        phone.edit_case(13_500, case, "note", json!("Phone's words."));

        let (first, second) = if tab_first {
            (&mut tab, &mut phone)
        } else {
            (&mut phone, &mut tab)
        };
        first.sync(&app).await;
        second.sync(&app).await;
        first.sync(&app).await;

        for (name, d) in [("tablet", &tab), ("phone", &phone)] {
            let r = d.case(case);
            assert_eq!(r.text("child_name"), "Cerys Ann", "{name}");
            assert_eq!(r.text("date_of_birth"), "2017-06-04", "{name}");
            assert_eq!(
                d.records[&(Entity::CaseFactor, item)].fields["data"].value,
                factor(Presence::NotPresent),
                "{name}"
            );
            // The text pushed first stays the value; the other is the alternative to review.
            let (shown, other) = if tab_first {
                ("Tablet's words.", "Phone's words.")
            } else {
                ("Phone's words.", "Tablet's words.")
            };
            assert_eq!(r.text("note"), shown, "{name}");
            let alts: Vec<&Value> = r.alternatives_of("note").map(|a| &a.value).collect();
            assert_eq!(alts, [&json!(other)], "{name}");
            assert!(d.outbox.is_empty() && d.refused.is_empty(), "{name}");
        }
        assert_eq!(tab.visible(), phone.visible());

        // A third device that signs in now sees the same.
        let mut fresh = Device::new(&app, "ffion", "laptop").await;
        fresh.sync(&app).await;
        assert_eq!(fresh.visible(), tab.visible());

        // The worker keeps a merge of both on the phone; every device drops the conflict.
        phone.resolve(
            20_000,
            case,
            "note",
            json!("Tablet's words. Phone's words."),
        );
        phone.sync(&app).await;
        tab.sync(&app).await;
        fresh.sync(&app).await;
        for d in [&tab, &phone, &fresh] {
            assert_eq!(d.case(case).text("note"), "Tablet's words. Phone's words.");
            assert!(!d.case(case).needs_review());
        }
        assert_eq!(tab.visible(), phone.visible());
        let (open,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM conflicts WHERE resolved_by IS NULL")
                .fetch_one(&app.state.db.pool)
                .await
                .unwrap();
        assert_eq!(open, 0);
    }
}

#[tokio::test]
async fn one_device_editing_the_same_text_again_and_again_offline_never_conflicts_with_itself() {
    let app = TestApp::with_team().await;
    let (mut tab, mut phone, case, _) = shared_case(&app).await;
    for (i, words) in ["One.", "One. Two.", "One. Two. Three."].iter().enumerate() {
        tab.edit_case(10_000 + i as u64, case, "note", json!(words));
    }
    // All three still carry the base the tablet last saw.
    assert!(tab.outbox.iter().all(|c| c.base == tab.outbox[0].base));
    let reply = tab.push_only(&app).await;
    let kinds: Vec<bool> = reply
        .results
        .iter()
        .map(|r| matches!(r.outcome, ChangeOutcome::Applied { .. }))
        .collect();
    assert_eq!(kinds, [true, true, true]);
    tab.settle(&reply);
    tab.sync(&app).await;
    phone.sync(&app).await;
    for d in [&tab, &phone] {
        assert_eq!(d.case(case).text("note"), "One. Two. Three.");
        assert!(!d.case(case).needs_review());
    }
    assert_eq!(app.count("conflicts").await, 0);

    // Sent again later (the answer was lost), an old edit stays old.
    let again = tab.outbox.clone();
    assert!(again.is_empty());
}

#[tokio::test]
async fn a_push_whose_reply_is_lost_is_applied_once_when_the_device_sends_it_again() {
    let app = TestApp::with_team().await;
    let (mut tab, mut phone, case, _) = shared_case(&app).await;
    tab.edit_case(10_000, case, "note", json!("Said once."));
    tab.edit_case(10_001, case, "child_name", json!("Cerys Ann"));
    let before = app.count("changes").await;
    let lost = tab.push_only(&app).await;
    assert_eq!(app.count("changes").await, before + 2);
    // The device never saw the answer, so it sends the same outbox again.
    let second = tab.push_only(&app).await;
    assert_eq!(second, lost);
    assert_eq!(app.count("changes").await, before + 2);
    tab.settle(&second);
    tab.sync(&app).await;
    phone.sync(&app).await;
    assert_eq!(phone.case(case).text("note"), "Said once.");
    assert_eq!(tab.visible(), phone.visible());
    assert_eq!(app.count("conflicts").await, 0);
}
