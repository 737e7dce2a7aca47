"""The return requests every engine of the peer benchmark decides (issue 9, BENCHMARKS.md).

    python tests/bench/peers_gen.py [N] [--out PATH]     # N = 10,000, PATH = target/bench/peers_returns.json

One file, read by the Python runner (python/benches/peers/), the Node runner (node/benches/peers/),
the criterion bench (core/benches/peers.rs) and the plain-function test: N valid check_return
requests from a fixed seed, mixing every branch of the seven-day decision (rule book §3): in
the window, on its last day to the last second, on the first late day from its first second,
long after; every category (Art. 6 never, Art. 7 with and without the buyer's confirmation,
the Art. 9 groups); every Art. 8/9 condition fact; every seller-fault reason through the
7/15-day schedule, the warranty and exhausted repairs; gifts, shipping, prices. Instants carry
+08:00 (the policy's zone) mostly, but also Z, -05:00 and +09:00, so that a day boundary must
be taken in the policy's zone, not in the request's.

Beside each request, `facts` holds what the generator pre-computes for a rules engine without
business-date arithmetic in the policy's zone (json-rules-engine): the local day counts in
UTC+08:00 from signing (and from the sale) to the request. ZEN computes them itself.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
from datetime import datetime, timedelta, timezone

SEED = 9
POLICY_TZ = timezone(timedelta(hours=8))  # the default policy's time zone
DAY = 86_400

CATEGORIES = [
    "general", "apparel", "shoes", "bags", "toys", "home_textiles", "electronics",
    "food", "health_food", "cosmetics", "medical_devices", "family_planning",
    "custom_made", "fresh_perishable", "digital_download", "audio_video_software",
    "newspapers_periodicals", "unseal_sensitive", "activation_sensitive", "near_expiry_or_flawed",
]
ART7 = {"unseal_sensitive", "activation_sensitive", "near_expiry_or_flawed"}
SELLER_FAULT = ["quality_defect", "not_as_described", "wrong_item", "damaged_in_transit", "missing_parts"]
# Each Art. 8/9 fact with the probability that it departs from its default.
CONDITION = {
    "opened_to_inspect": (True, 0.30),
    "used_beyond_inspection": (True, 0.06),
    "seal_broken": (True, 0.15),
    "tags_removed": (True, 0.08),
    "soiled_or_damaged": (True, 0.05),
    "accessories_complete": (False, 0.04),
    "brand_marks_complete": (False, 0.03),
    "activated_or_data_left": (True, 0.08),
    "labels_tampered": (True, 0.05),
    "unauthorized_repair": (True, 0.05),
}
OFFSETS = [(8 * 60, 0.80), (0, 0.10), (-5 * 60, 0.05), (9 * 60, 0.05)]  # minutes east of UTC
START = int(datetime(2026, 1, 1, tzinfo=POLICY_TZ).timestamp())


def instant(epoch: int, offset_min: int) -> str:
    """RFC 3339 text of an epoch second at a fixed offset (Z for UTC)."""
    text = datetime.fromtimestamp(epoch, timezone(timedelta(minutes=offset_min))).isoformat()
    return text[:-6] + "Z" if offset_min == 0 else text


def local_day(epoch: int) -> int:
    """The day number of an instant in the policy's zone (UTC+08:00)."""
    return (epoch + 8 * 3600) // DAY


def pick_offset(rng: random.Random) -> int:
    return rng.choices([o for o, _ in OFFSETS], [w for _, w in OFFSETS])[0]


def second_of_day(rng: random.Random) -> int:
    """A local time of day, often at the day's first or last second."""
    r = rng.random()
    if r < 0.15:
        return 0
    if r < 0.30:
        return DAY - 1
    return rng.randrange(DAY)


