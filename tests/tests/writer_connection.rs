//! The submission writers keep a database connection between batches
//! (`services::held_connection`). These show that an answer is still stored when the
//! database has dropped that connection in the meantime, as a PostgreSQL restart or an
//! idle-connection limit does: the failed batch is tried again on a fresh connection, one the
//! pool has checked is alive.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use shared::Stage;
use tests::{spawn_app, Backend};

fn answers() -> serde_json::Value {
    json!({
        "survey_version": 1,
        "answers": {
            "overall": {"kind": "scale", "value": 2},
            "one_thing": {"kind": "text", "value": "Nobody told me the court date."}
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_is_stored_after_the_database_drops_the_writers_connections() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    for round in 0..3 {
        // The writer has taken (and kept) a connection by the first answer.
        let first = app.invite(Stage::Court, "CN").await;
        assert_eq!(app.post_response(&first, &answers()).await.status(), 201);
        // And the fold that follows has used (and given back) the writers' spare connection,
        // so the pool holds an idle one that is dropped too: the retry must not be handed it.
        tokio::time::sleep(3 * backend::services::rollups::FOLD_EVERY).await;

        let dropped = app
            .db
            .query_all_raw(Statement::from_string(
                app.db.get_database_backend(),
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            ))
            .await
            .expect("connections dropped");
        assert!(
            !dropped.is_empty(),
            "round {round}: the app had connections to drop"
        );

        let second = app.invite(Stage::Court, "CN").await;
        let response = app.post_response(&second, &answers()).await;
        assert_eq!(
            response.status(),
            201,
            "round {round}: {:?}",
            response.text().await
        );
        assert_eq!(app.response_count().await, 2 * (round + 1));
    }
}
