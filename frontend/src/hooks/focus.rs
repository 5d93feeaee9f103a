//! Moves keyboard focus when the screen changes (to its heading) or when new errors appear (to
//! the error summary), so keyboard and screen-reader users follow the page.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Focuses the first element matching `selector`, if there is one.
pub fn focus_element(selector: &str) -> bool {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match element {
        Some(element) => element.focus().is_ok(),
        None => false,
    }
}

/// After a render where `screen` or `error_generation` changed, focus the error summary (new
/// errors) or the screen's heading (new screen). The first screen shown keeps the browser's
/// natural focus, so the first Tab still reaches the exit button.
#[hook]
pub fn use_focus_on_change(screen: String, error_generation: u32) {
    let seen = use_mut_ref(|| None::<(String, u32)>);
    use_effect_with((screen, error_generation), move |(screen, generation)| {
        let previous = seen.borrow_mut().replace((screen.clone(), *generation));
        let Some((old_screen, old_generation)) = previous else {
            return;
        };
        if screen == "loading" || old_screen == "loading" {
            return;
        }
        if old_generation != *generation && focus_element("#error-summary") {
            return;
        }
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        focus_element("h1");
    });
}