def request(rng: random.Random, i: int) -> tuple[dict, dict]:
    reason = "no_reason" if rng.random() < 0.55 else rng.choice(SELLER_FAULT)
    category = rng.choice(CATEGORIES)
    signed = START + rng.randrange(330 * DAY)
    if rng.random() < 0.2:  # signed at a local day's edge
        signed = local_day(signed) * DAY - 8 * 3600 + rng.choice([0, DAY - 1])
    req: dict = {"order_id": f"PB{i:06d}", "reason": reason, "category": category}

    sold = signed
    warranty = 0
    if reason != "no_reason" and rng.random() < 0.3:
        sold = signed - rng.randrange(10 * DAY)
        req["sold_at"] = instant(sold, pick_offset(rng))
    if reason != "no_reason" and rng.random() < 0.4:
        warranty = rng.choice([0, 30, 90, 180, 365])
        req["warranty_days"] = warranty

    # The request's local day: around every boundary of the window and the schedule.
    r = rng.random()
    if r < 0.35:
        delta = rng.randrange(0, 7)
    elif r < 0.55:
        delta = 7  # the window's last day
    elif r < 0.70:
        delta = 8  # the first day too late
    elif r < 0.80:
        delta = rng.choice([15, 16])  # the end of the exchange period
    elif r < 0.88 and reason == "quality_defect":
        delta = local_day(sold) + warranty + rng.choice([0, 1]) - local_day(signed)  # the warranty's end
    else:
        delta = rng.randrange(9, 400)
    asked_day = local_day(signed) + max(delta, 0)
    asked = max(asked_day * DAY - 8 * 3600 + second_of_day(rng), signed)
    req["signed_at"] = instant(signed, pick_offset(rng))
    req["requested_at"] = instant(asked, pick_offset(rng))

    condition = {}
    for name, (value, p) in CONDITION.items():
        if rng.random() < p:
            condition[name] = value
        elif rng.random() < 0.1:
            condition[name] = not value  # the default, written out
    if condition or rng.random() < 0.5:
        req["condition"] = condition
    if rng.random() < (0.5 if category in ART7 else 0.1):
        req["exclusion_confirmed"] = rng.random() < 0.6
    if reason == "quality_defect" and rng.random() < 0.4:
        req["repairs_done"] = rng.choice([0, 1, 2, 2, 3])
    if rng.random() < 0.15:
        req["gifts"] = [
            {"name": f"赠品{k + 1}", "marked_price_cents": rng.randrange(100, 5000), "returned": rng.random() < 0.5}
            for k in range(rng.randint(1, 2))
        ]
    if rng.random() < 0.15:
        total = rng.randrange(5_000, 50_000)
        req["shipping"] = {
            "shipping_fee_cents": rng.choice([0, 600, 1000]),
            "free_shipping_threshold_cents": rng.choice([None, 9_900, 19_900]),
            "order_total_cents": total,
            "returned_amount_cents": rng.randrange(0, total + 1),
        }
    if rng.random() < 0.5:
        req["price_paid_cents"] = rng.randrange(500, 100_000)
    if rng.random() < 0.1:
        req["returned_goods_received_at"] = instant(asked + rng.randrange(10 * DAY), 8 * 60)

    facts = {
        "days_after_signing": local_day(asked) - local_day(signed),
        "days_after_sale": local_day(asked) - local_day(sold),
    }
    return req, facts


def generate(n: int, seed: int = SEED) -> dict:
    rng = random.Random(seed)
    pairs = [request(rng, i) for i in range(n)]
    return {
        "seed": seed,
        "n": n,
        "policy_time_zone": "+08:00",
        "requests": [r for r, _ in pairs],
        "facts": [f for _, f in pairs],
    }


def main() -> None:
    root = pathlib.Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=10_000)
    ap.add_argument("--out", type=pathlib.Path, default=root / "target" / "bench" / "peers_returns.json")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    data = generate(args.n, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print(f"{args.n} return requests (seed {args.seed}) -> {args.out}")


if __name__ == "__main__":
    main()
