//! The notice importer on the State Council's real notices (tests/calendar/notices, sources
//! in SOURCES.md there): each must import to the days kefu already has for that year.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Datelike, NaiveDate};
use kefu_core::{calendar::notice, Engine};
use serde_json::json;

fn notice_text(year: i32) -> String {
    let path = format!(
        "{}/../tests/calendar/notices/{year}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Days of `year` where the imported notice and the built-in calendar differ.
fn differences(year: i32) -> Vec<String> {
    let text = notice_text(year);
    let (read_year, entry) = notice::read(&text).unwrap();
    assert_eq!(read_year, year);
    let names: Vec<String> = entry.holidays.iter().map(|h| h.name.clone()).collect();
    // Through the policy, so validate_policy's checks (every statutory holiday off) apply.
    let years = kefu_core::calendar_from_notice(&text).unwrap();
    let imported = Engine::from_value(&json!({"calendar": {"years": years}})).unwrap();
    let builtin = Engine::from_value(&serde_json::Value::Null).unwrap();
    let mut out = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    while d.year() == year {
        let (a, b) = (
            imported.calendar().day(d).unwrap(),
            builtin.calendar().day(d).unwrap(),
        );
        let same_name = match (&a.holiday, &b.holiday) {
            (Some(x), Some(y)) => x.split('、').any(|n| n == y),
            (x, y) => x == y,
        };
        if a.workday != b.workday || a.kind != b.kind || !same_name {
            out.push(format!(
                "{d}: notice {:?} {:?}, built-in {:?} {:?}",
                a.kind, a.holiday, b.kind, b.holiday
            ));
        }
        d = d.succ_opt().unwrap();
    }
    assert!(!names.is_empty());
    out
}

#[test]
fn notices_2024_to_2026_import_to_exactly_the_built_in_days() {
    for year in [2024, 2025, 2026] {
        assert_eq!(differences(year), Vec::<String>::new(), "{year}");
    }
}

#[test]
fn notices_2021_to_2023_agree_but_for_the_next_notice_s_new_year() {
    // The built-in December days named 元旦 come from the next year's notice (2023's
    // "2022年12月31日至2023年1月2日"), which this year's notice cannot know.
    for year in [2021, 2022, 2023] {
        let diff: Vec<String> = differences(year)
            .into_iter()
            .filter(|d| !(d.contains("-12-") && d.contains("\"元旦\"")))
            .collect();
        assert_eq!(diff, Vec::<String>::new(), "{year}");
    }
}

#[test]
fn notice_2020_differs_by_the_later_extension_only() {
    // 国办发明电〔2020〕1号 extended the Spring Festival to 2 February 2020; the built-in data
    // (chinesecalendar) has the extension, the notice of 2019 does not.
    let diff = differences(2020);
    let dates: Vec<&str> = diff.iter().map(|d| &d[..10]).collect();
    assert_eq!(
        dates,
        ["2020-01-31", "2020-02-01", "2020-02-02"],
        "{diff:#?}"
    );
}

#[test]
fn a_wrong_date_in_a_real_notice_is_refused_with_its_sentence() {
    let text = notice_text(2026).replace("5月9日（周六）上班", "5月9日（周日）上班");
    let e = notice::read(&text).unwrap_err();
    assert_eq!(e.code, kefu_core::ErrorCode::InvalidInput);
    assert!(e.message.contains("5月9日（周日）上班"), "{}", e.message);
}
