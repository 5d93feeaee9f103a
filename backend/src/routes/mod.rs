//! One router per resource, merged here (realworld-axum-sqlx layout).

mod advocate_links;
mod health;
mod invitations;
mod staff_admin;
mod staff_auth;
mod staff_comments;
mod staff_dashboards;
mod staff_invitations;
mod staff_units;
mod units;
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
}
