"""Data-frame throughput: N check_return rows (default 1,000,000, fixed seed, 1% bad) through
kefu.evaluate_frame, on every core and on one thread (BENCHMARKS.md).

    python python/benches/frames.py [N]
"""

import random
import sys
import time

import pyarrow

import kefu

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = random.Random(7)
cats = ["apparel", "cosmetics", "general", "food", "custom_made", "electronics"]
signed = [rng.randint(1, 28) for _ in range(n)]
asked = [s + rng.randint(0, 10) for s in signed]
table = pyarrow.table({
    "order_id": [f"TB{i}" for i in range(n)],
    "reason": [rng.choice(["no_reason", "quality_defect"]) for _ in range(n)],
    "category": [None if i % 100 == 0 else rng.choice(cats) for i in range(n)],
    "signed_at": [f"2026-03-{d:02d}T10:00:00+08:00" for d in signed],
    "requested_at": [f"2026-03-{a:02d}T11:00:00+08:00" if a <= 31 else f"2026-04-{a-31:02d}T11:00:00+08:00" for a in asked],
    "condition": pyarrow.array([{"seal_broken": rng.random() < 0.2} for _ in range(n)]),
})
for threads in (None, 1):
    best = None
    for _ in range(3):
        t0 = time.perf_counter(); out = kefu.evaluate_frame("check_return", table, threads=threads); dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print(f"threads={threads}: {n} rows in {best:.2f} s = {n/best:,.0f} rows/s; failed {out.num_rows - sum(out.column('ok').to_pylist())}")
