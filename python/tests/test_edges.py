"""Issue 18's edges, as Python meets them: thread counts that cannot all start, time-zone-aware
datetime columns, dotted column names, pandas without pyarrow, all-digit ids read by pandas as
int64, the request's keys echoed (decisions, batch items and frame rows, failed ones too), a
million-character complaint, and a shop phrase with spaces around it."""

import json
import sys
from typing import Any, Dict, List

import pandas
import polars
import pyarrow
import pytest

import kefu

ORDER_ID = "3456789012345678901"  # a Taobao order number: all digits, past 2^53
COMPLAINT: Dict[str, Any] = {"channel": "chat", "received_at": "2026-03-02T10:00:00+08:00"}
GOOD: Dict[str, Any] = {
    "reason": "no_reason", "category": "apparel", "signed_at": "2026-03-01T23:59:00+08:00",
    "requested_at": "2026-03-08T21:30:00+08:00",
}


def one(kind: str, request: Dict[str, Any]) -> Dict[str, Any]:
    """The answer of one call, as a frame row has it: ok, and the decision or the error."""
    try:
        return {"ok": True, "decision": kefu.evaluate(kind, request)}
    except kefu.KefuError as e:
        return {"ok": False, "code": e.code, "path": e.path, "message": e.message}


def rows(out: Any) -> List[Dict[str, Any]]:
    """A frame's answer as plain dicts (None for a missing cell, whichever library)."""
    if isinstance(out, pandas.DataFrame):
        return [{k: (None if v is None or (isinstance(v, float) and v != v) else v) for k, v in r.items()} for r in out.astype(object).to_dict("records")]
    if isinstance(out, polars.DataFrame):
        return out.to_dicts()
    return out.to_pylist()


def same_as_one_call(kind: str, out: Any, requests: List[Dict[str, Any]]) -> None:
    """Each answer row says what one call on the same request says."""
    got = rows(out)
    assert len(got) == len(requests)
    for row, request in zip(got, requests):
        want = one(kind, request)
        assert row["ok"] == want["ok"], (row, want)
        if want["ok"]:
            assert json.loads(row["decision"]) == want["decision"]
        else:
            assert (row["error_code"], row["error_path"]) == (want["code"], want["path"])


# ── item 3: threads ──────────────────────────────────────────────────────────────────────────


def test_a_frame_on_a_million_threads_is_decided_on_at_most_64() -> None:
    # 100,000 rows: one thread per row was more threads than a process can start (the old
    # frame path panicked with "failed to spawn thread", past `except Exception`).
    table = pyarrow.Table.from_pylist([GOOD] * 100_000)
    out = kefu.evaluate_frame("check_return", table, threads=1_000_000)
    assert out.num_rows == 100_000 and all(out.column("ok").to_pylist())
    assert out.column("verdict").unique().to_pylist() == ["eligible"]
    small = pyarrow.Table.from_pylist([GOOD] * 3)
    assert kefu.evaluate_frame("check_return", small, threads=10**30).num_rows == 3
    assert len(kefu.evaluate_batch("check_return", [GOOD] * 3, threads=10**30)) == 3


@pytest.mark.parametrize("threads", [-1, 0, -(10**30), 1.5, 2.0, "2", True, [1]])
def test_threads_is_a_whole_number_from_one(threads: Any) -> None:
    table = pyarrow.Table.from_pylist([GOOD])
    for call in (
        lambda: kefu.evaluate_batch("check_return", [GOOD], threads=threads),
        lambda: kefu.evaluate_frame("check_return", table, threads=threads),
    ):
        with pytest.raises(kefu.InvalidInputError) as info:
            call()
        assert (info.value.code, info.value.path) == ("INVALID_INPUT", "/options/threads")
        assert "threads" in info.value.message


def test_threads_may_be_a_numpy_integer_or_none() -> None:
    import numpy

    table = pyarrow.Table.from_pylist([GOOD])
    threads: Any
    for threads in (numpy.int64(2), None, 1, 64, 65):
        assert kefu.evaluate_batch("check_return", [GOOD], threads=threads)[0]["ok"]
        assert kefu.evaluate_frame("check_return", table, threads=threads).column("ok").to_pylist() == [True]


