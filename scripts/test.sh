#!/usr/bin/env bash
# Every test of every host: Rust (lints, unit, shared cases, properties, doctests), Python
# (pytest + stubtest), Node on the napi package (node:test + tsc), Node on the wasm package,
# and the web demo in Debian's Chromium (playwright-core) with the wasm size budget.
# Installs and builds what it needs first; skips what is already there.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
# The test command must leave the tracked files as it found them (issue 18 item 15: it once
# rewrote node/package-lock.json): what git reports changed now is compared at the end.
tree_before="$(git status --porcelain --untracked-files=no 2>/dev/null || true)"
LOG="$ROOT/target/test-logs"
mkdir -p "$LOG"
rm -f "$LOG"/*.log

run() { # run NAME CMD...: show the output, keep it for the summary
  local name="$1"; shift
  step "$name"
  "$@" 2>&1 | tee "$LOG/$name.log"
  return "${PIPESTATUS[0]}"
}

need_rust
run rust-fmt cargo fmt --all --check
# kefu-core/schema: the JSON Schemas of schemas/ against the types (core/tests/schemas.rs).
run rust-clippy cargo clippy -q --workspace --all-targets --features panic-probe,kefu-core/schema -- -D warnings
run rust-test cargo test -q -p kefu-core -p kefu-cli -p kefu-fuzz --features panic-probe,kefu-core/schema   # kefu-fuzz: replays fuzz/regressions
# Nothing lost at volume: 10 million rows through the release command line (a debug build
# runs 50,000 in rust-test above); prints the peak RSS.
run rust-volume cargo test --release -q -p kefu-cli --test volume -- --nocapture

KEFU_TEST_BUILD=1 bash scripts/build.sh all

command -v java >/dev/null || need_apt openjdk-17-jre-headless   # the PySpark test (local mode)
run python env -C python "$VENV/bin/python" -m pytest -q -p no:cacheprovider
run node-typecheck env -C node npx --no-install tsc -p tests/tsconfig.json
run node env -C node node --test tests/
run wasm env -C bindings/wasm node --test tests/
# The packages as users install them (issue 19 part 3): the wheel pip-installed into a fresh
# venv, the napi and wasm .tgz npm-installed into a fresh folder, outside the tree; README
# examples, mypy --strict and tsc --strict there. Builds for use (no panic probe), in their
# own target directory (scripts/packages.sh says why): about 5 min cold, 1 min warm.
run packages bash scripts/packages.sh

need_apt chromium fonts-wqy-microhei   # the browser, and a Chinese font for the screenshots
need_npm "$ROOT/web-demo"
run web env -C web-demo node --test tests/
echo "screenshots: web-demo/screenshots/"

# One closing line over every runner.
passed=0; failed=0
add() { passed=$((passed + ${1:-0})); failed=$((failed + ${2:-0})); }
while read -r p f; do add "$p" "$f"; done < <(grep -hoE 'test result: (ok|FAILED)\. [0-9]+ passed; [0-9]+ failed' "$LOG/rust-test.log" "$LOG/rust-volume.log" | awk '{print $4, $6}')
add "$(grep -hoE '[0-9]+ passed' "$LOG/python.log" | tail -1 | awk '{print $1}')" "$(grep -hoE '[0-9]+ failed' "$LOG/python.log" | tail -1 | awk '{print $1}')"
for host in node wasm web packages; do
  add "$(grep -hoE '^# pass [0-9]+' "$LOG/$host.log" | awk '{print $3}')" "$(grep -hoE '^# fail [0-9]+' "$LOG/$host.log" | awk '{print $3}')"
done
# The tree as it was (issue 18 item 15): one check, counted with the others.
tree_after="$(git status --porcelain --untracked-files=no 2>/dev/null || true)"
if [ "$tree_before" = "$tree_after" ]; then
  add 1 0
else
  echo "the test command changed tracked files:"
  diff <(echo "$tree_before") <(echo "$tree_after") || true
  add 0 1
fi
echo
echo "kefu: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
