//! Properties of submission checking, on the functions the server runs (`extract::parse_json`,
//! the `SubmissionRequest` validator rules, `SurveyDefinition::check_submission`) against the
//! surveys it publishes:
//! - any bytes, and any JSON value however nested or odd, get an answer: accepted, or a 400 or
//!   a 422 that names a field; never a panic or a 5xx;
//! - any submission generated from a survey's own questions (answers of the right kind, show-if
//!   rules kept) is accepted, and stays accepted after a JSON round trip;
//! - breaking one answer of such a submission is refused on that answer's field.
//!
//! The same checks run for longer, coverage-guided, in `fuzz/` (`scripts/fuzz.sh`); the HTTP
//! side of hostile input is in `tests/tests/hostile_input.rs`.

use axum::response::IntoResponse;
use backend::error::ApiError;
use backend::extract::parse_json;
use backend::services::surveys;
use proptest::prelude::*;
use serde_json::{json, Value};
use shared::{AnswerValue, QuestionKind, SubmissionRequest, SurveyDefinition, YesNoNotSure};
use std::collections::BTreeMap;
use validator::Validate;

fn all_surveys() -> Vec<SurveyDefinition> {
    surveys::load_definitions(None).expect("built-in surveys load")
}

/// What the server does with a body after its content type and size are checked, up to the
/// point it would store the answers: the outcome as the HTTP status it would send.
fn server_outcome(body: &[u8], survey: &SurveyDefinition) -> Result<SubmissionRequest, ApiError> {
    let request: SubmissionRequest = parse_json(body)?;
    request
        .validate()
        .map_err(|e| ApiError::Validation(shared::error::from_validation_errors(&e)))?;
    survey
        .check_submission(&request)
        .map_err(ApiError::Validation)?;
    Ok(request)
}

/// A refusal is a 400 for a body that is not JSON, otherwise a 422 naming at least one field.
fn assert_clear_refusal(error: ApiError) -> Result<(), TestCaseError> {
    let named_fields = match &error {
        ApiError::Validation(fields) => Some(fields.len()),
        _ => None,
    };
    let status = error.into_response().status().as_u16();
    prop_assert!(status == 400 || status == 422, "status {}", status);
    if status == 422 {
        prop_assert!(named_fields.unwrap_or(0) > 0, "a 422 names a field");
    }
    Ok(())
}

/// Any JSON value, with the shapes a submission has mixed in so that some get deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("scale"),
            Just("yes_no"),
            Just("choice"),
            Just("choices"),
            Just("text"),
            Just("overall"),
            Just("survey_version"),
            Just("answers"),
            Just("no"),
            Just("\u{0}"),
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("survey_version".to_string()),
                    Just("answers".to_string()),
                    Just("language".to_string()),
                    Just("kind".to_string()),
                    Just("value".to_string()),
                    Just("overall".to_string()),
                    Just("one_thing".to_string()),
                    "[a-z_]{1,10}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A submission built from a survey's own questions: each answered or skipped, each answer of
/// the question's kind, a question behind a show-if rule answered only when the rule holds.
fn fitting_submission(survey: SurveyDefinition) -> impl Strategy<Value = SubmissionRequest> {
    let picks = survey
        .questions
        .iter()
        .map(|q| (any::<bool>(), answer_for(&q.kind)))
        .collect::<Vec<_>>();
    (picks, prop::option::of("en|pl")).prop_map(move |(picks, language)| {
        let mut answers = BTreeMap::new();
        for (question, (answer_it, answer)) in survey.questions.iter().zip(picks) {
            if answer_it && survey.is_shown(question, &answers) {
                answers.insert(question.id.clone(), answer);
            }
        }
        SubmissionRequest {
            survey_version: survey.version,
            language,
            answers,
        }
    })
}

