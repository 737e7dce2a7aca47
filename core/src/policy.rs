//! The policy: every number of the rule book, as a JSON document a shop can change.
//!
//! docs/rules.md: "Every number below is a policy default: a shop can change it, the law's
//! floors excepted" (its "Law floors" section lists them). Defaults here *are* the rule book's
//! values; [`validate_policy`] names every problem of a document with its JSON pointer, unknown
//! keys included, and refuses values the law does not allow (seven days at least for no-reason
//! returns, refund within seven days).

use crate::error::{Error, Problem};
use crate::time::{parse_clock, parse_offset, Date};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// At most this many problems are reported for one document.
const MAX_PROBLEMS: usize = 100;

/// A whole policy. Every field has the rule book's default, so `{}` is the default policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
#[serde(remote = "Self")]
pub struct Policy {
    /// The JSON Schema the document follows, for editors (`schemas/policy.schema.json`);
    /// read and ignored, not part of the policy's hash.
    #[serde(rename = "$schema", skip_serializing)]
    pub schema: Option<String>,
    /// The shop's name for this policy, echoed in every decision.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = 64)))]
    pub id: String,
    /// The shop's version of this policy, echoed in every decision.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = 64)))]
    pub version: String,
    /// UTC offset in which day boundaries fall (`"+08:00"`: China has one zone and no DST).
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])$"))
    )]
    pub time_zone: String,
    /// The business calendar: working hours, holidays, make-up working days, closures.
    pub calendar: CalendarPolicy,
    /// Return and refund rules (rule book §3).
    pub returns: crate::returns::ReturnsPolicy,
    /// Order flags and flows (rule book §1, §2).
    pub orders: crate::orders::OrdersPolicy,
    /// Service standards (rule book §5).
    pub sla: crate::sla::SlaPolicy,
    /// Dispatch and delivery (rule book §5).
    pub dispatch: crate::dispatch::DispatchPolicy,
    /// The platform's refund timers (rule book §3).
    pub refund_process: crate::refunds::RefundProcessPolicy,
    /// Complaints: the phrase lexicon and the severity thresholds (rule book §4).
    pub complaints: crate::complaints::ComplaintsPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            schema: None,
            id: String::from("kefu-default"),
            version: String::from(env!("CARGO_PKG_VERSION")),
            time_zone: String::from("+08:00"),
            calendar: CalendarPolicy::default(),
            returns: crate::returns::ReturnsPolicy::default(),
            orders: crate::orders::OrdersPolicy::default(),
            sla: crate::sla::SlaPolicy::default(),
            dispatch: crate::dispatch::DispatchPolicy::default(),
            refund_process: crate::refunds::RefundProcessPolicy::default(),
            complaints: crate::complaints::ComplaintsPolicy::default(),
        }
    }
}

/// Which built-in holiday calendar to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BuiltinCalendar {
    /// Mainland China's statutory holidays and 调休 days, 2004–2026 (State Council notices),
    /// and after the last announced year the statute's holidays, provisionally (see
    /// [`UnknownYears`]).
    Cn,
    /// No built-in years: only the years the policy lists.
    None,
}

/// The business calendar (rule book §5: "Working days follow China's calendar").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
#[serde(remote = "Self")]
pub struct CalendarPolicy {
    /// Built-in holiday data to start from.
    pub builtin: BuiltinCalendar,
    /// Human service hours (seeds 000 and 004 headers: 9:00–18:30).
    pub working_hours: WorkingHours,
    /// Extra or corrected years, keyed `"2027"`; a listed year replaces the built-in one
    /// (and the provisional one). `kefu calendar import` reads a State Council notice into one.
    pub years: BTreeMap<String, YearPolicy>,
    /// The shop's own days off (stocktaking, a move), on top of the public calendar.
    pub closures: Vec<Date>,
    /// What a year after the last announced one is: `"provisional"` (the statute's holidays,
    /// no 调休, and every decision that uses it says so) or `"error"` (`CALENDAR_YEAR_UNKNOWN`).
    pub unknown_years: UnknownYears,
}

