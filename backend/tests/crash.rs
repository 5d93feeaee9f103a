//! Crash safety: the real `victim-voice` binary, killed with SIGKILL at random moments during a
//! burst of submissions and restarted, again and again, on SQLite and on PostgreSQL. After every
//! restart:
//! - every response the server acknowledged (201) is present and whole: its comment is there
//!   word for word, its response row exists and its answers JSON parses to what was sent;
//! - a submission whose answer was lost with the server is either stored or not, never half:
//!   answered again after the restart it gets 410 (stored) or 201 (not stored, now stored);
//! - every used invitation has its response stored (used invitations = responses);
//! - every response is counted in the rollups (the restarted server folds what the killed one
//!   had stored but not yet counted before it listens; on PostgreSQL, within seconds, since the
//!   killed server's last transaction can commit after that), and the rollups (weekly, monthly and
//!   the stage-less monthly theme cells) equal a recount from the raw responses and comments,
//!   cell for cell; checked again after the lost answers are re-sent, against the responses
//!   counted so far.
//!
//! 20 kills per database by default (well under a minute each on 2 cores);
//! `VV_CRASH_ROUNDS=100 cargo test -p backend --test crash -- --nocapture` for a longer run.
//! The PostgreSQL variant runs when `VV_TEST_POSTGRES_URL` names a server (always on CI).

