//! The public holidays the law itself fixes, for any year the lunar table covers.
//!
//! 《全国年节及纪念日放假办法》 Art. 2 names the holidays all citizens have off, and its
//! revisions changed them:
//!
//! | in force | 春节 | 清明、端午、中秋 | 劳动节 | decree |
//! |---|---|---|---|---|
//! | 2000–2007 | 正月初一至初三 | — | 5月1日至3日 | 国务院令第270号 (1999) |
//! | 2008–2013 | 除夕、正月初一、初二 | 1 day each | 5月1日 | 国务院令第513号 (2007) |
//! | 2014–2024 | 正月初一至初三 | 1 day each | 5月1日 | 国务院令第644号 (2013) |
//! | 2025– | 除夕、正月初一至初三 | 1 day each | 5月1日、2日 | 国务院令第795号 (2024) |
//!
//! 元旦 (1 January) and 国庆节 (1–3 October) are the same throughout. Art. 6: a holiday of all
//! citizens that falls on a Saturday or Sunday is given back on a working day (补假).
//!
//! The State Council's yearly notice then shuffles weekends (调休) to make longer breaks; only
//! the notice can say how. A year after the last announced one is therefore *provisional*:
//! these statutory days off, each weekend one given back on the first free weekday after the
//! holiday, and ordinary weekends, with no 调休. Decisions that use such a year say so.

use super::lunar_dates;
use chrono::{Datelike, NaiveDate, Weekday};

/// Last year whose statutory holidays can be computed (the lunar table's last year).
pub const HORIZON: i32 = lunar_dates::LAST_YEAR;

/// A statutory holiday: its Chinese and English names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Festival {
    /// The name the notices use (`"春节"`).
    pub name: &'static str,
    /// In English.
    pub name_en: &'static str,
}

const fn festival_of(name: &'static str, name_en: &'static str) -> Festival {
    Festival { name, name_en }
}

const NEW_YEAR: Festival = festival_of("元旦", "New Year's Day");
const SPRING: Festival = festival_of("春节", "Spring Festival");
const QINGMING: Festival = festival_of("清明节", "Tomb-sweeping Day");
const LABOUR: Festival = festival_of("劳动节", "Labour Day");
const DRAGON_BOAT: Festival = festival_of("端午节", "Dragon Boat Festival");
const MID_AUTUMN: Festival = festival_of("中秋节", "Mid-autumn Festival");
const NATIONAL: Festival = festival_of("国庆节", "National Day");

/// Every festival the statute has named since 2000, in calendar order.
pub const FESTIVALS: [Festival; 7] = [
    NEW_YEAR,
    SPRING,
    QINGMING,
    LABOUR,
    DRAGON_BOAT,
    MID_AUTUMN,
    NATIONAL,
];

/// The festival named `name` (`"春节"`, also `"国庆"` or `"清明"` without 节).
pub fn festival(name: &str) -> Option<Festival> {
    FESTIVALS
        .iter()
        .find(|f| f.name == name || f.name.strip_suffix('节') == Some(name))
        .copied()
}

/// The revision of the 办法 in force in `year` (see the module table).
fn revision(year: i32) -> u16 {
    match year {
        ..=2007 => 1999,
        2008..=2013 => 2007,
        2014..=2024 => 2013,
        _ => 2024,
    }
}

/// The statute's source, for reasons and docs.
pub const SOURCE: &str =
    "《全国年节及纪念日放假办法》第二条、第六条（国务院令第795号修订，2025年1月1日起施行）";

/// The statutory days off of `year` under the revision in force that year, in date order:
/// `None` before 2000 or outside the lunar table (2004–[`HORIZON`]) where the statute places
/// a holiday by the Chinese calendar.
pub fn statutory_days(year: i32) -> Option<Vec<(NaiveDate, Festival)>> {
    if year < 2000 {
        return None;
    }
    let ymd = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let lunar = usize::try_from(year - lunar_dates::FIRST_YEAR)
        .ok()
        .and_then(|i| lunar_dates::DATES.get(i))?;
    let [new_year, qingming, dragon, mid_autumn] =
        lunar.map(|(m, d)| ymd(u32::from(m), u32::from(d)));
    let new_year = new_year?;
    let rev = revision(year);
    let mut days = Vec::with_capacity(16);
    add(&mut days, ymd(1, 1)?, NEW_YEAR);
    // 春节: from 除夕 (2008–2013 and from 2025) or 初一, for three or four days.
    let (from, n) = match rev {
        2007 => (new_year.pred_opt()?, 3),
        2024 => (new_year.pred_opt()?, 4),
        _ => (new_year, 3),
    };
    for i in 0..n {
        add(&mut days, super::add_days(from, i)?, SPRING);
    }
    if rev >= 2007 {
        add(&mut days, qingming?, QINGMING);
    }
    let labour_days = match rev {
        1999 => 3,
        2024 => 2,
        _ => 1,
    };
    for d in 1..=labour_days {
        add(&mut days, ymd(5, d)?, LABOUR);
    }
    if rev >= 2007 {
        add(&mut days, dragon?, DRAGON_BOAT);
        add(&mut days, mid_autumn?, MID_AUTUMN);
    }
    for d in 1..=3 {
        add(&mut days, ymd(10, d)?, NATIONAL);
    }
    Some(days)
}

