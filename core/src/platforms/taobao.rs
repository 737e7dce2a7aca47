//! Taobao / Tmall (TOP API v2.0): a trade as `taobao.trade.fullinfo.get` returns it and a
//! refund as `taobao.refund.get` returns it, read into kefu's facts (docs/platforms.md).
//! Sources: docs/research/issue21/taobao.md (the official API docs' JSON in
//! bububa/opentaobao, the official Java and PHP SDKs).

use super::read::{after_sales, Item, Read};
use super::{
    bad, cents, id_text, instant_text, local_time, missing, opt_text, text, unknown_value,
};
use crate::error::{ErrorKind, Result};
use crate::orders::Platform;
use serde_json::{json, Value};

const P: &str = "taobao";

/// `Trade.status`, every value the API documents (META-TFG; the enum has grown over the
/// years, so a value not here is an error naming it, not a guess).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TradeStatus {
    /// 没有创建支付宝交易.
    TradeNoCreatePay,
    /// 等待买家付款.
    WaitBuyerPay,
    /// 卖家部分发货.
    SellerConsignedPart,
    /// 等待卖家发货,即:买家已付款.
    WaitSellerSendGoods,
    /// 等待买家确认收货,即:卖家已发货.
    WaitBuyerConfirmGoods,
    /// 买家已签收,货到付款专用.
    TradeBuyerSigned,
    /// 交易成功.
    TradeFinished,
    /// 付款以后用户退款成功，交易自动关闭.
    TradeClosed,
    /// 付款以前，卖家或买家主动关闭交易.
    TradeClosedByTaobao,
    /// 国际信用卡支付付款确认中.
    PayPending,
    /// 0元购合约中.
    WaitPreAuthConfirm,
    /// 拼团中订单或者发货强管控的订单，已付款但禁止发货.
    PaidForbidConsign,
}

const STATUSES: [(&str, TradeStatus); 12] = [
    ("TRADE_NO_CREATE_PAY", TradeStatus::TradeNoCreatePay),
    ("WAIT_BUYER_PAY", TradeStatus::WaitBuyerPay),
    ("SELLER_CONSIGNED_PART", TradeStatus::SellerConsignedPart),
    ("WAIT_SELLER_SEND_GOODS", TradeStatus::WaitSellerSendGoods),
    (
        "WAIT_BUYER_CONFIRM_GOODS",
        TradeStatus::WaitBuyerConfirmGoods,
    ),
    ("TRADE_BUYER_SIGNED", TradeStatus::TradeBuyerSigned),
    ("TRADE_FINISHED", TradeStatus::TradeFinished),
    ("TRADE_CLOSED", TradeStatus::TradeClosed),
    ("TRADE_CLOSED_BY_TAOBAO", TradeStatus::TradeClosedByTaobao),
    ("PAY_PENDING", TradeStatus::PayPending),
    ("WAIT_PRE_AUTH_CONFIRM", TradeStatus::WaitPreAuthConfirm),
    ("PAID_FORBID_CONSIGN", TradeStatus::PaidForbidConsign),
];

/// `Order.refund_status` values that mean an open refund (META-TFG); `CLOSED`, `SUCCESS` and
/// the undocumented `NO_REFUND` sentinel seen in payloads mean none open.
const REFUND_OPEN: [&str; 4] = [
    "WAIT_SELLER_AGREE",
    "WAIT_BUYER_RETURN_GOODS",
    "WAIT_SELLER_CONFIRM_GOODS",
    "SELLER_REFUSE_BUYER",
];
const REFUND_NONE: [&str; 3] = ["CLOSED", "SUCCESS", "NO_REFUND"];
/// Refund states with goods on their way back or awaited: a return, not only money.
const GOODS_RETURNING: [&str; 2] = ["WAIT_BUYER_RETURN_GOODS", "WAIT_SELLER_CONFIRM_GOODS"];
/// `Refund.status` (META-RG).
const REFUND_STATUSES: [&str; 6] = [
    "WAIT_SELLER_AGREE",
    "WAIT_BUYER_RETURN_GOODS",
    "WAIT_SELLER_CONFIRM_GOODS",
    "SELLER_REFUSE_BUYER",
    "CLOSED",
    "SUCCESS",
];
/// `Refund.good_status` (META-RG).
const GOOD_STATUSES: [&str; 3] = [
    "BUYER_NOT_RECEIVED",
    "BUYER_RECEIVED",
    "BUYER_RETURNED_GOODS",
];

fn status(trade: &Value) -> Result<TradeStatus> {
    let value = trade
        .get("status")
        .ok_or_else(|| missing(P, "/status", "trade"))?;
    let s = text(P, "/status", value)?;
    STATUSES
        .iter()
        .find(|(name, _)| *name == s)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let known: Vec<&str> = STATUSES.iter().map(|(s, _)| *s).collect();
            unknown_value(P, "/status", "trade status", value, &known.join(", "))
        })
}

