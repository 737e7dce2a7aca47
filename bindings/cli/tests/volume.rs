//! Nothing lost at volume: ten million rows in (a debug build runs 50,000), one in
//! every hundred bad, and exactly as many rows out, in order, each bad row an error in its
//! place, with memory that does not grow with the input (peak RSS printed and bounded).
//! `scripts/test.sh` runs this file in release for the full ten million.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::{Command, Stdio};

const ROWS: usize = if cfg!(debug_assertions) {
    50_000
} else {
    10_000_000
};

/// Row `i` of the input, and the error code it must get (None: a good row).
fn row(i: usize, out: &mut Vec<u8>) -> Option<&'static str> {
    out.clear();
    if i % 100 == 37 {
        let (text, code) = match (i / 100) % 4 {
            0 => ("{\"reason\":", "INVALID_JSON"),
            1 => ("{\"reason\":\"no_reason\"}", "INVALID_INPUT"),
            2 => ("[1,2,3]", "INVALID_INPUT"),
            _ => ("{\"reason\":\"no_reason\",\"category\":\"apparel\",\"signed_at\":\"2026-02-30T10:00:00+08:00\",\"requested_at\":\"2026-03-03T10:00:00+08:00\"}", "INVALID_INPUT"),
        };
        out.extend_from_slice(text.as_bytes());
        out.push(b'\n');
        return Some(code);
    }
    let day = 2 + i % 20;
    writeln!(out, "{{\"reason\":\"no_reason\",\"category\":\"apparel\",\"signed_at\":\"2026-03-01T10:00:00+08:00\",\"requested_at\":\"2026-03-{day:02}T10:00:00+08:00\",\"order_id\":\"o{i}\"}}").unwrap();
    None
}

/// The command's peak resident memory so far (Linux `VmHWM`, a high-water mark), in kB.
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn every_row_out_in_order_with_flat_memory() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["check-return", "--lean", "--allow-errors"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let mut w = BufWriter::with_capacity(1 << 20, stdin);
        let mut line = Vec::new();
        for i in 0..ROWS {
            row(i, &mut line);
            w.write_all(&line).unwrap();
        }
        w.flush().unwrap();
    });
    let mut reader = BufReader::with_capacity(1 << 20, child.stdout.take().unwrap());
    let (mut line, mut expected) = (Vec::new(), Vec::new());
    let (mut n, mut failed, mut rss) = (0usize, 0usize, None);
    let pid = child.id();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).unwrap() == 0 {
            break;
        }
        assert_eq!(line.last(), Some(&b'\n'), "row {n} is cut");
        let want_error = row(n, &mut expected);
        let head = format!("{{\"index\":{n},\"ok\":{}", want_error.is_none());
        assert!(
            line.starts_with(head.as_bytes()),
            "row {n}: {}",
            String::from_utf8_lossy(&line)
        );
        if let Some(code) = want_error {
            let code = format!("\"error\":{{\"code\":\"{code}\"");
            assert!(
                line.windows(code.len()).any(|w| w == code.as_bytes()),
                "row {n}: {}",
                String::from_utf8_lossy(&line)
            );
            failed += 1;
        }
        n += 1;
        // Read while the command runs (its high-water mark only grows); it is at most a pipe
        // and a block ahead of this reader, so the last reading is near its end.
        if n % 10_000 == 0 {
            rss = peak_rss_kb(pid).or(rss);
        }
    }
    feeder.join().unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(n, ROWS);
    assert_eq!(failed, ROWS / 100);
    assert!(
        stderr.contains(&format!("{ROWS} rows, {failed} failed")),
        "{stderr}"
    );
    let rss = rss.expect("no VmHWM in /proc/PID/status");
    println!(
        "kefu check-return --lean: {ROWS} rows in, {n} out, {failed} errors; peak RSS {} MB",
        rss / 1024
    );
    // Memory is bounded by a block of rows per thread, not by the input: far below one byte
    // per input row (the input here is about 150 bytes a row).
    assert!(rss < 256 * 1024, "peak RSS {rss} kB");
}
