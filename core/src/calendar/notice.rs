//! Reading the State Council's yearly holiday notice (国务院办公厅关于…部分节假日安排的通知),
//! pasted as text, into a `calendar.years` entry.
//!
//! The notice lists one item per holiday: "二、春节：2月15日（农历腊月二十八、周日）至23日
//! （农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。" Each item's
//! 放假 clause is a holiday period (a single day or "A至B", the month or year of B taken from
//! A when B omits them), each 上班 clause lists make-up working days. What is read is checked
//! against the text itself: a weekday in brackets must be that date's weekday and "共N天" /
//! "放假N天" must be the period's length. Anything else with a date in a 放假 or 上班 sentence
//! that cannot be read is refused with the sentence, never skipped. Sentences without either
//! word (the 2024 notice's "鼓励…安排职工在除夕（2月9日）休息") are advice, not arrangements.
//!
//! A period that starts in the previous year (2023's "2022年12月31日至2023年1月2日") is cut
//! to the notice's year: each `calendar.years` entry holds its own year's days.
//!
//! Hand-written rather than a regular-expression crate: the grammar is small, and the browser
//! package has a size budget.

use crate::error::{Error, Result};
use crate::policy::{HolidayPolicy, YearPolicy};
use crate::time::Date;
use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{json, Value};

/// Longest notice read (a real one is about 1,500 characters).
const MAX_CHARS: usize = 20_000;

const NUMERALS: &str = "一二三四五六七八九十";

/// The notice's year and its `calendar.years` entry.
pub fn read(text: &str) -> Result<(i32, YearPolicy)> {
    if text.chars().count() > MAX_CHARS {
        return Err(refuse(
            format!("a notice is at most {MAX_CHARS} characters"),
            format!("通知全文最多{MAX_CHARS}个字符"),
        ));
    }
    let text = normalise(text);
    let year = notice_year(&text).ok_or_else(|| {
        refuse(
            String::from(
                "the notice names no year: expected \"现将2027年…\" or \"关于2027年部分节假日安排的通知\"",
            ),
            String::from(
                "通知中找不到年份：应有“现将2027年…”或“关于2027年部分节假日安排的通知”",
            ),
        )
    })?;
    let items = items(&text);
    if items.is_empty() {
        return Err(refuse(
            String::from("no holiday item found: expected items such as \"一、元旦：1月1日放假…\""),
            String::from("通知中找不到节假日条目：应有“一、元旦：1月1日放假…”这样的条目"),
        ));
    }
    let mut entry = YearPolicy {
        holidays: Vec::new(),
        workdays: Vec::new(),
    };
    for (name, body) in items {
        for sentence in body.split('。') {
            read_sentence(year, &name, sentence, &mut entry)?;
        }
    }
    Ok((year, entry))
}

/// `{"2027": {"holidays": [...], "workdays": [...]}}`, ready to merge into `calendar.years`.
pub fn to_years_value(text: &str) -> Result<Value> {
    let (year, entry) = read(text)?;
    let entry = serde_json::to_value(&entry).unwrap_or(Value::Null);
    Ok(json!({ year.to_string(): entry }))
}

fn refuse(message: String, message_zh: String) -> Error {
    Error::invalid_input("/text", message).with_zh(message_zh)
}

/// Why a sentence cannot be read, in English and in Chinese.
type Why = (String, String);

fn why(en: impl Into<String>, zh: impl Into<String>) -> Why {
    (en.into(), zh.into())
}

fn refuse_at(sentence: &str, (why, why_zh): Why) -> Error {
    let shown: String = sentence.chars().take(80).collect();
    let more = if sentence.chars().count() > 80 {
        "…"
    } else {
        ""
    };
    refuse(
        format!("cannot read 「{shown}{more}」: {why}"),
        format!("无法识别「{shown}{more}」：{why_zh}"),
    )
}

/// A weekday as the notice writes it.
fn weekday_zh(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// Full-width digits and ASCII punctuation (text pasted through other tools) as the notice
/// writes them; whitespace dropped (a PDF copy breaks lines anywhere).
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            ';' => '；',
            _ => c,
        })
        .collect()
}

/// The four digits before 年 after "现将" or "关于".
fn notice_year(text: &str) -> Option<i32> {
    ["现将", "关于"].iter().find_map(|lead| {
        number_between(text, lead, '年')
            .filter(|&(_, digits)| digits == 4)
            .and_then(|(n, _)| i32::try_from(n).ok())
    })
}

/// The first number written right after `lead` and right before `unit` ("共9天"), with how
/// many digits it has.
fn number_between(text: &str, lead: &str, unit: char) -> Option<(i64, usize)> {
    let mut rest = text;
    while let Some(i) = rest.find(lead) {
        rest = rest.get(i + lead.len()..)?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = rest.get(digits.len()..).unwrap_or_default();
        if !digits.is_empty() && after.starts_with(unit) {
            return Some((digits.parse().ok()?, digits.len()));
        }
    }
    None
}