# ── item 10: datetime columns, dotted columns, pandas without pyarrow ────────────────────────


def test_time_zone_aware_datetime_columns_are_instants() -> None:
    signed = ["2026-03-01 23:59:00", "2026-03-01 23:59:00.250"]
    requested = ["2026-03-08 21:30:00", "2026-03-10 00:00:00"]
    frame = pandas.DataFrame({
        "reason": ["no_reason"] * 2, "category": ["apparel"] * 2,
        "signed_at": pandas.to_datetime(signed, format="ISO8601").tz_localize("Asia/Shanghai"),
        "requested_at": pandas.to_datetime(requested, format="ISO8601").tz_localize("Asia/Shanghai"),
    })
    text = [
        {**GOOD, "signed_at": "2026-03-01T23:59:00+08:00", "requested_at": "2026-03-08T21:30:00+08:00"},
        {**GOOD, "signed_at": "2026-03-01T23:59:00.250+08:00", "requested_at": "2026-03-10T00:00:00+08:00"},
    ]
    out = kefu.evaluate_frame("check_return", frame, decisions=True)
    assert out["ok"].tolist() == [True, True]
    same_as_one_call("check_return", out, text)
    # The second is past the window: its 7th day, Sunday 8 March, runs to Monday 9 March.
    assert out["verdict"].tolist() == ["eligible", "ineligible"]

    # The same instants as Arrow timestamps in UTC, in a fixed offset, and in seconds.
    for unit, tz in (("us", "UTC"), ("ns", "+08:00"), ("ms", "Asia/Shanghai"), ("s", "Etc/UTC")):
        kind = pyarrow.timestamp(unit, tz=tz)
        table = pyarrow.table({
            "reason": ["no_reason"], "category": ["apparel"],
            "signed_at": pyarrow.array(pandas.to_datetime(["2026-03-01T15:59:00Z"])).cast(kind),
            "requested_at": pyarrow.array(pandas.to_datetime(["2026-03-08T13:30:00Z"])).cast(kind),
        })
        same_as_one_call("check_return", kefu.evaluate_frame("check_return", table, decisions=True), text[:1])

    # An instant as the whole decision writes it: sla's due time from a datetime column.
    sla = pyarrow.table({
        "standard": ["complaint_reply"],
        "started_at": pyarrow.array(pandas.to_datetime(["2026-03-02T02:00:00Z"])).cast(pyarrow.timestamp("us", tz="UTC")),
        "now": pyarrow.array(pandas.to_datetime(["2026-03-02T03:00:00Z"])).cast(pyarrow.timestamp("us", tz="UTC")),
    })
    out = kefu.evaluate_frame("sla", sla, decisions=True)
    same_as_one_call("sla", out, [
        {"standard": "complaint_reply", "started_at": "2026-03-02T10:00:00+08:00", "now": "2026-03-02T11:00:00+08:00"},
    ])
    assert rows(out)[0]["due_at"] == "2026-03-02T14:45:00+08:00"


def test_a_datetime_column_without_a_time_zone_is_no_instant() -> None:
    # A naive timestamp names no instant (which zone?): refused on its row, at its field, saying
    # how to give it a zone, as before issue 18 (only the message is new).
    frame = pandas.DataFrame({
        "reason": ["no_reason"], "category": ["apparel"],
        "signed_at": pandas.to_datetime(["2026-03-01 23:59:00"]), "requested_at": [GOOD["requested_at"]],
    })
    row = rows(kefu.evaluate_frame("check_return", frame))[0]
    assert (row["ok"], row["error_code"], row["error_path"]) == (False, "INVALID_INPUT", "/signed_at")
    assert "time zone" in row["error_message"] and "tz_localize" in row["error_message"]


def test_a_date_column_is_a_date() -> None:
    import datetime

    table = pyarrow.table({"date": pyarrow.array([datetime.date(2026, 10, 1), datetime.date(2026, 10, 9)], pyarrow.date32())})
    got = rows(kefu.evaluate_frame("is_workday", table))
    assert [(r["ok"], r["date"], r["workday"]) for r in got] == [(True, "2026-10-01", "false"), (True, "2026-10-09", "true")]


