//! Headless Chromium for tests that must run where a person would: starts Debian's
//! `chromedriver` on a free port and connects fantoccini to it. Without Chromium the browser
//! tests skip locally and fail on CI.

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";

pub struct Browser {
    pub client: Client,
    /// ChromeDriver's port, for Chrome DevTools Protocol commands (`goog/cdp/execute`).
    port: u16,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Whether the browser tests can run here; on CI they must.
pub fn available() -> bool {
    let present = std::path::Path::new(CHROMEDRIVER).exists()
        && std::path::Path::new(CHROMIUM).exists()
        && crate::dist_dir().join("index.html").exists();
    if !present {
        assert!(
            !crate::on_ci(),
            "browser tests need chromium, chromedriver and a built dist/ on CI"
        );
        eprintln!("skipped: install chromium + chromium-driver and build the frontend (scripts/test.sh does both)");
    }
    present
}

impl Browser {
    /// A fresh headless Chromium with an empty profile and a phone-sized window.
    pub async fn start() -> Self {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().expect("profile dir");
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=360,800",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("literal object"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(error) if Instant::now() > deadline => {
                    panic!("could not connect to chromedriver: {error}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Self {
            client,
            port,
            driver,
            _profile: profile,
        }
    }

    /// POSTs to one of ChromeDriver's own session endpoints (outside the W3C protocol), e.g.
    /// `chromium/network_conditions` or `goog/cdp/execute`; returns the `value` it answers.
    pub async fn driver_command(
        &self,
        endpoint: &str,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        let session = self
            .client
            .session_id()
            .await
            .map_err(|e| e.to_string())?
            .ok_or("no WebDriver session")?;
        let response = reqwest::Client::new()
            .post(format!(
                "http://127.0.0.1:{}/session/{session}/{endpoint}",
                self.port
            ))
            .json(&body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let mut body: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
        if !status.is_success() || !body["value"]["error"].is_null() {
            return Err(format!("{endpoint}: {status} {body}"));
        }
        Ok(body["value"].take())
    }

    /// Sends one CDP command to the current tab and returns its result: for what page
    /// JavaScript cannot see (the real navigation list) or change (network conditions).
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.driver_command(
            "goog/cdp/execute",
            serde_json::json!({ "cmd": cmd, "params": params }),
        )
        .await
        .unwrap_or_else(|error| panic!("CDP {cmd} failed: {error}"))
    }

    /// The URLs of every entry in the tab's session history, oldest first.
    pub async fn navigation_history(&self) -> Vec<String> {
        let history = self
            .cdp("Page.getNavigationHistory", serde_json::json!({}))
            .await;
        history["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|entry| entry["url"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// Waits (up to 20 s) for an element matching `css`.
pub async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

/// Waits until the element's text contains `needle`; returns the text.
pub async fn wait_for_text(c: &Client, css: &str, needle: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(element) = c.find(Locator::Css(css)).await {
            if let Ok(text) = element.text().await {
                if text.contains(needle) {
                    return text;
                }
                last = text;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{css} never contained {needle:?}; last text: {last:?}");
}

pub async fn click(c: &Client, css: &str) {
    wait_for(c, css).await.click().await.unwrap();
}

pub async fn fill(c: &Client, css: &str, text: &str) {
    let element = wait_for(c, css).await;
    element.clear().await.unwrap();
    element.send_keys(text).await.unwrap();
}

pub async fn select(c: &Client, css: &str, value: &str) {
    wait_for(c, css)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("{css}: option {value}: {e}"));
}

pub async fn value_of(c: &Client, css: &str) -> String {
    wait_for(c, css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// The staff pages must be built too (scripts/build-frontend.sh builds both bundles).
pub fn staff_built() -> bool {
    let built = crate::dist_dir().join("staff/index.html").exists();
    if !built {
        assert!(
            !crate::on_ci(),
            "the staff pages must be built on CI (scripts/build-frontend.sh)"
        );
        eprintln!("skipped: dist/staff/ not built (run scripts/build-frontend.sh)");
    }
    built
}

/// Signs in through the staff sign-in form (shown wherever a signed-out person lands).
pub async fn staff_sign_in(c: &Client, app: &crate::TestApp, email: &str, password: &str) {
    c.goto(&app.url("/staff/")).await.unwrap();
    fill(c, "#sign-in-email", email).await;
    fill(c, "#sign-in-password", password).await;
    click(c, "#sign-in-button").await;
}
