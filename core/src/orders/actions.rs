//! What an agent does with a request on an order (rule book §2; seed 001 §1.1 修改订单,
//! §1.2 订单发货前退/换货, §1.3 订单缺货处理).
//!
//! One request shape for the four flows, told apart by `type`; fields a flow does not use
//! are errors, so a misrouted request is caught rather than half-read.

use super::flags::{check_facts, label, Flag, OrderFacts, Platform};
use crate::calendar::Days;
use crate::error::{Error, Result};
use crate::num::{Cents, Count, Id};
use crate::orders::OrdersPolicy;
use crate::policy::PolicyRef;
use crate::reason::{Reason, Rule};
use crate::time::Instant;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Which flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// 修改订单: shipping info, delivery method, or the item.
    Modify,
    /// 发货前退/换货, or closing an unpaid trade.
    CancelBeforeShipment,
    /// 缺货: the buyer chooses exchange, refund or wait.
    StockOut,
    /// 补差价: a supplementary order for an exchange.
    PriceDifference,
}

/// What the buyer wants before shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Want {
    /// Return (refund).
    Return,
    /// Exchange for another item.
    Exchange,
    /// Close the trade (unpaid orders).
    Close,
}

/// The buyer's choice on a stock-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StockChoice {
    /// Exchange for another item.
    Exchange,
    /// Refund the missing item(s).
    Refund,
    /// Wait and decide later.
    Wait,
}

/// How several items ship when some are out of stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShipMode {
    /// Everything together.
    Together,
    /// In-stock items first.
    InStockFirst,
}

/// An item as the seed's notes name it: 款号, 尺码, 颜色.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct ItemSpec {
    /// Item code (款号).
    pub item_code: Id,
    /// Size (尺码).
    #[serde(default)]
    pub size: Option<Id>,
    /// Colour (颜色).
    #[serde(default)]
    pub colour: Option<Id>,
}

/// New shipping facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct ShippingInfo {
    /// Recipient.
    #[serde(default)]
    pub recipient: Option<Id>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<Id>,
    /// Address.
    #[serde(default)]
    pub address: Option<Id>,
}

/// What a modify request changes (at least one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Changes {
    /// Shipping info (address, phone, recipient).
    #[serde(default)]
    pub shipping_info: Option<ShippingInfo>,
    /// Delivery method.
    #[serde(default)]
    pub delivery_method: Option<Id>,
    /// The item (colour, size, style).
    #[serde(default)]
    pub item: Option<ItemSpec>,
}

/// A request on an order (docs/api.md "What each kind reads": `order_action`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct ActionRequest {
    /// The caller's own key for this request (a row number, a ticket number), echoed in the
    /// decision as it is: decisions join back to their rows by it, not by position.
    #[serde(default)]
    pub id: Option<crate::num::Id>,
    /// Which flow.
    #[serde(rename = "type")]
    pub kind: ActionKind,
    /// The order's facts.
    pub order: OrderFacts,
    /// When the agent handles it (deadlines count from here).
    pub now: Instant,
    /// `modify`: what changes.
    #[serde(default)]
    pub changes: Option<Changes>,
    /// `cancel_before_shipment`: return, exchange or close.
    #[serde(default)]
    pub want: Option<Want>,
    /// Exchanges: the new item.
    #[serde(default)]
    pub new_item: Option<ItemSpec>,
    /// Exchanges: what the buyer pays on top (0 when none).
    #[serde(default)]
    pub price_difference_cents: Option<Cents>,
    /// `stock_out`: the buyer's choice.
    #[serde(default)]
    pub choice: Option<StockChoice>,
    /// `stock_out`: items in the order.
    #[serde(default)]
    pub items_total: Option<Count>,
    /// `stock_out`: items out of stock.
    #[serde(default)]
    pub items_out_of_stock: Option<Count>,
    /// `stock_out` with several items: ship together or in-stock first.
    #[serde(default)]
    pub ship: Option<ShipMode>,
    /// `price_difference`: the order the difference is paid for.
    #[serde(default)]
    pub linked_order_id: Option<Id>,
    /// `price_difference`: the item exchanged for.
    #[serde(default)]
    pub item: Option<ItemSpec>,
    /// `price_difference`: the amount.
    #[serde(default)]
    pub amount_cents: Option<Cents>,
}

