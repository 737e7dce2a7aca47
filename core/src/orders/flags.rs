//! Which flag an order should carry now, and why (rule book §1; seed 001 §1.1 "注意店铺后各颜色
//! 旗帜代表性").
//!
//! Precedence when several apply — the most urgent outstanding state wins:
//! red > purple > green > yellow > gray. Blue is never chosen by the built-in rules (the seed
//! does not use it); a shop gives it a meaning through `orders.labels`.

use crate::error::{Error, Result};
use crate::num::Id;
use crate::orders::OrdersPolicy;
use crate::policy::PolicyRef;
use crate::reason::{Reason, Rule};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The shop's platform: it decides the flag's code on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Taobao / Tmall: codes 0–5 (5 is "粉红色" on the write API, "紫" on the read side).
    Taobao,
    /// JD: codes 0–5 as Taobao.
    Jd,
    /// Pinduoduo: tags 1–5, no gray (gray means "no tag").
    Pinduoduo,
}

/// The six flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// 灰: untouched.
    Gray,
    /// 红: after-sales problem order.
    Red,
    /// 黄: entered into the back office, being stocked.
    Yellow,
    /// 绿: marketing done; still to be entered.
    Green,
    /// 蓝: not used by the seed; shop-defined.
    Blue,
    /// 紫: information changed; still to be entered.
    Purple,
}

impl Flag {
    /// All flags, in code order.
    pub const ALL: [Flag; 6] = [
        Flag::Gray,
        Flag::Red,
        Flag::Yellow,
        Flag::Green,
        Flag::Blue,
        Flag::Purple,
    ];

    /// The flag's code on `platform`; `None` for gray on Pinduoduo ("no tag").
    pub fn code(self, platform: Platform) -> Option<u8> {
        let code = match self {
            Flag::Gray => 0,
            Flag::Red => 1,
            Flag::Yellow => 2,
            Flag::Green => 3,
            Flag::Blue => 4,
            Flag::Purple => 5,
        };
        if platform == Platform::Pinduoduo && code == 0 {
            None
        } else {
            Some(code)
        }
    }

    /// The flag a platform code stands for, or an error naming the platform's range.
    pub fn from_code(code: i64, platform: Platform) -> std::result::Result<Flag, String> {
        let range = code_range(platform);
        if !range.contains(&code) {
            return Err(format!(
                "flag code {code} is outside {:?}'s range {}–{}",
                platform,
                range.start(),
                range.end()
            ));
        }
        Flag::ALL
            .get(usize::try_from(code).unwrap_or(0))
            .copied()
            .ok_or_else(|| String::from("bad code"))
    }

    /// The Chinese of [`Flag::from_code`]'s error.
    fn code_error_zh(code: i64, platform: Platform) -> String {
        let range = code_range(platform);
        let name = match platform {
            Platform::Taobao => "淘宝/天猫",
            Platform::Jd => "京东",
            Platform::Pinduoduo => "拼多多",
        };
        format!(
            "旗帜编号{code}不在{name}的编号范围{}–{}内",
            range.start(),
            range.end()
        )
    }

    /// The seed's Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Flag::Gray => "灰色旗帜",
            Flag::Red => "红色旗帜",
            Flag::Yellow => "黄色旗帜",
            Flag::Green => "绿色旗帜",
            Flag::Blue => "蓝色旗帜",
            Flag::Purple => "紫色旗帜",
        }
    }

    /// The seed's meaning (shops relabel through `orders.labels`).
    pub fn meaning(self) -> &'static str {
        match self {
            Flag::Gray => "未做任何操作的订单",
            Flag::Red => "售后跟进的问题订单（缺货、退换货、退款、补差价）",
            Flag::Yellow => "已录入公司后台，备货中",
            Flag::Green => "已做过营销，仍需录入系统",
            Flag::Blue => "店铺自定义",
            Flag::Purple => "修改信息（改码数、换款、改地址、电话），仍需录入系统",
        }
    }
}

/// A flag given by the caller: its name, or its platform code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum FlagInput {
    /// `"red"`.
    Name(Flag),
    /// `1`.
    Code(i64),
}

