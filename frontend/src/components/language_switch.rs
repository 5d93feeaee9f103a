//! Buttons to show the page in another language ("English", "Polski", ...), each labelled in
//! its own language.

use crate::i18n::{use_i18n, LANGUAGES};
use yew::prelude::*;

#[component]
pub fn LanguageSwitch() -> Html {
    let i18n = use_i18n();
    html! {
        <nav class="language-switch" aria-label={i18n.t("language").to_string()}>
            <ul>
                { for LANGUAGES.iter().enumerate().map(|(index, language)| {
                    let current = index == i18n.index();
                    let set = i18n.set.clone();
                    html! {
                        <li key={language.code}>
                            <button type="button" id={format!("lang-{}", language.code)}
                                class={classes!("language-switch__button", current.then_some("language-switch__button--current"))}
                                lang={language.code} aria-pressed={current.to_string()}
                                onclick={Callback::from(move |_| set.emit(index))}>
                                { language.name }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
