//! The engine: a policy compiled once, then cheap to call from many threads.
//!
//! docs/api.md "The engine": `Engine(policy)` compiles a policy (the rule book's defaults
//! when none is given); every call takes its times from the request, so every decision is
//! reproducible.

use crate::calendar::{Calendar, DayInfo};
use crate::decode::{from_deserializer, parse_json};
use crate::error::{Error, ErrorCode, Result};
pub use crate::kinds::{main_fields, Decision, KINDS};
use crate::kinds::{
    AddWorkingTimeRequest, DeadlineDecision, IsWorkdayRequest, MinutesDecision,
    WorkingMinutesRequest,
};
use crate::policy::{Policy, PolicyRef};
use crate::returns::{ReturnDecision, ReturnRequest, Returns};
use crate::time::{parse_offset, Date, Instant};
use chrono::FixedOffset;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};
use std::sync::OnceLock;

/// Most requests accepted in one batch.
pub const MAX_BATCH: usize = 1_000_000;

/// A compiled policy. `Send + Sync`: share one across threads.
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
    policy_ref: std::sync::Arc<PolicyRef>,
    tz: FixedOffset,
    calendar: Calendar,
    complaints: crate::complaints::Compiled,
}

impl Decision {
    /// The decision as a JSON value. Shims call this rather than `serde_json::to_value`: a
    /// generic serializer instantiated in a shim crate is compiled a second time there (with
    /// LTO too), which cost the wasm build 36 KB.
    pub fn to_json(&self) -> Value {
        to_value(self)
    }
}

impl BatchItem {
    /// One batch result as a JSON value (see [`Decision::to_json`]).
    pub fn to_json(&self) -> Value {
        to_value(self)
    }

    /// A whole batch as a JSON list.
    pub fn list_to_json(items: &[BatchItem]) -> Value {
        to_value(&items)
    }
}

/// One result of a batch: the input's index and its decision or its error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BatchItem {
    /// Position of the input in the batch.
    pub index: usize,
    /// Whether `decision` (true) or `error` (false) is set.
    pub ok: bool,
    /// The request's `id`, echoed, also when it was not decided (left out when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The request's `order_id`, echoed, also when it was not decided (left out when it has
    /// none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The decision, when `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The error, when not `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

impl BatchItem {
    /// The item at `index` for a decision or an error.
    pub fn new(index: usize, decided: Result<Decision>) -> BatchItem {
        match decided {
            Ok(d) => BatchItem {
                index,
                ok: true,
                id: None,
                order_id: None,
                decision: Some(d),
                error: None,
            },
            Err(e) => BatchItem {
                index,
                ok: false,
                id: None,
                order_id: None,
                decision: None,
                error: Some(e),
            },
        }
    }

    /// The item with the request's keys echoed: from the decision when there is one, else read
    /// from the request as it came (a string `id` and `order_id`, the order's for
    /// `order_action`), so a row that failed still joins back to its order.
    pub fn keyed(self, kind: &str, request: Option<&Value>) -> BatchItem {
        self.keyed_by(kind, |path| {
            let mut at = request?;
            for key in path {
                at = at.get(key)?;
            }
            at.as_str().map(str::to_owned)
        })
    }

    /// [`keyed`](Self::keyed) for a request held in another form (a CSV row's cells): `text`
    /// gives the text at a field path, if any.
    pub fn keyed_by(mut self, kind: &str, text: impl Fn(&[&str]) -> Option<String>) -> BatchItem {
        match &self.decision {
            Some(d) => {
                let (id, order_id) = d.keys();
                self.id = id.map(|i| i.0.clone());
                self.order_id = order_id.map(|i| i.0.clone());
            }
            None => {
                let (id, order_id) = key_paths(kind);
                self.id = text(id);
                self.order_id = text(order_id);
            }
        }
        self
    }
}

impl Engine {
    /// Compile a policy, refusing one with problems (`INVALID_POLICY`, every problem listed).
    pub fn new(policy: Policy) -> Result<Engine> {
        Engine::from_value(&policy.to_value())
    }

