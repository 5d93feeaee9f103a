#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, the wasm build check, the frontend build,
# and the whole test suite on SQLite, on PostgreSQL (when a server answers on 127.0.0.1:5432,
# or VV_TEST_POSTGRES_URL names one) and in headless Chromium. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
export VV_WANT_BROWSER=1
source scripts/tools.sh

step() { printf '\n\033[1m[test] %s\033[0m\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "cargo check -p shared -p frontend --target wasm32-unknown-unknown"
cargo check -p shared -p frontend --target wasm32-unknown-unknown

step "build the frontend"
scripts/build-frontend.sh

if [ -z "${VV_TEST_POSTGRES_URL:-}" ]; then
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    export VV_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/test"
  else
    echo "[test] no PostgreSQL on 127.0.0.1:5432: PostgreSQL variants will be skipped" >&2
  fi
fi
[ -n "${VV_TEST_POSTGRES_URL:-}" ] && echo "[test] PostgreSQL variants use $VV_TEST_POSTGRES_URL" >&2

step "cargo test (SQLite, PostgreSQL, headless Chromium)"
cargo test --workspace --exclude frontend

# Hostile input, coverage-guided: every cargo-fuzz target in fuzz/ for 30 s (a crash fails
# the run; longer: scripts/fuzz.sh 3600). Needs the nightly toolchain, installed if missing.
step "fuzz every target for 30 s (scripts/fuzz.sh)"
scripts/fuzz.sh 30

step "schemathesis against the running app (no 5xx, no response outside /api/openapi.json)"
if [ "${CI:-}" = "true" ] || command -v python3 >/dev/null 2>&1; then
  scripts/schemathesis.sh
else
  echo "[test] python3 not found: schemathesis skipped (with CI=true this is a failure)" >&2
fi
