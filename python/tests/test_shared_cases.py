"""Every shared case of tests/cases/*.json through the Python package (tests/README.md)."""

import json
from typing import Any, Dict, List, Optional

import pytest

import kefu
from conftest import ROOT

SUITES = sorted((ROOT / "tests" / "cases").glob("*.json"))


def load_cases() -> List[Any]:
    out = []
    for path in SUITES:
        suite = json.loads(path.read_text(encoding="utf-8"))
        for case in suite["cases"]:
            out.append(pytest.param(suite["kind"], case, id=f"{path.name}: {case['name']}"))
    return out


def mismatches(expected: Any, actual: Any, at: str = "") -> List[str]:
    out: List[str] = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{at}: want an object, got {actual!r}"]
        for k, ev in expected.items():
            if k == "reason_codes":
                got = sorted(r["code"] for r in actual.get("reasons", []))
                if sorted(ev) != got:
                    out.append(f"{at}/{k}: want {sorted(ev)}, got {got}")
            elif k not in actual:
                out.append(f"{at}/{k}: missing")
            else:
                out.extend(mismatches(ev, actual[k], f"{at}/{k}"))
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{at}: want {expected!r}, got {actual!r}"]
        for i, (ev, av) in enumerate(zip(expected, actual)):
            out.extend(mismatches(ev, av, f"{at}/{i}"))
    elif expected != actual or type(expected) is not type(actual) and not (isinstance(expected, (int, float)) and isinstance(actual, (int, float)) and not isinstance(actual, bool)):
        out.append(f"{at}: want {expected!r}, got {actual!r}")
    return out


OBJECT_KINDS = {"check_return", "classify_complaint", "refund_timeline", "order_flag", "order_action", "sla", "dispatch_estimate"}

_engines: Dict[str, Any] = {}


def engine_for(policy: Optional[Any]) -> Any:
    key = json.dumps(policy, sort_keys=True)
    if key not in _engines:
        try:
            _engines[key] = kefu.Engine(policy)
        except kefu.KefuError as e:
            _engines[key] = e
    return _engines[key]


def error_shape(e: kefu.KefuError) -> Dict[str, Any]:
    return {"code": e.code, "kind": e.kind, "message": e.message, "path": e.path, "problems": e.problems}


def lean_mismatches(whole: Dict[str, Any], lean: Any) -> List[str]:
    """Where the lean form disagrees with the whole decision: each of its fields must be the
    whole decision's (None where that has none), ``reason_codes`` the codes of its reasons; the
    exact set of fields per kind is checked in core (``main_fields``)."""
    if not isinstance(lean, dict) or not lean:
        return [f"lean: not a non-empty dict: {lean!r}"]
    out = []
    for k, v in lean.items():
        want = [r["code"] for r in whole.get("reasons", [])] if k == "reason_codes" else whole.get(k)
        if v != want or type(v) is not type(want):
            out.append(f"lean /{k}: {v!r}, whole decision: {want!r}")
    return out


@pytest.mark.parametrize("kind,case", load_cases())
def test_case(kind: str, case: Dict[str, Any]) -> None:
    engine = engine_for(case.get("policy"))
    result, error = None, None
    if isinstance(engine, kefu.KefuError):
        error = error_shape(engine)
    else:
        # A string argument is JSON text, so a string value travels as its JSON.
        request = case["input_text"] if "input_text" in case else case["input"]
        if "input_text" not in case and isinstance(request, str):
            request = json.dumps(request)
        try:
            # Kinds with a request object also have a named method: replay through it, so
            # both it and `evaluate` (the calendar kinds) are exercised.
            method = getattr(engine, kind) if kind in OBJECT_KINDS else None
            result = method(request) if method else engine.evaluate(kind, request)
        except kefu.KefuError as e:
            error = error_shape(e)
    if not isinstance(engine, kefu.KefuError):
        # The same request in the lean form: the whole decision's fields, or the same error.
        lean, lean_error = None, None
        try:
            lean = method(request, lean=True) if method else engine.evaluate(kind, request, lean=True)
        except kefu.KefuError as e:
            lean_error = error_shape(e)
        assert lean_error == error, "lean: the same error as the whole call"
        if error is None:
            assert lean_mismatches(result, lean) == []
    if "expect" in case:
        assert error is None, f"unexpected error {error}"
        assert mismatches(case["expect"], result) == []
    else:
        assert error is not None, f"expected an error, got {result}"
        assert mismatches(case["expect_error"], error) == []


def test_there_are_cases() -> None:
    assert len(load_cases()) >= 80


def batch_groups() -> List[Any]:
    """Every suite as batches, one per policy; JSON-text cases are single-call cases."""
    out = []
    for path in SUITES:
        suite = json.loads(path.read_text(encoding="utf-8"))
        groups: Dict[str, List[Any]] = {}
        for case in suite["cases"]:
            if "input_text" in case or isinstance(case["input"], str):
                continue
            groups.setdefault(json.dumps(case.get("policy"), sort_keys=True), []).append(case)
        for key, cases in groups.items():
            for threads in (1, 4):
                out.append(pytest.param(suite["kind"], key, cases, threads, id=f"{path.name} batch ({threads} threads) policy {key[:30]}"))
    return out


@pytest.mark.parametrize("kind,policy,cases,threads", batch_groups())
def test_cases_as_a_batch(kind: str, policy: str, cases: List[Dict[str, Any]], threads: int) -> None:
    """Item i of the batch matches case i (tests/README.md "Batches"), on 1 and on 4 threads."""
    engine = engine_for(json.loads(policy))
    if isinstance(engine, kefu.KefuError):
        return  # a bad policy is a single-call case
    rows = [cases[i % len(cases)] for i in range(max(len(cases), 300))]
    items = engine.evaluate_batch(kind, [c["input"] for c in rows], threads=threads)
    assert len(items) == len(rows)
    problems: List[str] = []
    for i, (case, item) in enumerate(zip(rows, items)):
        if item["index"] != i:
            problems.append(f"{i}: index {item['index']}")
        if "expect" in case:
            problems += [f"{i} {case['name']}: error {item.get('error')}"] if not item["ok"] else mismatches(case["expect"], item["decision"], str(i))
        else:
            problems += [f"{i} {case['name']}: expected an error"] if item["ok"] else mismatches(case["expect_error"], item["error"], str(i))
    assert problems[:10] == []
