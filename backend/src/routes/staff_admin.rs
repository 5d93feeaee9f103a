//! Admin-only staff endpoints: accounts, units and the audit log. Every handler checks the
//! role first; the list of units is readable by every signed-in staff member.

use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedJson;
use crate::services::auth::{self, StaffUser};
use crate::services::{audit, units};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};
use shared::{
    AuditEntryView, NewStaffUser, NewUnit, StaffRole, StaffUserView, UnitOption, UpdateStaffUser,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/staff/users", get(list_users).post(create_user))
        .route("/api/v1/staff/users/{id}", patch(update_user))
        .route("/api/v1/staff/units", get(list_units).post(create_unit))
        .route("/api/v1/staff/audit", get(audit_log))
}

#[utoipa::path(
    get, path = "/api/v1/staff/users", tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Every staff account (admins only)", body = Vec<StaffUserView>),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
    )
)]
async fn list_users(
    State(state): State<AppState>,
    user: StaffUser,
) -> ApiResult<Json<Vec<StaffUserView>>> {
    user.require(&[StaffRole::Admin])?;
    Ok(Json(auth::list_users(&state.db).await?))
}

#[utoipa::path(
    post, path = "/api/v1/staff/users", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    request_body = NewStaffUser,
    responses(
        (status = 201, description = "The account, created (admins only)", body = StaffUserView),
        crate::openapi::JsonBodyErrors,
        crate::openapi::SignedOut,
        crate::openapi::ForbiddenOrCsrf,
    )
)]
async fn create_user(
    State(state): State<AppState>,
    user: StaffUser,
    ValidatedJson(new): ValidatedJson<NewStaffUser>,
) -> ApiResult<(StatusCode, Json<StaffUserView>)> {
    user.require(&[StaffRole::Admin])?;
    let created = auth::create_user(&state.db, &new).await?;
    audit::record(&state.db, user.id, "create_user", &created.email).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(
    patch, path = "/api/v1/staff/users/{id}", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    params(("id" = i32, Path, description = "The account's id")),
    request_body = UpdateStaffUser,
    responses(
        (status = 200, description = "The account, updated (admins only)", body = StaffUserView),
        crate::openapi::JsonBodyErrors,
        crate::openapi::SignedOut,
        crate::openapi::ForbiddenOrCsrf,
        crate::openapi::NotFound,
    )
)]
async fn update_user(
    State(state): State<AppState>,
    user: StaffUser,
    Path(id): Path<i32>,
    ValidatedJson(update): ValidatedJson<UpdateStaffUser>,
) -> ApiResult<Json<StaffUserView>> {
    user.require(&[StaffRole::Admin])?;
    if id == user.id && update.active == Some(false) {
        return Err(ApiError::field(
            "active",
            "you cannot deactivate your own account",
        ));
    }
    let updated = auth::update_user(&state.db, id, &update).await?;
    audit::record(&state.db, user.id, "update_user", &updated.email).await?;
    Ok(Json(updated))
}

#[utoipa::path(
    get, path = "/api/v1/staff/units", tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Every unit", body = Vec<UnitOption>),
        crate::openapi::SignedOut,
    )
)]
async fn list_units(
    State(state): State<AppState>,
    _user: StaffUser,
) -> ApiResult<Json<Vec<UnitOption>>> {
    Ok(Json(units::options(&state.db).await?))
}

#[utoipa::path(
    post, path = "/api/v1/staff/units", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    request_body = NewUnit,
    responses(
        (status = 201, description = "The unit, created (admins only)", body = UnitOption),
        crate::openapi::JsonBodyErrors,
        crate::openapi::SignedOut,
        crate::openapi::ForbiddenOrCsrf,
    )
)]
async fn create_unit(
    State(state): State<AppState>,
    user: StaffUser,
    ValidatedJson(new): ValidatedJson<NewUnit>,
) -> ApiResult<(StatusCode, Json<UnitOption>)> {
    user.require(&[StaffRole::Admin])?;
    let created = units::create(&state.db, &new).await?;
    audit::record(&state.db, user.id, "create_unit", &created.code).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(
    get, path = "/api/v1/staff/audit", tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The latest 500 audit entries (admins only)", body = Vec<AuditEntryView>),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
    )
)]
async fn audit_log(
    State(state): State<AppState>,
    user: StaffUser,
) -> ApiResult<Json<Vec<AuditEntryView>>> {
    user.require(&[StaffRole::Admin])?;
    Ok(Json(audit::recent(&state.db, 500).await?))
}