    /// Compile a policy document; `null` means the defaults.
    pub fn from_value(doc: &Value) -> Result<Engine> {
        let policy = if doc.is_null() {
            Policy::default()
        } else {
            Policy::from_value(doc)?
        };
        let tz = parse_offset(&policy.time_zone).map_err(|m| {
            Error::invalid_policy(vec![crate::Problem {
                path: String::from("/time_zone"),
                message: m,
            }])
        })?;
        let calendar = Calendar::new(&policy.calendar, tz)?;
        let policy_ref = std::sync::Arc::new(PolicyRef {
            id: policy.id.clone(),
            version: policy.version.clone(),
            hash: policy.hash(),
        });
        let complaints = crate::complaints::Compiled {
            lexicon: policy.complaints.compiled_lexicon(),
        };
        Ok(Engine {
            policy,
            policy_ref,
            tz,
            calendar,
            complaints,
        })
    }

    /// Compile a policy given as JSON text.
    pub fn from_json(text: &str) -> Result<Engine> {
        let doc = parse_json(text).map_err(|e| {
            Error::invalid_policy(vec![crate::Problem {
                path: String::new(),
                message: e.message,
            }])
        })?;
        Engine::from_value(&doc)
    }

    /// The effective policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// `{id, version, hash}` of the effective policy, as every decision carries it.
    pub fn policy_ref(&self) -> &PolicyRef {
        &self.policy_ref
    }

    /// The effective policy's content hash.
    pub fn policy_hash(&self) -> &str {
        &self.policy_ref.hash
    }

