//! May this item go back, how, until when, and who pays the shipping (rule book §3).
//!
//! Two paths. A **no-reason** return (七天无理由退货, seed 003 task 3; 网络购买商品七日无理由
//! 退货暂行办法, "the Measures" below; CPL Art. 25) needs the request within seven days from
//! the day after signing, a category the law does not exclude, and an intact item; the buyer
//! pays return shipping. A **seller-fault** return (quality defect, not as described, wrong
//! item, damaged in transit, missing parts; CPL Art. 24, 三包) follows the 7/15-day schedule
//! counted from the day after signing — plus, for quality defects, repair within the
//! warranty counted from the sale — whatever the item's condition; the shop pays shipping.
//!
//! "Not eligible" may come with a goodwill exchange that the policy switches on (seed 003's
//! rice cooker); it is never reported as eligible.

mod policy;
mod windows;
pub use policy::{Campaign, ReturnsPolicy, Window, Windows, LAW_DEFECT_YEARS, LAW_NO_REASON_DAYS};
pub use windows::WindowSource;

use crate::error::{Error, Result};
use crate::num::yuan;
use crate::num::{Cents, Count, Id};
use crate::policy::PolicyRef;
use crate::reason::{Reason, Rule};
use crate::time::{add_days, start_of_day, Instant};
use chrono::{FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

const MAX_GIFTS: usize = 100;
const MAX_TAGS: usize = 100;

/// Why the buyer wants to return the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    /// 七天无理由: no reason needed.
    NoReason,
    /// A performance or quality fault (质量问题).
    QualityDefect,
    /// The item does not match its description (描述不符).
    NotAsDescribed,
    /// The wrong item was sent (发错货).
    WrongItem,
    /// Damaged on the way (运输损坏).
    DamagedInTransit,
    /// Parts or accessories were missing on arrival (少件/漏发).
    MissingParts,
}

/// The item's category, as far as the return rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Anything without a rule of its own.
    General,
    /// Clothing (Art. 9: tags, soiling).
    Apparel,
    /// Shoes (Art. 9: tags, soiling).
    Shoes,
    /// Bags (Art. 9: tags, soiling).
    Bags,
    /// Toys (Art. 9: tags, soiling).
    Toys,
    /// Home textiles (Art. 9: tags, soiling).
    HomeTextiles,
    /// Electronics (Art. 9: repair, labels, activation, wear).
    Electronics,
    /// Food (Art. 9: one-time seal).
    Food,
    /// Health food (Art. 9: one-time seal).
    HealthFood,
    /// Cosmetics (Art. 9: one-time seal).
    Cosmetics,
    /// Medical devices (Art. 9: one-time seal).
    MedicalDevices,
    /// Family-planning goods (Art. 9: one-time seal).
    FamilyPlanning,
    /// Made to order (Art. 6: never).
    CustomMade,
    /// Fresh or perishable (Art. 6: never).
    FreshPerishable,
    /// Digital goods downloaded online (Art. 6: never).
    DigitalDownload,
    /// Audio/video recordings and software on media (Art. 6: never once unsealed).
    AudioVideoSoftware,
    /// Delivered newspapers and periodicals (Art. 6: never).
    NewspapersPeriodicals,
    /// Art. 7(1): affects health or safety, or changes quality, once unsealed.
    UnsealSensitive,
    /// Art. 7(2): loses much value once activated or tried.
    ActivationSensitive,
    /// Art. 7(3): sold as near expiry or flawed.
    NearExpiryOrFlawed,
}

/// What the item looks like now (the Measures Art. 8 and 9). Defaults: untouched and complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
#[serde(remote = "Self")]
pub struct Condition {
    /// Opened only to inspect it (does not break intactness, Art. 8).
    pub opened_to_inspect: bool,
    /// Used beyond inspection and trial, losing much value (Art. 9(1)).
    pub used_beyond_inspection: bool,
    /// A one-time seal is broken (Art. 9(2) for food, cosmetics…; Art. 6 for media).
    pub seal_broken: bool,
    /// Tags removed or cut (Art. 9(4)).
    pub tags_removed: bool,
    /// Soiled, damaged, or with wear that is hard to restore (Art. 9(3), 9(4)).
    pub soiled_or_damaged: bool,
    /// All accessories present (Art. 8).
    pub accessories_complete: bool,
    /// Brand marks present (Art. 8).
    pub brand_marks_complete: bool,
    /// Activated, or personal data left on it (Art. 9(3)).
    pub activated_or_data_left: bool,
    /// Serial number, certification marks or labels tampered (Art. 9(3)).
    pub labels_tampered: bool,
    /// Repaired by someone not authorised (Art. 9(3)).
    pub unauthorized_repair: bool,
}

impl Default for Condition {
    fn default() -> Self {
        Condition {
            opened_to_inspect: false,
            used_beyond_inspection: false,
            seal_broken: false,
            tags_removed: false,
            soiled_or_damaged: false,
            accessories_complete: true,
            brand_marks_complete: true,
            activated_or_data_left: false,
            labels_tampered: false,
            unauthorized_repair: false,
        }
    }
}

/// A gift that came with the item (Art. 12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
pub struct Gift {
    /// Its name, for the agent.
    #[serde(default)]
    pub name: Option<Id>,
    /// Marked price, charged when it does not come back.
    pub marked_price_cents: Cents,
    /// Whether the buyer sends it back with the item.
    pub returned: bool,
}

/// How the order shipped, for the free-shipping deduction (Art. 18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
pub struct Shipping {
    /// What the outbound shipping cost (waived when the order qualified for free shipping).
    pub shipping_fee_cents: Cents,
    /// Order total at or above which shipping was free; none when there is no threshold.
    #[serde(default)]
    pub free_shipping_threshold_cents: Option<Cents>,
    /// The order's total.
    pub order_total_cents: Cents,
    /// The amount being returned.
    pub returned_amount_cents: Cents,
}

