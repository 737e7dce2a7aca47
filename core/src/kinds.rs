//! The one table of decision kinds (issue 19): each kind's name, its request and decision
//! types, the engine method that decides it and its main fields. [`KINDS`], the [`Decision`]
//! enum, [`main_fields`], the dispatch, the lean forms, [`Decision::kind`] and the JSON
//! Schemas all come from this table; adding a kind is one line here and its module.
//!
//! The calendar's three kinds (`is_workday`, `add_working_time`, `working_minutes_between`)
//! have their request and decision types here: they are the calendar's questions asked as
//! requests.

use crate::num::{Id, Minutes};
use crate::time::{Date, Instant};
use serde::{Deserialize, Serialize};

/// `{"date": "2026-03-04"}`: is it a working day?
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct IsWorkdayRequest {
    /// The caller's own key, echoed in the decision.
    #[serde(default)]
    pub id: Option<Id>,
    /// The order this is about, echoed in the decision.
    #[serde(default)]
    pub order_id: Option<Id>,
    /// The date.
    pub date: Date,
}

/// `{"start": …, "minutes": 60}`: when have that many working minutes passed?
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct AddWorkingTimeRequest {
    /// The caller's own key, echoed in the decision.
    #[serde(default)]
    pub id: Option<Id>,
    /// The order this is about, echoed in the decision.
    #[serde(default)]
    pub order_id: Option<Id>,
    /// When the clock starts.
    pub start: Instant,
    /// Working minutes to add (0 to 10,000,000).
    pub minutes: Minutes,
}

/// `{"from": …, "to": …}`: how many working minutes lie between?
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct WorkingMinutesRequest {
    /// The caller's own key, echoed in the decision.
    #[serde(default)]
    pub id: Option<Id>,
    /// The order this is about, echoed in the decision.
    #[serde(default)]
    pub order_id: Option<Id>,
    /// From this instant.
    pub from: Instant,
    /// To this one (earlier gives a negative count).
    pub to: Instant,
}

crate::object_only!(
    IsWorkdayRequest,
    AddWorkingTimeRequest,
    WorkingMinutesRequest
);

/// The decision of `add_working_time`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeadlineDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<Id>,
    /// The deadline.
    pub at: String,
    /// `CALENDAR_PROVISIONAL` when the deadline used a provisional year; else empty.
    pub reasons: Vec<crate::Reason>,
}

/// The decision of `working_minutes_between`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MinutesDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<Id>,
    /// Working minutes between the two instants.
    pub minutes: i64,
    /// `CALENDAR_PROVISIONAL` when the span used a provisional year; else empty.
    pub reasons: Vec<crate::Reason>,
}

