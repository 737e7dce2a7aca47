//! The business calendar: which days are worked, and working-time arithmetic on them.
//!
//! Rule book §5: working days follow China's calendar (weekends off, statutory holidays off,
//! make-up working days 调休 on), from the State Council's yearly notices; human service hours
//! are 9:00–18:30 (seeds 000 and 004).
//!
//! What the calendar knows, year by year:
//! - **announced** years: the built-in notices 2004–2026 (`cn_data.rs`) and any year the
//!   policy lists in `calendar.years` (a notice pasted through [`notice`]);
//! - **provisional** years, after the last announced one up to [`statute::HORIZON`]: the
//!   holidays 《全国年节及纪念日放假办法》 fixes ([`statute`]), without 调休. A decision that
//!   uses such a day carries `CALENDAR_PROVISIONAL`; a policy with
//!   `calendar.unknown_years: "error"` refuses them instead;
//! - nothing else: a date outside these is `CALENDAR_YEAR_UNKNOWN`, never a guess.
//!
//! The calendar is compiled once per policy into a day table with a running count of working
//! days, so adding or measuring working time over any span is a binary search, not a loop
//! over days. Working time has one-second resolution. Each decision reads it through
//! [`Days`], which remembers the latest day it touched.

mod cn_data;
mod data;
mod days;
pub mod ics;
mod lunar_dates;
pub mod notice;
pub mod statute;
mod years;

pub use days::Days;
pub(crate) use days::RULES;
pub(crate) use years::check_years;

use crate::error::{Error, Problem, Result};
use crate::policy::{CalendarPolicy, UnknownYears};
use crate::time::{add_days, parse_clock, Date, Instant};
use chrono::{Datelike, FixedOffset, NaiveDate};
use serde::Serialize;

/// First and last year of the built-in China calendar (`builtin: "cn"`).
pub const BUILTIN_YEARS: (i32, i32) = (cn_data::FIRST_YEAR, cn_data::LAST_YEAR);

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// `holiday_of` for a closure that falls on a 调休 working day (no holiday has this index).
pub(crate) const MAKEUP_CLOSED: u16 = u16::MAX - 1;

/// One day as the calendar sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DayInfo {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::num::Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<crate::num::Id>,
    /// The date.
    pub date: Date,
    /// Whether service works that day.
    pub workday: bool,
    /// Why.
    pub kind: DayKind,
    /// The holiday's name, for holidays.
    pub holiday: Option<String>,
    /// Whether the day is in a provisional year (see the module docs).
    pub provisional: bool,
    /// `CALENDAR_PROVISIONAL` for a provisional day; empty otherwise.
    pub reasons: Vec<crate::Reason>,
}

