//! The database itself: the backend the tests were asked for, migrations, the audit log's
//! append-only rule, and all-or-nothing pushes.
mod common;

use common::{new_case, TestApp, TestDb};
use homeward_server::db::{Backend, Db};
use homeward_server::sync::apply::apply;
use homeward_server::users;
use uuid::Uuid;

#[tokio::test]
async fn the_tests_run_on_the_database_they_were_asked_to() {
    let app = TestApp::new().await;
    let wanted = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    assert_eq!(app.state.db.backend, wanted);
}

#[tokio::test]
async fn opening_the_database_again_keeps_the_data() {
    let db = TestDb::fresh().await;
    let url = db.url.clone();
    let app = TestApp::on(db, |_| {}).await;
    app.add_user("ffion", homeward_core::api::Role::Worker, None)
        .await;
    let again = Db::connect(&url).await.unwrap();
    let mut conn = again.pool.acquire().await.unwrap();
    assert!(users::find(&mut conn, "ffion").await.unwrap().is_some());
}

#[tokio::test]
async fn the_audit_log_cannot_be_edited_or_emptied() {
    let app = TestApp::with_team().await;
    app.sign_in("ffion").await;
    assert!(app.count("audit").await > 0);
    let pool = &app.state.db.pool;
    assert!(sqlx::query("UPDATE audit SET username = 'x'")
        .execute(pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit")
        .execute(pool)
        .await
        .is_err());
    assert!(app.count("audit").await > 0);
}

/// The demo team, and one case of ffion's pushed as she would (its id as the tables hold it).
async fn app_with_a_case() -> (TestApp, String) {
    let app = TestApp::with_team().await;
    let cookie = app.sign_in("ffion").await;
    let case_id = app.push_new_case(&cookie).await;
    (app, case_id.to_string())
}

/// The log's rows as the server writes them, for a case id given as text.
async fn insert_change_row(app: &TestApp, case_id: &str) -> Result<(), sqlx::Error> {
    let seq = app.count("changes").await + 1;
    let postgres = app.state.db.backend == Backend::Postgres;
    sqlx::query(&format!(
        "INSERT INTO changes (seq, change_id, device_id, username, case_id, entity, entity_id, \
         field, value, hlc, base, outcome, received_at){} \
         VALUES ($1, $2, $3, 'ffion', $4, 'child', $5, 'name', '\"x\"', 'h', 0, 'applied', 0)",
        if postgres {
            " OVERRIDING SYSTEM VALUE"
        } else {
            ""
        }
    ))
    .bind(seq)
    .bind(Uuid::now_v7().to_string())
    .bind(Uuid::nil().to_string())
    .bind(case_id)
    .bind(Uuid::now_v7().to_string())
    .execute(&app.state.db.pool)
    .await
    .map(|_| ())
}

#[tokio::test]
async fn the_database_refuses_a_change_to_a_case_that_does_not_exist() {
    let (app, case_id) = app_with_a_case().await;
    let before = app.count("changes").await;

    let err = insert_change_row(&app, &Uuid::now_v7().to_string())
        .await
        .expect_err("a change naming no case is refused");
    assert!(
        err.to_string().contains("FOREIGN KEY") || err.to_string().contains("does not exist"),
        "{err}"
    );
    assert_eq!(app.count("changes").await, before);
    insert_change_row(&app, &case_id)
        .await
        .expect("a change to a case that exists is kept");
    assert_eq!(app.count("changes").await, before + 1);
}

#[tokio::test]
async fn a_case_with_changes_cannot_be_deleted_or_renamed_but_can_change_hands() {
    let (app, case_id) = app_with_a_case().await;
    let pool = &app.state.db.pool;
    let delete = sqlx::query("DELETE FROM cases WHERE case_id = $1")
        .bind(&case_id)
        .execute(pool)
        .await;
    assert!(delete.is_err(), "a case with changes was deleted");
    let rename = sqlx::query("UPDATE cases SET case_id = $1 WHERE case_id = $2")
        .bind(Uuid::now_v7().to_string())
        .bind(&case_id)
        .execute(pool)
        .await;
    assert!(rename.is_err(), "a case with changes was renamed");
    sqlx::query("UPDATE cases SET owner = 'dylan' WHERE case_id = $1")
        .bind(&case_id)
        .execute(pool)
        .await
        .expect("a case with changes can be given to another worker");
    assert_eq!(app.count("cases").await, 1);
}

#[tokio::test]
async fn a_case_is_always_owned_by_a_user_who_exists() {
    let (app, case_id) = app_with_a_case().await;
    let pool = &app.state.db.pool;
    let orphan =
        sqlx::query("INSERT INTO cases (case_id, owner, created_at) VALUES ($1, 'nobody', 0)")
            .bind(Uuid::now_v7().to_string())
            .execute(pool)
            .await;
    assert!(orphan.is_err(), "a case was made for nobody");
    let given = sqlx::query("UPDATE cases SET owner = 'nobody' WHERE case_id = $1")
        .bind(&case_id)
        .execute(pool)
        .await;
    assert!(given.is_err(), "a case was given to nobody");
    let gone = sqlx::query("DELETE FROM users WHERE username = 'ffion'")
        .execute(pool)
        .await;
    assert!(gone.is_err(), "the owner of a case was deleted");
    let renamed = sqlx::query("UPDATE users SET username = 'ffion2' WHERE username = 'ffion'")
        .execute(pool)
        .await;
    assert!(renamed.is_err(), "the owner of a case was renamed");
    sqlx::query("DELETE FROM users WHERE username = 'sam'")
        .execute(pool)
        .await
        .expect("a user who owns no case can go");
    assert_eq!(app.count("cases").await, 1);
}

#[tokio::test]
async fn a_push_that_never_commits_leaves_nothing_behind() {
    let app = TestApp::with_team().await;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let ffion = users::find(&mut conn, "ffion").await.unwrap().unwrap();
    drop(conn);
    {
        // As if the server were killed mid-push: the transaction is dropped, not committed.
        let mut tx = app.state.db.begin_write().await.unwrap();
        for change in new_case("ffion", Uuid::now_v7(), "Cerys", "2017-06-01", "") {
            let today = homeward_server::clock::latest_today();
            apply(&mut tx, &ffion, Uuid::nil(), &change, today)
                .await
                .unwrap();
        }
    }
    for table in ["changes", "cases", "field_heads"] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn pushes_at_the_same_time_are_all_applied_in_order() {
    let app = std::sync::Arc::new(TestApp::with_team().await);
    let cookie = app.sign_in("ffion").await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let app = app.clone();
        let cookie = cookie.clone();
        tasks.push(tokio::spawn(async move {
            app.push(
                &cookie,
                new_case(
                    "ffion",
                    Uuid::now_v7(),
                    &format!("Child {i}"),
                    "2017-06-01",
                    "",
                ),
            )
            .await
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let pull = app.pull(&cookie, 0).await;
    assert_eq!(pull.changes.len(), 24);
    assert!(pull.changes.windows(2).all(|w| w[0].seq < w[1].seq));
}

/// Every connection of the pool at once (not only the first), on SQLite; none on PostgreSQL.
async fn sqlite_connections(app: &TestApp) -> Vec<sqlx::pool::PoolConnection<sqlx::Any>> {
    let mut conns = Vec::new();
    if app.state.db.backend == Backend::Sqlite {
        for _ in 0..3 {
            conns.push(app.state.db.pool.acquire().await.unwrap());
        }
    }
    conns
}

async fn pragma<T>(conn: &mut sqlx::pool::PoolConnection<sqlx::Any>, name: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
{
    let (value,): (T,) = sqlx::query_as(&format!("PRAGMA {name}"))
        .fetch_one(&mut **conn)
        .await
        .unwrap();
    value
}

#[tokio::test]
async fn on_sqlite_every_commit_is_synced_to_the_write_ahead_log_before_it_is_answered() {
    let app = TestApp::new().await;
    for mut conn in sqlite_connections(&app).await {
        assert_eq!(pragma::<String>(&mut conn, "journal_mode").await, "wal");
        // 2 is FULL: NORMAL (1) would let a power cut undo a push the device was told is stored.
        assert_eq!(pragma::<i64>(&mut conn, "synchronous").await, 2);
    }
}

#[tokio::test]
async fn on_sqlite_statement_journals_stay_in_memory_on_every_connection() {
    let app = TestApp::new().await;
    for mut conn in sqlite_connections(&app).await {
        // 2 is MEMORY: a push's multi-row statements would otherwise copy each page they change
        // to a temporary file as they go.
        assert_eq!(pragma::<i64>(&mut conn, "temp_store").await, 2);
    }
}

#[tokio::test]
async fn a_full_push_of_new_cases_is_applied_in_order_and_audited_change_by_change() {
    let app = TestApp::with_team().await;
    let ffion = app.sign_in("ffion").await;
    let audit_before = app.count("audit").await;
    let changes = new_cases(homeward_core::sync::MAX_PUSH_CHANGES / 3);
    let response = app.push(&ffion, changes.clone()).await;
    let versions: Vec<i64> = response
        .results
        .iter()
        .map(|r| match r.outcome {
            homeward_core::sync::ChangeOutcome::Applied { version } => version,
            ref other => panic!("not applied: {other:?}"),
        })
        .collect();
    assert_eq!(versions.len(), changes.len());
    assert!(versions.windows(2).all(|w| w[1] == w[0] + 1));
    let n = i64::try_from(changes.len()).unwrap();
    assert_eq!(app.count("changes").await, n);
    assert_eq!(app.count("field_heads").await, n);
    assert_eq!(app.count("audit").await - audit_before, n);

    // The same push again is acknowledged with the same versions and stores nothing new.
    let again = app.push(&ffion, changes).await;
    assert_eq!(again.results, response.results);
    assert_eq!(app.count("changes").await, n);
}

#[tokio::test]
async fn on_postgresql_a_push_leaves_the_sync_tables_with_statistics_from_a_small_sample() {
    let app = TestApp::with_team().await;
    if app.state.db.backend != Backend::Postgres {
        return;
    }
    let ffion = app.sign_in("ffion").await;
    app.push(&ffion, new_cases(12)).await;
    // The statistics are refreshed in the background after the push; 36 change ids, all
    // different, make a histogram of 36 bounds from the default sample and of 11 from the
    // small one. Each test has its own schema (of one database), so only this one's count.
    let mut bounds = None;
    for _ in 0..100 {
        bounds = sqlx::query_as::<_, (i32, f32)>(
            "SELECT array_length(histogram_bounds::text::text[], 1), n_distinct FROM pg_stats \
             WHERE schemaname = current_schema() AND tablename = 'changes' \
             AND attname = 'change_id'",
        )
        .fetch_optional(&app.state.db.pool)
        .await
        .unwrap();
        if bounds.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (bounds, distinct) = bounds.expect("the log was analyzed after the push");
    assert_eq!(bounds, 11);
    assert_eq!(distinct, -1.0, "every change id is seen to be unique");
}

/// The changes that make `n` new cases of ffion's, "Child 0" onwards, three changes each.
fn new_cases(n: usize) -> Vec<homeward_core::sync::Change> {
    (0..n)
        .flat_map(|i| {
            new_case(
                "ffion",
                Uuid::now_v7(),
                &format!("Child {i}"),
                "2017-06-01",
                "n",
            )
        })
        .collect()
}
