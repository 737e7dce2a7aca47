//! Issue 18, the command line's edges: output over input, closed and broken pipes, the parser,
//! CSV headers and cells read by their fields' types, byte order marks, echoed keys.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{kefu_in, lines, KEFU};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const GOOD: &str = r#"{"reason":"no_reason","category":"apparel","signed_at":"2026-03-01T23:59:00+08:00","requested_at":"2026-03-08T21:30:00+08:00"}"#;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kefu-edges-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn csv_rows(n: usize) -> String {
    let mut csv = String::from("order_id,reason,category,signed_at,requested_at\n");
    for i in 0..n {
        csv.push_str(&format!(
            "TB{i},no_reason,apparel,2026-03-01T23:59:00+08:00,2026-03-08T21:30:00+08:00\n"
        ));
    }
    csv
}

/// Item 1: `-o` naming the input (by any name: itself, `./`, a hard link) or the policy is
/// refused before the output is opened; the file is left as it was.
#[test]
fn output_over_input_is_refused_and_the_input_kept() {
    let dir = folder("over");
    let jsonl: String = (0..20_000).map(|_| format!("{GOOD}\n")).collect();
    std::fs::write(dir.join("r.jsonl"), &jsonl).unwrap();
    std::fs::write(dir.join("r.csv"), csv_rows(5_000)).unwrap();
    std::fs::hard_link(dir.join("r.jsonl"), dir.join("link.jsonl")).unwrap();
    std::fs::write(dir.join("p.json"), r#"{"id": "shop"}"#).unwrap();
    for args in [
        &["check-return", "r.jsonl", "-o", "r.jsonl"][..],
        &["check-return", "r.jsonl", "-o", "./r.jsonl"],
        &["check-return", "r.jsonl", "--output=link.jsonl"],
        &["check-return", "r.csv", "-o", "r.csv"],
        &[
            "check-return",
            "r.jsonl",
            "--policy",
            "p.json",
            "-o",
            "p.json",
        ],
    ] {
        let out = kefu_in(&dir, args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("would overwrite the input"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read_to_string(dir.join("r.jsonl")).unwrap(), jsonl);
    assert_eq!(
        std::fs::read_to_string(dir.join("r.csv")).unwrap(),
        csv_rows(5_000)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("p.json")).unwrap(),
        r#"{"id": "shop"}"#
    );
    // Another file is written as usual.
    let out = kefu_in(&dir, &["check-return", "r.csv", "-o", "out.csv"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("out.csv")).unwrap();
    assert_eq!(written.lines().count(), 5_001);
    std::fs::remove_dir_all(dir).unwrap();
}

/// Item 4: a reader that goes away (`| head -1`) ends the run quietly with SIGPIPE's status.
/// A closed stdout is /dev/null by the time kefu runs (Rust's runtime opens it there), which
/// `> /dev/null` also is: the run says the decisions are not kept.
#[test]
fn broken_and_closed_pipes() {
    let dir = folder("pipes");
    let jsonl: String = (0..50_000).map(|_| format!("{GOOD}\n")).collect();
    std::fs::write(dir.join("r.jsonl"), &jsonl).unwrap();
    let mut child = Command::new(KEFU)
        .current_dir(&dir)
        .args(["check-return", "r.jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, as `head -1` exits after its line.
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("\"index\":0"), "{first}");
    assert_eq!(out.status.code(), Some(141), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", stderr(&out));

    let closed = Command::new("sh")
        .current_dir(&dir)
        .args(["-c", &format!("{KEFU} check-return r.jsonl >&-")])
        .output()
        .unwrap();
    assert!(
        stderr(&closed).contains("the decisions are not kept"),
        "{}",
        stderr(&closed)
    );
    let kept = Command::new(KEFU)
        .current_dir(&dir)
        .args(["check-return", "r.jsonl"])
        .output()
        .unwrap();
    assert!(!stderr(&kept).contains("not kept"), "{}", stderr(&kept));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Item 8: a real parser: options before the command, `--flag=value`, `--`, `-V`, help per
/// command, an unknown option refused by name and never taken as a file.
#[test]
fn the_parser_reads_what_users_type() {
    let dir = folder("parser");
    std::fs::write(dir.join("p.json"), r#"{"id": "shop"}"#).unwrap();
    std::fs::write(dir.join("-r.jsonl"), format!("{GOOD}\n")).unwrap();
    std::fs::write(dir.join("r.csv"), csv_rows(2)).unwrap();
    let before = kefu_in(&dir, &["--policy", "p.json", "check-return"], GOOD);
    assert_eq!(before.status.code(), Some(0), "{}", stderr(&before));
    assert_eq!(lines(&before)[0]["decision"]["policy"]["id"], "shop");
    let equals = kefu_in(
        &dir,
        &[
            "check-return",
            "--policy=p.json",
            "--from=csv",
            "--to=jsonl",
        ],
        &csv_rows(1),
    );
    assert_eq!(equals.status.code(), Some(0), "{}", stderr(&equals));
    assert_eq!(lines(&equals)[0]["decision"]["policy"]["id"], "shop");
    let dashed = kefu_in(&dir, &["check-return", "--", "-r.jsonl"], "");
    assert_eq!(
        (dashed.status.code(), lines(&dashed).len()),
        (Some(0), 1),
        "{}",
        stderr(&dashed)
    );

    let version = kefu_in(&dir, &["-V"], "");
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(version.stdout).unwrap().trim(),
        format!("kefu {}", env!("CARGO_PKG_VERSION"))
    );
    let help = kefu_in(&dir, &["check-return", "--help"], "");
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("--lean") && help.contains("--ignore-unknown-columns"),
        "{help}"
    );

    let unknown = kefu_in(&dir, &["check-return", "--colour", "r.csv"], "");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("--colour"),
        "{}",
        stderr(&unknown)
    );
    assert!(unknown.stdout.is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

/// Item 8: `--lean` rows have the shape of every host's lean batch item (core's `LeanItem`):
/// the main fields nested under `decision`.
#[test]
fn lean_rows_are_lean_batch_items() {
    let dir = folder("lean");
    let out = kefu_in(
        &dir,
        &["check-return", "--lean"],
        &format!("{GOOD}\n{{\"id\": \"x\"}}\n"),
    );
    let rows = lines(&out);
    let engine = kefu_core::Engine::from_value(&Value::Null).unwrap();
    let requests: Vec<Value> = [GOOD, r#"{"id": "x"}"#]
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
    let expected: Vec<Value> = engine
        .evaluate_batch("check_return", &requests)
        .unwrap()
        .iter()
        .map(|i| serde_json::to_value(i.lean()).unwrap())
        .collect();
    assert_eq!(rows, expected);
    assert_eq!(rows[0]["decision"]["verdict"], "eligible");
    assert_eq!(
        (rows[1]["ok"].clone(), rows[1]["id"].clone()),
        (Value::Bool(false), Value::from("x"))
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Item 9: `.CSV` is CSV; an unknown column stops the run naming it, or is left out when
/// asked; a column named twice stops the run; a byte order mark is ignored in a CSV, a JSON
/// Lines file and a policy.
#[test]
fn csv_headers_and_byte_order_marks() {
    let dir = folder("headers");
    std::fs::write(dir.join("R.CSV"), csv_rows(3)).unwrap();
    let upper = kefu_in(&dir, &["check-return", "R.CSV"], "");
    assert_eq!(
        (upper.status.code(), lines(&upper).len()),
        (Some(0), 3),
        "{}",
        stderr(&upper)
    );

    let extra = csv_rows(2)
        .replacen("order_id,", "customer_name,order_id,", 1)
        .replace("\nTB", "\n张三,TB");
    std::fs::write(dir.join("extra.csv"), &extra).unwrap();
    let refused = kefu_in(&dir, &["check-return", "extra.csv"], "");
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());
    assert!(
        stderr(&refused).contains("\"customer_name\"")
            && stderr(&refused).contains("--ignore-unknown-columns"),
        "{}",
        stderr(&refused)
    );
    let ignored = kefu_in(
        &dir,
        &["check-return", "extra.csv", "--ignore-unknown-columns"],
        "",
    );
    assert_eq!(
        (ignored.status.code(), lines(&ignored).len()),
        (Some(0), 2),
        "{}",
        stderr(&ignored)
    );
    assert!(stderr(&ignored).contains("customer_name"));
    // A nested field that does not exist is named with its path; one that does is kept.
    let nested = "reason,category,signed_at,requested_at,condition.seal_broken,condition.colour\n\
                  no_reason,apparel,2026-03-01T23:59:00+08:00,2026-03-08T21:30:00+08:00,false,red\n";
    let out = kefu_in(&dir, &["check-return", "--from", "csv"], nested);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"condition.colour\"") && !stderr(&out).contains("seal_broken\""),
        "{}",
        stderr(&out)
    );

    let twice = "order_id,reason,category,signed_at,requested_at,category\n\
                 TB1,no_reason,apparel,2026-03-01T23:59:00+08:00,2026-03-08T21:30:00+08:00,food\n";
    let out = kefu_in(&dir, &["check-return", "--from", "csv"], twice);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"category\" is named twice"),
        "{}",
        stderr(&out)
    );

    let bom = format!("\u{feff}{}", csv_rows(1));
    let out = kefu_in(&dir, &["check-return", "--from", "csv"], &bom);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["order_id"], "TB0");
    let out = kefu_in(
        &dir,
        &["check-return"],
        &format!("\u{feff}{GOOD}\n{GOOD}\n"),
    );
    assert_eq!(
        (out.status.code(), lines(&out).len()),
        (Some(0), 2),
        "{}",
        stderr(&out)
    );
    std::fs::write(dir.join("p.json"), "\u{feff}{\"id\": \"bom\"}").unwrap();
    let out = kefu_in(&dir, &["check-return", "--policy", "p.json"], GOOD);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["decision"]["policy"]["id"], "bom");
    let out = kefu_in(&dir, &["validate-policy", "p.json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Item 6: a cell is read as its field's type. A Taobao order number of 19 digits is text
/// and comes back as written; a complaint's text `12315`, `true` or `null` is that text: the
/// CSV row decides exactly as the JSON request with the text as a string.
#[test]
fn cells_are_read_as_their_fields_types() {
    let dir = folder("cells");
    let csv = "order_id,reason,category,signed_at,requested_at,condition.seal_broken\n\
               3456789012345678901,no_reason,apparel,2026-03-01T23:59:00+08:00,2026-03-08T21:30:00+08:00,TRUE\n";
    let out = kefu_in(&dir, &["check-return", "--from", "csv"], csv);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let row = &lines(&out)[0];
    assert_eq!(row["order_id"], "3456789012345678901");
    assert_eq!(row["decision"]["order_id"], "3456789012345678901");

    for text in ["12315", "true", "null", "1500", "[1]"] {
        let csv =
            format!("id,text,channel,received_at\nc1,{text},chat,2026-03-06T16:00:00+08:00\n");
        let from_csv = kefu_in(&dir, &["classify-complaint", "--from", "csv"], &csv);
        let json = serde_json::json!({"id": "c1", "text": text, "channel": "chat", "received_at": "2026-03-06T16:00:00+08:00"});
        let from_json = kefu_in(&dir, &["classify-complaint"], &json.to_string());
        assert_eq!(
            from_csv.status.code(),
            Some(0),
            "{text}: {}",
            String::from_utf8_lossy(&from_csv.stdout)
        );
        assert_eq!(lines(&from_csv), lines(&from_json), "{text}");
    }
    let csv = "text,channel,received_at\n不处理就打12315,chat,2026-03-06T16:00:00+08:00\n";
    let row = &lines(&kefu_in(
        &dir,
        &["classify-complaint", "--from", "csv"],
        csv,
    ))[0];
    assert!(
        row["decision"]["cues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["phrase"] == "12315"),
        "{row}"
    );
    // A number where the field is one, a list as JSON, a bad boolean named at its path.
    let csv =
        "reason,category,signed_at,requested_at,price_paid_cents,gifts,condition.seal_broken\n\
               no_reason,apparel,2026-03-01T23:59:00+08:00,2026-03-08T21:30:00+08:00,5900,[],yes\n";
    let row = &lines(&kefu_in(&dir, &["check-return", "--from", "csv"], csv))[0];
    assert_eq!(row["error"]["path"], "/condition/seal_broken", "{row}");
    let csv = csv.replace(",yes\n", ",false\n");
    let row = &lines(&kefu_in(&dir, &["check-return", "--from", "csv"], &csv))[0];
    assert_eq!(row["decision"]["refund_amount_cents"], 5900, "{row}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// The README's command-line section shows the parser's help as the binary prints it.
#[test]
fn the_readme_shows_the_help() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    for (marker, args) in [
        ("<!-- kefu --help -->", &["--help"][..]),
        (
            "<!-- kefu check-return --help -->",
            &["check-return", "--help"],
        ),
    ] {
        let help = Command::new(KEFU).args(args).output().unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        let shown = format!("{marker}\n```text\n{}\n```", help.trim_end());
        assert!(
            readme.contains(&shown),
            "README.md: the block after {marker} is not `kefu {}`'s output:\n{help}",
            args.join(" ")
        );
    }
}

/// Issue 19: `kefu schema NAME` prints the committed documents of schemas/ (a kind, with
/// dashes or underscores, is its request); without a name it lists the names; an unknown
/// name is refused.
#[test]
fn schema_prints_the_committed_documents() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let out = Command::new(KEFU).args(["schema"]).output().unwrap();
    let names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(names.len(), 1 + 3 * kefu_core::KINDS.len());
    for name in &names {
        let out = Command::new(KEFU).args(["schema", name]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        let file = std::fs::read_to_string(dir.join(format!("{name}.schema.json"))).unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), file, "{name}");
    }
    let kind = Command::new(KEFU)
        .args(["schema", "check-return"])
        .output()
        .unwrap();
    let file = std::fs::read_to_string(dir.join("check_return.request.schema.json")).unwrap();
    assert_eq!(String::from_utf8(kind.stdout).unwrap(), file);
    let bad = Command::new(KEFU)
        .args(["schema", "nope"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no schema is named"));
}
