//! The orders policy: the shop's platform, its flag labels and the pre-shipment refund wait,
//! beside the flag and flow rules that use them (docs/rules.md §1, §2).

use crate::num::Count;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Order flags and flows (rule book §1, §2; seed 001).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default, remote = "Self")]
pub struct OrdersPolicy {
    /// The shop's platform when an order does not say (flag codes differ on Pinduoduo).
    pub platform: crate::orders::Platform,
    /// The shop's own labels for flags (e.g. `{"blue": "VIP 客户"}`); others keep the seed's.
    pub labels: BTreeMap<crate::orders::Flag, String>,
    /// Hours after payment before the buyer may apply for a pre-shipment refund (seed: 24).
    pub refund_apply_after_hours: Count,
}

impl Default for OrdersPolicy {
    fn default() -> Self {
        OrdersPolicy {
            platform: crate::orders::Platform::Taobao,
            labels: BTreeMap::new(),
            refund_apply_after_hours: Count(24),
        }
    }
}

impl OrdersPolicy {
    /// Problems the types do not catch.
    pub(crate) fn check(&self, bad: &mut impl FnMut(&str, String)) {
        let o = self;
        if o.refund_apply_after_hours.0 > 72 {
            bad(
                "/orders/refund_apply_after_hours",
                String::from("must be 0 to 72"),
            );
        }
        for (flag, text) in &o.labels {
            let n = text.chars().count();
            if n == 0 || n > 64 {
                let key = serde_json::to_value(flag)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                bad(
                    &format!("/orders/labels/{key}"),
                    format!("must have 1 to 64 characters, has {n}"),
                );
            }
        }
    }
}

crate::object_only!(OrdersPolicy);