    /// The compiled business calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// May this item go back, how, until when, who pays shipping (rule book §3).
    ///
    /// # Examples
    ///
    /// ```
    /// use kefu_core::{Engine, Verdict};
    /// let engine = Engine::from_value(&serde_json::Value::Null)?;
    /// let request = serde_json::from_str(r#"{
    ///     "reason": "no_reason", "category": "apparel",
    ///     "signed_at": "2026-03-01T23:59:00+08:00",
    ///     "requested_at": "2026-03-08T20:00:00+08:00"
    /// }"#)?;
    /// let decision = engine.check_return(&request)?;
    /// assert_eq!(decision.verdict, Verdict::Eligible);
    /// // The seventh day, Sunday 8 March, is a rest day: the window runs to Monday (民法典 Art. 203).
    /// assert_eq!(decision.window_last_day, "2026-03-09");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_return(&self, request: &ReturnRequest) -> Result<ReturnDecision> {
        let days = self.calendar.days();
        let mut d = Returns {
            policy: &self.policy.returns,
            refund_standard: self.standard("refund_after_return_received")?,
            calendar: &days,
            tz: self.tz,
            policy_ref: &self.policy_ref,
        }
        .decide(request)?;
        days.note(&mut d.reasons);
        d.id.clone_from(&request.id);
        d.order_id.clone_from(&request.order_id);
        Ok(d)
    }

    /// The flag an order should carry now, and why (rule book §1).
    pub fn order_flag(
        &self,
        order: &crate::orders::OrderFacts,
    ) -> Result<crate::orders::FlagDecision> {
        let mut d = crate::orders::flags::decide(&self.policy.orders, &self.policy_ref, order)?;
        d.id.clone_from(&order.id);
        d.order_id.clone_from(&order.order_id);
        Ok(d)
    }

    /// What to do with a modify / cancel / stock-out / price-difference request (rule book §2).
    pub fn order_action(
        &self,
        request: &crate::orders::ActionRequest,
    ) -> Result<crate::orders::ActionDecision> {
        let days = self.calendar.days();
        let mut d = crate::orders::actions::decide(
            &self.policy.orders,
            self.standard("refund_after_approval")?,
            &days,
            &self.policy_ref,
            request,
        )?;
        days.note(&mut d.reasons);
        d.id.clone_from(&request.id);
        d.order_id.clone_from(&request.order.order_id);
        Ok(d)
    }

    /// A built-in standard (always present: policy standards merge over the built-ins).
    fn standard(&self, name: &str) -> Result<&crate::sla::Standard> {
        self.policy.sla.get(name).ok_or_else(|| {
            Error::new(
                ErrorCode::Internal,
                format!("standard {name} missing"),
                None,
            )
            .with_zh(format!("kefu 内部错误（请报告）：缺少服务标准 {name}"))
        })
    }

    /// The due time of a service standard and where it stands at `now` (rule book §5).
    ///
    /// # Examples
    ///
    /// ```
    /// use kefu_core::{sla::SlaState, Engine};
    /// let engine = Engine::from_value(&serde_json::Value::Null)?;
    /// // A complaint at Friday 16:00 is due half a working day (285 working minutes) later.
    /// let request = serde_json::from_str(r#"{
    ///     "standard": "complaint_reply",
    ///     "started_at": "2026-03-06T16:00:00+08:00",
    ///     "now": "2026-03-09T09:30:00+08:00"
    /// }"#)?;
    /// let decision = engine.sla(&request)?;
    /// assert_eq!(decision.due_at, "2026-03-09T11:15:00+08:00");
    /// assert_eq!(decision.state, SlaState::Pending);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sla(&self, request: &crate::sla::SlaRequest) -> Result<crate::sla::SlaDecision> {
        let days = self.calendar.days();
        let mut d = crate::sla::decide(&self.policy.sla, &days, &self.policy_ref, request)?;
        days.note(&mut d.reasons);
        d.id.clone_from(&request.id);
        d.order_id.clone_from(&request.order_id);
        Ok(d)
    }

    /// Ship-by date and expected delivery of a paid order (rule book §5).
    pub fn dispatch_estimate(
        &self,
        order: &crate::dispatch::DispatchRequest,
    ) -> Result<crate::dispatch::DispatchDecision> {
        let days = self.calendar.days();
        let mut d = crate::dispatch::decide(&self.policy.dispatch, &days, &self.policy_ref, order)?;
        days.note(&mut d.reasons);
        d.id.clone_from(&order.id);
        d.order_id.clone_from(&order.order_id);
        Ok(d)
    }

    /// Where a refund case stands, its next deadline and what happens then (rule book §3).
    pub fn refund_timeline(
        &self,
        case: &crate::refunds::RefundCase,
    ) -> Result<crate::refunds::TimelineDecision> {
        let days = self.calendar.days();
        let mut d = crate::refunds::decide(
            &self.policy.refund_process,
            &self.policy.sla,
            &days,
            &self.policy_ref,
            case,
        )?;
        days.note(&mut d.reasons);
        d.id.clone_from(&case.id);
        d.order_id.clone_from(&case.order_id);
        Ok(d)
    }

    /// Severity, behaviour, causes, cues, owner, reply deadline and handling steps of a
    /// complaint (rule book §4).
    ///
    /// # Examples
    ///
    /// ```
    /// use kefu_core::{complaints::Severity, Engine};
    /// let engine = Engine::from_value(&serde_json::Value::Null)?;
    /// let complaint = serde_json::from_str(r#"{
    ///     "text": "不是质量问题，是客服态度太差，三天没人回复",
    ///     "channel": "chat", "received_at": "2026-03-06T16:00:00+08:00"
    /// }"#)?;
    /// let decision = engine.classify_complaint(&complaint)?;
    /// assert_eq!(decision.severity, Severity::General);
    /// assert_eq!(decision.reply_due_at, "2026-03-09T11:15:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn classify_complaint(
        &self,
        complaint: &crate::complaints::Complaint,
    ) -> Result<crate::complaints::ComplaintDecision> {
        let days = self.calendar.days();
        let mut d = crate::complaints::decide(
            &self.policy.complaints,
            &self.complaints,
            self.standard("complaint_reply")?,
            &days,
            &self.policy_ref,
            complaint,
        )?;
        days.note(&mut d.reasons);
        d.id.clone_from(&complaint.id);
        d.order_id.clone_from(&complaint.order_id);
        Ok(d)
    }

    /// Whether a `YYYY-MM-DD` date is a working day.
    pub fn is_workday(&self, date: Date) -> Result<bool> {
        self.calendar.is_workday(date.0).map_err(|e| at(e, "/date"))
    }

    /// The earliest instant at which `minutes` working minutes have passed since `start`.
    pub fn add_working_time(&self, start: Instant, minutes: i64) -> Result<Instant> {
        self.calendar
            .add_working_time(start, minutes)
            .map_err(|e| at(e, "/start"))
    }

    /// Working minutes from `from` to `to` (negative when `to` is earlier).
    pub fn working_minutes_between(&self, from: Instant, to: Instant) -> Result<i64> {
        self.calendar
            .working_minutes_between(from, to)
            .map_err(|e| at(e, "/from"))
    }

    /// Any decision by kind name, on a JSON-shaped request (docs/api.md "The engine").
    pub fn evaluate(&self, kind: &str, request: &Value) -> Result<Value> {
        self.decide(kind, request).map(|d| d.to_json())
    }

    /// [`evaluate`](Self::evaluate), keeping the typed decision (hosts serialize it straight
    /// into their own values).
    pub fn decide(&self, kind: &str, request: &Value) -> Result<Decision> {
        if !is_kind(kind) {
            return Err(unknown_kind(kind));
        }
        if !request.is_object() {
            return Err(crate::decode::not_an_object(request));
        }
        self.decide_on(kind, request)
    }

    /// Decide from any serde deserializer: a host hands its own (the Python shim's Arrow row
    /// reader, say) and the request is read once, straight into its typed form, with the path
    /// of anything wrong. Request types have a fixed depth and nothing in them buffers a
    /// value whole (no untagged enums), so no input can make this recurse without bound.
    pub fn decide_from<'de, D: Deserializer<'de>>(&self, kind: &str, request: D) -> Result<Decision>
    where
        D::Error: crate::decode::fact::Facts,
    {
        self.decide_on(kind, Any(request))
    }

    /// The one dispatch over kinds, for a JSON value or any other deserializer. A panic
    /// (a bug in kefu) is caught here and becomes an `INTERNAL` error, so no caller in any
    /// host sees one.
    fn decide_on<'de, S: Source<'de>>(&self, kind: &str, request: S) -> Result<Decision> {
        guarded(|| self.dispatch(kind, request))
    }

    /// `is_workday` as a request.
    pub fn is_workday_request(&self, r: &IsWorkdayRequest) -> Result<DayInfo> {
        let mut d = self.calendar.day(r.date.0).map_err(|e| at(e, "/date"))?;
        d.id.clone_from(&r.id);
        d.order_id.clone_from(&r.order_id);
        Ok(d)
    }

    /// `add_working_time` as a request.
    pub fn add_working_time_request(&self, r: &AddWorkingTimeRequest) -> Result<DeadlineDecision> {
        let days = self.calendar.days();
        // The start first, so that an unknown start is named as the input it is.
        days.working_minutes_between(r.start, r.start)
            .map_err(|e| e.needed_for("the start", "起始时间", "/start"))?;
        let due = days
            .add_working_time(r.start, r.minutes.0)
            .map_err(|e| e.needed_for("the deadline", "截止时间", "/start"))?;
        Ok(DeadlineDecision {
            id: r.id.clone(),
            order_id: r.order_id.clone(),
            at: due.format_in(self.tz),
            reasons: days.reason().into_iter().collect(),
        })
    }

    /// `working_minutes_between` as a request.
    pub fn working_minutes_request(&self, r: &WorkingMinutesRequest) -> Result<MinutesDecision> {
        let (a, b) = (r.from, r.to);
        let days = self.calendar.days();
        days.working_minutes_between(a, a)
            .map_err(|e| at(e, "/from"))?;
        let minutes = days
            .working_minutes_between(a, b)
            .map_err(|e| at(e, "/to"))?;
        Ok(MinutesDecision {
            id: r.id.clone(),
            order_id: r.order_id.clone(),
            minutes,
            reasons: days.reason().into_iter().collect(),
        })
    }

    /// `is_workday` for a host: the date as given, decoded and checked here (path `/date`).
    pub fn is_workday_arg(&self, date: Value) -> Result<bool> {
        // Through `decide`, not `evaluate`: a host that serializes decisions itself then never
        // compiles the JSON-value serializer of every decision (10 KB of wasm).
        match self.decide("is_workday", &json!({ "date": date }))? {
            Decision::Day(day) => Ok(day.workday),
            _ => Ok(false),
        }
    }

    /// `add_working_time` for a host: arguments as given (paths `/start`, `/minutes`).
    pub fn add_working_time_args(&self, start: Value, minutes: Value) -> Result<String> {
        match self.decide(
            "add_working_time",
            &json!({ "start": start, "minutes": minutes }),
        )? {
            Decision::At(d) => Ok(d.at),
            _ => Ok(String::new()),
        }
    }

    /// `working_minutes_between` for a host: arguments as given (paths `/from`, `/to`).
    pub fn working_minutes_between_args(&self, from: Value, to: Value) -> Result<i64> {
        match self.decide(
            "working_minutes_between",
            &json!({ "from": from, "to": to }),
        )? {
            Decision::Minutes(d) => Ok(d.minutes),
            _ => Ok(0),
        }
    }

    /// [`evaluate`](Self::evaluate) on JSON text; malformed text is `INVALID_JSON`.
    pub fn evaluate_json(&self, kind: &str, text: &str) -> Result<Value> {
        self.decide_json(kind, text).map(|d| to_value(&d))
    }

    /// [`decide`](Self::decide) on JSON text; malformed text is `INVALID_JSON`.
    pub fn decide_json(&self, kind: &str, text: &str) -> Result<Decision> {
        if !is_kind(kind) {
            return Err(unknown_kind(kind));
        }
        self.decide(kind, &parse_json(text)?)
    }

    /// One result per input, in order; an unknown kind fails the whole call.
    pub fn evaluate_batch(&self, kind: &str, requests: &[Value]) -> Result<Vec<BatchItem>> {
        self.evaluate_batch_on(kind, requests, 1)
    }

    /// [`evaluate_batch`](Self::evaluate_batch) on up to `threads` threads: the requests are
    /// cut into that many contiguous runs, each decided on its own thread, and the results
    /// joined in input order, so the answer is the same as on one thread. The host says how
    /// many threads (core does not ask the machine); where threads cannot be started (wasm),
    /// the rest is decided on the calling thread.
    pub fn evaluate_batch_on(
        &self,
        kind: &str,
        requests: &[Value],
        threads: usize,
    ) -> Result<Vec<BatchItem>> {
        self.batch(kind, requests, threads, |r| Ok(r))
    }

    /// A batch whose rows the host converted one at a time: a row it could not convert (NaN,
    /// a JS function, Python bytes…) is that row's error, in its place, and the other rows
    /// are decided; otherwise as [`evaluate_batch_on`](Self::evaluate_batch_on).
    pub fn evaluate_batch_rows(
        &self,
        kind: &str,
        rows: &[Result<Value>],
        threads: usize,
    ) -> Result<Vec<BatchItem>> {
        self.batch(kind, rows, threads, |row| row.as_ref())
    }

    fn batch<R: Sync>(
        &self,
        kind: &str,
        requests: &[R],
        threads: usize,
        read: impl Fn(&R) -> std::result::Result<&Value, &Error> + Sync,
    ) -> Result<Vec<BatchItem>> {
        if !is_kind(kind) {
            return Err(unknown_kind(kind));
        }
        if requests.len() > MAX_BATCH {
            return Err(Error::invalid_input(
                "",
                format!("a batch holds at most {MAX_BATCH} requests"),
            )
            .with_zh(format!("一批最多{MAX_BATCH}个请求")));
        }
        // Below this many requests per thread, starting threads costs more than it saves.
        const MIN_PER_THREAD: usize = 64;
        let threads = threads
            .clamp(1, 64)
            .min(requests.len() / MIN_PER_THREAD)
            .max(1);
        let run = |offset: usize, part: &[R]| -> Vec<BatchItem> {
            part.iter()
                .enumerate()
                .map(|(i, r)| {
                    let decided = read(r)
                        .map_err(Clone::clone)
                        .and_then(|request| self.decide(kind, request));
                    BatchItem::new(offset + i, decided).keyed(kind, read(r).ok())
                })
                .collect()
        };
        if threads == 1 {
            return Ok(run(0, requests));
        }
        let size = requests.len().div_ceil(threads);
        Ok(std::thread::scope(|scope| {
            let handles: Vec<_> = requests
                .chunks(size)
                .enumerate()
                .map(|(n, part)| {
                    let offset = n * size;
                    let started =
                        std::thread::Builder::new().spawn_scoped(scope, move || run(offset, part));
                    (offset, part, started.ok())
                })
                .collect();
            let mut out = Vec::with_capacity(requests.len());
            for (offset, part, handle) in handles {
                // A thread that could not start, or died (it cannot: each item is guarded),
                // is done here instead.
                match handle.map(std::thread::ScopedJoinHandle::join) {
                    Some(Ok(items)) => out.extend(items),
                    _ => out.extend(run(offset, part)),
                }
            }
            out
        }))
    }

    /// A batch as a host hands it over: `requests` must be a list (checked here, once for
    /// every host), then [`evaluate_batch_on`](Self::evaluate_batch_on).
    pub fn evaluate_batch_value(
        &self,
        kind: &str,
        requests: &Value,
        threads: usize,
    ) -> Result<Vec<BatchItem>> {
        if !is_kind(kind) {
            return Err(unknown_kind(kind));
        }
        match requests {
            Value::Array(items) => self.evaluate_batch_on(kind, items, threads),
            other => Err(Error::invalid_input(
                "",
                format!(
                    "requests must be a list, not {}",
                    crate::decode::kind_of(other)
                ),
            )
            .with_kind(crate::ErrorKind::WrongType)
            .with_zh(format!(
                "批量请求须是列表，而不是{}",
                crate::decode::kind_of_zh(other)
            ))),
        }
    }
}

