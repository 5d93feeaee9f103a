//! One typed client for the staff API (same origin, JSON over `gloo-net`). The session cookie
//! is HttpOnly and travels by itself; every state-changing request carries the CSRF token from
//! [`StaffMe`] in `X-CSRF-Token`. Every failure is an [`ApiError`] holding the `shared` error
//! body when the server sent one.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use shared::{
    AdvocateDashboard, AuditEntryView, CommentThemesUpdate, DashboardFilters, ErrorBody,
    FieldErrors, IssuedInvitation, LoginRequest, NewAction, NewStaffUser, NewUnit, PublishedAction,
    ResponseRate, StaffBatchRequest, StaffComment, StaffInvitationRequest, StaffMe, StaffUserView,
    Stage, ThemeComments, UnitDashboard, UnitOption, UpdateStaffUser,
};

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer (offline, connection dropped) or an unreadable body.
    Network,
    /// A non-success status, with the error body when there is one.
    Status {
        status: u16,
        body: Option<ErrorBody>,
    },
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            ApiError::Network => None,
        }
    }

    /// Errors per field, if the server named any.
    pub fn fields(&self) -> FieldErrors {
        match self {
            ApiError::Status {
                body: Some(body), ..
            } => body.fields.clone(),
            _ => FieldErrors::new(),
        }
    }

    /// A sentence a person can read.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network => {
                "The service could not be reached. Check your connection and try again.".into()
            }
            ApiError::Status {
                body: Some(body), ..
            } if !body.message.is_empty() => body.message.clone(),
            ApiError::Status { status: 403, .. } => "You do not have permission to do that.".into(),
            ApiError::Status { status: 404, .. } => "That could not be found.".into(),
            ApiError::Status { .. } => "Something went wrong. Try again later.".into(),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

pub fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

/// `stage=..&from=..&to=..&channel=..` for the filters that are set (empty when none is).
pub fn filter_query(filters: &DashboardFilters) -> String {
    let mut parts = Vec::new();
    if let Some(stage) = filters.stage {
        parts.push(format!("stage={}", stage.as_str()));
    }
    if let Some(from) = &filters.from {
        parts.push(format!("from={}", encode(from)));
    }
    if let Some(to) = &filters.to {
        parts.push(format!("to={}", encode(to)));
    }
    if let Some(channel) = filters.channel {
        parts.push(format!("channel={}", channel.as_str()));
    }
    parts.join("&")
}

/// `?query`, or nothing for an empty query.
pub fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

async fn status_error(response: Response) -> ApiError {
    let status = response.status();
    let body = response.json::<ErrorBody>().await.ok();
    ApiError::Status { status, body }
}

async fn read<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> ApiResult<T> {
    let response = response.map_err(|_| ApiError::Network)?;
    if response.ok() {
        response.json::<T>().await.map_err(|_| ApiError::Network)
    } else {
        Err(status_error(response).await)
    }
}

async fn read_empty(response: Result<Response, gloo_net::Error>) -> ApiResult<()> {
    let response = response.map_err(|_| ApiError::Network)?;
    if response.ok() {
        Ok(())
    } else {
        Err(status_error(response).await)
    }
}

async fn get<T: DeserializeOwned>(url: &str) -> ApiResult<T> {
    read(Request::get(url).send().await).await
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    csrf: &str,
    body: &B,
) -> ApiResult<T> {
    let request = builder
        .header("X-CSRF-Token", csrf)
        .json(body)
        .map_err(|_| ApiError::Network)?;
    read(request.send().await).await
}

/// `POST /api/v1/staff/session`
pub async fn sign_in(request: &LoginRequest) -> ApiResult<StaffMe> {
    let request = Request::post("/api/v1/staff/session")
        .json(request)
        .map_err(|_| ApiError::Network)?;
    read(request.send().await).await
}

/// `DELETE /api/v1/staff/session`
pub async fn sign_out(csrf: &str) -> ApiResult<()> {
    read_empty(
        Request::delete("/api/v1/staff/session")
            .header("X-CSRF-Token", csrf)
            .send()
            .await,
    )
    .await
}

/// `GET /api/v1/staff/me`: the session after a reload (401 when signed out).
pub async fn me() -> ApiResult<StaffMe> {
    get("/api/v1/staff/me").await
}

/// `GET /api/v1/staff/units`
pub async fn units() -> ApiResult<Vec<UnitOption>> {
    get("/api/v1/staff/units").await
}

pub fn unit_base(code: &str) -> String {
    format!("/api/v1/staff/units/{}", encode(code))
}

/// `GET /api/v1/staff/units/{code}/dashboard`
pub async fn unit_dashboard(code: &str, filters: &DashboardFilters) -> ApiResult<UnitDashboard> {
    let url = with_query(
        &format!("{}/dashboard", unit_base(code)),
        &filter_query(filters),
    );
    get(&url).await
}

/// `GET /api/v1/staff/units/{code}/comments?theme=&stage=`
pub async fn comments(code: &str, theme: &str, stage: Stage) -> ApiResult<ThemeComments> {
    let url = format!(
        "{}/comments?theme={}&stage={}",
        unit_base(code),
        encode(theme),
        stage.as_str()
    );
    get(&url).await
}

