//! The business calendar: which days are worked, and working-time arithmetic on them.
//!
//! Rule book §5: working days follow China's calendar (weekends off, statutory holidays off,
//! make-up working days 调休 on), from the State Council's yearly notices; human service hours
//! are 9:00–18:30 (seeds 000 and 004). A year the calendar does not know is an error
//! (`CALENDAR_YEAR_UNKNOWN`), never a guess.
//!
//! The calendar is compiled once per policy into a day table with a running count of working
//! days, so adding or measuring working time over any span is a binary search, not a loop
//! over days. Working time has one-second resolution.

mod cn_data;
mod data;

use crate::error::{Error, Problem, Result};
use crate::policy::{BuiltinCalendar, CalendarPolicy};
use crate::time::{add_days, parse_clock, Date, Instant};
use chrono::{
    Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Weekday,
};
use serde::Serialize;

/// First and last year of the built-in China calendar (`builtin: "cn"`).
pub const BUILTIN_YEARS: (i32, i32) = (cn_data::FIRST_YEAR, cn_data::LAST_YEAR);

/// Lowest and highest year a policy may add.
const YEAR_RANGE: (i32, i32) = (1900, 2200);

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary Monday–Friday.
    Workday,
    /// Saturday or Sunday.
    Weekend,
    /// A statutory holiday (its name in `holiday`).
    Holiday,
    /// A weekend day worked in exchange for a holiday (调休).
    MakeupWorkday,
    /// A day the shop closes by its own policy.
    Closure,
}

/// One day as the calendar sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    /// The date.
    pub date: Date,
    /// Whether service works that day.
    pub workday: bool,
    /// Why.
    pub kind: DayKind,
    /// The holiday's name, for holidays.
    pub holiday: Option<String>,
}

/// A compiled business calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    first_year: i32,
    last_year: i32,
    epoch: NaiveDate,
    kinds: Vec<DayKind>,
    holiday_of: Vec<u16>,
    names: Vec<String>,
    /// `before[i]`: working days among days `0..i`; one longer than `kinds`.
    before: Vec<u32>,
    day_start: i64,
    day_len: i64,
    tz: FixedOffset,
}

struct YearDays {
    year: i32,
    holidays: Vec<(String, NaiveDate, NaiveDate)>,
    workdays: Vec<NaiveDate>,
}

fn builtin_years() -> Vec<YearDays> {
    cn_data::CN_YEARS
        .iter()
        .map(|y| {
            let d = |(m, d): (u8, u8)| NaiveDate::from_ymd_opt(y.year, u32::from(m), u32::from(d));
            YearDays {
                year: y.year,
                holidays: y
                    .holidays
                    .iter()
                    .filter_map(|h| Some((h.name.to_owned(), d(h.from)?, d(h.to)?)))
                    .collect(),
                workdays: y.workdays.iter().filter_map(|&w| d(w)).collect(),
            }
        })
        .collect()
}

/// The years the calendar will know: built-in ones, replaced or extended by the policy's.
fn merged_years(policy: &CalendarPolicy) -> Vec<YearDays> {
    let mut years = match policy.builtin {
        BuiltinCalendar::Cn => builtin_years(),
        BuiltinCalendar::None => Vec::new(),
    };
    for (key, y) in &policy.years {
        let Some(year) = year_key(key) else { continue };
        let days = YearDays {
            year,
            holidays: y
                .holidays
                .iter()
                .map(|h| (h.name.clone(), h.from.0, h.to.0))
                .collect(),
            workdays: y.workdays.iter().map(|w| w.0).collect(),
        };
        // Kept in year order by inserting in place (a sort would add 2 KB to the wasm build).
        match years.binary_search_by_key(&year, |d| d.year) {
            Ok(i) => {
                if let Some(slot) = years.get_mut(i) {
                    *slot = days;
                }
            }
            Err(i) => years.insert(i, days),
        }
    }
    years
}

/// A policy's year key: four digits within [`YEAR_RANGE`].
fn year_key(key: &str) -> Option<i32> {
    key.parse::<i32>()
        .ok()
        .filter(|y| key.len() == 4 && (YEAR_RANGE.0..=YEAR_RANGE.1).contains(y))
}

