//! Load: many concurrent clients of mixed victim and staff traffic against the real server
//! over HTTP, on SQLite and on PostgreSQL. Victims read their survey and answer it on
//! invitations issued up front; signed-in staff (BCU leads and analysts) read dashboards.
//!
//! Asserts: no 5xx and no failed connection at all, every survey answer either stored (201)
//! or refused as already used (410, only on links answered before), and the responses stored
//! and the response rollup total both equal the number of 201s returned. Figures are printed
//! (requests, 201s, p50/p99 per kind); nothing is asserted about timing.
//!
//! Bounded for CI: 200 clients for 10 seconds. The full run of the issue is 60 seconds:
//! `VV_LOAD_SECONDS=60 cargo test -p tests --test load -- --nocapture` (`VV_LOAD_CLIENTS`
//! changes the number of clients).

use backend::storage::entities::rollup_response;
use sea_orm::EntityTrait;
use serde_json::{json, Value};
use shared::StaffRole;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tests::{StaffClient, TestApp};

const DEFAULT_SECONDS: u64 = 10;
const DEFAULT_CLIENTS: usize = 200;
/// Sign-in allows a burst of 10 per client address; every staff client signs in once.
const MAX_STAFF_CLIENTS: usize = 8;

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {text:?}")),
        Err(_) => default,
    }
}

/// What one client saw of one kind of request.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    statuses: std::collections::BTreeMap<u16, u64>,
    transport_errors: Vec<String>,
}

impl Tally {
    fn record(&mut self, started: Instant, result: Result<reqwest::Response, reqwest::Error>) {
        self.latencies.push(started.elapsed());
        match result {
            Ok(response) => *self.statuses.entry(response.status().as_u16()).or_default() += 1,
            Err(e) => self.transport_errors.push(e.to_string()),
        }
    }

    fn merge(&mut self, other: Tally) {
        self.latencies.extend(other.latencies);
        for (status, n) in other.statuses {
            *self.statuses.entry(status).or_default() += n;
        }
        self.transport_errors.extend(other.transport_errors);
    }

    fn count(&self, status: u16) -> u64 {
        self.statuses.get(&status).copied().unwrap_or(0)
    }

    fn server_errors(&self) -> u64 {
        self.statuses
            .iter()
            .filter(|(status, _)| **status >= 500)
            .map(|(_, n)| n)
            .sum()
    }

    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }
}

#[derive(Default)]
struct Tallies {
    survey: Tally,
    submit: Tally,
    unit_dashboard: Tally,
    advocate_dashboard: Tally,
}

impl Tallies {
    fn merge(&mut self, other: Tallies) {
        self.survey.merge(other.survey);
        self.submit.merge(other.submit);
        self.unit_dashboard.merge(other.unit_dashboard);
        self.advocate_dashboard.merge(other.advocate_dashboard);
    }
}

/// The questions every stage's survey asks, with a comment that gets redacted and themed.
fn answers(i: usize) -> Value {
    let scale = |offset: usize| json!({"kind": "scale", "value": (i + offset) % 5 + 1});
    json!({
        "survey_version": 1,
        "language": "en",
        "answers": {
            "overall": scale(0),
            "kept_informed": scale(1),
            "dignity": scale(2),
            "one_thing": {
                "kind": "text",
                "value": "Nobody called me back for weeks, call me on 07700 900123 and keep me informed"
            }
        }
    })
}

