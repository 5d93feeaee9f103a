//! Hostile input on every public endpoint, over real HTTP against the real server, each test
//! on SQLite and on PostgreSQL. Every refusal is a 4xx (never a 5xx or a dropped connection
//! where HTTP has an answer), API refusals carry the JSON error body (with field errors where
//! the body or query was at fault), and nothing is stored: every table's row count and the
//! number of used invitations are the same before and after.
//!
//! What the server does, as these tests pin it down:
//! - a method a route does not take: 405 with an `Allow` header listing the ones it does
//!   (GET routes also take HEAD); under `/api/` with the JSON body `method_not_allowed`;
//!   an unknown address answers GET with 404 and other methods with 405 (`Allow: GET,HEAD`,
//!   from the static files behind every unknown path);
//! - a JSON endpoint sent anything but `Content-Type: application/json`: 415;
//! - a body over the limit (`VV_BODY_LIMIT`, 64 KiB), with a length or chunked: 413;
//! - nesting deeper than serde_json's limit of 128: 400, whatever the depth and body limit;
//!   nesting where the type wants a scalar: 422 on that field;
//! - bytes that are not UTF-8, overlong forms, lone surrogates (raw or `\ud800`): 400;
//! - NUL (`\u0000`) in any string or key, a key given twice, a number out of its type's range:
//!   422 on that field; other control characters are text like any other, stored the same on
//!   both databases;
//! - a path segment that is not UTF-8 (`%FF`, `%C0%AF`): 400 with the JSON body under `/api/`;
//!   `%00` under `/api/`: 404 before any handler; the victim pages `/s/...` and `/a/...` with
//!   any garbage: the calm page with 404, as for an unknown link; query strings: 422 on the
//!   parameter; raw bytes in the request line: 400 and a URI over hyper's limit: 431, both
//!   from hyper.
//!
//! Not repeated here: the rate limits on sign-in (`staff_access.rs`,
//! `sign_in_attempts_are_rate_limited`, and account locking) and on advocate sessions
//! (`advocate_links.rs`, `advocate_sessions_are_rate_limited`); the submission's own 400, 413,
//! 415 and 422 cases (`victim_api.rs`, `bad_input_is_refused_with_field_errors_and_nothing_stored`).
//! The parsing and checking itself is fuzzed in `fuzz/` (`scripts/fuzz.sh`) and its properties
//! are in `backend/tests/submission_properties.rs`. Those two rate limits (10 a burst per
//! client) are why the tests below send the rate-limited endpoints fewer cases.

use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{json, Value};
use shared::{StaffRole, Stage};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;
use tests::routes::routes_in_source;
use tests::{db_tests, spawn_app_with, Backend, StaffClient, TestApp};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Every route the backend registers: path template and the methods it takes. Checked
/// against the source by `every_route_is_listed_here`, so a new route must be added here.
const ROUTES: &[(&str, &[&str])] = &[
    ("/", &["GET"]),
    ("/healthz", &["GET"]),
    ("/api/openapi.json", &["GET"]),
    ("/s/{token}", &["GET"]),
    ("/a/{code}", &["GET"]),
    ("/staff", &["GET"]),
    ("/staff/", &["GET"]),
    ("/staff/{*path}", &["GET"]),
    ("/api/v1/invitations/{token}/survey", &["GET"]),
    ("/api/v1/invitations/{token}/response", &["POST"]),
    ("/api/v1/units/{code}/actions", &["GET"]),
    ("/api/v1/advocate-links/{code}", &["GET"]),
    ("/api/v1/advocate-links/{code}/sessions", &["POST"]),
    ("/api/v1/advocate-links/{code}/qr.svg", &["GET"]),
    ("/api/v1/staff/session", &["POST", "DELETE"]),
    ("/api/v1/staff/me", &["GET"]),
    ("/api/v1/staff/units/{code}/dashboard", &["GET"]),
    ("/api/v1/staff/units/{code}/comments", &["GET"]),
    ("/api/v1/staff/units/{code}/export/{format}", &["GET"]),
    ("/api/v1/staff/advocate/dashboard", &["GET"]),
    ("/api/v1/staff/advocate/export/{format}", &["GET"]),
    ("/api/v1/staff/units/{code}/actions", &["POST"]),
    ("/api/v1/staff/actions", &["GET"]),
    ("/api/v1/staff/users", &["GET", "POST"]),
    ("/api/v1/staff/users/{id}", &["PATCH"]),
    ("/api/v1/staff/units", &["GET", "POST"]),
    ("/api/v1/staff/audit", &["GET"]),
    ("/api/v1/staff/invitations", &["POST"]),
    ("/api/v1/staff/invitations/batch", &["POST"]),
    ("/api/v1/staff/sms-outbox", &["GET"]),
    ("/api/v1/staff/units/{code}/response-rates", &["GET"]),
    ("/api/v1/staff/response-rates", &["GET"]),
    ("/api/v1/staff/comments/{id}/themes", &["PUT"]),
];

