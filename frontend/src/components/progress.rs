//! "Question 3 of 11", counted over the questions currently shown.

use crate::i18n::use_i18n;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// 1-based position among the visible questions.
    pub current: usize,
    pub total: usize,
}

#[component]
pub fn Progress(props: &ProgressProps) -> Html {
    let i18n = use_i18n();
    let text = i18n.tf(
        "progress",
        &[
            ("n", &props.current.to_string()),
            ("total", &props.total.to_string()),
        ],
    );
    html! {
        <div class="progress">
            <p class="progress__text" id="progress">{ text }</p>
            <progress class="progress__bar" max={props.total.to_string()}
                value={props.current.to_string()} aria-hidden="true"></progress>
        </div>
    }
}
