//! The OpenAPI 3.1 document of the HTTP API, generated from the handlers' `#[utoipa::path]`
//! attributes and the `shared` types' schemas, and served at `GET /api/openapi.json`.
//!
//! Left out on purpose: the HTML pages (`/`, `/staff` and the staff app's routes, the victim's
//! `/s/{token}` and the advocate link's `/a/{code}`) and the frontend's static files; they are
//! pages for a browser, not API. `PAGES` lists them so the route test can tell a page from an
//! endpoint someone forgot to document.

use crate::routes::{
    advocate_links, health, invitations, staff_admin, staff_auth, staff_comments, staff_dashboards,
    staff_invitations, staff_units, units,
};
use crate::services::sms::{outbox::OutboxEntry, BatchReport};
use crate::state::AppState;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use shared::ErrorBody;
use std::sync::LazyLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

/// Routes the router serves that are pages, not API, and so are not in the spec.
pub const PAGES: [&str; 6] = [
    "/",
    "/staff",
    "/staff/",
    "/staff/{*path}",
    "/s/{token}",
    "/a/{code}",
];

/// Security scheme names; a staff endpoint names `STAFF_SESSION`, and also `CSRF` when its
/// method changes state.
pub const STAFF_SESSION: &str = "staff_session";
pub const CSRF: &str = "csrf_token";

pub use crate::routes::staff_auth::{CSRF_HEADER, SESSION_COOKIE};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Victim Voice API",
        description = "Anonymous feedback from stalking victims on how the criminal justice \
            system treated them. Victim endpoints take the single-use link's token and need no \
            account. Staff endpoints need the session cookie set by `POST /api/v1/staff/session`, \
            and on every state-changing method the `X-CSRF-Token` header with the `csrf_token` \
            that sign-in returned. Every 4xx carries an `ErrorBody` with errors per field. \
            HTML pages (`/`, `/staff/...`, `/s/{token}`, `/a/{code}`) are not part of this API."
    ),
    paths(
        health::healthz,
        spec,
        invitations::survey_for_invitation,
        invitations::submit_response,
        advocate_links::link_view,
        advocate_links::start_session,
        advocate_links::qr_code,
        units::published_actions,
        staff_auth::login,
        staff_auth::logout,
        staff_auth::me,
        staff_admin::list_users,
        staff_admin::create_user,
        staff_admin::update_user,
        staff_admin::list_units,
        staff_admin::create_unit,
        staff_admin::audit_log,
        staff_units::publish_action,
        staff_units::list_actions,
        staff_dashboards::unit_dashboard,
        staff_dashboards::unit_comments,
        staff_dashboards::unit_export,
        staff_dashboards::advocate_dashboard,
        staff_dashboards::advocate_export,
        staff_comments::set_themes,
        staff_invitations::issue,
        staff_invitations::issue_batch,
        staff_invitations::sms_outbox,
        staff_invitations::unit_rates,
        staff_invitations::all_rates,
    ),
    // Response groups below reference these by name; utoipa does not collect them from there.
    components(schemas(ErrorBody, ExportFormat, BatchReport, OutboxEntry)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "victim", description = "The survey behind a single-use invitation link."),
        (name = "advocate links", description = "An advocacy service's reusable link: stage and area, then a single-use survey session."),
        (name = "public", description = "Health, this document, and a unit's published actions."),
        (name = "staff", description = "Signed-in staff: accounts, units, dashboards, exports, invitations, the audit log."),
    )
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            STAFF_SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The staff session, set HttpOnly by POST /api/v1/staff/session.",
            ))),
        );
        components.add_security_scheme(
            CSRF,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "The csrf_token from sign-in or GET /api/v1/staff/me; required on POST, PUT, PATCH and DELETE.",
            ))),
        );
    }
}

/// The spec as JSON, built once.
pub fn spec_json() -> &'static str {
    static JSON: LazyLock<String> =
        LazyLock::new(|| ApiDoc::openapi().to_json().expect("the spec serialises"));
    &JSON
}

pub fn router() -> Router<AppState> {
    Router::new().route("/api/openapi.json", get(spec))
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "public",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object))
)]
async fn spec() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], spec_json())
}

/// The `{format}` of an export.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The refusals of an endpoint that reads a JSON body (`ValidatedJson`).
#[derive(IntoResponses)]
pub enum JsonBodyErrors {
    /// The body is not well-formed JSON, or could not be read.
    #[response(status = 400)]
    BadJson(ErrorBody),
    /// The body is larger than the server accepts. Nothing has been saved.
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// The body is not sent as `application/json`.
    #[response(status = 415)]
    NotJson(ErrorBody),
    /// A field has the wrong type or breaks a rule; `fields` says which and why.
    #[response(status = 422)]
    Invalid(ErrorBody),
}

/// A query or path parameter has the wrong type or breaks a rule (an unknown export format,
/// a month not `YYYY-MM`, a period out of order); `fields` says which and why.
#[derive(IntoResponses)]
#[response(status = 422)]
pub struct InvalidQuery(pub ErrorBody);

/// No live staff session: sign in first.
#[derive(IntoResponses)]
#[response(status = 401)]
pub struct SignedOut(pub ErrorBody);

/// The account's role or unit does not allow this.
#[derive(IntoResponses)]
#[response(status = 403)]
pub struct Forbidden(pub ErrorBody);

/// The account's role or unit does not allow this, or the `X-CSRF-Token` header is missing or
/// wrong (`csrf_rejected`).
#[derive(IntoResponses)]
#[response(status = 403)]
pub struct ForbiddenOrCsrf(pub ErrorBody);

/// No such thing (unit, link, account).
#[derive(IntoResponses)]
#[response(status = 404)]
pub struct NotFound(pub ErrorBody);

/// The invitation link is malformed or unknown (`invitation_not_found`).
#[derive(IntoResponses)]
#[response(status = 404)]
pub struct InvitationNotFound(pub ErrorBody);

/// The invitation has been used or has expired (`invitation_used`, `invitation_expired`).
#[derive(IntoResponses)]
#[response(status = 410)]
pub struct InvitationGone(pub ErrorBody);

/// Too many requests from this address: wait a minute.
#[derive(IntoResponses)]
#[response(status = 429)]
pub struct TooManyRequests(pub ErrorBody);
