#!/usr/bin/env bash
# Builds the victim survey page into dist/ with Trunk (release, size-optimised, offline) and
# writes brotli and gzip twins of every asset, which the backend serves precompressed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

echo "[frontend] trunk build --release --offline" >&2
trunk build --release --offline
for file in dist/*; do
  case "$file" in *.br|*.gz) continue ;; esac
  gzip -9 -k -f "$file"
  brotli -q 11 -k -f "$file"
done
echo "[frontend] built dist/ ($(du -sh dist | cut -f1))" >&2
