#!/usr/bin/env bash
# Runs every test of ecsplay, installing what it needs first (idempotently: anything already
# present is skipped). Used by `make test` and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)"; exit 2; }
if command -v rustup >/dev/null; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy rustfmt
fi

step "python tools for the conformance tests (botocore's ECS model)"
VENV=.venv-conformance
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import botocore' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check 'botocore==1.44.5'
fi

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "the core builds for wasm32-unknown-unknown"
cargo build -p ecsplay-core --target wasm32-unknown-unknown --locked

step "unit, snapshot, corpus, conformance, CLI and property tests"
if [ ! -d ../shared ]; then
  echo "note: ../shared is absent: the corpus and conformance tests will say they are skipped"
fi
PROPTEST_CASES="${PROPTEST_CASES:-10000}" cargo test --workspace --locked

step "JSON Schema conformance with botocore's ECS model"
"$VENV/bin/python" tests/conformance/botocore_schema.py

step "web playground: tools (Trunk, wasm-bindgen, npm packages, Chromium), release build"
bash scripts/web-tools.sh --browser
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
trunk build --release --locked

step "the JavaScript API (crates/ecsplay-wasm), built for Node"
bash scripts/npm-package.sh --node

step "web playground and JavaScript API: end-to-end tests in headless Chromium and Node (screenshots in tests/e2e/artifacts/)"
node --test tests/e2e/

step "web playground: size and time-to-interactive budget"
node scripts/web-budget.mjs
