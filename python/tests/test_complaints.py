"""classify_complaint from Python: the labelled set's agreement, the generated folding table,
spans that index Python strings, and text past the limit."""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys

import pytest

import kefu

ROOT = pathlib.Path(__file__).resolve().parents[2]
RECEIVED = "2026-03-06T16:00:00+08:00"


def agreement_module():
    spec = importlib.util.spec_from_file_location("agreement", ROOT / "tests" / "complaints" / "agreement.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labelled_set_is_large_and_covers_every_label() -> None:
    items = agreement_module().load()
    assert len(items) >= 150
    labels = [i["labels"] for i in items]
    for key, values in [("severity", {"general", "serious", "critical"}),
                        ("behaviour", {"passive_grumbling", "negative_publicity", "venting_anger", "extreme_radical"})]:
        assert {x[key] for x in labels} == values
    assert {c for x in labels for c in x["causes"]} == {"product_quality", "service", "price", "integrity"}


def test_severity_agreement_does_not_regress() -> None:
    # Measured 2026-11-23 (see the issue 5 note): dev 90%, holdout 94%. A floor, not a target:
    # it fails when a lexicon or rule change makes kefu disagree with the labels more often.
    result = agreement_module().agreement(agreement_module().load())
    assert result["dev"]["agreement"]["severity"] >= 0.85
    assert result["holdout"]["agreement"]["severity"] >= 0.85


def test_the_folding_table_is_current() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "core" / "tools" / "gen_trad_map.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_cue_spans_index_the_python_string() -> None:
    text = "😡 不是质量问题，是客服態度太差，ＦＡＫＥ"
    d = kefu.classify_complaint({"text": text, "channel": "chat", "received_at": RECEIVED})
    assert d["cues"] and all(text[c["start"]:c["end"]] == c["text"] for c in d["cues"])
    assert [c["text"] for c in d["negated"]] == ["质量问题"]
    assert "product_quality" not in d["causes"]


def test_text_past_the_limit_is_a_typed_error_and_the_engine_goes_on() -> None:
    with pytest.raises(kefu.InvalidInputError) as info:
        kefu.classify_complaint({"text": "差" * (1 << 20), "channel": "chat", "received_at": RECEIVED})
    assert info.value.path == "/text"
    with pytest.raises(kefu.InvalidInputError) as info:
        kefu.classify_complaint({"text": "好", "channel": "fax", "received_at": RECEIVED})
    assert info.value.path == "/channel"
    assert kefu.classify_complaint({"channel": "phone", "received_at": RECEIVED})["severity"] == "general"
