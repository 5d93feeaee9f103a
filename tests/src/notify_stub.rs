//! A stand-in for GOV.UK Notify, served on port 0 inside the test process. It checks what
//! the real service checks (written from Notify's API documentation, independently of the
//! backend's client): a `Bearer` JWT signed HS256 with the key's secret, `iss` equal to the
//! service id, `iat` within 30 seconds, JSON content type, `phone_number` and `template_id`
//! present, the template known and its placeholders filled; and answers with Notify's success
//! body (201) or its error format `{"status_code", "errors": [{"error", "message"}]}`.
//!
//! It can be told to fail the next requests (500, 429, or "create then answer 500" to make an
//! ambiguous failure), records every request and every created notification, and answers
//! `GET /v2/notifications?reference=` as Notify does, so a client can check before resending.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// The text of the stub's only template: the same neutral text the backend documents.
pub const TEMPLATE_TEXT: &str = backend::services::sms::templates::INVITATION.text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 500 before doing anything.
    ServerError,
    /// 429 rate limit.
    RateLimited,
    /// Creates the notification, then answers 500: the client cannot tell it was sent.
    CreateThenServerError,
}

/// One request to `POST /v2/notifications/sms`, as received.
#[derive(Debug, Clone)]
pub struct SmsRequest {
    pub status: u16,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub user_agent: Option<String>,
    pub body: Value,
}

/// A notification the stub created (what a real phone would receive).
#[derive(Debug, Clone)]
pub struct Delivered {
    pub id: String,
    pub phone_number: String,
    pub reference: Option<String>,
    pub body: String,
    pub personalisation: Value,
}

#[derive(Default)]
struct Inner {
    failures: VecDeque<Failure>,
    requests: Vec<SmsRequest>,
    lookups: usize,
    delivered: Vec<Delivered>,
}

#[derive(Clone)]
struct StubState {
    service_id: String,
    secret: String,
    template_id: String,
    base_url: String,
    inner: Arc<Mutex<Inner>>,
}

pub struct NotifyStub {
    pub base_url: String,
    /// A key in Notify's format: `{name}-{service id}-{secret}`.
    pub api_key: String,
    pub service_id: String,
    pub template_id: String,
    state: StubState,
}

impl NotifyStub {
    pub async fn start() -> Self {
        let service_id = uuid::Uuid::new_v4().to_string();
        let secret = uuid::Uuid::new_v4().to_string();
        let template_id = uuid::Uuid::new_v4().to_string();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind stub");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let state = StubState {
            service_id: service_id.clone(),
            secret: secret.clone(),
            template_id: template_id.clone(),
            base_url: base_url.clone(),
            inner: Arc::default(),
        };
        let app = Router::new()
            .route("/v2/notifications/sms", post(send_sms))
            .route("/v2/notifications", get(list_notifications))
            .with_state(state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            base_url,
            api_key: format!("test_key-{service_id}-{secret}"),
            service_id,
            template_id,
            state,
        }
    }

    /// The next `n` sends fail this way (then it behaves again).
    pub fn fail_next(&self, n: usize, failure: Failure) {
        let mut inner = self.state.inner.lock().unwrap();
        inner.failures.extend(std::iter::repeat_n(failure, n));
    }

    /// Every send request received, failed ones included.
    pub fn requests(&self) -> Vec<SmsRequest> {
        self.state.inner.lock().unwrap().requests.clone()
    }

    /// Notifications created: what phones would have received.
    pub fn delivered(&self) -> Vec<Delivered> {
        self.state.inner.lock().unwrap().delivered.clone()
    }

    /// How many `GET /v2/notifications` lookups were made.
    pub fn lookups(&self) -> usize {
        self.state.inner.lock().unwrap().lookups
    }
}

fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    (
        status,
        Json(json!({
            "status_code": status.as_u16(),
            "errors": [{"error": kind, "message": message}],
        })),
    )
        .into_response()
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Notify's authentication checks, in its words where they are known.
/// `Some(refusal)` when the request would not pass Notify's authentication.
fn check_auth(state: &StubState, headers: &HeaderMap) -> Option<Response> {
    let forbidden = |message: &str| error(StatusCode::FORBIDDEN, "AuthError", message);
    let Some(value) = header(headers, "authorization") else {
        return Some(forbidden(
            "Unauthorized: authentication token must be provided",
        ));
    };
    let Some(token) = value.strip_prefix("Bearer ") else {
        return Some(forbidden(
            "Unauthorized: authentication bearer scheme must be used",
        ));
    };
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Some(forbidden(
            "Invalid token: signature, api token is not valid",
        ));
    }
    let decode = |part: &str| -> Option<Value> {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?).ok()
    };
    let (Some(head), Some(claims)) = (decode(parts[0]), decode(parts[1])) else {
        return Some(forbidden(
            "Invalid token: signature, api token is not valid",
        ));
    };
    if head["alg"] != "HS256" {
        return Some(forbidden("Invalid token: algorithm used is not HS256"));
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(state.secret.as_bytes()).expect("any key");
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap_or_default();
    if mac.verify_slice(&signature).is_err() {
        return Some(forbidden("Invalid token: signature, api token not found"));
    }
    if claims["iss"].as_str() != Some(state.service_id.as_str()) {
        return Some(forbidden("Invalid token: service not found"));
    }
    let Some(iat) = claims["iat"].as_i64() else {
        return Some(forbidden("Invalid token: iat field not provided"));
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    if (now - iat).abs() > 30 {
        return Some(forbidden(
            "Error: Your system clock must be accurate to within 30 seconds",
        ));
    }
    None
}

fn is_uk_mobile_e164_or_national(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 12 && digits.starts_with("447"))
        || (digits.len() == 11 && digits.starts_with("07"))
}