#[test]
fn every_route_is_listed_here() {
    let listed: BTreeSet<String> = ROUTES.iter().map(|(p, _)| p.to_string()).collect();
    let in_source: BTreeSet<String> = routes_in_source()
        .into_iter()
        .map(|(_method, path)| path)
        .collect();
    assert!(in_source.len() > 20, "found too few routes: {in_source:?}");
    let missing: Vec<_> = in_source.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "routes with no hostile-input coverage; add them to ROUTES: {missing:?}"
    );
}

/// What an app under attack holds: a fresh invitation, an advocate link, an admin session.
struct Target {
    app: TestApp,
    token: String,
    code: String,
    admin: StaffClient,
}

async fn target(app: TestApp) -> Target {
    let token = app.invite(Stage::Investigation, "CE").await;
    let code = backend::services::advocacy::create(&app.db, "Hostile test service")
        .await
        .unwrap()
        .code;
    let admin = app.staff(StaffRole::Admin).await;
    Target {
        app,
        token,
        code,
        admin,
    }
}

impl Target {
    /// A route's template with its parameters filled in with things that exist.
    fn path(&self, template: &str) -> String {
        let code = if template.contains("advocate-links/") || template.starts_with("/a/") {
            self.code.as_str()
        } else {
            "CE"
        };
        template
            .replace("{token}", &self.token)
            .replace("{code}", code)
            .replace("{id}", &self.admin.me.id.to_string())
            .replace("{format}", "csv")
            .replace("{*path}", "invitations")
    }

    /// Row counts of every table a request could write, and how many invitations are used.
    async fn snapshot(&self) -> BTreeMap<String, i64> {
        // Responses stored while setting up are counted now, not by a fold between snapshots.
        self.app.fold_rollups().await;
        let mut counts = BTreeMap::new();
        let queries = [
            "responses",
            "comments",
            "comment_themes",
            "comment_corrections",
            "own_correction_deltas",
            "invitations",
            "staff_users",
            "staff_sessions",
            "units",
            "actions",
            "advocacy_services",
            "sms_outbox",
            "rollup_responses",
            "rollup_answers",
            "audit_log",
        ]
        .map(|t| (t.to_string(), format!("SELECT COUNT(*) AS n FROM {t}")))
        .into_iter()
        .chain([(
            "used invitations".to_string(),
            "SELECT COUNT(*) AS n FROM invitations WHERE used".to_string(),
        )]);
        for (name, sql) in queries {
            let row = self
                .app
                .db
                .query_one_raw(Statement::from_string(
                    self.app.db.get_database_backend(),
                    sql,
                ))
                .await
                .unwrap()
                .unwrap();
            counts.insert(name, row.try_get::<i64>("", "n").unwrap());
        }
        counts
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        staff: bool,
    ) -> Answer {
        let url = self.app.url(path);
        let mut request = if staff {
            self.admin.send(method.clone(), path)
        } else {
            self.app.client.request(method.clone(), url)
        };
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let response = request.body(body).send().await.expect("an HTTP answer");
        Answer::read(format!("{method} {path}"), response).await
    }
}

/// A response, read whole, with what the assertions need.
struct Answer {
    what: String,
    status: u16,
    content_type: String,
    allow: Option<String>,
    body: String,
}

