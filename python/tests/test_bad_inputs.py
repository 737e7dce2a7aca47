"""The bad-input corpus of tests/bad/*.json through the Python package (tests/README.md "Bad inputs").

One test per case: engine construction (``kefu.Engine(policy)``), ``engine.evaluate(kind, request)``
(JSON text as a ``str``) or ``engine.evaluate_batch(kind, requests)``, each followed by a good
request to the same engine. The cases run in a child process (this file run as a script) so
that a crash ends only that child: the case that was running is recorded as a crash and a new
child goes on with the next case. Results are gathered once, then checked case by case.
"""

import json
import math
import os
import pathlib
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional, Set

ROOT = pathlib.Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad"
MIN_CASES = 120
MARK = "KEFU-BAD "

# Specials Python has no value for (tests/README.md "Bad inputs"): JS-only values.
NOT_EXPRESSIBLE = {"undefined", "bigint", "function", "symbol", "date"}


def load_bad() -> List[Dict[str, Any]]:
    out = []
    for path in sorted(BAD.glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        for case in suite["cases"]:
            out.append(dict(case, id=f"{path.name}: {case['name']}", file=path.name))
    return out


def specials_in(v: Any, out: Optional[Set[str]] = None) -> Set[str]:
    out = set() if out is None else out
    if isinstance(v, list):
        for x in v:
            specials_in(x, out)
    elif isinstance(v, dict):
        if isinstance(v.get("$bad"), str):
            out.add(v["$bad"])
        for x in v.values():
            specials_in(x, out)
    return out


def case_specials(c: Dict[str, Any]) -> Set[str]:
    return specials_in([c.get(k) for k in ("input", "input_text", "policy", "policy_text", "batch")])


class NotExpressible(Exception):
    def __init__(self, special: str) -> None:
        super().__init__(f"not expressible in Python: {special}")
        self.special = special


def expand(v: Any) -> Any:
    """A corpus value as a Python value: every {"$bad": ...} replaced by what it stands for."""
    if isinstance(v, list):
        return [expand(x) for x in v]
    if isinstance(v, dict):
        if isinstance(v.get("$bad"), str):
            return special(v)
        return {k: expand(x) for k, x in v.items()}
    return v


def special(s: Dict[str, Any]) -> Any:
    name = s["$bad"]
    if name == "nan":
        return math.nan
    if name == "inf":
        return math.inf
    if name == "-inf":
        return -math.inf
    if name == "lone_surrogate":
        return s.get("before", "") + "\ud800" + s.get("after", "")
    if name == "repeat":
        return s["text"] * s["times"]
    if name == "nest":
        # Built from the inside out, in a loop: no recursion however deep.
        v = expand(s["leaf"])
        for _ in range(s["depth"]):
            v = {s["key"]: v} if "key" in s else [v]
        return v
    if name == "bytes":
        return bytes.fromhex(s["hex"])
    if name == "set":
        return {1}
    if name == "object":
        return object()
    if name == "int":
        return int(s["value"])
    if name == "circular":
        if "key" in s:
            o = expand(s.get("object", {}))
            o[s["key"]] = o
            return o
        lst: List[Any] = []
        lst.append(lst)
        return lst
    if name == "with_key":
        o = expand(s.get("object", {}))
        o[expand(s["key"])] = expand(s["value"])
        return o
    raise NotExpressible(name)


def expand_text(t: Any) -> str:
    """input_text / policy_text: a string, or a list of pieces (strings and specials) joined."""
    return "".join(expand(p) for p in t) if isinstance(t, list) else t


def show(v: Any) -> str:
    s = json.dumps(v) if isinstance(v, (str, type(None))) else repr(v)
    return s if len(s) <= 160 else f"{s[:160]}… ({len(s)} chars)"


def error_problems(want: Dict[str, Any], got: Any) -> List[str]:
    if got is None:
        return [f"expected {want['code']} at {show(want['path'])}, got a result"]
    if isinstance(got, str):
        return [f"expected {want['code']} at {show(want['path'])}, got a non-kefu exception {got}"]
    if got[:2] != (want["code"], want["path"]):
        return [f"expected {want['code']} at {show(want['path'])}, got {got[0]} at {show(got[1])}"]
    if "kind" not in want:
        return [f"the case names no kind (its error's is {got[2]})"]
    if got[2] != want["kind"]:
        return [f"expected the kind {want['kind']}, got {got[2]}"]
    return []


def good_requests() -> Dict[str, Any]:
    """A good request per kind from tests/cases (default policy, an object input, an expect)."""
    good: Dict[str, Any] = {}
    for path in sorted((ROOT / "tests" / "cases").glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        if suite["kind"] in good:
            continue
        for c in suite["cases"]:
            if "expect" in c and "policy" not in c and isinstance(c.get("input"), dict):
                good[suite["kind"]] = (f"{path.name}: {c['name']}", c["input"], c["expect"])
                break
    return good


def run_case(kefu: Any, mismatches: Any, c: Dict[str, Any], good: Dict[str, Any]) -> Dict[str, Any]:
    t0 = time.monotonic()
    problems: List[str] = []

    def caught(f: Any) -> Any:
        try:
            return f(), None
        except kefu.KefuError as e:
            return None, (e.code, e.path, e.kind)
        except NotExpressible:
            raise
        except BaseException as e:  # noqa: BLE001 - anything that is not kefu's error is a finding
            return None, f"{type(e).__name__}: {str(e)[:200]}"

    try:
        is_batch = c["kind"].startswith("batch:")
        kind = c["kind"][len("batch:"):] if is_batch else c["kind"]
        if kind == "policy":
            doc = expand_text(c["policy_text"]) if "policy_text" in c else expand(c["policy"])
            _, got = caught(lambda: kefu.Engine(doc))
            problems += error_problems(c["expect_error"], got)
            engine = kefu.Engine()  # no engine was made: a fresh default one must still work
        else:
            engine = kefu.Engine(expand(c["policy"])) if "policy" in c else kefu.Engine()
            if kind.startswith("platform:"):
                platform, kind = kind[len("platform:"):].split(":")
                payload, facts = expand(c["input"]), c.get("facts")
                result, got = caught(lambda: kefu.from_platform(platform, kind, payload, facts))
            elif kind.startswith("to_platform:"):
                platform, kind = kind[len("to_platform:"):], "order_flag"
                decision, memo = expand(c["input"]), c.get("memo")
                result, got = caught(lambda: kefu.to_platform(platform, decision, memo))
            elif is_batch:
                requests = expand(c["batch"])
                result, got = caught(lambda: engine.evaluate_batch(kind, requests))
            elif "input_text" in c:
                text = expand_text(c["input_text"])
                result, got = caught(lambda: engine.evaluate(kind, text))
            else:
                request = expand(c["input"])
                # A str argument is JSON text, so a string value goes as its JSON (tests/README.md).
                if isinstance(request, str):
                    request = json.dumps(request)
                result, got = caught(lambda: engine.evaluate(kind, request))
            if "expect_items" in c:
                want = c["expect_items"]
                if got is not None:
                    problems.append(f"expected {len(want)} items, the call failed: {show(got)}")
                elif not isinstance(result, list) or len(result) != len(want):
                    problems.append(f"expected {len(want)} items, got {show(result)}")
                else:
                    for i, (w, item) in enumerate(zip(want, result)):
                        if item.get("index") != i:
                            problems.append(f"item {i}: index {item.get('index')!r}")
                        if w.get("ok") is True:
                            if item.get("ok") is not True:
                                problems.append(f"item {i}: expected ok, got {show(item.get('error'))}")
                        elif item.get("ok") is not False:
                            problems.append(f"item {i}: expected {w['code']} at {show(w['path'])}, got a decision")
                        else:
                            e = item["error"]
                            problems += [f"item {i}: {p}" for p in error_problems(w, (e.get("code"), e.get("path"), e.get("kind")))]
            else:
                problems += error_problems(c["expect_error"], got)
        # The same engine must still answer a good request of the kind, correctly.
        name, good_input, expect = good.get(kind) or good["check_return"]
        good_kind = kind if kind in good else "check_return"
        answer, got = caught(lambda: engine.evaluate(good_kind, good_input))
        if got is not None:
            problems.append(f"good request afterwards ({name}) failed: {show(got)}")
        else:
            problems += [f"good request afterwards ({name}): {p}" for p in mismatches(expect, answer)]
    except NotExpressible as e:
        return {"status": "not_expressible", "special": e.special, "problems": []}
    except BaseException as e:  # noqa: BLE001
        problems.append(f"the runner failed: {type(e).__name__}: {e}")
    status = "fail" if problems else "pass"
    return {"status": status, "problems": problems, "ms": round((time.monotonic() - t0) * 1000)}


def child(start: int) -> None:
    """Run the cases from `start` on, one line per case start and per result (unbuffered)."""
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    import kefu
    from test_shared_cases import mismatches

    cases = load_bad()
    good = good_requests()

    def line(o: Any) -> None:
        os.write(1, (MARK + json.dumps(o) + "\n").encode())

    for i in range(start, len(cases)):
        line({"i": i, "start": True})
        line({"i": i, "result": run_case(kefu, mismatches, cases[i], good)})
    line({"done": True})


_results: Optional[Dict[int, Dict[str, Any]]] = None


def results() -> Dict[int, Dict[str, Any]]:
    """Every case's result, from children; a child that dies marks the case it was running."""
    global _results
    if _results is not None:
        return _results
    cases = load_bad()
    out: Dict[int, Dict[str, Any]] = {}
    start = 0
    while start < len(cases):
        try:
            run = subprocess.run(
                [sys.executable, __file__, "--child", str(start)],
                capture_output=True,
                timeout=300,
                cwd=str(ROOT),
            )
            stdout, stderr, how = run.stdout, run.stderr, f"died: exit {run.returncode}"
        except subprocess.TimeoutExpired as e:
            stdout, stderr, how = e.stdout or b"", e.stderr or b"", "hang (killed after 300 s)"
        started, done = None, False
        for raw in stdout.decode(errors="replace").splitlines():
            if not raw.startswith(MARK):
                continue
            o = json.loads(raw[len(MARK):])
            if o.get("done"):
                done = True
            elif o.get("start"):
                started = o["i"]
            else:
                out[o["i"]] = o["result"]
                started = None
        if done:
            break
        tail = " | ".join(stderr.decode(errors="replace").strip().splitlines()[-3:])[:400]
        if started is None:
            for i in range(start, len(cases)):
                out.setdefault(i, {"status": "fail", "problems": [f"child {how} before this case ran: {tail}"]})
            break
        out[started] = {"status": "crash", "problems": [f"CRASH: the process {how} in this case: {tail}"]}
        start = started + 1
    _results = out
    counts = {s: sum(1 for r in out.values() if r["status"] == s) for s in ("pass", "fail", "crash", "not_expressible")}
    ran = len(out) - counts["not_expressible"]
    print(
        f"\npython: {len(cases)} bad cases; {ran} ran ({counts['pass']} passed, {counts['fail']} failed, "
        f"{counts['crash']} crashed), {counts['not_expressible']} not expressible in Python"
    )
    return out


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    child(int(sys.argv[2]))
    sys.exit(0)

import pytest  # noqa: E402  (the child above needs no pytest)

CASES = load_bad()


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c["id"] for c in CASES])
def test_bad_case(index: int) -> None:
    r = results()[index]
    if r["status"] == "not_expressible":
        pytest.skip(f"not expressible in Python ({r['special']})")
    assert r["problems"] == [], "\n".join(r["problems"])


def test_the_corpus_has_enough_cases() -> None:
    assert len(CASES) >= MIN_CASES, f"{len(CASES)} cases"


def test_exactly_the_cases_python_cannot_express_were_not_run() -> None:
    skipped = sorted(CASES[i]["id"] for i, r in results().items() if r["status"] == "not_expressible")
    want = sorted(c["id"] for c in CASES if case_specials(c) & NOT_EXPRESSIBLE)
    assert skipped == want