async fn victim_client(
    app: Arc<TestApp>,
    tokens: Arc<Vec<String>>,
    next: Arc<AtomicUsize>,
    deadline: Instant,
) -> (Tallies, u64) {
    let mut tallies = Tallies::default();
    let mut replays_expected = 0;
    let mut last: Option<String> = None;
    while Instant::now() < deadline {
        let index = next.fetch_add(1, Ordering::Relaxed);
        // If the pool runs dry, answer a link this client already used: that must be a 410.
        let token = match tokens.get(index) {
            Some(token) => token.clone(),
            None => match &last {
                Some(token) => {
                    replays_expected += 1;
                    token.clone()
                }
                None => break,
            },
        };
        let started = Instant::now();
        let result = app
            .client
            .get(app.url(&format!("/api/v1/invitations/{token}/survey")))
            .send()
            .await;
        tallies.survey.record(started, result);
        let started = Instant::now();
        let result = app
            .client
            .post(app.url(&format!("/api/v1/invitations/{token}/response")))
            .json(&answers(index))
            .send()
            .await;
        tallies.submit.record(started, result);
        last = Some(token);
    }
    (tallies, replays_expected)
}

async fn staff_client(
    staff: StaffClient,
    unit_codes: Arc<Vec<String>>,
    deadline: Instant,
) -> Tallies {
    let mut tallies = Tallies::default();
    let mut i = 0usize;
    while Instant::now() < deadline {
        let started = Instant::now();
        match staff.me.role {
            StaffRole::BcuLead => {
                let unit = staff.me.unit_code.clone().expect("a BCU lead's unit");
                let result = staff
                    .get(&format!("/api/v1/staff/units/{unit}/dashboard"))
                    .send()
                    .await;
                tallies.unit_dashboard.record(started, result);
            }
            _ if i.is_multiple_of(2) => {
                let unit = &unit_codes[i / 2 % unit_codes.len()];
                let result = staff
                    .get(&format!("/api/v1/staff/units/{unit}/dashboard"))
                    .send()
                    .await;
                tallies.unit_dashboard.record(started, result);
            }
            _ => {
                let result = staff.get("/api/v1/staff/advocate/dashboard").send().await;
                tallies.advocate_dashboard.record(started, result);
            }
        }
        i += 1;
    }
    tallies
}

fn print_tally(name: &str, tally: &Tally, seconds: f64) {
    println!(
        "  {name:<20} {:>7} requests {:>8.1}/s  p50 {:>8.1} ms  p99 {:>8.1} ms  statuses {:?}  failed connections {}",
        tally.latencies.len(),
        tally.latencies.len() as f64 / seconds,
        tally.percentile(50.0).as_secs_f64() * 1000.0,
        tally.percentile(99.0).as_secs_f64() * 1000.0,
        tally.statuses,
        tally.transport_errors.len(),
    );
}

