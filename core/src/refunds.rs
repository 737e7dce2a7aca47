//! Where a refund case stands, its next deadline and what happens automatically then
//! (rule book §3 "Refund process deadlines"; seed 003 售后客服的退款流程 step 2).
//!
//! The platform's timers are countdowns from the instant a stage began, in exact 24-hour days
//! (requested Monday 10:00 + 5 days = Saturday 10:00), as Taobao shows them ("还剩4天23时").
//! The last stage, refunding once the goods are back, is the law's deadline and counts like
//! the `sla` standard `refund_after_return_received` (whole days ending at 24:00).
//!
//! A deadline is inclusive: an event exactly at it is in time; the automatic outcome happens
//! only when the next event, or `now`, is after it, and is recorded at the deadline.

use crate::calendar::Days;
use crate::error::{Error, Result};
use crate::num::Count;
use crate::policy::PolicyRef;
use crate::reason::Reason;
use crate::sla::SlaPolicy;
use crate::time::Instant;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The platform's refund timers (seed 003, as on Taobao; no primary source beyond the seed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default, remote = "Self")]
pub struct RefundProcessPolicy {
    /// Days the seller has to answer before silence agrees (seed: 5).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 90)))]
    pub seller_response_days: Count,
    /// Days the buyer has to ship the return before the refund closes (seed: 7).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 90)))]
    pub buyer_ship_days: Count,
    /// Days the seller has to confirm receipt of an express return before the platform
    /// refunds (seed: 10).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 90)))]
    pub express_receipt_days: Count,
    /// The same for a return by post (seed: 30).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 90)))]
    pub post_receipt_days: Count,
}

impl Default for RefundProcessPolicy {
    fn default() -> Self {
        RefundProcessPolicy {
            seller_response_days: Count(5),
            buyer_ship_days: Count(7),
            express_receipt_days: Count(10),
            post_receipt_days: Count(30),
        }
    }
}

impl RefundProcessPolicy {
    /// Problems the types do not catch.
    pub(crate) fn check(&self, bad: &mut impl FnMut(&str, String)) {
        for (name, days) in [
            ("seller_response_days", self.seller_response_days),
            ("buyer_ship_days", self.buyer_ship_days),
            ("express_receipt_days", self.express_receipt_days),
            ("post_receipt_days", self.post_receipt_days),
        ] {
            if !(1..=90).contains(&days.0) {
                bad(
                    &format!("/refund_process/{name}"),
                    String::from("must be 1 to 90"),
                );
            }
        }
    }
}

/// What happened in a refund case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// The buyer applied for the refund.
    Requested,
    /// The seller agreed.
    SellerAgreed,
    /// The seller refused.
    SellerRefused,
    /// The buyer shipped the return (with `method`).
    BuyerShipped,
    /// The seller confirmed the return arrived.
    SellerConfirmedReceipt,
    /// The money went back.
    Refunded,
    /// The refund was closed (withdrawn, or closed by the platform).
    Closed,
}

/// How the return travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShipMethod {
    /// Express courier (快递): 10 days to confirm.
    Express,
    /// Post (平邮): 30 days to confirm.
    Post,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct RefundEvent {
    /// What happened.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// When.
    pub at: Instant,
    /// `buyer_shipped` only: express or post.
    #[serde(default)]
    pub method: Option<ShipMethod>,
}

/// Most events in one case.
pub const MAX_EVENTS: usize = 1000;

/// A `refund_timeline` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct RefundCase {
    /// The caller's own key for this request (a row number, a ticket number), echoed in the
    /// decision as it is: decisions join back to their rows by it, not by position.
    #[serde(default)]
    pub id: Option<crate::num::Id>,
    /// The order this is about, echoed in the decision.
    #[serde(default)]
    pub order_id: Option<crate::num::Id>,
    /// What happened, in order.
    pub events: Vec<RefundEvent>,
    /// The moment to judge at.
    pub now: Instant,
    /// Whether the seller wants the goods back (退货退款); `false` is a refund only (仅退款).
    #[serde(default = "yes")]
    pub return_goods: bool,
}

