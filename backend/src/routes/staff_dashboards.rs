//! Dashboards, theme comments and exports for staff. Scope is checked here, before any
//! figure is computed: a BCU lead gets only their own unit, whatever code, path or filter
//! they send; the cross-unit advocate view is for advocates, analysts and admins. Every view
//! and export is written to the audit log.

use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedQuery;
use crate::services::auth::{self, StaffUser};
use crate::services::{audit, dashboard};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use shared::{AdvocateDashboard, DashboardFilters, StaffRole, Stage, ThemeComments, UnitDashboard};
use validator::Validate;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/staff/units/{code}/dashboard", get(unit_dashboard))
        .route("/api/v1/staff/units/{code}/comments", get(unit_comments))
        .route(
            "/api/v1/staff/units/{code}/export/{format}",
            get(unit_export),
        )
        .route("/api/v1/staff/advocate/dashboard", get(advocate_dashboard))
        .route(
            "/api/v1/staff/advocate/export/{format}",
            get(advocate_export),
        )
}

const CROSS_UNIT_ROLES: [StaffRole; 3] =
    [StaffRole::Admin, StaffRole::Advocate, StaffRole::Analyst];

fn audit_target(code: &str, filters: &DashboardFilters) -> String {
    format!(
        "{code} stage={} from={} to={} channel={}",
        filters.stage.map(|s| s.as_str()).unwrap_or("all"),
        filters.from.as_deref().unwrap_or("-"),
        filters.to.as_deref().unwrap_or("-"),
        filters.channel.map(|c| c.as_str()).unwrap_or("all"),
    )
}

#[utoipa::path(
    get, path = "/api/v1/staff/units/{code}/dashboard", tag = "staff",
    security(("staff_session" = [])),
    params(("code" = String, Path, description = "The unit's code"), DashboardFilters),
    responses(
        (status = 200, description = "The unit's suppressed figures", body = UnitDashboard),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
        crate::openapi::NotFound,
        crate::openapi::InvalidQuery,
    )
)]
async fn unit_dashboard(
    State(state): State<AppState>,
    user: StaffUser,
    Path(code): Path<String>,
    ValidatedQuery(filters): ValidatedQuery<DashboardFilters>,
) -> ApiResult<Json<UnitDashboard>> {
    let unit = auth::readable_unit(&state.db, &user, &code).await?;
    state.submissions.fold_now().await?;
    let view = dashboard::unit_dashboard(
        &state.db,
        unit.id,
        &filters,
        &state.thresholds,
        Some(user.id),
    )
    .await?;
    audit::record(
        &state.db,
        user.id,
        "view_dashboard",
        &audit_target(&unit.code, &filters),
    )
    .await?;
    Ok(Json(view))
}

#[derive(Debug, Deserialize, Validate, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct CommentQuery {
    /// A theme id from the taxonomy.
    #[validate(length(min = 1, max = 64, message = "choose a theme"))]
    #[param(min_length = 1, max_length = 64)]
    theme: String,
    stage: Stage,
}

#[utoipa::path(
    get, path = "/api/v1/staff/units/{code}/comments", tag = "staff",
    security(("staff_session" = [])),
    params(("code" = String, Path, description = "The unit's code"), CommentQuery),
    responses(
        (status = 200, description = "Redacted comments for the theme, or too few to show", body = ThemeComments),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
        crate::openapi::NotFound,
        crate::openapi::InvalidQuery,
    )
)]
async fn unit_comments(
    State(state): State<AppState>,
    user: StaffUser,
    Path(code): Path<String>,
    ValidatedQuery(query): ValidatedQuery<CommentQuery>,
) -> ApiResult<Json<ThemeComments>> {
    let unit = auth::readable_unit(&state.db, &user, &code).await?;
    if !state
        .tagger
        .taxonomy()
        .themes
        .iter()
        .any(|t| t.id == query.theme)
    {
        return Err(ApiError::field("theme", "choose one of the themes"));
    }
    let comments = dashboard::comments_for_theme(
        &state.db,
        Some(unit.id),
        &query.theme,
        query.stage,
        &state.thresholds,
        Some(user.id),
    )
    .await?;
    audit::record(
        &state.db,
        user.id,
        "view_comments",
        &format!("{} {} {}", unit.code, query.stage, query.theme),
    )
    .await?;
    Ok(Json(comments))
}

