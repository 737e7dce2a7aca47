#!/usr/bin/env bash
# Build kefu for every host: the Python extension (into .venv), the Node addon (node/), and
# the wasm packages (bindings/wasm/pkg/{web,web/whatif,nodejs}, optimised with wasm-opt -Oz).
# Installs what it needs first; skips what is already there.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
what="${1:-all}"
# KEFU_TEST_BUILD=1 (set by scripts/test.sh): every host is built with core's `panic-probe`
# feature, whose kind "panic_probe" panics, so the tests can prove each shim turns a panic
# into the host's error. Builds for use never have it.
features=()
[ "${KEFU_TEST_BUILD:-}" = 1 ] && features=(--features panic-probe)

build_python() {
  need_python
  step "maturin develop --release (python/)"
  (cd python && "$VENV/bin/maturin" develop --release -q "${features[@]}" 2>&1 | grep -v '^📦\|^🔗\|^🐍\|^🛠\|^📡\|^✏' || true)
  "$VENV/bin/python" -c "import kefu" # fails loudly when the build did not land
}

build_node() {
  need_npm "$ROOT/node"
  step "napi build --release (node/)"
  (cd node && npm run -s build -- "${features[@]}")
}

# KEFU_WASM_OUT (default bindings/wasm/pkg) and CARGO_TARGET_DIR let scripts/packages.sh build
# the packages as users get them, elsewhere, with these same steps.
build_wasm() {
  need_wasm_tools
  need_npm "$ROOT/bindings/wasm"
  # Two builds: the browser's main module without the what-if and the platform readers (its
  # size budget), and one with them (`--features whatif,platforms`) for the Node module and the
  # browser's on-demand web/whatif/ (imported as kefu-wasm/whatif or kefu-wasm/platforms).
  local built="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/wasm-release/kefu_wasm.wasm"
  local main="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/wasm-release/kefu_wasm_main.wasm"
  step "cargo build kefu-wasm (wasm32, profile wasm-release)"
  cargo build -q -p kefu-wasm --target wasm32-unknown-unknown --profile wasm-release "${features[@]}"
  cp "$built" "$main"
  step "cargo build kefu-wasm --features whatif,platforms (wasm32, profile wasm-release)"
  local with=(--features "whatif,platforms${features[1]:+,${features[1]}}")
  cargo build -q -p kefu-wasm --target wasm32-unknown-unknown --profile wasm-release "${with[@]}"
  local base="${KEFU_WASM_OUT:-$ROOT/bindings/wasm/pkg}"
  rm -rf "$base/web" "$base/nodejs"
  for spec in "web:web:$main" "web:web/whatif:$built" "nodejs:nodejs:$built"; do
    local target="${spec%%:*}" rest="${spec#*:}"
    local out="$base/${rest%%:*}" wasm="${rest#*:}"
    mkdir -p "$out"
    wasm-bindgen --target "$target" --out-dir "$out" --out-name kefu_wasm "$wasm"
    "$ROOT/bindings/wasm/node_modules/.bin/wasm-opt" --gufa -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      "$out/kefu_wasm_bg.wasm" -o "$out/kefu_wasm_bg.wasm"
    node "$ROOT/bindings/wasm/glue.mjs" "$out"
    [ "${rest%%:*}" = web/whatif ] || node "$ROOT/bindings/wasm/package-json.mjs" "$target" "$out"
  done
}

case "$what" in
  python) build_python ;;
  node) build_node ;;
  wasm) build_wasm ;;
  all) build_python; build_node; build_wasm ;;
  *) echo "usage: scripts/build.sh [all|python|node|wasm]" >&2; exit 2 ;;
esac
