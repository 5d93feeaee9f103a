//! The survey flow for one invitation: intro, one question per screen with progress, review
//! with "Change" links, send, and a thank-you screen with the unit's "you said, we did".
//! All of it is one `use_reducer` state; the URL and browser history never change.

use crate::api::{self, ApiError};
use crate::components::{
    ErrorSummary, Progress, QuestionView, ReviewList, SummaryItem, UnitActions,
};
use crate::hooks::{
    use_focus_on_change, Failure, Message, Problem, Screen, SurveyAction, SurveyErrors, SurveyState,
};
use crate::i18n::{use_i18n, I18n};
use crate::pages::LinkProblem;
use shared::error::from_validation_errors;
use validator::Validate;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SurveyPageProps {
    pub token: AttrValue,
}

/// What a failed load means for the person holding the link.
fn load_problem(error: &ApiError) -> Problem {
    match (error.status(), error.code()) {
        (Some(404), _) => Problem::NotFound,
        (Some(410), Some("invitation_expired")) => Problem::Expired,
        (Some(410), _) => Problem::Used,
        (Some(400..=499), _) => Problem::NotFound,
        _ => Problem::Unreachable,
    }
}

/// What a failed send means: field errors go next to their questions, the rest on top.
fn submit_errors(error: ApiError) -> SurveyErrors {
    match error {
        ApiError::Network => SurveyErrors {
            general: vec![Message::Key("error_network")],
            ..SurveyErrors::default()
        },
        ApiError::Status {
            status: 400..=499,
            body: Some(body),
        } => {
            let mut errors = SurveyErrors::from_fields(&body.fields);
            if errors.is_empty() {
                errors.general.push(Message::Text(body.message));
            }
            errors
        }
        ApiError::Status { .. } => SurveyErrors {
            general: vec![Message::Key("error_generic")],
            ..SurveyErrors::default()
        },
    }
}

fn summary_items(
    state: &SurveyState,
    i18n: &I18n,
    only_question: Option<&str>,
) -> Vec<SummaryItem> {
    let mut items: Vec<SummaryItem> = state
        .errors
        .general
        .iter()
        .map(|message| SummaryItem {
            text: match message {
                Message::Key(key) => i18n.t(key).to_string(),
                Message::Text(text) => text.clone(),
            },
            target: None,
            question: None,
        })
        .collect();
    let Some(survey) = state.survey() else {
        return items;
    };
    for (id, messages) in &state.errors.questions {
        if messages.is_empty() || only_question.is_some_and(|only| only != id) {
            continue;
        }
        let question = survey.question(id);
        let prompt = question.map_or(id.as_str(), |q| q.prompt.get(i18n.code()));
        let text = format!("{prompt}: {}", messages.join(" "));
        items.push(match (only_question, question) {
            (Some(_), Some(q)) => SummaryItem {
                text,
                target: Some(crate::components::first_input_id(q)),
                question: None,
            },
            (None, Some(_)) => SummaryItem {
                text,
                target: None,
                question: Some(id.clone()),
            },
            (_, None) => SummaryItem {
                text,
                target: None,
                question: None,
            },
        });
    }
    items
}

