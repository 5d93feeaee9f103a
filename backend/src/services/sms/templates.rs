//! Message templates. Stalkers often read the victim's phone, so a message must read as
//! neutral: one plain sentence and the link, no word that says what it is about.
//!
//! With GOV.UK Notify the text lives in the Notify template named by `NOTIFY_TEMPLATE_ID`;
//! paste [`INVITATION`]'s text there (with `((link))` as the placeholder), and in Notify's
//! text message settings turn off "Start all text messages with your service name" or give
//! the service a neutral name: Notify would otherwise put the service name in front.
//! The offline outbox renders the same text locally.

pub struct Template {
    pub id: &'static str,
    /// Notify's placeholder syntax: `((link))`.
    pub text: &'static str,
}

pub const INVITATION: Template = Template {
    id: "invitation",
    text: "You are invited to give your views on a service you used. It takes about 5 minutes \
           and the link works once: ((link))",
};

/// Every template the platform can send; the neutrality test checks each one.
pub const ALL: &[Template] = &[INVITATION];

/// Words that would tell someone reading the phone what the message is about.
pub const REVEALING_WORDS: &[&str] = &[
    "stalk",
    "stalking",
    "stalker",
    "police",
    "polic",
    "crime",
    "criminal",
    "victim",
    "abuse",
    "abusive",
    "harass",
    "harassment",
    "court",
    "cps",
    "prosecut",
    "offence",
    "offense",
    "offender",
    "domestic",
    "violence",
    "violent",
    "survivor",
    "justice",
    "officer",
    "assault",
    "perpetrator",
    "suspect",
    "witness",
    "threat",
    "safety",
    "safe",
    "refuge",
    "bcu",
    "met.police",
    "mopac",
    "law",
];

/// The revealing words found in `text` (case-insensitive, also inside longer words and URLs).
pub fn revealing_words_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    REVEALING_WORDS
        .iter()
        .copied()
        .filter(|word| lower.contains(word))
        .collect()
}

/// The text of a message: the template with its link filled in.
pub fn render(template: &Template, link: &str) -> String {
    template.text.replace("((link))", link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_neutral_and_has_exactly_the_link() {
        for template in ALL {
            assert_eq!(
                revealing_words_in(template.text),
                Vec::<&str>::new(),
                "template {}",
                template.id
            );
            assert_eq!(
                template.text.matches("((link))").count(),
                1,
                "{}",
                template.id
            );
            // Nothing else to fill in: the body is a neutral sentence and the link.
            assert_eq!(template.text.matches("((").count(), 1, "{}", template.id);
            // One SMS fragment (160 GSM characters) with a 40-character link.
            assert!(
                render(template, &"x".repeat(40)).len() <= 160,
                "{}",
                template.id
            );
        }
    }

    #[test]
    fn the_word_check_finds_words_anywhere() {
        assert_eq!(
            revealing_words_in("https://Stalking-Support.example/s/x"),
            vec!["stalk", "stalking"]
        );
        assert!(revealing_words_in("https://vv.example/s/abc").is_empty());
        assert!(revealing_words_in("Your CPS update").contains(&"cps"));
    }
}
