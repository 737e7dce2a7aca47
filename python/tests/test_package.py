"""One version everywhere, and typed stubs that match the module."""

import json
import re
import subprocess
import sys

import kefu
from conftest import ROOT


def test_one_version_for_every_package() -> None:
    cargo = (ROOT / "Cargo.toml").read_text()
    workspace = re.search(r'\[workspace\.package\][^\[]*?version\s*=\s*"([^"]+)"', cargo, re.S)
    assert workspace is not None
    node = json.loads((ROOT / "node" / "package.json").read_text())["version"]
    versions = {"cargo": workspace.group(1), "python": kefu.__version__, "node": node}
    wasm_pkg = ROOT / "bindings" / "wasm" / "pkg" / "nodejs" / "package.json"
    versions["wasm"] = json.loads(wasm_pkg.read_text())["version"]
    assert len(set(versions.values())) == 1, versions
    for crate in ["core", "bindings/python", "bindings/node", "bindings/wasm"]:
        assert "version.workspace = true" in (ROOT / crate / "Cargo.toml").read_text(), crate


def test_stubs_match_the_native_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "kefu._kefu", "--ignore-missing-stub"],
        capture_output=True,
        text=True,
        cwd=ROOT / "python",
    )
    assert done.returncode == 0, done.stdout + done.stderr
