//! `scripts/bench.sh`: the backend's figures in one run, printed beside their targets.
//!
//! - Submission throughput and p50/p99 latency at 1, 16 and 64 concurrent clients, on SQLite
//!   and on PostgreSQL (when reachable), for the real server (the release `victim-voice`
//!   binary as a child process) and for a bare axum handler that inserts the same row into a
//!   table of the same shape with no validation, redaction or rollups (this binary, run again
//!   as a child process with `serve-bare`, on the same kind of database and the same pool
//!   settings). The ratio is real / bare. Both servers run through each level in turn, in
//!   slices (real, bare, bare, real; the one not measured is stopped), so a slow or fast
//!   spell of a shared machine falls on both.
//! - Dashboard latency (p50/p99 of sequential requests to the unit and advocate dashboards)
//!   with 1,000,000 synthetic responses loaded in bulk, their rollups derived from them.
//! - The real server's resident memory (VmRSS) idle and at its peak under load.
//! - The victim page's compressed bytes (dist/index.html and what it references).
//!
//! Settings: `VV_BENCH_SECONDS` per concurrency level (5), `VV_BENCH_RESPONSES` (1000000),
//! `VV_BENCH_DASHBOARD_REQUESTS` (200), `VV_TEST_POSTGRES_URL` (else PostgreSQL on
//! 127.0.0.1:5432 if it answers), `VV_BENCH_SERVER` (path of `victim-voice`; default: next to
//! this binary); while working on one part, `VV_BENCH_DATABASES` (`sqlite,postgres`) and
//! `VV_BENCH_DASHBOARDS=0` (submissions only) or `VV_BENCH_SUBMISSIONS=0` (dashboards only).

use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Value};
use shared::{StaffRole, Stage};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const LEVELS: [usize; 3] = [1, 16, 64];
const TARGET_RATIO: f64 = 0.5;
const TARGET_DASHBOARD_P50_MS: f64 = 20.0;
const TARGET_RSS_MB: f64 = 150.0;
const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The client counts to run: all of [`LEVELS`], or those `VV_BENCH_CLIENTS` names
/// (`VV_BENCH_CLIENTS=1` narrows a run to one client while working on that level).
fn levels() -> Vec<usize> {
    let Ok(wanted) = std::env::var("VV_BENCH_CLIENTS") else {
        return LEVELS.to_vec();
    };
    let wanted: Vec<usize> = wanted
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .unwrap_or_else(|_| panic!("VV_BENCH_CLIENTS must be numbers such as 1,16,64"))
        })
        .collect();
    LEVELS.into_iter().filter(|n| wanted.contains(n)).collect()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} must be a number"))
        })
        .unwrap_or(default)
}

// ---------------------------------------------------------------- the bare baseline

#[derive(Clone)]
struct Bare {
    db: DatabaseConnection,
    week: String,
}

const BARE_TABLE: &str = "CREATE TABLE IF NOT EXISTS bare_responses (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    stage VARCHAR(16) NOT NULL,
    unit_id INTEGER NOT NULL,
    channel VARCHAR(16) NOT NULL,
    survey_version INTEGER NOT NULL,
    week VARCHAR(10) NOT NULL,
    answers TEXT NOT NULL
)";

/// One INSERT of the row a response is stored as, straight from the body: no invitation,
/// no validation, no redaction, no comments, no rollups, no transaction.
async fn bare_submit(
    State(bare): State<Bare>,
    UrlPath(_token): UrlPath<String>,
    Json(body): Json<serde_json::Value>,
) -> (StatusCode, Json<serde_json::Value>) {
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new("bare_responses"))
        .columns(
            [
                "id",
                "stage",
                "unit_id",
                "channel",
                "survey_version",
                "week",
                "answers",
            ]
            .map(Alias::new),
        )
        .values_panic([
            Value::from(uuid::Uuid::new_v4().to_string()).into(),
            Value::from("court").into(),
            Value::from(1i32).into(),
            Value::from("link").into(),
            Value::from(body["survey_version"].as_i64().unwrap_or(1) as i32).into(),
            Value::from(bare.week.clone()).into(),
            Value::from(body["answers"].to_string()).into(),
        ]);
    match bare.db.execute(&insert).await {
        Ok(_) => (
            StatusCode::CREATED,
            Json(serde_json::json!({"stored": true})),
        ),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(serde_json::json!({"error": e.to_string()})),
        ),
    }
}

