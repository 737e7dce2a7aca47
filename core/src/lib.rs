//! kefu-core: an online shop's customer-service rule book as pure functions of data.
//!
//! Rule book (`docs/rules.md`): when an item may go back (§3), what each order flag means
//! (§1, §2), how serious a complaint is (§4), and the service standards (§5). Every number is a
//! [`Policy`] default a shop can change within the law. Nothing here reads the clock or does
//! I/O: the same request and policy always give the same decision, in every host.
//!
//! # Examples
//!
//! ```
//! let decision = kefu_core::evaluate("check_return", &serde_json::json!({
//!     "reason": "no_reason",
//!     "category": "food",
//!     "signed_at": "2026-03-02T10:00:00+08:00",
//!     "requested_at": "2026-03-04T10:00:00+08:00",
//!     "condition": { "seal_broken": true }
//! }))?;
//! assert_eq!(decision["verdict"], "ineligible");
//! assert_eq!(decision["reasons"][1]["code"], "SEAL_BROKEN");
//! # Ok::<(), kefu_core::Error>(())
//! ```

pub mod calendar;
pub mod complaints;
pub mod decode;
pub mod dispatch;
mod engine;
mod error;
pub mod kinds;
pub mod lean;
pub mod num;
pub mod orders;
pub mod platforms;
pub mod policy;
pub mod reason;
pub mod refunds;
pub mod returns;
#[cfg(feature = "schema")]
pub mod schema;
pub mod sla;
pub mod time;
pub mod whatif;

pub use calendar::{Calendar, DayInfo, DayKind};
pub use engine::{
    default_engine, guarded, internal_error, is_kind, key_paths, main_fields, BatchItem, Decision,
    Engine, KINDS, MAX_BATCH, PANIC_PROBE,
};
pub use error::{Error, ErrorCode, ErrorKind, Problem, Result};
pub use kinds::{schema, schema_names, schema_text};
pub use policy::{validate_policy, validate_policy_json, Policy, PolicyRef};
pub use reason::{catalogue, Reason, Rule};
pub use returns::{ReturnDecision, ReturnRequest, Verdict};
pub use time::{Date, Instant};

use serde_json::Value;

/// The package version, the same in every host.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// [`Engine::evaluate`] on the default policy.
pub fn evaluate(kind: &str, request: &Value) -> Result<Value> {
    default_engine()?.evaluate(kind, request)
}

/// [`Engine::check_return`] on the default policy.
pub fn check_return(request: &ReturnRequest) -> Result<ReturnDecision> {
    default_engine()?.check_return(request)
}

/// A State Council holiday notice, pasted as text, read into a `calendar.years` entry:
/// `{"2027": {"holidays": [...], "workdays": [...]}}` (see [`calendar::notice`]). Text it
/// cannot read is `INVALID_INPUT` at `/text`, naming the sentence.
pub fn calendar_from_notice(text: &str) -> Result<Value> {
    guarded(|| calendar::notice::to_years_value(text))
}

/// [`calendar_from_notice`] for a host: the argument as given; anything but a string is
/// `INVALID_INPUT` at `/text`, in the decoder's words as every other argument.
pub fn calendar_from_notice_arg(text: Value) -> Result<Value> {
    #[derive(serde::Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    struct Notice {
        text: String,
    }
    let text = match text {
        Value::String(t) => t,
        other => decode::from_value::<Notice>(&serde_json::json!({ "text": other }))?.text,
    };
    calendar_from_notice(&text)
}

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
