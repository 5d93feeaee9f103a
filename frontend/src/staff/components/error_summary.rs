//! The GOV.UK-style error summary: a heading and one link per problem, each moving focus to the
//! field it is about. It takes focus when it appears, so a screen reader hears it first.

use crate::staff::api::ApiError;
use crate::staff::catalogue::sentence;
use shared::FieldErrors;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct SummaryItem {
    pub text: String,
    /// The id of the field on this page, if the problem belongs to one.
    pub target: Option<String>,
}

impl SummaryItem {
    pub fn plain(text: &str) -> Self {
        SummaryItem {
            text: text.to_string(),
            target: None,
        }
    }

    pub fn linked(text: &str, target: &str) -> Self {
        SummaryItem {
            text: text.to_string(),
            target: Some(target.to_string()),
        }
    }
}

/// One item per field error (linked to `{form}-{field}` when that field is on the form), or
/// the error's message when no field is named.
pub fn summary_items(error: &ApiError, form: &str, known: &[&str]) -> Vec<SummaryItem> {
    let fields = error.fields();
    if fields.is_empty() {
        return vec![SummaryItem {
            text: error.message(),
            target: None,
        }];
    }
    field_items(&fields, form, known)
}

pub fn field_items(fields: &FieldErrors, form: &str, known: &[&str]) -> Vec<SummaryItem> {
    fields
        .iter()
        .flat_map(|(field, messages)| {
            let target = known
                .contains(&field.as_str())
                .then(|| format!("{form}-{field}"));
            messages.iter().map(move |message| SummaryItem {
                text: sentence(message),
                target: target.clone(),
            })
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub items: Vec<SummaryItem>,
}

fn focus(selector: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.items.clone(), move |items| {
            if !items.is_empty() {
                if let Some(element) = node.cast::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    if props.items.is_empty() {
        return Html::default();
    }
    let item = |item: &SummaryItem| match &item.target {
        Some(target) => {
            let selector = format!("#{target}");
            let onclick = Callback::from(move |event: MouseEvent| {
                event.prevent_default();
                focus(&selector);
            });
            html! { <li><a href={format!("#{target}")} {onclick}>{ item.text.clone() }</a></li> }
        }
        None => html! { <li>{ item.text.clone() }</li> },
    };
    html! {
        <div class="error-summary" role="alert" tabindex="-1" ref={node}
            aria-labelledby="error-summary-title">
            <h2 class="error-summary__title" id="error-summary-title">{ "There is a problem" }</h2>
            <ul class="error-summary__list">
                { for props.items.iter().map(item) }
            </ul>
        </div>
    }
}