/// The table. Each line: the kind's name => the [`Decision`] variant (holding the decision
/// type), the request type => the [`Engine`](crate::Engine) method that decides it, and its
/// main fields (after `id` and `order_id`; `reason_codes` follows them).
macro_rules! kinds {
    ($(
        $name:literal => $variant:ident($decision:ty), $request:ty => $method:ident,
        main [$head:ident $(, $field:ident)*];
    )*) => {
        /// The decision kinds `evaluate` knows, by name.
        pub const KINDS: &[&str] = &[$($name),*];

        /// A decision of any kind, as `evaluate` returns it.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)] // built once per call and handed over; boxing buys nothing
        pub enum Decision {
            $(
                #[doc = concat!("`", $name, "`.")]
                $variant($decision),
            )*
        }

        impl Decision {
            /// The kind of request this decision answers (`"check_return"`, …).
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Decision::$variant(_) => $name,)*
                }
            }

            /// Why, rule by rule.
            pub fn reasons(&self) -> &[crate::Reason] {
                match self {
                    $(Decision::$variant(d) => &d.reasons,)*
                }
            }

            /// The main fields (the echoed keys aside) whose values differ from `other`'s, then
            /// `reason_codes` when the codes of the reasons differ (`kefu_core::whatif`); compared
            /// as values, not through a serializer (in wasm, a second serializer of every lean
            /// form measured 13.8 KB gzipped).
            pub fn differing_fields(&self, other: &Decision) -> Vec<&'static str> {
                let mut out = Vec::new();
                match (self, other) {
                    $((Decision::$variant(a), Decision::$variant(b)) => {
                        if a.$head != b.$head {
                            out.push(stringify!($head));
                        }
                        $(if a.$field != b.$field {
                            out.push(stringify!($field));
                        })*
                    })*
                    _ => out.push("kind"),
                }
                let codes = |d: &Decision| d.reasons().iter().map(|r| r.code).collect::<Vec<_>>();
                if codes(self) != codes(other) {
                    out.push(crate::lean::REASON_CODES);
                }
                out
            }

            /// The first main field's value as text (`"eligible"`), for the what-if's transitions.
            pub fn headline(&self) -> String {
                match self {
                    $(Decision::$variant(d) => crate::whatif::text(&d.$head),)*
                }
            }

            /// The request's `id` and `order_id`, echoed.
            pub fn keys(&self) -> (Option<&Id>, Option<&Id>) {
                match self {
                    $(Decision::$variant(d) => (d.id.as_ref(), d.order_id.as_ref()),)*
                }
            }
        }

        /// The fields that tell most about a decision of each kind, for tables (the CSV of the
        /// command line, data frames): the request's echoed keys (`id`, `order_id`: rows join
        /// back to their orders by them), top-level fields of the decision, and
        /// `reason_codes` for the codes of its reasons. Hosts show them as columns beside the
        /// whole decision.
        pub fn main_fields(kind: &str) -> &'static [&'static str] {
            match kind {
                $($name => &["id", "order_id", stringify!($head), $(stringify!($field),)* "reason_codes"],)*
                _ => &[],
            }
        }

        impl serde::Serialize for crate::lean::LeanDecision<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                match self.decision() {
                    $(Decision::$variant(d) => {
                        let mut map = s.serialize_map(None)?;
                        map.serialize_entry("id", &d.id)?;
                        map.serialize_entry("order_id", &d.order_id)?;
                        map.serialize_entry(stringify!($head), &d.$head)?;
                        $(map.serialize_entry(stringify!($field), &d.$field)?;)*
                        map.serialize_entry(crate::lean::REASON_CODES, &crate::lean::Codes(&d.reasons))?;
                        map.end()
                    })*
                }
            }
        }

        impl crate::Engine {
            /// The one dispatch over kinds, for a JSON value or any other deserializer.
            pub(crate) fn dispatch<'de, S: crate::engine::Source<'de>>(
                &self,
                kind: &str,
                request: S,
            ) -> crate::Result<Decision> {
                Ok(match kind {
                    #[cfg(feature = "panic-probe")]
                    crate::engine::PANIC_PROBE => crate::engine::probe::panic(),
                    $($name => {
                        let request: $request = request.decode()?;
                        Decision::$variant(self.$method(&request)?)
                    })*
                    _ => return Err(crate::engine::unknown_kind(kind)),
                })
            }
        }

        /// A JSON Schema of `schemas/` by name, as text: `policy`, or `<kind>.request`,
        /// `<kind>.decision`, `<kind>.lean` (a kind alone is its request). The files are
        /// derived from these types and checked current by `core/tests/schemas.rs`; hosts
        /// hand them out as they are (`kefu schema`, `kefu.schema(name)`).
        pub fn schema_text(name: &str) -> Option<&'static str> {
            if name == "policy" {
                return Some(include_str!("../../schemas/policy.schema.json"));
            }
            $(
                if name == $name || name == concat!($name, ".request") {
                    return Some(include_str!(concat!("../../schemas/", $name, ".request.schema.json")));
                }
                if name == concat!($name, ".decision") {
                    return Some(include_str!(concat!("../../schemas/", $name, ".decision.schema.json")));
                }
                if name == concat!($name, ".lean") {
                    return Some(include_str!(concat!("../../schemas/", $name, ".lean.schema.json")));
                }
            )*
            None
        }

        /// The names [`schema_text`] knows, in order: `policy`, then each kind's request,
        /// decision and lean form.
        pub fn schema_names() -> Vec<String> {
            let mut names = vec![String::from("policy")];
            for kind in KINDS {
                for part in ["request", "decision", "lean"] {
                    names.push(format!("{kind}.{part}"));
                }
            }
            names
        }

        /// Each kind with the JSON Schemas of its request (as read) and its decision (as
        /// written: a field that is always written is required, even when it may be null).
        #[cfg(feature = "schema")]
        pub fn schemas() -> Vec<(&'static str, schemars::Schema, schemars::Schema)> {
            use schemars::generate::SchemaSettings;
            let read = || SchemaSettings::draft2020_12().for_deserialize().into_generator();
            let written = || SchemaSettings::draft2020_12().for_serialize().into_generator();
            vec![$((
                $name,
                read().into_root_schema_for::<$request>(),
                written().into_root_schema_for::<$decision>(),
            ),)*]
        }
    };
}

