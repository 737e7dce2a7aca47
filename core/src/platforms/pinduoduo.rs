//! Pinduoduo: an order as `pdd.order.information.get` (or an element of `pdd.order.list.get`)
//! returns it, read into kefu's facts (docs/platforms.md). Sources: docs/research/issue21/pdd.md
//! (the official Java SDK jar's sources, 2024; a C# SDK with the 2018 doc samples; the 2026
//! doc page of `pdd.order.list.get`).

use super::read::{after_sales, sku_lines, Read};
use super::{bad, cents, code, id_text, local_time, missing, opt_text, unknown_value};
use crate::error::Result;
use crate::orders::{Flag, Platform};
use serde_json::{json, Value};

const P: &str = "pinduoduo";

/// What an `after_sales_status` leaves open: none, a refund (money only), or goods coming back
/// or going out again (return, exchange, resend, repair). Every documented value (0, 2–18, 21,
/// 22, 24, 25, 27, 31–33); the gaps and anything newer are errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    None,
    Refund,
    Goods,
}

const AFTER_SALES: [(i64, Open); 26] = [
    (0, Open::None),    // 无售后
    (2, Open::Refund),  // 买家申请退款，待商家处理
    (3, Open::Goods),   // 退货退款，待商家处理
    (4, Open::Refund),  // 商家同意退款，退款中
    (5, Open::Refund),  // 平台同意退款，退款中
    (6, Open::Refund),  // 驳回退款，待买家处理
    (7, Open::Goods),   // 已同意退货退款,待用户发货
    (8, Open::Refund),  // 平台处理中
    (9, Open::None),    // 平台拒绝退款，退款关闭
    (10, Open::None),   // 退款成功
    (11, Open::None),   // 买家撤销
    (12, Open::None),   // 买家逾期未处理，退款失败
    (13, Open::None),   // 买家逾期，超过有效期
    (14, Open::Goods),  // 换货补寄待商家处理
    (15, Open::Goods),  // 换货补寄待用户处理
    (16, Open::None),   // 换货补寄成功
    (17, Open::None),   // 换货补寄失败
    (18, Open::Goods),  // 换货补寄待用户确认完成
    (21, Open::Goods),  // 待商家同意维修
    (22, Open::Goods),  // 待用户确认发货
    (24, Open::None),   // 维修关闭
    (25, Open::None),   // 维修成功
    (27, Open::Goods),  // 待用户确认收货
    (31, Open::Refund), // 已同意拒收退款，待用户拒收
    (32, Open::Goods),  // 补寄待商家发货
    (33, Open::Refund), // 同意召回后退款，待商家召回
];

/// `after_sales_status` → what it leaves open; `None` for a value kefu does not know.
fn after_sales_open(value: i64) -> Option<Open> {
    AFTER_SALES
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, o)| *o)
}

const AFTER_SALES_KNOWN: &str = "0, 2–18, 21, 22, 24, 25, 27, 31, 32, 33";

/// An enum field that must be one of `known`.
fn enum_code(order: &Value, field: &str, known: &[i64], names: &str) -> Result<Option<i64>> {
    let path = format!("/{field}");
    match order.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            let c = code(P, &path, v)?;
            if known.contains(&c) {
                Ok(Some(c))
            } else {
                Err(unknown_value(P, &path, field, v, names))
            }
        }
    }
}

