//! UI text in several languages: message catalogues (`i18n/<code>.json`, compiled in), the
//! language context every component reads, and the provider that owns the chosen language.
//! Survey text itself comes from the definition's `LocalisedText`, not from here.
//!
//! Adding a language = adding `i18n/<code>.json` (same keys as `en.json`) and one line to
//! [`LANGUAGES`]. English is the default and the fallback for any missing key.

use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// A language the page can be shown in.
pub struct Language {
    /// BCP 47 tag, also the key into survey `LocalisedText` and the `language` sent.
    pub code: &'static str,
    /// The language's own name, shown on its switch button.
    pub name: &'static str,
    source: &'static str,
}

/// Every language offered. The first one is the default.
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        name: "English",
        source: include_str!("../i18n/en.json"),
    },
    Language {
        code: "pl",
        name: "Polski",
        source: include_str!("../i18n/pl.json"),
    },
];

type Catalogue = BTreeMap<String, String>;

fn parse_catalogues() -> Vec<Catalogue> {
    LANGUAGES
        .iter()
        .map(|language| serde_json::from_str(language.source).unwrap_or_default())
        .collect()
}

/// The language context: which language is chosen, its text, and how to choose another.
#[derive(Clone)]
pub struct I18n {
    index: usize,
    catalogues: Rc<Vec<Catalogue>>,
    /// Chooses a language by its index in [`LANGUAGES`].
    pub set: Callback<usize>,
}

impl PartialEq for I18n {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && Rc::ptr_eq(&self.catalogues, &other.catalogues)
    }
}

impl I18n {
    pub fn index(&self) -> usize {
        self.index
    }

    /// The chosen language's tag (`en`, `pl`, ...).
    pub fn code(&self) -> &'static str {
        LANGUAGES[self.index].code
    }

    /// The text for `key`, falling back to English, then to the key itself.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.catalogues[self.index]
            .get(key)
            .or_else(|| self.catalogues[0].get(key))
            .map(String::as_str)
            .unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn tf(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

/// The language context; panics only if a component is used outside [`I18nProvider`].
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().expect("I18nProvider is missing")
}

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Owns the chosen language (default English, never stored anywhere) and keeps the document's
/// `lang` attribute and neutral tab title in step with it.
#[component]
pub fn I18nProvider(props: &ProviderProps) -> Html {
    let catalogues = use_memo((), |_| parse_catalogues());
    let index = use_state(|| 0usize);
    let set = {
        let index = index.clone();
        Callback::from(move |i: usize| {
            if i < LANGUAGES.len() {
                index.set(i);
            }
        })
    };
    let context = I18n {
        index: *index,
        catalogues,
        set,
    };
    {
        let title = context.t("tab_title").to_string();
        use_effect_with(*index, move |i| {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                if let Some(root) = document.document_element() {
                    let _ = root.set_attribute("lang", LANGUAGES[*i].code);
                }
                document.set_title(&title);
            }
        });
    }
    html! {
        <ContextProvider<I18n> context={context}>
            { props.children.clone() }
        </ContextProvider<I18n>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_parses_and_has_every_english_key() {
        let catalogues = parse_catalogues();
        let english = &catalogues[0];
        assert!(!english.is_empty());
        for (language, catalogue) in LANGUAGES.iter().zip(&catalogues) {
            for key in english.keys() {
                assert!(
                    catalogue.contains_key(key),
                    "{} lacks '{key}'",
                    language.code
                );
            }
        }
    }
}
