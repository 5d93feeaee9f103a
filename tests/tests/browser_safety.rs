//! The victim page's safety rules (issue 2, DESIGN.md "Anonymity by construction"), each proved
//! in headless Chromium: quick exit by button and by Shift three times blanks the page at once
//! and leaves nothing to go Back to (checked with `history.back()` and with Chromium's own
//! navigation list); typing capitals does not trigger it; the tab title is neutral in every
//! language and the favicon is our own; a whole survey leaves no cookie, storage, database,
//! cache or service worker behind, pushes no history entry and talks to no other host; every
//! victim-facing response says `no-store` and `no-referrer`.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use shared::Stage;
use std::time::{Duration, Instant};
use tests::browser::{self, Browser};
use tests::{spawn_app, Backend, TestApp};

/// Where quick exit goes (frontend/src/quick_exit.rs).
const EXIT_URL: &str = "https://www.bbc.co.uk/weather";

/// Words a tab title must never carry, in English and Polish (the page's languages), as stems.
const REVEALING_WORDS: &[&str] = &[
    "stalk",
    "police",
    "polic",
    "crime",
    "criminal",
    "victim",
    "abuse",
    "harass",
    "court",
    "justice",
    "offence",
    "survivor",
    "przestęp",
    "ofiar",
    "nęk",
    "nek",
    "sąd",
    "sad ",
    "uporczyw",
    "prześladow",
    "przemoc",
    "policj",
    "molest",
];

/// Elements that only the survey page has.
const SURVEY_ELEMENTS: &str =
    "#quick-exit, #start, #next, #back, #review, #submit, #thank-you, fieldset[data-question], #app";

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|error| panic!("script failed: {script}: {error}"))
}

async fn history_length(c: &Client) -> u64 {
    js(c, "return history.length")
        .await
        .as_u64()
        .expect("history.length")
}

/// Opens a fresh invitation's link and waits for the intro screen. Returns the page's URL and
/// `history.length` as the victim arrived.
async fn open_survey(app: &TestApp, c: &Client, stage: Stage) -> (String, u64) {
    let token = app.invite(stage, "CE").await;
    let url = app.url(&format!("/s/{token}"));
    c.goto(&url).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("start"))
        .await
        .expect("intro screen with a Start button");
    let arrived = history_length(c).await;
    (url, arrived)
}

async fn click(c: &Client, id: &str) {
    c.find(Locator::Id(id))
        .await
        .unwrap_or_else(|_| panic!("#{id} present"))
        .click()
        .await
        .unwrap_or_else(|_| panic!("#{id} clickable"));
}

