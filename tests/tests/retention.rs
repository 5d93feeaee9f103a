//! Retention deletes free text past its period and keeps every response and rollup.

use backend::services::responses::{self, NewResponse};
use backend::services::{retention, units};
use backend::storage::entities::{rollup_answer, rollup_response};
use backend::week::week_label;
use sea_orm::EntityTrait;
use shared::{AnswerValue, Channel, Stage};
use std::collections::BTreeMap;
use tests::{db_tests, TestApp};

async fn store_with_text(app: &TestApp, days_ago: i64, text: &str) {
    let unit = units::find_by_code(&app.db, "CE").await.unwrap().unwrap();
    let week = week_label(time::OffsetDateTime::now_utc().date() - time::Duration::days(days_ago));
    let answers = BTreeMap::from([
        ("overall".to_string(), AnswerValue::Scale(2)),
        ("one_thing".to_string(), AnswerValue::Text(text.to_string())),
    ]);
    let new = NewResponse {
        stage: Stage::Court,
        unit_id: unit.id,
        channel: Channel::Sms,
        survey_version: 1,
        week,
        answers,
    };
    responses::store(&app.db, &analysis::Tagger::default(), &new)
        .await
        .unwrap();
}

async fn old_free_text_is_deleted_and_rollups_stay(app: TestApp) {
    store_with_text(&app, 500, "old words").await;
    store_with_text(&app, 400, "older words").await;
    store_with_text(&app, 30, "recent words").await;
    app.fold_rollups().await;
    let answer_rollups_before = rollup_answer::Entity::find().all(&app.db).await.unwrap();
    let response_rollups_before = rollup_response::Entity::find().all(&app.db).await.unwrap();

    let deleted = retention::purge_old_text(&app.db, 365).await.unwrap();

    assert_eq!(deleted, 2);
    let bodies: Vec<String> = app.comments().await.into_iter().map(|c| c.body).collect();
    assert_eq!(bodies, vec!["recent words".to_string()]);
    assert_eq!(app.response_count().await, 3);
    assert_eq!(
        rollup_answer::Entity::find().all(&app.db).await.unwrap(),
        answer_rollups_before
    );
    assert_eq!(
        rollup_response::Entity::find().all(&app.db).await.unwrap(),
        response_rollups_before
    );
    assert_eq!(retention::purge_old_text(&app.db, 365).await.unwrap(), 0);
}

db_tests!(old_free_text_is_deleted_and_rollups_stay);
