//! WCAG 2.2 AA in headless Chromium: axe-core (npm, installed by scripts/tools.sh) runs on every
//! state a victim can see (intro, each kind of question, the error summary on a question and on
//! the review step, review, thank-you, used link, unknown link, the advocate page and its error
//! summary) and must report no violations of the WCAG 2.0/2.1/2.2 A and AA rules.

use backend::services::advocacy;
use fantoccini::{Client, Locator};
use sea_orm::ConnectionTrait;
use shared::Stage;
use tests::axe;
use tests::browser::{self, click, wait_for, Browser};
use tests::{spawn_app, Backend};

/// The id of the question on screen, once a question screen shows.
async fn current_question(c: &Client) -> Option<String> {
    let fieldset = c.find(Locator::Css("fieldset[data-question]")).await.ok()?;
    fieldset.attr("data-question").await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_victim_page_state_passes_axe_wcag_22_aa() {
    if !browser::available() {
        return;
    }
    let Some(axe) = axe::axe_source() else {
        return;
    };
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let token = app.invite(Stage::Investigation, "CE").await;
    let browser = Browser::start().await;
    let c = &browser.client;
    let mut failures = Vec::new();
    let mut checked = Vec::new();

    c.goto(&app.url(&format!("/s/{token}"))).await.unwrap();
    wait_for(c, "#start").await;
    axe::check(c, &axe, "intro", &mut failures).await;
    // The check itself works: a known violation planted on the page is reported.
    c.execute(
        "const i = document.createElement('img'); i.id = 'canary'; i.src = '/favicon.svg';
         document.querySelector('main').appendChild(i);",
        vec![],
    )
    .await
    .unwrap();
    let planted = axe::violations(c, &axe).await;
    assert!(
        planted.iter().any(|v| v.starts_with("image-alt ")),
        "axe did not report a planted image without alt text: {planted:?}"
    );
    c.execute("document.getElementById('canary').remove();", vec![])
        .await
        .unwrap();
    click(c, "#start").await;

    // Walk the whole investigation survey, checking the first question of each kind. Saying
    // "no" to "still supporting?" shows the multiple-choice follow-up.
    for _ in 0..30 {
        if c.find(Locator::Id("review")).await.is_ok() {
            break;
        }
        wait_for(c, "fieldset[data-question]").await;
        let id = current_question(c).await.expect("question id");
        let kind = if c.find(Locator::Css("fieldset textarea")).await.is_ok() {
            "free text"
        } else if c
            .find(Locator::Css("fieldset input[type=checkbox]"))
            .await
            .is_ok()
        {
            "multiple choice"
        } else if c
            .find(Locator::Css("fieldset input[value='5']"))
            .await
            .is_ok()
        {
            "scale"
        } else if c
            .find(Locator::Css("fieldset input[value='not_sure']"))
            .await
            .is_ok()
        {
            "yes/no"
        } else {
            "single choice"
        };
        if !checked.contains(&kind) {
            axe::check(c, &axe, &format!("{kind} question ({id})"), &mut failures).await;
        }
        match kind {
            "free text" if !checked.contains(&"error summary on a question") => {
                // The page's own checks refuse an answer over the limit (a browser that does
                // not enforce maxlength, or an input method that overshoots, can get there).
                c.execute(
                    "const t = document.querySelector('fieldset textarea');
                     t.removeAttribute('maxlength');
                     t.value = 'x'.repeat(1200);
                     t.dispatchEvent(new Event('input', { bubbles: true }));",
                    vec![],
                )
                .await
                .unwrap();
                click(c, "#next").await;
                wait_for(c, "#error-summary").await;
                axe::check(c, &axe, "error summary on a question", &mut failures).await;
                checked.push("error summary on a question");
                let area = c.find(Locator::Css("fieldset textarea")).await.unwrap();
                area.clear().await.unwrap();
                area.send_keys("Nobody called me back").await.unwrap();
            }
            "free text" => {}
            "multiple choice" => click(c, "fieldset input[type=checkbox]").await,
            "yes/no" if id == "still_supporting" => click(c, "fieldset input[value='no']").await,
            _ => click(c, "fieldset input").await,
        }
        if !checked.contains(&kind) {
            checked.push(kind);
        }
        click(c, "#next").await;
    }
    wait_for(c, "#review").await;
    axe::check(c, &axe, "review", &mut failures).await;

    // A server failure while sending shows the error summary on the review step.
    app.db
        .execute_unprepared("ALTER TABLE responses RENAME TO responses_away")
        .await
        .unwrap();
    click(c, "#submit").await;
    wait_for(c, "#review #error-summary").await;
    axe::check(c, &axe, "error summary on review", &mut failures).await;
    app.db
        .execute_unprepared("ALTER TABLE responses_away RENAME TO responses")
        .await
        .unwrap();

    click(c, "#submit").await;
    wait_for(c, "#thank-you").await;
    wait_for(c, "#actions-empty").await;
    axe::check(c, &axe, "thank you", &mut failures).await;
    assert_eq!(app.response_count().await, 1);

    c.goto(&app.url(&format!("/s/{token}"))).await.unwrap();
    wait_for(c, "#link-problem[data-problem=used]").await;
    axe::check(c, &axe, "used link", &mut failures).await;

    c.goto(&app.url("/s/NoSuchLinkAtAll123")).await.unwrap();
    wait_for(c, "#link-problem[data-problem=not_found]").await;
    axe::check(c, &axe, "unknown link", &mut failures).await;

    let code = advocacy::create(&app.db, "Test service")
        .await
        .unwrap()
        .code;
    c.goto(&app.url(&format!("/a/{code}"))).await.unwrap();
    wait_for(c, "#advocate #begin").await;
    axe::check(c, &axe, "advocate page", &mut failures).await;
    click(c, "#begin").await;
    wait_for(c, "#advocate #error-summary").await;
    axe::check(c, &axe, "advocate error summary", &mut failures).await;

    for kind in [
        "scale",
        "yes/no",
        "single choice",
        "multiple choice",
        "free text",
        "error summary on a question",
    ] {
        assert!(checked.contains(&kind), "never reached a {kind} state");
    }
    browser.close().await;
    assert!(
        failures.is_empty(),
        "axe-core found WCAG 2.2 AA violations:\n{}",
        failures.join("\n")
    );
}
