//! One decision's reading of the calendar: working-time arithmetic that remembers the span of
//! days it touched, so the decision can say when it used a provisional year.
//!
//! Why a reading and not a flag in the calendar: the compiled calendar is shared by every
//! thread of a batch; each decision gets its own `Days`, and nothing global is written.

use super::{Calendar, DayInfo, DayKind};
use crate::error::{Error, ErrorCode, Result};
use crate::reason::Reason;
use crate::time::{add_days, Date, Instant};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use std::cell::Cell;

crate::reason::rules! {
    PROVISIONAL = "CALENDAR_PROVISIONAL", "calendar.provisional",
        "《全国年节及纪念日放假办法》第二条、第六条（国务院令第795号修订）; the State Council's yearly notice not yet in the calendar",
        "The decision used a day of a year the State Council has not announced: statutory holidays and weekends only, no 调休.";
}

/// The calendar as one decision reads it.
#[derive(Debug)]
pub struct Days<'a> {
    cal: &'a Calendar,
    /// Lowest and highest day index touched (`usize::MAX, 0` before any).
    lo: Cell<usize>,
    hi: Cell<usize>,
}

impl<'a> Days<'a> {
    pub(super) fn new(cal: &'a Calendar) -> Self {
        Days {
            cal,
            lo: Cell::new(usize::MAX),
            hi: Cell::new(0),
        }
    }

