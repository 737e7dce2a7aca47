#!/usr/bin/env bash
# kefu's packages, installed the way users install them (issue 19 part 3):
#   - the Python wheel (maturin, abi3), pip-installed into a fresh virtual environment outside
#     the source tree, where the README's Python example runs and tests/packages/typed_example.py
#     passes `mypy --strict` (against the wheel's own .pyi and py.typed) and runs;
#   - the napi package (`npm pack` of node/) and both wasm packages (kefu-wasm-node, nodejs
#     target; kefu-wasm, web target), `npm install ./kefu-<version>.tgz …` into a fresh folder
#     outside the tree, where the README's Node and browser examples run, tests/packages/*.mjs
#     import and require them, and tests/packages/*.ts pass `tsc --strict` (module nodenext,
#     skipLibCheck off: the packages' own .d.ts are checked too) and run.
# Each check prints PASS or FAIL; the last two lines are `# pass N` and `# fail M` (counted by
# scripts/test.sh); the exit status is non-zero when any check failed.
#
# The packages are builds for use, without the test builds' `panic-probe` feature (each example
# checks that "panic_probe" is no kind), so they are built here again rather than packed from
# what `KEFU_TEST_BUILD=1 scripts/build.sh` left in node/ and bindings/wasm/pkg/. They are built
# in their own target directory, target/packages/cargo: a cdylib's feature variants share one
# output in target/release, so building them there would rebuild kefu-python, kefu-node and
# kefu-wasm on every run twice over (here, then again in the next test build), about 30 s each.
# The price is a cold first build of their dependencies (the whole script took 5.4 min cold on
# 2 busy cores); a warm run takes about a minute (wasm-opt most of it). Nothing is written into
# the source tree but target/packages/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS
OUT="$ROOT/target/packages"          # artifacts: wheels/, npm/ (the .tgz files), napi/, wasm/
BUILD_TARGET="$OUT/cargo"            # cargo's target directory for the builds for use
VERSION="$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)"
[ -n "$VERSION" ] || { echo "packages: no [workspace.package] version in Cargo.toml" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kefu-packages.XXXXXX")"   # the user's machine: outside the tree
trap 'rm -rf "$WORK"' EXIT
case "$(realpath "$WORK")/" in "$ROOT"/*) echo "packages: $WORK is inside the source tree; set TMPDIR" >&2; exit 1 ;; esac
mkdir -p "$OUT" "$WORK/run" "$WORK/app"
# Nothing from the source tree or the dev environment on the search paths.
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV NODE_PATH

pass=0; fail=0
check() { # check NAME FUNCTION: runs FUNCTION (errexit on), prints PASS NAME or FAIL NAME
  local name="$1" rc t0=$SECONDS; shift
  step "$name"
  set +e
  ( set -e; "$@" )
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then echo "PASS $name ($((SECONDS - t0)) s)"; pass=$((pass + 1)); else echo "FAIL $name (exit $rc, $((SECONDS - t0)) s)"; fail=$((fail + 1)); fi
}
quiet() { awk '!/^(📦|🔗|🐍|🛠|📡|✏|🍹)/ && !/^ *Compiling /'; }   # the builds' chatter; keeps the status

# ---- Python: the wheel in a fresh virtual environment ----------------------------------------
PY="$WORK/venv/bin/python"

build_wheel() {
  rm -rf "$OUT/wheels"
  (cd python && CARGO_TARGET_DIR="$BUILD_TARGET" "$VENV/bin/maturin" build --release -q \
    --interpreter "$VENV/bin/python" --out "$OUT/wheels" 2>&1 | quiet)
  ls "$OUT"/wheels/kefu-"$VERSION"-cp310-abi3-*.whl
}

wheel_contents() {
  local files; files="$("$VENV/bin/python" -m zipfile -l "$OUT"/wheels/kefu-"$VERSION"-*.whl | awk 'NR > 1 {print $1}')"
  echo "$files"
  for f in kefu/__init__.py kefu/_kefu.abi3.so kefu/_kefu.pyi kefu/py.typed "kefu-$VERSION.dist-info/METADATA"; do
    grep -qx "$f" <<<"$files" || { echo "the wheel lacks $f"; return 1; }
  done
}

venv_install() {
  python3 -m venv "$WORK/venv"
  # The wheel alone: kefu needs nothing else from PyPI (the import, README and typed example
  # run before mypy, and what it brings, is installed).
  "$PY" -m pip install -q --disable-pip-version-check "$OUT"/wheels/kefu-"$VERSION"-*.whl
  "$PY" -m pip list --disable-pip-version-check 2>/dev/null | awk 'NR > 2'
}

venv_mypy_install() {
  # mypy at the version range the dev environment uses.
  "$PY" -m pip install -q --disable-pip-version-check "$(grep -E '^mypy([<>=!~ ]|$)' python/requirements-dev.txt)"
  "$WORK/venv/bin/mypy" --version
}

venv_import() {
  cd "$WORK/run"
  "$PY" - "$WORK/venv" "$VERSION" <<'EOF'
import importlib.metadata, os, sys
import kefu
venv, version = sys.argv[1:]
where = os.path.realpath(kefu.__file__)
print(f"kefu {kefu.__version__} from {where}")
assert where.startswith(os.path.realpath(venv) + os.sep) and "site-packages" in where, where
assert kefu.__version__ == kefu.VERSION == importlib.metadata.version("kefu") == version
EOF
}

venv_readme() {
  cd "$WORK/run"
  # Found as python/tests/test_readme.py finds them: every ```python block, run in order.
  "$PY" - "$ROOT/README.md" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
snippets = re.findall(r"```python\n(.*?)```", text, re.S)
assert snippets, "the README has no Python example"
for code in snippets:
    exec(compile(code, "README.md", "exec"), {})
print(f"README: {len(snippets)} Python example(s) ran")
EOF
}

venv_typed_run() {
  cp tests/packages/typed_example.py "$WORK/run/"
  cd "$WORK/run" && "$PY" typed_example.py
}

venv_mypy() {
  cp tests/packages/typed_example.py "$WORK/run/"
  cd "$WORK/run" && "$WORK/venv/bin/mypy" --strict --no-incremental typed_example.py
}

# ---- npm: the napi package and the two wasm packages -----------------------------------------
build_napi() {
  need_npm "$ROOT/node"
  rm -rf "$OUT/napi"
  # node/'s own build script, writing into target/packages/napi instead of node/.
  (cd node && CARGO_TARGET_DIR="$BUILD_TARGET" ./node_modules/.bin/napi build --manifest-path ../bindings/node/Cargo.toml \
    --output-dir "$OUT/napi" --platform --release --js native.js --dts native.d.ts 2>&1 | quiet)
  ls -l "$OUT/napi/kefu.linux-x64-gnu.node" "$OUT/napi/native.js"
}

pack_napi() {
  # `npm pack` of node/ as it stands (its "files"), with the addon and its loader built above
  # in place of the test build's: unpacked, the two files swapped, packed again.
  rm -rf "$WORK/napi-src" && mkdir -p "$WORK/napi-src" "$OUT/npm"
  (cd node && npm pack --silent --pack-destination "$WORK/napi-src" >/dev/null)
  tar -xzf "$WORK/napi-src/kefu-$VERSION.tgz" -C "$WORK/napi-src"
  cp "$OUT/napi/kefu.linux-x64-gnu.node" "$OUT/napi/native.js" "$WORK/napi-src/package/"
  (cd "$WORK/napi-src/package" && npm pack --silent --pack-destination "$OUT/npm" >/dev/null)
  local files; files="$(tar -tzf "$OUT/npm/kefu-$VERSION.tgz" | sort)"
  echo "$files"
  for f in package.json index.js index.mjs index.d.ts native.js kefu.linux-x64-gnu.node; do
    grep -qx "package/$f" <<<"$files" || { echo "kefu-$VERSION.tgz lacks $f"; return 1; }
  done
}

build_wasm() {
  # scripts/build.sh's own steps, for use (no panic probe), into target/packages/wasm.
  KEFU_TEST_BUILD= KEFU_WASM_OUT="$OUT/wasm" CARGO_TARGET_DIR="$BUILD_TARGET" bash "$ROOT/scripts/build.sh" wasm
  ls -l "$OUT"/wasm/*/kefu_wasm_bg.wasm
}


