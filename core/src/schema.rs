//! JSON Schemas of kefu's public shape (issue 19), derived from the Rust types with
//! `schemars` behind the `schema` feature, for the types whose JSON form serde's derive does
//! not show: instants and dates are text in a fixed form, an amount a positive number.
//!
//! The documents themselves (every request, decision, lean form and the policy) are written
//! by [`documents`] into `schemas/` at the repository root (`core/tests/schemas.rs` blesses
//! and checks them).

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

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
