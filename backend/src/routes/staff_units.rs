//! Staff endpoints scoped to one unit: publishing "you said, we did". A BCU lead may act only
//! for their own unit; asking for another unit by code is refused, not hidden.

use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedJson;
use crate::services::auth::StaffUser;
use crate::services::{actions, audit, units};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::{NewAction, PublishedAction, StaffRole, UnitAction};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/staff/units/{code}/actions", post(publish_action))
        .route("/api/v1/staff/actions", get(list_actions))
}

#[utoipa::path(
    post, path = "/api/v1/staff/units/{code}/actions", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    params(("code" = String, Path, description = "The unit's code")),
    request_body = NewAction,
    responses(
        (status = 201, description = "Published on the unit's thank-you page", body = PublishedAction),
        crate::openapi::JsonBodyErrors,
        crate::openapi::SignedOut,
        crate::openapi::ForbiddenOrCsrf,
        crate::openapi::NotFound,
    )
)]
async fn publish_action(
    State(state): State<AppState>,
    user: StaffUser,
    Path(code): Path<String>,
    ValidatedJson(new): ValidatedJson<NewAction>,
) -> ApiResult<(StatusCode, Json<PublishedAction>)> {
    let unit = units::find_by_code(&state.db, &code)
        .await?
        .ok_or(ApiError::NotFound("unit"))?;
    if !user.may_act_for_unit(unit.id) {
        return Err(ApiError::Forbidden);
    }
    if !state
        .tagger
        .taxonomy()
        .themes
        .iter()
        .any(|t| t.id == new.theme)
    {
        return Err(ApiError::field("theme", "choose one of the themes"));
    }
    let row = actions::publish(&state.db, unit.id, &new.theme, &new.you_said, &new.we_did).await?;
    audit::record(
        &state.db,
        user.id,
        "publish_action",
        &format!("{}:{}", unit.code, row.theme),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(actions::published(row))))
}

/// "You said, we did" across units for advocates, analysts and admins; a BCU lead gets their
/// own unit's.
#[utoipa::path(
    get, path = "/api/v1/staff/actions", tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Published actions in the account's scope", body = Vec<UnitAction>),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
    )
)]
async fn list_actions(
    State(state): State<AppState>,
    user: StaffUser,
) -> ApiResult<Json<Vec<UnitAction>>> {
    let scope = match user.role {
        StaffRole::BcuLead => Some(user.unit_id.ok_or(ApiError::Forbidden)?),
        StaffRole::Admin | StaffRole::Advocate | StaffRole::Analyst => None,
    };
    Ok(Json(actions::all_with_units(&state.db, scope).await?))
}