use backend::storage::entities::{
    comment, comment_theme, invitation, response, rollup_answer, rollup_answer_month,
    rollup_answer_month_all_units, rollup_response, rollup_response_month, rollup_theme,
    rollup_theme_month, rollup_theme_month_all_stages,
};
use backend::token::InvitationToken;
use backend::Settings;
use rand::Rng;
use sea_orm::{
    AccessMode, ColumnTrait, ConnectionTrait, Database, DatabaseConnection, DbBackend, EntityTrait,
    IsolationLevel, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use shared::{AnswerValue, Stage};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const POSTGRES_ENV: &str = "VV_TEST_POSTGRES_URL";
const DEFAULT_ROUNDS: usize = 20;
/// Concurrent submitters during each burst.
const SUBMITTERS: usize = 6;
/// A burst never needs more links than this (the server is killed within a second; a debug
/// build stores about 1,000 a second from six submitters).
const LINKS_PER_ROUND: usize = 2_500;

fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn rounds() -> usize {
    std::env::var("VV_CRASH_ROUNDS")
        .ok()
        .map(|v| v.parse().expect("VV_CRASH_ROUNDS must be a number"))
        .unwrap_or(DEFAULT_ROUNDS)
}

/// One invitation issued up front and what the test expects of its answer.
struct Link {
    token: String,
    token_hash: String,
    stage: String,
    unit_id: i32,
    marker: String,
}

impl Link {
    fn comment(&self) -> String {
        format!("crash test answer {}", self.marker)
    }

    fn scales(&self, index: usize) -> BTreeMap<String, AnswerValue> {
        BTreeMap::from([
            (
                "overall".to_string(),
                AnswerValue::Scale((index % 5 + 1) as u8),
            ),
            (
                "kept_informed".to_string(),
                AnswerValue::Scale(((index / 5) % 5 + 1) as u8),
            ),
        ])
    }

    fn body(&self, index: usize) -> serde_json::Value {
        let mut answers = serde_json::to_value(self.scales(index)).unwrap();
        answers["one_thing"] = serde_json::json!({"kind": "text", "value": self.comment()});
        serde_json::json!({"survey_version": 1, "answers": answers})
    }
}

/// Letters only, so redaction (which looks for digits, names after cues...) leaves it alone.
fn marker(index: usize) -> String {
    let mut n = index;
    (0..6)
        .map(|_| {
            let c = (b'a' + (n % 26) as u8) as char;
            n /= 26;
            c
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Outcome {
    /// Not tried yet.
    Untried,
    /// The server said 201.
    Acknowledged,
    /// The connection died with the server: stored or not, unknown until asked again.
    Unknown,
}

/// A database made for this test and dropped after it (PostgreSQL), or a SQLite file.
struct TestDatabase {
    url: Option<String>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    async fn new(postgres: bool) -> Option<Self> {
        if !postgres {
            return Some(Self {
                url: None,
                postgres: None,
            });
        }
        let Ok(server) = std::env::var(POSTGRES_ENV) else {
            assert!(!on_ci(), "{POSTGRES_ENV} must be set on CI");
            eprintln!("skipped: set {POSTGRES_ENV} to run the PostgreSQL variant");
            return None;
        };
        let name = format!("vv_crash_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(&server)
            .await
            .expect("PostgreSQL reachable");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        admin.close().await.ok();
        Some(Self {
            url: Some(replace_database(&server, &name)),
            postgres: Some((server, name)),
        })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else {
            return;
        };
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                if let Ok(admin) = Database::connect(&server).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

fn replace_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let root = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{root}/{name}?{query}"),
        None => format!("{root}/{name}"),
    }
}

/// The server as a child process; killed with SIGKILL when dropped (even on a failed assert).
struct Server {
    child: Child,
    base_url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .unwrap()
        .port()
}

fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

async fn start_server(
    data_dir: &Path,
    database_url: Option<&str>,
    log: &Path,
    client: &reqwest::Client,
) -> Server {
    for _attempt in 0..3 {
        let port = free_port();
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("log file");
        let mut command = Command::new(env!("CARGO_BIN_EXE_victim-voice"));
        command
            .arg("serve")
            .env("VV_BIND", format!("127.0.0.1:{port}"))
            .env("VV_DATA_DIR", data_dir)
            .env("VV_STATIC_DIR", data_dir.join("no-frontend"))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file);
        match database_url {
            Some(url) => command.env("DATABASE_URL", url),
            None => command.env_remove("DATABASE_URL"),
        };
        let mut server = Server {
            child: command.spawn().expect("victim-voice starts"),
            base_url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                // Most likely the port was taken between choosing and binding: try another.
                eprintln!("server exited at start ({status}):\n{}", log_tail(log));
                break;
            }
            let ready = client
                .get(format!("{}/healthz", server.base_url))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200);
            if ready {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "server not ready in 60 s:\n{}",
                log_tail(log)
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        drop(server);
    }
    panic!("server would not start:\n{}", log_tail(log));
}

/// Issues every link the run needs in bulk, as `invitations::issue` would (only hashes stored).
async fn issue_links(db: &DatabaseConnection, n: usize) -> Vec<Link> {
    let units = backend::services::units::all(db).await.unwrap();
    let expires_at = time::OffsetDateTime::now_utc().unix_timestamp() + 28 * 86_400;
    let links: Vec<Link> = (0..n)
        .map(|i| {
            let token = InvitationToken::generate();
            Link {
                token: token.as_str().to_string(),
                token_hash: token.hash(),
                stage: Stage::ALL[i % Stage::ALL.len()].to_string(),
                unit_id: units[(i / Stage::ALL.len()) % units.len()].id,
                marker: marker(i),
            }
        })
        .collect();
    for chunk in links.chunks(500) {
        invitation::Entity::insert_many(chunk.iter().map(|link| invitation::ActiveModel {
            token_hash: Set(link.token_hash.clone()),
            stage: Set(link.stage.clone()),
            unit_id: Set(link.unit_id),
            channel: Set("link".to_string()),
            expires_at: Set(expires_at),
            used: Set(false),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await
        .expect("invitations issued");
    }
    links
}

/// Submits links from `next` on until the server dies (or the links run out).
async fn submitter(
    client: reqwest::Client,
    base_url: String,
    links: Arc<Vec<Link>>,
    outcomes: Arc<Mutex<Vec<Outcome>>>,
    next: Arc<AtomicUsize>,
    limit: usize,
    log: PathBuf,
) {
    loop {
        let index = next.fetch_add(1, Ordering::SeqCst);
        if index >= limit {
            return;
        }
        let link = &links[index];
        outcomes.lock().unwrap()[index] = Outcome::Unknown;
        let result = client
            .post(format!(
                "{base_url}/api/v1/invitations/{}/response",
                link.token
            ))
            .json(&link.body(index))
            .send()
            .await;
        match result {
            Ok(r) if r.status() == 201 => outcomes.lock().unwrap()[index] = Outcome::Acknowledged,
            Ok(r) => {
                let status = r.status();
                let body = r.text().await.unwrap_or_default();
                panic!(
                    "a fresh link was answered {status}: {body}\nserver log:\n{}",
                    log_tail(&log)
                )
            }
            // The server died with this request in flight (or before accepting it).
            Err(_) => return,
        }
    }
}

type AnswerCell = (i32, String, String, String, String);
type ResponseCell = (i32, String, String, String);
type ThemeCell = (i32, String, String, String, String);

/// Everything the test promises, checked against one snapshot of the database as it is now
/// (a transaction, repeatable read on PostgreSQL, so the counts are of the same moment).
/// Waits until the restarted server has counted every stored response. On SQLite the start-up
/// fold has done it before the server listens. On PostgreSQL a killed server's last
/// transaction can still commit after that fold (the database finishes what it was sent), and
/// the writers' sweep (every `rollups::SWEEP_EVERY`, 2 s) counts it; 30 s without is a failure.
async fn wait_until_all_counted(db: &DatabaseConnection, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let uncounted = response::Entity::find()
            .filter(response::Column::RolledUp.eq(false))
            .count(db)
            .await
            .unwrap();
        if uncounted == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{uncounted} responses still not in the rollups 30 s after a restart:\n{}",
            log_tail(log)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `after_restart`: checked before anything was submitted to the restarted server, once it has
/// counted every stored response.
async fn check_invariants(
    db: &DatabaseConnection,
    links: &[Link],
    outcomes: &[Outcome],
    after_restart: bool,
) {
    let snapshot = match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await
        }
        _ => db.begin().await,
    }
    .expect("a read transaction");
    check_snapshot(&snapshot, links, outcomes, after_restart).await;
    snapshot.rollback().await.ok();
}

async fn check_snapshot(
    db: &impl ConnectionTrait,
    links: &[Link],
    outcomes: &[Outcome],
    after_restart: bool,
) {
    let responses = response::Entity::find().all(db).await.unwrap();
    let comments = comment::Entity::find().all(db).await.unwrap();
    let themes = comment_theme::Entity::find().all(db).await.unwrap();
    let invitations = invitation::Entity::find().all(db).await.unwrap();

    // Every used invitation has its response, and no response lacks one.
    let used: HashMap<&str, bool> = invitations
        .iter()
        .map(|i| (i.token_hash.as_str(), i.used))
        .collect();
    let used_count = invitations.iter().filter(|i| i.used).count();
    assert_eq!(used_count, responses.len(), "used invitations = responses");
    assert_eq!(comments.len(), responses.len(), "one comment per response");

    // Every acknowledged response is present and whole.
    let by_id: HashMap<&str, &response::Model> =
        responses.iter().map(|r| (r.id.as_str(), r)).collect();
    let by_body: HashMap<&str, &comment::Model> =
        comments.iter().map(|c| (c.body.as_str(), c)).collect();
    for (index, link) in links.iter().enumerate() {
        let stored_comment = by_body.get(link.comment().as_str());
        match outcomes[index] {
            Outcome::Acknowledged => {
                assert_eq!(used.get(link.token_hash.as_str()), Some(&true));
                let comment = stored_comment
                    .unwrap_or_else(|| panic!("acknowledged answer {index} has lost its comment"));
                let row = by_id
                    .get(comment.response_id.as_str())
                    .unwrap_or_else(|| panic!("acknowledged answer {index} has lost its response"));
                let answers: BTreeMap<String, AnswerValue> =
                    serde_json::from_str(&row.answers).expect("answers JSON parses");
                assert_eq!(answers, link.scales(index), "answer {index} is whole");
                assert_eq!(
                    (row.stage.as_str(), row.unit_id),
                    (link.stage.as_str(), link.unit_id)
                );
                assert_eq!(comment.question_id, "one_thing");
                assert_eq!(
                    (
                        comment.stage.as_str(),
                        comment.unit_id,
                        comment.week.as_str()
                    ),
                    (row.stage.as_str(), row.unit_id, row.week.as_str())
                );
            }
            Outcome::Untried => {
                assert_eq!(used.get(link.token_hash.as_str()), Some(&false));
                assert!(stored_comment.is_none());
            }
            // Stored or not, but if stored then whole.
            Outcome::Unknown => {
                let is_used = used[link.token_hash.as_str()];
                assert_eq!(
                    is_used,
                    stored_comment.is_some(),
                    "link {index} used = stored"
                );
                if let Some(comment) = stored_comment {
                    let row = by_id[comment.response_id.as_str()];
                    let answers: BTreeMap<String, AnswerValue> =
                        serde_json::from_str(&row.answers).expect("answers JSON parses");
                    assert_eq!(answers, link.scales(index));
                }
            }
        }
    }

    // Rollups equal a recount from the raw rows they have counted so far. Right after a
    // restart that is every row (see `wait_until_all_counted`).
    if after_restart {
        let unfolded = responses.iter().filter(|r| !r.rolled_up).count();
        assert_eq!(unfolded, 0, "responses not in the rollups after a restart");
    }
    let counted: Vec<&response::Model> = responses.iter().filter(|r| r.rolled_up).collect();
    let mut answer_cells: BTreeMap<AnswerCell, i64> = BTreeMap::new();
    let mut response_cells: BTreeMap<ResponseCell, i64> = BTreeMap::new();
    for row in &counted {
        let answers: BTreeMap<String, AnswerValue> =
            serde_json::from_str(&row.answers).expect("answers JSON parses");
        for (question, answer) in answers {
            for token in answer.tokens() {
                let key = (
                    row.unit_id,
                    row.stage.clone(),
                    row.week.clone(),
                    question.clone(),
                    token,
                );
                *answer_cells.entry(key).or_default() += 1;
            }
        }
        let key = (
            row.unit_id,
            row.stage.clone(),
            row.week.clone(),
            row.channel.clone(),
        );
        *response_cells.entry(key).or_default() += 1;
    }
    let comment_by_id: HashMap<&str, &comment::Model> =
        comments.iter().map(|c| (c.id.as_str(), c)).collect();
    let counted_ids: HashSet<&str> = counted.iter().map(|r| r.id.as_str()).collect();
    let mut theme_cells: BTreeMap<ThemeCell, i64> = BTreeMap::new();
    for theme in &themes {
        let comment = comment_by_id[theme.comment_id.as_str()];
        if !counted_ids.contains(comment.response_id.as_str()) {
            continue;
        }
        let key = (
            comment.unit_id,
            comment.stage.clone(),
            comment.week.clone(),
            theme.theme.clone(),
            theme.polarity.clone(),
        );
        *theme_cells.entry(key).or_default() += 1;
    }

    let stored_answers: BTreeMap<AnswerCell, i64> = rollup_answer::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                (r.unit_id, r.stage, r.week, r.question_id, r.value),
                r.count,
            )
        })
        .collect();
    let stored_responses: BTreeMap<ResponseCell, i64> = rollup_response::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.unit_id, r.stage, r.week, r.channel), r.count))
        .collect();
    let stored_themes: BTreeMap<ThemeCell, i64> = rollup_theme::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.unit_id, r.stage, r.week, r.theme, r.polarity), r.count))
        .collect();
    assert_eq!(stored_answers, answer_cells, "rollup_answers = recount");
    assert_eq!(
        stored_responses, response_cells,
        "rollup_responses = recount"
    );
    assert_eq!(stored_themes, theme_cells, "rollup_themes = recount");

    // The month-level rollups the dashboards read are written by the same batch commit, so
    // they must equal the same recount summed by the month of each week's Monday.
    let month = |week: &str| week.get(..7).unwrap_or(week).to_string();
    let mut answer_months: BTreeMap<AnswerCell, i64> = BTreeMap::new();
    for ((unit, stage, week, question, value), n) in &answer_cells {
        let key = (
            *unit,
            stage.clone(),
            month(week),
            question.clone(),
            value.clone(),
        );
        *answer_months.entry(key).or_default() += n;
    }
    let mut response_months: BTreeMap<ResponseCell, i64> = BTreeMap::new();
    for ((unit, stage, week, channel), n) in &response_cells {
        let key = (*unit, stage.clone(), month(week), channel.clone());
        *response_months.entry(key).or_default() += n;
    }
    let mut theme_months: BTreeMap<ThemeCell, i64> = BTreeMap::new();
    let mut theme_months_all_stages: BTreeMap<(i32, String, String, String), i64> = BTreeMap::new();
    for ((unit, stage, week, theme, polarity), n) in &theme_cells {
        let key = (
            *unit,
            stage.clone(),
            month(week),
            theme.clone(),
            polarity.clone(),
        );
        *theme_months.entry(key).or_default() += n;
        let key = (*unit, month(week), theme.clone(), polarity.clone());
        *theme_months_all_stages.entry(key).or_default() += n;
    }
    let stored: BTreeMap<AnswerCell, i64> = rollup_answer_month::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                (r.unit_id, r.stage, r.month, r.question_id, r.value),
                r.count,
            )
        })
        .collect();
    assert_eq!(stored, answer_months, "rollup_answers_monthly = recount");
    let mut answer_months_all_units: BTreeMap<(String, String, String, String), i64> =
        BTreeMap::new();
    for ((_, stage, month, question, value), n) in &answer_months {
        let key = (
            stage.clone(),
            month.clone(),
            question.clone(),
            value.clone(),
        );
        *answer_months_all_units.entry(key).or_default() += n;
    }
    let stored: BTreeMap<(String, String, String, String), i64> =
        rollup_answer_month_all_units::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| ((r.stage, r.month, r.question_id, r.value), r.count))
            .collect();
    assert_eq!(
        stored, answer_months_all_units,
        "rollup_answers_monthly_all_units = recount"
    );
    let stored: BTreeMap<ResponseCell, i64> = rollup_response_month::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.unit_id, r.stage, r.month, r.channel), r.count))
        .collect();
    assert_eq!(
        stored, response_months,
        "rollup_responses_monthly = recount"
    );
    let stored: BTreeMap<ThemeCell, i64> = rollup_theme_month::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.unit_id, r.stage, r.month, r.theme, r.polarity), r.count))
        .collect();
    assert_eq!(stored, theme_months, "rollup_themes_monthly = recount");
    let stored: BTreeMap<(i32, String, String, String), i64> =
        rollup_theme_month_all_stages::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| ((r.unit_id, r.month, r.theme, r.polarity), r.count))
            .collect();
    assert_eq!(
        stored, theme_months_all_stages,
        "rollup_themes_monthly_all_stages = recount"
    );
}

