//! Quick exit (the GOV.UK "Exit this page" pattern): blank the page at once, then replace it
//! with a neutral website so the browser's Back button does not return here. Triggered by the
//! exit button and by pressing Shift three times within a second.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where quick exit goes: a neutral, common site.
pub const EXIT_URL: &str = "https://www.bbc.co.uk/weather";

/// Presses of Shift needed, and the window they must fall in.
const PRESSES: usize = 3;
const WINDOW_MS: f64 = 1000.0;

/// Blanks the page and replaces the current history entry with [`EXIT_URL`].
pub fn exit_now() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(document) = window.document() {
        if let Some(body) = document.body() {
            body.set_inner_html("");
        }
        document.set_title("");
    }
    let _ = window.location().replace(EXIT_URL);
}

/// Listens on the whole window for Shift pressed three times within a second. Any other key in
/// between starts the count again, so typing capital letters does not trigger it.
pub fn install_shortcut() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut presses: Vec<f64> = Vec::with_capacity(PRESSES);
    let listener =
        Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
            if event.key() != "Shift" {
                presses.clear();
                return;
            }
            if event.repeat() {
                return;
            }
            let now = js_sys::Date::now();
            presses.retain(|at| now - at < WINDOW_MS);
            presses.push(now);
            if presses.len() >= PRESSES {
                presses.clear();
                exit_now();
            }
        });
    let _ = window.add_event_listener_with_callback_and_bool(
        "keydown",
        listener.as_ref().unchecked_ref(),
        true,
    );
    // Lives as long as the page.
    listener.forget();
}
