"""A policy tried on history (issue 20 part 3): ``kefu.diff_policy`` over a list and over a
data frame. Two policies differ in one window; every changed row is checked by deciding it
separately under each policy, and every unchanged row is checked to decide alike."""

from __future__ import annotations

import pandas
import pytest

import kefu

OLD = {"id": "shop", "version": "1"}
NEW = {"id": "shop", "version": "2", "returns": {"windows": {"categories": {"apparel": {"days": 15}}}}}


def history() -> list:
    rows = []
    for i in range(300):
        rows.append({
            "id": f"r{i}", "order_id": f"TB{i:05d}", "reason": "no_reason",
            "category": "apparel" if i % 3 else "shoes",
            "signed_at": "2026-03-02T10:00:00+08:00",
            "requested_at": f"2026-03-{2 + i % 20:02d}T12:00:00+08:00",
        })
    return rows


def lean(engine: kefu.Engine, request: dict) -> dict:
    return engine.check_return(request, lean=True)


def test_every_changed_row_is_what_each_policy_decides_alone() -> None:
    rows = history() + ["{not json"]
    answer = kefu.diff_policy("check_return", rows, OLD, NEW)
    old, new = kefu.Engine(OLD), kefu.Engine(NEW)
    changes = {c["index"]: c for c in answer["changes"]}
    flips = 0
    for i, r in enumerate(rows[:-1]):
        a, b = lean(old, r), lean(new, r)
        if a == b:
            assert i not in changes, f"row {i} reported, but both policies decide it alike"
            continue
        c = changes.pop(i)
        assert (c["old"], c["new"], c["id"], c["order_id"]) == (a, b, r["id"], r["order_id"])
        assert set(c["changed"]) == {k for k in a if a[k] != b.get(k)}
        assert c["codes_added"] == [x for x in b["reason_codes"] if x not in a["reason_codes"]]
        flips += a["verdict"] != b["verdict"]
    assert changes == {}, "no row reported that did not change"
    s = answer["summary"]
    assert (s["rows_read"], s["rows_failed"]) == (301, 1)
    assert s["rows_changed"] == len(answer["changes"]) == 200  # the apparel rows
    assert s["transitions"].get("ineligible -> eligible") == flips > 0
    assert s["codes_added"]["SHOP_RETURN_WINDOW"] == 200


def test_a_data_frame_gives_the_same_changes_as_a_frame() -> None:
    rows = history()
    listed = kefu.diff_policy("check_return", rows, OLD, NEW)
    framed = kefu.diff_policy("check_return", pandas.DataFrame(rows), kefu.Engine(OLD), kefu.Engine(NEW))
    frame = framed["changes"]
    assert isinstance(frame, pandas.DataFrame)
    assert framed["summary"] == listed["summary"]
    assert frame["index"].tolist() == [c["index"] for c in listed["changes"]]
    assert frame["order_id"].tolist() == [c["order_id"] for c in listed["changes"]]
    assert frame["new_window_last_day"].tolist() == [c["new"]["window_last_day"] for c in listed["changes"]]
    assert frame["old_verdict"].tolist() == [c["old"]["verdict"] for c in listed["changes"]]
    assert frame["new_window_source"].tolist() == ["category"] * len(frame)
    assert frame["codes_added"].tolist() == ["|".join(c["codes_added"]) for c in listed["changes"]]
    # Each side's fields are written as evaluate_frame writes them (lists joined by "|").
    decided = kefu.evaluate_frame("check_return", pandas.DataFrame(rows), engine=kefu.Engine(NEW))
    at = frame["index"].tolist()
    for column in ("remedies", "reason_codes", "refund_due_days", "window_last_day"):
        assert frame[f"new_{column}"].tolist() == decided[column].iloc[at].tolist(), column


def test_the_same_policy_changes_nothing() -> None:
    answer = kefu.diff_policy("check_return", history(), OLD, OLD)
    assert answer["changes"] == []
    assert answer["summary"]["rows_changed"] == 0 and answer["summary"]["rows_read"] == 300


def test_bad_input_is_a_typed_error() -> None:
    with pytest.raises(kefu.InvalidPolicyError) as e:
        kefu.diff_policy("check_return", history(), OLD, {"returns": {"windows": {"tags": {"x": {"days": 3}}}}})
    assert e.value.path == "/returns/windows/tags/x/days"
    with pytest.raises(kefu.UnknownKindError):
        kefu.diff_policy("check_returns", history(), OLD, NEW)
    with pytest.raises(kefu.KefuError):
        kefu.diff_policy("check_return", 42, OLD, NEW)
