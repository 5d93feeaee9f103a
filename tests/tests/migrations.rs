//! Migrations that reshape a table keep its rows, on SQLite and PostgreSQL: the newest one
//! (comment themes keyed by comment and theme) is taken down and up again on a database with
//! answers a victim gave through the API, and nothing they wrote loses a theme either way.

use backend::storage::raw_statement;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};
use serde_json::json;
use shared::Stage;
use tests::{db_tests, TestApp};

/// Every stored theme as (comment, theme, polarity, source), in that order.
async fn themes(db: &DatabaseConnection) -> Vec<(String, String, String, String)> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT comment_id, theme, polarity, source FROM comment_themes \
             ORDER BY comment_id, theme, polarity",
        ))
        .await
        .expect("themes read");
    rows.iter()
        .map(|row| {
            (
                row.try_get("", "comment_id").unwrap(),
                row.try_get("", "theme").unwrap(),
                row.try_get("", "polarity").unwrap(),
                row.try_get("", "source").unwrap(),
            )
        })
        .collect()
}

/// Stores one theme row directly, as the old shape allowed any.
async fn insert_theme(
    db: &DatabaseConnection,
    comment: &str,
    theme: &str,
    polarity: &str,
) -> Result<(), DbErr> {
    db.execute_raw(raw_statement(
        db.get_database_backend(),
        "INSERT INTO comment_themes (comment_id, theme, polarity, source) VALUES (?, ?, ?, 'auto')",
        vec![comment.into(), theme.into(), polarity.into()],
    ))
    .await
    .map(|_| ())
}

async fn comment_themes_keyed_down_and_up_keeps_every_theme(app: TestApp) {
    for text in [
        "Nobody rang me back for weeks and I was never kept informed",
        "The officer was kind and believed me from the start",
    ] {
        let token = app.invite(Stage::Investigation, "CE").await;
        let body = json!({"survey_version": 1, "answers": {
            "overall": {"kind": "scale", "value": 2},
            "one_thing": {"kind": "text", "value": text}
        }});
        assert_eq!(app.post_response(&token, &body).await.status(), 201);
    }
    let stored = themes(&app.db).await;
    assert!(
        stored.len() >= 2,
        "the answers' comments should have at least two themes between them: {stored:?}"
    );

    Migrator::down(&app.db, Some(1)).await.expect("down");
    assert_eq!(themes(&app.db).await, stored, "after taking the key off");
    // The old shape: numbered rows, and nothing stops a theme repeating on a comment.
    let (comment, theme, polarity, _) = stored[0].clone();
    let repeat_polarity = if polarity == "negative" {
        "positive"
    } else {
        "negative"
    };
    insert_theme(&app.db, &comment, &theme, repeat_polarity)
        .await
        .expect("the old shape takes a repeated theme");

    Migrator::up(&app.db, None).await.expect("up again");
    // The repeat is dropped and the first row stored kept, so every theme is as the victim's
    // answer was tagged.
    assert_eq!(themes(&app.db).await, stored, "after keying again");
    assert!(
        insert_theme(&app.db, &comment, &theme, repeat_polarity)
            .await
            .is_err(),
        "the key refuses a comment's theme twice"
    );
    assert_eq!(themes(&app.db).await, stored);
}

db_tests!(comment_themes_keyed_down_and_up_keeps_every_theme);
