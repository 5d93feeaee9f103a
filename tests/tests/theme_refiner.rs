//! The background theme refiner (`services::refine`) over real HTTP, on SQLite and PostgreSQL:
//! with it on, every comment (answers sent through the survey API while it runs, comments
//! stored earlier with another tagger's themes, and a comment sent once it is idle) ends up
//! with exactly the refined tagger's themes, and every theme rollup level still equals a
//! recount. Comments corrected by staff, before the refiner reaches them or while it runs,
//! keep exactly the staff's themes.

use analysis::Tagger;
use backend::services::responses::{self, NewResponse};
use backend::storage::entities::{comment, comment_correction, comment_theme};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};
use serde_json::{json, Value};
use shared::{AnswerValue, Channel, StaffRole, Stage};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use tests::{assert_theme_rollups_equal_recount, spawn_app_with, Backend, TestApp};

/// Comments victims might write, with a spread of themes (none, one, several).
const TEXTS: &[&str] = &[
    "Nobody ever called me back and I was never updated on my case",
    "The CPS dropped the charges without telling me",
    "I didn't understand the jargon in the letters",
    "Nobody looked at my screenshots or the doorbell footage",
    "The officer treated me with respect",
    "I was told to just block him",
    "It felt like nobody cared what happened to me",
    "The police were dismissive and rude",
    "Victim support were brilliant, thank you",
    "He still follows me and the police do nothing",
];

/// How long the refiner may take over everything these tests store.
const REFINE_WITHIN: Duration = Duration::from_secs(60);

/// A theme set as stored or tagged: (theme, polarity, source), sorted.
type Themes = Vec<(String, String, String)>;

fn tagged(tags: &[analysis::ThemeTag], source: &str) -> Themes {
    let mut themes: Themes = tags
        .iter()
        .map(|t| {
            (
                t.id.clone(),
                responses::polarity_name(t.polarity).to_string(),
                source.to_string(),
            )
        })
        .collect();
    themes.sort();
    themes
}

/// Every comment's stored themes, by comment id.
async fn stored_themes(app: &TestApp) -> BTreeMap<String, Themes> {
    let mut by_comment: BTreeMap<String, Themes> = BTreeMap::new();
    for comment in app.comments().await {
        by_comment.insert(comment.id, Vec::new());
    }
    for row in comment_theme::Entity::find().all(&app.db).await.unwrap() {
        by_comment
            .entry(row.comment_id)
            .or_default()
            .push((row.theme, row.polarity, row.source));
    }
    for themes in by_comment.values_mut() {
        themes.sort();
    }
    by_comment
}

/// A victim answers `stage`'s survey for `unit` with two comments, through the API.
async fn submit(app: &TestApp, stage: Stage, unit: &str, one_thing: &str, anything_else: &str) {
    let token = app.invite(stage, unit).await;
    let body = json!({"survey_version": 1, "answers": {
        "overall": {"kind": "scale", "value": 3},
        "one_thing": {"kind": "text", "value": one_thing},
        "anything_else": {"kind": "text", "value": anything_else}
    }});
    assert_eq!(app.post_response(&token, &body).await.status(), 201);
}

