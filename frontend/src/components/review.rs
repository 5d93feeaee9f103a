//! The review step: every visible question with its answer (or "Not answered") and a "Change"
//! button that opens that question again.

use crate::i18n::{use_i18n, I18n};
use shared::{AnswerValue, Question, QuestionKind};
use std::collections::BTreeMap;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    /// The visible questions, in order.
    pub questions: Vec<Question>,
    pub answers: BTreeMap<String, AnswerValue>,
    #[prop_or_default]
    pub errors: BTreeMap<String, Vec<String>>,
    pub on_change: Callback<String>,
}

/// An answer as a person reads it, in the chosen language.
fn answer_text(question: &Question, answer: &AnswerValue, i18n: &I18n) -> String {
    let lang = i18n.code();
    let label = |id: &str| {
        question
            .kind
            .options()
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.label.get(lang).to_string())
    };
    match answer {
        AnswerValue::Scale(n) => {
            let mut text = i18n.tf("scale_of", &[("n", &n.to_string())]);
            if let QuestionKind::Scale { low, high } = &question.kind {
                match n {
                    1 => text = format!("{text} ({})", low.get(lang)),
                    5 => text = format!("{text} ({})", high.get(lang)),
                    _ => {}
                }
            }
            text
        }
        AnswerValue::YesNo(v) => i18n.t(v.as_str()).to_string(),
        AnswerValue::Choice(id) => label(id),
        AnswerValue::Choices(ids) => ids
            .iter()
            .map(|id| label(id))
            .collect::<Vec<_>>()
            .join(", "),
        AnswerValue::Text(text) => text.clone(),
    }
}

#[component]
pub fn ReviewList(props: &ReviewProps) -> Html {
    let i18n = use_i18n();
    let lang = i18n.code();
    html! {
        <dl class="summary-list">
            { for props.questions.iter().map(|question| {
                let id = question.id.clone();
                let on_change = props.on_change.clone();
                let answer = props.answers.get(&question.id);
                let errors = props.errors.get(&question.id).filter(|e| !e.is_empty());
                let prompt = question.prompt.get(lang).to_string();
                html! {
                    <div key={id.clone()} id={format!("review-{id}")}
                        class={classes!("summary-list__row", errors.is_some().then_some("summary-list__row--error"))}>
                        <dt class="summary-list__key">{ prompt.clone() }</dt>
                        <dd class={classes!("summary-list__value", answer.is_none().then_some("summary-list__value--empty"))}>
                            { answer.map_or_else(|| i18n.t("not_answered").to_string(), |a| answer_text(question, a, &i18n)) }
                            if let Some(errors) = errors {
                                <span class="error-message">
                                    <span class="visually-hidden">{ i18n.t("error_prefix") }{ " " }</span>
                                    { errors.join(" ") }
                                </span>
                            }
                        </dd>
                        <dd class="summary-list__actions">
                            <button type="button" class="link-button" data-change={id.clone()}
                                onclick={Callback::from(move |_| on_change.emit(id.clone()))}>
                                { i18n.t("change") }
                                <span class="visually-hidden">{ " " }{ prompt }</span>
                            </button>
                        </dd>
                    </div>
                }
            }) }
        </dl>
    }
}