/// A return request (docs/api.md "What each kind reads": `check_return`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
pub struct ReturnRequest {
    /// The caller's own key for this request (a row number, a ticket number), echoed in the
    /// decision as it is: decisions join back to their rows by it, not by position.
    #[serde(default)]
    pub id: Option<crate::num::Id>,
    /// The order, echoed for the caller's bookkeeping.
    #[serde(default)]
    pub order_id: Option<Id>,
    /// Why the buyer returns it.
    pub reason: ReturnReason,
    /// The item's category.
    pub category: Category,
    /// When the buyer signed for the goods (签收).
    pub signed_at: Instant,
    /// When the buyer asked to return it.
    pub requested_at: Instant,
    /// When it was sold (the warranty runs from here); defaults to `signed_at`.
    #[serde(default)]
    pub sold_at: Option<Instant>,
    /// The buyer confirmed at purchase that an Art. 7 category is not returnable.
    #[serde(default)]
    pub exclusion_confirmed: bool,
    /// The item's condition.
    #[serde(default)]
    pub condition: Condition,
    /// Gifts that came with it.
    #[serde(default)]
    pub gifts: Vec<Gift>,
    /// Shipping facts, for the free-shipping deduction.
    #[serde(default)]
    pub shipping: Option<Shipping>,
    /// What the buyer paid for the item; with it the decision gives the refund amount.
    #[serde(default)]
    pub price_paid_cents: Option<Cents>,
    /// Warranty in days from the sale; defaults to the policy's warranty for the category,
    /// else its `default_warranty_days`.
    #[serde(default)]
    pub warranty_days: Option<Count>,
    /// The item's SKU, for the policy's SKU windows.
    #[serde(default)]
    pub sku: Option<Id>,
    /// The item's product tags (at most 100), for the policy's tag windows (`"member"`).
    #[serde(default)]
    pub tags: Vec<Id>,
    /// When the order was paid, for the policy's campaign windows (needed when it has any).
    #[serde(default)]
    pub paid_at: Option<Instant>,
    /// Repairs already done under warranty.
    #[serde(default)]
    pub repairs_done: Count,
    /// When the shop received the returned goods, if it has; gives `refund_due_at`.
    #[serde(default)]
    pub returned_goods_received_at: Option<Instant>,
}

crate::object_only!(Condition, Gift, Shipping, ReturnRequest);

/// Eligible or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The return must be accepted with one of `remedies`.
    Eligible,
    /// The rules do not oblige the shop (a goodwill offer may still stand).
    Ineligible,
}

/// Which rules decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnPath {
    /// Seven-day no-reason return.
    NoReason,
    /// Quality / seller-fault return (CPL Art. 24, 三包).
    SellerFault,
}

/// What the buyer may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    /// Return for a refund.
    Refund,
    /// Exchange for the same item.
    Exchange,
    /// Repair.
    Repair,
    /// Send the missing parts.
    ResendParts,
}

/// Who pays return shipping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The buyer (Art. 18 default for no-reason returns).
    Buyer,
    /// The shop (seller fault, or its policy).
    Shop,
}

/// What the shop may keep back from the refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeductionKind {
    /// A gift not returned, at its marked price (Art. 12).
    GiftNotReturned,
    /// Outbound shipping, because the return broke a free-shipping threshold (Art. 18).
    FreeShippingBroken,
}

/// One deduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deduction {
    /// Why.
    pub kind: DeductionKind,
    /// How much, in 分.
    pub amount_cents: i64,
}

/// A goodwill offer on an ineligible return (seed 003's rice cooker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Goodwill {
    /// What is offered.
    pub remedy: Remedy,
    /// Offered once, as a gesture, not as a right.
    pub once: bool,
}

/// The decision of [`check_return`](crate::Engine::check_return).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReturnDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::num::Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<crate::num::Id>,
    /// Eligible or not.
    pub verdict: Verdict,
    /// Which rules decided.
    pub path: ReturnPath,
    /// What the buyer may choose, empty when ineligible.
    pub remedies: Vec<Remedy>,
    /// The first instant that is too late for the window that applies (exclusive end): the
    /// seven-day window, or on the seller-fault path the period the request fell in.
    pub window_ends_at: String,
    /// The window's last day, `YYYY-MM-DD`, in the policy's time zone.
    pub window_last_day: String,
    /// Which no-reason window applied (the no-reason path only; null on the seller-fault path).
    pub window_source: Option<WindowSource>,
    /// Where in the policy that window is set (`"/returns/windows/skus/A1"`); null for the law's.
    pub window_policy_path: Option<String>,
    /// Who pays return shipping, when goods go back.
    pub return_shipping_paid_by: Option<Party>,
    /// What may be kept back from the refund.
    pub deductions: Vec<Deduction>,
    /// Their sum, in 分.
    pub deductions_cents: i64,
    /// The refund after deductions, when `price_paid_cents` was given and a refund is possible.
    pub refund_amount_cents: Option<i64>,
    /// Days after the returned goods arrive by which the refund is due, when a refund is possible.
    pub refund_due_days: Option<u32>,
    /// When the refund is due (24:00 of the last day, written as 00:00 of the next), when the
    /// goods' arrival is known.
    pub refund_due_at: Option<String>,
    /// A goodwill offer, only on an ineligible decision and only when the policy allows.
    pub goodwill: Option<Goodwill>,
    /// Why, rule by rule.
    pub reasons: Vec<Reason>,
    /// The policy that decided (shared, not copied, between decisions).
    pub policy: std::sync::Arc<PolicyRef>,
}

