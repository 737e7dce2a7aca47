//! Instants, dates and time zones as kefu reads and writes them.
//!
//! docs/api.md "Conventions": instants are RFC 3339 strings *with* an offset; dates are
//! `YYYY-MM-DD`; day boundaries are taken in the policy's time zone. Nothing here reads the
//! wall clock: every time kefu uses comes from the caller.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike,
};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// Longest instant or date string accepted; anything longer is rejected before parsing.
const MAX_TIME_TEXT: usize = 64;

/// A moment in time with the offset the caller wrote it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub DateTime<FixedOffset>);

impl Instant {
    /// Parse an RFC 3339 instant; the offset is required.
    pub fn parse(text: &str) -> Result<Self, String> {
        Instant::parse_both(text).map_err(|(en, _)| en)
    }

    /// [`parse`](Self::parse), its error in English and Chinese.
    fn parse_both(text: &str) -> Result<Self, (String, String)> {
        if text.len() > MAX_TIME_TEXT {
            return Err((
                format!("an instant is at most {MAX_TIME_TEXT} characters"),
                format!("时间最多 {MAX_TIME_TEXT} 个字符"),
            ));
        }
        let at = DateTime::parse_from_rfc3339(text).map_err(|e| {
            (
                format!("expected an RFC 3339 instant with an offset such as \"2026-03-01T10:00:00+08:00\" ({e})"),
                String::from("需要带时区偏移的 RFC 3339 时间，例如 \"2026-03-01T10:00:00+08:00\""),
            )
        })?;
        // chrono reads `:60` in any minute; a leap second is only ever the last second of a
        // UTC day (RFC 3339 §5.7), so anywhere else `:60` is a mistake, not a time.
        let utc = at.naive_utc().time();
        if utc.nanosecond() >= 1_000_000_000 && (utc.hour(), utc.minute()) != (23, 59) {
            return Err((
                format!(
                    "{text:?} has a leap second (:60) that is not 23:59:60 UTC, the only place one can be"
                ),
                format!("{text:?} 的闰秒 (:60) 不在 UTC 23:59:60，闰秒只能在那里"),
            ));
        }
        Ok(Instant(at))
    }

    /// The wall-clock time of this instant in `tz`, or `None` when it falls outside chrono's
    /// range (an instant within a day of chrono's first or last, built in Rust: parsed text
    /// never gets there). chrono's own `naive_local` panics there.
    pub fn local_in(self, tz: FixedOffset) -> Option<NaiveDateTime> {
        self.0.naive_utc().checked_add_offset(tz)
    }

    /// The calendar date of this instant in `tz`; chrono's first or last date when the local
    /// date is outside chrono's range (which no calendar knows, so it is then an error there).
    pub fn date_in(self, tz: FixedOffset) -> NaiveDate {
        match self.local_in(tz) {
            Some(local) => local.date(),
            None if tz.local_minus_utc() < 0 => NaiveDate::MIN,
            None => NaiveDate::MAX,
        }
    }

    /// Written as RFC 3339 in `tz`, to the second (`2026-03-09T00:00:00+08:00`); a leap
    /// second stays `:60`. Years past 9999 (reachable only by arithmetic) get a sign. An
    /// instant whose local time in `tz` is outside chrono's range is written in UTC.
    pub fn format_in(self, tz: FixedOffset) -> String {
        let (local, tz) = match self.local_in(tz) {
            Some(local) => (local, tz),
            None => (self.0.naive_utc(), FixedOffset::east_opt(0).unwrap_or(tz)),
        };
        let (date, time) = (local.date(), local.time());
        let mut out = String::with_capacity(25);
        push_ymd(&mut out, date);
        out.push('T');
        push2(&mut out, time.hour());
        out.push(':');
        push2(&mut out, time.minute());
        out.push(':');
        push2(&mut out, time.second() + time.nanosecond() / 1_000_000_000);
        push_offset(&mut out, tz.local_minus_utc());
        out
    }
}

fn push_offset(out: &mut String, seconds: i32) {
    out.push(if seconds < 0 { '-' } else { '+' });
    let minutes = seconds.unsigned_abs() / 60;
    push2(out, minutes / 60);
    out.push(':');
    push2(out, minutes % 60);
}