crate::object_only!(ItemSpec, ShippingInfo, Changes, ActionRequest);

/// What the agent does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Change the order directly (gray / not yet entered).
    ChangeDirectly,
    /// Hand the change to another department (entered: being stocked).
    HandOff,
    /// Refuse: already shipped.
    Refuse,
    /// Recall the entered order: do not ship.
    Recall,
    /// Close the unpaid trade.
    CloseTrade,
    /// Make the exchange order.
    CreateExchangeOrder,
    /// Note the exchange and link the orders in both notes.
    NoteAndLink,
    /// Note it on the order and wait (for the buyer's application or decision).
    NoteAndWait,
    /// Refund the missing item.
    Refund,
    /// Ship in-stock items first; the rest is refunded or waits.
    ShipInStockFirst,
    /// Make the price-difference order.
    CreatePriceDifferenceOrder,
}

impl Action {
    /// Every action, with what it means for the agent (for docs).
    pub const ALL: [(Action, &'static str, &'static str); 11] = [
        (Action::ChangeDirectly, "change_directly", "Not yet entered: the agent changes the order and flags it purple with the change in the note (seed 001 §1.1)."),
        (Action::HandOff, "hand_off", "Entered (yellow, being stocked): the order number and the change go to logistics (seed 001 §1.1 2.2)."),
        (Action::Refuse, "refuse", "Already shipped: no change, no pre-shipment cancel; in transit the buyer hears 商品正在配送中，无法修改 (seed 001 §1.1, §1.2)."),
        (Action::Recall, "recall", "Entered and the buyer returns it: after-sales and logistics recall it, it does not ship; refund in working days (seed 001 §1.2 3)."),
        (Action::CloseTrade, "close_trade", "Unpaid: close the trade in the back office (seed 001 §1.2 5)."),
        (Action::CreateExchangeOrder, "create_exchange_order", "Entered and exchanged, or a stock-out exchange: after-sales makes the exchange order (seed 001 §1.2 3, §1.3 1.1)."),
        (Action::NoteAndLink, "note_and_link", "Paid, not entered, exchanged: confirm the new item and the difference, link the orders in both notes (seed 001 §1.2 4)."),
        (Action::NoteAndWait, "note_and_wait", "Note it and wait: the buyer applies for the refund 24 hours after payment, or decides later on a stock-out (seed 001 §1.2 4, §1.3 1.3)."),
        (Action::Refund, "refund", "Stock-out, refund: refund the missing item after the buyer applies (seed 001 §1.3 1.2)."),
        (Action::ShipInStockFirst, "ship_in_stock_first", "Several items: in-stock items ship first; the rest is refunded or waits (seed 001 §1.3)."),
        (Action::CreatePriceDifferenceOrder, "create_price_difference_order", "A 补差价 order naming the item (款号, size, colour) and the order it belongs to; red (seed 001 §1.1 注意事项3)."),
    ];
}

/// Who does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Department {
    /// The agent (客服).
    CustomerService,
    /// Logistics (物流部).
    Logistics,
    /// After-sales (售后).
    AfterSales,
}

/// What the receiving department needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Handoff {
    /// The order number.
    pub order_id: Option<String>,
    /// The facts to pass on, as lines.
    pub facts: Vec<String>,
}

/// Deadlines that follow from the action.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deadlines {
    /// From when the buyer may apply for the refund (24 hours after payment).
    pub refund_apply_from: Option<String>,
    /// By when the refund must be done (working days on the business calendar).
    pub refund_due_by: Option<String>,
}

/// The decision of `order_action`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActionDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::num::Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<crate::num::Id>,
    /// What to do.
    pub action: Action,
    /// Who does it.
    pub department: Department,
    /// What that department needs, when it is not the agent.
    pub handoff: Option<Handoff>,
    /// The flag to set.
    pub flag: Flag,
    /// Its platform code (`null`: no tag on Pinduoduo).
    pub flag_code: Option<u8>,
    /// The platform.
    pub platform: Platform,
    /// The flag's label.
    pub flag_label: String,
    /// The note to write on the order (Chinese), when one is due.
    pub note: Option<String>,
    /// What to tell the buyer (Chinese, the seed's register).
    pub buyer_message: String,
    /// The same in English.
    pub buyer_message_en: String,
    /// Deadlines that follow.
    pub deadlines: Deadlines,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The policy that decided.
    pub policy: Arc<PolicyRef>,
}

