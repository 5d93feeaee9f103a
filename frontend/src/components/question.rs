//! One survey question as a `<fieldset>` with its prompt as the legend: radios for a 1-5 scale,
//! yes/no/not sure and single choice, checkboxes for multiple choice, a textarea with a visible
//! character count for free text. Inputs are named by question id and valued by answer token.

use crate::i18n::{use_i18n, I18n};
use shared::{AnswerValue, Question, QuestionKind, YesNoNotSure};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub question: Question,
    pub answer: Option<AnswerValue>,
    #[prop_or_default]
    pub errors: Vec<String>,
    pub on_answer: Callback<Option<AnswerValue>>,
}

/// The id of the question's first input: where an error summary link takes the user.
pub fn first_input_id(question: &Question) -> String {
    let id = &question.id;
    match &question.kind {
        QuestionKind::Scale { .. } => format!("{id}-1"),
        QuestionKind::YesNoNotSure => format!("{id}-yes"),
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            match options.first() {
                Some(option) => format!("{id}-{}", option.id),
                None => id.clone(),
            }
        }
        QuestionKind::FreeText { .. } => id.clone(),
    }
}

/// One radio or checkbox with its label.
fn choice(
    kind: &'static str,
    name: &str,
    token: &str,
    label: Html,
    checked: bool,
    onchange: Callback<Event>,
) -> Html {
    let id = format!("{name}-{token}");
    html! {
        <div class="choice" key={token.to_string()}>
            <input class="choice__input" type={kind} id={id.clone()} name={name.to_string()}
                value={token.to_string()} {checked} {onchange} />
            <label class="choice__label" for={id}>{ label }</label>
        </div>
    }
}

/// Radios that set `answer(token)` when picked.
fn radios(
    name: &str,
    items: Vec<(String, Html)>,
    selected: Option<String>,
    pick: fn(&str) -> AnswerValue,
    on_answer: &Callback<Option<AnswerValue>>,
) -> Html {
    html! {
        <div class="choices">
            { for items.into_iter().map(|(token, label)| {
                let checked = selected.as_deref() == Some(token.as_str());
                let on_answer = on_answer.clone();
                let value = token.clone();
                let onchange = Callback::from(move |_: Event| on_answer.emit(Some(pick(&value))));
                choice("radio", name, &token, label, checked, onchange)
            }) }
        </div>
    }
}

fn body(props: &QuestionProps, i18n: &I18n, describedby: Option<String>) -> Html {
    let lang = i18n.code();
    let question = &props.question;
    let name = question.id.as_str();
    let on_answer = &props.on_answer;
    match &question.kind {
        QuestionKind::Scale { low, high } => {
            let items = (1..=5u8)
                .map(|n| {
                    let end = match n {
                        1 => Some(low.get(lang)),
                        5 => Some(high.get(lang)),
                        _ => None,
                    };
                    let label = html! {
                        <>
                            <span class="scale__number">{ n }</span>
                            if let Some(end) = end {
                                <span class="scale__end">{ end }</span>
                            }
                        </>
                    };
                    (n.to_string(), label)
                })
                .collect();
            let selected = match &props.answer {
                Some(AnswerValue::Scale(n)) => Some(n.to_string()),
                _ => None,
            };
            radios(
                name,
                items,
                selected,
                |token| AnswerValue::Scale(token.parse().unwrap_or(3)),
                on_answer,
            )
        }
        QuestionKind::YesNoNotSure => {
            let items = [YesNoNotSure::Yes, YesNoNotSure::No, YesNoNotSure::NotSure]
                .into_iter()
                .map(|v| {
                    (
                        v.as_str().to_string(),
                        html! { { i18n.t(v.as_str()).to_string() } },
                    )
                })
                .collect();
            let selected = match &props.answer {
                Some(AnswerValue::YesNo(v)) => Some(v.as_str().to_string()),
                _ => None,
            };
            radios(
                name,
                items,
                selected,
                |token| {
                    AnswerValue::YesNo(match token {
                        "yes" => YesNoNotSure::Yes,
                        "no" => YesNoNotSure::No,
                        _ => YesNoNotSure::NotSure,
                    })
                },
                on_answer,
            )
        }
        QuestionKind::SingleChoice { options } => {
            let items = options
                .iter()
                .map(|o| (o.id.clone(), html! { { o.label.get(lang).to_string() } }))
                .collect();
            let selected = match &props.answer {
                Some(AnswerValue::Choice(id)) => Some(id.clone()),
                _ => None,
            };
            radios(
                name,
                items,
                selected,
                |token| AnswerValue::Choice(token.to_string()),
                on_answer,
            )
        }
        QuestionKind::MultipleChoice { options } => {
            let chosen: Vec<String> = match &props.answer {
                Some(AnswerValue::Choices(ids)) => ids.clone(),
                _ => Vec::new(),
            };
            html! {
                <div class="choices">
                    { for options.iter().map(|option| {
                        let checked = chosen.contains(&option.id);
                        let on_answer = on_answer.clone();
                        let all: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
                        let chosen = chosen.clone();
                        let id = option.id.clone();
                        let onchange = Callback::from(move |_: Event| {
                            // Keep the definition's order; toggle this option.
                            let next: Vec<String> = all
                                .iter()
                                .filter(|o| (**o == id) != chosen.contains(o))
                                .cloned()
                                .collect();
                            on_answer.emit((!next.is_empty()).then_some(AnswerValue::Choices(next)));
                        });
                        choice("checkbox", name, &option.id, html! { { option.label.get(lang).to_string() } }, checked, onchange)
                    }) }
                </div>
            }
        }
        QuestionKind::FreeText { max_chars } => {
            let text = match &props.answer {
                Some(AnswerValue::Text(text)) => text.clone(),
                _ => String::new(),
            };
            let max = *max_chars as usize;
            let used = text.chars().count();
            let count = if used <= max {
                i18n.tf("chars_left", &[("n", &(max - used).to_string())])
            } else {
                i18n.tf("chars_over", &[("n", &(used - max).to_string())])
            };
            let on_answer = on_answer.clone();
            let oninput = Callback::from(move |event: InputEvent| {
                let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
                let value = area.value();
                on_answer.emit((!value.is_empty()).then_some(AnswerValue::Text(value)));
            });
            let count_id = format!("{name}-count");
            let describedby = match describedby {
                Some(other) => format!("{other} {count_id}"),
                None => count_id.clone(),
            };
            html! {
                <div class="textarea-group">
                    <label class="label" for={name.to_string()}>{ i18n.t("your_answer") }</label>
                    <p class="hint">{ i18n.tf("chars_limit", &[("max", &max.to_string())]) }</p>
                    <textarea class={classes!("textarea", (!props.errors.is_empty()).then_some("textarea--error"))}
                        id={name.to_string()} name={name.to_string()} rows="6"
                        maxlength={max.to_string()} value={text} {oninput}
                        aria-describedby={describedby} />
                    <p id={count_id} class={classes!("count", (used > max).then_some("count--over"))}>{ count }</p>
                </div>
            }
        }
    }
}