pack_wasm() {
  mkdir -p "$OUT/npm"
  local target name
  for target in nodejs web; do
    (cd "$OUT/wasm/$target" && npm pack --silent --pack-destination "$OUT/npm" >/dev/null)
  done
  for name in kefu-wasm-node kefu-wasm; do
    local files; files="$(tar -tzf "$OUT/npm/$name-$VERSION.tgz" | sort)"
    echo "$name-$VERSION.tgz:" $files
    local want=(package.json kefu_wasm.js kefu_wasm.d.ts kefu_wasm_bg.wasm kefu_wasm_bg.wasm.d.ts)
    # The browser package carries the what-if module (issue 20), loaded on demand.
    [ "$name" = kefu-wasm ] && want+=(whatif/kefu_wasm.js whatif/kefu_wasm.d.ts whatif/kefu_wasm_bg.wasm)
    for f in "${want[@]}"; do
      grep -qx "package/$f" <<<"$files" || { echo "$name-$VERSION.tgz lacks $f"; return 1; }
    done
  done
}

npm_install() {
  local app="$WORK/app"
  cp "$OUT"/npm/kefu-"$VERSION".tgz "$OUT"/npm/kefu-wasm-node-"$VERSION".tgz "$OUT"/npm/kefu-wasm-"$VERSION".tgz "$app/"
  echo '{ "name": "kefu-user", "version": "1.0.0", "private": true }' > "$app/package.json"
  # tsc at the version node/ is checked with; Node's own types for console and friends.
  local ts; ts="$(node -p "require('$ROOT/node/node_modules/typescript/package.json').version")"
  local node_major; node_major="$(node -p 'process.versions.node.split(".")[0]')"
  cd "$app"
  npm install --no-audit --no-fund --loglevel=error \
    "./kefu-$VERSION.tgz" "./kefu-wasm-node-$VERSION.tgz" "./kefu-wasm-$VERSION.tgz" \
    "typescript@$ts" "@types/node@$node_major"
  npm ls --depth=0
  # The user's tsconfig: Node's module resolution (package "exports"), strict, and the
  # packages' own .d.ts checked (skipLibCheck off). One project per example (below).
  cat > tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "strict": true,
    "target": "ES2022",
    "lib": ["ES2022"],
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "types": ["node"],
    "skipLibCheck": false,
    "outDir": "out"
  },
  "files": []
}
EOF
}