/// Waits until the tab has left `base_url` (quick exit's navigation has happened).
async fn wait_until_left(c: &Client, base_url: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = c.current_url().await.expect("current url").to_string();
        if !url.starts_with(base_url) {
            return url;
        }
        assert!(
            Instant::now() < deadline,
            "quick exit did not navigate away"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// After a quick exit: the tab is on the neutral site, the history list holds no survey entry
/// and did not grow, and going Back does not show the survey.
async fn assert_left_without_trace(
    app: &TestApp,
    browser: &Browser,
    survey_url: &str,
    arrived: u64,
) {
    let c = &browser.client;
    let now = wait_until_left(c, &app.base_url).await;
    assert!(
        now.starts_with(EXIT_URL),
        "quick exit went to the neutral site, not {now}"
    );
    // The error page Chromium shows offline still has the neutral URL: nothing of ours is left.
    let entries = browser.navigation_history().await;
    assert!(
        entries
            .iter()
            .all(|entry| !entry.starts_with(&app.base_url)),
        "no history entry of the survey remains: {entries:?}"
    );
    assert!(
        entries.iter().any(|entry| entry.starts_with(EXIT_URL)),
        "the neutral site replaced the survey entry: {entries:?}"
    );
    assert_eq!(
        entries.len() as u64,
        arrived,
        "quick exit replaced the history entry instead of adding one: {entries:?}"
    );
    assert_eq!(history_length(c).await, arrived, "history.length unchanged");

    // Back: goes to whatever was open before the link (here ChromeDriver's blank start page).
    let _ = c.execute("history.back()", vec![]).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let back = c.current_url().await.expect("current url").to_string();
    assert!(
        !back.starts_with(&app.base_url) && back != survey_url,
        "Back must not return to the survey, but went to {back}"
    );
    let survey_left = js(
        c,
        &format!("return document.querySelectorAll({SURVEY_ELEMENTS:?}).length"),
    )
    .await;
    assert_eq!(survey_left, json!(0), "no survey element after Back");
    let title = js(c, "return document.title").await;
    assert!(
        title.as_str().is_some_and(|t| !t.contains("views")),
        "the survey's title is not shown after Back: {title}"
    );
    assert!(
        browser
            .navigation_history()
            .await
            .iter()
            .all(|entry| !entry.starts_with(&app.base_url)),
        "no survey entry after Back either"
    );
}

/// Walks from the intro to the review screen, answering each question with its first option or
/// a sentence. Calls `each_screen` after every move.
async fn answer_every_question(c: &Client, mut each_screen: impl AsyncFnMut(&Client)) -> usize {
    click(c, "start").await;
    each_screen(c).await;
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
            fieldset
                .find(Locator::Css("input"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
        answered += 1;
        click(c, "next").await;
        each_screen(c).await;
        // Once, go back a screen and forward again: Back inside the survey must not push either.
        if answered == 2 {
            click(c, "back").await;
            each_screen(c).await;
            click(c, "next").await;
            each_screen(c).await;
        }
    }
    c.find(Locator::Id("review")).await.expect("review step");
    answered
}

/// Sends real Shift key presses (down, up) through WebDriver's Actions API.
async fn press_shift(c: &Client, times: usize, gap: Duration) {
    let mut keys = KeyActions::new("keyboard".to_string());
    for i in 0..times {
        if i > 0 {
            keys = keys.pause(gap);
        }
        keys = keys
            .then(KeyAction::Down {
                value: Key::Shift.into(),
            })
            .then(KeyAction::Up {
                value: Key::Shift.into(),
            });
    }
    c.perform_actions(keys).await.expect("key actions");
}

/// Clicking "Exit this page" leaves at once for the neutral site; neither Back nor the history
/// list leads back to the survey, and no history entry was added.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_button_leaves_for_a_neutral_site_and_back_does_not_return() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let browser = Browser::start().await;
    let c = &browser.client;
    let (url, arrived) = open_survey(&app, c, Stage::Reporting).await;
    click(c, "start").await;
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css("fieldset[data-question]"))
        .await
        .expect("a question");

    click(c, "quick-exit").await;
    assert_left_without_trace(&app, &browser, &url, arrived).await;
    browser.close().await;
}

/// Before the app has started (its WASM is blocked here, as a slow connection would delay it)
/// the page's own exit link and Shift three times already leave without a trace.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_works_before_the_app_has_started() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    for by_keyboard in [false, true] {
        let browser = Browser::start().await;
        let c = &browser.client;
        browser.cdp("Network.enable", json!({})).await;
        browser
            .cdp("Network.setBlockedURLs", json!({"urls": ["*.wasm"]}))
            .await;
        let token = app.invite(Stage::Court, "CE").await;
        let url = app.url(&format!("/s/{token}"));
        c.goto(&url).await.unwrap();
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Id("quick-exit"))
            .await
            .expect("the exit link of the loading page");
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(
            c.find(Locator::Id("start")).await.is_err(),
            "the app must not have started (its WASM is blocked)"
        );
        let arrived = history_length(c).await;
        if by_keyboard {
            press_shift(c, 3, Duration::from_millis(100)).await;
        } else {
            click(c, "quick-exit").await;
        }
        assert_left_without_trace(&app, &browser, &url, arrived).await;
        browser.close().await;
    }
}

/// The blanking happens in the same task as the click or the third Shift, before the browser
/// starts to navigate: nothing of the survey stays on screen while the neutral site loads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_blanks_the_page_before_navigating() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let browser = Browser::start().await;
    let c = &browser.client;

    // By the button.
    let (url, _) = open_survey(&app, c, Stage::Court).await;
    let seen = js(
        c,
        "document.getElementById('quick-exit').click();
         return { html: document.body.innerHTML.trim(), text: document.body.innerText.trim(),
                  title: document.title, href: location.href };",
    )
    .await;
    assert_eq!(seen["html"], "", "page blank at once: {seen}");
    assert_eq!(seen["title"], "", "tab title cleared at once: {seen}");
    assert_eq!(
        seen["href"], url,
        "blanked before navigating (same task as the click)"
    );
    wait_until_left(c, &app.base_url).await;

    // By Shift three times.
    let (url, _) = open_survey(&app, c, Stage::Court).await;
    let seen = js(
        c,
        "for (let i = 0; i < 3; i++) {
           for (const type of ['keydown', 'keyup']) {
             document.body.dispatchEvent(new KeyboardEvent(type,
               { key: 'Shift', code: 'ShiftLeft', bubbles: true }));
           }
         }
         return { html: document.body.innerHTML.trim(), title: document.title,
                  href: location.href };",
    )
    .await;
    assert_eq!(seen["html"], "", "page blank at once: {seen}");
    assert_eq!(seen["title"], "", "tab title cleared at once: {seen}");
    assert_eq!(seen["href"], url, "blanked before navigating");
    wait_until_left(c, &app.base_url).await;
    browser.close().await;
}

