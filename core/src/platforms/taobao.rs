//! Taobao / Tmall (TOP API v2.0): a trade as `taobao.trade.fullinfo.get` returns it, read into
//! `order_flag`'s facts; a flag decision written back as `taobao.trade.memo.update`'s
//! parameters. Sources: docs/research/issue21/taobao.md (the official API docs' JSON in
//! bububa/opentaobao, the official Java and PHP SDKs).

use super::{bad, id_text, local_time};
use crate::error::Result;
use crate::orders::{Flag, Platform};
use serde_json::{json, Map, Value};

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

fn status(trade: &Value) -> Result<TradeStatus> {
    let text = trade.get("status").and_then(Value::as_str).ok_or_else(|| {
        bad(
            P,
            "/status",
            String::from("the trade has no status"),
            String::from("交易缺少 status"),
        )
    })?;
    STATUSES
        .iter()
        .find(|(s, _)| *s == text)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let known: Vec<&str> = STATUSES.iter().map(|(s, _)| *s).collect();
            bad(
                P,
                "/status",
                format!(
                    "trade status {text:?} is not one kefu knows ({})",
                    known.join(", ")
                ),
                format!(
                    "交易状态 {text:?} 不在 kefu 已知的取值中（{}）",
                    known.join("、")
                ),
            )
        })
}

/// The sub-orders, `orders.order[]` (or a plain list with `simplify=true`).
fn orders(trade: &Value) -> &[Value] {
    let orders = trade.get("orders");
    orders
        .and_then(|o| o.get("order"))
        .or(orders)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A trade (`{"trade_fullinfo_get_response": {"trade": …}}` or the trade itself) as
/// `order_flag`'s facts. Read: `tid`/`tid_str` → `order_id`; `status` → `paid`, `shipped`,
/// `waybill_uploaded`; `pay_time` → `paid_at`; `seller_flag` → `current_flag`; each order's
/// `refund_status` → `after_sales.refund` / `after_sales.return_exchange`. What the platform
/// does not know (entered into the back office, marketing done, a pending change) is the
/// shop's to add.
pub fn order_facts(payload: &Value) -> Result<Value> {
    let trade = super::unwrap(payload, "trade_fullinfo_get_response", "trade");
    let st = status(trade)?;
    use TradeStatus as S;
    let paid = !matches!(
        st,
        S::TradeNoCreatePay
            | S::WaitBuyerPay
            | S::TradeClosedByTaobao
            | S::PayPending
            | S::WaitPreAuthConfirm
    );
    // Consigned (in part or whole): the platform has the waybill (consigning requires one).
    let shipped = matches!(
        st,
        S::SellerConsignedPart | S::WaitBuyerConfirmGoods | S::TradeBuyerSigned | S::TradeFinished
    );
    let order_id = match (trade.get("tid_str"), trade.get("tid")) {
        (Some(v), _) | (None, Some(v)) => id_text(P, "/tid", v)?,
        (None, None) => {
            return Err(bad(
                P,
                "/tid",
                String::from("the trade has no tid"),
                String::from("交易缺少 tid"),
            ))
        }
    };
    let mut refund = false;
    let mut goods_back = false;
    for (i, o) in orders(trade).iter().enumerate() {
        match o.get("refund_status") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if REFUND_OPEN.contains(&s.as_str()) => {
                refund = true;
                goods_back |= GOODS_RETURNING.contains(&s.as_str());
            }
            Some(Value::String(s)) if REFUND_NONE.contains(&s.as_str()) => {}
            Some(other) => {
                return Err(bad(
                    P,
                    &format!("/orders/order/{i}/refund_status"),
                    format!("refund status {other} is not one kefu knows"),
                    format!("退款状态 {other} 不在 kefu 已知的取值中"),
                ))
            }
        }
    }
    let mut facts = Map::new();
    facts.insert(String::from("order_id"), Value::from(order_id));
    facts.insert(String::from("platform"), Value::from(P));
    facts.insert(String::from("paid"), Value::from(paid));
    if let Some(at) = local_time(P, "/pay_time", trade.get("pay_time"))? {
        facts.insert(
            String::from("paid_at"),
            Value::from(at.format_in(super::china())),
        );
    }
    facts.insert(String::from("shipped"), Value::from(shipped));
    facts.insert(String::from("waybill_uploaded"), Value::from(shipped));
    match trade.get("seller_flag") {
        None | Some(Value::Null) => {}
        Some(v) => {
            let code = v
                .as_i64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()));
            let flag = code.map(|c| Flag::from_code(c, Platform::Taobao));
            match flag {
                Some(Ok(f)) => {
                    facts.insert(String::from("current_flag"), serde_json::to_value(f).unwrap_or(Value::Null));
                }
                _ => {
                    return Err(bad(
                        P,
                        "/seller_flag",
                        format!("seller_flag {v} is not a flag (0 gray, 1 red, 2 yellow, 3 green, 4 blue, 5 purple)"),
                        format!("seller_flag {v} 不是旗帜代码（0 灰、1 红、2 黄、3 绿、4 蓝、5 紫）"),
                    ))
                }
            }
        }
    }
    facts.insert(
        String::from("after_sales"),
        json!({ "refund": refund, "return_exchange": goods_back }),
    );
    Ok(Value::Object(facts))
}

