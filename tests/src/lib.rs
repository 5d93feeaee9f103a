//! Test harness: `spawn_app()` starts the real application on port 0 against a fresh database
//! (SQLite in a temporary directory, or a new PostgreSQL database when
//! `VV_TEST_POSTGRES_URL` names a server), and `db_tests!` runs each test on both.

pub mod axe;
pub mod browser;
pub mod notify_stub;
pub mod routes;

use backend::services::invitations;
use backend::services::responses::Submissions;
use backend::storage::entities::{comment, comment_theme, invitation, response};
use backend::{Application, Settings};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait, PaginatorTrait};
use shared::{Channel, Stage};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tempfile::TempDir;

pub const POSTGRES_ENV: &str = "VV_TEST_POSTGRES_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base_url: String,
    pub db: DatabaseConnection,
    pub client: reqwest::Client,
    pub backend: Backend,
    /// The app's submission writers, through which [`TestApp::fold_rollups`] folds.
    submissions: Submissions,
    /// What it runs with: the same database and data dir survive [`TestApp::restart`].
    pub settings: Settings,
    _data_dir: TempDir,
    postgres: Option<PostgresDatabase>,
}

/// The frontend Trunk built, if any (browser tests need it; API tests do not).
pub fn dist_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist")
}

/// True on CI, where every kind of test must run rather than skip.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Starts the app on a fresh database of the given kind, with the background theme refiner
/// off (`spawn_app_with(backend, |s| s.refine_themes = true)` turns it on). Returns `None`
/// only for PostgreSQL when no server is configured, and never on CI.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// `spawn_app` with settings changed first (extra survey versions, thresholds...).
pub async fn spawn_app_with(
    backend: Backend,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings::for_data_dir(data_dir.path().to_path_buf());
    settings.static_dir = dist_dir();
    // Off unless a test turns it on (`|s| s.refine_themes = true`): tests that count themes
    // right after submitting must not race the background refiner.
    settings.refine_themes = false;
    configure(&mut settings);
    let postgres = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => {
            let Ok(server) = std::env::var(POSTGRES_ENV) else {
                assert!(!on_ci(), "{POSTGRES_ENV} must be set on CI");
                eprintln!("skipped: set {POSTGRES_ENV} to run the PostgreSQL variant");
                return None;
            };
            let database = PostgresDatabase::create(&server).await;
            settings.database_url = Some(database.url.clone());
            Some(database)
        }
    };
    let app = Application::build(settings.clone())
        .await
        .expect("app builds");
    let base_url = format!("http://{}", app.address());
    let db = app.state().db.clone();
    let submissions = app.state().submissions.clone();
    tokio::spawn(app.run_until_stopped());
    Some(TestApp {
        base_url,
        db,
        submissions,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        backend,
        settings,
        _data_dir: data_dir,
        postgres,
    })
}

/// Runs each named `async fn(TestApp)` twice: on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! db_tests {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = $crate::spawn_app($crate::Backend::Sqlite).await.expect("sqlite app");
                    super::$name(app).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::spawn_app($crate::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            }
        )+
    };
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// Counts stored responses into the rollups now, through the app's writers as the
    /// dashboard routes do before they read (`Submissions::fold_now`; on SQLite, on the
    /// writer's own connection when it has stored answers in the last seconds): for tests
    /// that read the rollup tables, or call the dashboard services, themselves.
    pub async fn fold_rollups(&self) {
        self.submissions
            .fold_now()
            .await
            .expect("folding responses into the rollups");
    }

    /// The id of the seeded unit with this code (e.g. `CE`).
    pub async fn unit_id(&self, code: &str) -> i32 {
        backend::services::units::find_by_code(&self.db, code)
            .await
            .expect("reading units")
            .unwrap_or_else(|| panic!("no unit {code}"))
            .id
    }

    /// Issues an invitation through the same service the CLI uses; returns the token text.
    pub async fn invite(&self, stage: Stage, unit_code: &str) -> String {
        invitations::issue(&self.db, stage, unit_code, Channel::Link, 28)
            .await
            .expect("invitation issued")
            .token
            .as_str()
            .to_string()
    }

    pub async fn get_survey(&self, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(&format!("/api/v1/invitations/{token}/survey")))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_response(&self, token: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/v1/invitations/{token}/response")))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_raw(
        &self,
        token: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/v1/invitations/{token}/response")))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn response_count(&self) -> u64 {
        response::Entity::find()
            .count(&self.db)
            .await
            .expect("count")
    }

    pub async fn comment_count(&self) -> u64 {
        comment::Entity::find()
            .count(&self.db)
            .await
            .expect("count")
    }

    pub async fn responses(&self) -> Vec<response::Model> {
        response::Entity::find()
            .all(&self.db)
            .await
            .expect("responses")
    }

    pub async fn comments(&self) -> Vec<comment::Model> {
        comment::Entity::find()
            .all(&self.db)
            .await
            .expect("comments")
    }

    pub async fn invitations(&self) -> Vec<invitation::Model> {
        invitation::Entity::find()
            .all(&self.db)
            .await
            .expect("invitations")
    }

    /// Sets an invitation's expiry into the past, as time passing would.
    pub async fn expire_all_invitations(&self) {
        self.db
            .execute_unprepared("UPDATE invitations SET expires_at = 0")
            .await
            .expect("expire");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(database) = self.postgres.take() {
            database.drop_blocking();
        }
    }
}

