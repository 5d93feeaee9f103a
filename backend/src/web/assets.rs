//! The built frontend (Trunk's `dist/`): hashed assets served from disk with their
//! precompressed `.br`/`.gz` twins, and `index.html` held in memory so victim routes can serve
//! it with an honest status. The Content-Security-Policy allows exactly the inline scripts
//! Trunk wrote into `index.html`, by hash, and nothing from another host.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::services::ServeDir;

/// Shown when the frontend has not been built, so the API still runs (and says why).
const PLACEHOLDER_INDEX: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Your views</title></head><body><main><h1>Not available</h1><p>This page is not available right now.</p></main></body></html>";

/// One app's `index.html`: the victim survey (`dist/index.html`) or the staff pages
/// (`dist/staff/index.html`), which are separate bundles.
pub struct FrontendIndex {
    html: String,
}

impl FrontendIndex {
    pub fn load(path: &Path) -> Self {
        let html = match std::fs::read_to_string(path) {
            Ok(html) => html,
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "frontend not built; serving a placeholder page");
                PLACEHOLDER_INDEX.to_string()
            }
        };
        Self { html }
    }

    pub fn response(&self, status: StatusCode) -> Response {
        (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            self.html.clone(),
        )
            .into_response()
    }
}

/// One policy for every page: Trunk's inline loader scripts of each app, by hash.
pub fn content_security_policy(pages: &[&FrontendIndex]) -> String {
    let hashes: String = pages
        .iter()
        .flat_map(|page| inline_scripts(&page.html))
        .map(|body| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Bodies of `<script>` elements without a `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        let (body, _) = after.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

pub fn static_files(static_dir: &Path) -> ServeDir {
    ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_allows_each_inline_script_by_hash_only() {
        let html = "<script type=\"module\">init()</script><script src=\"/a.js\"></script>";
        let page = FrontendIndex {
            html: html.to_string(),
        };
        let csp = content_security_policy(&[&page]);
        let expected = STANDARD.encode(Sha256::digest(b"init()"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline"));
    }
}