/// RFC 3339 in the instant's own offset, with the fraction of a second when there is one
/// (chrono's `AutoSi`), written by hand: chrono's formatter is 40 KB of the wasm build. An
/// instant whose local time is outside chrono's range (built in Rust near chrono's limits) is
/// written in UTC rather than panicking as chrono's `naive_local` would.
impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (offset, local) = match self.local_in(*self.0.offset()) {
            Some(local) => (self.0.offset().local_minus_utc(), local),
            None => (0, self.0.naive_utc()),
        };
        let (date, time) = (local.date(), local.time());
        let mut out = ymd(date);
        out.push('T');
        push2(&mut out, time.hour());
        out.push(':');
        push2(&mut out, time.minute());
        out.push(':');
        // A leap second is carried as nanoseconds past 10^9 (chrono's representation).
        let (leap, nanos) = (
            time.nanosecond() / 1_000_000_000,
            time.nanosecond() % 1_000_000_000,
        );
        push2(&mut out, time.second() + leap);
        if nanos != 0 {
            let (digits, scale) = if nanos % 1_000_000 == 0 {
                (3, 1_000_000)
            } else if nanos % 1_000 == 0 {
                (6, 1_000)
            } else {
                (9, 1)
            };
            let text = (nanos / scale).to_string();
            out.push('.');
            for _ in text.len()..digits {
                out.push('0');
            }
            out.push_str(&text);
        }
        push_offset(&mut out, offset);
        f.write_str(&out)
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Instant;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "an RFC 3339 instant with an offset, e.g. \"2026-03-01T10:00:00+08:00\"",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Instant, E> {
                Instant::parse_both(v)
                    .map_err(|(en, zh)| E::custom(crate::decode::fact::Bilingual(en, zh)))
            }
        }
        d.deserialize_str(V)
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Parse `YYYY-MM-DD` strictly: "2026-02-30" is an error, not 2 March.
    pub fn parse(text: &str) -> Result<Self, String> {
        Date::parse_both(text).map_err(|(en, _)| en)
    }

    /// [`parse`](Self::parse), its error in English and Chinese.
    fn parse_both(text: &str) -> Result<Self, (String, String)> {
        let shape_ok = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !shape_ok {
            return Err((
                String::from("expected a date as \"YYYY-MM-DD\""),
                String::from("日期须写作 \"YYYY-MM-DD\""),
            ));
        }
        let number = |range: std::ops::Range<usize>| {
            text.get(range)
                .and_then(|d| d.parse::<u32>().ok())
                .unwrap_or(0)
        };
        let year = i32::try_from(number(0..4)).unwrap_or(0);
        NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
            .map(Date)
            .ok_or_else(|| {
                (
                    format!("{text} is not a date on the calendar"),
                    format!("{text} 不是日历上的日期"),
                )
            })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&ymd(self.0))
    }
}

/// `YYYY-MM-DD`, written by hand: chrono's `format` parses its pattern on every call, and
/// decisions write several dates each. Years outside 0–9999 get a sign, as chrono writes them.
pub fn ymd(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_ymd(&mut out, date);
    out
}

fn push_ymd(out: &mut String, date: NaiveDate) {
    let year = date.year();
    let y = year.unsigned_abs();
    if !(0..=9999).contains(&year) {
        out.push(if year < 0 { '-' } else { '+' });
        if y > 9999 {
            out.push_str(&(y / 10_000).to_string());
        }
    }
    let y = y % 10_000;
    push2(out, y / 100);
    push2(out, y % 100);
    out.push('-');
    push2(out, date.month());
    out.push('-');
    push2(out, date.day());
}

fn push2(out: &mut String, n: u32) {
    out.push(char::from(b'0' + u8::try_from(n / 10 % 10).unwrap_or(0)));
    out.push(char::from(b'0' + u8::try_from(n % 10).unwrap_or(0)));
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as \"YYYY-MM-DD\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse_both(v)
                    .map_err(|(en, zh)| E::custom(crate::decode::fact::Bilingual(en, zh)))
            }
        }
        d.deserialize_str(V)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Parse a UTC offset written `+08:00` / `-05:30` / `Z`.
