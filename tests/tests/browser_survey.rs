//! A person answering a survey in headless Chromium: open the link, answer every question,
//! review, submit, see the thank-you page; exactly one anonymous response is stored and the
//! link then shows the calm "already used" page.

use fantoccini::Locator;
use shared::Stage;
use std::time::Duration;
use tests::browser::{self, Browser};
use tests::{spawn_app, Backend};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_victim_answers_a_survey_in_the_browser_and_one_response_is_stored() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let token = app.invite(Stage::Investigation, "CE").await;
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url(&format!("/s/{token}"))).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("start"))
        .await
        .expect("intro screen with a Start button")
        .click()
        .await
        .unwrap();

    let mut answered = 0;
    for _ in 0..40 {
        if c.find(Locator::Id("review")).await.is_ok() {
            break;
        }
        let fieldset = c
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css("fieldset[data-question]"))
            .await
            .expect("a question");
        if let Ok(textarea) = fieldset.find(Locator::Css("textarea")).await {
            textarea
                .send_keys("Nobody called me back for weeks")
                .await
                .unwrap();
        } else {
            // The first option: for "still supporting?" that is "yes", so no show-if branch.
            let input = fieldset.find(Locator::Css("input")).await.unwrap();
            input.click().await.unwrap();
        }
        answered += 1;
        c.find(Locator::Id("next"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    assert!(answered >= 5, "answered only {answered} questions");
    c.find(Locator::Id("review")).await.expect("review step");
    c.find(Locator::Id("submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("thank-you"))
        .await
        .expect("thank-you page");

    let responses = app.responses().await;
    assert_eq!(responses.len(), 1, "exactly one response stored");
    assert_eq!(responses[0].stage, "investigation");
    let answers: serde_json::Value = serde_json::from_str(&responses[0].answers).unwrap();
    assert_eq!(answers["overall"]["kind"], "scale");
    assert!(app.invitations().await[0].used);
    assert_eq!(
        app.comment_count().await,
        2,
        "both free-text answers stored as comments"
    );

    // Opening the link again shows the calm used-link page, and nothing more is stored.
    c.goto(&app.url(&format!("/s/{token}"))).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("link-problem"))
        .await
        .expect("used-link page");
    assert_eq!(app.response_count().await, 1);
    browser.close().await;
}
