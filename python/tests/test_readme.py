"""The README's Python example runs as written."""

import re

from conftest import ROOT


def test_readme_python_snippets_run() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```python\n(.*?)```", text, re.S)
    assert snippets, "the README has no Python example"
    for code in snippets:
        exec(compile(code, "README.md", "exec"), {})
