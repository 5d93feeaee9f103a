//! On SQLite the submission writer's connection never checkpoints the WAL itself (a
//! checkpoint copies pages and syncs the file, and every waiting submission would wait for
//! it); the writers have it done every 500 ms on another connection
//! (`responses::Submissions::start`). This shows the answers still reach the database file
//! itself, with nothing else writing: a copy of the file alone, without its WAL, holds them.

use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::json;
use std::time::Duration;
use tests::{issue_invitations_in_bulk, spawn_app, Backend};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_reach_the_database_file_though_the_writer_never_checkpoints() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    let links = issue_invitations_in_bulk(&app.db, 300).await;
    let answers = json!({
        "survey_version": 1,
        "answers": {
            "overall": {"kind": "scale", "value": 4},
            "one_thing": {"kind": "text", "value": "Nobody rang me back for three weeks."}
        }
    });
    for link in &links {
        assert_eq!(app.post_response(link, &answers).await.status(), 201);
    }
    // Two checkpoint periods and then some, with nothing being written.
    tokio::time::sleep(Duration::from_millis(1_500)).await;

    let copy_dir = tempfile::tempdir().expect("temp dir");
    let copy = copy_dir.path().join("copy.db");
    std::fs::copy(app.settings.data_dir.join("victim-voice.db"), &copy).expect("file copied");
    let file_alone = Database::connect(format!("sqlite://{}", copy.display()))
        .await
        .expect("copy opens");
    let in_file = file_alone
        .query_one_raw(Statement::from_string(
            file_alone.get_database_backend(),
            "SELECT COUNT(*) AS n FROM responses",
        ))
        .await
        .expect("count")
        .expect("a row")
        .try_get::<i64>("", "n")
        .expect("a number");
    assert_eq!(in_file, links.len() as i64);
}
