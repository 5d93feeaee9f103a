//! The routes the backend registers, read from its source (`.route(path, method(handler))`
//! calls under `backend/src`), so tests that must cover every route (the OpenAPI spec check,
//! the hostile-input sweep) fail when a new route is added without them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub type Operation = (String, String);

/// `(METHOD, path)` for every `.route(path, method(handler)...)` in `backend/src`.
pub fn routes_in_source() -> BTreeSet<Operation> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../backend/src");
    let mut files = Vec::new();
    collect_rust_files(&root, &mut files);
    let mut routes = BTreeSet::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let code: String = source
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for other in [".nest(", ".route_service(", ".nest_service("] {
            assert!(
                !code.contains(other),
                "{} registers routes with {other}: teach this test to read them",
                file.display()
            );
        }
        let mut rest = code.as_str();
        while let Some(start) = rest.find(".route(") {
            let call = balanced(&rest[start + ".route".len()..]);
            let (path, methods) = parse_route_call(call)
                .unwrap_or_else(|| panic!("cannot read {call} in {}", file.display()));
            for method in methods {
                routes.insert((method, path.clone()));
            }
            rest = &rest[start + 1..];
        }
    }
    routes
}

fn collect_rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text from an opening parenthesis to its matching close, both included.
fn balanced(text: &str) -> &str {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..=i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced route call: {text}");
}

/// `("/path", get(a).post(b).layer(l))` -> ("/path", [GET, POST]).
fn parse_route_call(call: &str) -> Option<(String, Vec<String>)> {
    let open = call.find('"')?;
    let close = open + 1 + call[open + 1..].find('"')?;
    let path = call[open + 1..close].to_string();
    let handlers = &call[close + 1..];
    let mut methods = Vec::new();
    for method in ["get", "post", "put", "patch", "delete"] {
        let mut from = 0;
        while let Some(at) = handlers[from..].find(&format!("{method}(")) {
            let at = from + at;
            let before = handlers[..at].chars().next_back();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                methods.push(method.to_uppercase());
            }
            from = at + 1;
        }
    }
    (!methods.is_empty()).then_some((path, methods))
}
