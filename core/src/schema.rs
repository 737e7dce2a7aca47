//! JSON Schemas of kefu's public shape (issue 19), derived from the Rust types with
//! `schemars` behind the `schema` feature, for the types whose JSON form serde's derive does
//! not show: instants and dates are text in a fixed form, an amount a positive number.
//!
//! The documents themselves (every request, decision, lean form and the policy) are written
//! by [`documents`] into `schemas/` at the repository root (`core/tests/schemas.rs` blesses
//! and checks them).

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};
use std::borrow::Cow;

/// Where the documents are published: a policy can say `"$schema": POLICY_ID`.
const BASE: &str = "https://example.invalid/kefu/schemas/";

/// Every document, by name (`policy`, `check_return.request`, `check_return.decision`,
/// `check_return.lean`, …), as written to `schemas/<name>.schema.json`.
pub fn documents() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut policy = schemars::schema_for!(crate::Policy).to_value();
    stamp(&mut policy, "policy", "A kefu policy: every number of the rule book a shop may change. Every field is optional; {} is the rule book's defaults.");
    out.push((String::from("policy"), policy));
    for (kind, request, decision) in crate::kinds::schemas() {
        let mut request = request.to_value();
        stamp(
            &mut request,
            &format!("{kind}.request"),
            &format!("A {kind} request."),
        );
        let mut decision = decision.to_value();
        stamp(
            &mut decision,
            &format!("{kind}.decision"),
            &format!("The decision of {kind}."),
        );
        let lean = lean(kind, &decision);
        out.push((format!("{kind}.request"), request));
        out.push((format!("{kind}.decision"), decision));
        out.push((format!("{kind}.lean"), lean));
    }
    out
}

/// The document's `$id` and `description`.
fn stamp(doc: &mut Value, name: &str, description: &str) {
    if let Value::Object(map) = doc {
        map.insert(
            String::from("$id"),
            Value::String(format!("{BASE}{name}.schema.json")),
        );
        if !map.contains_key("description") {
            map.insert(
                String::from("description"),
                Value::String(description.to_owned()),
            );
        }
    }
}

/// The lean form of a kind's decision: exactly its main fields, each as the whole decision
/// has it or null, and `reason_codes`, the codes of its reasons.
fn lean(kind: &str, decision: &Value) -> Value {
    let props = decision.get("properties").cloned().unwrap_or_default();
    let mut properties = Map::new();
    for field in crate::main_fields(kind) {
        let schema = if *field == crate::lean::REASON_CODES {
            json!({"type": "array", "items": {"type": "string"}, "description": "The codes of the decision's reasons, in order."})
        } else {
            let whole = props.get(*field).cloned().unwrap_or(json!({}));
            json!({"anyOf": [whole, {"type": "null"}]})
        };
        properties.insert((*field).to_owned(), schema);
    }
    let mut doc = json!({
        "$schema": decision.get("$schema").cloned().unwrap_or(Value::Null),
        "$id": format!("{BASE}{kind}.lean.schema.json"),
        "title": format!("{kind} (lean)"),
        "description": format!("The lean form of the {kind} decision: its main fields (null where the decision has none) and the codes of its reasons."),
        "type": "object",
        "properties": properties,
        "required": crate::main_fields(kind),
        "additionalProperties": false,
    });
    if let (Value::Object(map), Some(defs)) = (&mut doc, decision.get("$defs")) {
        map.insert(String::from("$defs"), defs.clone());
    }
    doc
}

impl JsonSchema for crate::time::Instant {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Instant")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "An instant with its UTC offset, RFC 3339: 2026-03-01T10:00:00+08:00 (a fraction of a second is allowed; Z is UTC).",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$"
        })
    }
}

impl JsonSchema for crate::time::Date {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Date")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD.",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
        })
    }
}

impl JsonSchema for crate::num::Amount {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Amount")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 10_000_000,
            "description": "A positive amount of time in the standard's unit (0.5 working days, 24 hours)."
        })
    }
}
