#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time: scripts/fuzz.sh [seconds per target]
# (default 60). Each target starts from the seeds in fuzz/seeds/<target> (real survey answers,
# request bodies and comments) plus what earlier runs found (fuzz/corpus/<target>, not in git).
# A crash stops the script with a non-zero status; libFuzzer prints the input and saves it in
# fuzz/artifacts/<target>/ (reproduce: cargo +nightly fuzz run <target> <that file>).
# Installs cargo-fuzz into the tools dir once; needs the nightly toolchain.
# Longer runs: scripts/fuzz.sh 3600, or one target: cd fuzz && cargo +nightly fuzz run submission
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
VV_TOOLS_DIR="${VV_TOOLS_DIR:-$HOME/.local/share/victim-voice/tools}"
export PATH="$VV_TOOLS_DIR/bin:$PATH"

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*" >&2; }

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  say "installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz into $VV_TOOLS_DIR (one time)"
  cargo install --locked cargo-fuzz --root "$VV_TOOLS_DIR" \
    || cargo install cargo-fuzz --root "$VV_TOOLS_DIR"
fi

cd fuzz
targets=$(cargo +nightly fuzz list)
say "building the targets: $(echo $targets)"
cargo +nightly fuzz build
for target in $targets; do
  mkdir -p "corpus/$target"
  say "$target for ${seconds}s"
  # -timeout: one input taking over 10 s is a finding (the server's handlers must stay fast).
  set +e
  cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -timeout=10 -max_len=65536 -print_final_stats=1 2>&1 \
    | grep -Ev '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)|NEW_FUNC'
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" -eq 0 ] || { say "$target FAILED (status $status)"; exit 1; }
done
say "no crashes in $(echo $targets | wc -w) targets at ${seconds}s each"