/// Pressing Shift three times (real key events) leaves the survey as the button does, from a
/// question screen and with the focus in a text box.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shift_three_times_leaves_for_a_neutral_site_and_back_does_not_return() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let browser = Browser::start().await;
    let c = &browser.client;

    // On the intro screen, focus nowhere in particular.
    let (url, arrived) = open_survey(&app, c, Stage::Investigation).await;
    press_shift(c, 3, Duration::from_millis(100)).await;
    assert_left_without_trace(&app, &browser, &url, arrived).await;

    // On a question, with the focus on a radio button.
    let (url, arrived) = open_survey(&app, c, Stage::Investigation).await;
    click(c, "start").await;
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css("fieldset[data-question] input"))
        .await
        .expect("a question")
        .click()
        .await
        .unwrap();
    press_shift(c, 3, Duration::from_millis(150)).await;
    assert_left_without_trace(&app, &browser, &url, arrived).await;
    browser.close().await;
}

/// Typing capital letters in a free-text answer (Shift before letters, even three sentences in
/// a second) does not trigger quick exit, nor do three slow presses of Shift; the answer stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_capitals_in_free_text_does_not_trigger_quick_exit() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let browser = Browser::start().await;
    let c = &browser.client;
    let (url, arrived) = open_survey(&app, c, Stage::Support).await;
    click(c, "start").await;
    let mut textarea = None;
    for _ in 0..40 {
        let fieldset = c
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css("fieldset[data-question]"))
            .await
            .expect("a question");
        if let Ok(found) = fieldset.find(Locator::Css("textarea")).await {
            textarea = Some(found);
            break;
        }
        click(c, "next").await;
    }
    let textarea = textarea.expect("a free-text question");
    textarea.click().await.unwrap();

    // WebDriver's own typing of capitals.
    let typed = "I Asked PC Smith. He Said No. Then DC Jones Called. OK";
    textarea.send_keys(typed).await.unwrap();

    // A person's typing: Shift held for one capital, three times within a second.
    let mut keys = KeyActions::new("typist".to_string());
    for letter in ['A', 'B', 'C'] {
        keys = keys
            .then(KeyAction::Down {
                value: Key::Shift.into(),
            })
            .then(KeyAction::Down { value: letter })
            .then(KeyAction::Up { value: letter })
            .then(KeyAction::Up {
                value: Key::Shift.into(),
            })
            .pause(Duration::from_millis(50));
    }
    c.perform_actions(keys).await.unwrap();

    // Shift three times, but slower than the one-second window.
    press_shift(c, 3, Duration::from_millis(700)).await;

    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(c.current_url().await.unwrap().as_str(), url, "still here");
    let value = textarea.prop("value").await.unwrap().unwrap_or_default();
    assert!(
        value.starts_with(typed) && value.ends_with("ABC"),
        "the answer is intact: {value:?}"
    );
    assert!(c.find(Locator::Id("quick-exit")).await.is_ok());
    assert_eq!(history_length(c).await, arrived);
    browser.close().await;
}

fn assert_neutral_title(title: &str, screen: &str) {
    let lower = title.to_lowercase();
    assert!(!lower.trim().is_empty(), "a title on {screen}");
    for word in REVEALING_WORDS {
        assert!(
            !lower.contains(word),
            "tab title {title:?} on {screen} contains {word:?}"
        );
    }
}

