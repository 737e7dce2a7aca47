//! Reading rows: JSON Lines or CSV, from a file or stdin, a block at a time.

use kefu_core::decode::cells::Columns;
use kefu_core::{BatchItem, Engine, Error as CoreError, ErrorCode};
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How rows are written, in or out. (Here, not with the command line's parser, so the fuzz
/// crate compiles this file alone.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON value per line.
    Jsonl,
    /// A header of field paths (`condition.seal_broken`), then one row per request.
    Csv,
}

/// A reader that counts the bytes it hands out (for the progress line).
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The input (a file, or stdin for `None`/`-`) and its size when it is a file.
pub fn open(path: Option<&str>) -> Result<(Box<dyn Read>, Option<u64>), String> {
    match path {
        None => Ok((Box::new(std::io::stdin().lock()), None)),
        Some(p) => {
            let file = std::fs::File::open(p).map_err(|e| format!("{p}: {e}"))?;
            let size = file.metadata().ok().map(|m| m.len());
            Ok((Box::new(file), size))
        }
    }
}

enum Source {
    Lines(BufReader<Counted<Box<dyn Read>>>),
    Csv(csv::Reader<Counted<Box<dyn Read>>>, Columns),
}

/// A row as read, before it is parsed (parsing happens on the worker threads).
#[derive(Clone)]
pub enum Raw {
    /// A JSON Lines line, without its line end.
    Line(Vec<u8>),
    /// A CSV record.
    Record(csv::StringRecord),
    /// A row that could not be read; it keeps its place.
    Unreadable(CoreError),
}

/// Rows in input order, a block at a time.
pub struct Rows {
    source: Source,
    read: Arc<AtomicU64>,
    done: bool,
    /// Lines read (JSON Lines): a byte order mark is looked for on the first only.
    lines: u64,
}

impl Rows {
    /// Rows of `format`. A CSV header is read and checked here: a column named twice, or
    /// one that is no field of `kind`'s requests (unless `ignore_unknown`, when it is left
    /// out and named on stderr), stops the run before any row is decided.
    pub fn new(
        reader: Box<dyn Read>,
        format: Format,
        engine: &Engine,
        kind: &str,
        ignore_unknown: bool,
    ) -> Result<Rows, String> {
        let read = Arc::new(AtomicU64::new(0));
        let counted = Counted {
            inner: reader,
            read: Arc::clone(&read),
        };
        let source = match format {
            Format::Jsonl => Source::Lines(BufReader::with_capacity(1 << 16, counted)),
            Format::Csv => {
                let mut csv = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .from_reader(counted);
                let header = csv.headers().map_err(|e| format!("the CSV header: {e}"))?;
                let names: Vec<&str> = header.iter().collect();
                let columns = Columns::new(&names).map_err(|e| format!("the CSV header: {e}"))?;
                let unknown = columns.unknown(engine, kind);
                let listed = || {
                    let names = columns.names();
                    unknown
                        .iter()
                        .filter_map(|i| names.get(*i).map(|n| format!("{n:?}")))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let columns = match (unknown.is_empty(), ignore_unknown) {
                    (true, _) => columns,
                    (false, true) => {
                        eprintln!(
                            "kefu: leaving out the columns {} (no {kind} field)",
                            listed()
                        );
                        columns.without(&unknown)
                    }
                    (false, false) => {
                        return Err(format!(
                            "the CSV header: {} {} no field of {kind} requests \
                             (--ignore-unknown-columns leaves such columns out)",
                            listed(),
                            if unknown.len() == 1 { "is" } else { "are" }
                        ))
                    }
                };
                Source::Csv(csv, columns)
            }
        };
        Ok(Rows {
            source,
            read,
            done: false,
            lines: 0,
        })
    }

    /// The CSV header's columns (none for JSON Lines).
    pub fn columns(&self) -> Option<&Columns> {
        match &self.source {
            Source::Csv(_, columns) => Some(columns),
            Source::Lines(_) => None,
        }
    }

    /// Bytes read from the input so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// Up to `n` rows; empty at the end of the input.
    pub fn next_block(&mut self, n: usize) -> Vec<Raw> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n && !self.done {
            match self.next_row() {
                Some(row) => out.push(row),
                None => self.done = true,
            }
        }
        out
    }

    fn next_row(&mut self) -> Option<Raw> {
        loop {
            let row = self.next_line_or_record();
            // A blank JSON Lines line is not a row (a trailing empty line, a spacer).
            if let Some(Raw::Line(line)) = &row {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
            }
            return row;
        }
    }

