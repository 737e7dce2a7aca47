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
# Not `npm ci`: npm 11 rejects @napi-rs/cli's lock file (optional platform packages of
# @napi-rs/lzma are "missing"), while `npm install` installs exactly the locked versions.
need_npm() {
  local dir="$1"
  command -v npm >/dev/null || need_apt nodejs npm
  local stamp="$dir/node_modules/.lock.sha"
  local want; want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    step "npm install in ${dir#"$ROOT"/}"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}
