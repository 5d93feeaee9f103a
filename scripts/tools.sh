#!/usr/bin/env bash
# Installs, once, what building the frontend needs, into a fixed folder reused by every run:
# the wasm32 target, trunk 0.21.14, a wasm-bindgen CLI of exactly the version in Cargo.lock,
# wasm-opt (npm binaryen 132) and brotli for precompressed assets. Source this file: it puts
# the tools on PATH. Set VV_TOOLS_DIR to install elsewhere.
set -euo pipefail

VV_TOOLS_DIR="${VV_TOOLS_DIR:-$HOME/.local/share/victim-voice/tools}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wasm_bindgen_version="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$repo_root/Cargo.lock")"

say() { printf '\033[1m[tools]\033[0m %s\n' "$*" >&2; }

mkdir -p "$VV_TOOLS_DIR/bin"
export PATH="$VV_TOOLS_DIR/bin:$VV_TOOLS_DIR/npm/node_modules/.bin:$PATH"

cargo_install() { # name version
  say "installing $1 $2 into $VV_TOOLS_DIR (one time; trunk takes about 10 minutes on 2 cores)"
  cargo install --root "$VV_TOOLS_DIR" "$1" --version "$2" --locked \
    || cargo install --root "$VV_TOOLS_DIR" "$1" --version "$2"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  cargo_install trunk "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wasm_bindgen_version" ]; then
  cargo_install wasm-bindgen-cli "$wasm_bindgen_version"
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  npm install --silent --no-audit --no-fund --prefix "$VV_TOOLS_DIR/npm" "binaryen@$BINARYEN_VERSION"
fi

# axe-core runs the accessibility checks in the browser tests (tests/tests/browser_accessibility.rs).
AXE_VERSION="4.14.1"
export VV_AXE_JS="$VV_TOOLS_DIR/npm/node_modules/axe-core/axe.min.js"
if ! grep -qs "\"version\": \"$AXE_VERSION\"" "$VV_TOOLS_DIR/npm/node_modules/axe-core/package.json"; then
  say "installing axe-core@$AXE_VERSION (npm) for the accessibility tests"
  npm install --silent --no-audit --no-fund --prefix "$VV_TOOLS_DIR/npm" "axe-core@$AXE_VERSION"
fi

apt_install() { # packages...
  say "installing $* with apt"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

if ! command -v brotli >/dev/null; then
  apt_install brotli
fi

# Browser tests only: Debian's Chromium and its driver (set VV_SKIP_BROWSER=1 to skip).
if [ "${VV_WANT_BROWSER:-0}" = 1 ] && { ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; }; then
  apt_install chromium chromium-driver
fi