#[component]
pub fn QuestionView(props: &QuestionProps) -> Html {
    let i18n = use_i18n();
    let lang = i18n.code();
    let question = &props.question;
    let id = question.id.as_str();
    let hint_id = format!("{id}-hint");
    let note_id = format!("{id}-optional");
    let error_id = format!("{id}-error");
    let has_errors = !props.errors.is_empty();
    let mut describedby = vec![note_id.clone()];
    if question.hint.is_some() {
        describedby.insert(0, hint_id.clone());
    }
    if has_errors {
        describedby.push(error_id.clone());
    }
    let describedby = describedby.join(" ");
    let is_free_text = matches!(question.kind, QuestionKind::FreeText { .. });
    let is_radio = matches!(
        question.kind,
        QuestionKind::Scale { .. } | QuestionKind::YesNoNotSure | QuestionKind::SingleChoice { .. }
    );
    let clear = (is_radio && props.answer.is_some()).then(|| {
        let on_answer = props.on_answer.clone();
        let first = format!("#{}", first_input_id(question));
        // The button goes away once the answer is cleared: keep focus in the question.
        let onclick = Callback::from(move |_| {
            on_answer.emit(None);
            crate::hooks::focus_element(&first);
        });
        html! {
            <button type="button" id="clear" class="link-button" {onclick}>
                { i18n.t("clear_answer") }
            </button>
        }
    });
    html! {
        <div class={classes!("form-group", has_errors.then_some("form-group--error"))}>
            <fieldset class="fieldset" data-question={id.to_string()}
                aria-describedby={(!is_free_text).then(|| describedby.clone())}>
                <legend class="fieldset__legend">
                    <h1 class="heading-l" tabindex="-1">{ question.prompt.get(lang) }</h1>
                </legend>
                if let Some(hint) = &question.hint {
                    <p id={hint_id} class="hint">{ hint.get(lang) }</p>
                }
                <p id={note_id} class="hint">
                    if matches!(question.kind, QuestionKind::MultipleChoice { .. }) {
                        { i18n.t("select_all") }{ " " }
                    }
                    { i18n.t("optional") }
                </p>
                if has_errors {
                    <p id={error_id} class="error-message">
                        <span class="visually-hidden">{ i18n.t("error_prefix") }{ " " }</span>
                        { props.errors.join(" ") }
                    </p>
                }
                { body(props, &i18n, is_free_text.then_some(describedby)) }
                // One child whether or not it shows: Yew matches unkeyed children from the
                // end, so a child appearing last would rebuild (and unfocus) every input.
                { clear.unwrap_or_default() }
            </fieldset>
        </div>
    }
}