    /// The compiled calendar.
    pub fn calendar(&self) -> &'a Calendar {
        self.cal
    }

    /// The time zone day boundaries fall in.
    pub fn tz(&self) -> chrono::FixedOffset {
        self.cal.tz
    }

    /// Length of a working day in minutes.
    pub fn day_minutes(&self) -> i64 {
        self.cal.day_minutes()
    }

    /// The provisional years this reading used, first and last, if any.
    pub fn provisional(&self) -> Option<(i32, i32)> {
        let (lo, hi) = (self.lo.get(), self.hi.get());
        if lo == usize::MAX || hi < self.cal.provisional_from {
            return None;
        }
        let year = |i: usize| self.date(i).map(|d| d.year());
        Some((year(lo.max(self.cal.provisional_from))?, year(hi)?))
    }

    /// `CALENDAR_PROVISIONAL` naming the years, when this reading used a provisional day.
    pub fn reason(&self) -> Option<Reason> {
        let (a, b) = self.provisional()?;
        let (years_zh, years_en) = if a == b {
            (format!("{a}年"), a.to_string())
        } else {
            (format!("{a}–{b}年"), format!("{a}–{b}"))
        };
        let last = self.cal.announced;
        Some(PROVISIONAL.says(
            format!("{years_zh}的放假安排尚未公布（已知至{last}年）：按《全国年节及纪念日放假办法》的法定节假日和周末推算，未含调休上班日，日期可能随国务院通知变化。"),
            format!("{years_en}: the State Council has not announced the holidays yet (known to {last}); decided on the statutory holidays of the national holidays regulation and weekends, without make-up working days, so the dates may change with the notice."),
        ))
    }

    /// Add [`reason`](Self::reason) to a decision's reasons, when there is one.
    pub(crate) fn note(&self, reasons: &mut Vec<Reason>) {
        if let Some(r) = self.reason() {
            reasons.push(r);
        }
    }

    fn date(&self, i: usize) -> Option<NaiveDate> {
        add_days(self.cal.epoch, i64::try_from(i).ok()?)
    }

    /// Record day `i` as used; refuse it when it is provisional and the policy says so.
    fn touch(&self, i: usize) -> Result<usize> {
        if i >= self.cal.kinds.len() {
            return Err(self.unknown(None));
        }
        if self.cal.refuse_provisional && i >= self.cal.provisional_from {
            return Err(self.unknown(self.date(i)));
        }
        self.lo.set(self.lo.get().min(i));
        self.hi.set(self.hi.get().max(i));
        Ok(i)
    }

    fn index(&self, date: NaiveDate) -> Result<usize> {
        let i = usize::try_from((date - self.cal.epoch).num_days())
            .ok()
            .filter(|&i| i < self.cal.kinds.len())
            .ok_or_else(|| self.unknown(Some(date)))?;
        self.touch(i)
    }

    /// `CALENDAR_YEAR_UNKNOWN` for `date` (`None`: a computed date past the last day). The
    /// message starts "the date …" and its Chinese "日期…" ([`crate::error::DATE_ZH`]);
    /// [`Error::needed_for`] puts what needed it there.
    fn unknown(&self, date: Option<NaiveDate>) -> Error {
        let c = self.cal;
        let (first, last, announced) = (c.first_year, c.last_year, c.announced);
        let (known, known_zh) = if last > announced {
            (
                format!("{first}–{last}, provisional after {announced}"),
                format!("{first}–{last}年，{announced}年以后为暂定"),
            )
        } else {
            (format!("{first}–{last}"), format!("{first}–{last}年"))
        };
        let date_zh = crate::error::DATE_ZH;
        let (message, message_zh) = match date {
            Some(d) if c.refuse_provisional && d.year() > announced && d.year() <= last => (
                format!(
                    "the date {d} falls in {}, not announced yet (announced: {first}–{announced}) and calendar.unknown_years is \"error\": add the year to calendar.years (kefu calendar import)",
                    d.year()
                ),
                format!(
                    "{date_zh} {d} 在{}年，该年放假安排尚未公布（已公布：{first}–{announced}年），且店铺策略 calendar.unknown_years 为 \"error\"：请把该年加入 calendar.years（可用 `kefu calendar import` 导入国务院通知）",
                    d.year()
                ),
            ),
            Some(d) if d.year() < first => (
                format!(
                    "the date {d} falls in {}, before the years the business calendar knows ({known})",
                    d.year()
                ),
                format!(
                    "{date_zh} {d} 在{}年，早于工作日历已知的年份（{known_zh}）",
                    d.year()
                ),
            ),
            Some(d) => (
                format!(
                    "the date {d} falls in {}, past the years the business calendar knows ({known}): add the year to calendar.years",
                    d.year()
                ),
                format!(
                    "{date_zh} {d} 在{}年，晚于工作日历已知的年份（{known_zh}）：请把该年加入 calendar.years",
                    d.year()
                ),
            ),
            None => (
                format!(
                    "the date falls after {last}-12-31, past the years the business calendar knows ({known})"
                ),
                format!(
                    "{date_zh}在{last}-12-31之后，晚于工作日历已知的年份（{known_zh}）"
                ),
            ),
        };
        Error::new(ErrorCode::CalendarYearUnknown, message, None).with_zh(message_zh)
    }

    fn is_work(&self, i: usize) -> bool {
        matches!(
            self.cal.kinds.get(i),
            Some(DayKind::Workday | DayKind::MakeupWorkday)
        )
    }

    /// Whether `date` is a working day.
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool> {
        self.index(date).map(|i| self.is_work(i))
    }

    /// Whether `date` is a legal rest day (法定休假日) for counting periods (民法典 Art. 203): a
    /// statutory holiday of the State Council's arrangement, and with `weekends` a weekend not
    /// worked under 调休, as courts read the article (最高人民法院《关于贯彻执行〈民法通则〉若干
    /// 问题的意见》第198条: "星期日或者其他法定休假日", with 调休 the days actually rested). A
    /// shop's own closure is not one unless it falls on a weekend or a holiday.
    pub fn is_legal_rest_day(&self, date: NaiveDate, weekends: bool) -> Result<bool> {
        let i = self.index(date)?;
        Ok(match self.cal.kinds.get(i) {
            Some(DayKind::Holiday) => true,
            Some(DayKind::Weekend) => weekends,
            Some(DayKind::Closure) => match self.cal.holiday_of.get(i).copied() {
                Some(super::MAKEUP_CLOSED) => false,
                Some(h) if h != u16::MAX => true,
                _ => weekends && date.weekday().number_from_monday() >= 6,
            },
            _ => false,
        })
    }

    /// The last day of a period counted in days, years or months, moved past legal rest days
    /// (民法典 Art. 203: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日").
    pub fn last_day_after_rest_days(&self, last: NaiveDate, weekends: bool) -> Result<NaiveDate> {
        let mut day = last;
        // The longest run of rest days in the calendar is the Spring Festival's, under ten.
        for _ in 0..60 {
            if !self.is_legal_rest_day(day, weekends)? {
                return Ok(day);
            }
            day = day.succ_opt().ok_or_else(|| self.unknown(None))?;
        }
        Ok(day)
    }

    /// What kind of day `date` is, with the holiday's name.
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo> {
        let i = self.index(date)?;
        let kind = self.cal.kinds.get(i).copied().unwrap_or(DayKind::Workday);
        let holiday = match (kind, self.cal.holiday_of.get(i)) {
            (DayKind::Holiday, Some(&h)) => self.cal.names.get(usize::from(h)).cloned(),
            _ => None,
        };
        Ok(DayInfo {
            id: None,
            order_id: None,
            date: Date(date),
            workday: self.is_work(i),
            kind,
            holiday,
            provisional: i >= self.cal.provisional_from,
            reasons: self.reason().into_iter().collect(),
        })
    }

    /// Working days strictly after `date` and up to `n` on: the date `n` working days later
    /// (`n == 0` is `date` itself).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate> {
        let i = self.index(date)?;
        if n == 0 {
            return Ok(date);
        }
        let target = self
            .cal
            .before
            .get(i + 1)
            .copied()
            .unwrap_or(0)
            .saturating_add(n);
        // First day index j whose count through j reaches target.
        let k = self.cal.before.partition_point(|&c| c < target);
        let j = self.touch(k.checked_sub(1).unwrap_or(usize::MAX))?;
        self.date(j).ok_or_else(|| self.unknown(None))
    }

    /// Working seconds from the calendar's first day to `t`.
    fn work_seconds(&self, t: Instant) -> Result<i64> {
        // Outside chrono's range in this zone (an instant built in Rust near chrono's limits):
        // a year no calendar knows, not chrono's panic.
        let local = t
            .local_in(self.cal.tz)
            .ok_or_else(|| self.unknown(NaiveDate::from_ymd_opt(t.0.naive_utc().year(), 1, 1)))?;
        let i = self.index(local.date())?;
        let tod = i64::from(local.time().num_seconds_from_midnight());
        let full = i64::from(self.cal.before.get(i).copied().unwrap_or(0)) * self.cal.day_len;
        let part = if self.is_work(i) {
            (tod - self.cal.day_start).clamp(0, self.cal.day_len)
        } else {
            0
        };
        Ok(full + part)
    }

    /// Working minutes between `a` and `b` (negative when `b` is before `a`), rounded toward
    /// zero to whole minutes.
    pub fn working_minutes_between(&self, a: Instant, b: Instant) -> Result<i64> {
        let (wa, wb) = (self.work_seconds(a)?, self.work_seconds(b)?);
        Ok((wb - wa) / 60)
    }

    /// Working seconds from `a` to `b` (negative when `b` is before `a`).
    pub(crate) fn working_seconds_between(&self, a: Instant, b: Instant) -> Result<i64> {
        Ok(self.work_seconds(b)? - self.work_seconds(a)?)
    }

    /// The earliest instant at which `secs` (> 0) working seconds have passed since `start`;
    /// `start` itself when `secs <= 0`.
    pub(crate) fn add_working_seconds(&self, start: Instant, secs: i64) -> Result<Instant> {
        let base = self.work_seconds(start)?;
        if secs <= 0 {
            return Ok(start);
        }
        self.at_work_seconds(base.saturating_add(secs))
    }

    /// The earliest instant at which `minutes` working minutes have passed since `start`.
    ///
    /// `minutes == 0` returns `start`. A deadline that uses up a day exactly lands on that
    /// day's closing time (18:30), not the next morning. The result is written in the policy's
    /// time zone. Negative minutes are an input error.
    pub fn add_working_time(&self, start: Instant, minutes: i64) -> Result<Instant> {
        if minutes < 0 {
            return Err(Error::invalid_input("/minutes", "must not be negative")
                .with_zh("分钟数不能为负数"));
        }
        let base = self.work_seconds(start)?;
        if minutes == 0 {
            return Ok(start);
        }
        // Saturating: minutes near i64::MAX / 60 overflowed here (found by fuzzing); the
        // saturated target is past every calendar, an error in `at_work_seconds`.
        let target = base.saturating_add(minutes.saturating_mul(60));
        self.at_work_seconds(target)
    }

    /// The earliest instant at which the running working time reaches `target` (> 0).
    fn at_work_seconds(&self, target: i64) -> Result<Instant> {
        let day_len = self.cal.day_len;
        let q = u32::try_from((target - 1) / day_len).map_err(|_| self.unknown(None))?;
        // The working day with exactly q working days before it.
        let k = self.cal.before.partition_point(|&c| c <= q);
        let j = self.touch(k.checked_sub(1).unwrap_or(usize::MAX))?;
        let secs = self.cal.day_start + (target - i64::from(q) * day_len);
        let date = self.date(j).ok_or_else(|| self.unknown(None))?;
        Ok(self.local(date, secs))
    }

    /// The instant of local `date` plus `secs` seconds after midnight.
    fn local(&self, date: NaiveDate, secs: i64) -> Instant {
        let tz = self.cal.tz;
        let naive = NaiveDateTime::new(date, NaiveTime::MIN) + chrono::Duration::seconds(secs);
        let utc = naive - chrono::Duration::seconds(i64::from(tz.local_minus_utc()));
        Instant(tz.from_utc_datetime(&utc))
    }
}
