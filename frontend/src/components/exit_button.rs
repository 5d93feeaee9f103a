//! The sticky "Exit this page" button shown at the top of every screen.

use crate::i18n::use_i18n;
use crate::quick_exit::{exit_now, EXIT_URL};
use yew::prelude::*;

#[component]
pub fn ExitButton() -> Html {
    let i18n = use_i18n();
    // A real link, so it still leaves if anything goes wrong; the handler replaces the history
    // entry instead of adding one.
    let onclick = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        exit_now();
    });
    let onkeydown = Callback::from(|event: KeyboardEvent| {
        if event.key() == " " {
            event.prevent_default();
            exit_now();
        }
    });
    html! {
        <div class="exit-bar">
            <a id="quick-exit" class="exit-button" role="button" href={EXIT_URL}
                rel="noreferrer" {onclick} {onkeydown}>
                { i18n.t("exit") }
            </a>
        </div>
    }
}