async fn mixed_victim_and_staff_traffic_loses_nothing_and_never_fails(app: TestApp) {
    let seconds = env_number("VV_LOAD_SECONDS", DEFAULT_SECONDS);
    let clients = env_number("VV_LOAD_CLIENTS", DEFAULT_CLIENTS as u64) as usize;
    assert!(clients >= 2, "VV_LOAD_CLIENTS must be at least 2");
    let staff_clients = (clients / 20).clamp(1, MAX_STAFF_CLIENTS);
    let victim_clients = clients - staff_clients;

    // Staff accounts, each client signed in once before the clock starts.
    let unit_codes: Vec<String> = backend::services::units::all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.code)
        .collect();
    let mut signed_in = Vec::new();
    for s in 0..staff_clients {
        let email = format!("load-staff-{s}@example.org");
        let (role, unit) = if s.is_multiple_of(2) {
            (
                StaffRole::BcuLead,
                Some(unit_codes[s % unit_codes.len()].as_str()),
            )
        } else {
            (StaffRole::Analyst, None)
        };
        let password = app.create_staff(&email, role, unit, None).await;
        signed_in.push(app.sign_in(&email, &password).await);
    }

    // Enough single-use links that no victim client should run out (a 2-core debug build
    // stores a few hundred answers a second at most).
    let pool = victim_clients.max(1) * seconds as usize * 2;
    let tokens = Arc::new(tests::issue_invitations_in_bulk(&app.db, pool).await);
    let unit_codes = Arc::new(unit_codes);
    let app = Arc::new(app);
    let next = Arc::new(AtomicUsize::new(0));

    println!(
        "load ({:?}): {victim_clients} victim clients and {staff_clients} staff clients for {seconds} s, {pool} invitations issued up front",
        app.backend
    );
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let victims: Vec<_> = (0..victim_clients)
        .map(|_| {
            tokio::spawn(victim_client(
                app.clone(),
                tokens.clone(),
                next.clone(),
                deadline,
            ))
        })
        .collect();
    let staff: Vec<_> = signed_in
        .into_iter()
        .map(|s| tokio::spawn(staff_client(s, unit_codes.clone(), deadline)))
        .collect();

    let mut tallies = Tallies::default();
    let mut replays_expected = 0;
    for victim in victims {
        let (t, replays) = victim.await.expect("victim client ran");
        tallies.merge(t);
        replays_expected += replays;
    }
    for s in staff {
        tallies.merge(s.await.expect("staff client ran"));
    }
    let elapsed = started.elapsed().as_secs_f64();

    let created = tallies.submit.count(201);
    let total = tallies.survey.latencies.len()
        + tallies.submit.latencies.len()
        + tallies.unit_dashboard.latencies.len()
        + tallies.advocate_dashboard.latencies.len();
    println!(
        "  {total} requests in {elapsed:.1} s ({:.1}/s), {created} responses stored (201)",
        total as f64 / elapsed
    );
    print_tally("GET survey", &tallies.survey, elapsed);
    print_tally("POST response", &tallies.submit, elapsed);
    print_tally("unit dashboard", &tallies.unit_dashboard, elapsed);
    print_tally("advocate dashboard", &tallies.advocate_dashboard, elapsed);

    for (name, tally) in [
        ("GET survey", &tallies.survey),
        ("POST response", &tallies.submit),
        ("unit dashboard", &tallies.unit_dashboard),
        ("advocate dashboard", &tallies.advocate_dashboard),
    ] {
        assert_eq!(tally.server_errors(), 0, "{name}: 5xx answers");
        assert!(
            tally.transport_errors.is_empty(),
            "{name}: failed connections: {:?}",
            &tally.transport_errors[..tally.transport_errors.len().min(5)]
        );
    }
    // Every answer on a fresh link is stored; only a link answered before gets a 410.
    assert_eq!(
        tallies.submit.count(410),
        replays_expected,
        "410s only for links already answered"
    );
    assert_eq!(
        created + replays_expected,
        tallies.submit.latencies.len() as u64,
        "every submission is a 201 or (a replay) a 410: {:?}",
        tallies.submit.statuses
    );
    for (name, tally) in [
        ("unit dashboard", &tallies.unit_dashboard),
        ("advocate dashboard", &tallies.advocate_dashboard),
    ] {
        assert_eq!(
            tally.count(200),
            tally.latencies.len() as u64,
            "{name}: {:?}",
            tally.statuses
        );
    }
    assert!(created > 0, "some responses were stored");

    // What the server said it stored is exactly what is stored, rollups included.
    assert_eq!(app.response_count().await, created);
    app.fold_rollups().await;
    let rolled_up: i64 = rollup_response::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|row| row.count)
        .sum();
    assert_eq!(rolled_up, created as i64);
    let used = app
        .invitations()
        .await
        .into_iter()
        .filter(|i| i.used)
        .count();
    assert_eq!(used as u64, created, "used invitations");
}

/// The two variants take turns: each wants the whole machine (2 cores on CI).
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

mod mixed_victim_and_staff_traffic {
    use tests::{spawn_app, Backend};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let _turn = super::ONE_AT_A_TIME.lock().await;
        let app = spawn_app(Backend::Sqlite).await.expect("sqlite app");
        super::mixed_victim_and_staff_traffic_loses_nothing_and_never_fails(app).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        let _turn = super::ONE_AT_A_TIME.lock().await;
        if let Some(app) = spawn_app(Backend::Postgres).await {
            super::mixed_victim_and_staff_traffic_loses_nothing_and_never_fails(app).await;
        }
    }
}
