#!/usr/bin/env bash
# Builds the npm package of ecsplay's JavaScript API (crates/ecsplay-wasm) into pkg/ (ES module for
# browsers and bundlers: `import init, { lint, place, rules } from "ecsplay"`), and, with
# --node, a Node.js build into target/ecsplay-wasm-node/ for the tests. Needs the wasm target and
# wasm-bindgen-cli (scripts/web-tools.sh installs them); wasm-opt is used when it is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

cargo build -p ecsplay-wasm --target wasm32-unknown-unknown --profile web --locked
wasm=target/wasm32-unknown-unknown/web/ecsplay_wasm.wasm
version=$(cargo metadata --no-deps --format-version 1 | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages.find(p=>p.name==="ecsplay-wasm").version))')

if [ "${1:-}" = "--node" ]; then
  wasm-bindgen --target nodejs --out-dir target/ecsplay-wasm-node --out-name ecsplay "$wasm"
  # wasm-bindgen's Node target is CommonJS; the repository's package.json says "module".
  echo '{"type": "commonjs"}' > target/ecsplay-wasm-node/package.json
  exit 0
fi

rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name ecsplay "$wasm"
if command -v wasm-opt >/dev/null; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    -o pkg/ecsplay_bg.wasm pkg/ecsplay_bg.wasm
fi
cat > pkg/package.json <<JSON
{
  "name": "ecsplay",
  "version": "$version",
  "description": "Lint Amazon ECS task definitions and simulate ECS task placement: the ecsplay core, compiled to WebAssembly",
  "license": "Apache-2.0",
  "type": "module",
  "main": "ecsplay.js",
  "types": "ecsplay.d.ts",
  "files": ["ecsplay.js", "ecsplay.d.ts", "ecsplay_bg.wasm", "ecsplay_bg.wasm.d.ts"],
  "sideEffects": false
}
JSON
echo "pkg/: $(du -sh pkg | cut -f1) (ecsplay.js, ecsplay.d.ts, ecsplay_bg.wasm, package.json)"
