//! `ValidatedJson<T>`: reads a JSON body, names the field a type error is at, and runs the
//! `shared` DTO's `validator` rules, so handlers only ever see well-formed input. The JSON
//! rules themselves (repeated keys and NUL refused too) are in [`strict_json`].

pub mod strict_json;

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;
use strict_json::{field_of, Refusal, NUL_MESSAGE};
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

/// Parses a JSON body by the rules in [`strict_json`]: syntax errors are a 400, anything else
/// a 422 on the field path.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    strict_json::parse(bytes).map_err(|refusal| match refusal {
        Refusal::Syntax(message) => ApiError::BadRequest(message),
        Refusal::Field { field, message } => ApiError::field(&field, &message),
    })
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
        // As in bodies: PostgreSQL cannot store NUL, so it never gets past the door.
        let pairs = form_urlencoded::parse(query.as_bytes());
        if let Some((key, _)) = pairs
            .clone()
            .find(|(key, value)| key.contains('\0') || value.contains('\0'))
        {
            return Err(ApiError::field(&key, NUL_MESSAGE));
        }
        let deserializer = serde_urlencoded::Deserializer::new(pairs);
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