crate::reason::rules! {
    IN_TRANSIT = "MODIFY_IN_TRANSIT", "orders.modify", "seed 001 §1.1 注意事项1",
        "Shipped but the waybill is not uploaded yet: refuse, the goods are on their way.";
    MODIFY_SHIPPED = "MODIFY_SHIPPED", "orders.modify", "seed 001 §1.1 操作流程2.1",
        "Already shipped: refuse the change.";
    HANDOFF = "MODIFY_HANDOFF_LOGISTICS", "orders.modify", "seed 001 §1.1 操作流程2.2",
        "Entered (yellow, being stocked): send the order number and the change to logistics.";
    DIRECT = "MODIFY_DIRECTLY", "orders.modify", "seed 001 §1.1 操作流程2.3、3",
        "Not yet entered: the agent changes it and sets purple with the change in the note.";
    CANCEL_SHIPPED = "CANCEL_SHIPPED", "orders.cancel", "seed 001 §1.2 操作流程2.1、注意事项1",
        "Already shipped: cannot be recalled; it becomes a return after receipt.";
    CLOSE = "CLOSE_UNPAID_TRADE", "orders.cancel", "seed 001 §1.2 操作流程5",
        "Unpaid: close the trade directly.";
    RECALL = "RECALL_ENTERED_ORDER", "orders.cancel", "seed 001 §1.2 操作流程3",
        "Entered: after-sales and logistics recall it and do not ship.";
    EXCHANGE_ENTERED = "EXCHANGE_ENTERED_ORDER", "orders.cancel", "seed 001 §1.2 操作流程3",
        "Entered: after-sales and logistics make the exchange order.";
    RETURN_NOTE = "RETURN_NOTE_APPLY_AFTER_24H", "orders.cancel", "seed 001 §1.2 操作流程4",
        "Paid, not entered: note the return; the buyer applies for the refund 24 hours after payment.";
    EXCHANGE_NOTE = "EXCHANGE_NOTE_AND_LINK", "orders.cancel", "seed 001 §1.2 操作流程4、注意事项2–3",
        "Paid, not entered: confirm the new item and the price difference, link the orders in both notes.";
    REFUND_SOON = "REFUND_WITHIN_WORKING_DAYS", "orders.refund_deadline", "seed 001 §1.2 注意事项4; §1.3 注意事项2",
        "The refund is done within the policy's working days (seed: 1–2).";
    STOCK_EXCHANGE = "STOCK_OUT_EXCHANGE", "orders.stock_out", "seed 001 §1.3 操作流程1.1",
        "Out of stock, the buyer exchanges: confirm the new item and the price difference.";
    STOCK_REFUND = "STOCK_OUT_REFUND", "orders.stock_out", "seed 001 §1.3 操作流程1.2",
        "Out of stock, the buyer takes a refund.";
    STOCK_WAIT = "STOCK_OUT_WAIT", "orders.stock_out", "seed 001 §1.3 操作流程1.3",
        "Out of stock, the buyer waits: note it and ship as asked.";
    IN_STOCK_FIRST = "SHIP_IN_STOCK_FIRST", "orders.stock_out", "seed 001 §1.3 操作流程1.1.3、1.2.2、1.3.3",
        "Several items: in-stock items ship first, as the buyer asked.";
    TOGETHER = "SHIP_TOGETHER", "orders.stock_out", "seed 001 §1.3 操作流程1.1.2、1.3.2",
        "Several items: everything ships together, as the buyer asked.";
    PRICE_DIFF = "PRICE_DIFFERENCE_ORDER", "orders.price_difference", "seed 001 §1.1 注意事项3; 旗帜代表性 1",
        "A price-difference order names the item (款号, size, colour) and the order it belongs to.";
}

/// The field at `path`, required for this request type (`what` names it, `what_zh` in
/// Chinese).
fn need<'a, T>(v: &'a Option<T>, path: &str, what: &str, what_zh: &str) -> Result<&'a T> {
    v.as_ref().ok_or_else(|| {
        Error::invalid_input(path, format!("{what} is required for this request type"))
            .with_zh(format!("这类请求必须填写{what_zh}"))
    })
}

