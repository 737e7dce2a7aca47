//! JD (JOS): an order as `jingdong.pop.order.get` / `.search` return it, and its seller remark
//! as `jingdong.order.venderRemark.queryByOrderId` returns it (JD keeps the flag there, not in
//! the order), read into kefu's facts (docs/platforms.md). Sources: docs/research/issue21/jd.md
//! (JD's generated .NET and Go SDKs, the PHP request classes with JD's parameter docs).

use super::read::{sku_lines, Read};
use super::{bad, cents, id_text, local_time, missing, opt_text, text, unknown_value};
use crate::error::Result;
use crate::orders::Platform;
use serde_json::{json, Value};

const P: &str = "jd";

/// `orderState`, every value of the current API (PHP `PopOrderGet.php`, Go SDK comments):
/// (value, shipped). Paid is read from `paymentConfirmTime` in every state, since a
/// cash-on-delivery order (payType 1) is not paid before it is delivered.
const STATES: [(&str, bool); 9] = [
    ("WAIT_SELLER_STOCK_OUT", false),
    ("WAIT_SELLER_DELIVERY", false),
    ("WAIT_GOODS_RECEIVE_CONFIRM", true),
    ("FINISHED_L", true),
    ("PAUSE", false),
    ("POP_ORDER_PAUSE", false),
    ("LOCKED", false),
    ("WAIT_SEND_CODE", false),
    // Over: nothing to flag, act on, ship or return.
    ("TRADE_CANCELED", false),
];

/// An order or a remark, whole or inner.
pub(crate) fn read(payload: &Value) -> Result<Read> {
    let remark = super::unwrap(
        payload,
        &[
            "jingdong_order_venderRemark_queryByOrderId_responce",
            "venderRemarkQueryResult",
        ],
    );
    if remark.get("vender_remark").is_some() {
        return read_remark(remark);
    }
    if payload.get("jingdong_pop_order_search_responce").is_some()
        || payload
            .get("jingdong_pop_order_enSearch_responce")
            .is_some()
    {
        return Err(bad(
            P,
            "",
            String::from("a search response holds many orders: give each element of orderInfoList on its own"),
            String::from("搜索结果包含多个订单：请逐个给出 orderInfoList 中的订单"),
        ));
    }
    let mut order = payload;
    for envelope in [
        "jingdong_pop_order_get_responce",
        "jingdong_pop_order_enGet_responce",
    ] {
        order = super::unwrap(order, &[envelope, "orderDetailInfo", "orderInfo"]);
    }
    read_order(order)
}

fn read_order(order: &Value) -> Result<Read> {
    let value = order
        .get("orderState")
        .ok_or_else(|| missing(P, "/orderState", "order"))?;
    let state = text(P, "/orderState", value)?;
    let Some(&(_, shipped_state)) = STATES.iter().find(|(s, _)| *s == state) else {
        let known: Vec<&str> = STATES.iter().map(|(s, _)| *s).collect();
        return Err(unknown_value(
            P,
            "/orderState",
            "orderState",
            value,
            &known.join(", "),
        ));
    };
    let order_id = match order.get("orderId") {
        Some(v) if !v.is_null() => id_text(P, "/orderId", v)?,
        _ => return Err(missing(P, "/orderId", "order")),
    };
    // "0001-01-01 00:00:00" is JD's "not paid"; a field left out (JD returns only the
    // `optional_fields` asked for) is not known, not "not paid".
    let paid_at = match order.get("paymentConfirmTime") {
        None | Some(Value::Null) => {
            return Err(missing(
                P,
                "/paymentConfirmTime",
                "order (ask for it in optional_fields)",
            ))
        }
        v => local_time(P, "/paymentConfirmTime", v)?,
    };
    let shipped = shipped_state;
    let mut read = Read {
        // `jdPrice` is the unit list price, not what was paid for the line: not read.
        items: sku_lines(P, order, "itemInfoList", "skuId")?,
        items_path: "/itemInfoList",
        ..Read::default()
    };
    read.order(order_id, paid_at.is_some(), paid_at, shipped);
    let f = &mut read.fields;
    // The order gives no after-sales state (that is the after-sales APIs'): `after_sales` is
    // the shop's to give.
    if let Some(city) = opt_text(order.get("consigneeInfo").and_then(|c| c.get("city"))) {
        f.insert(String::from("destination_city"), Value::from(city));
    }
    if let Some(fee) = order.get("freightPrice").filter(|v| !v.is_null()) {
        f.insert(
            String::from("free_shipping"),
            Value::from(cents(P, "/freightPrice", fee)? == 0),
        );
    }
    if state == "TRADE_CANCELED" {
        read.closed = Some(bad(
            P,
            "/orderState",
            String::from("the order is cancelled (TRADE_CANCELED): there is no order to flag, act on, ship or return"),
            String::from("订单已取消（TRADE_CANCELED）：没有可标旗、处理、发货或退货的订单"),
        ));
    } else if !shipped {
        read.not_returnable = Some(bad(
            P,
            "/orderState",
            format!("an order in {state} has not shipped: there is nothing to return yet"),
            format!("订单状态 {state} 尚未发货：还没有可退的商品"),
        ));
    }
    Ok(read)
}

/// The seller remark (`vender_remark`: `order_id`, `remark`, `flag` 0–5).
fn read_remark(result: &Value) -> Result<Read> {
    let remark = result.get("vender_remark").unwrap_or(&Value::Null);
    let mut read = Read { ..Read::default() };
    match remark.get("order_id") {
        Some(v) if !v.is_null() => {
            let id = id_text(P, "/vender_remark/order_id", v)?;
            read.fields
                .insert(String::from("order_id"), Value::from(id));
        }
        _ => return Err(missing(P, "/vender_remark/order_id", "remark")),
    }
    if let Some(v) = remark.get("flag").filter(|v| !v.is_null()) {
        let flag = super::flag(P, "/vender_remark/flag", v, Platform::Jd)?;
        read.fields
            .insert(String::from("current_flag"), json!(flag));
    }
    Ok(read)
}
