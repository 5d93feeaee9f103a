//! One router per resource, merged here (realworld-axum-sqlx layout).

pub(crate) mod advocate_links;
pub(crate) mod health;
pub(crate) mod invitations;
pub(crate) mod staff_admin;
pub(crate) mod staff_auth;
pub(crate) mod staff_comments;
pub(crate) mod staff_dashboards;
pub(crate) mod staff_invitations;
pub(crate) mod staff_units;
pub(crate) mod units;
mod victim_pages;

use crate::state::AppState;
use axum::Router;

pub fn api_router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(invitations::router())
        .merge(advocate_links::router())
        .merge(units::router())
        .merge(staff_auth::router())
        .merge(staff_admin::router())
        .merge(staff_units::router())
        .merge(staff_dashboards::router())
        .merge(staff_comments::router())
        .merge(staff_invitations::router())
        .merge(victim_pages::router())
        .merge(crate::openapi::router())
}