/// A request type in Chinese, with its name on the wire.
fn kind_zh(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Modify => "修改订单（modify）",
        ActionKind::CancelBeforeShipment => "发货前退换货（cancel_before_shipment）",
        ActionKind::StockOut => "缺货（stock_out）",
        ActionKind::PriceDifference => "补差价（price_difference）",
    }
}

/// Fields another flow uses are errors here, so a misrouted request is caught.
fn check_fields(r: &ActionRequest) -> Result<()> {
    use ActionKind::*;
    let fields: [(&str, bool, &[ActionKind]); 11] = [
        ("changes", r.changes.is_some(), &[Modify]),
        ("want", r.want.is_some(), &[CancelBeforeShipment]),
        (
            "new_item",
            r.new_item.is_some(),
            &[CancelBeforeShipment, StockOut],
        ),
        (
            "price_difference_cents",
            r.price_difference_cents.is_some(),
            &[CancelBeforeShipment, StockOut],
        ),
        ("choice", r.choice.is_some(), &[StockOut]),
        ("items_total", r.items_total.is_some(), &[StockOut]),
        (
            "items_out_of_stock",
            r.items_out_of_stock.is_some(),
            &[StockOut],
        ),
        ("ship", r.ship.is_some(), &[StockOut]),
        (
            "linked_order_id",
            r.linked_order_id.is_some(),
            &[PriceDifference],
        ),
        ("item", r.item.is_some(), &[PriceDifference]),
        ("amount_cents", r.amount_cents.is_some(), &[PriceDifference]),
    ];
    for (name, given, kinds) in fields {
        if given && !kinds.contains(&r.kind) {
            return Err(Error::invalid_input(
                format!("/{name}"),
                format!("{name} is not used by a {:?} request", r.kind),
            )
            .with_zh(format!(
                "{}请求不使用 {name}，请去掉该字段",
                kind_zh(r.kind)
            )));
        }
    }
    Ok(())
}

fn item_text(i: &ItemSpec) -> String {
    let mut s = format!("款号{}", i.item_code.0);
    if let Some(size) = &i.size {
        s.push_str(&format!("，尺码{}", size.0));
    }
    if let Some(colour) = &i.colour {
        s.push_str(&format!("，颜色{}", colour.0));
    }
    s
}

struct Ctx<'a> {
    policy: &'a OrdersPolicy,
    /// The `sla` standard `refund_after_approval` (seed 001 §1.2: 1–2 working days).
    refund: &'a crate::sla::Standard,
    calendar: &'a Days<'a>,
    policy_ref: &'a Arc<PolicyRef>,
}

/// Decide `order_action`.
pub(crate) fn decide(
    policy: &OrdersPolicy,
    refund: &crate::sla::Standard,
    calendar: &Days<'_>,
    policy_ref: &Arc<PolicyRef>,
    r: &ActionRequest,
) -> Result<ActionDecision> {
    check_fields(r)?;
    check_facts(&r.order, "/order")?;
    if let Some(paid_at) = r.order.paid_at {
        if r.now < paid_at {
            return Err(
                Error::invalid_input("/now", "now is before the order's paid_at")
                    .with_zh("当前时间（now）早于订单的付款时间（paid_at）"),
            );
        }
    }
    let cx = Ctx {
        policy,
        refund,
        calendar,
        policy_ref,
    };
    match r.kind {
        ActionKind::Modify => cx.modify(r),
        ActionKind::CancelBeforeShipment => cx.cancel(r),
        ActionKind::StockOut => cx.stock_out(r),
        ActionKind::PriceDifference => cx.price_difference(r),
    }
}