    fn next_line_or_record(&mut self) -> Option<Raw> {
        match &mut self.source {
            Source::Lines(reader) => {
                self.lines += 1;
                let mut line = Vec::new();
                // A line longer than kefu takes is never held whole: read up to the limit,
                // skip the rest of it, and answer the row with an error in its place.
                let limit = kefu_core::decode::MAX_JSON_BYTES as u64 + 2;
                match std::io::Read::take(&mut *reader, limit).read_until(b'\n', &mut line) {
                    Ok(0) => None,
                    Ok(n) if n as u64 == limit && line.last() != Some(&b'\n') => {
                        Some(skip_rest(reader))
                    }
                    Ok(_) => {
                        while matches!(line.last(), Some(b'\n' | b'\r')) {
                            line.pop();
                        }
                        // A byte order mark (Windows editors write one) is not part of the row.
                        if self.lines == 1 && line.starts_with(b"\xef\xbb\xbf") {
                            line.drain(..3);
                        }
                        Some(Raw::Line(line))
                    }
                    Err(e) => Some(Raw::Unreadable(CoreError::new(
                        ErrorCode::InvalidJson,
                        format!("the line could not be read: {e}"),
                        Some(String::new()),
                    ))),
                }
            }
            Source::Csv(csv, _) => {
                let mut record = csv::StringRecord::new();
                match csv.read_record(&mut record) {
                    Ok(false) => None,
                    Ok(true) => Some(Raw::Record(record)),
                    Err(e) if e.is_io_error() => None,
                    Err(e) => Some(Raw::Unreadable(CoreError::new(
                        ErrorCode::InvalidInput,
                        format!("the CSV row could not be read: {e}"),
                        Some(String::new()),
                    ))),
                }
            }
        }
    }
}

/// Skip the rest of an over-long line (to its newline), and say why the row is not read.
fn skip_rest(reader: &mut impl BufRead) -> Raw {
    loop {
        let (done, used) = match reader.fill_buf() {
            Ok([]) => (true, 0),
            Ok(buf) => match buf.iter().position(|b| *b == b'\n') {
                Some(at) => (true, at + 1),
                None => (false, buf.len()),
            },
            Err(_) => (true, 0),
        };
        reader.consume(used);
        if done {
            break;
        }
    }
    Raw::Unreadable(CoreError::new(
        ErrorCode::InvalidJson,
        format!(
            "a line is limited to {} bytes",
            kefu_core::decode::MAX_JSON_BYTES
        ),
        Some(String::new()),
    ))
}

/// A raw row decided: its batch item, with the request's keys echoed (from the row itself
/// when it could not be decided).
pub fn decide(
    engine: &Engine,
    kind: &str,
    columns: Option<&Columns>,
    index: usize,
    raw: Raw,
) -> BatchItem {
    match raw {
        Raw::Line(bytes) => {
            let request = String::from_utf8(bytes)
                .map_err(|_| {
                    CoreError::new(
                        ErrorCode::InvalidJson,
                        "the line is not UTF-8",
                        Some(String::new()),
                    )
                })
                .and_then(|text| kefu_core::decode::parse_json(&text));
            match request {
                Ok(value) => {
                    let decided = kefu_core::guarded(|| engine.decide(kind, &value));
                    BatchItem::new(index, decided).keyed(kind, Some(&value))
                }
                Err(e) => BatchItem::new(index, Err(e)),
            }
        }
        Raw::Record(record) => {
            let cells: Vec<&str> = record.iter().collect();
            let none = Columns::default();
            let columns = columns.unwrap_or(&none);
            let decided = kefu_core::guarded(|| columns.row(&cells).decide(engine, kind));
            BatchItem::new(index, decided)
                .keyed_by(kind, |path| columns.cell(&cells, path).map(str::to_owned))
        }
        Raw::Unreadable(e) => BatchItem::new(index, Err(e)),
    }
}

/// The progress line on stderr: rows, failures, and how much of the file is read.
pub fn progress(rows: usize, failed: usize, read: u64, size: Option<u64>) {
    let share = size
        .filter(|s| *s > 0)
        .map(|s| format!(", {}%", read.saturating_mul(100) / s))
        .unwrap_or_default();
    eprint!("\r{rows} rows, {failed} failed{share}   ");
}

/// Rows that are a platform's payloads (`--from-platform`), with the shop's facts for all.
pub struct FromPlatform {
    pub platform: String,
    pub facts: serde_json::Value,
}

/// A row read from a platform payload by core (`platforms::read`) and decided: the line is the
/// payload itself, or `{"payload": …, "facts": {…}}` with this row's facts (over `--facts`).
pub fn decide_platform(
    engine: &Engine,
    kind: &str,
    from: &FromPlatform,
    index: usize,
    raw: Raw,
) -> BatchItem {
    let line = match raw {
        Raw::Line(bytes) => String::from_utf8(bytes)
            .map_err(|_| {
                CoreError::new(
                    ErrorCode::InvalidJson,
                    "the line is not UTF-8",
                    Some(String::new()),
                )
            })
            .and_then(|text| kefu_core::decode::parse_json(&text)),
        Raw::Record(_) => Err(CoreError::invalid_input(
            "",
            "platform payloads come as JSON Lines, not CSV",
        )),
        Raw::Unreadable(e) => Err(e),
    };
    let request = line.and_then(|value| {
        let wrapped = value.as_object().filter(|o| o.contains_key("payload"));
        let (payload, facts) = match wrapped {
            Some(o) => (
                o.get("payload").cloned().unwrap_or_default(),
                kefu_core::platforms::merge_facts(
                    &from.facts,
                    o.get("facts").unwrap_or(&serde_json::Value::Null),
                ),
            ),
            None => (value, from.facts.clone()),
        };
        kefu_core::guarded(|| {
            kefu_core::platforms::read(&from.platform, kind, &payload, Some(&facts))
        })
    });
    match request {
        Ok(request) => {
            let decided = kefu_core::guarded(|| engine.decide(kind, &request));
            BatchItem::new(index, decided).keyed(kind, Some(&request))
        }
        Err(e) => BatchItem::new(index, Err(e)),
    }
}
