"""kefu with its types: requests and decisions as the ``TypedDict`` classes generated from the
JSON Schemas (kefu/_types.py, re-exported by ``kefu``). python/tests/test_types.py checks this
file with ``mypy --strict`` and then runs it; a wrong use of a decision (a verdict read as a
number, a key it does not have, a value that may be None used as a dict) fails the check.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Literal, Optional, Union

from typing_extensions import assert_type

import kefu
from kefu import (
    ComplaintDecision,
    Engine,
    FlagDecision,
    LeanReturnDecision,
    Policy,
    ReturnDecision,
    ReturnRequest,
    SlaRequest,
    Verdict,
)

request: ReturnRequest = {
    "order_id": "TB1",
    "reason": "no_reason",
    "category": "apparel",
    "signed_at": "2026-03-01T23:59:00+08:00",
    "requested_at": "2026-03-08T20:00:00+08:00",
    "condition": {"used_beyond_inspection": True},
    "gifts": [{"marked_price_cents": 1500, "returned": False}],
}

# A decision's enums are Literal types: the verdict is one of two strings.
verdict: Literal["eligible", "ineligible"] = kefu.check_return(request)["verdict"]
assert_type(kefu.check_return(request)["verdict"], Literal["eligible", "ineligible"])
decision: ReturnDecision = kefu.check_return(request)
assert verdict == decision["verdict"] == "ineligible", decision
path: Literal["no_reason", "seller_fault"] = decision["path"]
refund: Optional[int] = decision["refund_amount_cents"]
# Values that may be null are Optional: narrowed before use.
goodwill = decision["goodwill"]
remedy = goodwill["remedy"] if goodwill is not None else None
assert remedy is None  # the default policy makes no goodwill offer
# Keys the decision leaves out when the request has none are NotRequired: .get().
echoed: Optional[str] = decision.get("order_id")
assert echoed == "TB1"
codes: List[str] = [r["code"] for r in decision["reasons"]]

# The shop's policy, typed too; its engine's decisions are the same types.
policy: Policy = {"id": "shop", "returns": {"goodwill_exchange": True}, "orders": {"platform": "jd"}}
engine = Engine(policy)
offer = engine.check_return(request)["goodwill"]
assert offer is not None and offer["remedy"] == "exchange" and offer["once"]

# The lean form, typed by lean=True: its main fields (each Optional) and the reasons' codes.
lean: LeanReturnDecision = kefu.check_return(request, lean=True)
lean_verdict: Optional[Verdict] = lean["verdict"]
assert lean_verdict == verdict and lean["reason_codes"] == codes
flag_known_at_run_time = len(codes) > 100
either: Union[ReturnDecision, LeanReturnDecision] = kefu.check_return(request, lean=flag_known_at_run_time)

# Untyped requests (any mapping, or JSON text) still give typed decisions.
loose: Dict[str, Any] = {**request, "category": "general"}
assert_type(engine.check_return(loose)["verdict"], Literal["eligible", "ineligible"])
from_text: Verdict = kefu.check_return(json.dumps(request))["verdict"]

# Every decision kind.
flag: FlagDecision = kefu.order_flag({"platform": "pinduoduo", "paid": True, "info_change_pending": True})
flag_name: Literal["gray", "red", "yellow", "green", "blue", "purple"] = flag["flag"]
flag_code: Optional[int] = flag["flag_code"]
assert flag_name == "purple", flag
action = kefu.order_action(
    {"type": "stock_out", "now": "2026-03-02T10:00:00+08:00", "order": {"paid": True}, "choice": "wait", "items_total": 1}
)
department: Literal["customer_service", "logistics", "after_sales"] = action["department"]
complaint: ComplaintDecision = kefu.classify_complaint(
    {"text": "客服態度太差，再不处理就打12315", "channel": "chat", "received_at": "2026-03-06T16:00:00+08:00"}
)
severity: Literal["general", "serious", "critical"] = complaint["severity"]
assert severity == "critical" and complaint["owner"] == "manager", complaint
cue_weights: List[int] = [cue["weight"] for cue in complaint["cues"]]
timeline = kefu.refund_timeline(
    {"events": [{"type": "requested", "at": "2026-03-02T10:00:00+08:00"}], "now": "2026-03-03T10:00:00+08:00"}
)
next_deadline: Optional[str] = timeline["next_deadline"]
who_acts: Optional[Literal["seller", "buyer"]] = timeline["who_acts"]
# "from" is a Python keyword: Pause is a functional-syntax TypedDict, typed all the same.
clock_request: SlaRequest = {
    "standard": "complaint_reply",
    "started_at": "2026-03-06T16:00:00+08:00",
    "now": "2026-03-09T09:30:00+08:00",
    "paused": [{"from": "2026-03-06T17:00:00+08:00", "to": "2026-03-06T18:00:00+08:00"}],
}
clock = kefu.sla(clock_request)
state: Literal["pending", "due_soon", "breached", "met", "met_late"] = clock["state"]
minutes_left: int = clock["minutes_left"]
ship = kefu.dispatch_estimate({"paid_at": "2026-03-02T10:00:00+08:00", "destination_city": "深圳"})
courier: Literal["express", "ems"] = ship["courier"]
lean_ship = kefu.dispatch_estimate({"paid_at": "2026-03-02T10:00:00+08:00", "destination_city": "深圳"}, lean=True)
lean_courier: Optional[Literal["express", "ems"]] = lean_ship["courier"]

print(f"typed example: {verdict}, {flag_name}, {severity}, {state}, {courier}, {department}, {who_acts}")