impl Answer {
    async fn read(what: String, response: reqwest::Response) -> Self {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap_or("").to_string())
        };
        let content_type = header("content-type").unwrap_or_default();
        let allow = header("allow");
        let status = response.status().as_u16();
        let body = response.text().await.unwrap_or_default();
        let what: String = what.chars().take(160).collect();
        Answer {
            what,
            status,
            content_type,
            allow,
            body,
        }
    }

    /// A 4xx in the shared JSON error body; returns it.
    fn refusal(&self) -> shared::ErrorBody {
        assert!(
            (400..500).contains(&self.status),
            "{}: expected a 4xx, got {} {}",
            self.what,
            self.status,
            self.body
        );
        assert!(
            self.content_type.starts_with("application/json"),
            "{}: a refusal without the JSON error body ({} {:?})",
            self.what,
            self.status,
            self.body
        );
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{}: error body {:?}: {e}", self.what, self.body))
    }

    fn expect(&self, status: u16, code: &str) -> shared::ErrorBody {
        let error = self.refusal();
        assert_eq!(
            (self.status, error.code.as_str()),
            (status, code),
            "{}: {}",
            self.what,
            self.body
        );
        error
    }

    /// A 422 with an error on `field` (or below it).
    fn expect_field(&self, field: &str) {
        let error = self.expect(422, "validation_failed");
        assert!(
            error.fields.keys().any(|k| k.starts_with(field)),
            "{}: expected an error on {field}, got {:?}",
            self.what,
            error.fields
        );
    }
}

/// One JSON endpoint: where, a body it would accept in shape, where in that body a string
/// lives (JSON pointer and the field path the server names), whether it needs a session,
/// and whether it is rate limited (then tests send it only a few cases).
struct JsonEndpoint {
    method: Method,
    path: String,
    sample: Value,
    string_at: (&'static str, &'static str),
    staff: bool,
    limited: bool,
}

fn json_endpoints(t: &Target) -> Vec<JsonEndpoint> {
    let endpoint = |method: Method,
                    path: String,
                    sample: Value,
                    string_at: (&'static str, &'static str),
                    staff: bool,
                    limited: bool| JsonEndpoint {
        method,
        path,
        sample,
        string_at,
        staff,
        limited,
    };
    vec![
        endpoint(
            Method::POST,
            t.path("/api/v1/invitations/{token}/response"),
            json!({"survey_version": 1, "answers": {"one_thing": {"kind": "text", "value": "They did not call back"}}}),
            ("/answers/one_thing/value", "answers.one_thing.value"),
            false,
            false,
        ),
        endpoint(
            Method::POST,
            t.path("/api/v1/advocate-links/{code}/sessions"),
            json!({"stage": "court", "unit_code": "NE"}),
            ("/unit_code", "unit_code"),
            false,
            true,
        ),
        endpoint(
            Method::POST,
            "/api/v1/staff/session".into(),
            json!({"email": "someone@example.org", "password": "not the password"}),
            ("/email", "email"),
            false,
            true,
        ),
        endpoint(
            Method::POST,
            "/api/v1/staff/users".into(),
            json!({"email": "new@example.org", "password": "a long enough password", "role": "analyst"}),
            ("/email", "email"),
            true,
            false,
        ),
        endpoint(
            Method::PATCH,
            t.path("/api/v1/staff/users/{id}"),
            json!({"password": "another long password"}),
            ("/password", "password"),
            true,
            false,
        ),
        endpoint(
            Method::POST,
            "/api/v1/staff/units".into(),
            json!({"code": "ZZ", "name": "New unit", "areas": ["Somewhere"]}),
            ("/areas/0", "areas[0]"),
            true,
            false,
        ),
        endpoint(
            Method::POST,
            "/api/v1/staff/units/CE/actions".into(),
            json!({"theme": "communication", "you_said": "Nobody called", "we_did": "We call"}),
            ("/you_said", "you_said"),
            true,
            false,
        ),
        endpoint(
            Method::POST,
            "/api/v1/staff/invitations".into(),
            json!({"stage": "court", "unit_code": "CE", "channel": "link"}),
            ("/unit_code", "unit_code"),
            true,
            false,
        ),
        endpoint(
            Method::POST,
            "/api/v1/staff/invitations/batch".into(),
            json!({"stage": "court", "unit_code": "CE", "csv": "07700900123", "safe_contact_confirmed": true}),
            ("/csv", "csv"),
            true,
            false,
        ),
        endpoint(
            Method::PUT,
            "/api/v1/staff/comments/no-such-comment/themes".into(),
            json!({"themes": [{"theme": "communication", "polarity": "negative"}]}),
            ("/themes/0/theme", "themes[0].theme"),
            true,
            false,
        ),
    ]
}

