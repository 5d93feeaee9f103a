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

async fn list_users(
    State(state): State<AppState>,
    user: StaffUser,
) -> ApiResult<Json<Vec<StaffUserView>>> {
    user.require(&[StaffRole::Admin])?;
    Ok(Json(auth::list_users(&state.db).await?))
}

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

async fn list_units(
    State(state): State<AppState>,
    _user: StaffUser,
) -> ApiResult<Json<Vec<UnitOption>>> {
    Ok(Json(units::options(&state.db).await?))
}

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

async fn audit_log(
    State(state): State<AppState>,
    user: StaffUser,
) -> ApiResult<Json<Vec<AuditEntryView>>> {
    user.require(&[StaffRole::Admin])?;
    Ok(Json(audit::recent(&state.db, 500).await?))
}