/// The sub-orders, `orders.order[]` (or a plain list with `simplify=true`), and their path.
fn orders(trade: &Value) -> (&[Value], &'static str) {
    let orders = trade.get("orders");
    match orders
        .and_then(|o| o.get("order"))
        .and_then(Value::as_array)
    {
        Some(list) => (list.as_slice(), "/orders/order"),
        None => (
            orders.and_then(Value::as_array).map_or(&[], Vec::as_slice),
            "/orders",
        ),
    }
}

/// A trade or a refund, whole or inner.
pub(crate) fn read(payload: &Value) -> Result<Read> {
    if payload.get("refund_get_response").is_some() || payload.get("refund").is_some() {
        return refund(super::unwrap(payload, &["refund_get_response", "refund"]));
    }
    let inner = super::unwrap(payload, &["trade_fullinfo_get_response", "trade"]);
    if inner.get("refund_id").is_some() {
        return refund(inner);
    }
    trade(inner)
}

/// A trade (`taobao.trade.fullinfo.get`).
fn trade(trade: &Value) -> Result<Read> {
    let st = status(trade)?;
    let name = STATUSES
        .iter()
        .find(|(_, v)| *v == st)
        .map_or("", |(s, _)| s);
    use TradeStatus as S;
    let pay_time = local_time(P, "/pay_time", trade.get("pay_time"))?;
    // Cash on delivery (`type` "cod") is paid when delivered: its pay time says. Any other
    // trade is paid by its status.
    let cod = trade.get("type").and_then(Value::as_str) == Some("cod");
    let paid = if cod {
        pay_time.is_some()
    } else {
        !matches!(
            st,
            S::TradeNoCreatePay | S::WaitBuyerPay | S::PayPending | S::WaitPreAuthConfirm
        )
    };
    // Consigned (in part or whole): the platform has the waybill (consigning requires one).
    let shipped = matches!(
        st,
        S::SellerConsignedPart | S::WaitBuyerConfirmGoods | S::TradeBuyerSigned | S::TradeFinished
    );
    let order_id = match (trade.get("tid_str"), trade.get("tid")) {
        (Some(v), _) if !v.is_null() => id_text(P, "/tid_str", v)?,
        (_, Some(v)) => id_text(P, "/tid", v)?,
        _ => return Err(missing(P, "/tid", "trade")),
    };
    let (lines, lines_path) = orders(trade);
    let post_fee = match trade.get("post_fee").filter(|v| !v.is_null()) {
        Some(fee) => Some(cents(P, "/post_fee", fee)?),
        None => None,
    };
    let mut refund = false;
    let mut goods_back = false;
    let mut items = Vec::new();
    for (i, o) in lines.iter().enumerate() {
        let path = format!("{lines_path}/{i}");
        match o.get("refund_status") {
            None | Some(Value::Null) => {}
            Some(value) => {
                let s = text(P, &format!("{path}/refund_status"), value)?;
                if REFUND_OPEN.contains(&s) {
                    refund = true;
                    goods_back |= GOODS_RETURNING.contains(&s);
                } else if !REFUND_NONE.contains(&s) {
                    let known = [REFUND_OPEN.as_slice(), REFUND_NONE.as_slice()].concat();
                    return Err(unknown_value(
                        P,
                        &format!("{path}/refund_status"),
                        "refund status",
                        value,
                        &known.join(", "),
                    ));
                }
            }
        }
        // What the buyer paid for the line: `divide_order_fee` (after the trade's discounts are
        // shared out); else `payment`, which on a single-order trade includes the postage
        // (META-TFG: "payment字段在单笔子订单时包含物流费用"), so the postage comes off, and
        // without `post_fee` the price is not known.
        let price = match (o.get("divide_order_fee"), o.get("payment")) {
            (Some(v), _) if !v.is_null() => Some(cents(P, &format!("{path}/divide_order_fee"), v)?),
            (_, Some(v)) if !v.is_null() => {
                let payment = cents(P, &format!("{path}/payment"), v)?;
                match (lines.len(), post_fee) {
                    (1, Some(fee)) => Some(payment - fee).filter(|p| *p >= 0),
                    (1, None) => None,
                    _ => Some(payment),
                }
            }
            _ => None,
        };
        let sku = match o.get("sku_id") {
            None | Some(Value::Null) => None,
            Some(v) => Some(id_text(P, &format!("{path}/sku_id"), v)?),
        };
        let oid = match (o.get("oid_str"), o.get("oid")) {
            (Some(v), _) if !v.is_null() => Some(id_text(P, &format!("{path}/oid_str"), v)?),
            (_, Some(v)) if !v.is_null() => Some(id_text(P, &format!("{path}/oid"), v)?),
            _ => None,
        };
        items.push(Item {
            sku,
            oid,
            price_paid_cents: price,
        });
    }
    let mut read = Read {
        items,
        items_path: if lines_path == "/orders/order" {
            "/orders/order"
        } else {
            "/orders"
        },
        ..Read::default()
    };
    read.order(order_id, paid, pay_time, shipped);
    let f = &mut read.fields;
    if let Some(v) = trade.get("seller_flag").filter(|v| !v.is_null()) {
        let flag = super::flag(P, "/seller_flag", v, Platform::Taobao)?;
        f.insert(String::from("current_flag"), json!(flag));
    }
    // The refunds open are the orders' own: without the orders, they are not known.
    if trade.get("orders").is_some_and(|o| !o.is_null()) {
        f.insert(
            String::from("after_sales"),
            after_sales(refund, goods_back, false, false),
        );
    }
    let city =
        opt_text(trade.get("receiver_city")).or_else(|| opt_text(trade.get("receiver_district")));
    if let Some(city) = city {
        f.insert(String::from("destination_city"), Value::from(city));
    }
    if let Some(fee) = post_fee {
        f.insert(String::from("free_shipping"), Value::from(fee == 0));
    }
    if matches!(st, S::TradeClosed | S::TradeClosedByTaobao) {
        read.closed = Some(bad(
            P,
            "/status",
            format!(
                "the trade is closed ({name}): there is no order to flag, act on, ship or return"
            ),
            format!("交易已关闭（{name}）：没有可标旗、处理、发货或退货的订单"),
        ));
    } else if !shipped {
        read.not_returnable = Some(bad(
            P,
            "/status",
            format!("a trade in {name} has not shipped: there is nothing to return yet"),
            String::from("交易尚未发货：还没有可退的商品"),
        ));
    }
    Ok(read)
}

