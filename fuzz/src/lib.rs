//! What the fuzz targets share: the server's own JSON rules (the backend's
//! `extract/strict_json.rs`, compiled here from the same file, since the backend crate itself
//! would bring a database and an HTTP stack into every fuzz build) and the survey definitions
//! the server publishes.

#[path = "../../backend/src/extract/strict_json.rs"]
pub mod strict_json;

use shared::SurveyDefinition;
use validator::Validate;

/// The built-in surveys, as `backend/src/services/surveys.rs` includes them.
pub fn surveys() -> Vec<SurveyDefinition> {
    [
        include_str!("../../backend/surveys/reporting.v1.json"),
        include_str!("../../backend/surveys/investigation.v1.json"),
        include_str!("../../backend/surveys/cps.v1.json"),
        include_str!("../../backend/surveys/court.v1.json"),
        include_str!("../../backend/surveys/support.v1.json"),
    ]
    .iter()
    .map(|text| {
        let survey: SurveyDefinition = serde_json::from_str(text).expect("built-in survey parses");
        survey.check().expect("built-in survey is valid");
        survey
    })
    .collect()
}

/// What `ValidatedJson<T>` does with a body once its content type and size are right: the
/// strict parse, then the DTO's validator rules. Checks on the way that the strict parse
/// never accepts what plain serde_json refuses, and agrees with it on the value.
pub fn accept_like_the_server<T>(data: &[u8]) -> Option<T>
where
    T: serde::de::DeserializeOwned + serde::Serialize + Validate,
{
    let strict = strict_json::parse::<T>(data);
    let plain = serde_json::from_slice::<T>(data);
    match (&strict, &plain) {
        (Ok(a), Ok(b)) => assert_eq!(
            serde_json::to_value(a).ok(),
            serde_json::to_value(b).ok(),
            "strict and plain parse disagree"
        ),
        (Ok(_), Err(e)) => panic!("strict parse accepted what serde_json refuses: {e}"),
        (Err(strict_json::Refusal::Field { field, .. }), _) => {
            assert!(!field.is_empty(), "a field refusal names a field")
        }
        (Err(_), _) => {}
    }
    let value = strict.ok()?;
    match value.validate() {
        Ok(()) => Some(value),
        Err(errors) => {
            let fields = shared::error::from_validation_errors(&errors);
            assert!(!fields.is_empty(), "a validation refusal names a field");
            None
        }
    }
}
