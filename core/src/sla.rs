//! Service standards (rule book §5): when an answer, a refund or a return is due, and where a
//! case stands against it at `now`.
//!
//! A standard is an amount in a unit. Working units run on the business calendar's working
//! clock (09:00–18:30 on working days by default); calendar units run on elapsed time. How
//! each unit counts, and why:
//!
//! - `working_minutes`: minutes of working time; an enquiry at 23:00 is due the next working
//!   morning.
//! - `working_days`: a working day is one full day of working hours on the working clock, so
//!   Monday 10:00 + 2 working days is Wednesday 10:00, and "half a working day" (seed 000 §三)
//!   is half the policy's working hours: 285 minutes for 09:00–18:30, 270 for 09:00–18:00.
//! - `calendar_hours`: elapsed hours; nights and holidays count (seed 003's "24 小时内答复").
//! - `calendar_days`: whole days counted as the law counts them (民法典 Art. 201, 203): the
//!   start day does not count and the period ends at 24:00 of its last day, written as 00:00
//!   of the next day. The law's deadlines (15 days to handle a return request, 7 days to
//!   refund after the goods come back) are in this unit and cannot be lengthened.
//!
//! A deadline is inclusive: met exactly at `due_at` is on time; breached only after it.

use crate::calendar::Days;
use crate::error::{Error, Result};
use crate::num::{Amount, Count, Id};
use crate::policy::PolicyRef;
use crate::reason::{Reason, Rule};
use crate::time::{add_days, start_of_day, Instant};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// How a standard's amount is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Minutes of working time.
    WorkingMinutes,
    /// Full days of working hours, on the working clock (fractions allowed).
    WorkingDays,
    /// Elapsed hours.
    CalendarHours,
    /// Whole days, ending at 24:00 of the last day (民法典 Art. 201, 203).
    CalendarDays,
}

/// Which clock a standard runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// Working hours on working days.
    Working,
    /// Elapsed time.
    Calendar,
}

/// One service standard: an amount in a unit, with a label for people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Standard {
    /// How much time.
    pub amount: Amount,
    /// In which unit.
    pub unit: Unit,
    /// A name to show (Chinese); the standard's key when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `calendar_days` only: a last day that is a legal rest day (a statutory holiday, or a
    /// weekend not worked under 调休: the courts' reading, whatever `returns.weekends_are_rest_days`
    /// says of the buyer's periods) moves to the day after the rest days (民法典 Art. 203). Off by default: for the
    /// seller's deadlines of the law (15 days to handle a return request, 7 days to refund,
    /// the Measures Arts. 13, 31) it is unsettled whether the Civil Code's counting governs an
    /// administrative rule's deadline, and moving it delays the buyer's money; a shop may
    /// switch it on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub last_day_moves_past_rest_days: bool,
}

crate::object_only!(Standard, SlaPolicy, Pause, SlaRequest);

/// The built-in standards: (name, amount, unit, label, rule).
const BUILTIN: [(&str, f64, Unit, &str, &Rule); 6] = [
    (
        "complaint_reply",
        0.5,
        Unit::WorkingDays,
        "投诉/反馈答复",
        &COMPLAINT_REPLY,
    ),
    (
        "service_request_reply",
        24.0,
        Unit::CalendarHours,
        "服务请求答复",
        &SERVICE_REQUEST_REPLY,
    ),
    (
        "first_response",
        3.0,
        Unit::WorkingMinutes,
        "咨询首次响应",
        &FIRST_RESPONSE,
    ),
    (
        "refund_after_approval",
        2.0,
        Unit::WorkingDays,
        "同意退款后退款",
        &REFUND_AFTER_APPROVAL,
    ),
    (
        "return_request_handling",
        15.0,
        Unit::CalendarDays,
        "处理退货申请",
        &RETURN_REQUEST_HANDLING,
    ),
    (
        "refund_after_return_received",
        7.0,
        Unit::CalendarDays,
        "收到退货后退款",
        &REFUND_AFTER_RETURN_RECEIVED,
    ),
];