/// What the calendar does with a year the State Council has not announced yet (in kefu's data
/// or the policy's `calendar.years`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnknownYears {
    /// Decide on the statutory holidays of 《全国年节及纪念日放假办法》 and ordinary weekends,
    /// without the notice's make-up working days; each decision that used such a day carries
    /// the reason `CALENDAR_PROVISIONAL`. Only with `builtin: "cn"`.
    #[default]
    Provisional,
    /// Fail closed: `CALENDAR_YEAR_UNKNOWN`, naming the year and what needed it.
    Error,
}

impl Default for CalendarPolicy {
    fn default() -> Self {
        CalendarPolicy {
            builtin: BuiltinCalendar::Cn,
            working_hours: WorkingHours::default(),
            years: BTreeMap::new(),
            closures: Vec::new(),
            unknown_years: UnknownYears::Provisional,
        }
    }
}

/// Start and end of the working day, `"HH:MM"` in the policy's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
#[serde(remote = "Self")]
pub struct WorkingHours {
    /// When service opens.
    pub start: String,
    /// When service closes (the end is not itself a working minute).
    pub end: String,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            start: String::from("09:00"),
            end: String::from("18:30"),
        }
    }
}

/// One year of holidays and make-up working days, as the State Council's notice states it.
/// Both lists are required (an empty `workdays` says the notice has no 调休), and every
/// statutory holiday of the year must lie inside one of the `holidays`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
pub struct YearPolicy {
    /// Holiday periods (days off, weekends inside a period included).
    pub holidays: Vec<HolidayPolicy>,
    /// Weekend days that are worked (调休).
    pub workdays: Vec<Date>,
}

/// A holiday period, both ends inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
pub struct HolidayPolicy {
    /// The holiday's name as the notice gives it (e.g. `"春节"`).
    pub name: String,
    /// First day off.
    pub from: Date,
    /// Last day off.
    pub to: Date,
}

/// Which policy decided: `policy`, `{id, version, hash}` (docs/api.md "Every decision carries").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PolicyRef {
    /// The policy's `id`.
    pub id: String,
    /// The policy's `version`.
    pub version: String,
    /// 16 hex digits of FNV-1a over the effective policy's canonical JSON.
    pub hash: String,
}

impl Policy {
    /// Read a policy document, reporting every problem found (structure first, then values).
    pub fn from_value(doc: &Value) -> Result<Policy, Error> {
        let (policy, mut problems) = parse_collecting(doc);
        if let Some(p) = &policy {
            problems.extend(p.check());
        }
        match policy {
            Some(p) if problems.is_empty() => Ok(p),
            _ => Err(Error::invalid_policy(problems)),
        }
    }

    /// Read a policy from JSON text.
    pub fn from_json(text: &str) -> Result<Policy, Error> {
        let doc: Value = serde_json::from_str(crate::decode::without_bom(text)).map_err(|e| {
            Error::invalid_policy(vec![Problem {
                path: String::new(),
                message: format!("not JSON: {e}"),
            }])
        })?;
        Policy::from_value(&doc)
    }

    /// The canonical JSON of the effective policy (every default filled in).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// FNV-1a (64-bit) of the canonical JSON: equal policies hash equal in every host.
    pub fn hash(&self) -> String {
        // Through the canonical value (keys sorted), so that the policy is serialized one way only.
        let text = serde_json::to_string(&self.to_value()).unwrap_or_default();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }

    /// Value problems that the types alone do not catch: ranges, law floors, calendar shape.
    fn check(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut bad = |path: &str, message: String| {
            out.push(Problem {
                path: path.to_owned(),
                message,
            })
        };
        for (path, text) in [("/id", &self.id), ("/version", &self.version)] {
            let n = text.chars().count();
            if n == 0 || n > 64 {
                bad(path, format!("must have 1 to 64 characters, has {n}"));
            }
        }
        if let Err(e) = parse_offset(&self.time_zone) {
            bad("/time_zone", e);
        }
        let hours = &self.calendar.working_hours;
        match (parse_clock(&hours.start), parse_clock(&hours.end)) {
            (Ok(s), Ok(e)) if s >= e => {
                bad(
                    "/calendar/working_hours/end",
                    format!("must be later than start ({})", hours.start),
                );
            }
            (s, e) => {
                if let Err(m) = s {
                    bad("/calendar/working_hours/start", m);
                }
                if let Err(m) = e {
                    bad("/calendar/working_hours/end", m);
                }
            }
        }
        crate::calendar::check_years(&self.calendar, &mut bad);
        self.returns.check(&mut bad);
        self.orders.check(&mut bad);
        self.sla.check(&mut bad);
        self.dispatch.check(&mut bad);
        self.refund_process.check(&mut bad);
        self.complaints.check(&mut bad);
        out
    }
}

