#!/usr/bin/env bash
# The backend's benchmark, in one run (release build): submission throughput and p50/p99 at
# 1, 16 and 64 concurrent clients beside a bare axum INSERT handler (the ratio), on SQLite and
# on PostgreSQL (when it answers on 127.0.0.1:5432 or VV_TEST_POSTGRES_URL names a server);
# dashboard latency with 1,000,000 synthetic responses; the server's resident memory idle and
# under load; the victim page's compressed bytes (from dist/, if built). Prints a final table
# with the targets. A benchmark: it prints figures and fails only if it cannot run.
#
#   scripts/bench.sh
#   VV_BENCH_SECONDS=10 VV_BENCH_RESPONSES=1000000 VV_BENCH_DASHBOARD_REQUESTS=200 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
echo "[bench] cargo build --release -p backend --bin victim-voice -p tests --bin bench" >&2
cargo build --release --quiet -p backend --bin victim-voice -p tests --bin bench
target_dir="${CARGO_TARGET_DIR:-target}"
VV_BENCH_SERVER="${VV_BENCH_SERVER:-$target_dir/release/victim-voice}" exec "$target_dir/release/bench" "$@"
