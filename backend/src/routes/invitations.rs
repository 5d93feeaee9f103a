//! The victim-facing API behind an invitation link: read its survey, send the answers.

use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedJson;
use crate::services::{invitations, responses, surveys, units};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::{Stage, SubmissionReceipt, SubmissionRequest, SurveyView};
use std::str::FromStr;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/invitations/{token}/survey",
            get(survey_for_invitation),
        )
        .route(
            "/api/v1/invitations/{token}/response",
            post(submit_response),
        )
}

#[tracing::instrument(skip_all)]
#[utoipa::path(
    get, path = "/api/v1/invitations/{token}/survey", tag = "victim",
    params(("token" = String, Path, description = "The token from the invitation link `/s/{token}`")),
    responses(
        (status = 200, description = "The survey to show and the unit the answers count towards", body = SurveyView),
        crate::openapi::InvitationNotFound,
        crate::openapi::InvitationGone,
    )
)]
async fn survey_for_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<SurveyView>> {
    let invitation = invitations::find_open(&state.db, &token).await?;
    let stage = Stage::from_str(&invitation.stage).map_err(|e| ApiError::Internal(e.into()))?;
    let survey = surveys::latest(&state.db, stage)
        .await?
        .ok_or(ApiError::NotFound("survey for this stage"))?;
    let unit = units::find_by_id(&state.db, invitation.unit_id)
        .await?
        .ok_or(ApiError::NotFound("unit"))?;
    Ok(Json(SurveyView {
        survey,
        unit_code: unit.code,
    }))
}

#[tracing::instrument(skip_all)]
#[utoipa::path(
    post, path = "/api/v1/invitations/{token}/response", tag = "victim",
    params(("token" = String, Path, description = "The token from the invitation link `/s/{token}`")),
    request_body = SubmissionRequest,
    responses(
        (status = 201, description = "Stored; the link cannot be used again", body = SubmissionReceipt),
        crate::openapi::JsonBodyErrors,
        crate::openapi::InvitationNotFound,
        crate::openapi::InvitationGone,
    )
)]
async fn submit_response(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ValidatedJson(request): ValidatedJson<SubmissionRequest>,
) -> ApiResult<(StatusCode, Json<SubmissionReceipt>)> {
    let receipt =
        responses::submit(&state.submissions, state.tagger.current(), &token, request).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
