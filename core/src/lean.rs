//! The lean form of a decision: the kind's [`main_fields`](crate::main_fields) and the codes of
//! its reasons, nothing else.
//!
//! Why: a whole `check_return` decision is about 80 values (deductions, a goodwill offer, each
//! reason with its Chinese and English sentences, rule and source, the policy). A caller that
//! routes on the verdict, or a volume job of a million rows, pays to build every one of them
//! in its host; the rules themselves take a fraction of that (BENCHMARKS.md, "kefu against its
//! peers"). The lean form is the row the command line's `--lean` and the data-frame columns
//! already carry: the same fields, the same values as the whole decision, and every field of
//! the kind present (null where the decision has none), so rows make a fixed table.
//!
//! It is serialized straight from the typed decision, with the host's own serializer where it
//! has one (JS values), so it costs what it holds, not what the whole decision holds.

use crate::engine::{BatchItem, Decision};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::Deserialize;
use serde_json::Value;

/// The field of the lean form that holds the codes of the decision's reasons.
pub const REASON_CODES: &str = "reason_codes";

impl Decision {
    /// The kind of request this decision answers (`"check_return"`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Decision::Return(_) => "check_return",
            Decision::Day(_) => "is_workday",
            Decision::Flag(_) => "order_flag",
            Decision::Action(_) => "order_action",
            Decision::Sla(_) => "sla",
            Decision::Dispatch(_) => "dispatch_estimate",
            Decision::Timeline(_) => "refund_timeline",
            Decision::Complaint(_) => "classify_complaint",
            Decision::At { .. } => "add_working_time",
            Decision::Minutes { .. } => "working_minutes_between",
        }
    }

    /// The request's `id` and `order_id`, echoed.
    pub fn keys(&self) -> (Option<&crate::num::Id>, Option<&crate::num::Id>) {
        match self {
            Decision::Return(d) => (d.id.as_ref(), d.order_id.as_ref()),
            Decision::Flag(d) => (d.id.as_ref(), d.order_id.as_ref()),
            Decision::Action(d) => (d.id.as_ref(), d.order_id.as_ref()),
            Decision::Sla(d) => (d.id.as_ref(), d.order_id.as_ref()),
            Decision::Dispatch(d) => (d.id.as_ref(), d.order_id.as_ref()),
            Decision::Timeline(d) => (d.id.as_ref(), d.order_id.as_ref()),
            Decision::Complaint(d) => (d.id.as_ref(), d.order_id.as_ref()),
            Decision::Day(d) => (d.id.as_ref(), d.order_id.as_ref()),
            Decision::At { id, order_id, .. } | Decision::Minutes { id, order_id, .. } => {
                (id.as_ref(), order_id.as_ref())
            }
        }
    }

    /// Why, rule by rule.
    pub fn reasons(&self) -> &[crate::Reason] {
        match self {
            Decision::Return(d) => &d.reasons,
            Decision::Flag(d) => &d.reasons,
            Decision::Action(d) => &d.reasons,
            Decision::Sla(d) => &d.reasons,
            Decision::Dispatch(d) => &d.reasons,
            Decision::Timeline(d) => &d.reasons,
            Decision::Complaint(d) => &d.reasons,
            Decision::Day(d) => &d.reasons,
            Decision::At { reasons, .. } | Decision::Minutes { reasons, .. } => reasons,
        }
    }

    /// The lean form (see the module docs), to serialize with any serializer: a host's own
    /// (straight into JS values) or serde_json's ([`to_lean_json`](Self::to_lean_json)).
    pub fn lean(&self) -> LeanDecision<'_> {
        LeanDecision(self)
    }

    /// The lean form as a JSON object with exactly the kind's main fields.
    pub fn to_lean_json(&self) -> Value {
        serde_json::to_value(self.lean()).unwrap_or_default()
    }
}

/// A decision seen in its lean form; serializes as a map of the kind's main fields.
#[derive(Debug, Clone, Copy)]
pub struct LeanDecision<'a>(&'a Decision);

/// A map of the named fields of a decision `$d`, then (with `+ reasons`) the codes of its
/// reasons. Each field is written as the whole decision writes it (the shared cases check
/// every kind against the whole decision, and the field lists against `main_fields`).
/// Written out per kind, not by filtering the whole decision through a serializer: that
/// compiles a serializer for every field of every decision into each host (≈30 KB of wasm).
macro_rules! lean_map {
    ($s:expr, $d:expr, [$($field:ident),*] $(+ $reasons:ident)?) => {{
        let mut map = $s.serialize_map(None)?;
        map.serialize_entry("id", &$d.id)?;
        map.serialize_entry("order_id", &$d.order_id)?;
        $(map.serialize_entry(stringify!($field), &$d.$field)?;)*
        $(map.serialize_entry(REASON_CODES, &Codes(&$d.$reasons))?;)?
        map.end()
    }};
}

