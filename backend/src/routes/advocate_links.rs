//! Advocate links: the page's data, a single-use session per visit (rate limited per
//! client address, held in memory only), and the link's QR code as SVG.

use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::advocacy;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::{AdvocateLinkView, AdvocateSessionCreated, AdvocateSessionRequest};

/// Sessions per client address: a burst of 10, then one every 6 seconds.
const SESSION_BURST: u32 = 10;
const SESSION_REFILL_SECONDS: u64 = 6;

pub fn router() -> Router<AppState> {
    let limiter = crate::web::rate_limit(SESSION_BURST, SESSION_REFILL_SECONDS);
    Router::new()
        .route(
            "/api/v1/advocate-links/{code}/sessions",
            post(start_session).layer(limiter),
        )
        .route("/api/v1/advocate-links/{code}", get(link_view))
        .route("/api/v1/advocate-links/{code}/qr.svg", get(qr_code))
}

#[utoipa::path(
    get, path = "/api/v1/advocate-links/{code}", tag = "advocate links",
    params(("code" = String, Path, description = "The advocacy service's link code")),
    responses(
        (status = 200, description = "The stages and areas the page offers", body = AdvocateLinkView),
        crate::openapi::NotFound,
    )
)]
async fn link_view(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Json<AdvocateLinkView>> {
    Ok(Json(advocacy::link_view(&state.db, &code).await?))
}

#[tracing::instrument(skip_all)]
#[utoipa::path(
    post, path = "/api/v1/advocate-links/{code}/sessions", tag = "advocate links",
    params(("code" = String, Path, description = "The advocacy service's link code")),
    request_body = AdvocateSessionRequest,
    responses(
        (status = 201, description = "A single-use survey token for this visit", body = AdvocateSessionCreated),
        crate::openapi::JsonBodyErrors,
        crate::openapi::NotFound,
        crate::openapi::TooManyRequests,
    )
)]
async fn start_session(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ValidatedJson(request): ValidatedJson<AdvocateSessionRequest>,
) -> ApiResult<(StatusCode, Json<AdvocateSessionCreated>)> {
    let token = advocacy::start_session(&state.db, &code, &request).await?;
    Ok((StatusCode::CREATED, Json(AdvocateSessionCreated { token })))
}

#[utoipa::path(
    get, path = "/api/v1/advocate-links/{code}/qr.svg", tag = "advocate links",
    params(("code" = String, Path, description = "The advocacy service's link code")),
    responses(
        (status = 200, description = "The link as a QR code", body = String, content_type = "image/svg+xml"),
        crate::openapi::NotFound,
    )
)]
async fn qr_code(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let service = advocacy::find_by_code(&state.db, &code).await?;
    let link = format!("{}/a/{}", state.public_url(), service.code);
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml")],
        advocacy::qr_svg(&link)?,
    ))
}
