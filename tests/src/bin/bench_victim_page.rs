//! `bench-victim-page`: how heavy and how quick the victim's survey page is.
//!
//! Starts the real app (SQLite in a temporary directory, serving the built `dist/`), issues an
//! invitation, and prints:
//! 1. every asset of the first load (the page at `/s/{token}` and each JS, WASM, CSS and SVG it
//!    references) with its raw, gzip and brotli bytes exactly as served (bodies counted as
//!    received, no decompression), the totals, and whether they fit the 150 KB budget;
//! 2. the time from navigation start to a usable survey (the Start button present and enabled)
//!    in headless Chromium under Slow 4G (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), over
//!    five cold runs, each in a fresh browser profile, and their median.
//!
//! It prints figures and asserts nothing about them. Run it with `scripts/bench-victim-page.sh`,
//! which builds the frontend first.

use anyhow::{bail, Context, Result};
use serde_json::json;
use shared::Stage;
use std::time::{Duration, Instant};
use tests::browser::Browser;
use tests::{spawn_app, Backend, TestApp};

/// The issue's budget for the whole first load, compressed.
const BUDGET_BYTES: u64 = 150 * 1024;
const RUNS: usize = 5;

/// Slow 4G as Chrome DevTools defines it: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up.
const SLOW_4G: NetworkConditions = NetworkConditions {
    latency_ms: 150,
    download_bytes_per_s: 1_600_000 / 8,
    upload_bytes_per_s: 750_000 / 8,
};

struct NetworkConditions {
    latency_ms: u64,
    download_bytes_per_s: u64,
    upload_bytes_per_s: u64,
}

