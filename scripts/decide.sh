#!/usr/bin/env bash
# Decide the example requests in core/examples/requests.json
# and print the decisions. Sets up what it needs first (Rust only). Extra arguments go to the
# example (a requests file of your own, --json).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
need_rust
step "cargo run --release --example decide"
cargo run -q --release -p kefu-core --example decide -- "$@"