fn yes() -> bool {
    true
}

crate::object_only!(RefundProcessPolicy, RefundEvent, RefundCase);

/// Where a refund case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundState {
    /// Requested; the seller must answer.
    AwaitingSeller,
    /// The seller refused; the buyer may apply again.
    Refused,
    /// Agreed; the buyer must ship the return.
    AwaitingBuyerShipment,
    /// Shipped; the seller must confirm receipt.
    AwaitingReceipt,
    /// The seller owes the refund.
    AwaitingRefund,
    /// Refunded.
    Refunded,
    /// Closed.
    Closed,
}

/// What happens at the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnDeadline {
    /// The seller's silence agrees.
    AutoAgree,
    /// The refund closes; the trade goes on.
    CloseRefund,
    /// The platform refunds.
    RefundOnTimeout,
    /// Nothing automatic: the seller is late (against the law or the shop's standard).
    Overdue,
}

/// Who must act before the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The seller.
    Seller,
    /// The buyer.
    Buyer,
}

/// How a state was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// An event of the request.
    Event,
    /// A deadline passed.
    Timeout,
}

/// One state the case went through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Step {
    /// The state entered.
    pub state: RefundState,
    /// When.
    pub at: String,
    /// By an event or by a timeout.
    pub by: Cause,
    /// The event's index, when by an event.
    pub event: Option<usize>,
}

/// The decision of `refund_timeline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TimelineDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::num::Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<crate::num::Id>,
    /// Where the case stands at `now`.
    pub state: RefundState,
    /// The next deadline, if any.
    pub next_deadline: Option<String>,
    /// What happens at it.
    pub on_deadline: Option<OnDeadline>,
    /// Who must act before it.
    pub who_acts: Option<Party>,
    /// Minutes from `now` to the deadline; 0 when none or past.
    pub minutes_left: i64,
    /// Minutes past an `overdue` deadline at `now`; otherwise 0.
    pub minutes_overdue: i64,
    /// Every state the case entered, in order.
    pub history: Vec<Step>,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The policy that decided.
    pub policy: Arc<PolicyRef>,
}

crate::reason::rules! {
    AWAITING_SELLER = "REFUND_AWAITING_SELLER", "refunds.seller_response", "seed 003 退款流程(2)（卖家同意退款或在五天内未操作）",
        "Requested: the seller agrees or refuses; silence agrees when the days run out.";
    AUTO_AGREED = "REFUND_AUTO_AGREED", "refunds.seller_response", "seed 003 退款流程(2)（卖家……在五天内未操作）",
        "The seller did not answer in time: the refund was agreed automatically.";
    REFUSED = "REFUND_REFUSED", "refunds.seller_response", "seed 003 退款流程(2)（确认或拒绝退款申请）",
        "The seller refused; the buyer may apply again.";
    AWAITING_SHIPMENT = "REFUND_AWAITING_BUYER_SHIPMENT", "refunds.buyer_shipment", "seed 003 退款流程(2)（买家未在七天内点击退货……退款流程关闭）",
        "Agreed: the buyer ships the return in time, or the refund closes.";
    CLOSED_NOT_SHIPPED = "REFUND_CLOSED_NOT_SHIPPED", "refunds.buyer_shipment", "seed 003 退款流程(2)（买家未在七天内点击退货……退款流程关闭，交易正常进行）",
        "The buyer did not ship the return in time: the refund closed and the trade goes on.";
    AWAITING_RECEIPT = "REFUND_AWAITING_RECEIPT", "refunds.receipt", "seed 003 退款流程(2)（通过快递退货十天内、平邮退货三十天内，卖家未确认收货）",
        "Shipped: the seller confirms receipt in time, or the platform refunds.";
    TIMEOUT_REFUNDED = "REFUND_TIMEOUT_REFUNDED", "refunds.receipt", "seed 003 退款流程(2)（淘宝在超时之后通知支付宝退款给买家）",
        "The seller did not confirm receipt in time: the platform refunded.";
    AWAITING_REFUND = "REFUND_AWAITING_REFUND", "refunds.refund_due", "《网络购买商品七日无理由退货暂行办法》第十三条; seed 001 §1.2 注意事项4",
        "The seller owes the refund by the deadline (goods back: the law's days; refund only: the shop's working days).";
    OVERDUE = "REFUND_OVERDUE", "refunds.refund_due", "《网络购买商品七日无理由退货暂行办法》第十三条、第三十一条",
        "The refund is past its deadline.";
    REFUNDED = "REFUND_REFUNDED", "refunds.done", "seed 003 退款流程(3)–(4)",
        "Refunded.";
    CLOSED = "REFUND_CLOSED", "refunds.done", "seed 003 退款流程(2)",
        "Closed.";
}