/// The tab title is neutral on every screen in every language on the page, and the favicon is
/// served by the app itself (and says nothing either).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tab_title_is_neutral_in_every_language_and_the_favicon_is_our_own() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let browser = Browser::start().await;
    let c = &browser.client;
    let (_, _) = open_survey(&app, c, Stage::Cps).await;

    let languages: Vec<String> = js(
        c,
        "return [...document.querySelectorAll('button[id^=lang-]')].map(b => b.id)",
    )
    .await
    .as_array()
    .expect("language buttons")
    .iter()
    .filter_map(|v| v.as_str().map(str::to_string))
    .collect();
    assert!(
        languages.len() >= 2,
        "English and Polish at least: {languages:?}"
    );
    let mut titles = Vec::new();
    let check_all = async |c: &Client, screen: &str, titles: &mut Vec<String>| {
        for language in &languages {
            click(c, language).await;
            tokio::time::sleep(Duration::from_millis(100)).await;
            let title = js(c, "return document.title").await;
            let title = title.as_str().unwrap_or_default().to_string();
            assert_neutral_title(&title, &format!("{screen} ({language})"));
            titles.push(title);
        }
    };
    check_all(c, "intro", &mut titles).await;
    click(c, "start").await;
    check_all(c, "question", &mut titles).await;
    titles.sort();
    titles.dedup();
    assert!(
        titles.len() >= 2,
        "the title is translated, and each translation is neutral: {titles:?}"
    );
    // The title in the served HTML, before any script runs, is neutral too.
    let html = app
        .client
        .get(app.url("/s/not-a-real-token-123"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let served_title = html
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(title, _)| title)
        .expect("a <title> in index.html");
    assert_neutral_title(served_title, "index.html");

    let icons = js(
        c,
        "return [...document.querySelectorAll('link[rel~=icon]')]
           .map(l => ({ href: l.href, same: new URL(l.href).origin === location.origin }))",
    )
    .await;
    let icons = icons.as_array().expect("icons");
    assert!(
        !icons.is_empty(),
        "a favicon is declared (else the browser guesses /favicon.ico)"
    );
    for icon in icons {
        assert_eq!(icon["same"], true, "favicon from our own origin: {icon}");
        let href = icon["href"].as_str().unwrap();
        assert!(href.starts_with(&app.base_url), "{href}");
        let response = app.client.get(href).send().await.unwrap();
        assert_eq!(response.status(), 200, "favicon served: {href}");
        let body = response.text().await.unwrap().to_lowercase();
        for word in REVEALING_WORDS {
            assert!(!body.contains(word), "favicon says {word:?}");
        }
    }
    browser.close().await;
}

/// A whole survey, answered and submitted: every screen replaced the history entry rather than
/// pushing one; afterwards there is no cookie, localStorage, sessionStorage, IndexedDB database,
/// Cache Storage entry or service worker; and every request the page made (navigation and
/// resources, including the API calls and the thank-you page's) went to the app's own origin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_survey_leaves_no_storage_no_history_and_talks_only_to_its_own_host() {
    if !browser::available() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let browser = Browser::start().await;
    let c = &browser.client;
    let (url, arrived) = open_survey(&app, c, Stage::Investigation).await;
    let mut screens = 0;
    let answered = answer_every_question(c, async |c: &Client| {
        screens += 1;
        assert_eq!(
            history_length(c).await,
            arrived,
            "history.length grew on screen {screens}"
        );
        assert_eq!(
            c.current_url().await.unwrap().as_str(),
            url,
            "the URL stays the link"
        );
    })
    .await;
    assert!(answered >= 5, "answered only {answered} questions");
    // Switching language does not push an entry either.
    click(c, "lang-pl").await;
    click(c, "lang-en").await;
    assert_eq!(history_length(c).await, arrived);

    click(c, "submit").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("thank-you"))
        .await
        .expect("thank-you page");
    // Let the thank-you page's own requests (published actions) finish.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(app.response_count().await, 1, "the survey was stored");
    assert_eq!(
        history_length(c).await,
        arrived,
        "history.length after submit"
    );
    assert_eq!(c.current_url().await.unwrap().as_str(), url);
    assert_eq!(
        browser.navigation_history().await.len() as u64,
        arrived,
        "Chromium's own history list did not grow"
    );

    // No trace in the browser.
    assert_eq!(
        js(c, "return document.cookie").await,
        json!(""),
        "no cookie"
    );
    let cookies = c.get_all_cookies().await.unwrap();
    assert!(cookies.is_empty(), "no cookie at all: {cookies:?}");
    assert_eq!(js(c, "return localStorage.length").await, json!(0));
    assert_eq!(js(c, "return sessionStorage.length").await, json!(0));
    let databases = js(
        c,
        "return ('indexedDB' in window && indexedDB.databases)
           ? indexedDB.databases().then(list => list.map(d => d.name)) : []",
    )
    .await;
    assert_eq!(databases, json!([]), "no IndexedDB database");
    let caches = js(c, "return ('caches' in window) ? caches.keys() : []").await;
    assert_eq!(caches, json!([]), "no Cache Storage");
    let workers = js(
        c,
        "return ('serviceWorker' in navigator)
           ? navigator.serviceWorker.getRegistrations().then(r => r.length) : 0",
    )
    .await;
    assert_eq!(workers, json!(0), "no service worker");

    // Every request went to the app's own origin.
    let requests = js(
        c,
        "return [...performance.getEntriesByType('navigation'),
                 ...performance.getEntriesByType('resource')].map(e => e.name)",
    )
    .await;
    let requests: Vec<&str> = requests
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let origin = format!("{}/", app.base_url);
    assert!(
        requests.iter().any(|r| r.ends_with(".wasm")),
        "the resource list is real: {requests:?}"
    );
    assert!(
        requests.iter().any(|r| r.contains("/api/v1/invitations/")),
        "API calls are listed: {requests:?}"
    );
    for request in &requests {
        assert!(
            request.starts_with(&origin),
            "request to another host: {request} (all: {requests:?})"
        );
    }
    browser.close().await;
}

