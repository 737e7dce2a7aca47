//! Orders: what each coloured flag means, which flag an order should carry, and what an agent
//! does with a modify / cancel / stock-out / price-difference request (rule book §1, §2; seed
//! 001 §1.1–1.3).

pub(crate) mod actions;
pub(crate) mod flags;
mod policy;

pub use actions::{
    Action, ActionDecision, ActionKind, ActionRequest, Changes, Deadlines, Department, Handoff,
    ItemSpec, ShipMode, ShippingInfo, StockChoice, Want,
};
pub use flags::{AfterSales, Flag, FlagDecision, FlagInput, OrderFacts, Owed, Platform};
pub use policy::OrdersPolicy;

use crate::reason::Rule;

/// Every reason code of the orders capability.
pub(crate) fn rules() -> Vec<&'static Rule> {
    let mut out = flags::RULES.to_vec();
    out.extend_from_slice(actions::RULES);
    out
}
