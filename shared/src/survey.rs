//! Versioned survey definitions: questions with kinds, translations and show-if rules, and the
//! check that a submission fits its definition. Definitions are data (JSON files), not code; the
//! same checks run in the browser before sending and on the server before storing.

use crate::error::{push_field_error, FieldErrors};
use crate::stage::Stage;
use crate::submission::{AnswerValue, SubmissionRequest};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Text in several languages, keyed by a language tag (`en`, `pl`, ...). English is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct LocalisedText(pub BTreeMap<String, String>);

impl LocalisedText {
    pub fn en(text: &str) -> Self {
        Self(BTreeMap::from([("en".to_string(), text.to_string())]))
    }

    /// The text in `language`, falling back to English, so a missing translation never
    /// leaves a blank question.
    pub fn get(&self, language: &str) -> &str {
        self.0
            .get(language)
            .or_else(|| self.0.get("en"))
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub id: String,
    pub label: LocalisedText,
}

/// What kind of answer a question takes. Every question is optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// 1 (worst) to 5 (best), with labels for the two ends.
    Scale {
        low: LocalisedText,
        high: LocalisedText,
    },
    YesNoNotSure,
    SingleChoice {
        options: Vec<Choice>,
    },
    MultipleChoice {
        options: Vec<Choice>,
    },
    FreeText {
        max_chars: u16,
    },
}

impl QuestionKind {
    pub fn options(&self) -> &[Choice] {
        match self {
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                options
            }
            _ => &[],
        }
    }
}

/// Show a question only when an earlier question's answer is one of `any_of`
/// (answer tokens: `yes`/`no`/`not_sure`, `1`..`5`, or choice ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShowIf {
    pub question: String,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: String,
    #[serde(flatten)]
    pub kind: QuestionKind,
    pub prompt: LocalisedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalisedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIf>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyDefinition {
    pub stage: Stage,
    pub version: u32,
    pub title: LocalisedText,
    #[serde(default)]
    pub intro: LocalisedText,
    pub questions: Vec<Question>,
}

/// What the survey page receives for an invitation: the definition to show, and the unit the
/// answers will count towards (for its "you said, we did" actions on the thank-you page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyView {
    pub survey: SurveyDefinition,
    pub unit_code: String,
}

/// The longest free-text answer any definition may allow.
pub const MAX_FREE_TEXT_CHARS: u16 = 2000;

impl SurveyDefinition {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Checks the definition itself: unique ids, show-if rules that point at an earlier question
    /// and at answers it can give, English text everywhere. Returns every problem found.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let mut seen: BTreeMap<&str, &Question> = BTreeMap::new();
        if !self.title.0.contains_key("en") {
            problems.push("title has no English text".to_string());
        }
        for question in &self.questions {
            let id = question.id.as_str();
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                problems.push(format!("question id '{id}' must be letters, digits or _"));
            }
            if seen.contains_key(id) {
                problems.push(format!("question id '{id}' is used twice"));
            }
            if !question.prompt.0.contains_key("en") {
                problems.push(format!("question '{id}' has no English prompt"));
            }
            let mut option_ids = BTreeSet::new();
            for option in question.kind.options() {
                if !option_ids.insert(option.id.as_str()) {
                    problems.push(format!("question '{id}' repeats option '{}'", option.id));
                }
            }
            if let QuestionKind::SingleChoice { options }
            | QuestionKind::MultipleChoice { options } = &question.kind
            {
                if options.is_empty() {
                    problems.push(format!("question '{id}' has no options"));
                }
            }
            if let QuestionKind::FreeText { max_chars } = question.kind {
                if max_chars == 0 || max_chars > MAX_FREE_TEXT_CHARS {
                    problems.push(format!(
                        "question '{id}' max_chars must be 1..={MAX_FREE_TEXT_CHARS}"
                    ));
                }
            }
            if let Some(rule) = &question.show_if {
                match seen.get(rule.question.as_str()) {
                    None => problems.push(format!(
                        "question '{id}' shows if '{}', which is not an earlier question",
                        rule.question
                    )),
                    Some(earlier) => {
                        for token in &rule.any_of {
                            if !answer_tokens_for(&earlier.kind).contains(token) {
                                problems.push(format!(
                                    "question '{id}' shows if '{}' is '{token}', which it cannot be",
                                    rule.question
                                ));
                            }
                        }
                    }
                }
            }
            seen.insert(id, question);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Whether `question` should be shown, given the answers so far.
    pub fn is_shown(&self, question: &Question, answers: &BTreeMap<String, AnswerValue>) -> bool {
        match &question.show_if {
            None => true,
            Some(rule) => answers
                .get(&rule.question)
                .map(|answer| answer.tokens().iter().any(|t| rule.any_of.contains(t)))
                .unwrap_or(false),
        }
    }

