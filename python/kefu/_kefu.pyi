"""Type stubs of the native module (checked by mypy.stubtest in the test command)."""

from typing import Any, Dict, List, Literal, Mapping, Optional, Union, overload

from typing_extensions import final

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
    Policy,
    RefundCase,
    ReturnDecision,
    ReturnRequest,
    SlaDecision,
    SlaRequest,
    TimelineDecision,
)

ERROR_CODES: List[str]
KINDS: List[str]
VERSION: str

class KefuError(Exception):
    code: str
    kind: str
    path: Optional[str]
    message: str
    message_zh: str
    problems: List[Dict[str, str]]

class InvalidInputError(KefuError): ...
class InvalidPolicyError(KefuError): ...
class CalendarYearUnknownError(KefuError): ...
class UnknownKindError(KefuError): ...
class InternalError(KefuError): ...

@final
class ArrowStream:
    """Decisions as Arrow data: ``pyarrow.table(x)``, ``polars.DataFrame(x)``."""
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...
    def __len__(self) -> int: ...

@final
class Engine:
    """A compiled policy. Every request may carry ``id`` and ``order_id`` (text, 1 to 128
    characters); every decision echoes them, left out when the request has none.

    A decision method takes a request as a dict (typed: the kind's request ``TypedDict``, or
    any mapping) or JSON text, and answers with the kind's decision ``TypedDict``
    (``ReturnDecision``…), or with ``lean=True`` its lean form (``LeanReturnDecision``…):
    kefu/_types.py, generated from the JSON Schemas."""

    def __new__(cls, policy: Optional[Union[Policy, Mapping[str, Any], str]] = None) -> "Engine": ...
    @overload
    def check_return(self, request: Union[ReturnRequest, Mapping[str, Any], str], *, lean: Optional[Literal[False]] = None) -> ReturnDecision: ...
    @overload
    def check_return(self, request: Union[ReturnRequest, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanReturnDecision: ...
    @overload
    def check_return(self, request: Union[ReturnRequest, Mapping[str, Any], str], *, lean: Optional[bool] = None) -> Union[ReturnDecision, LeanReturnDecision]: ...
    @overload
    def order_flag(self, order: Union[OrderFacts, Mapping[str, Any], str], *, lean: Optional[Literal[False]] = None) -> FlagDecision: ...
    @overload
    def order_flag(self, order: Union[OrderFacts, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanFlagDecision: ...
    @overload
    def order_flag(self, order: Union[OrderFacts, Mapping[str, Any], str], *, lean: Optional[bool] = None) -> Union[FlagDecision, LeanFlagDecision]: ...
    @overload
    def order_action(self, request: Union[ActionRequest, Mapping[str, Any], str], *, lean: Optional[Literal[False]] = None) -> ActionDecision: ...
    @overload
    def order_action(self, request: Union[ActionRequest, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanActionDecision: ...
    @overload
    def order_action(self, request: Union[ActionRequest, Mapping[str, Any], str], *, lean: Optional[bool] = None) -> Union[ActionDecision, LeanActionDecision]: ...
    @overload
    def classify_complaint(self, complaint: Union[Complaint, Mapping[str, Any], str], *, lean: Optional[Literal[False]] = None) -> ComplaintDecision: ...
    @overload
    def classify_complaint(self, complaint: Union[Complaint, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanComplaintDecision: ...
    @overload
    def classify_complaint(self, complaint: Union[Complaint, Mapping[str, Any], str], *, lean: Optional[bool] = None) -> Union[ComplaintDecision, LeanComplaintDecision]:
        """``cues`` and ``negated`` list at most 100 phrases each; ``cues_not_shown`` counts the rest."""
    @overload
    def refund_timeline(self, case: Union[RefundCase, Mapping[str, Any], str], *, lean: Optional[Literal[False]] = None) -> TimelineDecision: ...
    @overload
    def refund_timeline(self, case: Union[RefundCase, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanTimelineDecision: ...
    @overload
    def refund_timeline(self, case: Union[RefundCase, Mapping[str, Any], str], *, lean: Optional[bool] = None) -> Union[TimelineDecision, LeanTimelineDecision]: ...
    @overload
    def sla(self, request: Union[SlaRequest, Mapping[str, Any], str], *, lean: Optional[Literal[False]] = None) -> SlaDecision: ...
    @overload
    def sla(self, request: Union[SlaRequest, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanSlaDecision: ...
    @overload
    def sla(self, request: Union[SlaRequest, Mapping[str, Any], str], *, lean: Optional[bool] = None) -> Union[SlaDecision, LeanSlaDecision]: ...
    @overload
    def dispatch_estimate(self, order: Union[DispatchRequest, Mapping[str, Any], str], *, lean: Optional[Literal[False]] = None) -> DispatchDecision: ...
    @overload
    def dispatch_estimate(self, order: Union[DispatchRequest, Mapping[str, Any], str], *, lean: Literal[True]) -> LeanDispatchDecision: ...
    @overload
    def dispatch_estimate(self, order: Union[DispatchRequest, Mapping[str, Any], str], *, lean: Optional[bool] = None) -> Union[DispatchDecision, LeanDispatchDecision]: ...
    def evaluate(self, kind: str, request: Any, *, lean: Optional[bool] = None) -> Dict[str, Any]: ...
    def diff_policy(self, kind: str, requests: Any, new: "Engine", threads: Optional[int] = None) -> Dict[str, Any]:
        """What ``new``'s policy would change: ``{"changes": [...], "summary": {...}}`` (core's comparison)."""
        ...
    def evaluate_batch(self, kind: str, requests: Any, threads: Optional[int] = None, *, lean: Optional[bool] = None) -> List[Dict[str, Any]]:
        """One ``{index, ok, id?, order_id?, decision | error}`` per request, in order; ``id`` and
        ``order_id`` are the request's, echoed also when it failed. ``threads``: a whole number
        from 1 (at most 64 are started), else :class:`InvalidInputError` at ``/options/threads``.
        """
    def evaluate_arrow(self, kind: str, data: Any, threads: Optional[int] = None, decisions: bool = False) -> ArrowStream:
        """A data frame's rows decided (see ``kefu.evaluate_frame``): columns ``index``, ``ok``,
        ``error_code``, ``error_path``, ``error_message``, the kind's main fields (``id`` and
        ``order_id`` first, also on failed rows) and, with ``decisions``, ``decision``.
        ``threads`` as in :meth:`evaluate_batch`. A frame that needs a missing module to be
        read (pandas without pyarrow) raises :class:`ImportError`.
        """
    def is_workday(self, date: Any) -> bool: ...
    def add_working_time(self, start: Any, minutes: Any) -> str: ...
    def working_minutes_between(self, a: Any, b: Any) -> int: ...
    def policy(self) -> Dict[str, Any]: ...
    def policy_hash(self) -> str: ...

def validate_policy(doc: Any) -> List[Dict[str, str]]: ...
def schema_text(name: str) -> str: ...
def schema_names() -> List[str]: ...
def from_platform(
    platform: Literal["taobao", "jd", "pinduoduo"],
    kind: Literal["order_flag", "order_action", "dispatch_estimate", "check_return", "refund_timeline"],
    payload: Any,
    facts: Optional[Mapping[str, Any]] = None,
) -> Dict[str, Any]:
    """A platform's payload read into the request of ``kind`` (docs/platforms.md): a Taobao
    trade (``taobao.trade.fullinfo.get``) or refund (``taobao.refund.get``), a JD order
    (``jingdong.pop.order.get``) or its remark (``…venderRemark.queryByOrderId``), a Pinduoduo
    order (``pdd.order.information.get``): the whole API response or its inner object, a list of
    payloads of one order, or the response's JSON text. ``facts`` (what no platform knows: the
    category, the signing time, ``now``…) are merged over what the payload gives.

    An enum value kefu does not know, a bad amount or time, or a field the decision needs that
    neither payload nor facts give raises :class:`InvalidInputError` naming the field.
    """
def to_platform(
    platform: Literal["taobao", "jd", "pinduoduo"],
    decision: Mapping[str, Any],
    memo: Optional[str] = None,
) -> Dict[str, Any]:
    """An ``order_flag`` or ``order_action`` decision written back as the platform's update
    call, ``{"method": …, "params": {…}}``: ``taobao.trade.memo.update`` (``flag`` 0–5),
    ``jingdong.pop.order.modifyVenderRemark`` (``flag`` 0–5), ``pdd.order.note.update`` (``tag``
    1–5, none for gray). The memo is ``memo``, else the decision's note or label.
    """
def calendar_from_notice(text: str) -> Dict[str, Dict[str, Any]]:
    """A State Council holiday notice (国务院办公厅关于…部分节假日安排的通知), pasted as text,
    read into a ``calendar.years`` entry: ``{"2026": {"holidays": [{"name", "from", "to"}, …],
    "workdays": ["2026-01-04", …]}}``, ready for ``Engine({"calendar": {"years": entry}})``.

    Weekdays in brackets and "共N天" are checked against the dates. Text that cannot be read
    (or anything but a str) raises :class:`InvalidInputError` at path ``/text``, naming the
    sentence.
    """