/// An order, whole or inner.
pub(crate) fn read(payload: &Value) -> Result<Read> {
    if payload.get("order_list_get_response").is_some() {
        return Err(bad(
            P,
            "",
            String::from(
                "a list response holds many orders: give each element of order_list on its own",
            ),
            String::from("列表结果包含多个订单：请逐个给出 order_list 中的订单"),
        ));
    }
    let order = super::unwrap(payload, &["order_info_get_response", "order_info"]);
    let order_id = match order.get("order_sn") {
        Some(v) if !v.is_null() => id_text(P, "/order_sn", v)?,
        _ => return Err(missing(P, "/order_sn", "order")),
    };
    // Paid is the pay time (a group order is paid before it forms, 0 未成交); a cancelled
    // order (2) is over.
    let confirm = enum_code(
        order,
        "confirm_status",
        &[0, 1, 2],
        "0 未成交, 1 已成交, 2 已取消",
    )?;
    let status = enum_code(
        order,
        "order_status",
        &[1, 2, 3],
        "1 待发货, 2 已发货待签收, 3 已签收",
    )?
    .ok_or_else(|| missing(P, "/order_status", "order"))?;
    let refund_status = enum_code(
        order,
        "refund_status",
        &[1, 2, 3, 4],
        "1 无售后或售后关闭, 2 售后处理中, 3 退款中, 4 退款成功",
    )?;
    let open = match order.get("after_sales_status") {
        None | Some(Value::Null) => match refund_status {
            Some(2 | 3) => Some(Open::Refund),
            Some(_) => Some(Open::None),
            // Neither field: the after-sales state is not known.
            None => None,
        },
        Some(v) => {
            let c = code(P, "/after_sales_status", v)?;
            Some(after_sales_open(c).ok_or_else(|| {
                unknown_value(
                    P,
                    "/after_sales_status",
                    "after_sales_status",
                    v,
                    AFTER_SALES_KNOWN,
                )
            })?)
        }
    };
    // A stock-out being handled, unless its handling is done (stock_out_handle_status 1).
    let handled = enum_code(
        order,
        "stock_out_handle_status",
        &[-1, 0, 1],
        "-1 无缺货处理, 0 缺货待处理, 1 缺货已处理",
    )? == Some(1);
    let stock_out = enum_code(order, "is_stock_out", &[0, 1], "0 无缺货处理, 1 有缺货处理")?
        == Some(1)
        && !handled;
    let flag = match order.get("remark_tag") {
        // An untagged order: Pinduoduo has no gray, so no tag is gray.
        None | Some(Value::Null) => Flag::Gray,
        Some(v) => match code(P, "/remark_tag", v)? {
            0 => Flag::Gray,
            _ => super::flag(P, "/remark_tag", v, Platform::Pinduoduo)?,
        },
    };
    let shipped = status != 1;
    // "" is "not paid"; a field left out is not known.
    let paid_at = match order.get("pay_time") {
        None | Some(Value::Null) => return Err(missing(P, "/pay_time", "order")),
        v => local_time(P, "/pay_time", v)?,
    };
    let mut read = Read {
        // `pay_amount` is the whole order's, postage included: no line price is read.
        items: sku_lines(P, order, "item_list", "sku_id")?,
        items_path: "/item_list",
        stock_out,
        ..Read::default()
    };
    read.order(order_id, paid_at.is_some(), paid_at, shipped);
    let f = &mut read.fields;
    f.insert(String::from("current_flag"), json!(flag));
    if let Some(open) = open {
        f.insert(
            String::from("after_sales"),
            after_sales(open == Open::Refund, open == Open::Goods, false, false),
        );
    }
    if let Some(city) = opt_text(order.get("city")) {
        f.insert(String::from("destination_city"), Value::from(city));
    }
    if let Some(fee) = order.get("postage").filter(|v| !v.is_null()) {
        f.insert(
            String::from("free_shipping"),
            Value::from(cents(P, "/postage", fee)? == 0),
        );
    }
    if confirm == Some(2) {
        read.closed = Some(bad(
            P,
            "/confirm_status",
            String::from("the order is cancelled (confirm_status 2 已取消): there is no order to flag, act on, ship or return"),
            String::from("订单已取消（confirm_status 2 已取消）：没有可标旗、处理、发货或退货的订单"),
        ));
    } else if !shipped {
        read.not_returnable = Some(bad(
            P,
            "/order_status",
            String::from("an order with order_status 1 (待发货) has not shipped: there is nothing to return yet"),
            String::from("order_status 为 1（待发货）的订单尚未发货：还没有可退的商品"),
        ));
    }
    Ok(read)
}
