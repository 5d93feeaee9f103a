//! What the survey page sends: the answers to one survey, and what it gets back.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use validator::{Validate, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum YesNoNotSure {
    Yes,
    No,
    NotSure,
}

impl YesNoNotSure {
    pub fn as_str(self) -> &'static str {
        match self {
            YesNoNotSure::Yes => "yes",
            YesNoNotSure::No => "no",
            YesNoNotSure::NotSure => "not_sure",
        }
    }
}

/// One answer. On the wire: `{"kind": "scale", "value": 4}`, `{"kind": "choices", "value": [..]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    Scale(u8),
    YesNo(YesNoNotSure),
    Choice(String),
    Choices(Vec<String>),
    Text(String),
}

impl AnswerValue {
    /// The tokens show-if rules and rollups count this answer under. Free text has none: it is
    /// themed, never counted verbatim.
    pub fn tokens(&self) -> Vec<String> {
        match self {
            AnswerValue::Scale(n) => vec![n.to_string()],
            AnswerValue::YesNo(v) => vec![v.as_str().to_string()],
            AnswerValue::Choice(id) => vec![id.clone()],
            AnswerValue::Choices(ids) => ids.clone(),
            AnswerValue::Text(_) => Vec::new(),
        }
    }
}

/// Upper bounds that hold for every survey, checked before the answers are compared with the
/// definition, so a hostile body cannot make the server do much work.
pub const MAX_ANSWERS: usize = 100;
pub const MAX_CHOICES: usize = 50;
pub const MAX_TEXT_BYTES: usize = 8 * 1024;
pub const MAX_ID_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SubmissionRequest {
    #[validate(range(min = 1, max = 10000, message = "must be a survey version number"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub survey_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 2, max = 8, message = "must be a language tag such as en or pl"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 8))]
    pub language: Option<String>,
    #[validate(
        length(max = 100, message = "too many answers"),
        custom(function = "answers_are_bounded")
    )]
    pub answers: BTreeMap<String, AnswerValue>,
}

fn answers_are_bounded(answers: &BTreeMap<String, AnswerValue>) -> Result<(), ValidationError> {
    let too_big = answers.iter().any(|(id, value)| {
        id.len() > MAX_ID_LEN
            || match value {
                AnswerValue::Choice(c) => c.len() > MAX_ID_LEN,
                AnswerValue::Choices(cs) => {
                    cs.len() > MAX_CHOICES || cs.iter().any(|c| c.len() > MAX_ID_LEN)
                }
                AnswerValue::Text(t) => t.len() > MAX_TEXT_BYTES,
                _ => false,
            }
    });
    if too_big {
        let mut error = ValidationError::new("bounds");
        error.message = Some("an answer is longer than any survey allows".into());
        Err(error)
    } else {
        Ok(())
    }
}

/// The 201 body: nothing that identifies the response to the person holding it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionReceipt {
    pub stored: bool,
    pub unit_code: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_use_the_documented_wire_format() {
        let json = serde_json::json!({
            "survey_version": 1,
            "answers": {
                "a": {"kind": "scale", "value": 4},
                "b": {"kind": "yes_no", "value": "not_sure"},
                "c": {"kind": "choices", "value": ["x", "y"]},
                "d": {"kind": "text", "value": "hi"}
            }
        });
        let parsed: SubmissionRequest = serde_json::from_value(json).unwrap();
        assert_eq!(parsed.answers["a"], AnswerValue::Scale(4));
        assert_eq!(
            parsed.answers["b"],
            AnswerValue::YesNo(YesNoNotSure::NotSure)
        );
        assert!(parsed.validate().is_ok());
    }

    #[test]
    fn oversized_text_fails_validation() {
        let mut answers = BTreeMap::new();
        answers.insert(
            "t".to_string(),
            AnswerValue::Text("x".repeat(MAX_TEXT_BYTES + 1)),
        );
        let request = SubmissionRequest {
            survey_version: 1,
            language: None,
            answers,
        };
        let errors = request.validate().unwrap_err();
        assert!(errors.field_errors().contains_key("answers"));
    }
}
