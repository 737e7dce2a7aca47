//! `kefu`: kefu's decisions from the command line, over JSON Lines or CSV, streamed.
//!
//! ```text
//! kefu check-return orders.jsonl --policy shop.json > decisions.jsonl
//! kefu classify-complaint complaints.csv --to csv -o out.csv
//! kefu validate-policy shop.json
//! kefu calendar import notice-2027.txt > years.json
//! kefu calendar ics 2027 -o 2027.ics
//! ```
//!
//! One output row per input row, in order: `{"index", "ok", "decision" | "error"}` (the shape
//! of a batch item); `--lean` leaves the whole decision out. Rows are read, decided on every
//! core and written a block at a time, so memory stays flat however long the input is; a run
//! stopped by SIGINT, SIGTERM or SIGHUP writes the block in hand and ends at a whole row.
//! A shim like the others: reading and writing rows is all it does; every rule is in core.

mod args;
mod diff;
mod platform;
mod rows;
mod write;

use args::{Args, Command};
use kefu_core::{Engine, Error as CoreError};
use std::io::{IsTerminal, Write};
use std::os::fd::AsFd;
use std::process::ExitCode;

/// Rows decided together: large enough to share among threads, small enough that memory
/// does not grow with the input.
pub(crate) const BLOCK: usize = 8192;