/// Standards whose length the law caps, in calendar days: (name, days, source).
const LEGAL: [(&str, f64, &str); 2] = [
    (
        "return_request_handling",
        15.0,
        "《网络购买商品七日无理由退货暂行办法》第三十一条",
    ),
    (
        "refund_after_return_received",
        7.0,
        "《网络购买商品七日无理由退货暂行办法》第十三条",
    ),
];

/// The standards of a policy by name: the built-in ones, with the policy's entries merged
/// over them (a shop adds names or replaces a built-in entry whole).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Standards(pub BTreeMap<String, Standard>);

impl Default for Standards {
    fn default() -> Self {
        Standards(
            BUILTIN
                .iter()
                .map(|(name, amount, unit, label, _)| {
                    (
                        (*name).to_owned(),
                        Standard {
                            amount: Amount(*amount),
                            unit: *unit,
                            label: Some((*label).to_owned()),
                            last_day_moves_past_rest_days: false,
                        },
                    )
                })
                .collect(),
        )
    }
}

impl<'de> Deserialize<'de> for Standards {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let given = BTreeMap::<String, Standard>::deserialize(d)?;
        let mut all = Standards::default();
        all.0.extend(given);
        Ok(all)
    }
}

/// Service standards (rule book §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default, remote = "Self")]
pub struct SlaPolicy {
    /// A running standard is `due_soon` once what is left is at most this share (%) of it;
    /// 0 never warns. kefu's own default (20): the seeds set no warning point.
    #[cfg_attr(feature = "schema", schemars(range(max = 100)))]
    pub due_soon_percent: Count,
    /// The standards by name.
    pub standards: Standards,
}

impl Default for SlaPolicy {
    fn default() -> Self {
        SlaPolicy {
            due_soon_percent: Count(20),
            standards: Standards::default(),
        }
    }
}

impl SlaPolicy {
    /// Problems the types do not catch: units, law caps, names.
    pub(crate) fn check(&self, bad: &mut impl FnMut(&str, String)) {
        if self.due_soon_percent.0 > 100 {
            bad("/sla/due_soon_percent", String::from("must be 0 to 100"));
        }
        if self.standards.0.len() > 100 {
            bad("/sla/standards", String::from("at most 100 standards"));
        }
        for (name, s) in &self.standards.0 {
            let at = format!("/sla/standards/{}", crate::decode::escape(name));
            if !valid_name(name) {
                bad(&at, String::from("a standard's name is 1 to 64 characters of a-z, 0-9 and _, starting with a letter"));
                continue;
            }
            let max = match s.unit {
                Unit::WorkingMinutes => 1_000_000.0,
                Unit::WorkingDays | Unit::CalendarDays => 3650.0,
                Unit::CalendarHours => 87_600.0,
            };
            if s.amount.0 > max {
                bad(
                    &format!("{at}/amount"),
                    format!("must be at most {max} in this unit"),
                );
            }
            if s.unit != Unit::CalendarDays && s.last_day_moves_past_rest_days {
                bad(
                    &format!("{at}/last_day_moves_past_rest_days"),
                    String::from("applies to calendar_days only: working units skip rest days already (民法典 Art. 203 governs periods counted in days)"),
                );
            }
            if s.unit == Unit::CalendarDays && !s.amount.is_whole() {
                bad(
                    &format!("{at}/amount"),
                    String::from("calendar_days counts whole days"),
                );
            }
            if let Some(label) = &s.label {
                let n = label.chars().count();
                if n == 0 || n > 64 {
                    bad(
                        &format!("{at}/label"),
                        format!("must have 1 to 64 characters, has {n}"),
                    );
                }
            }
            if let Some((_, days, law)) = LEGAL.iter().find(|(n, _, _)| n == name) {
                if s.unit != Unit::CalendarDays {
                    bad(
                        &format!("{at}/unit"),
                        format!(
                            "must be calendar_days: the law counts this deadline in days ({law})"
                        ),
                    );
                } else if s.amount.0 > *days {
                    bad(
                        &format!("{at}/amount"),
                        format!("must be at most {days}: the law allows no longer ({law})"),
                    );
                }
            }
        }
    }

