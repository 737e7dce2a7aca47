"""Issue 19: the JSON Schemas of schemas/ from Python. ``kefu.schema(name)`` returns the
committed documents; every shared request and every decision the Python package gives (whole
and lean) validates against its kind's schema (jsonschema, draft 2020-12)."""

import json
from typing import Any, Dict

import jsonschema
import pytest

import kefu
from conftest import ROOT

SCHEMAS = ROOT / "schemas"


def committed(name: str) -> Dict[str, Any]:
    doc: Dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return doc


def test_every_schema_is_the_committed_document() -> None:
    names = kefu.schema_names()
    assert names[0] == "policy" and len(names) == 1 + 3 * len(kefu.KINDS)
    files = sorted(p.name[: -len(".schema.json")] for p in SCHEMAS.glob("*.schema.json"))
    assert sorted(names) == files
    for name in names:
        assert kefu.schema(name) == committed(name), name
    assert kefu.schema("check_return") == committed("check_return.request")


@pytest.mark.parametrize("bad", ["nope", "check_return.whole", "", 7, None])
def test_an_unknown_schema_is_invalid_input(bad: Any) -> None:
    with pytest.raises(kefu.InvalidInputError) as e:
        kefu.schema(bad)
    assert e.value.path == "/name"


def test_shared_requests_and_decisions_follow_their_schemas() -> None:
    checked = 0
    for path in sorted((ROOT / "tests" / "cases").glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        kind = suite["kind"]
        request_v, decision_v, lean_v = (
            jsonschema.Draft202012Validator(kefu.schema(f"{kind}.{part}"))
            for part in ("request", "decision", "lean")
        )
        for case in suite["cases"]:
            if "input" not in case:
                continue
            try:
                engine = kefu.Engine(case.get("policy"))
                whole = engine.evaluate(kind, case["input"])
                lean = engine.evaluate(kind, case["input"], lean=True)
            except kefu.KefuError:
                continue
            request_v.validate(case["input"])
            decision_v.validate(whole)
            lean_v.validate(lean)
            checked += 1
    assert checked > 600


def test_the_schemas_refuse_what_kefu_refuses() -> None:
    v = jsonschema.Draft202012Validator(kefu.schema("check_return.decision"))
    d = kefu.check_return(
        {"reason": "no_reason", "category": "apparel",
         "signed_at": "2026-03-01T23:59:00+08:00", "requested_at": "2026-03-08T21:30:00+08:00"}
    )
    v.validate(d)
    d["verdict"] = "maybe"
    assert not v.is_valid(d)
    policy = jsonschema.Draft202012Validator(kefu.schema("policy"))
    assert not policy.is_valid({"returns": {"no_reason_days": 6}})
    shop = {"$schema": "https://example.invalid/kefu/schemas/policy.schema.json", "id": "shop"}
    assert policy.is_valid(shop) and kefu.validate_policy(shop) == []
    assert kefu.Engine(shop).policy()["id"] == "shop"