fn answer_for(kind: &QuestionKind) -> BoxedStrategy<AnswerValue> {
    match kind {
        QuestionKind::Scale { .. } => (1u8..=5).prop_map(AnswerValue::Scale).boxed(),
        QuestionKind::YesNoNotSure => prop_oneof![
            Just(YesNoNotSure::Yes),
            Just(YesNoNotSure::No),
            Just(YesNoNotSure::NotSure)
        ]
        .prop_map(AnswerValue::YesNo)
        .boxed(),
        QuestionKind::SingleChoice { options } => {
            let ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
            prop::sample::select(ids)
                .prop_map(AnswerValue::Choice)
                .boxed()
        }
        QuestionKind::MultipleChoice { options } => {
            let ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
            let most = ids.len();
            prop::sample::subsequence(ids, 1..=most)
                .prop_map(AnswerValue::Choices)
                .boxed()
        }
        QuestionKind::FreeText { max_chars } => {
            // Any characters but NUL, with at least one that is not white space.
            let most = (*max_chars as usize).min(300);
            ("[^\\x00]{0,300}", "[a-zA-Zą-ż0-9]")
                .prop_map(move |(text, visible)| {
                    let mut text: String = text.chars().take(most - 1).collect();
                    text.push_str(&visible);
                    AnswerValue::Text(text)
                })
                .boxed()
        }
    }
}

/// One survey and a fitting submission to it.
fn survey_and_submission() -> impl Strategy<Value = (SurveyDefinition, SubmissionRequest)> {
    prop::sample::select(all_surveys())
        .prop_flat_map(|survey| (Just(survey.clone()), fitting_submission(survey)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_are_accepted_or_clearly_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for survey in all_surveys() {
            if let Err(error) = server_outcome(&bytes, &survey) {
                assert_clear_refusal(error)?;
            }
        }
    }

    #[test]
    fn any_json_value_is_accepted_or_clearly_refused(value in any_json()) {
        let body = serde_json::to_vec(&value).unwrap();
        for survey in all_surveys() {
            if let Err(error) = server_outcome(&body, &survey) {
                assert_clear_refusal(error)?;
            }
        }
        // The same value as the "answers" of an otherwise good body.
        let wrapped = serde_json::to_vec(&json!({"survey_version": 1, "answers": value})).unwrap();
        for survey in all_surveys() {
            if let Err(error) = server_outcome(&wrapped, &survey) {
                assert_clear_refusal(error)?;
            }
        }
    }

    #[test]
    fn a_submission_that_fits_its_survey_is_accepted((survey, submission) in survey_and_submission()) {
        let body = serde_json::to_vec(&submission).unwrap();
        match server_outcome(&body, &survey) {
            Ok(accepted) => prop_assert_eq!(accepted, submission),
            Err(error) => return Err(TestCaseError::fail(format!("refused: {error:?}"))),
        }
    }

    #[test]
    fn breaking_one_answer_is_refused_on_that_answer(
        (survey, submission) in survey_and_submission(),
        pick in any::<prop::sample::Index>(),
        how in 0..4usize,
    ) {
        prop_assume!(!submission.answers.is_empty());
        let id = pick.get(&submission.answers.keys().cloned().collect::<Vec<_>>()).clone();
        let mut body = serde_json::to_value(&submission).unwrap();
        let answer = &mut body["answers"][&id];
        match how {
            // A scale out of range, or a number where it makes no sense.
            0 => *answer = json!({"kind": "scale", "value": 6}),
            // A choice the question does not offer.
            1 => *answer = json!({"kind": "choice", "value": "not_an_option"}),
            // A kind that does not exist.
            2 => *answer = json!({"kind": "number", "value": 1}),
            // A NUL inside an otherwise fine answer.
            _ => *answer = json!({"kind": "text", "value": "fine\u{0}text"}),
        }
        let error = server_outcome(&serde_json::to_vec(&body).unwrap(), &survey)
            .expect_err("a broken answer is refused");
        let fields = match &error {
            ApiError::Validation(fields) => fields.clone(),
            other => return Err(TestCaseError::fail(format!("not a 422: {other:?}"))),
        };
        let field = format!("answers.{id}");
        prop_assert!(
            fields.keys().any(|k| k.starts_with(&field)),
            "expected an error on {} in {:?}", field, fields
        );
    }
}

#[test]
fn repeated_answer_ids_are_refused_rather_than_the_last_one_kept() {
    let survey = all_surveys()
        .into_iter()
        .find(|s| s.question("overall").is_some())
        .unwrap();
    let body = br#"{"survey_version": 1, "answers": {
        "overall": {"kind": "scale", "value": 1},
        "overall": {"kind": "scale", "value": 5}}}"#;
    match server_outcome(body, &survey) {
        Err(ApiError::Validation(fields)) => {
            assert!(fields.contains_key("answers.overall"), "{fields:?}")
        }
        other => panic!("expected a 422 on answers.overall, got {other:?}"),
    }
}
