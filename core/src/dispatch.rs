//! When a paid order ships and when it should arrive (rule book §5; seed 001 发货时间 and
//! 淘宝注意问题 1–2).
//!
//! Ship-by dates run on the business calendar: a make-up Saturday (调休) is a working day and
//! ships; a holiday does not. Delivery runs on calendar days, since couriers deliver every day;
//! the seed gives no delivery time for EMS, so the same estimate is given for it.

use crate::calendar::Days;
use crate::error::{Error, Result};
use crate::num::{yuan, Cents, Count};
use crate::policy::PolicyRef;
use crate::reason::Reason;
use crate::time::{add_days, parse_clock, ymd, Date, Instant};
use chrono::{Datelike, Timelike};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Dispatch and delivery (seed 001).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default, remote = "Self")]
pub struct DispatchPolicy {
    /// Paid on a working day before this local time (`"HH:MM"`) ships that day (seed: 14:00).
    pub cutoff: String,
    /// During a promotion, orders ship within this many working days (seed: 3).
    pub promotion_working_days: Count,
    /// The warehouse's city (seed: 深圳).
    pub warehouse_city: String,
    /// Days from shipping to delivery in the warehouse's city (seed: next day).
    pub same_city_days: Count,
    /// Days from shipping to delivery elsewhere (seed: about 3).
    pub elsewhere_days: Count,
    /// What the buyer adds when a free-shipping promotion item must go by EMS (seed: 10 yuan).
    #[cfg_attr(feature = "schema", schemars(range(max = 1_000_000)))]
    pub ems_surcharge_cents: Cents,
}

impl Default for DispatchPolicy {
    fn default() -> Self {
        DispatchPolicy {
            cutoff: String::from("14:00"),
            promotion_working_days: Count(3),
            warehouse_city: String::from("深圳"),
            same_city_days: Count(1),
            elsewhere_days: Count(3),
            ems_surcharge_cents: Cents(1000),
        }
    }
}

impl DispatchPolicy {
    /// Problems the types do not catch.
    pub(crate) fn check(&self, bad: &mut impl FnMut(&str, String)) {
        if let Err(m) = parse_clock(&self.cutoff) {
            bad("/dispatch/cutoff", m);
        }
        if !(1..=30).contains(&self.promotion_working_days.0) {
            bad(
                "/dispatch/promotion_working_days",
                String::from("must be 1 to 30"),
            );
        }
        let n = self.warehouse_city.trim().chars().count();
        if n == 0 || n > 64 {
            bad(
                "/dispatch/warehouse_city",
                format!("must have 1 to 64 characters, has {n}"),
            );
        }
        for (path, days) in [
            ("/dispatch/same_city_days", self.same_city_days),
            ("/dispatch/elsewhere_days", self.elsewhere_days),
        ] {
            if days.0 > 60 {
                bad(path, String::from("must be 0 to 60"));
            }
        }
        if self.ems_surcharge_cents.0 > 1_000_000 {
            bad(
                "/dispatch/ems_surcharge_cents",
                String::from("must be 0 to 1000000 (10,000 yuan)"),
            );
        }
    }
}

/// A `dispatch_estimate` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct DispatchRequest {
    /// The caller's own key for this request (a row number, a ticket number), echoed in the
    /// decision as it is: decisions join back to their rows by it, not by position.
    #[serde(default)]
    pub id: Option<crate::num::Id>,
    /// The order this is about, echoed in the decision.
    #[serde(default)]
    pub order_id: Option<crate::num::Id>,
    /// When the order was paid.
    pub paid_at: Instant,
    /// Where it goes (a city name, compared with the policy's warehouse city).
    pub destination_city: String,
    /// Whether the order is in a promotion (ships within the promotion's working days).
    #[serde(default)]
    pub promotion: bool,
    /// Whether the shop's courier reaches the address; otherwise it goes by EMS.
    #[serde(default = "yes")]
    pub courier_reaches: bool,
    /// Whether the item ships free.
    #[serde(default)]
    pub free_shipping: bool,
    /// What EMS actually costs, when known.
    #[serde(default)]
    pub ems_cost_cents: Option<Cents>,
}