crate::reason::rules! {
    WINDOW_OPEN = "WITHIN_RETURN_WINDOW", "returns.window", "《网络购买商品七日无理由退货暂行办法》第十条; 消费者权益保护法第二十五条",
        "Requested within the no-reason window: the law's seven days from the day after signing, or the shop's longer one.";
    WINDOW_EXPIRED = "RETURN_WINDOW_EXPIRED", "returns.window", "《网络购买商品七日无理由退货暂行办法》第十条; 消费者权益保护法第二十五条",
        "Requested after the no-reason window closed.";
    SHOP_WINDOW = "SHOP_RETURN_WINDOW", "returns.shop_window", "shop policy (returns.no_reason_days, returns.windows); 消费者权益保护法第二十五条 (the law's seven days are the floor)",
        "The shop's own window applied (its default, or one for the category, SKU, tag or campaign), longer than the law's.";
    REST_DAY = "LAST_DAY_AFTER_REST_DAYS", "returns.rest_day", "民法典第二百零三条; weekends: 最高人民法院《关于贯彻执行〈民法通则〉若干问题的意见》第198条 (repealed 2021, its reading still followed), 黑龙江法院 2023-06-12 “7天无理由退款”从哪一天开始",
        "The period's last day was a legal rest day (weekend or statutory holiday): it ends the day after the rest days.";
    AS_COUNTED = "LAST_DAY_AS_COUNTED", "returns.rest_day", "民法典第二百零三条; the calendar's unknown_years: error",
        "The period's last day is given as counted: the calendar does not know that year, and the request falls before it either way.";
    LEGAL_DEFECT = "LEGAL_DEFECT_REPAIR", "returns.quality_schedule", "消费者权益保护法第二十四条; 民法典第六百二十一条; 产品质量法第四十条",
        "A quality defect after the exchange period and outside any warranty, reported within the law's period (two years from receipt): repair.";
    EXCLUDED = "EXCLUDED_CATEGORY", "returns.excluded_category", "《网络购买商品七日无理由退货暂行办法》第六条",
        "The category is never returnable without reason (custom-made, perishable, digital, periodicals).";
    CONFIRMED = "EXCLUSION_CONFIRMED", "returns.confirmed_exclusion", "《网络购买商品七日无理由退货暂行办法》第七条",
        "An Art. 7 category whose exclusion the buyer confirmed at purchase.";
    NOT_CONFIRMED = "EXCLUSION_NOT_CONFIRMED", "returns.confirmed_exclusion", "《网络购买商品七日无理由退货暂行办法》第七条、第二十条",
        "An Art. 7 category without the buyer's confirmation: the shop must accept the return.";
    INTACT = "ITEM_INTACT", "returns.intact", "《网络购买商品七日无理由退货暂行办法》第八条; seed 003 任务二 淘宝网退换货流程 步骤1",
        "Nothing in the item's condition blocks a no-reason return.";
    INSPECTED = "INSPECTION_ALLOWED", "returns.intact", "《网络购买商品七日无理由退货暂行办法》第八条",
        "Opening the package to inspect does not break intactness.";
    USED = "ITEM_USED", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第九条(一)",
        "Used beyond inspection and trial.";
    SEAL = "SEAL_BROKEN", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第九条(二)",
        "A one-time seal of food, cosmetics, medical or family-planning goods is broken.";
    MEDIA_UNSEALED = "MEDIA_UNSEALED", "returns.excluded_category", "《网络购买商品七日无理由退货暂行办法》第六条(三)",
        "Audio/video or software media unsealed by the buyer.";
    REPAIRED = "UNAUTHORIZED_REPAIR", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第九条(三)",
        "Electronics repaired by someone not authorised.";
    LABELS = "LABELS_TAMPERED", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第九条(三)",
        "Serial number, certification marks or labels tampered.";
    ACTIVATED = "ACTIVATED_OR_DATA_LEFT", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第九条(三)",
        "Electronics activated, or personal data left on it.";
    TAGS = "TAGS_REMOVED", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第九条(四)",
        "Tags removed or cut from clothing, shoes, bags, toys or home textiles.";
    SOILED = "SOILED_OR_DAMAGED", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第八条、第九条",
        "Soiled, damaged, or with wear that is hard to restore.";
    ACCESSORIES = "ACCESSORIES_MISSING", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第八条",
        "Accessories are missing.";
    BRAND = "BRAND_MARKS_MISSING", "returns.not_intact", "《网络购买商品七日无理由退货暂行办法》第八条",
        "Brand marks are missing.";
    GIFT = "GIFT_CHARGED", "returns.gifts", "《网络购买商品七日无理由退货暂行办法》第十二条",
        "A gift not returned is charged at its marked price; the return goes ahead.";
    BUYER_SHIPS = "RETURN_SHIPPING_BUYER", "returns.shipping", "《网络购买商品七日无理由退货暂行办法》第十八条",
        "The buyer pays return shipping on a no-reason return.";
    SHOP_SHIPS = "RETURN_SHIPPING_SHOP", "returns.shipping", "shop policy (returns.shop_pays_no_reason_shipping)",
        "The shop's policy pays return shipping on no-reason returns.";
    THRESHOLD = "FREE_SHIPPING_DEDUCTED", "returns.shipping", "《网络购买商品七日无理由退货暂行办法》第十八条",
        "The return breaks a free-shipping threshold; the outbound shipping may be deducted.";
    REFUND_DUE = "REFUND_DUE", "returns.refund_due", "《网络购买商品七日无理由退货暂行办法》第十三条、第十四条",
        "Refund within the days the policy allows (at most 7) of receiving the goods, by the original payment method.";
    GOODWILL = "GOODWILL_EXCHANGE", "returns.goodwill", "seed 003 任务一 导入案例 (电饭煲)",
        "Not eligible, but the shop's policy offers a one-time goodwill exchange.";
    FAULT = "SELLER_FAULT", "returns.seller_fault", "消费者权益保护法第二十四条",
        "A seller-fault reason: the no-reason conditions do not apply.";
    PERIOD_REFUND = "QUALITY_REFUND_PERIOD", "returns.quality_schedule", "消费者权益保护法第二十四条; 《部分商品修理更换退货责任规定》",
        "Within the first days after receipt: the buyer chooses refund, exchange or repair.";
    PERIOD_EXCHANGE = "QUALITY_EXCHANGE_PERIOD", "returns.quality_schedule", "《部分商品修理更换退货责任规定》",
        "Within the exchange period: exchange or repair, no refund.";
    PERIOD_WARRANTY = "WARRANTY_REPAIR", "returns.quality_schedule", "《部分商品修理更换退货责任规定》",
        "Within the warranty: repair.";
    REPAIRS_EXHAUSTED = "REPAIRS_EXHAUSTED", "returns.quality_schedule", "《部分商品修理更换退货责任规定》",
        "Still faulty after the allowed repairs: exchange or refund.";
    PERIOD_OVER = "SELLER_FAULT_PERIOD_OVER", "returns.quality_schedule", "消费者权益保护法第二十四条; 《部分商品修理更换退货责任规定》",
        "Past every period that obliges the shop; escalate rather than refuse outright.";
    VOID = "THREE_GUARANTEES_VOID", "returns.quality_schedule", "《部分商品修理更换退货责任规定》第三十条",
        "Unauthorised repair or tampered labels void the 三包 obligations.";
    FAULT_SHIPPING = "RETURN_SHIPPING_SHOP_FAULT", "returns.shipping", "消费者权益保护法第二十四条",
        "The shop pays shipping for seller-fault returns, exchanges and repairs.";
}

