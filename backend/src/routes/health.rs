//! `GET /healthz`: 200 when the database answers, 503 otherwise.

use crate::state::AppState;
use crate::storage;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz))
}

#[utoipa::path(
    get, path = "/healthz", tag = "public",
    responses(
        (status = 200, description = "The database answers", body = String, content_type = "text/plain"),
        (status = 503, description = "The database does not answer", body = String, content_type = "text/plain"),
    )
)]
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if storage::is_reachable(&state.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
