//! Writing rows: JSON Lines (the batch item as it is) or CSV (the item's main fields, then
//! the whole decision as JSON). Each worker encodes its rows into its own buffer; buffers are
//! written whole, in order, between blocks (see `on_signals` in main.rs for stopping).

use crate::rows::Format;
use kefu_core::BatchItem;
use serde_json::Value;

/// A cell: text as it is, lists of scalars joined by `|`, anything else as JSON.
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(|i| !i.is_object() && !i.is_array()) => items
            .iter()
            .map(|i| cell(Some(i)))
            .collect::<Vec<_>>()
            .join("|"),
        Some(other) => other.to_string(),
    }
}

/// How rows are written: the format, the kind's main fields, and whether the whole decision
/// goes with them (`--lean` leaves it out: a tenth of the bytes for volume jobs).
#[derive(Clone, Copy)]
pub struct Encoder {
    format: Format,
    columns: &'static [&'static str],
    lean: bool,
}

impl Encoder {
    pub fn new(format: Format, kind: &str, lean: bool) -> Encoder {
        Encoder {
            format,
            columns: kefu_core::main_fields(kind),
            lean,
        }
    }

    /// The CSV header row (nothing for JSON Lines).
    pub fn header(&self, out: &mut Vec<u8>) -> std::io::Result<()> {
        if self.format == Format::Csv {
            let mut header = vec!["index", "ok", "error_code", "error_path", "error_message"];
            header.extend_from_slice(self.columns);
            if !self.lean {
                header.push("decision");
            }
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(&header)?;
            csv.flush()?;
        }
        Ok(())
    }

    /// One row, appended to `out`.
    pub fn row(&self, item: &BatchItem, out: &mut Vec<u8>) -> std::io::Result<()> {
        match self.format {
            Format::Jsonl if self.lean => {
                // Core's lean item: the shape of every host's `evaluate_batch(..., lean=True)`.
                serde_json::to_writer(&mut *out, &item.lean())?;
                out.push(b'\n');
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut *out, item)?;
                out.push(b'\n');
            }
            Format::Csv => {
                let decision = item.decision.as_ref();
                let lean = decision.map(kefu_core::Decision::to_lean_json);
                let error = item.error.as_ref();
                let mut record = vec![
                    item.index.to_string(),
                    item.ok.to_string(),
                    error
                        .map(|e| e.code.as_str().to_owned())
                        .unwrap_or_default(),
                    error.and_then(|e| e.path.clone()).unwrap_or_default(),
                    error.map(|e| e.message.clone()).unwrap_or_default(),
                ];
                for column in self.columns {
                    // A row that failed still carries the request's keys.
                    let key = match *column {
                        "id" => item.id.as_deref(),
                        "order_id" => item.order_id.as_deref(),
                        _ => None,
                    };
                    record.push(match key {
                        Some(k) => k.to_owned(),
                        None => cell(lean.as_ref().and_then(|d| d.get(*column))),
                    });
                }
                if !self.lean {
                    record.push(
                        decision
                            .map(|d| d.to_json().to_string())
                            .unwrap_or_default(),
                    );
                }
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(&record)?;
                csv.flush()?;
            }
        }
        Ok(())
    }
}
