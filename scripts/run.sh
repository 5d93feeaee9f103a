#!/usr/bin/env bash
# Builds everything and serves the whole app on SQLite with demo data at http://127.0.0.1:8080
# (victim pages, staff pages, API). Prints a demo invitation link. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-frontend.sh
echo "[run] building and starting the backend (release)" >&2
exec cargo run --release -p backend --bin victim-voice -- serve --demo "$@"
