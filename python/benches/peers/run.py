"""kefu against its peers in Python, on the same return requests (issue 9; BENCHMARKS.md).

    .venv/bin/python python/benches/peers/run.py [--runs 7] [--out target/bench/peers_python.json]

Reads target/bench/peers_returns.json (python3 tests/bench/peers_gen.py). Every engine's
{verdict, remedies} is checked equal to kefu's on every request before anything is timed; a
mismatch prints the first few and exits 1. Then each engine decides all N requests once per
round, engines taking turns within a round (the first one rotating), for `runs` rounds after a
warm-up round; the figure is the median over the rounds, per decision.
The peer (zen-engine) is dev-only: `bash scripts/bench-peers.sh` installs it into .venv.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import pathlib
import platform
import statistics
import sys
import time

import kefu

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))
import plain  # noqa: E402  (python/benches/peers/plain.py)


def pick(d: dict) -> dict:
    return {"verdict": d["verdict"], "remedies": d["remedies"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--requests", type=pathlib.Path, default=ROOT / "target" / "bench" / "peers_returns.json")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "target" / "bench" / "peers_python.json")
    args = ap.parse_args()
    if not args.requests.exists():
        sys.exit(f"{args.requests} is missing: make it with `python3 tests/bench/peers_gen.py` (or run `bash scripts/bench-peers.sh`)")
    data = json.loads(args.requests.read_text(encoding="utf-8"))
    requests, n = data["requests"], data["n"]

    import pyarrow as pa
    import zen

    # The peers' rules as a policy (tests/bench/peers_policy.json); rows whose period ends on a
    # statutory holiday (民法典 Art. 203, which the peers' day counts do not know) are left out.
    engine = kefu.Engine(json.loads((ROOT / "tests" / "bench" / "peers_policy.json").read_text(encoding="utf-8")))
    keep = [i for i, r in enumerate(requests) if not any(x["code"] == "LAST_DAY_AFTER_REST_DAYS" for x in engine.check_return(r)["reasons"])]
    print(f"python: {n - len(keep)} of {n} requests end on a statutory holiday and are left out", file=sys.stderr)
    requests, data["facts"], n = [requests[i] for i in keep], [data["facts"][i] for i in keep], len(keep)
    jdm = (ROOT / "tests" / "bench" / "returns.jdm.json").read_text(encoding="utf-8")
    # ZEN two ways: the engine with its static loader, `evaluate(key)` (the fastest way found
    # here: a Python loader callback returning a pre-compiled ZenDecisionContent is called on
    # every evaluation and measured 10-15% slower per call, ~2x in a batch), and
    # create_decision(...).evaluate, its basic usage (about 10x slower again).
    zen_engine = zen.ZenEngine({"loader": {"type": "static", "content": {"returns": json.loads(jdm)}}})
    zen_decision = zen.ZenEngine().create_decision(jdm)
    zen_batch = [{"key": "returns", "context": r} for r in requests]
    # A data frame the caller already holds (built before timing): a column per field, null
    # where a request leaves the field out (from_pylist would take the columns of row 0 only).
    fields = list(dict.fromkeys(k for r in requests for k in r))
    table = pa.table({k: pa.array([r.get(k) for r in requests]) for k in fields})

    # ---- check every answer against kefu's before timing ----
    zen_own: list = []

    def zen_answer(response: dict) -> dict:
        zen_own.append(_micros(response["performance"]))
        return response["result"]

    expected = [pick(engine.check_return(r)) for r in requests]
    frame = kefu.evaluate_frame("check_return", table, engine=engine).to_pylist()
    answers = {
        "kefu lean": [pick(engine.check_return(r, lean=True)) for r in requests],
        "kefu batch": [pick(x["decision"]) if x["ok"] else x for x in engine.evaluate_batch("check_return", requests)],
        "kefu batch lean": [pick(x["decision"]) if x["ok"] else x for x in engine.evaluate_batch("check_return", requests, lean=True)],
        "kefu frame": [{"verdict": x["verdict"], "remedies": x["remedies"].split("|") if x["remedies"] else []} if x["ok"] else x for x in frame],
        "plain Python": [plain.check_return(r) for r in requests],
        "ZEN": [pick(zen_answer(zen_engine.evaluate("returns", r))) for r in requests],
        "ZEN create_decision": [pick(zen_decision.evaluate(r)["result"]) for r in requests],
        "ZEN batch": [pick(x["data"]["result"]) if x.get("success") else x for x in zen_engine.evaluate_batch(zen_batch)],
    }
    zen_own_us = statistics.median(zen_own)  # ZEN's own figure for its evaluation, no host conversion
    bad = 0
    for name, got in answers.items():
        wrong = [i for i in range(n) if got[i] != expected[i]]
        if wrong:
            bad += 1
            print(f"{name}: {len(wrong)} of {n} answers differ from kefu's; the first ones:", file=sys.stderr)
            for i in wrong[:5]:
                print(f"  #{i} kefu {expected[i]} {name} {got[i]}\n    request {json.dumps(requests[i], ensure_ascii=False)} facts {data['facts'][i]}", file=sys.stderr)
    if bad:
        sys.exit(1)
    print(f"python: every engine agrees with kefu on all {n} requests (seed {data['seed']})")
    paths = collections.Counter((e["verdict"], tuple(e["remedies"])) for e in expected)
    print("python: outcomes " + ", ".join(f"{v} {'/'.join(r) or '-'}: {c}" for (v, r), c in sorted(paths.items())))

    # ---- timing ----
    check, plain_fn = engine.check_return, plain.check_return
    zen_eval, zen_decide, zen_batch_eval = zen_engine.evaluate, zen_decision.evaluate, zen_engine.evaluate_batch

    def loop(fn, rows=requests):
        def run():
            for r in rows:
                fn(r)
        return run

    # ZEN's create_decision path takes about a millisecond a call: it is timed on the first
    # 1,000 requests only (a pass over 10,000 would take the whole run's time).
    few = requests[:1000]

    passes = {
        ("kefu", "call"): loop(check),
        ("kefu", "call, lean"): loop(lambda r: check(r, lean=True)),
        ("ZEN", "call"): loop(lambda r: zen_eval("returns", r)),
        ("ZEN", "call, create_decision"): loop(zen_decide, few),
        ("plain Python", "call"): loop(plain_fn),
        ("kefu", "batch"): lambda: engine.evaluate_batch("check_return", requests),
        ("kefu", "batch, 1 thread"): lambda: engine.evaluate_batch("check_return", requests, threads=1),
        ("kefu", "batch, lean"): lambda: engine.evaluate_batch("check_return", requests, lean=True),
        ("kefu", "batch, lean, 1 thread"): lambda: engine.evaluate_batch("check_return", requests, threads=1, lean=True),
        ("kefu", "frame"): lambda: kefu.evaluate_frame("check_return", table, engine=engine),
        ("kefu", "frame, 1 thread"): lambda: kefu.evaluate_frame("check_return", table, threads=1, engine=engine),
        ("ZEN", "batch"): lambda: zen_batch_eval(zen_batch),
    }
    names = list(passes)
    times: dict = {k: [] for k in names}
    for rnd in range(-1, args.runs):  # round -1 is the warm-up
        for j in range(len(names)):
            name = names[(j + max(rnd, 0)) % len(names)]
            gc.collect()
            t0 = time.perf_counter_ns()
            passes[name]()
            ns = (time.perf_counter_ns() - t0) / (len(few) if "create_decision" in name[1] else n)
            if rnd >= 0:
                times[name].append(ns)
    rows = [{"engine": e, "mode": m, "us": statistics.median(times[(e, m)]) / 1000, "runs_us": [t / 1000 for t in times[(e, m)]]} for e, m in names]
    rows.append({"engine": "ZEN", "mode": "own figure", "us": zen_own_us, "runs_us": []})
    result = {
        "host": "python", "python": platform.python_version(), "n": n, "seed": data["seed"], "runs": args.runs, "rows": rows,
        "versions": {"kefu": kefu.VERSION, "zen-engine": _version("zen-engine"), "pyarrow": pa.__version__},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    for r in rows:
        print(f"python {r['engine']:<13} {r['mode']:<16} {r['us']:9.2f} µs/decision")


def _micros(text: str) -> float:
    """ZEN's `performance` text ("20.1µs", "1.2ms", "900ns") in µs."""
    for unit, scale in (("ns", 1e-3), ("µs", 1.0), ("ms", 1e3), ("s", 1e6)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    raise ValueError(text)


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


if __name__ == "__main__":
    main()
