# Shared helpers for kefu's scripts: paths, logging, and idempotent installs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
VENV="$ROOT/.venv"
WASM_BINDGEN_VERSION="0.2.130"   # must equal the wasm-bindgen crate pinned in Cargo.toml
export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$*" >&2; }

# apt packages, only when missing (root on this machine; sudo elsewhere).
need_apt() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  step "apt-get install ${missing[*]}"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

need_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
}

need_wasm_tools() {
  need_rust
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (once, ~2 min)"
    cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS"
  fi
}

need_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    step "python3 -m venv .venv"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.requirements.sha"
  local want; want="$(sha256sum "$ROOT/python/requirements-dev.txt" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    step "pip install -r python/requirements-dev.txt"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/python/requirements-dev.txt"
    echo "$want" > "$stamp"
  fi
}

# npm install in a folder, only when its lock file changed since the last install.
# `--no-save`: install what the committed lock file names and never write it back, so the
# test command leaves every tracked file as it was. Why (issue item 15): node/package-lock.json
# had been committed pruned to this machine's platform — the other platforms' optional
# native packages under @napi-rs/cli (@napi-rs/lzma-*, @napi-rs/tar-*, @napi-rs/wasm-tools-*,
# @napi-rs/wasm-runtime, @emnapi/*, @tybys/wasm-util, tslib) were missing, the kind of lock
# npm/cli#4828 describes. Every `npm install` in a fresh clone wrote the 49 entries back
# (+922 lines, no locked version changed), and `npm ci` refused the file ("Missing:
# @napi-rs/lzma-android-arm-eabi@1.5.3 from lock file"). The lock file is now committed
# whole, exactly as npm 11 writes it on a clean tree (`npm install --package-lock-only`), so
# plain `npm install` and `npm ci` leave it unchanged too. Not `npm ci` here: node/benches'
# lock file (bench-peers.sh) is pruned the same way and `npm ci` refuses it. After changing a
# package.json, regenerate its lock file with `npm install --package-lock-only` and commit it.
need_npm() {
  local dir="$1"
  command -v npm >/dev/null || need_apt nodejs npm
  local stamp="$dir/node_modules/.lock.sha"
  local want; want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    step "npm install in ${dir#"$ROOT"/}"
    (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}
