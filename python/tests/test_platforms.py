"""Every platform case of tests/platforms/*.json through the Python package (tests/README.md):
each read case's request is exactly ``expect_request`` and its decision matches ``expect``;
each write case's call is exactly ``expect_write``; each file's round trip holds for every
flag."""

import copy
import json
from typing import Any, Dict, List

import pytest

import kefu
from conftest import ROOT
from test_shared_cases import error_shape, mismatches

FILES = sorted((ROOT / "tests" / "platforms").glob("*.json"))
SUITES = [json.loads(p.read_text(encoding="utf-8")) for p in FILES]
FLAGS = ["gray", "red", "yellow", "green", "blue", "purple"]


def error_mismatches(want: Dict[str, Any], got: Dict[str, Any]) -> List[str]:
    rest = {k: v for k, v in want.items() if k != "message_has"}
    out = mismatches(rest, got)
    out += [f"message {got['message']!r} lacks {s!r}" for s in want.get("message_has", []) if s not in got["message"]]
    return out


def test_one_file_per_platform() -> None:
    assert sorted(s["platform"] for s in SUITES) == ["jd", "pinduoduo", "taobao"]


@pytest.mark.parametrize(
    "platform,case",
    [pytest.param(s["platform"], c, id=f"{s['platform']}: {c['name']}") for s in SUITES for c in s["cases"]],
)
def test_platform_case(platform: str, case: Dict[str, Any]) -> None:
    problems: List[str] = []
    if "write" in case:
        try:
            got = kefu.to_platform(platform, case["write"]["decision"], case["write"].get("memo"))
        except kefu.KefuError as e:
            assert "expect_error" in case, f"unexpected error {error_shape(e)}"
            problems = error_mismatches(case["expect_error"], error_shape(e))
        else:
            assert got == case.get("expect_write"), f"got {got}"
    else:
        try:
            request = kefu.from_platform(platform, case["kind"], case["payload"], case.get("facts"))
        except kefu.KefuError as e:
            assert "expect_request" not in case, f"unexpected error {error_shape(e)}"
            problems = error_mismatches(case["expect_error"], error_shape(e))
        else:
            assert request == case.get("expect_request"), f"got {request}"
            engine = kefu.Engine(case.get("policy"))
            try:
                decision = engine.evaluate(case["kind"], request)
            except kefu.KefuError as e:
                assert "expect_error" in case, f"decision: unexpected error {error_shape(e)}"
                problems = error_mismatches(case["expect_error"], error_shape(e))
            else:
                assert "expect" in case, f"decision: expected an error, got {decision}"
                problems = mismatches(case["expect"], decision)
    assert problems == []


@pytest.mark.parametrize("suite", SUITES, ids=[s["platform"] for s in SUITES])
def test_every_flag_round_trips(suite: Dict[str, Any]) -> None:
    trip, platform = suite["round_trip"], suite["platform"]
    for flag in FLAGS:
        call = kefu.to_platform(platform, {"order_id": trip["order_id"], "flag": flag, "platform": platform, "label": "kefu"})
        payload = copy.deepcopy(trip["payload"])
        *parents, key = trip["field"].split("/")[1:]
        target = payload
        for k in parents:
            target = target[k]
        if trip["param"] in call["params"]:
            target[key] = call["params"][trip["param"]]
        else:
            target.pop(key, None)
        assert kefu.from_platform(platform, "order_flag", payload, trip["facts"])["current_flag"] == flag, call