impl Serialize for LeanDecision<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Decision::Return(d) => lean_map!(
                s,
                d,
                [
                    verdict,
                    path,
                    remedies,
                    window_last_day,
                    return_shipping_paid_by,
                    refund_amount_cents,
                    refund_due_days,
                    refund_due_at
                ] + reasons
            ),
            Decision::Flag(d) => {
                lean_map!(s, d, [flag, flag_code, platform, label, change] + reasons)
            }
            Decision::Action(d) => lean_map!(
                s,
                d,
                [action, department, flag, flag_code, note, buyer_message] + reasons
            ),
            Decision::Complaint(d) => lean_map!(
                s,
                d,
                [
                    severity,
                    behaviour,
                    causes,
                    owner,
                    reply_due_at,
                    coupon_cents
                ] + reasons
            ),
            Decision::Timeline(d) => lean_map!(
                s,
                d,
                [
                    state,
                    next_deadline,
                    on_deadline,
                    who_acts,
                    minutes_left,
                    minutes_overdue
                ] + reasons
            ),
            Decision::Sla(d) => lean_map!(
                s,
                d,
                [standard, due_at, state, minutes_left, minutes_overdue] + reasons
            ),
            Decision::Dispatch(d) => lean_map!(
                s,
                d,
                [ship_by, expected_delivery, courier, ems_extra_cents] + reasons
            ),
            Decision::Day(d) => {
                lean_map!(s, d, [date, workday, kind, holiday, provisional] + reasons)
            }
            Decision::At {
                id,
                order_id,
                at,
                reasons,
            } => {
                let mut map = s.serialize_map(Some(4))?;
                map.serialize_entry("id", id)?;
                map.serialize_entry("order_id", order_id)?;
                map.serialize_entry("at", at)?;
                map.serialize_entry(REASON_CODES, &Codes(reasons))?;
                map.end()
            }
            Decision::Minutes {
                id,
                order_id,
                minutes,
                reasons,
            } => {
                let mut map = s.serialize_map(Some(4))?;
                map.serialize_entry("id", id)?;
                map.serialize_entry("order_id", order_id)?;
                map.serialize_entry("minutes", minutes)?;
                map.serialize_entry(REASON_CODES, &Codes(reasons))?;
                map.end()
            }
        }
    }
}

/// The codes of a list of reasons, as a list of strings.
struct Codes<'a>(&'a [crate::Reason]);

impl Serialize for Codes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|r| r.code))
    }
}

impl BatchItem {
    /// One batch result with its decision in the lean form: `{index, ok, decision}` or
    /// `{index, ok, error}`, as [`to_json`](BatchItem::to_json).
    pub fn lean(&self) -> LeanItem<'_> {
        LeanItem(self)
    }
}

/// A batch item with its decision in the lean form.
#[derive(Debug, Clone, Copy)]
pub struct LeanItem<'a>(&'a BatchItem);

impl Serialize for LeanItem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let item = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("index", &item.index)?;
        map.serialize_entry("ok", &item.ok)?;
        if let Some(id) = &item.id {
            map.serialize_entry("id", id)?;
        }
        if let Some(order_id) = &item.order_id {
            map.serialize_entry("order_id", order_id)?;
        }
        if let Some(d) = &item.decision {
            map.serialize_entry("decision", &d.lean())?;
        }
        if let Some(e) = &item.error {
            map.serialize_entry("error", e)?;
        }
        map.end()
    }
}

/// How a host call answers, for hosts whose calls take an options object (JS:
/// `checkReturn(request, { lean: true })`); Python takes the same as keyword arguments.
/// Read here so every host refuses a bad option alike (`INVALID_INPUT` at `/options/...`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Answer with the decision's lean form instead of the whole decision.
    #[serde(default)]
    pub lean: bool,
}

impl Options {
    /// Options from a JSON value: null (or nothing) for the defaults, else an object.
    pub fn from_value(options: &Value) -> crate::Result<Options> {
        if options.is_null() {
            return Ok(Options::default());
        }
        if !options.is_object() {
            return Err(crate::Error::invalid_input(
                "/options",
                format!(
                    "options are an object such as {{\"lean\": true}}, not {}",
                    crate::decode::kind_of(options)
                ),
            ));
        }
        crate::decode::from_value(options).map_err(|e| e.under("/options"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use serde_json::{json, Value};

    #[test]
    fn options_are_checked() {
        use super::Options;
        assert_eq!(
            Options::from_value(&Value::Null).unwrap(),
            Options::default()
        );
        assert!(Options::from_value(&json!({"lean": true})).unwrap().lean);
        assert!(!Options::from_value(&json!({})).unwrap().lean);
        for (bad, path) in [
            (json!({"lean": 1}), "/options/lean"),
            (json!({"lean": "yes"}), "/options/lean"),
            (json!({"lena": true}), "/options/lena"),
            (json!(true), "/options"),
            (json!([]), "/options"),
        ] {
            let e = Options::from_value(&bad).unwrap_err();
            assert_eq!(e.code, crate::ErrorCode::InvalidInput, "{bad}");
            assert_eq!(e.path.as_deref(), Some(path), "{bad}: {e:?}");
        }
    }
}