    /// The standard called `name`.
    pub fn get(&self, name: &str) -> Option<&Standard> {
        self.standards.0.get(name)
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && name.len() <= 64
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// A clock: working time on the business calendar, or elapsed time.
#[derive(Clone, Copy)]
pub(crate) struct Clock<'a> {
    kind: ClockKind,
    calendar: &'a Days<'a>,
}

impl Clock<'_> {
    /// Clock seconds from `a` to `b` (negative when `b` is earlier).
    fn between(&self, a: Instant, b: Instant) -> Result<i64> {
        match self.kind {
            ClockKind::Working => self.calendar.working_seconds_between(a, b),
            ClockKind::Calendar => Ok((b.0 - a.0).num_seconds()),
        }
    }

    /// The earliest instant `secs` clock seconds after `t`.
    fn add(&self, t: Instant, secs: i64) -> Result<Instant> {
        match self.kind {
            ClockKind::Working => self.calendar.add_working_seconds(t, secs),
            ClockKind::Calendar => chrono::Duration::try_seconds(secs)
                .and_then(|d| t.0.checked_add_signed(d))
                .map(Instant)
                .ok_or_else(|| {
                    Error::invalid_input("", "the deadline is past the year 9999")
                        .with_zh("期限晚于9999年，无法计算")
                }),
        }
    }
}

impl Standard {
    /// The clock this standard runs on.
    pub fn clock(&self) -> ClockKind {
        match self.unit {
            Unit::WorkingMinutes | Unit::WorkingDays => ClockKind::Working,
            Unit::CalendarHours | Unit::CalendarDays => ClockKind::Calendar,
        }
    }

    pub(crate) fn clock_on<'a>(&self, calendar: &'a Days<'a>) -> Clock<'a> {
        Clock {
            kind: self.clock(),
            calendar,
        }
    }

    /// When this standard, started at `start`, falls due (no pauses).
    pub fn due(&self, start: Instant, calendar: &Days<'_>) -> Result<Instant> {
        let secs = |per: f64| {
            // Rounded up to a whole second; amounts are at most 10^7 units, far inside i64.
            #[allow(clippy::cast_possible_truncation)]
            let s = (self.amount.0 * per).ceil() as i64;
            s.max(1)
        };
        let clock = self.clock_on(calendar);
        match self.unit {
            Unit::WorkingMinutes => clock.add(start, secs(60.0)),
            #[allow(clippy::cast_precision_loss)] // a day is at most 86,400 seconds
            Unit::WorkingDays => clock.add(start, secs((calendar.day_minutes() * 60) as f64)),
            Unit::CalendarHours => clock.add(start, secs(3600.0)),
            Unit::CalendarDays => {
                let tz = calendar.tz();
                let (_, last) = self.last_days(start, calendar)?;
                add_days(last, 1)
                    .map(|d| start_of_day(d, tz))
                    .ok_or_else(|| {
                        Error::invalid_input("", "the deadline is past the year 9999")
                            .with_zh("期限晚于9999年，无法计算")
                    })
            }
        }
    }

    /// A `calendar_days` standard's last day as counted and as it applies (moved past rest
    /// days when the standard says so).
    pub fn last_days(&self, start: Instant, calendar: &Days<'_>) -> Result<(NaiveDate, NaiveDate)> {
        let tz = calendar.tz();
        // Whole by validation; at most 3650.
        #[allow(clippy::cast_possible_truncation)]
        let days = self.amount.0 as i64;
        let counted = add_days(start.date_in(tz), days).ok_or_else(|| {
            Error::invalid_input("", "the deadline is past the year 9999")
                .with_zh("期限晚于9999年，无法计算")
        })?;
        if !self.last_day_moves_past_rest_days {
            return Ok((counted, counted));
        }
        Ok((counted, calendar.last_day_after_rest_days(counted, true)?))
    }

