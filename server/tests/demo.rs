mod common;

use common::TestApp;
use homeward_core::record::Record;
use homeward_core::sync::Entity;
use homeward_server::demo::{self, DEMO_PASSWORD};

fn names(pull: &homeward_core::sync::PullResponse) -> Vec<String> {
    let mut records: Vec<Record> = Vec::new();
    for p in pull
        .changes
        .iter()
        .filter(|p| p.change.entity == Entity::Case)
    {
        let i = match records
            .iter()
            .position(|r| r.entity_id == p.change.entity_id)
        {
            Some(i) => i,
            None => {
                records.push(Record::new(
                    Entity::Case,
                    p.change.entity_id,
                    p.change.case_id,
                ));
                records.len() - 1
            }
        };
        records[i].apply_pulled(p.seq, p.conflict, &p.change);
    }
    let mut names: Vec<String> = records
        .iter()
        .map(|r| r.text("child_name").to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn the_demo_seeds_three_users_and_the_six_children_with_their_practice_records_once() {
    let app = TestApp::new().await;
    assert!(demo::seed(&app.state).await.unwrap());
    assert_eq!(app.count("users").await, 3);
    assert_eq!(app.count("cases").await, 6);
    let changes = app.count("changes").await;
    // Three fields of each case, then each case's practice record.
    assert!(changes > 18, "{changes} changes");

    assert!(
        !demo::seed(&app.state).await.unwrap(),
        "a second start seeds nothing"
    );
    assert_eq!(app.count("changes").await, changes);
}

#[tokio::test]
async fn each_demo_user_signs_in_and_sees_their_own_caseload() {
    let app = TestApp::new().await;
    demo::seed(&app.state).await.unwrap();
    let mut cookies = Vec::new();
    for user in ["ffion", "dylan", "megan"] {
        let res = app.sign_in_response(user, DEMO_PASSWORD).await;
        assert_eq!(res.status, axum::http::StatusCode::OK, "{user}");
        cookies.push(
            res.header("set-cookie")
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_string(),
        );
    }
    let ffion = names(&app.pull(&cookies[0], 0).await);
    assert_eq!(ffion, ["Amira", "Cerys", "Rhys", "Tomos", "Yusuf"]);
    let dylan = names(&app.pull(&cookies[1], 0).await);
    assert_eq!(dylan, ["Lowri"]);
    let megan = names(&app.pull(&cookies[2], 0).await);
    assert_eq!(megan.len(), 6);
}

#[tokio::test]
async fn demo_birth_dates_make_the_children_the_ages_of_the_demo_cases() {
    let app = TestApp::new().await;
    demo::seed(&app.state).await.unwrap();
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT value FROM field_heads WHERE field = 'date_of_birth' ORDER BY value DESC",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let today = homeward_server::clock::utc_today();
    let mut ages: Vec<u32> = rows
        .iter()
        .map(|(v,)| {
            let d: String = serde_json::from_str(v).unwrap();
            let d = chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap();
            homeward_core::case::age_on(d, today)
        })
        .collect();
    ages.sort();
    assert_eq!(ages, [2, 4, 9, 11, 14, 16]);
}
