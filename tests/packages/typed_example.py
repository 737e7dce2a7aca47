"""kefu as a user has it after `pip install kefu-<version>-cp310-abi3-….whl`.

scripts/packages.sh copies this file out of the source tree into a fresh virtual environment
holding only the wheel and mypy, checks it with `mypy --strict` (which reads the wheel's own
kefu/_kefu.pyi and kefu/py.typed) and runs it.
"""

from __future__ import annotations

from typing import Literal, Optional

import kefu
from kefu import Engine, InvalidInputError, KefuError, Policy, ReturnRequest

POLICY: Policy = {"returns": {"goodwill_exchange": True}}
engine: Engine = Engine(POLICY)

used: ReturnRequest = {
    "order_id": "TB1",
    "reason": "no_reason",
    "category": "general",
    "condition": {"used_beyond_inspection": True},
    "signed_at": "2026-03-10T15:00:00+08:00",
    "requested_at": "2026-03-14T10:00:00+08:00",
}
decision = engine.check_return(used)
verdict: Literal["eligible", "ineligible"] = decision["verdict"]
assert verdict == "ineligible", decision
goodwill = decision["goodwill"]  # None when the policy makes no offer
assert goodwill is not None and goodwill["remedy"] == "exchange"  # the policy above
assert decision.get("order_id") == "TB1"
assert kefu.check_return(used)["goodwill"] is None  # the module's default engine

complaint = engine.classify_complaint(
    {"text": "客服態度太差，再不处理就打12315", "channel": "chat", "received_at": "2026-03-06T16:00:00+08:00"}
)
severity: str = complaint["severity"]
assert severity == "critical" and complaint["owner"] == "manager", complaint

rows = engine.evaluate_batch("check_return", [used, {"reason": "no_reason"}], threads=2)
decided = [row["decision"]["verdict"] for row in rows if row["ok"]]
failed = [row["error"] for row in rows if not row["ok"]]
assert decided == ["ineligible"], rows
assert [(e["code"], e["path"]) for e in failed] == [("INVALID_INPUT", "/category")], rows

try:
    engine.check_return({"reason": "no_reason"})
    raise AssertionError("no error")
except InvalidInputError as e:
    code: str = e.code
    where: Optional[str] = e.path
    assert (code, where) == ("INVALID_INPUT", "/category")
assert issubclass(InvalidInputError, KefuError)

version: str = kefu.__version__
assert version == kefu.VERSION
# A build for use: the test builds' panic probe is not a kind here.
try:
    kefu.evaluate("panic_probe", {})
    raise AssertionError("panic_probe is a kind in this build")
except kefu.UnknownKindError:
    pass


def _not_called() -> None:
    # The stubs are what mypy checked: it rejects a number for a request. `--strict` warns
    # about an unused ignore, so without kefu's types this line would fail the check.
    engine.check_return(42)  # type: ignore[call-overload]


print(f"typed example: kefu {version}, {verdict}, {severity}, {len(rows)} batch rows")