impl TestApp {
    /// Stops using this app's database and starts a new app on the same database and data
    /// directory, as a server restart would (the old server's connections are closed).
    pub async fn restart(mut self) -> TestApp {
        let data_dir = std::mem::replace(&mut self._data_dir, tempfile::tempdir().expect("temp"));
        let postgres = self.postgres.take();
        let settings = self.settings.clone();
        let backend = self.backend;
        let old = self.db.clone();
        drop(self);
        let _ = old.close().await;
        let app = Application::build(settings.clone())
            .await
            .expect("app restarts");
        let base_url = format!("http://{}", app.address());
        let db = app.state().db.clone();
        let submissions = app.state().submissions.clone();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            base_url,
            db,
            submissions,
            client: reqwest::Client::new(),
            backend,
            settings,
            _data_dir: data_dir,
            postgres,
        }
    }
}

/// A PostgreSQL database made for one test and dropped after it.
struct PostgresDatabase {
    server: String,
    name: String,
    url: String,
}

impl PostgresDatabase {
    async fn create(server: &str) -> Self {
        let name = format!("vv_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(server)
            .await
            .expect("PostgreSQL reachable");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        admin.close().await.ok();
        let url = replace_database(server, &name);
        Self {
            server: server.to_string(),
            name,
            url,
        }
    }

    fn drop_blocking(self) {
        // Drop runs outside async context; a small thread with its own runtime does the work.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                if let Ok(admin) = Database::connect(&self.server).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                            self.name
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// A `rollup_themes` cell: unit, stage, week (or month), theme, polarity.
pub type ThemeCell = (i32, String, String, String, String);

/// `rollup_themes` counted again from the comments and their themes (as the crash test does).
pub async fn recount_themes(app: &TestApp) -> BTreeMap<ThemeCell, i64> {
    let comments: BTreeMap<String, comment::Model> = comment::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id.clone(), c))
        .collect();
    let mut cells = BTreeMap::new();
    for theme in comment_theme::Entity::find().all(&app.db).await.unwrap() {
        let c = &comments[&theme.comment_id];
        let key = (
            c.unit_id,
            c.stage.clone(),
            c.week.clone(),
            theme.theme,
            theme.polarity,
        );
        *cells.entry(key).or_default() += 1;
    }
    cells
}

/// Every theme rollup level equals the recount ([`recount_themes`]): the weeks, the months
/// (the weeks summed by the month of each week's Monday) and the months over every stage.
/// Folds first, so every stored response is counted.
pub async fn assert_theme_rollups_equal_recount(app: &TestApp) {
    use backend::storage::entities::{
        rollup_theme, rollup_theme_month, rollup_theme_month_all_stages,
    };
    app.fold_rollups().await;
    let weeks = recount_themes(app).await;
    let mut months: BTreeMap<ThemeCell, i64> = BTreeMap::new();
    let mut months_all_stages: BTreeMap<(i32, String, String, String), i64> = BTreeMap::new();
    for ((unit, stage, week, theme, polarity), n) in &weeks {
        let month = week[..7].to_string();
        let key = (*unit, month.clone(), theme.clone(), polarity.clone());
        *months_all_stages.entry(key).or_default() += n;
        let key = (*unit, stage.clone(), month, theme.clone(), polarity.clone());
        *months.entry(key).or_default() += n;
    }
    let stored: BTreeMap<ThemeCell, i64> = rollup_theme::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.unit_id, r.stage, r.week, r.theme, r.polarity), r.count))
        .collect();
    assert_eq!(stored, weeks, "rollup_themes = recount");
    let stored: BTreeMap<ThemeCell, i64> = rollup_theme_month::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.unit_id, r.stage, r.month, r.theme, r.polarity), r.count))
        .collect();
    assert_eq!(stored, months, "rollup_themes_monthly = recount");
    let stored: BTreeMap<(i32, String, String, String), i64> =
        rollup_theme_month_all_stages::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| ((r.unit_id, r.month, r.theme, r.polarity), r.count))
            .collect();
    assert_eq!(
        stored, months_all_stages,
        "rollup_themes_monthly_all_stages = recount"
    );
}

