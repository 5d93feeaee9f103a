#!/usr/bin/env bash
# Property-based API test: schemathesis (from PyPI, pinned, in a venv reused by every run)
# against the real binary on a fresh SQLite database with demo data, signed in as the demo
# admin so staff endpoints are exercised too. Fails on any 5xx and on any response the spec
# at /api/openapi.json does not allow (status, content type, headers, body schema).
#
#   scripts/schemathesis.sh                 # debug build, up to 100 cases per operation and phase
#   VV_ST_MAX_EXAMPLES=200 scripts/schemathesis.sh
#   VV_ST_BINARY=target/release/victim-voice scripts/schemathesis.sh
#
# The report (JUnit XML, and the failures as pytest code) goes to target/schemathesis/.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION="4.32.5"
VV_TOOLS_DIR="${VV_TOOLS_DIR:-$HOME/.local/share/victim-voice/tools}"
venv="$VV_TOOLS_DIR/schemathesis-$SCHEMATHESIS_VERSION"
max_examples="${VV_ST_MAX_EXAMPLES:-100}"
port="${VV_ST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
base="http://127.0.0.1:$port"
report_dir="$PWD/target/schemathesis"

say() { printf '\033[1m[schemathesis]\033[0m %s\n' "$*" >&2; }

if [ ! -x "$venv/bin/schemathesis" ] \
  || [ "$("$venv/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION into $venv (one time)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

binary="${VV_ST_BINARY:-}"
if [ -z "$binary" ]; then
  say "building the backend (debug)"
  cargo build -p backend --bin victim-voice
  binary="target/debug/victim-voice"
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "starting $binary serve --demo on $base (fresh SQLite in $work)"
# No DATABASE_URL: the SQLite file under VV_DATA_DIR. RUST_LOG=warn keeps 4xx quiet while a
# 500 is still logged with its cause.
env -u DATABASE_URL VV_BIND="127.0.0.1:$port" VV_DATA_DIR="$work/data" RUST_LOG="${RUST_LOG:-warn}" \
  "$binary" serve --demo >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 300); do
  if grep -q 'Demo staff pages' "$work/server.out" 2>/dev/null \
    && curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    say "the server exited:"; cat "$work/server.log" >&2; exit 1
  fi
  sleep 0.2
done
curl -fsS "$base/healthz" >/dev/null

admin="$(awk -F'sign in as ' '/Demo staff pages/ {split($2, a, ","); print a[1]}' "$work/server.out")"
password="$(sed -n 's/.*with the password "\(.*\)").*/\1/p' "$work/server.out")"
[ -n "$admin" ] && [ -n "$password" ] || { say "no demo staff account printed"; cat "$work/server.out" >&2; exit 1; }

# Signs in as the demo admin; prints "cookie csrf". Sign-in is rate limited per address and a
# run before has used the burst up: wait for the limiter to let one more through.
sign_in() {
  local headers="$work/login.headers" body="$work/login.json" code
  for _ in $(seq 1 30); do
    code="$(curl -sS -o "$body" -D "$headers" -w '%{http_code}' -H 'Content-Type: application/json' \
      --data "{\"email\":\"$admin\",\"password\":\"$password\"}" "$base/api/v1/staff/session")"
    [ "$code" = 429 ] || break
    sleep 3
  done
  [ "$code" = 200 ] || { say "sign-in as $admin answered $code"; return 1; }
  local cookie csrf
  cookie="$(sed -n 's/^[Ss]et-[Cc]ookie: \(vv_staff=[^;]*\);.*/\1/p' "$headers" | tr -d '\r')"
  csrf="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$body")"
  [ -n "$cookie" ] && [ -n "$csrf" ] || { say "sign-in gave no session"; return 1; }
  echo "$cookie $csrf"
}

rm -rf "$report_dir" && mkdir -p "$report_dir"
# Every check but positive_data_acceptance: no 5xx, status, content type, headers and body as
# the spec says, invalid data refused, auth enforced, unknown methods refused. Schema-valid
# input may still be refused with a documented 422 for rules a schema cannot say (a theme
# from the taxonomy, a period in order and under ten years, an email's shape), so "valid per
# the schema" is not "must be accepted" here.
checks="${VV_ST_CHECKS:-all}"
exclude_checks="${VV_ST_EXCLUDE_CHECKS:-positive_data_acceptance}"
# A body over the server's size limit (VV_BODY_LIMIT, 64 KiB by default) is refused with 413
# before any field rule runs, so 413 counts as rejecting invalid data.
cat >"$work/schemathesis.toml" <<'TOML'
[checks.negative_data_rejection]
expected-statuses = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]
TOML

run() { # name, then extra schemathesis arguments
  local name="$1"; shift
  local session cookie csrf
  session="$(sign_in)" || return 1
  read -r cookie csrf <<<"$session"
  say "run '$name' as $admin"
  # From the scratch folder: schemathesis keeps a cache in `.schemathesis/` where it runs.
  # The example budget bounds a run (about a minute at 100); the timeout is a backstop only.
  (cd "$work" && timeout "${VV_ST_TIMEOUT:-900}" "$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$base/api/openapi.json" \
    --checks "$checks" \
    ${exclude_checks:+--exclude-checks "$exclude_checks"} \
    --max-examples "$max_examples" \
    --seed "${VV_ST_SEED:-20261128}" \
    --workers 1 \
    --request-timeout 30 \
    --suppress-health-check all \
    --generation-with-security-parameters false \
    --generation-database none \
    --no-color \
    -H "Cookie: $cookie" \
    -H "X-CSRF-Token: $csrf" \
    --report junit,pytest \
    --report-junit-path "$report_dir/$name.xml" \
    --report-pytest-path "$report_dir/$name.py" \
    ${VV_ST_MAX_TIME:+--max-time "$VV_ST_MAX_TIME"} \
    "$@")
}

status=0
# Signing out ends the session the other cases use, and changing an account's password may hit
# the admin's own account (ids are small numbers): each runs on its own, with a fresh sign-in.
run api --exclude-name 'DELETE /api/v1/staff/session' --exclude-name 'PATCH /api/v1/staff/users/{id}' || status=$?
run sign-out --include-name 'DELETE /api/v1/staff/session' || status=$?
run accounts --include-name 'PATCH /api/v1/staff/users/{id}' || status=$?

if grep -q 'ERROR\|panicked' "$work/server.log"; then
  say "the server logged errors:"
  grep 'ERROR\|panicked' "$work/server.log" | head -50 >&2
  status=1
fi
# One plain line for CI: operations tested per run, from the JUnit reports.
python3 - "$report_dir"/api.xml "$report_dir"/sign-out.xml "$report_dir"/accounts.xml <<'PY' || true
import sys, xml.etree.ElementTree as ET
tests = failed = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        failed += 1
        continue
    for suite in root.iter("testsuite"):
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
print(f"schemathesis: {tests - failed} passed, {failed} failed")
PY
if [ "$status" -ne 0 ]; then
  say "FAILED (reports in $report_dir)"
  exit "$status"
fi
say "no server errors and no response outside the spec"