@pytest.mark.parametrize("sep", [".", "/"])
def test_dotted_columns_are_nested_fields(sep: str) -> None:
    # As the command line reads its CSV headers: `condition.seal_broken` (or `condition/seal_broken`)
    # fills condition → seal_broken. A row whose cells under `condition.` are all null has no
    # condition at all.
    requests = [
        {**GOOD, "category": "cosmetics", "condition": {"seal_broken": True}},
        {**GOOD, "category": "cosmetics", "condition": {"seal_broken": False, "accessories_complete": True}},
        {**GOOD, "category": "cosmetics"},
    ]
    columns = {
        **{k: [v] * 3 for k, v in GOOD.items() if k != "category"},
        "category": ["cosmetics"] * 3,
        f"condition{sep}seal_broken": [True, False, None],
        f"condition{sep}accessories_complete": [None, True, None],
    }
    out = kefu.evaluate_frame("check_return", pandas.DataFrame(columns), decisions=True)
    same_as_one_call("check_return", out, requests)
    got = rows(out)
    assert [r["verdict"] for r in got] == ["ineligible", "eligible", "eligible"]
    # pyarrow and polars alike; an error inside names its nested path.
    table = pyarrow.table(columns)
    same_as_one_call("check_return", kefu.evaluate_frame("check_return", table, decisions=True), requests)
    same_as_one_call("check_return", kefu.evaluate_frame("check_return", polars.from_arrow(table), decisions=True), requests)
    wrong = pyarrow.table({**{k: [v] for k, v in GOOD.items()}, f"condition{sep}seal_broken": ["yes"]})
    got = rows(kefu.evaluate_frame("check_return", wrong))
    assert (got[0]["ok"], got[0]["error_path"]) == (False, "/condition/seal_broken")
    assert one("check_return", {**GOOD, "condition": {"seal_broken": "yes"}})["path"] == "/condition/seal_broken"
    # A path three deep.
    deep = pyarrow.table({
        "type": ["modify"], "now": ["2026-03-03T11:00:00+08:00"], f"order{sep}order_id": [ORDER_ID],
        f"order{sep}paid": [True], f"order{sep}paid_at": ["2026-03-02T10:00:00+08:00"], f"order{sep}entered": [True],
        f"order{sep}shipped": [True], f"changes{sep}shipping_info{sep}address": ["深圳市南山区科技园路1号"],
    })
    request = {
        "type": "modify", "now": "2026-03-03T11:00:00+08:00",
        "order": {"order_id": ORDER_ID, "paid": True, "paid_at": "2026-03-02T10:00:00+08:00", "entered": True, "shipped": True},
        "changes": {"shipping_info": {"address": "深圳市南山区科技园路1号"}},
    }
    out = kefu.evaluate_frame("order_action", deep, decisions=True)
    same_as_one_call("order_action", out, [request])
    assert rows(out)[0]["order_id"] == ORDER_ID


def test_columns_that_fill_one_field_twice_are_refused() -> None:
    # As the command line refuses such a header: the whole call, before any row is decided.
    for columns in (
        {"condition": [{"seal_broken": True}], "condition.accessories_complete": [True]},
        {"condition.seal_broken": [True], "condition/seal_broken": [False]},
    ):
        table = pyarrow.table({**{k: [v] for k, v in GOOD.items()}, **columns})
        with pytest.raises(kefu.InvalidInputError) as info:
            kefu.evaluate_frame("check_return", table)
        assert (info.value.code, info.value.path) == ("INVALID_INPUT", "")
        assert "condition" in info.value.message