/// The return rules with a compiled policy: the engine calls [`decide`].
pub(crate) struct Returns<'a> {
    pub policy: &'a ReturnsPolicy,
    /// The law's refund deadline, `sla` standard `refund_after_return_received` (whole days).
    pub refund_standard: &'a crate::sla::Standard,
    pub calendar: &'a crate::calendar::Days<'a>,
    pub tz: FixedOffset,
    pub policy_ref: &'a std::sync::Arc<PolicyRef>,
}

/// Check a request for contradictions that the types cannot see.
fn check_request(r: &ReturnRequest) -> Result<()> {
    if r.requested_at < r.signed_at {
        return Err(Error::invalid_input("/requested_at", "requested_at is before signed_at: a return is asked for after the goods were signed for")
            .with_zh("申请退货时间（requested_at）早于签收时间（signed_at）：退货应在签收之后申请"));
    }
    if let Some(sold) = r.sold_at {
        if sold > r.signed_at {
            return Err(
                Error::invalid_input("/sold_at", "sold_at is after signed_at")
                    .with_zh("售出时间（sold_at）晚于签收时间（signed_at）"),
            );
        }
    }
    if let Some(received) = r.returned_goods_received_at {
        if received < r.requested_at {
            return Err(Error::invalid_input(
                "/returned_goods_received_at",
                "returned_goods_received_at is before requested_at",
            )
            .with_zh(
                "收到退货时间（returned_goods_received_at）早于申请退货时间（requested_at）",
            ));
        }
    }
    if r.tags.len() > MAX_TAGS {
        return Err(
            Error::invalid_input("/tags", format!("at most {MAX_TAGS} tags"))
                .with_zh(format!("标签最多{MAX_TAGS}个")),
        );
    }
    if r.gifts.len() > MAX_GIFTS {
        return Err(
            Error::invalid_input("/gifts", format!("at most {MAX_GIFTS} gifts"))
                .with_zh(format!("赠品最多{MAX_GIFTS}件")),
        );
    }
    if let Some(s) = &r.shipping {
        if s.returned_amount_cents > s.order_total_cents {
            return Err(Error::invalid_input(
                "/shipping/returned_amount_cents",
                "returned_amount_cents is more than order_total_cents",
            )
            .with_zh("退货商品金额（returned_amount_cents）大于订单总额（order_total_cents）"));
        }
    }
    Ok(())
}

fn day_after_end(date: NaiveDate, days: u32) -> Result<NaiveDate> {
    add_days(date, i64::from(days) + 1).ok_or_else(|| {
        Error::invalid_input("", "date out of range").with_zh("日期超出可计算的范围")
    })
}

fn category_zh(c: Category) -> &'static str {
    match c {
        Category::General => "一般商品",
        Category::Apparel => "服装",
        Category::Shoes => "鞋",
        Category::Bags => "箱包",
        Category::Toys => "玩具",
        Category::HomeTextiles => "家纺",
        Category::Electronics => "电子产品",
        Category::Food => "食品",
        Category::HealthFood => "保健食品",
        Category::Cosmetics => "化妆品",
        Category::MedicalDevices => "医疗器械",
        Category::FamilyPlanning => "计生用品",
        Category::CustomMade => "定作商品",
        Category::FreshPerishable => "鲜活易腐商品",
        Category::DigitalDownload => "在线下载的数字化商品",
        Category::AudioVideoSoftware => "音像制品、计算机软件",
        Category::NewspapersPeriodicals => "交付的报纸、期刊",
        Category::UnsealSensitive => "拆封后易影响人身安全、生命健康或品质的商品",
        Category::ActivationSensitive => "激活或试用后价值贬损较大的商品",
        Category::NearExpiryOrFlawed => "销售时已明示的临期、有瑕疵商品",
    }
}