/// Policy checks of the calendar section: year keys, dates inside their year, no gaps.
pub(crate) fn check_years(policy: &CalendarPolicy, bad: &mut impl FnMut(&str, String)) {
    for (key, y) in &policy.years {
        let base = format!("/calendar/years/{}", crate::decode::escape(key));
        let year = match year_key(key) {
            Some(v) => v,
            None => {
                bad(
                    &base,
                    format!(
                        "a year key is four digits from {} to {}",
                        YEAR_RANGE.0, YEAR_RANGE.1
                    ),
                );
                continue;
            }
        };
        for (i, h) in y.holidays.iter().enumerate() {
            let p = format!("{base}/holidays/{i}");
            if h.from.0.year() != year {
                bad(&format!("{p}/from"), format!("{} is not in {year}", h.from));
            }
            if h.to.0.year() != year {
                bad(&format!("{p}/to"), format!("{} is not in {year}", h.to));
            } else if h.to < h.from {
                bad(
                    &format!("{p}/to"),
                    format!("{} is before from ({})", h.to, h.from),
                );
            }
            let n = h.name.chars().count();
            if n == 0 || n > 64 {
                bad(
                    &format!("{p}/name"),
                    format!("must have 1 to 64 characters, has {n}"),
                );
            }
        }
        for (i, w) in y.workdays.iter().enumerate() {
            if w.0.year() != year {
                bad(
                    &format!("{base}/workdays/{i}"),
                    format!("{w} is not in {year}"),
                );
            }
        }
    }
    let years: Vec<i32> = merged_years(policy).iter().map(|y| y.year).collect();
    if years.is_empty() {
        bad(
            "/calendar",
            String::from("the calendar knows no year: use builtin \"cn\" or list years"),
        );
    }
    for pair in years.windows(2) {
        if let [a, b] = pair {
            if b - a > 1 {
                bad(
                    &format!("/calendar/years/{b}"),
                    format!("the calendar must have no gaps: {} is missing", a + 1),
                );
            }
        }
    }
    let (first, last) = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
    );
    for (i, c) in policy.closures.iter().enumerate() {
        let y = c.0.year();
        if y < first || y > last {
            bad(
                &format!("/calendar/closures/{i}"),
                format!("{c} is outside the calendar's years {first}–{last}"),
            );
        }
    }
}

impl Calendar {
    /// Compile the calendar of a (validated) policy.
    pub fn new(policy: &CalendarPolicy, tz: FixedOffset) -> Result<Calendar> {
        let invalid = |path: &str, m: String| {
            Error::invalid_policy(vec![Problem {
                path: path.to_owned(),
                message: m,
            }])
        };
        let years = merged_years(policy);
        let (Some(first), Some(last)) = (years.first(), years.last()) else {
            return Err(invalid(
                "/calendar",
                String::from("the calendar knows no year"),
            ));
        };
        let (first_year, last_year) = (first.year, last.year);
        let epoch = NaiveDate::from_ymd_opt(first_year, 1, 1)
            .ok_or_else(|| invalid("/calendar", String::from("bad year")))?;
        let end = NaiveDate::from_ymd_opt(last_year + 1, 1, 1)
            .ok_or_else(|| invalid("/calendar", String::from("bad year")))?;
        let n = usize::try_from((end - epoch).num_days()).unwrap_or(0);
        let mut kinds: Vec<DayKind> = (0..n)
            .map(|i| match add_days(epoch, i as i64).map(|d| d.weekday()) {
                Some(Weekday::Sat | Weekday::Sun) => DayKind::Weekend,
                _ => DayKind::Workday,
            })
            .collect();
        let mut holiday_of = vec![u16::MAX; n];
        let mut names: Vec<String> = Vec::new();
        let index = |d: NaiveDate| {
            usize::try_from((d - epoch).num_days())
                .ok()
                .filter(|&i| i < n)
        };
        for y in &years {
            for (name, from, to) in &y.holidays {
                let id = match names.iter().position(|x| x == name) {
                    Some(p) => p,
                    None => {
                        names.push(name.clone());
                        names.len() - 1
                    }
                };
                let mut d = *from;
                while d <= *to {
                    if let Some(i) = index(d) {
                        if let (Some(k), Some(h)) = (kinds.get_mut(i), holiday_of.get_mut(i)) {
                            *k = DayKind::Holiday;
                            *h = u16::try_from(id).unwrap_or(u16::MAX);
                        }
                    }
                    let Some(next) = d.succ_opt() else { break };
                    d = next;
                }
            }
            for w in &y.workdays {
                if let Some(k) = index(*w).and_then(|i| kinds.get_mut(i)) {
                    *k = DayKind::MakeupWorkday;
                }
            }
        }
        for c in &policy.closures {
            if let Some(k) = index(c.0).and_then(|i| kinds.get_mut(i)) {
                *k = DayKind::Closure;
            }
        }
        let mut before = Vec::with_capacity(n + 1);
        let mut count = 0u32;
        before.push(0);
        for k in &kinds {
            if matches!(k, DayKind::Workday | DayKind::MakeupWorkday) {
                count += 1;
            }
            before.push(count);
        }
        let start = parse_clock(&policy.working_hours.start)
            .map_err(|m| invalid("/calendar/working_hours/start", m))?;
        let stop = parse_clock(&policy.working_hours.end)
            .map_err(|m| invalid("/calendar/working_hours/end", m))?;
        if stop <= start {
            return Err(invalid(
                "/calendar/working_hours/end",
                String::from("must be later than start"),
            ));
        }
        Ok(Calendar {
            first_year,
            last_year,
            epoch,
            kinds,
            holiday_of,
            names,
            before,
            day_start: i64::from(start) * 60,
            day_len: i64::from(stop - start) * 60,
            tz,
        })
    }

