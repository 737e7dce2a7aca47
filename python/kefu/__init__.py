"""kefu: an online shop's customer-service rule book, decided by one Rust core.

``Engine(policy)`` compiles a policy once (the rule book's defaults when none is given); the
module-level functions use a shared default engine. Requests and decisions are dicts with
snake_case keys (or JSON text); every error is a :class:`KefuError` with ``code``, ``path``
and, for policies, ``problems``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

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
    validate_policy,
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
    "dispatch_estimate",
    "evaluate",
    "evaluate_batch",
    "evaluate_frame",
    "is_workday",
    "order_action",
    "order_flag",
    "policy",
    "policy_hash",
    "refund_timeline",
    "sla",
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


def check_return(request: Request, *, lean: bool = False) -> Dict[str, Any]:
    """May this item go back, how, until when, who pays shipping (rule book §3)."""
    return default_engine().check_return(request, lean=lean)


def order_flag(order: Request, *, lean: bool = False) -> Dict[str, Any]:
    """The flag an order should carry now, its platform code, and why (rule book §1)."""
    return default_engine().order_flag(order, lean=lean)


def order_action(request: Request, *, lean: bool = False) -> Dict[str, Any]:
    """What to do with a modify / cancel / stock-out / price-difference request (rule book §2)."""
    return default_engine().order_action(request, lean=lean)


def classify_complaint(complaint: Request, *, lean: bool = False) -> Dict[str, Any]:
    """Severity, behaviour, causes, cues, owner, reply deadline and handling steps (rule book §4)."""
    return default_engine().classify_complaint(complaint, lean=lean)


def refund_timeline(case: Request, *, lean: bool = False) -> Dict[str, Any]:
    """Where a refund case stands, its next deadline and what happens then (rule book §3)."""
    return default_engine().refund_timeline(case, lean=lean)


def sla(request: Request, *, lean: bool = False) -> Dict[str, Any]:
    """The due time of a service standard and its state at ``now`` (rule book §5)."""
    return default_engine().sla(request, lean=lean)


def dispatch_estimate(order: Request, *, lean: bool = False) -> Dict[str, Any]:
    """Ship-by date and expected delivery of a paid order (rule book §5)."""
    return default_engine().dispatch_estimate(order, lean=lean)


def evaluate(kind: str, request: Request, *, lean: bool = False) -> Dict[str, Any]:
    """Any decision by kind name (see ``KINDS``).

    Every decision function takes ``lean=True`` for the decision's lean form: only the kind's
    main fields and ``reason_codes`` (the same values as the whole decision; null where it has
    none), a fraction of the cost when the verdict is all a job needs.
    """
    return default_engine().evaluate(kind, request, lean=lean)


def evaluate_batch(
    kind: str, requests: List[Any], threads: Optional[int] = None, *, lean: bool = False
) -> List[Dict[str, Any]]:
    """One ``{index, ok, decision | error}`` per request, in order (``lean``: decisions in
    their lean form, see :func:`evaluate`).

    The GIL is released while kefu decides, on ``threads`` threads (default: every core this
    process may use); the answer does not depend on the number of threads.
    """
    return default_engine().evaluate_batch(kind, requests, threads, lean=lean)


def evaluate_frame(
    kind: str, data: Any, threads: Optional[int] = None, engine: Optional[Engine] = None, decisions: bool = False
) -> Any:
    """Decide every row of a data frame, column-wise through Arrow (no dict per row).

    ``data`` is a pyarrow Table or RecordBatch, a polars DataFrame, a pandas DataFrame, or
    anything with ``__arrow_c_stream__``; its columns are request fields (nested fields as
    struct columns, lists as list columns, instants and dates as text, money in integer
    cents; a null cell is a missing field). The answer has one row per input row, in order,
    of the same kind as ``data`` (pyarrow Table for pyarrow input): ``index``, ``ok``,
    ``error_code``, ``error_path``, ``error_message`` and the kind's main fields as text
    (lists joined by ``|``; ``reason_codes``), plus the whole ``decision`` as JSON text when
    ``decisions`` is true. The GIL is released while rows are decided, on ``threads`` threads
    (default: every core).
    """
    stream = (engine or default_engine()).evaluate_arrow(kind, data, threads, decisions)
    module = type(data).__module__.split(".")[0]
    if module == "polars":
        import polars

        return polars.DataFrame(stream)
    import pyarrow

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
