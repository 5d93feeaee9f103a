//! HTTP plumbing shared by every route: request ids, tracing without secrets, security and
//! no-trace headers, compression, body limits, timeouts, panics turned into 500s, JSON errors
//! for everything under `/api/`, the time of the last request (for background work that waits
//! for a quiet moment), and the frontend's files.

pub mod activity;
pub mod assets;

use crate::error::ApiError;
use axum::response::IntoResponse;
use std::sync::Arc;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::PeerIpKeyExtractor;
use tower_governor::GovernorLayer;

/// A per-client-address rate limit for one route: a burst of `burst` requests, then one more
/// every `refill_seconds`. Over the limit the answer is our own 429 error body. Addresses live
/// in memory only, never in logs or the database.
pub fn rate_limit(
    burst: u32,
    refill_seconds: u64,
) -> GovernorLayer<
    PeerIpKeyExtractor,
    governor::middleware::NoOpMiddleware<governor::clock::QuantaInstant>,
    axum::body::Body,
> {
    let config = GovernorConfigBuilder::default()
        .per_second(refill_seconds)
        .burst_size(burst)
        .finish()
        .expect("valid rate limit");
    GovernorLayer::new(Arc::new(config))
        .error_handler(|_| ApiError::TooManyRequests.into_response())
}

use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Headers every response carries. `no-store` and `no-referrer` are firm for victim pages
/// (DESIGN.md); staff pages and the API get them too, since nothing here should be cached.
fn security_headers(csp: &str) -> Vec<(HeaderName, HeaderValue)> {
    vec![
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), interest-cohort=()",
            ),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(csp).expect("CSP is ASCII"),
        ),
    ]
}

pub fn apply_layers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    body_limit: usize,
    csp: &str,
    activity: activity::Activity,
) -> Router<S> {
    let mut router = router.layer(axum::middleware::from_fn(api_answers_in_json));
    for (name, value) in security_headers(csp) {
        router = router.layer(SetResponseHeaderLayer::overriding(name, value));
    }
    router
        // Pages and JSON made per request; the frontend's files are already precompressed
        // and carry their Content-Encoding, which this layer leaves alone.
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::new())
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                // The route template, never the URI: a link's token must not reach the logs.
                let route = request
                    .extensions()
                    .get::<MatchedPath>()
                    .map(MatchedPath::as_str)
                    .unwrap_or("unmatched");
                let request_id = request
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %request.method(), route, request_id)
            }),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(axum::middleware::from_fn_with_state(
            activity,
            activity::record,
        ))
}

/// Every refusal under `/api/` carries the shared JSON error body, whoever wrote it. axum's
/// own refusals come as plain text (a path segment that is not UTF-8: 400) or with no body
/// (a method the route does not take: 405, its `Allow` header kept), and an unknown API
/// address would otherwise get the survey page's HTML. A NUL (`%00`) in an API path is
/// refused before any handler: PostgreSQL cannot compare text holding NUL, so a lookup would
/// be a 500 there and a 404 on SQLite.
async fn api_answers_in_json(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") {
        return next.run(request).await;
    }
    if path.contains("%00") {
        return ApiError::NotFound("address").into_response();
    }
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !status.is_client_error() || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let error = match status {
        StatusCode::NOT_FOUND => ApiError::NotFound("address"),
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
        StatusCode::BAD_REQUEST => {
            // axum's text names the problem and the parameter ("Invalid URL: Invalid UTF-8
            // in `code`"), never its value.
            let text = axum::body::to_bytes(body, 1024).await.unwrap_or_default();
            ApiError::BadRequest(String::from_utf8_lossy(&text).into_owned())
        }
        _ => return Response::from_parts(parts, body),
    };
    let mut json = error.into_response();
    if let Some(allow) = parts.headers.get(header::ALLOW) {
        json.headers_mut().insert(header::ALLOW, allow.clone());
    }
    json
}
