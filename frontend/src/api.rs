//! The one typed client for the survey API (same origin, JSON over `gloo-net`). Every failure is
//! an [`ApiError`]: no connection, or a status with the `shared` error body when there is one.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use shared::{
    AdvocateLinkView, AdvocateSessionCreated, AdvocateSessionRequest, ErrorBody, SubmissionReceipt,
    SubmissionRequest, SurveyView,
};

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, connection dropped) or the body was unreadable.
    Network,
    /// The server answered with a non-success status.
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

    /// The error body's machine-readable code, if the server sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Status {
                body: Some(body), ..
            } => Some(body.code.as_str()),
            _ => None,
        }
    }
}

/// One published "you said, we did" action for a unit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UnitAction {
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub you_said: String,
    #[serde(default)]
    pub we_did: String,
    /// `YYYY-MM`.
    #[serde(default)]
    pub published: String,
}

fn segment(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

async fn read<T: DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    let response = response.map_err(|_| ApiError::Network)?;
    if response.ok() {
        response.json::<T>().await.map_err(|_| ApiError::Network)
    } else {
        let status = response.status();
        let body = response.json::<ErrorBody>().await.ok();
        Err(ApiError::Status { status, body })
    }
}

/// `GET /api/v1/invitations/{token}/survey`
pub async fn survey(token: &str) -> Result<SurveyView, ApiError> {
    let url = format!("/api/v1/invitations/{}/survey", segment(token));
    read(Request::get(&url).send().await).await
}

/// `POST /api/v1/invitations/{token}/response`
pub async fn submit(
    token: &str,
    submission: &SubmissionRequest,
) -> Result<SubmissionReceipt, ApiError> {
    let url = format!("/api/v1/invitations/{}/response", segment(token));
    let request = Request::post(&url)
        .json(submission)
        .map_err(|_| ApiError::Network)?;
    read(request.send().await).await
}

/// `GET /api/v1/units/{unit_code}/actions`
pub async fn unit_actions(unit_code: &str) -> Result<Vec<UnitAction>, ApiError> {
    let url = format!("/api/v1/units/{}/actions", segment(unit_code));
    read(Request::get(&url).send().await).await
}

/// `GET /api/v1/advocate-links/{code}`
pub async fn advocate_link(code: &str) -> Result<AdvocateLinkView, ApiError> {
    let url = format!("/api/v1/advocate-links/{}", segment(code));
    read(Request::get(&url).send().await).await
}

/// `POST /api/v1/advocate-links/{code}/sessions`: a fresh single-use survey token.
pub async fn advocate_session(
    code: &str,
    request: &AdvocateSessionRequest,
) -> Result<AdvocateSessionCreated, ApiError> {
    let url = format!("/api/v1/advocate-links/{}/sessions", segment(code));
    let request = Request::post(&url)
        .json(request)
        .map_err(|_| ApiError::Network)?;
    read(request.send().await).await
}