#[component]
pub fn SurveyPage(props: &SurveyPageProps) -> Html {
    let i18n = use_i18n();
    let state = use_reducer(SurveyState::default);
    let attempt = use_state(|| 0u32);

    {
        let dispatcher = state.dispatcher();
        use_effect_with((props.token.clone(), *attempt), move |(token, _)| {
            let token = token.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::survey(&token).await {
                    Ok(view) => dispatcher.dispatch(SurveyAction::Loaded(view)),
                    Err(error) => dispatcher
                        .dispatch(SurveyAction::Failed(Failure::Load(load_problem(&error)))),
                }
            });
        });
    }
    use_focus_on_change(state.screen.key(), state.error_generation);

    let dispatch = |action: fn() -> SurveyAction| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action()))
    };
    let on_goto = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: String| dispatcher.dispatch(SurveyAction::GoTo(id)))
    };

    let lang = i18n.code();
    let Some(view) = state.view.clone() else {
        return match state.screen {
            Screen::Problem(problem) => {
                let retry = (problem == Problem::Unreachable).then(|| {
                    let attempt = attempt.clone();
                    Callback::from(move |_| attempt.set(*attempt + 1))
                });
                html! { <LinkProblem {problem} on_retry={retry} /> }
            }
            _ => html! { <p class="body loading" aria-live="polite">{ i18n.t("loading") }</p> },
        };
    };
    let survey = &view.survey;

    match state.screen.clone() {
        Screen::Loading | Screen::Problem(_) => {
            let problem = match state.screen {
                Screen::Problem(p) => p,
                _ => Problem::Unreachable,
            };
            html! { <LinkProblem {problem} /> }
        }
        Screen::Intro => html! {
            <div class="screen" id="intro">
                <h1 class="heading-xl" tabindex="-1">{ survey.title.get(lang) }</h1>
                { for survey.intro.get(lang).split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| html! {
                    <p class="body">{ p.to_string() }</p>
                }) }
                <div class="inset">{ i18n.t("exit_help") }</div>
                <div class="button-group">
                    <button type="button" id="start" class="button button--start"
                        onclick={dispatch(|| SurveyAction::Next)}>
                        { i18n.t("start") }
                    </button>
                </div>
            </div>
        },
        Screen::Question(index) => {
            let question = survey.questions[index].clone();
            let visible = state.visible();
            let position = visible.iter().position(|&i| i == index).unwrap_or(0) + 1;
            let errors = state
                .errors
                .questions
                .get(&question.id)
                .cloned()
                .unwrap_or_default();
            let on_answer = {
                let dispatcher = state.dispatcher();
                let id = question.id.clone();
                Callback::from(move |answer| {
                    dispatcher.dispatch(SurveyAction::Answer(id.clone(), answer))
                })
            };
            let next_label = if state.from_review {
                i18n.t("back_to_review")
            } else {
                i18n.t("next")
            };
            html! {
                <div class="screen" id="question">
                    <ErrorSummary items={summary_items(&state, &i18n, Some(&question.id))} />
                    <Progress current={position} total={visible.len()} />
                    <QuestionView
                        answer={state.answers.get(&question.id).cloned()}
                        {question} {errors} {on_answer} />
                    <div class="button-group">
                        <button type="button" id="next" class="button"
                            onclick={dispatch(|| SurveyAction::Next)}>
                            { next_label }
                        </button>
                        <button type="button" id="back" class="button button--secondary"
                            onclick={dispatch(|| SurveyAction::Back)}>
                            { i18n.t("back") }
                        </button>
                    </div>
                </div>
            }
        }
        Screen::Review => {
            let effective = state.effective_answers();
            let questions: Vec<_> = state
                .visible()
                .into_iter()
                .map(|i| survey.questions[i].clone())
                .collect();
            let onsubmit = {
                let state = state.clone();
                let token = props.token.clone();
                let lang = lang.to_string();
                Callback::from(move |_: MouseEvent| {
                    if state.submitting {
                        return;
                    }
                    let dispatcher = state.dispatcher();
                    let (Some(submission), Some(survey)) =
                        (state.submission(&lang), state.survey())
                    else {
                        return;
                    };
                    // The same checks the server runs, before anything leaves the page.
                    if let Err(errors) = submission.validate() {
                        let fields = from_validation_errors(&errors);
                        dispatcher.dispatch(SurveyAction::Failed(Failure::Submit(
                            SurveyErrors::from_fields(&fields),
                        )));
                        return;
                    }
                    if let Err(fields) = survey.check_submission(&submission) {
                        dispatcher.dispatch(SurveyAction::Failed(Failure::Submit(
                            SurveyErrors::from_fields(&fields),
                        )));
                        return;
                    }
                    dispatcher.dispatch(SurveyAction::Submitting);
                    let token = token.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let action = match api::submit(&token, &submission).await {
                            Ok(_) => SurveyAction::Submitted {
                                already_sent: false,
                            },
                            // Already used (e.g. a double submit): calm, not an error.
                            Err(error) if error.status() == Some(410) => {
                                SurveyAction::Submitted { already_sent: true }
                            }
                            Err(error) => {
                                SurveyAction::Failed(Failure::Submit(submit_errors(error)))
                            }
                        };
                        dispatcher.dispatch(action);
                    });
                })
            };
            html! {
                <div class="screen" id="review">
                    <ErrorSummary items={summary_items(&state, &i18n, None)} on_goto={on_goto.clone()} />
                    <h1 class="heading-l" tabindex="-1">{ i18n.t("review_title") }</h1>
                    <p class="body">{ i18n.t("review_intro") }</p>
                    <ReviewList {questions} answers={effective}
                        errors={state.errors.questions.clone()} on_change={on_goto} />
                    <div class="button-group">
                        <button type="button" id="submit" class="button"
                            disabled={state.submitting} aria-disabled={state.submitting.to_string()}
                            onclick={onsubmit}>
                            { if state.submitting { i18n.t("sending") } else { i18n.t("submit") } }
                        </button>
                        <button type="button" id="back" class="button button--secondary"
                            disabled={state.submitting}
                            onclick={dispatch(|| SurveyAction::Back)}>
                            { i18n.t("back") }
                        </button>
                    </div>
                </div>
            }
        }
        Screen::Done { already_sent } => {
            let (title, body) = if already_sent {
                ("already_title", "already_body")
            } else {
                ("thanks_title", "thanks_body")
            };
            html! {
                <div class="screen" id="done">
                    <div class="panel">
                        <h1 class="heading-xl" id="thank-you" tabindex="-1">{ i18n.t(title) }</h1>
                    </div>
                    <p class="body">{ i18n.t(body) }</p>
                    <UnitActions unit_code={AttrValue::from(view.unit_code.clone())} />
                    <p class="body">{ i18n.t("close_hint") }</p>
                </div>
            }
        }
    }
}