/// Waits until no comment is left unrefined; fails after [`REFINE_WITHIN`].
async fn wait_until_all_refined(app: &TestApp) {
    let deadline = Instant::now() + REFINE_WITHIN;
    loop {
        let left = comment::Entity::find()
            .filter(comment::Column::ThemesRefined.eq(false))
            .count(&app.db)
            .await
            .unwrap();
        if left == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{left} comments still unrefined after {REFINE_WITHIN:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Every comment has exactly the refined themes of its stored text (no staff corrections
/// here, so the server's tagger is the default one), and the rollups follow.
async fn assert_every_comment_refined(app: &TestApp) {
    let refiner = Tagger::default();
    let stored = stored_themes(app).await;
    for comment in app.comments().await {
        assert!(comment.themes_refined);
        assert_eq!(
            stored[&comment.id],
            tagged(&refiner.refine(&comment.body), "auto"),
            "themes of {:?}",
            comment.body
        );
    }
    assert_theme_rollups_equal_recount(app).await;
}

async fn every_comment_gets_the_refined_themes_and_rollups_follow(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |s| s.refine_themes = true).await else {
        return;
    };
    // Comments stored earlier and tagged otherwise (the cue tagger alone), which the refiner
    // must re-tag: it adds, removes and turns themes, and the rollups must move with them.
    let older = Tagger::cues_only();
    let refiner = Tagger::default();
    let differing = TEXTS
        .iter()
        .filter(|text| tagged(&older.tag(text), "auto") != tagged(&refiner.refine(text), "auto"))
        .count();
    assert!(differing >= 3, "only {differing} texts are re-tagged");
    let units = backend::services::units::all(&app.db).await.unwrap();
    let txn = app.db.begin().await.unwrap();
    for (i, text) in TEXTS.iter().enumerate() {
        let new = NewResponse {
            stage: Stage::ALL[i % Stage::ALL.len()],
            unit_id: units[i % 3].id,
            channel: Channel::Link,
            survey_version: 1,
            week: if i % 2 == 0 {
                "2025-03-31"
            } else {
                "2025-06-02"
            }
            .to_string(),
            answers: BTreeMap::from([
                ("overall".to_string(), AnswerValue::Scale(2)),
                ("one_thing".to_string(), AnswerValue::Text(text.to_string())),
            ]),
        };
        responses::store(&txn, &older, &new).await.unwrap();
    }
    txn.commit().await.unwrap();

    // Victims answer while the refiner works.
    for (i, text) in TEXTS.iter().enumerate() {
        let other = TEXTS[(i + 3) % TEXTS.len()];
        submit(
            &app,
            Stage::ALL[i % Stage::ALL.len()],
            ["CE", "NW"][i % 2],
            text,
            other,
        )
        .await;
    }
    assert_eq!(app.comment_count().await, 3 * TEXTS.len() as u64);
    wait_until_all_refined(&app).await;
    assert_every_comment_refined(&app).await;

    // Once it is idle, a new comment is still picked up.
    submit(&app, Stage::Court, "SE", TEXTS[7], TEXTS[1]).await;
    wait_until_all_refined(&app).await;
    assert_every_comment_refined(&app).await;
}

async fn comment_with_text(app: &TestApp, text: &str) -> comment::Model {
    let mut found = comment::Entity::find()
        .filter(comment::Column::Body.eq(text))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "one comment says {text:?}");
    found.remove(0)
}

async fn correct(app: &TestApp, analyst: &tests::StaffClient, text: &str, themes: &Value) {
    let id = comment_with_text(app, text).await.id;
    let response = analyst
        .send(Method::PUT, &format!("/api/v1/staff/comments/{id}/themes"))
        .json(&json!({ "themes": themes }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "correcting {text:?}");
}

/// `themes` as stored by a staff correction.
fn by_staff(themes: &Value) -> Themes {
    let mut rows: Themes = themes
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["theme"].as_str().unwrap().to_string(),
                t["polarity"].as_str().unwrap().to_string(),
                "staff".to_string(),
            )
        })
        .collect();
    rows.sort();
    rows
}

async fn staff_corrections_are_never_overwritten(backend: Backend) {
    // The refiner is off while the first correction is made, so it cannot have got there first.
    let Some(mut app) = spawn_app_with(backend, |_| {}).await else {
        return;
    };
    for (i, text) in TEXTS.iter().enumerate().step_by(2) {
        submit(&app, Stage::Investigation, "CE", text, TEXTS[i + 1]).await;
    }
    let analyst = app.staff(StaffRole::Analyst).await;
    // Themes the refined tagger would not give either text (checked below).
    let early_text = "The police were dismissive and rude";
    let early = json!([{"theme": "respect_equality", "polarity": "negative"}]);
    let late_text = "The officer treated me with respect";
    let late = json!([{"theme": "officer_continuity", "polarity": "positive"}]);
    for (text, themes) in [(early_text, &early), (late_text, &late)] {
        let refined = tagged(&Tagger::default().refine(text), "staff");
        assert_ne!(
            refined,
            by_staff(themes),
            "the refiner would agree with staff"
        );
    }
    correct(&app, &analyst, early_text, &early).await;
    assert!(comment_with_text(&app, early_text).await.themes_refined);

    // The same database with the refiner on; another correction while it runs (before or
    // after it reaches that comment: either way staff win).
    app.settings.refine_themes = true;
    let app = app.restart().await;
    // The session is in the database: the same cookie, at the new address.
    let analyst = tests::StaffClient {
        base_url: app.base_url.clone(),
        client: app.client.clone(),
        ..analyst
    };
    correct(&app, &analyst, late_text, &late).await;
    wait_until_all_refined(&app).await;

    let stored = stored_themes(&app).await;
    for (text, themes) in [(early_text, &early), (late_text, &late)] {
        let comment = comment_with_text(&app, text).await;
        assert_eq!(stored[&comment.id], by_staff(themes), "{text:?}");
    }
    assert_eq!(
        comment_correction::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2
    );
    // Every other comment has automatic themes only.
    let with_staff_themes = stored
        .values()
        .filter(|themes| themes.iter().any(|(_, _, source)| source != "auto"))
        .count();
    assert_eq!(with_staff_themes, 2, "only the corrected comments");
    assert_theme_rollups_equal_recount(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_comment_gets_the_refined_themes_and_rollups_follow_sqlite() {
    every_comment_gets_the_refined_themes_and_rollups_follow(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_comment_gets_the_refined_themes_and_rollups_follow_postgres() {
    every_comment_gets_the_refined_themes_and_rollups_follow(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_corrections_are_never_overwritten_sqlite() {
    staff_corrections_are_never_overwritten(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_corrections_are_never_overwritten_postgres() {
    staff_corrections_are_never_overwritten(Backend::Postgres).await;
}
