"""Issue 19: kefu's types, generated from the JSON Schemas by core/tools/gen_types.py.

The generated files (python/kefu/_types.py, node/kefu-types.d.ts, bindings/wasm/kefu-types.d.ts)
are what the schemas give; the TypedDicts' keys are the schemas' properties, required where
the schemas require them, and every shared case's decisions have them; the typed example
passes ``mypy --strict`` and runs, and wrong uses of a decision fail mypy.
"""

import json
import re
import subprocess
import sys
import textwrap
import typing
from pathlib import Path
from typing import Any, Dict, List

import pytest

import kefu
from kefu import _types
from conftest import ROOT

GENERATOR = ROOT / "core" / "tools" / "gen_types.py"
TS_FILES = [ROOT / "node" / "kefu-types.d.ts", ROOT / "bindings" / "wasm" / "kefu-types.d.ts"]


def schema(name: str) -> Dict[str, Any]:
    doc: Dict[str, Any] = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return doc


def mypy(path: Path, cache: Path) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "--no-error-summary", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT / "python",
    )


def test_the_generated_files_are_current() -> None:
    done = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert TS_FILES[0].read_text(encoding="utf-8") == TS_FILES[1].read_text(encoding="utf-8")


def ts_code(path: Path) -> str:
    """The declarations without their comments."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S))


def ts_union(code: str, name: str) -> List[str]:
    m = re.search(rf"export type {name} =([^;]*);", code)
    assert m, name
    return re.findall(r"'([^']*)'", m.group(1))


def test_the_typescript_has_no_any_and_names_every_kind_and_error_code() -> None:
    code = ts_code(TS_FILES[0])
    assert not re.search(r"\b(any|unknown|object)\b", code), "a generated type is loose"
    assert ts_union(code, "Kind") == list(kefu.KINDS)
    assert ts_union(code, "ErrorCode") == list(kefu.ERROR_CODES)
    for kind in kefu.KINDS:
        for table, form in [("Requests", "request"), ("Decisions", "decision"), ("LeanDecisions", "lean")]:
            title = schema(f"{kind}.{form}")["title"]
            name = title if form != "lean" else "Lean" + schema(f"{kind}.decision")["title"]
            assert re.search(rf"export interface {table} \{{[^}}]*\n  {kind}: {name};", code), (table, kind)
            assert f"export interface {name} {{" in code
    verdict = re.search(r"export interface ReturnDecision \{[^}]*\n  verdict: (\w+);", code)
    assert verdict and ts_union(code, verdict.group(1)) == ["eligible", "ineligible"]


def typeddict(kind: str, form: str) -> Any:
    title = schema(f"{kind}.decision")["title"]
    name = schema(f"{kind}.{form}")["title"] if form != "lean" else f"Lean{title}"
    return getattr(kefu, name)


@pytest.mark.parametrize("form", ["request", "decision", "lean"])
def test_every_typeddict_has_its_schemas_keys(form: str) -> None:
    for kind in kefu.KINDS:
        doc = schema(f"{kind}.{form}")
        td = typeddict(kind, form)
        required = set(doc.get("required", []))
        assert td.__required_keys__ == required, (kind, form)
        assert td.__optional_keys__ == set(doc["properties"]) - required, (kind, form)
    policy = schema("policy")
    assert kefu.Policy.__required_keys__ == frozenset()
    assert kefu.Policy.__optional_keys__ == set(policy["properties"])


def test_the_python_types_name_the_kinds_and_verdicts() -> None:
    assert list(typing.get_args(_types.Kind)) == list(kefu.KINDS)
    assert typing.get_args(_types.Verdict) == ("eligible", "ineligible")
    assert set(_types.__all__) <= set(dir(kefu)), "kefu re-exports every type"
    assert kefu.Pause.__required_keys__ == {"from"}  # a keyword: the functional syntax


def test_every_shared_decision_has_its_typeddicts_keys() -> None:
    checked = 0
    for path in sorted((ROOT / "tests" / "cases").glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        kind = suite["kind"]
        whole_td, lean_td = typeddict(kind, "decision"), typeddict(kind, "lean")
        for case in suite["cases"]:
            if "input" not in case:
                continue
            try:
                engine = kefu.Engine(case.get("policy"))
                whole = engine.evaluate(kind, case["input"])
                lean = engine.evaluate(kind, case["input"], lean=True)
            except kefu.KefuError:
                continue
            for decision, td in [(whole, whole_td), (lean, lean_td)]:
                keys = set(decision)
                assert td.__required_keys__ <= keys <= td.__required_keys__ | td.__optional_keys__, (kind, keys)
            checked += 1
    assert checked > 600


def test_the_typed_example_passes_mypy_strict_and_runs(tmp_path: Path) -> None:
    example = ROOT / "python" / "tests" / "typed_example.py"
    done = mypy(example, tmp_path / "cache")
    assert done.returncode == 0, done.stdout + done.stderr
    ran = subprocess.run([sys.executable, str(example)], capture_output=True, text=True)
    assert ran.returncode == 0 and ran.stdout.startswith("typed example: ineligible"), ran.stdout + ran.stderr


WRONG = """\
import kefu

r: kefu.ReturnRequest = {"reason": "no_reason", "category": "apparel",
    "signed_at": "2026-03-01T23:59:00+08:00", "requested_at": "2026-03-08T20:00:00+08:00"}
x: int = kefu.check_return(r)["verdict"]
y = kefu.check_return(r)["verdicts"]
z = kefu.check_return(r)["goodwill"]["remedy"]
w: kefu.ReturnDecision = kefu.check_return(r, lean=True)
v: kefu.Verdict = "maybe"
u: kefu.ReturnRequest = {"reason": "refund_now", "category": "apparel",
    "signed_at": "2026-03-01T23:59:00+08:00", "requested_at": "2026-03-08T20:00:00+08:00"}
t: str = kefu.Engine().sla({})["minutes_left"]
"""


def test_wrong_uses_of_a_decision_fail_mypy(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong_example.py"
    wrong.write_text(WRONG, encoding="utf-8")
    done = mypy(wrong, tmp_path / "cache")
    assert done.returncode == 1, done.stdout + done.stderr
    errors = {int(m.group(1)): m.group(2) for m in re.finditer(r"wrong_example\.py:(\d+): error: (.*)", done.stdout)}
    expected = {
        5: "Literal['eligible', 'ineligible']",  # a verdict is not an int
        6: '"verdicts"',  # no such key
        7: "None",  # goodwill may be None
        8: "LeanReturnDecision",  # lean=True is the lean form
        9: "Literal['maybe']",  # not a verdict
        10: "Literal['refund_now']",  # not a return reason
        12: "int",  # minutes are a number
    }
    for line, words in expected.items():
        assert line in errors and words in errors[line], (line, textwrap.indent(done.stdout, "  "))
    assert set(errors) == set(expected), done.stdout


def test_the_generator_refuses_what_it_cannot_type() -> None:
    """A construct outside the subset it reads fails the generation, naming where; it never
    becomes `any`."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_types", GENERATOR)
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    for bad in [{}, {"type": "object"}, {"allOf": [{"type": "string"}]}, {"$ref": "other.json#/x"},
                {"type": "array"}, {"not": {"type": "null"}}]:
        with pytest.raises(gen.SchemaError, match="x.schema.json: #/properties/a"):
            gen.parse(bad, "x.schema.json", "#/properties/a")
    assert gen.parse({"type": ["string", "null"]}, "x", "#") == ("union", [("prim", "string"), ("prim", "null")])
