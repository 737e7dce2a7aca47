//! Instants, dates and time zones as kefu reads and writes them.
//!
//! API.md: instants are RFC 3339 strings *with* an offset; dates are `YYYY-MM-DD`; day
//! boundaries are taken in the policy's time zone. Nothing here reads the wall clock: every
//! time kefu uses comes from the caller.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, TimeZone,
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
        if text.len() > MAX_TIME_TEXT {
            return Err(format!("an instant is at most {MAX_TIME_TEXT} characters"));
        }
        DateTime::parse_from_rfc3339(text).map(Instant).map_err(|e| {
            format!("expected an RFC 3339 instant with an offset such as \"2026-03-01T10:00:00+08:00\" ({e})")
        })
    }

    /// The calendar date of this instant in `tz`.
    pub fn date_in(self, tz: FixedOffset) -> NaiveDate {
        self.0.with_timezone(&tz).date_naive()
    }

    /// Written as RFC 3339 in `tz`, to the second (`2026-03-09T00:00:00+08:00`).
    pub fn format_in(self, tz: FixedOffset) -> String {
        let local = self.0.with_timezone(&tz).naive_local();
        let (date, time) = (local.date(), local.time());
        if (0..=9999).contains(&date.year()) {
            let mut out = String::with_capacity(25);
            push_ymd(&mut out, date);
            out.push('T');
            push2(&mut out, time.hour());
            out.push(':');
            push2(&mut out, time.minute());
            out.push(':');
            push2(&mut out, time.second());
            let offset = tz.local_minus_utc();
            out.push(if offset < 0 { '-' } else { '+' });
            let offset = offset.unsigned_abs() / 60;
            push2(&mut out, offset / 60);
            out.push(':');
            push2(&mut out, offset % 60);
            return out;
        }
        self.format_in_slow(tz)
    }

    fn format_in_slow(self, tz: FixedOffset) -> String {
        self.0
            .with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, false)
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, false))
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
                Instant::parse(v).map_err(E::custom)
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
        let shape_ok = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !shape_ok {
            return Err(String::from("expected a date as \"YYYY-MM-DD\""));
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| format!("{text} is not a date on the calendar"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&ymd(self.0))
    }
}

/// `YYYY-MM-DD`, written by hand: chrono's `format` parses its pattern on every call, and
/// decisions write several dates each.
pub fn ymd(date: NaiveDate) -> String {
    if (0..=9999).contains(&date.year()) {
        let mut out = String::with_capacity(10);
        push_ymd(&mut out, date);
        out
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

fn push_ymd(out: &mut String, date: NaiveDate) {
    let y = date.year().unsigned_abs();
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
                Date::parse(v).map_err(E::custom)
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
