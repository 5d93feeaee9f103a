//! The victim's page at `/s/{token}`: the survey app's HTML, with the HTTP status telling the
//! truth about the link (404 unknown, 410 used or expired) while the page itself stays calm.

use crate::error::ApiError;
use crate::services::{advocacy, invitations};
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/s/{token}", get(survey_page))
        .route("/a/{code}", get(advocate_page))
}

async fn survey_page(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
) -> Response {
    // A link that is not even UTF-8 (`/s/%FF`) is an unknown link: the same calm page.
    let Ok(Path(token)) = token else {
        return state.index.response(StatusCode::NOT_FOUND);
    };
    let status = match invitations::find_open(&state.db, &token).await {
        Ok(_) => StatusCode::OK,
        Err(ApiError::InvitationNotFound) => StatusCode::NOT_FOUND,
        Err(ApiError::InvitationUsed | ApiError::InvitationExpired) => StatusCode::GONE,
        Err(other) => {
            tracing::error!(error = %other, "checking an invitation for its page");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    state.index.response(status)
}

async fn advocate_page(
    State(state): State<AppState>,
    code: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(code)) = code else {
        return state.index.response(StatusCode::NOT_FOUND);
    };
    let status = match advocacy::find_by_code(&state.db, &code).await {
        Ok(_) => StatusCode::OK,
        Err(ApiError::NotFound(_)) => StatusCode::NOT_FOUND,
        Err(other) => {
            tracing::error!(error = %other, "checking an advocate link for its page");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    state.index.response(status)
}