fn category_en(c: Category) -> &'static str {
    match c {
        Category::General => "general goods",
        Category::Apparel => "clothing",
        Category::Shoes => "shoes",
        Category::Bags => "bags",
        Category::Toys => "toys",
        Category::HomeTextiles => "home textiles",
        Category::Electronics => "electronics",
        Category::Food => "food",
        Category::HealthFood => "health food",
        Category::Cosmetics => "cosmetics",
        Category::MedicalDevices => "medical devices",
        Category::FamilyPlanning => "family-planning goods",
        Category::CustomMade => "custom-made goods",
        Category::FreshPerishable => "fresh or perishable goods",
        Category::DigitalDownload => "digital goods downloaded online",
        Category::AudioVideoSoftware => "audio/video recordings and software",
        Category::NewspapersPeriodicals => "delivered newspapers and periodicals",
        Category::UnsealSensitive => "goods that affect health, safety or quality once unsealed",
        Category::ActivationSensitive => "goods that lose much value once activated or tried",
        Category::NearExpiryOrFlawed => "goods sold as near expiry or flawed",
    }
}

fn is_sealed_group(c: Category) -> bool {
    matches!(
        c,
        Category::Food
            | Category::HealthFood
            | Category::Cosmetics
            | Category::MedicalDevices
            | Category::FamilyPlanning
    )
}

impl Category {
    /// Its name as written in requests and policies (`"apparel"`).
    pub fn key(self) -> &'static str {
        match self {
            Category::General => "general",
            Category::Apparel => "apparel",
            Category::Shoes => "shoes",
            Category::Bags => "bags",
            Category::Toys => "toys",
            Category::HomeTextiles => "home_textiles",
            Category::Electronics => "electronics",
            Category::Food => "food",
            Category::HealthFood => "health_food",
            Category::Cosmetics => "cosmetics",
            Category::MedicalDevices => "medical_devices",
            Category::FamilyPlanning => "family_planning",
            Category::CustomMade => "custom_made",
            Category::FreshPerishable => "fresh_perishable",
            Category::DigitalDownload => "digital_download",
            Category::AudioVideoSoftware => "audio_video_software",
            Category::NewspapersPeriodicals => "newspapers_periodicals",
            Category::UnsealSensitive => "unseal_sensitive",
            Category::ActivationSensitive => "activation_sensitive",
            Category::NearExpiryOrFlawed => "near_expiry_or_flawed",
        }
    }
}

fn is_soft_goods(c: Category) -> bool {
    matches!(
        c,
        Category::Apparel
            | Category::Shoes
            | Category::Bags
            | Category::Toys
            | Category::HomeTextiles
    )
}