/// The state machine, one stage at a time.
struct Stage {
    state: RefundState,
    entered: Instant,
    deadline: Option<Instant>,
}

struct Run<'a> {
    process: &'a RefundProcessPolicy,
    sla: &'a SlaPolicy,
    calendar: &'a Days<'a>,
    return_goods: bool,
}

fn days(n: Count) -> chrono::Duration {
    chrono::Duration::days(i64::from(n.0))
}

fn plus(t: Instant, d: chrono::Duration, path: &str) -> Result<Instant> {
    t.0.checked_add_signed(d).map(Instant).ok_or_else(|| {
        Error::invalid_input(path, "the deadline is past the year 9999")
            .with_zh("期限晚于9999年，无法计算")
    })
}

impl Run<'_> {
    /// Enter `state` at `at`, with its deadline; `path` names the event for errors.
    fn enter(
        &self,
        state: RefundState,
        at: Instant,
        method: Option<ShipMethod>,
        path: &str,
    ) -> Result<Stage> {
        let p = self.process;
        let deadline = match state {
            RefundState::AwaitingSeller => Some(plus(at, days(p.seller_response_days), path)?),
            RefundState::AwaitingBuyerShipment => Some(plus(at, days(p.buyer_ship_days), path)?),
            RefundState::AwaitingReceipt => {
                let n = match method {
                    Some(ShipMethod::Post) => p.post_receipt_days,
                    _ => p.express_receipt_days,
                };
                Some(plus(at, days(n), path)?)
            }
            RefundState::AwaitingRefund => {
                let name = if self.return_goods {
                    "refund_after_return_received"
                } else {
                    "refund_after_approval"
                };
                let standard = self.sla.get(name).ok_or_else(|| {
                    Error::new(
                        crate::ErrorCode::Internal,
                        format!("standard {name} missing"),
                        None,
                    )
                    .with_zh(format!("kefu 内部错误（请报告）：缺少服务标准 {name}"))
                })?;
                Some(
                    standard
                        .due(at, self.calendar)
                        .map_err(|e| e.needed_for("the refund deadline", "退款期限", path))?,
                )
            }
            RefundState::Refused | RefundState::Refunded | RefundState::Closed => None,
        };
        Ok(Stage {
            state,
            entered: at,
            deadline,
        })
    }

    /// The state the seller's agreement leads to.
    fn agreed(&self) -> RefundState {
        if self.return_goods {
            RefundState::AwaitingBuyerShipment
        } else {
            RefundState::AwaitingRefund
        }
    }

    /// What the stage's deadline does when it passes: the next state and its reason.
    fn timeout(&self, state: RefundState) -> Option<(RefundState, &'static crate::Rule)> {
        match state {
            RefundState::AwaitingSeller => Some((self.agreed(), &AUTO_AGREED)),
            RefundState::AwaitingBuyerShipment => Some((RefundState::Closed, &CLOSED_NOT_SHIPPED)),
            RefundState::AwaitingReceipt => Some((RefundState::Refunded, &TIMEOUT_REFUNDED)),
            _ => None,
        }
    }
}

