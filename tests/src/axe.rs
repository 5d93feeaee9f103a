//! axe-core in headless Chromium: the one way every accessibility test injects axe (npm,
//! installed by scripts/tools.sh) and collects WCAG 2.0/2.1/2.2 A and AA violations.

use crate::on_ci;
use fantoccini::Client;
use std::path::PathBuf;

pub const WCAG_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// axe.min.js: `VV_AXE_JS`, else where scripts/tools.sh installs it.
pub fn axe_path() -> PathBuf {
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
pub fn axe_source() -> Option<String> {
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
pub async fn violations(c: &Client, axe: &str) -> Vec<String> {
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
pub async fn check(c: &Client, axe: &str, state: &str, failures: &mut Vec<String>) {
    let violations = violations(c, axe).await;
    eprintln!("axe: {state}: {} violation(s)", violations.len());
    for violation in violations {
        failures.push(format!("[{state}] {violation}"));
    }
}

/// [`check`] where axe is installed; nothing otherwise, so a test's other assertions still run
/// locally without it (on CI `axe_source` refuses to skip).
pub async fn check_if_present(
    c: &Client,
    axe: &Option<String>,
    state: &str,
    failures: &mut Vec<String>,
) {
    if let Some(axe) = axe {
        check(c, axe, state, failures).await;
    }
}