/// Local absolute asset paths (`/name.js`, `.wasm`, `.css`, `.svg`) referenced by index.html.
fn asset_paths(html: &str) -> Vec<String> {
    let mut paths: Vec<String> = html
        .split(|c: char| c.is_whitespace() || "\"'=<>()`,".contains(c))
        .filter(|word| word.starts_with('/') && !word.starts_with("//"))
        .filter(|word| {
            [".js", ".wasm", ".css", ".svg"]
                .iter()
                .any(|ext| word.ends_with(ext))
        })
        .map(str::to_string)
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

fn assert_no_trace_headers(response: &reqwest::Response, what: &str) {
    let headers = response.headers();
    let cache = headers
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        cache.split(',').any(|d| d.trim() == "no-store"),
        "{what}: Cache-Control {cache:?}"
    );
    assert_eq!(
        headers.get("referrer-policy").and_then(|v| v.to_str().ok()),
        Some("no-referrer"),
        "{what}: Referrer-Policy"
    );
}

/// Every response a victim's browser gets says `Cache-Control: no-store` and
/// `Referrer-Policy: no-referrer`: the page (good, unknown and used links), each of its assets
/// (plain, brotli and gzip), and the API (success and error answers).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn victim_page_assets_and_api_are_no_store_and_no_referrer() {
    if !tests::dist_dir().join("index.html").exists() {
        assert!(!tests::on_ci(), "a built dist/ is needed on CI");
        eprintln!("skipped: build the frontend first");
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let token = app.invite(Stage::Reporting, "CE").await;
    let page = app
        .client
        .get(app.url(&format!("/s/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_no_trace_headers(&page, "/s/{token}");
    let html = page.text().await.unwrap();
    let assets = asset_paths(&html);
    for ext in [".js", ".wasm", ".css", ".svg"] {
        assert!(
            assets.iter().any(|a| a.ends_with(ext)),
            "index.html references a {ext}: {assets:?}"
        );
    }
    for asset in &assets {
        for encoding in [None, Some("br"), Some("gzip")] {
            let mut request = app.client.get(app.url(asset));
            if let Some(encoding) = encoding {
                request = request.header("accept-encoding", encoding);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200, "{asset} ({encoding:?})");
            if let Some(encoding) = encoding {
                assert_eq!(
                    response
                        .headers()
                        .get("content-encoding")
                        .and_then(|v| v.to_str().ok()),
                    Some(encoding),
                    "{asset} served precompressed"
                );
            }
            assert_no_trace_headers(&response, &format!("{asset} ({encoding:?})"));
        }
    }

    let survey = app.get_survey(&token).await;
    assert_eq!(survey.status(), 200);
    assert_no_trace_headers(&survey, "GET survey");
    let bad = app
        .post_raw(&token, "application/json", b"{not json".to_vec())
        .await;
    assert_eq!(bad.status(), 400);
    assert_no_trace_headers(&bad, "POST malformed response");
    let unknown = app
        .client
        .get(app.url("/s/unknownunknownunknown"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert_no_trace_headers(&unknown, "/s/unknown");
    let missing = app.get_survey("unknownunknownunknown").await;
    assert_eq!(missing.status(), 404);
    assert_no_trace_headers(&missing, "GET survey of an unknown link");

    app.expire_all_invitations().await;
    let expired = app
        .client
        .get(app.url(&format!("/s/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), 410);
    assert_no_trace_headers(&expired, "/s/{expired token}");
}