/// Set by a script Chromium runs before the page's own: the moment (`performance.now()`, from
/// navigation start) the Start button is first in the document and enabled.
const USABLE_PROBE: &str = r#"(() => {
  const check = () => {
    if (window.__vvUsable !== undefined) return;
    const start = document.getElementById('start');
    if (start && !start.disabled) {
      window.__vvUsable = performance.now();
      requestAnimationFrame(() => { window.__vvPainted = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();"#;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let index = tests::dist_dir().join("index.html");
    if !index.exists() {
        bail!(
            "{} is missing: build the frontend first (scripts/bench-victim-page.sh does)",
            index.display()
        );
    }
    let app = spawn_app(Backend::Sqlite).await.context("app starts")?;
    println!("victim page benchmark: app at {}", app.base_url);
    println!();
    let table = sizes(&app).await?;
    println!();
    timings(&app, &table).await?;
    Ok(())
}

/// Bytes of a response body as it arrived over the wire for the given Accept-Encoding, and the
/// Content-Encoding it came with.
async fn served(app: &TestApp, path: &str, encoding: &str) -> Result<(u64, String)> {
    let response = app
        .client
        .get(app.url(path))
        .header("accept-encoding", encoding)
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("GET {path}: {}", response.status());
    }
    let content_encoding = response
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .to_string();
    // reqwest is built without its decompression features: these are the bytes sent.
    let bytes = response.bytes().await?.len() as u64;
    Ok((bytes, content_encoding))
}

/// Local absolute asset paths (`/name.js`, `.wasm`, `.css`, `.svg`) referenced by the page.
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

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// (path, raw, gzip, brotli) bytes of each asset as served.
type SizeTable = Vec<(String, u64, u64, u64)>;

async fn sizes(app: &TestApp) -> Result<SizeTable> {
    let token = app.invite(Stage::Investigation, "CE").await;
    let page = format!("/s/{token}");
    let html = app.client.get(app.url(&page)).send().await?.text().await?;
    let mut paths = vec![page.clone()];
    paths.extend(asset_paths(&html));

    println!("1. First load, bytes as served (gzip/br: body bytes received with Accept-Encoding: gzip or br)");
    println!(
        "{:<36} {:>10} {:>10} {:>10}",
        "asset", "raw", "gzip", "brotli"
    );
    let (mut raw_total, mut gzip_total, mut br_total) = (0, 0, 0);
    let mut uncompressed = Vec::new();
    let mut table = SizeTable::new();
    for path in &paths {
        let (raw, _) = served(app, path, "identity").await?;
        let (gzip, gzip_encoding) = served(app, path, "gzip").await?;
        let (br, br_encoding) = served(app, path, "br").await?;
        let mark = |encoding: &str, wanted: &str| if encoding == wanted { "" } else { "*" };
        let name = if path == &page {
            "/s/{token} (index.html)".to_string()
        } else {
            path.clone()
        };
        println!(
            "{:<36} {:>10} {:>9}{:1} {:>9}{:1}",
            name,
            raw,
            gzip,
            mark(&gzip_encoding, "gzip"),
            br,
            mark(&br_encoding, "br")
        );
        if gzip_encoding != "gzip" || br_encoding != "br" {
            uncompressed.push(name);
        }
        table.push((path.clone(), raw, gzip, br));
        raw_total += raw;
        gzip_total += gzip;
        br_total += br;
    }
    println!(
        "{:<36} {:>10} {:>10} {:>10}",
        "total", raw_total, gzip_total, br_total
    );
    println!(
        "{:<36} {:>10} {:>10} {:>10}",
        "",
        kb(raw_total),
        kb(gzip_total),
        kb(br_total)
    );
    if !uncompressed.is_empty() {
        println!(
            "* sent without that encoding (uncompressed): {}",
            uncompressed.join(", ")
        );
    }
    let verdict = |total: u64| {
        if total <= BUDGET_BYTES {
            format!("within budget ({} bytes spare)", BUDGET_BYTES - total)
        } else {
            format!("OVER budget by {} bytes", total - BUDGET_BYTES)
        }
    };
    println!(
        "budget 150 KB ({BUDGET_BYTES} bytes): brotli total {br_total} <= {BUDGET_BYTES}: {} -> {}",
        br_total <= BUDGET_BYTES,
        verdict(br_total)
    );
    println!(
        "                                  gzip total   {gzip_total} <= {BUDGET_BYTES}: {} -> {}",
        gzip_total <= BUDGET_BYTES,
        verdict(gzip_total)
    );
    // Not part of the page's weight but fetched before the survey is usable.
    let survey = format!("/api/v1/invitations/{token}/survey");
    let (raw, _) = served(app, &survey, "identity").await?;
    let (gzip, gzip_encoding) = served(app, &survey, "gzip").await?;
    println!(
        "(also fetched at start, not counted: survey JSON {raw} bytes raw, {gzip} bytes with Accept-Encoding: gzip [{gzip_encoding}])"
    );
    Ok(table)
}

/// Throttles the browser's network: ChromeDriver's network-conditions endpoint, or failing that
/// the DevTools protocol directly.
async fn throttle(chrome: &Browser, conditions: &NetworkConditions) -> Result<&'static str> {
    let chromedriver = chrome
        .driver_command(
            "chromium/network_conditions",
            json!({ "network_conditions": {
                "offline": false,
                "latency": conditions.latency_ms,
                "download_throughput": conditions.download_bytes_per_s,
                "upload_throughput": conditions.upload_bytes_per_s,
            }}),
        )
        .await;
    match chromedriver {
        Ok(_) => Ok("ChromeDriver network_conditions"),
        Err(error) => {
            eprintln!("network_conditions failed ({error}); using CDP");
            chrome.cdp("Network.enable", json!({})).await;
            chrome
                .cdp(
                    "Network.emulateNetworkConditions",
                    json!({
                        "offline": false,
                        "latency": conditions.latency_ms,
                        "downloadThroughput": conditions.download_bytes_per_s,
                        "uploadThroughput": conditions.upload_bytes_per_s,
                    }),
                )
                .await;
            Ok("CDP Network.emulateNetworkConditions")
        }
    }
}

struct Run {
    usable_ms: f64,
    painted_ms: f64,
    dom_content_loaded_ms: f64,
    load_ms: f64,
    transferred: u64,
    requests: usize,
    /// (path, body bytes received) for every request.
    bodies: Vec<(String, u64)>,
}

/// One cold load in a fresh browser profile.
async fn cold_run(app: &TestApp, network: Option<&NetworkConditions>) -> Result<(Run, String)> {
    let chrome = Browser::start().await;
    let how = match network {
        Some(conditions) => throttle(&chrome, conditions).await?,
        None => "none",
    };
    chrome
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": USABLE_PROBE }),
        )
        .await;
    let token = app.invite(Stage::Investigation, "CE").await;
    let c = &chrome.client;
    c.goto(&app.url(&format!("/s/{token}"))).await?;
    let deadline = Instant::now() + Duration::from_secs(120);
    let figures = loop {
        let figures = c
            .execute(
                "const nav = performance.getEntriesByType('navigation')[0];
                 const all = [nav, ...performance.getEntriesByType('resource')];
                 return { usable: window.__vvUsable ?? null, painted: window.__vvPainted ?? null,
                          dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                          transferred: all.reduce((sum, e) => sum + (e.transferSize || 0), 0),
                          requests: all.length,
                          bodies: all.map(e => [new URL(e.name).pathname, e.encodedBodySize]) };",
                vec![],
            )
            .await?;
        if !figures["painted"].is_null() && figures["load"].as_f64().unwrap_or(0.0) > 0.0 {
            break figures;
        }
        if Instant::now() > deadline {
            bail!("the survey did not become usable within 120 s: {figures}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    chrome.close().await;
    let number = |key: &str| figures[key].as_f64().unwrap_or(f64::NAN);
    Ok((
        Run {
            usable_ms: number("usable"),
            painted_ms: number("painted"),
            dom_content_loaded_ms: number("dcl"),
            load_ms: number("load"),
            transferred: figures["transferred"].as_u64().unwrap_or(0),
            requests: figures["requests"].as_u64().unwrap_or(0) as usize,
            bodies: figures["bodies"]
                .as_array()
                .map(|list| {
                    list.iter()
                        .map(|pair| {
                            (
                                pair[0].as_str().unwrap_or_default().to_string(),
                                pair[1].as_u64().unwrap_or(0),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        },
        how.to_string(),
    ))
}

fn print_run(label: &str, run: &Run) {
    println!(
        "{label:<14} {:>9.0} {:>9.0} {:>9.0} {:>9.0} {:>12} {:>4}",
        run.usable_ms,
        run.painted_ms,
        run.dom_content_loaded_ms,
        run.load_ms,
        run.transferred,
        run.requests
    );
}

async fn timings(app: &TestApp, table: &SizeTable) -> Result<()> {
    println!(
        "2. Time to a usable survey (Start button present and enabled), headless Chromium {}x cold, fresh profile each",
        RUNS
    );
    println!(
        "   Slow 4G: {} ms latency, {} bytes/s down ({:.1} Mbit/s), {} bytes/s up ({:.0} kbit/s)",
        SLOW_4G.latency_ms,
        SLOW_4G.download_bytes_per_s,
        SLOW_4G.download_bytes_per_s as f64 * 8.0 / 1e6,
        SLOW_4G.upload_bytes_per_s,
        SLOW_4G.upload_bytes_per_s as f64 * 8.0 / 1e3
    );
    println!(
        "{:<14} {:>9} {:>9} {:>9} {:>9} {:>12} {:>4}",
        "run", "usable", "painted", "DCL", "load", "transferred", "reqs"
    );
    println!(
        "{:<14} {:>9} {:>9} {:>9} {:>9} {:>12} {:>4}",
        "", "ms", "ms", "ms", "ms", "bytes", ""
    );
    let mut usable = Vec::new();
    let mut method = String::new();
    let mut bodies = Vec::new();
    for run in 1..=RUNS {
        let (figures, how) = cold_run(app, Some(&SLOW_4G)).await?;
        print_run(&format!("slow 4G #{run}"), &figures);
        usable.push(figures.usable_ms);
        method = how;
        bodies = figures.bodies;
    }
    usable.sort_by(f64::total_cmp);
    println!(
        "median time to usable survey (Slow 4G): {:.0} ms  (min {:.0}, max {:.0})",
        usable[usable.len() / 2],
        usable[0],
        usable[usable.len() - 1]
    );
    let (reference, _) = cold_run(app, None).await?;
    print_run("no throttling", &reference);
    println!("throttled with: {method}");
    let received: Vec<String> = bodies
        .iter()
        .map(|(path, bytes)| {
            let known = table
                .iter()
                .find(|(p, ..)| p == path || (p.starts_with("/s/") && path.starts_with("/s/")));
            let encoding = match known {
                Some((_, raw, _, _)) if raw == bytes => "identity",
                Some((_, _, _, br)) if br == bytes => "br",
                Some((_, _, gzip, _)) if gzip == bytes => "gzip",
                Some(_) => "?",
                None => "not in the table",
            };
            let name = if path.starts_with("/s/") {
                "/s/{token}".to_string()
            } else if let Some(rest) = path.strip_prefix("/api/v1/invitations/") {
                let tail = rest.split_once('/').map(|(_, tail)| tail).unwrap_or("");
                format!("/api/v1/invitations/{{token}}/{tail}")
            } else {
                path.clone()
            };
            format!("{name} {bytes} B ({encoding})")
        })
        .collect();
    println!("what Chromium received (last Slow 4G run, body bytes):");
    for line in received {
        println!("   {line}");
    }
    println!(
        "columns: usable = Start button in the DOM and enabled; painted = the next animation frame; \
         DCL/load = DOMContentLoaded/load event end; all from navigation start (performance.now())"
    );
    Ok(())
}
