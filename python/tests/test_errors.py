"""Typed errors in Python: the code list, the classes, and host values that are not JSON."""

import json
import math

import pytest

import kefu
from conftest import ROOT

GOOD = {
    "reason": "no_reason",
    "category": "apparel",
    "signed_at": "2026-03-01T10:00:00+08:00",
    "requested_at": "2026-03-03T10:00:00+08:00",
}

CLASSES = {
    "INVALID_JSON": kefu.InvalidInputError,
    "INVALID_INPUT": kefu.InvalidInputError,
    "INVALID_POLICY": kefu.InvalidPolicyError,
    "CALENDAR_YEAR_UNKNOWN": kefu.CalendarYearUnknownError,
    "UNKNOWN_KIND": kefu.UnknownKindError,
    "INTERNAL": kefu.InternalError,
}


def test_error_codes_agree_with_the_shared_list() -> None:
    shared = json.loads((ROOT / "tests" / "error_codes.json").read_text())
    assert kefu.ERROR_CODES == shared, f"update tests/error_codes.json or the core: {kefu.ERROR_CODES}"
    assert sorted(CLASSES) == sorted(shared)
    assert all(issubclass(c, kefu.KefuError) for c in CLASSES.values())


def with_gift(value: object) -> dict:
    return {**GOOD, "gifts": [{"marked_price_cents": value, "returned": False}]}


@pytest.mark.parametrize(
    "request_,path",
    [
        (with_gift(math.nan), "/gifts/0/marked_price_cents"),
        (with_gift(math.inf), "/gifts/0/marked_price_cents"),
        (with_gift(-1), "/gifts/0/marked_price_cents"),
        (with_gift(10**30), "/gifts/0/marked_price_cents"),
        (with_gift(1.5), "/gifts/0/marked_price_cents"),
        (with_gift({1, 2}), "/gifts/0/marked_price_cents"),
        (with_gift(b"12"), "/gifts/0/marked_price_cents"),
        ({**GOOD, "reason": "no_reason\ud800"}, "/reason"),
        ({**GOOD, 3: "x"}, ""),
        ({**GOOD, "condition": {"seal_broken": "yes"}}, "/condition/seal_broken"),
        ({**GOOD, "requested_at": "2026-03-03T10:00:00"}, "/requested_at"),
        ({**GOOD, "signed_at": "2026-02-30T10:00:00+08:00"}, "/signed_at"),
        ({**GOOD, "order_id": "x" * 1_000_000}, "/order_id"),
        ([GOOD], ""),
    ],
)
def test_bad_host_values_are_invalid_input_with_the_path(request_: object, path: str) -> None:
    with pytest.raises(kefu.InvalidInputError) as info:
        kefu.check_return(request_)  # type: ignore[arg-type]
    assert info.value.code == "INVALID_INPUT"
    assert info.value.path == path
    assert len(str(info.value)) < 1000
    # The engine keeps working after a bad call.
    assert kefu.check_return(GOOD)["verdict"] == "eligible"


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    deep: object = 1
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(kefu.InvalidInputError):
        kefu.check_return({**GOOD, "condition": deep})
    with pytest.raises(kefu.InvalidInputError) as info:
        kefu.check_return("[" * 100_000 + "]" * 100_000)
    assert info.value.code == "INVALID_JSON"


def test_malformed_json_text() -> None:
    with pytest.raises(kefu.InvalidInputError) as info:
        kefu.check_return('{"reason": ')
    assert info.value.code == "INVALID_JSON"
    assert info.value.path == ""


def test_unknown_kind() -> None:
    with pytest.raises(kefu.UnknownKindError) as info:
        kefu.evaluate("check_everything", GOOD)
    assert (info.value.code, info.value.path) == ("UNKNOWN_KIND", "/kind")


def test_a_bad_policy_lists_every_problem() -> None:
    doc = {"time_zone": "Beijing", "returns": {"no_reason_days": 3}, "sla": {"standards": {"refund_after_return_received": {"amount": 30, "unit": "calendar_days"}}}, "colour": "red"}
    with pytest.raises(kefu.InvalidPolicyError) as info:
        kefu.Engine(doc)
    paths = sorted(p["path"] for p in info.value.problems)
    assert paths == ["/colour", "/returns/no_reason_days", "/sla/standards/refund_after_return_received/amount", "/time_zone"]
    assert sorted(p["path"] for p in kefu.validate_policy(doc)) == paths
    assert kefu.validate_policy({}) == []
    # The same from JSON text; text that is not JSON is one problem at the document.
    assert [p["path"] for p in kefu.validate_policy('{"colour": 1, "orders": {"refund_apply_after_hours": 100}}')] == ["/colour", "/orders/refund_apply_after_hours"]
    assert [p["path"] for p in kefu.validate_policy('{"returns": ')] == [""]


