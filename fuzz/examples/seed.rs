//! Seeds the fuzz corpora from the shared cases, and writes the `request` dictionary:
//! `cargo run -p kefu-fuzz --example seed` (from anywhere; paths are the crate's own).
//!
//! - `corpus/request/`: each case input as JSON text after its kind's byte (default policy,
//!   and the same on the second policy);
//! - `corpus/policy/`: each case policy, and `{}`;
//! - `corpus/complaint_text/`: every complaint text of the cases and of
//!   `tests/complaints/labelled.json`;
//! - `corpus/cli_rows/`: each suite as JSON Lines, and as CSV with dotted headers;
//! - `dict/request.dict`: every field name and every short string value, quoted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, c) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, c, out);
            }
        }
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        other => out.push((prefix.to_owned(), other.to_string())),
    }
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A libFuzzer dictionary entry: quoted, with `"`, `\\` and every byte outside printable
/// ASCII written `\xHH` (libFuzzer reads no other escapes).
fn dict_entry(token: &str) -> String {
    let mut out = String::from("\"");
    for b in token.bytes() {
        if (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out.push('"');
    out
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let cases = root.join("../tests/cases");
    let corpus = root.join("corpus");
    for t in ["request", "policy", "complaint_text", "cli_rows"] {
        fs::create_dir_all(corpus.join(t)).unwrap();
    }
    fs::create_dir_all(root.join("dict")).unwrap();
    let write = |t: &str, name: String, bytes: &[u8]| {
        fs::write(corpus.join(t).join(name), bytes).unwrap();
    };
    let kinds = kefu_fuzz::kinds();
    let mut words = std::collections::BTreeSet::new();
    let mut n = 0;
    let mut entries: Vec<PathBuf> = fs::read_dir(&cases)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    write("policy", String::from("empty"), b"{}");
    for path in entries {
        let suite: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let kind = suite.get("kind").and_then(Value::as_str).unwrap();
        let Some(k) = kinds.iter().position(|x| *x == kind) else {
            continue;
        };
        let stem = Path::new(&path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut lines = String::new();
        let mut flat_rows = Vec::new();
        for case in suite.get("cases").and_then(Value::as_array).unwrap() {
            n += 1;
            let text = match (case.get("input"), case.get("input_text")) {
                (Some(v), _) => v.to_string(),
                (None, Some(Value::String(t))) => t.clone(),
                _ => continue,
            };
            for engine in [0u8, 1] {
                let mut bytes = vec![u8::try_from(k).unwrap() + engine * 10];
                bytes.extend_from_slice(text.as_bytes());
                write("request", format!("{stem}-{n}-{engine}"), &bytes);
            }
            if let Some(p) = case.get("policy") {
                write("policy", format!("{stem}-{n}"), p.to_string().as_bytes());
            }
            if let Some(input) = case.get("input") {
                fn walk(v: &Value, words: &mut std::collections::BTreeSet<String>) {
                    match v {
                        Value::Object(m) => {
                            for (k, c) in m {
                                words.insert(k.clone());
                                walk(c, words);
                            }
                        }
                        Value::Array(items) => items.iter().for_each(|c| walk(c, words)),
                        Value::String(s) if s.len() < 40 => {
                            words.insert(s.clone());
                        }
                        _ => {}
                    }
                }
                walk(input, &mut words);
                if let Some(t) = input.get("text").and_then(Value::as_str) {
                    let mut bytes = vec![0u8];
                    bytes.extend_from_slice(t.as_bytes());
                    write("complaint_text", format!("{stem}-{n}"), &bytes);
                }
                lines.push_str(&input.to_string());
                lines.push('\n');
                let mut flat = Vec::new();
                flatten("", input, &mut flat);
                flat_rows.push(flat);
            }
        }
        let mut bytes = vec![u8::try_from(k).unwrap() << 1];
        bytes.extend_from_slice(lines.as_bytes());
        write("cli_rows", format!("{stem}-jsonl"), &bytes);
        let mut header: Vec<String> = Vec::new();
        for row in &flat_rows {
            for (p, _) in row {
                if !header.contains(p) {
                    header.push(p.clone());
                }
            }
        }
        let mut csv = header
            .iter()
            .map(|h| csv_cell(h))
            .collect::<Vec<_>>()
            .join(",");
        csv.push('\n');
        for row in &flat_rows {
            let cells: Vec<String> = header
                .iter()
                .map(|h| {
                    row.iter()
                        .find(|(p, _)| p == h)
                        .map_or(String::new(), |(_, v)| csv_cell(v))
                })
                .collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        let mut bytes = vec![(u8::try_from(k).unwrap() << 1) | 1];
        bytes.extend_from_slice(csv.as_bytes());
        write("cli_rows", format!("{stem}-csv"), &bytes);
    }
    let labelled = root.join("../tests/complaints/labelled.json");
    if let Ok(text) = fs::read_to_string(labelled) {
        let v: Value = serde_json::from_str(&text).unwrap();
        let items = v
            .as_array()
            .cloned()
            .or_else(|| v.get("items").and_then(Value::as_array).cloned())
            .unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            if let Some(t) = item.pointer("/request/text").and_then(Value::as_str) {
                let mut bytes = vec![u8::try_from(i % 64).unwrap()];
                bytes.extend_from_slice(t.as_bytes());
                write("complaint_text", format!("labelled-{i}"), &bytes);
            }
        }
    }
    let mut dict =
        String::from("# Field names and values of the shared cases (fuzz/examples/seed.rs).\n");
    for w in &words {
        dict.push_str(&dict_entry(&serde_json::to_string(w).unwrap()));
        dict.push('\n');
    }
    for extra in [
        "T23:59:60Z",
        "-23:59",
        "+14:00",
        "1e308",
        "-0.0",
        "18446744073709551615",
        "-9223372036854775808",
        "\\ud800",
        "null",
        "true",
        "[",
        "{",
    ] {
        dict.push_str(&dict_entry(extra));
        dict.push('\n');
    }
    fs::write(root.join("dict/request.dict"), dict).unwrap();
    println!(
        "seeded corpus/ from {n} cases; dict/request.dict has {} words",
        words.len()
    );
}