/// A flag decision written back as `taobao.trade.memo.update`'s parameters: `tid`, `flag`
/// (0–5) and, when the decision has one, its note as `memo`.
pub fn memo_update(tid: &str, flag: Flag, memo: Option<&str>) -> Value {
    let mut out = json!({ "tid": tid, "flag": flag.code(Platform::Taobao).unwrap_or(0) });
    if let (Some(m), Some(map)) = (memo, out.as_object_mut()) {
        map.insert(String::from("memo"), Value::from(m));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn trade(status: &str) -> Value {
        json!({"trade_fullinfo_get_response": {"trade": {
            "tid": 2_345_678_901_234_567_u64, "status": status, "pay_time": "2026-03-01 10:00:00",
            "seller_flag": 2, "orders": {"order": [{"oid": 1, "refund_status": "NO_REFUND"}]}
        }}})
    }

    #[test]
    fn a_paid_trade_awaiting_shipment() {
        let f = order_facts(&trade("WAIT_SELLER_SEND_GOODS")).unwrap();
        assert_eq!(f["order_id"], "2345678901234567");
        assert_eq!(
            (f["paid"].as_bool(), f["shipped"].as_bool()),
            (Some(true), Some(false))
        );
        assert_eq!(f["paid_at"], "2026-03-01T10:00:00+08:00");
        assert_eq!(f["current_flag"], "yellow");
        // The facts are an order_flag request as kefu reads it.
        let engine = crate::Engine::from_value(&Value::Null).unwrap();
        let d = engine.evaluate("order_flag", &f).unwrap();
        assert_eq!(d["platform"], "taobao");
    }

    #[test]
    fn every_documented_status_reads_and_an_unknown_one_is_named() {
        for (s, _) in STATUSES {
            assert!(order_facts(&trade(s)).is_ok(), "{s}");
        }
        let e = order_facts(&trade("WAIT_SOMETHING_NEW")).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/status"));
        assert!(
            e.message.contains("taobao") && e.message.contains("WAIT_SOMETHING_NEW"),
            "{}",
            e.message
        );
    }

    #[test]
    fn an_open_refund_with_goods_coming_back() {
        let mut t = trade("WAIT_BUYER_CONFIRM_GOODS");
        t["trade_fullinfo_get_response"]["trade"]["orders"]["order"][0]["refund_status"] =
            json!("WAIT_BUYER_RETURN_GOODS");
        let f = order_facts(&t).unwrap();
        assert_eq!(
            f["after_sales"],
            json!({"refund": true, "return_exchange": true})
        );
        assert_eq!(f["shipped"], true);
    }

    #[test]
    fn the_flag_round_trips() {
        for flag in Flag::ALL {
            let written = memo_update("1", flag, None);
            let mut t = trade("WAIT_SELLER_SEND_GOODS");
            t["trade_fullinfo_get_response"]["trade"]["seller_flag"] = written["flag"].clone();
            let read = order_facts(&t).unwrap();
            assert_eq!(read["current_flag"], serde_json::to_value(flag).unwrap());
        }
    }
}