/// Insert a day off in date order. A day that is two festivals at once (中秋 on 1 October) is
/// one day off, the first festival's: the statute gives no day back for it, only for weekends
/// (Art. 6). In place rather than sorted after: a sort adds 2 KB to the wasm build.
fn add(days: &mut Vec<(NaiveDate, Festival)>, d: NaiveDate, f: Festival) {
    let i = days.partition_point(|(x, _)| *x < d);
    if days.get(i).is_none_or(|(x, _)| *x != d) {
        days.insert(i, (d, f));
    }
}

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A provisional year: the statutory days off, each one on a weekend given back (Art. 6) on
/// the first weekday after its festival that is not already off, as `(festival, from, to)`
/// runs of consecutive days; `None` where [`statutory_days`] is.
pub fn provisional_year(year: i32) -> Option<Vec<(Festival, NaiveDate, NaiveDate)>> {
    let statutory = statutory_days(year)?;
    let mut off: Vec<(NaiveDate, Festival)> = statutory.clone();
    for f in FESTIVALS {
        let mine: Vec<NaiveDate> = statutory
            .iter()
            .filter(|(_, g)| *g == f)
            .map(|(d, _)| *d)
            .collect();
        let Some(&last) = mine.last() else { continue };
        let owed = mine.iter().filter(|d| weekend(**d)).count();
        let mut d = last;
        for _ in 0..owed {
            loop {
                d = d.succ_opt()?;
                if !weekend(d) && !off.iter().any(|(o, _)| *o == d) {
                    break;
                }
            }
            add(&mut off, d, f);
        }
    }
    // Runs of days off of one festival, weekends between them included (a 补假 Monday after
    // a Saturday holiday makes one break of three days, as a notice would write it).
    let mut runs: Vec<(Festival, NaiveDate, NaiveDate)> = Vec::new();
    for (d, f) in off {
        match runs.last_mut() {
            Some((g, _, to))
                if *g == f && (to.succ_opt() == Some(d) || bridges_weekend(*to, d)) =>
            {
                *to = d;
            }
            _ => runs.push((f, d, d)),
        }
    }
    Some(runs)
}

/// Whether only a weekend lies strictly between `a` and `b`.
fn bridges_weekend(a: NaiveDate, b: NaiveDate) -> bool {
    let mut d = a;
    loop {
        let Some(next) = d.succ_opt() else {
            return false;
        };
        if next == b {
            return true;
        }
        if !weekend(next) {
            return false;
        }
        d = next;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn revisions_change_spring_festival_and_labour_day() {
        let count = |y: i32, f: Festival| {
            statutory_days(y)
                .unwrap()
                .iter()
                .filter(|(_, g)| *g == f)
                .count()
        };
        assert_eq!(
            [2007, 2008, 2014, 2025].map(|y| count(y, SPRING)),
            [3, 3, 3, 4]
        );
        assert_eq!(
            [2007, 2008, 2014, 2025].map(|y| count(y, LABOUR)),
            [3, 1, 1, 2]
        );
        assert_eq!([2007, 2008].map(|y| count(y, QINGMING)), [0, 1]);
        // 2026: 除夕 16 February, 初一 17 February.
        let spring: Vec<_> = statutory_days(2026)
            .unwrap()
            .into_iter()
            .filter(|(_, g)| *g == SPRING)
            .map(|(d, _)| d)
            .collect();
        assert_eq!(spring.first(), Some(&d("2026-02-16")));
        assert_eq!(spring.last(), Some(&d("2026-02-19")));
        assert_eq!(statutory_days(1999), None);
        assert_eq!(statutory_days(HORIZON + 1), None);
    }

    #[test]
    fn weekend_holidays_are_given_back_on_the_next_free_weekday() {
        // 2027: 元旦 is a Friday; 春节 runs 除夕 Fri 5 Feb to 初三 Mon 8 Feb, with Sat 6 and
        // Sun 7 given back on Tue 9 and Wed 10.
        let y = provisional_year(2027).unwrap();
        assert!(y.contains(&(NEW_YEAR, d("2027-01-01"), d("2027-01-01"))));
        assert!(y.contains(&(SPRING, d("2027-02-05"), d("2027-02-10"))));
        // 2028: 元旦 is a Saturday, given back on Monday 3 January.
        let y = provisional_year(2028).unwrap();
        assert!(y.contains(&(NEW_YEAR, d("2028-01-01"), d("2028-01-03"))));
    }
}
