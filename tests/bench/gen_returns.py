"""Write N check_return requests as JSON Lines, from a fixed seed (BENCHMARKS.md).

    python tests/bench/gen_returns.py 1000000 > 1m.jsonl

Categories, reasons, signing and request dates and broken seals vary; every hundredth row
lacks its category, so 1% of rows are errors that must come out in their place.
"""

import json
import random
import sys


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(7)
    categories = ["apparel", "cosmetics", "general", "food", "custom_made", "electronics"]
    out = sys.stdout
    for i in range(n):
        signed = rng.randint(1, 28)
        asked = signed + rng.randint(0, 10)
        month, day = (3, asked) if asked <= 31 else (4, asked - 31)
        request = {
            "order_id": f"TB{i}",
            "reason": rng.choice(["no_reason", "quality_defect"]),
            "category": rng.choice(categories),
            "signed_at": f"2026-03-{signed:02d}T10:00:00+08:00",
            "requested_at": f"2026-{month:02d}-{day:02d}T11:00:00+08:00",
            "condition": {"seal_broken": rng.random() < 0.2},
        }
        if i % 100 == 0:
            request = {"reason": "no_reason"}
        out.write(json.dumps(request) + "\n")


if __name__ == "__main__":
    main()