    /// The time zone day boundaries fall in.
    pub fn tz(&self) -> FixedOffset {
        self.tz
    }

    /// First and last year the calendar knows.
    pub fn years(&self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    /// Length of a working day in minutes (570 for 09:00–18:30).
    pub fn day_minutes(&self) -> i64 {
        self.day_len / 60
    }

    fn index(&self, date: NaiveDate) -> Result<usize> {
        usize::try_from((date - self.epoch).num_days())
            .ok()
            .filter(|&i| i < self.kinds.len())
            .ok_or_else(|| Error::year_unknown(date.year(), self.first_year, self.last_year, None))
    }

    fn is_work(&self, i: usize) -> bool {
        matches!(
            self.kinds.get(i),
            Some(DayKind::Workday | DayKind::MakeupWorkday)
        )
    }

    /// Whether `date` is a working day.
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool> {
        self.index(date).map(|i| self.is_work(i))
    }

    /// What kind of day `date` is, with the holiday's name.
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo> {
        let i = self.index(date)?;
        let kind = self.kinds.get(i).copied().unwrap_or(DayKind::Workday);
        let holiday = match (kind, self.holiday_of.get(i)) {
            (DayKind::Holiday, Some(&h)) => self.names.get(usize::from(h)).cloned(),
            _ => None,
        };
        Ok(DayInfo {
            date: Date(date),
            workday: self.is_work(i),
            kind,
            holiday,
        })
    }

    /// Working days strictly after `date` and up to `n` on: the date `n` working days later
    /// (`n == 0` is `date` itself).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate> {
        if n == 0 {
            self.index(date)?;
            return Ok(date);
        }
        let i = self.index(date)?;
        let target = self
            .before
            .get(i + 1)
            .copied()
            .unwrap_or(0)
            .saturating_add(n);
        // First day index j whose count through j reaches target.
        let k = self.before.partition_point(|&c| c < target);
        let j = k
            .checked_sub(1)
            .filter(|&j| j < self.kinds.len())
            .ok_or_else(|| self.past_end())?;
        add_days(self.epoch, j as i64).ok_or_else(|| self.past_end())
    }

    fn past_end(&self) -> Error {
        Error::year_unknown(self.last_year + 1, self.first_year, self.last_year, None)
    }

