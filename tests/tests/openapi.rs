//! The OpenAPI spec at `/api/openapi.json` over real HTTP: every route the backend registers
//! (read from its source, so a new route cannot slip past) is in the spec unless it is one of
//! the listed HTML pages; every operation in the spec is really served; the staff session's
//! security requirement is on exactly the operations that refuse a request without one.

use backend::openapi::{CSRF, CSRF_HEADER, PAGES, SESSION_COOKIE, STAFF_SESSION};
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeSet;
use tests::routes::{routes_in_source, Operation};
use tests::{db_tests, TestApp};

async fn fetch_spec(app: &TestApp) -> Value {
    let response = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["cache-control"], "no-store");
    response.json().await.unwrap()
}

fn operations(spec: &Value) -> Vec<(Operation, Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().unwrap() {
            out.push(((method.to_uppercase(), path.clone()), operation.clone()));
        }
    }
    out
}

fn security_names(operation: &Value) -> BTreeSet<String> {
    operation["security"]
        .as_array()
        .map(|requirements| {
            requirements
                .iter()
                .flat_map(|r| r.as_object().unwrap().keys().cloned())
                .collect()
        })
        .unwrap_or_default()
}

/// The path with its parameters filled in: a real unit, a real format, an account id; tokens
/// and link codes that match nothing.
fn concrete(path: &str) -> String {
    path.replace("{code}", "CE")
        .replace("{format}", "csv")
        .replace("{id}", "1")
        .replace("{token}", "no-such-token")
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    session: Option<(&str, &str)>,
) -> reqwest::Response {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = app.client.request(method.clone(), app.url(&concrete(path)));
    if method != Method::GET {
        request = request
            .header("content-type", "application/json")
            .body("{}");
    }
    if let Some((cookie, csrf)) = session {
        request = request
            .header("cookie", cookie)
            .header("x-csrf-token", csrf);
    }
    request.send().await.unwrap()
}

async fn every_route_the_router_serves_is_in_the_spec(app: TestApp) {
    let spec = fetch_spec(&app).await;
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    let in_spec: BTreeSet<Operation> = operations(&spec).into_iter().map(|(op, _)| op).collect();
    let registered = routes_in_source();
    assert!(
        registered.contains(&("GET".into(), "/api/openapi.json".into())),
        "the route reader found {registered:?}"
    );

    let pages: BTreeSet<&str> = PAGES.into_iter().collect();
    for page in &pages {
        assert!(
            registered.iter().any(|(_, path)| path == page),
            "{page} is listed as a page but no route serves it"
        );
    }
    let api: BTreeSet<Operation> = registered
        .into_iter()
        .filter(|(_, path)| !pages.contains(path.as_str()))
        .collect();
    let undocumented: Vec<_> = api.difference(&in_spec).collect();
    assert!(
        undocumented.is_empty(),
        "served but not in the spec: {undocumented:?}"
    );
    let phantom: Vec<_> = in_spec.difference(&api).collect();
    assert!(
        phantom.is_empty(),
        "in the spec but not registered: {phantom:?}"
    );

    // And each documented operation is answered by its handler, not by the 405 of another
    // method or the HTML fallback.
    for (method, path) in &in_spec {
        if (method.as_str(), path.as_str()) == ("DELETE", "/api/v1/staff/session") {
            continue; // signs nobody out here; covered by the security test below
        }
        let response = call(&app, method, path, None).await;
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        assert_ne!(response.status(), 405, "{method} {path}");
        assert!(
            !content_type.starts_with("text/html"),
            "{method} {path} fell through to a page ({})",
            response.status()
        );
    }
}

async fn staff_operations_and_only_those_require_the_session(app: TestApp) {
    let spec = fetch_spec(&app).await;
    let schemes = &spec["components"]["securitySchemes"];
    assert_eq!(schemes[STAFF_SESSION]["type"], "apiKey");
    assert_eq!(schemes[STAFF_SESSION]["in"], "cookie");
    assert_eq!(schemes[STAFF_SESSION]["name"], SESSION_COOKIE);
    assert_eq!(schemes[CSRF]["in"], "header");
    assert_eq!(
        schemes[CSRF]["name"].as_str().unwrap().to_lowercase(),
        CSRF_HEADER
    );

    let staff = app.staff(shared::StaffRole::Admin).await;
    let session = (staff.cookie.as_str(), staff.csrf_token.as_str());
    let mut operations = operations(&spec);
    // Signing out ends the session the other calls use: last.
    operations.sort_by_key(|((method, path), _)| {
        (
            method == "DELETE" && path == "/api/v1/staff/session",
            path.clone(),
        )
    });
    let mut secured = 0;
    for ((method, path), operation) in operations {
        let names = security_names(&operation);
        let anonymous = call(&app, &method, &path, None).await.status();
        if names.is_empty() {
            assert_ne!(
                anonymous, 401,
                "{method} {path} has no security requirement but wants a session"
            );
            assert!(
                !path.starts_with("/api/v1/staff/")
                    || path == "/api/v1/staff/session" && method == "POST",
                "{method} {path} is a staff path without a security requirement"
            );
            continue;
        }
        secured += 1;
        assert!(names.contains(STAFF_SESSION), "{method} {path}: {names:?}");
        assert_eq!(
            names.contains(CSRF),
            method != "GET",
            "{method} {path}: the CSRF header is required exactly on state-changing methods"
        );
        assert_eq!(
            anonymous, 401,
            "{method} {path} is marked as needing a session"
        );
        assert!(
            operation["responses"]["401"].is_object(),
            "{method} {path} does not document its 401"
        );
        let signed_in = call(&app, &method, &path, Some(session)).await.status();
        assert_ne!(
            signed_in, 401,
            "{method} {path} refused the admin's session"
        );
        assert!(!signed_in.is_server_error(), "{method} {path}: {signed_in}");
    }
    assert!(
        secured >= 20,
        "only {secured} operations carry the staff security requirement"
    );
}

db_tests!(
    every_route_the_router_serves_is_in_the_spec,
    staff_operations_and_only_those_require_the_session,
);