    /// `LAST_DAY_AFTER_REST_DAYS` when this standard's last day moved for a start at `start`.
    pub(crate) fn rest_day_reason(&self, start: Instant, calendar: &Days<'_>) -> Option<Reason> {
        if self.unit != Unit::CalendarDays || !self.last_day_moves_past_rest_days {
            return None;
        }
        let (counted, last) = self.last_days(start, calendar).ok()?;
        (counted != last).then(|| {
            let (c, l) = (crate::time::ymd(counted), crate::time::ymd(last));
            REST_DAY.says(
                format!("期限的最后一日 {c} 是法定休假日，按政策顺延至休假日结束的次日 {l}。"),
                format!("The deadline's last day ({c}) is a legal rest day; by the policy it moves to the day after the rest days, {l}."),
            )
        })
    }

    /// The amount in words: (`"2个工作日"`, `"2 working days"`).
    pub fn describe(&self) -> (String, String) {
        let n = crate::num::show(self.amount.0);
        if self.unit == Unit::WorkingDays && n == "0.5" {
            return (
                String::from("半个工作日"),
                String::from("half a working day"),
            );
        }
        match self.unit {
            Unit::WorkingMinutes => (
                format!("{n}分钟（工作时间）"),
                format!("{n} working minutes"),
            ),
            Unit::WorkingDays => (format!("{n}个工作日"), format!("{n} working days")),
            Unit::CalendarHours => (format!("{n}小时"), format!("{n} hours")),
            Unit::CalendarDays => (format!("{n}日"), format!("{n} days")),
        }
    }
}

/// An interval in which the clock stood still (waiting on the customer, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Pause {
    /// When the pause began.
    pub from: Instant,
    /// When it ended; absent while it lasts (only the last pause).
    #[serde(default)]
    pub to: Option<Instant>,
}

/// Most pauses in one request.
pub const MAX_PAUSES: usize = 1000;

/// An `sla` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct SlaRequest {
    /// The caller's own key for this request (a row number, a ticket number), echoed in the
    /// decision as it is: decisions join back to their rows by it, not by position.
    #[serde(default)]
    pub id: Option<crate::num::Id>,
    /// The order this is about, echoed in the decision.
    #[serde(default)]
    pub order_id: Option<crate::num::Id>,
    /// The standard's name (`"complaint_reply"`, or one the policy defines).
    pub standard: Id,
    /// When the clock started (the complaint arrived, the refund was approved, …).
    pub started_at: Instant,
    /// The moment to judge at.
    pub now: Instant,
    /// When the standard was met, if it was.
    #[serde(default)]
    pub met_at: Option<Instant>,
    /// Intervals the clock stood still, in order, not overlapping.
    #[serde(default)]
    pub paused: Vec<Pause>,
}

/// Where a standard stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    /// Running, with time left.
    Pending,
    /// Running, with at most `due_soon_percent` of the time left.
    DueSoon,
    /// Not met, and past due.
    Breached,
    /// Met in time.
    Met,
    /// Met after the due time.
    MetLate,
}

/// The decision of `sla`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlaDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::num::Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<crate::num::Id>,
    /// The standard's name.
    pub standard: String,
    /// Its label.
    pub label: String,
    /// Its amount.
    pub amount: Amount,
    /// Its unit.
    pub unit: Unit,
    /// The clock it runs on.
    pub clock: ClockKind,
    /// When it is due, pauses included.
    pub due_at: String,
    /// Where it stands at `now`.
    pub state: SlaState,
    /// Clock minutes left at `now` (or at `met_at` when met); 0 when past due.
    pub minutes_left: i64,
    /// Clock minutes past due at `now` (or at `met_at` when met late); 0 when not past due.
    pub minutes_overdue: i64,
    /// Clock minutes of pauses that moved the due time.
    pub paused_minutes: i64,
    /// Whether the clock stands still at `now` (the last pause is open).
    pub paused_now: bool,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The policy that decided.
    pub policy: Arc<PolicyRef>,
}

