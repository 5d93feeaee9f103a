//! The survey flow as a reducer: which screen is showing, the answers so far (kept when going
//! back), and the errors to show. Screens change with state only, never with browser history.

use shared::{AnswerValue, FieldErrors, SubmissionRequest, SurveyDefinition, SurveyView};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Why the survey cannot be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Unknown link, or not a survey path at all.
    NotFound,
    /// The answers for this link were already sent.
    Used,
    Expired,
    /// The survey could not be fetched (offline, server trouble): worth trying again.
    Unreachable,
}

impl Problem {
    /// A stable name (for the page's `data-problem` attribute and screen keys).
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::NotFound => "not_found",
            Problem::Used => "used",
            Problem::Expired => "expired",
            Problem::Unreachable => "unreachable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Loading,
    Problem(Problem),
    Intro,
    /// Index into the definition's `questions`.
    Question(usize),
    Review,
    Done {
        already_sent: bool,
    },
}

impl Screen {
    /// A stable key per screen, so focus moves when (and only when) the screen changes.
    pub fn key(&self) -> String {
        match self {
            Screen::Loading => "loading".into(),
            Screen::Problem(p) => format!("problem:{}", p.as_str()),
            Screen::Intro => "intro".into(),
            Screen::Question(i) => format!("question:{i}"),
            Screen::Review => "review".into(),
            Screen::Done { .. } => "done".into(),
        }
    }
}

/// A message either from the catalogue (translated) or as the server/shared checks wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Key(&'static str),
    Text(String),
}

/// Errors to show: some about the whole submission, some about one question (by question id).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SurveyErrors {
    pub general: Vec<Message>,
    /// Messages per question id; an empty list means the question has none (cleared in place).
    pub questions: BTreeMap<String, Vec<String>>,
}

impl SurveyErrors {
    pub fn is_empty(&self) -> bool {
        self.general.is_empty() && self.questions.values().all(Vec::is_empty)
    }

    /// Sorts `answers.<question id>` paths onto their questions; anything else is general.
    pub fn from_fields(fields: &FieldErrors) -> Self {
        let mut errors = SurveyErrors::default();
        for (path, messages) in fields {
            match path.strip_prefix("answers.") {
                Some(id) => errors
                    .questions
                    .entry(id.to_string())
                    .or_default()
                    .extend(messages.iter().cloned()),
                None => errors
                    .general
                    .extend(messages.iter().map(|m| Message::Text(m.clone()))),
            }
        }
        errors
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Load(Problem),
    Submit(SurveyErrors),
}

pub enum SurveyAction {
    Loaded(SurveyView),
    /// Sets (or with `None`, clears) the answer to a question.
    Answer(String, Option<AnswerValue>),
    /// Start (from the intro) or go to the next question; skipping is allowed.
    Next,
    Back,
    /// Jump to a question by id (the review page's "Change").
    GoTo(String),
    /// Straight to the review step (the flow itself reaches it through `Next`).
    #[allow(dead_code)]
    Review,
    Submitting,
    Submitted {
        already_sent: bool,
    },
    Failed(Failure),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveyState {
    pub view: Option<Rc<SurveyView>>,
    pub answers: BTreeMap<String, AnswerValue>,
    pub screen: Screen,
    /// Set while a submission is in flight, so a second tap does not send twice.
    pub submitting: bool,
    /// Set when a question was opened from the review page: Next and Back return there.
    pub from_review: bool,
    pub errors: SurveyErrors,
    /// Bumped whenever new errors are set, so the error summary takes focus.
    pub error_generation: u32,
}

impl Default for SurveyState {
    fn default() -> Self {
        Self {
            view: None,
            answers: BTreeMap::new(),
            screen: Screen::Loading,
            submitting: false,
            from_review: false,
            errors: SurveyErrors::default(),
            error_generation: 0,
        }
    }
}

/// The answers that count: only for questions currently shown (in order, so a hidden question's
/// stale answer cannot reveal a later one), without blank text or empty choice lists.
pub fn effective_answers(
    survey: &SurveyDefinition,
    answers: &BTreeMap<String, AnswerValue>,
) -> BTreeMap<String, AnswerValue> {
    let mut out = BTreeMap::new();
    for question in &survey.questions {
        if !survey.is_shown(question, &out) {
            continue;
        }
        match answers.get(&question.id) {
            Some(AnswerValue::Text(text)) if text.trim().is_empty() => {}
            Some(AnswerValue::Choices(ids)) if ids.is_empty() => {}
            Some(answer) => {
                out.insert(question.id.clone(), answer.clone());
            }
            None => {}
        }
    }
    out
}

impl SurveyState {
    pub fn survey(&self) -> Option<&SurveyDefinition> {
        self.view.as_deref().map(|v| &v.survey)
    }

