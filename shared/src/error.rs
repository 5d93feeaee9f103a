//! The error body every 4xx response carries, with errors per field, so the survey page can
//! put each message next to the question it belongs to.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Field path (e.g. `answers.q3`) to the messages for that field.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `validation_failed`, `invitation_used`.
    pub code: String,
    /// A calm sentence a person can read.
    pub message: String,
    /// Field path (e.g. `answers.q3`) to the messages for that field; absent when none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, Vec<String>>))]
    pub fields: FieldErrors,
}

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            fields: FieldErrors::new(),
        }
    }

    pub fn with_fields(mut self, fields: FieldErrors) -> Self {
        self.fields = fields;
        self
    }
}

/// Adds one message under a field path.
pub fn push_field_error(
    errors: &mut FieldErrors,
    field: impl Into<String>,
    message: impl Into<String>,
) {
    errors.entry(field.into()).or_default().push(message.into());
}

/// Flattens `validator`'s nested errors into dotted field paths with readable messages.
pub fn from_validation_errors(errors: &validator::ValidationErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    flatten(errors, "", &mut out);
    out
}

fn flatten(errors: &validator::ValidationErrors, prefix: &str, out: &mut FieldErrors) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for error in list {
                    let message = error
                        .message
                        .as_ref()
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| format!("is invalid ({})", error.code));
                    push_field_error(out, path.clone(), message);
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    flatten(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}
