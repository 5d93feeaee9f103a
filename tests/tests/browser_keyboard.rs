//! Keyboard alone, in headless Chromium: every step is a key pressed on whatever has focus
//! (the WebDriver Actions API: Tab, Shift+Tab, Space, Enter, arrow keys, typed text); nothing
//! is clicked and no element is focused by the test. A whole survey is completed from an
//! invitation link and from an advocate's link, and the answers chosen by key are stored.

use backend::services::advocacy;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::Value;
use shared::Stage;
use std::time::Duration;
use tests::browser::{self, Browser};
use tests::{spawn_app, Backend};

/// Presses and releases each key in turn on the focused element.
async fn press(c: &Client, keys: &[char]) {
    let mut actions = KeyActions::new("keyboard".to_string());
    for &key in keys {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    c.perform_actions(actions).await.expect("keys pressed");
}

async fn key(c: &Client, key: Key) {
    press(c, &[key.into()]).await;
}

async fn type_text(c: &Client, text: &str) {
    press(c, &text.chars().collect::<Vec<_>>()).await;
}

/// What has focus, as `tag#id[type=..][value=..]`.
async fn focused(c: &Client) -> String {
    c.execute(
        "const e = document.activeElement;
         if (!e) return '';
         let d = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
         if (e.type) d += '[type=' + e.type + ']';
         if (e.value !== undefined && e.tagName !== 'TEXTAREA') d += '[value=' + e.value + ']';
         return d;",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn focus_matches(c: &Client, css: &str) -> bool {
    c.execute(
        "return !!document.activeElement && document.activeElement.matches(arguments[0]);",
        vec![Value::from(css)],
    )
    .await
    .unwrap()
        == Value::Bool(true)
}

/// Presses Tab until the focused element matches `css`; fails after `max` presses, listing
/// where focus went.
async fn tab_to(c: &Client, css: &str, max: usize) {
    let mut path = Vec::new();
    for _ in 0..max {
        if focus_matches(c, css).await {
            return;
        }
        key(c, Key::Tab).await;
        path.push(focused(c).await);
    }
    assert!(
        focus_matches(c, css).await,
        "Tab never reached {css}; focus went: {}",
        path.join(" -> ")
    );
}

async fn wait_for(c: &Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"));
}

async fn question_id(c: &Client) -> String {
    c.find(Locator::Css("fieldset[data-question]"))
        .await
        .expect("a question")
        .attr("data-question")
        .await
        .unwrap()
        .expect("data-question")
}

async fn checked_values(c: &Client) -> Vec<String> {
    c.execute(
        "return [...document.querySelectorAll('fieldset input:checked')].map(i => i.value);",
        vec![],
    )
    .await
    .unwrap()
    .as_array()
    .unwrap()
    .iter()
    .map(|v| v.as_str().unwrap().to_string())
    .collect()
}

/// From the intro screen to the thank-you page by keyboard. Scales get "2" (Space on the
/// first, then the down arrow), "still supporting?" gets "no" (down arrow), which shows the
/// multiple-choice follow-up (Space on the first two boxes), other choices get their first
/// option (Space), and free text is typed.
async fn answer_survey_by_keyboard(c: &Client) {
    wait_for(c, "#start").await;
    tab_to(c, "#start", 10).await;
    key(c, Key::Enter).await;
    let mut answered = 0;
    for _ in 0..30 {
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("fieldset[data-question], #review"))
            .await
            .expect("a question or the review step");
        if c.find(Locator::Id("review")).await.is_ok() {
            break;
        }
        let id = question_id(c).await;
        // Focus starts on the question's heading; Tab reaches its first control.
        tab_to(c, "fieldset input, fieldset textarea", 6).await;
        let control = focused(c).await;
        if control.starts_with("textarea") {
            type_text(c, "Nobody called me back for weeks").await;
        } else if control.contains("[type=checkbox]") {
            key(c, Key::Space).await;
            key(c, Key::Tab).await;
            key(c, Key::Space).await;
            assert_eq!(checked_values(c).await.len(), 2, "{id}: two boxes ticked");
        } else if id == "still_supporting" {
            key(c, Key::Down).await;
            assert_eq!(checked_values(c).await, vec!["no"], "{id}");
        } else if control.contains("[value=1]") {
            key(c, Key::Space).await;
            key(c, Key::Down).await;
            assert_eq!(checked_values(c).await, vec!["2"], "{id}");
            if answered == 0 {
                // "Clear my answer" by keyboard clears it and leaves focus on the first option.
                tab_to(c, "#clear", 3).await;
                key(c, Key::Enter).await;
                assert!(checked_values(c).await.is_empty(), "{id}: cleared");
                assert!(
                    focus_matches(c, "input[value='1']").await,
                    "{}",
                    focused(c).await
                );
                key(c, Key::Space).await;
                key(c, Key::Down).await;
                assert_eq!(checked_values(c).await, vec!["2"], "{id}");
            }
        } else {
            key(c, Key::Space).await;
            assert_eq!(checked_values(c).await.len(), 1, "{id}: one option chosen");
        }
        tab_to(c, "#next", 8).await;
        key(c, Key::Enter).await;
        answered += 1;
    }
    assert!(answered >= 10, "answered only {answered} questions");
    // Focus moved to the review heading; the send button is reachable by Tab.
    tab_to(c, "#submit", 60).await;
    key(c, Key::Enter).await;
    wait_for(c, "#thank-you").await;
}

fn stored_answers(response: &backend::storage::entities::response::Model) -> Value {
    serde_json::from_str(&response.answers).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survey_can_be_completed_with_the_keyboard_alone() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let token = app.invite(Stage::Investigation, "CE").await;
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url(&format!("/s/{token}"))).await.unwrap();
    // The first Tab on the page reaches "Exit this page".
    wait_for(c, "#start").await;
    key(c, Key::Tab).await;
    assert!(
        focus_matches(c, "#quick-exit").await,
        "first Tab: {}",
        focused(c).await
    );
    answer_survey_by_keyboard(c).await;

    assert_eq!(app.response_count().await, 1);
    let answers = stored_answers(&app.responses().await[0]);
    assert_eq!(answers["overall"]["value"], 2, "{answers}");
    assert_eq!(answers["still_supporting"]["value"], "no", "{answers}");
    assert_eq!(
        answers["withdrawal_reasons"]["value"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "{answers}"
    );
    assert_eq!(app.comment_count().await, 2, "both free-text answers typed");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_advocate_link_leads_into_a_survey_with_the_keyboard_alone() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let code = advocacy::create(&app.db, "Test service")
        .await
        .unwrap()
        .code;
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url(&format!("/a/{code}"))).await.unwrap();
    wait_for(c, "#advocate #begin").await;
    let history_before = c.execute("return history.length;", vec![]).await.unwrap();
    let title = c.title().await.unwrap().to_lowercase();
    for word in ["stalking", "police", "crime", "victim"] {
        assert!(!title.contains(word), "tab title says {word}: {title}");
    }

    // Continue with nothing chosen: the error summary takes focus and links to the fields.
    tab_to(c, "#begin", 20).await;
    key(c, Key::Enter).await;
    wait_for(c, "#error-summary").await;
    assert!(
        focus_matches(c, "#error-summary").await,
        "{}",
        focused(c).await
    );
    assert!(c.find(Locator::Id("stage-error")).await.is_ok());
    assert!(c.find(Locator::Id("area-error")).await.is_ok());

    // The second stage ("The investigation") by arrow key, then an area by typing its name.
    tab_to(c, "input[name=stage]", 10).await;
    key(c, Key::Down).await;
    assert_eq!(
        c.execute(
            "return document.querySelector('input[name=stage]:checked').value;",
            vec![]
        )
        .await
        .unwrap(),
        "investigation"
    );
    tab_to(c, "select#area", 5).await;
    type_text(c, "Newham").await;
    let area = c
        .execute(
            "const s = document.getElementById('area');
             return [s.value, s.options[s.selectedIndex].text];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(area, serde_json::json!(["NE", "Newham"]));
    tab_to(c, "#begin", 5).await;
    key(c, Key::Enter).await;

    // The same page continues into the survey, at /s/{token}, with no new history entry.
    wait_for(c, "#start").await;
    let path = c
        .execute("return location.pathname;", vec![])
        .await
        .unwrap();
    assert!(path.as_str().unwrap().starts_with("/s/"), "{path}");
    assert_eq!(
        c.execute("return history.length;", vec![]).await.unwrap(),
        history_before
    );
    assert_eq!(app.invitations().await.len(), 1);
    answer_survey_by_keyboard(c).await;

    let responses = app.responses().await;
    assert_eq!(responses.len(), 1);
    assert_eq!(responses[0].stage, "investigation");
    assert_eq!(responses[0].channel, "advocate");
    assert_eq!(stored_answers(&responses[0])["overall"]["value"], 2);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_advocate_link_asks_calmly_to_wait_when_rate_limited() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let code = advocacy::create(&app.db, "Test service")
        .await
        .unwrap()
        .code;
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url(&format!("/a/{code}"))).await.unwrap();
    wait_for(c, "#advocate #begin").await;
    tab_to(c, "input[name=stage]", 10).await;
    key(c, Key::Space).await;
    tab_to(c, "select#area", 5).await;
    type_text(c, "Hackney").await;
    tab_to(c, "#begin", 5).await;
    // Use up this address's sessions just before (the browser visits from the same address;
    // one more is allowed every few seconds).
    let sessions = app.url(&format!("/api/v1/advocate-links/{code}/sessions"));
    for _ in 0..12 {
        app.client
            .post(&sessions)
            .json(&serde_json::json!({"stage": "court", "unit_code": "NE"}))
            .send()
            .await
            .unwrap();
    }
    let issued = app.invitations().await.len();
    key(c, Key::Enter).await;
    wait_for(c, "#advocate-wait").await;
    assert!(
        focus_matches(c, "#advocate-wait").await,
        "{}",
        focused(c).await
    );
    assert!(c.find(Locator::Id("error-summary")).await.is_err());
    let path = c
        .execute("return location.pathname;", vec![])
        .await
        .unwrap();
    assert_eq!(path, format!("/a/{code}").as_str());
    assert_eq!(app.invitations().await.len(), issued, "nothing more issued");
    browser.close().await;
}