/// `csv` or `json`, as a download.
fn download(format: &str, name: &str, export: shared::DashboardExport) -> ApiResult<Response> {
    let (content_type, body, extension) = match format {
        "csv" => ("text/csv; charset=utf-8", export.csv, "csv"),
        "json" => ("application/json", export.json, "json"),
        _ => return Err(ApiError::field("format", "choose csv or json")),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{extension}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[utoipa::path(
    get, path = "/api/v1/staff/units/{code}/export/{format}", tag = "staff",
    security(("staff_session" = [])),
    params(
        ("code" = String, Path, description = "The unit's code"),
        ("format" = crate::openapi::ExportFormat, Path, description = "`csv` or `json`"),
        DashboardFilters,
    ),
    responses(
        (status = 200, description = "The dashboard's figures as a download",
            content((String = "text/csv"), (UnitDashboard = "application/json")),
            headers(("Content-Disposition" = String, description = "attachment with a file name"))),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
        crate::openapi::NotFound,
        crate::openapi::InvalidQuery,
    )
)]
async fn unit_export(
    State(state): State<AppState>,
    user: StaffUser,
    Path((code, format)): Path<(String, String)>,
    ValidatedQuery(filters): ValidatedQuery<DashboardFilters>,
) -> ApiResult<Response> {
    let unit = auth::readable_unit(&state.db, &user, &code).await?;
    if !matches!(format.as_str(), "csv" | "json") {
        return Err(ApiError::field("format", "choose csv or json"));
    }
    state.submissions.fold_now().await?;
    let export = dashboard::export_unit(
        &state.db,
        unit.id,
        &filters,
        &state.thresholds,
        Some(user.id),
    )
    .await?;
    audit::record(
        &state.db,
        user.id,
        &format!("export_{format}"),
        &audit_target(&unit.code, &filters),
    )
    .await?;
    download(&format, &format!("unit-{}", unit.code), export)
}

#[utoipa::path(
    get, path = "/api/v1/staff/advocate/dashboard", tag = "staff",
    security(("staff_session" = [])),
    params(DashboardFilters),
    responses(
        (status = 200, description = "Themes across every unit (admins, advocates, analysts)", body = AdvocateDashboard),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
        crate::openapi::InvalidQuery,
    )
)]
async fn advocate_dashboard(
    State(state): State<AppState>,
    user: StaffUser,
    ValidatedQuery(filters): ValidatedQuery<DashboardFilters>,
) -> ApiResult<Json<AdvocateDashboard>> {
    user.require(&CROSS_UNIT_ROLES)?;
    state.submissions.fold_now().await?;
    let view = dashboard::advocate_dashboard(&state.db, &filters, &state.thresholds, Some(user.id))
        .await?;
    audit::record(
        &state.db,
        user.id,
        "view_dashboard",
        &audit_target("all", &filters),
    )
    .await?;
    Ok(Json(view))
}

#[utoipa::path(
    get, path = "/api/v1/staff/advocate/export/{format}", tag = "staff",
    security(("staff_session" = [])),
    params(
        ("format" = crate::openapi::ExportFormat, Path, description = "`csv` or `json`"),
        DashboardFilters,
    ),
    responses(
        (status = 200, description = "The cross-unit figures as a download",
            content((String = "text/csv"), (AdvocateDashboard = "application/json")),
            headers(("Content-Disposition" = String, description = "attachment with a file name"))),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
        crate::openapi::InvalidQuery,
    )
)]
async fn advocate_export(
    State(state): State<AppState>,
    user: StaffUser,
    Path(format): Path<String>,
    ValidatedQuery(filters): ValidatedQuery<DashboardFilters>,
) -> ApiResult<Response> {
    user.require(&CROSS_UNIT_ROLES)?;
    if !matches!(format.as_str(), "csv" | "json") {
        return Err(ApiError::field("format", "choose csv or json"));
    }
    state.submissions.fold_now().await?;
    let export =
        dashboard::export_advocate(&state.db, &filters, &state.thresholds, Some(user.id)).await?;
    audit::record(
        &state.db,
        user.id,
        &format!("export_{format}"),
        &audit_target("all", &filters),
    )
    .await?;
    download(&format, "all-units", export)
}
