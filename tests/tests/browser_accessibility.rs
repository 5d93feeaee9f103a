//! WCAG 2.2 AA in headless Chromium: axe-core (npm, installed by scripts/tools.sh) runs on every
//! state a victim can see (intro, each kind of question, the error summary on a question and on
//! the review step, review, thank-you, used link, unknown link, the advocate page and its error
//! summary) and must report no violations of the WCAG 2.0/2.1/2.2 A and AA rules.

use backend::services::advocacy;
use fantoccini::{Client, Locator};
use sea_orm::ConnectionTrait;
use shared::Stage;
use std::path::PathBuf;
use std::time::Duration;
use tests::browser::{self, Browser};
use tests::{on_ci, spawn_app, Backend};

const WCAG_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// axe.min.js: `VV_AXE_JS`, else where scripts/tools.sh installs it.
fn axe_path() -> PathBuf {
    if let Ok(path) = std::env::var("VV_AXE_JS") {
        return PathBuf::from(path);
    }
    let tools = std::env::var("VV_TOOLS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default())
                .join(".local/share/victim-voice/tools")
        });
    tools.join("npm/node_modules/axe-core/axe.min.js")
}

/// The axe-core source, or `None` (with a message) where it is missing outside CI.
fn axe_source() -> Option<String> {
    let path = axe_path();
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(error) => {
            assert!(
                !on_ci(),
                "axe-core must be installed on CI ({}: {error}); scripts/tools.sh installs it",
                path.display()
            );
            eprintln!(
                "skipped: axe-core not found at {} (source scripts/tools.sh to install it)",
                path.display()
            );
            None
        }
    }
}

/// Injects axe (once per page load) and runs the WCAG A/AA rules on the whole document.
/// Returns one line per violation: id, impact, help and the offending nodes.
async fn axe_violations(c: &Client, axe: &str) -> Vec<String> {
    let loaded = c
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .unwrap();
    if loaded != serde_json::Value::Bool(true) {
        c.execute(axe, vec![]).await.expect("axe-core injects");
    }
    let result = c
        .execute_async(
            r#"
            const [tags, done] = arguments;
            axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
              .then(r => done({ ok: true, violations: r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })) }))
              .catch(e => done({ ok: false, error: String(e) }));
            "#,
            vec![serde_json::json!(WCAG_TAGS)],
        )
        .await
        .expect("axe.run answers");
    assert_eq!(result["ok"], true, "axe.run failed: {result}");
    result["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| {
            format!(
                "{} ({}): {}\n      {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                v["nodes"]
                    .as_array()
                    .map(|nodes| nodes
                        .iter()
                        .map(|n| n.as_str().unwrap_or("?").replace('\n', " "))
                        .collect::<Vec<_>>()
                        .join("\n      "))
                    .unwrap_or_default()
            )
        })
        .collect()
}

/// Collects the violations of one named state (asserted together at the end, so one run
/// reports every state's problems).
async fn check(c: &Client, axe: &str, state: &str, failures: &mut Vec<String>) {
    let violations = axe_violations(c, axe).await;
    eprintln!("axe: {state}: {} violation(s)", violations.len());
    for violation in violations {
        failures.push(format!("[{state}] {violation}"));
    }
}

async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

async fn click(c: &Client, css: &str) {
    wait_for(c, css).await.click().await.unwrap();
}

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
    let Some(axe) = axe_source() else {
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
    check(c, &axe, "intro", &mut failures).await;
    // The check itself works: a known violation planted on the page is reported.
    c.execute(
        "const i = document.createElement('img'); i.id = 'canary'; i.src = '/favicon.svg';
         document.querySelector('main').appendChild(i);",
        vec![],
    )
    .await
    .unwrap();
    let planted = axe_violations(c, &axe).await;
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
            check(c, &axe, &format!("{kind} question ({id})"), &mut failures).await;
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
                check(c, &axe, "error summary on a question", &mut failures).await;
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
    check(c, &axe, "review", &mut failures).await;

    // A server failure while sending shows the error summary on the review step.
    app.db
        .execute_unprepared("ALTER TABLE responses RENAME TO responses_away")
        .await
        .unwrap();
    click(c, "#submit").await;
    wait_for(c, "#review #error-summary").await;
    check(c, &axe, "error summary on review", &mut failures).await;
    app.db
        .execute_unprepared("ALTER TABLE responses_away RENAME TO responses")
        .await
        .unwrap();

    click(c, "#submit").await;
    wait_for(c, "#thank-you").await;
    wait_for(c, "#actions-empty").await;
    check(c, &axe, "thank you", &mut failures).await;
    assert_eq!(app.response_count().await, 1);

    c.goto(&app.url(&format!("/s/{token}"))).await.unwrap();
    wait_for(c, "#link-problem[data-problem=used]").await;
    check(c, &axe, "used link", &mut failures).await;

    c.goto(&app.url("/s/NoSuchLinkAtAll123")).await.unwrap();
    wait_for(c, "#link-problem[data-problem=not_found]").await;
    check(c, &axe, "unknown link", &mut failures).await;

    let code = advocacy::create(&app.db, "Test service")
        .await
        .unwrap()
        .code;
    c.goto(&app.url(&format!("/a/{code}"))).await.unwrap();
    wait_for(c, "#advocate #begin").await;
    check(c, &axe, "advocate page", &mut failures).await;
    click(c, "#begin").await;
    wait_for(c, "#advocate #error-summary").await;
    check(c, &axe, "advocate error summary", &mut failures).await;

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