crate::reason::rules! {
    REST_DAY = "DEADLINE_AFTER_REST_DAYS", "sla.rest_day", "民法典第二百零三条; shop policy (sla.standards.*.last_day_moves_past_rest_days)",
        "A calendar-day deadline whose last day was a legal rest day moved to the day after the rest days, as the policy asks.";
    COMPLAINT_REPLY = "SLA_COMPLAINT_REPLY", "sla.complaint_reply", "seed 000 §三（若客户有反馈意见或投诉，需在半个工作日内做出答复）",
        "Reply to feedback or a complaint within half a working day (half the policy's working hours).";
    SERVICE_REQUEST_REPLY = "SLA_SERVICE_REQUEST_REPLY", "sla.service_request_reply", "seed 003 任务一 知识链接(4)（接到服务信息，应在24小时内答复）",
        "Answer a service request within 24 hours.";
    FIRST_RESPONSE = "SLA_FIRST_RESPONSE", "sla.first_response", "seed 004 §四.1（应在[X]分钟内做出响应）; X = 3 working minutes is kefu's default",
        "First response to an enquiry within the policy's working minutes (seed leaves X open; kefu: 3).";
    REFUND_AFTER_APPROVAL = "SLA_REFUND_AFTER_APPROVAL", "sla.refund_after_approval", "seed 001 §1.2 注意事项4（1–2个工作日内退款）",
        "Refund within the policy's working days of approving it (seed: 1–2; kefu: 2).";
    RETURN_REQUEST_HANDLING = "SLA_RETURN_REQUEST_HANDLING", "sla.return_request_handling", "《网络购买商品七日无理由退货暂行办法》第三十一条",
        "Handle a return request within 15 days of receiving it (law; cannot be lengthened).";
    REFUND_AFTER_RETURN_RECEIVED = "SLA_REFUND_AFTER_RETURN_RECEIVED", "sla.refund_after_return_received", "《网络购买商品七日无理由退货暂行办法》第十三条",
        "Refund within 7 days of receiving the returned goods (law; cannot be lengthened).";
    SHOP_STANDARD = "SLA_SHOP_STANDARD", "sla.shop_standard", "shop policy: sla.standards",
        "A standard the shop defined in its policy.";
    PENDING = "SLA_PENDING", "sla.state", "docs/rules.md §5",
        "Running, with time left.";
    DUE_SOON = "SLA_DUE_SOON", "sla.state", "docs/rules.md §5; warning point: policy sla.due_soon_percent (kefu's default 20%)",
        "Running, with at most due_soon_percent of the standard left.";
    BREACHED = "SLA_BREACHED", "sla.state", "docs/rules.md §5",
        "Not met, and past due.";
    MET = "SLA_MET", "sla.state", "docs/rules.md §5",
        "Met by the due time.";
    MET_LATE = "SLA_MET_LATE", "sla.state", "docs/rules.md §5",
        "Met, but after the due time.";
    PAUSED = "SLA_PAUSED", "sla.pause", "kefu: time spent waiting on the customer does not count against the standard",
        "A pause (waiting on the customer) moved the due time.";
}