def test_batch_keeps_every_row_in_order() -> None:
    rows = [GOOD, {"reason": "no_reason"}, "not an object", {**GOOD, "category": "custom_made"}]
    out = kefu.evaluate_batch("check_return", rows)
    assert [r["index"] for r in out] == [0, 1, 2, 3]
    assert [r["ok"] for r in out] == [True, False, False, True]
    assert out[1]["error"]["path"] == "/category"
    assert out[3]["decision"]["verdict"] == "ineligible"


def test_the_lean_form_in_a_batch_and_by_keyword() -> None:
    rows = [GOOD, {"reason": "no_reason"}, "not an object", {**GOOD, "category": "custom_made"}]
    whole = kefu.evaluate_batch("check_return", rows)
    for threads in (1, 4):
        lean = kefu.evaluate_batch("check_return", rows, threads, lean=True)
        assert [r["index"] for r in lean] == [0, 1, 2, 3]
        for row, w, item in zip(rows, whole, lean):
            assert item["ok"] == w["ok"]
            if item["ok"]:
                assert item["decision"] == kefu.check_return(row, lean=True)
            else:
                assert item["error"] == w["error"]
    lean = kefu.evaluate_batch("check_return", rows, lean=True)
    assert lean[3]["decision"]["verdict"] == "ineligible"
    assert "reasons" not in lean[0]["decision"]
    assert lean[0]["decision"]["reason_codes"] == [r["code"] for r in whole[0]["decision"]["reasons"]]
    assert kefu.check_return(GOOD, lean=False) == whole[0]["decision"]
    assert kefu.evaluate("check_return", GOOD, lean=True) == kefu.Engine().check_return(GOOD, lean=True)
    with pytest.raises(TypeError):
        kefu.default_engine().check_return(GOOD, True)  # keyword only
    # lean=None is the default; anything but a bool is refused by core, as JS options are.
    assert kefu.default_engine().check_return(GOOD, lean=None) == whole[0]["decision"]
    for bad in (1, "yes", [True]):
        with pytest.raises(kefu.InvalidInputError) as info:
            kefu.default_engine().check_return(GOOD, lean=bad)
        assert info.value.path == "/options/lean"
        with pytest.raises(kefu.InvalidInputError) as info:
            kefu.default_engine().evaluate_batch("check_return", rows, lean=bad)
        assert info.value.path == "/options/lean"


def test_a_batch_call_that_cannot_start_is_one_typed_error() -> None:
    with pytest.raises(kefu.KefuError) as info:
        kefu.evaluate_batch("no_such_kind", [GOOD])
    assert (info.value.code, info.value.path) == ("UNKNOWN_KIND", "/kind")
    with pytest.raises(kefu.KefuError) as info:
        kefu.evaluate_batch("check_return", {"rows": [GOOD]})
    assert (info.value.code, info.value.path) == ("INVALID_INPUT", "")
    assert kefu.evaluate_batch("check_return", []) == []
    assert kefu.evaluate_batch("check_return", [], threads=8) == []


def test_a_batch_releases_the_gil_while_kefu_decides() -> None:
    """Another Python thread runs while a batch is decided: the GIL is released.

    The counting thread can only count while this thread has given up the GIL: Rust code
    holding it is never interrupted, and the switch interval is set far longer than the call
    takes, so no forced switch lets it in between the call and the reading of the count.
    """
    import sys
    import threading
    import time

    rows = [GOOD] * 50_000
    counter = [0]
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            counter[0] += 1
            time.sleep(0)  # hands the GIL back at once, so this thread never holds up the test

    interval = sys.getswitchinterval()
    sys.setswitchinterval(5.0)
    spinner = threading.Thread(target=spin)
    try:
        spinner.start()
        before = counter[0]
        out = kefu.evaluate_batch("check_return", rows, threads=1)
        during = counter[0] - before
    finally:
        stop.set()
        sys.setswitchinterval(interval)
        spinner.join()
    assert len(out) == len(rows) and all(r["ok"] for r in out)
    assert during > 0, "no other thread ran while the batch was decided"
