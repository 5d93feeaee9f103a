//! The GOV.UK-style error summary at the top of a screen: a heading and one link per problem,
//! each taking the user to the answer it is about.

use crate::hooks::focus_element;
use crate::i18n::use_i18n;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct SummaryItem {
    pub text: String,
    /// Element id to focus on this screen, if the field is here.
    pub target: Option<String>,
    /// Question to open instead (from the review screen).
    pub question: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub items: Vec<SummaryItem>,
    #[prop_or_default]
    pub on_goto: Callback<String>,
}

#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let i18n = use_i18n();
    if props.items.is_empty() {
        return Html::default();
    }
    let item = |item: &SummaryItem| {
        let href = item
            .target
            .as_ref()
            .or(item.question.as_ref())
            .map(|t| format!("#{t}"));
        let target = item.target.clone();
        let question = item.question.clone();
        let on_goto = props.on_goto.clone();
        // Links, but they never change the URL (no history entries): focus or open instead.
        let onclick = Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            if let Some(target) = &target {
                focus_element(&format!("#{target}"));
            } else if let Some(question) = &question {
                on_goto.emit(question.clone());
            }
        });
        html! {
            <li>
                if href.is_some() {
                    <a {href} {onclick}>{ item.text.clone() }</a>
                } else {
                    { item.text.clone() }
                }
            </li>
        }
    };
    html! {
        <div id="error-summary" class="error-summary" role="alert" tabindex="-1"
            aria-labelledby="error-summary-title">
            <h2 class="error-summary__title" id="error-summary-title">{ i18n.t("error_title") }</h2>
            <ul class="error-summary__list">
                { for props.items.iter().map(item) }
            </ul>
        </div>
    }
}