/// Issues `n` invitations in bulk, as `invitations::issue` would (one row each, only the
/// token's hash stored), spread over every unit and stage; returns the tokens. For the load
/// test and the benchmark, which need thousands of links up front.
pub async fn issue_invitations_in_bulk(db: &DatabaseConnection, n: usize) -> Vec<String> {
    use backend::token::InvitationToken;
    use sea_orm::Set;
    let units = backend::services::units::all(db).await.unwrap();
    let expires_at = time::OffsetDateTime::now_utc().unix_timestamp() + 28 * 86_400;
    let mut tokens = Vec::with_capacity(n);
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        let token = InvitationToken::generate();
        rows.push(invitation::ActiveModel {
            token_hash: Set(token.hash()),
            stage: Set(Stage::ALL[i % Stage::ALL.len()].to_string()),
            unit_id: Set(units[(i / Stage::ALL.len()) % units.len()].id),
            channel: Set("link".to_string()),
            expires_at: Set(expires_at),
            used: Set(false),
            ..Default::default()
        });
        tokens.push(token.as_str().to_string());
    }
    for chunk in rows.chunks(500) {
        invitation::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await
            .expect("invitations issued");
    }
    tokens
}

/// `postgres://user@host:port/db?x` with the database name replaced.
pub fn replace_database(server: &str, name: &str) -> String {
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

/// A signed-in staff member's HTTP client: sends the session cookie, and the CSRF token on
/// state-changing requests (as the staff pages do).
pub struct StaffClient {
    pub base_url: String,
    pub client: reqwest::Client,
    pub cookie: String,
    pub csrf_token: String,
    pub me: shared::StaffMe,
}

impl StaffClient {
    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(format!("{}{}", self.base_url, path))
            .header("cookie", &self.cookie)
    }

    /// Any method, with the session cookie and the CSRF header.
    pub fn send(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{}", self.base_url, path))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf_token)
    }
}

impl TestApp {
    /// Creates a staff account through the service the admin endpoint uses.
    pub async fn create_staff(
        &self,
        email: &str,
        role: shared::StaffRole,
        unit_code: Option<&str>,
        advocacy_code: Option<&str>,
    ) -> String {
        let password = format!("correct horse {email}");
        backend::services::auth::create_user(
            &self.db,
            &shared::NewStaffUser {
                email: email.to_string(),
                password: password.clone(),
                role,
                unit_code: unit_code.map(str::to_string),
                advocacy_code: advocacy_code.map(str::to_string),
            },
        )
        .await
        .expect("staff account created");
        password
    }

    pub async fn sign_in_response(&self, email: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/staff/session"))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> StaffClient {
        let response = self.sign_in_response(email, password).await;
        assert_eq!(response.status(), 200, "sign-in as {email}");
        let set_cookie = response
            .headers()
            .get("set-cookie")
            .expect("session cookie")
            .to_str()
            .unwrap()
            .to_string();
        let cookie = set_cookie.split(';').next().unwrap().to_string();
        let me: shared::StaffMe = response.json().await.unwrap();
        StaffClient {
            base_url: self.base_url.clone(),
            client: self.client.clone(),
            cookie,
            csrf_token: me.csrf_token.clone(),
            me,
        }
    }

    /// Creates an account of `role` (BCU lead of `CE`, advocate of a new service) and signs in.
    pub async fn staff(&self, role: shared::StaffRole) -> StaffClient {
        let email = format!("{}@example.org", role.as_str());
        let advocacy = match role {
            shared::StaffRole::Advocate => Some(
                backend::services::advocacy::create(&self.db, "Service")
                    .await
                    .unwrap()
                    .code,
            ),
            _ => None,
        };
        let unit = (role == shared::StaffRole::BcuLead).then_some("CE");
        let password = self
            .create_staff(&email, role, unit, advocacy.as_deref())
            .await;
        self.sign_in(&email, &password).await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_name_is_replaced_keeping_the_query() {
        assert_eq!(
            super::replace_database(
                "postgres://postgres@127.0.0.1:5432/test?sslmode=disable",
                "x"
            ),
            "postgres://postgres@127.0.0.1:5432/x?sslmode=disable"
        );
        assert_eq!(
            super::replace_database("postgres://127.0.0.1:5432", "x"),
            "postgres://127.0.0.1:5432/x"
        );
    }
}