async fn send_sms(State(state): State<StubState>, headers: HeaderMap, body: String) -> Response {
    let response = handle_send(&state, &headers, &body);
    let mut inner = state.inner.lock().unwrap();
    inner.requests.push(SmsRequest {
        status: response.status().as_u16(),
        authorization: header(&headers, "authorization"),
        content_type: header(&headers, "content-type"),
        user_agent: header(&headers, "user-agent"),
        body: serde_json::from_str(&body).unwrap_or(Value::Null),
    });
    response
}

fn handle_send(state: &StubState, headers: &HeaderMap, body: &str) -> Response {
    let failure = state.inner.lock().unwrap().failures.pop_front();
    match failure {
        Some(Failure::ServerError) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Exception",
                "Internal server error",
            )
        }
        Some(Failure::RateLimited) => {
            return error(
                StatusCode::TOO_MANY_REQUESTS,
                "RateLimitError",
                "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
            )
        }
        _ => {}
    }
    if let Some(response) = check_auth(state, headers) {
        return response;
    }
    let json_type = header(headers, "content-type")
        .is_some_and(|t| t.split(';').next() == Some("application/json"));
    if !json_type {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestError",
            "Content-Type header is not set to application/json",
        );
    }
    let Ok(request) = serde_json::from_str::<Value>(body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestError",
            "Invalid JSON supplied in POST data",
        );
    };
    let mut missing = Vec::new();
    for field in ["phone_number", "template_id"] {
        if !request[field].is_string() {
            missing.push(json!({"error": "ValidationError", "message": format!("{field} is a required property")}));
        }
    }
    if !missing.is_empty() {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"status_code": 400, "errors": missing})),
        )
            .into_response();
    }
    let phone = request["phone_number"].as_str().unwrap_or_default();
    if !is_uk_mobile_e164_or_national(phone) {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "phone_number Not a UK mobile number",
        );
    }
    if request["template_id"].as_str() != Some(state.template_id.as_str()) {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestError",
            "Template not found",
        );
    }
    let personalisation = request["personalisation"].clone();
    let Some(link) = personalisation["link"].as_str() else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestError",
            "Missing personalisation: link",
        );
    };
    let reference = request["reference"].as_str().map(str::to_string);
    let id = uuid::Uuid::new_v4().to_string();
    let rendered = TEMPLATE_TEXT.replace("((link))", link);
    state.inner.lock().unwrap().delivered.push(Delivered {
        id: id.clone(),
        phone_number: phone.to_string(),
        reference: reference.clone(),
        body: rendered.clone(),
        personalisation,
    });
    if failure == Some(Failure::CreateThenServerError) {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Exception",
            "Internal server error",
        );
    }
    (
        StatusCode::CREATED,
        Json(json!({
            "id": id,
            "reference": reference,
            "content": {"body": rendered, "from_number": "GOVUK"},
            "uri": format!("{}/v2/notifications/{id}", state.base_url),
            "template": {
                "id": state.template_id,
                "version": 1,
                "uri": format!("{}/services/{}/templates/{}", state.base_url, state.service_id, state.template_id),
            },
            "scheduled_for": null,
        })),
    )
        .into_response()
}

async fn list_notifications(
    State(state): State<StubState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(response) = check_auth(&state, &headers) {
        return response;
    }
    let mut inner = state.inner.lock().unwrap();
    inner.lookups += 1;
    let notifications: Vec<Value> = inner
        .delivered
        .iter()
        .filter(|d| {
            query
                .get("reference")
                .is_none_or(|r| d.reference.as_ref() == Some(r))
        })
        .map(|d| {
            json!({
                "id": d.id,
                "reference": d.reference,
                "type": "sms",
                "status": "delivered",
                "body": d.body,
                "template": {"id": state.template_id, "version": 1},
            })
        })
        .collect();
    Json(json!({
        "notifications": notifications,
        "links": {"current": format!("{}/v2/notifications", state.base_url)},
    }))
    .into_response()
}