    pub fn effective_answers(&self) -> BTreeMap<String, AnswerValue> {
        match self.survey() {
            Some(survey) => effective_answers(survey, &self.answers),
            None => BTreeMap::new(),
        }
    }

    /// Indices (into the definition's questions) of the questions shown, given the answers.
    pub fn visible(&self) -> Vec<usize> {
        let Some(survey) = self.survey() else {
            return Vec::new();
        };
        let effective = effective_answers(survey, &self.answers);
        survey
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| survey.is_shown(q, &effective))
            .map(|(i, _)| i)
            .collect()
    }

    /// What would be sent now.
    pub fn submission(&self, language: &str) -> Option<SubmissionRequest> {
        let survey = self.survey()?;
        Some(SubmissionRequest {
            survey_version: survey.version,
            language: Some(language.to_string()),
            answers: self.effective_answers(),
        })
    }

    /// The shared checks' complaints about one question's answer, if any.
    fn check_question(&self, index: usize) -> Option<Vec<String>> {
        let survey = self.survey()?;
        let id = &survey.questions.get(index)?.id;
        let submission = SubmissionRequest {
            survey_version: survey.version,
            language: None,
            answers: self.effective_answers(),
        };
        survey
            .check_submission(&submission)
            .err()
            .and_then(|fields| fields.get(&format!("answers.{id}")).cloned())
    }

    fn set_errors(&mut self, errors: SurveyErrors) {
        self.errors = errors;
        self.error_generation = self.error_generation.wrapping_add(1);
    }
}

impl Reducible for SurveyState {
    type Action = SurveyAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            SurveyAction::Loaded(view) => {
                state = SurveyState {
                    view: Some(Rc::new(view)),
                    screen: Screen::Intro,
                    ..SurveyState::default()
                };
            }
            SurveyAction::Answer(id, answer) => {
                // Cleared in place (no map removal: one less BTreeMap instance in the bundle).
                if let Some(messages) = state.errors.questions.get_mut(&id) {
                    messages.clear();
                }
                match answer {
                    Some(answer) => {
                        state.answers.insert(id, answer);
                    }
                    None => {
                        state.answers.remove(&id);
                    }
                }
            }
            SurveyAction::Next => {
                let visible = state.visible();
                match state.screen {
                    Screen::Intro => {
                        state.screen = visible
                            .first()
                            .map_or(Screen::Review, |&i| Screen::Question(i));
                    }
                    Screen::Question(current) => {
                        if let Some(messages) = state.check_question(current) {
                            let id = state.survey().map(|s| s.questions[current].id.clone());
                            let mut errors = state.errors.clone();
                            errors.general.clear();
                            errors.questions.insert(id.unwrap_or_default(), messages);
                            state.set_errors(errors);
                            return Rc::new(state);
                        }
                        state.screen = if state.from_review {
                            Screen::Review
                        } else {
                            visible
                                .iter()
                                .find(|&&i| i > current)
                                .map_or(Screen::Review, |&i| Screen::Question(i))
                        };
                    }
                    _ => {}
                }
                if state.screen == Screen::Review {
                    state.from_review = false;
                }
                state.errors.general.clear();
            }
            SurveyAction::Back => {
                let visible = state.visible();
                match state.screen {
                    Screen::Question(current) => {
                        state.screen = if state.from_review {
                            Screen::Review
                        } else {
                            visible
                                .iter()
                                .rev()
                                .find(|&&i| i < current)
                                .map_or(Screen::Intro, |&i| Screen::Question(i))
                        };
                    }
                    Screen::Review => {
                        state.screen = visible
                            .last()
                            .map_or(Screen::Intro, |&i| Screen::Question(i));
                    }
                    _ => {}
                }
                state.from_review = false;
                state.errors.general.clear();
            }
            SurveyAction::GoTo(id) => {
                let index = state
                    .survey()
                    .and_then(|s| s.questions.iter().position(|q| q.id == id));
                if let Some(index) = index {
                    state.from_review = state.screen == Screen::Review;
                    state.screen = Screen::Question(index);
                    state.errors.general.clear();
                }
            }
            SurveyAction::Review => {
                state.screen = Screen::Review;
                state.from_review = false;
            }
            SurveyAction::Submitting => {
                state.submitting = true;
                state.errors = SurveyErrors::default();
            }
            SurveyAction::Submitted { already_sent } => {
                // Nothing of the answers stays in memory once they are sent.
                state.answers.clear();
                state.submitting = false;
                state.errors = SurveyErrors::default();
                state.screen = Screen::Done { already_sent };
            }
            SurveyAction::Failed(Failure::Load(problem)) => {
                state.screen = Screen::Problem(problem);
            }
            SurveyAction::Failed(Failure::Submit(errors)) => {
                state.submitting = false;
                state.set_errors(errors);
            }
        }
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::YesNoNotSure;