def test_pandas_without_pyarrow_says_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = pandas.DataFrame([GOOD])
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` now fails, as if absent
    for call in (
        lambda: kefu.evaluate_frame("check_return", frame),
        lambda: kefu.Engine().evaluate_arrow("check_return", frame),
    ):
        with pytest.raises(ImportError) as info:
            call()
        assert "pip install pyarrow" in str(info.value)
    # polars needs no pyarrow to be read, nor to be answered.
    assert kefu.evaluate_frame("check_return", polars.DataFrame([GOOD]))["ok"].to_list() == [True]


# ── item 6: all-digit ids as integers, text that looks like other things ─────────────────────


def test_an_all_digit_order_id_read_as_int64_is_its_digits() -> None:
    frame = pandas.DataFrame([{**GOOD, "id": 7, "order_id": int(ORDER_ID)}, {**GOOD, "id": 8, "order_id": 12}])
    assert str(frame["order_id"].dtype) == "int64"
    out = rows(kefu.evaluate_frame("check_return", frame, decisions=True))
    assert [r["ok"] for r in out] == [True, True]
    assert [(r["id"], r["order_id"]) for r in out] == [("7", ORDER_ID), ("8", "12")]
    assert json.loads(out[0]["decision"])["order_id"] == ORDER_ID
    # Every integer type, from pyarrow and polars too; a field that wants a number still gets one.
    for kind in (pyarrow.int64(), pyarrow.uint64(), pyarrow.int32(), pyarrow.uint8()):
        table = pyarrow.table({**{k: [v] for k, v in GOOD.items()}, "order_id": pyarrow.array([12], kind), "price_paid_cents": [5900]})
        got = rows(kefu.evaluate_frame("check_return", table))[0]
        assert (got["ok"], got["order_id"]) == (True, "12"), kind
    table = pyarrow.table({**{k: [v] for k, v in GOOD.items()}, "order_id": pyarrow.array([int(ORDER_ID)], pyarrow.uint64())})
    assert rows(kefu.evaluate_frame("check_return", polars.from_arrow(table)))[0]["order_id"] == ORDER_ID


def test_text_that_looks_like_a_number_a_boolean_or_null_stays_text() -> None:
    texts = ["12315", "true", "null", "3.5", "质量太差了"]
    frame = pandas.DataFrame({"text": texts, **{k: [v] * len(texts) for k, v in COMPLAINT.items()}})
    assert frame["text"].dtype == object or str(frame["text"].dtype).startswith("str")
    out = rows(kefu.evaluate_frame("classify_complaint", frame, decisions=True))
    for text, row in zip(texts, out):
        assert row["ok"], row
        assert json.loads(row["decision"]) == kefu.classify_complaint({"text": text, **COMPLAINT})
    # An integer column where the field is text: the integer's digits (12315 is the
    # consumer-complaint hotline, a cue).
    out = rows(kefu.evaluate_frame("classify_complaint", pandas.DataFrame({"text": [12315], **{k: [v] for k, v in COMPLAINT.items()}}), decisions=True))
    assert out[0]["ok"] and json.loads(out[0]["decision"]) == kefu.classify_complaint({"text": "12315", **COMPLAINT})


# ── item 13: the request's keys come back ────────────────────────────────────────────────────


def test_a_decision_echoes_id_and_order_id() -> None:
    d = kefu.check_return({**GOOD, "id": "r1", "order_id": ORDER_ID})
    assert (d["id"], d["order_id"]) == ("r1", ORDER_ID)
    assert "id" not in kefu.check_return(GOOD) and "order_id" not in kefu.check_return(GOOD)
    lean = kefu.check_return({**GOOD, "id": "r1", "order_id": ORDER_ID}, lean=True)
    assert (lean["id"], lean["order_id"]) == ("r1", ORDER_ID)
    items = kefu.evaluate_batch("check_return", [
        {**GOOD, "id": "r1", "order_id": ORDER_ID},
        {**GOOD, "id": "r2", "order_id": "TB2", "category": "no such category"},
        {**GOOD, "order_id": "TB3", "reason": 5},
        GOOD,
    ])
    assert [(i["ok"], i.get("id"), i.get("order_id")) for i in items] == [
        (True, "r1", ORDER_ID), (False, "r2", "TB2"), (False, None, "TB3"), (True, None, None),
    ]
    assert (items[0]["decision"]["id"], items[0]["decision"]["order_id"]) == ("r1", ORDER_ID)
    assert items[1]["error"]["path"] == "/category"
    lean_items = kefu.evaluate_batch("check_return", [{**GOOD, "id": "r2", "category": "x"}], lean=True)
    assert (lean_items[0]["ok"], lean_items[0]["id"]) == (False, "r2")


def test_frame_rows_carry_id_and_order_id_decided_or_not() -> None:
    requests = [
        {**GOOD, "id": "r1", "order_id": ORDER_ID},
        {**GOOD, "id": "r2", "order_id": "TB2", "category": "no such category"},
        {**GOOD, "id": None, "order_id": None},
        {**GOOD, "id": "r4", "order_id": None, "signed_at": "yesterday"},
    ]
    table = pyarrow.Table.from_pylist(requests)
    for data in (table, table.to_pandas(), polars.from_arrow(table)):
        out = rows(kefu.evaluate_frame("check_return", data))
        assert [(r["ok"], r["id"], r["order_id"]) for r in out] == [
            (True, "r1", ORDER_ID), (False, "r2", "TB2"), (True, None, None), (False, "r4", None),
        ]
    assert kefu.evaluate_frame("check_return", table).column_names[5:7] == ["id", "order_id"]
    # A failed row's keys as the frame has them: an int64 order_id (pandas) in its digits, and
    # order_action's from its order (a struct column or a dotted one).
    frame = pandas.DataFrame([{**GOOD, "id": 1, "order_id": int(ORDER_ID), "category": "x"}])
    row = rows(kefu.evaluate_frame("check_return", frame))[0]
    assert (row["ok"], row["id"], row["order_id"]) == (False, "1", ORDER_ID)
    bad_action = [{"id": "a1", "type": "no such type", "now": "2026-03-03T11:00:00+08:00", "order": {"order_id": ORDER_ID, "paid": True}}]
    row = rows(kefu.evaluate_frame("order_action", pyarrow.Table.from_pylist(bad_action)))[0]
    assert (row["ok"], row["error_path"], row["id"], row["order_id"]) == (False, "/type", "a1", ORDER_ID)
    dotted = pyarrow.table({"id": ["a1"], "type": ["no such type"], "order.order_id": [ORDER_ID]})
    row = rows(kefu.evaluate_frame("order_action", dotted))[0]
    assert (row["ok"], row["id"], row["order_id"]) == (False, "a1", ORDER_ID)


# ── item 14: a million-character complaint ───────────────────────────────────────────────────


def test_a_million_character_complaint_answers_with_100_cues() -> None:
    engine = kefu.Engine({"complaints": {"max_text_chars": 1_000_000}})
    text = "垃圾" * 500_000
    assert len(text) == 1_000_000
    d = engine.classify_complaint({"text": text, **COMPLAINT})
    assert len(d["cues"]) == 100
    assert d["cues_not_shown"] > 100_000
    assert len(json.dumps(d, ensure_ascii=False).encode()) < 100_000
    assert kefu.classify_complaint({"text": "质量太差了", **COMPLAINT})["cues_not_shown"] == 0


# ── item 7: a shop phrase with spaces around it ──────────────────────────────────────────────


@pytest.mark.parametrize("phrase", ["  垃圾店  ", "垃圾店\n", "\u3000垃圾店", "垃圾店"])
def test_a_shop_phrase_matches_without_its_surrounding_spaces(phrase: str) -> None:
    policy = {"complaints": {"add_phrases": [{"phrase": phrase, "category": "anger", "weight": 3}]}}
    assert kefu.validate_policy(policy) == []
    d = kefu.Engine(policy).classify_complaint({"text": "这家垃圾店", **COMPLAINT})
    assert any(c["phrase"] == "垃圾店" for c in d["cues"]), d["cues"]


def test_a_shop_phrase_listed_twice_with_spaces_is_found() -> None:
    policy = {"complaints": {"add_phrases": [
        {"phrase": " 垃圾店", "category": "anger", "weight": 3},
        {"phrase": "垃圾店", "category": "anger", "weight": 3},
    ]}}
    problems = kefu.validate_policy(policy)
    assert [(p["path"], p["message"]) for p in problems] == [("/complaints/add_phrases/1/phrase", "listed twice")]
    with pytest.raises(kefu.InvalidPolicyError):
        kefu.Engine(policy)
