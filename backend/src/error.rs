//! The one error type handlers return. 4xx carry a `shared::ErrorBody` with field errors;
//! 5xx are logged (with the request id from the tracing span) and never leak internals.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::{ErrorBody, FieldErrors};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("not found: {0}")]
    NotFound(&'static str),
    #[error("invitation not found")]
    InvitationNotFound,
    #[error("invitation already used")]
    InvitationUsed,
    #[error("invitation expired")]
    InvitationExpired,
    #[error("sign-in failed")]
    LoginFailed,
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("CSRF token missing or wrong")]
    CsrfRejected,
    #[error("too many requests")]
    TooManyRequests,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn field(field: &str, message: &str) -> Self {
        let mut fields = FieldErrors::new();
        shared::error::push_field_error(&mut fields, field, message);
        ApiError::Validation(fields)
    }

    fn status_and_body(&self) -> (StatusCode, ErrorBody) {
        match self {
            ApiError::Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody::new(
                    "validation_failed",
                    "Some answers could not be accepted. Nothing has been saved.",
                )
                .with_fields(fields.clone()),
            ),
            ApiError::BadRequest(message) => (
                StatusCode::BAD_REQUEST,
                ErrorBody::new("bad_request", message.clone()),
            ),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorBody::new("unsupported_media_type", "Send JSON with Content-Type: application/json."),
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorBody::new("payload_too_large", "The request is larger than allowed. Nothing has been saved.")
                    .with_fields(FieldErrors::from([(
                        "body".to_string(),
                        vec!["is larger than the server accepts".to_string()],
                    )])),
            ),
            ApiError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                ErrorBody::new("not_found", format!("No such {what}.")),
            ),
            ApiError::InvitationNotFound => (
                StatusCode::NOT_FOUND,
                ErrorBody::new("invitation_not_found", "This link is not valid."),
            ),
            ApiError::InvitationUsed => (
                StatusCode::GONE,
                ErrorBody::new(
                    "invitation_used",
                    "This link has already been used. Thank you for your answers.",
                ),
            ),
            ApiError::InvitationExpired => (
                StatusCode::GONE,
                ErrorBody::new("invitation_expired", "This link has expired."),
            ),
            ApiError::LoginFailed => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(
                    "login_failed",
                    "The email or password is not right, or the account is locked for a while after too many tries.",
                ),
            ),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new("unauthorized", "Please sign in."),
            ),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                ErrorBody::new("forbidden", "Your account does not have access to this."),
            ),
            ApiError::CsrfRejected => (
                StatusCode::FORBIDDEN,
                ErrorBody::new("csrf_rejected", "This request could not be verified. Reload the page and try again."),
            ),
            ApiError::TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorBody::new("too_many_requests", "Too many requests. Please wait a minute and try again."),
            ),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ErrorBody::new("method_not_allowed", "This address does not take that method; the Allow header lists the ones it takes."),
            ),
            ApiError::Database(_) | ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorBody::new(
                    "internal_error",
                    "Something went wrong on our side. Nothing has been saved; please try again later.",
                ),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.status_and_body();
        if status.is_server_error() {
            // The span carries the request id; the detail stays in the log only.
            tracing::error!(error = %self, "request failed");
        }
        (status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