kinds! {
    "order_flag" => Flag(crate::orders::FlagDecision), crate::orders::OrderFacts => order_flag,
        main [flag, flag_code, platform, label, change];
    "order_action" => Action(crate::orders::ActionDecision), crate::orders::ActionRequest => order_action,
        main [action, department, flag, flag_code, note, buyer_message];
    "check_return" => Return(crate::returns::ReturnDecision), crate::returns::ReturnRequest => check_return,
        main [verdict, path, remedies, window_last_day, window_source, return_shipping_paid_by, refund_amount_cents, refund_due_days, refund_due_at];
    "classify_complaint" => Complaint(crate::complaints::ComplaintDecision), crate::complaints::Complaint => classify_complaint,
        main [severity, behaviour, causes, owner, reply_due_at, coupon_cents];
    "refund_timeline" => Timeline(crate::refunds::TimelineDecision), crate::refunds::RefundCase => refund_timeline,
        main [state, next_deadline, on_deadline, who_acts, minutes_left, minutes_overdue];
    "sla" => Sla(crate::sla::SlaDecision), crate::sla::SlaRequest => sla,
        main [standard, due_at, state, minutes_left, minutes_overdue];
    "dispatch_estimate" => Dispatch(crate::dispatch::DispatchDecision), crate::dispatch::DispatchRequest => dispatch_estimate,
        main [ship_by, expected_delivery, courier, ems_extra_cents];
    "is_workday" => Day(crate::calendar::DayInfo), IsWorkdayRequest => is_workday_request,
        main [date, workday, kind, holiday, provisional];
    "add_working_time" => At(DeadlineDecision), AddWorkingTimeRequest => add_working_time_request,
        main [at];
    "working_minutes_between" => Minutes(MinutesDecision), WorkingMinutesRequest => working_minutes_request,
        main [minutes];
}

/// [`schema_text`] for a host: an unknown name is `INVALID_INPUT` at `/name`, listing the
/// names there are.
pub fn schema(name: &str) -> crate::Result<&'static str> {
    schema_text(name).ok_or_else(|| {
        let name = crate::error::bounded(name.to_owned());
        crate::Error::invalid_input(
            "/name",
            format!(
                "no schema is named {name:?}; there are: policy, and for each kind <kind> (its request), <kind>.request, <kind>.decision, <kind>.lean (kinds: {})",
                KINDS.join(", ")
            ),
        )
        .with_zh(format!(
            "没有名为 {name:?} 的 schema；可用的有：policy，以及每种决策类型的 <kind>（即其请求）、<kind>.request、<kind>.decision、<kind>.lean（决策类型：{}）",
            KINDS.join("、")
        ))
    })
}