crate::object_only!(
    Policy,
    CalendarPolicy,
    WorkingHours,
    YearPolicy,
    HolidayPolicy
);

/// Every problem of a policy document, each with its JSON pointer; empty when it is valid.
pub fn validate_policy(doc: &Value) -> Vec<Problem> {
    match Policy::from_value(doc) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems,
    }
}

/// [`validate_policy`] on JSON text; text that is not JSON is one problem at `""`.
pub fn validate_policy_json(text: &str) -> Vec<Problem> {
    match Policy::from_json(text) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems,
    }
}

/// Deserialize, and on each structural error note it, remove the offending value and try
/// again, so one call reports every problem rather than the first.
fn parse_collecting(doc: &Value) -> (Option<Policy>, Vec<Problem>) {
    if !doc.is_object() {
        let message = format!(
            "a policy is a JSON object, not {}",
            crate::decode::kind_of(doc)
        );
        return (
            None,
            vec![Problem {
                path: String::new(),
                message,
            }],
        );
    }
    let mut work = crate::decode::host::clone_within_depth(doc);
    let mut problems = Vec::new();
    // Indices removed from each array (keyed by its pointer), so later paths name the
    // element as the caller wrote it.
    let mut removed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut reported: Vec<String> = Vec::new();
    while problems.len() < MAX_PROBLEMS {
        match crate::decode::tracked::deserialize::<Policy>(&work) {
            Ok(p) => return (Some(p), problems),
            Err((segments, e)) => {
                let path = original_pointer(&segments, &removed);
                let message = crate::decode::clean_message(&e.message);
                // A required field removed for an earlier problem is not a second problem.
                let missing = (e.kind == crate::ErrorKind::MissingField)
                    .then_some(e.name.as_deref())
                    .flatten();
                let echo = missing.is_some_and(|f| {
                    reported.contains(&format!("{path}/{}", crate::decode::escape(f)))
                });
                if !echo {
                    reported.push(path.clone());
                    problems.push(Problem { path, message });
                }
                if segments.is_empty() || !remove(&mut work, &segments, &mut removed) {
                    break;
                }
            }
        }
    }
    (None, problems)
}

/// The field a serde "missing field `x`" message names.
fn original_pointer(segments: &[String], removed: &BTreeMap<String, Vec<usize>>) -> String {
    let mut pointer = String::new();
    for seg in segments {
        let mut seg = seg.clone();
        if let (Some(gone), Ok(mut i)) = (removed.get(&pointer), seg.parse::<usize>()) {
            for g in gone {
                if *g <= i {
                    i += 1;
                }
            }
            seg = i.to_string();
        }
        pointer.push('/');
        pointer.push_str(&crate::decode::escape(&seg));
    }
    pointer
}

fn remove(
    work: &mut Value,
    segments: &[String],
    removed: &mut BTreeMap<String, Vec<usize>>,
) -> bool {
    let Some((last, parents)) = segments.split_last() else {
        return false;
    };
    let parent_ptr: String = parents
        .iter()
        .map(|s| format!("/{}", crate::decode::escape(s)))
        .collect();
    let original_parent = original_pointer(parents, removed);
    match work.pointer_mut(&parent_ptr) {
        Some(Value::Object(map)) => map.remove(last).is_some(),
        Some(Value::Array(items)) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                let original = original_pointer(segments, removed);
                let idx = original
                    .rsplit('/')
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(i);
                let list = removed.entry(original_parent).or_default();
                list.insert(list.partition_point(|&g| g < idx), idx);
                true
            }
            _ => false,
        },
        _ => false,
    }
}