    /// Working seconds from the calendar's first day to `t`.
    fn work_seconds(&self, t: Instant) -> Result<i64> {
        // Outside chrono's range in this zone (an instant built in Rust near chrono's limits):
        // a year no calendar knows, not chrono's panic.
        let local = t.local_in(self.tz).ok_or_else(|| {
            Error::year_unknown(
                t.0.naive_utc().year(),
                self.first_year,
                self.last_year,
                None,
            )
        })?;
        let i = self.index(local.date())?;
        let tod = i64::from(local.time().num_seconds_from_midnight());
        let full = i64::from(self.before.get(i).copied().unwrap_or(0)) * self.day_len;
        let part = if self.is_work(i) {
            (tod - self.day_start).clamp(0, self.day_len)
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
            return Err(Error::invalid_input("/minutes", "must not be negative"));
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
        let q = u32::try_from((target - 1) / self.day_len).map_err(|_| self.past_end())?;
        // The working day with exactly q working days before it.
        let k = self.before.partition_point(|&c| c <= q);
        let j = k
            .checked_sub(1)
            .filter(|&j| j < self.kinds.len())
            .ok_or_else(|| self.past_end())?;
        let secs = self.day_start + (target - i64::from(q) * self.day_len);
        let date = add_days(self.epoch, j as i64).ok_or_else(|| self.past_end())?;
        Ok(self.local(date, secs))
    }

    /// The instant of local `date` plus `secs` seconds after midnight.
    pub(crate) fn local(&self, date: NaiveDate, secs: i64) -> Instant {
        let naive = NaiveDateTime::new(date, NaiveTime::MIN) + chrono::Duration::seconds(secs);
        let utc = naive - chrono::Duration::seconds(i64::from(self.tz.local_minus_utc()));
        Instant(self.tz.from_utc_datetime(&utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal() -> Calendar {
        Calendar::new(
            &CalendarPolicy::default(),
            FixedOffset::east_opt(8 * 3600).unwrap(),
        )
        .unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        Date::parse(s).unwrap().0
    }

    fn at(s: &str) -> Instant {
        Instant::parse(s).unwrap()
    }

    #[test]
    fn spring_festival_2026_is_off_and_makeup_saturday_is_on() {
        let c = cal();
        assert_eq!(c.is_workday(d("2026-02-16")).ok(), Some(false));
        assert_eq!(c.is_workday(d("2026-02-14")).ok(), Some(true));
        assert_eq!(c.is_workday(d("2026-02-24")).ok(), Some(true));
        assert_eq!(
            c.day(d("2026-02-17")).ok().and_then(|x| x.holiday),
            Some(String::from("春节"))
        );
    }

    #[test]
    fn unknown_years_are_errors() {
        let c = cal();
        for s in ["2003-12-31", "2027-01-01"] {
            let e = c.is_workday(d(s)).err().map(|e| e.code);
            assert_eq!(e, Some(crate::ErrorCode::CalendarYearUnknown), "{s}");
        }
    }

    #[test]
    fn a_day_used_up_exactly_ends_at_closing_time() {
        let c = cal();
        let r = c
            .add_working_time(at("2026-03-02T09:00:00+08:00"), 570)
            .map(|i| i.to_string());
        assert_eq!(r.ok().as_deref(), Some("2026-03-02T18:30:00+08:00"));
        let r = c
            .add_working_time(at("2026-03-02T18:30:00+08:00"), 1)
            .map(|i| i.to_string());
        assert_eq!(r.ok().as_deref(), Some("2026-03-03T09:01:00+08:00"));
    }

    #[test]
    fn adding_across_spring_festival_skips_the_holiday() {
        let c = cal();
        // Fri 13 Feb 2026 18:00 + 60 min: 30 left that day, then Sat 14 Feb (调休) 09:30.
        let r = c
            .add_working_time(at("2026-02-13T18:00:00+08:00"), 60)
            .map(|i| i.to_string());
        assert_eq!(r.ok().as_deref(), Some("2026-02-14T09:30:00+08:00"));
        // Sat 14 Feb 18:00 + 60 min: the festival runs 15–23 Feb, so Tue 24 Feb 09:30.
        let r = c
            .add_working_time(at("2026-02-14T18:00:00+08:00"), 60)
            .map(|i| i.to_string());
        assert_eq!(r.ok().as_deref(), Some("2026-02-24T09:30:00+08:00"));
    }
}