    fn view() -> SurveyView {
        serde_json::from_str(
            r#"{"unit_code": "central-east", "survey": {
            "stage": "investigation", "version": 1, "title": {"en": "T"},
            "questions": [
              {"id": "a", "type": "yes_no_not_sure", "prompt": {"en": "A?"}},
              {"id": "b", "type": "free_text", "max_chars": 5, "prompt": {"en": "B?"},
               "show_if": {"question": "a", "any_of": ["no"]}},
              {"id": "c", "type": "scale", "low": {"en": "l"}, "high": {"en": "h"}, "prompt": {"en": "C?"}}
            ]}}"#,
        )
        .unwrap()
    }

    fn run(state: Rc<SurveyState>, actions: Vec<SurveyAction>) -> Rc<SurveyState> {
        actions.into_iter().fold(state, |s, a| s.reduce(a))
    }

    #[test]
    fn show_if_changes_the_path_and_answers_survive_back() {
        let s = run(
            Rc::new(SurveyState::default()),
            vec![SurveyAction::Loaded(view()), SurveyAction::Next],
        );
        assert_eq!(s.screen, Screen::Question(0));
        assert_eq!(s.visible(), vec![0, 2]);
        let s = run(
            s,
            vec![
                SurveyAction::Answer("a".into(), Some(AnswerValue::YesNo(YesNoNotSure::No))),
                SurveyAction::Next,
            ],
        );
        assert_eq!(s.screen, Screen::Question(1));
        assert_eq!(s.visible(), vec![0, 1, 2]);
        let s = run(s, vec![SurveyAction::Back]);
        assert_eq!(s.screen, Screen::Question(0));
        assert!(s.answers.contains_key("a"));
    }

    #[test]
    fn a_hidden_answer_is_not_sent_and_too_long_text_stops_next() {
        let s = run(
            Rc::new(SurveyState::default()),
            vec![
                SurveyAction::Loaded(view()),
                SurveyAction::Next,
                SurveyAction::Answer("a".into(), Some(AnswerValue::YesNo(YesNoNotSure::No))),
                SurveyAction::Next,
                SurveyAction::Answer("b".into(), Some(AnswerValue::Text("far too long".into()))),
                SurveyAction::Next,
            ],
        );
        assert_eq!(s.screen, Screen::Question(1));
        assert!(s.errors.questions.contains_key("b"));
        let s = run(
            s,
            vec![
                SurveyAction::Back,
                SurveyAction::Answer("a".into(), Some(AnswerValue::YesNo(YesNoNotSure::Yes))),
                SurveyAction::Next,
                SurveyAction::Next,
            ],
        );
        assert_eq!(s.screen, Screen::Review);
        let sent = s.submission("pl").unwrap();
        assert!(!sent.answers.contains_key("b"));
        assert_eq!(sent.language.as_deref(), Some("pl"));
        assert_eq!(s.survey().unwrap().check_submission(&sent), Ok(()));
    }

    #[test]
    fn change_from_review_returns_to_review() {
        let s = run(
            Rc::new(SurveyState::default()),
            vec![
                SurveyAction::Loaded(view()),
                SurveyAction::Review,
                SurveyAction::GoTo("c".into()),
                SurveyAction::Answer("c".into(), Some(AnswerValue::Scale(4))),
                SurveyAction::Next,
            ],
        );
        assert_eq!(s.screen, Screen::Review);
        assert!(!s.from_review);
    }
}
