"""Data frames through Arrow: pyarrow, pandas and polars in, the same kind out, one answer row
per input row in order, errors in place, and the same decisions as one call at a time."""

import json
from typing import Any, Dict, List

import pandas
import polars
import pyarrow
import pytest

import kefu

# Every row names every column (pyarrow infers a table's columns from its first row); None is
# a null cell, which kefu reads as a missing field.
GOOD = {
    "reason": "no_reason", "category": "apparel", "signed_at": "2026-03-01T23:59:00+08:00",
    "requested_at": "2026-03-08T21:30:00+08:00", "condition": None, "price_paid_cents": None,
}
ROWS: List[Dict[str, Any]] = [
    GOOD,
    {**GOOD, "category": "cosmetics", "condition": {"seal_broken": True}},
    {**GOOD, "category": None},
    {**GOOD, "requested_at": "2026-03-09T00:00:00+08:00", "price_paid_cents": 5900},
    {**GOOD, "category": "no such category"},
]


def expected(row: Dict[str, Any]) -> Dict[str, Any]:
    """The answer of one call, for comparison."""
    request = {k: v for k, v in row.items() if v is not None}
    try:
        return {"ok": True, "decision": kefu.check_return(request)}
    except kefu.KefuError as e:
        return {"ok": False, "code": e.code, "path": e.path}


def check(answer: List[Dict[str, Any]]) -> None:
    assert [a["index"] for a in answer] == list(range(len(ROWS)))
    for row, a in zip(ROWS, answer):
        want = expected(row)
        assert a["ok"] == want["ok"]
        if want["ok"]:
            assert json.loads(a["decision"]) == want["decision"]
            # Every main field is the decision's own value as text.
            for name, value in want["decision"].items():
                if name in a and name != "decision":
                    text = None if value is None else "|".join(map(str, value)) if isinstance(value, list) else json.dumps(value) if isinstance(value, bool) else str(value)
                    assert a[name] == text, name
            assert a["reason_codes"] == "|".join(r["code"] for r in want["decision"]["reasons"])
            assert a["error_code"] is None
        else:
            assert (a["error_code"], a["error_path"]) == (want["code"], want["path"])
            assert a["decision"] is None


def test_a_pyarrow_table() -> None:
    table = pyarrow.Table.from_pylist(ROWS)
    out = kefu.evaluate_frame("check_return", table, decisions=True)
    assert isinstance(out, pyarrow.Table)
    assert "decision" not in kefu.evaluate_frame("check_return", table).column_names
    check(out.to_pylist())


def test_a_pandas_frame() -> None:
    frame = pandas.DataFrame(ROWS)
    out = kefu.evaluate_frame("check_return", frame, decisions=True)
    assert isinstance(out, pandas.DataFrame) and len(out) == len(frame)
    check(out.replace({float("nan"): None}).astype(object).where(out.notna(), None).to_dict("records"))


def test_a_polars_frame() -> None:
    frame = polars.DataFrame(ROWS)
    out = kefu.evaluate_frame("check_return", frame, decisions=True)
    assert isinstance(out, polars.DataFrame)
    check(out.to_dicts())


def test_many_batches_and_threads_keep_the_order() -> None:
    rows = ROWS * 400
    table = pyarrow.Table.from_batches(pyarrow.Table.from_pylist(rows).to_batches(max_chunksize=333))
    one = kefu.evaluate_frame("check_return", table, threads=1, decisions=True).to_pylist()
    many = kefu.evaluate_frame("check_return", table, threads=4, decisions=True).to_pylist()
    assert one == many and [a["index"] for a in one] == list(range(len(rows)))


def test_what_cannot_be_decided() -> None:
    with pytest.raises(kefu.KefuError) as info:
        kefu.evaluate_frame("no_such_kind", pyarrow.table({"a": [1]}))
    assert info.value.code == "UNKNOWN_KIND"
    with pytest.raises(kefu.KefuError) as info:
        kefu.evaluate_frame("check_return", [GOOD])
    assert (info.value.code, info.value.path) == ("INVALID_INPUT", "")
    empty = kefu.evaluate_frame("check_return", pyarrow.Table.from_pylist(ROWS).slice(0, 0))
    assert empty.num_rows == 0