fn name(state: RefundState) -> &'static str {
    match state {
        RefundState::AwaitingSeller => "awaiting_seller",
        RefundState::Refused => "refused",
        RefundState::AwaitingBuyerShipment => "awaiting_buyer_shipment",
        RefundState::AwaitingReceipt => "awaiting_receipt",
        RefundState::AwaitingRefund => "awaiting_refund",
        RefundState::Refunded => "refunded",
        RefundState::Closed => "closed",
    }
}

/// A state as the agent's back office shows it.
fn name_zh(state: RefundState) -> &'static str {
    match state {
        RefundState::AwaitingSeller => "等待卖家处理",
        RefundState::Refused => "卖家已拒绝",
        RefundState::AwaitingBuyerShipment => "等待买家退货",
        RefundState::AwaitingReceipt => "等待卖家确认收货",
        RefundState::AwaitingRefund => "等待退款",
        RefundState::Refunded => "已退款",
        RefundState::Closed => "退款关闭",
    }
}

/// An event in Chinese, with its name in the request (`seller_agreed`) for the agent who
/// looks for it there.
fn event_zh(kind: EventType) -> String {
    let zh = match kind {
        EventType::Requested => "买家申请退款",
        EventType::SellerAgreed => "卖家同意退款",
        EventType::SellerRefused => "卖家拒绝退款",
        EventType::BuyerShipped => "买家退货发出",
        EventType::SellerConfirmedReceipt => "卖家确认收货",
        EventType::Refunded => "退款完成",
        EventType::Closed => "退款关闭",
    };
    format!("{zh}（{}）", event_name(kind))
}

fn event_name(kind: EventType) -> &'static str {
    match kind {
        EventType::Requested => "requested",
        EventType::SellerAgreed => "seller_agreed",
        EventType::SellerRefused => "seller_refused",
        EventType::BuyerShipped => "buyer_shipped",
        EventType::SellerConfirmedReceipt => "seller_confirmed_receipt",
        EventType::Refunded => "refunded",
        EventType::Closed => "closed",
    }
}

/// Check each event's shape and order before running the machine.
fn check_events(c: &RefundCase) -> Result<()> {
    if c.events.is_empty() {
        return Err(Error::invalid_input(
            "/events",
            "a refund case has at least one event (requested)",
        )
        .with_zh("退款记录至少要有一个事件（requested，买家申请退款）"));
    }
    if c.events.len() > MAX_EVENTS {
        return Err(
            Error::invalid_input("/events", format!("at most {MAX_EVENTS} events"))
                .with_zh(format!("事件最多{MAX_EVENTS}个")),
        );
    }
    for (i, e) in c.events.iter().enumerate() {
        let shipped = e.kind == EventType::BuyerShipped;
        if shipped && e.method.is_none() {
            return Err(Error::invalid_input(
                format!("/events/{i}/method"),
                "buyer_shipped needs method: express or post",
            )
            .with_zh("买家退货发出（buyer_shipped）须填写退货方式 method：express（快递）或 post（平邮）"));
        }
        if !shipped && e.method.is_some() {
            return Err(Error::invalid_input(
                format!("/events/{i}/method"),
                "only buyer_shipped has a method",
            )
            .with_zh("只有买家退货发出（buyer_shipped）才填写退货方式 method"));
        }
        if i > 0 && c.events.get(i - 1).is_some_and(|p| e.at < p.at) {
            return Err(Error::invalid_input(
                format!("/events/{i}/at"),
                "events must be in order: this one is earlier than the one before",
            )
            .with_zh("事件须按时间先后排列：这一条早于前一条"));
        }
        if e.at > c.now {
            return Err(Error::invalid_input(
                format!("/events/{i}/at"),
                "an event cannot be after now",
            )
            .with_zh("事件时间不能晚于当前时间（now）"));
        }
    }
    Ok(())
}

