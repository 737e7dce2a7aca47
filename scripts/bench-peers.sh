#!/usr/bin/env bash
# kefu against its peers on the same work (issue 9): GoRules ZEN (Python and Node),
# json-rules-engine (Node), a hand-written plain function (Python and JS), criterion for the
# native core, and the wasm size against @gorules/zen-engine-wasm. Rewrites the peer tables in
# BENCHMARKS.md (between <!-- peers:begin --> and <!-- peers:end -->). Not part of the test command.
#
#   bash scripts/bench-peers.sh            # N=10000 requests, RUNS=7 rounds (both overridable)
#
# The peers are dev-only: zen-engine goes into the developers' venv (.venv), the npm peers into
# node/benches/ (its own package.json); kefu's packages never depend on them.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
N="${N:-10000}"
RUNS="${RUNS:-7}"
ZEN_PY_VERSION="2.1.3"

need_rust
need_python
if [ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("zen-engine"))' 2>/dev/null)" != "$ZEN_PY_VERSION" ]; then
  step "pip install zen-engine==$ZEN_PY_VERSION (dev-only peer, into .venv)"
  "$VENV/bin/pip" install -q --disable-pip-version-check "zen-engine==$ZEN_PY_VERSION"
fi
need_npm "$ROOT/node/benches"   # @gorules/zen-engine, @gorules/zen-engine-wasm, json-rules-engine
KEFU_TEST_BUILD= bash scripts/build.sh all

step "$N return requests (tests/bench/peers_gen.py)"
"$VENV/bin/python" tests/bench/peers_gen.py "$N"

mkdir -p target/bench
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# Other processes busy on this machine as the run starts (a shared VM: say what else ran).
others="$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 >= 20 { printf "%s%s at %d%% CPU", sep, $2, $1; sep = ", " }')"

step "Python: kefu, ZEN, plain function"
"$VENV/bin/python" python/benches/peers/run.py --runs "$RUNS"
step "Node: kefu napi and wasm, ZEN, json-rules-engine, plain function"
node node/benches/peers/run.mjs --runs "$RUNS"
step "criterion (native core, the same requests)"
cargo bench -q -p kefu-core --bench peers -- --noplot 2>&1 | grep -E '^peers/|time:|thrpt:' || true
step "wasm size: kefu against @gorules/zen-engine-wasm"
node node/benches/peers/size.mjs

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
"$VENV/bin/python" - "$load_before" "$load_after" "${others:-no other busy process}" <<'EOF'
import json, os, sys, datetime
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
json.dump({
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "cpu": cpu, "cores": os.cpu_count(),
    "load_before": sys.argv[1], "load_after": sys.argv[2],
    "others": "busy at the start: " + sys.argv[3],
}, open("target/bench/peers_machine.json", "w"))
EOF
step "BENCHMARKS.md: the peer tables"
"$VENV/bin/python" tests/bench/peers_report.py
