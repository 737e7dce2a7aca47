"""Per-call cost of check_return from Python (BENCHMARKS.md). Run: scripts/bench.sh."""

import json
import pathlib
import statistics
import time

import kefu

ROOT = pathlib.Path(__file__).resolve().parents[2]
REQUEST = json.loads((ROOT / "tests" / "bench" / "realistic_return.json").read_text(encoding="utf-8"))
ORDER = json.loads((ROOT / "tests" / "bench" / "order_flag.json").read_text(encoding="utf-8"))
ACTION = json.loads((ROOT / "tests" / "bench" / "order_action.json").read_text(encoding="utf-8"))
SLA = json.loads((ROOT / "tests" / "bench" / "sla.json").read_text(encoding="utf-8"))
DISPATCH = json.loads((ROOT / "tests" / "bench" / "dispatch.json").read_text(encoding="utf-8"))
COMPLAINT = json.loads((ROOT / "tests" / "bench" / "complaint.json").read_text(encoding="utf-8"))
TIMELINE = json.loads((ROOT / "tests" / "bench" / "refund_timeline.json").read_text(encoding="utf-8"))


def per_call(fn, n: int = 20000, runs: int = 7) -> float:
    for _ in range(2000):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        times.append((time.perf_counter_ns() - t0) / n)
    return statistics.median(times)


if __name__ == "__main__":
    engine = kefu.Engine()
    shop = kefu.Engine(SLA["policy"])
    text = json.dumps(REQUEST)
    batch = [REQUEST] * 1000
    rows = {
        "python check_return(dict)": per_call(lambda: engine.check_return(REQUEST)),
        "python check_return(json text)": per_call(lambda: engine.check_return(text)),
        "python evaluate_batch, per row (1000 rows, every core)": per_call(lambda: engine.evaluate_batch("check_return", batch), n=20) / 1000,
        "python evaluate_batch, per row (1000 rows, 1 thread)": per_call(lambda: engine.evaluate_batch("check_return", batch, threads=1), n=20) / 1000,
        "python evaluate_batch, per row (1000 complaints, every core)": per_call(lambda: engine.evaluate_batch("classify_complaint", [COMPLAINT] * 1000), n=20) / 1000,
        "python evaluate_batch, per row (1000 complaints, 1 thread)": per_call(lambda: engine.evaluate_batch("classify_complaint", [COMPLAINT] * 1000, threads=1), n=20) / 1000,
        "python is_workday": per_call(lambda: engine.is_workday("2026-02-14")),
        "python order_flag": per_call(lambda: engine.order_flag(ORDER)),
        "python order_action": per_call(lambda: engine.order_action(ACTION)),
        "python sla (30 working days)": per_call(lambda: shop.sla(SLA["request"])),
        "python dispatch_estimate": per_call(lambda: engine.dispatch_estimate(DISPATCH)),
        "python refund_timeline": per_call(lambda: engine.refund_timeline(TIMELINE)),
        "python classify_complaint (200 chars)": per_call(lambda: engine.classify_complaint(COMPLAINT)),
    }
    for name, ns in rows.items():
        print(f"{name}: {ns / 1000:.2f} µs")