fn yes() -> bool {
    true
}

crate::object_only!(DispatchPolicy, DispatchRequest);

/// How the parcel goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Courier {
    /// The shop's express courier.
    Express,
    /// EMS, where the courier does not reach.
    Ems,
}

/// Why the buyer pays what they pay for EMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmsBasis {
    /// A free-shipping promotion item: the fixed surcharge.
    PromotionSurcharge,
    /// Anything else: the actual cost.
    ActualCost,
}

/// The decision of `dispatch_estimate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DispatchDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::num::Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<crate::num::Id>,
    /// The date the order ships by.
    pub ship_by: String,
    /// Whether it ships the day it was paid.
    pub same_day: bool,
    /// The expected delivery date.
    pub expected_delivery: String,
    /// Days from shipping to delivery.
    pub delivery_days: u32,
    /// Whether it goes to the warehouse's city.
    pub same_city: bool,
    /// Express or EMS.
    pub courier: Courier,
    /// What the buyer adds for EMS (`null`: no EMS, or the actual cost is not known yet).
    pub ems_extra_cents: Option<i64>,
    /// Why the buyer pays that for EMS.
    pub ems_basis: Option<EmsBasis>,
    /// What to tell the buyer (Chinese, the seed's register).
    pub buyer_message: String,
    /// The same in English.
    pub buyer_message_en: String,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The policy that decided.
    pub policy: Arc<PolicyRef>,
}

crate::reason::rules! {
    SAME_DAY = "DISPATCH_SAME_DAY", "dispatch.ship_by", "seed 001 发货时间（周一至周五14:00前付款的订单，当日发货）",
        "Paid on a working day before the cut-off: ships that day.";
    AFTER_CUTOFF = "DISPATCH_AFTER_CUTOFF", "dispatch.ship_by", "seed 001 发货时间（14:00以后付款的订单隔日发货）",
        "Paid on a working day at or after the cut-off: ships the next working day.";
    NON_WORKING_DAY = "DISPATCH_NON_WORKING_DAY", "dispatch.ship_by", "seed 001 发货时间（周六、周日的订单，下周一统一发出）; holidays per the State Council calendar",
        "Paid on a weekend or holiday: ships the next working day.";
    PROMOTION = "DISPATCH_PROMOTION", "dispatch.promotion", "seed 001 淘宝注意问题1（活动期间……三个工作日内给您发货）",
        "In a promotion: ships within the policy's working days after the day of payment.";
    SAME_CITY = "DELIVERY_SAME_CITY", "dispatch.delivery", "seed 001（深圳发货后不出意外隔天可到）",
        "Goes to the warehouse's city: arrives the next day.";
    ELSEWHERE = "DELIVERY_ELSEWHERE", "dispatch.delivery", "seed 001（其他地区发货后不出意外三天后可到）",
        "Goes elsewhere: arrives in about three days.";
    EMS_SURCHARGE = "EMS_PROMOTION_SURCHARGE", "dispatch.ems", "seed 001 淘宝注意问题2（活动期间包邮商品……需发EMS让客户补运费10元）",
        "A free-shipping promotion item the courier cannot reach: the buyer adds the fixed EMS surcharge.";
    EMS_ACTUAL = "EMS_ACTUAL_COST", "dispatch.ems", "seed 001 淘宝注意问题2（非活动商品，需要发EMS的按实际收取）",
        "The courier cannot reach: the buyer pays what EMS actually costs.";
}

/// A city name as compared: trimmed, one trailing 市 dropped, ASCII lower case.
fn city_key(name: &str) -> String {
    let t = name.trim();
    t.strip_suffix('市')
        .unwrap_or(t)
        .trim()
        .to_ascii_lowercase()
}