/// A compiled business calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    first_year: i32,
    last_year: i32,
    /// Last announced year (built-in or the policy's).
    announced: i32,
    epoch: NaiveDate,
    kinds: Vec<DayKind>,
    holiday_of: Vec<u16>,
    names: Vec<String>,
    /// `before[i]`: working days among days `0..i`; one longer than `kinds`.
    before: Vec<u32>,
    /// Index of the first provisional day (`kinds.len()` when there is none).
    provisional_from: usize,
    /// `calendar.unknown_years` is `"error"`: a provisional day is an error.
    refuse_provisional: bool,
    day_start: i64,
    day_len: i64,
    tz: FixedOffset,
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
        let mut years = years::merged_years(policy);
        let (Some(first), Some(last)) = (years.first(), years.last()) else {
            return Err(invalid(
                "/calendar",
                String::from("the calendar knows no year"),
            ));
        };
        let (first_year, announced) = (first.year, last.year);
        // Provisional years are compiled in "error" mode too, so that an error can name the
        // deadline that fell there.
        let provisional: Vec<years::YearDays> = years::provisional_years(policy, announced);
        let last_year = provisional.last().map_or(announced, |y| y.year);
        years.extend(provisional);
        let epoch = NaiveDate::from_ymd_opt(first_year, 1, 1)
            .ok_or_else(|| invalid("/calendar", String::from("bad year")))?;
        let end = NaiveDate::from_ymd_opt(last_year + 1, 1, 1)
            .ok_or_else(|| invalid("/calendar", String::from("bad year")))?;
        let n = usize::try_from((end - epoch).num_days()).unwrap_or(0);
        let index = |d: NaiveDate| {
            usize::try_from((d - epoch).num_days())
                .ok()
                .filter(|&i| i < n)
        };
        let provisional_from = NaiveDate::from_ymd_opt(announced + 1, 1, 1)
            .and_then(index)
            .unwrap_or(n);
        // Weekdays by counting from the epoch's (a date per day cost 0.5 ms at 35,000 days).
        let monday_based = epoch.weekday().num_days_from_monday() as usize;
        let mut kinds: Vec<DayKind> = (0..n)
            .map(|i| match (monday_based + i) % 7 {
                5 | 6 => DayKind::Weekend,
                _ => DayKind::Workday,
            })
            .collect();
        let mut holiday_of = vec![u16::MAX; n];
        let mut names: Vec<String> = Vec::new();
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
            if let Some(i) = index(c.0) {
                if let (Some(k), Some(h)) = (kinds.get_mut(i), holiday_of.get_mut(i)) {
                    // A closed 调休 working day is still no legal rest day (民法典 Art. 203):
                    // remembered here, as the kind becomes the closure.
                    if *k == DayKind::MakeupWorkday {
                        *h = MAKEUP_CLOSED;
                    }
                    *k = DayKind::Closure;
                }
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
            announced,
            epoch,
            kinds,
            holiday_of,
            names,
            before,
            provisional_from,
            refuse_provisional: policy.unknown_years == UnknownYears::Error,
            day_start: i64::from(start) * 60,
            day_len: i64::from(stop - start) * 60,
            tz,
        })
    }

    /// A reading of this calendar for one decision (see [`Days`]).
    pub fn days(&self) -> Days<'_> {
        Days::new(self)
    }

    /// The time zone day boundaries fall in.
    pub fn tz(&self) -> FixedOffset {
        self.tz
    }

    /// First and last year the calendar knows, provisional years included.
    pub fn years(&self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    /// The last year announced by the State Council (built in or in the policy); later years
    /// up to [`years`](Self::years)`.1` are provisional.
    pub fn announced_until(&self) -> i32 {
        self.announced
    }

    /// Length of a working day in minutes (570 for 09:00–18:30).
    pub fn day_minutes(&self) -> i64 {
        self.day_len / 60
    }

    /// Whether `date` is a working day.
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool> {
        self.days().is_workday(date)
    }

    /// What kind of day `date` is, with the holiday's name.
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo> {
        self.days().day(date)
    }

    /// The date `n` working days after `date` (`n == 0` is `date` itself).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate> {
        self.days().add_working_days(date, n)
    }

    /// Working minutes between `a` and `b` (negative when `b` is before `a`), rounded toward
    /// zero to whole minutes.
    pub fn working_minutes_between(&self, a: Instant, b: Instant) -> Result<i64> {
        self.days().working_minutes_between(a, b)
    }

    /// The earliest instant at which `minutes` working minutes have passed since `start`
    /// (see [`Days::add_working_time`]).
    pub fn add_working_time(&self, start: Instant, minutes: i64) -> Result<Instant> {
        self.days().add_working_time(start, minutes)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
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
    fn years_past_the_horizon_and_before_the_data_are_errors() {
        let c = cal();
        for s in ["2003-12-31", "2100-01-01"] {
            let e = c.is_workday(d(s)).err().map(|e| e.code);
            assert_eq!(e, Some(crate::ErrorCode::CalendarYearUnknown), "{s}");
        }
    }

    /// The statute, computed from the lunar table under the revision in force each year,
    /// against the State Council's notices 2004–2026: every statutory day is a day off there.
    #[test]
    fn every_statutory_holiday_2004_2026_is_off_in_the_notices() {
        let c = cal();
        let mut checked = 0;
        for year in BUILTIN_YEARS.0..=BUILTIN_YEARS.1 {
            let days = statute::statutory_days(year).unwrap();
            for (d, f) in days {
                // A day off: a holiday, or a weekend inside the period (the data of 2012 lists
                // 端午 as 22 and 24 June around Saturday the 23rd, the statutory day).
                let info = c.day(d).unwrap();
                assert!(!info.workday, "{d} {} ({year}) is {:?}", f.name, info.kind);
                checked += 1;
            }
        }
        // 2004–2007: 10 a year; 2008–2024: 11; 2025–2026: 13; less 中秋 on 3 October 2009
        // and 1 October 2020, one day off with 国庆.
        assert_eq!(checked, 4 * 10 + 17 * 11 + 2 * 13 - 2);
    }

    #[test]
    fn a_year_after_the_notices_is_provisional() {
        let c = cal();
        assert_eq!(c.announced_until(), 2026);
        let days = c.days();
        // 1 January 2027 is New Year's Day (a Friday), 4 January an ordinary Monday.
        assert_eq!(days.is_workday(d("2027-01-01")).ok(), Some(false));
        assert_eq!(days.is_workday(d("2027-01-04")).ok(), Some(true));
        assert_eq!(days.provisional(), Some((2027, 2027)));
        let days = c.days();
        assert_eq!(days.is_workday(d("2026-12-31")).ok(), Some(true));
        assert_eq!(days.provisional(), None);
    }

    #[test]
    fn error_mode_names_the_date_it_needed() {
        let policy = CalendarPolicy {
            unknown_years: UnknownYears::Error,
            ..CalendarPolicy::default()
        };
        let c = Calendar::new(&policy, FixedOffset::east_opt(8 * 3600).unwrap()).unwrap();
        let e = c.add_working_days(d("2026-12-30"), 3).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::CalendarYearUnknown);
        assert!(e.message.contains("2027-01-05"), "{}", e.message);
        assert_eq!(e.path, None);
        let e = e.needed_for("the ship-by date", "发货日期", "/paid_at");
        assert!(
            e.message
                .starts_with("the ship-by date 2027-01-05 falls in 2027"),
            "{}",
            e.message
        );
        assert!(
            e.message_zh.starts_with("发货日期 2027-01-05 在2027年，"),
            "{}",
            e.message_zh
        );
        assert_eq!(e.path.as_deref(), Some("/paid_at"));
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
