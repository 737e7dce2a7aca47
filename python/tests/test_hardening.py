"""Nothing a caller sends takes kefu down: a panic inside kefu is a typed error (the test
build's probe kind panics), and one Engine shared by 8 threads gives every thread the answers
it gives one."""

import json
import random
import threading
from typing import Any, Dict, List, Tuple

import pyarrow as pa

import kefu
from conftest import ROOT

PROBE = "panic_probe"  # known only to test builds (core's `panic-probe` feature)
GOOD = {
    "reason": "no_reason",
    "category": "apparel",
    "signed_at": "2026-03-01T10:00:00+08:00",
    "requested_at": "2026-03-03T10:00:00+08:00",
}


def test_a_panic_is_an_internal_error_and_the_engine_goes_on() -> None:
    engine = kefu.Engine()
    want = engine.evaluate("check_return", GOOD)
    for call in (
        lambda: engine.evaluate(PROBE, {}),
        lambda: engine.evaluate(PROBE, "{}"),
        lambda: kefu.evaluate(PROBE, {}),
    ):
        try:
            call()
        except kefu.InternalError as e:
            assert e.code == "INTERNAL"
            assert "the panic probe was called" in e.message
        else:
            raise AssertionError("the probe did not panic: is this a test build (KEFU_TEST_BUILD=1)?")
        assert engine.evaluate("check_return", GOOD) == want
    for threads in (1, 4):
        items = engine.evaluate_batch(PROBE, [{}] * 300, threads=threads)
        assert [i["index"] for i in items] == list(range(300))
        assert {i["error"]["code"] for i in items} == {"INTERNAL"}
    frame = kefu.evaluate_frame(PROBE, pa.table({"x": list(range(100))}))
    assert frame.num_rows == 100
    assert set(frame.column("error_code").to_pylist()) == {"INTERNAL"}
    assert engine.evaluate("check_return", GOOD) == want


def test_a_lone_surrogate_is_read_as_u_fffd_as_in_javascript() -> None:
    # A cut-off emoji leaves half a UTF-16 pair; every host reads it as U+FFFD.
    complaint = {"text": "快递太慢了\ud83d", "channel": "chat", "received_at": "2026-03-02T10:00:00+08:00"}
    replaced = {**complaint, "text": "快递太慢了\ufffd"}
    assert kefu.evaluate("classify_complaint", complaint) == kefu.evaluate("classify_complaint", replaced)
    try:
        kefu.evaluate("check_return", {**GOOD, "reason": "no_reason\ud800"})
    except kefu.KefuError as e:
        assert (e.code, e.path) == ("INVALID_INPUT", "/reason")
    else:
        raise AssertionError("a reason with a lone surrogate was accepted")


Call = Tuple[str, Any]


def mixed_calls() -> List[Call]:
    """Every shared case on the default policy (good and bad requests of every kind)."""
    calls: List[Call] = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.json")):
        suite = json.loads(path.read_text())
        for case in suite["cases"]:
            if "policy" in case:
                continue
            arg = case["input_text"] if "input_text" in case else case["input"]
            if isinstance(arg, str) and "input_text" not in case:
                arg = json.dumps(arg)
            calls.append((suite["kind"], arg))
    return calls


def answer(engine: Any, kind: str, arg: Any) -> Dict[str, Any]:
    try:
        return {"ok": engine.evaluate(kind, arg)}
    except kefu.KefuError as e:
        return {"error": [e.code, e.path, e.message]}


def test_eight_threads_share_one_engine_and_agree_with_one() -> None:
    engine = kefu.Engine()
    calls = mixed_calls()
    assert len(calls) > 300
    want = [answer(engine, kind, arg) for kind, arg in calls]
    batch_want = {
        kind: engine.evaluate_batch(kind, [a for k, a in calls if k == kind and not isinstance(a, str)], threads=1)
        for kind in {k for k, _ in calls}
    }
    rounds, problems, done = 4, [], []
    start = threading.Barrier(8)

    def hammer(seed: int) -> None:
        rng = random.Random(seed)
        start.wait()
        checked = 0
        for _ in range(rounds):
            order = list(range(len(calls)))
            rng.shuffle(order)
            for i in order:
                kind, arg = calls[i]
                got = answer(engine, kind, arg)
                if got != want[i]:
                    problems.append((seed, kind, arg, got, want[i]))
                checked += 1
                if i % 97 == 0:  # now and then a whole batch, decided with the GIL released
                    rows = [a for k, a in calls if k == kind and not isinstance(a, str)]
                    if engine.evaluate_batch(kind, rows, threads=2) != batch_want[kind]:
                        problems.append((seed, kind, "batch"))
                    checked += len(rows)
        done.append(checked)

    threads = [threading.Thread(target=hammer, args=(seed,)) for seed in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert problems == []
    assert len(done) == 8 and all(n >= rounds * len(calls) for n in done), done
