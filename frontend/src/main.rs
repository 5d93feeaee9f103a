//! The victim survey page: a small Yew (client-side rendered) app built by Trunk. It reads the
//! invitation token from `/s/{token}` (or starts a session from an advocate's `/a/{code}` link),
//! walks through one question per screen, sends the answers, and shows what teams have changed.
//! Quick exit is wired up before anything else renders.

mod api;
mod components;
mod hooks;
mod i18n;
mod pages;
mod quick_exit;

use components::{ExitButton, LanguageSwitch};
use i18n::I18nProvider;
use pages::{AdvocatePage, LinkProblem, Problem, SurveyPage};
use yew::prelude::*;

/// What the address asks for.
#[derive(Clone, PartialEq)]
enum Route {
    /// `/s/{token}`: the survey for one invitation.
    Survey(AttrValue),
    /// `/a/{code}`: an advocate's reusable link.
    Advocate(AttrValue),
    NotFound,
}

/// The path's single segment after `prefix`, if it looks like a token or link code.
fn segment_after(path: &str, prefix: &str) -> Option<String> {
    let segment = path.strip_prefix(prefix)?.trim_end_matches('/');
    let looks_right = (8..=128).contains(&segment.len())
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    looks_right.then(|| segment.to_string())
}

fn route_from_path(path: &str) -> Route {
    if let Some(token) = segment_after(path, "/s/") {
        Route::Survey(token.into())
    } else if let Some(code) = segment_after(path, "/a/") {
        Route::Advocate(code.into())
    } else {
        Route::NotFound
    }
}

#[component]
fn App() -> Html {
    let route = use_state(|| {
        web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .map_or(Route::NotFound, |path| route_from_path(&path))
    });
    // An advocate link hands over to the survey in place: the page has already replaced the
    // address with `/s/{token}`.
    let on_session = {
        let route = route.clone();
        Callback::from(move |token: String| route.set(Route::Survey(token.into())))
    };
    html! {
        <I18nProvider>
            <ExitButton />
            <div class="width-container">
                <LanguageSwitch />
                <main class="main" id="main-content">
                    { match (*route).clone() {
                        Route::Survey(token) => html! { <SurveyPage {token} /> },
                        Route::Advocate(code) => html! { <AdvocatePage {code} {on_session} /> },
                        Route::NotFound => html! { <LinkProblem problem={Problem::NotFound} /> },
                    } }
                </main>
            </div>
        </I18nProvider>
    }
}

fn main() {
    quick_exit::install_shortcut();
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            // Replace the static exit link index.html shows while the app loads.
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{route_from_path, Route};

    fn survey(token: &str) -> Route {
        Route::Survey(token.to_string().into())
    }

    #[test]
    fn only_survey_and_advocate_paths_with_plausible_codes_count() {
        assert!(route_from_path("/s/abcDEF123_-xyz") == survey("abcDEF123_-xyz"));
        assert!(route_from_path("/s/abcDEF123/") == survey("abcDEF123"));
        assert!(route_from_path("/a/k7mq2xpz") == Route::Advocate("k7mq2xpz".into()));
        for path in [
            "/",
            "/s/",
            "/s/short",
            "/s/abc/def/ghi",
            "/x/abcdefghij",
            "/a/",
        ] {
            assert!(route_from_path(path) == Route::NotFound, "{path}");
        }
    }
}