/// Read by hand rather than derived `untagged`: serde's untagged enums first copy the whole
/// value, recursively and without a depth limit, so a list nested 100,000 deep in
/// `current_flag` overflowed the stack. This looks at one value and no deeper.
impl<'de> Deserialize<'de> for FlagInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = FlagInput;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a flag name (\"red\", …) or its platform code")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FlagInput, E> {
                Flag::deserialize(serde::de::value::StrDeserializer::<E>::new(v))
                    .map(FlagInput::Name)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<FlagInput, E> {
                Ok(FlagInput::Code(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<FlagInput, E> {
                i64::try_from(v)
                    .map(FlagInput::Code)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// Open after-sales matters on an order (any one makes it red).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default, remote = "Self")]
pub struct AfterSales {
    /// Out of stock, found before the order was entered (录入订单前缺货).
    pub stock_out_before_entry: bool,
    /// Out of stock, found after entry (录入订单后缺货).
    pub stock_out_after_entry: bool,
    /// A return or exchange is open (退换货).
    pub return_exchange: bool,
    /// A refund is open (退款).
    pub refund: bool,
    /// This is a price-difference order (补差价); it must name `linked_order_id`.
    pub price_difference: bool,
}

/// What is known of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct OrderFacts {
    /// The caller's own key for this request (a row number, a ticket number), echoed in the
    /// decision as it is: decisions join back to their rows by it, not by position.
    #[serde(default)]
    pub id: Option<crate::num::Id>,
    /// The order number.
    #[serde(default)]
    pub order_id: Option<Id>,
    /// The shop's platform; defaults to the policy's.
    #[serde(default)]
    pub platform: Option<Platform>,
    /// Paid.
    #[serde(default)]
    pub paid: bool,
    /// When it was paid (the buyer may apply for a pre-shipment refund 24 hours later).
    #[serde(default)]
    pub paid_at: Option<crate::time::Instant>,
    /// Entered into the shop's back office (SHOP管理中心): being stocked.
    #[serde(default)]
    pub entered: bool,
    /// Shipped.
    #[serde(default)]
    pub shipped: bool,
    /// The waybill number is uploaded to the platform.
    #[serde(default)]
    pub waybill_uploaded: bool,
    /// Marketing has been done on it.
    #[serde(default)]
    pub marketing_done: bool,
    /// An information change (size, style, address, phone) is pending entry.
    #[serde(default)]
    pub info_change_pending: bool,
    /// Open after-sales matters.
    #[serde(default)]
    pub after_sales: AfterSales,
    /// The order a price-difference order belongs to.
    #[serde(default)]
    pub linked_order_id: Option<Id>,
    /// The flag the order carries now, if known (name or platform code).
    #[serde(default)]
    pub current_flag: Option<FlagInput>,
}

crate::object_only!(AfterSales, OrderFacts);

/// Something still owed on the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Owed {
    /// Stable code, e.g. `"ENTER_INTO_BACK_OFFICE"`.
    pub code: &'static str,
    /// What to do (Chinese).
    pub message: &'static str,
    /// What to do (English).
    pub message_en: &'static str,
}

/// The decision of `order_flag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FlagDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::num::Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<crate::num::Id>,
    /// The flag the order should carry now.
    pub flag: Flag,
    /// Its code on the platform (`null` for gray on Pinduoduo: no tag).
    pub flag_code: Option<u8>,
    /// The platform the code is for.
    pub platform: Platform,
    /// The flag's label (the seed's meaning, or the shop's relabel).
    pub label: String,
    /// Whether the order's current flag (when given) must change.
    pub change: Option<bool>,
    /// What is still owed.
    pub owed: Vec<Owed>,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The policy that decided.
    pub policy: Arc<PolicyRef>,
}

crate::reason::rules! {
    RED = "FLAG_RED_AFTER_SALES", "orders.flag.red", "seed 001 §1.1 注意店铺后各颜色旗帜代表性 1",
        "An after-sales matter is open (stock-out, return/exchange, refund, price difference): red.";
    PURPLE = "FLAG_PURPLE_INFO_CHANGED", "orders.flag.purple", "seed 001 §1.1 注意店铺后各颜色旗帜代表性 2",
        "An information change is pending: purple.";
    GREEN = "FLAG_GREEN_MARKETING", "orders.flag.green", "seed 001 §1.1 注意店铺后各颜色旗帜代表性 3",
        "Marketing done and not yet entered: green.";
    YELLOW = "FLAG_YELLOW_ENTERED", "orders.flag.yellow", "seed 001 §1.1 注意店铺后各颜色旗帜代表性 4",
        "Entered into the back office (being stocked): yellow.";
    GRAY = "FLAG_GRAY_UNTOUCHED", "orders.flag.gray", "seed 001 §1.1 注意店铺后各颜色旗帜代表性 5",
        "Nothing has been done on the order: gray.";
    PDD_NO_GRAY = "PINDUODUO_NO_GRAY", "orders.flag.codes", "docs/rules.md §1 (Pinduoduo tags 1–5)",
        "Pinduoduo has no gray tag: a gray order carries no tag.";
}

/// The flag codes `platform` has.
fn code_range(platform: Platform) -> std::ops::RangeInclusive<i64> {
    if platform == Platform::Pinduoduo {
        1..=5
    } else {
        0..=5
    }
}

/// Check facts that contradict each other; every order call does this first.
pub(crate) fn check_facts(o: &OrderFacts, at: &str) -> Result<()> {
    if o.shipped && !o.paid {
        return Err(Error::invalid_input(
            format!("{at}/shipped"),
            "shipped but not paid: an order ships only after payment",
        )
        .with_zh("订单已发货却未付款：订单付款后才发货"));
    }
    if o.waybill_uploaded && !o.shipped {
        return Err(Error::invalid_input(
            format!("{at}/waybill_uploaded"),
            "waybill uploaded but not shipped",
        )
        .with_zh("已上传运单号却未发货"));
    }
    if o.entered && !o.paid {
        return Err(Error::invalid_input(
            format!("{at}/entered"),
            "entered into the back office but not paid",
        )
        .with_zh("订单已录入公司后台却未付款"));
    }
    if o.after_sales.price_difference && o.linked_order_id.is_none() {
        return Err(Error::invalid_input(format!("{at}/linked_order_id"), "a price-difference order must name the order it belongs to (seed 001: 补差价订单必须备注好相关联的订单号)")
            .with_zh("补差价订单必须备注好相关联的订单号（linked_order_id）"));
    }
    if o.paid_at.is_some() && !o.paid {
        return Err(Error::invalid_input(
            format!("{at}/paid_at"),
            "paid_at is given but paid is false",
        )
        .with_zh("填写了付款时间（paid_at），但 paid 为 false（未付款）"));
    }
    Ok(())
}

/// The flag the built-in rules give, with its reason and what is owed.
pub(crate) fn flag_for(o: &OrderFacts) -> (Flag, &'static Rule, Vec<Owed>) {
    let a = &o.after_sales;
    let enter = Owed {
        code: "ENTER_INTO_BACK_OFFICE",
        message: "仍需录入系统",
        message_en: "still to be entered into the back office",
    };
    if a.stock_out_before_entry
        || a.stock_out_after_entry
        || a.return_exchange
        || a.refund
        || a.price_difference
    {
        let mut owed = vec![Owed {
            code: "FOLLOW_UP_AFTER_SALES",
            message: "售后跟进至问题解决",
            message_en: "after-sales follows up until the matter is closed",
        }];
        if a.price_difference {
            owed.push(Owed {
                code: "NOTE_LINKED_ORDER",
                message: "备注相关联的订单号",
                message_en: "note the linked order number",
            });
        }
        return (Flag::Red, &RED, owed);
    }
    if o.info_change_pending {
        let owed = if o.entered {
            vec![Owed {
                code: "HAND_CHANGE_TO_LOGISTICS",
                message: "把订单号及修改信息交物流部修改",
                message_en: "hand the order number and the change to logistics",
            }]
        } else {
            vec![enter]
        };
        return (Flag::Purple, &PURPLE, owed);
    }
    if o.marketing_done && !o.entered {
        return (Flag::Green, &GREEN, vec![enter]);
    }
    if o.entered {
        return (Flag::Yellow, &YELLOW, Vec::new());
    }
    (Flag::Gray, &GRAY, Vec::new())
}

/// The label of `flag` under the policy (its relabel, or the seed's meaning).
pub(crate) fn label(policy: &OrdersPolicy, flag: Flag) -> String {
    policy
        .labels
        .get(&flag)
        .cloned()
        .unwrap_or_else(|| flag.meaning().to_owned())
}

/// Decide `order_flag`.
pub(crate) fn decide(
    policy: &OrdersPolicy,
    policy_ref: &Arc<PolicyRef>,
    o: &OrderFacts,
) -> Result<FlagDecision> {
    check_facts(o, "")?;
    let platform = o.platform.unwrap_or(policy.platform);
    let current = match o.current_flag {
        None => None,
        Some(FlagInput::Name(f)) => Some(f),
        Some(FlagInput::Code(c)) => Some(Flag::from_code(c, platform).map_err(|m| {
            Error::invalid_input("/current_flag", m).with_zh(Flag::code_error_zh(c, platform))
        })?),
    };
    let (flag, rule, owed) = flag_for(o);
    let label = label(policy, flag);
    let mut reasons = vec![rule.says(
        format!("{}：{}。", flag.zh(), label),
        format!("{flag:?} flag: {}.", rule.summary),
    )];
    let code = flag.code(platform);
    if code.is_none() {
        reasons.push(PDD_NO_GRAY.says(
            "拼多多没有灰色标记：该订单不打标。",
            "Pinduoduo has no gray tag: leave the order untagged.",
        ));
    }
    Ok(FlagDecision {
        id: None,
        order_id: None,
        flag,
        flag_code: code,
        platform,
        label,
        change: current.map(|c| c != flag),
        owed,
        reasons,
        policy: Arc::clone(policy_ref),
    })
}
