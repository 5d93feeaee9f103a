//! Rollups follow the stored responses (`services::rollups`): a submission's transaction stores
//! the response uncounted, and a fold counts it later, exactly once. These tests show the two
//! ways an uncounted response gets counted without anybody reading a dashboard: the writers'
//! periodic fold, and the fold at start-up for responses a stopped server had not counted;
//! and that a fold running while responses are stored never counts one without its themes.
//! (Dashboards folding before they read is shown by every dashboard test, which stores its
//! data uncounted through `responses::store`.)

use backend::services::responses::{self, NewResponse};
use backend::storage::entities::{response, rollup_answer, rollup_response};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use shared::{AnswerValue, Channel, Stage};
use std::collections::BTreeMap;
use std::time::Duration;
use tests::{db_tests, TestApp};

async fn counted_responses(app: &TestApp) -> i64 {
    rollup_response::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|cell| cell.count)
        .sum()
}

async fn uncounted_responses(app: &TestApp) -> u64 {
    response::Entity::find()
        .filter(response::Column::RolledUp.eq(false))
        .count(&app.db)
        .await
        .unwrap()
}

async fn submitted_answers_are_counted_with_nobody_reading(app: TestApp) {
    for (unit, scale) in [("CE", 4), ("NW", 2), ("CE", 4)] {
        let token = app.invite(Stage::Reporting, unit).await;
        let body = json!({"survey_version": 1, "answers": {
            "overall": {"kind": "scale", "value": scale},
            "one_thing": {"kind": "text", "value": "Nobody ever called me back, I was never updated"}
        }});
        assert_eq!(app.post_response(&token, &body).await.status(), 201);
    }
    // The writers fold every 200 ms; wait far longer before calling it lost.
    let mut waited = Duration::ZERO;
    while uncounted_responses(&app).await > 0 {
        assert!(
            waited < Duration::from_secs(20),
            "stored responses were never folded into the rollups"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    assert_eq!(counted_responses(&app).await, 3);
    // Counted in full: each answer and each comment's themes (the periodic fold runs on the
    // SQLite writer's own connection, through other code than a fold on the pool).
    let overall: BTreeMap<String, i64> = rollup_answer::Entity::find()
        .filter(rollup_answer::Column::QuestionId.eq("overall"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|cell| (format!("{}:{}", cell.unit_id, cell.value), cell.count))
        .collect();
    let (ce, nw) = (app.unit_id("CE").await, app.unit_id("NW").await);
    assert_eq!(
        overall,
        BTreeMap::from([(format!("{ce}:4"), 2), (format!("{nw}:2"), 1)])
    );
    assert!(
        !tests::recount_themes(&app).await.is_empty(),
        "the comments were themed"
    );
    tests::assert_theme_rollups_equal_recount(&app).await;
}

async fn a_restart_counts_what_the_last_server_had_not(app: TestApp) {
    let unit_id = app.unit_id("CE").await;
    let new = NewResponse {
        stage: Stage::Court,
        unit_id,
        channel: Channel::Sms,
        survey_version: 1,
        week: backend::week::current_week(),
        answers: BTreeMap::from([("overall".to_string(), AnswerValue::Scale(2))]),
    };
    // Stored as the writer stores it, then the server goes before any fold.
    for _ in 0..2 {
        responses::store(&app.db, &analysis::Tagger::default(), &new)
            .await
            .unwrap();
    }
    assert_eq!(uncounted_responses(&app).await, 2);
    assert_eq!(counted_responses(&app).await, 0);

    let app = app.restart().await;
    assert_eq!(uncounted_responses(&app).await, 0);
    assert_eq!(counted_responses(&app).await, 2);
}

/// `responses::store` (the demo loader's path) while folds run back to back, as the server's
/// periodic fold may: each response must be counted with its comment's themes. Before `store`
/// wrapped its three inserts in a transaction, a fold between the response's insert and its
/// themes' counted the response without them (CI caught it in `monthly_rollups`).
async fn a_fold_racing_the_loader_counts_every_theme(app: TestApp) {
    let unit_id = app.unit_id("CE").await;
    let text = "Nobody rang me back and I was never kept informed";
    let new = NewResponse {
        stage: Stage::Investigation,
        unit_id,
        channel: Channel::Link,
        survey_version: 1,
        week: backend::week::current_week(),
        answers: BTreeMap::from([
            ("overall".to_string(), AnswerValue::Scale(1)),
            ("one_thing".to_string(), AnswerValue::Text(text.to_string())),
        ]),
    };
    let tagger = analysis::Tagger::default();
    assert!(
        !tagger.tag(text).is_empty(),
        "the comment has themes to lose"
    );
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let folding = {
        let (db, stop) = (app.db.clone(), stop.clone());
        tokio::spawn(async move {
            let mut folds = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                backend::services::rollups::fold_pending_now(&db)
                    .await
                    .unwrap();
                folds += 1;
                tokio::task::yield_now().await;
            }
            folds
        })
    };
    for _ in 0..150 {
        responses::store(&app.db, &tagger, &new).await.unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(folding.await.unwrap() > 0);
    tests::assert_theme_rollups_equal_recount(&app).await;
    assert_eq!(counted_responses(&app).await, 150);
}

db_tests!(
    submitted_answers_are_counted_with_nobody_reading,
    a_restart_counts_what_the_last_server_had_not,
    a_fold_racing_the_loader_counts_every_theme,
);
