//! `kefu diff-policy`: every row decided under the current and the proposed policy, the
//! changed rows streamed out in order, then the summary. The comparison is core's
//! (`kefu_core::whatif`); this reads rows and writes lines, a block at a time, so memory stays
//! flat however long the history is.

use crate::rows;
use kefu_core::whatif::{compare, Summary};
use kefu_core::Engine;
use std::io::Write;
use std::process::ExitCode;

/// Decide and compare one thread's share of a block: the encoded changed rows and the counts.
fn work(
    old: &Engine,
    new: &Engine,
    kind: &str,
    columns: Option<&kefu_core::decode::cells::Columns>,
    start: usize,
    part: Vec<rows::Raw>,
) -> Result<(Vec<u8>, Summary), String> {
    let mut out = Vec::new();
    let mut summary = Summary::default();
    for (i, raw) in part.into_iter().enumerate() {
        let a = rows::decide(old, kind, columns, start + i, raw.clone());
        let b = rows::decide(new, kind, columns, start + i, raw);
        let change = compare(&a, &b);
        summary.count(&a, change.as_ref());
        if let Some(c) = change {
            serde_json::to_writer(&mut out, &c).map_err(|e| format!("writing: {e}"))?;
            out.push(b'\n');
        }
    }
    Ok((out, summary))
}

/// Run the comparison over `input`, writing to `output`. SIGINT, SIGTERM and SIGHUP stop it
/// between blocks, as they stop the decision commands: the output ends at a whole line.
pub fn run(
    (old, new): (&Engine, &Engine),
    kind: &str,
    input: &mut rows::Rows,
    output: &mut dyn Write,
    stop: &crate::Stop,
) -> Result<ExitCode, String> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let gone = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    let mut total = Summary::default();
    let mut index = 0usize;
    loop {
        if let Some(signal) = stop.signal() {
            eprintln!("kefu diff-policy {kind}: stopped by signal {signal} after {index} rows (the output ends at a whole line, with no summary)");
            return Ok(ExitCode::from(128 + signal));
        }
        let block = input.next_block(crate::BLOCK);
        if block.is_empty() {
            break;
        }
        let columns = input.columns();
        let done = crate::in_shares(block, index, threads, |start, part| {
            work(old, new, kind, columns, start, part)
        })?;
        for (bytes, summary) in done {
            index += usize::try_from(summary.rows_read).unwrap_or(0);
            total.merge(summary);
            match output.write_all(&bytes) {
                Err(e) if gone(&e) => return Ok(ExitCode::from(141)),
                other => other.map_err(|e| format!("writing: {e}"))?,
            }
        }
    }
    let mut last = serde_json::to_vec(&serde_json::json!({ "summary": &total }))
        .map_err(|e| format!("writing: {e}"))?;
    last.push(b'\n');
    match output.write_all(&last) {
        Err(e) if gone(&e) => return Ok(ExitCode::from(141)),
        other => other.map_err(|e| format!("writing: {e}"))?,
    }
    eprintln!(
        "kefu diff-policy {kind}: {} rows, {} changed, {} failed under both",
        total.rows_read, total.rows_changed, total.rows_failed
    );
    Ok(if total.rows_changed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
