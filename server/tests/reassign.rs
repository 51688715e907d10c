//! A case moved onto another caseload (`case assign`) reaches the new owner's devices whole, even
//! when their cursors are past its history; the old owner loses it; and nobody reads a case
//! through the per-case pull without access.

mod common;

use axum::http::StatusCode;
use common::device::Device;
use common::TestApp;
use homeward_server::cases;
use serde_json::json;
use uuid::Uuid;

#[tokio::test]
async fn a_reassigned_case_reaches_the_new_owners_device_whole_although_its_cursor_is_past_the_history(
) {
    let app = TestApp::with_team().await;
    let mut ffion = Device::new(&app, "ffion", "ffion_tab").await;
    let mut dylan = Device::new(&app, "dylan", "dylan_tab").await;
    let case = Uuid::now_v7();
    ffion.edit_case(1_000, case, "child_name", json!("Cerys"));
    ffion.edit_case(1_001, case, "note", json!("Ffion's notes."));
    ffion.sync(&app).await;
    // Dylan's own, later work puts his cursor past Cerys's history.
    let own = Uuid::now_v7();
    dylan.edit_case(2_000, own, "child_name", json!("Osian"));
    dylan.sync(&app).await;
    assert!(dylan.cursor > 0);
    assert!(!dylan.records.keys().any(|(_, id)| *id == case));

    cases::assign(&app.state.db, case, "dylan").await.unwrap();

    dylan.sync(&app).await;
    assert_eq!(dylan.case(case).text("child_name"), "Cerys");
    assert_eq!(dylan.case(case).text("note"), "Ffion's notes.");
    // He works on it; a second pull resyncs nothing more.
    dylan.edit_case(3_000, case, "note", json!("Dylan took over."));
    dylan.sync(&app).await;
    let page = app
        .get(
            &format!(
                "/api/sync/pull?since={}&grants={}",
                dylan.cursor,
                dylan.grants.unwrap()
            ),
            Some(&dylan.cookie),
        )
        .await;
    assert!(page.value()["resync"].is_null());

    // The manager of the team still sees it; a fresh device of dylan's gets it in the normal way.
    let mut megan = Device::new(&app, "megan", "megan_tab").await;
    megan.sync(&app).await;
    assert_eq!(megan.case(case).text("note"), "Dylan took over.");
    let mut fresh = Device::new(&app, "dylan", "dylan_phone").await;
    fresh.sync(&app).await;
    assert_eq!(fresh.visible(), dylan.visible());

    // Ffion no longer reads or changes it.
    let refused = app
        .get(
            &format!("/api/sync/pull?case={case}&since=0"),
            Some(&ffion.cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error_code(), "forbidden");
    ffion.edit_case(4_000, case, "note", json!("Too late."));
    ffion.sync(&app).await;
    assert_eq!(ffion.refused.len(), 1);
    let audited = app.audit("refused").await;
    assert!(audited.iter().any(|(who, c, d)| who == "ffion"
        && c.as_deref() == Some(&case.to_string())
        && d.contains("pull")));
    assert!(app
        .audit("assign")
        .await
        .iter()
        .any(|(_, c, d)| c.as_deref() == Some(&case.to_string()) && d.contains("dylan")));
}

#[tokio::test]
async fn a_manager_of_another_team_cannot_pull_a_case_by_its_id_and_the_attempt_is_audited() {
    let app = TestApp::with_team().await;
    let mut ffion = Device::new(&app, "ffion", "ffion_tab").await;
    let case = Uuid::now_v7();
    ffion.edit_case(1_000, case, "child_name", json!("Cerys"));
    ffion.sync(&app).await;
    let sam = app.sign_in("sam").await;
    for query in [
        format!("case={case}&since=0"),
        format!("case={case}&since=-1"),
        format!("case={}&since=0", Uuid::now_v7()),
    ] {
        let res = app
            .get(&format!("/api/sync/pull?{query}"), Some(&sam))
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{query}");
        assert!(!res.text().contains("Cerys"));
    }
    let res = app.get("/api/sync/pull?case=not-a-uuid", Some(&sam)).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let refused = app.audit("refused").await;
    assert_eq!(refused.iter().filter(|(who, _, _)| who == "sam").count(), 3);
}