fn main() -> ExitCode {
    // Rows go to stdout through a file of our own: Rust's stdout handle swallows the errors of
    // a closed descriptor, and a write error must stop the run (issue 18 item 4).
    let stdout = std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map(std::fs::File::from);
    let args = match args::parse(std::env::args_os().map(|a| a.to_string_lossy().into_owned())) {
        Ok(a) => a,
        Err(e) => {
            // Help and the version go to stdout (exit 0), usage errors to stderr (exit 2).
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let stdout = match stdout {
        Ok(file) => file,
        Err(e) => {
            eprintln!("kefu: stdout is not open ({e}); nothing would be written");
            return ExitCode::from(2);
        }
    };
    match run(args, stdout) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("kefu: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args, mut stdout: std::fs::File) -> Result<ExitCode, String> {
    match &args.command {
        Command::Kinds => {
            let kinds: String = kefu_core::KINDS
                .iter()
                .map(|k| format!("{}\n", k.replace('_', "-")))
                .collect();
            write_out(&mut stdout, kinds.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema(None) => {
            let names: String = kefu_core::schema_names()
                .iter()
                .map(|n| format!("{n}\n"))
                .collect();
            write_out(&mut stdout, names.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema(Some(name)) => {
            // Kinds are written with dashes on the command line (check-return).
            let text = kefu_core::schema(&name.replace('-', "_")).map_err(|e| e.message)?;
            write_out(&mut stdout, text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::ValidatePolicy(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let problems = kefu_core::validate_policy_json(&text);
            let mut lines = String::new();
            for p in &problems {
                let at = if p.path.is_empty() {
                    "/"
                } else {
                    p.path.as_str()
                };
                lines.push_str(&format!("{at}\t{}\n", p.message));
            }
            write_out(&mut stdout, lines.as_bytes())?;
            if problems.is_empty() {
                eprintln!("{path}: valid");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("{path}: {} problem(s)", problems.len());
                Ok(ExitCode::from(1))
            }
        }
        Command::CalendarImport(path) => {
            let text = match path {
                Some(p) => std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"))?,
                None => {
                    std::io::read_to_string(std::io::stdin()).map_err(|e| format!("stdin: {e}"))?
                }
            };
            match kefu_core::calendar_from_notice(&text) {
                Ok(years) => {
                    let out = serde_json::to_string_pretty(&years).map_err(|e| e.to_string())?;
                    write_out(&mut stdout, format!("{out}\n").as_bytes())?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("kefu calendar import: {}", e.message);
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::CalendarIcs(year) => {
            let engine = engine(&args)?;
            let ics = engine
                .calendar()
                .to_ics(*year)
                .map_err(|e| format!("{}: {}", e.code, e.message))?;
            match &args.output {
                Some(path) => std::fs::write(path, ics).map_err(|e| format!("{path}: {e}"))?,
                None => write_out(&mut stdout, ics.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Decide(kind) => decide(&args, kind, stdout),
        Command::ToPlatform(platform) => {
            if let Some(path) = &args.output {
                not_over(path, &[args.input.as_deref()])?;
            }
            platform::to_platform(
                platform,
                args.input.as_deref(),
                args.output.as_deref(),
                args.allow_errors,
            )
        }
        Command::DiffPolicy { old, new, kind } => {
            let load = |path: &str| -> Result<Engine, String> {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
                Engine::from_json(&text).map_err(|e| format!("{path}: {}", policy_error(&e)))
            };
            let (old_engine, new_engine) = (load(old)?, load(new)?);
            if let Some(path) = &args.output {
                let inputs = [
                    args.input.as_deref(),
                    Some(old.as_str()),
                    Some(new.as_str()),
                ];
                not_over(path, &inputs)?;
            }
            let (reader, _) = rows::open(args.input.as_deref())?;
            let mut input = rows::Rows::new(
                reader,
                args.from,
                &old_engine,
                kind,
                args.ignore_unknown_columns,
            )?;
            let stop = on_signals()?;
            let engines = (&old_engine, &new_engine);
            match &args.output {
                Some(path) => {
                    let mut file =
                        std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
                    diff::run(engines, kind, &mut input, &mut file, &stop)
                }
                None => diff::run(engines, kind, &mut input, &mut stdout, &stop),
            }
        }
    }
}

/// Is `file` /dev/null? A program started with stdout closed (`>&-`) gets /dev/null there
/// from Rust's runtime, so the two cannot be told apart; either way nothing is kept, and the
/// run says so rather than report rows as if they were written.
fn discards(file: &std::fs::File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata("/dev/null")) {
        (Ok(f), Ok(null)) => {
            std::os::unix::fs::FileTypeExt::is_char_device(&f.file_type())
                && f.rdev() == null.rdev()
        }
        _ => false,
    }
}

/// Write all of `bytes` to stdout; a reader that went away is not an error worth a message.
fn write_out(stdout: &mut std::fs::File, bytes: &[u8]) -> Result<(), String> {
    match stdout.write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing: {e}")),
        _ => Ok(()),
    }
}

/// Refuse an output that is the input or the policy file, before it is opened for writing
/// (issue 18 item 1: `-o` over the input once emptied it). The same file is the same device
/// and inode, whatever the names (a link, `./`, another path).
fn not_over(output: &str, inputs: &[Option<&str>]) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let Ok(out) = std::fs::metadata(output) else {
        return Ok(());
    };
    for input in inputs.iter().flatten() {
        if let Ok(inp) = std::fs::metadata(input) {
            if (inp.dev(), inp.ino()) == (out.dev(), out.ino()) {
                return Err(format!(
                    "{output}: the output would overwrite the input {input}; write to another file"
                ));
            }
        }
    }
    Ok(())
}

/// The engine of `--policy FILE`, or of the defaults.
fn engine(args: &Args) -> Result<Engine, String> {
    match &args.policy {
        None => Engine::from_value(&serde_json::Value::Null),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Engine::from_json(&text)
        }
    }
    .map_err(|e| policy_error(&e))
}

fn decide(args: &Args, kind: &str, stdout: std::fs::File) -> Result<ExitCode, String> {
    let engine = engine(args)?;
    // An unknown kind stops before any row is read.
    engine
        .evaluate_batch_on(kind, &[], 1)
        .map_err(|e| e.message)?;
    let engine = &engine;

    if let Some(path) = &args.output {
        not_over(path, &[args.input.as_deref(), args.policy.as_deref()])?;
    }
    let from = from_platform(args)?;
    let (reader, size) = rows::open(args.input.as_deref())?;
    let mut input = rows::Rows::new(reader, args.from, engine, kind, args.ignore_unknown_columns)?;
    let mut output = match &args.output {
        Some(path) => std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?,
        None => {
            if discards(&stdout) {
                eprintln!(
                    "kefu: stdout is /dev/null (closed, or sent there): the decisions are not \
                     kept; -o FILE keeps them"
                );
            }
            stdout
        }
    };
    let encoder = write::Encoder::new(args.to, kind, args.lean);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let progress = args.progress && args.input.is_some() && std::io::stderr().is_terminal();
    let writing = |e: std::io::Error| format!("writing: {e}");
    // The reader of the output went away (`| head -1`): stop quietly, as a program killed by
    // SIGPIPE would, with its status (128 + 13); Rust ignores the signal, so it is done here.
    let gone = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    let broken_pipe = ExitCode::from(141);

    let mut header = Vec::new();
    encoder.header(&mut header).map_err(writing)?;
    match output.write_all(&header) {
        Err(e) if gone(&e) => return Ok(broken_pipe),
        other => other.map_err(writing)?,
    }
    let (mut index, mut failed) = (0usize, 0usize);
    let stop = on_signals()?;
    loop {
        if let Some(signal) = stop.signal() {
            eprintln!("kefu {kind}: stopped by signal {signal} after {index} rows, {failed} failed (the output ends at a whole row)");
            return Ok(ExitCode::from(128 + signal));
        }
        let block = input.next_block(BLOCK);
        if block.is_empty() {
            break;
        }
        let columns = input.columns();
        let encoded = in_shares(block, index, threads, |start, part| {
            work(engine, kind, encoder, columns, from.as_ref(), start, part)
        })?;
        for (bytes, rows, bad) in encoded {
            match output.write_all(&bytes) {
                Err(e) if gone(&e) => return Ok(broken_pipe),
                other => other.map_err(writing)?,
            }
            index += rows;
            failed += bad;
        }
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

/// `--from-platform` and `--facts`, checked before any row is read.
fn from_platform(args: &Args) -> Result<Option<rows::FromPlatform>, String> {
    let Some(platform) = &args.from_platform else {
        return Ok(None);
    };
    if args.from == rows::Format::Csv {
        return Err(String::from(
            "--from-platform reads the platform's JSON payloads as JSON Lines, not CSV",
        ));
    }
    let facts = match &args.facts {
        None => serde_json::Value::Null,
        Some(text) => match kefu_core::decode::parse_json(text) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(other) => {
                return Err(format!(
                    "--facts is a JSON object (a partial request), not {other}"
                ))
            }
            Err(e) => return Err(format!("--facts is not JSON: {}", e.message)),
        },
    };
    Ok(Some(rows::FromPlatform {
        platform: platform.clone(),
        facts,
    }))
}

/// `block` (whose first row is row `first` of the input) cut into one contiguous share per
/// thread, `run(start, share)` on each share on its own thread, the answers in order.
pub(crate) fn in_shares<T: Send>(
    block: Vec<rows::Raw>,
    first: usize,
    threads: usize,
    run: impl Fn(usize, Vec<rows::Raw>) -> Result<T, String> + Sync,
) -> Result<Vec<T>, String> {
    let share = block.len().div_ceil(threads.max(1)).max(1);
    let mut parts: Vec<Vec<rows::Raw>> = Vec::new();
    let mut rest = block;
    while rest.len() > share {
        let tail = rest.split_off(share);
        parts.push(rest);
        rest = tail;
    }
    parts.push(rest);
    let run = &run;
    std::thread::scope(|scope| {
        let mut start = first;
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                let at = start;
                start += part.len();
                scope.spawn(move || run(at, part))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(String::from("internal error: a worker stopped")))
            })
            .collect()
    })
}

/// One thread's share of a block: decide and encode. Returns the encoded rows, how many
/// rows, and how many failed.
fn work(
    engine: &Engine,
    kind: &str,
    encoder: write::Encoder,
    columns: Option<&kefu_core::decode::cells::Columns>,
    from: Option<&rows::FromPlatform>,
    start: usize,
    part: Vec<rows::Raw>,
) -> Result<(Vec<u8>, usize, usize), String> {
    let mut out = Vec::with_capacity(part.len() * 512);
    let (rows, mut failed) = (part.len(), 0);
    for (i, raw) in part.into_iter().enumerate() {
        let item = match from {
            Some(from) => rows::decide_platform(engine, kind, from, start + i, raw),
            None => rows::decide(engine, kind, columns, start + i, raw),
        };
        if !item.ok {
            failed += 1;
        }
        encoder
            .row(&item, &mut out)
            .map_err(|e| format!("writing: {e}"))?;
    }
    Ok((out, rows, failed))
}

/// Which signal asked the run to stop, if one did.
pub(crate) struct Stop(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl Stop {
    pub(crate) fn signal(&self) -> Option<u8> {
        match self.0.load(std::sync::atomic::Ordering::SeqCst) {
            0 => None,
            n => Some(u8::try_from(n).unwrap_or(u8::MAX - 128)),
        }
    }
}

/// SIGINT, SIGTERM and SIGHUP stop the run between blocks, never inside one: the block being
/// decided is written whole and the output ends at a whole row (a signal's default action
/// would end the process mid-`write`, leaving half a row). A second signal ends the process at
/// once, for a run blocked reading an input that does not come. SIGKILL cannot be caught: it
/// may cut the last row.
fn on_signals() -> Result<Stop, String> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::flag;
    use std::sync::atomic::{AtomicBool, AtomicUsize};
    use std::sync::Arc;
    let (seen, which) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicUsize::new(0)),
    );
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        let code = u8::try_from(128 + signal).unwrap_or(u8::MAX);
        flag::register_conditional_shutdown(signal, i32::from(code), Arc::clone(&seen))
            .and_then(|_| flag::register(signal, Arc::clone(&seen)))
            .and_then(|_| {
                flag::register_usize(
                    signal,
                    Arc::clone(&which),
                    usize::try_from(signal).unwrap_or(1),
                )
            })
            .map_err(|e| format!("cannot watch signals: {e}"))?;
    }
    Ok(Stop(which))
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