/// Check the request's times against each other, naming the field that is wrong.
fn check_times(r: &SlaRequest) -> Result<()> {
    if r.now < r.started_at {
        return Err(Error::invalid_input("/now", "now is before started_at")
            .with_zh("当前时间（now）早于开始计时时间（started_at）"));
    }
    if let Some(met) = r.met_at {
        if met < r.started_at {
            return Err(
                Error::invalid_input("/met_at", "met_at is before started_at")
                    .with_zh("完成时间（met_at）早于开始计时时间（started_at）"),
            );
        }
        if met > r.now {
            return Err(Error::invalid_input("/met_at", "met_at is after now")
                .with_zh("完成时间（met_at）晚于当前时间（now）"));
        }
    }
    if r.paused.len() > MAX_PAUSES {
        return Err(
            Error::invalid_input("/paused", format!("at most {MAX_PAUSES} pauses"))
                .with_zh(format!("暂停计时最多{MAX_PAUSES}段")),
        );
    }
    let mut previous_end = r.started_at;
    let last = r.paused.len().saturating_sub(1);
    for (i, p) in r.paused.iter().enumerate() {
        let at = |field: &str| format!("/paused/{i}/{field}");
        if p.from < r.started_at {
            return Err(
                Error::invalid_input(at("from"), "a pause cannot begin before started_at")
                    .with_zh("暂停计时不能早于开始计时时间（started_at）"),
            );
        }
        if p.from > r.now {
            return Err(
                Error::invalid_input(at("from"), "a pause cannot begin after now")
                    .with_zh("暂停计时不能晚于当前时间（now）开始"),
            );
        }
        if i > 0 && p.from < previous_end {
            return Err(Error::invalid_input(at("from"), "pauses must be in order and must not overlap: this one begins before the previous one ends")
                .with_zh("暂停时段须按先后排列且不能重叠：这一段在上一段结束前就开始了"));
        }
        if let Some(met) = r.met_at {
            if p.from >= met {
                return Err(Error::invalid_input(
                    at("from"),
                    "a pause cannot begin once the standard was met (met_at)",
                )
                .with_zh("服务标准已完成（met_at）后不能再开始暂停计时"));
            }
        }
        match p.to {
            Some(to) if to < p.from => {
                return Err(
                    Error::invalid_input(at("to"), "a pause cannot end before it begins")
                        .with_zh("暂停计时的结束时间不能早于开始时间"),
                )
            }
            Some(to) if to > r.now => {
                return Err(
                    Error::invalid_input(at("to"), "a pause cannot end after now")
                        .with_zh("暂停计时的结束时间不能晚于当前时间（now）"),
                )
            }
            Some(to) if r.met_at.is_some_and(|m| to > m) => {
                return Err(
                    Error::invalid_input(at("to"), "a pause cannot run past met_at")
                        .with_zh("暂停计时不能持续到完成时间（met_at）之后"),
                )
            }
            Some(to) => previous_end = to,
            None if i != last => {
                return Err(Error::invalid_input(
                    at("to"),
                    "only the last pause may be open (no `to`)",
                )
                .with_zh("只有最后一段暂停可以未结束（不填 `to`）"))
            }
            None if r.met_at.is_some() => {
                return Err(Error::invalid_input(
                    at("to"),
                    "the standard was met (met_at): no pause can still be open",
                )
                .with_zh("服务标准已完成（met_at）：不能还有未结束的暂停"))
            }
            None => previous_end = r.now,
        }
    }
    Ok(())
}