async fn serve_bare() -> anyhow::Result<()> {
    let url = std::env::var("VV_BENCH_BARE_DB")?;
    let bind = std::env::var("VV_BIND")?;
    let db = backend::storage::connect(&url).await?;
    db.execute_unprepared(BARE_TABLE).await?;
    let state = Bare {
        db,
        week: backend::week::current_week(),
    };
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/v1/invitations/{token}/response", post(bare_submit))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(&bind).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

// ---------------------------------------------------------------- databases and servers

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Sqlite,
    Postgres,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Sqlite => "SQLite",
            Kind::Postgres => "PostgreSQL",
        }
    }
}

/// A fresh database: a SQLite file in a temporary directory, or a new PostgreSQL database
/// dropped at the end.
struct FreshDb {
    kind: Kind,
    dir: tempfile::TempDir,
    url: String,
    postgres: Option<(String, String)>,
}

impl FreshDb {
    async fn new(kind: Kind, server: Option<&str>) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        match kind {
            Kind::Sqlite => {
                let url = backend::Settings::for_data_dir(dir.path().join("data")).database_url();
                std::fs::create_dir_all(dir.path().join("data"))?;
                Ok(Self {
                    kind,
                    dir,
                    url,
                    postgres: None,
                })
            }
            Kind::Postgres => {
                let server = server.expect("a PostgreSQL server");
                let name = format!("vv_bench_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(server).await?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await?;
                admin.close().await.ok();
                Ok(Self {
                    kind,
                    dir,
                    url: tests::replace_database(server, &name),
                    postgres: Some((server.to_string(), name)),
                })
            }
        }
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn settings(&self) -> backend::Settings {
        let mut settings = backend::Settings::for_data_dir(self.data_dir());
        if self.kind == Kind::Postgres {
            settings.database_url = Some(self.url.clone());
        }
        settings
    }

    async fn drop_database(mut self) {
        if let Some((server, name)) = self.postgres.take() {
            if let Ok(admin) = Database::connect(&server).await {
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
                let _ = admin.close().await;
            }
        }
    }
}

async fn postgres_server() -> Option<String> {
    let url = std::env::var("VV_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES.into());
    let mut options = sea_orm::ConnectOptions::new(url.clone());
    options
        .connect_timeout(Duration::from_secs(3))
        .sqlx_logging(false);
    match Database::connect(options).await {
        Ok(db) => {
            db.close().await.ok();
            Some(url)
        }
        Err(e) => {
            println!("PostgreSQL at {url} is not reachable ({e}): its rows are skipped");
            None
        }
    }
}

/// A server child process, killed when dropped.
struct Server {
    child: Child,
    base_url: String,
}

impl Server {
    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the process (SIGSTOP) until [`Server::resume`]: it then takes no CPU at all.
    fn pause(&self) {
        self.signal("-STOP");
    }

    fn resume(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill {signal} {} failed", self.pid());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A stopped process still dies of SIGKILL.
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

fn real_binary() -> PathBuf {
    match std::env::var_os("VV_BENCH_SERVER") {
        Some(path) => PathBuf::from(path),
        None => std::env::current_exe()
            .expect("own path")
            .with_file_name("victim-voice"),
    }
}

async fn start(mut command: Command, log: &Path, client: &reqwest::Client) -> Server {
    let port = free_port();
    let log_file = std::fs::File::create(log).expect("log file");
    command
        .env("VV_BIND", format!("127.0.0.1:{port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file);
    let mut server = Server {
        child: command.spawn().expect("server starts"),
        base_url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!(
                "server exited ({status}): {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        let ready = client
            .get(format!("{}/healthz", server.base_url))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200);
        if ready {
            return server;
        }
        assert!(Instant::now() < deadline, "server not ready in 60 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn start_real(db: &FreshDb, client: &reqwest::Client) -> Server {
    let mut command = Command::new(real_binary());
    command
        .arg("serve")
        .env("VV_DATA_DIR", db.data_dir())
        .env("VV_STATIC_DIR", db.dir.path().join("no-frontend"));
    match db.kind {
        Kind::Sqlite => command.env_remove("DATABASE_URL"),
        Kind::Postgres => command.env("DATABASE_URL", &db.url),
    };
    start(command, &db.dir.path().join("real.log"), client).await
}

async fn start_bare(db: &FreshDb, client: &reqwest::Client) -> Server {
    let mut command = Command::new(std::env::current_exe().expect("own path"));
    command.arg("serve-bare").env("VV_BENCH_BARE_DB", &db.url);
    start(command, &db.dir.path().join("bare.log"), client).await
}

/// Resident memory of a process in MB, from /proc/<pid>/status.
fn rss_mb(pid: u32) -> Option<f64> {
    Some(rss_parts(pid)?.total)
}

/// A process's resident memory in MB, and how much of it is anonymous (heap, stacks) and
/// file-backed (the binary's pages, among them the embedded encoder weights once read).
#[derive(Clone, Copy, Default)]
struct Rss {
    total: f64,
    anonymous: f64,
    file: f64,
}

fn rss_parts(pid: u32) -> Option<Rss> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    };
    Some(Rss {
        total: field("VmRSS:")?,
        anonymous: field("RssAnon:").unwrap_or(f64::NAN),
        file: field("RssFile:").unwrap_or(f64::NAN),
    })
}

/// Samples a process's RSS every 50 ms until stopped; returns the peak.
struct RssSampler {
    stop: Arc<AtomicBool>,
    handle: tokio::task::JoinHandle<Rss>,
}

impl RssSampler {
    fn start(pid: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = tokio::spawn(async move {
            let mut peak = Rss::default();
            while !flag.load(Ordering::Relaxed) {
                if let Some(rss) = rss_parts(pid) {
                    if rss.total > peak.total {
                        peak = rss;
                    }
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            peak
        });
        Self { stop, handle }
    }

    /// The peak, printed with its parts.
    async fn peak(self, during: &str) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        let peak = self.handle.await.unwrap_or_default();
        println!(
            "  server RSS peak {during}: {:.0} MB ({:.0} MB anonymous, {:.0} MB file-backed)",
            peak.total, peak.anonymous, peak.file
        );
        peak.total
    }
}

// ---------------------------------------------------------------- figures

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

#[derive(Clone, Copy)]
struct Run {
    per_second: f64,
    p50: f64,
    p99: f64,
    failures: u64,
}

/// A realistic answer: the questions every stage asks, and a comment with a phone number and
/// an email address for redaction to find.
fn submission(i: usize) -> serde_json::Value {
    let scale = |offset: usize| serde_json::json!({"kind": "scale", "value": (i + offset) % 5 + 1});
    serde_json::json!({
        "survey_version": 1,
        "language": "en",
        "answers": {
            "overall": scale(0),
            "kept_informed": scale(1),
            "dignity": scale(2),
            "believed": scale(3),
            "understood_next": scale(4),
            "one_thing": {"kind": "text", "value": "Nobody rang me back for three weeks after I reported it. Call me on 07700 900123 or jo@example.com, and please keep me informed about the court date."}
        }
    })
}

/// What one slice of a load level gave: each 201's latency, the slice's length and the
/// requests that failed.
#[derive(Default)]
struct Sample {
    latencies: Vec<Duration>,
    seconds: f64,
    failures: u64,
}

impl Sample {
    fn add(&mut self, other: Sample) {
        self.latencies.extend(other.latencies);
        self.seconds += other.seconds;
        self.failures += other.failures;
    }

    fn run(mut self) -> Run {
        self.latencies.sort();
        Run {
            per_second: self.latencies.len() as f64 / self.seconds,
            p50: percentile(&self.latencies, 50.0),
            p99: percentile(&self.latencies, 99.0),
            failures: self.failures,
        }
    }
}

/// Links for one load level, handed out in order across its slices.
struct Links {
    tokens: Vec<String>,
    next: AtomicUsize,
}

impl Links {
    fn new(tokens: Vec<String>) -> Arc<Self> {
        Arc::new(Self {
            tokens,
            next: AtomicUsize::new(0),
        })
    }
}

/// `clients` concurrent clients submitting for `seconds` (or until the links run out).
async fn submit_load(
    client: &reqwest::Client,
    base_url: &str,
    links: Arc<Links>,
    clients: usize,
    seconds: f64,
) -> Sample {
    let failures = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (client, links, failures) = (client.clone(), links.clone(), failures.clone());
            let base_url = base_url.to_string();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < deadline {
                    let i = links.next.fetch_add(1, Ordering::Relaxed);
                    let Some(token) = links.tokens.get(i) else {
                        break;
                    };
                    let begun = Instant::now();
                    let result = client
                        .post(format!("{base_url}/api/v1/invitations/{token}/response"))
                        .json(&submission(i))
                        .send()
                        .await;
                    match result {
                        Ok(r) if r.status() == 201 => latencies.push(begun.elapsed()),
                        _ => {
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.expect("client ran"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    // (A warm-up runs its few links out on purpose; it asks for 60 s.)
    if links.next.load(Ordering::Relaxed) >= links.tokens.len() && seconds < 60.0 {
        println!("    (the links ran out after {elapsed:.1} s: the rate is over that time)");
    }
    Sample {
        latencies,
        seconds: elapsed,
        failures: failures.load(Ordering::Relaxed),
    }
}

struct SubmissionFigures {
    kind: Kind,
    /// The client counts run, in order: `real` and `bare` hold a run for each.
    clients: Vec<usize>,
    real: Vec<Run>,
    bare: Vec<Run>,
    rss_idle: f64,
    rss_peak: f64,
}

struct DashboardFigures {
    kind: Kind,
    responses: u64,
    rollup_rows: u64,
    unit: (f64, f64),
    advocate: (f64, f64),
    rss_idle: f64,
    rss_peak: f64,
}

/// The order of a level's slices: real, bare, bare, real. A machine that speeds up or slows
/// down steadily through a level then weighs on both servers alike.
const SLICES: [Side; 4] = [Side::Real, Side::Bare, Side::Bare, Side::Real];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Real,
    Bare,
}

async fn bench_submissions(
    kind: Kind,
    server: Option<&str>,
    client: &reqwest::Client,
    seconds: f64,
) -> anyhow::Result<SubmissionFigures> {
    println!(
        "\n== Submissions on {} ({seconds} s per level and server, in slices: real, bare, bare, real)",
        kind.name()
    );
    // The real server, on a fresh database with links issued up front.
    let real_db = FreshDb::new(kind, server).await?;
    let conn = backend::startup::prepare_database(&real_db.settings()).await?;
    let per_level = (seconds * 6000.0) as usize;
    let clients = levels();
    let mut real_links = Vec::new();
    for _ in &clients {
        real_links.push(Links::new(
            tests::issue_invitations_in_bulk(&conn, per_level).await,
        ));
    }
    let warm_up = Links::new(tests::issue_invitations_in_bulk(&conn, 50).await);
    let real_server = start_real(&real_db, client).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_idle = rss_mb(real_server.pid()).unwrap_or(f64::NAN);
    let sampler = RssSampler::start(real_server.pid());
    // Warm up first (lazily built redaction patterns, pooled connections): not counted.
    submit_load(client, &real_server.base_url, warm_up, 4, 60.0).await;
    // A quiet spell, in which the theme refiner (on by default) tags the warm-up's comments
    // with the encoder, so the memory peak below includes what it keeps once it has run, as
    // on a server that has been up a while.
    tokio::time::sleep(Duration::from_secs(8)).await;

    // The bare handler, on its own fresh database of the same kind, beside it. Only one of
    // the two runs at a time: the other is stopped (SIGSTOP), so neither's background work
    // (the real server's folds, checkpoints and refiner) lands in the other's slices.
    real_server.pause();
    let bare_db = FreshDb::new(kind, server).await?;
    let bare_server = start_bare(&bare_db, client).await;
    let bare_warm_up = Links::new((0..50).map(|n| format!("warm{n}")).collect());
    submit_load(client, &bare_server.base_url, bare_warm_up, 4, 60.0).await;
    bare_server.pause();

    let mut real = Vec::new();
    let mut bare = Vec::new();
    for (level, (&clients, real_links)) in clients.iter().zip(real_links).enumerate() {
        let bare_links = Links::new(
            (0..per_level * 5)
                .map(|n| format!("bare{level}x{n}"))
                .collect(),
        );
        let (mut real_sample, mut bare_sample) = (Sample::default(), Sample::default());
        let slice = seconds / 2.0;
        for side in SLICES {
            let (process, links, sample) = match side {
                Side::Real => (&real_server, &real_links, &mut real_sample),
                Side::Bare => (&bare_server, &bare_links, &mut bare_sample),
            };
            process.resume();
            sample.add(submit_load(client, &process.base_url, links.clone(), clients, slice).await);
            process.pause();
        }
        for (name, sample, runs) in [
            ("real server", real_sample, &mut real),
            ("bare insert", bare_sample, &mut bare),
        ] {
            let run = sample.run();
            println!(
                "  {name}  {clients:>2} clients: {:>7.1}/s  p50 {:>6.1} ms  p99 {:>6.1} ms  failures {}",
                run.per_second, run.p50, run.p99, run.failures
            );
            runs.push(run);
        }
    }
    real_server.resume();
    bare_server.resume();
    let rss_peak = sampler.peak("under submissions").await;
    drop(real_server);
    drop(bare_server);
    conn.close().await.ok();
    real_db.drop_database().await;
    bare_db.drop_database().await;
    Ok(SubmissionFigures {
        kind,
        clients,
        real,
        bare,
        rss_idle,
        rss_peak,
    })
}

/// Loads `n` synthetic responses (12 units x 5 stages x 52 weeks x 2 channels) with one
/// INSERT ... SELECT from a generated series, then derives every rollup from them in bulk.
/// Returns the weekly and the month-level rollup rows.
async fn load_synthetic(db: &DatabaseConnection, kind: Kind, n: u64) -> anyhow::Result<(u64, u64)> {
    let units = backend::services::units::all(db).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let weeks: Vec<String> = (0..52)
        .map(|k| backend::week::week_label(today - time::Duration::weeks(k)))
        .collect();
    let case = |expr: &str, values: &[String]| {
        let mut sql = format!("CASE {expr}");
        for (i, v) in values.iter().enumerate() {
            sql.push_str(&format!(" WHEN {i} THEN {v}"));
        }
        sql.push_str(" END");
        sql
    };
    let unit_ids: Vec<String> = units.iter().map(|u| u.id.to_string()).collect();
    let stages: Vec<String> = Stage::ALL.iter().map(|s| format!("'{s}'")).collect();
    let week_labels: Vec<String> = weeks.iter().map(|w| format!("'{w}'")).collect();
    let units_n = units.len();
    let cells = units_n * 5;
    let scale = |div: usize| format!("CAST(1 + (g / {div}) % 5 AS TEXT)");
    let answers = format!(
        "'{{\"overall\":{{\"kind\":\"scale\",\"value\":' || {} || '}},\"kept_informed\":{{\"kind\":\"scale\",\"value\":' || {} || '}},\"dignity\":{{\"kind\":\"scale\",\"value\":' || {} || '}},\"believed\":{{\"kind\":\"scale\",\"value\":' || {} || '}},\"understood_next\":{{\"kind\":\"scale\",\"value\":' || {} || '}}}}'",
        scale(1),
        scale(7),
        scale(11),
        scale(13),
        scale(17),
    );
    let select = format!(
        "SELECT {id}, {stage}, {unit}, CASE WHEN (g / {cw}) % 2 = 0 THEN 'link' ELSE 'sms' END, 1, {week}, {answers}",
        id = match kind {
            Kind::Sqlite => "lower(hex(randomblob(16)))",
            Kind::Postgres => "gen_random_uuid()::text",
        },
        stage = case(&format!("(g / {units_n}) % 5"), &stages),
        unit = case(&format!("g % {units_n}"), &unit_ids),
        cw = cells * 52,
        week = case(&format!("(g / {cells}) % 52"), &week_labels),
    );
    let columns = "responses (id, stage, unit_id, channel, survey_version, week, answers)";
    let sql = match kind {
        Kind::Sqlite => format!(
            "WITH RECURSIVE gen(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM gen WHERE g + 1 < {n}) INSERT INTO {columns} {select} FROM gen"
        ),
        Kind::Postgres => format!(
            "INSERT INTO {columns} {select} FROM generate_series(0, {}) AS gen(g)",
            n - 1
        ),
    };
    db.execute_unprepared(&sql).await?;

    // Rollups: exactly what storing those responses one by one would have counted.
    db.execute_unprepared(
        "INSERT INTO rollup_responses (unit_id, stage, week, channel, count) \
         SELECT unit_id, stage, week, channel, COUNT(*) FROM responses GROUP BY unit_id, stage, week, channel",
    )
    .await?;
    for question in backend::services::dashboard::COMMON_QUESTIONS {
        let value = match kind {
            Kind::Sqlite => format!("CAST(json_extract(answers, '$.{question}.value') AS TEXT)"),
            Kind::Postgres => format!("(answers::json -> '{question}' ->> 'value')"),
        };
        db.execute_unprepared(&format!(
            "INSERT INTO rollup_answers (unit_id, stage, week, question_id, value, count) \
             SELECT unit_id, stage, week, '{question}', v, COUNT(*) FROM \
             (SELECT unit_id, stage, week, {value} AS v FROM responses) AS a \
             GROUP BY unit_id, stage, week, v"
        ))
        .await?;
    }
    // Themes: a third of responses leave a comment; its themes and polarity spread over the
    // taxonomy (comment rows are not loaded: dashboards read only the theme rollup).
    let themes: Vec<String> = analysis::Tagger::default()
        .taxonomy()
        .themes
        .iter()
        .map(|t| t.id.clone())
        .collect();
    let per_cell = n / (cells as u64 * 52);
    let mut rows: Vec<[Value; 6]> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        for stage in Stage::ALL {
            for (w, week) in weeks.iter().enumerate() {
                let comments = per_cell / 3;
                for (t, theme) in themes.iter().enumerate() {
                    let mentions = comments * ((u + w + t) % 4) as u64 / 8;
                    for (p, polarity) in ["negative", "positive", "neutral"].iter().enumerate() {
                        let count = mentions * [3, 2, 1][p] / 6;
                        if count > 0 {
                            rows.push([
                                unit.id.into(),
                                stage.to_string().into(),
                                week.clone().into(),
                                theme.clone().into(),
                                polarity.to_string().into(),
                                (count as i64).into(),
                            ]);
                        }
                    }
                }
            }
        }
    }
    for chunk in rows.chunks(1000) {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("rollup_themes"))
            .columns(["unit_id", "stage", "week", "theme", "polarity", "count"].map(Alias::new));
        for row in chunk {
            insert.values_panic(row.clone().map(Into::into));
        }
        db.execute(&insert).await?;
    }
    // The month-level twins, as `rollups::add_to_counts` keeps them: each weekly cell summed
    // into the month of its Monday, the theme months summed over stages and the answer months
    // summed over units.
    for (table, keys) in [
        ("rollup_responses", "unit_id, stage, channel"),
        ("rollup_answers", "unit_id, stage, question_id, value"),
        ("rollup_themes", "unit_id, stage, theme, polarity"),
    ] {
        db.execute_unprepared(&format!(
            "INSERT INTO {table}_monthly ({keys}, month, count) \
             SELECT {keys}, substr(week, 1, 7), SUM(count) FROM {table} \
             GROUP BY {keys}, substr(week, 1, 7)"
        ))
        .await?;
    }
    db.execute_unprepared(
        "INSERT INTO rollup_themes_monthly_all_stages (unit_id, month, theme, polarity, count) \
         SELECT unit_id, month, theme, polarity, SUM(count) FROM rollup_themes_monthly \
         GROUP BY unit_id, month, theme, polarity",
    )
    .await?;
    db.execute_unprepared(
        "INSERT INTO rollup_answers_monthly_all_units (stage, month, question_id, value, count) \
         SELECT stage, month, question_id, value, SUM(count) FROM rollup_answers_monthly \
         GROUP BY stage, month, question_id, value",
    )
    .await?;
    db.execute_unprepared("ANALYZE").await?;
    let mut weekly = 0;
    let mut monthly = 0;
    for table in ["rollup_responses", "rollup_answers", "rollup_themes"] {
        weekly += count(db, table).await?;
        monthly += count(db, &format!("{table}_monthly")).await?;
    }
    Ok((weekly, monthly))
}

async fn count(db: &DatabaseConnection, table: &str) -> anyhow::Result<u64> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await?
        .expect("a count");
    Ok(row.try_get::<i64>("", "n")? as u64)
}

async fn timed_gets(
    client: &reqwest::Client,
    cookie: &str,
    urls: &[String],
    requests: usize,
) -> (f64, f64) {
    let mut latencies = Vec::with_capacity(requests);
    for i in 0..requests {
        let begun = Instant::now();
        let response = client
            .get(&urls[i % urls.len()])
            .header("cookie", cookie)
            .send()
            .await
            .expect("dashboard answers");
        let status = response.status();
        let _ = response.bytes().await;
        assert_eq!(status, 200, "{}", urls[i % urls.len()]);
        latencies.push(begun.elapsed());
    }
    latencies.sort();
    (percentile(&latencies, 50.0), percentile(&latencies, 99.0))
}

async fn bench_dashboards(
    kind: Kind,
    server: Option<&str>,
    client: &reqwest::Client,
    responses: u64,
    requests: usize,
) -> anyhow::Result<DashboardFigures> {
    println!(
        "\n== Dashboards on {} with {responses} synthetic responses",
        kind.name()
    );
    let db = FreshDb::new(kind, server).await?;
    let conn = backend::startup::prepare_database(&db.settings()).await?;
    let started = Instant::now();
    let (weekly_rows, rollup_rows) = load_synthetic(&conn, kind, responses).await?;
    let stored = count(&conn, "responses").await?;
    println!(
        "  loaded {stored} response rows (one INSERT ... SELECT), {weekly_rows} weekly and {rollup_rows} month-level rollup rows derived from them in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!(
        "  dashboards read only the month-level rollups (never `responses`): the {rollup_rows} rows a year of {stored} responses makes"
    );
    let password = "bench password long enough".to_string();
    backend::services::auth::create_user(
        &conn,
        &shared::NewStaffUser {
            email: "bench-analyst@example.org".into(),
            password: password.clone(),
            role: StaffRole::Analyst,
            unit_code: None,
            advocacy_code: None,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("staff account: {e:?}"))?;
    let unit_codes: Vec<String> = backend::services::units::all(&conn)
        .await?
        .into_iter()
        .map(|u| u.code)
        .collect();
    conn.close().await.ok();

    let server_process = start_real(&db, client).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_idle = rss_mb(server_process.pid()).unwrap_or(f64::NAN);
    let sign_in = client
        .post(format!("{}/api/v1/staff/session", server_process.base_url))
        .json(&serde_json::json!({"email": "bench-analyst@example.org", "password": password}))
        .send()
        .await?;
    anyhow::ensure!(sign_in.status() == 200, "sign-in: {}", sign_in.status());
    let cookie = sign_in
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_string();
    let sampler = RssSampler::start(server_process.pid());
    let base = &server_process.base_url;
    let unit_urls: Vec<String> = unit_codes
        .iter()
        .map(|code| format!("{base}/api/v1/staff/units/{code}/dashboard"))
        .collect();
    let unit = timed_gets(client, &cookie, &unit_urls, requests).await;
    println!(
        "  unit dashboard      ({requests} requests, one at a time, every unit in turn): p50 {:.1} ms  p99 {:.1} ms",
        unit.0, unit.1
    );
    let advocate_urls = vec![format!("{base}/api/v1/staff/advocate/dashboard")];
    let advocate = timed_gets(client, &cookie, &advocate_urls, requests).await;
    println!(
        "  advocate dashboard  ({requests} requests, one at a time): p50 {:.1} ms  p99 {:.1} ms",
        advocate.0, advocate.1
    );
    let rss_peak = sampler.peak("under dashboards").await;
    drop(server_process);
    db.drop_database().await;
    Ok(DashboardFigures {
        kind,
        responses: stored,
        rollup_rows,
        unit,
        advocate,
        rss_idle,
        rss_peak,
    })
}

/// Compressed bytes of the victim page's first load: index.html and every asset it names.
fn victim_page_bytes() -> Option<(u64, u64, Vec<String>)> {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist");
    let index = std::fs::read_to_string(dist.join("index.html")).ok()?;
    let mut files = vec!["index.html".to_string()];
    for piece in index.split(['"', '\'', ' ', '=', '>', '<']) {
        let name = piece.trim_start_matches('/');
        let is_asset = [".js", ".wasm", ".css"].iter().any(|e| name.ends_with(e));
        if is_asset && !name.contains('/') && !files.iter().any(|f| f == name) {
            files.push(name.to_string());
        }
    }
    let size = |name: &str| std::fs::metadata(dist.join(name)).map(|m| m.len()).ok();
    let mut br = 0;
    let mut gz = 0;
    for file in &files {
        br += size(&format!("{file}.br"))?;
        gz += size(&format!("{file}.gz"))?;
    }
    Some((br, gz, files))
}

fn met(ok: bool) -> &'static str {
    if ok {
        "yes"
    } else {
        "NO"
    }
}

/// The same allocator as the real server (`backend/src/main.rs`), so the bare baseline is
/// not slowed by one the server does not use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main(flavor = "multi_thread")]
async fn main() -> anyhow::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("serve-bare") {
        return serve_bare().await;
    }
    let seconds = env_number("VV_BENCH_SECONDS", 5) as f64;
    let responses = env_number("VV_BENCH_RESPONSES", 1_000_000);
    let requests = env_number("VV_BENCH_DASHBOARD_REQUESTS", 200) as usize;
    let binary = real_binary();
    anyhow::ensure!(
        binary.exists(),
        "{} not found: build it with `cargo build --release -p backend --bin victim-voice` (scripts/bench.sh does)",
        binary.display()
    );
    println!(
        "Victim Voice benchmark: {} CPU cores, server {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        binary.display()
    );
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(128)
        .build()?;
    let postgres = postgres_server().await;
    // `VV_BENCH_DATABASES=sqlite` (or `postgres`) narrows a run while working on one of them.
    let wanted = std::env::var("VV_BENCH_DATABASES").unwrap_or_else(|_| "sqlite,postgres".into());
    let mut kinds = Vec::new();
    if wanted.contains("sqlite") {
        kinds.push(Kind::Sqlite);
    }
    if postgres.is_some() && wanted.contains("postgres") {
        kinds.push(Kind::Postgres);
    }
    let with_dashboards = env_number("VV_BENCH_DASHBOARDS", 1) != 0;
    // `VV_BENCH_SUBMISSIONS=0` leaves the submission runs out (while working on dashboards).
    let with_submissions = env_number("VV_BENCH_SUBMISSIONS", 1) != 0;

    let mut submissions = Vec::new();
    let mut dashboards = Vec::new();
    for kind in &kinds {
        if with_submissions {
            submissions
                .push(bench_submissions(*kind, postgres.as_deref(), &client, seconds).await?);
        }
        if with_dashboards {
            dashboards.push(
                bench_dashboards(*kind, postgres.as_deref(), &client, responses, requests).await?,
            );
        }
    }
    let page = victim_page_bytes();

    println!("\n== Summary (targets from issue 6)\n");
    println!(
        "| {:<52} | {:<10} | {:>10} | {:>10} | {:>10} | {:>7} | {:<10} | {:<3} |",
        "measure", "database", "real", "bare", "ratio", "p50 ms", "target", "met"
    );
    println!("|{}|", "-".repeat(132));
    for figures in &submissions {
        for (i, clients) in figures.clients.iter().enumerate() {
            let (real, bare) = (figures.real[i], figures.bare[i]);
            let ratio = real.per_second / bare.per_second;
            println!(
                "| {:<52} | {:<10} | {:>8.0}/s | {:>8.0}/s | {:>9.2}x | {:>7.1} | {:<10} | {:<3} |",
                format!(
                    "submissions, {clients:>2} clients (p99 {:.1} / bare {:.1} ms)",
                    real.p99, bare.p99
                ),
                figures.kind.name(),
                real.per_second,
                bare.per_second,
                ratio,
                real.p50,
                ">= 0.5x",
                met(ratio >= TARGET_RATIO && real.failures == 0)
            );
        }
    }
    for figures in &dashboards {
        for (name, (p50, p99)) in [("unit", figures.unit), ("advocate", figures.advocate)] {
            println!(
                "| {:<52} | {:<10} | {:>10} | {:>10} | {:>10} | {:>7.1} | {:<10} | {:<3} |",
                format!(
                    "{name} dashboard at {}k responses (p99 {p99:.1} ms)",
                    figures.responses / 1000
                ),
                figures.kind.name(),
                "",
                "",
                "",
                p50,
                "p50 <= 20",
                met(p50 <= TARGET_DASHBOARD_P50_MS)
            );
        }
    }
    // With `VV_BENCH_DASHBOARDS=0` there are no dashboard runs: the submission figures alone.
    for (i, s) in submissions.iter().enumerate() {
        let (d_idle, d_peak) = dashboards
            .get(i)
            .map_or((f64::NAN, f64::NAN), |d| (d.rss_idle, d.rss_peak));
        println!(
            "| {:<52} | {:<10} | {:>10} | {:>10} | {:>10} | {:>7} | {:<10} | {:<3} |",
            "server RSS idle, MB (fresh / 1M loaded)",
            s.kind.name(),
            format!("{:.1}/{:.1}", s.rss_idle, d_idle),
            "",
            "",
            "",
            "",
            ""
        );
        let peak = s.rss_peak.max(d_peak);
        println!(
            "| {:<52} | {:<10} | {:>10} | {:>10} | {:>10} | {:>7} | {:<10} | {:<3} |",
            "server RSS peak under load, MB (submit / dashboards)",
            s.kind.name(),
            format!("{:.0}/{:.0}", s.rss_peak, d_peak),
            "",
            "",
            "",
            "<= 150 MB",
            met(peak <= TARGET_RSS_MB)
        );
    }
    match &page {
        Some((br, gz, files)) => println!(
            "| {:<52} | {:<10} | {:>10} | {:>10} | {:>10} | {:>7} | {:<10} | {:<3} |\n\nVictim page first load: {}",
            "victim page, compressed bytes (brotli / gzip)",
            "",
            format!("{br} br"),
            format!("{gz} gz"),
            "",
            "",
            "",
            "",
            files.join(", ")
        ),
        None => println!(
            "\nVictim page: no built dist/ with .br/.gz files (run scripts/build-frontend.sh)"
        ),
    }
    for figures in &dashboards {
        println!(
            "Dashboards on {}: {} response rows and {} month-level rollup rows (dashboards read only those).",
            figures.kind.name(),
            figures.responses,
            figures.rollup_rows
        );
    }
    if postgres.is_none() {
        println!("\nPostgreSQL was not reachable: its rows are missing.");
    }
    Ok(())
}
