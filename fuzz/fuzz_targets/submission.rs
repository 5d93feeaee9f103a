//! Fuzzes a submission body through everything the server does before storing it, on
//! arbitrary bytes: `cargo +nightly fuzz run submission` (or `scripts/fuzz.sh`). The strict
//! JSON parse and the `SubmissionRequest` validator rules (as `ValidatedJson` runs them), then
//! `SurveyDefinition::check_submission` against every built-in survey, then the redaction
//! every accepted free-text answer goes through. Besides "no panic" it checks what the
//! backend relies on:
//! - a refusal from the survey check names only `survey_version` or `answers.<question id>`;
//! - an accepted submission survives a JSON round trip unchanged and is accepted again;
//! - it answers only questions its survey has, each with an answer of the question's kind.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::{AnswerValue, QuestionKind, SubmissionRequest, SurveyDefinition};
use std::sync::OnceLock;
use victim_voice_fuzz::{accept_like_the_server, surveys};

fn all_surveys() -> &'static [SurveyDefinition] {
    static S: OnceLock<Vec<SurveyDefinition>> = OnceLock::new();
    S.get_or_init(surveys)
}

fuzz_target!(|data: &[u8]| {
    let Some(request) = accept_like_the_server::<SubmissionRequest>(data) else {
        return;
    };
    for survey in all_surveys() {
        match survey.check_submission(&request) {
            Err(fields) => {
                assert!(!fields.is_empty());
                for field in fields.keys() {
                    let on_an_answer = field
                        .strip_prefix("answers.")
                        .is_some_and(|id| request.answers.contains_key(id));
                    assert!(
                        field == "survey_version" || on_an_answer,
                        "refusal on an unexpected field {field:?}"
                    );
                }
            }
            Ok(()) => {
                assert_eq!(request.survey_version, survey.version);
                for (id, answer) in &request.answers {
                    let question = survey
                        .question(id)
                        .expect("accepted answers have questions");
                    let fits = matches!(
                        (&question.kind, answer),
                        (QuestionKind::Scale { .. }, AnswerValue::Scale(1..=5))
                            | (QuestionKind::YesNoNotSure, AnswerValue::YesNo(_))
                            | (QuestionKind::SingleChoice { .. }, AnswerValue::Choice(_))
                            | (QuestionKind::MultipleChoice { .. }, AnswerValue::Choices(_))
                            | (QuestionKind::FreeText { .. }, AnswerValue::Text(_))
                    );
                    assert!(fits, "{id} accepted with an answer of the wrong kind");
                    if let AnswerValue::Text(text) = answer {
                        let redacted = analysis::redact(text);
                        assert_eq!(analysis::redact(&redacted.text).text, redacted.text);
                    }
                }
                let again = serde_json::to_vec(&request).expect("serialises");
                let reparsed = accept_like_the_server::<SubmissionRequest>(&again)
                    .expect("an accepted submission parses again");
                assert_eq!(reparsed, request);
                assert_eq!(survey.check_submission(&reparsed), Ok(()));
            }
        }
    }
});
