//! Staff sign-in and sign-out, and the `StaffUser` extractor every staff endpoint takes: it
//! requires a live session cookie, and on state-changing methods a matching `X-CSRF-Token`.

use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedJson;
use crate::services::audit;
use crate::services::auth::{self, StaffUser, ABSOLUTE_TIMEOUT_SECS};
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::{LoginRequest, StaffMe};
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "vv_staff";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Sign-in attempts per client address: a burst of 10, then one every 6 seconds. Accounts
/// also lock after repeated failures (see `services::auth`).
const LOGIN_BURST: u32 = 10;
const LOGIN_REFILL_SECONDS: u64 = 6;

pub fn router() -> Router<AppState> {
    let limiter = crate::web::rate_limit(LOGIN_BURST, LOGIN_REFILL_SECONDS);
    Router::new()
        .route(
            "/api/v1/staff/session",
            post(login).layer(limiter).delete(logout),
        )
        .route("/api/v1/staff/me", get(me))
}

fn session_cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
}

impl FromRequestParts<AppState> for StaffUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session_cookie_value(&parts.headers).ok_or(ApiError::Unauthorized)?;
        let user = auth::session_user(&state.db, &token)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        let safe_method = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe_method {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .map(|v| v.as_bytes())
                .unwrap_or_default();
            if !bool::from(sent.ct_eq(user.csrf_token.as_bytes())) {
                return Err(ApiError::CsrfRejected);
            }
        }
        Ok(user)
    }
}

fn cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    // Secure whenever the app is reached over TLS; plain HTTP on localhost would drop it.
    let secure = if state.public_url().starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("cookie is ASCII")
}

#[utoipa::path(
    post, path = "/api/v1/staff/session", tag = "staff",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = StaffMe,
            headers(("Set-Cookie" = String, description = "`vv_staff`, HttpOnly, SameSite=Strict"))),
        crate::openapi::JsonBodyErrors,
        (status = 401, description = "Wrong email or password, or the account is locked for a while", body = shared::ErrorBody),
        crate::openapi::TooManyRequests,
    )
)]
async fn login(
    State(state): State<AppState>,
    ValidatedJson(request): ValidatedJson<LoginRequest>,
) -> ApiResult<Response> {
    let signed_in = auth::login(&state.db, &request.email, &request.password).await?;
    audit::record(&state.db, signed_in.user.id, "sign_in", "").await?;
    let me = auth::me(&state.db, &signed_in.user).await?;
    let mut response = (StatusCode::OK, Json(me)).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie(&state, &signed_in.session_token, ABSOLUTE_TIMEOUT_SECS),
    );
    Ok(response)
}

#[utoipa::path(
    delete, path = "/api/v1/staff/session", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    responses(
        (status = 204, description = "Signed out; the session cookie is cleared"),
        crate::openapi::SignedOut,
        crate::openapi::ForbiddenOrCsrf,
    )
)]
async fn logout(
    State(state): State<AppState>,
    user: StaffUser,
    headers: HeaderMap,
) -> ApiResult<Response> {
    if let Some(token) = session_cookie_value(&headers) {
        auth::logout(&state.db, &token).await?;
    }
    audit::record(&state.db, user.id, "sign_out", "").await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, cookie(&state, "", 0));
    Ok(response)
}

#[utoipa::path(
    get, path = "/api/v1/staff/me", tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The signed-in account and its CSRF token", body = StaffMe),
        crate::openapi::SignedOut,
    )
)]
async fn me(State(state): State<AppState>, user: StaffUser) -> ApiResult<Json<StaffMe>> {
    Ok(Json(auth::me(&state.db, &user).await?))
}
