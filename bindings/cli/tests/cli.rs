//! The `kefu` binary as a user runs it: rows in, one row out per row in, in order; exit
//! codes; CSV both ways; policies; and every shared case replayed through JSON Lines.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{kefu, lines, row_holds};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const GOOD: &str = r#"{"reason":"no_reason","category":"apparel","signed_at":"2026-03-01T23:59:00+08:00","requested_at":"2026-03-08T21:30:00+08:00"}"#;

#[test]
fn every_row_in_gives_one_row_out_in_order() {
    // A blank line (issue 18 item 9) is not a row; a line that is not JSON is.
    let input =
        format!("{GOOD}\n{{\"reason\":\"no_reason\"}}\nnot json\n\n  \r\n\"a string\"\n{GOOD}\n\n");
    let out = kefu(&["check-return"], &input);
    assert_eq!(out.status.code(), Some(1), "some rows failed");
    let rows = lines(&out);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().enumerate().all(|(i, r)| r["index"] == i));
    let oks: Vec<bool> = rows.iter().map(|r| r["ok"].as_bool().unwrap()).collect();
    assert_eq!(oks, [true, false, false, false, true]);
    assert_eq!(rows[1]["error"]["path"], "/category");
    assert_eq!(rows[2]["error"]["code"], "INVALID_JSON");
    assert_eq!(rows[3]["error"]["code"], "INVALID_INPUT");
    assert_eq!(rows[4]["decision"]["verdict"], "eligible");
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 rows, 3 failed"));

    let allowed = kefu(&["check-return", "--allow-errors"], &input);
    assert_eq!(allowed.status.code(), Some(0));
    assert_eq!(lines(&allowed), rows);
    let empty = kefu(&["check-return"], "");
    assert_eq!((empty.status.code(), empty.stdout.len()), (Some(0), 0));
}

#[test]
fn a_line_too_long_is_one_error_row_and_the_next_rows_follow() {
    let long = format!("{{\"order_id\": \"{}\"}}", "x".repeat(17 * 1024 * 1024));
    let out = kefu(&["check-return"], &format!("{GOOD}\n{long}\n{GOOD}\n"));
    let rows = lines(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (rows[1]["ok"].as_bool(), rows[1]["error"]["code"].as_str()),
        (Some(false), Some("INVALID_JSON"))
    );
    assert_eq!(
        (
            rows[0]["ok"].as_bool(),
            rows[2]["ok"].as_bool(),
            rows[2]["index"].as_u64()
        ),
        (Some(true), Some(true), Some(2))
    );
}

#[test]
fn csv_in_and_out() {
    let csv = "order_id,reason,category,signed_at,requested_at,condition.seal_broken,gifts\n\
               TB1,no_reason,cosmetics,2026-04-02T12:00:00+08:00,2026-04-03T12:00:00+08:00,true,\n\
               TB2,no_reason,apparel,2026-03-01T23:59:00+08:00,2026-03-08T21:30:00+08:00,,\"[{\"\"marked_price_cents\"\":1500,\"\"returned\"\":false}]\"\n\
               TB3,no_reason,,2026-03-01T23:59:00+08:00,2026-03-08T21:30:00+08:00,,\n";
    let out = kefu(&["check-return", "--from", "csv", "--to", "csv"], csv);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        &header[..8],
        [
            "index",
            "ok",
            "error_code",
            "error_path",
            "error_message",
            "id",
            "order_id",
            "verdict"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][col("verdict")], "ineligible");
    assert_eq!(
        &rows[0][col("reason_codes")],
        "WITHIN_RETURN_WINDOW|SEAL_BROKEN"
    );
    assert_eq!(&rows[1][col("verdict")], "eligible");
    let decision: Value = serde_json::from_str(&rows[1][col("decision")]).unwrap();
    assert_eq!(decision["deductions"][0]["kind"], "gift_not_returned");
    assert_eq!(
        (&rows[2][col("ok")], &rows[2][col("error_path")]),
        ("false", "/category")
    );
    // Every row carries its order number, the failed one too (issue 18 item 13).
    let ids: Vec<&str> = rows.iter().map(|r| &r[col("order_id")]).collect();
    assert_eq!(ids, ["TB1", "TB2", "TB3"]);
}