/// Where a request of `kind` holds its keys: `id`, and `order_id` (the order's for
/// `order_action`), as field paths. Hosts that echo keys from a row that was not decided (a
/// data frame's columns) look there too.
pub fn key_paths(kind: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        "order_action" => (&["id"], &["order", "order_id"]),
        _ => (&["id"], &["order_id"]),
    }
}

/// Where a request is read from. A JSON value is read by kefu's own tracking deserializer; any
/// other deserializer (the Arrow row reader's) through serde_path_to_error. Keeping the two apart means
/// a host that only hands JSON values (wasm) never compiles the second.
pub(crate) trait Source<'de> {
    fn decode<T: Deserialize<'de>>(self) -> Result<T>;
}

impl<'de> Source<'de> for &'de Value {
    fn decode<T: Deserialize<'de>>(self) -> Result<T> {
        crate::decode::from_value(self)
    }
}

struct Any<D>(D);

impl<'de, D: Deserializer<'de>> Source<'de> for Any<D>
where
    D::Error: crate::decode::fact::Facts,
{
    fn decode<T: Deserialize<'de>>(self) -> Result<T> {
        from_deserializer(self.0)
    }
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// A calendar error on an input date or instant: the input itself is what needed it.
fn at(e: Error, path: &str) -> Error {
    e.needed_for("the date", crate::error::DATE_ZH, path)
}

