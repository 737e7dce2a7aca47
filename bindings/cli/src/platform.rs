//! `kefu to-platform PLATFORM [FILE]`: flag decisions written back as the platform's own update
//! call (core's `platforms::write`; docs/platforms.md). A line is a decision, or a row of a
//! decision command's output (`{"index", "ok", "decision"}`), with an optional `"memo"`.

use serde_json::{json, Value};
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Every line of `input` (or stdin) written back for `platform`, one line out per line in.
pub fn to_platform(
    platform: &str,
    input: Option<&str>,
    output: Option<&str>,
    allow_errors: bool,
) -> Result<ExitCode, String> {
    let reader: Box<dyn BufRead> = match input {
        Some(path) => Box::new(std::io::BufReader::new(
            std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?,
        )),
        None => Box::new(std::io::BufReader::new(std::io::stdin())),
    };
    let out: Box<dyn Write> = match output {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?),
        None => Box::new(std::io::stdout()),
    };
    let mut out = std::io::BufWriter::new(out);
    let (mut index, mut failed) = (0usize, 0usize);
    for line in reader.lines() {
        let line = line.map_err(|e| format!("reading: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let result = kefu_core::decode::parse_json(line.trim_start_matches('\u{feff}'))
            .and_then(|row| call(platform, &row));
        let item = match result {
            Ok(call) => json!({ "index": index, "ok": true, "call": call }),
            Err(e) => {
                failed += 1;
                json!({ "index": index, "ok": false, "error": e.to_value() })
            }
        };
        writeln!(out, "{item}").map_err(|e| format!("writing: {e}"))?;
        index += 1;
    }
    out.flush().map_err(|e| format!("writing: {e}"))?;
    eprintln!("kefu to-platform {platform}: {index} rows, {failed} failed");
    Ok(if failed > 0 && !allow_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One row's call: the row's decision (or the row itself) and its memo, written by core.
fn call(platform: &str, row: &Value) -> kefu_core::Result<Value> {
    let decision = match row.get("decision") {
        Some(d) => d,
        None if row.get("ok") == Some(&Value::Bool(false)) => {
            return Err(kefu_core::Error::invalid_input(
                "/ok",
                "the row has no decision to write back (it failed when decided)",
            )
            .with_zh("该行没有可写回的决策（判定时已失败）"))
        }
        None => row,
    };
    let memo = row.get("memo").and_then(Value::as_str);
    kefu_core::guarded(|| kefu_core::platforms::write(platform, decision, memo))
}
