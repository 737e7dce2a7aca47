//! The returns policy: its defaults (the rule book's values) and the law's floors a shop's
//! policy may not go below, beside the rules that use them (docs/rules.md §3).

use crate::num::Count;
use serde::{Deserialize, Serialize};

/// The no-reason window the law gives: seven days from the day after signing (消费者权益保护法
/// Art. 25; 网络购买商品七日无理由退货暂行办法 Art. 10). The policy's default and its floor.
pub const LAW_NO_REASON_DAYS: u32 = 7;

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
        }
    }
}

impl ReturnsPolicy {
    /// Problems the types do not catch: the law's floors, and the exchange period against the
    /// refund period.
    pub(crate) fn check(&self, bad: &mut impl FnMut(&str, String)) {
        let r = self;
        let law = "网络购买商品七日无理由退货暂行办法";
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

crate::object_only!(ReturnsPolicy);