/// `(name, body)` of each item "X、名称：…" in order; a name may join two festivals
/// ("国庆节、中秋节").
fn items(text: &str) -> Vec<(String, String)> {
    let mut starts: Vec<(usize, usize, String)> = Vec::new(); // (item start, body start, name)
    for (i, c) in text.char_indices() {
        if !NUMERALS.contains(c) {
            continue;
        }
        let after = &text[i + c.len_utf8()..];
        let after = after.trim_start_matches(|c| NUMERALS.contains(c));
        let Some(after) = after.strip_prefix('、') else {
            continue;
        };
        // A name is at most 12 characters: look no further for its colon (a long text of
        // numerals must not make this quadratic).
        let Some(colon) = after
            .char_indices()
            .take(16)
            .find(|&(_, c)| c == '：')
            .map(|(k, _)| k)
        else {
            continue;
        };
        let name = &after[..colon];
        let known = !name.is_empty()
            && name
                .split('、')
                .all(|n| super::statute::festival(n).is_some());
        if known && name.chars().count() <= 12 {
            let body_start = text.len() - after.len() + colon + '：'.len_utf8();
            starts.push((i, body_start, name.to_owned()));
        }
    }
    let mut out = Vec::new();
    for (k, (_, body, name)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |n| n.0);
        out.push((name.clone(), text.get(*body..end).unwrap_or("").to_owned()));
    }
    out
}

/// A date written in the text, with the weekday its bracket gives, if any.
struct Written {
    date: NaiveDate,
    weekday: Option<Weekday>,
}

fn read_sentence(year: i32, name: &str, sentence: &str, entry: &mut YearPolicy) -> Result<()> {
    let off = sentence.contains("放假");
    let work = sentence.contains("上班");
    if !off && !work {
        return Ok(());
    }
    for clause in sentence.split(['，', '；']) {
        let dates = dates_in(year, clause).map_err(|why| refuse_at(sentence, why))?;
        if dates.is_empty() {
            continue;
        }
        for w in &dates {
            if let Some(wd) = w.weekday {
                if w.date.weekday() != wd {
                    return Err(refuse_at(
                        sentence,
                        why(
                            format!(
                                "{} is a {:?}, not the weekday in brackets",
                                w.date,
                                w.date.weekday()
                            ),
                            format!(
                                "{}是{}，与括号中的星期不符",
                                w.date,
                                weekday_zh(w.date.weekday())
                            ),
                        ),
                    ));
                }
            }
        }
        if clause.contains("上班") {
            for w in dates.iter().filter(|w| w.date.year() == year) {
                // In date order, once each (in place: a sort adds 2 KB to the wasm build).
                if let Err(i) = entry.workdays.binary_search(&Date(w.date)) {
                    entry.workdays.insert(i, Date(w.date));
                }
            }
        } else if clause.contains("放假") {
            let (from, to) = match dates.as_slice() {
                [one] => (one.date, one.date),
                [a, b] if clause.contains('至') => (a.date, b.date),
                _ => {
                    return Err(refuse_at(
                        sentence,
                        why(
                            "a holiday is one date or \"A至B\"",
                            "放假应写一个日期或“A至B”",
                        ),
                    ))
                }
            };
            if to < from {
                return Err(refuse_at(
                    sentence,
                    why(
                        "the period ends before it starts",
                        "放假结束日期早于开始日期",
                    ),
                ));
            }
            let days = (to - from).num_days() + 1;
            if let Some(n) = stated_days(sentence) {
                if n != days {
                    return Err(refuse_at(
                        sentence,
                        why(
                            format!("{from} to {to} is {days} days, the text says {n}"),
                            format!("{from}至{to}共{days}天，原文写的是{n}天"),
                        ),
                    ));
                }
            }
            let first = NaiveDate::from_ymd_opt(year, 1, 1);
            let last = NaiveDate::from_ymd_opt(year, 12, 31);
            let (from, to) = match (first, last) {
                (Some(f), Some(l)) => (from.max(f), to.min(l)),
                _ => (from, to),
            };
            if from <= to {
                entry.holidays.push(HolidayPolicy {
                    name: name.to_owned(),
                    from: Date(from),
                    to: Date(to),
                });
            }
        } else {
            return Err(refuse_at(
                sentence,
                why(
                    "a date that is neither 放假 nor 上班",
                    "日期既不是放假也不是上班",
                ),
            ));
        }
    }
    Ok(())
}

/// N of "共N天" or "放假N天".
fn stated_days(sentence: &str) -> Option<i64> {
    ["共", "放假"]
        .iter()
        .find_map(|lead| number_between(sentence, lead, '天').map(|(n, _)| n))
}

