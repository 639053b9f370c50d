#!/usr/bin/env bash
# Installs what the web playground's build and tests need, skipping whatever is already there:
# the wasm32 target, Trunk 0.21.14, wasm-bindgen-cli 0.2.130 (the version web/ pins), the npm
# packages of package-lock.json (CodeMirror, esbuild, binaryen's wasm-opt, playwright-core) and,
# with --browser, Debian's Chromium for the end-to-end tests.
#   bash scripts/web-tools.sh [--browser]
# Afterwards put "$PWD/node_modules/.bin" and cargo's bin folder on PATH (the Makefile does).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
browser=false
[ "${1:-}" = "--browser" ] && browser=true

say() { printf '  %s\n' "$*"; }
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$cargo_bin:$PATH"

apt_install() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "error: $* missing; install it (Debian: apt-get install $*)" >&2
    exit 2
  fi
  if [ -z "${_apt_updated:-}" ]; then
    apt-get update -qq
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v cargo >/dev/null || { echo "error: cargo is required (https://rustup.rs)" >&2; exit 2; }
if command -v rustup >/dev/null; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (compiles from source, several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (compiles from source)"
  # Without --locked: its own lock file pins crates that no longer build with this toolchain.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --quiet
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm (Debian)"
  apt_install nodejs npm
fi

stamp=node_modules/.ecsplay-lock.sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] && [ -x node_modules/.bin/wasm-opt ]; then
  say "npm packages: present"
else
  say "installing the npm packages of package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi

if $browser; then
  if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    say "chromium: present"
  else
    say "installing Chromium (Debian) for the end-to-end tests"
    apt_install chromium chromium-driver
  fi
fi
