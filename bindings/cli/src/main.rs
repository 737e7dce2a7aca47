//! `kefu`: kefu's decisions from the command line, over JSON Lines or CSV, streamed.
//!
//! ```text
//! kefu check-return orders.jsonl --policy shop.json > decisions.jsonl
//! kefu classify-complaint complaints.csv --to csv -o out.csv
//! kefu validate-policy shop.json
//! ```
//!
//! One output row per input row, in order: `{"index", "ok", "decision" | "error"}` (the shape
//! of a batch item). Rows are read, decided on every core and written a block at a time, so
//! memory stays flat however long the input is, and the output always ends at a whole row.
//! A shim like the others: reading and writing rows is all it does; every rule is in core.

mod args;
mod rows;
mod write;

use args::{Args, Command};
use kefu_core::{Engine, Error as CoreError};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Rows decided together: large enough to share among threads, small enough that memory
/// does not grow with the input.
const BLOCK: usize = 8192;

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("kefu: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("kefu: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<ExitCode, String> {
    match &args.command {
        Command::Help => {
            println!("{}", args::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Command::Kinds => {
            for kind in kefu_core::KINDS {
                println!("{}", kind.replace('_', "-"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::ValidatePolicy(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let problems = kefu_core::validate_policy_json(&text);
            for p in &problems {
                let at = if p.path.is_empty() {
                    "/"
                } else {
                    p.path.as_str()
                };
                println!("{at}\t{}", p.message);
            }
            if problems.is_empty() {
                eprintln!("{path}: valid");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("{path}: {} problem(s)", problems.len());
                Ok(ExitCode::from(1))
            }
        }
        Command::Decide(kind) => decide(&args, kind),
    }
}

fn decide(args: &Args, kind: &str) -> Result<ExitCode, String> {
    let engine = match &args.policy {
        None => Engine::from_value(&serde_json::Value::Null),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Engine::from_json(&text)
        }
    }
    .map_err(|e| policy_error(&e))?;
    // An unknown kind stops before any row is read.
    engine
        .evaluate_batch_on(kind, &[], 1)
        .map_err(|e| e.message)?;

    let (reader, size) = rows::open(args.input.as_deref())?;
    let mut input = rows::Rows::new(reader, args.from)?;
    let output: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = write::Writer::new(output, args.to, kind);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let progress = args.progress && args.input.is_some() && std::io::stderr().is_terminal();

    let (mut index, mut failed) = (0usize, 0usize);
    loop {
        let block = input.next_block(BLOCK);
        if block.is_empty() {
            break;
        }
        // Rows that could not be read keep their place; the rest are decided together.
        let mut values = Vec::with_capacity(block.len());
        let mut unread = Vec::with_capacity(block.len());
        for row in block {
            match row {
                Ok(v) => {
                    values.push(v);
                    unread.push(None);
                }
                Err(e) => unread.push(Some(e)),
            }
        }
        let mut decided = engine
            .evaluate_batch_on(kind, &values, threads)
            .map_err(|e| e.message)?
            .into_iter();
        for error in unread {
            let item = match error {
                None => decided.next(),
                Some(e) => Some(kefu_core::BatchItem {
                    index: 0,
                    ok: false,
                    decision: None,
                    error: Some(e),
                }),
            };
            let Some(mut item) = item else {
                return Err(String::from("internal error: a decision went missing"));
            };
            item.index = index;
            failed += usize::from(!item.ok);
            out.row(&item).map_err(|e| format!("writing: {e}"))?;
            index += 1;
        }
        out.flush().map_err(|e| format!("writing: {e}"))?;
        if progress {
            rows::progress(index, failed, input.bytes_read(), size);
        }
    }
    if progress {
        eprintln!();
    }
    eprintln!("kefu {kind}: {index} rows, {failed} failed");
    Ok(if failed > 0 && !args.allow_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn policy_error(e: &CoreError) -> String {
    let mut message = format!("the policy is not valid ({}):", e.code.as_str());
    for p in &e.problems {
        message.push_str(&format!(
            "\n  {}  {}",
            if p.path.is_empty() { "/" } else { &p.path },
            p.message
        ));
    }
    if e.problems.is_empty() {
        message.push_str(&format!(" {}", e.message));
    }
    message
}
