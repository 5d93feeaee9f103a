//! `ValidatedJson<T>`: reads a JSON body, names the field a type error is at, and runs the
//! `shared` DTO's `validator` rules, so handlers only ever see well-formed input.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;
use validator::Validate;

pub struct ValidatedJson<T>(pub T);

impl<S, T> FromRequest<S> for ValidatedJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let essence = v.split(';').next().unwrap_or("").trim();
                essence.eq_ignore_ascii_case("application/json")
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::BadRequest("the request body could not be read".into())
            }
        })?;
        let value = parse_json::<T>(&bytes)?;
        value
            .validate()
            .map_err(|e| ApiError::Validation(shared::error::from_validation_errors(&e)))?;
        Ok(ValidatedJson(value))
    }
}

/// Parses JSON, reporting syntax errors as a 400 and type errors as a 422 on the field path.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(value) => {
            deserializer
                .end()
                .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?;
            Ok(value)
        }
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            if inner.is_data() {
                let message = inner.to_string();
                Err(ApiError::field(&field_of(&path, &message), &message))
            } else {
                Err(ApiError::BadRequest(format!(
                    "the body is not valid JSON: {inner}"
                )))
            }
        }
    }
}

/// The field a serde data error is about: its path, or for a missing field (reported at the
/// parent) the parent's path plus the field's name.
fn field_of(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(name)) => name.to_string(),
        (".", None) => "body".to_string(),
        (parent, Some(name)) => format!("{parent}.{name}"),
        (path, None) => path.to_string(),
    }
}

/// `ValidatedQuery<T>`: query-string parameters, parsed and checked by the DTO's rules.
pub struct ValidatedQuery<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ValidatedQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        let value: T = serde_path_to_error::deserialize(deserializer).map_err(|error| {
            let path = error.path().to_string();
            let message = error.into_inner().to_string();
            ApiError::field(&field_of(&path, &message), &message)
        })?;
        value
            .validate()
            .map_err(|e| ApiError::Validation(shared::error::from_validation_errors(&e)))?;
        Ok(ValidatedQuery(value))
    }
}
