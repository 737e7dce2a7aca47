//! The returns policy: its defaults (the rule book's values) and the law's floors a shop's
//! policy may not go below, beside the rules that use them (docs/rules.md §3).

use super::Category;
use crate::num::Count;
use crate::time::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The no-reason window the law gives: seven days from the day after signing (消费者权益保护法
/// Art. 25; 网络购买商品七日无理由退货暂行办法 Art. 10). The policy's default and its floor.
pub const LAW_NO_REASON_DAYS: u32 = 7;

/// The law's outer period for reporting a quality defect when no quality-guarantee period
/// applies: two years from receipt (民法典 Art. 621 para. 2). The policy's default and floor.
pub const LAW_DEFECT_YEARS: u32 = 2;

const MEASURES: &str = "网络购买商品七日无理由退货暂行办法";

/// A no-reason window a shop gives beyond the law's: a number of days counted from the day
/// after signing, or a last day. Exactly one of the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
pub struct Window {
    /// Days from the day after signing (7 to 365: the law's seven are the floor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 7, max = 365)))]
    pub days: Option<Count>,
    /// The window's last day, inclusive, in the policy's time zone ("returnable until 15
    /// December"). Never less than the law's seven days for a given order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<Date>,
}

/// A campaign's window: orders paid from `paid_from` to `paid_until` (inclusive, in the
/// policy's time zone) get it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
pub struct Campaign {
    /// The campaign's name, quoted in the reasons (`"双11"`).
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = 64)))]
    pub name: String,
    /// First day of payment that qualifies.
    pub paid_from: Date,
    /// Last day of payment that qualifies.
    pub paid_until: Date,
    /// Days from the day after signing (7 to 365).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 7, max = 365)))]
    pub days: Option<Count>,
    /// The window's last day, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<Date>,
}

/// The shop's own no-reason windows. When several match a request, the one whose last day
/// comes latest applies (the shop's promises add up; the buyer gets the best of them), ties
/// going to the most specific: SKU, tag, campaign, category, the policy's default, the law.
/// None ever gives less than the law's seven days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
#[serde(remote = "Self")]
pub struct Windows {
    /// By the request's `category` (`{"apparel": {"days": 15}}`).
    pub categories: BTreeMap<Category, Window>,
    /// By the request's `sku`.
    pub skus: BTreeMap<String, Window>,
    /// By any of the request's `tags` (`{"member": {"days": 30}}`).
    pub tags: BTreeMap<String, Window>,
    /// By when the order was paid (the request's `paid_at`).
    pub campaigns: Vec<Campaign>,
}

crate::object_only!(Window, Campaign, Windows);

/// Most entries in one of the window maps or lists.
const MAX_WINDOWS: usize = 10_000;

/// Return and refund rules (rule book §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
#[serde(remote = "Self")]
pub struct ReturnsPolicy {
    /// No-reason return window in days after the day of signing (law: at least 7, CPL Art. 25).
    #[cfg_attr(feature = "schema", schemars(range(min = 7, max = 365)))]
    pub no_reason_days: Count,
    /// Quality path: days after receipt within which the buyer may choose a refund (三包: ≥ 7).
    pub quality_refund_days: Count,
    /// Quality path: days after receipt within which the buyer may choose an exchange (三包: ≥ 15).
    pub quality_exchange_days: Count,
    /// Warranty (repair) period in days from the sale when the request states none.
    pub default_warranty_days: Count,
    /// Repairs after which a still-faulty item may be exchanged or returned (三包: at most 2).
    pub max_repairs: Count,
    /// Seed 003's rice cooker: offer a one-time goodwill exchange for a used item in the window.
    pub goodwill_exchange: bool,
    /// The shop pays return shipping on no-reason returns (e.g. it bought return-shipping cover).
    pub shop_pays_no_reason_shipping: bool,
    /// Charge a gift that is not returned at its marked price (Art. 12).
    pub charge_unreturned_gifts: bool,
    /// Deduct the shipping fee when a return breaks a free-shipping threshold (Art. 18).
    pub deduct_broken_free_shipping: bool,
    /// The shop's own no-reason windows, by category, SKU, tag and campaign.
    pub windows: Windows,
    /// Warranty (repair) days from the sale by category, over `default_warranty_days` (e.g. the
    /// 三包 rules' periods for household appliances); the request's `warranty_days` prevails.
    pub warranty_days_by_category: BTreeMap<Category, Count>,
    /// Years from receipt within which a quality defect reported with no warranty in force
    /// still obliges the seller to repair (民法典 Art. 621: two; a policy may give more).
    #[cfg_attr(feature = "schema", schemars(range(min = 2, max = 30)))]
    pub defect_report_years: Count,
    /// Whether a buyer's period (the no-reason window, the 三包 periods, the warranty, the
    /// defect period) whose last day is a weekend runs to the next working day, as it does when
    /// the last day is a statutory holiday (民法典 Art. 203). Courts count weekends as rest days
    /// (the Supreme People's Court's opinion on the General Principles, Art. 198, "星期日或者其他
    /// 法定休假日": repealed with the Civil Code in 2021, its reading still followed; the
    /// Heilongjiang courts' note “7天无理由退款”从哪一天开始, 2023-06-12), labour law does not
    /// (劳动法 Arts. 40, 44 set 休息日 apart from 法定休假日): unsettled, so kefu's default
    /// favours the buyer (true).
    pub weekends_are_rest_days: bool,
}