/// Sends each body to each JSON endpoint with the JSON content type; rate-limited endpoints
/// get only the first `limited_share` bodies.
async fn each_json_endpoint(
    t: &Target,
    limited_share: usize,
    bodies: impl Fn(&JsonEndpoint) -> Vec<Vec<u8>>,
    check: impl Fn(&JsonEndpoint, &Answer),
) {
    for endpoint in json_endpoints(t) {
        let mut bodies = bodies(&endpoint);
        if endpoint.limited {
            bodies.truncate(limited_share);
        }
        for body in bodies {
            let answer = t
                .send(
                    endpoint.method.clone(),
                    &endpoint.path,
                    Some("application/json"),
                    body,
                    endpoint.staff,
                )
                .await;
            check(&endpoint, &answer);
        }
    }
}

/// The raw answer to raw bytes on a fresh connection (for what reqwest will not send).
async fn raw_http(app: &TestApp, request: &[u8]) -> (u16, String) {
    let address = app.base_url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    // The server may answer (and close) before it has read everything: that is allowed.
    let _ = stream.write_all(request).await;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out)).await;
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP answer: {text:?}"));
    (status, text)
}

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];

async fn wrong_methods_get_405_with_allow_and_change_nothing(app: TestApp) {
    let t = target(app).await;
    let before = t.snapshot().await;
    for (template, methods) in ROUTES {
        let path = t.path(template);
        let mut allowed: BTreeSet<String> = methods.iter().map(|m| m.to_string()).collect();
        if allowed.contains("GET") {
            allowed.insert("HEAD".into());
        }
        for method in METHODS.iter().filter(|m| !allowed.contains(**m)) {
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let answer = t.send(method, &path, None, Vec::new(), false).await;
            assert_eq!(answer.status, 405, "{}", answer.what);
            let allow: BTreeSet<String> = answer
                .allow
                .as_deref()
                .unwrap_or_else(|| panic!("{}: 405 without Allow", answer.what))
                .split(',')
                .map(|m| m.trim().to_string())
                .collect();
            assert_eq!(allow, allowed, "{}", answer.what);
            if path.starts_with("/api/") {
                answer.expect(405, "method_not_allowed");
            }
        }
    }
    // Unknown addresses: 404 to GET, 405 to the rest (the static files take GET and HEAD).
    for path in ["/api/v1/nothing-here", "/api/v2/invitations/x/survey"] {
        t.send(Method::GET, path, None, Vec::new(), false)
            .await
            .expect(404, "not_found");
        let put = t.send(Method::PUT, path, None, Vec::new(), false).await;
        put.expect(405, "method_not_allowed");
        assert_eq!(put.allow.as_deref(), Some("GET,HEAD"));
    }
    assert_eq!(t.snapshot().await, before);
}

async fn json_bodies_need_the_json_content_type(app: TestApp) {
    let t = target(app).await;
    let before = t.snapshot().await;
    let wrong = [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=xyz"),
        Some("application/xml"),
        Some("text/json"),
        Some("application/json-patch+json"),
        Some("application/jsonx"),
    ];
    for endpoint in json_endpoints(&t) {
        let share = if endpoint.limited { 4 } else { wrong.len() };
        for content_type in &wrong[..share] {
            let body = match *content_type {
                Some("application/x-www-form-urlencoded") => b"email=a%40b.c&password=x".to_vec(),
                Some(m) if m.starts_with("multipart/") => {
                    b"--xyz\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.c\r\n--xyz--\r\n"
                        .to_vec()
                }
                _ => endpoint.sample.to_string().into_bytes(),
            };
            t.send(
                endpoint.method.clone(),
                &endpoint.path,
                *content_type,
                body,
                endpoint.staff,
            )
            .await
            .expect(415, "unsupported_media_type");
        }
        if endpoint.staff {
            // Without a session nothing is looked at: 401, whatever the body.
            t.send(
                endpoint.method.clone(),
                &endpoint.path,
                Some("text/plain"),
                b"\xff".to_vec(),
                false,
            )
            .await
            .expect(401, "unauthorized");
        }
    }
    assert_eq!(t.snapshot().await, before);
}

