//! Public unit information a victim may see: the unit's published "you said, we did" actions.

use crate::error::ApiResult;
use crate::services::actions;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::PublishedAction;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/units/{code}/actions", get(published_actions))
}

#[utoipa::path(
    get, path = "/api/v1/units/{code}/actions", tag = "public",
    params(("code" = String, Path, description = "The unit's code")),
    responses(
        (status = 200, description = "The unit's latest \"you said, we did\" actions", body = Vec<PublishedAction>),
        crate::openapi::NotFound,
    )
)]
async fn published_actions(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Json<Vec<PublishedAction>>> {
    Ok(Json(
        actions::latest_for_unit(&state.db, &code, actions::THANK_YOU_LIMIT).await?,
    ))
}
