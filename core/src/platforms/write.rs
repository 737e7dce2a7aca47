//! Back out: a flag decision (`order_flag`, `order_action`) as each platform's own update call,
//! its flag in the platform's field and code and its note as the memo text
//! (docs/platforms.md, "Back out").

use super::{id_text, PLATFORMS};
use crate::error::{Error, ErrorKind, Result};
use crate::orders::{Flag, Platform};
use serde_json::{json, Map, Value};

/// `decision` written back to `platform`: `{"method": <the platform's API>, "params": {…}}`.
/// The memo is `memo` when given, else the decision's `note` (`order_action`). Taobao takes a
/// flag without a memo and then keeps the memo it has, so nothing else is written there; JD
/// and Pinduoduo require the text, so there the flag's `label` / `flag_label` stands in. A
/// memo written replaces the one the platform holds: to keep an agent's memo, pass the text
/// you want.
///
/// # Errors
/// `INVALID_INPUT` at `/flag`, `/order_id`, `/platform` or `/memo` for a decision that cannot
/// be written: no flag name, no order number, decided for another platform, no memo where the
/// platform requires one, or a memo longer than the platform takes.
pub fn write(platform: &str, decision: &Value, memo: Option<&str>) -> Result<Value> {
    let target = match platform {
        "taobao" => Platform::Taobao,
        "jd" => Platform::Jd,
        "pinduoduo" => Platform::Pinduoduo,
        other => {
            return Err(Error::invalid_input(
                "/platform",
                format!(
                    "unknown platform {other:?}; kefu writes {}",
                    PLATFORMS.join(", ")
                ),
            )
            .with_zh(format!(
                "kefu 不写回平台“{other}”；可用的有：{}",
                PLATFORMS.join("、")
            ))
            .with_kind(ErrorKind::UnknownVariant))
        }
    };
    let Some(d) = decision.as_object() else {
        return Err(Error::invalid_input(
            "",
            format!("a decision to write back is an object, not {decision}"),
        )
        .with_zh(format!("要写回的决策应为对象，而不是 {decision}"))
        .with_kind(ErrorKind::WrongType));
    };
    let flag_value = d.get("flag").unwrap_or(&Value::Null);
    let flag: Flag = serde_json::from_value(flag_value.clone()).map_err(|_| {
        Error::invalid_input(
            "/flag",
            format!(
                "flag {flag_value} is not a flag name (gray, red, yellow, green, blue, purple)"
            ),
        )
        .with_zh(format!(
            "flag {flag_value} 不是旗帜名称（gray、red、yellow、green、blue、purple）"
        ))
        .with_kind(if flag_value.is_null() {
            ErrorKind::MissingField
        } else {
            ErrorKind::UnknownVariant
        })
    })?;
    if let Some(p) = d.get("platform").filter(|p| !p.is_null()) {
        if serde_json::from_value::<Platform>(p.clone()).ok() != Some(target) {
            return Err(Error::invalid_input(
                "/platform",
                format!("the decision was made for platform {p}, not {platform}: its flag code is that platform's"),
            )
            .with_zh(format!(
                "该决策是按平台 {p} 作出的，不是 {platform}：其旗帜代码属于那个平台"
            )));
        }
    }
    let order_id = match d.get("order_id") {
        Some(v) if !v.is_null() => id_text(platform, "/order_id", v)?,
        _ => return Err(Error::invalid_input(
            "/order_id",
            "the decision has no order_id: decide with the payload's order number to write it back",
        )
        .with_zh("决策没有 order_id：请用平台数据中的订单号作出决策再写回")
        .with_kind(ErrorKind::MissingField)),
    };
    let text = |key: &str| d.get(key).and_then(Value::as_str).filter(|s| !s.is_empty());
    let memo = memo.or_else(|| text("note"));
    let label = || {
        memo.or_else(|| text("label"))
            .or_else(|| text("flag_label"))
    };
    let need_memo = || {
        Error::invalid_input(
            "/memo",
            format!("{platform} requires the memo text and the decision has no note or label: give memo"),
        )
        .with_zh(format!("{platform} 需要备注内容，而决策没有 note 或 label：请给出 memo"))
        .with_kind(ErrorKind::MissingField)
    };
    let too_long = |limit: &str| {
        Error::invalid_input(
            "/memo",
            format!("{platform} takes a memo of at most {limit}"),
        )
        .with_zh(format!("{platform} 的备注最多 {limit}"))
    };
    let mut params = Map::new();
    let method = match target {
        Platform::Taobao => {
            // taobao.trade.memo.update: tid, flag 0–5, memo ≤ 1,000 bytes (META-MU).
            params.insert(String::from("tid"), Value::from(order_id));
            params.insert(String::from("flag"), json!(flag.code(target)));
            if let Some(m) = memo {
                if m.len() > 1000 {
                    return Err(too_long("1,000 bytes"));
                }
                params.insert(String::from("memo"), Value::from(m));
            }
            "taobao.trade.memo.update"
        }
        Platform::Jd => {
            // jingdong.pop.order.modifyVenderRemark: order_id, flag 0–5, remark (required,
            // ≤ 500 characters per venderRemark's doc).
            let m = label().ok_or_else(need_memo)?;
            if m.chars().count() > 500 {
                return Err(too_long("500 characters"));
            }
            params.insert(String::from("order_id"), Value::from(order_id));
            params.insert(String::from("flag"), json!(flag.code(target)));
            params.insert(String::from("remark"), Value::from(m));
            "jingdong.pop.order.modifyVenderRemark"
        }
        Platform::Pinduoduo => {
            // pdd.order.note.update: order_sn, note (required), tag 1–5 with tag_name (both or
            // neither); gray is no tag.
            let m = label().ok_or_else(need_memo)?;
            params.insert(String::from("order_sn"), Value::from(order_id));
            params.insert(String::from("note"), Value::from(m));
            if let Some(tag) = flag.code(target) {
                params.insert(String::from("tag"), Value::from(tag));
                params.insert(String::from("tag_name"), Value::from(tag_name(flag)));
            }
            "pdd.order.note.update"
        }
    };
    Ok(json!({ "method": method, "params": params }))
}

/// Pinduoduo's tag names (`remark_tag_name`; at most 3 characters).
fn tag_name(flag: Flag) -> &'static str {
    match flag {
        Flag::Red => "红色",
        Flag::Yellow => "黄色",
        Flag::Green => "绿色",
        Flag::Blue => "蓝色",
        Flag::Purple => "紫色",
        Flag::Gray => "灰色",
    }
}
