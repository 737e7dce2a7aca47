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

/// A decision seen in its lean form; serializes as a map of the kind's main fields, each
/// written as the whole decision writes it (the shared cases check every kind against the
/// whole decision, and the field lists against `main_fields`). Its `Serialize` is written
/// per kind by the table of kinds (`kinds.rs`), not by filtering the whole decision through
/// a serializer: that compiles a serializer for every field of every decision into each host
/// (≈30 KB of wasm).
#[derive(Debug, Clone, Copy)]
pub struct LeanDecision<'a>(&'a Decision);

impl<'a> LeanDecision<'a> {
    /// The whole decision.
    pub fn decision(&self) -> &'a Decision {
        self.0
    }
}

/// The codes of a list of reasons, as a list of strings.
pub(crate) struct Codes<'a>(pub(crate) &'a [crate::Reason]);

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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
            )
            .with_kind(crate::ErrorKind::WrongType)
            .with_zh(format!(
                "选项须是对象，例如 {{\"lean\": true}}，而不是{}",
                crate::decode::kind_of_zh(options)
            )));
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
