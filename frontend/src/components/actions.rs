//! "You said, we did": what teams in the respondent's area have changed, fetched for the unit
//! the answers count towards, with a kind empty state while there is nothing to show.

use crate::api::{self, UnitAction};
use crate::i18n::{use_i18n, I18n};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UnitActionsProps {
    pub unit_code: AttrValue,
}

/// `YYYY-MM` as "March 2025", or as given if it is not in that form.
fn month(published: &str, i18n: &I18n) -> String {
    match published.split_once('-') {
        Some((year, month)) if year.len() == 4 && month.len() == 2 => {
            let key = format!("month_{month}");
            let name = i18n.t(&key);
            if name == key {
                published.to_string()
            } else {
                format!("{name} {year}")
            }
        }
        _ => published.to_string(),
    }
}

#[component]
pub fn UnitActions(props: &UnitActionsProps) -> Html {
    let i18n = use_i18n();
    let actions = use_state(|| None::<Vec<UnitAction>>);
    {
        let actions = actions.clone();
        use_effect_with(props.unit_code.clone(), move |unit_code| {
            let unit_code = unit_code.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Not there yet (404), failed or empty: all show the same kind empty state.
                actions.set(Some(
                    api::unit_actions(&unit_code).await.unwrap_or_default(),
                ));
            });
        });
    }
    let list = match &*actions {
        None => html! { <p class="body">{ i18n.t("loading") }</p> },
        Some(list) if list.is_empty() => {
            html! { <p class="body" id="actions-empty">{ i18n.t("actions_empty") }</p> }
        }
        Some(list) => html! {
            <ul class="actions-list" id="actions">
                { for list.iter().map(|action| {
                    let theme_key = format!("theme_{}", action.theme);
                    let theme = i18n.t(&theme_key);
                    let theme = if theme == theme_key { action.theme.clone() } else { theme.to_string() };
                    html! {
                        <li class="action">
                            <h3 class="action__theme">{ theme }</h3>
                            <p class="action__said"><strong>{ i18n.t("you_said") }{ ": " }</strong>{ action.you_said.clone() }</p>
                            <p class="action__did"><strong>{ i18n.t("we_did") }{ ": " }</strong>{ action.we_did.clone() }</p>
                            if !action.published.is_empty() {
                                <p class="action__date">{ i18n.tf("published", &[("date", &month(&action.published, &i18n))]) }</p>
                            }
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <section class="actions" aria-labelledby="actions-title">
            <h2 class="heading-m" id="actions-title">{ i18n.t("actions_title") }</h2>
            { list }
        </section>
    }
}
