//! `kefu diff-policy` (issue 20 part 3): two policies that differ in one window, a history of
//! requests, and every changed row checked by deciding it separately under each policy.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use std::process::Command;

fn dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("kefu-diff-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn every_changed_row_is_what_each_policy_decides_alone() {
    let d = dir();
    let old = json!({"id": "shop", "version": "1"});
    let new = json!({"id": "shop", "version": "2", "returns": {"windows": {"categories": {"apparel": {"days": 15}}}}});
    std::fs::write(d.join("old.json"), old.to_string()).unwrap();
    std::fs::write(d.join("new.json"), new.to_string()).unwrap();
    // 400 requests over 20 days after signing, two categories, and one row that is not JSON.
    let mut rows = Vec::new();
    for i in 0..400u32 {
        let category = if i % 2 == 0 { "apparel" } else { "shoes" };
        let day = 2 + (i % 20);
        rows.push(
            json!({"id": format!("r{i}"), "reason": "no_reason", "category": category,
            "signed_at": "2026-03-02T10:00:00+08:00",
            "requested_at": format!("2026-03-{day:02}T12:00:00+08:00")})
            .to_string(),
        );
    }
    rows.push(String::from("{not json"));
    std::fs::write(d.join("rows.jsonl"), rows.join("\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["diff-policy", "--old"])
        .arg(d.join("old.json"))
        .arg("--new")
        .arg(d.join("new.json"))
        .arg("check-return")
        .arg(d.join("rows.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "rows changed: exit 1");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, changes) = lines.split_last().unwrap();
    let old_engine = kefu_core::Engine::from_value(&old).unwrap();
    let new_engine = kefu_core::Engine::from_value(&new).unwrap();
    let mut expected_changed = 0;
    let mut seen = changes.iter().peekable();
    let mut flips = 0;
    for (i, row) in rows.iter().enumerate().take(400) {
        let request: Value = serde_json::from_str(row).unwrap();
        let a = old_engine
            .decide("check_return", &request)
            .unwrap()
            .to_lean_json();
        let b = new_engine
            .decide("check_return", &request)
            .unwrap()
            .to_lean_json();
        if a == b {
            assert!(
                seen.peek().is_none_or(|c| c["index"] != i),
                "row {i} reported but unchanged"
            );
            continue;
        }
        expected_changed += 1;
        let c = seen
            .next()
            .unwrap_or_else(|| panic!("row {i} changed but not reported"));
        assert_eq!(c["index"], i);
        assert_eq!(c["id"], request["id"]);
        for field in ["verdict", "window_last_day", "window_source"] {
            assert_eq!(c["old"][field], a[field], "row {i} old {field}");
            assert_eq!(c["new"][field], b[field], "row {i} new {field}");
        }
        if a["verdict"] != b["verdict"] {
            flips += 1;
            assert!(c["codes_removed"]
                .as_array()
                .unwrap()
                .contains(&json!("RETURN_WINDOW_EXPIRED")));
        }
    }
    assert!(seen.next().is_none(), "no extra rows");
    // Apparel rows only: shoes keep the law's window under both policies.
    assert_eq!(expected_changed, 200);
    let s = &summary["summary"];
    assert_eq!(s["rows_read"], 401);
    assert_eq!(s["rows_changed"], expected_changed);
    assert_eq!(s["rows_failed"], 1);
    assert_eq!(s["transitions"]["ineligible -> eligible"], flips);
    assert!(flips > 0);
    assert_eq!(s["codes_added"]["SHOP_RETURN_WINDOW"], expected_changed);
}

#[test]
fn the_same_policy_changes_nothing_and_exits_0() {
    let d = dir();
    std::fs::write(d.join("same.json"), "{}").unwrap();
    std::fs::write(d.join("one.jsonl"), r#"{"reason":"no_reason","category":"apparel","signed_at":"2026-03-02T10:00:00+08:00","requested_at":"2026-03-05T10:00:00+08:00"}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["diff-policy", "--old"])
        .arg(d.join("same.json"))
        .arg("--new")
        .arg(d.join("same.json"))
        .arg("check-return")
        .arg(d.join("one.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert_eq!(last["summary"]["rows_read"], 1);
    assert_eq!(last["summary"]["rows_changed"], 0);
}

#[test]
fn policy_is_refused_as_it_names_neither_side() {
    let out = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args([
            "--policy",
            "x.json",
            "diff-policy",
            "--old",
            "a.json",
            "--new",
            "b.json",
            "check-return",
            "-",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("--old FILE and --new FILE"));
}

#[test]
fn a_bad_proposed_policy_stops_before_any_row_naming_the_file_and_path() {
    let d = dir();
    std::fs::write(d.join("ok.json"), "{}").unwrap();
    std::fs::write(
        d.join("bad.json"),
        r#"{"returns":{"windows":{"tags":{"clearance":{"days":0}}}}}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["diff-policy", "--old"])
        .arg(d.join("ok.json"))
        .arg("--new")
        .arg(d.join("bad.json"))
        .args(["check-return", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.json") && err.contains("/returns/windows/tags/clearance/days"),
        "{err}"
    );
}
