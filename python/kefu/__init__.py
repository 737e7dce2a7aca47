"""kefu: an online shop's customer-service rule book, decided by one Rust core.

``Engine(policy)`` compiles a policy once (the rule book's defaults when none is given); the
module-level functions use a shared default engine. Requests and decisions are dicts with
snake_case keys (or JSON text); every error is a :class:`KefuError` with ``code``, ``path``
and, for policies, ``problems``.

Every request may carry ``id`` and ``order_id`` (text, 1 to 128 characters: the caller's keys);
every decision echoes them (left out when the request has none).

Typed: every request, decision, lean form and the policy has a ``TypedDict``, generated from
the JSON Schemas (``schemas/``) into ``kefu/_types.py`` and re-exported here, so
``from kefu import ReturnRequest, ReturnDecision`` and ``kefu.check_return(r)["verdict"]`` is
``Literal["eligible", "ineligible"]`` to a type checker (``lean=True`` gives
``LeanReturnDecision``). The decision functions accept the request ``TypedDict`` or any
mapping (``Dict[str, Any]``) or JSON text; enums are ``Literal`` aliases (``Verdict``).
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Mapping, Optional, Union, overload

from ._kefu import (
    ERROR_CODES,
    KINDS,
    VERSION,
    CalendarYearUnknownError,
    Engine,
    InternalError,
    InvalidInputError,
    InvalidPolicyError,
    KefuError,
    UnknownKindError,
    calendar_from_notice,
    from_platform,
    schema_names,
    schema_text,
    to_platform,
    validate_policy,
)
from ._types import *  # noqa: F403 (the TypedDicts, see the module docstring)
from ._types import (
    ActionDecision,
    ActionRequest,
    Complaint,
    ComplaintDecision,
    DispatchDecision,
    DispatchRequest,
    FlagDecision,
    LeanActionDecision,
    LeanComplaintDecision,
    LeanDispatchDecision,
    LeanFlagDecision,
    LeanReturnDecision,
    LeanSlaDecision,
    LeanTimelineDecision,
    OrderFacts,
    RefundCase,
    ReturnDecision,
    ReturnRequest,
    SlaDecision,
    SlaRequest,
    TimelineDecision,
)

__version__ = VERSION

__all__ = [
    "ERROR_CODES",
    "KINDS",
    "VERSION",
    "CalendarYearUnknownError",
    "Engine",
    "InternalError",
    "InvalidInputError",
    "InvalidPolicyError",
    "KefuError",
    "UnknownKindError",
    "add_working_time",
    "calendar_from_notice",
    "check_return",
    "classify_complaint",
    "default_engine",
    "diff_policy",
    "dispatch_estimate",
    "evaluate",
    "evaluate_batch",
    "evaluate_frame",
    "from_platform",
    "is_workday",
    "order_action",
    "order_flag",
    "policy",
    "policy_hash",
    "refund_timeline",
    "schema",
    "schema_names",
    "sla",
    "to_platform",
    "validate_policy",
    "working_minutes_between",
]

Request = Union[Dict[str, Any], str]

_default: Optional[Engine] = None


def default_engine() -> Engine:
    """The shared engine on the rule book's default policy (built on first use)."""
    global _default
    if _default is None:
        _default = Engine()
    return _default


