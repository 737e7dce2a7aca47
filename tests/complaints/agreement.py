"""Agreement of kefu's classify_complaint with the labelled complaints in labelled.json.

    python tests/complaints/agreement.py             # agreement per label, per split
    python tests/complaints/agreement.py --misses    # and every item where kefu disagrees

The labels were written by hand from the rule book (seed 002 §三) without seeing kefu's
lexicon; `dev` items were used to tune the lexicon and rules, `holdout` items were not.
"""

from __future__ import annotations

import json
import pathlib
import sys
from collections import Counter, defaultdict
from typing import Any, Dict, List

import kefu

HERE = pathlib.Path(__file__).resolve().parent
CAUSES = ["product_quality", "service", "price", "integrity"]


def load() -> List[Dict[str, Any]]:
    return json.loads((HERE / "labelled.json").read_text(encoding="utf-8"))["items"]


def agreement(items: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Per split: share of items where kefu equals the label, per label and per cause."""
    engine = kefu.Engine()
    out: Dict[str, Any] = {}
    by_split: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_split[item["split"]].append(item)
        by_split["all"].append(item)
    for split, group in by_split.items():
        hits: Counter = Counter()
        cause_tp: Counter = Counter()
        cause_fp: Counter = Counter()
        cause_fn: Counter = Counter()
        confusion: Counter = Counter()
        misses = []
        for item in group:
            d = engine.classify_complaint(item["request"])
            want = item["labels"]
            got = {"severity": d["severity"], "behaviour": d["behaviour"], "causes": sorted(d["causes"])}
            confusion[(want["severity"], got["severity"])] += 1
            wrong = []
            for key in ("severity", "behaviour"):
                if got[key] == want[key]:
                    hits[key] += 1
                else:
                    wrong.append(key)
            if got["causes"] == sorted(want["causes"]):
                hits["causes"] += 1
            else:
                wrong.append("causes")
            for c in CAUSES:
                w, g = c in want["causes"], c in got["causes"]
                cause_tp[c] += w and g
                cause_fp[c] += g and not w
                cause_fn[c] += w and not g
            if wrong:
                misses.append((item, got, wrong, [q["text"] + ":" + q["category"] for q in d["cues"]]))
        n = len(group)
        out[split] = {
            "n": n,
            "agreement": {k: hits[k] / n for k in ("severity", "behaviour", "causes")},
            "cause_precision": {c: cause_tp[c] / max(1, cause_tp[c] + cause_fp[c]) for c in CAUSES},
            "cause_recall": {c: cause_tp[c] / max(1, cause_tp[c] + cause_fn[c]) for c in CAUSES},
            "severity_confusion": {f"{w}->{g}": k for (w, g), k in sorted(confusion.items())},
            "misses": misses,
        }
    return out


def main() -> int:
    result = agreement(load())
    for split in ("dev", "holdout", "all"):
        r = result[split]
        a = r["agreement"]
        print(f"{split:8} n={r['n']:3}  severity {a['severity']:.1%}  behaviour {a['behaviour']:.1%}  causes (exact set) {a['causes']:.1%}")
        print("          cause precision/recall: " + ", ".join(
            f"{c} {r['cause_precision'][c]:.0%}/{r['cause_recall'][c]:.0%}" for c in CAUSES))
        print("          severity label->kefu: " + ", ".join(f"{k} {v}" for k, v in r["severity_confusion"].items()))
    if "--misses" in sys.argv:
        for item, got, wrong, cues in result["all"]["misses"]:
            print(f"\n{item['id']} [{item['split']}] wrong: {', '.join(wrong)}")
            print(f"  text: {item['request'].get('text')}")
            facts = {k: v for k, v in item['request'].items() if k not in ('text', 'channel', 'received_at')}
            if facts:
                print(f"  facts: {facts}")
            print(f"  label: {item['labels']}  kefu: {got}")
            print(f"  cues: {cues}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