pub(crate) fn unknown_kind(kind: &str) -> Error {
    Error::new(
        ErrorCode::UnknownKind,
        format!("unknown kind \"{kind}\"; known kinds: {}", KINDS.join(", ")),
        Some(String::from("/kind")),
    )
    .with_zh(format!(
        "没有“{kind}”这种决策类型；可用的有：{}",
        KINDS.join("、")
    ))
}

/// Is `kind` a decision kind (or, in a test build, the panic probe)? Hosts that check a kind
/// before calling (the command line) ask this rather than searching [`KINDS`].
pub fn is_kind(kind: &str) -> bool {
    KINDS.contains(&kind) || (cfg!(feature = "panic-probe") && kind == PANIC_PROBE)
}

/// The kind that panics, in a build with the `panic-probe` feature (the test command's builds
/// of every host); any other build does not know it. It lets each host's tests prove that a
/// panic inside kefu reaches the caller as an `INTERNAL` error and that kefu keeps working.
pub const PANIC_PROBE: &str = "panic_probe";

#[cfg(feature = "panic-probe")]
pub(crate) mod probe {
    /// Panic, as a bug in kefu would.
    #[allow(clippy::panic)] // the point of the probe
    pub(crate) fn panic() -> ! {
        panic!("the panic probe was called")
    }
}

/// Run `f`, turning a panic into an `INTERNAL` error so it never crosses into a host.
pub fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|p| Err(internal_error(&*p)))
}

/// The `INTERNAL` error for a panic's payload (what `panic!` was given). Shims where a panic
/// cannot be caught (wasm aborts) build their error with this from a panic hook.
pub fn internal_error(payload: &(dyn std::any::Any + Send)) -> Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Error::new(
        ErrorCode::Internal,
        format!("internal error (please report): {what}"),
        None,
    )
    .with_zh(format!("kefu 内部错误（请报告）：{what}"))
}

/// The engine on the default policy, built once.
pub fn default_engine() -> Result<&'static Engine> {
    static DEFAULT: OnceLock<Result<Engine>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| Engine::new(Policy::default()))
        .as_ref()
        .map_err(Clone::clone)
}
