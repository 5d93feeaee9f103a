//! The victim survey page: a small Yew (client-side rendered) app built by Trunk. It reads the
//! invitation token from `/s/{token}`, walks through one question per screen, sends the answers,
//! and shows what teams have changed. Quick exit is wired up before anything else renders.

mod api;
mod components;
mod hooks;
mod i18n;
mod pages;
mod quick_exit;

use components::{ExitButton, LanguageSwitch};
use i18n::I18nProvider;
use pages::{LinkProblem, Problem, SurveyPage};
use yew::prelude::*;

/// The invitation token in a `/s/{token}` path, if the path is one and the token looks like one.
fn token_from_path(path: &str) -> Option<String> {
    let token = path.strip_prefix("/s/")?.trim_end_matches('/');
    let looks_right = (8..=128).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    looks_right.then(|| token.to_string())
}

#[component]
fn App() -> Html {
    let token = use_memo((), |_| {
        web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .and_then(|path| token_from_path(&path))
    });
    html! {
        <I18nProvider>
            <ExitButton />
            <div class="width-container">
                <LanguageSwitch />
                <main class="main" id="main-content">
                    if let Some(token) = (*token).clone() {
                        <SurveyPage token={AttrValue::from(token)} />
                    } else {
                        <LinkProblem problem={Problem::NotFound} />
                    }
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
    use super::token_from_path;

    #[test]
    fn only_survey_paths_with_plausible_tokens_count() {
        assert_eq!(
            token_from_path("/s/abcDEF123_-xyz"),
            Some("abcDEF123_-xyz".into())
        );
        assert_eq!(token_from_path("/s/abcDEF123/"), Some("abcDEF123".into()));
        assert_eq!(token_from_path("/"), None);
        assert_eq!(token_from_path("/s/"), None);
        assert_eq!(token_from_path("/s/short"), None);
        assert_eq!(token_from_path("/s/abc/def/ghi"), None);
        assert_eq!(token_from_path("/x/abcdefghij"), None);
    }
}