impl Default for ReturnsPolicy {
    fn default() -> Self {
        ReturnsPolicy {
            no_reason_days: Count(LAW_NO_REASON_DAYS),
            quality_refund_days: Count(7),
            quality_exchange_days: Count(15),
            default_warranty_days: Count(0),
            max_repairs: Count(2),
            goodwill_exchange: false,
            shop_pays_no_reason_shipping: false,
            charge_unreturned_gifts: true,
            deduct_broken_free_shipping: true,
            windows: Windows::default(),
            warranty_days_by_category: BTreeMap::new(),
            defect_report_years: Count(LAW_DEFECT_YEARS),
            weekends_are_rest_days: true,
        }
    }
}

impl ReturnsPolicy {
    /// Problems the types do not catch: the law's floors, and the exchange period against the
    /// refund period.
    pub(crate) fn check(&self, bad: &mut impl FnMut(&str, String)) {
        let r = self;
        let law = MEASURES;
        if r.no_reason_days.0 < LAW_NO_REASON_DAYS || r.no_reason_days.0 > 365 {
            bad(
                "/returns/no_reason_days",
                format!("must be 7 to 365: the law's floor is 7 days (CPL Art. 25; {law} Art. 10)"),
            );
        }
        if r.quality_refund_days.0 < 7 || r.quality_refund_days.0 > 365 {
            bad(
                "/returns/quality_refund_days",
                String::from("must be 7 to 365: 三包 allows a refund within at least 7 days"),
            );
        }
        if r.quality_exchange_days.0 < 15 || r.quality_exchange_days.0 > 365 {
            bad(
                "/returns/quality_exchange_days",
                String::from("must be 15 to 365: 三包 allows an exchange within at least 15 days"),
            );
        } else if r.quality_exchange_days.0 < r.quality_refund_days.0 {
            bad(
                "/returns/quality_exchange_days",
                String::from("must not be shorter than quality_refund_days"),
            );
        }
        if r.default_warranty_days.0 > 3650 {
            bad(
                "/returns/default_warranty_days",
                String::from("must be 0 to 3650"),
            );
        }
        for (c, days) in &r.warranty_days_by_category {
            if days.0 > 3650 {
                bad(
                    &format!("/returns/warranty_days_by_category/{}", c.key()),
                    String::from("must be 0 to 3650"),
                );
            }
        }
        if r.defect_report_years.0 < LAW_DEFECT_YEARS || r.defect_report_years.0 > 30 {
            bad(
                "/returns/defect_report_years",
                String::from("must be 2 to 30: the law gives the buyer two years from receipt to report a quality defect (民法典 Art. 621)"),
            );
        }
        r.windows.check(bad);
        if r.max_repairs.0 < 1 || r.max_repairs.0 > 2 {
            bad(
                "/returns/max_repairs",
                String::from(
                    "must be 1 or 2: after two failed repairs 三包 grants an exchange or a return",
                ),
            );
        }
    }
}

impl Window {
    fn check(&self, at: &str, bad: &mut impl FnMut(&str, String)) {
        match (self.days, self.last_day) {
            (Some(_), Some(_)) | (None, None) => bad(
                at,
                String::from("give exactly one of days and last_day"),
            ),
            (Some(d), None) if d.0 < LAW_NO_REASON_DAYS || d.0 > 365 => bad(
                &format!("{at}/days"),
                format!("must be 7 to 365: a window, a final sale included, may not give less than the law's seven days (CPL Art. 25; {MEASURES} Arts. 6, 7, 10)"),
            ),
            _ => {}
        }
    }
}

impl Windows {
    fn check(&self, bad: &mut impl FnMut(&str, String)) {
        let at = "/returns/windows";
        for (name, n) in [
            ("categories", self.categories.len()),
            ("skus", self.skus.len()),
            ("tags", self.tags.len()),
            ("campaigns", self.campaigns.len()),
        ] {
            if n > MAX_WINDOWS {
                bad(
                    &format!("{at}/{name}"),
                    format!("at most {MAX_WINDOWS} entries"),
                );
            }
        }
        for (c, w) in &self.categories {
            w.check(&format!("{at}/categories/{}", c.key()), bad);
        }
        for (group, map) in [("skus", &self.skus), ("tags", &self.tags)] {
            for (key, w) in map {
                let here = format!("{at}/{group}/{}", crate::decode::escape(key));
                let n = key.chars().count();
                if n == 0 || n > 64 || key.trim() != key {
                    bad(
                        &here,
                        String::from("a key has 1 to 64 characters, no space at either end"),
                    );
                }
                w.check(&here, bad);
            }
        }
        for (i, c) in self.campaigns.iter().enumerate() {
            let here = format!("{at}/campaigns/{i}");
            let n = c.name.chars().count();
            if n == 0 || n > 64 {
                bad(
                    &format!("{here}/name"),
                    format!("must have 1 to 64 characters, has {n}"),
                );
            }
            if c.paid_until < c.paid_from {
                bad(
                    &format!("{here}/paid_until"),
                    String::from("is before paid_from"),
                );
            }
            if let Some(last) = c.last_day {
                if last < c.paid_until {
                    bad(&format!("{here}/last_day"), String::from("is before paid_until: the window would end before the campaign's orders"));
                }
            }
            Window {
                days: c.days,
                last_day: c.last_day,
            }
            .check(&here, bad);
        }
    }
}

crate::object_only!(ReturnsPolicy);
