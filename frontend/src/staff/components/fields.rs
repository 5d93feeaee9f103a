//! Labelled form fields with a hint and an error message tied to the control
//! (`aria-describedby`, `aria-invalid`), in the GOV.UK pattern.

use shared::FieldErrors;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The first message for a field, as a sentence.
pub fn field_error(fields: &FieldErrors, name: &str) -> Option<String> {
    fields
        .get(name)
        .and_then(|messages| messages.first())
        .map(|m| crate::staff::catalogue::sentence(m))
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn hint_and_error(id: &str, hint: &Option<AttrValue>, error: &Option<String>) -> Html {
    html! {
        <>
            if let Some(hint) = hint {
                <div class="hint" id={format!("{id}-hint")}>{ hint.clone() }</div>
            }
            if let Some(error) = error {
                <p class="error-message" id={format!("{id}-error")}>
                    <span class="visually-hidden">{ "Error: " }</span>{ error.clone() }
                </p>
            }
        </>
    }
}

fn group_class(error: &Option<String>) -> Classes {
    classes!("form-group", error.is_some().then_some("form-group--error"))
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = props.id.to_string();
    let oninput = props
        .oninput
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    let invalid = props.error.is_some().then_some("true");
    html! {
        <div class={group_class(&props.error)}>
            <label class="label" for={id.clone()}>{ props.label.clone() }</label>
            { hint_and_error(&id, &props.hint, &props.error) }
            <input class={classes!("input", props.class.clone(), props.error.is_some().then_some("input--error"))}
                id={id.clone()} name={id.clone()} type={props.input_type.clone()}
                value={props.value.clone()} autocomplete={props.autocomplete.clone()}
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
                aria-invalid={invalid} {oninput} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or(4)]
    pub rows: u32,
}

#[component]
pub fn TextAreaField(props: &TextAreaFieldProps) -> Html {
    let id = props.id.to_string();
    let oninput = props
        .oninput
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlTextAreaElement>().value());
    let invalid = props.error.is_some().then_some("true");
    html! {
        <div class={group_class(&props.error)}>
            <label class="label" for={id.clone()}>{ props.label.clone() }</label>
            { hint_and_error(&id, &props.hint, &props.error) }
            <textarea class={classes!("textarea", props.error.is_some().then_some("input--error"))}
                id={id.clone()} name={id.clone()} rows={props.rows.to_string()}
                value={props.value.clone()}
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
                aria-invalid={invalid} {oninput} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// (value, label) pairs, in order.
    pub options: Vec<(String, String)>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let id = props.id.to_string();
    let onchange = props
        .onchange
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    let invalid = props.error.is_some().then_some("true");
    html! {
        <div class={group_class(&props.error)}>
            <label class="label" for={id.clone()}>{ props.label.clone() }</label>
            { hint_and_error(&id, &props.hint, &props.error) }
            <select class={classes!("select", props.error.is_some().then_some("input--error"))}
                id={id.clone()} name={id.clone()}
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
                aria-invalid={invalid} {onchange}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == *props.value}>{ label.clone() }</option>
                }) }
            </select>
        </div>
    }
}