pub fn parse_offset(text: &str) -> Result<FixedOffset, String> {
    let err = || {
        format!(
            "expected a UTC offset such as \"+08:00\", got \"{}\"",
            crate::error::bounded(text.to_owned())
        )
    };
    if text == "Z" {
        return FixedOffset::east_opt(0).ok_or_else(err);
    }
    let b = text.as_bytes();
    if b.len() != 6 || b.get(3) != Some(&b':') {
        return Err(err());
    }
    let sign = match b.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return Err(err()),
    };
    let hours: i32 = text
        .get(1..3)
        .and_then(|s| s.parse().ok())
        .ok_or_else(err)?;
    let minutes: i32 = text
        .get(4..6)
        .and_then(|s| s.parse().ok())
        .ok_or_else(err)?;
    if hours > 14 || minutes > 59 {
        return Err(err());
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).ok_or_else(err)
}

/// Parse a wall-clock time `HH:MM` (24-hour), also accepting `24:00` as the end of the day.
pub fn parse_clock(text: &str) -> Result<u32, String> {
    let err = || String::from("expected a time of day as \"HH:MM\"");
    let b = text.as_bytes();
    if b.len() != 5 || b.get(2) != Some(&b':') {
        return Err(err());
    }
    let h: u32 = text
        .get(0..2)
        .and_then(|s| s.parse().ok())
        .ok_or_else(err)?;
    let m: u32 = text
        .get(3..5)
        .and_then(|s| s.parse().ok())
        .ok_or_else(err)?;
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return Err(err());
    }
    Ok(h * 60 + m)
}

/// The instant at which local `date` starts (00:00) in `tz`.
pub fn start_of_day(date: NaiveDate, tz: FixedOffset) -> Instant {
    let naive = date.and_time(NaiveTime::MIN);
    // A fixed offset has exactly one mapping for every local time.
    Instant(tz.from_utc_datetime(&(naive - Duration::seconds(i64::from(tz.local_minus_utc())))))
}

/// `date + days`, or `None` past the end of the representable calendar.
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::SecondsFormat;

    /// The hand-written writers and the date parser agree with chrono's over a wide spread of
    /// instants: years -9999..=99999, every offset shape, leap seconds, 0/3/6/9 fraction digits.
    #[test]
    fn writers_agree_with_chrono() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for _ in 0..20_000 {
            let year = i32::try_from(next(110_000)).unwrap_or(0) - 10_000;
            let Some(date) = NaiveDate::from_ymd_opt(
                year,
                u32::try_from(next(12)).unwrap_or(0) + 1,
                u32::try_from(next(28)).unwrap_or(0) + 1,
            ) else {
                continue;
            };
            let nanos = match next(5) {
                0 => 0,
                1 => next(1000) * 1_000_000,
                2 => next(1_000_000) * 1000,
                3 => next(1_000_000_000),
                _ => 1_000_000_000 + next(1000) * 1_000_000, // a leap second
            };
            let second = if nanos >= 1_000_000_000 { 59 } else { next(60) };
            let time = NaiveTime::from_hms_nano_opt(
                u32::try_from(next(24)).unwrap_or(0),
                u32::try_from(next(60)).unwrap_or(0),
                u32::try_from(second).unwrap_or(0),
                u32::try_from(nanos).unwrap_or(0),
            )
            .unwrap_or(NaiveTime::MIN);
            let offset = FixedOffset::east_opt(
                i32::try_from(next(2 * 86_340)).unwrap_or(0) / 60 * 60 - 86_340,
            )
            .unwrap_or(FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()));
            let Some(at) = offset.from_local_datetime(&date.and_time(time)).single() else {
                continue;
            };
            let instant = Instant(at);
            assert_eq!(
                instant.to_string(),
                at.to_rfc3339_opts(SecondsFormat::AutoSi, false)
            );
            let tz = FixedOffset::east_opt(8 * 3600).unwrap_or(offset);
            assert_eq!(
                instant.format_in(tz),
                at.with_timezone(&tz)
                    .to_rfc3339_opts(SecondsFormat::Secs, false)
            );
            assert_eq!(ymd(date), date.format("%Y-%m-%d").to_string());
            if (0..=9999).contains(&year) {
                assert_eq!(Date::parse(&ymd(date)), Ok(Date(date)));
            }
        }
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2025-02-29",
            "0000-00-00",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.0),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap_or_default())
        );
    }
}
