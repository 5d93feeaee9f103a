#!/usr/bin/env bash
# Builds the victim survey page into dist/ and the staff pages into dist/staff/ with Trunk
# (release, size-optimised, offline; two separate bundles so the victim page stays small) and
# writes brotli and gzip twins of every asset, which the backend serves precompressed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

echo "[frontend] trunk build --release --offline (victim survey page -> dist/)" >&2
trunk build --release --offline
# Trunk empties its output folder before writing, so the staff pages are built after the
# victim page, into their own subfolder (served at /staff/).
echo "[frontend] trunk build staff.html --release --offline (staff pages -> dist/staff/)" >&2
trunk build staff.html --release --offline --dist dist/staff --public-url /staff/
for file in dist/* dist/staff/*; do
  [ -f "$file" ] || continue
  case "$file" in *.br|*.gz) continue ;; esac
  gzip -9 -k -f "$file"
  brotli -q 11 -k -f "$file"
done
echo "[frontend] built dist/ ($(du -sh dist | cut -f1)); staff pages in dist/staff/ ($(du -sh dist/staff | cut -f1))" >&2