async fn killed_again_and_again_during_a_burst_loses_nothing(postgres: bool) {
    let Some(database) = TestDatabase::new(postgres).await else {
        return;
    };
    let started = Instant::now();
    let rounds = rounds();
    let dir = tempfile::tempdir().unwrap();
    let data_dir: PathBuf = dir.path().join("data");
    let log = dir.path().join("server.log");
    let mut settings = Settings::for_data_dir(data_dir.clone());
    settings.database_url = database.url.clone();
    let db = backend::startup::prepare_database(&settings)
        .await
        .expect("database ready");
    let links = Arc::new(issue_links(&db, rounds * LINKS_PER_ROUND).await);
    let outcomes = Arc::new(Mutex::new(vec![Outcome::Untried; links.len()]));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut rng = rand::rng();
    let (mut acknowledged, mut in_flight_stored, mut in_flight_not_stored) = (0, 0, 0);

    for round in 0..=rounds {
        let server = start_server(&data_dir, database.url.as_deref(), &log, &client).await;

        // Answers lost with the last server: asked again, each was stored whole or not at all.
        let unknown: Vec<usize> = {
            let outcomes = outcomes.lock().unwrap();
            (0..links.len())
                .filter(|i| outcomes[*i] == Outcome::Unknown)
                .collect()
        };
        wait_until_all_counted(&db, &log).await;
        let seen = outcomes.lock().unwrap().clone();
        check_invariants(&db, &links, &seen, true).await;
        for index in unknown {
            let link = &links[index];
            let status = client
                .post(format!(
                    "{}/api/v1/invitations/{}/response",
                    server.base_url, link.token
                ))
                .json(&link.body(index))
                .send()
                .await
                .expect("the restarted server answers")
                .status();
            match status.as_u16() {
                410 => in_flight_stored += 1,
                201 => in_flight_not_stored += 1,
                other => panic!(
                    "an in-flight answer asked again got {other}:\n{}",
                    log_tail(&log)
                ),
            }
            outcomes.lock().unwrap()[index] = Outcome::Acknowledged;
        }
        let seen = outcomes.lock().unwrap().clone();
        check_invariants(&db, &links, &seen, false).await;
        if round == rounds {
            break;
        }

        // A burst from several clients, and SIGKILL at a random moment in it.
        let first = round * LINKS_PER_ROUND;
        let next = Arc::new(AtomicUsize::new(first));
        let tasks: Vec<_> = (0..SUBMITTERS)
            .map(|_| {
                tokio::spawn(submitter(
                    client.clone(),
                    server.base_url.clone(),
                    links.clone(),
                    outcomes.clone(),
                    next.clone(),
                    first + LINKS_PER_ROUND,
                    log.clone(),
                ))
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(rng.random_range(10..700))).await;
        drop(server); // SIGKILL, then wait for the process to be gone
        for task in tasks {
            task.await.expect("submitter ran");
        }
        let outcomes = outcomes.lock().unwrap();
        let tried = outcomes[first..first + LINKS_PER_ROUND]
            .iter()
            .filter(|o| **o != Outcome::Untried)
            .count();
        assert!(
            tried < LINKS_PER_ROUND,
            "round {round}: the burst outran its links before the kill"
        );
        acknowledged += outcomes[first..first + LINKS_PER_ROUND]
            .iter()
            .filter(|o| **o == Outcome::Acknowledged)
            .count();
    }
    let stored = response::Entity::find().all(&db).await.unwrap().len();
    println!(
        "crash ({}): {rounds} kills in {:.1} s; {acknowledged} answers acknowledged during bursts, \
         {in_flight_stored} in flight at a kill and stored, {in_flight_not_stored} in flight and \
         not stored (answered after the restart); {stored} responses stored, all whole, rollups \
         equal a recount",
        if postgres { "PostgreSQL" } else { "SQLite" },
        started.elapsed().as_secs_f64()
    );
    assert!(acknowledged > 0, "the bursts stored something");
    db.close().await.ok();
    drop(database);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_kill_9_during_submission_bursts_loses_nothing() {
    killed_again_and_again_during_a_burst_loses_nothing(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_kill_9_during_submission_bursts_loses_nothing() {
    killed_again_and_again_during_a_burst_loses_nothing(true).await;
}
