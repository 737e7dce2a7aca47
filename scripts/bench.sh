#!/usr/bin/env bash
# Benchmarks (figures in BENCHMARKS.md): criterion for the native core, then the same request
# per call from Python, Node (napi) and Node (wasm). Not part of the test command.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
step "criterion (native core)"
cargo bench -q -p kefu-core --bench decisions -- --noplot "$@" 2>&1 | grep -E '^[a-z_/]+|time:' || true
bash scripts/build.sh all >/dev/null
step "per call from each host"
"$VENV/bin/python" python/benches/calls.py
node node/benches/calls.mjs
step "wasm package size"
for f in bindings/wasm/pkg/web/kefu_wasm_bg.wasm bindings/wasm/pkg/web/kefu_wasm.js; do
  printf '%-45s %8d bytes, %8d gzipped\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