    /// The questions to show, in order, given the answers so far.
    pub fn visible_questions<'a>(
        &'a self,
        answers: &'a BTreeMap<String, AnswerValue>,
    ) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions
            .iter()
            .filter(move |q| self.is_shown(q, answers))
    }

    /// Checks a submission against this definition. Field paths are `survey_version` and
    /// `answers.<question id>`. Every question is optional, so only answers given are checked.
    pub fn check_submission(&self, submission: &SubmissionRequest) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if submission.survey_version != self.version {
            push_field_error(
                &mut errors,
                "survey_version",
                format!(
                    "this survey is version {}, not {}",
                    self.version, submission.survey_version
                ),
            );
        }
        for (id, answer) in &submission.answers {
            let field = format!("answers.{id}");
            let Some(question) = self.question(id) else {
                push_field_error(
                    &mut errors,
                    field,
                    "there is no such question in this survey",
                );
                continue;
            };
            if let Err(message) = check_answer(&question.kind, answer) {
                push_field_error(&mut errors, field, message);
                continue;
            }
            if !self.is_shown(question, &submission.answers) {
                push_field_error(
                    &mut errors,
                    field,
                    "this question does not apply, given the answer to an earlier question",
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Every token an answer to this kind of question can produce (used to check show-if rules).
fn answer_tokens_for(kind: &QuestionKind) -> Vec<String> {
    match kind {
        QuestionKind::Scale { .. } => (1..=5).map(|n| n.to_string()).collect(),
        QuestionKind::YesNoNotSure => ["yes", "no", "not_sure"].map(String::from).to_vec(),
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            options.iter().map(|o| o.id.clone()).collect()
        }
        QuestionKind::FreeText { .. } => Vec::new(),
    }
}

fn check_answer(kind: &QuestionKind, answer: &AnswerValue) -> Result<(), String> {
    match (kind, answer) {
        (QuestionKind::Scale { .. }, AnswerValue::Scale(n)) => {
            if (1..=5).contains(n) {
                Ok(())
            } else {
                Err("choose a number from 1 to 5".to_string())
            }
        }
        (QuestionKind::YesNoNotSure, AnswerValue::YesNo(_)) => Ok(()),
        (QuestionKind::SingleChoice { options }, AnswerValue::Choice(id)) => {
            if options.iter().any(|o| &o.id == id) {
                Ok(())
            } else {
                Err(format!("'{id}' is not one of the options"))
            }
        }
        (QuestionKind::MultipleChoice { options }, AnswerValue::Choices(ids)) => {
            if ids.is_empty() {
                return Err("choose at least one option, or skip the question".to_string());
            }
            let unique: BTreeSet<&String> = ids.iter().collect();
            if unique.len() != ids.len() {
                return Err("an option is chosen twice".to_string());
            }
            match ids.iter().find(|id| !options.iter().any(|o| &o.id == *id)) {
                Some(id) => Err(format!("'{id}' is not one of the options")),
                None => Ok(()),
            }
        }
        (QuestionKind::FreeText { max_chars }, AnswerValue::Text(text)) => {
            let length = text.chars().count();
            if text.trim().is_empty() {
                Err("the answer is empty: write something, or skip the question".to_string())
            } else if length > *max_chars as usize {
                Err(format!(
                    "the answer is {length} characters; the limit is {max_chars}"
                ))
            } else {
                Ok(())
            }
        }
        (kind, _) => Err(format!(
            "this question takes {} answer",
            match kind {
                QuestionKind::Scale { .. } => "a scale (1 to 5)",
                QuestionKind::YesNoNotSure => "a yes, no or not sure",
                QuestionKind::SingleChoice { .. } => "a single choice",
                QuestionKind::MultipleChoice { .. } => "a multiple choice",
                QuestionKind::FreeText { .. } => "a text",
            }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submission::YesNoNotSure;

    fn survey() -> SurveyDefinition {
        serde_json::from_value(serde_json::json!({
            "stage": "investigation",
            "version": 2,
            "title": {"en": "Your experience"},
            "questions": [
                {"id": "overall", "type": "scale", "low": {"en": "Very poor"}, "high": {"en": "Very good"}, "prompt": {"en": "Overall?"}},
                {"id": "supporting", "type": "yes_no_not_sure", "prompt": {"en": "Still supporting?"}},
                {"id": "why_not", "type": "multiple_choice", "prompt": {"en": "Why not?"},
                 "options": [{"id": "fear", "label": {"en": "Fear"}}, {"id": "no_trust", "label": {"en": "No trust"}}],
                 "show_if": {"question": "supporting", "any_of": ["no"]}},
                {"id": "one_thing", "type": "free_text", "max_chars": 10, "prompt": {"en": "One thing?"}}
            ]
        }))
        .unwrap()
    }

    fn submission(answers: Vec<(&str, AnswerValue)>) -> SubmissionRequest {
        SubmissionRequest {
            survey_version: 2,
            language: None,
            answers: answers
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        }
    }

    #[test]
    fn a_valid_definition_passes_its_own_check() {
        assert_eq!(survey().check(), Ok(()));
    }

    #[test]
    fn show_if_pointing_at_a_later_question_is_rejected() {
        let mut s = survey();
        s.questions.swap(1, 2);
        let problems = s.check().unwrap_err();
        assert!(
            problems[0].contains("not an earlier question"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_fitting_submission_passes_and_an_empty_one_too() {
        let s = survey();
        let ok = submission(vec![
            ("overall", AnswerValue::Scale(4)),
            ("supporting", AnswerValue::YesNo(YesNoNotSure::No)),
            ("why_not", AnswerValue::Choices(vec!["fear".into()])),
            ("one_thing", AnswerValue::Text("call back".into())),
        ]);
        assert_eq!(s.check_submission(&ok), Ok(()));
        assert_eq!(s.check_submission(&submission(vec![])), Ok(()));
    }

    #[test]
    fn each_kind_of_bad_answer_is_named_on_its_field() {
        let s = survey();
        let bad = submission(vec![
            ("overall", AnswerValue::Scale(9)),
            ("nope", AnswerValue::Scale(3)),
            ("supporting", AnswerValue::Text("yes".into())),
            (
                "one_thing",
                AnswerValue::Text("far too long for ten".into()),
            ),
        ]);
        let errors = s.check_submission(&bad).unwrap_err();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            vec![
                "answers.nope",
                "answers.one_thing",
                "answers.overall",
                "answers.supporting"
            ]
        );
    }

    #[test]
    fn answering_a_hidden_question_breaks_the_show_if_rule() {
        let s = survey();
        let bad = submission(vec![
            ("supporting", AnswerValue::YesNo(YesNoNotSure::Yes)),
            ("why_not", AnswerValue::Choices(vec!["fear".into()])),
        ]);
        let errors = s.check_submission(&bad).unwrap_err();
        assert!(errors["answers.why_not"][0].contains("does not apply"));
    }

    #[test]
    fn missing_translations_fall_back_to_english() {
        let mut text = LocalisedText::en("Hello");
        text.0.insert("pl".into(), "Cześć".into());
        assert_eq!(text.get("pl"), "Cześć");
        assert_eq!(text.get("cy"), "Hello");
    }
}