/// Decide `refund_timeline`.
pub(crate) fn decide(
    process: &RefundProcessPolicy,
    sla: &SlaPolicy,
    calendar: &Days<'_>,
    policy_ref: &Arc<PolicyRef>,
    c: &RefundCase,
) -> Result<TimelineDecision> {
    check_events(c)?;
    let tz = calendar.tz();
    let run = Run {
        process,
        sla,
        calendar,
        return_goods: c.return_goods,
    };
    let mut history: Vec<Step> = Vec::new();
    let mut reasons: Vec<Reason> = Vec::new();
    let mut stage: Option<Stage> = None;

    // Let every deadline that passed before `t` take effect.
    let settle = |stage: &mut Stage,
                  t: Instant,
                  history: &mut Vec<Step>,
                  reasons: &mut Vec<Reason>,
                  path: &str|
     -> Result<()> {
        while let (Some(deadline), Some((next, rule))) = (stage.deadline, run.timeout(stage.state))
        {
            if t <= deadline {
                break;
            }
            let when = deadline.format_in(tz);
            reasons.push(rule.says(
                format!(
                    "{when}期限届满：{}。",
                    match rule.code {
                        "REFUND_AUTO_AGREED" => "卖家未处理，系统自动同意退款",
                        "REFUND_CLOSED_NOT_SHIPPED" => "买家未退货，退款关闭，交易正常进行",
                        _ => "卖家未确认收货，平台超时退款给买家",
                    }
                ),
                format!("The deadline {when} passed: {}.", rule.summary),
            ));
            *stage = run.enter(next, deadline, None, path)?;
            history.push(Step {
                state: next,
                at: when,
                by: Cause::Timeout,
                event: None,
            });
        }
        Ok(())
    };

    for (i, e) in c.events.iter().enumerate() {
        let path = format!("/events/{i}/type");
        let next = match stage.as_mut() {
            None => {
                if e.kind != EventType::Requested {
                    return Err(Error::invalid_input(
                        path,
                        format!(
                            "a refund case starts with requested, not {}",
                            event_name(e.kind)
                        ),
                    )
                    .with_zh(format!(
                        "退款记录应以买家申请退款（requested）开始，而不是{}",
                        event_zh(e.kind)
                    )));
                }
                RefundState::AwaitingSeller
            }
            Some(s) => {
                settle(s, e.at, &mut history, &mut reasons, &path)?;
                use EventType as E;
                use RefundState as S;
                match (s.state, e.kind) {
                    (S::AwaitingSeller, E::SellerAgreed) => run.agreed(),
                    (S::AwaitingSeller, E::SellerRefused) => S::Refused,
                    (S::Refused, E::Requested) => S::AwaitingSeller,
                    (S::AwaitingBuyerShipment, E::BuyerShipped) => S::AwaitingReceipt,
                    (S::AwaitingReceipt, E::SellerConfirmedReceipt) => S::AwaitingRefund,
                    (
                        S::AwaitingSeller
                        | S::AwaitingBuyerShipment
                        | S::AwaitingReceipt
                        | S::AwaitingRefund,
                        E::Refunded,
                    ) => S::Refunded,
                    (S::AwaitingSeller | S::Refused | S::AwaitingBuyerShipment, E::Closed) => {
                        S::Closed
                    }
                    (state, kind) => {
                        let (why, why_zh) = match history.last() {
                            Some(step) if step.by == Cause::Timeout => (
                                format!(
                                    " (the deadline passed at {}: the case became {})",
                                    step.at,
                                    name(state)
                                ),
                                format!(
                                    "（期限已于{}届满，退款已转为{}）",
                                    step.at,
                                    name_zh(state)
                                ),
                            ),
                            _ => (String::new(), String::new()),
                        };
                        let (hint, hint_zh) = if kind == E::BuyerShipped && !c.return_goods {
                            (
                                " (return_goods is false: no return is shipped)",
                                "（return_goods 为 false：仅退款，买家无需退货）",
                            )
                        } else {
                            ("", "")
                        };
                        return Err(Error::invalid_input(
                            path,
                            format!(
                                "{} cannot happen while the case is {}{why}{hint}",
                                event_name(kind),
                                name(state)
                            ),
                        )
                        .with_zh(format!(
                            "退款处于“{}”（{}）时，不会发生{}{why_zh}{hint_zh}",
                            name_zh(state),
                            name(state),
                            event_zh(kind)
                        )));
                    }
                }
            }
        };
        stage = Some(run.enter(next, e.at, e.method, &path)?);
        history.push(Step {
            state: next,
            at: e.at.format_in(tz),
            by: Cause::Event,
            event: Some(i),
        });
    }
    let mut stage = stage.ok_or_else(|| {
        Error::invalid_input("/events", "no events").with_zh("退款记录没有任何事件")
    })?;
    settle(&mut stage, c.now, &mut history, &mut reasons, "/now")?;

    let (on_deadline, who_acts) = match stage.state {
        RefundState::AwaitingSeller => (Some(OnDeadline::AutoAgree), Some(Party::Seller)),
        RefundState::AwaitingBuyerShipment => (Some(OnDeadline::CloseRefund), Some(Party::Buyer)),
        RefundState::AwaitingReceipt => (Some(OnDeadline::RefundOnTimeout), Some(Party::Seller)),
        RefundState::AwaitingRefund => (Some(OnDeadline::Overdue), Some(Party::Seller)),
        _ => (None, None),
    };
    let deadline_text = stage.deadline.map(|d| d.format_in(tz));
    let to_deadline = stage.deadline.map_or(0, |d| (d.0 - c.now.0).num_seconds());
    let minutes_left = to_deadline.max(0) / 60;
    let overdue = stage.state == RefundState::AwaitingRefund && to_deadline < 0;
    let minutes_overdue = if overdue { -to_deadline / 60 } else { 0 };
    let due = deadline_text.clone().unwrap_or_default();
    let since = stage.entered.format_in(tz);
    reasons.push(match stage.state {
        RefundState::AwaitingSeller => AWAITING_SELLER.says(
            format!("买家已申请退款，卖家须在{due}前同意或拒绝，逾期系统自动同意。"),
            format!("Requested: the seller agrees or refuses by {due}; silence agrees then."),
        ),
        RefundState::Refused => REFUSED.says(
            format!("卖家已于{since}拒绝退款，买家可修改后再次申请。"),
            format!("The seller refused at {since}; the buyer may apply again."),
        ),
        RefundState::AwaitingBuyerShipment => AWAITING_SHIPMENT.says(
            format!("已同意退款，买家须在{due}前退货并填写物流信息，逾期退款关闭。"),
            format!("Agreed: the buyer ships the return by {due}, or the refund closes."),
        ),
        RefundState::AwaitingReceipt => AWAITING_RECEIPT.says(
            format!("买家已退货，卖家须在{due}前确认收货，逾期平台自动退款。"),
            format!("Returned: the seller confirms receipt by {due}, or the platform refunds."),
        ),
        RefundState::AwaitingRefund => AWAITING_REFUND.says(
            format!("应于{due}前退款给买家。"),
            format!("The refund is due by {due}."),
        ),
        RefundState::Refunded => REFUNDED.says(
            format!("已于{since}退款。"),
            format!("Refunded at {since}."),
        ),
        RefundState::Closed => CLOSED.says(
            format!("退款已于{since}关闭。"),
            format!("The refund closed at {since}."),
        ),
    });
    if overdue {
        reasons.push(OVERDUE.says(
            format!("退款已超过期限{minutes_overdue}分钟，请立即退款。"),
            format!("The refund is {minutes_overdue} minutes past its deadline: refund now."),
        ));
    }
    Ok(TimelineDecision {
        id: None,
        order_id: None,
        state: stage.state,
        next_deadline: deadline_text,
        on_deadline,
        who_acts,
        minutes_left,
        minutes_overdue,
        history,
        reasons,
        policy: Arc::clone(policy_ref),
    })
}