tsc_on() { # tsc_on FILE [EXTRA-COMPILER-OPTIONS-JSON]: tsc on one example, in its own project
  local file="$1" extra="${2:-}"
  cp "$ROOT/tests/packages/$file" "$WORK/app/"
  printf '{ "extends": "./tsconfig.json", "compilerOptions": { %s }, "files": ["%s"] }\n' "$extra" "$file" > "$WORK/app/tsconfig.$file.json"
  (cd "$WORK/app" && ./node_modules/.bin/tsc -p "tsconfig.$file.json")
}

in_app() { # the installed package, not the tree's: resolved from the fresh folder
  cd "$WORK/app"
  local where; where="$(node -p "require.resolve('$1')")"
  case "$where" in "$WORK/app/node_modules/$1/"*) ;; *) echo "$1 resolves to $where"; return 1 ;; esac
}

napi_readme() { in_app kefu && node "$ROOT/tests/packages/readme_js.mjs" "$ROOT/README.md" node; }
napi_esm() { in_app kefu && cp "$ROOT/tests/packages/napi_example.mjs" . && node napi_example.mjs; }
napi_tsc() { in_app kefu && tsc_on napi_example.ts; }
napi_ts_run() { in_app kefu && node out/napi_example.js; }
wasm_readme() { in_app kefu-wasm && node "$ROOT/tests/packages/readme_js.mjs" "$ROOT/README.md" web; }
wasm_tsc() { in_app kefu-wasm-node && tsc_on wasm_example.ts; }
wasm_ts_run() { in_app kefu-wasm-node && node out/wasm_example.js; }
# The browser package in a browser's setting: the DOM's types instead of Node's; not emitted.
# ESNext.Disposable: wasm-bindgen's kefu_wasm.d.ts declares `[Symbol.dispose](): void` on
# Engine, which ES2022's lib does not know (TS2550; @types/node declares it for the Node case).
wasm_web_tsc() { in_app kefu-wasm && tsc_on wasm_web_example.mts '"lib": ["ES2022", "DOM", "ESNext.Disposable"], "types": [], "noEmit": true'; }

need_python
check "wheel: maturin build --release (abi3, no test features)" build_wheel
check "wheel: ships the native module, _kefu.pyi and py.typed" wheel_contents
check "venv: pip install the wheel (nothing else) into a fresh venv outside the tree" venv_install
check "venv: import kefu from the venv's site-packages, version $VERSION" venv_import
check "venv: the README's Python example" venv_readme
check "venv: python tests/packages/typed_example.py" venv_typed_run
check "venv: pip install mypy" venv_mypy_install
check "venv: mypy --strict tests/packages/typed_example.py" venv_mypy

check "napi: napi build --release (no test features)" build_napi
check "napi: npm pack node/ -> kefu-$VERSION.tgz" pack_napi
check "wasm: build the web and nodejs packages (no test features)" build_wasm
check "wasm: npm pack -> kefu-wasm-node-$VERSION.tgz, kefu-wasm-$VERSION.tgz" pack_wasm
check "npm: npm install the three .tgz (and typescript) into a fresh folder outside the tree" npm_install
check "napi: the README's Node example on the installed kefu" napi_readme
check "napi: import and require of the installed kefu (tests/packages/napi_example.mjs)" napi_esm
check "napi: tsc --strict tests/packages/napi_example.ts" napi_tsc
check "napi: node on the compiled napi_example.ts" napi_ts_run
check "wasm: the README's browser example on the installed kefu-wasm" wasm_readme
check "wasm: tsc --strict tests/packages/wasm_example.ts (kefu-wasm-node)" wasm_tsc
check "wasm: node on the compiled wasm_example.ts" wasm_ts_run
check "wasm: tsc --strict tests/packages/wasm_web_example.mts (kefu-wasm, lib DOM)" wasm_web_tsc

echo
echo "packages: $pass passed, $fail failed in $((SECONDS - started)) s (artifacts in ${OUT#"$ROOT"/}/wheels and ${OUT#"$ROOT"/}/npm)"
echo "# pass $pass"
echo "# fail $fail"
[ "$fail" -eq 0 ]