async fn bodies_over_the_limit_get_413(app: TestApp) {
    let t = target(app).await;
    let before = t.snapshot().await;
    let limit = t.app.settings.body_limit;
    each_json_endpoint(
        &t,
        1,
        |endpoint| {
            let mut big = endpoint.sample.clone();
            *big.pointer_mut(endpoint.string_at.0).unwrap() = json!("x".repeat(limit + 1));
            vec![big.to_string().into_bytes()]
        },
        |_, answer| {
            let error = answer.expect(413, "payload_too_large");
            assert!(error.fields.contains_key("body"));
        },
    )
    .await;

    // Chunked, so the server cannot know the size up front: it still stops at the limit.
    let path = t.path("/api/v1/invitations/{token}/response");
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    let filler = format!("\"{}\"", "x".repeat(16 * 1024));
    let mut chunks = vec!["[".to_string()];
    for i in 0..(limit / filler.len() + 2) {
        chunks.push(format!("{}{filler}", if i == 0 { "" } else { "," }));
    }
    chunks.push("]".to_string());
    for chunk in chunks {
        request.extend(format!("{:x}\r\n{chunk}\r\n", chunk.len()).bytes());
    }
    request.extend(b"0\r\n\r\n");
    let (status, text) = raw_http(&t.app, &request).await;
    assert_eq!(status, 413, "{text}");
    assert_eq!(t.snapshot().await, before);
}