/// A refund (`taobao.refund.get`): a snapshot of its state and when it last changed.
fn refund(refund: &Value) -> Result<Read> {
    let value = refund
        .get("status")
        .ok_or_else(|| missing(P, "/status", "refund"))?;
    let st = text(P, "/status", value)?;
    if !REFUND_STATUSES.contains(&st) {
        return Err(unknown_value(
            P,
            "/status",
            "refund status",
            value,
            &REFUND_STATUSES.join(", "),
        ));
    }
    let order_id = match refund.get("tid") {
        Some(v) if !v.is_null() => id_text(P, "/tid", v)?,
        _ => return Err(missing(P, "/tid", "refund")),
    };
    let created = local_time(P, "/created", refund.get("created"))?
        .ok_or_else(|| missing(P, "/created", "refund"))?;
    let mut read = Read { ..Read::default() };
    let f = &mut read.fields;
    f.insert(String::from("order_id"), Value::from(order_id));
    f.insert(String::from("requested_at"), instant_text(created));
    match refund.get("has_good_return") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => {
            f.insert(String::from("return_goods"), Value::from(*b));
        }
        Some(other) => {
            return Err(bad(
                P,
                "/has_good_return",
                format!("has_good_return is true or false, not {other}"),
                format!("has_good_return 应为 true 或 false，而不是 {other}"),
            )
            .with_kind(ErrorKind::WrongType))
        }
    }
    if let Some(value) = refund.get("good_status").filter(|v| !v.is_null()) {
        let g = text(P, "/good_status", value)?;
        if !GOOD_STATUSES.contains(&g) {
            return Err(unknown_value(
                P,
                "/good_status",
                "good_status",
                value,
                &GOOD_STATUSES.join(", "),
            ));
        }
        if g == "BUYER_NOT_RECEIVED" {
            read.not_returnable = Some(bad(
                P,
                "/good_status",
                String::from("BUYER_NOT_RECEIVED: the buyer has not received the goods, so there is no return to check (a refund before receipt is refund_timeline's)"),
                String::from("BUYER_NOT_RECEIVED：买家未收到货，没有退货可判断（收货前的退款请用 refund_timeline）"),
            ));
        }
    }
    if let Some(oid) = refund.get("oid").filter(|v| !v.is_null()) {
        read.oid = Some(id_text(P, "/oid", oid)?);
    }
    // A snapshot holds the state and when it last changed, not the path: `modified` is not
    // when the seller agreed or refused (the platform agrees by itself when the seller does
    // not), and an ended refund's path is not in it. Only a refund still awaiting the seller is
    // read, as its one event; every other state asks for the events.
    if st != "WAIT_SELLER_AGREE" {
        read.no_events = Some(
            bad(
                P,
                "/events",
                format!("a refund in {st} needs its history (when the seller agreed or refused, how the return was shipped, …), which taobao.refund.get does not give: give events in facts"),
                format!("{st} 状态的退款需要其经过（卖家何时同意或拒绝、退货方式等），taobao.refund.get 不提供：请在 facts 中给出 events"),
            )
            .with_kind(ErrorKind::MissingField),
        );
        return Ok(read);
    }
    let events = vec![json!({"type": "requested", "at": instant_text(created)})];
    read.fields
        .insert(String::from("events"), Value::from(events));
    Ok(read)
}