@overload
def check_return(request: Union[ReturnRequest, Mapping[str, Any], str], *, lean: Literal[False] = False) -> ReturnDecision: ...
@overload
def check_return(request: Union[ReturnRequest, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanReturnDecision: ...
@overload
def check_return(request: Union[ReturnRequest, Mapping[str, Any], str], *, lean: bool = False) -> Union[ReturnDecision, LeanReturnDecision]: ...
def check_return(request: Union[ReturnRequest, Mapping[str, Any], str], *, lean: bool = False) -> Union[ReturnDecision, LeanReturnDecision]:
    """May this item go back, how, until when, who pays shipping (rule book §3)."""
    return default_engine().check_return(request, lean=lean)


@overload
def order_flag(order: Union[OrderFacts, Mapping[str, Any], str], *, lean: Literal[False] = False) -> FlagDecision: ...
@overload
def order_flag(order: Union[OrderFacts, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanFlagDecision: ...
@overload
def order_flag(order: Union[OrderFacts, Mapping[str, Any], str], *, lean: bool = False) -> Union[FlagDecision, LeanFlagDecision]: ...
def order_flag(order: Union[OrderFacts, Mapping[str, Any], str], *, lean: bool = False) -> Union[FlagDecision, LeanFlagDecision]:
    """The flag an order should carry now, its platform code, and why (rule book §1)."""
    return default_engine().order_flag(order, lean=lean)


@overload
def order_action(request: Union[ActionRequest, Mapping[str, Any], str], *, lean: Literal[False] = False) -> ActionDecision: ...
@overload
def order_action(request: Union[ActionRequest, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanActionDecision: ...
@overload
def order_action(request: Union[ActionRequest, Mapping[str, Any], str], *, lean: bool = False) -> Union[ActionDecision, LeanActionDecision]: ...
def order_action(request: Union[ActionRequest, Mapping[str, Any], str], *, lean: bool = False) -> Union[ActionDecision, LeanActionDecision]:
    """What to do with a modify / cancel / stock-out / price-difference request (rule book §2)."""
    return default_engine().order_action(request, lean=lean)


@overload
def classify_complaint(complaint: Union[Complaint, Mapping[str, Any], str], *, lean: Literal[False] = False) -> ComplaintDecision: ...
@overload
def classify_complaint(complaint: Union[Complaint, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanComplaintDecision: ...
@overload
def classify_complaint(complaint: Union[Complaint, Mapping[str, Any], str], *, lean: bool = False) -> Union[ComplaintDecision, LeanComplaintDecision]: ...
def classify_complaint(complaint: Union[Complaint, Mapping[str, Any], str], *, lean: bool = False) -> Union[ComplaintDecision, LeanComplaintDecision]:
    """Severity, behaviour, causes, cues, owner, reply deadline and handling steps (rule book §4).

    ``cues`` and ``negated`` list at most 100 phrases each; ``cues_not_shown`` says how many
    more were found (every one of them counted).
    """
    return default_engine().classify_complaint(complaint, lean=lean)


@overload
def refund_timeline(case: Union[RefundCase, Mapping[str, Any], str], *, lean: Literal[False] = False) -> TimelineDecision: ...
@overload
def refund_timeline(case: Union[RefundCase, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanTimelineDecision: ...
@overload
def refund_timeline(case: Union[RefundCase, Mapping[str, Any], str], *, lean: bool = False) -> Union[TimelineDecision, LeanTimelineDecision]: ...
def refund_timeline(case: Union[RefundCase, Mapping[str, Any], str], *, lean: bool = False) -> Union[TimelineDecision, LeanTimelineDecision]:
    """Where a refund case stands, its next deadline and what happens then (rule book §3)."""
    return default_engine().refund_timeline(case, lean=lean)


@overload
def sla(request: Union[SlaRequest, Mapping[str, Any], str], *, lean: Literal[False] = False) -> SlaDecision: ...
@overload
def sla(request: Union[SlaRequest, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanSlaDecision: ...
@overload
def sla(request: Union[SlaRequest, Mapping[str, Any], str], *, lean: bool = False) -> Union[SlaDecision, LeanSlaDecision]: ...
def sla(request: Union[SlaRequest, Mapping[str, Any], str], *, lean: bool = False) -> Union[SlaDecision, LeanSlaDecision]:
    """The due time of a service standard and its state at ``now`` (rule book §5)."""
    return default_engine().sla(request, lean=lean)


@overload
def dispatch_estimate(order: Union[DispatchRequest, Mapping[str, Any], str], *, lean: Literal[False] = False) -> DispatchDecision: ...
@overload
def dispatch_estimate(order: Union[DispatchRequest, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanDispatchDecision: ...
@overload
def dispatch_estimate(order: Union[DispatchRequest, Mapping[str, Any], str], *, lean: bool = False) -> Union[DispatchDecision, LeanDispatchDecision]: ...
def dispatch_estimate(order: Union[DispatchRequest, Mapping[str, Any], str], *, lean: bool = False) -> Union[DispatchDecision, LeanDispatchDecision]:
    """Ship-by date and expected delivery of a paid order (rule book §5)."""
    return default_engine().dispatch_estimate(order, lean=lean)


def evaluate(kind: str, request: Request, *, lean: bool = False) -> Dict[str, Any]:
    """Any decision by kind name (see ``KINDS``).

    Every decision function takes ``lean=True`` for the decision's lean form: only the kind's
    main fields and ``reason_codes`` (the same values as the whole decision; null where it has
    none), a fraction of the cost when the verdict is all a job needs.
    """
    return default_engine().evaluate(kind, request, lean=lean)


def diff_policy(
    kind: str,
    requests: Any,
    old: Union[Engine, Mapping[str, Any], str],
    new: Union[Engine, Mapping[str, Any], str],
    threads: Optional[int] = None,
) -> Dict[str, Any]:
    """What a proposed policy would change, tried on past requests (issue 20).

    Every request is decided under ``old`` and ``new`` (engines, or policies as dicts or JSON
    text) and compared on the kind's main fields and reason codes, in core. Answers
    ``{"changes": ..., "summary": {"rows_read", "rows_changed", "rows_failed", "transitions",
    "codes_added", "codes_removed"}}``.

    ``requests`` is a list (``changes`` is then a list of ``{"index", "id", "order_id",
    "changed", "old", "new", "codes_added", "codes_removed"}``, ``old`` and ``new`` the lean
    answers) or a data frame read as :func:`evaluate_frame` reads it (``changes`` is then a
    frame of the same library with one row per changed row: ``index``, ``id``, ``order_id``,
    ``changed``, ``old_error`` and ``new_error`` (the error code of a row that failed),
    ``old_<field>`` and ``new_<field>`` for each main field and ``reason_codes`` as text (lists
    joined by ``|``), ``codes_added``, ``codes_removed``).
    """
    old_engine = old if isinstance(old, Engine) else Engine(old)
    new_engine = new if isinstance(new, Engine) else Engine(new)
    if isinstance(requests, (list, tuple)):
        return old_engine.diff_policy(kind, requests, new_engine, threads)
    module = type(requests).__module__.split(".")[0]
    if module != "polars":
        try:
            import pyarrow
        except ImportError as e:
            raise ImportError(
                f"kefu.diff_policy reads and answers a {module} data frame through pyarrow, "
                "which is not installed: pip install pyarrow"
            ) from e
    answer = old_engine.diff_policy(kind, requests, new_engine, threads)
    columns = _change_columns(kind, answer["changes"])
    if module == "polars":
        import polars

        frame = polars.DataFrame(columns)
    else:
        table = pyarrow.table(columns)
        frame = table.to_pandas() if module == "pandas" else table
    return {"changes": frame, "summary": answer["summary"]}


def _change_columns(kind: str, changes: List[Dict[str, Any]]) -> Dict[str, List[Any]]:
    """The changed rows as columns: a conversion of core's answer, nothing decided here (for a
    frame, each side's fields come already as the frames write them)."""
    fields = [f for f in schema(f"{kind}.lean")["properties"] if f not in ("id", "order_id")]
    out: Dict[str, List[Any]] = {
        "index": [c["index"] for c in changes],
        "id": [c.get("id") for c in changes],
        "order_id": [c.get("order_id") for c in changes],
        "changed": ["|".join(c["changed"]) for c in changes],
    }
    for side in ("old", "new"):
        out[f"{side}_error"] = [(c[side].get("error") or {}).get("code") for c in changes]
        for f in fields:
            out[f"{side}_{f}"] = [c[side].get(f) for c in changes]
    out["codes_added"] = ["|".join(c["codes_added"]) for c in changes]
    out["codes_removed"] = ["|".join(c["codes_removed"]) for c in changes]
    return out


def evaluate_batch(
    kind: str, requests: List[Any], threads: Optional[int] = None, *, lean: bool = False
) -> List[Dict[str, Any]]:
    """One ``{index, ok, id, order_id, decision | error}`` per request, in order (``lean``:
    decisions in their lean form, see :func:`evaluate`). ``id`` and ``order_id`` are the
    request's own (left out when it has none), also on a row that failed, so every answer
    joins back to its order.

    The GIL is released while kefu decides, on ``threads`` threads (default: every core this
    process may use; at most 64 are started); the answer does not depend on the number of
    threads. ``threads`` is a whole number from 1: anything else (0, -1, 1.5, True) is an
    :class:`InvalidInputError` at ``/options/threads``.
    """
    return default_engine().evaluate_batch(kind, requests, threads, lean=lean)


def evaluate_frame(
    kind: str, data: Any, threads: Optional[int] = None, engine: Optional[Engine] = None, decisions: bool = False
) -> Any:
    """Decide every row of a data frame, column-wise through Arrow (no dict per row).

    ``data`` is a pyarrow Table or RecordBatch, a polars DataFrame, a pandas DataFrame (read
    through pyarrow: ``pip install pyarrow``; without it, :class:`ImportError`), or anything
    with ``__arrow_c_stream__``. Its columns are request fields:

    * nested fields as struct columns, or as columns named by their path,
      ``condition.seal_broken`` (or ``condition/seal_broken``), as the command line reads a
      CSV header (a field named twice, or with a field inside it also named, is refused);
    * lists as list columns; money in integer cents;
    * instants as RFC 3339 text with an offset, or as time-zone-aware timestamps
      (``pandas.to_datetime(...).dt.tz_localize("Asia/Shanghai")``, Arrow
      ``timestamp[us, tz=...]``). A timestamp without a time zone names no instant and is
      refused on its row;
    * dates as ``YYYY-MM-DD`` text or date columns;
    * a field that is text (``id``, ``order_id``, a complaint's ``text``) reads an integer
      cell as its digits: pandas reads an all-digit order number as int64;
    * a null cell is a missing field.

    The answer has one row per input row, in order, of the same kind as ``data`` (pyarrow
    Table for pyarrow input): ``index``, ``ok``, ``error_code``, ``error_path``,
    ``error_message`` and the kind's main fields as text (first the request's ``id`` and
    ``order_id``, also on a row that failed; lists joined by ``|``; ``reason_codes``), plus the
    whole ``decision`` as JSON text when ``decisions`` is true. The GIL is released while rows
    are decided, on ``threads`` threads (default: every core; at most 64 are started; as in
    :func:`evaluate_batch`, anything but a whole number from 1 is an
    :class:`InvalidInputError` at ``/options/threads``).
    """
    module = type(data).__module__.split(".")[0]
    if module != "polars":
        # The answer is built with pyarrow (and pandas is read through it): say so up front.
        try:
            import pyarrow
        except ImportError as e:
            raise ImportError(
                f"kefu.evaluate_frame reads and answers a {module} data frame through pyarrow, "
                "which is not installed: pip install pyarrow"
            ) from e
    stream = (engine or default_engine()).evaluate_arrow(kind, data, threads, decisions)
    if module == "polars":
        import polars

        return polars.DataFrame(stream)
    table = pyarrow.table(stream)
    return table.to_pandas() if module == "pandas" else table


def is_workday(date: str) -> bool:
    """Whether a ``YYYY-MM-DD`` date is a working day on China's calendar."""
    return default_engine().is_workday(date)


def add_working_time(start: str, minutes: int) -> str:
    """The earliest instant at which ``minutes`` working minutes have passed since ``start``."""
    return default_engine().add_working_time(start, minutes)


def working_minutes_between(a: str, b: str) -> int:
    """Working minutes from ``a`` to ``b`` (negative when ``b`` is earlier)."""
    return default_engine().working_minutes_between(a, b)


def policy() -> Dict[str, Any]:
    """The default policy, every value filled in."""
    return default_engine().policy()


def policy_hash() -> str:
    """The default policy's content hash."""
    return default_engine().policy_hash()


def schema(name: str) -> Dict[str, Any]:
    """A JSON Schema of kefu's public shape, as a dict: ``"policy"``, a kind (its request,
    ``"check_return"``), or ``"<kind>.request"``, ``"<kind>.decision"``, ``"<kind>.lean"``.
    The same documents as ``schemas/`` in the repository and ``kefu schema NAME`` on the
    command line, derived from core's types. An unknown name raises
    :class:`InvalidInputError` at ``/name``.
    """
    import json

    doc: Dict[str, Any] = json.loads(schema_text(name))
    return doc