#[test]
fn policies_and_commands_that_cannot_run() {
    let dir = std::env::temp_dir().join(format!("kefu-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"returns": {"no_reason_days": 5}, "colour": 1}"#).unwrap();
    let good = dir.join("good.json");
    std::fs::write(
        &good,
        r#"{"id": "shop", "returns": {"no_reason_days": 15}}"#,
    )
    .unwrap();

    let problems = kefu(&["validate-policy", bad.to_str().unwrap()], "");
    assert_eq!(problems.status.code(), Some(1));
    let listed = String::from_utf8(problems.stdout).unwrap();
    assert!(
        listed.contains("/returns/no_reason_days\t") && listed.contains("/colour\t"),
        "{listed}"
    );
    assert_eq!(
        kefu(&["validate-policy", good.to_str().unwrap()], "")
            .status
            .code(),
        Some(0)
    );

    let refused = kefu(&["check-return", "--policy", bad.to_str().unwrap()], GOOD);
    assert_eq!((refused.status.code(), refused.stdout.len()), (Some(2), 0));
    let late = r#"{"reason":"no_reason","category":"apparel","signed_at":"2026-03-01T23:59:00+08:00","requested_at":"2026-03-12T10:00:00+08:00"}"#;
    let shop = lines(&kefu(
        &["check-return", "--policy", good.to_str().unwrap()],
        late,
    ));
    assert_eq!(
        (
            shop[0]["decision"]["verdict"].as_str(),
            shop[0]["decision"]["policy"]["id"].as_str()
        ),
        (Some("eligible"), Some("shop"))
    );

    for args in [
        &["no-such-kind"][..],
        &["check-return", "--from", "xml"],
        &["check-return", "a", "b"],
        &["check-return", "/no/such/file"],
    ] {
        assert_eq!(kefu(args, "").status.code(), Some(2), "{args:?}");
    }
    let kinds = String::from_utf8(kefu(&["kinds"], "").stdout).unwrap();
    assert!(kinds.lines().any(|k| k == "classify-complaint"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Every shared case with the default policy, as one JSON Lines file per suite.
#[test]
fn every_shared_case_through_json_lines() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let suite: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let kind = suite["kind"].as_str().unwrap().replace('_', "-");
        let cases: Vec<&Value> = suite["cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c.get("policy").is_none() && c.get("input").is_some_and(|i| !i.is_string()))
            .collect();
        let input: String = cases.iter().map(|c| format!("{}\n", c["input"])).collect();
        let rows = lines(&kefu(&[&kind, "--allow-errors"], &input));
        assert_eq!(rows.len(), cases.len(), "{kind}");
        for (case, row) in cases.iter().zip(&rows) {
            assert!(row_holds(case, row), "{kind}: {}\n{row}", case["name"]);
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} cases");
}

/// The progress line: on stderr, only when the input is a file and stderr is a terminal (a
/// terminal is given here by util-linux `script`); never mixed into the output rows.
#[test]
fn progress_only_on_a_terminal() {
    let dir = std::env::temp_dir().join(format!("kefu-cli-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("rows.jsonl");
    std::fs::write(&input, format!("{GOOD}\n").repeat(20_000)).unwrap();
    let out = dir.join("out.jsonl");
    let command = format!(
        "{} check-return {} -o {}",
        env!("CARGO_BIN_EXE_kefu"),
        input.display(),
        out.display()
    );
    let tty = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .output()
        .expect("util-linux `script` runs the command on a terminal");
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(shown.contains("\r20000 rows, 0 failed, 100%"), "{shown:?}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().lines().count(),
        20_000
    );
    let piped = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args([
            "check-return",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&piped.stderr).contains('\r'));
    std::fs::remove_dir_all(dir).unwrap();
}

/// A panic inside kefu (the test build's probe kind) is an `INTERNAL` error row in its place;
/// the run goes on to the last row.
#[cfg(feature = "panic-probe")]
#[test]
fn a_panic_is_an_error_row_and_the_run_goes_on() {
    let out = kefu(&["panic-probe", "--allow-errors"], &"{}\n".repeat(300));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = lines(&out);
    assert_eq!(rows.len(), 300);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["index"], i);
        assert_eq!(row["error"]["code"], "INTERNAL");
    }
}

#[cfg(not(feature = "panic-probe"))]
#[test]
fn without_the_test_feature_there_is_no_probe_kind() {
    assert_eq!(kefu(&["panic-probe"], "{}\n").status.code(), Some(2));
}

/// Rows for a run that never ends by itself: the feeder writes until the command stops reading.
fn endless_input(mut stdin: std::process::ChildStdin) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let block = format!("{GOOD}\n{{\"reason\":5}}\n").repeat(512);
        while stdin.write_all(block.as_bytes()).is_ok() {}
    })
}

fn signal(pid: u32, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// Every line whole, valid JSON, indexes 0, 1, 2, … with no gap.
fn whole_rows_in_order(out: &[u8]) -> usize {
    assert!(
        out.is_empty() || out.ends_with(b"\n"),
        "the output ends inside a row"
    );
    for (i, line) in out
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let row: Value = serde_json::from_slice(line).unwrap();
        assert_eq!(row["index"], i);
    }
    out.iter().filter(|b| **b == b'\n').count()
}

/// Stopped half way (SIGTERM, SIGINT, SIGHUP, as `kill`, Ctrl-C or a closed terminal send), the
/// command finishes the block in hand and stops: the output ends at a whole row, every row
/// before it is there in order, and the exit status names the signal.
#[test]
fn a_run_stopped_half_way_ends_at_a_whole_row() {
    for (name, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kefu"))
            .args(["check-return", "--lean"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let feeder = endless_input(child.stdin.take().unwrap());
        // Half way: once 20,000 rows have come out.
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut out = Vec::new();
        for _ in 0..20_000 {
            assert!(std::io::BufRead::read_until(&mut stdout, b'\n', &mut out).unwrap() > 0);
        }
        signal(child.id(), name);
        std::io::Read::read_to_end(&mut stdout, &mut out).unwrap();
        let status = child.wait().unwrap();
        feeder.join().unwrap();
        let rows = whole_rows_in_order(&out);
        assert!(rows >= 20_000);
        assert_eq!(status.code(), Some(128 + number), "SIG{name}");
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(
            stderr.contains(&format!("stopped by signal {number} after {rows} rows")),
            "{stderr}"
        );
    }
}

/// The same into a file (`-o`): stopped while rows are still coming, the file ends at a whole
/// row and holds every row decided, in order.
#[test]
fn a_file_output_stopped_ends_at_a_whole_row() {
    let path = std::env::temp_dir().join(format!("kefu-stopped-{}.jsonl", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["check-return", "--lean", "-o", path.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let rows = format!("{GOOD}\n").repeat(30_000);
    stdin.write_all(rows.as_bytes()).unwrap();
    // The command cannot have finished: its input is still open.
    signal(child.id(), "TERM");
    drop(stdin);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    let written = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(whole_rows_in_order(&written) <= 30_000);
}

#[test]
fn calendar_import_reads_a_notice_and_its_entry_makes_a_valid_policy() {
    let notice = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/calendar/notices/2025.txt"),
    )
    .unwrap();
    let out = kefu(&["calendar", "import", "-"], &notice);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let years: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entry = &years["2025"];
    assert_eq!(
        entry["workdays"],
        serde_json::json!([
            "2025-01-26",
            "2025-02-08",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11"
        ])
    );
    assert_eq!(entry["holidays"][1]["from"], "2025-01-28");
    assert_eq!(entry["holidays"][1]["to"], "2025-02-04");
    let policy = std::env::temp_dir().join(format!("kefu-notice-{}.json", std::process::id()));
    std::fs::write(
        &policy,
        serde_json::json!({"calendar": {"years": years}}).to_string(),
    )
    .unwrap();
    let valid = kefu(&["validate-policy", policy.to_str().unwrap()], "");
    let _ = std::fs::remove_file(&policy);
    assert_eq!(
        valid.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&valid.stdout)
    );

    let bad = kefu(
        &["calendar", "import"],
        "现将2027年如下。一、元旦：1月1日（周四）放假。",
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("1月1日（周四）放假"));
}

#[test]
fn calendar_ics_writes_announced_and_provisional_years() {
    let announced = kefu(&["calendar", "ics", "2026"], "");
    assert_eq!(announced.status.code(), Some(0));
    let text = String::from_utf8(announced.stdout).unwrap();
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        13,
        "7 holiday periods, 6 make-up days"
    );
    assert!(!text.contains("暂定"));
    let provisional = String::from_utf8(kefu(&["calendar", "ics", "2027"], "").stdout).unwrap();
    assert!(provisional.contains("SUMMARY:元旦放假（暂定）"));
    let past = kefu(&["calendar", "ics", "2100"], "");
    assert_eq!(past.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&past.stderr).contains("CALENDAR_YEAR_UNKNOWN"));
    assert_eq!(
        kefu(&["calendar", "ics", "twenty"], "").status.code(),
        Some(2)
    );
}