fn month_day(date: chrono::NaiveDate) -> String {
    format!("{}月{}日", date.month(), date.day())
}

/// Decide `dispatch_estimate`.
pub(crate) fn decide(
    policy: &DispatchPolicy,
    calendar: &Days<'_>,
    policy_ref: &Arc<PolicyRef>,
    r: &DispatchRequest,
) -> Result<DispatchDecision> {
    if r.destination_city.trim().is_empty() || r.destination_city.chars().count() > 64 {
        return Err(Error::invalid_input(
            "/destination_city",
            "a city name has 1 to 64 characters",
        )
        .with_zh("城市名须为1至64个字符"));
    }
    let tz = calendar.tz();
    // `date_in` and `local_in` never panic, even near chrono's limits (an out-of-range date
    // is one no calendar knows, an error just below).
    let paid = r.paid_at.date_in(tz);
    let local = r.paid_at.local_in(tz).unwrap_or_default();
    let minute = local.hour() * 60 + local.minute();
    let cutoff = parse_clock(&policy.cutoff).unwrap_or(14 * 60);
    let workday = calendar
        .is_workday(paid)
        .map_err(|e| e.needed_for("the day of payment", "付款日", "/paid_at"))?;
    let at_paid = |e: Error| e.needed_for("the ship-by date", "发货日期", "/paid_at");
    let (ship_by, rule) = if r.promotion {
        let n = policy.promotion_working_days.0;
        (
            calendar.add_working_days(paid, n).map_err(at_paid)?,
            &PROMOTION,
        )
    } else if workday && minute < cutoff {
        (paid, &SAME_DAY)
    } else if workday {
        (
            calendar.add_working_days(paid, 1).map_err(at_paid)?,
            &AFTER_CUTOFF,
        )
    } else {
        (
            calendar.add_working_days(paid, 1).map_err(at_paid)?,
            &NON_WORKING_DAY,
        )
    };
    let same_city = city_key(&r.destination_city) == city_key(&policy.warehouse_city);
    let delivery_days = if same_city {
        policy.same_city_days.0
    } else {
        policy.elsewhere_days.0
    };
    let arrives = add_days(ship_by, i64::from(delivery_days)).ok_or_else(|| {
        Error::invalid_input("/paid_at", "the delivery date is past the year 9999")
            .with_zh("送达日期晚于9999年，无法计算")
    })?;
    let (ship_text, arrive_text) = (month_day(ship_by), month_day(arrives));
    let mut reasons = vec![match rule.code {
        "DISPATCH_SAME_DAY" => SAME_DAY.says(
            format!("工作日{}前付款，当日（{ship_text}）发货。", policy.cutoff),
            format!(
                "Paid on a working day before {}: ships the same day ({}).",
                policy.cutoff,
                ymd(ship_by)
            ),
        ),
        "DISPATCH_AFTER_CUTOFF" => AFTER_CUTOFF.says(
            format!(
                "{}以后付款，下一个工作日（{ship_text}）发货。",
                policy.cutoff
            ),
            format!(
                "Paid at or after {}: ships the next working day ({}).",
                policy.cutoff,
                ymd(ship_by)
            ),
        ),
        "DISPATCH_NON_WORKING_DAY" => NON_WORKING_DAY.says(
            format!("非工作日付款，下一个工作日（{ship_text}）发货。"),
            format!(
                "Paid on a day off: ships the next working day ({}).",
                ymd(ship_by)
            ),
        ),
        _ => PROMOTION.says(
            format!(
                "活动期间，付款后{}个工作日内（{ship_text}前）发货。",
                policy.promotion_working_days.0
            ),
            format!(
                "Promotion: ships within {} working days of payment (by {}).",
                policy.promotion_working_days.0,
                ymd(ship_by)
            ),
        ),
    }];
    reasons.push(if same_city {
        SAME_CITY.says(
            format!("{}同城，发货后约{delivery_days}天（{arrive_text}）送达。", policy.warehouse_city),
            format!("Same city as the warehouse: arrives about {delivery_days} days after shipping ({}).", ymd(arrives)),
        )
    } else {
        ELSEWHERE.says(
            format!("发往其他地区，发货后约{delivery_days}天（{arrive_text}）送达。"),
            format!("Elsewhere: arrives about {delivery_days} days after shipping ({}).", ymd(arrives)),
        )
    });
    let (courier, ems_extra_cents, ems_basis) = if r.courier_reaches {
        (Courier::Express, None, None)
    } else if r.promotion && r.free_shipping {
        let fee = policy.ems_surcharge_cents.0;
        reasons.push(EMS_SURCHARGE.says(
            format!("快递无法到达，活动包邮商品改发EMS，需补运费{}元。", yuan(fee)),
            format!("The courier cannot reach: a free-shipping promotion item goes by EMS and the buyer adds {} yuan.", yuan(fee)),
        ));
        (Courier::Ems, Some(fee), Some(EmsBasis::PromotionSurcharge))
    } else {
        let cost = r.ems_cost_cents.map(|c| c.0);
        let (zh, en) = match cost {
            Some(c) => (format!("{}元", yuan(c)), format!("{} yuan", yuan(c))),
            None => (String::from("实际费用"), String::from("the actual cost")),
        };
        reasons.push(EMS_ACTUAL.says(
            format!("快递无法到达，改发EMS，运费按实际收取（{zh}）。"),
            format!("The courier cannot reach: it goes by EMS at {en}."),
        ));
        (Courier::Ems, cost, Some(EmsBasis::ActualCost))
    };
    let mut buyer_message = String::new();
    let mut buyer_message_en = String::new();
    if r.promotion {
        buyer_message.push_str(&format!(
            "温馨提示，活动期间出货量比较大，您下单后，我们会在{}个工作日内给您发货，给您带来不便请谅解！",
            policy.promotion_working_days.0
        ));
        buyer_message_en.push_str(&format!(
            "During the promotion we ship a lot: your order ships within {} working days. Sorry for the wait! ",
            policy.promotion_working_days.0
        ));
    }
    buyer_message.push_str(&format!(
        "亲，您的订单预计{ship_text}发出，不出意外{arrive_text}左右送达。"
    ));
    buyer_message_en.push_str(&format!(
        "Your order ships by {} and should arrive around {}.",
        ymd(ship_by),
        ymd(arrives)
    ));
    if let Some(basis) = ems_basis {
        let (zh, en) = match (basis, ems_extra_cents) {
            (EmsBasis::PromotionSurcharge, Some(fee)) => (
                format!("您的地址快递无法到达，需发EMS，请补运费{}元。", yuan(fee)),
                format!(" Our courier does not reach your address: it goes by EMS, please add {} yuan.", yuan(fee)),
            ),
            (_, Some(c)) => (
                format!("您的地址快递无法到达，需发EMS，运费按实际收取（{}元）。", yuan(c)),
                format!(" Our courier does not reach your address: it goes by EMS at the actual cost ({} yuan).", yuan(c)),
            ),
            (_, None) => (
                String::from("您的地址快递无法到达，需发EMS，运费按实际收取。"),
                String::from(" Our courier does not reach your address: it goes by EMS at the actual cost."),
            ),
        };
        buyer_message.push_str(&zh);
        buyer_message_en.push_str(&en);
    }
    Ok(DispatchDecision {
        id: None,
        order_id: None,
        ship_by: Date(ship_by).to_string(),
        same_day: ship_by == paid,
        expected_delivery: ymd(arrives),
        delivery_days,
        same_city,
        courier,
        ems_extra_cents,
        ems_basis,
        buyer_message,
        buyer_message_en,
        reasons,
        policy: Arc::clone(policy_ref),
    })
}
