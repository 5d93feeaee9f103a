//! The submission writer and the month-level rollups over real HTTP, on SQLite and PostgreSQL:
//! many answers at once (committed in shared transactions) are each stored once, a link sent
//! twice at the same moment is stored once (the other gets 410), and every month-level rollup
//! equals its weekly rollup summed by the month of each week's Monday (and the stage-less theme
//! months and the unit-less answer months equal the weekly cells summed by month over every
//! stage or unit), also after a correction takes a cell to zero.

use backend::services::responses::{self, NewResponse};
use backend::services::rollups;
use backend::storage::entities::{
    response, rollup_answer, rollup_answer_month, rollup_answer_month_all_units, rollup_response,
    rollup_response_month, rollup_theme, rollup_theme_month, rollup_theme_month_all_stages,
};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;
use shared::{AnswerValue, Channel, Stage};
use std::collections::BTreeMap;
use tests::{db_tests, TestApp};

fn answer(i: usize) -> serde_json::Value {
    json!({"survey_version": 1, "answers": {
        "overall": {"kind": "scale", "value": i % 5 + 1},
        "one_thing": {"kind": "text", "value": "Nobody rang me back and I was never kept informed"}
    }})
}

/// Weekly cells summed into months, keyed like the monthly table.
fn by_month<K: Ord>(cells: impl Iterator<Item = (K, i64)>) -> BTreeMap<K, i64> {
    let mut out = BTreeMap::new();
    for (key, count) in cells {
        *out.entry(key).or_insert(0) += count;
    }
    out
}

async fn assert_months_match_weeks(app: &TestApp) {
    app.fold_rollups().await;
    let db = &app.db;
    let month = |week: &str| week[..7].to_string();
    let weekly = by_month(
        rollup_response::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| ((c.unit_id, c.stage, month(&c.week), c.channel), c.count)),
    );
    let monthly = by_month(
        rollup_response_month::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| ((c.unit_id, c.stage, c.month, c.channel), c.count)),
    );
    assert_eq!(
        monthly, weekly,
        "rollup_responses_monthly = weekly by month"
    );
    let weekly = by_month(
        rollup_answer::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| {
                let key = (c.unit_id, c.stage, month(&c.week), c.question_id, c.value);
                (key, c.count)
            }),
    );
    let monthly = by_month(
        rollup_answer_month::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| {
                (
                    (c.unit_id, c.stage, c.month, c.question_id, c.value),
                    c.count,
                )
            }),
    );
    assert_eq!(monthly, weekly, "rollup_answers_monthly = weekly by month");
    assert!(!monthly.is_empty(), "answers were counted");
    let weekly_all_units = by_month(weekly.iter().map(
        |((_, stage, month, question, value), count)| {
            (
                (
                    stage.clone(),
                    month.clone(),
                    question.clone(),
                    value.clone(),
                ),
                *count,
            )
        },
    ));
    let all_units = by_month(
        rollup_answer_month_all_units::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| ((c.stage, c.month, c.question_id, c.value), c.count)),
    );
    assert_eq!(
        all_units, weekly_all_units,
        "rollup_answers_monthly_all_units = weekly summed by month over units"
    );
    let weekly = by_month(
        rollup_theme::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| {
                (
                    (c.unit_id, c.stage, month(&c.week), c.theme, c.polarity),
                    c.count,
                )
            }),
    );
    let monthly = by_month(
        rollup_theme_month::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| ((c.unit_id, c.stage, c.month, c.theme, c.polarity), c.count)),
    );
    assert_eq!(monthly, weekly, "rollup_themes_monthly = weekly by month");
    assert!(!monthly.is_empty(), "themed comments were counted");
    let weekly_all_stages = by_month(weekly.iter().map(
        |((unit, _, month, theme, polarity), count)| {
            (
                (*unit, month.clone(), theme.clone(), polarity.clone()),
                *count,
            )
        },
    ));
    let all_stages = by_month(
        rollup_theme_month_all_stages::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| ((c.unit_id, c.month, c.theme, c.polarity), c.count)),
    );
    assert_eq!(
        all_stages, weekly_all_stages,
        "rollup_themes_monthly_all_stages = weekly summed by month over stages"
    );
}

async fn concurrent_answers_are_each_stored_once_and_months_match_weeks(app: TestApp) {
    let units = ["CE", "NW", "SE"];
    let mut tokens = Vec::new();
    for i in 0..48 {
        tokens.push(
            app.invite(Stage::ALL[i % Stage::ALL.len()], units[i % 3])
                .await,
        );
    }
    // Each link sent once, plus the first eight sent a second time at the same moment.
    let sends: Vec<_> = tokens
        .iter()
        .enumerate()
        .chain(tokens.iter().enumerate().take(8))
        .map(|(i, token)| {
            let request = app
                .client
                .post(app.url(&format!("/api/v1/invitations/{token}/response")))
                .json(&answer(i));
            tokio::spawn(async move { request.send().await.unwrap().status().as_u16() })
        })
        .collect();
    let mut statuses = Vec::new();
    for send in sends {
        statuses.push(send.await.unwrap());
    }
    let created = statuses.iter().filter(|s| **s == 201).count();
    let gone = statuses.iter().filter(|s| **s == 410).count();
    assert_eq!((created, gone), (48, 8), "{statuses:?}");
    assert_eq!(response::Entity::find().count(&app.db).await.unwrap(), 48);
    let used = app.invitations().await.iter().filter(|i| i.used).count();
    assert_eq!(used, 48);

    // A response from an earlier month through the loader path lands in that month.
    let units_list = backend::services::units::all(&app.db).await.unwrap();
    let new = NewResponse {
        stage: Stage::Court,
        unit_id: units_list[0].id,
        channel: Channel::Advocate,
        survey_version: 1,
        week: "2025-03-31".to_string(),
        answers: BTreeMap::from([
            ("overall".to_string(), AnswerValue::Scale(2)),
            (
                "one_thing".to_string(),
                AnswerValue::Text("Nobody rang me back and I was never kept informed".to_string()),
            ),
        ]),
    };
    responses::store(&app.db, &analysis::Tagger::default(), &new)
        .await
        .unwrap();
    app.fold_rollups().await;
    let march = rollup_response_month::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.month == "2025-03")
        .map(|c| c.count)
        .sum::<i64>();
    assert_eq!(march, 1, "the week of Monday 31 March counts towards March");
    assert_months_match_weeks(&app).await;

    // A correction through the one rollup helper that takes a theme cell to zero: it goes from
    // every level, so the stage-less month holds only what the other stages still count.
    let cell = rollup_theme::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.week == "2025-03-31")
        .expect("the March answer was themed");
    let before = rollup_theme_month_all_stages::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();
    rollups::add_to_counts(
        &app.db,
        "rollup_themes",
        rollups::THEME_KEYS,
        vec![(
            vec![
                cell.unit_id.into(),
                cell.stage.clone().into(),
                cell.week.clone().into(),
                cell.theme.clone().into(),
                cell.polarity.clone().into(),
            ],
            -cell.count,
        )],
    )
    .await
    .unwrap();
    let after = rollup_theme_month_all_stages::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(after, before - 1, "the emptied stage-less cell is deleted");
    assert_months_match_weeks(&app).await;
}

db_tests!(concurrent_answers_are_each_stored_once_and_months_match_weeks);