impl Ctx<'_> {
    #[allow(clippy::too_many_arguments)] // one constructor for eleven branches, each naming all
    fn base(
        &self,
        r: &ActionRequest,
        action: Action,
        department: Department,
        flag: Flag,
        rule: &'static Rule,
        zh: String,
        en: &'static str,
    ) -> ActionDecision {
        let platform = r.order.platform.unwrap_or(self.policy.platform);
        ActionDecision {
            id: None,
            order_id: None,
            action,
            department,
            handoff: None,
            flag,
            flag_code: flag.code(platform),
            platform,
            flag_label: label(self.policy, flag),
            note: None,
            buyer_message: String::new(),
            buyer_message_en: String::new(),
            deadlines: Deadlines::default(),
            reasons: vec![rule.says(zh, en)],
            policy: Arc::clone(self.policy_ref),
        }
    }

    fn order_id(r: &ActionRequest) -> Option<String> {
        r.order.order_id.as_ref().map(|i| i.0.clone())
    }

    /// The refund deadlines: the buyer may apply 24 hours after payment; the refund is done
    /// within the policy's working days from then (or from now, if later).
    fn refund_deadlines(
        &self,
        d: &mut ActionDecision,
        r: &ActionRequest,
        apply_wait: bool,
    ) -> Result<()> {
        let tz = self.calendar.tz();
        let mut start = r.now;
        let mut counted_from = "/now";
        if apply_wait {
            if let Some(paid) = r.order.paid_at {
                let hours = i64::from(self.policy.refund_apply_after_hours.0);
                let from = Instant(paid.0 + chrono::Duration::hours(hours));
                d.deadlines.refund_apply_from = Some(from.format_in(tz));
                if from > start {
                    start = from;
                    counted_from = "/order/paid_at";
                }
            }
        }
        // The deadline is counted from `start`: its error names the deadline and that input.
        let due = self
            .refund
            .due(start, self.calendar)
            .map_err(|e| e.needed_for("the refund deadline", "退款期限", counted_from))?;
        d.deadlines.refund_due_by = Some(due.format_in(tz));
        let (zh, en) = self.refund.describe();
        d.reasons.push(REFUND_SOON.says(
            format!("退款在{zh}内完成。"),
            format!("The refund is done within {en}."),
        ));
        Ok(())
    }

    fn modify(&self, r: &ActionRequest) -> Result<ActionDecision> {
        let c = need(&r.changes, "/changes", "changes", "修改内容（changes）")?;
        let mut facts = Vec::new();
        if let Some(s) = &c.shipping_info {
            for (k, v) in [
                ("收货人", &s.recipient),
                ("电话", &s.phone),
                ("地址", &s.address),
            ] {
                if let Some(v) = v {
                    facts.push(format!("{k}：{}", v.0));
                }
            }
        }
        if let Some(m) = &c.delivery_method {
            facts.push(format!("送货方式：{}", m.0));
        }
        if let Some(i) = &c.item {
            facts.push(format!("商品：{}", item_text(i)));
        }
        if facts.is_empty() {
            return Err(Error::invalid_input(
                "/changes",
                "a modify request must change something (shipping_info, delivery_method or item)",
            )
            .with_zh("修改订单请求须至少修改一项：收货信息（shipping_info）、送货方式（delivery_method）或商品（item）"));
        }
        let o = &r.order;
        let current = super::flags::flag_for(o).0;
        if o.shipped && !o.waybill_uploaded {
            let mut d = self.base(
                r,
                Action::Refuse,
                Department::CustomerService,
                current,
                &IN_TRANSIT,
                String::from("已发货但运单号未上传：告知客户商品正在配送中，无法修改。"),
                "Shipped, waybill not uploaded yet: tell the buyer the goods are on their way.",
            );
            d.buyer_message = String::from("亲，您的商品正在配送中，无法为您修改，请谅解。");
            d.buyer_message_en =
                String::from("Your order is already on its way, so it can no longer be changed.");
            return Ok(d);
        }
        if o.shipped {
            let mut d = self.base(
                r,
                Action::Refuse,
                Department::CustomerService,
                current,
                &MODIFY_SHIPPED,
                String::from("订单已发货，拒绝修改。"),
                "Already shipped: the change is refused.",
            );
            d.buyer_message = String::from("亲，您的订单已发货，无法修改，请谅解。");
            d.buyer_message_en =
                String::from("Your order has shipped and can no longer be changed.");
            return Ok(d);
        }
        // An open after-sales matter keeps the order red whatever else is done (red > purple > yellow).
        let unless_red = |flag: Flag| {
            if current == Flag::Red {
                Flag::Red
            } else {
                flag
            }
        };
        if o.entered {
            let mut d = self.base(r, Action::HandOff, Department::Logistics, unless_red(Flag::Yellow), &HANDOFF, String::from("订单已录入后台（黄色旗帜，备货中）：把订单号及修改信息发给物流部修改。"), "Entered (yellow, being stocked): hand the order number and the change to logistics.");
            d.handoff = Some(Handoff {
                order_id: Self::order_id(r),
                facts,
            });
            d.buyer_message = String::from("亲，已为您联系物流部修改订单信息，请耐心等待。");
            d.buyer_message_en =
                String::from("We have asked our logistics team to make the change.");
            return Ok(d);
        }
        let mut d = self.base(
            r,
            Action::ChangeDirectly,
            Department::CustomerService,
            unless_red(Flag::Purple),
            &DIRECT,
            String::from("订单未录入系统：客服直接修改，标紫色旗帜并备注修改信息。"),
            "Not yet entered: change it directly, flag purple, note the change.",
        );
        d.note = Some(format!("修改信息：{}", facts.join("；")));
        d.buyer_message = String::from("亲，已为您修改好订单信息。");
        d.buyer_message_en = String::from("Your order has been changed.");
        Ok(d)
    }

    fn cancel(&self, r: &ActionRequest) -> Result<ActionDecision> {
        let want = *need(&r.want, "/want", "want", "客户诉求（want）")?;
        let o = &r.order;
        let current = super::flags::flag_for(o).0;
        if o.shipped {
            let mut d = self.base(
                r,
                Action::Refuse,
                Department::CustomerService,
                current,
                &CANCEL_SHIPPED,
                String::from("订单已发货，货物不能追回，拒绝发货前退/换货；收货后按退换货处理。"),
                "Already shipped: cannot be recalled; handle it as a return after receipt.",
            );
            d.buyer_message =
                String::from("亲，您的订单已发货，无法拦截，收到货后可以为您办理退换货。");
            d.buyer_message_en = String::from("Your order has shipped and cannot be stopped; once it arrives we can handle a return or exchange.");
            return Ok(d);
        }
        if !o.paid {
            if want == Want::Exchange {
                return Err(Error::invalid_input(
                    "/want",
                    "an unpaid order is changed with a modify request, not exchanged",
                )
                .with_zh("未付款的订单不换货，请用修改订单（modify）请求修改"));
            }
            let mut d = self.base(
                r,
                Action::CloseTrade,
                Department::CustomerService,
                current,
                &CLOSE,
                String::from("订单未付款：直接在店铺后台关闭交易。"),
                "Unpaid: close the trade in the back office.",
            );
            d.buyer_message = String::from("亲，已为您关闭交易。");
            d.buyer_message_en = String::from("The trade has been closed.");
            return Ok(d);
        }
        let exchange = want == Want::Exchange;
        let new_item = if exchange {
            Some(need(
                &r.new_item,
                "/new_item",
                "new_item",
                "新商品（new_item）",
            )?)
        } else {
            None
        };
        let id = Self::order_id(r).unwrap_or_default();
        if o.entered {
            if let Some(item) = new_item {
                let mut d = self.base(
                    r,
                    Action::CreateExchangeOrder,
                    Department::AfterSales,
                    Flag::Red,
                    &EXCHANGE_ENTERED,
                    String::from("订单已录入系统：联系售后及物流做换购订单。"),
                    "Entered: after-sales and logistics make the exchange order.",
                );
                d.handoff = Some(Handoff {
                    order_id: Self::order_id(r),
                    facts: vec![format!("换购商品：{}", item_text(item))],
                });
                d.note = Some(format!("换货：{}；原订单{id}", item_text(item)));
                d.buyer_message = String::from("亲，已为您安排换货，会尽快为您发出新的商品。");
                d.buyer_message_en =
                    String::from("We are arranging the exchange and will ship the new item soon.");
                return Ok(d);
            }
            let mut d = self.base(
                r,
                Action::Recall,
                Department::AfterSales,
                Flag::Red,
                &RECALL,
                String::from("订单已录入系统：与售后及物流联系追回此订单，不安排发货。"),
                "Entered: after-sales and logistics recall it; it does not ship.",
            );
            d.handoff = Some(Handoff {
                order_id: Self::order_id(r),
                facts: vec![String::from("退货：追回订单，不安排发货")],
            });
            d.note = Some(String::from("发货前退货：追回订单，不安排发货"));
            d.buyer_message = format!(
                "亲，我们已让工作人员尽快处理，会在{}内完成退款。",
                self.refund.describe().0
            );
            d.buyer_message_en = String::from("Our staff will handle it promptly and the refund will be done within the stated working days.");
            self.refund_deadlines(&mut d, r, false)?;
            return Ok(d);
        }
        if let Some(item) = new_item {
            let mut d = self.base(r, Action::NoteAndLink, Department::CustomerService, Flag::Red, &EXCHANGE_NOTE, String::from("已付款未录入：确认换购商品及退补差价，在原订单和新订单里备注相关联信息。"), "Paid, not entered: confirm the new item and the difference; link the orders in both notes.");
            let diff = r.price_difference_cents.map_or(String::new(), |c| {
                format!("，补差价{}.{:02}元", c.0 / 100, c.0 % 100)
            });
            d.note = Some(format!("换货：{}{diff}；关联原订单{id}", item_text(item)));
            d.buyer_message = String::from("亲，已为您备注换货信息，请确认商品款号、尺码、颜色。");
            d.buyer_message_en = String::from(
                "We have noted the exchange; please confirm the item code, size and colour.",
            );
            return Ok(d);
        }
        let mut d = self.base(r, Action::NoteAndWait, Department::CustomerService, Flag::Red, &RETURN_NOTE, String::from("已付款未录入：在店铺后台备注退货信息，告知客户付款24小时后申请退款。"), "Paid, not entered: note the return; the buyer applies for the refund 24 hours after payment.");
        d.note = Some(String::from("发货前退货：待客户申请退款"));
        d.buyer_message = String::from("亲，请在付款24小时后申请退款，我们会尽快为您处理。");
        d.buyer_message_en = String::from(
            "Please apply for the refund 24 hours after payment; we will handle it promptly.",
        );
        self.refund_deadlines(&mut d, r, true)?;
        Ok(d)
    }

    fn stock_out(&self, r: &ActionRequest) -> Result<ActionDecision> {
        let choice = *need(&r.choice, "/choice", "choice", "客户的选择（choice）")?;
        let total = need(
            &r.items_total,
            "/items_total",
            "items_total",
            "商品总件数（items_total）",
        )?
        .0;
        let out = r.items_out_of_stock.map_or(1, |c| c.0);
        if total == 0 {
            return Err(
                Error::invalid_input("/items_total", "an order has at least one item")
                    .with_zh("订单至少有一件商品"),
            );
        }
        if out == 0 || out > total {
            return Err(Error::invalid_input(
                "/items_out_of_stock",
                format!("must be 1 to items_total ({total})"),
            )
            .with_zh(format!(
                "缺货件数须为1至商品总件数（items_total）（{total}）"
            )));
        }
        if !r.order.paid {
            return Err(Error::invalid_input(
                "/order/paid",
                "a stock-out is handled on a paid order",
            )
            .with_zh("缺货只对已付款的订单处理"));
        }
        if r.order.shipped {
            return Err(Error::invalid_input(
                "/order/shipped",
                "a stock-out is handled before shipment",
            )
            .with_zh("缺货须在发货前处理：订单已发货"));
        }
        let several = total > 1 && out < total;
        let ship = if several {
            Some(*need(
                &r.ship,
                "/ship",
                "ship (together or in_stock_first, for several items)",
                "发货方式（ship：多件商品时填 together 一起发货，或 in_stock_first 有货先发）",
            )?)
        } else {
            None
        };
        let ship_note = match ship {
            Some(ShipMode::Together) => "，一起发货",
            Some(ShipMode::InStockFirst) => "，有货商品先发货",
            None => "",
        };
        let mut d = match choice {
            StockChoice::Exchange => {
                let item = need(&r.new_item, "/new_item", "new_item", "新商品（new_item）")?;
                let mut d = self.base(
                    r,
                    Action::CreateExchangeOrder,
                    Department::AfterSales,
                    Flag::Red,
                    &STOCK_EXCHANGE,
                    String::from("缺货，客户要求换货：确认换购商品是否需退补差价。"),
                    "Out of stock, exchange: confirm the new item and any price difference.",
                );
                let diff = r.price_difference_cents.map_or(String::new(), |c| {
                    format!("，补差价{}.{:02}元", c.0 / 100, c.0 % 100)
                });
                d.note = Some(format!("缺货换货：{}{diff}{ship_note}", item_text(item)));
                d.buyer_message = String::from(
                    "亲，您要的商品暂时缺货，已为您换成其他商品，请确认款号、尺码、颜色。",
                );
                d.buyer_message_en = String::from("The item is out of stock; we have arranged the exchange, please confirm the item code, size and colour.");
                d
            }
            StockChoice::Refund if several && ship == Some(ShipMode::InStockFirst) => {
                let mut d = self.base(r, Action::ShipInStockFirst, Department::AfterSales, Flag::Red, &STOCK_REFUND, String::from("缺货，客户要求退款：有货商品先发货，无货商品待客户申请退款。"), "Out of stock, refund: ship what is in stock; refund the rest after the buyer applies.");
                d.note = Some(String::from(
                    "缺货：有货商品先发货，无货商品退款（待客户申请）",
                ));
                d.buyer_message = format!("亲，有货的商品先为您发出，缺货商品请在付款24小时后申请退款，我们会在{}内退到您的支付账户。", self.refund.describe().0);
                d.buyer_message_en = String::from("In-stock items ship first; apply for the refund of the missing items 24 hours after payment.");
                self.refund_deadlines(&mut d, r, true)?;
                d
            }
            StockChoice::Refund => {
                let mut d = self.base(
                    r,
                    Action::Refund,
                    Department::AfterSales,
                    Flag::Red,
                    &STOCK_REFUND,
                    String::from("缺货，客户要求退款：做退款处理并在店铺后台备注。"),
                    "Out of stock, refund: refund it and note it in the back office.",
                );
                d.note = Some(format!("缺货退款{ship_note}"));
                d.buyer_message = format!(
                    "亲，请在付款24小时后申请退款，我们会在{}内退到您的支付账户。",
                    self.refund.describe().0
                );
                d.buyer_message_en = String::from("Please apply for the refund 24 hours after payment; it will reach your payment account within the stated working days.");
                self.refund_deadlines(&mut d, r, true)?;
                d
            }
            StockChoice::Wait => {
                let action = if ship == Some(ShipMode::InStockFirst) {
                    Action::ShipInStockFirst
                } else {
                    Action::NoteAndWait
                };
                let mut d = self.base(
                    r,
                    action,
                    Department::AfterSales,
                    Flag::Red,
                    &STOCK_WAIT,
                    String::from("缺货，客户要求等待：在店铺后台备注待客户考虑退换款。"),
                    "Out of stock, the buyer waits: note it in the back office.",
                );
                d.note = Some(format!("缺货：待客户考虑退换款{ship_note}"));
                d.buyer_message = String::from("亲，已为您备注，您考虑好后随时联系我们。");
                d.buyer_message_en =
                    String::from("We have noted it; contact us whenever you have decided.");
                d
            }
        };
        match ship {
            Some(ShipMode::InStockFirst) => d.reasons.push(IN_STOCK_FIRST.says(
                "多件商品：按客户要求有货商品先发货。",
                "Several items: in-stock items ship first.",
            )),
            Some(ShipMode::Together) => d.reasons.push(TOGETHER.says(
                "多件商品：按客户要求一起发货。",
                "Several items: everything ships together.",
            )),
            None => {}
        }
        Ok(d)
    }

    fn price_difference(&self, r: &ActionRequest) -> Result<ActionDecision> {
        let linked = need(
            &r.linked_order_id,
            "/linked_order_id",
            "linked_order_id",
            "关联订单号（linked_order_id）",
        )?;
        let item = need(&r.item, "/item", "item", "商品（item）")?;
        let amount = need(
            &r.amount_cents,
            "/amount_cents",
            "amount_cents",
            "补差价金额（amount_cents）",
        )?
        .0;
        if amount == 0 {
            return Err(Error::invalid_input(
                "/amount_cents",
                "a price-difference order is for more than 0",
            )
            .with_zh("补差价金额须大于0"));
        }
        let mut d = self.base(
            r,
            Action::CreatePriceDifferenceOrder,
            Department::CustomerService,
            Flag::Red,
            &PRICE_DIFF,
            String::from("补差价订单：备注换购商品款号、尺码、颜色及所补的原订单号，标红色旗帜。"),
            "Price-difference order: note the item and the order it belongs to; flag red.",
        );
        d.note = Some(format!(
            "补差价{}.{:02}元：{}；补订单{}的差价",
            amount / 100,
            amount % 100,
            item_text(item),
            linked.0
        ));
        d.buyer_message = format!(
            "亲，请拍下补差价链接{}.{:02}元，我们会为您备注关联订单。",
            amount / 100,
            amount % 100
        );
        d.buyer_message_en = String::from(
            "Please pay the price difference through the link; we will link it to your order.",
        );
        Ok(d)
    }
}
