//! The years a calendar is compiled from: built in, the policy's own, and provisional ones;
//! and the policy checks of `calendar.years`.

use super::{cn_data, statute};
use crate::policy::{BuiltinCalendar, CalendarPolicy, YearPolicy};
use chrono::{Datelike, NaiveDate};
use std::sync::OnceLock;

/// Lowest and highest year a policy may add.
const YEAR_RANGE: (i32, i32) = (1900, 2200);

/// One year's holiday periods `(name, from, to)` and make-up working days.
#[derive(Clone)]
pub(crate) struct YearDays {
    pub year: i32,
    pub holidays: Vec<(String, NaiveDate, NaiveDate)>,
    pub workdays: Vec<NaiveDate>,
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

fn policy_year(year: i32, y: &YearPolicy) -> YearDays {
    YearDays {
        year,
        holidays: y
            .holidays
            .iter()
            .map(|h| (h.name.clone(), h.from.0, h.to.0))
            .collect(),
        workdays: y.workdays.iter().map(|w| w.0).collect(),
    }
}

/// The announced years: built-in ones, replaced or extended by the policy's, in year order.
pub(crate) fn merged_years(policy: &CalendarPolicy) -> Vec<YearDays> {
    let mut years = match policy.builtin {
        BuiltinCalendar::Cn => builtin_years(),
        BuiltinCalendar::None => Vec::new(),
    };
    for (key, y) in &policy.years {
        let Some(year) = year_key(key) else { continue };
        let days = policy_year(year, y);
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

/// The provisional years after `announced`: China's statute (so only with `builtin: "cn"`),
/// up to the last year it can be computed for.
pub(crate) fn provisional_years(policy: &CalendarPolicy, announced: i32) -> Vec<YearDays> {
    if policy.builtin != BuiltinCalendar::Cn {
        return Vec::new();
    }
    // Computed once per process: the same for every policy (it was a third of compiling one).
    static ALL: OnceLock<Vec<YearDays>> = OnceLock::new();
    ALL.get_or_init(|| {
        (cn_data::FIRST_YEAR..=statute::HORIZON)
            .map_while(|year| {
                let runs = statute::provisional_year(year)?;
                Some(YearDays {
                    year,
                    holidays: runs
                        .into_iter()
                        .map(|(f, from, to)| (f.name.to_owned(), from, to))
                        .collect(),
                    workdays: Vec::new(),
                })
            })
            .collect()
    })
    .iter()
    .filter(|y| y.year > announced)
    .cloned()
    .collect()
}

/// A policy's year key: four digits within [`YEAR_RANGE`].
fn year_key(key: &str) -> Option<i32> {
    key.parse::<i32>()
        .ok()
        .filter(|y| key.len() == 4 && (YEAR_RANGE.0..=YEAR_RANGE.1).contains(y))
}

/// Policy checks of the calendar section: year keys, dates inside their year, every statutory
/// holiday off, no gaps.
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
        check_year(year, y, &base, bad);
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
    let first = years.first().copied().unwrap_or(0);
    let announced = years.last().copied().unwrap_or(0);
    let last = provisional_years(policy, announced)
        .last()
        .map_or(announced, |y| y.year);
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

/// One `calendar.years` entry: dates in their year, periods in order, names, and every
/// statutory holiday of the year inside a period and not a make-up working day.
fn check_year(year: i32, y: &YearPolicy, base: &str, bad: &mut impl FnMut(&str, String)) {
    let found = std::cell::Cell::new(0);
    let mut bad = |path: &str, message: String| {
        found.set(found.get() + 1);
        bad(path, message);
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
    // Coverage is judged only on periods that are themselves well formed (a reversed period
    // would otherwise also be reported as every holiday it fails to cover).
    let Some(statutory) = statute::statutory_days(year).filter(|_| found.get() == 0) else {
        return;
    };
    for (day, f) in statutory {
        let inside = y.holidays.iter().any(|h| h.from.0 <= day && day <= h.to.0);
        if let Some(i) = y.workdays.iter().position(|w| w.0 == day) {
            bad(
                &format!("{base}/workdays/{i}"),
                format!(
                    "{day} is {} ({}), a statutory holiday (《全国年节及纪念日放假办法》Art. 2): it cannot be a working day",
                    f.name, f.name_en
                ),
            );
        } else if !inside {
            bad(
                &format!("{base}/holidays"),
                format!(
                    "{day} is {} ({}), a statutory holiday (《全国年节及纪念日放假办法》Art. 2): no holiday period covers it",
                    f.name, f.name_en
                ),
            );
        }
    }
}