/// `PUT /api/v1/staff/comments/{id}/themes`: a comment's full theme set, set by staff.
pub async fn set_comment_themes(
    csrf: &str,
    id: &str,
    update: &CommentThemesUpdate,
) -> ApiResult<StaffComment> {
    let url = format!("/api/v1/staff/comments/{}/themes", encode(id));
    send_json(Request::put(&url), csrf, update).await
}

/// Where a unit's export downloads from, with the current filters.
pub fn unit_export_url(code: &str, format: &str, filters: &DashboardFilters) -> String {
    with_query(
        &format!("{}/export/{format}", unit_base(code)),
        &filter_query(filters),
    )
}

/// Where the all-units export downloads from, with the current filters.
pub fn advocate_export_url(format: &str, filters: &DashboardFilters) -> String {
    with_query(
        &format!("/api/v1/staff/advocate/export/{format}"),
        &filter_query(filters),
    )
}

/// `GET /api/v1/staff/advocate/dashboard`
pub async fn advocate_dashboard(filters: &DashboardFilters) -> ApiResult<AdvocateDashboard> {
    let url = with_query("/api/v1/staff/advocate/dashboard", &filter_query(filters));
    get(&url).await
}

/// `POST /api/v1/staff/units/{code}/actions`
pub async fn publish_action(
    csrf: &str,
    code: &str,
    action: &NewAction,
) -> ApiResult<PublishedAction> {
    let url = format!("{}/actions", unit_base(code));
    send_json(Request::post(&url), csrf, action).await
}

/// `GET /api/v1/units/{code}/actions`: what the victim's thank-you page shows.
pub async fn unit_actions(code: &str) -> ApiResult<Vec<PublishedAction>> {
    get(&format!("/api/v1/units/{}/actions", encode(code))).await
}

/// `GET /api/v1/staff/users`
pub async fn users() -> ApiResult<Vec<StaffUserView>> {
    get("/api/v1/staff/users").await
}

/// `POST /api/v1/staff/users`
pub async fn create_user(csrf: &str, user: &NewStaffUser) -> ApiResult<StaffUserView> {
    send_json(Request::post("/api/v1/staff/users"), csrf, user).await
}

/// `PATCH /api/v1/staff/users/{id}`
pub async fn update_user(
    csrf: &str,
    id: i32,
    update: &UpdateStaffUser,
) -> ApiResult<StaffUserView> {
    send_json(
        Request::patch(&format!("/api/v1/staff/users/{id}")),
        csrf,
        update,
    )
    .await
}

/// `POST /api/v1/staff/units`
pub async fn create_unit(csrf: &str, unit: &NewUnit) -> ApiResult<UnitOption> {
    send_json(Request::post("/api/v1/staff/units"), csrf, unit).await
}

/// `GET /api/v1/staff/audit`
pub async fn audit() -> ApiResult<Vec<AuditEntryView>> {
    get("/api/v1/staff/audit").await
}

/// `POST /api/v1/staff/invitations`: a link to hand over, or one text message.
pub async fn issue_invitation(
    csrf: &str,
    request: &StaffInvitationRequest,
) -> ApiResult<IssuedInvitation> {
    send_json(Request::post("/api/v1/staff/invitations"), csrf, request).await
}

/// One CSV row the server would not send to, by row number (the row itself is not echoed).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RejectedRow {
    pub row: usize,
    pub reason: String,
}

/// What a CSV batch did.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BatchReport {
    pub queued: usize,
    pub held_for_quiet_hours: bool,
    #[serde(default)]
    pub rejected: Vec<RejectedRow>,
}

/// `POST /api/v1/staff/invitations/batch`
pub async fn issue_batch(csrf: &str, request: &StaffBatchRequest) -> ApiResult<BatchReport> {
    send_json(
        Request::post("/api/v1/staff/invitations/batch"),
        csrf,
        request,
    )
    .await
}

/// `GET /api/v1/staff/units/{code}/response-rates`, or every unit's with no code.
pub async fn response_rates(code: Option<String>) -> ApiResult<Vec<ResponseRate>> {
    match code {
        Some(code) => get(&format!("{}/response-rates", unit_base(&code))).await,
        None => get("/api/v1/staff/response-rates").await,
    }
}

/// One message of the text-message queue or the offline outbox (no full number, ever).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    /// `queued`, `sending`, `sent`, `offline` or `failed`.
    pub status: String,
    /// `07*** ***123`, while the message is queued or offline.
    pub phone_hint: Option<String>,
    /// The text as it would be sent (offline messages only).
    pub body: Option<String>,
    pub attempts: i32,
    /// Unix seconds: when it may be sent, or when it was finished.
    pub not_before: i64,
    pub last_error: Option<String>,
}

/// `GET /api/v1/staff/sms-outbox` (admins)
pub async fn sms_outbox() -> ApiResult<Vec<OutboxEntry>> {
    get("/api/v1/staff/sms-outbox").await
}

/// Where the QR code of an advocate's reusable link is drawn.
pub fn advocate_qr_url(code: &str) -> String {
    format!("/api/v1/advocate-links/{}/qr.svg", encode(code))
}
