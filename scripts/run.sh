#!/usr/bin/env bash
# kefu's main job: the after-sales desk. Builds the wasm package, serves the page on
# 127.0.0.1 and prints its address; every rule runs in the browser. Installs what it needs
# first (Rust's wasm target, wasm-bindgen, wasm-opt). PORT=8080 by default; a busy port
# gives a free one.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
command -v node >/dev/null || need_apt nodejs npm
bash scripts/build.sh wasm
step "serve web-demo/ on 127.0.0.1"
exec node web-demo/serve.mjs --port "${PORT:-8080}"