/// The body limit is the configured one: just under it is read, just over it is not.
async fn the_configured_body_limit_is_the_limit(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |s| s.body_limit = 2048).await else {
        return;
    };
    let token = app.invite(Stage::Investigation, "NE").await;
    let body_of = |len: usize| {
        let text = "a".repeat(len);
        json!({"survey_version": 1, "answers": {"one_thing": {"kind": "text", "value": text}}})
            .to_string()
    };
    let overhead = body_of(0).len();
    let over = body_of(2049 - overhead);
    assert_eq!(over.len(), 2049);
    let answer = app
        .post_raw(&token, "application/json", over.into_bytes())
        .await;
    assert_eq!(answer.status(), 413);
    assert_eq!(app.response_count().await, 0);
    // 1000 characters is this question's own limit, and fits in 2048 bytes.
    let under = body_of(1000);
    assert!(under.len() <= 2048);
    let answer = app
        .post_raw(&token, "application/json", under.into_bytes())
        .await;
    assert_eq!(answer.status(), 201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configured_body_limit_is_the_limit_sqlite() {
    the_configured_body_limit_is_the_limit(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configured_body_limit_is_the_limit_postgres() {
    the_configured_body_limit_is_the_limit(Backend::Postgres).await;
}

async fn deep_nesting_is_refused_without_a_crash(app: TestApp) {
    let t = target(app).await;
    let before = t.snapshot().await;
    each_json_endpoint(
        &t,
        4,
        |endpoint| {
            let mut in_a_field = endpoint.sample.to_string();
            let at = in_a_field.find(':').unwrap() + 1;
            in_a_field.insert_str(at, &"[".repeat(30_000));
            vec![
                "[".repeat(60_000).into_bytes(),
                format!("{}{}", "[".repeat(20_000), "]".repeat(20_000)).into_bytes(),
                format!("{}1{}", r#"{"a":"#.repeat(5_000), "}".repeat(5_000)).into_bytes(),
                in_a_field.into_bytes(),
            ]
        },
        |_, answer| {
            // 400 when the depth limit is hit; 422 when a field's type is wrong first.
            let error = answer.refusal();
            match answer.status {
                400 => assert_eq!(error.code, "bad_request", "{}", answer.what),
                422 => assert!(!error.fields.is_empty(), "{}", answer.what),
                other => panic!("{}: {other}", answer.what),
            }
        },
    )
    .await;
    assert_eq!(
        t.send(Method::GET, "/healthz", None, Vec::new(), false)
            .await
            .status,
        200
    );
    assert_eq!(t.snapshot().await, before);
}

/// With the body limit raised to 8 MiB, four million `[` are still a 400, not a stack overflow.
async fn deep_nesting_under_a_large_body_limit(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |s| s.body_limit = 8 << 20).await else {
        return;
    };
    let token = app.invite(Stage::Investigation, "NE").await;
    for body in [
        "[".repeat(4_000_000),
        format!(
            r#"{{"survey_version": 1, "answers": {}"#,
            r#"{"a":"#.repeat(1_000_000)
        ),
    ] {
        let answer = app
            .post_raw(&token, "application/json", body.into_bytes())
            .await;
        assert!(
            matches!(answer.status().as_u16(), 400 | 422),
            "{}",
            answer.status()
        );
    }
    assert_eq!(app.response_count().await, 0);
    assert!(!app.invitations().await[0].used);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_nesting_under_a_large_body_limit_sqlite() {
    deep_nesting_under_a_large_body_limit(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_nesting_under_a_large_body_limit_postgres() {
    deep_nesting_under_a_large_body_limit(Backend::Postgres).await;
}

async fn bodies_that_are_not_utf8_get_400(app: TestApp) {
    let t = target(app).await;
    let before = t.snapshot().await;
    each_json_endpoint(
        &t,
        5,
        |endpoint| {
            let with = |bad: &[u8]| {
                let mut value = endpoint.sample.clone();
                *value.pointer_mut(endpoint.string_at.0).unwrap() = json!("@@");
                let text = value.to_string();
                let at = text.find("@@").unwrap();
                [&text.as_bytes()[..at], bad, &text.as_bytes()[at + 2..]].concat()
            };
            vec![
                b"\xff\xfe{\x00}\x00".to_vec(),
                with(b"\xc0\xaf"),        // overlong '/'
                with(b"\xed\xa0\x80"),    // a surrogate, UTF-8 encoded
                with(b"\xe2\x82"),        // cut short
                with(br"\ud800 alone"),   // a lone surrogate escape
                with(b"latin-1 caf\xe9"), // another encoding
            ]
        },
        |_, answer| {
            answer.expect(400, "bad_request");
        },
    )
    .await;
    assert_eq!(t.snapshot().await, before);
}

async fn nul_repeated_keys_and_out_of_range_numbers_are_refused_on_their_field(app: TestApp) {
    let t = target(app).await;
    let before = t.snapshot().await;
    each_json_endpoint(
        &t,
        3,
        |endpoint| {
            let mut nul = endpoint.sample.clone();
            *nul.pointer_mut(endpoint.string_at.0).unwrap() = json!("before\u{0}after");
            // The first key given twice, in the raw text (a JSON value cannot hold that).
            let sample = endpoint.sample.to_string();
            let first = endpoint.sample.as_object().unwrap().iter().next().unwrap();
            let repeated = format!("{{{}:{},{}", json!(first.0), first.1, &sample[1..]);
            let mut nul_key = endpoint.sample.clone();
            nul_key
                .as_object_mut()
                .unwrap()
                .insert("sneaky\u{0}key".into(), json!(1));
            vec![
                nul.to_string().into_bytes(),
                repeated.into_bytes(),
                nul_key.to_string().into_bytes(),
            ]
        },
        |endpoint, answer| {
            let error = answer.expect(422, "validation_failed");
            let first_key = endpoint.sample.as_object().unwrap().keys().next().unwrap();
            let expected = [endpoint.string_at.1, first_key.as_str(), "sneaky\u{0}key"];
            assert!(
                error.fields.keys().any(|k| expected.contains(&k.as_str())),
                "{}: {:?}",
                answer.what,
                error.fields
            );
        },
    )
    .await;

    // The submission, case by case: the field named, the link still unused.
    let response = t.path("/api/v1/invitations/{token}/response");
    let answer_with = |answer: &str| {
        format!(r#"{{"survey_version": 1, "answers": {{"overall": {answer}}}}}"#).into_bytes()
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            br#"{"survey_version": 4294967296, "answers": {}}"#.to_vec(),
            "survey_version",
        ),
        (br#"{"survey_version": -1, "answers": {}}"#.to_vec(), "survey_version"),
        (br#"{"survey_version": 1.5, "answers": {}}"#.to_vec(), "survey_version"),
        (br#"{"survey_version": 0, "answers": {}}"#.to_vec(), "survey_version"),
        (br#"{"survey_version": "1", "answers": {}}"#.to_vec(), "survey_version"),
        (answer_with(r#"{"kind": "scale", "value": 256}"#), "answers.overall"),
        (answer_with(r#"{"kind": "scale", "value": -1}"#), "answers.overall"),
        (answer_with(r#"{"kind": "scale", "value": 4.5}"#), "answers.overall"),
        (answer_with(r#"{"kind": "scale", "value": 1e3}"#), "answers.overall"),
        (answer_with(r#"{"kind": "scale", "value": 0}"#), "answers.overall"),
        (answer_with(r#"{"kind": "scale", "kind": "scale", "value": 3}"#), "answers.overall"),
        (
            br#"{"survey_version": 1, "answers": {"overall": {"kind": "scale", "value": 1}, "overall": {"kind": "scale", "value": 5}}}"#.to_vec(),
            "answers.overall",
        ),
        // Found by the fuzzer: an unknown empty key was refused on an unnamed field.
        (br#"{"survey_version": 1, "answers": {}, "": 1}"#.to_vec(), "body"),
        (br#"{"survey_version": 1, "answers": {"": {"kind": "scale", "value": 1}}}"#.to_vec(), "answers."),
    ];
    for (body, field) in cases {
        t.send(
            Method::POST,
            &response,
            Some("application/json"),
            body,
            false,
        )
        .await
        .expect_field(field);
    }
    // A number too big for any type is not JSON serde_json will read: the body as a whole.
    t.send(
        Method::POST,
        &response,
        Some("application/json"),
        br#"{"survey_version": 1e400, "answers": {}}"#.to_vec(),
        false,
    )
    .await
    .expect(400, "bad_request");
    assert_eq!(t.snapshot().await, before);

    // Other control characters are text: stored (redacted as usual) the same on both databases.
    let text =
        "Bell\u{7} escape\u{1b}[31m delete\u{7f} zero-width\u{200b} right-to-left\u{202e} tab\tend";
    let body =
        json!({"survey_version": 1, "answers": {"one_thing": {"kind": "text", "value": text}}});
    let stored = t
        .send(
            Method::POST,
            &response,
            Some("application/json"),
            body.to_string().into_bytes(),
            false,
        )
        .await;
    assert_eq!(stored.status, 201, "{}", stored.body);
    let comments = t.app.comments().await;
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].body, analysis::redact(text).text);
}

async fn unreadable_paths_and_queries_get_4xx(app: TestApp) {
    let t = target(app).await;
    let before = t.snapshot().await;
    let garbage = [
        "%FF",
        "%C0%AF",
        "%ED%A0%80",
        "%00",
        "a%00b",
        "%07%1B",
        "%",
        "%%",
        "%G1",
        "a%2Fb",
        "..%2F..%2Fetc%2Fpasswd",
    ];
    let long = "A".repeat(4000);
    for (template, methods) in ROUTES {
        let params = ["{token}", "{code}", "{id}", "{format}", "{*path}"];
        let Some(param) = params.iter().find(|p| template.contains(**p)) else {
            continue;
        };
        let method = Method::from_bytes(methods[0].as_bytes()).unwrap();
        let limited = template.ends_with("/sessions");
        let values: Vec<&str> = garbage
            .iter()
            .copied()
            .chain([long.as_str()])
            .take(if limited { 5 } else { usize::MAX })
            .collect();
        let staff = template.starts_with("/api/v1/staff/");
        for value in values {
            let path = t.path(&template.replace(param, value));
            let (content_type, body) = if method == Method::GET {
                (None, Vec::new())
            } else {
                (Some("application/json"), b"{}".to_vec())
            };
            let answer = t
                .send(method.clone(), &path, content_type, body.clone(), staff)
                .await;
            if template == &"/staff/{*path}" {
                // The staff app's own client-side routes: any path is its page.
                assert!(matches!(answer.status, 200 | 404), "{}", answer.what);
                assert!(!answer.body.contains("root:"), "{}", answer.what);
                continue;
            }
            if path.starts_with("/s/") || path.starts_with("/a/") {
                // A victim's mangled link: the calm page, saying 404.
                assert_eq!(answer.status, 404, "{}: {}", answer.what, answer.body);
                assert!(
                    answer.content_type.starts_with("text/html"),
                    "{}",
                    answer.what
                );
                continue;
            }
            assert!(
                (400..500).contains(&answer.status),
                "{}: {} {}",
                answer.what,
                answer.status,
                answer.body
            );
            if path.starts_with("/api/") {
                answer.refusal();
            }
            if staff {
                // Without a session: 401 before the path is looked at, but for a NUL, which
                // no API path gets past (404).
                let answer = t
                    .send(method.clone(), &path, content_type, body, false)
                    .await;
                if value.contains("%00") {
                    answer.expect(404, "not_found");
                } else {
                    answer.expect(401, "unauthorized");
                }
            }
        }
    }

    // Query strings on a staff dashboard: each bad parameter named.
    let dashboard = "/api/v1/staff/units/CE/dashboard";
    for (query, field) in [
        ("stage=%FF", "stage"),
        ("stage=court&stage=court", "stage"),
        ("stage", "stage"),
        ("from=%00", "from"),
        ("from=2025-13", "from"),
        ("from=%", "from"),
        ("from=2026-01&to=2025-01", "__all__"),
        ("channel=carrier%20pigeon", "channel"),
        ("nope=1", "nope"),
        ("%FF=1", "\u{fffd}"),
    ] {
        let answer = t
            .send(
                Method::GET,
                &format!("{dashboard}?{query}"),
                None,
                Vec::new(),
                true,
            )
            .await;
        let error = answer.expect(422, "validation_failed");
        assert!(
            error.fields.keys().any(|k| k.contains(field)) || field == "__all__",
            "{}: {:?}",
            answer.what,
            error.fields
        );
    }
    // Public endpoints take no query: garbage in one is ignored.
    let ignored = t
        .send(
            Method::GET,
            "/api/v1/units/CE/actions?%FF=%00&a=%",
            None,
            Vec::new(),
            false,
        )
        .await;
    assert_eq!(ignored.status, 200, "{}", ignored.body);

    // What no client library sends: raw bytes, dot segments and a huge URI.
    for request in [
        &b"GET /api/v1/units/\xff\xfe/actions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"[..],
        b"GET /s/\xc0\xaf HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /api/v1/units/C\x00E/actions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ] {
        let (status, text) = raw_http(&t.app, request).await;
        assert_eq!(status, 400, "{text}");
    }
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2F..%2F..%2FCargo.toml",
        "/staff/..%2F..%2F..%2FCargo.toml",
    ] {
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let (status, text) = raw_http(&t.app, request.as_bytes()).await;
        assert!(status < 500, "{path}: {text}");
        assert!(
            !text.contains("root:") && !text.contains("[workspace]"),
            "{path}"
        );
    }
    let huge = format!(
        "GET /api/v1/units/{}/actions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "A".repeat(1 << 20)
    );
    let (status, text) = raw_http(&t.app, huge.as_bytes()).await;
    assert!((400..500).contains(&status), "{text}");
    assert_eq!(t.snapshot().await, before);
}

db_tests!(
    wrong_methods_get_405_with_allow_and_change_nothing,
    json_bodies_need_the_json_content_type,
    bodies_over_the_limit_get_413,
    deep_nesting_is_refused_without_a_crash,
    bodies_that_are_not_utf8_get_400,
    nul_repeated_keys_and_out_of_range_numbers_are_refused_on_their_field,
    unreadable_paths_and_queries_get_4xx,
);
