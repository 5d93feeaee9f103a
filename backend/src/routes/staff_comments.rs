//! Staff corrections of a comment's themes. Comments are listed per unit, theme and stage by
//! `staff_dashboards` (with their ids); a correction names the comment alone, and its unit
//! comes from the comment, so a BCU lead is refused another unit's comment (403, as the
//! dashboards refuse another unit) whatever path they try.

use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedJson;
use crate::services::auth::StaffUser;
use crate::services::{audit, corrections, units};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::routing::put;
use axum::{Json, Router};
use shared::{CommentThemesUpdate, FieldErrors, StaffComment, StaffRole};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/staff/comments/{id}/themes", put(set_themes))
}

const CORRECTING_ROLES: [StaffRole; 3] = [StaffRole::Admin, StaffRole::Analyst, StaffRole::BcuLead];

/// Sets a comment's full theme set; the rollups follow and the tagger learns from it.
#[tracing::instrument(skip_all)]
#[utoipa::path(
    put, path = "/api/v1/staff/comments/{id}/themes", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    params(("id" = String, Path, description = "The comment's id, from the comments list")),
    request_body = CommentThemesUpdate,
    responses(
        (status = 200, description = "The comment with its new themes, marked corrected by staff (a BCU lead for their own unit, analysts, admins)", body = StaffComment),
        crate::openapi::JsonBodyErrors,
        crate::openapi::SignedOut,
        crate::openapi::ForbiddenOrCsrf,
        crate::openapi::NotFound,
    )
)]
pub(crate) async fn set_themes(
    State(state): State<AppState>,
    user: StaffUser,
    Path(id): Path<String>,
    ValidatedJson(update): ValidatedJson<CommentThemesUpdate>,
) -> ApiResult<Json<StaffComment>> {
    user.require(&CORRECTING_ROLES)?;
    let mut unknown = FieldErrors::new();
    for (index, theme) in update.themes.iter().enumerate() {
        if !state.tagger.knows_theme(&theme.theme) {
            shared::error::push_field_error(
                &mut unknown,
                format!("themes[{index}].theme"),
                "choose one of the themes",
            );
        }
    }
    if !unknown.is_empty() {
        return Err(ApiError::Validation(unknown));
    }
    let comment = corrections::find(&state.db, &id).await?;
    if !corrections::may_correct(user.role, user.unit_id, comment.unit_id) {
        return Err(ApiError::Forbidden);
    }
    let view = corrections::correct(&state.db, user.id, &comment.id, &update.themes).await?;
    let unit_code = units::find_by_id(&state.db, comment.unit_id)
        .await?
        .map(|u| u.code)
        .unwrap_or_default();
    let themes: Vec<String> = update
        .themes
        .iter()
        .map(|t| format!("{}:{}", t.theme, t.polarity.as_str()))
        .collect();
    audit::record(
        &state.db,
        user.id,
        "correct_themes",
        &format!(
            "{unit_code} {} {} [{}]",
            comment.stage,
            comment.id,
            themes.join(",")
        ),
    )
    .await?;
    // The correction is stored whatever happens here; a failed rebuild is retried by the
    // periodic refresh, so it is logged rather than turned into an error for the user.
    if let Err(error) = state.tagger.rebuild(&state.db).await {
        tracing::error!(%error, "tagger rebuild after a correction failed");
    }
    Ok(Json(view))
}
