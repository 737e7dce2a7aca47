//! What the command line's test files share: running the binary, reading its rows, and the
//! shared cases' subset rule (tests/README.md).
#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub const KEFU: &str = env!("CARGO_BIN_EXE_kefu");

/// `kefu ARGS` in this folder with `stdin`; its whole output.
pub fn kefu(args: &[&str], stdin: &str) -> Output {
    kefu_in(Path::new("."), args, stdin)
}

/// `kefu ARGS` in `dir` with `stdin`.
pub fn kefu_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(KEFU)
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that stops before reading (a bad policy) closes its stdin: not an error here.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// The rows of a JSON Lines output.
pub fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `expected` holds in `actual` (tests/README.md: subsets of objects, lists element by element,
/// `reason_codes` as the sorted codes of `reasons`, `message_has` as texts of `message`).
pub fn holds(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().all(|(k, ev)| match k.as_str() {
            "reason_codes" => {
                let mut want: Vec<&Value> = ev.as_array().unwrap().iter().collect();
                let mut got: Vec<&Value> = a["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| &r["code"])
                    .collect();
                want.sort_by_key(|v| v.to_string());
                got.sort_by_key(|v| v.to_string());
                want == got
            }
            "message_has" => ev.as_array().unwrap().iter().all(|s| {
                a["message"]
                    .as_str()
                    .is_some_and(|m| m.contains(s.as_str().unwrap()))
            }),
            _ => a.get(k).is_some_and(|av| holds(ev, av)),
        }),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| holds(x, y))
        }
        _ => expected == actual,
    }
}

/// A decision command's output row holds what a shared case expects of it: a decision that
/// matches `expect`, or an error that matches `expect_error`.
pub fn row_holds(case: &Value, row: &Value) -> bool {
    match (case.get("expect"), case.get("expect_error")) {
        (Some(e), _) => row["ok"] == true && holds(e, &row["decision"]),
        (None, Some(e)) => row["ok"] == false && holds(e, &row["error"]),
        _ => false,
    }
}
