//! On SQLite the submission writer's connection never checkpoints the WAL itself (a
//! checkpoint copies pages and syncs the file, and every waiting submission would wait for
//! it); the writers have it done every 250 ms on another connection, and finish it
//! themselves between batches once the WAL has grown (`responses::checkpoint_ticker`).
//! These show that the answers still reach the database file itself, with nothing else
//! writing (a copy of the file alone, without its WAL, holds them), and that under a steady
//! stream of submissions the WAL starts again instead of growing for as long as it lasts.

use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
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

/// Far beyond what the WAL may hold before the writer finishes a checkpoint (16 MB) plus what
/// one checkpoint period can add; far below what the burst below writes (about 25 KB of WAL
/// frames per answer with a comment: over 100 MB).
const WAL_BOUND: u64 = 48 * 1024 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wal_starts_again_under_a_steady_stream_of_submissions() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
    let links = Arc::new(issue_invitations_in_bulk(&app.db, 5_000).await);
    let wal = app.settings.data_dir.join("victim-voice.db-wal");
    let answers = Arc::new(json!({
        "survey_version": 1,
        "answers": {
            "overall": {"kind": "scale", "value": 2},
            "kept_informed": {"kind": "scale", "value": 1},
            "one_thing": {"kind": "text", "value": "Nobody rang me back for three weeks after I reported it, and nobody told me about the court date."}
        }
    }));

    let done = Arc::new(AtomicBool::new(false));
    let largest = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (done, largest, wal) = (done.clone(), largest.clone(), wal.clone());
        tokio::spawn(async move {
            while !done.load(Ordering::Relaxed) {
                let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
                largest.fetch_max(size, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };
    let started = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..32)
        .map(|_| {
            let (app_client, base, links, next, answers) = (
                app.client.clone(),
                app.base_url.clone(),
                links.clone(),
                next.clone(),
                answers.clone(),
            );
            tokio::spawn(async move {
                let mut statuses = Vec::new();
                while let Some(link) = links.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let response = app_client
                        .post(format!("{base}/api/v1/invitations/{link}/response"))
                        .json(&*answers)
                        .send()
                        .await
                        .expect("request sent");
                    statuses.push(response.status().as_u16());
                }
                statuses
            })
        })
        .collect();
    let mut stored = 0;
    for client in clients {
        let statuses = client.await.expect("client ran");
        assert!(statuses.iter().all(|s| *s == 201), "every answer stored");
        stored += statuses.len();
    }
    done.store(true, Ordering::Relaxed);
    sampler.await.expect("sampler ran");
    let largest = largest.load(Ordering::Relaxed);
    eprintln!(
        "{stored} answers in {:.1} s; the WAL file was at most {:.1} MB",
        started.elapsed().as_secs_f64(),
        largest as f64 / 1_048_576.0
    );
    assert_eq!(stored, links.len());
    assert!(
        largest < WAL_BOUND,
        "the WAL grew to {largest} bytes during the burst"
    );
}
