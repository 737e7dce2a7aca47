//! Reading rows: JSON Lines or CSV, from a file or stdin, a block at a time.

use crate::args::Format;
use kefu_core::{Error as CoreError, ErrorCode};
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

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
    Csv(csv::Reader<Counted<Box<dyn Read>>>, Vec<Vec<String>>),
}

/// A row as read, before it is parsed (parsing happens on the worker threads).
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
}

impl Rows {
    pub fn new(reader: Box<dyn Read>, format: Format) -> Result<Rows, String> {
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
                let paths = header
                    .iter()
                    .map(|h| {
                        h.split(['.', '/'])
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .collect();
                Source::Csv(csv, paths)
            }
        };
        Ok(Rows {
            source,
            read,
            done: false,
        })
    }

    /// The CSV header's field paths (empty for JSON Lines).
    pub fn paths(&self) -> &[Vec<String>] {
        match &self.source {
            Source::Csv(_, paths) => paths,
            Source::Lines(_) => &[],
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
        match &mut self.source {
            Source::Lines(reader) => {
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

/// A raw row as a request, or why it is not one.
pub fn parse(raw: Raw, paths: &[Vec<String>]) -> Result<Value, CoreError> {
    match raw {
        Raw::Line(bytes) => match String::from_utf8(bytes) {
            Ok(text) => kefu_core::decode::parse_json(&text),
            Err(_) => Err(CoreError::new(
                ErrorCode::InvalidJson,
                "the line is not UTF-8",
                Some(String::new()),
            )),
        },
        Raw::Record(record) => Ok(object(paths, &record)),
        Raw::Unreadable(e) => Err(e),
    }
}

/// A CSV row as a request: each cell at its header's path; a cell that is JSON is read as
/// JSON (`1500`, `true`, `[…]`), anything else as text; an empty cell is left out.
fn object(paths: &[Vec<String>], record: &csv::StringRecord) -> Value {
    let mut root = Value::Object(Map::new());
    for (path, cell) in paths.iter().zip(record.iter()) {
        if cell.is_empty() || path.is_empty() {
            continue;
        }
        let value = serde_json::from_str(cell).unwrap_or_else(|_| Value::String(cell.to_owned()));
        let mut at = &mut root;
        for (i, key) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            let Value::Object(map) = at else { break };
            at = map
                .entry(key.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if last {
                *at = value.clone();
            }
        }
    }
    root
}

/// The progress line on stderr: rows, failures, and how much of the file is read.
pub fn progress(rows: usize, failed: usize, read: u64, size: Option<u64>) {
    let share = size
        .filter(|s| *s > 0)
        .map(|s| format!(", {}%", read.saturating_mul(100) / s))
        .unwrap_or_default();
    eprint!("\r{rows} rows, {failed} failed{share}   ");
}