/// Every date of a clause: "[YYYY年]M月D日", or "D日" / "M月D日" after 至 taking the year
/// and month from the date before; each with the weekday of a bracket right after it.
fn dates_in(year: i32, clause: &str) -> std::result::Result<Vec<Written>, Why> {
    let chars: Vec<char> = clause.chars().collect();
    let mut out: Vec<Written> = Vec::new();
    let mut i = 0;
    let number = |i: &mut usize| -> Option<u32> {
        let start = *i;
        while chars.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        let s: String = chars.get(start..*i)?.iter().collect();
        s.parse().ok()
    };
    while i < chars.len() {
        if chars.get(i) == Some(&'（') {
            // Skip a bracket not right after a date (its weekday is read with the date).
            while i < chars.len() && chars.get(i) != Some(&'）') {
                i += 1;
            }
            i += 1;
            continue;
        }
        if !chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
            continue;
        }
        let (mut y, mut m) = out
            .last()
            .map_or((year, None), |w| (w.date.year(), Some(w.date.month())));
        let mut n = number(&mut i).ok_or_else(|| why("a number", "数字无法识别"))?;
        if chars.get(i) == Some(&'年') {
            y = i32::try_from(n).map_err(|_| why("a year", "年份无法识别"))?;
            i += 1;
            n = number(&mut i).ok_or_else(|| why("a month after the year", "年份后缺少月份"))?;
        }
        if chars.get(i) == Some(&'月') {
            m = Some(n);
            i += 1;
            n = number(&mut i).ok_or_else(|| why("a day after the month", "月份后缺少日"))?;
        }
        if chars.get(i) != Some(&'日') {
            // A number that is no date ("共9天", "放假1天"): not ours to read.
            continue;
        }
        i += 1;
        let month =
            m.ok_or_else(|| why(format!("{n}日 has no month"), format!("{n}日缺少月份")))?;
        let date = NaiveDate::from_ymd_opt(y, month, n).ok_or_else(|| {
            why(
                format!("{y}-{month}-{n} is not a date"),
                format!("{y}年{month}月{n}日不是有效日期"),
            )
        })?;
        let mut weekday = None;
        if chars.get(i) == Some(&'（') {
            let end = chars
                .get(i..)
                .and_then(|rest| rest.iter().position(|&c| c == '）'))
                .map(|p| p + i);
            let inside: String = chars
                .get(i + 1..end.unwrap_or(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect();
            weekday = weekday_in(&inside);
            i = end.map_or(chars.len(), |e| e + 1);
        }
        out.push(Written { date, weekday });
    }
    Ok(out)
}

/// The weekday of "周日", "星期六", "农历除夕、周二".
fn weekday_in(bracket: &str) -> Option<Weekday> {
    for lead in ["星期", "周"] {
        if let Some(i) = bracket.find(lead) {
            let c = bracket[i + lead.len()..].chars().next()?;
            return match c {
                '一' => Some(Weekday::Mon),
                '二' => Some(Weekday::Tue),
                '三' => Some(Weekday::Wed),
                '四' => Some(Weekday::Thu),
                '五' => Some(Weekday::Fri),
                '六' => Some(Weekday::Sat),
                '日' | '天' => Some(Weekday::Sun),
                _ => None,
            };
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_item_with_a_period_and_makeup_days() {
        let text = "经国务院批准，现将2026年元旦…通知如下。\n二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。";
        let (year, e) = read(text).unwrap();
        assert_eq!(year, 2026);
        assert_eq!(e.holidays.len(), 1);
        assert_eq!(
            (e.holidays[0].from.to_string(), e.holidays[0].to.to_string()),
            ("2026-02-15".into(), "2026-02-23".into())
        );
        let w: Vec<String> = e.workdays.iter().map(ToString::to_string).collect();
        assert_eq!(w, ["2026-02-14", "2026-02-28"]);
    }

    #[test]
    fn refuses_what_contradicts_itself_with_the_sentence() {
        let wrong_weekday = "现将2026年…如下。一、元旦：1月1日（周五）放假，共1天。";
        let e = read(wrong_weekday).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/text"));
        assert!(e.message.contains("1月1日（周五）放假"), "{}", e.message);
        let wrong_count = "现将2026年…如下。一、元旦：1月1日至3日放假，共4天。";
        assert!(read(wrong_count)
            .unwrap_err()
            .message
            .contains("3 days, the text says 4"));
        assert!(read("一、元旦：1月1日放假。")
            .unwrap_err()
            .message
            .contains("no year"));
        assert!(read("现将2026年如下。")
            .unwrap_err()
            .message
            .contains("no holiday item"));
    }
}
