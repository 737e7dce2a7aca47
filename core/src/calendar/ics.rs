//! The working calendar of a year as an iCalendar file (RFC 5545) that an agent's calendar
//! app can import or subscribe to: each holiday period, make-up working day (调休) and shop
//! closure an all-day event; a provisional year's events say so in their titles.
//!
//! Reproducible like every kefu answer: `DTSTAMP` is the start of the year, not the clock.

use super::{Calendar, DayKind};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// Longest content line in octets before folding (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

impl Calendar {
    /// The working calendar of `year` as iCalendar text (CRLF line ends).
    pub fn to_ics(&self, year: i32) -> Result<String> {
        let days = self.days();
        let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| {
            Error::invalid_input("/year", format!("{year} is not a year"))
                .with_zh(format!("{year}不是有效的年份"))
        })?;
        days.day(first)
            .map_err(|e| e.needed_for("the year's first day", "该年第一天", "/year"))?;
        let provisional = days.provisional().is_some();
        let mut out = String::new();
        let mut line = |s: &str| fold(&mut out, s);
        line("BEGIN:VCALENDAR");
        line("VERSION:2.0");
        line(&format!("PRODID:-//kefu//kefu {}//ZH", crate::VERSION));
        line("CALSCALE:GREGORIAN");
        let mark = if provisional { "（暂定）" } else { "" };
        line(&format!("X-WR-CALNAME:{year}年工作日历{mark}"));
        line("X-WR-TIMEZONE:Asia/Shanghai");
        // Runs of one kind (and one holiday name) become one event.
        let mut d = first;
        while d.year() == year {
            let info = days.day(d)?;
            let mut end = d;
            while let Some(next) = end.succ_opt().filter(|n| n.year() == year) {
                let n = days.day(next)?;
                let same = match info.kind {
                    DayKind::Holiday => n.kind == DayKind::Holiday && n.holiday == info.holiday,
                    DayKind::Weekend | DayKind::Workday => false,
                    k => n.kind == k,
                };
                if !same {
                    break;
                }
                end = next;
            }
            let summary = match info.kind {
                DayKind::Holiday => Some(format!(
                    "{}放假{mark}",
                    info.holiday.as_deref().unwrap_or("节假日")
                )),
                DayKind::MakeupWorkday => Some(String::from("调休上班")),
                DayKind::Closure => Some(format!("店休{mark}")),
                DayKind::Workday | DayKind::Weekend => None,
            };
            if let Some(summary) = summary {
                let dtend = end.succ_opt().unwrap_or(end);
                line("BEGIN:VEVENT");
                let kind = format!("{:?}", info.kind).to_lowercase();
                line(&format!("UID:kefu-{}-{kind}@kefu", d.format("%Y%m%d")));
                line(&format!("DTSTAMP:{year}0101T000000Z"));
                line(&format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d")));
                line(&format!("DTEND;VALUE=DATE:{}", dtend.format("%Y%m%d")));
                line(&format!("SUMMARY:{}", escape(&summary)));
                if info.provisional {
                    let note = format!(
                        "暂定：{year}年的放假安排尚未公布，按《全国年节及纪念日放假办法》推算，未含调休。Provisional: the State Council has not announced {year}; statutory holidays only, no make-up working days."
                    );
                    line(&format!("DESCRIPTION:{}", escape(&note)));
                }
                line("TRANSP:TRANSPARENT");
                line("END:VEVENT");
            }
            match end.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        line("END:VCALENDAR");
        Ok(out)
    }
}

/// Escape a TEXT value (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Write `s` as content lines of at most [`LINE_OCTETS`] octets, never splitting a character.
fn fold(out: &mut String, s: &str) {
    let mut used = 0;
    for c in s.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::policy::CalendarPolicy;

    fn cal() -> super::Calendar {
        super::Calendar::new(
            &CalendarPolicy::default(),
            chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn announced_year_has_holidays_and_makeup_days() {
        let ics = cal().to_ics(2026).unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nUID:kefu-20260215-holiday@kefu\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains(
            "DTSTART;VALUE=DATE:20260215\r\nDTEND;VALUE=DATE:20260224\r\nSUMMARY:春节放假\r\n"
        ));
        assert!(ics.contains(
            "DTSTART;VALUE=DATE:20260214\r\nDTEND;VALUE=DATE:20260215\r\nSUMMARY:调休上班\r\n"
        ));
        assert!(!ics.contains("暂定"));
        assert!(ics.split("\r\n").all(|l| l.len() <= 75), "folded");
    }

    #[test]
    fn provisional_year_is_marked() {
        let ics = cal().to_ics(2027).unwrap();
        assert!(ics.contains("SUMMARY:元旦放假（暂定）"));
        assert!(!ics.contains("调休上班"));
        assert!(ics.contains("DESCRIPTION:暂定"));
        let e = cal().to_ics(2100).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::CalendarYearUnknown);
        assert_eq!(e.path.as_deref(), Some("/year"));
    }
}