/// Decide `sla`.
pub(crate) fn decide(
    policy: &SlaPolicy,
    calendar: &Days<'_>,
    policy_ref: &Arc<PolicyRef>,
    r: &SlaRequest,
) -> Result<SlaDecision> {
    let name = r.standard.0.as_str();
    let standard = policy.get(name).ok_or_else(|| {
        let known: Vec<&str> = policy.standards.0.keys().map(String::as_str).collect();
        Error::invalid_input(
            "/standard",
            format!("unknown standard \"{name}\"; known: {}", known.join(", ")),
        )
        .with_zh(format!(
            "没有“{name}”这项服务标准；已有：{}",
            known.join("、")
        ))
    })?;
    check_times(r)?;
    let clock = standard.clock_on(calendar);
    let base = standard
        .due(r.started_at, calendar)
        .map_err(|e| e.needed_for("the due time", "完成期限", "/started_at"))?;
    let budget = clock
        .between(r.started_at, base)
        .map_err(|e| e.needed_for("the due time", "完成期限", "/started_at"))?;

    let mut due = base;
    let mut paused = 0i64;
    let mut counted = false;
    for (i, p) in r.paused.iter().enumerate() {
        if p.from >= due {
            break;
        }
        counted = true;
        let end = p.to.unwrap_or(r.now);
        let len = clock
            .between(p.from, end)
            .map_err(|e| e.needed_for("the pause", "暂停时段", &format!("/paused/{i}/from")))?;
        due = clock.add(due, len).map_err(|e| {
            e.needed_for(
                "the due time after the pause",
                "暂停后顺延的完成期限",
                &format!("/paused/{i}/to"),
            )
        })?;
        paused += len;
    }

    let (judged_at, at_path) = match r.met_at {
        Some(m) => (m, "/met_at"),
        None => (r.now, "/now"),
    };
    let left = clock
        .between(judged_at, due)
        .map_err(|e| e.needed_for("the time judged at", "判定时间", at_path))?;
    let past = judged_at > due;
    let state = match (r.met_at.is_some(), past) {
        (true, false) => SlaState::Met,
        (true, true) => SlaState::MetLate,
        (false, true) => SlaState::Breached,
        (false, false) => {
            let pct = i64::from(policy.due_soon_percent.0);
            if pct > 0 && left.saturating_mul(100) <= pct.saturating_mul(budget) {
                SlaState::DueSoon
            } else {
                SlaState::Pending
            }
        }
    };
    let tz = calendar.tz();
    let due_text = due.format_in(tz);
    let label = standard.label.clone().unwrap_or_else(|| name.to_owned());
    let (span_zh, span_en) = standard.describe();
    let rule = BUILTIN
        .iter()
        .find(|b| b.0 == name)
        .map_or(&SHOP_STANDARD, |b| b.4);
    let mut reasons = vec![rule.says(
        format!("{label}：标准为{span_zh}，应于{due_text}前完成。"),
        format!("{name}: within {span_en}, due by {due_text}."),
    )];
    reasons.extend(standard.rest_day_reason(r.started_at, calendar));
    if counted {
        reasons.push(PAUSED.says(
            format!("等待客户期间暂停计时{}分钟，截止时间顺延。", paused / 60),
            format!("The clock stood still for {} minutes while waiting on the customer; the due time moves by as much.", paused / 60),
        ));
    }
    let (mins_left, mins_over) = if past {
        (0, -left / 60)
    } else {
        (left / 60, 0)
    };
    reasons.push(match state {
        SlaState::Pending => PENDING.says(
            format!("尚余{mins_left}分钟。"),
            format!("{mins_left} minutes left."),
        ),
        SlaState::DueSoon => DUE_SOON.says(
            format!("即将到期：仅余{mins_left}分钟，请优先处理。"),
            format!("Due soon: {mins_left} minutes left; handle it first."),
        ),
        SlaState::Breached => BREACHED.says(
            format!("已超时{mins_over}分钟，请立即处理并向客户致歉。"),
            format!(
                "Breached by {mins_over} minutes: handle it now and apologise to the customer."
            ),
        ),
        SlaState::Met => MET.says("已按时完成。", "Met in time."),
        SlaState::MetLate => MET_LATE.says(
            format!("已完成，但超时{mins_over}分钟。"),
            format!("Met, {mins_over} minutes late."),
        ),
    });
    Ok(SlaDecision {
        id: None,
        order_id: None,
        standard: name.to_owned(),
        label,
        amount: standard.amount,
        unit: standard.unit,
        clock: standard.clock(),
        due_at: due_text,
        state,
        minutes_left: mins_left,
        minutes_overdue: mins_over,
        paused_minutes: paused / 60,
        paused_now: r.paused.last().is_some_and(|p| p.to.is_none()),
        reasons,
        policy: Arc::clone(policy_ref),
    })
}
