//! Page-level states: loading, refused, not found, failed; and the tab title.

use crate::staff::api::ApiError;
use crate::staff::route::{Link, Route};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SetTitleProps {
    pub title: AttrValue,
}

/// Sets the tab title to "{title} – Victim Voice staff".
#[component]
pub fn SetTitle(props: &SetTitleProps) -> Html {
    use_effect_with(props.title.clone(), |title| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{title} – Victim Voice staff"));
        }
    });
    Html::default()
}

#[component]
pub fn Loading() -> Html {
    html! { <p class="body loading" role="status">{ "Loading…" }</p> }
}

#[derive(Properties, PartialEq)]
pub struct AccessDeniedProps {
    /// "unit" or "page".
    #[prop_or(AttrValue::Static("page"))]
    pub what: AttrValue,
    #[prop_or_default]
    pub home: Option<Route>,
}

#[component]
pub fn AccessDenied(props: &AccessDeniedProps) -> Html {
    let title = format!("You do not have access to this {}", props.what);
    html! {
        <div class="access-denied" id="access-denied">
            <SetTitle title={title.clone()} />
            <h1 class="heading-l" tabindex="-1">{ title }</h1>
            <p class="body">
                { "Your account can only see the figures your role allows. If you need access, \
                   ask an administrator." }
            </p>
            if let Some(home) = props.home.clone() {
                <p class="body"><Link to={home}>{ "Go to your dashboard" }</Link></p>
            }
        </div>
    }
}

#[component]
pub fn NotFound() -> Html {
    html! {
        <>
            <SetTitle title="Page not found" />
            <h1 class="heading-l" tabindex="-1">{ "Page not found" }</h1>
            <p class="body">{ "Check the address, or start again from your dashboard." }</p>
            <p class="body"><Link to={Route::Home}>{ "Go to your dashboard" }</Link></p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct PageErrorProps {
    pub error: ApiError,
    #[prop_or_default]
    pub home: Option<Route>,
    /// What is refused on 403 ("unit" or "page").
    #[prop_or(AttrValue::Static("page"))]
    pub what: AttrValue,
}

/// A failed page load: refused, missing, or a problem.
#[component]
pub fn PageError(props: &PageErrorProps) -> Html {
    match props.error.status() {
        Some(403) => html! { <AccessDenied what={props.what.clone()} home={props.home.clone()} /> },
        Some(404) => html! { <NotFound /> },
        _ => html! {
            <>
                <SetTitle title="Sorry, there is a problem" />
                <h1 class="heading-l" tabindex="-1">{ "Sorry, there is a problem" }</h1>
                <p class="body">{ props.error.message() }</p>
            </>
        },
    }
}
