#!/usr/bin/env bash
# The victim survey page's weight and speed: builds the frontend (release, precompressed), then
# prints every first-load asset's raw, gzip and brotli bytes as served, the totals against the
# 150 KB budget, and the time to a usable survey in headless Chromium under Slow 4G (5 cold
# runs and their median). A benchmark: it prints figures and fails only if it cannot run.
#
#   scripts/bench-victim-page.sh             # build the frontend, then measure
#   VV_BENCH_NO_BUILD=1 scripts/bench-victim-page.sh   # measure the dist/ already built
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VV_BENCH_NO_BUILD:-}" ]; then
  scripts/build-frontend.sh
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "[bench] installing chromium and chromium-driver with apt" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
echo "[bench] cargo run -p tests --bin bench-victim-page" >&2
cargo run --quiet -p tests --bin bench-victim-page