impl Returns<'_> {
    /// Decide a return request.
    pub(crate) fn decide(&self, r: &ReturnRequest) -> Result<ReturnDecision> {
        check_request(r)?;
        match r.reason {
            ReturnReason::NoReason => self.no_reason(r),
            _ => self.seller_fault(r),
        }
    }

    fn empty(&self, path: ReturnPath, ends: Instant, last: NaiveDate) -> ReturnDecision {
        ReturnDecision {
            id: None,
            order_id: None,
            verdict: Verdict::Ineligible,
            path,
            remedies: Vec::new(),
            window_ends_at: ends.format_in(self.tz),
            window_last_day: crate::time::ymd(last),
            window_source: None,
            window_policy_path: None,
            return_shipping_paid_by: None,
            deductions: Vec::new(),
            deductions_cents: 0,
            refund_amount_cents: None,
            refund_due_days: None,
            refund_due_at: None,
            goodwill: None,
            reasons: Vec::with_capacity(8),
            policy: std::sync::Arc::clone(self.policy_ref),
        }
    }

    /// The reason that says Art. 203 moved a period's last day, or that the calendar could not
    /// tell and the day stands as counted; none when neither.
    fn rest_days(&self, day: windows::LastDay, what: (&str, &str)) -> Option<Reason> {
        let (c, l) = (crate::time::ymd(day.counted), crate::time::ymd(day.last));
        if day.as_counted {
            return Some(AS_COUNTED.says(
                format!("{}的最后一日按 {c} 计：工作日历尚不知该年的放假安排，若该日为法定休假日则依法顺延（民法典第二百零三条）；本次申请在此之前，结论不受影响。", what.0),
                format!("The last day of {} is given as counted, {c}: the calendar does not know that year's holidays yet, and a rest day would move it (Civil Code Art. 203); this request falls before it, so the answer stands.", what.1),
            ));
        }
        (day.last != day.counted).then(|| {
            REST_DAY.says(
                format!("{}的最后一日 {c} 是法定休假日，顺延至休假日结束的次日 {l}。", what.0),
                format!("The last day of {} ({c}) is a legal rest day, so the period ends on the day after the rest days, {l}.", what.1),
            )
        })
    }

    fn no_reason(&self, r: &ReturnRequest) -> Result<ReturnDecision> {
        let p = self.policy;
        let w = windows::choose(p, r, self.tz, self.calendar)?;
        let last = w.day.last;
        let end_day = day_after_end(last, 0)?;
        let last_text = crate::time::ymd(last);
        let ends = start_of_day(end_day, self.tz);
        let mut d = self.empty(ReturnPath::NoReason, ends, last);
        d.window_source = Some(w.source);
        d.window_policy_path.clone_from(&w.path);
        let reasons = &mut d.reasons;
        let mut blocked = false;

        let span_zh = match w.days {
            Some(n) => format!("签收次日起{n}天"),
            None => format!("可退至{last_text}"),
        };
        let span_en = match w.days {
            Some(n) => format!("{n} days from the day after signing"),
            None => format!("returnable until {last_text}"),
        };
        let in_window = r.requested_at < ends;
        if in_window {
            reasons.push(WINDOW_OPEN.says(
                format!("在无理由退货期内申请（{span_zh}，最后一天 {last_text}）。"),
                format!("Requested within the no-reason window ({span_en}, last day {last_text})."),
            ));
        } else {
            blocked = true;
            reasons.push(WINDOW_EXPIRED.says(
                format!("无理由退货期已于 {last_text} 结束（{span_zh}），本次申请已超期。"),
                format!(
                    "The no-reason window ended on {last_text} ({span_en}); this request is late."
                ),
            ));
        }
        if let Some(path) = &w.path {
            reasons.push(SHOP_WINDOW.says(
                format!("适用{}（店铺政策 {path}），不短于法定的七天。", w.what.0),
                format!(
                    "Applies {} (shop policy {path}), never shorter than the law's seven days.",
                    w.what.1
                ),
            ));
        }
        reasons.extend(self.rest_days(w.day, ("无理由退货期", "the no-reason window")));

        let c = r.category;
        let (zh, en) = (category_zh(c), category_en(c));
        let mut category_blocks = false;
        match c {
            Category::CustomMade
            | Category::FreshPerishable
            | Category::DigitalDownload
            | Category::NewspapersPeriodicals => {
                category_blocks = true;
                reasons.push(EXCLUDED.says(
                    format!("{zh}依法不适用七天无理由退货。"),
                    format!("By law, {en} cannot be returned without reason."),
                ));
            }
            Category::AudioVideoSoftware if r.condition.seal_broken => {
                category_blocks = true;
                reasons.push(MEDIA_UNSEALED.says(
                    format!("{zh}已由消费者拆封，不适用七天无理由退货。"),
                    format!("{en} unsealed by the buyer cannot be returned without reason."),
                ));
            }
            Category::UnsealSensitive
            | Category::ActivationSensitive
            | Category::NearExpiryOrFlawed => {
                if r.exclusion_confirmed {
                    category_blocks = true;
                    reasons.push(CONFIRMED.says(
                        format!("{zh}，买家购买时已确认不宜退货，不适用七天无理由退货。"),
                        format!("The buyer confirmed at purchase that these {en} are not returnable without reason."),
                    ));
                } else {
                    reasons.push(NOT_CONFIRMED.says(
                        format!("{zh}，但买家购买时未确认不宜退货，店铺应当接受退货。"),
                        format!("These are {en}, but the buyer did not confirm the exclusion at purchase, so the shop must accept the return."),
                    ));
                }
            }
            _ => {}
        }
        blocked |= category_blocks;

        let k = &r.condition;
        let mut faults: Vec<Reason> = Vec::new();
        if k.used_beyond_inspection {
            faults.push(USED.says(
                "商品已超出查验需要而使用，价值贬损较大，不再完好。",
                String::from(
                    "The item was used beyond inspection and trial and has lost much value.",
                ),
            ));
        }
        if k.seal_broken && is_sealed_group(c) {
            faults.push(SEAL.says(
                format!("{zh}的一次性密封包装已拆封。"),
                format!("The one-time seal of these {en} is broken."),
            ));
        }
        if c == Category::Electronics {
            if k.unauthorized_repair {
                faults.push(REPAIRED.says(
                    "电子产品经过非授权维修。",
                    "The electronics were repaired by someone not authorised.",
                ));
            }
            if k.labels_tampered {
                faults.push(LABELS.says(
                    "序列号、认证标志或标签被涂改。",
                    String::from(
                        "Serial number, certification marks or labels were tampered with.",
                    ),
                ));
            }
            if k.activated_or_data_left {
                faults.push(ACTIVATED.says(
                    "电子产品已激活或留有个人信息。",
                    "The electronics were activated or hold personal data.",
                ));
            }
        }
        if k.tags_removed && is_soft_goods(c) {
            faults.push(TAGS.says("吊牌已拆除或剪掉。", "The tags were removed or cut."));
        }
        if k.soiled_or_damaged {
            faults.push(SOILED.says(
                "商品有污渍、损坏或难以恢复的使用痕迹。",
                String::from(
                    "The item is soiled, damaged, or worn in a way that is hard to restore.",
                ),
            ));
        }
        if !k.accessories_complete {
            faults.push(ACCESSORIES.says("配件不齐全。", "Accessories are missing."));
        }
        if !k.brand_marks_complete {
            faults.push(BRAND.says("品牌标识不完整。", "Brand marks are missing."));
        }
        let not_intact = !faults.is_empty();
        if not_intact {
            blocked = true;
            reasons.append(&mut faults);
        } else if c == Category::AudioVideoSoftware && k.seal_broken {
            // For media the broken seal is the Art. 6 exclusion above, not an inspection.
        } else if k.opened_to_inspect || k.seal_broken {
            reasons.push(INSPECTED.says(
                "为检查商品而拆封，不影响商品完好。",
                "Opening the package to inspect the item does not break intactness.",
            ));
        } else {
            reasons.push(INTACT.says(
                "商品完好，配件、品牌标识齐全。",
                "The item is intact, with its accessories and brand marks.",
            ));
        }

        if blocked {
            if p.goodwill_exchange && in_window && !category_blocks && not_intact {
                d.goodwill = Some(Goodwill {
                    remedy: Remedy::Exchange,
                    once: true,
                });
                d.reasons.push(GOODWILL.says(
                    "不符合无理由退货条件，但可按店铺政策提供一次换货作为善意补偿（非退货权利）。",
                    "Not eligible, but the shop's policy offers a one-time goodwill exchange (a gesture, not a right).",
                ));
            }
            return Ok(d);
        }

        d.verdict = Verdict::Eligible;
        d.remedies = vec![Remedy::Refund];
        if p.shop_pays_no_reason_shipping {
            d.return_shipping_paid_by = Some(Party::Shop);
            d.reasons.push(SHOP_SHIPS.says(
                "按店铺政策，退货运费由店铺承担。",
                "By the shop's policy, the shop pays return shipping.",
            ));
        } else {
            d.return_shipping_paid_by = Some(Party::Buyer);
            d.reasons.push(BUYER_SHIPS.says(
                "无理由退货的退回运费由买家承担。",
                "The buyer pays return shipping on a no-reason return.",
            ));
        }
        if p.charge_unreturned_gifts {
            for (i, g) in r.gifts.iter().enumerate().filter(|(_, g)| !g.returned) {
                let amount = g.marked_price_cents.0;
                d.deductions.push(Deduction {
                    kind: DeductionKind::GiftNotReturned,
                    amount_cents: amount,
                });
                let name = g
                    .name
                    .as_ref()
                    .map_or_else(|| format!("#{}", i + 1), |n| n.0.clone());
                d.reasons.push(GIFT.says(
                    format!("赠品 {name} 未退回，按标价 {} 元折价，不影响退货。", yuan(amount)),
                    format!("Gift {name} is not returned and is charged at its marked price of {} yuan; the return goes ahead.", yuan(amount)),
                ));
            }
        }
        if let (Some(s), true) = (&r.shipping, p.deduct_broken_free_shipping) {
            if let Some(t) = s.free_shipping_threshold_cents {
                let remaining = s.order_total_cents.0 - s.returned_amount_cents.0;
                if s.order_total_cents >= t && remaining < t.0 && s.shipping_fee_cents.0 > 0 {
                    let fee = s.shipping_fee_cents.0;
                    d.deductions.push(Deduction {
                        kind: DeductionKind::FreeShippingBroken,
                        amount_cents: fee,
                    });
                    d.reasons.push(THRESHOLD.says(
                        format!("退货后订单金额 {} 元低于包邮门槛 {} 元，可扣除运费 {} 元。", yuan(remaining), yuan(t.0), yuan(fee)),
                        format!("After the return the order comes to {} yuan, below the free-shipping threshold of {} yuan: the shipping of {} yuan may be deducted.", yuan(remaining), yuan(t.0), yuan(fee)),
                    ));
                }
            }
        }
        self.refund_terms(&mut d, r);
        Ok(d)
    }

    fn refund_terms(&self, d: &mut ReturnDecision, r: &ReturnRequest) {
        d.deductions_cents = d.deductions.iter().map(|x| x.amount_cents).sum();
        if !d.remedies.contains(&Remedy::Refund) {
            return;
        }
        // Whole calendar days by policy validation (the law counts this deadline in days).
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = self.refund_standard.amount.0 as u32;
        d.refund_due_days = Some(n);
        d.refund_amount_cents = r
            .price_paid_cents
            .map(|p| (p.0 - d.deductions_cents).max(0));
        if let Some(at) = r.returned_goods_received_at {
            if let Ok(due) = self.refund_standard.due(at, self.calendar) {
                d.refund_due_at = Some(due.format_in(self.tz));
            }
            d.reasons
                .extend(self.refund_standard.rest_day_reason(at, self.calendar));
        }
        d.reasons.push(REFUND_DUE.says(
            format!("收到退回商品之日起{n}日内按原支付方式退款。"),
            format!("Refund within {n} days of receiving the returned goods, by the original payment method."),
        ));
    }

    /// A buyer's period counted in days from `from`, its last day moved past rest days.
    fn period(&self, from: NaiveDate, days: u32, asked: NaiveDate) -> Result<windows::LastDay> {
        let counted = windows::counted(from, days)?;
        let what = ("the after-sales period's last day", "售后期限的最后一日");
        windows::moved(self.policy, self.calendar, counted, asked, what)
    }

    fn seller_fault(&self, r: &ReturnRequest) -> Result<ReturnDecision> {
        let p = self.policy;
        let signed = r.signed_at.date_in(self.tz);
        let asked = r.requested_at.date_in(self.tz);
        let sold = r.sold_at.map_or(signed, |s| s.date_in(self.tz));
        let warranty = r
            .warranty_days
            .or_else(|| p.warranty_days_by_category.get(&r.category).copied())
            .unwrap_or(p.default_warranty_days)
            .0;
        let reason = r.reason;
        let (rz, re) = match reason {
            ReturnReason::QualityDefect => ("质量问题", "a quality defect"),
            ReturnReason::NotAsDescribed => ("描述不符", "not as described"),
            ReturnReason::WrongItem => ("发错商品", "the wrong item"),
            ReturnReason::DamagedInTransit => ("运输损坏", "damage in transit"),
            ReturnReason::MissingParts => ("少件漏发", "missing parts"),
            ReturnReason::NoReason => ("", ""),
        };
        let quality = reason == ReturnReason::QualityDefect;
        let years = p.defect_report_years.0;
        // Periods are computed only as far as the decision needs them: each reads the calendar,
        // and a period reaching an unannounced year would mark the decision provisional.
        let refund = self.period(signed, p.quality_refund_days.0, asked)?;
        let exchange = || self.period(signed, p.quality_exchange_days.0, asked);
        let warranty_p = || -> Result<Option<windows::LastDay>> {
            if warranty == 0 {
                Ok(None)
            } else {
                self.period(sold, warranty, asked).map(Some)
            }
        };
        // The law's outer period for a defect (民法典 Art. 621): years from receipt, counted as
        // the corresponding day or the month's last (Art. 202). A warranty never shortens it:
        // the later end applies (a policy "may not set a shorter outer period than the law's").
        let outer = || -> Result<windows::LastDay> {
            let counted = signed
                .checked_add_months(chrono::Months::new(years * 12))
                .ok_or_else(|| {
                    Error::invalid_input("", "date out of range").with_zh("日期超出可计算的范围")
                })?;
            let what = ("the defect period's last day", "质量问题期限的最后一日");
            windows::moved(p, self.calendar, counted, asked, what)
        };
        use Remedy::{Exchange, Refund, Repair, ResendParts};

        // 三包: still faulty after the allowed repairs, within the warranty (or the exchange
        // period), the buyer may exchange or return; the law's outer period gives repair only.
        let exhausted = quality && r.repairs_done >= p.max_repairs && r.repairs_done.0 > 0;
        let three_guarantees_end = || -> Result<windows::LastDay> {
            let e = exchange()?;
            Ok(match warranty_p()? {
                Some(w) if w.last > e.last => w,
                _ => e,
            })
        };
        let (period, remedies, rule, zh, en): (
            windows::LastDay,
            Vec<Remedy>,
            &'static Rule,
            String,
            String,
        ) = if exhausted && asked <= three_guarantees_end()?.last {
            let n = r.repairs_done.0;
            (
                three_guarantees_end()?,
                vec![Exchange, Refund],
                &REPAIRS_EXHAUSTED,
                format!("已修理{n}次仍有故障：可换货或退货。"),
                format!("Still faulty after {n} repairs: exchange or refund."),
            )
        } else if asked <= refund.last {
            let rem = match reason {
                ReturnReason::QualityDefect => vec![Refund, Exchange, Repair],
                ReturnReason::MissingParts => vec![ResendParts, Refund, Exchange],
                _ => vec![Refund, Exchange],
            };
            let n = p.quality_refund_days.0;
            (
                refund,
                rem,
                &PERIOD_REFUND,
                format!(
                    "签收次日起{n}日内：买家可选择退货退款、换货{}。",
                    if quality { "或修理" } else { "" }
                ),
                format!(
                    "Within {n} days of receipt: the buyer may choose a refund or an exchange{}.",
                    if quality { ", or a repair" } else { "" }
                ),
            )
        } else if asked <= exchange()?.last {
            let rem = match reason {
                ReturnReason::QualityDefect => vec![Exchange, Repair],
                ReturnReason::MissingParts => vec![ResendParts, Exchange],
                _ => vec![Exchange],
            };
            let n = p.quality_exchange_days.0;
            (
                exchange()?,
                rem,
                &PERIOD_EXCHANGE,
                format!(
                    "签收次日起{n}日内：可换货{}，不再退款。",
                    if quality { "或修理" } else { "" }
                ),
                format!(
                    "Within {n} days of receipt: exchange{}, no refund.",
                    if quality { " or repair" } else { "" }
                ),
            )
        } else if let Some(w) = quality
            .then(warranty_p)
            .transpose()?
            .flatten()
            .filter(|w| asked <= w.last)
        {
            (
                w,
                vec![Repair],
                &PERIOD_WARRANTY,
                format!("保修期内（{warranty}天）：免费修理。"),
                format!("Within the {warranty}-day warranty: free repair."),
            )
        } else if let Some(o) = quality.then(outer).transpose()?.filter(|o| asked <= o.last) {
            let last = crate::time::ymd(o.last);
            (
                    o,
                    vec![Repair],
                    &LEGAL_DEFECT,
                    format!("已过换货期{}，但在收货后{years}年的法定期限内（至 {last}）报告质量问题：经营者应当修理（消费者权益保护法第二十四条、民法典第六百二十一条、产品质量法第四十条）。", if warranty == 0 { "且未约定保修期" } else { "和保修期" }),
                    format!("Past the exchange period{}, but the defect is reported within the law's {years} years from receipt (until {last}): the seller must repair it (CPL Art. 24, Civil Code Art. 621, Product Quality Law Art. 40).", if warranty == 0 { " with no warranty stated" } else { " and the warranty" }),
                )
        } else if quality {
            let o = outer()?;
            let end = match warranty_p()? {
                Some(w) if w.last > o.last => w,
                _ => o,
            };
            let last = crate::time::ymd(end.last);
            (end, Vec::new(), &PERIOD_OVER, format!("报告质量问题的期限已于 {last} 结束（收货后{years}年的法定期限及保修期，民法典第六百二十一条）：视为质量符合约定。店铺无义务退换修；如买家坚持，请升级主管处理。"), format!("The period to report a defect ended on {last} (the law's {years} years from receipt and any warranty, Civil Code Art. 621): the goods are deemed to conform. The shop is not obliged; if the buyer insists, escalate to a supervisor."))
        } else {
            (exchange()?, Vec::new(), &PERIOD_OVER, String::from("已超过三包及售后期限，店铺无义务退换修；如买家坚持，请升级主管处理。"), String::from("Past every period that obliges the shop; if the buyer insists, escalate to a supervisor."))
        };
        let end = day_after_end(period.last, 0)?;
        let mut d = self.empty(
            ReturnPath::SellerFault,
            start_of_day(end, self.tz),
            period.last,
        );
        d.reasons.push(FAULT.says(
            format!("退货原因为{rz}，属卖家责任，不适用无理由退货的条件。"),
            format!("The reason is {re}, a seller fault: the no-reason conditions do not apply."),
        ));
        d.reasons.push(rule.says(zh, en));
        d.reasons
            .extend(self.rest_days(period, ("该期限", "the period")));
        if quality
            && (r.condition.unauthorized_repair || r.condition.labels_tampered)
            && !remedies.is_empty()
        {
            d.reasons.push(VOID.says(
                "商品经非授权拆修或三包凭证、标签被涂改，不实行三包。",
                "Unauthorised repair or tampered labels void the 三包 obligations.",
            ));
            return Ok(d);
        }
        if remedies.is_empty() {
            return Ok(d);
        }
        d.verdict = Verdict::Eligible;
        d.remedies = remedies;
        d.return_shipping_paid_by = Some(Party::Shop);
        d.reasons.push(FAULT_SHIPPING.says(
            "卖家责任的退换修，运费由店铺承担。",
            "The shop pays shipping for a seller-fault return, exchange or repair.",
        ));
        self.refund_terms(&mut d, r);
        Ok(d)
    }
}
