//! A neutral, calm page for a link that cannot be used: it says what to do next and nothing
//! about what the survey is about.

use crate::hooks::Problem;
use crate::i18n::use_i18n;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LinkProblemProps {
    pub problem: Problem,
    /// Offered when trying again may help (the survey could not be fetched).
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

#[component]
pub fn LinkProblem(props: &LinkProblemProps) -> Html {
    let i18n = use_i18n();
    let (title, body) = match props.problem {
        Problem::NotFound => ("link_invalid_title", "link_invalid_body"),
        Problem::Expired => ("link_expired_title", "link_invalid_body"),
        Problem::Used => ("link_used_title", "link_used_body"),
        Problem::Unreachable => ("offline_title", "offline_body"),
    };
    let retry = props.on_retry.clone().map(|on_retry| {
        html! {
            <button type="button" id="retry" class="button"
                onclick={Callback::from(move |_| on_retry.emit(()))}>
                { i18n.t("try_again") }
            </button>
        }
    });
    html! {
        <div id="link-problem" class="screen" data-problem={props.problem.as_str()}>
            <h1 class="heading-l" tabindex="-1">{ i18n.t(title) }</h1>
            <p class="body">{ i18n.t(body) }</p>
            { retry.unwrap_or_default() }
        </div>
    }
}
