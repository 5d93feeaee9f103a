//! Languages in headless Chromium: switching to Polish shows the page's own text from the
//! Polish catalogue and the questions from the survey definition's Polish translations, keeps
//! the tab title neutral, and the answers sent in Polish are stored.

use fantoccini::{Client, Locator};
use shared::Stage;
use std::time::Duration;
use tests::browser::{self, Browser};
use tests::{spawn_app, Backend};

async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

async fn text(c: &Client, css: &str) -> String {
    wait_for(c, css)
        .await
        .text()
        .await
        .unwrap()
        .trim()
        .to_string()
}

async fn click(c: &Client, css: &str) {
    wait_for(c, css).await.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survey_answered_in_polish_shows_polish_questions_and_is_stored() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let token = app.invite(Stage::Investigation, "CE").await;
    // What the definition says, in both languages (the page must show the Polish one).
    let view: shared::SurveyView = app.get_survey(&token).await.json().await.unwrap();
    let survey = &view.survey;
    let first = &survey.questions[0];
    let (prompt_en, prompt_pl) = (first.prompt.get("en"), first.prompt.get("pl"));
    assert_ne!(prompt_en, prompt_pl, "the definition has a Polish prompt");

    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url(&format!("/s/{token}"))).await.unwrap();
    assert_eq!(text(c, "#intro h1").await, survey.title.get("en"));
    assert_eq!(c.title().await.unwrap(), "Your views");

    click(c, "#lang-pl").await;
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css("html[lang=pl]"))
        .await
        .expect("the document says it is in Polish");
    assert_eq!(text(c, "#intro h1").await, survey.title.get("pl"));
    assert_eq!(text(c, "#start").await, "Rozpocznij");
    assert_eq!(text(c, "#quick-exit").await, "Wyjdź z tej strony");
    assert_eq!(c.title().await.unwrap(), "Twoje opinie");
    assert_eq!(
        wait_for(c, "#lang-pl")
            .await
            .attr("aria-pressed")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );

    click(c, "#start").await;
    assert_eq!(text(c, "fieldset legend h1").await, prompt_pl);
    assert!(text(c, "#progress").await.starts_with("Pytanie 1 z "));

    // Answer every question (first option; Polish free text), in Polish throughout.
    let comment = "Nikt do mnie nie oddzwonił przez wiele tygodni, żadnych informacji";
    for _ in 0..30 {
        if c.find(Locator::Id("review")).await.is_ok() {
            break;
        }
        let fieldset = wait_for(c, "fieldset[data-question]").await;
        let id = fieldset.attr("data-question").await.unwrap().unwrap();
        let question = survey.question(&id).expect("a question of the definition");
        assert_eq!(
            text(c, "fieldset legend h1").await,
            question.prompt.get("pl"),
            "{id}"
        );
        if let Ok(area) = fieldset.find(Locator::Css("textarea")).await {
            area.send_keys(comment).await.unwrap();
        } else {
            fieldset
                .find(Locator::Css("input"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
        click(c, "#next").await;
    }
    wait_for(c, "#review").await;
    assert_eq!(text(c, "#review h1").await, "Sprawdź swoje odpowiedzi");
    let review = text(c, "#review .summary-list").await;
    assert!(review.contains(prompt_pl) && !review.contains(prompt_en));
    assert!(review.contains("Tak"), "yes/no answers read in Polish");
    click(c, "#submit").await;
    wait_for(c, "#thank-you").await;
    assert_eq!(text(c, "#thank-you").await, "Dziękujemy");

    assert_eq!(app.response_count().await, 1);
    let comments = app.comments().await;
    assert_eq!(comments.len(), 2, "both Polish free-text answers stored");
    assert!(
        comments
            .iter()
            .all(|c| c.body.contains("żadnych informacji")),
        "Polish text stored intact"
    );
    browser.close().await;
}
